"""The five-society linkage index and partner suggestions on small hand-built networks."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from fivesoc.graph.errors import ActorNotFound
from fivesoc.graph.linkage import NotACommunity, linkage_all, linkage_index
from fivesoc.graph.suggestions import suggest_partners


def network(societies: dict[int, str], links: list[tuple[int, int, float]]) -> nx.Graph:
    G = nx.Graph()
    for node in sorted(societies):
        G.add_node(node, society=societies[node])
    for u, v, w in links:
        G.add_edge(u, v, weight=w)
    return G


# Community 1 works with two organizations (2, 3), one volunteer team (4) and, through the
# team, reaches a social worker (5) two links away; no charity resource at all. Community 9
# stands alone. 6 is a second community sharing organization 2.
SOCIETIES = {
    1: "community",
    2: "social_organization",
    3: "social_organization",
    4: "volunteer",
    5: "social_worker",
    6: "community",
    7: "charity_resource",
    9: "community",
}
LINKS = [(1, 2, 2.0), (1, 3, 1.5), (1, 4, 1.0), (4, 5, 1.0), (6, 2, 1.0), (6, 7, 3.0)]


def test_each_society_scored_by_how_it_is_reached() -> None:
    link = linkage_index(network(SOCIETIES, LINKS), 1)
    parts = {p.society: (p.status, p.score, p.partners, p.strength, p.via) for p in link.societies}
    assert parts == {
        "social_organization": ("redundant", 1.0, (2, 3), 3.5, ()),
        "social_worker": ("indirect", 0.25, (), 0.0, (4,)),
        "volunteer": ("single", 0.5, (4,), 1.0, ()),
        "charity_resource": ("missing", 0.0, (), 0.0, ()),
    }
    assert link.index == (1.0 + 0.25 + 0.5 + 0.0) / 4
    assert link.missing == ("social_worker", "charity_resource")
    assert link.single == ("volunteer",)


def test_an_isolated_community_scores_zero_and_a_full_one_one() -> None:
    G = network(SOCIETIES, LINKS)
    assert linkage_index(G, 9).index == 0.0
    assert linkage_index(G, 9).missing == (
        "social_organization",
        "social_worker",
        "volunteer",
        "charity_resource",
    )
    full = network(
        {0: "community", **dict(enumerate(
            ["social_organization", "social_organization", "social_worker", "social_worker",
             "volunteer", "volunteer", "charity_resource", "charity_resource"], start=1))},
        [(0, i, 1.0) for i in range(1, 9)],
    )  # fmt: skip
    assert linkage_index(full, 0).index == 1.0
    assert linkage_index(full, 0).missing == ()


def test_every_community_and_bad_ids() -> None:
    G = network(SOCIETIES, LINKS)
    everyone = linkage_all(G)
    assert list(everyone) == [1, 6, 9]
    # 6: organization 2 and resource 7 (one each); no worker or team within two links.
    assert everyone[6].index == (0.5 + 0.0 + 0.0 + 0.5) / 4
    assert linkage_all(nx.Graph()) == {}
    with pytest.raises(ActorNotFound):
        linkage_index(G, 99)
    with pytest.raises(NotACommunity):
        linkage_index(G, 2)


def test_suggestions_rank_by_shared_partners() -> None:
    G = network(SOCIETIES, LINKS)
    # Community 9 has no partner: nothing to suggest.
    assert suggest_partners(G, 9, "charity_resource") == ()
    # Community 1 lacks charity resources; resource 7's only partner is community 6, not a
    # partner of 1 (7 is three links away): nothing is suggested.
    assert suggest_partners(G, 1, "charity_resource") == ()
    # Organization 3's only partner is community 1, not a partner of community 6.
    assert suggest_partners(G, 6, "social_organization") == ()
    # Add a shared partner: community 1 and resource 7 both work with organization 2 and 3.
    H = network(SOCIETIES, [*LINKS, (2, 7, 1.0), (3, 7, 1.0)])
    (only,) = suggest_partners(H, 1, "charity_resource")
    # deg 2 = 3 (1, 6, 7), deg 3 = 2 (1, 7): 1/ln 3 + 1/ln 2.
    assert only.actor == 7
    assert only.shared == (2, 3)
    assert only.score == pytest.approx(1 / math.log(3) + 1 / math.log(2))


def test_suggestion_ties_go_by_id_and_limit_cuts() -> None:
    # A star: community 0 and organizations 2, 3, 4 all linked to hub 1 only.
    G = network(
        {0: "community", 1: "partner", 2: "social_organization", 3: "social_organization",
         4: "social_organization"},
        [(1, 0, 1.0), (1, 2, 1.0), (1, 3, 1.0), (1, 4, 1.0)],
    )  # fmt: skip
    found = suggest_partners(G, 0, "social_organization", limit=2)
    assert [(s.actor, s.shared) for s in found] == [(2, (1,)), (3, (1,))]
    assert found[0].score == pytest.approx(1 / math.log(4))
    with pytest.raises(ValueError, match="limit must be 1 or more"):
        suggest_partners(G, 0, "volunteer", limit=0)
    with pytest.raises(ActorNotFound):
        suggest_partners(G, 5, "volunteer")

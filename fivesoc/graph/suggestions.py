"""Partner suggestions: actors of a society a community could work with, and why."""

from __future__ import annotations

import dataclasses
import math

import networkx as nx

from fivesoc.graph.errors import ActorNotFound
from fivesoc.kinds import SOCIETIES


@dataclasses.dataclass(frozen=True, slots=True)
class Suggestion:
    """A candidate partner, its Adamic–Adar score, and the shared partners behind it."""

    actor: int
    score: float
    shared: tuple[int, ...]


def suggest_partners(
    G: nx.Graph, community: int, society: str, *, limit: int = 10
) -> tuple[Suggestion, ...]:
    """Actors of `society` not yet linked to `community`, ranked by the Adamic–Adar index.

    score(c, v) = Σ_{z ∈ N(c) ∩ N(v)} 1 / ln(deg z)   (Adamic & Adar 2003, "Friends and
    neighbors on the Web"; networkx `adamic_adar_index`, unweighted). A shared partner with
    few links counts for more than a hub that links everyone. Candidates with no shared
    partner are not suggested. Highest score first, ties by ascending id; each with its
    shared partners by ascending id.

    Raises
    ------
    ActorNotFound
        `community` is not in G.
    ValueError
        `limit` is below 1, or `society` is not one of `SOCIETIES`.

    Examples
    --------
    >>> G = nx.Graph([(1, 2), (2, 3), (2, 4), (4, 5), (1, 5)])
    >>> nx.set_node_attributes(G, {1: "community", 2: "partner", 3: "volunteer",
    ...     4: "volunteer", 5: "partner"}, "society")
    >>> # 4 shares 2 (3 links) and 5 (2 links): 1/ln 3 + 1/ln 2; 3 shares 2 only: 1/ln 3
    >>> [(s.actor, round(s.score, 3), s.shared) for s in suggest_partners(G, 1, "volunteer")]
    [(4, 2.353, (2, 5)), (3, 0.91, (2,))]
    """
    if community not in G:
        raise ActorNotFound(community)
    if society not in SOCIETIES:
        raise ValueError(f"unknown society {society!r}; one of {', '.join(SOCIETIES)}")
    if limit < 1:
        raise ValueError(f"limit must be 1 or more, not {limit}")
    society_of = G.nodes.data("society")
    shared: dict[int, list[int]] = {}
    for partner in G.adj[community]:
        for candidate in G.adj[partner]:
            if (
                candidate != community
                and society_of[candidate] == society
                and candidate not in G.adj[community]
            ):
                shared.setdefault(candidate, []).append(partner)
    ranked = sorted(
        (
            Suggestion(
                actor=candidate,
                score=math.fsum(1 / math.log(G.degree(z)) for z in sorted(through)),
                shared=tuple(sorted(through)),
            )
            for candidate, through in shared.items()
        ),
        key=lambda s: (-s.score, s.actor),
    )
    return tuple(ranked[:limit])

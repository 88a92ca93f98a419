"""The five-society linkage index of a community: which societies it works with, how well.

The Deqing model puts the community at the centre as the platform, with social
organizations as carrier, social workers as support, volunteers as supplement and charity
resources integrated. A community is well linked when it works directly with each of the
four, through more than one actor each, so that losing one partner does not cut it off.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Hashable
from typing import Literal

import networkx as nx

from fivesoc.graph.errors import ActorNotFound
from fivesoc.kinds import FOUR_SOCIETIES

Status = Literal["redundant", "single", "indirect", "missing"]

# Score of each status (see `linkage_index`).
SCORES: dict[str, float] = {"redundant": 1.0, "single": 0.5, "indirect": 0.25, "missing": 0.0}


class NotACommunity(ValueError):
    """The actor is in the network but is not a community."""

    def __init__(self, actor: Hashable) -> None:
        super().__init__(f"actor {actor!r} is not a community")
        self.actor = actor


@dataclasses.dataclass(frozen=True, slots=True)
class SocietyLink:
    """How a community is linked with one society.

    `partners`: the actors of the society it is linked with directly, by ascending id;
    `strength`: the sum of those links' weights; `via`: where there is no direct link, its
    partners through which actors of the society are two links away (by ascending id).
    """

    society: str
    status: Status
    score: float
    partners: tuple[int, ...]
    strength: float
    via: tuple[int, ...]


@dataclasses.dataclass(frozen=True, slots=True)
class Linkage:
    """A community's linkage index with each society's part, and what it lacks.

    `missing`: societies it has no direct link with; `single`: societies it reaches through
    one actor only (losing that actor loses the society).
    """

    community: int
    index: float
    societies: tuple[SocietyLink, ...]
    missing: tuple[str, ...]
    single: tuple[str, ...]


def linkage_index(G: nx.Graph, community: int) -> Linkage:
    """The five-society linkage index of `community` in G.

    For each of the four societies s (social organizations, social workers, volunteers,
    charity resources), with k_s the number of actors of s directly linked to the community:

    - *redundant* (score 1) when k_s ≥ 2;
    - *single* (score 0.5) when k_s = 1: linked, but one loss away from none;
    - *indirect* (score 0.25) when k_s = 0 but an actor of s is two links away;
    - *missing* (score 0) otherwise.

    The index is the mean of the four scores: 0 for an isolated community, 1 when every
    society is linked directly through at least two actors. `strength` (Σ of the direct
    links' weights) is reported beside it, not folded into it, so that the index reads the
    same whatever the scale of the weights. The form follows the structural reading of
    redundancy in Burt (1992), *Structural Holes*, ch. 1: two or more independent contacts
    with a group make access to it robust.

    Raises
    ------
    ActorNotFound
        `community` is not in G.
    NotACommunity
        It is, but its society is not "community".

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_node(1, society="community")
    >>> G.add_node(2, society="social_organization")
    >>> G.add_node(3, society="social_organization")
    >>> G.add_node(4, society="volunteer")
    >>> G.add_node(5, society="social_worker")
    >>> G.add_edge(1, 2, weight=2.0)
    >>> G.add_edge(1, 3, weight=1.0)
    >>> G.add_edge(1, 4, weight=1.0)
    >>> G.add_edge(4, 5, weight=1.0)
    >>> link = linkage_index(G, 1)
    >>> link.index, link.missing, link.single   # (1 + 0.25 + 0.5 + 0) / 4
    (0.4375, ('social_worker', 'charity_resource'), ('volunteer',))
    """
    if community not in G:
        raise ActorNotFound(community)
    if G.nodes[community].get("society") != "community":
        raise NotACommunity(community)
    return _linkage(G, community, dict(G.nodes.data("society")))


def _linkage(G: nx.Graph, community: int, society_of: dict[int, str | None]) -> Linkage:
    adjacency = G.adj[community]
    direct: dict[str, list[int]] = {s: [] for s in FOUR_SOCIETIES}
    strength: dict[str, float] = dict.fromkeys(FOUR_SOCIETIES, 0.0)
    for partner, data in adjacency.items():
        society = society_of[partner]
        if society in direct:
            direct[society].append(partner)
            strength[society] += float(data.get("weight", 1.0))
    via: dict[str, set[int]] = {s: set() for s in FOUR_SOCIETIES if not direct[s]}
    if via:
        for partner in adjacency:
            for other in G.adj[partner]:
                society = society_of[other]
                if society in via and other != community:
                    via[society].add(partner)
    parts = []
    for society in FOUR_SOCIETIES:
        partners = tuple(sorted(direct[society]))
        through = tuple(sorted(via.get(society, ())))
        status: Status
        if len(partners) >= 2:
            status = "redundant"
        elif partners:
            status = "single"
        elif through:
            status = "indirect"
        else:
            status = "missing"
        parts.append(
            SocietyLink(society, status, SCORES[status], partners, strength[society], through)
        )
    return Linkage(
        community=community,
        index=sum(part.score for part in parts) / len(parts),
        societies=tuple(parts),
        missing=tuple(p.society for p in parts if p.status in ("indirect", "missing")),
        single=tuple(p.society for p in parts if p.status == "single"),
    )


def linkage_all(G: nx.Graph) -> dict[int, Linkage]:
    """The linkage index of every community of G, by ascending id.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_node(7, society="community")
    >>> linkage_all(G)[7].index
    0.0
    """
    society_of = dict(G.nodes.data("society"))
    return {
        node: _linkage(G, node, society_of)
        for node in sorted(n for n, s in society_of.items() if s == "community")
    }

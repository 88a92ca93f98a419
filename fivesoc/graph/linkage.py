"""The five-society linkage index of a community: which societies it works with, how well.

The Deqing model puts the community at the centre as the platform, with social
organizations as carrier, social workers as support, volunteers as supplement and charity
resources integrated. A community is well linked when it works directly with each of the
four, through more than one actor each, so that losing one partner does not cut it off.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from typing import Literal

import networkx as nx

from fivesoc.graph._igraph import Indexed
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


def _linkage(G: nx.Graph, community: int, society_of: Mapping[int, str | None]) -> Linkage:
    adjacency = G.adj[community]
    return _linkage_from(
        community,
        ((partner, float(data.get("weight", 1.0))) for partner, data in adjacency.items()),
        lambda partner: G.adj[partner],
        society_of,
    )


def _linkage_from(
    community: int,
    partners: Iterable[tuple[int, float]],
    around: Callable[[int], Iterable[int]],
    society_of: Mapping[int, str | None],
) -> Linkage:
    """The linkage of `community` from its (partner, weight) pairs, each partner's own
    partners (`around`) and each actor's society: the one computation behind
    `linkage_index`, `linkage_all` and `linkage_all_of`, whatever holds the graph."""
    direct: dict[str, list[int]] = {s: [] for s in FOUR_SOCIETIES}
    strength: dict[str, float] = dict.fromkeys(FOUR_SOCIETIES, 0.0)
    listed: list[int] = []
    for partner, weight in partners:
        listed.append(partner)
        found = society_of[partner]
        if found in direct:
            direct[found].append(partner)
            strength[found] += weight
    via: dict[str, set[int]] = {s: set() for s in FOUR_SOCIETIES if not direct[s]}
    if via:
        for partner in listed:
            for other in around(partner):
                found = society_of[other]
                if found in via and other != community:
                    via[found].add(partner)
    parts = []
    for society in FOUR_SOCIETIES:
        linked = tuple(sorted(direct[society]))
        through = tuple(sorted(via.get(society, ())))
        status: Status
        if len(linked) >= 2:
            status = "redundant"
        elif linked:
            status = "single"
        elif through:
            status = "indirect"
        else:
            status = "missing"
        parts.append(
            SocietyLink(society, status, SCORES[status], linked, strength[society], through)
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


def linkage_all_of(ix: Indexed) -> dict[int, Linkage]:
    """`linkage_all` on a graph already converted (see `fivesoc.graph._igraph`): the same
    linkages, read off igraph's adjacency instead of networkx's."""
    g = ix.graph
    actors = ix.actors
    weights = ix.weights
    society_of = _Societies(ix.index, ix.societies)
    incident: list[list[int]] = g.get_inclist()
    adjacency: list[list[int]] = g.get_adjlist()

    def around(actor: int) -> list[int]:
        return [actors[j] for j in adjacency[ix.index[actor]]]

    found = {}
    for i, society in enumerate(ix.societies):
        if society != "community":
            continue
        # Partners in ascending id, as networkx lists them in a graph `build_graph` made.
        partners = sorted(zip(adjacency[i], incident[i], strict=True))
        found[actors[i]] = _linkage_from(
            actors[i], ((actors[j], float(weights[e])) for j, e in partners), around, society_of
        )
    return found


class _Societies(Mapping[int, "str | None"]):
    """Actor id → society, over the converted graph's columns."""

    __slots__ = ("_index", "_societies")

    def __init__(self, index: Mapping[int, int], societies: Sequence[str | None]) -> None:
        self._index = index
        self._societies = societies

    def __getitem__(self, actor: int) -> str | None:
        return self._societies[self._index[actor]]

    def __iter__(self) -> Iterator[int]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)

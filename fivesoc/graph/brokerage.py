"""Who brokers: Burt's constraint and effective size, and Gould–Fernandez brokerage roles.

A broker is an actor whose partners are not partners of each other: it stands in a
structural hole (Burt 1992) and can carry work, money or referrals between them. Constraint
and effective size say how much of that an actor's position allows; the brokerage roles say
between which societies it brokers (Gould & Fernandez 1989), the five societies and the
partners being the groups.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from operator import mul
from typing import Literal

import networkx as nx

from fivesoc.graph._igraph import Indexed, to_igraph
from fivesoc.graph._table import Table

Role = Literal["coordinator", "itinerant", "representative_gatekeeper", "liaison"]
ROLES: tuple[Role, ...] = ("coordinator", "itinerant", "representative_gatekeeper", "liaison")

Measure = Literal["constraint", "effective_size", "brokerage"]
MEASURES: tuple[Measure, ...] = ("constraint", "effective_size", "brokerage")


@dataclasses.dataclass(frozen=True, slots=True)
class Roles:
    """How many pairs of unlinked partners an actor brokers, by role (see `brokerage`)."""

    coordinator: int = 0
    itinerant: int = 0
    representative_gatekeeper: int = 0
    liaison: int = 0

    @property
    def total(self) -> int:
        """All brokered pairs: C(degree, 2) less the linked pairs of partners."""
        return self.coordinator + self.itinerant + self.representative_gatekeeper + self.liaison


@dataclasses.dataclass(frozen=True, slots=True)
class ActorBrokerage:
    """One actor's position: `constraint` and `effective_size` are None for an actor without
    links (undefined; networkx gives NaN)."""

    actor: int
    society: str | None
    degree: int
    constraint: float | None
    effective_size: float | None
    roles: Roles


@dataclasses.dataclass(frozen=True, slots=True)
class Brokerage:
    """Every actor's brokerage by ascending id, the network's role totals, and rankings.

    - `by_constraint`: actors with links, least constrained first;
    - `by_effective_size`: actors with links, largest effective size first;
    - `by_brokerage`: every actor, most brokered pairs first.

    Ties are broken by ascending actor id.
    """

    actors: Mapping[int, ActorBrokerage]
    totals: Roles
    by_constraint: tuple[int, ...]
    by_effective_size: tuple[int, ...]
    by_brokerage: tuple[int, ...]


def brokerage(G: nx.Graph) -> Brokerage:
    """Constraint, effective size and brokerage roles of every actor.

    With w_ij the `weight` of link i–j (1 where absent), s_i = Σ_k w_ik the strength of i,
    p_ij = w_ij / s_i and m_jq = w_jq / max_k w_jk:

    - constraint (Burt 1992): c_i = Σ_{j ∈ N(i)} (p_ij + Σ_{q ∈ N(i) ∩ N(j)} p_iq p_qj)²,
      from 1/degree (partners that do not know each other, equal weights) up to about 1.125
      (a lone partner, or partners all tied to each other). networkx `constraint(G,
      weight="weight")`; computed by igraph `Graph.constraint(weights="weight")`, which
      normalises the summed weights of both directions of each pair by the actor's total, as
      networkx's `normalized_mutual_weight` does, so on a simple undirected graph the two
      compute the same sums (the tests compare them).
    - effective size (Burt 1992; Borgatti 1997): e_i = Σ_{j ∈ N(i)} (1 − Σ_{q ∈ N(i) ∩ N(j)}
      p_iq m_jq), networkx `effective_size(G, weight="weight")`. With equal weights it is
      Borgatti's n − 2t/n, n the partners of i and t the links among them. Only triangles
      add to the inner sums, so it is computed from igraph's `Graph.list_triangles()`.
    - brokerage roles (Gould & Fernandez 1989): for each actor b and each pair of its partners
      a, c that are not linked to each other, the path a – b – c counts for b as
      *coordinator* (a, b, c in one society), *itinerant* (a and c in one society, b in
      another; "consultant"), *representative_gatekeeper* (b shares its society with exactly
      one of a, c) or *liaison* (three different societies). In a directed network the
      representative (b's group sends) and the gatekeeper (b's group receives) differ by the
      direction of flow; the collaboration network is undirected, so the two are one count.
      Groups are the `society` attributes; actors without one form a group of their own.
      Counted from each actor's partners per society (pairs by society combination), less
      the linked pairs, i.e. the triangles through b.

    Examples
    --------
    A social worker (2) links a community (1) and a volunteer team (3); the community also
    works with an organization (4), which the worker knows too:

    >>> G = nx.Graph([(1, 2), (2, 3), (1, 4), (2, 4)])
    >>> nx.set_node_attributes(G, {1: "community", 2: "social_worker", 3: "volunteer",
    ...     4: "social_organization"}, "society")
    >>> b = brokerage(G)
    >>> b.actors[2].roles  # 1 … 3 and 3 … 4; 1 and 4 are linked
    Roles(coordinator=0, itinerant=0, representative_gatekeeper=0, liaison=2)
    >>> round(b.actors[2].effective_size, 4)  # 3 partners, 1 link among them: 3 − 2/3
    2.3333
    >>> b.by_brokerage[:2], b.totals.total
    ((2, 1), 2)
    """
    return brokerage_of(to_igraph(G))


def brokerage_of(ix: Indexed) -> Brokerage:
    """`brokerage` on a graph already converted (see `fivesoc.graph._igraph`)."""
    n = ix.n
    if n == 0:
        return Brokerage(
            actors={}, totals=Roles(), by_constraint=(), by_effective_size=(), by_brokerage=()
        )
    g = ix.graph
    societies = ix.societies
    degrees: list[int] = g.degree()
    raw_constraint: list[float] = g.constraint(weights="weight")
    triangles: list[tuple[int, int, int]] = g.list_triangles() if ix.m else []
    sizes = _effective_sizes(ix, degrees, triangles)
    roles = _roles(g.get_adjlist(), societies, triangles)

    totals = Roles(*(sum(roles[r::4]) for r in range(4)))
    actors = ix.actors
    index = ix.index

    def row(i: int) -> ActorBrokerage:
        linked = degrees[i] > 0
        return ActorBrokerage(
            actor=actors[i],
            society=societies[i],
            degree=degrees[i],
            constraint=float(raw_constraint[i]) if linked else None,
            effective_size=sizes[i] if linked else None,
            roles=Roles(*roles[4 * i : 4 * i + 4]),
        )

    # Vertex i is the i-th actor by ascending id and sorts are stable: ties stay in id order.
    with_links = [i for i in range(n) if degrees[i] > 0]
    less_size = [-s for s in sizes]
    less_total = [-sum(roles[4 * i : 4 * i + 4]) for i in range(n)]
    return Brokerage(
        actors=Table(actors, index, row),
        totals=totals,
        by_constraint=tuple(actors[i] for i in sorted(with_links, key=raw_constraint.__getitem__)),
        by_effective_size=tuple(actors[i] for i in sorted(with_links, key=less_size.__getitem__)),
        by_brokerage=tuple(actors[i] for i in sorted(range(n), key=less_total.__getitem__)),
    )


def ranked(b: Brokerage, measure: Measure, k: int = 10) -> tuple[tuple[int, float], ...]:
    """The first `k` actors by `measure`, as (actor, value), ties by ascending id.

    "constraint" lists the least constrained first, "effective_size" the largest first
    (actors without links are left out of both), "brokerage" the most brokered pairs first.

    Examples
    --------
    >>> ranked(brokerage(nx.star_graph(3)), "brokerage", 2)
    ((0, 3.0), (1, 0.0))
    """
    if measure not in MEASURES:
        raise ValueError(f"unknown measure {measure!r}; one of {', '.join(MEASURES)}")
    if k < 0:
        raise ValueError(f"k must be 0 or more, not {k}")
    if measure == "constraint":
        return tuple((a, float(b.actors[a].constraint or 0.0)) for a in b.by_constraint[:k])
    if measure == "effective_size":
        return tuple((a, float(b.actors[a].effective_size or 0.0)) for a in b.by_effective_size[:k])
    return tuple((a, float(b.actors[a].roles.total)) for a in b.by_brokerage[:k])


def _effective_sizes(
    ix: Indexed, degrees: list[int], triangles: list[tuple[int, int, int]]
) -> list[float]:
    sizes = [float(d) for d in degrees]
    if not triangles:
        return sizes
    g = ix.graph
    weights = ix.weights
    strength: list[float] = g.strength(weights="weight")
    # Only actors on a triangle have redundant partners: their heaviest link, and the weights
    # of the triangles' sides, are all the sums need.
    heaviest = [0.0] * ix.n
    for (a, b), w in zip(ix.edges, weights, strict=True):
        if w > heaviest[a]:
            heaviest[a] = w
        if w > heaviest[b]:
            heaviest[b] = w
    sides: list[int] = g.get_eids(
        [pair for a, b, c in triangles for pair in ((a, b), (b, c), (a, c))]
    )
    redundancy: dict[int, list[float]] = {}
    for t, (a, b, c) in enumerate(triangles):
        ab, bc, ac = weights[sides[3 * t]], weights[sides[3 * t + 1]], weights[sides[3 * t + 2]]
        # ego i, partner j, shared partner q: p_iq · m_jq
        for i, j, iq, jq in (
            (a, b, ac, bc),
            (a, c, ab, bc),
            (b, a, bc, ac),
            (b, c, ab, ac),
            (c, a, bc, ab),
            (c, b, ac, ab),
        ):
            redundancy.setdefault(i, []).append((iq / strength[i]) * (jq / heaviest[j]))
    for i, terms in redundancy.items():
        sizes[i] -= math.fsum(terms)
    return sizes


def _roles(
    adjacency: list[list[int]],
    societies: Sequence[str | None],
    triangles: list[tuple[int, int, int]],
) -> list[int]:
    """Each actor's brokered pairs by role, flat: actor i's count of role r at 4i + r."""
    groups: dict[str | None, int] = {}
    group = [groups.setdefault(s, len(groups)) for s in societies]
    k = len(groups)
    result = [0] * (4 * len(adjacency))
    for b, partners in enumerate(adjacency):
        d = len(partners)
        if d < 2:
            continue
        count = [0] * k
        for x in partners:
            count[group[x]] += 1
        own = count[group[b]]
        others = d - own
        # pairs of partners within one society other than b's: (Σ_h c_h² − d) / 2 − C(own, 2)
        same_other = (sum(map(mul, count, count)) - d) // 2 - own * (own - 1) // 2
        result[4 * b : 4 * b + 4] = (
            own * (own - 1) // 2,
            same_other,
            own * others,
            others * (others - 1) // 2 - same_other,
        )
    for a, b, c in triangles:
        for broker, x, y in ((a, b, c), (b, a, c), (c, a, b)):
            result[4 * broker + _role(group[broker], group[x], group[y])] -= 1
    return result


def _role(gb: int, ga: int, gc: int) -> int:
    """Index in ROLES of the path a – b – c by the groups of a, b and c."""
    if ga == gc:
        return 0 if ga == gb else 1
    if gb in (ga, gc):
        return 2
    return 3

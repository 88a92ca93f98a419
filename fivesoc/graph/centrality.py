"""Who is central: degree, strength, betweenness and PageRank of every actor."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Mapping, Sequence
from typing import Literal

import networkx as nx

from fivesoc.graph._igraph import Indexed, betweenness_from, breadth_first, to_igraph
from fivesoc.graph._table import Table

# Betweenness is exact up to this many actors (a few tenths of a second in igraph); beyond it,
# it is estimated from BETWEENNESS_PIVOTS source actors.
EXACT_BETWEENNESS_NODES = 2000
BETWEENNESS_PIVOTS = 256
PAGERANK_ALPHA = 0.85

Measure = Literal["degree", "strength", "betweenness", "pagerank"]
MEASURES: tuple[Measure, ...] = ("degree", "strength", "betweenness", "pagerank")


@dataclasses.dataclass(frozen=True, slots=True)
class ActorCentrality:
    """One actor's centralities (see `centrality` for the formulas)."""

    actor: int
    degree: int
    strength: float
    betweenness: float
    pagerank: float


@dataclasses.dataclass(frozen=True, slots=True)
class Centrality:
    """Every actor's centralities, by ascending id, and how betweenness was obtained.

    `pivots` is None when betweenness is exact, else the number of sampled source actors.
    `columns` holds each measure's values in the order of `actors`.
    """

    actors: Mapping[int, ActorCentrality]
    pivots: int | None
    seed: int
    columns: Mapping[Measure, Sequence[float]] = dataclasses.field(repr=False, compare=False)
    _orders: dict[Measure, tuple[int, ...]] = dataclasses.field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _ranks: dict[Measure, dict[int, int]] = dataclasses.field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def order(self, measure: Measure) -> tuple[int, ...]:
        """Every actor, highest `measure` first, ties by ascending id; sorted once per
        measure and kept.

        Examples
        --------
        >>> centrality(nx.path_graph(3)).order("betweenness")
        (1, 0, 2)
        """
        if measure not in MEASURES:
            raise ValueError(f"unknown measure {measure!r}; one of {', '.join(MEASURES)}")
        found = self._orders.get(measure)
        if found is None:
            actors = tuple(self.actors)
            less = [-value for value in self.columns[measure]]
            # Actors are in ascending id and the sort is stable: ties stay in id order.
            found = tuple(actors[i] for i in sorted(range(len(less)), key=less.__getitem__))
            self._orders[measure] = found
        return found

    def rank(self, measure: Measure) -> Mapping[int, int]:
        """Each actor's position in `order(measure)`, 0 for the first; made once and kept.

        Sorting any group of actors by it orders them as `order` does, without reading rows.

        Examples
        --------
        >>> sorted([0, 2, 1], key=centrality(nx.path_graph(3)).rank("betweenness").__getitem__)
        [1, 0, 2]
        """
        found = self._ranks.get(measure)
        if found is None:
            found = {actor: r for r, actor in enumerate(self.order(measure))}
            self._ranks[measure] = found
        return found


def centrality(
    G: nx.Graph,
    *,
    seed: int = 0,
    exact_up_to: int = EXACT_BETWEENNESS_NODES,
    pivots: int = BETWEENNESS_PIVOTS,
) -> Centrality:
    """Degree, strength, betweenness and PageRank of every actor.

    - degree: the number of partners; strength: Σ of the weights of the actor's links
      (Barrat et al. 2004; networkx `G.degree(weight="weight")`).
    - betweenness: b(v) = Σ_{s≠v≠t} σ_st(v) / σ_st over shortest paths in hops, normalised
      by 2 / ((n − 1)(n − 2)) as networkx `betweenness_centrality(G)` does (Brandes 2001).
      Exact when n ≤ `exact_up_to` (or n ≤ `pivots`). Beyond, the sources are `pivots`
      actors drawn with `random.Random(seed).sample(sorted(G), pivots)` and the sums rescaled
      as networkx 3.6 `betweenness_centrality(G, k=pivots, seed=seed)` does: a sampled
      source's sum by 1 / ((k − 1)(n − 2)), any other actor's by 1 / (k(n − 2)), counting
      ordered pairs (Brandes & Pich 2007). For a graph whose nodes are in ascending id (as
      `build_graph` makes them) the pivots, and so the values, are networkx's.
    - pagerank: weighted PageRank with damping α = 0.85, isolated actors' rank spread
      uniformly (networkx `pagerank(G, alpha=0.85, weight="weight")`, which it matches within
      networkx's tolerance of 1e-6 per node).

    igraph computes betweenness (`Graph.betweenness(sources=...)`, per-source Brandes
    accumulation, which halves undirected sums: doubled here back to ordered pairs) and
    PageRank (`Graph.pagerank`, PRPACK, solved exactly instead of iterated) on the graph
    converted once; the numbers are networkx's definitions. Sampled betweenness runs on the
    graph renumbered breadth-first (`fivesoc.graph._igraph.breadth_first`), the same graph
    in an order kinder to the memory caches, and is mapped back: the values are the same up
    to the order of floating-point sums (a relative 1e-12).

    Examples
    --------
    >>> c = centrality(nx.path_graph(3))  # 0 – 1 – 2
    >>> c.actors[1].betweenness, c.actors[0].betweenness, c.actors[1].degree
    (1.0, 0.0, 2)
    """
    return centrality_of(to_igraph(G), seed=seed, exact_up_to=exact_up_to, pivots=pivots)


def centrality_of(
    ix: Indexed,
    *,
    seed: int = 0,
    exact_up_to: int = EXACT_BETWEENNESS_NODES,
    pivots: int = BETWEENNESS_PIVOTS,
    processes: int = 1,
) -> Centrality:
    """`centrality` on a graph already converted (see `fivesoc.graph._igraph`); sampled
    betweenness dealt out to `processes` processes (`fivesoc.graph._igraph.betweenness_from`)
    when more than one."""
    if pivots < 2:
        raise ValueError(f"betweenness needs at least 2 pivots, not {pivots}")
    n = ix.n
    if n == 0:
        return Centrality(actors={}, pivots=None, seed=seed, columns=dict.fromkeys(MEASURES, ()))
    g = ix.graph
    degrees: list[int] = g.degree()
    strengths: list[float] = g.strength(weights="weight")
    pageranks: list[float] = g.pagerank(
        directed=False, damping=PAGERANK_ALPHA, weights="weight" if ix.m else None
    )
    sampled = n > exact_up_to and n > pivots
    betweenness = [0.0] * n
    if n > 2 and not sampled:
        scale = 2 / ((n - 1) * (n - 2))
        betweenness = [b * scale for b in g.betweenness(directed=False)]
    elif n > 2:
        pick = random.Random(seed)  # noqa: S311 (reproducible sampling, not secrecy)
        sources = [ix.index[a] for a in pick.sample(ix.actors, pivots)]
        walked, new_of = breadth_first(g)
        renumbered = betweenness_from(walked, [new_of[s] for s in sources], processes)
        raw = [renumbered[new_of[i]] for i in range(n)]
        on_source = 2 / ((pivots - 1) * (n - 2))
        elsewhere = 2 / (pivots * (n - 2))
        is_source = set(sources)
        betweenness = [b * (on_source if i in is_source else elsewhere) for i, b in enumerate(raw)]
    columns: dict[Measure, Sequence[float]] = {
        "degree": degrees,
        "strength": strengths,
        "betweenness": betweenness,
        "pagerank": pageranks,
    }

    actors = ix.actors

    def row(i: int) -> ActorCentrality:
        return ActorCentrality(
            actor=actors[i],
            degree=degrees[i],
            strength=float(strengths[i]),
            betweenness=float(betweenness[i]),
            pagerank=float(pageranks[i]),
        )

    return Centrality(
        actors=Table(actors, ix.index, row),
        pivots=pivots if sampled else None,
        seed=seed,
        columns=columns,
    )


def ranked(c: Centrality, measure: Measure, k: int = 10) -> tuple[tuple[int, float], ...]:
    """The `k` actors highest by `measure`, as (actor, value), ties by ascending id.

    Examples
    --------
    >>> ranked(centrality(nx.star_graph(3)), "degree", 2)
    ((0, 3.0), (1, 1.0))
    """
    if k < 0:
        raise ValueError(f"k must be 0 or more, not {k}")
    return tuple(
        (actor, float(getattr(c.actors[actor], measure))) for actor in c.order(measure)[:k]
    )

"""The network analysis of a generated county (or city) beside igraph and networkx, in one run.

fivesoc's `analyse` keeps networkx as the graph model and runs the heavy loops in igraph on a
graph converted once. The floor is igraph called directly on a graph already converted: what
any analysis in this process must at least spend. Pure networkx on the same graph, with the
same sampling, shows what the conversion saves. All three run here, on the same graph, in the
same process; the figures to keep are the ratios, not the absolute times.

    python bench/network.py --database-url postgresql://…/bench_county
    python bench/network.py --database-url postgresql://…/bench_city --scale city --no-networkx

The database is migrated if it is empty and given the synthetic network of `--scale` and
`--seed` (`fivesoc db generate`; nothing changes if it is there already). Use one database per
scale: the whole database is loaded as one network.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import httpx
import networkx as nx
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

from fivesoc.app import create_app
from fivesoc.db import connect, migrate, synthetic
from fivesoc.db.network import NetworkData, data_version, load_network
from fivesoc.graph._igraph import to_igraph
from fivesoc.graph.analysis import Analysis, analyse
from fivesoc.graph.brokerage import brokerage
from fivesoc.graph.build import build_graph
from fivesoc.graph.centrality import BETWEENNESS_PIVOTS, centrality_of
from fivesoc.graph.clusters import clusters_of
from fivesoc.graph.fragility import fragility_of
from fivesoc.graph.linkage import linkage_all
from fivesoc.graph.summary import summary_of
from fivesoc.settings import Settings

SEED = 0

# What a planner's first screen asks of a whole network: every part of the full analysis.
FULL_ANALYSIS = """
{
  network {
    summary { nodes links density components averageClustering degreeCentralization }
    modularity
    brokerage { total liaison }
    central: nodes(orderBy: BETWEENNESS, first: 10) {
      nodes { label betweenness pagerank constraint cluster }
    }
    brokers: nodes(orderBy: CONSTRAINT, first: 10) { nodes { label effectiveSize } }
    clusters(first: 10) { totalCount nodes { size } }
    bridges(first: 10) { totalCount }
    articulationPoints(first: 10) { totalCount }
    linkages(first: 10) { totalCount nodes { index missing } }
  }
}
"""


def timed(function: Callable[[], Any], repeat: int = 1) -> tuple[float, Any]:
    """The best wall time of `repeat` calls, and the last result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    return best, result


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def through_the_api(url: str, repeat: int) -> tuple[float, list[float]]:
    """FULL_ANALYSIS through the app in this process (ASGI, no sockets): the first request,
    which loads, builds and analyses, then `repeat` more served from the cache."""
    app = create_app(Settings(database_url=url))
    timings: list[float] = []
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as http:
            for _ in range(repeat + 1):
                start = time.perf_counter()
                response = await http.post("/graphql", json={"query": FULL_ANALYSIS})
                timings.append(time.perf_counter() - start)
                body = response.json()
                if response.status_code != 200 or body.get("errors"):
                    raise RuntimeError(f"the API answered {response.status_code}: {body}")
    return timings[0], timings[1:]


async def load(url: str, scale: str, seed: int) -> tuple[NetworkData, tuple[int, int], float]:
    conn = await connect.connect(url)
    try:
        if not await migrate.applied_versions(conn):
            await migrate.migrate(conn)
        generated = await synthetic.generate(conn, scale, seed)
        if generated.loaded:
            print(f"generated {generated.dataset}", file=sys.stderr)
        start = time.perf_counter()
        async with conn.transaction(isolation="repeatable_read", readonly=True):
            version = await data_version(conn)
            data = await load_network(conn)
        return data, version, time.perf_counter() - start
    finally:
        await conn.close()


class Cache:
    """The API's way: one analysis per (data version, seed), computed on first request."""

    def __init__(self) -> None:
        self.entries: dict[tuple[tuple[int, int], int], Analysis] = {}

    def get(self, version: tuple[int, int], G: nx.Graph, seed: int) -> Analysis:
        key = (version, seed)
        if key not in self.entries:
            self.entries[key] = analyse(G, seed=seed)
        return self.entries[key]


def row(name: str, floor: float, ours: float | None, networkx: float | None) -> str:
    def cell(seconds: float | None) -> str:
        return "—" if seconds is None else f"{seconds * 1000:,.0f} ms"

    def ratio(a: float | None, b: float | None) -> str:
        return "—" if a is None or b is None or b == 0 else f"{a / b:,.1f}×"

    return (
        f"| {name} | {cell(floor)} | {cell(ours)} | {cell(networkx)} "
        f"| {ratio(ours, floor)} | {ratio(networkx, ours if ours is not None else floor)} |"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--scale", default="county", choices=["county", "city"])
    parser.add_argument("--seed", type=int, default=7, help="the generated network's seed")
    parser.add_argument("--repeat", type=int, default=3, help="best of this many, warm runs")
    parser.add_argument(
        "--no-networkx", action="store_true", help="skip pure networkx (minutes on a city)"
    )
    args = parser.parse_args()
    if not args.database_url:
        parser.error("give --database-url or set DATABASE_URL")

    data, version, load_s = asyncio.run(load(args.database_url, args.scale, args.seed))
    build_s, G = timed(lambda: build_graph(data.actors, data.links, data.works))
    n, m = G.number_of_nodes(), G.number_of_edges()
    print(f"{args.scale} seed {args.seed}: {n:,} actors, {m:,} links")
    print(f"load_network {load_s * 1000:,.0f} ms, build_graph {build_s * 1000:,.0f} ms")

    rss_before = peak_rss_mib()
    cache = Cache()
    cold_s, result = timed(lambda: cache.get(version, G, SEED))
    rss_after = peak_rss_mib()
    cached_s, again = timed(lambda: cache.get(version, G, SEED))
    assert again is result
    warm_s, _ = timed(lambda: analyse(G, seed=SEED), args.repeat)
    tracemalloc.start()
    analyse(G, seed=SEED)
    _, python_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"analyse: cold {cold_s * 1000:,.0f} ms, warm {warm_s * 1000:,.0f} ms, "
        f"through the cache {cached_s * 1e6:,.1f} µs; peak RSS {rss_after:,.0f} MiB "
        f"(+{rss_after - rss_before:,.0f} MiB during the cold run), "
        f"Python heap peak {python_peak / 2**20:,.0f} MiB"
    )
    print(
        f"betweenness: {'exact' if result.centrality.pivots is None else 'sampled'}"
        f" ({result.centrality.pivots or n} sources); {len(result.clusters.clusters)} clusters,"
        f" modularity {result.clusters.modularity:.4f}; {len(result.fragility.bridges):,} bridges,"
        f" {len(result.fragility.articulation_points):,} cut vertices"
    )

    # `analyse` includes brokerage and every community's linkage index; their own share:
    brokerage_s, _ = timed(lambda: brokerage(G), args.repeat)
    linkage_s, linkages = timed(lambda: linkage_all(G), args.repeat)
    print(
        f"of which brokerage {brokerage_s * 1000:,.0f} ms (with its own conversion), linkage "
        f"of {len(linkages):,} communities {linkage_s * 1000:,.0f} ms; full analysis cold with "
        f"load and build {(load_s + build_s + cold_s) * 1000:,.0f} ms"
    )

    # What a client sees: the whole network through GraphQL, cold (a fresh app) and cached.
    first_s, again_s = asyncio.run(through_the_api(args.database_url, 20))
    print(
        f"through the API: first request {first_s * 1000:,.0f} ms (load, build, analyse); "
        f"then from the cache median {statistics.median(again_s) * 1000:,.1f} ms, "
        f"slowest {max(again_s) * 1000:,.1f} ms of {len(again_s)}"
    )

    # fivesoc, part by part, on one conversion.
    r = args.repeat
    convert_s, ix = timed(lambda: to_igraph(G), r)
    ours = {
        "summary": timed(lambda: summary_of(ix), r)[0],
        "centrality": timed(lambda: centrality_of(ix, seed=SEED), r)[0],
        "clusters": timed(lambda: clusters_of(ix, seed=SEED), r)[0],
        "fragility": timed(lambda: fragility_of(ix), r)[0],
    }

    # The floor: igraph on the converted graph, the same pivots as fivesoc draws.
    g = ix.graph
    k = min(BETWEENNESS_PIVOTS, n)
    pivots = random.Random(SEED).sample(ix.actors, k)  # the pivots fivesoc draws
    sources = [ix.index[a] for a in pivots]
    kernels_ig = {
        "betweenness": timed(lambda: g.betweenness(directed=False, sources=sources), r)[0],
        "pagerank": timed(lambda: g.pagerank(directed=False, weights="weight"), r)[0],
        "louvain": timed(lambda: g.community_multilevel(weights="weight"), r)[0],
        "bridges": timed(lambda: g.bridges(), r)[0],
        "blocks": timed(lambda: g.biconnected_components(return_articulation_points=True), r)[0],
        "components": timed(lambda: g.connected_components(), r)[0],
        "clustering": timed(lambda: g.transitivity_avglocal_undirected(mode="zero"), r)[0],
    }
    kernels_nx: dict[str, float] = {}
    if not args.no_networkx:
        print("pure networkx: this takes a while", file=sys.stderr)
        kernels_nx = {
            "betweenness": timed(lambda: nx.betweenness_centrality(G, k=k, seed=SEED))[0],
            "pagerank": timed(lambda: _pagerank_python(G, alpha=0.85, weight="weight"))[0],
            "louvain": timed(lambda: nx.community.louvain_communities(G, seed=SEED))[0],
            "bridges": timed(lambda: list(nx.bridges(G)))[0],
            "blocks": timed(lambda: list(nx.articulation_points(G)))[0],
            "components": timed(lambda: list(nx.connected_components(G)))[0],
            "clustering": timed(lambda: nx.average_clustering(G))[0],
        }

    def nx_sum(*names: str) -> float | None:
        return sum(kernels_nx[name] for name in names) if kernels_nx else None

    parts = {
        "summary": ("components", "clustering"),
        "centrality": ("betweenness", "pagerank"),
        "clusters": ("louvain",),
        "fragility": ("bridges", "blocks"),
    }
    print()
    print("| step | igraph (floor) | fivesoc | networkx | fivesoc / floor | networkx / fivesoc |")
    print("|---|---:|---:|---:|---:|---:|")
    print(row("conversion to igraph", convert_s, convert_s, None))
    for part, names in parts.items():
        floor = sum(kernels_ig[name] for name in names)
        print(row(f"{part} ({', '.join(names)})", floor, ours[part], nx_sum(*names)))
    floor_all = sum(kernels_ig.values())
    print(row("analyse, warm", floor_all, warm_s, nx_sum(*kernels_ig)))
    print(row("analyse, cold", floor_all, cold_s, nx_sum(*kernels_ig)))
    print()
    print("| kernel | igraph | networkx | networkx / igraph |")
    print("|---|---:|---:|---:|")
    for name in ("betweenness", "louvain", "bridges", "pagerank"):
        label = f"betweenness (k={k})" if name == "betweenness" else name
        theirs = kernels_nx.get(name)
        ratio = "—" if theirs is None else f"{theirs / kernels_ig[name]:,.0f}×"
        cell = "—" if theirs is None else f"{theirs * 1000:,.0f} ms"
        print(f"| {label} | {kernels_ig[name] * 1000:,.0f} ms | {cell} | {ratio} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

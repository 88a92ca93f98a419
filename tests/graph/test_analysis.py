"""analyse bundles the parts, computed on one conversion; every example in the graph modules'
docstrings runs."""

from __future__ import annotations

import doctest
import importlib

import networkx as nx
import pytest

from fivesoc.graph.analysis import analyse
from fivesoc.graph.brokerage import brokerage
from fivesoc.graph.build import build_graph
from fivesoc.graph.centrality import centrality
from fivesoc.graph.clusters import clusters
from fivesoc.graph.fragility import fragility
from fivesoc.graph.linkage import linkage_all
from fivesoc.graph.summary import summary

MODULES = [
    "fivesoc.graph.analysis",
    "fivesoc.graph.build",
    "fivesoc.graph.centrality",
    "fivesoc.graph.clusters",
    "fivesoc.graph.brokerage",
    "fivesoc.graph.export",
    "fivesoc.graph.fragility",
    "fivesoc.graph.linkage",
    "fivesoc.graph.paths",
    "fivesoc.graph.suggestions",
    "fivesoc.graph.summary",
]


def _network() -> nx.Graph:
    """Community 1 works with organization 2 and worker 3 (a triangle); 3 guides team 4;
    community 5 and its team 6 stand apart."""
    return build_graph(
        [
            (1, "community", "community", "A"),
            (2, "organization", "social_organization", "B"),
            (3, "social_worker", "social_worker", "C"),
            (4, "volunteer_team", "volunteer", "D"),
            (5, "community", "community", "E"),
            (6, "volunteer_team", "volunteer", "F"),
        ],
        [
            (1, 2, "partnership", 2.0),
            (1, 3, "employment", 1.0),
            (2, 3, "agreement", 1.0),
            (3, 4, "guidance", 1.0),
            (5, 6, "membership", 1.0),
        ],
    )


def test_parts_are_the_functions_results() -> None:
    G = _network()
    a = analyse(G, seed=3)
    assert a.seed == 3
    assert a.summary == summary(G)
    assert a.centrality == centrality(G, seed=3)
    assert a.clusters == clusters(G, seed=3)
    assert a.fragility == fragility(G)
    assert a.brokerage == brokerage(G)
    assert a.linkage == linkage_all(G)
    # by hand: 5 links, 2 components; 3 is the only cut vertex; 3–4 and 5–6 are bridges
    assert (a.summary.links, a.summary.components) == (5, 2)
    assert a.fragility.articulation_points == (3,)
    assert a.fragility.bridges == ((3, 4), (5, 6))
    assert a.fragility.gateways[1]["volunteer"] == (3, 4)
    assert a.fragility.gateways[5] == {"volunteer": (6,)}


def test_does_not_touch_the_graph() -> None:
    G = _network()
    before = (list(G.nodes(data=True)), [(u, v, dict(d)) for u, v, d in G.edges(data=True)])
    analyse(G)
    assert (list(G.nodes(data=True)), list(G.edges(data=True))) == before


def test_empty_and_single() -> None:
    a = analyse(nx.Graph())
    assert (a.summary.nodes, a.centrality.actors, a.clusters.clusters) == (0, {}, ())
    b = analyse(build_graph([(1, "community", "community", "A")], []))
    assert b.clusters.clusters == ((1,),)
    assert b.fragility.gateways == {1: {}}
    assert b.centrality.actors[1].pagerank == pytest.approx(1.0)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.failed == 0
    assert result.attempted > 0

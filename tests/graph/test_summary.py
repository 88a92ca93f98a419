"""summary on graphs whose figures can be counted by hand."""

from __future__ import annotations

import networkx as nx
import pytest

from fivesoc.graph.build import build_graph
from fivesoc.graph.summary import summary


def _network() -> nx.Graph:
    """Community 1, organization 2, worker 3, volunteer team 4; university 5 and community 6
    on their own.

        1 — 2          edges: 1–2 partnership, 2–3 employment,
         \\ /                 1–3 co_participation + guidance, 3–4 membership
          3 — 4
    """
    return build_graph(
        [
            (1, "community", "community", "A"),
            (2, "organization", "social_organization", "B"),
            (3, "social_worker", "social_worker", "C"),
            (4, "volunteer_team", "volunteer", "D"),
            (5, "university", "partner", "E"),
            (6, "community", "community", "F"),
        ],
        [
            (1, 2, "partnership", 1.0),
            (2, 3, "employment", 1.0),
            (1, 3, "guidance", 1.0),
            (3, 4, "membership", 1.0),
        ],
        [("project:1", 1), ("project:1", 3)],
    )


def test_hand_counted_network() -> None:
    s = summary(_network())
    assert (s.nodes, s.links) == (6, 4)
    assert s.by_society == {
        "community": 2,
        "social_organization": 1,
        "social_worker": 1,
        "volunteer": 1,
        "charity_resource": 0,
        "partner": 1,
    }
    assert s.by_link_kind == {
        "partnership": 1,
        "agreement": 0,
        "co_participation": 1,
        "resource_flow": 0,
        "referral": 0,
        "employment": 1,
        "guidance": 1,
        "membership": 1,
    }
    # 2m / (n(n − 1)) = 8 / 30
    assert s.density == pytest.approx(8 / 30)
    # {1, 2, 3, 4}, {5}, {6}
    assert (s.components, s.largest_component) == (3, 4)
    # local clustering: 1 → 1, 2 → 1, 3 → 1/3 (of its 3 neighbour pairs only 1–2 linked),
    # 4, 5, 6 → 0; mean (1 + 1 + 1/3) / 6 = 7/18
    assert s.average_clustering == pytest.approx(7 / 18)
    # degrees 2, 2, 3, 1, 0, 0; Σ(3 − d) = 1 + 1 + 0 + 2 + 3 + 3 = 10, over (5 · 4)
    assert s.degree_centralization == pytest.approx(0.5)


def test_star_and_cycle_centralization() -> None:
    assert summary(nx.star_graph(4)).degree_centralization == 1.0
    assert summary(nx.cycle_graph(5)).degree_centralization == 0.0
    assert summary(nx.cycle_graph(5)).average_clustering == 0.0
    assert summary(nx.complete_graph(4)).average_clustering == 1.0
    assert summary(nx.complete_graph(4)).density == 1.0


def test_empty_single_and_pair() -> None:
    empty = summary(nx.Graph())
    assert (empty.nodes, empty.links, empty.components, empty.largest_component) == (0, 0, 0, 0)
    assert (empty.density, empty.average_clustering, empty.degree_centralization) == (0, 0, 0)
    assert set(empty.by_society.values()) == {0}
    single = summary(nx.empty_graph([7]))
    assert (single.nodes, single.components, single.largest_component, single.density) == (
        1,
        1,
        1,
        0.0,
    )
    pair = summary(nx.Graph([(1, 2)]))
    # n < 3: no centralization
    assert (pair.density, pair.degree_centralization) == (1.0, 0.0)

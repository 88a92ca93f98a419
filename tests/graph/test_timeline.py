"""The network over time, on three hand-built dated graphs."""

from __future__ import annotations

import datetime as dt
import doctest

import networkx as nx
import pytest

from fivesoc.graph import timeline as module
from fivesoc.graph.timeline import timeline


def network(societies: dict[int, str], links: list[tuple[int, int]]) -> nx.Graph:
    G = nx.Graph()
    for node in sorted(societies):
        G.add_node(node, society=societies[node])
    G.add_edges_from(links)
    return G


# 2022: community 1 and social worker 2, unlinked; community 5 alone.
# 2023: 1–2 linked, volunteer team 3 joins 1; 5 is gone.
# 2024: a second worker 4 joins 1, and community 6 appears, alone.
Y2022 = network({1: "community", 2: "social_worker", 5: "community"}, [])
Y2023 = network({1: "community", 2: "social_worker", 3: "volunteer"}, [(1, 2), (1, 3)])
Y2024 = network(
    {1: "community", 2: "social_worker", 3: "volunteer", 4: "social_worker", 6: "community"},
    [(1, 2), (1, 3), (1, 4)],
)
DATES = (dt.date(2022, 12, 31), dt.date(2023, 12, 31), dt.date(2024, 12, 31))


def test_figures_and_changes_by_hand() -> None:
    first, second, third = timeline(zip(DATES, (Y2022, Y2023, Y2024), strict=True))
    assert [m.date for m in (first, second, third)] == list(DATES)
    assert first.change is None
    assert (first.summary.nodes, first.summary.links, first.summary.components) == (3, 0, 3)
    assert {c: link.index for c, link in first.linkage.items()} == {1: 0.0, 5: 0.0}
    # 2023: 3 actors, 2 links, one component; density 2·2 / (3·2) = 2/3.
    assert second.change is not None
    assert (second.change.nodes, second.change.links, second.change.components) == (0, 2, -2)
    assert second.change.density == pytest.approx(2 / 3)
    # community 1: worker single (0.5) and team single (0.5): (0.5 + 0.5) / 4 = 0.25
    assert second.change.linkage == {1: 0.25}
    assert (second.change.appeared, second.change.disappeared) == ((), (5,))
    # 2024: the worker society becomes redundant (1): (1 + 0.5) / 4 = 0.375, up 0.125.
    assert third.change is not None
    assert third.change.linkage == {1: 0.125}
    assert third.linkage[1].index == 0.375
    assert (third.change.appeared, third.change.disappeared) == ((6,), ())
    # 5 actors, 3 links, components {1, 2, 3, 4} and {6}: from 1 to 2.
    assert (third.change.nodes, third.change.links, third.change.components) == (2, 1, 1)


def test_empty_single_and_bad_order() -> None:
    assert timeline([]) == ()
    (only,) = timeline([(DATES[0], nx.Graph())])
    assert (only.summary.nodes, only.linkage, only.change) == (0, {}, None)
    with pytest.raises(ValueError, match="ascending order"):
        timeline([(DATES[1], Y2022), (DATES[0], Y2023)])
    with pytest.raises(ValueError, match="ascending order"):
        timeline([(DATES[0], Y2022), (DATES[0], Y2023)])
    with pytest.raises(ValueError, match="cannot be mixed"):
        timeline([(DATES[0], Y2022), (dt.datetime(2024, 1, 1, tzinfo=dt.UTC), Y2023)])


def test_does_not_touch_the_graphs() -> None:
    before = list(Y2023.nodes(data=True)), list(Y2023.edges(data=True))
    timeline([(DATES[0], Y2023)])
    assert (list(Y2023.nodes(data=True)), list(Y2023.edges(data=True))) == before


def test_docstring_examples() -> None:
    result = doctest.testmod(module)
    assert result.failed == 0
    assert result.attempted > 0

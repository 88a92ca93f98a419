"""The collector is paused while graphs are built and analysed, and resumed after."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import networkx as nx

from fivesoc.graph._gc import collector_paused
from fivesoc.graph.analysis import analyse
from fivesoc.graph.build import build_graph


def test_resumed_by_the_last_of_overlapping_pauses() -> None:
    started, release = threading.Event(), threading.Event()

    def other_build() -> None:
        with collector_paused():
            started.set()
            release.wait(5)

    thread = threading.Thread(target=other_build)
    thread.start()
    started.wait(5)
    with collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled(), "the other thread's build is still running"
    release.set()
    thread.join(5)
    assert gc.isenabled()


def test_a_collector_switched_off_before_stays_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_build_graph_and_analyse_run_paused() -> None:
    seen: list[bool] = []

    def actors() -> Iterator[tuple[int, str, str, str]]:
        seen.append(gc.isenabled())
        yield (1, "community", "community", "A")
        yield (2, "volunteer_team", "volunteer", "B")

    G = build_graph(actors(), [(1, 2, "membership", 1.0)])
    assert seen == [False]
    assert gc.isenabled()
    assert analyse(G).summary.links == 1
    assert gc.isenabled()
    assert analyse(nx.Graph()).summary.nodes == 0

"""A network stored as columns reads back as the same graph and the same analysis."""

from __future__ import annotations

import dataclasses
import json

from fivesoc.db import analyses, analysis_pages
from fivesoc.graph.analysis import analyse
from fivesoc.graph.measures import MEASURES
from fivesoc.graph.paged import PagedNetwork
from fivesoc.graph.stored import StoredNetwork, columns_of, restore
from tests.graph.test_analysis import _network


def test_restored_analysis_equals_the_computed_one() -> None:
    G = _network()
    computed = analyse(G, seed=0)
    stored = columns_of(G, frozenset({6}), computed)
    # What goes into jsonb comes back through JSON as it went in.
    stored_facts = json.loads(json.dumps(stored.facts))
    assert stored_facts == stored.facts
    H, boundary, restored = restore(stored)
    assert boundary == frozenset({6})
    assert list(H.nodes(data=True)) == list(G.nodes(data=True))
    assert sorted((u, v, d["weight"], d["kinds"]) for u, v, d in H.edges(data=True)) == sorted(
        (min(u, v), max(u, v), d["weight"], d["kinds"]) for u, v, d in G.edges(data=True)
    )
    assert restored == computed
    # by hand: actors 1..6 in order; 3 is the one cut vertex; 1–2 weighs 2
    assert stored.actor_ids == [1, 2, 3, 4, 5, 6]
    assert stored.facts["articulation_points"] == [3]
    assert stored.link_weights[stored.link_sources.index(1)] == 2.0
    assert restored.centrality.order("betweenness")[0] == 3


def test_each_measure_has_its_column_in_both_stored_forms() -> None:
    # One declaration of the measures (`ActorMeasures`); the database's map of their
    # columns, and both stored forms, name exactly those eleven.
    assert MEASURES == (
        "degree", "strength", "betweenness", "pagerank", "cluster", "constraint",
        "effective_size", "coordinator", "itinerant", "representative_gatekeeper", "liaison",
    )  # fmt: skip
    assert tuple(analyses.ACTOR_MEASURES) == MEASURES
    assert analyses.ACTOR_MEASURES["constraint"] == "burt_constraint"  # a reserved word in SQL
    for form in (StoredNetwork, PagedNetwork):
        names = [field.name for field in dataclasses.fields(form)]
        assert [name for name in names if name in MEASURES] == list(MEASURES)
    assert set(MEASURES) <= set(analysis_pages.ACTOR_COLUMNS)
    assert set(MEASURES) <= set(analyses.COLUMNS)

"""Partner suggestions: Adamic–Adar scores worked out by hand, bad arguments named."""

from __future__ import annotations

import doctest
import math

import networkx as nx
import pytest

from fivesoc.graph import suggestions as module
from fivesoc.graph.suggestions import suggest_partners


def test_a_rare_shared_partner_counts_more_than_a_hub() -> None:
    # Community 1 works with hub 2 (linked to 1, 3, 4, 5, 6: degree 5) and worker 7 (linked
    # to 1 and 4: degree 2). Volunteer teams 3, 4, 5 sit behind them; 6 is a volunteer team
    # already linked to 1, so never suggested; 8 is a team with no shared partner.
    G = nx.Graph([(1, 2), (2, 3), (2, 4), (2, 5), (2, 6), (1, 6), (1, 7), (7, 4), (8, 9)])
    societies = {1: "community", 2: "partner", 7: "social_worker", 9: "partner"}
    societies |= dict.fromkeys((3, 4, 5, 6, 8), "volunteer")
    nx.set_node_attributes(G, societies, "society")
    found = suggest_partners(G, 1, "volunteer")
    # 4: 1/ln 5 + 1/ln 2 ≈ 2.064; 3 and 5: 1/ln 5 ≈ 0.621 each, tied, by id.
    assert [(s.actor, s.shared) for s in found] == [(4, (2, 7)), (3, (2,)), (5, (2,))]
    assert found[0].score == pytest.approx(1 / math.log(5) + 1 / math.log(2))
    assert found[1].score == found[2].score == pytest.approx(1 / math.log(5))
    assert [s.actor for s in suggest_partners(G, 1, "volunteer", limit=2)] == [4, 3]
    # Same as networkx's index for each suggested pair.
    for s in found:
        ((_, _, score),) = nx.adamic_adar_index(G, [(1, s.actor)])
        assert s.score == pytest.approx(score)


def test_bad_arguments_are_named() -> None:
    G = nx.Graph([(1, 2)])
    nx.set_node_attributes(G, {1: "community", 2: "partner"}, "society")
    with pytest.raises(ValueError, match="unknown society 'volunteers'"):
        suggest_partners(G, 1, "volunteers")
    with pytest.raises(ValueError, match="limit must be 1 or more"):
        suggest_partners(G, 1, "volunteer", limit=0)
    assert suggest_partners(G, 1, "volunteer") == ()


def test_docstring_examples() -> None:
    result = doctest.testmod(module)
    assert result.failed == 0
    assert result.attempted > 0

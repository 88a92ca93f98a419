"""The graph layer's own errors: a missing actor, no path between two actors.

They subclass networkx's (`networkx.NodeNotFound`, `networkx.NetworkXNoPath`), so a caller that
already catches those keeps working.
"""

from __future__ import annotations

import networkx as nx


class ActorNotFound(nx.NodeNotFound):  # type: ignore[misc]
    """The actor is not a node of the graph."""

    def __init__(self, actor: object) -> None:
        super().__init__(f"actor {actor!r} is not in the network")
        self.actor = actor


class NoPath(nx.NetworkXNoPath):  # type: ignore[misc]
    """No chain of links joins the two actors."""

    def __init__(self, source: int, target: int) -> None:
        super().__init__(f"no path joins actor {source} and actor {target}")
        self.source = source
        self.target = target

"""A stored network analysis read by pages: one row per actor (`network_analysis_actor`).

A worker stores a network too large for a server to restore (`fivesoc.graph.paged`) as its
`network_analysis` row, holding the network-wide figures only, and one row per actor with
its place in each ranking the API lists; an index on (analysis, place) per ranking makes a
page one index range. A server reads the row's header, then the pages and actors asked for.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from fivesoc.db.analyses import ACTOR_MEASURES, Version, insert
from fivesoc.db.network import Conn

# The per-actor columns by the graph layer's names (`fivesoc.graph.paged.PagedNetwork`);
# `constraint` is a reserved word in SQL.
ACTOR_COLUMNS: dict[str, str] = {
    "actor_id": "actor_id",
    "kind": "kind",
    "society": "society",
    "label": "label",
    "boundary": "boundary",
    "articulation_point": "articulation_point",
    **ACTOR_MEASURES,
    "by_id": "by_id",
    "by_degree": "by_degree",
    "by_strength": "by_strength",
    "by_betweenness": "by_betweenness",
    "by_pagerank": "by_pagerank",
    "by_constraint": "by_constraint",
    "by_effective_size": "by_effective_size",
    "by_brokerage": "by_brokerage",
    "linkage": "linkage",
    "by_linkage": "by_linkage",
}
# What a page shows of an actor: every column but its places and linkage.
SHOWN = [name for name in ACTOR_COLUMNS if not name.startswith("by_") and name != "linkage"]
SHOWN_SQL = ", ".join(ACTOR_COLUMNS[name] for name in SHOWN)
# The rankings an actor has a place in, by the API's name of the order.
PLACES = ("id", "degree", "strength", "betweenness", "pagerank", "constraint",
          "effective_size", "brokerage")  # fmt: skip

# $1 key, $2 events version, $3 datasets version. Whether the analysis is stored whole, its
# id and actors; the network-wide figures only when it is not (then they are small).
HEADER = """
select id, whole, actors, case when whole then null else facts::text end
from network_analysis
where request_key = $1 and events_version = $2 and datasets_version = $3
"""

_SELECT = f"select {SHOWN_SQL} from network_analysis_actor where analysis_id = $1 and "  # noqa: S608
# $1 analysis id, $2 first place, $3 how many. A page of one ranking, by place.
PAGE = {order: _SELECT + f"by_{order} >= $2 order by by_{order} limit $3" for order in PLACES}
# $1 analysis id, $2 how many to skip, $3 how many, $4 society. A page of one ranking among
# the actors of one society.
SOCIETY_PAGE = {
    order: _SELECT + f"society = $4 order by by_{order} offset $2 limit $3" for order in PLACES
}
# $1 analysis id, $2 actor ids.
ACTORS = _SELECT + "actor_id = any($2::bigint[])"
# $1 analysis id, $2 first place, $3 how many. Communities by linkage index, weakest first.
LINKAGE_PAGE = """
select actor_id, linkage::text from network_analysis_actor
where analysis_id = $1 and by_linkage >= $2 order by by_linkage limit $3
"""
# After a store: statistics of the rows just written, so that the planner reads a page by
# its ranking's index and actors by the primary key at once, not after autovacuum has been.
ANALYZE = "analyze network_analysis_actor"
# $1 analysis id, $2 community id.
LINKAGE = """
select linkage::text from network_analysis_actor where analysis_id = $1 and actor_id = $2
"""


@dataclasses.dataclass(frozen=True, slots=True)
class Header:
    """A stored analysis: its id, whether it is stored whole (restored by a server) or by
    actor rows, how many actors it has, and (by rows only) its network-wide figures."""

    id: int
    whole: bool
    actors: int | None
    facts: dict[str, Any] | None


@dataclasses.dataclass(frozen=True, slots=True)
class StoredActor:
    """One actor's row, by the graph layer's names (see `fivesoc.graph.paged`)."""

    actor_id: int
    kind: str
    society: str
    label: str
    boundary: bool
    articulation_point: bool
    degree: int
    strength: float
    betweenness: float
    pagerank: float
    cluster: int | None
    constraint: float | None
    effective_size: float | None
    coordinator: int
    itinerant: int
    representative_gatekeeper: int
    liaison: int


async def store(
    conn: Conn,
    key: str,
    version: Version,
    seconds: float,
    worker: str,
    columns: Mapping[str, Sequence[Any]],
    facts: Mapping[str, Any],
) -> bool:
    """Store an analysis of `key` at `version` by actor rows (`columns`, by the names of
    `ACTOR_COLUMNS`) and its network-wide `facts`; False (and nothing written) when one is
    stored already. The caller owns the transaction."""
    actors = len(columns["actor_id"])
    found = await insert(conn, key, version, seconds, worker, {"facts": dict(facts)}, actors=actors)
    if found is None:
        return False
    await conn.copy_records_to_table(
        "network_analysis_actor",
        records=_records(found, columns),
        columns=["analysis_id", *ACTOR_COLUMNS.values()],
    )
    await conn.execute(ANALYZE)
    return True


def _records(analysis_id: int, columns: Mapping[str, Sequence[Any]]) -> Iterator[tuple[Any, ...]]:
    linkage = columns["linkage"]
    rest = [columns[name] for name in ACTOR_COLUMNS]
    at = list(ACTOR_COLUMNS).index("linkage")
    for i in range(len(linkage)):
        row = [column[i] for column in rest]
        if row[at] is not None:
            row[at] = json.dumps(row[at])
        yield (analysis_id, *row)


async def header(conn: Conn, key: str, version: Version) -> Header | None:
    """The stored analysis of `key` at `version`, if there is one (its arrays unread)."""
    row = await conn.fetchrow(HEADER, key, *version)
    if row is None:
        return None
    return Header(
        id=int(row[0]),
        whole=bool(row[1]),
        actors=None if row[2] is None else int(row[2]),
        facts=None if row[3] is None else json.loads(row[3]),
    )


async def page(
    conn: Conn, analysis_id: int, order: str, start: int, size: int, society: str | None = None
) -> list[StoredActor]:
    """The actors at places `start` … `start + size - 1` of ranking `order` (one of
    `PLACES`); with `society`, of the ranking of that society's actors alone."""
    if society is None:
        rows = await conn.fetch(PAGE[order], analysis_id, start, size)
    else:
        rows = await conn.fetch(SOCIETY_PAGE[order], analysis_id, start, size, society)
    return [StoredActor(*row) for row in rows]


async def actors(conn: Conn, analysis_id: int, keys: Sequence[int]) -> dict[int, StoredActor]:
    """The rows of the actors `keys` (those of the network), by id."""
    rows = await conn.fetch(ACTORS, analysis_id, list(keys))
    return {int(row[0]): StoredActor(*row) for row in rows}


async def linkage_page(conn: Conn, analysis_id: int, start: int, size: int) -> list[dict[str, Any]]:
    """The linkage of the communities at places `start` … `start + size - 1`, weakest
    first (as `fivesoc.graph.stored.linkage_facts` gives them)."""
    rows = await conn.fetch(LINKAGE_PAGE, analysis_id, start, size)
    return [json.loads(row[1]) for row in rows]


async def linkage(conn: Conn, analysis_id: int, community: int) -> dict[str, Any] | None:
    """One community's linkage; None when it is no community of the network."""
    found = await conn.fetchval(LINKAGE, analysis_id, community)
    return None if found is None else dict(json.loads(found))

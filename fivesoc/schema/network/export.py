"""A scoped network as a file: GraphML, GEXF (Gephi) or node-link JSON (d3, Cytoscape).

The HTTP route and `fivesoc network export` both name the network with the same words as the
GraphQL `network` field: a scope (region or community and radius), a window and link kinds;
the region or community by its global id or by its name (`fivesoc.schema.network.named`).
Each actor carries its global id, name, society, kind, whether it lies on the boundary, and
its metrics from the network's one cached analysis (`fivesoc.graph.export.ACTOR_COLUMNS`);
each link its weight, kinds and whether it is a bridge.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import gzip
import json
from collections.abc import Callable, Collection, Mapping

import asyncpg
import networkx as nx
from strawberry import relay

from fivesoc.graph.export import Pair, Value, actor_attributes, to_gexf, to_graphml, to_node_link
from fivesoc.schema.errors import NetworkTooLarge, UserInputError
from fivesoc.schema.network.inputs import (
    NetworkRequest,
    NetworkScope,
    NetworkWindow,
    parse_request,
)
from fivesoc.schema.network.named import Scope, named_scope
from fivesoc.schema.network.service import NetworkCache
from fivesoc.schema.network.types import actor_id
from fivesoc.schema.pagination import MAX_KEY
from fivesoc.schema.types.enums import LinkKind

Actors = Mapping[int, Mapping[str, Value]]


def _json(graph: nx.Graph, actors: Actors, bridges: Collection[Pair]) -> bytes:
    document = to_node_link(graph, actors, bridges)
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()


# Format name → (media type, file suffix, writer of the graph, its actors' columns, its bridges).
FORMATS: dict[str, tuple[str, str, Callable[[nx.Graph, Actors, Collection[Pair]], bytes]]] = {
    "graphml": ("application/graphml+xml", "graphml", to_graphml),
    "gexf": ("application/gexf+xml", "gexf", to_gexf),
    "json": ("application/json", "json", _json),
}


# How hard the files kept with a network are compressed: a county's JSON of 12 MB keeps in
# about 1.5 MB, written in a fraction of the time the file itself takes.
GZIP_LEVEL = 6


@dataclasses.dataclass(frozen=True, slots=True)
class ExportedNetwork:
    """An exported network, gzip-compressed, with its media type and a file name."""

    gzipped: bytes
    media_type: str
    filename: str

    @property
    def content(self) -> bytes:
        """The file itself."""
        return gzip.decompress(self.gzipped)


async def parse_export(pool: asyncpg.Pool, params: Mapping[str, str]) -> tuple[NetworkRequest, str]:
    """A network request and format from text parameters (a query string or the command line).

    `format` (graphml, gexf or json), `region` or `community` (a global id or an exact name)
    with `radius`, `asOf` or `start`/`end` (ISO dates), `kinds` (comma-separated link kinds).
    Every parameter is checked before a name is looked up in the database (`pool`).
    """
    fmt = params.get("format", "graphml")
    if fmt not in FORMATS:
        raise UserInputError(
            f"`format` must be one of {', '.join(FORMATS)}, got {fmt!r}", argument="format"
        )
    radius = _integer(params, "radius", 2)
    window = NetworkWindow(
        as_of=_date(params, "asOf"), start=_date(params, "start"), end=_date(params, "end")
    )
    kinds = None
    if params.get("kinds"):
        try:
            kinds = [LinkKind(kind.strip()) for kind in params["kinds"].split(",")]
        except ValueError as error:
            choices = ", ".join(str(kind.value) for kind in LinkKind)
            raise UserInputError(
                f"`kinds` must be a comma-separated list of {choices}", argument="kinds"
            ) from error
    if params.get("region") and params.get("community"):
        raise UserInputError(
            "name a region or a community as the scope, not both", argument="scope"
        )
    scope = NetworkScope(
        region=await _scope(pool, params, "region"),
        community=await _scope(pool, params, "community"),
        radius=radius,
    )
    return parse_request(scope, window, kinds), fmt


async def export_network(
    cache: NetworkCache, request: NetworkRequest, fmt: str, *, new_window: bool = True
) -> ExportedNetwork:
    """The network of `request`, written in `fmt` (see `NetworkCache.get` for `new_window`),
    each actor with its metrics from the network's cached analysis.

    The file is written once per network and format, in a thread, and kept compressed with
    the network: every later export of it until the next write costs no work.
    """
    if cache.queue is not None:  # a network no server holds is refused before it is queued
        actors = await cache.scope_actors(request.region_id, request.community_id)
        if actors > cache.max_actors:
            raise NetworkTooLarge(actors, cache.max_actors)
    computed = await cache.get(request, new_window=new_window)
    analysis = await computed.analysis()
    media_type, suffix, write = FORMATS[fmt]

    def written(graph: nx.Graph) -> bytes:
        ids = {key: str(actor_id(kind, key)) for key, kind in graph.nodes(data="kind")}
        actors = actor_attributes(graph, analysis, boundary=computed.boundary, global_ids=ids)
        content = write(graph, actors, analysis.fragility.bridge_set)
        return gzip.compress(content, compresslevel=GZIP_LEVEL, mtime=0)

    writing = computed.kept(("export", fmt), lambda: asyncio.ensure_future(computed.run(written)))
    gzipped = await asyncio.shield(writing)
    return ExportedNetwork(gzipped, media_type, f"fivesoc-network-{request.label}.{suffix}")


async def _scope(
    pool: asyncpg.Pool, params: Mapping[str, str], name: Scope
) -> relay.GlobalID | None:
    value = params.get(name)
    if not value:
        return None
    return await named_scope(pool, name, value)


def _integer(params: Mapping[str, str], name: str, default: int) -> int:
    value = params.get(name)
    if value is None or value == "":
        return default
    if not (value.isascii() and value.isdigit()) or int(value) > MAX_KEY:
        raise UserInputError(
            f"`{name}` must be a whole number up to {MAX_KEY}, got {value!r}", argument=name
        )
    return int(value)


def _date(params: Mapping[str, str], name: str) -> dt.date | None:
    value = params.get(name)
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise UserInputError(
            f"`{name}` must be a date as YYYY-MM-DD, got {value!r}", argument=name
        ) from error

"""A scoped network as a file: GraphML, GEXF (Gephi) or node-link JSON (d3, Cytoscape).

The HTTP route and `fivesoc network export` both name the network with the same words as the
GraphQL `network` field: a scope (region or community and radius), a window and link kinds.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Mapping

import networkx as nx
from strawberry import relay

from fivesoc.graph.export import to_gexf, to_graphml, to_node_link
from fivesoc.schema.errors import UserInputError
from fivesoc.schema.network.inputs import (
    NetworkRequest,
    NetworkScope,
    NetworkWindow,
    parse_request,
)
from fivesoc.schema.network.service import NetworkCache
from fivesoc.schema.pagination import MAX_KEY
from fivesoc.schema.types.enums import LinkKind


def _json(graph: nx.Graph) -> bytes:
    return json.dumps(to_node_link(graph), ensure_ascii=False, indent=1).encode()


# Format name → (media type, file suffix, writer).
FORMATS: dict[str, tuple[str, str, Callable[[nx.Graph], bytes]]] = {
    "graphml": ("application/graphml+xml", "graphml", to_graphml),
    "gexf": ("application/gexf+xml", "gexf", to_gexf),
    "json": ("application/json", "json", _json),
}


@dataclasses.dataclass(frozen=True, slots=True)
class ExportedNetwork:
    """The bytes of an exported network, with its media type and a file name."""

    content: bytes
    media_type: str
    filename: str


def parse_export(params: Mapping[str, str]) -> tuple[NetworkRequest, str]:
    """A network request and format from text parameters (a query string or the command line).

    `format` (graphml, gexf or json), `region` or `community` (global ids) with `radius`,
    `asOf` or `start`/`end` (ISO dates), `kinds` (comma-separated link kinds).
    """
    fmt = params.get("format", "graphml")
    if fmt not in FORMATS:
        raise UserInputError(
            f"`format` must be one of {', '.join(FORMATS)}, got {fmt!r}", argument="format"
        )
    scope = NetworkScope(
        region=_global_id(params, "region"),
        community=_global_id(params, "community"),
        radius=_integer(params, "radius", 2),
    )
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
    return parse_request(scope, window, kinds), fmt


async def export_network(
    cache: NetworkCache, request: NetworkRequest, fmt: str, *, new_window: bool = True
) -> ExportedNetwork:
    """The network of `request`, written in `fmt` (see `NetworkCache.get` for `new_window`)."""
    computed = await cache.get(request, new_window=new_window)
    media_type, suffix, write = FORMATS[fmt]
    content = await computed.run(write)
    return ExportedNetwork(content, media_type, f"fivesoc-network-{request.label}.{suffix}")


def _global_id(params: Mapping[str, str], name: str) -> relay.GlobalID | None:
    value = params.get(name)
    if not value:
        return None
    try:
        return relay.GlobalID.from_id(value)
    except Exception as error:  # strawberry raises several kinds for a malformed id
        raise UserInputError(f"`{name}` is not a global id: {value!r}", argument=name) from error


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

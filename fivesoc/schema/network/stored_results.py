"""The `network` fields a network read by pages answers: its ranked actors and its
communities' linkage, each page read from the stored rows (`fivesoc.schema.network.pages`)
and shown as the same API types, with the same cursors (positions in the same lists), as a
network held in memory gives."""

from __future__ import annotations

from collections.abc import Callable

from strawberry import relay

from fivesoc.graph.linkage import Linkage as GraphLinkage
from fivesoc.schema.context import Info
from fivesoc.schema.errors import UserInputError
from fivesoc.schema.network import results
from fivesoc.schema.network.pages import StoredPages
from fivesoc.schema.network.paging import ListConnection, connection, window_of
from fivesoc.schema.network.types import Linkage, NetworkNode
from fivesoc.schema.types.common import row_key


async def stored_nodes(
    info: Info,
    pages: StoredPages,
    order: str,
    society: str | None,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
) -> ListConnection[NetworkNode]:
    """A page of the actors ranked by `order` (of `society` alone, if given)."""
    window = window_of(
        info, pages.count(society), first=first, after=after, last=last, before=before
    )
    rows = await pages.page(order, window.lo, window.hi - window.lo, society)
    return connection(window, [(row.actor_id, results.stored_node(row)) for row in rows])


async def stored_linkages(
    info: Info,
    pages: StoredPages,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
) -> ListConnection[Linkage]:
    """A page of the communities' linkage, weakest first."""
    window = window_of(
        info, pages.count("community"), first=first, after=after, last=last, before=before
    )
    found = await pages.linkages(window.lo, window.hi - window.lo)
    shown = await _shown(pages, found)
    return connection(window, [(link.community, shown(link)) for link in found])


async def stored_linkage(pages: StoredPages, community: relay.GlobalID) -> Linkage:
    """One community's linkage, `community` a global id."""
    key = row_key(community.node_id) if community.type_name in results.KIND_OF_TYPE else None
    found = None if key is None else await pages.linkage(key)
    if found is None:
        raise UserInputError(
            "`community` must be the id of a community of this network", argument="community"
        )
    return (await _shown(pages, [found]))(found)


async def _shown(
    pages: StoredPages, found: list[GraphLinkage]
) -> Callable[[GraphLinkage], Linkage]:
    """How to show each of `found`, its actors' rows read at once."""
    keys = {link.community for link in found}
    for link in found:
        for part in link.societies:
            keys.update(part.partners)
            keys.update(part.via)
    rows = await pages.actors_of(sorted(keys))
    nodes = {key: results.stored_node(row) for key, row in rows.items()}
    return lambda link: results.linkage_of(link, nodes.__getitem__)

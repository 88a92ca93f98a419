"""A region or community given by its name where the export awaits a global id.

`fivesoc network export --region 德清县` and `/network/export?community=干丰社区` name their
scope as people do. A value that is a global id is taken as one; anything else is a name,
looked up exactly (no aliases: the data holds none). A name that matches nothing, or several
places (two communities of one name in different regions), is refused with a message that
lists the candidates with their regions and global ids, to choose from. The GraphQL `network`
field keeps global ids.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Literal

import asyncpg
from strawberry import relay

from fivesoc.db import names
from fivesoc.db.network import Conn
from fivesoc.schema.errors import UserInputError

Scope = Literal["region", "community"]

# Candidates listed when a name is ambiguous; beyond them the message says how many more.
MAX_CANDIDATES = 10

_LOOKUP: dict[Scope, tuple[str, str, Callable[[Conn, str], Awaitable[tuple[names.Named, ...]]]]] = {
    "region": ("Region", "regions", names.regions_named),
    "community": ("Community", "communities", names.communities_named),
}


def is_global_id(value: str) -> bool:
    """Whether `value` reads as a global id (base64 of `Type:key`)."""
    try:
        relay.GlobalID.from_id(value)
    except Exception:  # strawberry raises several kinds for a malformed id
        return False
    return True


async def named_scope(pool: asyncpg.Pool, scope: Scope, value: str) -> relay.GlobalID:
    """The global id `value` is, or else the one of the region (or community) named `value`.

    Raises
    ------
    UserInputError
        Nothing is named so, or several are (the message lists them), with `argument` the
        parameter's name.
    """
    if is_global_id(value):
        return relay.GlobalID.from_id(value)
    type_name, plural, lookup = _LOOKUP[scope]
    async with pool.acquire() as conn:
        found = await lookup(conn, value)
    if not found:
        raise UserInputError(
            f"no {scope} is named {value!r}: give its exact name or its global id",
            argument=scope,
        )
    if len(found) > 1:
        listed = "; ".join(
            f"{relay.GlobalID(type_name, str(each.key))} ({'/'.join(each.place)})"
            for each in found[:MAX_CANDIDATES]
        )
        more = len(found) - MAX_CANDIDATES
        if more > 0:
            listed += f"; and {more} more"
        raise UserInputError(
            f"{len(found)} {plural} are named {value!r}; give the global id of the one you "
            f"mean: {listed}",
            argument=scope,
        )
    return relay.GlobalID(type_name, str(found[0].key))

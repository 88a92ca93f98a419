"""The demo world: the four places of the source report, with every figure it gives.

`load_demo` writes it into an empty, migrated database inside the caller's transaction.
People are made up (`is_fictional`); records the report counts but does not name carry
stand-in names (`is_illustrative`).
"""

from __future__ import annotations

import asyncpg

from fivesoc.db.seed import anhui, deqing, luohe, weining
from fivesoc.db.seed.builder import Builder


async def load_demo(conn: asyncpg.Connection) -> None:
    """Write the demo world; the caller owns the transaction and records the dataset."""
    build = Builder(conn)
    await anhui.load(build)
    await luohe.load(build)
    await deqing.load(build)
    await weining.load(build)

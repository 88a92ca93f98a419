"""The guard on personal data of vulnerable people: one mechanism for every such record.

Households, visits and needs, and the names of household members and volunteers, are
readable only by a viewer whose token covers the record's region (`fivesoc.auth.Viewer`).
An anonymous request may still count them: a connection asked only for `totalCount` is
answered for anyone. Anything else is a `FORBIDDEN` error that says why, never an empty list.
"""

from __future__ import annotations

from collections.abc import Iterable

from fivesoc.db import catalog
from fivesoc.schema.context import Info
from fivesoc.schema.errors import Forbidden


async def require_personal(info: Info, region_ids: Iterable[int], what: str) -> None:
    """Raise `Forbidden` unless the viewer may read personal details in every region given."""
    viewer = info.context.viewer
    if viewer.role == "admin":
        return
    if viewer.role != "caseworker":
        raise Forbidden(
            f"{what} are personal data of vulnerable people: they need a caseworker token for "
            "their region (an anonymous request may read only totalCount)"
        )
    wanted = set(region_ids)
    if wanted - await covered_regions(info, wanted):
        raise Forbidden(f"{what} lie outside the regions your token covers")


async def covered_regions(info: Info, region_ids: Iterable[int]) -> set[int]:
    """Those of the regions in which the viewer may read (and a caseworker write) personal
    data; a region that does not exist is not among them."""
    viewer = info.context.viewer
    wanted = sorted(set(region_ids))
    regions = await info.context.loaders.by_id(catalog.REGION).load_many(wanted)
    return {
        region.id
        for region in regions
        if region is not None and viewer.may_read_personal(region.path_ids)
    }


def scope(info: Info) -> list[int] | None:
    """The regions whose personal records the viewer may list (None: all of them)."""
    return info.context.viewer.personal_scope

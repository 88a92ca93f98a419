"""The guards of the schema: `fivesoc.permissions` applied to a request's viewer.

Households, visits and needs, and the names of household members and volunteers, are
personal data of vulnerable people: readable only by a viewer whose grant covers the
record's region. Anyone may still count them: a connection whose selected fields are only
`totalCount` (as the executor resolves them: fragments opened, aliases and `@skip`/`@include`
applied; see `fivesoc.schema.selections`) is answered as `GRANTS` says for `count`. Anything
else is a `FORBIDDEN` error that says why, never an empty list.
"""

from __future__ import annotations

from collections.abc import Iterable

from fivesoc import permissions
from fivesoc.db import catalog
from fivesoc.permissions import PERSONAL, PUBLIC, READ, Operation, RecordClass
from fivesoc.schema.context import Info
from fivesoc.schema.errors import Forbidden


def record_class(personal: bool) -> RecordClass:
    """The record class of a source or table by its `personal` flag."""
    return PERSONAL if personal else PUBLIC


def granted(info: Info, operation: Operation, of: RecordClass = PERSONAL) -> bool:
    """Whether the viewer may do `operation` on records of class `of` in some region."""
    return permissions.grants(info.context.viewer, operation, of)


async def require_personal(info: Info, region_ids: Iterable[int], what: str) -> None:
    """Raise `Forbidden` unless the viewer may read personal details in every region given."""
    if not granted(info, READ):
        raise Forbidden(
            f"{what} are personal data of vulnerable people: they need a caseworker token for "
            "their region (an anonymous request may read only totalCount)"
        )
    wanted = set(region_ids)
    if wanted - await covered_regions(info, wanted):
        raise Forbidden(f"{what} lie outside the regions your token covers")


async def covered_regions(
    info: Info,
    region_ids: Iterable[int],
    operation: Operation = READ,
    of: RecordClass = PERSONAL,
) -> set[int]:
    """Those of the regions in which the viewer may do `operation` on records of class `of`;
    a region that does not exist is not among them."""
    viewer = info.context.viewer
    wanted = sorted(set(region_ids))
    regions = await info.context.loaders.by_id(catalog.REGION).load_many(wanted)
    return {
        region.id
        for region in regions
        if region is not None and permissions.allows(viewer, operation, of, region.path_ids)
    }


def scope(info: Info, operation: Operation = READ) -> list[int] | None:
    """The regions whose personal records the viewer may list or follow (None: all)."""
    return permissions.regions(info.context.viewer, operation, PERSONAL)

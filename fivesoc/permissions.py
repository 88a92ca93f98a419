"""Who may do what: role × operation × record class → region scope, declared once.

Every guard of fivesoc reads `GRANTS` through the functions below: reads of rows and fields,
counts, writes, the change log and its subscriptions (and `fivesoc events tail`), network
analysis and network exports. The README's matrix and the generated permission test
(`tests/test_permission_matrix.py`) are derived from the same table.

A *record class* is either `public` (communities, organizations, projects, the network …) or
`personal`: households, their members, visits and needs, and the personal fields of public
records (a volunteer's name), which describe vulnerable people. A *scope* says in which
regions a grant holds: `all`, `own` (the regions the token names, each with its subtree) or
`none`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import Enum

from fivesoc.auth import ROLES, Role, Viewer


class Operation(Enum):
    """What a request does with records."""

    READ = "read"
    """Read rows and their fields: lists, node lookups, nested fields."""
    COUNT = "count"
    """Count rows (`totalCount` of a connection asked for nothing else)."""
    WRITE = "write"
    """Create, change or archive rows (mutations)."""
    FOLLOW = "follow"
    """Read the change log: `events`, subscriptions, `fivesoc events tail`."""
    ANALYZE = "analyze"
    """Network analysis over the default window or a window already computed."""
    ANALYZE_NEW_WINDOW = "analyze a new window"
    """Network analysis over a window not computed yet (a network build of its own)."""
    EXPORT = "export"
    """Network files: `/network/export` and `fivesoc network export`."""


class RecordClass(Enum):
    """How much a record tells about a person."""

    PUBLIC = "public"
    PERSONAL = "personal"


class Scope(Enum):
    """Where a grant holds."""

    NONE = "none"
    OWN = "own regions"
    ALL = "all"


READ, COUNT, WRITE, FOLLOW = Operation.READ, Operation.COUNT, Operation.WRITE, Operation.FOLLOW
ANALYZE, NEW_WINDOW, EXPORT = Operation.ANALYZE, Operation.ANALYZE_NEW_WINDOW, Operation.EXPORT
PUBLIC, PERSONAL = RecordClass.PUBLIC, RecordClass.PERSONAL
NONE, OWN, ALL = Scope.NONE, Scope.OWN, Scope.ALL

# The declaration: for each role and operation, the scope on public and on personal records.
# The network holds no personal records: its personal cells are `none` for every role.
GRANTS: Mapping[Role, Mapping[Operation, tuple[Scope, Scope]]] = {
    "anonymous": {
        READ: (ALL, NONE),
        COUNT: (ALL, ALL),
        WRITE: (NONE, NONE),
        FOLLOW: (ALL, NONE),
        ANALYZE: (ALL, NONE),
        NEW_WINDOW: (NONE, NONE),
        EXPORT: (ALL, NONE),
    },
    "analyst": {
        READ: (ALL, NONE),
        COUNT: (ALL, ALL),
        WRITE: (NONE, NONE),
        FOLLOW: (ALL, NONE),
        ANALYZE: (ALL, NONE),
        NEW_WINDOW: (ALL, NONE),
        EXPORT: (ALL, NONE),
    },
    "caseworker": {
        READ: (ALL, OWN),
        COUNT: (ALL, ALL),
        WRITE: (OWN, OWN),
        FOLLOW: (ALL, OWN),
        ANALYZE: (ALL, NONE),
        NEW_WINDOW: (ALL, NONE),
        EXPORT: (ALL, NONE),
    },
    "admin": {
        READ: (ALL, ALL),
        COUNT: (ALL, ALL),
        WRITE: (ALL, ALL),
        FOLLOW: (ALL, ALL),
        ANALYZE: (ALL, NONE),
        NEW_WINDOW: (ALL, NONE),
        EXPORT: (ALL, NONE),
    },
}


def scope(role: Role, operation: Operation, record_class: RecordClass) -> Scope:
    """The scope `GRANTS` gives `role` for `operation` on records of `record_class`."""
    public, personal = GRANTS[role][operation]
    return public if record_class is PUBLIC else personal


def grants(viewer: Viewer, operation: Operation, record_class: RecordClass) -> bool:
    """Whether the viewer may do `operation` on such records anywhere at all."""
    return scope(viewer.role, operation, record_class) is not NONE


def allows(
    viewer: Viewer, operation: Operation, record_class: RecordClass, region_path: Iterable[int]
) -> bool:
    """Whether the viewer may do `operation` on a record of `record_class` in a region.

    `region_path` lists the ids of the record's region and all its ancestors.
    """
    granted = scope(viewer.role, operation, record_class)
    if granted is OWN:
        return not viewer.region_ids.isdisjoint(region_path)
    return granted is ALL


def regions(viewer: Viewer, operation: Operation, record_class: RecordClass) -> list[int] | None:
    """The regions (each with its subtree) in which the viewer may do `operation` on such
    records, for SQL to filter by: None for every region, an empty list for none."""
    granted = scope(viewer.role, operation, record_class)
    if granted is ALL:
        return None
    return sorted(viewer.region_ids) if granted is OWN else []


def matrix() -> list[tuple[Role, Operation, RecordClass, Scope]]:
    """Every cell of `GRANTS`, in the order of roles, operations and record classes."""
    return [
        (role, operation, record_class, scope(role, operation, record_class))
        for role in ROLES
        for operation in Operation
        for record_class in RecordClass
    ]

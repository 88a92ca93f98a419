"""Which sheets there are, and their columns: derived from each entity's declaration.

A sheet holds the rows of one entity. Its columns are the entity's written columns, in the
order declared, each headed in English by its input field's name (a reference without its
`Id`: `region`, `community`) and in Chinese by the column's `zh`; a `version` column lets a
changed row name the version it was exported at. A sheet's *natural key* names the columns
that find the row a sheet row stands for (the entity's unique constraint where it has one),
so that importing a file twice changes nothing.

A *kind* is what `fivesoc import --kind` takes: one sheet, or several written in order (an
XLSX file holds each as a worksheet of its name; a CSV file holds one).
"""

from __future__ import annotations

import dataclasses
import functools
import typing
from typing import Any

from fivesoc.db import records
from fivesoc.db.declare import NEVER, REQUIRED, Entity, entity_of, unwrap_optional
from fivesoc.db.entities.table import Table, field_name, table_of

# The header of the column naming the version a row was exported at.
VERSION = "version"
VERSION_ZH = "版本"

# The title of a template's worksheet listing each kind list's values (not imported).
VALUES = "values"
VALUES_ZH = "可选值"


@dataclasses.dataclass(frozen=True, slots=True)
class SheetColumn:
    """A column of a sheet: the entity column it fills, its headers and what it takes.

    `type` is the Python type of a value (`str`, `int`, `Decimal`, `dt.date`, `bool`); `enum`
    names the kind list of its words, `many` a list of them (separated by `;` or `、`); `ref`
    the entity type (or `Actor`) a name in it stands for. `nullable` columns may be emptied;
    `required` ones must be filled for a new row.
    """

    column: str
    en: str
    zh: str
    description: str
    type: Any
    required: bool
    nullable: bool
    enum: str | None = None
    many: bool = False
    ref: str | None = None
    digits: tuple[int, int] | None = None
    personal: bool = False

    def header(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


@dataclasses.dataclass(frozen=True, slots=True)
class Sheet:
    """The sheet of one entity: its name, columns and natural key."""

    name: str
    zh: str
    record: type[Any]
    columns: tuple[SheetColumn, ...]
    key: tuple[str, ...]
    operation: bool = False
    """Rows written by the entity's own operations (a project's participants), not by its
    create and update mutations (`fivesoc.sheets.importing` says how)."""

    @property
    def entity(self) -> Entity:
        return entity_of(self.record)

    @property
    def table(self) -> Table:
        return table_of(self.record)

    @property
    def personal(self) -> bool:
        """Whether the rows are personal data as a whole (households), not only some fields."""
        return self.entity.personal

    def title(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.name

    def column(self, name: str) -> SheetColumn:
        for col in self.columns:
            if col.column == name:
                return col
        raise KeyError(name)


def _sheet_column(declared: Entity, name: str, required: bool | None = None) -> SheetColumn:
    col = declared.columns[name]
    base, nullable = unwrap_optional(declared.hints[name])
    many = typing.get_origin(base) is list
    if many:
        base = str
    en = field_name(name)
    if col.ref is not None:
        en = en.removesuffix("Id")
        base = str
    assert col.zh is not None, f"{declared.table}.{name} declares no Chinese name (`zh`)"
    return SheetColumn(
        column=name,
        en=en,
        zh=col.zh,
        description=col.input_description,
        type=base,
        required=col.write is REQUIRED if required is None else required,
        nullable=nullable,
        enum=col.enum,
        many=many,
        ref=col.ref,
        digits=col.digits,
        personal=col.personal or declared.personal,
    )


def sheet(record: type[Any], name: str, zh: str, key: tuple[str, ...]) -> Sheet:
    """The sheet of an entity: every column its mutations write, in declaration order."""
    declared = entity_of(record)
    columns = tuple(
        _sheet_column(declared, column)
        for column, col in declared.columns.items()
        if col.write is not NEVER
    )
    known = {col.column for col in columns}
    assert set(key) <= known, f"{name}: the key names columns it does not write"
    return Sheet(name, zh, record, columns, key)


def operation_sheet(
    record: type[Any], name: str, zh: str, key: tuple[str, ...], optional: tuple[str, ...]
) -> Sheet:
    """The sheet of an entity its own operations write: every exposed column it declares
    (the key's required, the others `optional`)."""
    declared = entity_of(record)
    columns = tuple(
        _sheet_column(declared, column, required=column in key) for column in (*key, *optional)
    )
    return Sheet(name, zh, record, columns, key, operation=True)


# Each sheet's natural key is its entity's unique constraint, where it has one; social
# workers, volunteers, households and their members are people, found by name where they are.
SHEETS: dict[str, Sheet] = {
    made.name: made
    for made in (
        sheet(records.Community, "communities", "社区", ("region_id", "name")),
        sheet(records.Grid, "grids", "网格", ("community_id", "name")),
        sheet(records.MicroGrid, "micro-grids", "微网格", ("grid_id", "name")),
        sheet(records.ServiceSite, "service-sites", "服务站点", ("region_id", "kind", "name")),
        sheet(records.Organization, "organizations", "社会组织", ("region_id", "name")),
        sheet(records.SocialWorker, "social-workers", "社会工作者", ("region_id", "full_name")),
        sheet(records.VolunteerTeam, "volunteer-teams", "志愿服务队", ("region_id", "name")),
        sheet(records.Volunteer, "volunteers", "志愿者", ("region_id", "full_name")),
        sheet(records.Project, "projects", "项目", ("region_id", "name")),
        operation_sheet(
            records.ProjectParticipant,
            "project-participants",
            "项目参与方",
            ("project_id", "actor_id", "role"),
            ("joined_on", "left_on"),
        ),
        sheet(
            records.CollaborationLink,
            "collaboration-links",
            "合作关系",
            ("source_id", "target_id", "kind", "project_id", "agreement_id"),
        ),
        # An honour is of an actor, or of a region itself where it names none.
        sheet(records.Honour, "honours", "荣誉", ("region_id", "actor_id", "award", "year")),
        sheet(records.Household, "households", "困难家庭", ("region_id", "head_name")),
        sheet(
            records.HouseholdMember, "household-members", "家庭成员", ("household_id", "full_name")
        ),
        sheet(
            records.ReportedIndicator,
            "reported-indicators",
            "统计指标",
            ("region_id", "metric", "period_start", "period_end"),
        ),
    )
}

# What `--kind` takes: each sheet alone, and the registers that hold several, parents first.
KINDS: dict[str, tuple[Sheet, ...]] = {
    **{name: (made,) for name, made in SHEETS.items()},
    "communities-with-grids": tuple(
        SHEETS[name] for name in ("communities", "grids", "micro-grids")
    ),
    "organizations-with-honours": (SHEETS["organizations"], SHEETS["honours"]),
    "social-workers-with-honours": (SHEETS["social-workers"], SHEETS["honours"]),
    "volunteers-with-teams": (SHEETS["volunteer-teams"], SHEETS["volunteers"]),
    "households-with-members": (SHEETS["households"], SHEETS["household-members"]),
    "projects-with-participants": (SHEETS["projects"], SHEETS["project-participants"]),
}


@functools.cache
def sheet_by_title(title: str) -> Sheet | None:
    """The sheet an XLSX worksheet's title names (English or Chinese), if any."""
    for made in SHEETS.values():
        if title.strip() in (made.name, made.zh):
            return made
    return None


__all__ = ["KINDS", "SHEETS", "VERSION", "Sheet", "SheetColumn", "sheet_by_title"]

"""Programmes, practices, brands and platforms a source names: 三项工程, 五张金名片, 四点半课堂,
"邻聚里"三要素, 四个强化, an exam support group, 中国社会工作网.

A practice is a kind of thing, not a thing of one report: another county's brands and
methods fit as rows. A practice may have parts (`parentId`): the three projects of 三项工程,
the five cards of 五张金名片.
"""

from __future__ import annotations

import datetime as dt

from fivesoc.db.declare import ACTOR, OPTIONAL, REQUIRED, column, entity
from fivesoc.db.records.shared import (
    BLANK,
    ILLUSTRATIVE,
    PRECISION_INPUT,
    Archivable,
    precision,
)


@entity(
    table="practice",
    type_name="Practice",
    noun="practice",
    description=(
        "A programme, brand, working method, service or platform a source names, e.g. "
        "三项工程, 五张金名片, 四点半课堂, 中国社会工作网; it may have parts."
    ),
    checks={
        "practice_name_check": ("name", BLANK),
        "practice_description_check": ("description", BLANK),
        "practice_source_check": ("source", BLANK),
        "practice_quote_check": ("quote", BLANK),
    },
    uniques={
        "practice_region_id_name_key": ("name", "another practice of the region has this name")
    },
)
class Practice(Archivable):
    region_id: int = column(
        "The region where it is practised.", write=REQUIRED, ref="Region", input="Its region."
    )
    parent_id: int | None = column(
        "The practice this one is a part of, e.g. 三项工程 for 学历提升.",
        write=OPTIONAL,
        ref="Practice",
        input="The practice it is a part of, if any.",
    )
    kind: str = column(
        "What kind of practice it is.", write=REQUIRED, enum="PracticeKind", input="Its kind."
    )
    name: str = column(
        "Name in the source's words, unique within its region.",
        write=REQUIRED,
        input="Name; not blank, unique within the region.",
    )
    description: str | None = column(
        "What it is or does.", write=OPTIONAL, input="What it is or does; not blank."
    )
    owner_id: int | None = column(
        "The actor that runs or carries it, where the source says.",
        write=OPTIONAL,
        ref=ACTOR,
        input="The actor running it, if any.",
    )
    started_on: dt.date | None = column("When it started, where known.", write=OPTIONAL)
    started_on_precision: str = column(
        precision("startedOn"), write=OPTIONAL, enum="DatePrecision", input=PRECISION_INPUT
    )
    source: str | None = column(
        "Where it is reported.", write=OPTIONAL, input="Where it is reported; not blank."
    )
    quote: str | None = column(
        "The source's own sentence, where kept.", write=OPTIONAL, input="The source's own words."
    )
    is_illustrative: bool = column(
        "True when the source counts this practice but does not name it.",
        write=OPTIONAL,
        input=ILLUSTRATIVE,
    )

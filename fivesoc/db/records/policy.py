"""Policy documents, notices, work plans, meetings and observances a source names: the
implementation opinions of 2023, the exam registration notice, the provincial civil-affairs
work conference, International Social Work Day."""

from __future__ import annotations

import datetime as dt

from fivesoc.db.declare import OPTIONAL, REQUIRED, column, entity
from fivesoc.db.records.shared import BLANK, PRECISION_INPUT, Archivable, precision


@entity(
    table="policy_event",
    type_name="PolicyEvent",
    noun="policy event",
    description=(
        "A policy document, notice, work plan, meeting or observance behind the work, e.g. "
        "《关于加强新时代社会工作专业人才队伍建设的实施意见》 or 全省民政工作会议."
    ),
    checks={
        "policy_event_title_check": ("title", BLANK),
        "policy_event_issued_by_check": ("issued_by", BLANK),
        "policy_event_summary_check": ("summary", BLANK),
        "policy_event_source_check": ("source", BLANK),
        "policy_event_quote_check": ("quote", BLANK),
    },
    uniques={
        "policy_event_region_id_title_key": (
            "title",
            "another policy event of the region has this title",
        )
    },
)
class PolicyEvent(Archivable):
    region_id: int = column(
        "The region it applies to or was held in.",
        write=REQUIRED,
        ref="Region",
        input="Its region.",
    )
    kind: str = column(
        "Document, notice, work plan, meeting or observance.",
        write=REQUIRED,
        enum="PolicyEventKind",
        input="Its kind.",
    )
    title: str = column(
        "Title in the source's words, unique within its region.",
        write=REQUIRED,
        input="Title; not blank, unique within the region.",
    )
    issued_by: str | None = column(
        "Who issued or held it, in the source's words, e.g. 安徽省民政厅联合13家省直部门.",
        write=OPTIONAL,
        input="Who issued or held it; not blank.",
    )
    organization_id: int | None = column(
        "The organization of the network that issued or held it, where there is one.",
        write=OPTIONAL,
        ref="Organization",
        input="The organization issuing or holding it, if any.",
    )
    dated_on: dt.date | None = column("When it was issued or held, where known.", write=OPTIONAL)
    dated_on_precision: str = column(
        precision("datedOn"), write=OPTIONAL, enum="DatePrecision", input=PRECISION_INPUT
    )
    summary: str | None = column(
        "What it says or did.", write=OPTIONAL, input="What it says or did; not blank."
    )
    source: str | None = column(
        "Where it is reported.", write=OPTIONAL, input="Where it is reported; not blank."
    )
    quote: str | None = column(
        "The source's own sentence, where kept.", write=OPTIONAL, input="The source's own words."
    )

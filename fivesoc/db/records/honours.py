"""Honours of any actor or region: one model for every award a source reports.

An honour names what was honoured (an actor of any kind, or a region itself), a stable key
of the award and its title in the source's words, who gave it, the year, and the batch or
edition (首批, 第二批, 第二届) where the award comes in rounds, with where it is reported.
Keys and titles are words of the data, so another report's honours need no migration.
"""

from __future__ import annotations

from fivesoc.db.declare import ACTOR, OPTIONAL, REQUIRED, column, entity
from fivesoc.db.records.shared import BLANK, ILLUSTRATIVE, YEAR, Archivable

KEY = "must be lower-case letters, digits and underscores, starting with a letter"


@entity(
    table="honour",
    type_name="Honour",
    noun="honour",
    description=(
        "An honour given to an actor (a community, organization, social worker, …) or to a "
        "region itself, e.g. 全国百强社工机构 or 全省智慧社区试点优秀."
    ),
    checks={
        "honour_award_check": ("award", KEY),
        "honour_title_check": ("title", BLANK),
        "honour_awarded_by_check": ("awarded_by", BLANK),
        "honour_year_check": ("year", YEAR),
        "honour_batch_check": ("batch", BLANK),
        "honour_source_check": ("source", BLANK),
        "honour_quote_check": ("quote", BLANK),
        "honour_region_check": ("region_id", "must be the region of the honoured actor"),
    },
    uniques={
        "honour_actor_id_award_year_key": (
            "award",
            "the actor already has this award for this year",
        ),
        "honour_region_id_award_year_key": (
            "award",
            "the region already has this award for this year",
        ),
    },
)
class Honour(Archivable):
    region_id: int = column(
        "The region honoured, or, when an actor is honoured, the region the actor is in.",
        write=REQUIRED,
        ref="Region",
        input="The region honoured, or the honoured actor's region.",
        zh="所属地区",
    )
    actor_id: int | None = column(
        "The actor honoured; null when the honour is the region's own.",
        write=OPTIONAL,
        ref=ACTOR,
        input="The actor honoured; leave it out for an honour of the region itself.",
        zh="获誉对象",
    )
    award: str = column(
        "Stable key of the award, e.g. `national_top100_social_work_agency`.",
        write=REQUIRED,
        input=(
            "Machine name of the award, e.g. county_leading_talent: lower-case letters, "
            "digits, `_`; once a year for what it honours."
        ),
        zh="荣誉代码",
    )
    title: str = column(
        "The award in the source's words, e.g. 社会工作领军人才.",
        write=REQUIRED,
        input="Title of the award; not blank.",
        zh="荣誉名称",
    )
    awarded_by: str | None = column(
        "Who gave it, e.g. 贵州省民政厅.",
        write=OPTIONAL,
        input="Who awarded it; not blank.",
        zh="授予单位",
    )
    year: int = column(
        "Year it was given.", write=REQUIRED, input="Year awarded, 1949 to 2100.", zh="授予年份"
    )
    batch: str | None = column(
        "The batch or edition of an award given in rounds (首批, 第二批, 第二届), where known.",
        write=OPTIONAL,
        input="Batch or edition, e.g. 第二届; not blank.",
        zh="批次",
    )
    source: str | None = column(
        "Where the honour is reported, e.g. 《湖州日报》.",
        write=OPTIONAL,
        input="Where it is reported; not blank.",
        zh="来源",
    )
    quote: str | None = column(
        "The source's own sentence, where kept.",
        write=OPTIONAL,
        input="The source's own words.",
        zh="原文",
    )
    is_illustrative: bool = column(
        "True when the source counts this honour but does not name who received it.",
        write=OPTIONAL,
        input=ILLUSTRATIVE,
        zh="示意记录",
    )

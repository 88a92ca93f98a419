"""Government funds: money from higher levels (上级资金) or the local budget (本级财政).

They are the government's, not social charity: no actor of the network, so they count in no
five-society linkage index. Each names the body that spends it and where it is reported.
"""

from __future__ import annotations

from decimal import Decimal

from fivesoc.db.declare import OPTIONAL, REQUIRED, column, entity
from fivesoc.db.records.shared import BLANK, NEGATIVE, YEAR, Archivable


@entity(
    table="government_fund",
    type_name="GovernmentFund",
    noun="government fund",
    description=(
        "Government money for social work: funds from higher levels (上级资金) or the local "
        "budget (本级财政). Not a charity resource, and no actor of the network."
    ),
    checks={
        "government_fund_name_check": ("name", BLANK),
        "government_fund_purpose_check": ("purpose", BLANK),
        "government_fund_amount_check": ("amount", NEGATIVE),
        "government_fund_unit_check": ("unit", BLANK),
        "government_fund_year_check": ("year", YEAR),
        "government_fund_source_check": ("source", BLANK),
        "government_fund_quote_check": ("quote", BLANK),
    },
    uniques={
        "government_fund_region_id_name_key": ("name", "another fund of the region has this name")
    },
)
class GovernmentFund(Archivable):
    region_id: int = column(
        "The region whose government provides or spends it.",
        write=REQUIRED,
        ref="Region",
        input="The region the fund belongs to.",
    )
    origin: str = column(
        "Whether it comes from higher levels or the local budget.",
        write=REQUIRED,
        enum="FundOrigin",
        input="Higher levels (上级资金) or the local budget (本级财政).",
    )
    name: str = column(
        "Name, unique within its region, e.g. 上级资金.",
        write=REQUIRED,
        input="Name; not blank, unique within the region.",
    )
    purpose: str | None = column(
        "What it pays for, e.g. 购买社会工作服务.", write=OPTIONAL, input="What it pays for."
    )
    amount: Decimal = column(
        "How much, in `unit`.",
        write=REQUIRED,
        input="How much, as a decimal in `unit`; not negative.",
        digits=(14, 2),
    )
    unit: str = column(
        "Unit of `amount`, e.g. `yuan`.",
        write=OPTIONAL,
        input="Unit of the amount; `yuan` if unset, never blank.",
    )
    qualifier: str = column(
        "Whether the source gives the amount as exact, a lower bound or rounded.",
        write=OPTIONAL,
        enum="Qualifier",
        input="How exact the amount is; EXACT if unset.",
    )
    year: int | None = column(
        "Budget year, where known.", write=OPTIONAL, input="Budget year, 1949 to 2100."
    )
    spent_by_id: int | None = column(
        "The body that spends it, e.g. a civil-affairs bureau.",
        write=OPTIONAL,
        ref="Organization",
        input="The organization spending it, if known.",
    )
    source: str | None = column(
        "Where the fund is reported, e.g. 威宁自治县民政局.",
        write=OPTIONAL,
        input="Where it is reported; not blank.",
    )
    quote: str | None = column(
        "The source's own sentence, where kept.", write=OPTIONAL, input="The source's own words."
    )
    is_illustrative: bool = column(
        "True when the source does not state this fund and it only illustrates the demo.",
        write=OPTIONAL,
        input="True for a fund made up to illustrate; false if unset.",
    )

"""The example row of a template: a plausible value for each column."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from fivesoc.db.declare import ACTOR
from fivesoc.sheets.layout import SheetColumn
from fivesoc.sheets.words import label, words_of


def example(col: SheetColumn, lang: str) -> str:
    """A value the template's example row shows for a column, in `lang`."""
    if col.enum is not None:
        return label(words_of(col.enum)[0], lang)
    if col.ref is not None:
        return {
            "Region": "乾元镇",
            "Community": "干丰社区",
            "Grid": "干丰社区/第一网格",
            ACTOR: "德清县民政局",
        }.get(col.ref, "")
    if col.type is dt.date:
        return "2024-01-15"
    if col.type is bool:
        return "否" if lang == "zh" else "false"
    if col.type is int:
        return "2024" if "year" in col.column else "1"
    if col.type is Decimal:
        return "1.5"
    return ""

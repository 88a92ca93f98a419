"""A cell's text as the value of its column, or what is wrong with it (English and Chinese).

The rules a value must meet beyond its type (not blank, not negative, a year in range …)
are the entity's constraints, checked where the mutations check them: when the row is
written (`fivesoc.sheets.importing`).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from fivesoc.sheets.layout import SheetColumn
from fivesoc.sheets.words import word_for, words_of

_TRUE = {"true", "yes", "y", "1", "是", "真"}
_FALSE = {"false", "no", "n", "0", "否", "假"}
_SEPARATORS = re.compile(r"[;；、,，]")
_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")


class BadCell(Exception):
    """What is wrong with a cell, in English and Chinese."""

    def __init__(self, en: str, zh: str) -> None:
        super().__init__(en)
        self.en = en
        self.zh = zh


def _allowed(enum: str) -> str:
    return ", ".join(word.value for word in words_of(enum))


def _word(col: SheetColumn, text: str) -> str:
    assert col.enum is not None
    word = word_for(col.enum, text)
    if word is None:
        raise BadCell(
            f"is not one of: {_allowed(col.enum)}", f"不是可选值之一：{_allowed(col.enum)}"
        )
    return word


def _decimal(col: SheetColumn, text: str) -> Decimal:
    try:
        number = Decimal(text.replace(",", ""))
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite():
        raise BadCell("must be a decimal number", "须为数字")
    if col.digits is not None:
        precision, scale = col.digits
        exponent = number.as_tuple().exponent
        if isinstance(exponent, int) and exponent < -scale:
            raise BadCell(
                f"has more than {scale} decimal place{'s' if scale != 1 else ''}",
                f"小数位数不能超过 {scale} 位",
            )
        if abs(number) >= Decimal(10) ** (precision - scale):
            limit = 10 ** (precision - scale)
            raise BadCell(f"must be less than {limit:,}", f"须小于 {limit:,}")
    return number


def _int(text: str) -> int:
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite() or number != number.to_integral_value():
        raise BadCell("must be a whole number", "须为整数")
    if abs(number) >= 2**31:
        raise BadCell("is too large", "数值过大")
    return int(number)


def _date(text: str) -> dt.date:
    matched = _DATE.match(text)
    try:
        if matched is None:
            raise ValueError(text)
        return dt.date(*(int(part) for part in matched.groups()))
    except ValueError:
        raise BadCell("must be a date, YYYY-MM-DD", "须为日期，格式 YYYY-MM-DD") from None


def _bool(text: str) -> bool:
    folded = text.casefold()
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    raise BadCell("must be true or false", "须为“是”或“否”")


def value_of(col: SheetColumn, text: str) -> Any:
    """The value a non-blank cell gives its column (a reference stays its name)."""
    if col.ref is not None:
        return text
    if col.enum is not None and col.many:
        return [_word(col, part) for part in _SEPARATORS.split(text) if part.strip()]
    if col.enum is not None:
        return _word(col, text)
    if col.type is Decimal:
        return _decimal(col, text)
    if col.type is int:
        return _int(text)
    if col.type is dt.date:
        return _date(text)
    if col.type is bool:
        return _bool(text)
    return text


def text_of(col: SheetColumn, value: Any) -> str:
    """How an export writes a column's value (the inverse of `value_of`)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(str(item) for item in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)

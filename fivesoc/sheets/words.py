"""The words a cell may hold for a column of a kind list.

The kind lists are the GraphQL enums (`fivesoc.schema.types.enums`): each value is the word
stored in the database, named by its enum name, and most descriptions end with the Chinese
term in parentheses, e.g. `Township social-work station (社工站).`; a parenthesis giving
examples (`(e.g. 13.5万)`) names no term. A cell may hold any of the three spellings;
exports write the stored word.
"""

from __future__ import annotations

import dataclasses
import functools
import re

from fivesoc.schema.types import enums

_CHINESE = re.compile(r"\(([^()]*[\u4e00-\u9fff][^()]*)\)")
_HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclasses.dataclass(frozen=True, slots=True)
class Word:
    """One value of a kind list: the stored word, its enum name and its Chinese term."""

    value: str
    name: str
    zh: str | None
    description: str


def _term(description: str) -> str | None:
    """The Chinese term a description gives in parentheses, if any (not an example)."""
    for chinese in _CHINESE.finditer(description):
        if chinese.group(1).lstrip().startswith("e.g."):
            continue
        first = chinese.group(1).split(",")[0].split("，")[0].strip()
        if _HAN.search(first):
            return first
    return None


@functools.cache
def words_of(enum_name: str) -> tuple[Word, ...]:
    """The values of the kind list `enum_name`, in the order the enum declares them."""
    definition = getattr(enums, enum_name).__strawberry_definition__
    made = []
    for value in definition.values:
        description = value.description or ""
        zh = _term(description)
        made.append(Word(str(value.value), value.name, zh, description))
    return tuple(made)


@functools.cache
def _spellings(enum_name: str) -> dict[str, str]:
    spelled: dict[str, str] = {}
    for word in words_of(enum_name):
        spelled[word.value.casefold()] = word.value
        spelled[word.name.casefold()] = word.value
        if word.zh is not None:
            spelled.setdefault(word.zh, word.value)
    return spelled


def word_for(enum_name: str, text: str) -> str | None:
    """The stored word a cell's text names, or None when it names none."""
    return _spellings(enum_name).get(text.strip().casefold())


def label(word: Word, lang: str) -> str:
    """How a template offers a value: the Chinese term where there is one, in Chinese."""
    return word.zh if lang == "zh" and word.zh is not None else word.value

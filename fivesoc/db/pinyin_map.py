"""Writes the pinyin of every common Chinese character as SQL, for migration 0020.

`python -m fivesoc.db.pinyin_map > mapping.sql` prints one string literal: `字:zi4` pairs
for the CJK Unified Ideographs (U+4E00 to U+9FFF), each character's most common reading in
tone-number form (`pypinyin`, a development dependency; the server needs nothing of it).
The migration holds the output, so the database sorts by pinyin with or without ICU.

A character read several ways gets its most common reading: 重 sorts as zhong4, also in
重庆. That is the usual compromise of a per-character sort key.
"""

from __future__ import annotations

import sys

FIRST, LAST = 0x4E00, 0x9FFF


def pairs() -> list[tuple[str, str]]:
    """Each character with a known reading, and that reading (`lv3` for lǚ)."""
    from pypinyin import Style, pinyin

    found = []
    for code in range(FIRST, LAST + 1):
        char = chr(code)
        readings = pinyin(char, style=Style.TONE3, neutral_tone_with_five=True, errors="ignore")
        if readings and readings[0] and readings[0][0].isascii():
            found.append((char, readings[0][0]))
    return found


def main() -> None:
    body = ",".join(f"{char}:{reading}" for char, reading in pairs())
    sys.stdout.write(f"'{body}'\n")


if __name__ == "__main__":
    main()

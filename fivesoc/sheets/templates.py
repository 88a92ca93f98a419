"""An XLSX template to fill in: per sheet, the headers, a line describing each column, the
allowed values as data validation, and one example row.

Row 1 holds the headers, row 2 the example; each header cell carries its column's
description as a comment (so that the rows below hold data only), and a second worksheet per
kind list (`values`) lists the words a cell may hold.
"""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from fivesoc.sheets.examples import example
from fivesoc.sheets.layout import KINDS, VALUES, VALUES_ZH, SheetColumn
from fivesoc.sheets.words import label, words_of

# Rows the data validation covers below the header.
_ROWS = 10_000
_NAMES_ZH = "填写名称；同名时写作“上级/名称”"
_NAMES_EN = "a name; `parent/name` for namesakes"


def _note(col: SheetColumn, lang: str) -> str:
    need = ("必填" if lang == "zh" else "required") if col.required else ""
    parts = [col.description, need]
    if col.ref is not None:
        parts.append(_NAMES_ZH if lang == "zh" else _NAMES_EN)
    if col.many:
        parts.append("多个值用“;”分隔" if lang == "zh" else "several values separated by `;`")
    return " ".join(part for part in parts if part)


def template(kind: str, lang: str) -> bytes:
    """The template workbook of `kind` in `lang` (`zh` or `en`)."""
    workbook = Workbook()
    first: Any = workbook.active
    workbook.remove(first)
    lists: Any = None
    for sheet in KINDS[kind]:
        worksheet: Any = workbook.create_sheet(sheet.title(lang))
        for at, col in enumerate(sheet.columns, start=1):
            cell = worksheet.cell(row=1, column=at, value=col.header(lang))
            cell.comment = Comment(_note(col, lang), "fivesoc")
            worksheet.cell(row=2, column=at, value=example(col, lang))
            worksheet.column_dimensions[get_column_letter(at)].width = 18
            if col.enum is not None and not col.many:
                if lists is None:
                    lists = workbook.create_sheet(VALUES if lang == "en" else VALUES_ZH)
                words = [label(word, lang) for word in words_of(col.enum)]
                column = lists.max_column + 1 if lists.max_row > 1 else 1
                if lists.cell(row=1, column=1).value is not None:
                    column = lists.max_column + 1
                lists.cell(row=1, column=column, value=col.enum)
                for row, word in enumerate(words, start=2):
                    lists.cell(row=row, column=column, value=word)
                letter = get_column_letter(column)
                title = lists.title
                validation = DataValidation(
                    type="list",
                    formula1=f"'{title}'!${letter}$2:${letter}${len(words) + 1}",
                    allow_blank=not col.required,
                    showErrorMessage=True,
                )
                validation.add(f"{get_column_letter(at)}2:{get_column_letter(at)}{_ROWS}")
                worksheet.add_data_validation(validation)
            if col.type is bool:
                choices = "是,否" if lang == "zh" else "true,false"
                validation = DataValidation(
                    type="list", formula1=f'"{choices}"', allow_blank=True, showErrorMessage=True
                )
                validation.add(f"{get_column_letter(at)}2:{get_column_letter(at)}{_ROWS}")
                worksheet.add_data_validation(validation)
        worksheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()

"""Spreadsheets in and out: registers imported all or nothing, lists exported, templates.

Every sheet is derived from the one declaration of its entity (`fivesoc.db.records`): its
columns are the entity's written columns, headed in English (the input field's name) or
Chinese (the column's `zh`), and its rows are checked and written through the same write
path as the mutations (`fivesoc.db.entities`), each with its event.

- `layout`: which sheets there are, their columns and natural keys.
- `words`: the words of each kind list a cell may hold (English, enum name or Chinese).
- `read`: rows of CSV (UTF-8 or GB18030) and XLSX files, streamed.
- `header`: which table holds which sheet, and which header cell names which column.
- `cells`: a cell's text as a column's value, or what is wrong with it.
- `report`: what an import found and did, in English and Chinese.
- `importing`: the whole file checked and written in one transaction, or nothing.
- `service`: imports as the HTTP layer hands them to the schema (`importSheet`).
- `exporting`: a sheet's rows as CSV or XLSX, streamed; `filters`: the root lists' filters
  an export takes.
- `templates`: an XLSX to fill in, with descriptions, allowed values and an example row
  (`examples`).
- `hsds`: the directory as an HSDS 3.0 data package.
"""

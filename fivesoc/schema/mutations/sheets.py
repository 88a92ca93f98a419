"""`importSheet`: a register uploaded as a file (the GraphQL multipart request convention),
imported all or nothing (`fivesoc.sheets`), with its report."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.file_uploads import Upload

from fivesoc.schema.context import Info
from fivesoc.schema.mutations.common import UserError, UserErrorCode, user_error


@strawberry.input(description="A spreadsheet file to import, and what it holds.")
class ImportSheetInput:
    file: Upload = strawberry.field(
        description=(
            "The file, `.xlsx` or `.csv` (UTF-8 or GB18030), sent as a part of a multipart "
            "request (the GraphQL multipart request convention)."
        )
    )
    kind: str = strawberry.field(
        description=(
            "What the file holds, as `fivesoc import --kind` takes it: `communities`, "
            "`communities-with-grids`, `households-with-members`, …"
        )
    )
    dry_run: bool = strawberry.field(
        default=False, description="Check and report, writing nothing."
    )


@strawberry.type(description="A bad cell (or row) of an imported file.")
class SheetProblem:
    sheet: str = strawberry.field(description="The worksheet (or file) it is in.")
    row: int = strawberry.field(description="Its row, as the spreadsheet numbers it (header: 1).")
    column: str | None = strawberry.field(description="Its column's header; null for a row.")
    value: str = strawberry.field(description="What the cell holds.")
    message: str = strawberry.field(description="What is wrong, in English.")
    message_zh: str = strawberry.field(description="What is wrong, in Chinese.")


@strawberry.type(description="What an import did (or would do) to the rows of one sheet.")
class SheetCount:
    sheet: str = strawberry.field(description="The sheet, e.g. `communities`.")
    created: int = strawberry.field(description="Rows that are new.")
    updated: int = strawberry.field(description="Rows that changed a recorded one.")
    unchanged: int = strawberry.field(description="Rows already recorded as they are.")


@strawberry.type(description="Result of importSheet: the import's report.")
class ImportSheetPayload:
    written: bool = strawberry.field(
        description="Whether the rows were written: every row good, and no dry run."
    )
    counts: list[SheetCount] = strawberry.field(description="Rows per sheet by what was done.")
    problem_count: int = strawberry.field(description="How many problems the file has.")
    problems: list[SheetProblem] = strawberry.field(
        description="Every problem (the first 10,000), in the file's order."
    )
    user_errors: list[UserError] = strawberry.field(
        description="What was wrong with the request itself, if anything."
    )


def _refused(errors: list[UserError]) -> ImportSheetPayload:
    return ImportSheetPayload(
        written=False, counts=[], problem_count=0, problems=[], user_errors=errors
    )


@strawberry.type(description="Importing spreadsheets.")
class SheetMutations:
    @strawberry.mutation(
        description=(
            "Import a register from an uploaded XLSX or CSV file, all or nothing: every row "
            "is checked by the rules of the mutations and every bad cell reported; the rows "
            "are written, each with its event, only when all are good. Importing the same "
            "file again changes nothing. Needs a write grant for each row's region."
        )
    )
    async def import_sheet(
        self,
        info: Info,
        input: Annotated[
            ImportSheetInput, strawberry.argument(description="The file and what it holds.")
        ],
    ) -> ImportSheetPayload:
        imports = info.context.sheet_imports
        assert imports is not None, "the HTTP layer hands every request the imports"
        if input.kind not in imports.kinds:
            message = f"must be one of: {', '.join(imports.kinds)}"
            return _refused([user_error("kind", message, UserErrorCode.INVALID)])
        upload: Any = input.file
        filename = getattr(upload, "filename", None)
        stream = getattr(upload, "file", None)
        if not filename or stream is None:
            message = "must be a file part of a multipart request, with its file name"
            return _refused([user_error("file", message, UserErrorCode.INVALID)])
        report = await imports.run(
            info.context.viewer, stream, filename, input.kind, dry_run=input.dry_run
        )
        return ImportSheetPayload(
            written=report.written,
            counts=[
                SheetCount(
                    sheet=name,
                    created=counts.created,
                    updated=counts.updated,
                    unchanged=counts.unchanged,
                )
                for name, counts in report.counts.items()
            ],
            problem_count=report.problem_count,
            problems=[
                SheetProblem(
                    sheet=problem.sheet,
                    row=problem.row,
                    column=problem.column,
                    value=problem.value,
                    message=problem.en,
                    message_zh=problem.zh,
                )
                for problem in report.problems
            ],
            user_errors=[],
        )


__all__ = ["ImportSheetPayload", "SheetMutations"]

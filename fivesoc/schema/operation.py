"""The operation a request ran, noted on the request being served (`fivesoc.current_request`)
for its metrics, log line and span."""

from __future__ import annotations

from collections.abc import Iterator

from graphql import get_operation_ast
from strawberry.extensions import SchemaExtension

from fivesoc import current_request


class NoteTheOperation(SchemaExtension):
    """Once an operation is done, its name and type go on the request being served: the
    operation the document holds under `operationName` (or its only one); nothing when the
    document did not parse or holds no such operation."""

    def on_operation(self) -> Iterator[None]:
        yield
        served = current_request.current()
        document = self.execution_context.graphql_document
        if served is None or document is None:
            return
        operation = get_operation_ast(document, self.execution_context.operation_name)
        if operation is None:
            return
        served.operation_type = operation.operation.value
        served.operation = operation.name.value if operation.name else None

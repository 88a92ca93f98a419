"""Errors the client sees: user-input errors as they are, everything else masked with an id."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

logger = logging.getLogger("fivesoc.errors")


class UserInputError(GraphQLError):
    """The request asked for something fivesoc cannot give; the message says what and why."""

    def __init__(self, message: str, *, argument: str | None = None) -> None:
        extensions: dict[str, object] = {"code": "BAD_USER_INPUT"}
        if argument is not None:
            extensions["argument"] = argument
        super().__init__(message, extensions=extensions)


class Forbidden(GraphQLError):
    """The viewer may not read this; the message says what and which role would."""

    def __init__(self, message: str) -> None:
        super().__init__(message, extensions={"code": "FORBIDDEN"})


def is_expected(error: GraphQLError) -> bool:
    """Errors of the request itself (syntax, validation, input), as opposed to fivesoc's own."""
    original = error.original_error
    return original is None or isinstance(original, GraphQLError)


class MaskUnexpectedErrors(SchemaExtension):
    """Replace unexpected exceptions by a generic message with an error id; log the traceback."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is None or not result.errors:
            return
        masked = []
        for error in result.errors:
            if is_expected(error):
                masked.append(error)
                continue
            error_id = uuid.uuid4().hex[:12]
            logger.error(
                "unexpected error %s at %s", error_id, error.path, exc_info=error.original_error
            )
            masked.append(
                GraphQLError(
                    f"Internal server error (error id {error_id}); it has been logged.",
                    nodes=error.nodes,
                    path=error.path,
                    extensions={"code": "INTERNAL_SERVER_ERROR", "errorId": error_id},
                )
            )
        result.errors = masked

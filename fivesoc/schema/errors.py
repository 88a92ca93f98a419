"""Errors the client sees: user-input errors as they are, everything else masked with an id."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator

import asyncpg
from graphql import (
    DocumentNode,
    GraphQLError,
    GraphQLSyntaxError,
    Node,
    OperationDefinitionNode,
    SelectionSetNode,
    StringValueNode,
    ValidationRule,
)
from strawberry.extensions import SchemaExtension

from fivesoc.db.errors import DatabaseUnavailable

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


class AnalysisPending(GraphQLError):
    """The analysis asked for is being computed by a worker and was not done in time."""

    def __init__(self, message: str, *, job_id: int) -> None:
        super().__init__(message, extensions={"code": "ANALYSIS_PENDING", "jobId": job_id})


class AnalysisFailed(GraphQLError):
    """The worker's job computing the analysis asked for failed."""

    def __init__(self, message: str, *, job_id: int) -> None:
        super().__init__(message, extensions={"code": "ANALYSIS_FAILED", "jobId": job_id})


class NetworkTooLarge(GraphQLError):
    """The field needs a whole network in memory, which no server holds for a network this
    large: it is read by pages of what a worker stored."""

    def __init__(self, actors: int, max_actors: int) -> None:
        super().__init__(
            f"this network holds {actors:,} actors, more than the {max_actors:,} a server "
            "holds in memory (FIVESOC_MAX_NETWORK_ACTORS): it is served by pages of what a "
            "worker stored, which answer `summary`, `modularity`, `brokerage`, `nodes`, "
            "`linkage` and `linkages`; for paths, ego networks, links, clusters, exports and "
            "the rest, choose a smaller scope",
            extensions={"code": "NETWORK_TOO_LARGE", "actors": actors},
        )


def with_code(error: GraphQLError) -> GraphQLError:
    """The error with `extensions.code`: a request's own errors that graphql-core raises
    without one are named by where they arise (parsing, validation, the variables)."""
    extensions = error.extensions or {}
    if "code" in extensions:
        return error
    if isinstance(error, GraphQLSyntaxError) or isinstance(
        error.original_error, GraphQLSyntaxError
    ):
        code = "GRAPHQL_PARSE_FAILED"
    elif error.path is None and error.message.startswith("Variable "):
        code = "BAD_USER_INPUT"
    elif error.path is None:
        code = "GRAPHQL_VALIDATION_FAILED"
    else:
        code = "BAD_USER_INPUT"
    return GraphQLError(
        error.message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=error.original_error,
        extensions={**extensions, "code": code},
    )


class NoEmptySelections(SchemaExtension):
    """A selection set selects at least one field, as the grammar of GraphQL says; the parser
    accepts `{}`, which would otherwise reach validation (and its depth rule, which cannot
    measure it). Placed after the parser, it refuses such a document as a syntax error."""

    def on_parse(self) -> Iterator[None]:
        document = self.execution_context.graphql_document
        if document is not None:
            empty = next(
                (
                    node
                    for node in _selection_sets(document)
                    if not node.selections and node.loc is not None
                ),
                None,
            )
            if empty is not None and empty.loc is not None:
                raise GraphQLSyntaxError(
                    empty.loc.source, empty.loc.end - 1, "a selection set must select a field"
                )
        yield


def _selection_sets(document: DocumentNode) -> Iterator[SelectionSetNode]:
    todo: list[Node] = list(document.definitions)
    while todo:
        node = todo.pop()
        selection_set = getattr(node, "selection_set", None)
        if isinstance(selection_set, SelectionSetNode):
            yield selection_set
            todo.extend(selection_set.selections)


class OneOperation(SchemaExtension):
    """A document of several operations must name the one to run (`operationName`)."""

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if context._provided_operation_name is None and document is not None:
            operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
            if len(operations) > 1:
                context.pre_execution_errors = [
                    GraphQLError(
                        f"the document holds {len(operations)} operations: name the one to run "
                        "in `operationName`",
                        extensions={"code": "GRAPHQL_VALIDATION_FAILED"},
                    )
                ]
        yield


def text_problem(text: str, where: str, max_length: int) -> str | None:
    """What is wrong with a string of a request, if anything: longer than `max_length`, a NUL
    character (PostgreSQL's text cannot hold one), a lone surrogate (not a character)."""
    if len(text) > max_length:
        return f"`{where}` is {len(text):,} characters long, more than the limit of {max_length:,}"
    if "\x00" in text:
        return f"`{where}` contains a NUL character"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return f"`{where}` contains a lone surrogate (half of a UTF-16 pair), not a character"
    return None


def text_rule(max_length: int) -> type[ValidationRule]:
    """A validation rule refusing string literals of a document that `text_problem` refuses."""

    class InputText(ValidationRule):
        def enter_string_value(self, node: StringValueNode, *_: object) -> None:
            problem = text_problem(node.value, "a string in the document", max_length)
            if problem is not None:
                self.report_error(
                    GraphQLError(problem, node, extensions={"code": "BAD_USER_INPUT"})
                )

    return InputText


def timed_out(error: GraphQLError) -> bool:
    """Whether PostgreSQL cancelled a statement of the request (its statement timeout)."""
    return isinstance(error.original_error, asyncpg.QueryCanceledError)


# What the driver raises when the database cannot be reached, or is going away.
UNREACHABLE = (
    OSError,
    TimeoutError,
    asyncpg.InterfaceError,
    asyncpg.exceptions.ConnectionFailureError,
    asyncpg.exceptions.CannotConnectNowError,
    asyncpg.exceptions.AdminShutdownError,
    asyncpg.exceptions.InvalidCatalogNameError,
    asyncpg.exceptions.TooManyConnectionsError,
    DatabaseUnavailable,  # a pooled connection could not be opened
    asyncpg.InternalClientError,  # a connection torn down mid-exchange, as in an outage
)
UNAVAILABLE_MESSAGE = "the database cannot be reached just now; retry in a few seconds"


def unreachable(error: GraphQLError) -> bool:
    """Whether the request failed because the database could not be reached."""
    return isinstance(error.original_error, UNREACHABLE)


# The unexpected errors a client is told about as they are: what it may do about them.
_KNOWN = (
    (timed_out, "TIMEOUT", "the request ran longer than this server allows; ask for less"),
    (unreachable, "UNAVAILABLE", UNAVAILABLE_MESSAGE),
)


def is_expected(error: GraphQLError) -> bool:
    """Errors of the request itself (syntax, validation, input), as opposed to fivesoc's own."""
    original = error.original_error
    return original is None or isinstance(original, GraphQLError)


def mask(error: GraphQLError) -> GraphQLError:
    """The error as the client sees it: the request's own with its code; a known failure
    (a timeout, the database out of reach) by its code and a plain message; anything else as
    a generic message with an error id, the traceback logged under that id."""
    if is_expected(error):
        return with_code(error)
    known = [(code, message) for test, code, message in _KNOWN if test(error)]
    if known:
        code, message = known[0]
        logger.warning("%s at %s: %s", code, error.path, error.original_error)
        return GraphQLError(message, nodes=error.nodes, path=error.path, extensions={"code": code})
    error_id = uuid.uuid4().hex[:12]
    logger.error("unexpected error %s at %s", error_id, error.path, exc_info=error.original_error)
    return GraphQLError(
        f"Internal server error (error id {error_id}); it has been logged.",
        nodes=error.nodes,
        path=error.path,
        extensions={"code": "INTERNAL_SERVER_ERROR", "errorId": error_id},
    )


class MaskUnexpectedErrors(SchemaExtension):
    """Replace unexpected exceptions by a generic message with an error id; log the traceback."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is None or not result.errors:
            return
        result.errors = [mask(error) for error in result.errors]

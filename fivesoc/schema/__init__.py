"""The GraphQL schema: types, the root query, loaders and the request context."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence

import strawberry
import strawberry.schema.name_converter
from graphql import (
    ASTValidationRule,
    DocumentNode,
    GraphQLError,
    GraphQLSyntaxError,
    OperationDefinitionNode,
    OperationType,
    parse,
    specified_rules,
    validate,
)
from strawberry.extensions import (
    AddValidationRules,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext
from strawberry.types.arguments import StrawberryArgument

from fivesoc.schema.compiled import CompiledReads, Reads
from fivesoc.schema.compiler import Compiler
from fivesoc.schema.errors import (
    MaskUnexpectedErrors,
    NoEmptySelections,
    OneOperation,
    mask,
    text_rule,
)
from fivesoc.schema.fair_use import FairUse
from fivesoc.schema.mutations import Mutation
from fivesoc.schema.operation import NoteTheOperation
from fivesoc.schema.query import Query
from fivesoc.schema.subscription import Subscription

DOCUMENT_CACHE_SIZE = 256


@dataclasses.dataclass(frozen=True, slots=True)
class QueryLimits:
    """How large a document may be: nesting depth, lexical tokens, aliased fields."""

    max_depth: int = 15
    max_tokens: int = 2000
    max_aliases: int = 30
    max_string_length: int = 10_000


class NameConverter(strawberry.schema.name_converter.NameConverter):
    """Strawberry's names, each argument's computed once: strawberry asks for an argument's
    GraphQL name every time it converts the argument, for every parent of a nested field."""

    def __init__(self) -> None:
        super().__init__()
        self._arguments: dict[int, tuple[StrawberryArgument, str]] = {}

    def from_argument(self, argument: StrawberryArgument) -> str:
        known = self._arguments.get(id(argument))
        if known is None or known[0] is not argument:
            known = self._arguments[id(argument)] = (argument, super().from_argument(argument))
        return known[1]


class Schema(strawberry.Schema):
    """fivesoc's schema; unexpected errors are logged by `MaskUnexpectedErrors`, not here."""

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        """Mask, in place, errors that escaped `MaskUnexpectedErrors`: strawberry hands here
        the exceptions an extension raised before execution (a failed charge of fair use)."""
        errors[:] = [mask(error) for error in errors]

    def configure_documents(
        self, max_tokens: int, rules: Sequence[type[ASTValidationRule]]
    ) -> None:
        """The limits `build_schema` gave the document extensions, for `subscription_of`."""
        self._max_tokens = max_tokens
        self._rules = (*specified_rules, *rules)
        self._subscriptions: dict[str, DocumentNode | None] = {}

    def subscription_of(self, query: str) -> DocumentNode | None:
        """`query` parsed, if it is one subscription operation that parses and validates
        within the limits; else None (strawberry then answers it, with the reasons)."""
        if query in self._subscriptions:
            return self._subscriptions[query]
        try:
            document: DocumentNode | None = parse(query, max_tokens=self._max_tokens)
        except GraphQLSyntaxError:
            document = None
        if document is not None:
            operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
            if (
                len(operations) != 1
                or operations[0].operation is not OperationType.SUBSCRIPTION
                or validate(self._schema, document, self._rules)
            ):
                document = None
        if len(self._subscriptions) >= DOCUMENT_CACHE_SIZE:
            self._subscriptions.clear()
        self._subscriptions[query] = document
        return document


def build_schema(limits: QueryLimits | None = None, reads: Reads = Reads.EXECUTED) -> Schema:
    """The schema served at `/graphql`, refusing documents beyond `limits`.

    Parsed and validated documents are cached, so a repeated request skips both steps. The
    validation cache is keyed by the document and the rules: the depth and alias rules are
    made once here, not per request (the limiter extensions make a new rule class each time
    they are created), so that a repeated document finds its entry.

    `reads` says whether query operations go through the compiler (`fivesoc.schema.compiled`);
    its answers are raw JSON text, which the HTTP view splices into the response.
    """
    limits = limits or QueryLimits()
    rules = [
        *QueryDepthLimiter(limits.max_depth).validation_rules,
        *MaxAliasesLimiter(limits.max_aliases).validation_rules,
        text_rule(limits.max_string_length),
    ]
    schema = Schema(
        config=StrawberryConfig(name_converter=NameConverter()),
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        # Factories: each request gets fresh extensions; the caches live at module level.
        extensions=[
            NoteTheOperation,
            functools.partial(MaxTokensLimiter, limits.max_tokens),
            functools.partial(ParserCache, maxsize=DOCUMENT_CACHE_SIZE),
            NoEmptySelections,
            functools.partial(AddValidationRules, rules),
            functools.partial(ValidationCache, maxsize=DOCUMENT_CACHE_SIZE),
            OneOperation,
            MaskUnexpectedErrors,
            FairUse,  # before compiled reads: a refused operation reads nothing
        ],
    )
    schema.configure_documents(limits.max_tokens, rules)
    if reads is not Reads.EXECUTED:
        compiler = Compiler(schema)
        compiled = functools.partial(CompiledReads, compiler=compiler, reads=reads)
        schema.extensions = (*schema.extensions, compiled)
    return schema


__all__ = ["QueryLimits", "Reads", "Schema", "build_schema"]

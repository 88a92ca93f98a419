"""The GraphQL schema: types, the root query, loaders and the request context."""

from __future__ import annotations

import functools

import strawberry
from graphql import GraphQLError
from strawberry.types import ExecutionContext

from fivesoc.schema.errors import MaskUnexpectedErrors
from fivesoc.schema.query import Query


class Schema(strawberry.Schema):
    """fivesoc's schema; unexpected errors are logged by `MaskUnexpectedErrors`, not here."""

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        return None


@functools.cache
def build_schema() -> Schema:
    """The schema served at `/graphql`; built once per process (strawberry's relay fields
    cannot be bound to a second schema)."""
    return Schema(query=Query, extensions=[MaskUnexpectedErrors])


__all__ = ["Schema", "build_schema"]

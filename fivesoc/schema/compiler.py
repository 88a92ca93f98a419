"""Query operations as one SQL statement: a validated document becomes a read plan.

The schema says how each field reads: a node type names its `catalog_source`, and its plain
fields are the source's columns; connection, reference and root-list fields carry their
catalog declaration in their metadata (`fivesoc.schema.types.fields.READS`). The compiler
walks an operation's selections with its variables and turns them into a
`fivesoc.db.compiled` plan: no GraphQL leaves this module.

Whatever it cannot read from the catalog — a field with a resolver of its own (`linkage`,
`statistics`, `network`, guarded personal data), an argument the executed path would refuse,
anything unexpected — makes the root field it lies under `NotCompilable`: `split` leaves that
root field to strawberry, which executes it as before, errors included, while the other root
fields are compiled. The compiled path only ever answers what it answers the same.
"""

from __future__ import annotations

import dataclasses
import json
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

import strawberry
from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    GraphQLEnumType,
    GraphQLError,
    GraphQLField,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLScalarType,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
)
from graphql.execution.values import get_argument_values
from graphql.utilities import get_operation_ast
from strawberry.types.arguments import convert_arguments
from strawberry.types.base import StrawberryObjectDefinition
from strawberry.types.field import StrawberryField

from fivesoc.db import compiled as plan
from fivesoc.db.compiled import NotCompilable
from fivesoc.db.listing import Order
from fivesoc.schema.context import Limits
from fivesoc.schema.errors import UserInputError
from fivesoc.schema.filters import order_args
from fivesoc.schema.lists import list_filters
from fivesoc.schema.pagination import PageArgs
from fivesoc.schema.selections import Fields, collect_fields
from fivesoc.schema.types.actor import ACTOR_KINDS
from fivesoc.schema.types.common import (
    check_cursors,
    checked_search,
    limited_page_args,
    row_key,
)
from fivesoc.schema.types.fields import (
    READS,
    ReadsActor,
    ReadsChildren,
    ReadsList,
    ReadsReference,
)

MAX_NODE_IDS = 100

# How a scalar's values are written, for the scalars a column can hold.
_SCALARS: Mapping[str, plan.Encoding] = {
    "String": "json",
    "Int": "json",
    "Boolean": "json",
    "Date": "json",
    "DateTime": "timestamp",
    "Decimal": "text",
    "Float": "float",
}
_PAGE_FIELDS = ("hasNextPage", "hasPreviousPage", "startCursor", "endCursor")


@dataclasses.dataclass(frozen=True, slots=True)
class Split:
    """An operation split by root field.

    `plan` builds the root fields that compile; `executed` is the operation asking only for
    the others (None when every root field compiles); `keys` are all the response keys of the
    root, in the order of the answer.
    """

    plan: plan.Object
    executed: DocumentNode | None
    keys: tuple[str, ...]


@dataclasses.dataclass(frozen=True, slots=True)
class Statement:
    """A split operation rendered: the SQL of its compiled root fields with its parameters,
    the document of the others (None when all compile), and every root key in order."""

    sql: str
    args: tuple[object, ...]
    executed: DocumentNode | None
    keys: tuple[str, ...]


# Operations whose statements are kept, the least recently used dropped first.
STATEMENT_CACHE_SIZE = 512


class Compiler:
    """Turns query operations of `schema` into plans; one per schema, shared by requests.

    `statement` keeps the statements it rendered, by document, operation name and variables:
    a repeated request (a page polled, the same lookup asked again) skips planning.
    """

    def __init__(self, schema: strawberry.Schema, cache_size: int = STATEMENT_CACHE_SIZE) -> None:
        self._schema = schema
        self._graphql = schema._schema
        self._cache_size = cache_size
        self._statements: OrderedDict[tuple[object, ...], Statement | None] = OrderedDict()

    def statement(
        self,
        document: DocumentNode,
        query: str | None,
        operation_name: str | None,
        variables: dict[str, Any] | None,
        limits: Limits,
    ) -> Statement | None:
        """The operation's statement, or None when no root field compiles (or its variables
        are refused: the executed path says why)."""
        if query is None:  # a document given parsed has no text to be found by
            return self._render(document, operation_name, variables, limits)
        key = (query, operation_name, json.dumps(variables, sort_keys=True, default=str), limits)
        if key in self._statements:
            self._statements.move_to_end(key)
            return self._statements[key]
        found = self._render(document, operation_name, variables, limits)
        self._statements[key] = found
        if len(self._statements) > self._cache_size:
            self._statements.popitem(last=False)
        return found

    def _render(
        self,
        document: DocumentNode,
        operation_name: str | None,
        variables: dict[str, Any] | None,
        limits: Limits,
    ) -> Statement | None:
        try:
            split = self.split(document, operation_name, variables, limits)
        except (NotCompilable, GraphQLError):
            return None
        sql, args = plan.render(split.plan)
        return Statement(sql, tuple(args), split.executed, split.keys)

    def plan(
        self,
        document: DocumentNode,
        operation_name: str | None,
        variables: dict[str, Any] | None,
        limits: Limits,
    ) -> plan.Object:
        """The plan of the whole operation, or `NotCompilable`."""
        split = self.split(document, operation_name, variables, limits)
        if split.executed is not None:
            raise NotCompilable("some root fields are executed")
        return split.plan

    def split(
        self,
        document: DocumentNode,
        operation_name: str | None,
        variables: dict[str, Any] | None,
        limits: Limits,
    ) -> Split:
        """The operation split by root field: the plan of those that compile, and a document
        asking for the others. `NotCompilable` when none compiles."""
        operation = get_operation_ast(document, operation_name)
        if operation is None or operation.operation is not OperationType.QUERY:
            raise NotCompilable("not a query operation")
        walk = _Walk(self, document, operation, variables or {}, limits)
        query = self._graphql.query_type
        assert query is not None
        fields = walk.collect(query, [operation.selection_set])
        built: list[tuple[str, plan.Value]] = []
        executed: list[FieldNode] = []
        for key, nodes in fields.items():
            try:
                built.append((key, walk.field(query, nodes)))
            except (NotCompilable, GraphQLError):
                # Arguments the executed path refuses are refused there, with its errors.
                executed += nodes
        if not built:
            raise NotCompilable("no root field compiles")
        rest = None
        if executed:
            rest = DocumentNode(
                definitions=(
                    OperationDefinitionNode(
                        operation=operation.operation,
                        name=operation.name,
                        variable_definitions=operation.variable_definitions,
                        directives=operation.directives,
                        selection_set=SelectionSetNode(selections=tuple(executed)),
                    ),
                    *walk.fragments.values(),
                )
            )
        return Split(plan.Object(tuple(built)), rest, tuple(fields))

    def definition(self, type_name: str) -> StrawberryObjectDefinition:
        found = self._schema.get_type_by_name(type_name)
        if not isinstance(found, StrawberryObjectDefinition):
            raise NotCompilable(f"{type_name} is not an object type")
        return found

    def field(self, type_name: str, name: str) -> StrawberryField:
        definition = self.definition(type_name)
        for field in definition.fields:
            if self._schema.config.name_converter.get_graphql_name(field) == name:
                return field
        raise NotCompilable(f"{type_name}.{name} is not a field")

    def arguments(
        self, parent: GraphQLObjectType, node: FieldNode, variables: Any
    ) -> dict[str, Any]:
        """A field's arguments as its resolver receives them (inputs as their classes)."""
        graphql_field: GraphQLField = parent.fields[node.name.value]
        field = self.field(parent.name, node.name.value)
        try:
            return convert_arguments(
                get_argument_values(graphql_field, node, variables),
                field.arguments,
                scalar_registry=self._schema.schema_converter.scalar_registry,
                config=self._schema.config,
            )
        except Exception as error:
            raise NotCompilable(f"arguments of {parent.name}.{field.name}: {error}") from None


class _Walk:
    """One operation's walk, with its variables."""

    def __init__(
        self,
        compiler: Compiler,
        document: DocumentNode,
        operation: OperationDefinitionNode,
        variables: dict[str, Any],
        limits: Limits,
    ) -> None:
        from graphql.execution.values import get_variable_values

        self._compiler = compiler
        self._graphql = compiler._graphql
        self._limits = limits
        self.fragments = {
            node.name.value: node
            for node in document.definitions
            if isinstance(node, FragmentDefinitionNode)
        }
        coerced = get_variable_values(
            self._graphql, operation.variable_definitions or (), variables
        )
        if isinstance(coerced, list):
            raise NotCompilable("the variables have errors")
        self._variables = coerced

    # Selections.

    def collect(self, runtime: GraphQLObjectType, sets: list[SelectionSetNode]) -> Fields:
        """The fields selected on an object of type `runtime`, by response key, in order."""
        return collect_fields(self._graphql, self.fragments, self._variables, runtime, sets)

    def _sub(self, nodes: list[FieldNode], runtime: GraphQLObjectType) -> Fields:
        sets = [node.selection_set for node in nodes if node.selection_set is not None]
        return self.collect(runtime, sets)

    def _object_type(self, name: str) -> GraphQLObjectType:
        found = self._graphql.get_type(name)
        if not isinstance(found, GraphQLObjectType):
            raise NotCompilable(f"{name} is not an object type")
        return found

    # Objects.

    def object(self, parent: GraphQLObjectType, fields: Fields) -> plan.Object:
        """The object of type `parent` with these fields, over the row `t` (or the root)."""
        built = []
        for key, nodes in fields.items():
            built.append((key, self.field(parent, nodes)))
        return plan.Object(tuple(built))

    def _node_object(self, type_name: str, nodes: list[FieldNode]) -> plan.Object:
        runtime = self._object_type(type_name)
        return self.object(runtime, self._sub(nodes, runtime))

    def field(self, parent: GraphQLObjectType, nodes: list[FieldNode]) -> plan.Value:
        node = nodes[0]
        name = node.name.value
        if name == "__typename":
            return plan.Constant(parent.name)
        if name.startswith("__"):
            raise NotCompilable("introspection")
        if parent is self._graphql.query_type:
            return self._root_field(parent, nodes)
        source = self._source(parent.name)
        if name == "id":
            return plan.GlobalId(parent.name)  # every catalogued type is a node
        field = self._compiler.field(parent.name, name)
        reads = field.metadata.get(READS)
        match reads:
            case ReadsChildren(guarded=None):
                arguments = self._compiler.arguments(parent, node, self._variables)
                page = self._page(arguments, reads.relation.order)
                fields = self._connection(parent.fields[name].type, nodes, reads.type_name)
                return plan.ChildConnection(reads.relation, page, fields)
            case ReadsReference():
                return plan.Reference(
                    reads.key, reads.source, self._node_object(reads.type_name, nodes)
                )
            case ReadsActor():
                kinds = tuple(
                    (kind, self._source(type_name), self._node_object(type_name, nodes))
                    for kind, type_name in ACTOR_KINDS.items()
                )
                return plan.ActorReference(reads.key, kinds)
        if reads is not None or field.base_resolver is not None:
            raise NotCompilable(f"{parent.name}.{name} is resolved")
        if field.python_name not in source.fields:
            raise NotCompilable(f"{parent.name}.{name} is not a column")
        return self._column(field.python_name, parent.fields[name].type)

    def _source(self, type_name: str) -> Any:
        origin = self._compiler.definition(type_name).origin
        source = getattr(origin, "catalog_source", None)
        if source is None:
            raise NotCompilable(f"{type_name} is not read from the catalog")
        if source.personal:
            raise NotCompilable(f"{type_name} is personal data, read through the guard")
        return source

    @staticmethod
    def _column(name: str, graphql_type: GraphQLOutputType) -> plan.Column:
        if isinstance(graphql_type, GraphQLNonNull):
            graphql_type = graphql_type.of_type
        if isinstance(graphql_type, GraphQLEnumType):
            definition = graphql_type.extensions["strawberry-definition"]
            words = tuple((value.value, value.name) for value in definition.values)
            return plan.Column(name, "enum", words)
        if isinstance(graphql_type, GraphQLScalarType) and graphql_type.name in _SCALARS:
            return plan.Column(name, _SCALARS[graphql_type.name])
        raise NotCompilable(f"a column of type {graphql_type}")

    # The root.

    def _root_field(self, parent: GraphQLObjectType, nodes: list[FieldNode]) -> plan.Value:
        node = nodes[0]
        name = node.name.value
        arguments = self._compiler.arguments(parent, node, self._variables)
        if name == "node":
            return self._node(arguments["id"], nodes)
        if name == "nodes":
            ids = arguments["ids"]
            if len(ids) > MAX_NODE_IDS:
                raise NotCompilable("too many ids")
            return plan.Array(tuple(self._node(gid, nodes) for gid in ids))
        reads = self._compiler.field(parent.name, name).metadata.get(READS)
        if not isinstance(reads, ReadsList) or reads.guarded is not None:
            raise NotCompilable(f"Query.{name} is resolved")
        ordering = order_args(arguments.get("order_by"))
        try:
            search = checked_search(
                arguments.get("search"), ordering.get("order"), self._limits.max_search_length
            )
            filters = list_filters(reads.listing, arguments)
        except UserInputError as error:
            raise NotCompilable(error.message) from None
        fields = self._connection(parent.fields[name].type, nodes, reads.type_name)
        listing = reads.listing
        order = (
            listing.search_order(0)
            if search is not None
            else listing.order(ordering.get("order"), ordering.get("reverse", False))
        )
        return plan.RootConnection(
            listing,
            self._page(arguments, order, listing.cursor_mark(order)),
            fields,
            filters=filters,
            search=search,
            **ordering,
        )

    def _node(self, gid: Any, nodes: list[FieldNode]) -> plan.Value:
        """As `Catalogued.resolve_nodes`: null for an id that is not a number."""
        source = self._source(gid.type_name)
        node_id: str = gid.node_id
        key = row_key(node_id)
        if key is None:
            return None
        return plan.NodeById(source, key, self._node_object(gid.type_name, nodes))

    # Connections.

    def _page(
        self, arguments: Mapping[str, Any], order: Order, mark: str | None = None
    ) -> plan.Page:
        try:
            page: PageArgs = limited_page_args(
                self._limits,
                arguments.get("first"),
                arguments.get("after"),
                arguments.get("last"),
                arguments.get("before"),
            )
            check_cursors(page, order, mark)
        except UserInputError as error:
            raise NotCompilable(error.message) from None
        return plan.Page(page.size, page.after, page.before, page.from_end)

    def _connection(
        self, graphql_type: GraphQLOutputType, nodes: list[FieldNode], type_name: str
    ) -> tuple[tuple[str, plan.ConnectionField], ...]:
        while isinstance(graphql_type, GraphQLNonNull | GraphQLList):
            if isinstance(graphql_type, GraphQLList):
                raise NotCompilable("a list of connections")
            graphql_type = graphql_type.of_type
        connection = self._object_type(str(graphql_type))
        built: list[tuple[str, plan.ConnectionField]] = []
        for key, field_nodes in self._sub(nodes, connection).items():
            name = field_nodes[0].name.value
            part: plan.ConnectionField
            if name == "__typename":
                part = plan.Constant(connection.name)
            elif name == "totalCount":
                part = plan.TotalCount()
            elif name == "nodes":
                part = plan.Nodes(self._node_object(type_name, field_nodes))
            elif name == "edges":
                part = self._edges(connection, field_nodes, type_name)
            elif name == "pageInfo":
                part = self._page_info(connection, field_nodes)
            else:
                raise NotCompilable(f"{connection.name}.{name}")
            built.append((key, part))
        return tuple(built)

    def _edges(
        self, connection: GraphQLObjectType, nodes: list[FieldNode], type_name: str
    ) -> plan.Edges:
        edge = self._object_type(str(_named(connection.fields["edges"].type)))
        built: list[tuple[str, plan.Cursor | plan.Object | plan.Constant]] = []
        for key, field_nodes in self._sub(nodes, edge).items():
            name = field_nodes[0].name.value
            if name == "__typename":
                built.append((key, plan.Constant(edge.name)))
            elif name == "cursor":
                built.append((key, plan.Cursor()))
            elif name == "node":
                built.append((key, self._node_object(type_name, field_nodes)))
            else:
                raise NotCompilable(f"{edge.name}.{name}")
        return plan.Edges(tuple(built))

    def _page_info(self, connection: GraphQLObjectType, nodes: list[FieldNode]) -> plan.PageInfo:
        info = self._object_type(str(_named(connection.fields["pageInfo"].type)))
        built: list[tuple[str, plan.PageField | plan.Constant]] = []
        for key, field_nodes in self._sub(nodes, info).items():
            name = field_nodes[0].name.value
            if name == "__typename":
                built.append((key, plan.Constant(info.name)))
            elif name in _PAGE_FIELDS:
                built.append((key, name))  # type: ignore[arg-type]
            else:
                raise NotCompilable(f"PageInfo.{name}")
        return plan.PageInfo(tuple(built))


def _named(graphql_type: GraphQLOutputType) -> GraphQLOutputType:
    while isinstance(graphql_type, GraphQLNonNull | GraphQLList):
        graphql_type = graphql_type.of_type
    return graphql_type

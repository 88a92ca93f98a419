"""What an operation costs, worked out from its document before it runs.

The cost counts the objects an operation may return at most, as GitHub's node limit does:
each field of an object type counts once for every object its parent may be; a connection's
`nodes` and `edges` count once per item of its page (`first` or `last`, else the default page
size); `nodes(ids:)` once per id; any other list of objects as a full default page. Scalars
cost nothing. A `network` field adds the size of its scope (one point per `ACTORS_PER_POINT`
actors), once per network it computes (`timeline` computes one per date), because analysing
a network touches every actor of it. `Estimate` holds the document's own part and the
networks it asks for; the scopes' sizes are read from the database by the caller.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLUnionType,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    get_named_type,
)
from graphql.execution.values import VariableValues, get_argument_values, get_variable_values
from graphql.language import OperationType

# A network costs one point per this many actors in its scope.
ACTORS_PER_POINT = 1
PAGED = ("nodes", "edges")


@dataclasses.dataclass(frozen=True, slots=True)
class NetworkAsk:
    """A network an operation asks for: its scope's region or community (global ids as
    given), and how many networks of that scope it computes."""

    region: str | None
    community: str | None
    times: int


@dataclasses.dataclass(frozen=True, slots=True)
class Estimate:
    """An operation's cost before the sizes of network scopes are known."""

    objects: int
    networks: tuple[NetworkAsk, ...] = ()

    def total(self, actors: Mapping[NetworkAsk, int]) -> int:
        """The whole cost, given the actors in each network's scope; at least 1."""
        scopes = sum(ask.times * math.ceil(actors[ask] / ACTORS_PER_POINT) for ask in self.networks)
        return max(1, self.objects + scopes)


def network_cost(actors: int) -> int:
    """The cost of one network of `actors` actors (an export, say)."""
    return max(1, math.ceil(actors / ACTORS_PER_POINT))


def estimate(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    variables: Mapping[str, Any] | None,
    default_page_size: int,
) -> Estimate:
    """The cost of the operation `operation_name` of a validated `document`."""
    operation = next(
        (
            d
            for d in document.definitions
            if isinstance(d, OperationDefinitionNode)
            and (operation_name is None or (d.name is not None and d.name.value == operation_name))
        ),
        None,
    )
    if operation is None:
        return Estimate(0)
    root = {
        OperationType.QUERY: schema.query_type,
        OperationType.MUTATION: schema.mutation_type,
        OperationType.SUBSCRIPTION: schema.subscription_type,
    }[operation.operation]
    coerced = get_variable_values(
        schema, operation.variable_definitions or (), dict(variables or {})
    )
    if root is None or isinstance(coerced, list):
        return Estimate(0)  # variables the execution refuses: it reports them itself
    walk = _Walk(schema, document, coerced, default_page_size)
    objects = walk.selections(root, operation.selection_set, 1)
    return Estimate(objects, tuple(walk.networks))


Parent = GraphQLObjectType | GraphQLInterfaceType | GraphQLUnionType


class _Walk:
    def __init__(
        self,
        schema: GraphQLSchema,
        document: DocumentNode,
        variables: VariableValues,
        default_page_size: int,
    ) -> None:
        self.schema = schema
        self.variables = variables
        self.page = default_page_size
        self.fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        self.networks: list[NetworkAsk] = []

    def selections(self, parent: Parent, selection_set: SelectionSetNode | None, times: int) -> int:
        if selection_set is None:
            return 0
        cost = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                cost += self.field(parent, selection, times)
            elif isinstance(selection, InlineFragmentNode):
                cost += self.selections(
                    self.condition(selection.type_condition, parent),
                    selection.selection_set,
                    times,
                )
            elif isinstance(selection, FragmentSpreadNode):
                fragment = self.fragments.get(selection.name.value)
                if fragment is not None:
                    cost += self.selections(
                        self.condition(fragment.type_condition, parent),
                        fragment.selection_set,
                        times,
                    )
        return cost

    def condition(self, type_condition: Any, parent: Parent) -> Parent:
        if type_condition is None:
            return parent
        named = self.schema.get_type(type_condition.name.value)
        if isinstance(named, GraphQLObjectType | GraphQLInterfaceType | GraphQLUnionType):
            return named
        return parent

    def field(self, parent: Parent, node: FieldNode, times: int) -> int:
        if isinstance(parent, GraphQLUnionType):
            return 0  # only __typename is selectable on a union itself
        definition = parent.fields.get(node.name.value)
        if definition is None:
            return 0  # __typename and the like
        named = get_named_type(definition.type)
        if not isinstance(named, GraphQLObjectType | GraphQLInterfaceType | GraphQLUnionType):
            return 0
        try:
            arguments = get_argument_values(definition, node, self.variables)
        except Exception:  # arguments the execution refuses; it reports them itself
            arguments = {}
        if named.name == "Network":
            self.networks.append(_network_ask(arguments, times))
        if node.name.value == "timeline" and isinstance(arguments.get("dates"), list):
            self._more_networks(times * max(0, len(arguments["dates"]) - 1))
        if named.name.endswith("Connection"):
            size = _page_size(arguments, self.page)
            cost = times
            for selection in node.selection_set.selections if node.selection_set else ():
                inner = SelectionSetNode(selections=(selection,))
                per_item = isinstance(selection, FieldNode) and selection.name.value in PAGED
                cost += self.selections(named, inner, times * size if per_item else times)
            return cost
        items = 1
        if parent.name.endswith("Connection") and node.name.value in PAGED:
            items = 1  # the connection multiplied `times` by its page size already
        elif node.name.value == "nodes" and isinstance(arguments.get("ids"), list):
            items = len(arguments["ids"])
        elif _is_list(definition.type):
            items = self.page
        return times * items + self.selections(named, node.selection_set, times * items)

    def _more_networks(self, extra: int) -> None:
        """`timeline` computes one network per date on the scope of its parent network."""
        if extra and self.networks:
            last = self.networks[-1]
            self.networks[-1] = dataclasses.replace(last, times=last.times + extra)


def _network_ask(arguments: Mapping[str, Any], times: int) -> NetworkAsk:
    scope = arguments.get("scope") or {}
    region = scope.get("region") if isinstance(scope, Mapping) else None
    community = scope.get("community") if isinstance(scope, Mapping) else None
    return NetworkAsk(
        None if region is None else str(region),
        None if community is None else str(community),
        times,
    )


def _page_size(arguments: Mapping[str, Any], default: int) -> int:
    for name in ("first", "last"):
        value = arguments.get(name)
        if isinstance(value, int) and value >= 0:
            return value
    return default


def _is_list(type_: Any) -> bool:
    while isinstance(type_, GraphQLNonNull):
        type_ = type_.of_type
    return isinstance(type_, GraphQLList)

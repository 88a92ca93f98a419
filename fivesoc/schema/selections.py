"""The fields a selection actually asks for, as the executor will resolve them.

Fragment spreads and inline fragments are opened where their type condition holds, fields
left out by `@skip`/`@include` are dropped, and fields are grouped by response key (alias or
name). Whoever decides from a selection — the privacy guard, the compiler — asks here, so that
no way of writing a query is read differently from how it runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLIncludeDirective,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLSkipDirective,
    InlineFragmentNode,
    SelectionNode,
    SelectionSetNode,
    is_abstract_type,
)
from graphql.execution.values import VariableValues, get_directive_values

Fields = dict[str, list[FieldNode]]


def collect_fields(
    schema: GraphQLSchema,
    fragments: Mapping[str, FragmentDefinitionNode],
    variables: VariableValues | Mapping[str, Any],
    runtime: GraphQLObjectType,
    sets: Iterable[SelectionSetNode],
) -> Fields:
    """The fields selected on an object of type `runtime`, by response key, in order.

    `variables` are the operation's coerced variables, as `get_variable_values` gives them or
    as a resolver's info holds them (a plain mapping).

    Examples
    --------
    >>> from graphql import build_schema, parse
    >>> from graphql.execution.values import get_variable_values
    >>> schema = build_schema("type Query { a: Int b: Int }")
    >>> document = parse("{ x: a ...F b @skip(if: true) } fragment F on Query { a }")
    >>> operation, fragment = document.definitions
    >>> variables = get_variable_values(schema, (), {})
    >>> fields = collect_fields(
    ...     schema, {"F": fragment}, variables, schema.query_type, [operation.selection_set]
    ... )
    >>> {key: [node.name.value for node in nodes] for key, nodes in fields.items()}
    {'x': ['a'], 'a': ['a']}
    """
    if not isinstance(variables, VariableValues):
        variables = VariableValues(sources={}, coerced=dict(variables))
    fields: Fields = {}
    visited: set[str] = set()

    def visit(selection_set: SelectionSetNode) -> None:
        for selection in selection_set.selections:
            if not included(selection, variables):
                continue
            if isinstance(selection, FieldNode):
                key = (selection.alias or selection.name).value
                fields.setdefault(key, []).append(selection)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                if condition is None or applies(schema, condition.name.value, runtime):
                    visit(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = fragments.get(name)
                if name in visited or fragment is None:
                    continue
                visited.add(name)
                if applies(schema, fragment.type_condition.name.value, runtime):
                    visit(fragment.selection_set)

    for selection_set in sets:
        visit(selection_set)
    return fields


def included(node: SelectionNode, variables: VariableValues) -> bool:
    """Whether `@skip` and `@include` let the selection through."""
    skip = get_directive_values(GraphQLSkipDirective, node, variables)
    if skip is not None and skip.get("if") is True:
        return False
    include = get_directive_values(GraphQLIncludeDirective, node, variables)
    return not (include is not None and include.get("if") is False)


def applies(schema: GraphQLSchema, condition: str, runtime: GraphQLObjectType) -> bool:
    """Whether a fragment on type `condition` applies to an object of type `runtime`."""
    wanted = schema.get_type(condition)
    if wanted is runtime:
        return True
    if is_abstract_type(wanted):  # an interface or a union
        return schema.is_sub_type(wanted, runtime)
    return False

"""The committed `schema.graphql` is the live schema; every type and field is described."""

from __future__ import annotations

from pathlib import Path

from graphql import GraphQLEnumType, GraphQLInputObjectType, GraphQLObjectType

from fivesoc.schema import build_schema


def test_committed_sdl_matches_the_live_schema(repo_root: Path) -> None:
    committed = (repo_root / "schema.graphql").read_text(encoding="utf-8")
    assert committed == build_schema().as_str() + "\n", (
        "schema.graphql is stale: run `fivesoc export-schema`"
    )


def test_every_type_field_argument_and_enum_value_has_a_description() -> None:
    schema = build_schema()._schema
    undescribed = []
    for name, graphql_type in schema.type_map.items():
        if name.startswith("__"):
            continue
        described = GraphQLObjectType | GraphQLInputObjectType | GraphQLEnumType
        if isinstance(graphql_type, described) and not graphql_type.description:
            undescribed.append(name)
        if isinstance(graphql_type, GraphQLObjectType | GraphQLInputObjectType):
            for field_name, field in graphql_type.fields.items():
                if not field.description:
                    undescribed.append(f"{name}.{field_name}")
                for arg_name, arg in getattr(field, "args", {}).items():
                    if not arg.description:
                        undescribed.append(f"{name}.{field_name}({arg_name})")
        if isinstance(graphql_type, GraphQLEnumType):
            for value_name, value in graphql_type.values.items():
                if not value.description:
                    undescribed.append(f"{name}.{value_name}")
    assert undescribed == []

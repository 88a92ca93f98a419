"""Cursor pagination: pages in order, both directions, limits refused with a clear error."""

from __future__ import annotations

import base64

import pytest

from fivesoc.db import catalog
from tests.conftest import GraphQLClient

MICRO_GRIDS = """
query($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
  node(id: $id) { ... on Community {
    microGrids(first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { name } }
    }
  } }
}
"""


async def _ganfeng(client: GraphQLClient) -> str:
    data = await client.data("{ communities(first: 10) { nodes { id name } } }")
    return next(n["id"] for n in data["communities"]["nodes"] if n["name"] == "干丰社区")


async def _micro_grids(client: GraphQLClient, **variables: object) -> dict:
    data = await client.data(MICRO_GRIDS, {"id": await _ganfeng(client), **variables})
    page: dict = data["node"]["microGrids"]
    return page


async def test_forward_pages_cover_the_list_once_in_order(client: GraphQLClient) -> None:
    names: list[str] = []
    after = None
    pages = 0
    while True:
        page = await _micro_grids(client, first=10, after=after)
        assert page["totalCount"] == 42
        names += [edge["node"]["name"] for edge in page["edges"]]
        pages += 1
        assert page["pageInfo"]["hasPreviousPage"] is (after is not None)
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert pages == 5  # 10 + 10 + 10 + 10 + 2
    assert len(names) == 42
    assert len(set(names)) == 42


async def test_backward_pages_mirror_forward_pages(client: GraphQLClient) -> None:
    forward = await _micro_grids(client, first=42)
    every = [edge["node"]["name"] for edge in forward["edges"]]
    last = await _micro_grids(client, last=5)
    assert [edge["node"]["name"] for edge in last["edges"]] == every[-5:]
    assert last["pageInfo"]["hasPreviousPage"] is True
    assert last["pageInfo"]["hasNextPage"] is False
    before = await _micro_grids(client, last=5, before=last["pageInfo"]["startCursor"])
    assert [edge["node"]["name"] for edge in before["edges"]] == every[-10:-5]
    assert before["pageInfo"]["hasNextPage"] is True


async def test_default_page_size_is_twenty(client: GraphQLClient) -> None:
    page = await _micro_grids(client)
    assert len(page["edges"]) == 20
    assert page["pageInfo"]["hasNextPage"] is True


async def test_first_zero_gives_only_the_count(client: GraphQLClient) -> None:
    page = await _micro_grids(client, first=0)
    assert page["edges"] == []
    assert page["totalCount"] == 42


@pytest.mark.parametrize(
    ("variables", "message", "argument"),
    [
        (
            {"first": 101},
            "`first` is 101, more than the limit of 100 items per page; "
            "ask for fewer and follow pageInfo.endCursor",
            "first",
        ),
        ({"last": -1}, "`last` must not be negative (got -1)", "last"),
        ({"first": 1, "last": 1}, "pass either `first` or `last`, not both", "first"),
        (
            {"after": "bm90IGEgY3Vyc29y"},
            "`after` is not a cursor of this API; use a cursor from pageInfo or an edge",
            "after",
        ),
    ],
)
async def test_bad_page_arguments_get_a_clear_error(
    client: GraphQLClient, variables: dict[str, object], message: str, argument: str
) -> None:
    body = await client.execute(MICRO_GRIDS, {"id": await _ganfeng(client), **variables})
    assert [error["message"] for error in body["errors"]] == [message]
    assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "argument": argument}


async def test_a_page_too_large_at_the_root_is_refused(client: GraphQLClient) -> None:
    body = await client.execute("{ communities(first: 1000) { totalCount } }")
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["argument"] == "first"


COMMUNITIES = """
query($first: Int, $after: String, $last: Int, $before: String, $order: CommunityOrder,
      $search: String) {
  communities(first: $first, after: $after, last: $last, before: $before, orderBy: $order,
              search: $search) {
    nodes { name }
    pageInfo { endCursor }
  }
}
"""
BY_NAME = {"field": "NAME"}


def _decoded(cursor: str) -> str:
    return base64.urlsafe_b64decode(cursor).decode()


async def test_a_cursor_carries_its_order_and_is_refused_under_another(
    client: GraphQLClient,
) -> None:
    """The five demo communities by name: a cursor after the second name leads to the
    third under the same order, and is refused under any other, compiled or executed."""
    every = await client.data(COMMUNITIES, {"first": 5, "order": BY_NAME})
    names = [n["name"] for n in every["communities"]["nodes"]]
    page = await client.data(COMMUNITIES, {"first": 2, "order": BY_NAME})
    cursor = page["communities"]["pageInfo"]["endCursor"]
    mark = catalog.COMMUNITIES.order("NAME").mark
    assert _decoded(cursor).startswith(f'fivesoc:["{names[1]}",')
    assert _decoded(cursor).endswith(f',"{mark}"]')
    after = await client.data(COMMUNITIES, {"first": 1, "after": cursor, "order": BY_NAME})
    assert after["communities"]["nodes"] == [{"name": names[2]}]
    refusals = [
        ({"first": 1, "after": cursor, "order": {"field": "NAME", "direction": "DESC"}}, "after"),
        ({"last": 1, "before": cursor, "order": {"field": "NAME", "direction": "DESC"}}, "before"),
        ({"first": 1, "after": cursor, "search": "社区"}, "after"),
    ]
    for variables, argument in refusals:
        body = await client.execute(COMMUNITIES, variables)
        assert body["errors"] == [
            {
                "message": f"`{argument}` is a cursor of another order of this list; page "
                "with the orderBy (or search) it was made under, or start again without it",
                "locations": [{"line": 4, "column": 3}],
                "path": ["communities"],
                "extensions": {"code": "BAD_USER_INPUT", "argument": argument},
            }
        ], variables
    # Ordered by id, the cursor's name cannot stand for an id: refused as well.
    body = await client.execute(COMMUNITIES, {"first": 1, "after": cursor})
    assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "argument": "after"}


async def test_a_list_of_one_order_keeps_its_cursors(client: GraphQLClient) -> None:
    """A community's micro-grids have one order (by id): their cursors carry no mark."""
    data = await client.data(
        "query($id: ID!) { node(id: $id) { ... on Community { microGrids(first: 1) "
        "{ edges { cursor node { id } } } } } }",
        {"id": await _ganfeng(client)},
    )
    [edge] = data["node"]["microGrids"]["edges"]
    key = base64.b64decode(edge["node"]["id"]).decode().removeprefix("MicroGrid:")
    assert _decoded(edge["cursor"]) == f"fivesoc:[null,{key}]"

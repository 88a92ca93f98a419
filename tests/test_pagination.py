"""Cursor pagination: pages in order, both directions, limits refused with a clear error."""

from __future__ import annotations

import pytest

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

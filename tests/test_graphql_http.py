"""GraphQL over HTTP as the specification says: media types, status codes, and refusals
before any work, each a GraphQL error document with `extensions.code`."""

from __future__ import annotations

import json

import httpx
import pytest

from tests.conftest import GraphQLClient

NEW = "application/graphql-response+json"
OK_QUERY = "{ communities(first: 1) { totalCount } }"


async def _post(
    client: GraphQLClient,
    body: object,
    *,
    accept: str | None = NEW,
    content: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    sent = {"content-type": "application/json", **(headers or {})}
    if accept is not None:
        sent["accept"] = accept
    payload = content if content is not None else json.dumps(body).encode()
    return await client.http.post("/graphql", content=payload, headers=sent)


def _codes(response: httpx.Response) -> list[str]:
    return [error["extensions"]["code"] for error in response.json()["errors"]]


async def test_a_query_answers_in_the_media_type_the_client_accepts(
    client: GraphQLClient,
) -> None:
    new = await _post(client, {"query": OK_QUERY})
    assert new.status_code == 200
    assert new.headers["content-type"] == f"{NEW}; charset=utf-8"
    # Every answer says what it cost: a connection asked only for totalCount costs 1 point,
    # taken from the anonymous client's full budget of 500,000 a minute.
    assert new.json() == {
        "data": {"communities": {"totalCount": 5}},
        "extensions": {
            "cost": {
                "requestedQueryCost": 1,
                "maximumPerOperation": 200_000,
                "throttleStatus": {
                    "maximumAvailable": 500_000,
                    "currentlyAvailable": 499_999,
                    "restoreRate": 8333.333,
                },
            }
        },
    }
    legacy = await _post(client, {"query": OK_QUERY}, accept=None)
    assert legacy.headers["content-type"] == "application/json; charset=utf-8"
    preferred = await _post(client, {"query": OK_QUERY}, accept=f"application/json, {NEW};q=0.5")
    assert preferred.headers["content-type"] == "application/json; charset=utf-8"
    refused = await _post(client, {"query": OK_QUERY}, accept="text/csv")
    assert (refused.status_code, _codes(refused)) == (406, ["NOT_ACCEPTABLE"])


@pytest.mark.parametrize(
    ("query", "variables", "code"),
    [
        ("{ communities(first: 1) { nodes { name }", None, "GRAPHQL_PARSE_FAILED"),
        ("{ communities { nope } }", None, "GRAPHQL_VALIDATION_FAILED"),
        ("query($n: Int!) { communities(first: $n) { totalCount } }", {"n": "x"}, "BAD_USER_INPUT"),
        ("query A { regions { totalCount } } query B { regions { totalCount } }", None,
         "GRAPHQL_VALIDATION_FAILED"),
        ("{}", None, "GRAPHQL_PARSE_FAILED"),
        ("{ communities { nodes { } } }", None, "GRAPHQL_PARSE_FAILED"),
    ],
    ids=["parse", "validation", "variables", "two_operations", "empty", "empty_nested"],
)  # fmt: skip
async def test_a_request_error_is_a_400_without_data(
    client: GraphQLClient, query: str, variables: dict | None, code: str
) -> None:
    response = await _post(client, {"query": query, "variables": variables})
    assert response.status_code == 400
    assert "data" not in response.json()
    assert _codes(response) == [code]
    # A legacy client gets the same errors with 200, as the specification asks.
    legacy = await _post(client, {"query": query, "variables": variables}, accept=None)
    assert (legacy.status_code, _codes(legacy)) == (200, [code])


async def test_an_empty_selection_is_a_syntax_error_that_says_where(client: GraphQLClient) -> None:
    response = await _post(client, {"query": "{ communities { nodes { } } }"})
    assert response.json()["errors"] == [
        {
            "message": "Syntax Error: a selection set must select a field",
            "locations": [{"line": 1, "column": 25}],
            "extensions": {"code": "GRAPHQL_PARSE_FAILED"},
        }
    ]


async def test_a_field_error_is_a_200_with_data(client: GraphQLClient) -> None:
    response = await _post(
        client,
        {"query": '{ a: communities(first: 1) { totalCount } b: node(id: "bm90IGFuIGlk") { id } }'},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["data"] == {"a": {"totalCount": 5}, "b": None}
    assert [(e["path"], e["extensions"]["code"]) for e in body["errors"]] == [
        (["b"], "BAD_USER_INPUT")
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"null", "the request body must be a JSON object with `query`, got null"),
        (b"12", "the request body must be a JSON object with `query`, got a number"),
        (b"{\"query\": 12}", "the request has no `query`: send the GraphQL document as a string"),
        (b"{\"query\": \"{ regions { totalCount } }\", \"variables\": []}",
         "`variables` must be an object or null, got an array"),
        (b"{\"query\": \"{ regions { totalCount } }\", \"operationName\": 1}",
         "`operationName` must be a string or null, got a number"),
        (b"{\"query\": \"\xff\"}", "the request body is not UTF-8 (byte 11)"),
        (b"[" * 100_000 + b"]" * 100_000, "the request body's JSON is nested too deeply"),
        (b"{\"query\": ", "the request body is not JSON: Expecting value: line 1 column 11 (char 10)"),
    ],
    ids=["null", "number", "query_not_string", "variables_array", "operation_name_number",
         "not_utf8", "deep", "truncated"],
)  # fmt: skip
async def test_a_malformed_request_is_a_400_saying_why(
    client: GraphQLClient, content: bytes, message: str
) -> None:
    response = await _post(client, None, content=content)
    assert response.status_code == 400
    assert response.json() == {
        "errors": [{"message": message, "extensions": {"code": "BAD_REQUEST"}}]
    }


async def test_a_body_over_the_limit_is_refused_unread(client: GraphQLClient) -> None:
    response = await _post(client, None, content=b" " * 1_000_001)
    assert (response.status_code, _codes(response)) == (413, ["PAYLOAD_TOO_LARGE"])


async def test_a_body_that_is_not_json_is_a_415(client: GraphQLClient) -> None:
    response = await _post(
        client,
        None,
        content=b"query=x",
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert (response.status_code, _codes(response)) == (415, ["UNSUPPORTED_MEDIA_TYPE"])


async def test_operations_are_chosen_by_name_or_refused(client: GraphQLClient) -> None:
    two = "query A { regions { totalCount } } query B { communities { totalCount } }"
    chosen = await _post(client, {"query": two, "operationName": "B"})
    assert chosen.json()["data"] == {"communities": {"totalCount": 5}}
    unknown = await _post(client, {"query": two, "operationName": "C"})
    assert unknown.status_code == 400
    assert unknown.json()["errors"] == [
        {
            "message": 'Unknown operation named "C".',
            "extensions": {"code": "GRAPHQL_VALIDATION_FAILED"},
        }
    ]


async def test_a_subscription_over_http_names_the_websocket(client: GraphQLClient) -> None:
    response = await _post(client, {"query": "subscription { events { cursor } }"})
    assert (response.status_code, _codes(response)) == (405, ["METHOD_NOT_ALLOWED"])
    assert "WebSocket" in response.json()["errors"][0]["message"]


async def test_get_serves_queries_only(client: GraphQLClient) -> None:
    query = await client.http.get("/graphql", params={"query": OK_QUERY}, headers={"accept": NEW})
    assert query.json()["data"] == {"communities": {"totalCount": 5}}
    mutation = await client.http.get(
        "/graphql",
        params={
            "query": 'mutation { archiveGrid(input: {id: "x", expectedVersion: 1}) { userErrors { code } } }'
        },
        headers={"accept": NEW},
    )
    assert (mutation.status_code, mutation.headers["allow"]) == (405, "POST")
    other = await client.http.put("/graphql", content=b"{}", headers={"accept": NEW})
    assert (other.status_code, _codes(other)) == (405, ["METHOD_NOT_ALLOWED"])


async def test_a_bad_token_is_a_401_error_document(client: GraphQLClient) -> None:
    response = await _post(
        client, {"query": OK_QUERY}, headers={"authorization": "Bearer forged.token"}
    )
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert _codes(response) == ["UNAUTHENTICATED"]


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"q": "a\u0000b"}, "`variables.q` contains a NUL character"),
        ({"q": "x" * 10_001}, "`variables.q` is 10,001 characters long, more than the limit of 10,000"),
        ({"ids": ["x"] * 1_001}, "`variables.ids` has 1,001 items, more than the limit of 1,000"),
    ],
    ids=["nul", "long", "many"],
)  # fmt: skip
async def test_variables_beyond_the_limits_are_refused_before_any_work(
    client: GraphQLClient, variables: dict, message: str
) -> None:
    response = await _post(client, {"query": OK_QUERY, "variables": variables})
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == message
    assert _codes(response) == ["BAD_USER_INPUT"]


async def test_a_lone_surrogate_is_refused(client: GraphQLClient) -> None:
    content = b'{"query": "{ regions { totalCount } }", "variables": {"q": "\\ud800"}}'
    response = await _post(client, None, content=content)
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == (
        "`variables.q` contains a lone surrogate (half of a UTF-16 pair), not a character"
    )

"""Bearer tokens are JWTs with an issuer, an audience, a lifetime and an id; keys rotate by
key id; tokens are revoked in PostgreSQL, on every process and on open WebSockets."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import subprocess
import sys
import time

import jwt
import pytest
from starlette.testclient import TestClient

from fivesoc import auth
from fivesoc.app import create_app
from fivesoc.db import connect, revocations
from fivesoc.settings import Settings, SettingsError
from tests.conftest import SECRET_KEY, GraphQLClient, serve

OLD_KEY = "the-previous-signing-key-of-32-bytes!"
QUERY = "{ households { totalCount } }"


def _bearer(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}


def test_a_token_carries_the_standard_claims_and_its_key_id() -> None:
    now = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)
    token = auth.Tokens(SECRET_KEY).issue("alice", "caseworker", [21, 5], now=now)
    header = jwt.get_unverified_header(token)
    claims = jwt.decode(token, options={"verify_signature": False})
    assert header == {"alg": "HS256", "kid": auth.key_id(SECRET_KEY), "typ": "JWT"}
    assert {key: claims[key] for key in ("iss", "aud", "sub", "role", "regions")} == {
        "iss": "fivesoc",
        "aud": "fivesoc",
        "sub": "alice",
        "role": "caseworker",
        "regions": [5, 21],
    }
    start = int(now.timestamp())
    assert (claims["iat"], claims["nbf"], claims["exp"]) == (start, start, start + 3600)
    assert len(claims["jti"]) == 32


def test_a_short_key_is_refused_at_start() -> None:
    with pytest.raises(SettingsError, match="must hold at least 32 bytes"):
        Settings.from_env({"FIVESOC_SECRET_KEY": "s3cret"})
    with pytest.raises(SettingsError, match="FIVESOC_PREVIOUS_SECRET_KEYS must hold"):
        Settings.from_env({"FIVESOC_SECRET_KEY": SECRET_KEY, "FIVESOC_PREVIOUS_SECRET_KEYS": "x"})


@pytest.mark.parametrize(
    ("token", "reason"),
    [
        (auth.Tokens(SECRET_KEY).issue("a", "admin", [], lifetime_s=-10),
         "the bearer token has expired"),
        (auth.Tokens(SECRET_KEY).issue(
            "a", "admin", [], now=dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)),
         "the bearer token is not valid yet"),
        (auth.Tokens(SECRET_KEY, audience="elsewhere").issue("a", "admin", []),
         "the bearer token is not acceptable: Audience doesn't match"),
        (auth.Tokens(SECRET_KEY, issuer="someone").issue("a", "admin", []),
         "the bearer token is not acceptable: Invalid issuer"),
        (jwt.encode({"sub": "a", "role": "admin"}, SECRET_KEY, algorithm="HS256",
                    headers={"kid": auth.key_id(SECRET_KEY)}),
         "the bearer token is not acceptable"),
    ],
    ids=["expired", "not_yet", "audience", "issuer", "no_claims"],
)  # fmt: skip
async def test_a_token_out_of_its_time_or_for_another_audience_is_refused(
    client: GraphQLClient, token: str, reason: str
) -> None:
    response = await client.http.post("/graphql", json={"query": QUERY}, headers=_bearer(token))
    assert response.status_code == 401
    assert response.json()["errors"][0]["message"].startswith(reason)


async def test_tokens_of_a_previous_key_are_accepted_while_it_is_listed(demo_url: str) -> None:
    old = auth.Tokens(OLD_KEY).issue("bob", "admin", [])
    rotated = Settings(secret_key=SECRET_KEY, previous_secret_keys=(OLD_KEY,))
    async with serve(rotated.with_database_url(demo_url)) as http:
        accepted = await http.post("/graphql", json={"query": QUERY}, headers=_bearer(old))
    async with serve(Settings(secret_key=SECRET_KEY).with_database_url(demo_url)) as http:
        dropped = await http.post("/graphql", json={"query": QUERY}, headers=_bearer(old))
    assert accepted.json()["data"] == {"households": {"totalCount": 4}}
    assert dropped.status_code == 401


async def _wait_until_refused(http: object, token: str) -> float:
    """Seconds until the server refuses `token` (at most 10)."""
    started = time.monotonic()
    while time.monotonic() - started < 10:
        response = await http.post(  # type: ignore[attr-defined]
            "/graphql", json={"query": QUERY}, headers=_bearer(token)
        )
        if response.status_code == 401:
            assert response.json()["errors"][0]["message"] == "the bearer token has been revoked"
            return time.monotonic() - started
        await asyncio.sleep(0.2)
    raise AssertionError("the revoked token was still accepted after 10 s")


async def test_a_revoked_token_is_refused_within_seconds(demo_url: str) -> None:
    tokens = auth.Tokens(SECRET_KEY)
    first, second = tokens.issue("carol", "admin", []), tokens.issue("carol", "admin", [])
    settings = Settings(secret_key=SECRET_KEY, revocation_refresh_s=1).with_database_url(demo_url)
    async with serve(settings) as http:
        ok = await http.post("/graphql", json={"query": QUERY}, headers=_bearer(first))
        assert ok.status_code == 200
        viewer = tokens.verify(first)
        conn = await connect.connect(demo_url)
        try:
            assert viewer.token_id is not None
            assert viewer.expires_at is not None
            await revocations.revoke_token(conn, viewer.token_id, viewer.expires_at)
            assert await _wait_until_refused(http, first) < 3
            still = await http.post("/graphql", json={"query": QUERY}, headers=_bearer(second))
            assert still.status_code == 200, "another token of the subject is not revoked"
            await revocations.revoke_subject(conn, "carol")
            assert await _wait_until_refused(http, second) < 3
            await asyncio.sleep(1.1)  # a token issued after the revocation is good
            later = tokens.issue("carol", "admin", [])
            fresh = await http.post("/graphql", json={"query": QUERY}, headers=_bearer(later))
            assert fresh.status_code == 200
        finally:
            await conn.close()


def test_revoking_ends_an_open_subscription(demo_url: str) -> None:
    token = auth.Tokens(SECRET_KEY).issue("dave", "admin", [])
    settings = Settings(secret_key=SECRET_KEY, revocation_refresh_s=1).with_database_url(demo_url)
    with (
        TestClient(create_app(settings)) as http,
        http.websocket_connect(
            "/graphql", subprotocols=["graphql-transport-ws"], headers=_bearer(token)
        ) as ws,
    ):
        ws.send_json({"type": "connection_init"})
        assert ws.receive_json()["type"] == "connection_ack"
        query = "subscription { events { cursor } }"
        ws.send_json({"id": "1", "type": "subscribe", "payload": {"query": query}})

        async def revoke() -> None:
            conn = await connect.connect(demo_url)
            try:
                await revocations.revoke_subject(conn, "dave")
            finally:
                await conn.close()

        started = time.monotonic()
        asyncio.run(revoke())
        messages = [ws.receive_json()]
        while messages[-1]["type"] == "next":  # the log's events so far, then the error
            messages.append(ws.receive_json())
        waited = time.monotonic() - started
    assert messages[-1]["type"] == "complete"
    (error,) = messages[-2]["payload"]["errors"]
    assert (error["message"], error["extensions"]) == (
        "the token of this subscription has been revoked",
        {"code": "UNAUTHENTICATED"},
    )
    assert waited < 5


def test_the_command_revokes_a_token(demo_url: str) -> None:
    token = auth.Tokens(SECRET_KEY).issue("erin", "admin", [])
    env = {**os.environ, "DATABASE_URL": demo_url, "FIVESOC_SECRET_KEY": SECRET_KEY}
    done = subprocess.run(
        [sys.executable, "-m", "fivesoc", "revoke", "--token", token],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    token_id = auth.Tokens(SECRET_KEY).verify(token).token_id
    assert done.stdout == f"revoked the token {token_id}\n"

    async def revoked() -> bool:
        conn = await connect.connect(demo_url)
        try:
            current = await revocations.read(conn)
        finally:
            await conn.close()
        return token_id in current.token_ids

    assert asyncio.run(revoked())

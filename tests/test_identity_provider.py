"""Tokens of an existing OpenID Connect provider are accepted: found by its discovery
document, verified with its JWKS, the role and regions read from the configured claims."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from fivesoc.settings import Settings
from tests.conftest import SECRET_KEY, serve

AUDIENCE = "fivesoc-api"
QUERY = "{ households { totalCount } }"


class Provider:
    """A provider on 127.0.0.1: its discovery document, its key set, and tokens it signs."""

    def __init__(self) -> None:
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.issuer = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if self.path == "/.well-known/openid-configuration":
                    body = {"issuer": provider.issuer, "jwks_uri": f"{provider.issuer}/jwks"}
                elif self.path == "/jwks":
                    public = json.loads(
                        jwt.algorithms.RSAAlgorithm.to_jwk(provider.key.public_key())
                    )
                    body = {
                        "keys": [{**public, "kid": "provider-key-1", "use": "sig", "alg": "RS256"}]
                    }
                else:
                    self.send_error(404)
                    return
                payload = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args: object) -> None:
                return None

        return Handler

    def token(
        self, *, audience: str = AUDIENCE, key: rsa.RSAPrivateKey | None = None, **claims: object
    ) -> str:
        now = dt.datetime.now(dt.UTC)
        body = {"iss": self.issuer, "aud": audience, "sub": "ops@example.org", "iat": now,
                "exp": now + dt.timedelta(minutes=5), **claims}  # fmt: skip
        return jwt.encode(
            body, key or self.key, algorithm="RS256", headers={"kid": "provider-key-1"}
        )


@pytest.fixture
def provider() -> Iterator[Provider]:
    found = Provider()
    yield found
    found.server.shutdown()
    found.server.server_close()


async def test_a_provider_token_acts_as_its_role_and_regions(
    demo_url: str, provider: Provider
) -> None:
    settings = Settings(
        secret_key=SECRET_KEY, oidc_issuer=provider.issuer, oidc_audience=AUDIENCE
    ).with_database_url(demo_url)
    async with serve(settings) as http:

        async def ask(token: str) -> tuple[int, dict]:
            response = await http.post(
                "/graphql", json={"query": QUERY}, headers={"authorization": f"Bearer {token}"}
            )
            return response.status_code, response.json()

        admin = await ask(provider.token(fivesoc_role="admin"))
        foreign = await ask(provider.token(audience="someone-else", fivesoc_role="admin"))
        forged = await ask(
            provider.token(
                key=rsa.generate_private_key(public_exponent=65537, key_size=2048),
                fivesoc_role="admin",
            )
        )
        roleless = await ask(provider.token())
    assert (admin[0], admin[1]["data"]) == (200, {"households": {"totalCount": 4}})
    assert foreign[0] == 401
    assert foreign[1]["errors"][0]["message"].startswith("the bearer token is not acceptable")
    assert forged == (
        401,
        {
            "errors": [
                {
                    "message": "the bearer token is not one this server signed",
                    "extensions": {"code": "UNAUTHENTICATED"},
                }
            ]
        },
    )
    assert roleless[1]["errors"][0]["message"] == (
        "the bearer token does not name a known role and regions"
    )

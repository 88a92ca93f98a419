"""Who is asking: bearer tokens (JWT) naming a role and the regions it covers.

Tokens are JSON Web Tokens (PyJWT), signed with HS256 under `FIVESOC_SECRET_KEY` and carrying
`iss`, `aud`, `sub`, `iat`, `nbf`, `exp` (one hour by default) and `jti`, with the role and
region ids as `role` and `regions`. Their header names the key (`kid`), so that the key can
rotate: `FIVESOC_PREVIOUS_SECRET_KEYS` still verifies tokens signed before. A key must hold
at least 256 bits (32 bytes). `fivesoc token` issues tokens. A request without a token is
anonymous. What each role may do, and where, is declared in `fivesoc.permissions`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import urllib.request
import uuid
from collections.abc import Iterable
from typing import Any, Literal

import jwt

Role = Literal["anonymous", "analyst", "caseworker", "admin"]
ROLES: tuple[Role, ...] = ("anonymous", "analyst", "caseworker", "admin")

ALGORITHM = "HS256"
# The least a signing key may hold: 256 bits, as HS256 asks (RFC 7518, 3.2).
MIN_KEY_BYTES = 32
DEFAULT_LIFETIME_S = 3600
ISSUER = "fivesoc"
AUDIENCE = "fivesoc"


class InvalidToken(ValueError):
    """A bearer token that fivesoc does not accept; the message says why."""


@dataclasses.dataclass(frozen=True, slots=True)
class Viewer:
    """The one asking: a role and the regions (ids, each with its subtree) it covers, with the
    token's id and issue time (for revocation)."""

    subject: str | None
    role: Role
    region_ids: frozenset[int] = frozenset()
    token_id: str | None = None
    issued_at: dt.datetime | None = None
    expires_at: dt.datetime | None = None

    @property
    def is_anonymous(self) -> bool:
        return self.role == "anonymous"


ANONYMOUS = Viewer(subject=None, role="anonymous")


def key_id(secret: str) -> str:
    """The id a key goes by in a token's header: not the key, nor enough to find it."""
    return hashlib.sha256(secret.encode()).hexdigest()[:16]


def check_key(secret: str, name: str = "FIVESOC_SECRET_KEY") -> None:
    """Refuse a signing key shorter than 256 bits."""
    if len(secret.encode()) < MIN_KEY_BYTES:
        raise ValueError(
            f"{name} must hold at least {MIN_KEY_BYTES} bytes (256 bits), got "
            f"{len(secret.encode())}; `python -c 'import secrets; print(secrets.token_urlsafe"
            "(32))'` makes one"
        )


# Signature algorithms accepted from an identity provider (asymmetric only: a provider never
# shares a secret with fivesoc).
PROVIDER_ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "ES256", "ES384", "EdDSA"]
DISCOVERY_TIMEOUT_S = 5.0


class OpenIDProvider:
    """An existing OpenID Connect provider whose tokens fivesoc accepts: found by its issuer's
    discovery document, its keys read from its JWKS (and read again when a token names a key
    not yet seen, as when the provider rotates). The claims that carry the role and the
    regions are settings; a token without a known role is refused."""

    def __init__(
        self,
        issuer: str,
        audience: str,
        *,
        role_claim: str = "fivesoc_role",
        regions_claim: str = "fivesoc_regions",
    ) -> None:
        self.issuer = issuer
        self.audience = audience
        self.role_claim = role_claim
        self.regions_claim = regions_claim
        self._keys: jwt.PyJWKClient | None = None

    def keys(self) -> jwt.PyJWKClient:
        """The provider's key set, found through its discovery document (network, once)."""
        if self._keys is None:
            url = self.issuer.rstrip("/") + "/.well-known/openid-configuration"
            with urllib.request.urlopen(url, timeout=DISCOVERY_TIMEOUT_S) as answer:  # noqa: S310
                document = json.load(answer)
            if document.get("issuer") != self.issuer or "jwks_uri" not in document:
                raise InvalidToken(f"{url} is not the discovery document of {self.issuer}")
            self._keys = jwt.PyJWKClient(document["jwks_uri"], timeout=int(DISCOVERY_TIMEOUT_S))
        return self._keys

    def verify(self, token: str) -> Viewer:
        try:
            key = self.keys().get_signing_key_from_jwt(token)
            claims = jwt.decode(
                token,
                key.key,
                algorithms=PROVIDER_ALGORITHMS,
                audience=self.audience,
                issuer=self.issuer,
                options={"require": ["exp", "iat", "sub", "iss", "aud"]},
            )
        except jwt.PyJWKClientError as error:
            raise InvalidToken(f"the identity provider's keys do not verify it: {error}") from error
        except jwt.InvalidTokenError as error:
            raise _refusal(error) from error
        return _viewer(
            {
                **claims,
                "role": claims.get(self.role_claim),
                "regions": claims.get(self.regions_claim, []),
            }
        )


@dataclasses.dataclass(frozen=True, slots=True)
class Tokens:
    """How this server issues and verifies bearer tokens: the signing key, earlier keys still
    accepted, the issuer and audience it names, the lifetime of what it issues, and an
    identity provider whose tokens it accepts too."""

    secret: str | None
    previous: tuple[str, ...] = ()
    issuer: str = ISSUER
    audience: str = AUDIENCE
    lifetime_s: int = DEFAULT_LIFETIME_S
    provider: OpenIDProvider | None = None

    def issue(
        self,
        subject: str,
        role: Role,
        region_ids: Iterable[int],
        *,
        lifetime_s: int | None = None,
        now: dt.datetime | None = None,
    ) -> str:
        """A signed token for `subject` acting as `role` in `region_ids`."""
        if self.secret is None:
            raise InvalidToken("this server has no signing key, so it issues no tokens")
        if role not in ROLES or role == "anonymous":
            raise InvalidToken(f"role must be one of {', '.join(ROLES[1:])}, got {role!r}")
        issued = now or dt.datetime.now(dt.UTC)
        lifetime = dt.timedelta(seconds=self.lifetime_s if lifetime_s is None else lifetime_s)
        claims: dict[str, Any] = {
            "iss": self.issuer,
            "aud": self.audience,
            "sub": subject,
            "iat": issued,
            "nbf": issued,
            "exp": issued + lifetime,
            "jti": uuid.uuid4().hex,
            "role": role,
            "regions": sorted(region_ids),
        }
        return jwt.encode(
            claims, self.secret, algorithm=ALGORITHM, headers={"kid": key_id(self.secret)}
        )

    def verify(self, token: str) -> Viewer:
        """The viewer a token stands for; `InvalidToken`, saying why, for anything else."""
        if self.provider is not None and _issuer(token) == self.provider.issuer:
            return self.provider.verify(token)
        keys = {key_id(secret): secret for secret in (self.secret, *self.previous) if secret}
        if not keys:
            raise InvalidToken("this server has no signing key, so it accepts no tokens")
        try:
            kid = jwt.get_unverified_header(token).get("kid")
        except jwt.InvalidTokenError as error:
            raise InvalidToken("the bearer token is not a JSON Web Token") from error
        secret = keys.get(kid) if isinstance(kid, str) else None
        if secret is None:
            raise InvalidToken("the bearer token is not one this server signed")
        try:
            claims = jwt.decode(
                token,
                secret,
                algorithms=[ALGORITHM],
                audience=self.audience,
                issuer=self.issuer,
                options={"require": ["exp", "iat", "nbf", "jti", "sub", "iss", "aud"]},
            )
        except jwt.InvalidTokenError as error:
            raise _refusal(error) from error
        return _viewer(claims)


def _refusal(error: jwt.InvalidTokenError) -> InvalidToken:
    """What to tell the caller of a token PyJWT refused."""
    if isinstance(error, jwt.ExpiredSignatureError):
        return InvalidToken("the bearer token has expired; ask for a new one")
    if isinstance(error, jwt.ImmatureSignatureError):
        return InvalidToken("the bearer token is not valid yet")
    if isinstance(error, jwt.InvalidSignatureError):
        return InvalidToken("the bearer token is not one this server signed")
    return InvalidToken(f"the bearer token is not acceptable: {error}")


def _issuer(token: str) -> object:
    """The issuer a token claims, unverified (to choose how to verify it)."""
    try:
        return jwt.decode(token, options={"verify_signature": False}).get("iss")
    except jwt.InvalidTokenError:
        return None


def _viewer(claims: dict[str, Any]) -> Viewer:
    role = claims.get("role")
    regions = claims.get("regions")
    if (
        role not in ROLES
        or role == "anonymous"
        or not isinstance(regions, list)
        or not all(type(region) is int for region in regions)
    ):
        raise InvalidToken("the bearer token does not name a known role and regions")
    return Viewer(
        subject=str(claims["sub"]),
        role=role,
        region_ids=frozenset(regions),
        token_id=str(claims["jti"]) if "jti" in claims else None,
        issued_at=dt.datetime.fromtimestamp(int(claims["iat"]), dt.UTC),
        expires_at=dt.datetime.fromtimestamp(int(claims["exp"]), dt.UTC),
    )


def issue_token(
    secret: str, subject: str, role: Role, region_ids: Iterable[int], **options: Any
) -> str:
    """A token signed with `secret` (see `Tokens.issue`)."""
    return Tokens(secret).issue(subject, role, region_ids, **options)


def viewer_from_token(secret: str | None, token: str) -> Viewer:
    """The viewer of a token signed with `secret` (see `Tokens.verify`)."""
    return Tokens(secret).verify(token)

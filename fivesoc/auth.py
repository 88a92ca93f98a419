"""Who is asking: bearer tokens (JWT) naming a role and the regions it covers.

Tokens are JSON Web Tokens (PyJWT), signed with HS256 under `FIVESOC_SECRET_KEY` and carrying
`iss`, `aud`, `sub`, `iat`, `nbf`, `exp` (one hour by default) and `jti`, with the role and
region ids as `role` and `regions`. Their header names the key (`kid`), so that the key can
rotate: `FIVESOC_PREVIOUS_SECRET_KEYS` still verifies tokens signed before. A key must hold
at least 256 bits (32 bytes). `fivesoc token` issues tokens. A request without a token is
anonymous. Personal details of vulnerable people (households, visits, needs, names of
household members and volunteers) are readable only by a `caseworker` whose regions contain
the record's region, or by an `admin`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
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

    def may_read_personal(self, region_path: Iterable[int]) -> bool:
        """True when the viewer may read personal details of a record in this region.

        `region_path` lists the ids of the record's region and all its ancestors.
        """
        if self.role == "admin":
            return True
        if self.role != "caseworker":
            return False
        return not self.region_ids.isdisjoint(region_path)

    @property
    def personal_scope(self) -> list[int] | None:
        """Regions whose personal records this viewer may list; None: no restriction."""
        return None if self.role == "admin" else sorted(self.region_ids)


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


@dataclasses.dataclass(frozen=True, slots=True)
class Tokens:
    """How this server issues and verifies bearer tokens: the signing key, earlier keys still
    accepted, the issuer and audience it names, the lifetime of what it issues."""

    secret: str | None
    previous: tuple[str, ...] = ()
    issuer: str = ISSUER
    audience: str = AUDIENCE
    lifetime_s: int = DEFAULT_LIFETIME_S

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
        except jwt.ExpiredSignatureError as error:
            raise InvalidToken("the bearer token has expired; ask for a new one") from error
        except jwt.ImmatureSignatureError as error:
            raise InvalidToken("the bearer token is not valid yet") from error
        except jwt.InvalidSignatureError as error:
            raise InvalidToken("the bearer token is not one this server signed") from error
        except jwt.InvalidTokenError as error:
            raise InvalidToken(f"the bearer token is not acceptable: {error}") from error
        return _viewer(claims)


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
        token_id=str(claims["jti"]),
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

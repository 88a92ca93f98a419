"""Who is asking: signed bearer tokens naming a role and the regions it covers.

Tokens are signed with `FIVESOC_SECRET_KEY` (itsdangerous); `fivesoc token` issues them. A
request without a token is anonymous. Personal details of vulnerable people (households,
visits, needs, names of household members and volunteers) are readable only by a
`caseworker` whose regions contain the record's region, or by an `admin`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Literal

from itsdangerous import BadSignature, URLSafeSerializer

Role = Literal["anonymous", "analyst", "caseworker", "admin"]
ROLES: tuple[Role, ...] = ("anonymous", "analyst", "caseworker", "admin")

_SALT = "fivesoc.viewer"


class InvalidToken(ValueError):
    """A bearer token that fivesoc did not sign, or that says something it does not know."""


@dataclasses.dataclass(frozen=True, slots=True)
class Viewer:
    """The one asking: a role and the regions (ids, each with its subtree) it covers."""

    subject: str | None
    role: Role
    region_ids: frozenset[int] = frozenset()

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


def issue_token(secret: str, subject: str, role: Role, region_ids: Iterable[int]) -> str:
    """A signed token for `subject` acting as `role` in `region_ids`."""
    if role not in ROLES or role == "anonymous":
        raise InvalidToken(f"role must be one of {', '.join(ROLES[1:])}, got {role!r}")
    serializer = URLSafeSerializer(secret, salt=_SALT)
    return str(serializer.dumps({"sub": subject, "role": role, "regions": sorted(region_ids)}))


def viewer_from_token(secret: str | None, token: str) -> Viewer:
    """The viewer a token stands for; `InvalidToken` if fivesoc did not sign it."""
    if secret is None:
        raise InvalidToken("this server has no FIVESOC_SECRET_KEY, so it accepts no tokens")
    try:
        claims = URLSafeSerializer(secret, salt=_SALT).loads(token)
    except BadSignature as error:
        raise InvalidToken("the bearer token is not one this server signed") from error
    role = claims.get("role") if isinstance(claims, dict) else None
    regions = claims.get("regions") if isinstance(claims, dict) else None
    if role not in ROLES or not isinstance(regions, list):
        raise InvalidToken("the bearer token does not name a known role and regions")
    return Viewer(
        subject=str(claims.get("sub")),
        role=role,
        region_ids=frozenset(int(region) for region in regions),
    )

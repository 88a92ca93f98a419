"""What a network request names: a scope, a time window and the kinds of link."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Mapping
from typing import Annotated, Any

import strawberry
from strawberry import relay

from fivesoc.db import network
from fivesoc.kinds import LINK_KINDS
from fivesoc.schema.errors import UserInputError
from fivesoc.schema.types.common import decode_id
from fivesoc.schema.types.enums import LinkKind

MAX_RADIUS = 4


@strawberry.input(
    description=(
        "Which part of the network: a region subtree, or a community with its neighbourhood "
        "(the actors within `radius` links of it, drawn from its county). Neither: all of it."
    )
)
class NetworkScope:
    region: relay.GlobalID | None = strawberry.field(
        default=None, description="A region: its actors, and partners elsewhere linked to them."
    )
    community: relay.GlobalID | None = strawberry.field(
        default=None, description="A community: the actors within `radius` links of it."
    )
    radius: int = strawberry.field(
        default=2, description=f"Links from the community, 1 to {MAX_RADIUS}; default 2."
    )


@strawberry.input(
    description=(
        "When: a date (`asOf`: links in force that day and everything dated up to it) or a "
        "period (`start`..`end`, either end open: what overlapped it). Neither: all time."
    )
)
class NetworkWindow:
    as_of: dt.date | None = strawberry.field(default=None, description="A single day.")
    start: dt.date | None = strawberry.field(default=None, description="First day of a period.")
    end: dt.date | None = strawberry.field(default=None, description="Last day of a period.")


@dataclasses.dataclass(frozen=True, slots=True)
class NetworkRequest:
    """A checked network request; equal requests share one cache entry."""

    region_id: int | None = None
    community_id: int | None = None
    radius: int = 2
    window: network.Window = dataclasses.field(default_factory=network.Window)
    kinds: tuple[str, ...] = LINK_KINDS

    @property
    def label(self) -> str:
        """A short name for files and logs."""
        if self.community_id is not None:
            return f"community-{self.community_id}-r{self.radius}"
        return "all" if self.region_id is None else f"region-{self.region_id}"

    def as_json(self) -> dict[str, Any]:
        """The request as JSON values: what a job carries and a stored analysis answers."""
        w = self.window
        return {
            "region": self.region_id,
            "community": self.community_id,
            "radius": self.radius,
            "asOf": None if w.as_of is None else w.as_of.isoformat(),
            "start": None if w.start is None else w.start.isoformat(),
            "end": None if w.end is None else w.end.isoformat(),
            "kinds": list(self.kinds),
        }

    @property
    def key(self) -> str:
        """The request as canonical JSON text: equal requests, equal keys."""
        return json.dumps(self.as_json(), sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> NetworkRequest:
        """The request `as_json` gave."""

        def day(name: str) -> dt.date | None:
            found = value.get(name)
            return None if found is None else dt.date.fromisoformat(found)

        return cls(
            region_id=value.get("region"),
            community_id=value.get("community"),
            radius=int(value.get("radius", 2)),
            window=network.Window(as_of=day("asOf"), start=day("start"), end=day("end")),
            kinds=tuple(value.get("kinds", LINK_KINDS)),
        )


@dataclasses.dataclass(frozen=True, slots=True)
class TimelineRequest:
    """A network (its window left aside) as of each of some dates, ascending: one request,
    analysed by one job, each date's network stored as the request of that date's window."""

    network: NetworkRequest
    dates: tuple[dt.date, ...]

    @property
    def moments(self) -> tuple[NetworkRequest, ...]:
        """The network of each date: the same scope and link kinds, as of that date."""
        return tuple(
            dataclasses.replace(self.network, window=network.Window(as_of=day))
            for day in self.dates
        )

    def as_json(self) -> dict[str, Any]:
        """The request as JSON values: the network's of all time, and the dates."""
        whole = dataclasses.replace(self.network, window=network.Window())
        return {**whole.as_json(), "dates": [day.isoformat() for day in self.dates]}

    @property
    def key(self) -> str:
        """The request as canonical JSON text."""
        return json.dumps(self.as_json(), sort_keys=True, separators=(",", ":"))

    @staticmethod
    def holds(value: Mapping[str, Any]) -> bool:
        """Whether the JSON of a request (a job's) is a timeline's."""
        return "dates" in value

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> TimelineRequest:
        """The request `as_json` gave."""
        dates = tuple(dt.date.fromisoformat(day) for day in value["dates"])
        return cls(network=NetworkRequest.from_json(value), dates=dates)


def parse_request(
    scope: NetworkScope | None, window: NetworkWindow | None, kinds: list[LinkKind] | None
) -> NetworkRequest:
    """Check the arguments of a network field; a clear error names the one at fault."""
    scope = scope or NetworkScope()
    region_id = decode_id(scope.region, "Region", "scope.region")
    community_id = decode_id(scope.community, "Community", "scope.community")
    if region_id is not None and community_id is not None:
        raise UserInputError(
            "name a region or a community as the scope, not both", argument="scope"
        )
    if not 1 <= scope.radius <= MAX_RADIUS:
        raise UserInputError(
            f"`scope.radius` must be between 1 and {MAX_RADIUS} (got {scope.radius})",
            argument="scope.radius",
        )
    given = window or NetworkWindow()
    try:
        checked = network.Window(as_of=given.as_of, start=given.start, end=given.end)
    except ValueError as error:
        raise UserInputError(f"`window`: {error}", argument="window") from error
    if kinds is not None and not kinds:
        raise UserInputError("`linkKinds` must name at least one kind", argument="linkKinds")
    chosen = LINK_KINDS if kinds is None else tuple(sorted({str(k.value) for k in kinds}))
    return NetworkRequest(
        region_id=region_id,
        community_id=community_id,
        radius=scope.radius,
        window=checked,
        kinds=chosen,
    )


# The arguments every field naming a network takes (`network`, `networkJob`), described once.
ScopeArgument = Annotated[
    NetworkScope | None, strawberry.argument(description="Which part; all of it if left out.")
]
WindowArgument = Annotated[
    NetworkWindow | None, strawberry.argument(description="When; all time if left out.")
]
LinkKindsArgument = Annotated[
    list[LinkKind] | None,
    strawberry.argument(description="Which kinds of link; all if left out."),
]

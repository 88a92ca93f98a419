"""Programmes and practices with their parts; the policy documents and meetings behind them."""

from __future__ import annotations

from strawberry import relay

from fivesoc.db import catalog, records
from fivesoc.schema.types.common import Catalogued
from fivesoc.schema.types.fields import related_list
from fivesoc.schema.types.node import node


@node(records.Practice)
class Practice(Catalogued, relay.Node):
    parts = related_list(
        catalog.PRACTICE_PARTS, "Practice", "Its parts, e.g. the three projects of 三项工程."
    )


@node(records.PolicyEvent)
class PolicyEvent(Catalogued, relay.Node):
    pass

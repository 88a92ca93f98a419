"""Reported indicators: figures published for a region and period, with their source."""

from __future__ import annotations

from strawberry import relay

from fivesoc.db import records
from fivesoc.schema.types.common import Catalogued
from fivesoc.schema.types.node import node


@node(records.ReportedIndicator)
class ReportedIndicator(Catalogued, relay.Node):
    pass

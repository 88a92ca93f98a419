"""Honours of any actor or region."""

from __future__ import annotations

from strawberry import relay

from fivesoc.db import records
from fivesoc.schema.types.common import Catalogued
from fivesoc.schema.types.node import node


@node(records.Honour)
class Honour(Catalogued, relay.Node):
    pass

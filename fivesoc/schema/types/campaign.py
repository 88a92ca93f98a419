"""Door-knocking campaigns (敲门行动): the campaign itself; its households are guarded data."""

from __future__ import annotations

from strawberry import relay

from fivesoc.db import catalog, records
from fivesoc.schema.types.common import Catalogued
from fivesoc.schema.types.fields import related_list
from fivesoc.schema.types.node import node


@node(records.DoorKnockingCampaign)
class DoorKnockingCampaign(Catalogued, relay.Node):
    visits = related_list(
        catalog.CAMPAIGN_VISITS,
        "Visit",
        "Visits made in the campaign (personal data; counts are public).",
        guarded="visits",
    )

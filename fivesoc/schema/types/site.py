"""Service sites: social-work stations, neighbourhood centres, service complexes and more."""

from __future__ import annotations

from strawberry import relay

from fivesoc.db import catalog, records
from fivesoc.schema.types.common import Catalogued
from fivesoc.schema.types.fields import related_list
from fivesoc.schema.types.node import node


@node(records.ServiceSite)
class ServiceSite(Catalogued, relay.Node):
    social_workers = related_list(
        catalog.STATION_SOCIAL_WORKERS,
        "SocialWorker",
        "Social workers based at the site (for a station).",
    )

    activities = related_list(
        catalog.SITE_ACTIVITIES,
        "Activity",
        "Services and activities held at the site, newest first.",
    )

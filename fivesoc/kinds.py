"""The kind lists every layer shares, each declared once: the words stored in the database.

`db/` and `graph/` may not import each other; both import these. The GraphQL enums
(`fivesoc.schema.types.enums`) describe the same words, and a test holds them to these lists
and to the database's check constraints.
"""

from __future__ import annotations

# The five societies (五社) and the partners outside them, in the order reports list them.
SOCIETIES = (
    "community",
    "social_organization",
    "social_worker",
    "volunteer",
    "charity_resource",
    "partner",
)

# The four societies a community links with (the community itself is the fifth).
FOUR_SOCIETIES = SOCIETIES[1:5]

# The kinds of actor, each a table sharing its id with `actor`.
ACTOR_KINDS = (
    "community",
    "organization",
    "university",
    "social_worker",
    "volunteer_team",
    "charity_resource",
)

# The kinds of collaboration link; resource flows and referrals are directed.
LINK_KINDS = (
    "partnership",
    "agreement",
    "co_participation",
    "resource_flow",
    "referral",
    "employment",
    "guidance",
    "membership",
)

# Organizations of these kinds are social organizations proper, the carrier society; other
# organizations (bureaus, departments, enterprises and the like) are partners.
CARRIER_ORGANIZATION_KINDS = ("social_work_agency", "community_social_org", "foundation")

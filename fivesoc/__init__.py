"""fivesoc: a GraphQL API for five-society linkage (五社联动) community-governance networks."""

__version__ = "0.1.0"

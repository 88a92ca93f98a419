"""Fair use: each operation's cost is known before it runs, capped, and charged to a budget.

An operation costing more than `Limits.max_cost` is refused (`MAX_COST_EXCEEDED`) and charges
nothing. Otherwise its cost is taken from the caller's budget (`fivesoc.db.budgets`: a
token's subject, or the client address of an anonymous request), which every server
process shares; an empty budget refuses the operation with `RATE_LIMITED` and the seconds to
wait (`retryAfter`; HTTP 429 with `Retry-After`). Every answer says what it cost and what is
left, in `extensions.cost`, as Shopify's `throttleStatus` does.
"""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from typing import Any

from graphql import DocumentNode, GraphQLError, GraphQLSchema
from strawberry import relay
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType

from fivesoc.auth import Viewer
from fivesoc.db import budgets
from fivesoc.schema import cost
from fivesoc.schema.context import Context, Limits
from fivesoc.schema.errors import UNAVAILABLE_MESSAGE, UNREACHABLE
from fivesoc.schema.network.inputs import NetworkRequest
from fivesoc.schema.network.service import NetworkCache
from fivesoc.schema.types.common import row_key


class CostTooHigh(GraphQLError):
    def __init__(self, requested: int, maximum: int) -> None:
        super().__init__(
            f"this operation would cost {requested:,} points, more than the {maximum:,} one "
            "operation may cost: ask for smaller pages, fewer nested lists or a smaller "
            "network scope",
            extensions={"code": "MAX_COST_EXCEEDED", "cost": requested, "maximum": maximum},
        )


class RateLimited(GraphQLError):
    def __init__(self, charge: budgets.Charge) -> None:
        super().__init__(
            f"this operation costs {charge.cost:,} points and your budget holds "
            f"{int(charge.remaining):,} now ({charge.limit:,} a minute): retry in "
            f"{charge.retry_after_s} s",
            extensions={"code": "RATE_LIMITED", "retryAfter": charge.retry_after_s},
        )


def status(charge: budgets.Charge) -> dict[str, Any]:
    """The budget as `extensions.cost.throttleStatus` shows it."""
    return {
        "maximumAvailable": charge.limit,
        "currentlyAvailable": int(charge.remaining),
        "restoreRate": round(charge.restore_rate, 3),
    }


def caller_of(viewer: Viewer, client: str | None, limits: Limits) -> tuple[str, int]:
    """Whose budget pays for a request, and how large it is."""
    if viewer.is_anonymous or viewer.subject is None:
        return f"address {client or 'unknown'}", limits.anonymous_budget
    return f"subject {viewer.subject}", limits.budget


async def pay(
    book: budgets.Budgets, viewer: Viewer, client: str | None, limits: Limits, requested: int
) -> tuple[budgets.Charge | None, GraphQLError | None]:
    """Charge `requested` points to the caller: the charge (None when the cost alone is
    refused) and the error refusing the operation, if it is refused."""
    caller, budget = caller_of(viewer, client, limits)
    maximum = min(limits.max_cost, budget)  # no budget could ever pay for more
    if requested > maximum:
        return None, CostTooHigh(requested, maximum)
    charge = await book.charge(caller, requested, budget)
    return charge, None if charge.taken else RateLimited(charge)


async def pay_for_network(
    book: budgets.Budgets, networks: NetworkCache, viewer: Viewer, client: str | None,
    limits: Limits, request: NetworkRequest,
) -> tuple[int, budgets.Charge | None, GraphQLError | None]:  # fmt: skip
    """Charge a network file of `request` (its scope's size): its cost, the charge and the
    error refusing it, if it is refused."""
    if not limits.max_cost:
        return 0, None, None
    actors = await networks.scope_actors(request.region_id, request.community_id)
    requested = cost.network_cost(actors)
    charge, refused = await pay(book, viewer, client, limits, requested)
    return requested, charge, refused


async def scope_sizes(context: Context, estimate: cost.Estimate) -> dict[cost.NetworkAsk, int]:
    """The actors in the scope of each network `estimate` asks for (0 for a scope that names
    nothing, which the network field refuses itself)."""
    sizes = {}
    for ask in estimate.networks:
        region, community = _key(ask.region), _key(ask.community)
        networks = context.networks
        sizes[ask] = 0 if networks is None else await networks.served_actors(region, community)
    return sizes


def _key(global_id: str | None) -> int | None:
    if global_id is None:
        return None
    try:
        return row_key(relay.GlobalID.from_id(global_id).node_id)
    except Exception:  # a malformed id: the field reports it
        return None


@dataclasses.dataclass(frozen=True, slots=True)
class Paid:
    """What an operation was charged: its cost (None when it was not worked out), the charge
    (None when none was taken), and the error refusing the operation, if it is refused."""

    requested: int | None = None
    charge: budgets.Charge | None = None
    refused: GraphQLError | None = None

    def shown(self, max_cost: int) -> dict[str, Any]:
        """`extensions` of the answer: what the operation cost and what is left."""
        if self.requested is None:
            return {}
        shown: dict[str, Any] = {"requestedQueryCost": self.requested}
        shown["maximumPerOperation"] = max_cost
        if self.charge is not None:
            shown["throttleStatus"] = status(self.charge)
        return {"cost": shown}


async def pay_for_operation(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    variables: dict[str, Any] | None,
    context: Context,
) -> Paid:
    """Work out an operation's cost and charge it to the caller's budget, as `context` says."""
    if not context.limits.max_cost or context.budgets is None:
        return Paid()
    estimate = cost.estimate(
        schema, document, operation_name, variables, context.limits.default_page_size
    )
    requested = None
    try:
        requested = estimate.total(await scope_sizes(context, estimate))
        charge, refused = await pay(
            context.budgets,
            context.viewer,
            context.client,
            context.limits,
            requested,
        )
    except UNREACHABLE as error:
        unavailable = GraphQLError(
            UNAVAILABLE_MESSAGE, original_error=error, extensions={"code": "UNAVAILABLE"}
        )
        return Paid(requested, None, unavailable)
    return Paid(requested, charge, refused)


class FairUse(SchemaExtension):
    """Costs and budgets, checked before an operation executes (unless the request paid
    already: `Context.paid`)."""

    def __init__(self) -> None:
        self._paid = Paid()

    async def on_execute(self) -> AsyncIterator[None]:
        ctx = self.execution_context
        context: Context = ctx.context
        if context.paid is not None:
            self._paid = context.paid
        elif ctx.result is None and ctx.graphql_document is not None:
            self._paid = await pay_for_operation(
                ctx.schema._schema,
                ctx.graphql_document,
                ctx.operation_name,
                ctx.variables,
                context,
            )
            refused = self._paid.refused
            if refused is not None:
                if ctx.operation_type is OperationType.SUBSCRIPTION:
                    raise refused  # strawberry answers a subscription with it, and ends it
                ctx.result = ExecutionResult(data=None, errors=[refused])
        yield

    def get_results(self) -> dict[str, Any]:
        # A subscription's events do not repeat what it cost to start it.
        ctx = self.execution_context
        if self._paid.requested is None:
            return {}  # not worked out: a document that did not parse, say
        if ctx.operation_type is OperationType.SUBSCRIPTION and self._paid.refused is None:
            return {}
        return self._paid.shown(ctx.context.limits.max_cost)

"""Root list fields, declared in one line each: `root_list(catalog.PROJECTS, "Project", …)`.

Every root list takes the same arguments — `filter`, `search` where names can be searched,
`orderBy` where it can be sorted, and `first/after/last/before` — so its resolver is built
here once. Lists of personal data go through the privacy guard instead of the plain query.
"""

from __future__ import annotations

import inspect
from typing import Annotated, Any

import strawberry

from fivesoc.db.listing import Listing
from fivesoc.schema import filters as f
from fivesoc.schema.context import Info
from fivesoc.schema.pagination import After, Before, Connection, First, Last
from fivesoc.schema.types.common import page_args, root_connection
from fivesoc.schema.types.fields import READS, ReadsList, lazy, maker

INCLUDE_ARCHIVED = Annotated[
    bool,
    strawberry.argument(description="Also list archived items; they are left out by default."),
]
ARCHIVED_NOTE = " Archived items are left out unless `includeArchived` is true."

SEARCH = Annotated[
    str | None,
    strawberry.argument(
        description="Rank by similarity of the name to this text (works for Chinese text)."
    ),
]


def _parameter(name: str, annotation: Any) -> inspect.Parameter:
    return inspect.Parameter(
        name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=annotation
    )


def _archivable(listing: Listing[Any]) -> bool:
    return any(flt.name == "archived" for flt in listing.filters)


def list_filters(listing: Listing[Any], arguments: dict[str, Any]) -> dict[str, object]:
    """The filter values of a root list's arguments (by their Python names)."""
    chosen = arguments.get("filter")
    filters: dict[str, object] = {} if chosen is None else chosen.values()
    if _archivable(listing):
        filters["archived"] = None if arguments.get("include_archived") else False
    return filters


def root_list(
    listing: Listing[Any],
    type_name: str,
    description: str,
    *,
    guarded: str | None = None,
) -> Any:
    """A root connection field over `listing`, its nodes made into `type_name`: its `filter`
    and `orderBy` inputs are the listing's (`fivesoc.schema.filters`), `search` where it has
    a search column.

    `guarded` names the personal records the list holds ("households"): then counts are public
    and rows need a covering token (`fivesoc.schema.privacy`).
    """
    filter_type = f.filter_input(listing)
    order_type = f.order_input(listing)
    search = listing.search_column is not None

    archivable = _archivable(listing)

    async def resolve(self: Any, info: Info, **arguments: Any) -> Any:
        page = page_args(
            info,
            arguments.get("first"),
            arguments.get("after"),
            arguments.get("last"),
            arguments.get("before"),
        )
        filters = list_filters(listing, arguments)
        order = f.order_args(arguments.get("order_by"))
        make = maker(type_name)
        if guarded is not None:
            from fivesoc.schema.types.household import guarded_list

            return await guarded_list(info, listing, make, page, filters, guarded, **order)
        return await root_connection(
            info, listing, make, page, filters, search=arguments.get("search"), **order
        )

    parameters = [
        inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD),
        inspect.Parameter("info", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Info),
        _parameter(
            "filter",
            Annotated[filter_type | None, strawberry.argument(description="Which items to list.")],
        ),
    ]
    if search:
        parameters.append(_parameter("search", SEARCH))
    if archivable:
        archived = inspect.Parameter(
            "include_archived",
            inspect.Parameter.KEYWORD_ONLY,
            default=False,
            annotation=INCLUDE_ARCHIVED,
        )
        parameters.append(archived)
        description += ARCHIVED_NOTE
    if order_type is not None:
        parameters.append(
            _parameter(
                "order_by",
                Annotated[
                    order_type | None,
                    strawberry.argument(description="Sort order; by id if unset."),
                ],
            )
        )
    for name, annotation in (("first", First), ("after", After), ("last", Last)):
        parameters.append(_parameter(name, annotation))
    parameters.append(_parameter("before", Before))
    returns: Any = Connection[lazy(type_name)]  # type: ignore[misc]
    resolve.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        parameters, return_annotation=returns
    )
    resolve.__annotations__ = {
        **{p.name: p.annotation for p in parameters[1:]},
        "return": returns,
    }
    reads = ReadsList(listing, type_name, guarded)
    return strawberry.field(resolver=resolve, description=description, metadata={READS: reads})

"""Query parameters -> the store's EventFilters (one definition for lists, maps, exports).

The dashboard puts the same names in its own URL, so a shared dashboard link and an API
call read the same way.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import HTTPException, Query

from marsad.api.schemas import Kind
from marsad.store import EventFilters

MAX_PAGE = 500
# Free-text filters become LIKE patterns: bounded here, a request cannot build one the
# database refuses (SQLite's limit is 50,000 bytes) and a caller learns why with a 422.
MAX_NAME = 200  # a category, mode, type, actor, place or document id, or part of one
MAX_TEXT = 500  # full-text search words


def name_query(description: str) -> Any:
    """A query parameter of free text, as long as a name can be."""
    return Query(max_length=MAX_NAME, description=description)


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if value is None or not value.strip():
        return None
    try:
        west, south, east, north = (float(part) for part in value.split(","))
    except ValueError as error:
        raise HTTPException(
            422, "bbox must be four numbers: west,south,east,north (degrees)"
        ) from error
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise HTTPException(422, "bbox out of range: -180..180 longitude, -90..90 latitude")
    return (west, south, east, north)


def _blank_is_none(value: str | None) -> str | None:
    # An empty form field (category=) means "any", not "the empty category".
    return value if value and value.strip() else None


async def event_filters(
    since: Annotated[date | None, Query(description="events on or after this day")] = None,
    until: Annotated[date | None, Query(description="events on or before this day")] = None,
    kind: Annotated[Kind | None, Query()] = None,
    category: Annotated[str | None, name_query("PLOVER category, e.g. ASSAULT")] = None,
    mode: Annotated[str | None, name_query("PLOVER mode, e.g. drone")] = None,
    acled_type: Annotated[str | None, name_query("ACLED event type")] = None,
    acled_subtype: Annotated[str | None, name_query("ACLED sub-event type")] = None,
    actor: Annotated[
        str | None,
        name_query(
            "actor or recipient: its registry id, its name or text, or words of it in order,"
            " the last one maybe cut short; case and accents ignored"
            " (kataib-hezbollah, 'armed forces', hezb)"
        ),
    ] = None,
    place: Annotated[
        str | None,
        name_query(
            "a place: its id, its name or text, or words of it in order, the last one maybe"
            " cut short; case and accents ignored (deir-ez-zor, 'deir ez', bagh)"
        ),
    ] = None,
    country: Annotated[
        str | None, Query(min_length=2, max_length=2, description="ISO 3166 alpha-2")
    ] = None,
    bbox: Annotated[
        str | None, Query(description="west,south,east,north in degrees (WGS 84)")
    ] = None,
    q: Annotated[
        str | None,
        Query(max_length=MAX_TEXT, description="full text: every word in the evidence sentence"),
    ] = None,
    document: Annotated[str | None, name_query("only this document's events")] = None,
) -> EventFilters:
    return EventFilters(
        since=since,
        until=until,
        kind=kind,
        category=_blank_is_none(category),
        mode=_blank_is_none(mode),
        acled_type=_blank_is_none(acled_type),
        acled_subtype=_blank_is_none(acled_subtype),
        actor=_blank_is_none(actor),
        place=_blank_is_none(place),
        country=country.upper() if country else None,
        bbox=_bbox(bbox),
        search=_blank_is_none(q),
        document_id=_blank_is_none(document),
    )


async def page(
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> tuple[int, int]:
    return limit, offset

"""GET /api/events: the filtered, paged event list; one event; its timeline; map points."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response

from marsad.api.deps import cached_json, json_response, memo_of, store_of
from marsad.api.filters import EVENT_QUERY, event_filters, page
from marsad.api.paths import EventId
from marsad.api.schemas import (
    ErrorBody,
    Event,
    Page,
    Points,
    Timeline,
    event_of,
    event_page_json,
    point_of,
)
from marsad.api.schemas import timeline_of as timeline_model
from marsad.store import EventFilters

router = APIRouter(prefix="/events", tags=["events"])

Filters = Annotated[EventFilters, Depends(event_filters)]
Paging = Annotated[tuple[int, int], Depends(page)]


@router.get("", response_model=Page[Event], summary="List events", openapi_extra=EVENT_QUERY)
def list_events(request: Request, filters: Filters, paging: Paging) -> Response:
    """Events, newest first (undated last, then by id: pages never repeat or skip one).

    Send the ETag back in If-None-Match to get 304 while the store is unchanged.
    """
    limit, offset = paging
    store = store_of(request)

    def build(revision: str) -> bytes:
        memo, key = memo_of(request), ("events", revision, filters)
        known = memo.known(key)
        total, rows = store.event_items(
            filters, limit=limit, offset=offset, total=known if isinstance(known, int) else None
        )
        memo.remember(key, total)
        following = offset + len(rows)
        # The JSON of Page[Event], from each event's JSON as stored (store/listing.py).
        return event_page_json(
            total=total,
            limit=limit,
            offset=offset,
            next_offset=following if following < total else None,
            items=rows,
        )

    return cached_json(request, build)


@router.get("/timeline", response_model=Timeline, summary="Events per day and category",
            openapi_extra=EVENT_QUERY)
def timeline(request: Request, filters: Filters) -> Response:
    """Dated events counted per start day and PLOVER category (the dashboard's bars)."""
    return cached_json(request, lambda _: timeline_model(store_of(request).event_days(filters)))


@router.get("/points", response_model=Points, summary="Located events for a map",
            openapi_extra=EVENT_QUERY)
def points(
    request: Request,
    filters: Filters,
    limit: Annotated[int, Query(ge=1, le=50_000)] = 10_000,
) -> Response:
    """Only what a marker needs (position, category, toll, day), newest first."""
    store = store_of(request)

    def build(revision: str) -> Points:
        rows = store.event_points(filters, limit=limit + 1)
        return Points(
            total=len(rows) if len(rows) <= limit else _located(request, revision, filters),
            truncated=len(rows) > limit,
            items=[point_of(p) for p in rows[:limit]],
        )

    return cached_json(request, build)


def _located(request: Request, revision: str, filters: EventFilters) -> int:
    # Located = inside the whole world's box (a coordinate is never NULL there).
    world = (-180.0, -90.0, 180.0, 90.0)
    located = filters if filters.bbox is not None else replace(filters, bbox=world)
    store = store_of(request)
    return memo_of(request).get(("events", revision, located), lambda: store.count_events(located))


@router.get(
    "/{event_id}",
    response_model=Event,
    responses={404: {"model": ErrorBody}},
    summary="One event",
)
def get_event(request: Request, event_id: EventId) -> Response:
    row = store_of(request).event(event_id)
    if row is None:
        raise HTTPException(404, f"no event {event_id}")
    return json_response(event_of(row))

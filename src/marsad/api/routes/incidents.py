"""Incidents (with their reports and why they were merged), aggregate series, stance
timelines; analysts' merges and splits (token only)."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response

from marsad.api.deps import cached_json, json_response, store_of
from marsad.api.filters import page
from marsad.api.link_schemas import (
    Incident,
    IncidentPage,
    LinkResult,
    MergeRequest,
    Series,
    SplitRequest,
    StanceTimeline,
    incident_of,
    series_of,
    stance_of,
)
from marsad.api.paths import IncidentId
from marsad.api.schemas import ErrorBody
from marsad.api.security import require_writer
from marsad.errors import StoreError
from marsad.store import EventFilters

router = APIRouter(tags=["incidents"])
Paging = Annotated[tuple[int, int], Depends(page)]
Code = Annotated[str | None, Query(min_length=2, max_length=2, pattern="^[A-Za-z]{2}$")]
Name = Annotated[str | None, Query(min_length=1, max_length=64)]


def _dump(models: list) -> bytes:  # type: ignore[type-arg]
    return json.dumps([m.model_dump(mode="json") for m in models]).encode("utf-8")


@router.get("/incidents", response_model=IncidentPage, summary="List incidents")
def list_incidents(request: Request, paging: Paging, category: Name = None,
                   country: Code = None,
                   min_reports: Annotated[int, Query(ge=1, le=10_000)] = 1) -> Response:
    """Incidents, most reported first, each with its reports (outlet, URL, input id)."""
    limit, offset = paging
    store = store_of(request)

    def build(revision: str) -> IncidentPage:
        rows = store.incidents(category=category, country=country, min_documents=min_reports,
                               limit=limit + 1, offset=offset)
        total = store.count_incidents()
        more = len(rows) > limit
        return IncidentPage(total=total, limit=limit, offset=offset,
                            next_offset=offset + limit if more else None,
                            items=[incident_of(r) for r in rows[:limit]])

    return cached_json(request, build)


@router.get("/incidents/{incident_id}", response_model=Incident,
            responses={404: {"model": ErrorBody}}, summary="One incident")
def get_incident(request: Request, incident_id: IncidentId) -> Response:
    """Its resolved fields, each source's value of every field, the reasons that joined its
    reports, and its possible duplicates."""
    row = store_of(request).incident(incident_id)
    if row is None:
        raise HTTPException(404, f"no incident {incident_id!r}")
    return json_response(incident_of(row))


@router.post("/incidents/merge", response_model=LinkResult,
             dependencies=[Depends(require_writer)],
             responses={401: {"model": ErrorBody}, 403: {"model": ErrorBody},
                        422: {"model": ErrorBody}},
             summary="Merge incidents (token required)")
def merge(request: Request, body: MergeRequest) -> Response:
    """An analyst's merge, kept by event keys: it survives re-processing."""
    try:
        merged = store_of(request).merge_incidents(body.incidents)
    except StoreError as error:
        raise HTTPException(422, str(error)) from error
    return json_response(LinkResult(incident=merged))


@router.post("/incidents/{incident_id}/split", response_model=LinkResult,
             dependencies=[Depends(require_writer)],
             responses={401: {"model": ErrorBody}, 403: {"model": ErrorBody},
                        422: {"model": ErrorBody}},
             summary="Split events off an incident (token required)")
def split(request: Request, incident_id: IncidentId, body: SplitRequest) -> Response:
    """An analyst's split, kept by event keys: it survives re-processing."""
    try:
        new = store_of(request).split_incident(incident_id, body.events)
    except StoreError as error:
        raise HTTPException(422, str(error)) from error
    return json_response(LinkResult(incident=new))


@router.get("/series", response_model=list[Series], summary="Aggregate series")
def list_series(request: Request, country: Code = None) -> Response:
    """Aggregate claims as running totals, each point with its outlet and attribution."""
    store = store_of(request)
    return cached_json(request, lambda revision: _dump(
        [series_of(s) for s in store.series(EventFilters(country=country))]))


@router.get("/stances", response_model=list[StanceTimeline], summary="Stance timelines")
def list_stances(request: Request, issue: Annotated[str | None, Query(max_length=200)] = None
                 ) -> Response:
    """Per tracked issue, each holder's dated positions with evidence."""
    store = store_of(request)
    return cached_json(request, lambda revision: _dump(
        [stance_of(t) for t in store.stances(issue)]))

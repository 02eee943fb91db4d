"""GET /api/export/{format}: the filtered events as a download, streamed as it is written."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import StreamingResponse

from marsad.api.deps import store_of
from marsad.api.filters import EVENT_QUERY, event_filters
from marsad.export import FORMATS, export_chunks
from marsad.store import EventFilters

router = APIRouter(prefix="/export", tags=["export"])

ExportName = StrEnum("ExportName", {name.replace("-", "_"): name for name in FORMATS})  # type: ignore[misc]


@router.get(
    "/{format_name}",
    response_class=StreamingResponse,
    summary="Export events (ACLED CSV, PLOVER JSONL, GeoJSON, Parquet)",
    responses={200: {"content": {f.media_type: {} for f in FORMATS.values()}}},
    openapi_extra=EVENT_QUERY,
)
def export(
    request: Request,
    format_name: ExportName,
    filters: Annotated[EventFilters, Depends(event_filters)],
) -> StreamingResponse:
    """Every event the filters select (no paging), in the chosen format."""
    chosen = FORMATS[format_name.value]
    rows = store_of(request).iter_events(filters)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    filename = f"marsad-events-{stamp}.{chosen.extension}"
    return StreamingResponse(
        export_chunks(chosen.name, rows),
        media_type=chosen.media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )

"""GET /api/stats (counts) and /api/config (what the dashboard needs to know)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from marsad import __version__
from marsad.api.deps import cached_json, json_response, store_of
from marsad.api.schemas import ClientConfig, Stats, stats_of

router = APIRouter(tags=["stats"])


@router.get("/stats", response_model=Stats, summary="Counts by kind, category, source, language")
def stats(request: Request) -> Response:
    return cached_json(request, lambda _: stats_of(store_of(request).stats()))


@router.get("/config", response_model=ClientConfig, summary="Settings the dashboard reads")
def config(request: Request) -> Response:
    state = request.app.state
    return json_response(
        ClientConfig(
            version=__version__,
            tile_url=state.tile_url,
            tile_attribution=state.tile_attribution,
            writes_enabled=bool(state.token),
        )
    )

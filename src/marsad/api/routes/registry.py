"""GET /api/actors and /api/places: the actor registry and the gazetteer, with event counts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from marsad.api.deps import cached_json, store_of
from marsad.api.filters import page
from marsad.api.schemas import Page, RegistryActor, RegistryPlace, actor_of, place_of

router = APIRouter(tags=["registry"])
Paging = Annotated[tuple[int, int], Depends(page)]
Search = Annotated[str | None, Query(max_length=200, description="part of a name or id")]


def _page(model: type[Page], total: int, items: list, limit: int, offset: int) -> Page:
    """One page of a registry list, with where the next page starts (None at the end)."""
    following = offset + len(items)
    return model(
        total=total,
        limit=limit,
        offset=offset,
        next_offset=following if following < total else None,
        items=items,
    )


@router.get("/actors", response_model=Page[RegistryActor], summary="Actors")
def actors(
    request: Request,
    paging: Paging,
    q: Search = None,
    proposed: Annotated[
        bool | None,
        Query(description="true: only named actors no pack knows (for review); false: only "
                          "curated ones"),
    ] = None,
) -> Response:
    """Registry actors (from packs, or proposed from events), most active first."""
    limit, offset = paging
    store = store_of(request)

    def build(_: str) -> Page[RegistryActor]:
        total = store.count_actors(search=q, proposed=proposed)
        rows = store.actors(search=q, proposed=proposed, limit=limit, offset=offset)
        items = [actor_of(a) for a in rows]
        return _page(Page[RegistryActor], total, items, limit, offset)

    return cached_json(request, build)


@router.get("/places", response_model=Page[RegistryPlace], summary="Places")
def places(
    request: Request,
    paging: Paging,
    q: Search = None,
    country: Annotated[str | None, Query(min_length=2, max_length=2)] = None,
) -> Response:
    """Gazetteer places, most eventful first."""
    limit, offset = paging
    store = store_of(request)

    def build(_: str) -> Page[RegistryPlace]:
        total = store.count_places(search=q, country=country)
        rows = store.places(search=q, country=country, limit=limit, offset=offset)
        items = [place_of(p) for p in rows]
        return _page(Page[RegistryPlace], total, items, limit, offset)

    return cached_json(request, build)

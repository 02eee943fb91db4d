"""What every route needs: the store, and JSON responses with an ETag."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import Request, Response
from pydantic import BaseModel

from marsad.api.caching import Memo, ResponseCache, cache_headers, etag_for, not_modified
from marsad.store import Store


def store_of(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


def memo_of(request: Request) -> Memo:
    return request.app.state.memo  # type: ignore[no-any-return]


def json_response(model: BaseModel, status_code: int = 200, **headers: str) -> Response:
    # Serialised by pydantic-core in one pass; FastAPI does not validate a Response again.
    return Response(
        model.model_dump_json(),
        status_code=status_code,
        media_type="application/json",
        headers=headers or None,
    )


def cached_json(request: Request, build: Callable[[str], BaseModel | bytes]) -> Response:
    """build(revision) as JSON with an ETag; 304 when the client's copy is current.

    build returns a model, or its JSON already serialised. The body is built once per
    store revision and query (see caching.ResponseCache).
    """
    # One snapshot for the ETag and the body: a save in between cannot give a body newer
    # than the revision it is cached and tagged under.
    with store_of(request).snapshot() as revision:
        etag = etag_for(revision, request)
        unchanged = not_modified(request, etag)
        if unchanged is not None:
            return unchanged
        bodies: ResponseCache = request.app.state.bodies
        body = bodies.get(etag)
        if body is None:
            built = build(revision)
            body = built if isinstance(built, bytes) else built.model_dump_json().encode()
            bodies.put(etag, body)
    return Response(body, media_type="application/json", headers=cache_headers(etag))

"""The FastAPI application: the REST API under /api, the dashboard at /, OpenAPI at /docs."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from functools import partial
from typing import Any

from anyio import to_thread
from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from marsad import __version__
from marsad.api import heap
from marsad.api.caching import Memo, ResponseCache
from marsad.api.hosts import AllowedHosts, host_names_from_environment
from marsad.api.limits import DEFAULT_MAX_BODY_BYTES, BodyLimit
from marsad.api.routes import documents, events, exports, incidents, registry, stats
from marsad.api.security import SecurityHeaders, WriteGate
from marsad.ingest import ReadOptions
from marsad.store import Store
from marsad.types import Document, Event
from marsad.web import STATIC_DIR

Extractor = Callable[[Document], Sequence[Event]]

# Requests a serving process works on at once. Measured on 2 cores with 8 clients
# (bench/api.py, one worker, 100,000 events): 2-4 serve 210-280 req/s with p99 under
# 100 ms, anyio's default of 40 150-200 req/s with p99 140-220 ms.
REQUEST_THREADS = 3

DESCRIPTION = """\
marsad's event database: events read from news articles, each field with the text behind
it. Everything here is read-only unless the operator started the server with a token;
writes then need `Authorization: Bearer <token>`.

Lists take the same filters (`since`, `until`, `kind`, `category`, `mode`, `acled_type`,
`actor`, `place`, `country`, `bbox`, `q` for full text), are paged with `limit`/`offset`
in a stable order, and carry an ETag (send it back in `If-None-Match` for a 304).
"""


def _default_extractor() -> Extractor:
    # The NLP pipeline loads its models on first use: only a write pays for it.
    from marsad.stages import document_extractor

    return document_extractor()


def create_app(
    store_url: str | None = None,
    *,
    token: str | None = None,
    tile_url: str | None = None,
    tile_attribution: str | None = None,
    extractor: Extractor | None = None,
    cache_mb: float | None = None,
    allowed_hosts: Iterable[str] | None = None,
    allow_private_urls: bool = False,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    filter_index: bool = True,
    serving: bool = False,
    request_threads: int | None = None,
) -> FastAPI:
    """The marsad web application on the store at store_url (default: MARSAD_DB, ./marsad.db).

    token: the bearer token writes require; None (and no MARSAD_API_TOKEN) disables writes.
    tile_url: an XYZ raster tile template ("https://tile.example/{z}/{x}/{y}.png") drawn
    under the map; default MARSAD_TILE_URL, else none (the map is fully offline).
    cache_mb: memory for list responses, reused until the store changes; default
    MARSAD_API_CACHE_MB, else 64; 0 turns it off.
    allowed_hosts: the names, besides localhost, 127.0.0.1 and ::1, that requests may give
    in their Host header (any port; "*.example.org" for subdomains, "*" for any); others get
    400. Default MARSAD_ALLOWED_HOSTS (comma separated), else loopback only.
    allow_private_urls: let ingest by URL fetch loopback and private addresses (refused by
    default: a client must not reach the server's own network through it).
    max_body_bytes: the largest request body; a longer one gets 413 before it is read.
    filter_index: answer the event list's counts and pages from memory while the store is
    unchanged (store/filter_index.py); False leaves every filter to the database.
    serving: the process does nothing but serve this app (`marsad serve`): its garbage
    collector is set up for it (api/heap.py). Process-wide, so off for an app embedded in
    another program or a test.
    request_threads: with `serving`, how many requests this process works on at once
    (default MARSAD_API_THREADS, else REQUEST_THREADS); the others wait their turn.
    """
    # An explicit argument wins over the environment; "" means "none" either way.
    token = (token if token is not None else os.environ.get("MARSAD_API_TOKEN")) or None
    tile_url = (tile_url if tile_url is not None else os.environ.get("MARSAD_TILE_URL")) or None
    if allowed_hosts is None:
        allowed_hosts = host_names_from_environment()
    store = Store.open(store_url)
    if filter_index:
        # no collection there: it would stop the request threads the build runs beside
        store.keep_filter_index(on_built=partial(heap.settle, collect=False) if serving
                                else None)

    threads = request_threads or int(os.environ.get("MARSAD_API_THREADS") or REQUEST_THREADS)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if serving:
            heap.for_serving()
            # the handlers are Python: more of them at once only take turns on the GIL,
            # and the turns cost CPU (40 at once, anyio's default: a third more per request)
            to_thread.current_default_thread_limiter().total_tokens = threads
        yield
        store.close()

    app = FastAPI(
        title="marsad",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # our own /docs page: Swagger UI from static/, no CDN, no inline script
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.store = store
    app.state.token = token
    app.state.tile_url = tile_url
    app.state.tile_attribution = tile_attribution or os.environ.get("MARSAD_TILE_ATTRIBUTION")
    app.state.memo = Memo()
    if cache_mb is None:
        cache_mb = float(os.environ.get("MARSAD_API_CACHE_MB") or 64)
    app.state.bodies = ResponseCache(int(cache_mb * 1024 * 1024))
    chosen = extractor
    app.state.extractor = lambda: chosen or _default_extractor()
    app.state.read_options = ReadOptions(allow_private_urls=allow_private_urls)

    for module in (events, documents, incidents, registry, stats, exports):
        app.include_router(module.router, prefix="/api")
    _mount_dashboard(app)
    # The last added runs first: security headers on every answer; then a wrong Host and a
    # write without the token are refused from the headers alone, before any body is read;
    # then the body is capped.
    app.add_middleware(BodyLimit, max_bytes=max_body_bytes)
    app.add_middleware(WriteGate, token=token)
    app.add_middleware(AllowedHosts, names=allowed_hosts)
    app.add_middleware(SecurityHeaders, tile_url=tile_url)
    return app


def _mount_dashboard(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    def dashboard() -> Any:
        return FileResponse(STATIC_DIR / "index.html", headers={"Cache-Control": "no-cache"})

    @app.get("/docs", include_in_schema=False)
    def docs() -> Any:
        return FileResponse(STATIC_DIR / "docs.html", headers={"Cache-Control": "no-cache"})


def app_from_environment() -> FastAPI:
    """The app configured by MARSAD_DB, MARSAD_API_TOKEN, MARSAD_TILE_URL,
    MARSAD_ALLOWED_HOSTS, MARSAD_ALLOW_PRIVATE_URLS and MARSAD_API_THREADS: the factory
    that `marsad serve --workers N` gives uvicorn, which imports it in each worker
    process."""
    return create_app(
        os.environ.get("MARSAD_DB"),
        allow_private_urls=os.environ.get("MARSAD_ALLOW_PRIVATE_URLS") == "1",
        serving=True,
    )

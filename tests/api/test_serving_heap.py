"""A worker that only serves (`marsad serve`) sets its garbage collector up for it
(api/heap.py): what start-up loaded, and the filter index once built, are frozen out of the
full collections that would otherwise stop every request thread; an app embedded in another
program (or a test) leaves the process's collector alone."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from marsad.api import create_app, heap

TEST_HOSTS = ["testserver"]  # the Host TestClient sends



@pytest.fixture
def restored_collector() -> Iterator[None]:
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


def test_a_serving_worker_freezes_what_start_up_loaded(filled_url: str,
                                                       restored_collector: None) -> None:
    gc.unfreeze()
    app = create_app(filled_url, tile_url="", allowed_hosts=TEST_HOSTS, serving=True)
    with TestClient(app) as client:
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold()[:2] == (heap.YOUNG, heap.MIDDLE)
        frozen = gc.get_freeze_count()
        assert client.get("/api/events?limit=5").status_code == 200
        assert app.state.store.wait_for_filter_index()
        # the build froze the index with whatever else the first requests left alive
        assert gc.get_freeze_count() > frozen
        assert client.get("/api/events?limit=5").json()["total"] > 0


def test_an_embedded_app_leaves_the_collector_alone(filled_url: str,
                                                    restored_collector: None) -> None:
    gc.unfreeze()
    threshold = gc.get_threshold()
    app = create_app(filled_url, tile_url="", allowed_hosts=TEST_HOSTS)
    with TestClient(app) as client:
        assert client.get("/api/events?limit=5").status_code == 200
        app.state.store.wait_for_filter_index()
        assert gc.get_freeze_count() == 0
        assert gc.get_threshold() == threshold


def _request_threads(client: TestClient) -> int:
    from anyio import to_thread

    return int(client.portal.call(lambda: to_thread.current_default_thread_limiter().total_tokens))


def test_a_serving_worker_works_on_a_few_requests_at_once(
    filled_url: str, restored_collector: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Python handlers only take turns on the GIL: forty at once (anyio's default) cost a
    # third more CPU per request than three
    monkeypatch.delenv("MARSAD_API_THREADS", raising=False)
    app = create_app(filled_url, tile_url="", allowed_hosts=TEST_HOSTS, serving=True)
    with TestClient(app) as client:
        assert _request_threads(client) == 3
        assert client.get("/api/events?limit=5").status_code == 200
    app = create_app(filled_url, tile_url="", allowed_hosts=TEST_HOSTS, serving=True,
                     request_threads=6)
    with TestClient(app) as client:
        assert _request_threads(client) == 6
    monkeypatch.setenv("MARSAD_API_THREADS", "2")  # what `marsad serve --threads` sets
    app = create_app(filled_url, tile_url="", allowed_hosts=TEST_HOSTS, serving=True)
    with TestClient(app) as client:
        assert _request_threads(client) == 2


def test_an_embedded_app_leaves_the_thread_pool_alone(filled_url: str) -> None:
    app = create_app(filled_url, tile_url="", allowed_hosts=TEST_HOSTS)
    with TestClient(app) as client:
        assert _request_threads(client) == 40  # anyio's own default

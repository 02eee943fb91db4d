"""An API client on a real store (SQLite file, or PostgreSQL where marked) of hand-made events."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from marsad.api import create_app
from marsad.store import Store
from synthetic_store import fill

TOKEN = "s3cret-token-for-tests"  # test_security.py sends the same
# TestClient sends Host: testserver, a name the app refuses unless it is listed.
TEST_HOSTS = ["testserver"]


@pytest.fixture(scope="module")
def filled_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('api') / 'marsad.db'}"
    with Store.open(url) as store:
        fill(store, count=15)
    return url


@pytest.fixture(scope="module")
def client(filled_url: str) -> Iterator[TestClient]:
    app = create_app(filled_url, token=None, tile_url="", allowed_hosts=TEST_HOSTS)
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def writable(tmp_path: Path) -> Iterator[tuple[TestClient, Store]]:
    """A client with writes enabled on a store of its own (writes change it); ingest by URL
    may fetch from loopback, where the tests' article server is."""
    url = f"sqlite:///{tmp_path / 'rw.db'}"
    with Store.open(url) as store:
        fill(store, count=3)
        app = create_app(
            url, token=TOKEN, tile_url="", allowed_hosts=TEST_HOSTS, allow_private_urls=True
        )
        with TestClient(app) as test_client:
            yield test_client, store


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def live() -> Iterator[Callable[[FastAPI], int]]:
    """Serve apps with real uvicorn servers on 127.0.0.1 (each in a thread): start(app) -> port."""
    running: list[tuple[uvicorn.Server, threading.Thread]] = []

    def start(app: FastAPI) -> int:
        port = free_port()
        server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        running.append((server, thread))
        deadline = time.monotonic() + 20
        while not server.started:
            if time.monotonic() > deadline or not thread.is_alive():
                pytest.fail("uvicorn did not start", pytrace=False)
            time.sleep(0.05)
        return port

    yield start
    for server, thread in running:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def page_server() -> Iterator[tuple[str, list[str]]]:
    """A web server on loopback that answers 404 to everything, and the paths it was asked."""
    asked: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            self.send_error(404)

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", asked
    finally:
        httpd.shutdown()
        httpd.server_close()

"""Fixtures for the ingest tests: a collector that keeps going past errors, and a real
HTTP server on 127.0.0.1 (no network needed; nothing is mocked)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from marsad.errors import InputError
from marsad.ingest import ReadOptions, read
from marsad.types import Document

Collect = Callable[..., tuple[list[Document], InputError | None]]


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """A proxy from the environment would swallow requests to the loopback server."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


@pytest.fixture
def collect() -> Collect:
    """Read a source to the end: the documents it yielded and the error it raised, if any."""

    def run(source: str, options: ReadOptions | None = None):
        documents: list[Document] = []
        try:
            for document in read(source, options or ReadOptions()):
                documents.append(document)
        except InputError as error:
            return documents, error
        return documents, None

    return run


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0  # before the response starts
    chunked: bool = False  # no Content-Length: the body ends when the connection closes


@dataclass
class LocalServer:
    base: str
    routes: dict[str, Route]
    user_agents: list[str]
    release: threading.Event  # ends the delay of slow routes at teardown

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, **route: object) -> str:
        """Serve a route (see Route for the keywords); returns its URL."""
        self.routes[path] = Route(**route)  # type: ignore[arg-type]
        return self.url(path)


@pytest.fixture
def server() -> Iterator[LocalServer]:
    routes: dict[str, Route] = {}
    user_agents: list[str] = []
    release = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def do_GET(self) -> None:
            user_agents.append(self.headers.get("User-Agent", ""))
            route = routes.get(self.path)
            if route is None:
                self.send_error(404)
                return
            if route.delay_s:
                release.wait(route.delay_s)
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            for name, value in route.headers.items():
                self.send_header(name, value)
            if not route.chunked:
                self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            try:
                for start in range(0, len(route.body), 65536):
                    self.wfile.write(route.body[start : start + 65536])
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up, as it should on an oversized page

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    host, port = httpd.server_address[:2]
    try:
        yield LocalServer(f"http://{host}:{port}", routes, user_agents, release)
    finally:
        release.set()
        httpd.shutdown()
        httpd.server_close()

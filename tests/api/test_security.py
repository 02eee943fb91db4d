"""Read-only by default; writes need the operator's token; headers that keep articles inert."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from marsad.web import STATIC_DIR

CORPUS_HTML = Path(__file__).parents[2] / "examples" / "corpus" / "html"
TOKEN = "s3cret-token-for-tests"  # the token the `writable` fixture's server was given
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_every_response_carries_a_strict_csp(client: TestClient) -> None:
    for path in ("/", "/api/events", "/static/js/app.js", "/api/events/999999"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp
        assert "object-src 'none'" in csp and "base-uri 'none'" in csp
        assert "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert headers["x-content-type-options"] == "nosniff"


def test_the_dashboard_builds_no_markup_from_data() -> None:
    # Article text reaches the page only as text nodes: no innerHTML, outerHTML,
    # insertAdjacentHTML, document.write or eval anywhere in the dashboard's code.
    sinks = re.compile(
        r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function"
    )
    scripts = list((STATIC_DIR / "js").glob("*.js"))
    assert scripts
    for script in scripts:
        assert not sinks.search(script.read_text()), script.name
    html = (STATIC_DIR / "index.html").read_text()
    assert "<script>" not in html and "onclick" not in html and "style=" not in html


def test_writes_are_refused_without_a_configured_token(client: TestClient) -> None:
    doc = client.get("/api/documents", params={"limit": 1}).json()["items"][0]["id"]
    for method, path in (
        ("delete", f"/api/documents/{doc}"),
        ("post", f"/api/documents/{doc}/reprocess"),
    ):
        response = client.request(method.upper(), path, headers=AUTH)
        assert response.status_code == 403
        assert "without a token" in response.json()["detail"]
    assert client.post("/api/documents", json={"url": "https://x.example/"}).status_code == 403
    assert client.get(f"/api/documents/{doc}").status_code == 200


def test_a_wrong_or_missing_token_is_401(writable) -> None:
    client, _ = writable
    doc = client.get("/api/documents", params={"limit": 1}).json()["items"][0]["id"]
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}):
        response = client.delete(f"/api/documents/{doc}", headers=headers)
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Bearer"
    assert client.get(f"/api/documents/{doc}").status_code == 200


def test_delete_with_the_token_removes_the_document_and_its_events(writable) -> None:
    client, store = writable
    doc = client.get("/api/documents", params={"limit": 1}).json()["items"][0]["id"]
    before = client.get("/api/events").json()["total"]
    # A prefix is enough to read, never to delete.
    assert client.delete(f"/api/documents/{doc[:8]}", headers=AUTH).status_code == 404
    assert client.delete(f"/api/documents/{doc}", headers=AUTH).status_code == 204
    assert client.get(f"/api/documents/{doc}").status_code == 404
    assert client.get("/api/events").json()["total"] < before
    assert store.document(doc) is None


def test_reprocess_runs_the_pipelines_extractor(writable) -> None:
    client, store = writable
    doc = client.get("/api/documents", params={"limit": 1}).json()["items"][0]["id"]
    response = client.post(f"/api/documents/{doc}/reprocess", headers=AUTH)
    assert response.status_code == 200
    body = response.json()
    assert body["document_id"] == doc
    assert body["events"] == client.get(f"/api/documents/{doc}").json()["event_count"]
    # The same events the pipeline's extractor reads from the stored text.
    from marsad.stages import document_extractor

    assert body["events"] == len(document_extractor()(store.document(doc).to_document()))


@pytest.fixture
def article_server() -> Iterator[str]:
    """The example corpus's HTML pages over HTTP on loopback, for ingest by URL."""
    handler = partial(SimpleHTTPRequestHandler, directory=str(CORPUS_HTML))
    handler.log_message = lambda *args: None  # type: ignore[method-assign]
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_ingest_by_url_goes_through_the_pipeline(writable, article_server: str) -> None:
    client, store = writable
    before = store.count_documents()
    url = f"{article_server}/shafaq-kri-protection.html"
    response = client.post("/api/documents", json={"url": url}, headers=AUTH)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["documents_new"] == 1 and body["events_stored"] > 0 and body["errors"] == []
    assert store.count_documents() == before + 1
    again = client.post("/api/documents", json={"url": url}, headers=AUTH).json()
    assert again["documents_new"] == 0 and again["documents_known"] == 1


@pytest.mark.parametrize("url", ["/etc/passwd", "file:///etc/passwd", "ftp://x.example/a"])
def test_ingest_takes_only_web_urls(writable, url: str) -> None:
    client, store = writable
    before = store.count_documents()
    response = client.post("/api/documents", json={"url": url}, headers=AUTH)
    assert response.status_code == 422
    assert store.count_documents() == before

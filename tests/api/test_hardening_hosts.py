"""The server answers only to its own names: a rebound DNS name (Host: evil.example) is 400.

DNS rebinding points a web page's own name at 127.0.0.1; the visitor's browser then reaches
this server but still sends the page's name as Host. Loopback names, the bound host and the
names the operator lists are answered, on any port.
"""

from __future__ import annotations

import httpx
import pytest
from fastapi.testclient import TestClient

from marsad.api import create_app
from marsad.api.hosts import host_name


@pytest.fixture
def default_app(filled_url: str, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("MARSAD_ALLOWED_HOSTS", raising=False)
    return create_app(filled_url, token=None, tile_url="")


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "testserver", ""])
def test_another_host_is_400_on_every_route(default_app, host: str) -> None:
    with TestClient(default_app) as client:
        for path in ("/api/events", "/", "/static/js/app.js", "/api/openapi.json"):
            response = client.get(path, headers={"Host": host})
            assert response.status_code == 400, path
            assert "--allowed-host" in response.json()["detail"]
            # The refusal carries the security headers too.
            assert "default-src 'self'" in response.headers["content-security-policy"]


@pytest.mark.parametrize(
    "host", ["localhost", "localhost:8000", "127.0.0.1:1234", "[::1]:8000", "LOCALHOST."]
)
def test_loopback_names_are_answered_on_any_port(default_app, host: str) -> None:
    with TestClient(default_app) as client:
        assert client.get("/api/stats", headers={"Host": host}).status_code == 200


def test_listed_names_and_subdomains_are_answered(filled_url: str) -> None:
    app = create_app(filled_url, tile_url="", allowed_hosts=["marsad.example.org", "*.lan.test"])
    with TestClient(app) as client:
        for host, status in (
            ("marsad.example.org:8443", 200),
            ("a.lan.test", 200),
            ("b.a.lan.test", 200),
            ("lan.test", 400),
            ("marsad.example.org.evil.example", 400),
            ("evil.example", 400),
        ):
            assert client.get("/api/stats", headers={"Host": host}).status_code == status, host


def test_names_come_from_the_environment_by_default(
    filled_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MARSAD_ALLOWED_HOSTS", " a.example , b.example:80,")
    with TestClient(create_app(filled_url, tile_url="")) as client:
        for host, status in (("a.example", 200), ("b.example", 200), ("c.example", 400)):
            assert client.get("/api/stats", headers={"Host": host}).status_code == status


def test_a_real_server_refuses_a_rebound_name(live, default_app) -> None:
    port = live(default_app)
    # What a browser sends for http://evil.example:PORT/ once evil.example resolves to us.
    rebound = httpx.get(f"http://127.0.0.1:{port}/api/events", headers={"Host": "evil.example"})
    assert rebound.status_code == 400
    assert httpx.get(f"http://localhost:{port}/api/events").status_code == 200


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("Example.ORG:80", "example.org"),
        ("example.org.", "example.org"),
        ("[::1]:8000", "::1"),
        ("[::1]", "::1"),
        ("::1", "::1"),
        ("127.0.0.1:8000", "127.0.0.1"),
        ("", ""),
    ],
)
def test_host_name(header: str, name: str) -> None:
    assert host_name(header) == name

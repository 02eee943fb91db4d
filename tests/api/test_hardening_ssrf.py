"""Ingest by URL does not reach loopback or private addresses unless the operator allows it:
through the API (a client names the URL) and through `marsad run` / `marsad ingest`."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from marsad.api import create_app
from marsad.store import Store
from synthetic_store import fill

TOKEN = "s3cret-token-for-tests"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
REFUSED = "refused: {} resolves to a private or loopback address (127.0.0.1)"


@pytest.fixture
def store_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'ssrf.db'}"
    with Store.open(url) as store:
        fill(store, count=1)
    return url


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_the_api_refuses_to_fetch_loopback_by_default(
    store_url: str, page_server: tuple[str, list[str]], host: str
) -> None:
    pages, asked = page_server
    app = create_app(store_url, token=TOKEN, tile_url="", allowed_hosts=["testserver"])
    with TestClient(app) as client:
        before = client.get("/api/documents").json()["total"]
        url = f"{pages}/story".replace("127.0.0.1", host)
        response = client.post("/api/documents", json={"url": url}, headers=AUTH)
        assert response.status_code == 422
        assert response.json()["errors"] == [f"{url}: {REFUSED.format(host)}"]
        assert client.get("/api/documents").json()["total"] == before
    assert asked == []  # no request reached the server on loopback


def test_the_api_fetches_loopback_when_allowed(
    store_url: str, page_server: tuple[str, list[str]]
) -> None:
    pages, asked = page_server
    app = create_app(
        store_url, token=TOKEN, tile_url="", allowed_hosts=["testserver"], allow_private_urls=True
    )
    with TestClient(app) as client:
        response = client.post("/api/documents", json={"url": f"{pages}/story"}, headers=AUTH)
    assert response.json()["errors"] == [f"{pages}/story: HTTP 404 Not Found"]
    assert asked == ["/story"]


@pytest.mark.parametrize("command", ["run", "ingest"])
@pytest.mark.parametrize("allowed", [False, True])
def test_the_cli_fetches_private_urls_only_when_allowed(
    tmp_path: Path, page_server: tuple[str, list[str]], command: str, allowed: bool
) -> None:
    pages, asked = page_server
    flags = ["--allow-private-urls"] if allowed else []
    result = subprocess.run(
        [sys.executable, "-m", "marsad", command, f"{pages}/story", "--quiet", *flags],
        capture_output=True,
        text=True,
        timeout=300,
        env={
            **_without_proxies_or_packs(os.environ),
            "MARSAD_DB": f"sqlite:///{tmp_path / 'cli.db'}",
            "COLUMNS": "300",
        },
    )
    assert result.returncode == 1  # the one input failed, either way
    if allowed:
        assert "HTTP 404 Not Found" in result.stderr and asked == ["/story"]
    else:
        assert REFUSED.format("127.0.0.1") in result.stderr and asked == []


def _without_proxies_or_packs(environment: Mapping[str, str]) -> dict[str, str]:
    # A proxy would take the request to loopback elsewhere; user packs are not under test.
    return {
        name: value
        for name, value in environment.items()
        if not name.lower().endswith("_proxy") and name != "MARSAD_PACKS_PATH"
    }

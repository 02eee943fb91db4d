"""An API client on a real store (SQLite file, or PostgreSQL where marked) of hand-made events."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from marsad.api import create_app
from marsad.store import Store
from synthetic_store import fill

TOKEN = "s3cret-token-for-tests"  # test_security.py sends the same


@pytest.fixture(scope="module")
def filled_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('api') / 'marsad.db'}"
    with Store.open(url) as store:
        fill(store, count=15)
    return url


@pytest.fixture(scope="module")
def client(filled_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(filled_url, token=None, tile_url="")) as test_client:
        yield test_client


@pytest.fixture
def writable(tmp_path: Path) -> Iterator[tuple[TestClient, Store]]:
    """A client with writes enabled on a store of its own (writes change it)."""
    url = f"sqlite:///{tmp_path / 'rw.db'}"
    with Store.open(url) as store:
        fill(store, count=3)
        with TestClient(create_app(url, token=TOKEN, tile_url="")) as test_client:
            yield test_client, store

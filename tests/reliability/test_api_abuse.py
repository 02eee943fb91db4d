"""The API under abuse: every GET parameter of every route fed the red team's payloads
(SQL injection, wildcards, NUL, 50,000 characters, integers past 64 bits, markup, paths),
and writes without the token. No request may get a 5xx, a NUL must not widen a filter,
no write may land without the token, and the store stays sound and unchanged."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from marsad.api import create_app
from marsad.store import Store
from synthetic_store import fill

TOKEN = "abuse-test-token"
PAYLOADS = (
    "' OR 1=1 --", "1; DROP TABLE events; --", '" UNION SELECT * FROM documents --',
    "%", "_", "%%%%", "\\", "\x00", "a\x00b", "x" * 50_000, "-1", "0",
    "9223372036854775808", "-9223372036854775809", "1e309", "NaN", "../../etc/passwd",
    "<script>alert(1)</script>", "\u202eevil", "😀" * 100, "  ", "2024-13-45", "ZZ",
    "180,90,-180,-90", "a" * 201,
)


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)]
)
def store_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
              ) -> Iterator[str]:
    """A filled store on each backend (PostgreSQL refuses what SQLite takes: a NUL)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('abuse') / 'marsad.db'}"
        dropped = None
    else:
        admin = request.getfixturevalue("pg_admin_engine")
        name = f"marsad_abuse_{uuid.uuid4().hex[:12]}"
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        url = admin.url.set(database=name).render_as_string(hide_password=False)
        dropped = (admin, name)
    with Store.open(url) as store:
        fill(store, count=20)
    yield url
    if dropped is not None:
        admin, name = dropped
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="module")
def client(store_url: str) -> Iterator[TestClient]:
    app = create_app(store_url, token=TOKEN, tile_url="", allowed_hosts=["testserver"])
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def _get_routes(client: TestClient) -> list[tuple[str, list[str], list[str]]]:
    """(path, its path parameters, its query parameters) of every GET route under /api."""
    routes = []
    for path, methods in client.app.openapi()["paths"].items():  # type: ignore[attr-defined]
        if "get" not in methods or not path.startswith("/api"):
            continue
        parameters = methods["get"].get("parameters", [])
        routes.append((path, [p["name"] for p in parameters if p["in"] == "path"],
                       [p["name"] for p in parameters if p["in"] == "query"]))
    return routes


def _fill(path: str, names: list[str], value: str) -> str:
    for name in names:
        path = path.replace("{" + name + "}", quote(value, safe=""))
    return path


def test_no_payload_in_any_parameter_gets_a_5xx(client: TestClient, store_url: str) -> None:
    with Store.open(store_url) as store:
        before = store.stats()
    statuses: dict[int, int] = {}
    for path, path_names, query_names in _get_routes(client):
        for payload in PAYLOADS:
            if path_names:
                url = _fill(path, path_names, payload)
                response = client.get(url)
                assert response.status_code < 500, (url[:120], response.text[:300])
                statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
            concrete = _fill(path, path_names, "1")
            for name in query_names:
                response = client.get(concrete, params={name: payload})
                assert response.status_code < 500, (concrete, name, payload[:40],
                                                    response.text[:300])
                statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
    assert sum(statuses.values()) > 1_000  # the battery really ran
    with Store.open(store_url) as store:
        assert store.stats() == before
        assert store.check() == []


@pytest.mark.parametrize("name", ["actor", "place", "q"])
def test_a_nul_never_widens_a_filter(client: TestClient, name: str) -> None:
    everything = client.get("/api/events", params={"limit": 1}).json()["total"]
    for value in ("\x00", "%00", "a\x00"):
        response = client.get("/api/events", params={name: value, "limit": 1})
        assert response.status_code in (200, 422)
        if response.status_code == 200:
            assert response.json()["total"] < everything


def test_writes_without_the_token_change_nothing(client: TestClient, store_url: str) -> None:
    with Store.open(store_url) as store:
        before = store.stats()
        some_document = store.documents(limit=1)[0].id
    attempts = [
        ("post", "/api/documents", {"json": {"text": "Gunmen attacked Kirkuk."}}),
        ("delete", f"/api/documents/{some_document}", {}),
        ("post", f"/api/documents/{some_document}/reprocess", {}),
        ("post", "/api/incidents/merge", {"json": {"incidents": ["a", "b"]}}),
    ]
    for token in (None, "wrong", TOKEN + "x", ""):
        headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
        for method, url, extra in attempts:
            response = getattr(client, method)(url, headers=headers, **extra)
            assert response.status_code in (401, 403), (method, url, response.status_code)
    with Store.open(store_url) as store:
        assert store.stats() == before


@settings(max_examples=80, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(actor=st.text(max_size=60), place=st.text(max_size=60), q=st.text(max_size=60),
       country=st.text(max_size=3), since=st.text(max_size=12))
def test_any_filter_text_is_answered_or_refused(client: TestClient, actor: str, place: str,
                                                q: str, country: str, since: str) -> None:
    response = client.get("/api/events", params={"actor": actor, "place": place, "q": q,
                                                 "country": country, "since": since})
    assert response.status_code in (200, 422), response.text[:300]


def test_the_server_keeps_serving_after_the_battery(client: TestClient) -> None:
    assert client.get("/api/events", params={"limit": 5}).status_code == 200

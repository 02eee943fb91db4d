"""Ids and filters out of range are the client's error (4xx), never the server's (500).

An event id past a signed 64-bit integer overflowed the database; an actor or place of
50,000 characters became a LIKE pattern SQLite refuses. TestClient raises the server's
exception, so before these bounds each of these requests failed the test with it.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

TOKEN = "s3cret-token-for-tests"  # the token the `writable` fixture's server was given
AUTH = {"Authorization": f"Bearer {TOKEN}"}
LONG = "x" * 50_001

TEXT_FILTERS = ("category", "mode", "acled_type", "acled_subtype", "actor", "place", "document")
EVENT_LISTS = ("/api/events", "/api/events/timeline", "/api/events/points", "/api/export/geojson")


@pytest.mark.parametrize("event_id", [str(2**63), str(2**64 + 5), "0", "-1", "1e3", "abc"])
def test_an_event_id_out_of_range_is_422(client: TestClient, event_id: str) -> None:
    response = client.get(f"/api/events/{event_id}")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["path", "event_id"]


def test_the_largest_event_id_is_looked_up(client: TestClient) -> None:
    response = client.get(f"/api/events/{2**63 - 1}")
    assert response.status_code == 404
    assert response.json() == {"detail": f"no event {2**63 - 1}"}


@pytest.mark.parametrize("path", ["/api/documents/{}", "/api/incidents/{}"])
def test_an_id_longer_than_any_stored_one_is_422(client: TestClient, path: str) -> None:
    response = client.get(path.format("d" * 65))
    assert response.status_code == 422
    assert "at most 64 characters" in response.json()["detail"][0]["msg"]
    assert client.get(path.format(LONG)).status_code == 422


def test_writes_check_their_ids_too(writable) -> None:
    client, store = writable
    before = store.count_documents()
    for method, path in (
        ("POST", f"/api/documents/{LONG}/reprocess"),
        ("DELETE", f"/api/documents/{LONG}"),
    ):
        assert client.request(method, path, headers=AUTH).status_code == 422
    split = client.post(f"/api/incidents/{LONG}/split", json={"events": [1]}, headers=AUTH)
    assert split.status_code == 422
    huge = client.post("/api/incidents/inc-1/split", json={"events": [2**63]}, headers=AUTH)
    assert huge.status_code == 422
    assert huge.json()["detail"][0]["loc"] == ["body", "events", 0]
    merge = client.post("/api/incidents/merge", json={"incidents": [LONG, "inc-1"]}, headers=AUTH)
    assert merge.status_code == 422
    assert store.count_documents() == before


@pytest.mark.parametrize("name", TEXT_FILTERS)
@pytest.mark.parametrize("path", EVENT_LISTS)
def test_a_text_filter_longer_than_a_name_is_422(client: TestClient, path: str, name: str) -> None:
    response = client.get(path, params={name: LONG})
    assert response.status_code == 422
    (problem,) = response.json()["detail"]
    assert problem["loc"] == ["query", name]
    assert problem["msg"] == "String should have at most 200 characters"


def test_full_text_search_takes_500_characters(client: TestClient) -> None:
    assert client.get("/api/events", params={"q": "drone " * 80}).status_code == 200
    response = client.get("/api/events", params={"q": LONG})
    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"] == "String should have at most 500 characters"


@pytest.mark.parametrize("name", TEXT_FILTERS)
def test_a_filter_as_long_as_a_name_still_works(client: TestClient, name: str) -> None:
    response = client.get("/api/events", params={name: "x" * 200})
    assert response.status_code == 200
    assert response.json()["total"] == 0


@pytest.mark.parametrize("name", ["source", "lang"])
def test_document_filters_are_bounded(client: TestClient, name: str) -> None:
    response = client.get("/api/documents", params={name: LONG})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", name]

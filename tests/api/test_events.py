"""GET /api/events and friends: filters, stable pages, ETags, timeline, map points."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


def all_pages(client: TestClient, limit: int, **params: object) -> list[dict]:
    items, offset = [], 0
    while offset is not None:
        page = client.get("/api/events", params={**params, "limit": limit, "offset": offset}).json()
        items += page["items"]
        offset = page["next_offset"]
    return items


def test_pages_cover_every_event_once_in_a_stable_order(client: TestClient) -> None:
    first = client.get("/api/events", params={"limit": 500}).json()
    assert first["total"] == len(first["items"]) > 30
    walked = all_pages(client, limit=7)
    assert [e["id"] for e in walked] == [e["id"] for e in first["items"]]
    assert len({e["id"] for e in walked}) == first["total"]
    # Newest first; within a day, by id.
    keys = [(e["when"]["start"] if e["when"] else "", -e["id"]) for e in walked]
    assert keys == sorted(keys, reverse=True)


def test_an_event_carries_its_evidence_and_document(client: TestClient) -> None:
    event = client.get("/api/events", params={"limit": 1, "category": "ASSAULT"}).json()["items"][0]
    assert event["evidence"]["text"]
    assert {f["field"] for f in event["field_evidence"]} >= {"trigger", "actor1", "where"}
    assert event["document"]["id"].startswith("doc-")
    assert client.get(f"/api/events/{event['id']}").json() == event


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"category": "protest"}, lambda e: e["category"] == "PROTEST"),
        ({"kind": "incident"}, lambda e: e["kind"] == "incident"),
        ({"country": "sy"}, lambda e: e["where"]["country"] == "SY"),
        ({"acled_type": "Battles"}, lambda e: e["acled_type"] == "Battles"),
        ({"mode": "drone"}, lambda e: e["mode"] == "drone"),
        ({"actor": "kataib"}, lambda e: "Kataib" in e["actors"][0]["name"]),
        ({"place": "mosul"}, lambda e: e["where"]["place_id"] == "mosul"),
        (
            {"since": "2023-12-01", "until": "2023-12-31"},
            # overlap: a range that reaches into December counts
            lambda e: (
                e["when"]["start"] <= "2023-12-31"
                and (e["when"]["end"] or e["when"]["start"]) >= "2023-12-01"
            ),
        ),
        (
            {"bbox": "35,32,41,37.5"},
            lambda e: 35 <= e["where"]["lon"] <= 41 and 32 <= e["where"]["lat"] <= 37.5,
        ),
        ({"q": "SHELLED"}, lambda e: "shelled" in e["evidence"]["text"].lower()),
        (
            {"q": "protested erbil"},
            lambda e: (
                {"protested", "erbil"}
                <= set(e["evidence"]["text"].lower().replace(".", "").split())
            ),
        ),
    ],
)
def test_filters_select_only_matching_events(client: TestClient, params, check) -> None:
    page = client.get("/api/events", params={**params, "limit": 500}).json()
    everything = client.get("/api/events", params={"limit": 1}).json()["total"]
    assert 0 < page["total"] < everything
    assert page["total"] == len(page["items"])
    assert all(check(e) for e in page["items"])


def test_full_text_is_words_not_syntax(client: TestClient) -> None:
    total = client.get("/api/events").json()["total"]
    for hostile in ["'; DROP TABLE events; --", '" OR 1=1 --', "drone OR protest", "%", "*"]:
        response = client.get("/api/events", params={"q": hostile, "actor": hostile})
        assert response.status_code == 200
        assert response.json()["total"] == 0
    assert client.get("/api/events").json()["total"] == total


def test_bad_parameters_are_422(client: TestClient) -> None:
    assert client.get("/api/events", params={"bbox": "1,2,3"}).status_code == 422
    assert client.get("/api/events", params={"bbox": "0,0,500,10"}).status_code == 422
    assert client.get("/api/events", params={"since": "yesterday"}).status_code == 422
    assert client.get("/api/events", params={"kind": "rumour"}).status_code == 422
    assert client.get("/api/events", params={"limit": 0}).status_code == 422
    assert client.get("/api/events/999999").status_code == 404


def test_etag_gives_304_until_the_store_changes(writable) -> None:
    client, store = writable
    first = client.get("/api/events", params={"category": "ASSAULT"})
    etag = first.headers["etag"]
    assert first.headers["cache-control"] == "no-cache"
    again = client.get(
        "/api/events", params={"category": "ASSAULT"}, headers={"If-None-Match": etag}
    )
    assert again.status_code == 304 and again.content == b""
    other = client.get(
        "/api/events", params={"category": "PROTEST"}, headers={"If-None-Match": etag}
    )
    assert other.status_code == 200
    store.delete_document(first.json()["items"][0]["document"]["id"])
    changed = client.get(
        "/api/events", params={"category": "ASSAULT"}, headers={"If-None-Match": etag}
    )
    assert changed.status_code == 200
    assert changed.json()["total"] < first.json()["total"]


def test_timeline_counts_dated_events_by_day_and_category(client: TestClient) -> None:
    timeline = client.get("/api/events/timeline", params={"country": "IQ"}).json()
    total = client.get("/api/events", params={"country": "IQ"}).json()["total"]
    assert timeline["total"] == total == sum(d["events"] for d in timeline["days"])
    days = [d["day"] for d in timeline["days"]]
    assert days == sorted(days)


def test_points_are_the_located_events(client: TestClient) -> None:
    points = client.get("/api/events/points").json()
    assert points["total"] == len(points["items"]) > 0 and not points["truncated"]
    assert all(-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 for p in points["items"])
    few = client.get("/api/events/points", params={"limit": 3}).json()
    assert few["truncated"] and len(few["items"]) == 3 and few["total"] == points["total"]


def _names(event: dict) -> list[dict]:
    return event["actors"] + event["recipients"]


def _place_id(event: dict) -> str | None:
    return (event["where"] or {}).get("place_id")


@pytest.mark.parametrize(
    ("params", "check"),
    [
        # a registry id (any case), a canonical name, a word of it, the start of a word
        ({"actor": "KATAIB-HEZBOLLAH"},
         lambda e: any(a["actor_id"] == "kataib-hezbollah" for a in _names(e))),
        ({"actor": "iq-army"}, lambda e: any(a["actor_id"] == "iq-army" for a in _names(e))),
        ({"actor": "Islamic State"}, lambda e: any(a["actor_id"] == "isis" for a in _names(e))),
        ({"actor": "islam"},
         lambda e: any(a["actor_id"] in ("isis", "iri") for a in _names(e))),
        ({"actor": "armed forces"},
         lambda e: any(a["actor_id"] == "us-forces" for a in _names(e))),
        # a word of the text only ("a convoy" has no registry entry)
        ({"actor": "convoy"}, lambda e: any(a["text"] == "a convoy" for a in _names(e))),
        ({"place": "Ain al-Asad"}, lambda e: _place_id(e) == "ain-al-asad"),
        ({"place": "DEIR EZ"}, lambda e: _place_id(e) == "deir-ez-zor"),
        ({"place": "garrison"}, lambda e: _place_id(e) == "al-tanf"),
        ({"place": "al-tanf"}, lambda e: _place_id(e) == "al-tanf"),
    ],
)
def test_actor_and_place_select_exactly_the_events_named(
    client: TestClient, params, check
) -> None:
    everything = client.get("/api/events", params={"limit": 500}).json()["items"]
    expected = [e["id"] for e in everything if check(e)]
    page = client.get("/api/events", params={**params, "limit": 500}).json()
    assert 0 < page["total"] < len(everything)
    assert [e["id"] for e in page["items"]] == expected


@pytest.mark.parametrize(
    "params",
    [{"actor": "ataib"}, {"actor": "hezbollah kataib"}, {"actor": "baghdad"},
     {"place": "aghdad"}, {"place": "kataib"}, {"place": "base air"}],
)
def test_actor_and_place_match_whole_words_in_order(client: TestClient, params) -> None:
    assert client.get("/api/events", params=params).json()["total"] == 0


@pytest.mark.parametrize("name", ["actor", "place", "q"])
def test_a_nul_filter_matches_nothing_instead_of_everything(client: TestClient, name) -> None:
    assert client.get("/api/events").json()["total"] > 0
    for value in ("%00", "%00%00", "%25%00"):
        response = client.get(f"/api/events?{name}={value}")
        assert response.status_code == 200
        assert response.json()["total"] == 0, value
    # beside a word, NUL separates like any punctuation: the word alone still filters
    word = {"actor": "kataib", "place": "erbil", "q": "erbil"}[name]
    with_nul = client.get(f"/api/events?{name}={word}%00").json()["total"]
    assert with_nul == client.get("/api/events", params={name: word}).json()["total"] > 0

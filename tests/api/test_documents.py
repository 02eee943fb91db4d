"""Documents with their events' evidence; actors, places, stats, config; OpenAPI and /docs."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_document_list_is_paged_and_counted(client: TestClient) -> None:
    page = client.get("/api/documents", params={"limit": 5}).json()
    assert page["total"] == 16 and len(page["items"]) == 5 and page["next_offset"] == 5
    assert "text" not in page["items"][0]  # the list stays light
    dates = [
        d["published"] for d in client.get("/api/documents", params={"limit": 50}).json()["items"]
    ]
    assert dates == sorted(dates, reverse=True)


def test_a_document_has_its_text_and_every_span_points_into_it(client: TestClient) -> None:
    first = client.get("/api/documents", params={"limit": 1}).json()["items"][0]
    doc = client.get(f"/api/documents/{first['id']}").json()
    assert doc["event_count"] == len(doc["events"]) > 0
    text = doc["text"]
    for event in doc["events"]:
        spans = [event["evidence"], *event["field_evidence"]]
        for span in spans:
            assert text[span["start"] : span["end"]] == span["text"]
    assert [e["ordinal"] for e in doc["events"]] == sorted(e["ordinal"] for e in doc["events"])
    # A unique prefix of the id is enough to read it.
    assert client.get(f"/api/documents/{first['id'][:10]}").json()["id"] == first["id"]
    assert client.get("/api/documents/doc-nothing-like-it").status_code == 404


def test_actors_and_places_count_their_events(client: TestClient) -> None:
    actors = client.get("/api/actors").json()
    assert actors["total"] >= 5
    counts = [a["events"] for a in actors["items"]]
    assert counts == sorted(counts, reverse=True) and counts[0] > 0
    found = client.get("/api/actors", params={"q": "kataib"}).json()["items"]
    assert [a["id"] for a in found] == ["kataib-hezbollah"]
    places = client.get("/api/places", params={"country": "SY"}).json()
    assert places["total"] > 0 and {p["country"] for p in places["items"]} == {"SY"}


def test_actors_filter_proposed_entries(client: TestClient) -> None:
    every = client.get("/api/actors").json()
    proposed = client.get("/api/actors", params={"proposed": "true"}).json()
    curated = client.get("/api/actors", params={"proposed": "false"}).json()
    assert proposed["total"] + curated["total"] == every["total"]
    assert proposed["total"] > 0 and curated["total"] > 0
    assert {a["proposed"] for a in proposed["items"]} == {True}
    assert {a["proposed"] for a in curated["items"]} == {False}
    # ids of the domain pack are curated ("iq-army"), others await review
    assert "iq-army" in {a["id"] for a in curated["items"]}


def test_stats_and_config(client: TestClient) -> None:
    stats = client.get("/api/stats").json()
    assert stats["documents"] == 16
    assert stats["events"] == sum(c["count"] for c in stats["events_by_kind"])
    config = client.get("/api/config").json()
    assert config == {
        "version": config["version"],
        "tile_url": None,
        "tile_attribution": None,
        "writes_enabled": False,
    }


def test_openapi_and_docs_work_offline(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    for path in (
        "/api/events",
        "/api/events/{event_id}",
        "/api/documents/{document_id}",
        "/api/actors",
        "/api/places",
        "/api/stats",
        "/api/export/{format_name}",
    ):
        assert path in spec["paths"]
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "http://" not in docs.text and "https://" not in docs.text  # no CDN
    assert "<script>" not in docs.text.replace(" ", "")  # no inline script
    for asset in ("/static/vendor/swagger-ui/swagger-ui-bundle.js", "/static/js/docs.js"):
        assert client.get(asset).status_code == 200


def test_the_event_filters_are_documented_on_each_route_that_takes_them(
    client: TestClient,
) -> None:
    spec = client.get("/api/openapi.json").json()
    filters = {"since", "until", "kind", "category", "mode", "acled_type", "acled_subtype",
               "actor", "place", "country", "bbox", "q", "document"}
    for path, more in (("/api/events", {"limit", "offset"}), ("/api/events/timeline", set()),
                       ("/api/events/points", {"limit"}),
                       ("/api/export/{format_name}", {"format_name"})):
        parameters = spec["paths"][path]["get"]["parameters"]
        assert {p["name"] for p in parameters} == filters | more, path
    actor = next(p for p in spec["paths"]["/api/events"]["get"]["parameters"]
                 if p["name"] == "actor")
    assert actor["in"] == "query" and "registry id" in actor["description"]
    assert {"type": "string", "maxLength": 200} in actor["schema"]["anyOf"]

"""The link stage over HTTP: incidents with their reports, merges and splits with the token
only, series and stance timelines."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from link_reports import REPORTS
from linked_store import save_reports
from marsad.api import create_app
from marsad.store import Store

TOKEN = "s3cret-token-for-tests"


@pytest.fixture
def linked(tmp_path: Path) -> Iterator[TestClient]:
    url = f"sqlite:///{tmp_path / 'linked.db'}"
    with Store.open(url) as store:
        save_reports(store, REPORTS)
    app = create_app(url, token=TOKEN, tile_url="", allowed_hosts=["testserver"])
    with TestClient(app) as client:
        yield client


def test_incidents_list_the_reports_of_each_occurrence(linked: TestClient) -> None:
    page = linked.get("/api/incidents", params={"min_reports": 2}).json()
    assert page["total"] == 4 and len(page["items"]) == 1
    (market,) = page["items"]
    assert {r["source_id"] for r in market["reports"]} == {"a", "b", "c"}
    assert market["killed"] == 12 and "killed" in market["conflicts"]
    one = linked.get(f"/api/incidents/{market['id']}").json()
    assert any(r["joined_by"] for r in one["reports"])
    assert linked.get("/api/incidents/inc-nosuch").status_code == 404
    assert linked.get("/api/incidents", params={"country": "IRQ"}).status_code == 422


def test_merge_and_split_need_the_token(linked: TestClient) -> None:
    items = linked.get("/api/incidents").json()["items"]
    singles = [i["id"] for i in items if i["documents"] == 1][:2]
    assert linked.post("/api/incidents/merge", json={"incidents": singles}).status_code in (
        401, 403)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    merged = linked.post("/api/incidents/merge", json={"incidents": singles}, headers=auth)
    assert merged.status_code == 200
    incident = linked.get(f"/api/incidents/{merged.json()['incident']}").json()
    assert incident["documents"] == 2
    event = incident["reports"][0]["event_id"]
    split = linked.post(f"/api/incidents/{incident['id']}/split", json={"events": [event]},
                        headers=auth)
    assert split.status_code == 200
    assert linked.post(f"/api/incidents/{incident['id']}/split", json={"events": [10 ** 9]},
                       headers=auth).status_code == 422


def test_series_and_stances_answer_lists(linked: TestClient) -> None:
    assert linked.get("/api/series").json() == []  # these reports hold no aggregate claim
    assert linked.get("/api/stances").json() == []

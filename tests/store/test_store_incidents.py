"""Incidents in the store: linked as documents are saved, order-free, stable ids, analysts'
merges and splits that survive re-processing, and the CLI's JSON lines."""

from __future__ import annotations

import json
import random
from dataclasses import replace

from typer.testing import CliRunner

from link_reports import MARCH_10, REPORTS, expected_groups
from linked_store import as_document, save_reports
from marsad.cli import app
from marsad.link import LinkDocument
from marsad.store import Store
from marsad.types import Quantity


def groups_of(store: Store) -> set[frozenset[str]]:
    return {frozenset(m.source_id for m in row.members) for row in store.incidents(limit=100)}


def test_saved_reports_are_grouped_as_a_batch_would_group_them(store: Store) -> None:
    save_reports(store, REPORTS)
    assert groups_of(store) == expected_groups()
    market = next(r for r in store.incidents() if r.documents == 3)
    assert market.killed == 12  # the lowest well-sourced figure of 12, 14 and 12
    assert "killed" in market.conflicts
    assert {s["value"] for s in market.fields["killed"]["sources"]} == {12, 14}


def test_ingest_order_does_not_change_the_incidents(sqlite_url: str, tmp_path) -> None:
    results = []
    for seed in range(3):
        shuffled = list(REPORTS)
        random.Random(seed).shuffle(shuffled)
        with Store.open(f"sqlite:///{tmp_path}/s{seed}.db") as store:
            save_reports(store, shuffled)
            results.append(groups_of(store))
    assert results[0] == results[1] == results[2] == expected_groups()


def test_reprocessing_a_document_keeps_its_incident_id(store: Store) -> None:
    save_reports(store, REPORTS)
    before = {frozenset(m.source_id for m in r.members): r.id for r in store.incidents()}
    save_reports(store, REPORTS[1:2])  # the same document and events again: re-extraction
    after = {frozenset(m.source_id for m in r.members): r.id for r in store.incidents()}
    assert after == before


def test_a_split_and_a_merge_survive_reprocessing(store: Store) -> None:
    save_reports(store, REPORTS)
    market = next(r for r in store.incidents() if r.documents == 3)
    country_level = next(m for m in market.members if m.source_id == "c")
    store.split_incident(market.id, [country_level.event_id])
    assert frozenset({"c"}) in groups_of(store)
    save_reports(store, REPORTS[2:3])  # re-process the report that was split off
    assert frozenset({"c"}) in groups_of(store)
    assert frozenset({"a", "b"}) in groups_of(store)

    ids = {frozenset(m.source_id for m in r.members): r.id for r in store.incidents()}
    store.merge_incidents([ids[frozenset({"d"})], ids[frozenset({"e"})]])
    save_reports(store, REPORTS[3:5])
    assert frozenset({"d", "e"}) in groups_of(store)


def test_incidents_list_json_gives_ids_fields_and_each_report_source(sqlite_url: str) -> None:
    with Store.open(sqlite_url) as store:
        save_reports(store, REPORTS)
    result = CliRunner().invoke(app, ["incidents", "list", "--db", sqlite_url, "--json",
                                      "--min-reports", "2"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1
    (market,) = lines
    assert market["id"].startswith("inc-") and market["killed"] == 12
    assert {e["source_id"] for e in market["events"]} == {"a", "b", "c"}
    assert all(e["url"].startswith("https://news.example/") for e in market["events"])
    shown = CliRunner().invoke(app, ["incidents", "show", market["id"], "--db", sqlite_url])
    assert shown.exit_code == 0 and "same_place" in shown.output


def _market(store: Store):  # type: ignore[no-untyped-def]
    return next(r for r in store.incidents() if {m.source_id for m in r.members} >= {"a"})


def test_deleting_a_document_takes_its_reports_out_of_their_incidents(store: Store) -> None:
    save_reports(store, REPORTS)
    by_id = {doc.id: as_document(doc).id for _, _, doc, _ in REPORTS}
    assert store.delete_document(by_id["b"])  # the report of 14 killed
    market = _market(store)
    assert {m.source_id for m in market.members} == {"a", "c"}
    assert market.documents == 2 and market.killed == 12 and "killed" not in market.conflicts
    assert store.delete_document(by_id["d"])  # the only report of its incident
    assert frozenset({"d"}) not in groups_of(store)
    assert store.count_incidents() == len(expected_groups()) - 1
    assert store.check() == []


def test_reprocessing_a_document_with_other_figures_updates_its_incident(store: Store) -> None:
    save_reports(store, REPORTS)
    _, _, doc, (event,) = REPORTS[0]
    store.save(as_document(doc), [replace(event, killed=Quantity(13))])  # re-extracted
    market = _market(store)
    assert {s["value"] for s in market.fields["killed"]["sources"]} == {13, 14, 12}
    assert store.check() == []


def test_a_save_leaves_the_incidents_it_does_not_change_as_they_were(store: Store) -> None:
    save_reports(store, REPORTS)
    before = {r.id: (r.documents, r.killed, r.fields) for r in store.incidents(limit=100)}
    save_reports(store, [REPORTS[1]])  # the same events again: every incident the same
    after = {r.id: (r.documents, r.killed, r.fields) for r in store.incidents(limit=100)}
    assert after == before
    _, _, doc, events = REPORTS[0]
    later = LinkDocument(id="g", source="Wire D", published=MARCH_10, text=doc.text + " More.")
    save_reports(store, [("market", "Wire D", later, events)])  # a fourth report of it
    grown = _market(store)
    assert grown.documents == 4 and {m.source_id for m in grown.members} == {"a", "b", "c", "g"}
    unchanged = {i: v for i, v in before.items() if i != grown.id}
    assert {r.id: (r.documents, r.killed, r.fields) for r in store.incidents(limit=100)
            if r.id != grown.id} == unchanged
    assert store.check() == []

"""PLOVER JSONL: one JSON record a line, with the PLOVER manual's field names."""

from __future__ import annotations

import json

REQUIRED = {"id", "date", "source", "event"}  # "Required? Y" in the manual's PLOVER JSON table
PLOVER_FIELDS = {
    "id",
    "date",
    "enddate",
    "source",
    "recipient",
    "event",
    "mode",
    "context",
    "event_loc",
    "event_text",
    "quad_code",
    "link",
    "text_info",
    "cite_info",
    "coder",
    "coded_date",
}
ACTOR_FIELDS = {"code", "sector", "actor_text", "identifier_id", "identifier_text"}


def test_every_line_is_a_plover_record_of_a_stored_event(exported, rows) -> None:
    lines = exported("plover-jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(rows)
    for line in lines:
        record = json.loads(line)
        assert record.keys() >= REQUIRED and set(record) - {"marsad"} == PLOVER_FIELDS
        row = rows[record["marsad"]["event_id"]]
        event = row.event
        assert record["id"] == f"marsad-{row.id}"
        assert record["event"] == [event.category]
        assert record["mode"] == ([event.mode] if event.mode else [])
        assert record["date"] == (event.when.start if event.when else row.published).isoformat()
        assert record["event_text"] == [event.evidence.text]
        assert record["quad_code"] in {1, 2, 3, 4}
        assert record["link"] == row.document_id
        for actor, ref in zip(record["source"], event.actors, strict=True):
            assert set(actor) == ACTOR_FIELDS and actor["actor_text"] == ref.text
        assert len(record["recipient"]) == len(event.recipients)
        if event.where is not None:
            assert record["event_loc"]["latitude"] == event.where.lat
            assert record["event_loc"]["country code"] == event.where.country
            assert record["event_loc"]["cc3"] in {"IRQ", "SYR"}
            assert record["event_loc"]["resolution"] == event.where.precision
        if event.killed is not None:
            assert record["marsad"]["dead"]["value"] == event.killed.value


def test_assaults_are_material_conflict(exported) -> None:
    lines = exported("plover-jsonl", "--category", "ASSAULT").read_text().splitlines()
    assert lines and {json.loads(line)["quad_code"] for line in lines} == {4}


def test_each_record_carries_its_incident_and_reports_of_one_act_share_it(exported, rows
                                                                           ) -> None:
    lines = exported("plover-jsonl").read_text(encoding="utf-8").splitlines()
    by_event = {json.loads(line)["marsad"]["event_id"]: json.loads(line) for line in lines}
    assert len(by_event) == len(lines)  # events are kept, one record each
    for event_id, record in by_event.items():
        incident = rows[event_id].incident
        assert record["marsad"]["incident_id"] == (incident.id if incident else None)
    shared = [r["marsad"]["incident_id"] for r in by_event.values()]
    assert len(set(shared)) < len(shared)  # some reports are of one act

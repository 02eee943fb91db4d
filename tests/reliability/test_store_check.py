"""marsad.store.check finds what a half-written store would hold (so that the crash
harness, and `marsad check`, can fail)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from marsad.store import Store
from synthetic_store import fill


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "marsad.db"
    with Store.open(f"sqlite:///{path}") as store:
        fill(store, count=6)
    return path


def problems(db: Path) -> set[str]:
    with Store.open(f"sqlite:///{db}") as store:
        return {problem.rule for problem in store.check()}


def test_a_sound_store_has_no_problems(db: Path) -> None:
    assert problems(db) == set()


@pytest.mark.parametrize(
    ("damage", "rule"),
    [
        ("DELETE FROM documents WHERE id = (SELECT min(document_id) FROM events)",
         "event without its document"),
        ("UPDATE events SET evidence_text = 'invented' WHERE id = (SELECT min(id) FROM events)",
         "evidence that is not the document's text at its offsets"),
        ("DELETE FROM link_nodes WHERE event_id = (SELECT min(id) FROM events)",
         "event not linked (no link node)"),
        ("UPDATE incidents SET events = events + 1 WHERE id = (SELECT min(id) FROM incidents)",
         "incident whose event count is wrong"),
        ("INSERT INTO evidence (event_id, ordinal, field, start, \"end\", text) "
         "VALUES (999999, 0, 'killed', 0, 1, 'x')", "field evidence without its event"),
    ],
)
def test_each_kind_of_damage_is_found(db: Path, damage: str, rule: str) -> None:
    with sqlite3.connect(db) as connection:  # foreign keys off, as a crash would not be
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute(damage)
    assert rule in problems(db)


def test_marsad_check_reports_and_exits_1(db: Path) -> None:
    from test_cli import marsad

    assert marsad("check", db=db).returncode == 0
    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute("DELETE FROM link_nodes WHERE event_id = (SELECT min(id) FROM events)")
    result = marsad("check", db=db)
    assert result.returncode == 1
    assert "problem: event not linked (no link node): 1" in result.stderr

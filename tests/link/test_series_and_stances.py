"""Running totals and stance timelines, on the bundled example articles (two real reports:
Shafaq News, 10 December 2023; Baghdad Today, 6 January 2024)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from marsad.cli import app
from marsad.store import Store

ARTICLES = Path(__file__).resolve().parents[2] / "examples" / "corpus" / "jsonl" / (
    "articles.jsonl")


def stored(sqlite_url: str) -> str:
    result = CliRunner().invoke(app, ["run", str(ARTICLES), "--db", sqlite_url, "-q"])
    assert result.exit_code == 0, result.output
    return sqlite_url


def test_two_outlets_counts_of_attacks_make_one_series_of_two_points(sqlite_url: str) -> None:
    with Store.open(stored(sqlite_url)) as store:
        series = store.series()
    counts = [s for s in series if s.measure == "count"]
    assert len(counts) == 1
    points = counts[0].points
    assert [(p.value, p.qualifier) for p in points] == [(70, "more_than"), (110, "more_than")]
    assert [str(p.as_of) for p in points] == ["2023-12-10", "2024-01-06"]
    assert [p.source.source for p in points] == ["Shafaq News", "Baghdad Today"]


def test_the_stance_timeline_holds_both_positions_on_the_coalition(sqlite_url: str) -> None:
    result = CliRunner().invoke(app, ["stances", "--db", stored(sqlite_url), "--json"])
    assert result.exit_code == 0, result.output
    (timeline,) = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    assert timeline["issue"] == "coalition presence in Iraq"
    positions = {p["position"] for h in timeline["holders"] for p in h["positions"]}
    assert positions == {"for", "against"}
    days = [p["day"] for h in timeline["holders"] for p in h["positions"]]
    assert all(day is not None for day in days)


def test_series_cli_prints_the_running_total(sqlite_url: str) -> None:
    result = CliRunner().invoke(app, ["series", "--db", stored(sqlite_url)])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "≥ 70 by 2023-12-10 (Shafaq News" in text and "≥ 110 by 2024-01-06" in text

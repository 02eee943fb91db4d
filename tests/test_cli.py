"""End to end: the `marsad` command as a user runs it, on the bundled example corpus."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from marsad.store import Store

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"


def marsad(
    *args: str, db: Path | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "marsad", *args]
    if db is not None:
        command += ["--db", f"sqlite:///{db}"]
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        timeout=600,
        # The user's environment (HOME: the gazetteer cache is shared) and a wide terminal.
        env={**os.environ, "COLUMNS": "200"},
    )


def counts(db: Path) -> tuple[int, int]:
    with Store.open(f"sqlite:///{db}") as store:
        stats = store.stats()
    return stats.documents, stats.events


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("cli") / "marsad.db"
    result = marsad("run", str(CORPUS), "--quiet", db=db)
    assert result.returncode == 0, result.stderr
    return db


def test_help_explains_the_commands():
    result = marsad("--help")
    assert result.returncode == 0
    for command in ("run", "ingest", "documents", "events", "stats", "actors"):
        assert command in result.stdout


def test_run_stores_every_article_of_the_corpus_once(corpus_db: Path):
    # Ten copies of two articles in five formats: two documents.
    documents, _ = counts(corpus_db)
    assert documents == 2
    with Store.open(f"sqlite:///{corpus_db}") as store:
        rows = store.documents(limit=10)
    assert {row.source for row in rows} == {"Shafaq News", "Baghdad Today"}
    assert all(row.published is not None for row in rows)


def test_actors_lists_the_registry_and_the_proposed_names(corpus_db: Path):
    result = marsad("actors", "--json", db=corpus_db)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    curated = {r["id"] for r in rows if not r["proposed"]}
    assert {"us-military", "iq-gov"} <= curated  # pack actors are not proposals
    proposed = marsad("actors", "--proposed", "--json", db=corpus_db)
    names = [json.loads(line) for line in proposed.stdout.splitlines()]
    assert names and all(r["proposed"] and r["id"].startswith("proposed:") for r in names)
    table = marsad("actors", "--search", "nujaba", "--limit", "5", db=corpus_db)
    assert table.returncode == 0 and "iq-pmf-nujaba" in table.stdout


def test_running_twice_leaves_the_same_counts(corpus_db: Path):
    before = counts(corpus_db)
    result = marsad("run", str(CORPUS), "--quiet", db=corpus_db)
    assert result.returncode == 0, result.stderr
    assert counts(corpus_db) == before
    assert "new documents stored" in result.stdout


def test_summary_reports_reads_and_stores(tmp_path: Path):
    db = tmp_path / "fresh.db"
    result = marsad("ingest", str(CORPUS), "--quiet", db=db)
    assert result.returncode == 0, result.stderr
    assert "documents read" in result.stdout
    summary = {
        line.strip("│ ").rsplit(None, 1)[0]: line.strip("│ ").rsplit(None, 1)[1]
        for line in result.stdout.splitlines()
        if line.strip("│ ") and line.strip("│ ")[-1].isdigit()
    }
    assert summary["documents read"] == "10"
    assert summary["new documents stored"] == "2"
    assert summary["already stored"] == "8"


def test_documents_list_and_show(corpus_db: Path):
    listing = marsad("documents", "list", "--json", db=corpus_db)
    assert listing.returncode == 0, listing.stderr
    rows = [json.loads(line) for line in listing.stdout.splitlines() if line.strip()]
    assert len(rows) == 2
    shown = marsad("documents", "show", rows[0]["id"][:10], "--json", db=corpus_db)
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["text"].startswith(rows[0]["text"][:40])


def test_unknown_document_is_an_error(corpus_db: Path):
    result = marsad("documents", "show", "doc-does-not-exist", db=corpus_db)
    assert result.returncode == 1
    assert "no document" in result.stderr


def test_events_listing_and_filters_answer(corpus_db: Path):
    result = marsad("events", "--json", db=corpus_db)
    assert result.returncode == 0, result.stderr
    everything = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    filtered = marsad("events", "--json", "--category", "ASSAULT", db=corpus_db)
    assert filtered.returncode == 0
    assault = [json.loads(line) for line in filtered.stdout.splitlines() if line.strip()]
    assert all(row["event"]["category"] == "ASSAULT" for row in assault)
    assert len(assault) <= len(everything)


def test_bad_inputs_are_named_and_the_batch_goes_on(tmp_path: Path):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "good.txt").write_text(
        "Gunmen attacked a police checkpoint in Kirkuk on Monday, police said.", "utf-8"
    )
    (inputs / "empty.txt").write_text("", "utf-8")
    (inputs / "image.txt").write_bytes(bytes(range(256)) * 8)
    (inputs / "feed.xml").write_text("<rss><channel><item><title>broken", "utf-8")
    db = tmp_path / "mixed.db"
    result = marsad("run", str(inputs), str(tmp_path / "missing.html"), "--quiet", db=db)
    assert result.returncode == 1
    for name in ("empty.txt", "image.txt", "feed.xml", "missing.html"):
        assert name in result.stderr
    assert counts(db)[0] == 1


def test_store_that_cannot_open_is_a_clear_error(tmp_path: Path):
    result = marsad("stats", "--db", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert result.returncode == 2
    assert "error" in result.stderr.lower()


SEED_GOLD = ROOT.parent / "shared" / "gold" / "seed.jsonl"


@pytest.mark.skipif(not SEED_GOLD.exists(), reason="needs ../shared/gold/seed.jsonl")
def test_eval_prints_figures_and_fails_under_a_floor(tmp_path: Path):
    figures = tmp_path / "eval.json"
    passing = marsad("eval", "--gold", str(SEED_GOLD), "--json", str(figures), "--min-f1", "0.1")
    assert passing.returncode == 0, passing.stderr
    runs = json.loads(figures.read_text())["runs"]
    assert set(runs) == {"with_published", "without_published"}
    assert runs["with_published"]["detection"]["overall"]["f1"] > 0.1
    failing = marsad("eval", "--gold", str(SEED_GOLD), "--min-field", "plover=1.01")
    assert failing.returncode == 1
    assert "below the floor" in failing.stderr

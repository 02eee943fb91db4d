"""End to end: the `marsad` command as a user runs it, on the bundled example corpus."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from articles import write_mixed_folder
from marsad.store import EXTRACTED, NO_PROFILE, Store

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
BUILTIN_PACKS = ROOT / "src" / "marsad" / "data" / "packs"


def marsad(
    *args: str, db: Path | None = None, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "marsad", *args]
    if db is not None:
        command += ["--db", f"sqlite:///{db}"]
    # The user's environment (HOME: the gazetteer cache is shared), but no user packs
    # unless the test names some, and a wide terminal.
    environment = {k: v for k, v in os.environ.items() if k != "MARSAD_PACKS_PATH"}
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        timeout=600,
        env={**environment, "COLUMNS": "200", **(env or {})},
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


def test_eval_of_a_folder_scores_each_file_and_names_a_broken_one(tmp_path: Path):
    gold = tmp_path / "gold"
    gold.mkdir()
    attack = "Rockets hit the US embassy in Baghdad on Friday."
    good = {
        "text": attack,
        "published": "2023-12-10",
        "events": [
            {
                "kind": "incident",
                "plover": "ASSAULT",
                "evidence": attack,
                "where": {"name": "Baghdad", "country": "IQ"},
            }
        ],
    }
    (gold / "good.jsonl").write_text(json.dumps(good) + "\n", "utf-8")
    (gold / "broken.jsonl").write_text(json.dumps(good) + "\n{not json\n", "utf-8")
    figures = tmp_path / "eval.json"
    result = marsad("eval", "--gold", str(gold), "--json", str(figures))
    assert result.returncode == 2  # a line failed to load: the command fails, at the end
    assert f"{gold / 'broken.jsonl'}:2: not valid JSON" in one_line(result.stderr)
    report = json.loads(figures.read_text())
    assert report["files"][str(gold / "good.jsonl")]["documents"] == 1
    # the broken file's good line is scored, its bad line named
    assert report["files"][str(gold / "broken.jsonl")]["documents"] == 1
    assert report["runs"]["with_published"]["documents"] == 2
    assert report["runs"]["with_published"]["detection"]["overall"]["tp"] == 2
    assert "good.jsonl" in result.stdout and "1 line skipped" in result.stdout


def summary_row(stdout: str, label: str) -> str:
    """The value of the run summary's row `label` (the panel's borders stripped)."""
    for line in stdout.splitlines():
        cells = line.strip("│ ")
        if cells.startswith(label):
            return " ".join(cells[len(label) :].split())
    raise AssertionError(f"no row {label!r} in:\n{stdout}")


def one_line(text: str) -> str:
    return " ".join(text.split())


def test_run_stores_an_article_with_no_extraction_profile_and_names_it(tmp_path: Path):
    # Needs the real extractor to raise UnsupportedLanguage for Arabic (marsad.stages).
    folder = write_mixed_folder(tmp_path / "articles")
    db = tmp_path / "mixed.db"
    result = marsad("run", str(folder), "--quiet", db=db)
    assert result.returncode == 0, result.stderr
    arabic = folder / "ar.txt"
    assert (
        f"note: {arabic}: language ar: no extraction profile (stored without events)"
        in one_line(result.stderr)
    )
    assert "en.txt" not in result.stderr
    assert summary_row(result.stdout, "no extraction profile") == "1 (ar: 1)"
    assert summary_row(result.stdout, "new documents stored") == "2"
    assert summary_row(result.stdout, "failed inputs") == "0"
    with Store.open(f"sqlite:///{db}") as store:
        stored = {row.lang: row for row in store.documents()}
    assert (stored["ar"].event_count, stored["ar"].extraction) == (0, NO_PROFILE)
    assert stored["en"].event_count > 0 and stored["en"].extraction == EXTRACTED

    stats = marsad("stats", db=db)
    assert stats.returncode == 0, stats.stderr
    assert "1 of them stored without events: no extraction profile" in one_line(stats.stdout)
    lines = stats.stdout.splitlines()
    table = lines.index(next(line for line in lines if "no extraction profile, by" in line))
    assert lines[table + 1].split() == ["ar", "1"]

    # Stored, so skipped on the next run like any stored document; not reported again.
    again = marsad("run", str(folder), "--quiet", db=db)
    assert again.returncode == 0, again.stderr
    assert "no extraction profile" not in again.stderr
    assert summary_row(again.stdout, "already stored") == "2"


def test_an_unknown_pack_is_refused_before_anything_is_read(tmp_path: Path):
    folder = write_mixed_folder(tmp_path / "articles")
    db = tmp_path / "never.db"
    result = marsad("run", str(folder), "--pack", "nosuchpack", "--quiet", db=db)
    assert result.returncode == 2
    message = one_line(result.stderr)
    assert "nosuchpack" in message and "available: iraq-syria" in message
    assert not db.exists()  # the store was not even opened
    gold = tmp_path / "gold.jsonl"
    gold.write_text("", "utf-8")
    evaluated = marsad("eval", "--gold", str(gold), "--pack", "nosuchpack")
    assert evaluated.returncode == 2
    assert "no pack named 'nosuchpack'" in one_line(evaluated.stderr)


def test_a_user_pack_on_the_packs_path_is_accepted_and_a_broken_one_explained(tmp_path: Path):
    root = tmp_path / "packs"
    mine = root / "my-theatre"
    shutil.copytree(BUILTIN_PACKS / "iraq-syria", mine)
    meta = mine / "pack.yaml"
    meta.write_text(
        meta.read_text("utf-8").replace("name: iraq-syria", "name: my-theatre", 1), "utf-8"
    )
    broken = root / "broken"
    shutil.copytree(BUILTIN_PACKS / "iraq-syria", broken)  # pack.yaml still says iraq-syria
    env = {"MARSAD_PACKS_PATH": str(root)}
    folder = write_mixed_folder(tmp_path / "articles")
    db = tmp_path / "mine.db"

    english = str(folder / "en.txt")
    result = marsad("run", english, "--pack", "my-theatre", "--quiet", db=db, env=env)
    assert result.returncode == 0, result.stderr
    assert int(summary_row(result.stdout, "events stored")) > 0

    refused = marsad("run", str(folder), "--pack", "broken", db=db, env=env)
    assert refused.returncode == 2
    message = one_line(refused.stderr)
    assert "pack 'broken' is invalid" in message and "differs from the folder name" in message


def test_the_pack_option_is_documented():
    for command in ("run", "eval"):
        result = marsad(command, "--help")
        assert result.returncode == 0, result.stderr
        assert "--pack" in result.stdout
    assert "MARSAD_PACKS_PATH" in marsad("run", "--help").stdout

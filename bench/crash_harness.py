"""kill -9 during `marsad run`: the store stays sound and a rerun completes to the clean run.

    .venv/bin/python bench/crash_harness.py [--articles 300] [--copies 30] [--kills 30]
                                            [--seed 1] [--workdir DIR] [--json]

Writes a corpus of generated wire reports (several reports of some incidents, so linking
has work to do, plus byte-identical copies), runs `marsad run` on it once to the end (the
clean result), then for each kill: a fresh store, `marsad run` started and killed with
SIGKILL at a random moment of its run after its first document is stored (before it,
the run only loads its models), the store checked (marsad.store.check: SQLite's
integrity and foreign keys, the full-text index, orphans, duplicates, evidence offsets,
incidents), then `marsad run` again to the end and its documents, events, actors and
incidents compared with the clean result. Prints "kills survived N/N"; exit status 1 when
any store was unsound or any rerun differed. Not a timed test.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from marsad.store import Store

PLACES = ("Kirkuk", "Mosul", "Tikrit", "Baiji", "Samarra", "Fallujah", "Ramadi", "Basra",
          "Erbil", "Baquba", "Hilla", "Najaf", "Karbala", "Deir ez-Zor", "Raqqa", "Aleppo")
ATTACKERS = ("Gunmen", "Islamic State militants", "Unidentified assailants", "Kataib Hezbollah",
             "Suspected insurgents")
ACTS = (
    "attacked a police checkpoint in {place}, killing {killed} officers and wounding {hurt}",
    "detonated a car bomb near a market in {place}, killing {killed} civilians",
    "fired {n} rockets at an army base near {place}, wounding {hurt} soldiers",
    "ambushed an army patrol on the road south of {place}, killing {killed} soldiers",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
OUTLETS = ("Reuters", "AFP", "Shafaq News", "Rudaw", "Baghdad Today")
PARAGRAPHS = (
    "Security forces cordoned off the area and opened an investigation, a police source said.",
    "No group immediately claimed responsibility for the attack.",
    "The provincial governor condemned the attack and called for calm.",
    "Residents said they heard several explosions before dawn.",
)


def write_corpus(folder: Path, articles: int, copies: int, seed: int) -> None:
    """`articles` reports of articles // 2 incidents (two outlets each), and `copies`
    byte-identical copies of some of them."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    incidents = [
        {"place": rng.choice(PLACES), "attacker": rng.choice(ATTACKERS),
         "act": rng.choice(ACTS), "day": rng.randrange(7), "killed": rng.randint(1, 9),
         "hurt": rng.randint(1, 12), "n": rng.randint(2, 6), "date": 1 + rng.randrange(27)}
        for _ in range(max(1, articles // 2))
    ]
    written: list[Path] = []
    for number in range(articles):
        incident = incidents[number % len(incidents)]
        outlet = OUTLETS[number % len(OUTLETS)]
        act = incident["act"].format(**incident)
        published = f"2024-02-{incident['date'] + 1:02d}"
        text = "\n\n".join([
            f"{incident['attacker']} strike in {incident['place']}",
            f"{incident['place'].upper()}, Iraq ({outlet}) - {incident['attacker']} {act} on "
            f"{WEEKDAYS[incident['day']]}, officials said.",
            *rng.sample(PARAGRAPHS, 2),
        ])
        record = {"id": f"wire-{number}", "title": text.split("\n")[0], "text": text,
                  "url": f"https://{outlet.lower().replace(' ', '')}.example/{number}",
                  "published": published, "source": outlet}
        path = folder / f"report-{number:04d}.json"
        path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        written.append(path)
    for number, original in enumerate(rng.sample(written, min(copies, len(written)))):
        shutil.copyfile(original, folder / f"copy-{number:04d}.json")


def run(corpus: Path, db: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "marsad", "run", str(corpus), "--db", f"sqlite:///{db}", "-q"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
    )


def run_to_end(corpus: Path, db: Path) -> tuple[float, float]:
    """A run to the end, watched: (seconds until its first document is stored, seconds to
    the end). Before the first write `marsad run` loads its models: a kill then tests
    nothing of the store."""
    started = time.perf_counter()
    process = run(corpus, db)
    first = None
    while True:
        try:  # communicate() drains stderr meanwhile; a retry after a timeout loses none
            _, err = process.communicate(timeout=0.05)
            break
        except subprocess.TimeoutExpired:
            if first is None and migrated(db) and _documents(db):
                first = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"marsad run failed ({process.returncode}): {err.decode()[-2000:]}")
    end = time.perf_counter() - started
    return (first if first is not None else 0.0), end


def _documents(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1) as connection:
            return int(connection.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.Error:  # between the migration's statements, or busy
        return 0


def migrated(db: Path) -> bool:
    if not db.exists():
        return False
    with sqlite3.connect(db) as connection:
        return connection.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'alembic_version'").fetchone() is not None


def snapshot(db: Path) -> dict[str, list]:
    """What a run stored, without its surrogate ids or clock times."""
    with sqlite3.connect(db) as connection:
        def rows(query: str) -> list:
            return sorted(tuple(row) for row in connection.execute(query))

        members: dict[str, list] = {}
        for incident, digest, ordinal in rows(
            "SELECT n.incident_id, d.content_hash, e.ordinal FROM link_nodes n "
            "JOIN events e ON e.id = n.event_id JOIN documents d ON d.id = e.document_id"
        ):
            members.setdefault(incident, []).append((digest, ordinal))
        return {
            "documents": rows("SELECT content_hash, url, title, published, source_id, "
                              "extraction FROM documents"),
            "events": rows(
                "SELECT d.content_hash, e.ordinal, e.kind, e.category, e.mode, "
                "e.evidence_start, e.evidence_end, e.place_id, e.when_start, e.killed, "
                "e.injured FROM events e JOIN documents d ON d.id = e.document_id"),
            "actors": rows(
                "SELECT d.content_hash, e.ordinal, a.role, a.ordinal, a.actor_id, a.text "
                "FROM event_actors a JOIN events e ON e.id = a.event_id "
                "JOIN documents d ON d.id = e.document_id"),
            "incidents": sorted(sorted(group) for group in members.values()),
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--copies", type=int, default=30)
    parser.add_argument("--kills", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, help="kept afterwards (default: a temp dir)")
    parser.add_argument("--json", action="store_true", help="one JSON summary line at the end")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="marsad-kills-"))
    corpus = workdir / "corpus"
    write_corpus(corpus, args.articles, args.copies, args.seed)
    clean_db = workdir / "clean.db"
    clean_db.unlink(missing_ok=True)
    writing_s, clean_s = run_to_end(corpus, clean_db)
    clean = snapshot(clean_db)
    print(f"clean run: {len(clean['documents'])} documents, {len(clean['events'])} events, "
          f"{len(clean['incidents'])} incidents in {clean_s:.1f} s (the first stored at "
          f"{writing_s:.1f} s: each kill falls after it)")
    rng = random.Random(args.seed)
    survived, writing, failures = 0, 0, []
    for kill in range(1, args.kills + 1):
        db = workdir / "killed.db"
        for leftover in workdir.glob("killed.db*"):
            leftover.unlink()
        delay = rng.uniform(writing_s, 0.95 * clean_s)
        process = run(corpus, db)
        time.sleep(delay)
        finished = process.poll() is not None
        if not finished:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        # killed inside the migration's transaction: the file exists, with no tables yet
        stored = snapshot(db) if migrated(db) else {"documents": [], "events": []}
        with Store.open(f"sqlite:///{db}") as store:
            problems = store.check()
        run_to_end(corpus, db)
        with Store.open(f"sqlite:///{db}") as store:
            problems += store.check()
        differs = [key for key, value in snapshot(db).items() if value != clean[key]]
        ok = not problems and not differs
        survived += ok
        writing += bool(stored["documents"]) and not finished
        state = "finished before the kill" if finished else (
            f"killed at {delay:.1f} s with {len(stored['documents'])} documents, "
            f"{len(stored['events'])} events stored")
        print(f"kill {kill:>3}: {state}: "
              + ("store sound, rerun = clean" if ok else
                 f"PROBLEMS {[str(p) for p in problems]} differs in {differs}"))
        if not ok:
            failures.append({"kill": kill, "problems": [str(p) for p in problems],
                             "differs": differs})
    print(f"kills survived {survived}/{args.kills} ({writing} with documents already stored)")
    if args.json:
        print(json.dumps({"kills": args.kills, "survived": survived, "failures": failures,
                          "clean_documents": len(clean["documents"]),
                          "clean_events": len(clean["events"])}))
    if args.workdir is None:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0 if survived == args.kills else 1


if __name__ == "__main__":
    sys.exit(main())

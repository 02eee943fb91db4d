"""What one save costs on a large store: CPU of the saving process and of the database server.

    .venv/bin/python bench/save.py [--db sqlite:////tmp/bench.db] [--events 100000]
                                   [--saves 60] [--repeat 3]

A save is what `marsad run` does for each article: Store.save of a document and its events
(bench/api.py's documents: ten events with actors, a place, a date, numbers and evidence),
its events linked against the store in the same transaction. The store given with --db is
topped up to --events first, as bench/api.py does (the same file serves both). Then
--saves new documents are saved, --repeat times, and deleted again after each run so
that every run meets the same store.

Printed per run: the saving process's CPU per save (Python, SQLAlchemy, the driver; and
SQLite's own work, which runs in-process), the CPU of PostgreSQL's server processes per
save (read from /proc; SQLite has none, its work is in the process's), and wall time per
save. The VM's speed moves by 10% within an hour here: compare two versions by alternating
runs (PYTHONPATH=<other checkout>/src runs another version's code), not across sessions.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from marsad.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parent))
import api as bench  # bench/api.py: its documents, store build and clean-up

FIRST = bench.WRITER_FIRST + 5_000_000  # never a builder's or the API bench writer's number


def postgres_cpu() -> dict[int, float]:
    """CPU seconds used so far by each process named postgres (the server's), by pid."""
    return {pid: cpu for pid, (name, _, cpu) in bench.processes().items() if name == "postgres"}


def server_cpu_since(before: dict[int, float]) -> float:
    """CPU seconds the server's processes used since `before` (a process that ended in
    between is not counted; one that started is, whole)."""
    return sum(cpu - before.get(pid, 0.0) for pid, cpu in postgres_cpu().items())


def run_once(url: str, saves: int) -> tuple[float, float, float]:
    """(process CPU ms, server CPU ms, wall ms) per save, over `saves` saves."""
    docs = [bench.bench_document(FIRST + i, source=bench.WRITER_SOURCE) for i in range(saves + 1)]
    with Store.open(url) as store:
        store.save(*docs[0])  # connections, prepared statements and caches warm
        cpu, server, wall = time.process_time(), postgres_cpu(), time.perf_counter()
        for doc in docs[1:]:
            store.save(*doc)
        cpu, served = time.process_time() - cpu, server_cpu_since(server)
        wall = time.perf_counter() - wall
    bench.remove_written(url)
    return 1000 * cpu / saves, 1000 * served / saves, 1000 * wall / saves


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", default="sqlite:////tmp/bench.db")
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--saves", type=int, default=60)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with Store.open(args.db) as store:
        have = store.stats().events
    if have < args.events:
        print(f"building the store: {have:,} -> {args.events:,} events ...", flush=True)
        print(f"  {bench.build(args.db, args.events, have):.0f} s")
    bench.remove_written(args.db)
    print(f"{args.db.split('://')[0]}, {max(have, args.events):,} events, "
          f"{bench.PER_DOCUMENT} events a document, {args.saves} saves a run; "
          f"machine speed {bench.calibration_ms():.0f} ms")
    for n in range(1, args.repeat + 1):
        cpu, server, wall = run_once(args.db, args.saves)
        served = (f"database server CPU {server:5.1f} ms" if args.db.startswith("postgresql")
                  else "SQLite works in-process")
        print(f"  run {n}: process CPU {cpu:5.1f} ms a save, {served}, wall {wall:5.1f} ms")


if __name__ == "__main__":
    main()

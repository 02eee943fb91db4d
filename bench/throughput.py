"""Extraction throughput: articles/s and words/s, one process and all cores, peak RSS.

    .venv/bin/python bench/throughput.py [CORPUS_DIR] [--repeat N] [--workers N]

The corpus is every document the readers find under the folder (text, HTML, JSONL, RSS,
WARC; default: the bundled examples/corpus), read once, then repeated N times so that the
timing is not dominated by start-up. Extraction is what is timed (reading is not), with
each document's publication date, in batches as `events_many` takes them.

Each process does its work on one thread (BLAS threads are pinned to 1 before numpy loads),
so "1 process" is one core and "N processes" N cores. The model load is timed apart and
happens before the clock starts; every worker loads (or inherits) the models once. Peak RSS
is each process's own maximum; the total adds them up, which counts the pages that the
forked workers share with the parent more than once (an upper bound).
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import multiprocessing as mp  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

from marsad.ingest import discover, read  # noqa: E402
from marsad.stages import events_many  # noqa: E402

BATCH = 32
Item = tuple[str, date | None]


def _corpus(folder: Path) -> list[Item]:
    sources, missing = discover([str(folder)])
    if missing:
        sys.exit(f"{folder}: {missing[0]}")
    items = [(doc.text, doc.published) for src in sources for doc in read(src)]
    if not items:
        sys.exit(f"{folder}: no documents")
    return items


def _run(items: list[Item]) -> tuple[int, float, int, float]:
    """(events, CPU seconds, pid, peak RSS MiB) of extracting every item."""
    cpu = time.process_time()
    events = 0
    for i in range(0, len(items), BATCH):
        batch = items[i : i + BATCH]
        found = events_many([t for t, _ in batch], [p for _, p in batch])
        events += sum(len(evs) for evs in found)
    return events, time.process_time() - cpu, os.getpid(), _peak_rss_mib()


def _warm() -> None:
    events_many(["Gunmen attacked a checkpoint in Kirkuk on Sunday, killing two policemen, "
                  "police said."], [date(2024, 1, 7)])


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _line(label: str, n: int, words: int, wall: float, cpu: float, events: int) -> str:
    return (f"{label}: {n / wall:7.1f} articles/s {words / wall:9.0f} words/s "
            f"({events} events, {wall:.2f} s wall, {cpu:.2f} s CPU = "
            f"{n / cpu:.1f} articles per CPU-second)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(__file__).resolve().parents[1] / "examples" / "corpus"
    ap.add_argument("corpus", nargs="?", type=Path, default=default)
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    distinct = _corpus(args.corpus)
    items = distinct * args.repeat
    words = sum(len(t.split()) for t, _ in items)
    print(f"corpus: {args.corpus}: {len(distinct)} documents "
          f"({len({t for t, _ in distinct})} distinct texts) x {args.repeat} = "
          f"{len(items)} articles, {words} words")

    t0 = time.perf_counter()
    _warm()
    print(f"model load (spaCy pipelines, lexicons, gazetteer, first call): "
          f"{time.perf_counter() - t0:.2f} s")
    _run(distinct)  # first sight of each text's lazily loaded tables, not timed

    t0 = time.perf_counter()
    events, cpu, _, _ = _run(items)
    wall = time.perf_counter() - t0
    print(_line("1 process  ", len(items), words, wall, cpu, events)
          + f", peak RSS {_peak_rss_mib():.0f} MiB")

    n = max(1, args.workers)
    ctx = mp.get_context("fork")  # the workers inherit the loaded models
    with ctx.Pool(n, initializer=_warm) as pool:
        pool.map(abs, range(n))  # wait until every worker is up
        t0 = time.perf_counter()
        chunks = [items[i::n] for i in range(n)]
        results = pool.map(_run, chunks, chunksize=1)
        wall = time.perf_counter() - t0
    events = sum(r[0] for r in results)
    cpu = sum(r[1] for r in results)
    peaks: dict[int, float] = {}
    for _, _, pid, peak in results:
        peaks[pid] = max(peak, peaks.get(pid, 0.0))
    parent = _peak_rss_mib()
    workers = " + ".join(f"{p:.0f}" for p in peaks.values())
    print(_line(f"{n} processes", len(items), words, wall, cpu, events)
          + f", peak RSS parent {parent:.0f} MiB + workers {workers} MiB = "
          f"{parent + sum(peaks.values()):.0f} MiB at most")


if __name__ == "__main__":
    main()

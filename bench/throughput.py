"""Extraction throughput: articles/s and words/s, one process and all cores, peak RSS.

    .venv/bin/python bench/throughput.py [CORPUS_DIR] [--repeat N] [--workers N]

The corpus is every *.txt under the folder (default: ../shared/corpus/seed), repeated N times
so the timing is not dominated by start-up. Models load before the clock starts.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import sys
import time
from pathlib import Path

from marsad.extract import extract_many

BATCH = 32


def _texts(folder: Path, repeat: int) -> list[str]:
    texts = [p.read_text("utf-8") for p in sorted(folder.rglob("*.txt"))]
    if not texts:
        sys.exit(f"{folder}: no .txt files")
    return texts * repeat


def _run(texts: list[str]) -> int:
    events = 0
    for i in range(0, len(texts), BATCH):
        events += sum(len(evs) for evs in extract_many(texts[i : i + BATCH]))
    return events


def _warm() -> None:
    extract_many(["Gunmen attacked a checkpoint in Kirkuk on Sunday, police said."])


def _chunks(texts: list[str], n: int) -> list[list[str]]:
    return [texts[i::n] for i in range(n)]


def _peak_rss_mib(children: bool) -> float:
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "seed"
    ap.add_argument("corpus", nargs="?", type=Path, default=default)
    ap.add_argument("--repeat", type=int, default=50)
    ap.add_argument("--workers", type=int, default=mp.cpu_count())
    args = ap.parse_args()
    texts = _texts(args.corpus, args.repeat)
    words = sum(len(t.split()) for t in texts)
    print(f"corpus: {args.corpus} ({len(texts)} articles, {words} words)")

    _warm()
    t0 = time.perf_counter()
    events = _run(texts)
    dt = time.perf_counter() - t0
    print(f"1 process : {len(texts) / dt:8.1f} articles/s {words / dt:10.0f} words/s "
          f"({events} events, {dt:.2f} s), peak RSS {_peak_rss_mib(False):.0f} MiB")

    n = max(1, args.workers)
    ctx = mp.get_context("fork")
    with ctx.Pool(n, initializer=_warm) as pool:
        pool.map(abs, range(n))  # wait until every worker has loaded the models
        t0 = time.perf_counter()
        events = sum(pool.map(_run, _chunks(texts, n)))
        dt = time.perf_counter() - t0
    print(f"{n} processes: {len(texts) / dt:8.1f} articles/s {words / dt:10.0f} words/s "
          f"({events} events, {dt:.2f} s), peak RSS per worker "
          f"{_peak_rss_mib(True):.0f} MiB, parent {_peak_rss_mib(False):.0f} MiB")


if __name__ == "__main__":
    main()

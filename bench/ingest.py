"""Ingest throughput and peak memory on a directory of many small articles.

    .venv/bin/python bench/ingest.py --files 10000 [--extract] [--db sqlite:///tmp/x.db]

Writes N small distinct articles to a temporary directory, runs the same pipeline as
`marsad ingest` (or `marsad run` with --extract) into a fresh SQLite store, and prints
documents per second and the peak resident memory of the process, sampled as it goes so
that a leak (memory growing with the number of files) shows as a rising curve.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from marsad.pipeline import Progress, process
from marsad.store import Store

SENTENCES = [
    "Gunmen opened fire on a checkpoint in {town} on Tuesday, killing {n} soldiers.",
    "Police in {town} said {n} people were wounded when a roadside bomb exploded.",
    "Hundreds of protesters gathered in {town} to demand better services.",
    "The governor of {town} condemned the attack and called for calm.",
]
TOWNS = ["Kirkuk", "Mosul", "Tikrit", "Samarra", "Baquba", "Ramadi", "Fallujah", "Hilla"]


def rss_mib() -> float:
    """Peak resident set size of this process so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Sampler(Progress):
    def __init__(self, every: int) -> None:
        self.every = every
        self.done = 0
        self.samples: list[tuple[int, float]] = []

    def advance(self, source: str) -> None:
        self.done += 1
        if self.done % self.every == 0:
            self.samples.append((self.done, rss_mib()))


def write_corpus(folder: Path, files: int) -> None:
    for i in range(files):
        town = TOWNS[i % len(TOWNS)]
        lines = [s.format(town=town, n=(i % 9) + 1) for s in SENTENCES]
        lines.append(f"Report number {i} from the {town} bureau.")
        sub = folder / f"batch-{i // 1000:03d}"
        sub.mkdir(exist_ok=True)
        (sub / f"article-{i:05d}.txt").write_text("\n\n".join(lines), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--extract", action="store_true", help="also extract events")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        write_corpus(corpus, args.files)
        store = Store.open(f"sqlite:///{tmp}/bench.db")
        extractor = None
        if args.extract:
            from marsad.stages import document_extractor

            extractor = document_extractor()
        sampler = Sampler(max(1, args.files // 10))
        baseline = rss_mib()
        started = time.perf_counter()
        report = process([str(corpus)], store, extractor=extractor, progress=sampler)
        elapsed = time.perf_counter() - started
        store.close()

    print(f"files:              {args.files}")
    print(f"documents stored:   {report.documents_new}  (errors: {len(report.errors)})")
    print(f"events stored:      {report.events_stored}")
    print(f"elapsed:            {elapsed:.1f} s  ({report.documents_read / elapsed:.0f} docs/s)")
    print(f"peak RSS:           {rss_mib():.0f} MiB  (before the batch: {baseline:.0f} MiB)")
    print("peak RSS as the batch went (files done -> MiB):")
    for done, mib in sampler.samples:
        print(f"  {done:>7} -> {mib:.0f}")


if __name__ == "__main__":
    main()

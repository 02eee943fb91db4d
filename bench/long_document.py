"""Peak memory and time of extracting one long document, by length: bounded by sections.

    .venv/bin/python bench/long_document.py [--sizes 100000 500000 1000000 2000000]

Each size runs in a fresh process (peak RSS is per process): a text of news-like filler
with an attack report every 20 paragraphs, extracted by the pipeline's document extractor
(stages.document_extractor, which reads texts over sections.SECTION_CHARS a section at a
time). Prints characters, events, seconds and peak RSS; memory should level off once a
text is longer than one section. Not a timed test.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from datetime import UTC, date, datetime

FILLER = (
    "The weather was calm and the markets were quiet across the region that week, "
    "according to traders who spoke on the condition of anonymity. "
)
PLACES = ("Kirkuk", "Mosul", "Tikrit", "Baiji", "Samarra", "Fallujah", "Ramadi", "Basra")


def text_of(size: int) -> str:
    paragraphs: list[str] = []
    n = 0
    while sum(len(p) + 2 for p in paragraphs) < size:
        if n % 20 == 0:
            place = PLACES[(n // 20) % len(PLACES)]
            paragraphs.append(
                f"Gunmen attacked a police checkpoint in {place} on Monday, killing "
                f"{n % 7 + 2} officers, officials said."
            )
        else:
            paragraphs.append(FILLER * 3)
        n += 1
    return "\n\n".join(paragraphs)[:size]


def measure(size: int) -> dict[str, float]:
    from marsad.stages import document_extractor
    from marsad.types import Document, content_hash

    text = text_of(size)
    extract = document_extractor()
    document = Document(
        id=Document.make_id(content_hash(text)), url=None, source=None, title=None,
        published=date(2024, 1, 8), lang="en", text=text, raw_format="text",
        fetched_at=datetime.now(UTC), content_hash=content_hash(text), origin="bench",
    )
    extract(document)  # warm: models and packs load once, as in a batch
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    events = extract(document)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"chars": len(text), "events": len(events), "seconds": seconds,
            "peak_mb": peak / 1024, "baseline_mb": before / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+",
                        default=[100_000, 500_000, 1_000_000, 2_000_000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # the child's size
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(measure(args.one)))
        return
    print(f"{'characters':>12} {'events':>7} {'seconds':>8} {'chars/s':>8} {'peak RSS MB':>12}")
    for size in args.sizes:
        child = subprocess.run([sys.executable, __file__, "--one", str(size)],
                               capture_output=True, text=True, check=True)
        row = json.loads(child.stdout.strip().splitlines()[-1])
        print(f"{row['chars']:>12,} {row['events']:>7} {row['seconds']:>8.1f} "
              f"{row['chars'] / row['seconds']:>8,.0f} {row['peak_mb']:>12.0f}")


if __name__ == "__main__":
    main()

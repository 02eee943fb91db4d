"""Order-freeness of linking on a gold set: the same incidents whatever order the reports
arrive in.

    .venv/bin/python bench/link_order.py [GOLD.jsonl ...] [--orders 5] [--extract]

The gold events of each document are the linker's input (as `marsad eval --link-gold`), or
with --extract the extractor's events. The documents are linked in the file's order and in
--orders random orders; printed: the incidents found and whether every order gives exactly
the same grouping (as sets of event keys).
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from marsad.evaluate.gold import read_gold_file
from marsad.evaluate.gold_events import gold_events
from marsad.link import LinkDocument, link_batch

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "gold" / "news" / (
    "gvc_dev.jsonl")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, default=[DEFAULT])
    parser.add_argument("--orders", type=int, default=5)
    parser.add_argument("--extract", action="store_true")
    args = parser.parse_args()
    for path in args.files:
        docs, _ = read_gold_file(path)
        if args.extract:
            from marsad.stages import events as extract

            items = [(d, list(extract(d.text, d.published))) for d in docs]
        else:
            items = [(d, gold_events(d)) for d in docs]
        inputs = [(LinkDocument(id=d.id, text=d.text, source=d.source, published=d.published,
                                lang=d.lang), events) for d, events in items]
        groupings = []
        start = time.perf_counter()
        for seed in range(args.orders + 1):
            order = list(inputs)
            if seed:
                random.Random(seed).shuffle(order)
            linked = link_batch(order)
            groupings.append({frozenset(g) for g in linked.grouping.groups})
        seconds = (time.perf_counter() - start) / (args.orders + 1)
        same = all(g == groupings[0] for g in groupings[1:])
        print(f"{path.name}: {len(inputs)} documents, {sum(len(e) for _, e in inputs)} events, "
              f"{len(groupings[0])} incidents; {args.orders} shuffled orders give "
              f"{'the same grouping' if same else 'DIFFERENT groupings'} "
              f"({seconds:.2f} s a run)")


if __name__ == "__main__":
    main()

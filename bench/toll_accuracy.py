"""Fatalities accuracy of `find_toll` on a gold file with one event per document.

    .venv/bin/python bench/toll_accuracy.py [GOLD.jsonl] [--show N]

Default gold: ../shared/gold/dev/acled-2022h1-outside-middle-east.jsonl (ACLED notes; do not
commit it). A document counts as right when the killed figure read from its text equals the
gold `fatalities` (both absent counts as right: gold omits the number when the note gives none).
"value" ignores the qualifier; "value+qualifier" also needs it (gold default "exact").

Document-level reading (a frame builder's job, done crudely here): split sentences, run
find_toll on each; an ACLED tally sentence ("2 fatalities.", "Fatalities coded as 3") wins;
otherwise the first sentence that gives a killed figure.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

from marsad.context import make_context
from marsad.evaluate.sentences import sentence_spans
from marsad.extract.tolls import find_toll
from marsad.types import Quantity

DEFAULT = (
    Path(__file__).resolve().parents[2] / "shared/gold/dev/acled-2022h1-outside-middle-east.jsonl"
)

_TALLY = re.compile(
    r"^\W*(?:\w+\s+){0,3}(fatalit|deaths? coded|fatalities coded)|\bcoded as\b", re.I
)


CTX = make_context()


def doc_killed(text: str) -> Quantity | None:
    first: Quantity | None = None
    tally: Quantity | None = None
    for a, b in sentence_spans(text):
        toll = find_toll(CTX, text, a, b)
        if toll.killed is None:
            continue
        if first is None:
            first = toll.killed
        evidence = toll.spans["killed"].text
        if _TALLY.search(evidence) and len(text[a:b].split()) <= 12:
            tally = toll.killed
    return tally if tally is not None else first


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold", nargs="?", default=str(DEFAULT))
    ap.add_argument("--show", type=int, default=0, help="print this many errors")
    args = ap.parse_args()
    n = right = right_q = 0
    confusion: Counter[str] = Counter()
    errors = []
    with open(args.gold, encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            event = doc["events"][0]
            gold = event.get("fatalities")
            gold_q = event.get("fatalities_qualifier", "exact")
            got = doc_killed(doc["text"])
            value = got.value if got else None
            n += 1
            ok = value == gold
            right += ok
            right_q += ok and (got is None or got.qualifier == gold_q)
            if not ok:
                kind = "missed" if value is None else "spurious" if gold is None else "wrong value"
                confusion[kind] += 1
                errors.append((gold, value, doc["text"]))
    print(f"documents            {n}")
    print(f"fatalities value     {right / n:.4f}  ({right}/{n})")
    print(f"value+qualifier      {right_q / n:.4f}  ({right_q}/{n})")
    for kind, c in confusion.most_common():
        print(f"  {kind:18} {c}")
    for gold, value, text in errors[: args.show]:
        print(f"\ngold={gold} got={value}\n  {text[:400]}")


if __name__ == "__main__":
    main()

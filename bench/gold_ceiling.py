"""How much of a gold file's recall one event per sentence can reach.

    .venv/bin/python bench/gold_ceiling.py [GOLD.jsonl | FOLDER ...]

A predicted event matches a gold event when its evidence overlaps the gold evidence's
sentence and the kinds agree, one to one (docs/GOLD.md "Matching"). Sets converted from
mention-level annotation (WikiEvents: one gold event per event *mention*, so "a device
exploded, wounding 13" is an attack and an injury, and every later "the explosion" is one
more) hold several gold events in one sentence for what CODING.md codes as one occurrence,
and one occurrence told again in later sentences as several. An extractor that reports each
occurrence once per sentence and kind can match at most one gold event per (sentence, kind):
this prints that bound per file, beside the gold counts. CODING.md does code different
occurrences in one sentence apart (the AG News set, coded to it, has them), so it is a bound
of a reader of one event per slot, not of CODING.md; on a mention-level set most shared slots
are one occurrence told twice.

A gold event must also have the kind of the prediction. CODING.md gives most categories one
kind (a meeting or a visit is a CONSULT *statement*); a converted set that labels them
otherwise (RAMS and WikiEvents give Contact.Meet as an incident) cannot be matched by an
extractor that follows CODING.md. The last columns count the gold events, aggregates aside,
whose kind is not the one marsad's lexicon gives their category, and the bound without them.
SANCTION is skipped: CODING.md codes a dismissal as an incident and a verbal sanction as a
statement. It reads the gold only; nothing is extracted.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from marsad.analyse.profiles import profile_for
from marsad.evaluate.gold import GoldDocument, gold_files, read_gold_file
from marsad.extract.lexicon import triggers

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "gold" / "news"


TWO_KINDS = {"SANCTION"}  # CODING.md: an incident (a dismissal) or a statement


def category_kinds() -> dict[str, str]:
    """Each PLOVER category's kind in the English trigger lexicon (CODING.md's kinds)."""
    profile = profile_for("en")
    assert profile is not None
    kinds: dict[str, set[str]] = {}
    for pattern in triggers(profile).patterns:
        kinds.setdefault(pattern.category, set()).add(pattern.kind)
    return {category: next(iter(found)) for category, found in kinds.items()
            if len(found) == 1 and category not in TWO_KINDS}


def ceiling(docs: list[GoldDocument], kinds: dict[str, str]) -> tuple[int, int, int, int, int]:
    """(gold events, distinct (sentence, kind) slots, documents with a shared slot, events
    of a kind their category does not have, slots left without those)."""
    events = slots = crowded = off_kind = kept_slots = 0
    for doc in docs:
        counts = Counter((event.sentence, event.kind) for event in doc.events)
        events += len(doc.events)
        slots += len(counts)
        crowded += any(n > 1 for n in counts.values())
        kept = [event for event in doc.events if event.kind == "aggregate"
                or kinds.get(event.plover or "", event.kind) == event.kind]
        off_kind += len(doc.events) - len(kept)
        kept_slots += len({(event.sentence, event.kind) for event in kept})
    return events, slots, crowded, off_kind, kept_slots


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="*", type=Path, default=[DEFAULT])
    args = parser.parse_args()
    files = [file for path in args.gold for file in gold_files(path)]
    kinds = category_kinds()
    print(f"{'file':24} {'docs':>6} {'events':>7} {'slots':>6} {'bound':>6} "
          f"{'docs sharing':>12} {'off kind':>8} {'bound in kind':>13}")
    for file in files:
        docs, skipped = read_gold_file(file)
        events, slots, crowded, off_kind, kept_slots = ceiling(docs, kinds)
        bound = f"{slots / events:.3f}" if events else "-"
        in_kind = f"{kept_slots / events:.3f}" if events else "-"
        note = f"  ({len(skipped)} unreadable lines skipped)" if skipped else ""
        print(f"{file.name:24} {len(docs):>6} {events:>7} {slots:>6} {bound:>6} "
              f"{crowded:>12} {off_kind:>8} {in_kind:>13}{note}")


if __name__ == "__main__":
    main()

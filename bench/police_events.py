"""Detection of police actions in real news, sentence by sentence: IndiaPoliceEvents.

    .venv/bin/python bench/police_events.py [FOLDER] [--limit N] [--misses LABEL] [--n 20]

IndiaPoliceEvents (Halterman, Keith, Sarwar & O'Connor, Findings of ACL 2021; Times of India,
Gujarat, March 2002) labels every sentence of 1,257 articles for what the police did: ARREST,
FORCE (firing, lathi charges, tear gas), KILL, and ANY_ACTION. It is a detection control
marsad never developed on (../shared/gold/news/provenance/indiapoliceevents.md): the text is
lower case, whole articles, one block, no paragraphs.

Each article is rebuilt from its sentences (so the labels keep their offsets) and extracted
with its publication date. An event counts for a sentence its evidence covers most of.

- **recall**, per label: labelled sentences with an ASSAULT or COERCE event (ARREST: a COERCE
  arrest; KILL: an ASSAULT).
- **precision** of police actions: events whose actor is state security (police, army) in
  ASSAULT or COERCE, and the share of them in a sentence labelled with some police action.

Figures only; the labels are coarser than marsad's events (a toll of "97 killed in police
firing" is a KILL sentence, and a later mention merged into its incident leaves its sentence
uncounted), so read them as a floor and for the misses they list.
"""

from __future__ import annotations

import argparse
import collections
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad import events_many
from marsad.types import Event

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "gold" / "news" / "extra" / (
    "indiapoliceevents")
LABELS = ("KILL", "ARREST", "FORCE")
VIOLENT = ("ASSAULT", "COERCE")


@dataclass
class Article:
    doc_id: int
    published: str | None
    text: str = ""
    sentences: list[tuple[int, int, frozenset[str], str]] = field(default_factory=list)


def read(folder: Path, limit: int | None) -> list[Article]:
    dates: dict[int, str] = {}
    with (folder / "metadata.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            m = json.loads(line)
            dates[m["doc_id"]] = m.get("date")
    by_doc: dict[int, list[dict[str, Any]]] = collections.defaultdict(list)
    with (folder / "sents.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            s = json.loads(line)
            by_doc[s["doc_id"]].append(s)
    out = []
    for doc_id in sorted(by_doc)[:limit]:
        a = Article(doc_id, dates.get(doc_id))
        for s in sorted(by_doc[doc_id], key=lambda x: x["sent_id"]):
            start = len(a.text)
            a.text += s["sent_text"]
            if not s["sent_text"].endswith((" ", "\n")):
                a.text += " "
            a.sentences.append((start, len(a.text), frozenset(s["sent_labels"]), s["sent_text"]))
        out.append(a)
    return out


def sentence_of(a: Article, e: Event) -> int | None:
    """The sentence the event's evidence covers most of; of two it covers as much of, the
    longer ("jaipur:" and the sentence after it, when the corpus splits a dateline off)."""
    best, best_key = None, (0.5, 0)
    for i, (start, end, _, _) in enumerate(a.sentences):
        overlap = min(end, e.evidence.end) - max(start, e.evidence.start)
        key = (overlap / max(1, end - start), overlap)
        if overlap > 0 and key > best_key:
            best, best_key = i, key
    return best


def counts_for(label: str, e: Event) -> bool:
    if label == "ARREST":
        return e.category == "COERCE" and e.mode == "arrest"
    if label == "KILL":
        return e.category == "ASSAULT"
    return e.category in VIOLENT


def police_action(e: Event) -> bool:
    """An ASSAULT or COERCE by state security (the sector, or "police" in the name)."""
    return e.category in VIOLENT and any(
        a.sector == "state_security" or "police" in a.text.lower() for a in e.actors)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, help="first N articles")
    ap.add_argument("--misses", choices=LABELS, help="list missed sentences of this label")
    ap.add_argument("--n", type=int, default=20, help="how many misses to list")
    args = ap.parse_args()
    articles = read(args.folder, args.limit)
    t0 = time.process_time()
    found = events_many([a.text for a in articles], [a.published for a in articles])
    seconds = time.process_time() - t0
    labelled: collections.Counter[str] = collections.Counter()
    hit: collections.Counter[str] = collections.Counter()
    police = police_right = 0
    missed: list[str] = []
    for a, evs in zip(articles, found, strict=True):
        by_sentence: dict[int, list[Event]] = collections.defaultdict(list)
        for e in evs:
            i = sentence_of(a, e)
            if i is not None:
                by_sentence[i].append(e)
            if police_action(e):
                police += 1
                police_right += i is not None and bool(a.sentences[i][2])
        for i, (_, _, labels, text) in enumerate(a.sentences):
            for label in LABELS:
                if label not in labels:
                    continue
                labelled[label] += 1
                if any(counts_for(label, e) for e in by_sentence.get(i, ())):
                    hit[label] += 1
                elif label == args.misses and len(missed) < args.n:
                    missed.append(f"  {a.doc_id}/{i}  {text.strip()[:160]!r}")
    sentences = sum(len(a.sentences) for a in articles)
    print(f"{args.folder}: {len(articles)} articles, {sentences} sentences, "
          f"{sentences / seconds:,.0f} sentences/s")
    for label in LABELS:
        n = labelled[label]
        print(f"  {label:7} {n:5} labelled sentences, recall {hit[label] / n if n else 0:.3f}")
    print(f"  police actions found {police}, in a sentence labelled with one "
          f"{police_right / police if police else 0:.3f}")
    if missed:
        print(f"missed {args.misses} sentences:")
        print("\n".join(missed))


if __name__ == "__main__":
    main()

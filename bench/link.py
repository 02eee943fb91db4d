"""Linking cost per document as the store grows: flat, not growing with the store.

    .venv/bin/python bench/link.py [--sizes 1000 10000 100000] [--docs 200] [--store]

Synthetic events (no text extraction): a stream of ~300 events a day over a theatre the
size of Iraq and Syria, so that a store of N events spans N/300 days, as an archive does.
For each size, the index is filled with N events, then --docs new documents (two events
each) are linked: blocks looked up, candidates compared, their components clustered again,
exactly as marsad.store.linking does it (the whole component a document touches is clustered
again). Printed: ms per document, candidates compared and events clustered per document.
--store does the same through a real SQLite store (slower to fill; sizes up to 20,000).
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta

from marsad.link import LinkDocument, default_settings, signatures
from marsad.link.blocking import BlockIndex
from marsad.link.compare import compare_pair
from marsad.link.grouping import cluster
from marsad.types import Event, PlaceRef, Quantity, Span, When

START = date(2020, 1, 1)
PER_DAY = 300
VOCABULARY = 5000  # pseudo-words: unrelated reports share few
REREPORT = 0.3  # share of documents that report again an act of the last two days
MODES = ("explosives", "firearms", "aerial", "shelling", None)


class Stream:
    """Synthetic documents of two events each: ~300 events a day over a theatre the size of
    Iraq and Syria; 30% of documents report again an act of the last two days (its place,
    day, toll and most of its words), as other outlets do."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.recent: list[tuple[int, Event]] = []

    def _fresh(self, day: date) -> Event:
        rng = self.rng
        words = " ".join(f"w{rng.randrange(VOCABULARY)}" for _ in range(8))
        sentence = f"An attack hit {words}, killing some."
        return Event(
            kind="incident", category="ASSAULT", mode=rng.choice(MODES),
            evidence=Span(0, len(sentence), sentence),
            where=PlaceRef(text="x", name="a town", lat=rng.uniform(30.0, 37.0),
                           lon=rng.uniform(36.0, 48.0), country="IQ", precision="city"),
            when=When(day, day, "day", "synthetic"), killed=Quantity(rng.randrange(1, 9)))

    def _again(self, event: Event) -> Event:
        words = event.evidence.text.split()
        words[self.rng.randrange(2, len(words) - 2)] = f"w{self.rng.randrange(VOCABULARY)}"
        sentence = " ".join(words)
        return replace(event, evidence=Span(0, len(sentence), sentence))

    def document(self, n: int) -> tuple[LinkDocument, list[Event]]:
        day = START + timedelta(days=n * 2 // PER_DAY)
        events = []
        for _ in range(2):
            fresh = [e for d, e in self.recent if (day - START).days - d <= 2]
            if fresh and self.rng.random() < REREPORT:
                events.append(self._again(self.rng.choice(fresh)))
            else:
                event = self._fresh(day)
                events.append(event)
                self.recent = [*self.recent[-2000:], ((day - START).days, event)]
        text = " ".join(e.evidence.text for e in events)
        return LinkDocument(id=f"doc{n}", text=text, published=day), events


class Components:
    """Union-find over the kept pairs, with each component's members: what the store keeps
    in link_nodes.component."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.members: dict[str, list[str]] = {}

    def add(self, key: str) -> None:
        self.parent[key] = key
        self.members[key] = [key]

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if len(self.members[ra]) < len(self.members[rb]):
                ra, rb = rb, ra
            self.parent[rb] = ra
            self.members[ra].extend(self.members.pop(rb))


def in_memory(size: int, docs: int) -> tuple[float, float, float]:
    """ms per document, candidates compared per document, events clustered per document."""
    settings = default_settings()
    stream = Stream(size)
    index, known, comps = BlockIndex(settings), {}, Components()
    edges_of: dict[str, dict[tuple[str, str], object]] = {}  # key -> its kept pairs

    def link(n: int) -> tuple[int, int]:
        doc, events = stream.document(n)
        compared, touched = 0, set()
        for sig in signatures(doc, events, settings):
            comps.add(sig.key)
            for key in index.candidates(sig):
                compared += 1
                p, c = compare_pair(sig, known[key], settings)
                if not c.vetoed and c.score >= settings.possible:
                    edges_of.setdefault(p[0], {})[p] = c
                    edges_of.setdefault(p[1], {})[p] = c
                    comps.union(sig.key, key)
            known[sig.key] = sig
            index.add(sig)
            touched.add(comps.find(sig.key))
        clustered = 0
        for root in {comps.find(k) for k in touched}:  # the whole component, as the store
            members = {k: known[k] for k in comps.members[root]}
            clustered += len(members)
            kept = {p: c for k in members for p, c in edges_of.get(k, {}).items()}
            cluster(members, kept, settings)  # type: ignore[arg-type]
        return compared, clustered

    for n in range(size // 2):
        link(n)
    compared = clustered = 0
    start = time.process_time()
    for n in range(size // 2, size // 2 + docs):
        c, k = link(n)
        compared += c
        clustered += k
    seconds = time.process_time() - start
    return 1000 * seconds / docs, compared / docs, clustered / docs


def in_store(size: int, docs: int) -> float:
    from marsad.store import Store
    from marsad.types import Document, content_hash

    stream = Stream(size)
    with tempfile.TemporaryDirectory() as tmp, Store.open(f"sqlite:///{tmp}/b.db") as store:
        def save(n: int) -> None:
            doc, events = stream.document(n)
            text = f"{doc.id} {doc.text}"
            digest = content_hash(text)
            store.save(Document(id=Document.make_id(digest), url=None, source="bench",
                                title=None, published=doc.published, lang="en", text=text,
                                raw_format="text", fetched_at=__import__("datetime").datetime(
                                    2024, 1, 1), content_hash=digest, origin=doc.id), events)
        for n in range(size // 2):
            save(n)
        start = time.perf_counter()
        for n in range(size // 2, size // 2 + docs):
            save(n)
        return 1000 * (time.perf_counter() - start) / docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--store", action="store_true")
    args = parser.parse_args()
    print(f"{'stored events':>14}  {'ms/document':>12}  {'compared/document':>18}  "
          f"{'clustered/document':>18}" + ("  store ms/document (save + link)" if args.store
                                           else ""))
    for size in args.sizes:
        ms, compared, clustered = in_memory(size, args.docs)
        line = f"{size:>14,}  {ms:>12.2f}  {compared:>18.1f}  {clustered:>18.1f}"
        if args.store and size <= 20000:
            line += f"  {in_store(size, min(args.docs, 100)):>12.1f}"
        print(line, flush=True)


if __name__ == "__main__":
    main()

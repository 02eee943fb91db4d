"""Linking cost per document as the store grows: flat, not growing with the store.

    .venv/bin/python bench/link.py [--sizes 1000 10000 100000] [--docs 200] [--store]

Synthetic events (no text extraction): a stream of ~300 events a day over a theatre the
size of Iraq and Syria, so that a store of N events spans N/300 days, as an archive does.
For each size, the index is filled with N events, then --docs new documents (two events
each) are linked: blocks looked up, candidates compared, their components clustered again,
exactly as marsad.store.linking does it. Printed: ms per document and candidates compared.
--store does the same through a real SQLite store (slower to fill; sizes up to 20,000).
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import date, timedelta

from marsad.link import LinkDocument, default_settings, signatures
from marsad.link.blocking import BlockIndex
from marsad.link.compare import compare
from marsad.link.grouping import cluster, components, pair
from marsad.types import Event, PlaceRef, Quantity, Span, When

START = date(2020, 1, 1)
PER_DAY = 300
WORDS = ("market", "convoy", "checkpoint", "mosque", "bridge", "village", "camp", "base",
         "embassy", "pipeline", "ministry", "hospital", "school", "bazaar", "depot",
         "airport", "station")
MODES = ("explosives", "firearms", "aerial", "shelling", None)


def synthetic(n: int, rng: random.Random) -> tuple[LinkDocument, list[Event]]:
    day = START + timedelta(days=n // PER_DAY)
    events = []
    for k in range(2):
        lat, lon = rng.uniform(30.0, 37.0), rng.uniform(36.0, 48.0)
        words = " ".join(rng.sample(WORDS, 4))
        sentence = f"An attack hit the {words} near town {rng.randrange(5000)}, killing some."
        events.append(Event(
            kind="incident", category="ASSAULT", mode=rng.choice(MODES),
            evidence=Span(0, len(sentence), sentence),
            where=PlaceRef(text="x", name=f"town {k}", lat=lat, lon=lon, country="IQ",
                           precision="city"),
            when=When(day, day, "day", "synthetic"), killed=Quantity(rng.randrange(1, 9))))
    return LinkDocument(id=f"doc{n}", text=events[0].evidence.text, published=day), events


def in_memory(size: int, docs: int) -> tuple[float, float]:
    settings = default_settings()
    rng = random.Random(size)
    index, known, edges = BlockIndex(settings), {}, {}
    for n in range(size // 2):
        doc, events = synthetic(n, rng)
        for sig in signatures(doc, events, settings):
            known[sig.key] = sig
            index.add(sig)
    compared = 0
    start = time.process_time()
    for n in range(size // 2, size // 2 + docs):
        doc, events = synthetic(n, rng)
        touched = set()
        for sig in signatures(doc, events, settings):
            for key in index.candidates(sig):
                compared += 1
                p = pair(sig.key, key)
                c = compare(known[p[0]] if p[0] != sig.key else sig,
                            known[p[1]] if p[1] != sig.key else sig, settings)
                if not c.vetoed and c.score >= settings.possible:
                    edges[p] = c
                    touched.add(key)
            known[sig.key] = sig
            index.add(sig)
            touched.add(sig.key)
        # the components the document touches, clustered again (as the store does)
        local = {k: known[k] for k in touched}
        for comp in components(local, edges, settings):
            cluster({k: known[k] for k in comp}, edges, settings)
    seconds = time.process_time() - start
    return 1000 * seconds / docs, compared / docs


def in_store(size: int, docs: int) -> float:
    from marsad.store import Store
    from marsad.types import Document, content_hash

    rng = random.Random(size)
    with tempfile.TemporaryDirectory() as tmp, Store.open(f"sqlite:///{tmp}/b.db") as store:
        def save(n: int) -> None:
            doc, events = synthetic(n, rng)
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
    print(f"{'stored events':>14}  {'ms/document':>12}  {'compared/document':>18}"
          + ("  store ms/document (save + link)" if args.store else ""))
    for size in args.sizes:
        ms, compared = in_memory(size, args.docs)
        line = f"{size:>14,}  {ms:>12.2f}  {compared:>18.1f}"
        if args.store and size <= 20000:
            line += f"  {in_store(size, min(args.docs, 100)):>12.1f}"
        print(line, flush=True)


if __name__ == "__main__":
    main()

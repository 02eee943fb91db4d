"""Requests per second and p50/p99 latency of the events list on a 100,000-event store.

    .venv/bin/python bench/api.py [--events 100000] [--requests 2000] [--concurrency 8]
                                  [--db sqlite:///tmp/bench.db] [--path /api/events]

Builds the store through Store.save (documents of ten events, each with actors, a place, a
date, numbers and field evidence, like the extractor's), serves it as `marsad serve` does
(uvicorn, in child processes, on loopback), warms it with a few requests, then sends a
bounded number of GET requests from a pool of client threads: pages 1-20 of the default
list (50 events a page) and a filtered list. Four set-ups: 1 or 2 worker processes, with
the response cache on (the default: bodies reused until the store changes) or off (every
request queries the store). The client threads share the machine's cores with the server.
Prints the figures; the target is >= 200 requests/s with p99 < 100 ms on 2 cores. Not a
timed test.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx

from marsad.store import Store
from marsad.types import (
    ActorRef,
    Document,
    Event,
    FieldEvidence,
    PlaceRef,
    Quantity,
    Span,
    When,
    content_hash,
)

PLACES = [
    ("baghdad", "Baghdad", 33.31, 44.36, "IQ"),
    ("mosul", "Mosul", 36.34, 43.13, "IQ"),
    ("erbil", "Erbil", 36.19, 44.01, "IQ"),
    ("kirkuk", "Kirkuk", 35.47, 44.39, "IQ"),
    ("basra", "Basra", 30.51, 47.78, "IQ"),
    ("raqqa", "Raqqa", 35.95, 39.01, "SY"),
    ("aleppo", "Aleppo", 36.20, 37.16, "SY"),
    ("deir-ez-zor", "Deir ez-Zor", 35.34, 40.14, "SY"),
]
ACTORS = [
    ActorRef("Kataib Hezbollah", "kataib-hezbollah", "Kataib Hezbollah", "militia", "IQ"),
    ActorRef("ISIS fighters", "isis", "Islamic State", "insurgent"),
    ActorRef("US forces", "us-forces", "United States Armed Forces", "military", "US"),
    ActorRef("Iraqi police", "iq-police", "Iraqi Police", "police", "IQ"),
]
CATEGORIES = [
    ("ASSAULT", "drone"),
    ("ASSAULT", "explosives"),
    ("PROTEST", None),
    ("ACCUSE", None),
    ("REQUEST", None),
    ("COERCE", "arrest"),
]
PER_DOCUMENT = 10


def build(url: str, events: int, seed: int = 1) -> float:
    """Fill a fresh store with `events` events; returns the seconds it took."""
    rng = random.Random(seed)
    start = time.perf_counter()
    with Store.open(url) as store:
        for n in range(events // PER_DOCUMENT):
            sentences, batch = [], []
            offset = 0
            for _ in range(PER_DOCUMENT):
                place = rng.choice(PLACES)
                actor, target = rng.sample(ACTORS, 2)
                category, mode = rng.choice(CATEGORIES)
                killed = rng.choice([None, 0, 1, 2, 5])
                day = date(2022, 1, 1) + timedelta(days=rng.randrange(730))
                sentence = (
                    f"{actor.text} hit {target.text} in {place[1]} on {day:%B %d}, "
                    f"killing {killed or 0} (report {n})."
                )
                span = Span(offset, offset + len(sentence), sentence)
                at = sentence.index(place[1])
                batch.append(
                    Event(
                        kind="incident",
                        category=category,
                        mode=mode,
                        evidence=span,
                        acled_type="Battles" if category == "ASSAULT" else None,
                        actors=(actor,),
                        recipients=(target,),
                        where=PlaceRef(
                            place[1], place[0], place[1], place[2], place[3], None, place[4], "city"
                        ),
                        when=When(day, precision="day", how="date in the sentence"),
                        killed=Quantity(killed) if killed is not None else None,
                        field_evidence=(
                            FieldEvidence(
                                "actor1", Span(offset, offset + len(actor.text), actor.text)
                            ),
                            FieldEvidence(
                                "where", Span(offset + at, offset + at + len(place[1]), place[1])
                            ),
                        ),
                        confidence=0.7,
                    )
                )
                sentences.append(sentence)
                offset += len(sentence) + 1
            text = " ".join(sentences)
            digest = content_hash(text)
            store.save(
                Document(
                    id=Document.make_id(digest),
                    url=f"https://bench.example/{n}",
                    source="Bench",
                    title=f"Bench article {n}",
                    published=date(2024, 1, 1),
                    lang="en",
                    text=text,
                    raw_format="text",
                    fetched_at=datetime.now(UTC),
                    content_hash=digest,
                    origin="bench",
                    published_from="metadata",
                ),
                batch,
            )
    return time.perf_counter() - start


def serve(url: str, port: int, *, workers: int, cache_mb: int) -> subprocess.Popen[bytes]:
    """`marsad serve`'s own setup (the environment-configured app) in child processes."""
    env = {
        **os.environ,
        "MARSAD_DB": url,
        "MARSAD_API_CACHE_MB": str(cache_mb),
        "MARSAD_API_TOKEN": "",
        "MARSAD_TILE_URL": "",
    }
    code = (
        "import uvicorn; uvicorn.run('marsad.api.app:app_from_environment', factory=True, "
        f"host='127.0.0.1', port={port}, workers={workers}, log_level='warning', "
        "access_log=False)"
    )
    return subprocess.Popen([sys.executable, "-c", code], env=env)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_ready(base: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/api/stats", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("server did not start")


def load(base: str, paths: list[str], concurrency: int) -> tuple[float, list[float]]:
    """GET every path, `concurrency` at a time; (wall seconds, per-request seconds)."""
    latencies: list[float] = []
    clients = [httpx.Client(base_url=base, timeout=30) for _ in range(concurrency)]

    def one(item: tuple[int, str]) -> float:
        index, path = item
        client = clients[index % concurrency]
        began = time.perf_counter()
        response = client.get(path)
        elapsed = time.perf_counter() - began
        if response.status_code != 200:
            raise SystemExit(f"{path}: HTTP {response.status_code}")
        return elapsed

    began = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        latencies = list(pool.map(one, enumerate(paths)))
    wall = time.perf_counter() - began
    for client in clients:
        client.close()
    return wall, latencies


def report(name: str, wall: float, latencies: list[float]) -> None:
    ordered = sorted(latencies)
    p50 = statistics.median(ordered) * 1000
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000
    rate = len(ordered) / wall
    verdict = "meets" if rate >= 200 and p99 < 100 else "misses"
    print(
        f"   {name:<44} {rate:6.0f} req/s  p50 {p50:6.1f} ms  p99 {p99:6.1f} ms  "
        f"({verdict} >= 200 req/s, p99 < 100 ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--db", help="reuse this store (built if it has no events)")
    parser.add_argument("--port", type=int, default=0, help="default: a free one")
    parser.add_argument("--max-workers", type=int, default=2)
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="marsad-bench-")
    url = args.db or f"sqlite:///{Path(workdir) / 'bench.db'}"
    with Store.open(url) as store:
        existing = store.count_events()
    if existing == 0:
        seconds = build(url, args.events)
        print(
            f"built {args.events:,} events in {seconds:.0f} s "
            f"({args.events / seconds:,.0f} events/s through Store.save)"
        )
    else:
        print(f"reusing {url}: {existing:,} events")
    rng = random.Random(2)
    # A dashboard's traffic: the first pages of the default list, and a filtered list.
    pages = [f"/api/events?limit=50&offset={50 * rng.randrange(20)}" for _ in range(args.requests)]
    filtered = [
        f"/api/events?category=ASSAULT&country=IQ&limit=50&offset={50 * rng.randrange(20)}"
        for _ in range(args.requests // 4)
    ]
    print(
        f"cores: {os.cpu_count()}, load average {os.getloadavg()[0]:.1f} before the runs, "
        f"clients: {args.concurrency} threads, {len(pages)} + {len(filtered)} requests"
    )
    for workers, cache_mb, label in (
        (1, 64, "1 worker, response cache on (default)"),
        (1, 0, "1 worker, response cache off"),
        (2, 64, "2 workers, response cache on"),
        (2, 0, "2 workers, response cache off"),
    ):
        if workers > args.max_workers:
            continue
        port = args.port or free_port()
        base = f"http://127.0.0.1:{port}"
        server = serve(url, port, workers=workers, cache_mb=cache_mb)
        try:
            wait_ready(base)
            load(base, pages[:100], args.concurrency)  # warm: connections, page cache, caches
            load(base, filtered[:50], args.concurrency)
            print(f"-- {label}")
            report("GET /api/events (pages 1-20)", *load(base, pages, args.concurrency))
            report(
                "GET /api/events?category=ASSAULT&country=IQ",
                *load(base, filtered, args.concurrency),
            )
        finally:
            server.terminate()
            server.wait(timeout=20)
    if not args.db:
        for name in os.listdir(workdir):
            os.remove(Path(workdir) / name)
        os.rmdir(workdir)


if __name__ == "__main__":
    main()

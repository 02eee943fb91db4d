"""Requests per second and p50/p99 latency of the events list on a 100,000-event store.

    .venv/bin/python bench/api.py [--events 100000] [--requests 2000] [--concurrency 8]
                                  [--db sqlite:////tmp/bench.db] [--max-workers 2]
                                  [--write-rate 5] [--cache on|off|both]
                                  [--writer without|with|both]

Builds the store through Store.save (documents of ten events, each with actors, a place, a
date, numbers and field evidence, like the extractor's; 40 places and 30 actors, a few
of them common and most rare, some names with accents), or tops up the store given with
--db to --events (a rerun on the same file builds nothing). Serves it as `marsad serve`
does (uvicorn, in child processes, on loopback), warms it, then sends a bounded number of
GET requests from a pool of client threads in two mixes:

    pages     pages 1-20 of the default list (50 events a page): a dashboard's traffic
    unseen    random combinations of actor, place, country, category, dates, q and bbox,
              no two with the same filters, so neither the response cache nor the
              remembered totals can answer any of them

The server's filter index (store/filter_index.py) is given INDEX_BUILD_S seconds after the
warm-up to be built, as on a server that has been up a while, and is then asked
WARM_SEARCHES other unseen combinations: such a server's index has searched the common
words before (the first search of a word after a build asks the database, 20 to 60 ms for
a word in ten thousand events on PostgreSQL; each worker, and each build, once).

Each mix under 1 and 2 worker processes, with the response cache on (the default) or off,
and with or without a concurrent writer: a child process saving new documents through
Store.save at --write-rate documents a second (what `marsad run` does when it stores an
article), each save changing the store's revision. The client threads share the
machine's cores with the server (and the writer). Prints req/s, p50 and p99 per set-up;
the target is >= 200 requests/s with p99 < 100 ms on 2 cores. Not a timed test.
"""

from __future__ import annotations

import argparse
import gc
import http.client
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode, urlsplit

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

INDEX_BUILD_S = 8.0  # time for each worker's filter index build (about 2 s each here)
WARM_SEARCHES = 400  # filters asked once the index is built: most words, in each worker

# (id, name, lat, lon, country); listed most eventful first (see _zipf)
PLACES = [
    ("baghdad", "Baghdad", 33.31, 44.36, "IQ"),
    ("mosul", "Mosul", 36.34, 43.13, "IQ"),
    ("aleppo", "Aleppo", 36.20, 37.16, "SY"),
    ("erbil", "Erbil", 36.19, 44.01, "IQ"),
    ("deir-ez-zor", "Deir ez-Zor", 35.34, 40.14, "SY"),
    ("kirkuk", "Kirkuk", 35.47, 44.39, "IQ"),
    ("raqqa", "Raqqa", 35.95, 39.01, "SY"),
    ("basra", "Basra", 30.51, 47.78, "IQ"),
    ("idlib", "Idlib", 35.93, 36.63, "SY"),
    ("fallujah", "Fallujah", 33.35, 43.78, "IQ"),
    ("damascus", "Damascus", 33.51, 36.29, "SY"),
    ("ain-al-asad", "Ain al-Asad air base", 33.80, 42.44, "IQ"),
    ("sadr-city", "Sadr City", 33.39, 44.46, "IQ"),
    ("homs", "Homs", 34.73, 36.71, "SY"),
    ("ramadi", "Ramadi", 33.42, 43.30, "IQ"),
    ("hasakah", "Al-Ḥasakah", 36.50, 40.75, "SY"),
    ("tikrit", "Tikrit", 34.60, 43.68, "IQ"),
    ("qamishli", "Qamishli", 37.05, 41.22, "SY"),
    ("sulaymaniyah", "Sulaymaniyah", 35.56, 45.43, "IQ"),
    ("al-tanf", "al-Tanf garrison", 33.50, 38.62, "SY"),
    ("samarra", "Samarra", 34.20, 43.87, "IQ"),
    ("hama", "Hama", 35.13, 36.75, "SY"),
    ("najaf", "Najaf", 32.03, 44.35, "IQ"),
    ("daraa", "Daraa", 32.62, 36.10, "SY"),
    ("karbala", "Karbala", 32.62, 44.02, "IQ"),
    ("latakia", "Latakia", 35.52, 35.78, "SY"),
    ("baqubah", "Baqubah", 33.75, 44.64, "IQ"),
    ("manbij", "Manbij", 36.53, 37.95, "SY"),
    ("sinjar", "Sinjar", 36.32, 41.87, "IQ"),
    ("afrin", "Afrin", 36.51, 36.87, "SY"),
    ("sanliurfa", "Şanlıurfa", 37.16, 38.80, "TR"),
    ("gaziantep", "Gaziantep", 37.07, 37.38, "TR"),
    ("amman", "Amman", 31.95, 35.93, "JO"),
    ("beirut", "Beirut", 33.89, 35.50, "LB"),
    ("tal-afar", "Tal Afar", 36.38, 42.45, "IQ"),
    ("abu-kamal", "Abu Kamal", 34.45, 40.92, "SY"),
    ("qaim", "Al-Qa'im", 34.37, 41.09, "IQ"),
    ("duhok", "Duhok", 36.87, 43.00, "IQ"),
    ("halabja", "Halabja", 35.18, 45.99, "IQ"),
    ("palmyra", "Palmyra", 34.56, 38.27, "SY"),
]
ACTORS = [
    ActorRef("ISIS fighters", "isis", "Islamic State", "insurgent"),
    ActorRef("US forces", "us-forces", "United States Armed Forces", "military", "US"),
    ActorRef("Iraqi police", "iq-police", "Iraqi Police", "police", "IQ"),
    ActorRef("Kataib Hezbollah", "kataib-hezbollah", "Kataib Hezbollah", "militia", "IQ"),
    ActorRef("Syrian army", "sy-army", "Syrian Arab Army", "military", "SY"),
    ActorRef("the SDF", "sdf", "Syrian Democratic Forces", "militia", "SY"),
    ActorRef("Turkish drones", "tr-military", "Turkish Armed Forces", "military", "TR"),
    ActorRef("HTS militants", "hts", "Hayʼat Taḥrīr al-Shām", "insurgent", "SY"),
    ActorRef("protesters", None, None, "civilian"),
    ActorRef("the PMF", "pmf", "Popular Mobilization Forces", "militia", "IQ"),
    ActorRef("Peshmerga", "peshmerga", "Peshmerga", "military", "IQ"),
    ActorRef("Russian jets", "ru-aerospace", "Russian Aerospace Forces", "military", "RU"),
    ActorRef("gunmen", None, None, None),
    ActorRef("the Islamic Resistance in Iraq", "iri", "Islamic Resistance in Iraq", "militia"),
    ActorRef("Iraqi Army", "iq-army", "Iraqi Army", "military", "IQ"),
    ActorRef("civilians", "civilians", "Civilians", "civilian"),
    ActorRef("Asaib Ahl al-Haq", "aah", "Asaib Ahl al-Haq", "militia", "IQ"),
    ActorRef("the PKK", "pkk", "Kurdistan Workers' Party", "insurgent"),
    ActorRef("Israeli aircraft", "il-air-force", "Israeli Air Force", "military", "IL"),
    ActorRef("Hezbollah", "hezbollah", "Hezbollah", "militia", "LB"),
    ActorRef("the Syrian National Army", "sna", "Syrian National Army", "militia", "SY"),
    ActorRef("smugglers", None, None, None),
    ActorRef("Saraya al-Salam", "saraya-al-salam", "Saraya al-Salam", "militia", "IQ"),
    ActorRef("Kurdish police", "asayish", "Asayish", "police"),
    ActorRef("Jordanian border guards", "jo-army", "Jordan Armed Forces", "military", "JO"),
    ActorRef("the coalition", "coalition", "Global Coalition against Daesh", "military"),
    ActorRef("students", None, None, "civilian"),
    ActorRef("the Federal Police", "iq-federal-police", "Federal Police", "police", "IQ"),
    ActorRef("Iranian Revolutionary Guards", "irgc", "Islamic Revolutionary Guard Corps",
             "military", "IR"),
    ActorRef("tribal fighters", None, None, "militia"),
]
CATEGORIES = [  # PLOVER category, mode, verb
    ("ASSAULT", "drone", "struck"),
    ("ASSAULT", "explosives", "bombed"),
    ("ASSAULT", "firearms", "attacked"),
    ("ASSAULT", "heavy-weapons", "shelled"),
    ("PROTEST", None, "protested against"),
    ("ACCUSE", None, "accused"),
    ("REQUEST", None, "urged"),
    ("COERCE", "arrest", "arrested"),
    ("THREATEN", None, "threatened"),
    ("AID", None, "sent aid to"),
]
PER_DOCUMENT = 10
# twenty years: 14 events a day at 100,000. Denser news links into ever larger incidents,
# and linking a document costs the square of its incident's size (at 27 a day the build
# slowed from 4 ms to 140 ms an event between 50,000 and 85,000 events).
FIRST_DAY = date(2005, 1, 1)
DAYS = 7305
WRITER_FIRST = 10_000_000  # the writer's document numbers: never the builder's
WRITER_SOURCE = "Bench writer"


def _zipf(rng: random.Random, items: list, s: float = 1.0):  # type: ignore[no-untyped-def]
    """An item, the first ones most often (a few places and actors are in most news)."""
    weights = [1 / (rank + 1) ** s for rank in range(len(items))]
    return rng.choices(items, weights)[0]


def bench_document(n: int, source: str = "Bench") -> tuple[Document, list[Event]]:
    """Document number n and its events: the same for the same n, on every run."""
    rng = random.Random(n)
    sentences, events = [], []
    offset = 0
    for _ in range(PER_DOCUMENT):
        place = _zipf(rng, PLACES)
        actor = _zipf(rng, ACTORS)
        target = _zipf(rng, [a for a in ACTORS if a is not actor])
        category, mode, verb = rng.choice(CATEGORIES)
        killed = rng.choice([None, 0, 1, 2, 5]) if category == "ASSAULT" else None
        day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        sentence = (
            f"{actor.text} {verb} {target.text} in {place[1]} on {day:%B %d}, "
            f"killing {killed or 0} (report {n})."
        )
        span = Span(offset, offset + len(sentence), sentence)
        at = sentence.index(place[1])
        events.append(
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
                    FieldEvidence("actor1", Span(offset, offset + len(actor.text), actor.text)),
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
    document = Document(
        id=Document.make_id(digest),
        url=f"https://bench.example/{n}",
        source=source,
        title=f"Bench article {n}",
        published=date(2024, 1, 1),
        lang="en",
        text=text,
        raw_format="text",
        fetched_at=datetime.now(UTC),
        content_hash=digest,
        origin="bench",
        published_from="metadata",
    )
    return document, events


def build(url: str, events: int, have: int) -> float:
    """Save documents until the store holds `events` events; returns the seconds it took."""
    start = time.perf_counter()
    with Store.open(url) as store:
        for n in range(have // PER_DOCUMENT, events // PER_DOCUMENT):
            store.save(*bench_document(n))
    return time.perf_counter() - start


def write_forever(url: str, rate: float) -> None:
    """The writer child: save a new document every 1/rate seconds until SIGTERM."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    saved, began = 0, time.monotonic()
    with Store.open(url) as store:
        while True:
            n = WRITER_FIRST + os.getpid() * 100_000 + saved
            store.save(*bench_document(n, source=WRITER_SOURCE))
            saved += 1
            pause = began + saved / rate - time.monotonic()
            if pause > 0:
                time.sleep(pause)


def start_writer(url: str, rate: float) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, __file__, "--db", url, "--write-only", "--write-rate", str(rate)]
    )


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
            conn = http.client.HTTPConnection(*_host_port(base), timeout=5)
            conn.request("GET", "/api/stats")
            if conn.getresponse().status == 200:
                return
        except (http.client.HTTPException, OSError):
            pass
        time.sleep(0.2)
    raise SystemExit("server did not start")


def _host_port(base: str) -> tuple[str, int]:
    where = urlsplit(base)
    return str(where.hostname), int(where.port or 80)


def load(base: str, paths: list[str], concurrency: int) -> tuple[float, list[float]]:
    """GET every path, `concurrency` at a time; (wall seconds, per-request seconds).

    Each client thread keeps one HTTP/1.1 connection (http.client: a fraction of httpx's
    CPU a request, which these client threads take from the server's cores)."""
    host, port = _host_port(base)
    local = threading.local()

    def connection() -> http.client.HTTPConnection:
        conn = getattr(local, "conn", None)
        if conn is None:
            conn = local.conn = http.client.HTTPConnection(host, port, timeout=30)
        return conn

    def one(path: str) -> float:
        began = time.perf_counter()
        conn = connection()
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
        except (http.client.HTTPException, OSError):
            conn.close()  # the server closed a kept-alive connection: once more, afresh
            local.conn = None
            conn = connection()
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
        elapsed = time.perf_counter() - began
        if response.status != 200:
            raise SystemExit(f"{path}: HTTP {response.status}")
        return elapsed

    began = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        latencies = list(pool.map(one, paths))
    wall = time.perf_counter() - began
    return wall, latencies


def calibration_ms() -> float:
    """The fastest of five runs of the same pure-Python work (dict and string operations,
    as a request's serialisation does): how fast this machine is at the moment."""
    best = float("inf")
    for _ in range(5):
        began = time.perf_counter()
        rows = [{"id": i, "name": f"event {i}", "value": i * 0.5} for i in range(200_000)]
        sum(len(row["name"]) for row in rows)
        best = min(best, time.perf_counter() - began)
    return 1000 * best


def processes() -> dict[int, tuple[str, int, float]]:
    """Every process now: pid -> (name, parent pid, CPU seconds so far, user + system);
    empty without /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    out: dict[int, tuple[str, int, float]] = {}
    for entry in Path("/proc").glob("[0-9]*/stat"):
        try:
            name, fields = entry.read_text().split(" (", 1)[1].rsplit(")", 1)
        except (OSError, IndexError, ValueError):
            continue  # the process ended while we looked
        fields = fields.split()
        out[int(entry.parent.name)] = (name, int(fields[1]),
                                       (int(fields[11]) + int(fields[12])) / tick)
    return out


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of a process and its descendants so far; 0 without /proc."""
    table = processes()
    parents = {child: parent for child, (_, parent, _) in table.items()}
    used = {child: cpu for child, (_, _, cpu) in table.items()}
    family, grew = {pid}, True
    while grew:
        grown = family | {child for child, parent in parents.items() if parent in family}
        grew, family = len(grown) > len(family), grown
    return sum(used.get(member, 0.0) for member in family)


def database_cpu_seconds() -> float:
    """CPU time so far of the local PostgreSQL server's processes (0 for SQLite, which runs
    inside the server's workers, or a database on another machine)."""
    return sum(cpu for name, _, cpu in processes().values() if name in ("postgres", "postmaster"))


def measure(
    name: str, base: str, paths: list[str], concurrency: int, server: int
) -> None:
    """Load the server with paths; print req/s, p50, p99 and the CPU each request cost the
    server (all its workers), a local PostgreSQL server and this process (the clients)."""
    # The clients' own full collections would stop every client thread and count as the
    # server's latency (100 ms and more here): what this process holds is frozen first.
    gc.collect()
    gc.freeze()
    server_before, client_before = cpu_seconds(server), time.process_time()
    database_before = database_cpu_seconds()
    wall, latencies = load(base, paths, concurrency)
    server_ms = (cpu_seconds(server) - server_before) / len(paths) * 1000
    database_ms = (database_cpu_seconds() - database_before) / len(paths) * 1000
    client_ms = (time.process_time() - client_before) / len(paths) * 1000
    ordered = sorted(latencies)
    p50 = statistics.median(ordered) * 1000
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000
    rate = len(ordered) / wall
    verdict = "meets" if rate >= 200 and p99 < 100 else "misses"
    print(
        f"   {name:<15} {rate:5.0f} req/s  p50 {p50:6.1f} ms  p99 {p99:6.1f} ms  "
        f"cpu/request: server {server_ms:4.1f} ms, database {database_ms:4.1f} ms, "
        f"clients {client_ms:4.1f} ms  "
        f"({verdict} >= 200 req/s, p99 < 100 ms)",
        flush=True,
    )


def _actor_words(rng: random.Random) -> str:
    """How a user names an actor: its id, its full name, a word of it, or its text."""
    ref = _zipf(rng, [a for a in ACTORS if a.name], s=0.5)
    name = str(ref.name)
    words = [w for w in name.replace("-", " ").split() if len(w) > 3] or [name]
    way = rng.randrange(4)
    if way == 0:
        return str(ref.actor_id)
    if way == 1:
        return name.lower() if rng.random() < 0.5 else name
    if way == 2:
        word = rng.choice(words)
        return word[: rng.randint(4, len(word))]  # a word, or the start of one
    return ref.text


def _place_words(rng: random.Random) -> str:
    place_id, name, *_ = _zipf(rng, PLACES, s=0.5)
    return place_id if rng.random() < 0.4 else rng.choice([name, name.lower(), name[:5]])


FilterKey = tuple[tuple[str, str], ...]


def unseen_filters(
    rng: random.Random, count: int, taken: set[FilterKey] | None = None
) -> Iterator[dict[str, str]]:
    """`count` filter combinations of one to three filters, no two alike, and none of those
    taken (which gains them)."""
    seen = taken if taken is not None else set()
    wanted = len(seen) + count
    makers = {
        "actor": lambda: _actor_words(rng),
        "place": lambda: _place_words(rng),
        "country": lambda: rng.choice(["IQ", "SY", "TR", "JO", "LB", "iq", "sy"]),
        "category": lambda: rng.choice(CATEGORIES)[0].lower(),
        "since": lambda: str(FIRST_DAY + timedelta(days=rng.randrange(DAYS))),
        # words of the sentences: verbs, places, actors, months (not "killing" or
        # "report": every sentence of this generator has them)
        "q": lambda: rng.choice(
            [c[2].split()[0] for c in CATEGORIES] + [p[1].split()[0] for p in PLACES]
            + ["drones", "police forces", "army", "militants", "March", "struck Mosul"]
        ),
        "bbox": lambda: _bbox(rng),
    }
    names = list(makers)
    while len(seen) < wanted:
        chosen = rng.sample(names, rng.choice([1, 1, 2, 2, 2, 3]))
        params = {name: makers[name]() for name in chosen}
        if "since" in params:  # a window of a week to half a year
            until = date.fromisoformat(params["since"]) + timedelta(days=rng.randint(7, 180))
            params["until"] = str(until)
        key = tuple(sorted(params.items()))
        if key not in seen:
            seen.add(key)
            yield params


def _bbox(rng: random.Random) -> str:
    west, south = rng.uniform(35, 45), rng.uniform(30, 36)
    east, north = west + rng.uniform(1, 6), south + rng.uniform(1, 4)
    return f"{west:.2f},{south:.2f},{east:.2f},{north:.2f}"


def unseen_paths(
    rng: random.Random, count: int, taken: set[FilterKey] | None = None
) -> list[str]:
    return [
        "/api/events?" + urlencode({**params, "limit": 50, "offset": 50 * rng.randrange(3)})
        for params in unseen_filters(rng, count, taken)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=2000, help="per mix and set-up")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--db", help="reuse this store (topped up to --events)")
    parser.add_argument("--port", type=int, default=0, help="default: a free one")
    parser.add_argument("--max-workers", type=int, default=2)
    parser.add_argument("--write-rate", type=float, default=5.0,
                        help="documents a second the concurrent writer saves")
    parser.add_argument("--cache", choices=["on", "off", "both"], default="both",
                        help="the set-ups with the response cache on, off, or both")
    parser.add_argument("--writer", choices=["without", "with", "both"], default="both",
                        help="the set-ups without the concurrent writer, with it, or both")
    parser.add_argument("--write-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.write_only:
        write_forever(args.db, args.write_rate)
        return

    workdir = tempfile.mkdtemp(prefix="marsad-bench-")
    url = args.db or f"sqlite:///{Path(workdir) / 'bench.db'}"
    began = time.perf_counter()
    with Store.open(url) as store:
        opened = time.perf_counter() - began
        existing = store.count_documents(source="Bench") * PER_DOCUMENT
    print(f"opened {url} in {opened:.1f} s (migrations included): {existing:,} events")
    if existing < args.events:
        seconds = build(url, args.events, existing)
        added = args.events - existing
        print(f"built {added:,} events in {seconds:.0f} s "
              f"({added / seconds:,.0f} events/s through Store.save)")
    try:
        run_all(url, args)
        print(f"machine speed after the runs: {calibration_ms():.0f} ms", flush=True)
    finally:
        remove_written(url)
    if not args.db:
        for name in os.listdir(workdir):
            os.remove(Path(workdir) / name)
        os.rmdir(workdir)


def run_all(url: str, args: argparse.Namespace) -> None:
    rng = random.Random(2)
    print(
        f"cores: {os.cpu_count()}, load average {os.getloadavg()[0]:.1f} before the runs, "
        f"clients: {args.concurrency} threads, {args.requests} requests per mix",
        flush=True,
    )
    print(f"machine speed: a fixed loop of Python takes {calibration_ms():.0f} ms (a shared "
          "VM's speed drifts: compare runs of about the same loop time)", flush=True)
    for writing in (False, True):
        if args.writer != "both" and writing != (args.writer == "with"):
            continue
        for workers, cache_mb in ((1, 64), (1, 0), (2, 64), (2, 0)):
            if workers > args.max_workers or (
                args.cache != "both" and bool(cache_mb) != (args.cache == "on")
            ):
                continue
            cache = "response cache on" if cache_mb else "response cache off"
            writer = f"writer saving {args.write_rate:g} docs/s" if writing else "no writer"
            print(f"-- {workers} worker{'s' if workers > 1 else ''}, {cache}, {writer}")
            port = args.port or free_port()
            base = f"http://127.0.0.1:{port}"
            pages = [f"/api/events?limit=50&offset={50 * rng.randrange(20)}"
                     for _ in range(args.requests)]
            taken: set[FilterKey] = set()  # the measured filters: never asked in a warm-up
            unseen = unseen_paths(rng, args.requests, taken)
            server = serve(url, port, workers=workers, cache_mb=cache_mb)
            background = start_writer(url, args.write_rate) if writing else None
            try:
                wait_ready(base)
                # warm: connections, the page cache; never the filters measured below
                load(base, unseen_paths(random.Random(-1), 100, taken), args.concurrency)
                # a server that has been up a while holds its filter index (filter_index.py:
                # the first query of each worker starts its build), and its index holds
                # the matches of the words searched before (asked of the database once per
                # word and index; never the combinations measured below)
                time.sleep(INDEX_BUILD_S)
                load(base, unseen_paths(random.Random(-2), WARM_SEARCHES, taken),
                     args.concurrency)
                measure("pages 1-20", base, pages, args.concurrency, server.pid)
                measure("unseen filters", base, unseen, args.concurrency, server.pid)
                if background is not None:
                    measure_writer(url, background)
            finally:
                if background is not None:
                    background.terminate()
                    background.wait(timeout=20)
                server.terminate()
                server.wait(timeout=20)


def remove_written(url: str) -> None:
    """Delete what the writers stored, so that a rerun measures the same store."""
    with Store.open(url) as store:
        while written := store.documents(source=WRITER_SOURCE, limit=500):
            for document in written:
                store.delete_document(document.id)


def measure_writer(url: str, writer: subprocess.Popen[bytes]) -> None:
    """What the writer did meanwhile: documents stored, and its CPU share."""
    used = cpu_seconds(writer.pid)
    with Store.open(url) as store:
        written = store.count_documents(source=WRITER_SOURCE)
    print(f"   writer: {written} documents stored so far, {used:.1f} s of CPU", flush=True)


if __name__ == "__main__":
    main()

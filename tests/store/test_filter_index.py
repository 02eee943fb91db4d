"""The filter index (store/filter_index.py) gives the SQL's answers (counts, pages and the
timeline), and never a stale one."""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Iterator
from datetime import date, timedelta

import pytest
from sqlalchemy import create_engine, event, text
from sqlalchemy.pool import NullPool

from marsad.store import EventFilters, Store, filter_index
from marsad.types import ActorRef, Document, Event, PlaceRef, When

MakeDocument = Callable[..., Document]
MakeEvent = Callable[..., Event]

ACTORS = [
    ActorRef("Kataib Hezbollah", "kataib-hezbollah", "Kataib Hezbollah", "militia", "IQ"),
    ActorRef("US forces", "us-forces", "United States Armed Forces", "military", "US"),
    ActorRef("HTS militants", "hts", "Hayʼat Taḥrīr al-Shām", "insurgent", "SY"),
    ActorRef("unknown gunmen"),
    ActorRef("Iraqi police", "iq-police", "Iraqi Police", "police", "IQ"),
]
PLACES = [
    PlaceRef("Baghdad", "baghdad", "Baghdad", 33.31, 44.36, None, "IQ", "city"),
    PlaceRef("Şanlıurfa", "sanliurfa", "Şanlıurfa", 37.16, 38.8, None, "TR", "city"),
    PlaceRef("Hasakah city", "hasakah", "Al-Ḥasakah", 36.5, 40.75, None, "SY", "city"),
    PlaceRef("Suva", "suva", "Suva", -18.14, 178.44, None, "FJ", "city"),  # either side of
    PlaceRef("Apia", "apia", "Apia", -13.83, -171.76, None, "WS", "city"),  # the antimeridian
    PlaceRef("the Deir ez-Zor countryside", country="SY", precision="admin1"),  # no point
    None,
]
CATEGORIES = ["ASSAULT", "COERCE", "PROTEST", "ACCUSE"]
WORDS = ["rockets", "drone", "protesters", "police", "border", "Baghdad"]
FIRST = date(2023, 1, 1)


def _event(rng: random.Random, build_event: MakeEvent) -> Event:
    start = FIRST + timedelta(days=rng.randrange(200)) if rng.random() < 0.85 else None
    end = start + timedelta(days=rng.randrange(1, 30)) if start and rng.random() < 0.2 else None
    sentence = " ".join(rng.sample(WORDS, 3)) + f" {rng.randrange(10**6)}."
    return build_event(
        sentence,
        kind=rng.choice(["incident", "incident", "statement"]),
        category=rng.choice(CATEGORIES),
        mode=rng.choice([None, "explosives", "aerial"]),
        actors=(rng.choice(ACTORS),),
        recipients=(rng.choice(ACTORS),) if rng.random() < 0.5 else (),
        where=rng.choice(PLACES),
        when=When(start, end, "day") if start else None,
    )


@pytest.fixture
def stores(
    store_url: str, make_document: MakeDocument, make_event: MakeEvent
) -> Iterator[tuple[Store, Store]]:
    """The same random store twice: answered by the index, and by SQL alone."""
    rng = random.Random(5)
    with Store.open(store_url) as writer:
        for n in range(40):
            text = f"Document {n}."
            writer.save(make_document(text, url=f"https://index.example/{n}"),
                        [_event(rng, make_event) for _ in range(rng.randint(1, 8))])
    indexed, plain = Store.open(store_url), Store.open(store_url)
    indexed.keep_filter_index()
    indexed.count_events()  # the first query starts the build
    assert indexed.wait_for_filter_index()
    yield indexed, plain
    indexed.close()
    plain.close()


def _filters(rng: random.Random) -> EventFilters:
    makers = {
        "since": lambda: FIRST + timedelta(days=rng.randrange(-10, 210)),
        "until": lambda: FIRST + timedelta(days=rng.randrange(-10, 210)),
        "kind": lambda: rng.choice(["incident", "statement", "aggregate"]),
        "category": lambda: rng.choice([*CATEGORIES, "assault", "MOBILIZE"]),
        "mode": lambda: rng.choice(["explosives", "aerial", "Aerial"]),
        "country": lambda: rng.choice(["IQ", "sy", "TR", "FJ", "WS", "US"]),
        "actor": lambda: rng.choice(["kataib", "US", "united states armed", "Hay'at",
                                     "forces", "police iraqi", "gun", "-", "iq-police"]),
        "place": lambda: rng.choice(["bagh", "sanliurfa", "Şanlı", "deir ez", "al hasakah",
                                     "hasakah", "suva", "apia", "\x00"]),
        "bbox": lambda: rng.choice([(35.0, 30.0, 45.0, 38.0), (170.0, -20.0, -170.0, -10.0),
                                    (44.36, 33.31, 44.36, 33.31), (0.0, 0.0, 1.0, 1.0)]),
        "search": lambda: rng.choice(["rockets", "drone police", "Baghdad", "nothing", "!!"]),
    }
    chosen = rng.sample(list(makers), rng.choice([0, 1, 1, 2, 2, 3, 4]))
    return EventFilters(**{name: makers[name]() for name in chosen})  # type: ignore[arg-type]


def test_counts_and_pages_are_the_sqls_on_random_combinations(
    stores: tuple[Store, Store],
) -> None:
    _same_answers(*stores, random.Random(11))


def test_the_answers_stay_the_sqls_while_a_writer_saves_replaces_and_deletes(
    stores: tuple[Store, Store], make_document: MakeDocument, make_event: MakeEvent
) -> None:
    """The index built, then new documents, the newest replaced (SQLite gives its new
    events the same ids), others deleted: answered from the index and the changed events."""
    indexed, plain = stores
    rng = random.Random(3)
    for n in range(6):
        plain.save(make_document(f"Later {n}.", url=f"https://index.example/later/{n}"),
                   [_event(rng, make_event) for _ in range(rng.randint(1, 5))])
    newest = plain.documents(limit=1)[0]
    count = plain.count_events(EventFilters(document_id=newest.id))
    plain.replace_events(newest.id, [_event(rng, make_event) for _ in range(count)])
    for document in plain.documents(limit=3, offset=4):
        plain.delete_document(document.id)
    with indexed._engine.connect() as connection:  # the changes overlay the index built before
        view = indexed._filter_indexes.current(connection)
        assert view is not None and view._changed is not None
    _same_answers(indexed, plain, random.Random(12))


def test_a_replacement_changes_the_revision(
    store: Store, make_document: MakeDocument, make_event: MakeEvent
) -> None:
    document = make_document("Only news.", url="https://index.example/only")
    store.save(document, [make_event("Rockets struck Baghdad.")])
    before = store.revision()
    store.replace_events(document.id, [make_event("Rockets struck Erbil.")])
    assert store.revision() != before


def test_views_grown_save_by_save_stay_the_sqls(
    stores: tuple[Store, Store], make_document: MakeDocument, make_event: MakeEvent
) -> None:
    """A revision's view grows from the last one's (only the last change's events are
    read): after each save, replacement and deletion in turn, the answers are the SQL's,
    and the view holds every event changed since the build."""
    indexed, plain = stores
    rng = random.Random(8)
    changed: set[int] = set()
    for step in range(12):
        if step % 3 == 0:
            plain.save(make_document(f"Step {step}.", url=f"https://index.example/step/{step}"),
                       [_event(rng, make_event) for _ in range(rng.randint(1, 4))])
        else:
            document = rng.choice(plain.documents(limit=50))
            mine = EventFilters(document_id=document.id)
            changed |= {row.id for row in plain.events(mine, limit=100)}
            if step % 3 == 1:
                plain.replace_events(document.id, [_event(rng, make_event)])
            else:
                plain.delete_document(document.id)
        _same_answers(indexed, plain, random.Random(step), rounds=30)
    with indexed._engine.connect() as connection:
        view = indexed._filter_indexes.current(connection)
        assert view is not None and changed <= set(view.changed_ids.tolist())


def _same_answers(indexed: Store, plain: Store, rng: random.Random, rounds: int = 300) -> None:
    every = plain.events(EventFilters(), limit=1000)
    some_ids = (*(row.id for row in rng.sample(every, 20)), 10**9)
    nonzero = 0
    for _ in range(rounds):
        filters = _filters(rng)
        if rng.random() < 0.1:
            filters = EventFilters(event_ids=some_ids, category=filters.category)
        total = plain.count_events(filters)
        assert indexed.count_events(filters) == total, filters
        nonzero += total > 0
        for limit, offset in ((5, 0), (7, 3), (50, 0)):
            page = plain.event_columns(filters, limit=limit, offset=offset)
            assert indexed.event_columns(filters, limit=limit, offset=offset) == page, filters
            # the API's page: actors and evidence of unchanged events from memory
            assert indexed.event_page(filters, limit=limit, offset=offset) == (total, page)
        assert indexed.event_days(filters) == plain.event_days(filters), filters  # timeline
    assert nonzero > rounds // 3  # the combinations select something, not only nothing


def test_an_event_stored_after_the_build_is_counted_at_once(
    stores: tuple[Store, Store], make_document: MakeDocument, make_event: MakeEvent
) -> None:
    indexed, plain = stores
    drone = EventFilters(place="baghdad", mode="aerial")
    before = indexed.count_events(drone)
    event = make_event("A drone struck Baghdad.", mode="aerial", where=PLACES[0],
                        when=When(date(2024, 6, 1), None, "day"))
    plain.save(make_document("Late news.", url="https://index.example/late"), [event])
    assert indexed.count_events(drone) == before + 1
    first = indexed.events(drone, limit=1)[0]
    assert first.event.evidence.text == "A drone struck Baghdad."  # the newest, first


def test_a_deleted_document_leaves_the_answers_at_once(stores: tuple[Store, Store]) -> None:
    indexed, plain = stores
    document = plain.documents(limit=1)[0]
    mine = EventFilters(document_id=document.id)
    assert indexed.count_events(mine) > 0
    plain.delete_document(document.id)
    assert indexed.count_events(mine) == 0
    assert indexed.event_columns(mine) == []


@pytest.mark.postgresql
def test_postgresql_writers_take_their_change_numbers_in_commit_order(
    pg_url: str, make_document: MakeDocument, make_event: MakeEvent
) -> None:
    """A reader that saw change n must have seen every change numbered below it: a second
    writer waits for the first to commit before it logs a change."""
    with Store.open(pg_url) as store:
        for n in range(2):
            store.save(make_document(f"Doc {n}.", url=f"https://index.example/pg/{n}"),
                       [make_event(f"Rockets struck base {n}.")])
        first, second = (row.id for row in store.events(EventFilters(), limit=2))
        engine = create_engine(pg_url, poolclass=NullPool)
        try:
            with engine.connect() as holder:
                holder.execute(text("DELETE FROM events WHERE id = :i"), {"i": first})
                done = threading.Event()

                def other_writer() -> None:
                    with engine.begin() as connection:
                        connection.execute(text("DELETE FROM events WHERE id = :i"),
                                           {"i": second})
                    done.set()

                thread = threading.Thread(target=other_writer)
                thread.start()
                assert not done.wait(0.5)  # blocked while the first has not committed
                holder.commit()
                thread.join(10)
                assert done.is_set()
            with engine.connect() as reader:
                order = reader.execute(text("SELECT event_id FROM event_changes WHERE event_id "
                                            "IN (:a, :b) ORDER BY seq"),
                                       {"a": first, "b": second}).scalars().all()
            assert order[-2:] == [first, second]  # after the two inserts, the deletions
        finally:
            engine.dispose()


def test_a_page_shows_a_replaced_events_new_json(
    stores: tuple[Store, Store], make_document: MakeDocument, make_event: MakeEvent
) -> None:
    """An event stored again after the build (SQLite reuses the newest id) is listed with
    its new JSON, actors and evidence."""
    indexed, plain = stores
    document = make_document("Newest.", url="https://index.example/newest")
    day = When(date(2030, 1, 1), None, "day")  # first in the list
    plain.save(document, [make_event("Rockets struck Baghdad.", actors=(ACTORS[0],), when=day)])
    mine = EventFilters(document_id=document.id)
    _, before = indexed.event_items(mine, limit=5)
    plain.replace_events(document.id, [make_event("Police arrested gunmen in Suva.",
                                                  actors=(ACTORS[4],), when=day)])
    total, after = indexed.event_items(mine, limit=5)
    assert (total, after) == (1, plain.event_items(mine, limit=5)[1])
    assert b"Suva" in after[0] and b"Suva" not in before[0]


def test_a_search_asked_again_after_saves_sees_each_events_own_words(
    stores: tuple[Store, Store], make_document: MakeDocument, make_event: MakeEvent
) -> None:
    """The matches of a full-text query are handed from each revision's index to the
    next, and only the events saved since are asked about: an event stored again (SQLite
    reuses the newest id) is matched by its new sentence, not its old one."""
    indexed, plain = stores
    newest = make_document("Newest.", url="https://index.example/search-newest")
    day = When(date(2030, 1, 1), None, "day")
    plain.save(newest, [make_event("Rockets struck Baghdad.", when=day)])
    mine = EventFilters(document_id=newest.id, search="rockets")
    every = EventFilters(search="rockets")
    assert indexed.count_events(mine) == 1
    before = indexed.count_events(every)
    plain.replace_events(newest.id, [make_event("Police arrested gunmen in Suva.", when=day)])
    assert indexed.count_events(mine) == 0
    assert indexed.count_events(EventFilters(document_id=newest.id, search="police")) == 1
    for n in range(3):  # revisions in which nobody searches
        plain.save(make_document(f"Later {n}.", url=f"https://index.example/later/{n}"),
                   [make_event(f"Rockets hit post {n}.")])
    assert indexed.count_events(every) == before - 1 + 3 == plain.count_events(every)


def test_a_rebuild_under_a_writer_has_the_searches_its_requests_asked(
    stores: tuple[Store, Store], make_document: MakeDocument, make_event: MakeEvent,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An index replaced after REBUILD_AFTER changes asks the full-text index again, in its
    own thread, for the queries asked of the one it replaces: the requests after it ask
    none, and are answered as they are now."""
    indexed, plain = stores
    monkeypatch.setattr(filter_index, "REBUILD_AFTER", 3)
    drone = EventFilters(search="drone police")
    indexed.count_events(drone)
    built = indexed._filter_indexes._index
    for n in range(3):
        plain.save(make_document(f"Rebuilt {n}.", url=f"https://index.example/rebuilt/{n}"),
                   [make_event(f"A drone hit a police post {n}."), make_event("Rockets.")])
    assert indexed.count_events(drone) == plain.count_events(drone)  # starts the build
    assert indexed.wait_for_filter_index()
    assert indexed._filter_indexes._index is not built
    searches: list[str] = []
    sql = "events_fts" if indexed._engine.dialect.name == "sqlite" else "to_tsvector"

    def listen(*args: object) -> None:
        if sql in str(args[2]):
            searches.append(str(args[2]))

    event.listen(indexed._engine, "before_cursor_execute", listen)
    try:
        assert indexed.count_events(drone) == plain.count_events(drone)
        assert indexed.count_events(EventFilters(search="rockets")) == plain.count_events(
            EventFilters(search="rockets"))
    finally:
        event.remove(indexed._engine, "before_cursor_execute", listen)
    assert len(searches) == 1  # "rockets", never asked before the rebuild


@pytest.mark.postgresql
def test_postgresql_asks_for_the_searches_of_a_saves_events_once_for_every_query(
    stores: tuple[Store, Store], make_document: MakeDocument, make_event: MakeEvent
) -> None:
    """Under a writer each revision's view tests the events saved since against every
    query remembered, in one statement, when it is grown: the requests of that revision
    ask none of their own."""
    indexed, plain = stores
    if indexed._engine.dialect.name != "postgresql":
        pytest.skip("one statement for every query is PostgreSQL's")
    queries = [EventFilters(search=words) for words in ("rockets", "drone police", "Baghdad")]
    for query in queries:
        indexed.count_events(query)  # remembered by the build's index
    statements: list[str] = []

    def listen(*args: object) -> None:
        if "to_tsvector" in str(args[2]):
            statements.append(str(args[2]))

    event.listen(indexed._engine, "before_cursor_execute", listen)
    try:
        for n in range(3):
            plain.save(make_document(f"Saved {n}.", url=f"https://index.example/saved/{n}"),
                       [make_event(f"A drone hit a police post in Baghdad {n}."),
                        make_event("Rockets fell.")])
            for query in queries:
                assert indexed.count_events(query) == plain.count_events(query), query
    finally:
        event.remove(indexed._engine, "before_cursor_execute", listen)
    assert len(statements) == 3 and all("unnest" in s for s in statements)  # one a revision

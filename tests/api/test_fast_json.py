"""The events list's fast path (JSON straight from columns) equals the pydantic models' JSON.

GET /api/events writes each page with schemas.event_page_json, not through EventRow ->
schemas.Event; this holds the two byte-for-byte equal on a varied store (every optional
field set and unset, several actors per role, non-ASCII text, odd numbers), on SQLite and
PostgreSQL, and through the HTTP API.
"""

from __future__ import annotations

import logging
from collections import Counter
from datetime import UTC, date, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from marsad.api import create_app
from marsad.api.schemas import Event as EventModel
from marsad.api.schemas import Page, event_of, event_page_json
from marsad.store import EventFilters, Store
from marsad.store import store as store_module
from marsad.store.listing import LISTING_FORMAT
from marsad.store.mapping import event_row_from_columns
from marsad.store.models import EventModel as StoredEvent
from marsad.types import (
    ActorRef,
    Attribution,
    Document,
    Event,
    FieldEvidence,
    PlaceRef,
    Quantity,
    Span,
    Stance,
    When,
    content_hash,
)
from synthetic_store import fill

TEXT = (
    "قصفت طائرة مسيرة موقعا في الموصل. "
    'Officials said "nothing" happened \\ at all; émigrés protested.\n'
    "Later, an undated statement followed. 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 and \u2028 separators."
)


def _document(text: str, *, url: str | None, title: str | None, published: date | None) -> Document:
    digest = content_hash(text)
    return Document(
        id=Document.make_id(digest),
        url=url,
        source=None,
        title=title,
        published=published,
        lang="ar",
        text=text,
        raw_format="text",
        fetched_at=datetime(2024, 2, 1, tzinfo=UTC),
        content_hash=digest,
        origin="test",
        published_from="metadata",
    )


def _varied_events(text: str) -> list[Event]:
    whole = Span(0, len(text), text)
    first = Span(0, 10, text[:10])
    return [
        Event(
            kind="incident",
            category="ASSAULT",
            evidence=first,
            mode="drone",
            context=("military", "élite"),
            acled_type="Explosions/Remote violence",
            actors=(
                ActorRef("طائرة مسيرة"),
                ActorRef("the militia", "kh", "Kataib Hezbollah", "militia", "IQ"),
                ActorRef("proposed one", "proposed:x-brigade", "X Brigade"),
            ),
            recipients=(ActorRef("a site", None, None, None, "IQ"), ActorRef('"quoted" \\ one')),
            where=PlaceRef("الموصل", "mosul", "Mosul", 36.0, -0.0, "Nineveh", "IQ", "city"),
            when=When(date(2024, 1, 31), date(2024, 2, 2), "range", "a range"),
            killed=Quantity(0),
            injured=Quantity(12, "more_than"),
            casualties=Quantity(3, "about"),
            count=Quantity(1_000_000, "at_most"),
            said_by=Attribution(ActorRef("officials", "gov", "Government"), "claim"),
            factuality="claimed",
            stance=Stance("withdrawal", "against", ActorRef("the militia", "kh")),
            field_evidence=(
                FieldEvidence("where", Span(24, 30, text[24:30])),
                FieldEvidence("trigger", Span(0, 4, text[0:4])),
                FieldEvidence("trigger", Span(5, 10, text[5:10])),
            ),
            confidence=1.0,
        ),
        Event(kind="statement", category="ACCUSE", evidence=whole, confidence=0.0),
        Event(
            kind="aggregate",
            category="ASSAULT",
            evidence=whole,
            where=PlaceRef("somewhere"),  # unresolved: no coordinates
            when=When(None, None, None, "undated: said 'later'"),
            count=Quantity(40, "more_than"),
            stance=Stance("talks", "for"),  # no holder
            factuality="future",
            confidence=0.1 + 0.2,  # a float with a long repr
        ),
        Event(
            kind="incident",
            category="PROTEST",
            evidence=Span(35, 60, text[35:60]),
            where=PlaceRef("Iraq", "iq", "Iraq", 33.0, 44.0, None, "IQ", "country"),
            when=When(date(2023, 12, 1), precision="month", how="month named"),
            said_by=Attribution(ActorRef("witnesses")),
            confidence=1 / 3,
        ),
    ]


def _fill_varied(store: Store) -> None:
    fill(store, count=12)
    store.save(_document(TEXT, url=None, title=None, published=None), _varied_events(TEXT))
    other = "Une déclaration. " + TEXT
    store.save(
        _document(
            other, url="https://example.org/é?a=1&b=<2>", title='Ti"tle', published=date(2024, 2, 3)
        ),
        _varied_events(other)[::-1],
    )


def _slow(store: Store, filters: EventFilters, limit: int, offset: int) -> bytes:
    total = store.count_events(filters)
    rows = store.events(filters, limit=limit, offset=offset)
    following = offset + len(rows)
    return (
        Page[EventModel](
            total=total,
            limit=limit,
            offset=offset,
            next_offset=following if following < total else None,
            items=[event_of(row) for row in rows],
        )
        .model_dump_json()
        .encode()
    )


def _fast(store: Store, filters: EventFilters, limit: int, offset: int) -> bytes:
    total, items = store.event_items(filters, limit=limit, offset=offset)
    following = offset + len(items)
    return event_page_json(
        total=total,
        limit=limit,
        offset=offset,
        next_offset=following if following < total else None,
        items=items,
    )


def test_fast_page_json_equals_the_models_json(store: Store) -> None:
    _fill_varied(store)
    for filters, limit, offset in CASES:
        fast, slow = _fast(store, filters, limit, offset), _slow(store, filters, limit, offset)
        assert fast == slow, (filters, limit, offset)
    every = store.event_columns(EventFilters(), limit=1000)
    assert len(every) == store.count_events() > 40
    # Each item is the EventRow events() gives, mapped from the same columns.
    assert [event_row_from_columns(*parts) for parts in every] == store.events(limit=1000)


CASES = [
    (EventFilters(), 500, 0),
    (EventFilters(), 7, 0),
    (EventFilters(), 7, 14),
    (EventFilters(category="assault", country="iq"), 5, 3),
    (EventFilters(kind="statement"), 50, 0),
    (EventFilters(actor="militia"), 50, 0),
    (EventFilters(), 50, 10_000),  # past the end: no items
]


def _formats(store: Store) -> Counter[int | None]:
    with store._engine.connect() as connection:  # what the rows hold, not what reads give
        return Counter(connection.execute(select(StoredEvent.listing_format)).scalars())


def test_events_stored_before_their_json_are_rendered_then_filled(
    store: Store, store_url: str
) -> None:
    """A store of an older version (events without their stored JSON, or with another
    version's) lists the same JSON, and opening it with this version stores theirs."""
    _fill_varied(store)
    with store._engine.begin() as connection:
        ids = list(connection.execute(select(StoredEvent.id)).scalars())
        connection.execute(update(StoredEvent).where(StoredEvent.id.in_(ids[::2]))
                           .values(listing=None, listing_format=None))
        connection.execute(update(StoredEvent).where(StoredEvent.id.in_(ids[1::4]))
                           .values(listing='{"stale": true}', listing_format=LISTING_FORMAT + 1))
    assert _formats(store)[LISTING_FORMAT] < len(ids) // 2
    for filters, limit, offset in CASES:
        fast, slow = _fast(store, filters, limit, offset), _slow(store, filters, limit, offset)
        assert fast == slow, (filters, limit, offset)
    with Store.open(store_url) as reopened:
        assert _formats(reopened) == {LISTING_FORMAT: len(ids)}
        for filters, limit, offset in CASES:
            assert _fast(reopened, filters, limit, offset) == _slow(store, filters, limit, offset)


def test_a_long_fill_of_the_stored_json_says_how_far_it_is(
    store: Store, store_url: str, monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    _fill_varied(store)
    with store._engine.begin() as connection:
        connection.execute(update(StoredEvent).values(listing=None, listing_format=None))
        stored = len(list(connection.execute(select(StoredEvent.id)).scalars()))
    monkeypatch.setattr(store_module, "LISTINGS_BATCH", 3)  # as a large store's batches
    with caplog.at_level(logging.INFO, logger="marsad.store.store"):
        Store.open(store_url).close()
    lines = [r.getMessage() for r in caplog.records if "list JSON" in r.getMessage()]
    assert lines[0].endswith(": 3 so far")  # at once, not only at the end
    assert lines[-1] == f"stored the list JSON of {stored} events"
    assert _formats(store) == {LISTING_FORMAT: stored}


def test_the_api_list_serves_the_models_json(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'varied.db'}"
    with Store.open(url) as store:
        _fill_varied(store)
        expected = _slow(store, EventFilters(), 500, 0)
        one = event_of(store.events(limit=1)[0]).model_dump_json().encode()
    for cache_mb in (64, 0):
        app = create_app(
            url, token=None, tile_url="", cache_mb=cache_mb, allowed_hosts=["testserver"]
        )
        with TestClient(app) as client:
            response = client.get("/api/events", params={"limit": 500})
            assert response.status_code == 200
            assert response.headers["content-type"] == "application/json"
            assert response.content == expected
            first = client.get("/api/events", params={"limit": 1}).json()["items"][0]
            assert client.get(f"/api/events/{first['id']}").content == one

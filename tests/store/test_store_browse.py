"""The store's queries for the API and dashboard: full text, bbox, place, counts, timeline,
map points, registries, deletion and the revision token — on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest

from marsad.store import EventFilters, Store
from marsad.types import ActorRef, PlaceRef, Quantity, Span, When


@pytest.fixture
def browse(store: Store, make_document, make_event) -> Store:
    baghdad = PlaceRef(
        "Baghdad",
        place_id="baghdad",
        name="Baghdad",
        lat=33.31,
        lon=44.36,
        country="IQ",
        precision="city",
    )
    erbil = PlaceRef(
        "Erbil",
        place_id="erbil",
        name="Erbil",
        lat=36.19,
        lon=44.01,
        country="IQ",
        precision="city",
    )
    fiji = PlaceRef("Taveuni", lat=-16.8, lon=179.9, country="FJ", precision="city")
    pmf = ActorRef("PMF", actor_id="pmf", name="Popular Mobilization Forces", sector="militia")

    def on(d: int) -> When:
        return When(date(2024, 1, d), precision="day", how="given")

    doc = make_document("Body.", url="https://x.example/1")
    store.save(
        doc,
        [
            make_event(
                "A drone struck a convoy near Baghdad airport.",
                where=baghdad,
                when=on(3),
                actors=(pmf,),
                killed=Quantity(2),
            ),
            make_event(
                "Rockets hit the Erbil base; the drone was downed.",
                where=erbil,
                when=on(3),
                category="ASSAULT",
            ),
            make_event(
                "Protesters gathered in Baghdad.",
                where=baghdad,
                when=on(5),
                category="PROTEST",
                kind="incident",
            ),
            make_event("Storm over Taveuni.", where=fiji, when=on(6), category="AID"),
            make_event("Undated drone claim.", category="ASSAULT"),
        ],
    )
    return store


def ids(store: Store, **filters) -> list[str]:
    return [row.event.evidence.text for row in store.events(EventFilters(**filters))]


def test_full_text_needs_every_word_in_any_case(browse: Store) -> None:
    assert len(ids(browse, search="DRONE")) == 3
    assert ids(browse, search="drone baghdad") == ["A drone struck a convoy near Baghdad airport."]
    assert ids(browse, search="drone tehran") == []


def test_full_text_syntax_in_the_query_is_just_words(browse: Store) -> None:
    # FTS5 operators, quotes and SQL in user text must neither fail nor widen the match.
    assert ids(browse, search='drone" OR "storm') == []
    assert len(ids(browse, search="drone*")) == 3
    assert ids(browse, search="'; DROP TABLE events; --") == []
    assert ids(browse, search="!!!") == []
    assert browse.count_events() == 5


def test_full_text_follows_re_extraction(browse: Store, make_document, make_event) -> None:
    browse.save(make_document("Body.", url="https://x.example/1"), [make_event("Ceasefire talks.")])
    assert ids(browse, search="drone") == []
    assert ids(browse, search="ceasefire") == ["Ceasefire talks."]


def test_bbox_and_place(browse: Store) -> None:
    iraq = (38.0, 29.0, 49.0, 38.0)
    assert len(ids(browse, bbox=iraq)) == 3
    assert ids(browse, bbox=(170.0, -20.0, -170.0, -10.0)) == ["Storm over Taveuni."]
    assert len(ids(browse, place="baghdad")) == 2
    assert len(ids(browse, place="bagh")) == 2


def test_counts_days_and_points(browse: Store) -> None:
    assert browse.count_events(EventFilters(category="assault")) == 3
    days = [(d.day.day, d.category, d.events) for d in browse.event_days()]
    assert days == [(3, "ASSAULT", 2), (5, "PROTEST", 1), (6, "AID", 1)]
    points = browse.event_points(EventFilters(country="IQ"))
    assert [p.place for p in points] == ["Baghdad", "Baghdad", "Erbil"]
    assert points[1].killed == 2


def test_registries_count_their_events(browse: Store) -> None:
    actors = browse.actors()
    assert [(a.id, a.events) for a in actors] == [("pmf", 1)]
    places = browse.places(country="iq")
    assert [(p.id, p.events) for p in places] == [("baghdad", 2), ("erbil", 1)]
    assert browse.places(search="erb")[0].lat == pytest.approx(36.19)


def test_event_by_id_iteration_and_deletion(browse: Store) -> None:
    first = browse.events(limit=1)[0]
    assert browse.event(first.id) == first
    assert browse.event(10**9) is None
    assert [row.id for row in browse.iter_events(batch=2)] == [row.id for row in browse.events()]
    before = browse.revision()
    assert browse.revision() == before
    assert browse.delete_document(first.document_id) is True
    assert browse.delete_document(first.document_id) is False
    assert browse.count_events() == 0
    assert browse.count_documents() == 0
    assert browse.revision() != before
    assert ids(browse, search="drone") == []


def test_revision_changes_on_re_extraction(browse: Store, make_document, make_event) -> None:
    before = browse.revision()
    row = browse.events(limit=1)[0]
    browse.replace_events(row.document_id, [make_event("x", evidence=Span(0, 1, "x"))])
    assert browse.revision() != before


def test_revision_changes_with_documents_and_incidents_that_change_no_event(
    store: Store, make_document, make_event
) -> None:
    """A document without events stored or deleted, and an analyst's merge: the API's ETag
    (and the filter index's check) must see each, and nothing else."""
    seen = {store.revision()}

    def changed() -> bool:
        revision = store.revision()
        fresh = revision not in seen
        seen.add(revision)
        return fresh

    quiet = make_document("Nothing happened today.", url="https://rev.example/quiet")
    store.add_document(quiet)
    assert changed()
    store.add_document(quiet)  # stored already: nothing changes
    assert not changed()
    assert store.delete_document(quiet.id)
    assert changed()
    for n, day in enumerate((date(2024, 1, 5), date(2024, 9, 20))):  # months apart: two
        store.save(make_document(f"Rockets {n}.", url=f"https://rev.example/{n}"),
                   [make_event(f"Rockets struck Baghdad {n}.", when=When(day, None, "day"))])
    assert changed()
    incidents = [incident.id for incident in store.incidents(limit=10)]
    assert len(incidents) == 2
    store.merge_incidents(incidents)
    assert changed()
    assert not changed()  # unchanged store, same revision

"""Reading: event filters, stable pagination, document look-up, statistics."""

from __future__ import annotations

from datetime import date

import pytest

from marsad.errors import StoreError
from marsad.store import EventFilters, Store
from marsad.types import ActorRef, PlaceRef, Span, When


@pytest.fixture
def seeded(store: Store, make_document, make_event) -> Store:
    """Three documents, six events: dated, ranged and undated; two countries; three kinds."""
    iraq = PlaceRef("Ain al-Asad", place_id="ain-al-asad", country="IQ", precision="facility")
    syria = PlaceRef("al-Tanf", country="SY", precision="facility")
    militia = ActorRef("Islamic Resistance in Iraq", name="Islamic Resistance in Iraq")
    us = ActorRef("US forces", name="United States Armed Forces")

    def day(year: int, month: int, d: int) -> When:
        return When(date(year, month, d), precision="day", how="given")

    a = make_document(
        "Document A text.", url="https://a.example/1", source="Alpha", published=date(2023, 12, 10)
    )
    store.save(
        a,
        [
            make_event(
                "Rockets hit Ain al-Asad.",
                actors=(militia,),
                recipients=(us,),
                where=iraq,
                when=day(2023, 12, 8),
            ),
            make_event(
                "Drone struck al-Tanf.",
                actors=(ActorRef("drone operators"),),
                recipients=(us,),
                where=syria,
                when=day(2023, 12, 9),
            ),
            make_event(
                "Over 70 attacks since October.",
                kind="aggregate",
                actors=(militia,),
                when=When(date(2023, 10, 17), date(2023, 12, 10), "range", "since Oct 17"),
            ),
        ],
    )
    b = make_document(
        "Document B text.",
        url="https://b.example/2",
        source="Beta",
        published=date(2024, 1, 6),
        lang="ar",
    )
    store.save(
        b,
        [
            make_event(
                "The minister urged Baghdad to protect missions.",
                kind="statement",
                category="REQUEST",
                actors=(ActorRef("the minister"),),
                when=day(2024, 1, 5),
            ),
            make_event("An attack 50% bigger than before.", where=iraq, when=day(2024, 1, 5)),
        ],
    )
    c = make_document("Document C text.", url=None, source="Alpha", published=None)
    store.save(c, [make_event("Shelling was reported, date unknown.", where=syria)])
    return store


def sentences(store: Store, **filters) -> list[str]:
    return [row.event.evidence.text for row in store.events(EventFilters(**filters))]


def test_events_are_newest_first_with_undated_last(seeded: Store) -> None:
    assert sentences(seeded) == [
        "The minister urged Baghdad to protect missions.",
        "An attack 50% bigger than before.",
        "Drone struck al-Tanf.",
        "Rockets hit Ain al-Asad.",
        "Over 70 attacks since October.",
        "Shelling was reported, date unknown.",
    ]


def test_date_range_selects_overlapping_events(seeded: Store) -> None:
    assert sentences(seeded, since=date(2023, 12, 9), until=date(2023, 12, 31)) == [
        "Drone struck al-Tanf.",
        "Over 70 attacks since October.",  # 17 Oct - 10 Dec overlaps
    ]
    assert sentences(seeded, until=date(2023, 11, 1)) == ["Over 70 attacks since October."]
    assert len(sentences(seeded, since=date(2024, 1, 1))) == 2


def test_filter_by_kind_category_and_country(seeded: Store) -> None:
    assert sentences(seeded, kind="statement") == [
        "The minister urged Baghdad to protect missions."
    ]
    assert sentences(seeded, category="request") == sentences(seeded, kind="statement")
    assert sentences(seeded, country="sy") == [
        "Drone struck al-Tanf.",
        "Shelling was reported, date unknown.",
    ]
    assert sentences(seeded, category="ASSAULT", country="IQ", until=date(2023, 12, 31)) == [
        "Rockets hit Ain al-Asad."
    ]


def test_filter_by_actor_matches_actors_and_recipients_text_or_name(seeded: Store) -> None:
    assert sentences(seeded, actor="islamic resistance") == [
        "Rockets hit Ain al-Asad.",
        "Over 70 attacks since October.",
    ]
    # "US forces" is the recipient; "armed forces" only matches its canonical name.
    assert sentences(seeded, actor="ARMED FORCES") == [
        "Drone struck al-Tanf.",
        "Rockets hit Ain al-Asad.",
    ]
    assert sentences(seeded, actor="nobody") == []


def test_filter_values_are_matched_literally(seeded: Store) -> None:
    # LIKE wildcards in the user's text are characters, not patterns.
    assert sentences(seeded, text="50%") == ["An attack 50% bigger than before."]
    assert sentences(seeded, text="%") == ["An attack 50% bigger than before."]
    assert sentences(seeded, actor="_") == []
    assert sentences(seeded, text="'; DROP TABLE events; --") == []
    assert len(sentences(seeded)) == 6


def test_filter_by_text_and_document(seeded: Store) -> None:
    assert sentences(seeded, text="AIN AL-ASAD") == ["Rockets hit Ain al-Asad."]
    [doc_c] = [row for row in seeded.documents() if row.url is None]
    assert sentences(seeded, document_id=doc_c.id) == ["Shelling was reported, date unknown."]


def test_event_rows_carry_actors_recipients_and_document(seeded: Store) -> None:
    [row] = seeded.events(EventFilters(text="Ain al-Asad"))
    assert [a.text for a in row.event.actors] == ["Islamic Resistance in Iraq"]
    assert [r.name for r in row.event.recipients] == ["United States Armed Forces"]
    assert row.event.where is not None and row.event.where.place_id == "ain-al-asad"
    assert (row.document_source, row.document_url) == ("Alpha", "https://a.example/1")
    assert row.event.evidence == Span(0, 24, "Rockets hit Ain al-Asad.")


def test_pages_cover_every_event_once_in_order(seeded: Store) -> None:
    everything = [row.id for row in seeded.events()]
    pages = [[row.id for row in seeded.events(limit=4, offset=o)] for o in (0, 4, 8)]
    assert [len(page) for page in pages] == [4, 2, 0]
    assert pages[0] + pages[1] == everything
    assert len(set(everything)) == 6


def test_documents_list_filters_and_pages(seeded: Store) -> None:
    rows = seeded.documents()
    assert [(row.source, row.published, row.event_count) for row in rows] == [
        ("Beta", date(2024, 1, 6), 2),
        ("Alpha", date(2023, 12, 10), 3),
        ("Alpha", None, 1),
    ]
    assert [row.source for row in seeded.documents(source="Alpha")] == ["Alpha", "Alpha"]
    assert [row.lang for row in seeded.documents(lang="ar")] == ["ar"]
    assert [row.published for row in seeded.documents(since=date(2024, 1, 1))] == [date(2024, 1, 6)]
    assert [row.published for row in seeded.documents(until=date(2023, 12, 31))] == [
        date(2023, 12, 10)
    ]
    paged = seeded.documents(limit=2) + seeded.documents(limit=2, offset=2)
    assert [row.id for row in paged] == [row.id for row in rows]


def test_document_by_id_or_unique_prefix(seeded: Store, make_document) -> None:
    [row, *_] = seeded.documents()
    assert seeded.document(row.id) == row
    assert seeded.document(row.id[:10]) == row
    assert seeded.document("doc-ffffffffffff") is None
    assert seeded.document("doc-%") is None  # the prefix is literal, not a pattern
    with pytest.raises(StoreError, match="ambiguous"):
        seeded.document("doc-")


def test_stats_count_what_is_stored(seeded: Store) -> None:
    stats = seeded.stats()
    assert (stats.documents, stats.events) == (3, 6)
    assert stats.events_by_kind == {"incident": 4, "aggregate": 1, "statement": 1}
    assert stats.events_by_category == {"ASSAULT": 5, "REQUEST": 1}
    assert stats.documents_by_source == {"Alpha": 2, "Beta": 1}
    assert stats.documents_by_lang == {"en": 2, "ar": 1}
    assert (stats.first_event, stats.last_event) == (date(2023, 10, 17), date(2024, 1, 5))
    assert (stats.first_published, stats.last_published) == (date(2023, 12, 10), date(2024, 1, 6))


def test_stats_of_an_empty_store(store: Store) -> None:
    stats = store.stats()
    assert (stats.documents, stats.events, stats.events_by_kind) == (0, 0, {})
    assert stats.first_event is None and stats.last_published is None

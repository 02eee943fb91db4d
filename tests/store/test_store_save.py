"""Saving: idempotent documents, events replaced whole, nothing half-written, lossless."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from marsad.errors import StoreError
from marsad.store import EventFilters, Store
from marsad.types import (
    ActorRef,
    Attribution,
    Event,
    FieldEvidence,
    PlaceRef,
    Quantity,
    Span,
    Stance,
    When,
)


def test_the_same_url_is_stored_once(store: Store, make_document, make_event) -> None:
    first = store.save(make_document("First version of the story."), [make_event()])
    # The article was edited: different text, same address.
    second = store.save(make_document("Second, edited version of the story."), [])
    assert first.created and not second.created
    assert second.document_id == first.document_id
    assert store.stats().documents == 1


def test_the_same_text_at_another_url_is_stored_once(store: Store, make_document) -> None:
    first = store.save(make_document("Rockets hit the base.", url="https://a.example/1"), [])
    # Syndicated copy: other site, other case and spacing; same normalised text.
    copy = make_document("  ROCKETS hit   the base. ", url="https://b.example/x", source="B")
    second = store.save(copy, [])
    assert (first.created, second.created) == (True, False)
    assert second.document_id == first.document_id
    assert store.find_document("https://elsewhere.example", copy.content_hash) == first.document_id
    assert [row.url for row in store.documents()] == ["https://a.example/1"]


def test_resaving_keeps_the_text_the_new_events_point_into(
    store: Store, make_document, make_event
) -> None:
    first = make_document("Two rockets hit the base. Nobody was hurt.")
    store.save(first, [make_event("Two rockets hit the base.")])
    # The article was updated at the same address and extracted again.
    edited = make_document("Update: three rockets hit the base. Two soldiers were hurt.")
    sentence = "three rockets hit the base."
    start = edited.text.index(sentence)
    event = make_event(sentence, evidence=Span(start, start + len(sentence), sentence))
    result = store.save(edited, [event])

    stored = store.document(result.document_id)
    assert stored is not None
    assert (stored.id, stored.text, stored.content_hash) == (
        first.id,
        edited.text,
        edited.content_hash,
    )
    [row] = store.events()
    span = row.event.evidence
    assert stored.text[span.start : span.end] == span.text
    # Either version is still recognised as this document.
    assert store.find_document(first.url, edited.content_hash) == first.id


def test_add_document_is_idempotent(store: Store, make_document) -> None:
    doc = make_document()
    assert store.add_document(doc).created
    again = store.add_document(doc)
    assert (again.document_id, again.created, again.events) == (doc.id, False, 0)
    assert store.find_document(doc.url, "no-such-hash") == doc.id
    assert store.find_document(None, "no-such-hash") is None


def test_resaving_replaces_the_documents_events(
    store: Store, make_document, make_event, count_rows
) -> None:
    doc = make_document()
    old = [
        make_event(
            "Old event one.",
            recipients=(ActorRef("US forces"),),
            field_evidence=(FieldEvidence("actor1", Span(0, 3, "Old")),),
        ),
        make_event("Old event two.", field_evidence=(FieldEvidence("where", Span(4, 9, "event")),)),
    ]
    assert store.save(doc, old).events == 2
    new = [make_event("New event.", field_evidence=(FieldEvidence("when", Span(0, 3, "New")),))]
    result = store.save(doc, new)

    assert (result.created, result.events) == (False, 1)
    assert [row.event for row in store.events()] == new
    counts = count_rows()
    assert counts["events"] == 1
    assert counts["evidence"] == 1  # the old events' evidence went with them
    assert counts["event_actors"] == 1  # ... and so did their actors and recipients


def test_replace_events_on_an_unknown_document_is_refused(store: Store, make_event) -> None:
    with pytest.raises(StoreError, match="no document 'doc-missing'"):
        store.replace_events("doc-missing", [make_event()])


def test_a_failing_save_leaves_the_store_as_it_was(
    store: Store, make_document, make_event, count_rows
) -> None:
    # A negative death toll breaks the events table's CHECK constraint; it comes after a
    # valid event, a resolved actor (registry row) and the new document in the same save.
    good = make_event(actors=(ActorRef("IRI", actor_id="irq-iri", name="Islamic Resistance"),))
    bad = make_event(killed=Quantity(-1))
    with pytest.raises(StoreError, match="killed_not_negative") as raised:
        store.save(make_document(), [good, bad])
    assert "doc-" in str(raised.value)  # the message names the document
    assert count_rows() == dict.fromkeys(count_rows(), 0)

    # Re-extraction of a stored document that fails keeps its previous events.
    doc = make_document()
    store.save(doc, [good])
    before = count_rows()
    with pytest.raises(StoreError):
        store.save(doc, [make_event("replacement"), make_event(confidence=1.5)])
    assert count_rows() == before
    assert [row.event for row in store.events()] == [good]


def test_every_field_of_an_event_round_trips(store: Store, make_document) -> None:
    text_ = "According to the Pentagon, over 70 attacks hit US forces in Iraq since October 17."
    event = make_event_full(text_)
    doc = make_document(text_)
    store.save(doc, [event])
    [row] = store.events()
    assert row.event == event
    assert (row.document_id, row.ordinal, row.document_title) == (doc.id, 0, doc.title)
    assert (row.document_url, row.document_source, row.published) == (
        doc.url,
        doc.source,
        doc.published,
    )
    # The document, fetched_at's time zone included, reads back as it was saved.
    stored = store.document(doc.id)
    assert stored is not None
    assert stored.to_document() == doc
    assert stored.event_count == 1


def make_event_full(sentence: str):
    from marsad.types import Event

    pentagon = ActorRef(
        "the Pentagon",
        actor_id="us-dod",
        name="US Department of Defense",
        sector="military",
        country="US",
    )
    return Event(
        kind="aggregate",
        category="ASSAULT",
        evidence=Span(10, 10 + len(sentence), sentence),
        mode="heavy-weapons",
        context=("military", "terrorism"),
        acled_type="Explosions/Remote violence",
        acled_subtype="Shelling/artillery/missile attack",
        actors=(
            ActorRef(
                "Iran-backed militias",
                actor_id="irq-pmf",
                name="PMF",
                sector="militia",
                country="IQ",
            ),
            ActorRef("Kataib Hezbollah"),
        ),
        recipients=(ActorRef("US forces", actor_id="us-forces", country="US"),),
        where=PlaceRef(
            "Iraq",
            place_id="iq",
            name="Iraq",
            lat=33.0,
            lon=44.0,
            admin1=None,
            country="IQ",
            precision="country",
        ),
        when=When(date(2023, 10, 17), date(2023, 12, 10), "range", "since October 17"),
        killed=Quantity(0),
        injured=Quantity(60, "more_than"),
        casualties=None,
        count=Quantity(70, "more_than"),
        said_by=Attribution(pentagon, "report"),
        factuality="asserted",
        stance=Stance("coalition-presence", "against", ActorRef("the prime minister")),
        field_evidence=(
            FieldEvidence("said_by", Span(13, 25, "the Pentagon")),
            FieldEvidence("count", Span(27, 34, "over 70")),
            FieldEvidence("recipient1", Span(48, 57, "US forces")),
        ),
        confidence=0.85,
    )


def test_a_reported_zero_is_stored_as_zero_not_unknown(
    store: Store, store_url: str, make_document, make_event
) -> None:
    event = make_event(killed=Quantity(0), injured=None)
    store.save(make_document(), [event])
    [row] = store.events()
    assert row.event.killed == Quantity(0)
    assert row.event.injured is None
    engine = create_engine(store_url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            killed, injured = connection.execute(text("SELECT killed, injured FROM events")).one()
    finally:
        engine.dispose()
    assert (killed, injured) == (0, None)


def test_arabic_text_round_trips(store: Store, make_document, make_event) -> None:
    text_ = "قصف صاروخي استهدف قاعدة عين الأسد الجوية في محافظة الأنبار، دون وقوع إصابات."
    doc = make_document(text_, url="https://ar.example/خبر", title="قصف قاعدة عين الأسد", lang="ar")
    event = make_event(
        text_,
        actors=(ActorRef("فصائل مسلحة", name="المقاومة الإسلامية في العراق"),),
        where=PlaceRef("قاعدة عين الأسد", country="IQ", precision="facility"),
        killed=Quantity(0),
    )
    store.save(doc, [event])

    stored = store.document(doc.id)
    assert stored is not None
    assert (stored.text, stored.title, stored.url) == (doc.text, doc.title, doc.url)
    assert [row.event for row in store.events(EventFilters(actor="المقاومة"))] == [event]
    assert len(store.events(EventFilters(text="عين الأسد"))) == 1


def test_resolved_references_enter_the_registries(
    store: Store, store_url: str, make_document
) -> None:
    store.save(make_document(), [make_event_full("An event.")])
    engine = create_engine(store_url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            actors = dict(connection.execute(text("SELECT id, name FROM actors")).all())
            proposed = dict(connection.execute(text("SELECT id, proposed FROM actors")).all())
            places = connection.execute(text("SELECT id, lat, country FROM places")).all()
    finally:
        engine.dispose()
    assert actors == {
        "us-dod": "US Department of Defense",
        "irq-pmf": "PMF",
        "us-forces": "US forces",
    }
    # us-dod is the pack's (curated); ids no pack knows are proposed for review
    assert proposed == {"us-dod": False, "irq-pmf": True, "us-forces": True}
    assert [tuple(p) for p in places] == [("iq", 33.0, "IQ")]


def test_pack_actors_enter_curated_and_proposed_names_for_review(
    store: Store, make_document
) -> None:
    kh = ActorRef("the Kataib Hezbollah group", actor_id="iq-pmf-kataib-hezbollah",
                  name="Kataib Hezbollah", sector="militia", country="IQ")
    new = ActorRef("Ahrar al-Iraq Brigades", actor_id="proposed:ahrar-iraq-brigades",
                   name="Ahrar al-Iraq Brigades")
    event = Event(kind="incident", category="ASSAULT", evidence=Span(0, 7, "A raid."),
                  actors=(new,), recipients=(kh,))
    store.save(make_document(), [event])
    rows = {a.id: a for a in store.actors()}
    curated = rows["iq-pmf-kataib-hezbollah"]
    assert not curated.proposed and curated.sector == "militia" and curated.country == "IQ"
    assert curated.name == "Kata'ib Hezbollah"  # the pack's, not the event's
    assert "Kataib Hizballah" in curated.aliases
    assert rows["proposed:ahrar-iraq-brigades"].proposed
    assert [a.id for a in store.actors(proposed=True)] == ["proposed:ahrar-iraq-brigades"]
    assert [a.id for a in store.actors(proposed=False)] == ["iq-pmf-kataib-hezbollah"]
    assert store.count_actors(proposed=True) == 1
    assert store.count_actors(proposed=True, search="kataib") == 0
    assert store.count_actors() == 2


def test_curated_rows_are_never_overwritten(store: Store, make_document) -> None:
    first = ActorRef("Nujaba", actor_id="iq-pmf-nujaba", name="Harakat al-Nujaba",
                     sector="militia", country="IQ")
    store.save(make_document("One."), [Event(kind="incident", category="ASSAULT",
                                             evidence=Span(0, 4, "One."), actors=(first,))])
    before = store.actors()[0]
    odd = ActorRef("x", actor_id="iq-pmf-nujaba", name="Something else", sector="party")
    store.save(make_document("Two."), [Event(kind="incident", category="ASSAULT",
                                             evidence=Span(0, 4, "Two."), actors=(odd,))])
    after = store.actors()[0]
    assert (after.name, after.sector, after.proposed) == (before.name, before.sector, False)


def test_a_proposed_row_is_promoted_once_the_pack_knows_it(
    store: Store, store_url: str, make_document
) -> None:
    ref = ActorRef("Nujaba", actor_id="iq-pmf-nujaba", name="Nujaba")
    store.save(make_document("One."), [Event(kind="incident", category="ASSAULT",
                                             evidence=Span(0, 4, "One."), actors=(ref,))])
    engine = create_engine(store_url, poolclass=NullPool)
    try:  # as an older marsad wrote it
        with engine.begin() as connection:
            connection.execute(text("UPDATE actors SET proposed = :p, name = 'Nujaba'"),
                               {"p": True})
    finally:
        engine.dispose()
    store.save(make_document("Two."), [Event(kind="incident", category="ASSAULT",
                                             evidence=Span(0, 4, "Two."), actors=(ref,))])
    row = store.actors()[0]
    assert not row.proposed and row.name != "Nujaba"

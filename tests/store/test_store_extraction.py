"""documents.extraction: a document without an extraction profile is stored and marked."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from alembic import command
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from marsad.errors import StoreError
from marsad.store import EXTRACTED, NO_PROFILE, Store
from marsad.store.migrate import alembic_config, current_revision, head_revision

ARABIC = "سقطت ثلاثة صواريخ قرب السفارة الأمريكية في المنطقة الخضراء وسط بغداد مساء الأحد."


def test_a_document_without_profile_is_stored_marked_and_counted(
    store: Store, make_document
) -> None:
    arabic = make_document(ARABIC, url="https://news.example/ar", lang="ar")
    saved = store.save(arabic, [], extraction=NO_PROFILE)
    store.save(make_document(url="https://news.example/en"), [])  # extracted, no events
    assert saved.created and saved.events == 0
    row = store.document(saved.document_id)
    assert row is not None and row.extraction == NO_PROFILE and row.event_count == 0
    assert {r.lang: r.extraction for r in store.documents()} == {"ar": NO_PROFILE, "en": EXTRACTED}
    stats = store.stats()
    assert stats.documents == 2
    assert stats.documents_without_profile == {"ar": 1}


def test_extracting_it_again_clears_the_mark(store: Store, make_document, make_event) -> None:
    arabic = make_document(ARABIC, url="https://news.example/ar", lang="ar")
    first = store.save(arabic, [], extraction=NO_PROFILE)
    # Once a profile exists: the same document, now with its events.
    again = store.save(arabic, [make_event()])
    assert not again.created and again.document_id == first.document_id and again.events == 1
    row = store.document(first.document_id)
    assert row is not None and row.extraction == EXTRACTED and row.event_count == 1
    assert store.stats().documents_without_profile == {}
    # And the other way: replacing its events records the state as well.
    store.replace_events(first.document_id, [], extraction=NO_PROFILE)
    assert store.stats().documents_without_profile == {"ar": 1}
    store.replace_events(first.document_id, [make_event()])
    assert store.document(first.document_id).extraction == EXTRACTED  # type: ignore[union-attr]


def test_ingesting_records_no_extraction(store: Store, make_document) -> None:
    saved = store.add_document(make_document())
    row = store.document(saved.document_id)
    assert row is not None and row.extraction is None
    assert store.stats().documents_without_profile == {}


def test_a_document_without_profile_cannot_have_events(
    store: Store, make_document, make_event
) -> None:
    with pytest.raises(ValueError, match="no events"):
        store.save(make_document(), [make_event()], extraction=NO_PROFILE)
    with pytest.raises(ValueError, match="extraction must be one of"):
        store.save(make_document(), [], extraction="language ar: no extraction profile")
    assert store.stats().documents == 0


def test_the_column_refuses_an_unknown_state(store_url: str, make_document) -> None:
    with Store.open(store_url) as store:
        saved = store.save(make_document(), [])
    engine = create_engine(store_url, poolclass=NullPool)
    try:
        with pytest.raises(Exception, match="ck_documents_extraction"), engine.begin() as db:
            db.execute(
                text("UPDATE documents SET extraction = 'maybe' WHERE id = :id"),
                {"id": saved.document_id},
            )
    finally:
        engine.dispose()


def test_a_store_of_revision_0002_is_migrated_and_keeps_its_documents(
    store_url: str, make_document, make_event
) -> None:
    engine = create_engine(store_url, poolclass=NullPool)
    doc = make_document()
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "0002")
            connection.execute(
                text(
                    "INSERT INTO documents (id, url, source, title, published, published_from,"
                    " lang, text, raw_format, fetched_at, content_hash, origin, ingested_at)"
                    " VALUES (:id, :url, 'Example', 'old', NULL, 'none', 'en', :text, 'text',"
                    " :now, :hash, 'old.txt', :now)"
                ),
                {
                    "id": doc.id,
                    "url": doc.url,
                    "text": doc.text,
                    "hash": doc.content_hash,
                    "now": datetime(2024, 1, 1, tzinfo=UTC),
                },
            )
        assert current_revision(engine) == "0002"
        with Store.open(store_url) as store:
            assert current_revision(engine) == head_revision() == "0008"
            row = store.document(doc.id)
            assert row is not None and row.extraction is None  # stored before: not recorded
            store.save(doc, [make_event()])
            assert store.document(doc.id).extraction == EXTRACTED  # type: ignore[union-attr]
    finally:
        engine.dispose()


def test_an_unknown_document_still_cannot_get_events(store: Store, make_event) -> None:
    with pytest.raises(StoreError, match="no document"):
        store.replace_events("doc-000000000000", [make_event()], extraction=EXTRACTED)

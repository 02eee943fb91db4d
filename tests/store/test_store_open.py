"""Opening a store: URL resolution, migrations, SQLite settings, clear errors."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.pool import NullPool

from marsad.errors import StoreError
from marsad.store import DEFAULT_URL, Store, resolve_url
from marsad.store.migrate import current_revision, head_revision
from marsad.store.models import Base
from marsad.store.search import outside_models

TABLES = {"documents", "events", "event_actors", "evidence", "actors", "places"}


def test_open_creates_the_schema_from_nothing(store_url: str) -> None:
    with Store.open(store_url):
        pass
    engine = create_engine(store_url, poolclass=NullPool)
    try:
        inspector = inspect(engine)
        assert set(inspector.get_table_names()) >= TABLES
        # every filter column leads an index (category and country lead wider ones)
        leading = {ix["column_names"][0] for ix in inspector.get_indexes("events")}
        for column in ("document_id", "category", "when_start", "country", "acled_type"):
            assert column in leading
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_migration_creates_exactly_the_models_schema(store_url: str) -> None:
    with Store.open(store_url):
        pass
    engine = create_engine(store_url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            # The full-text index (an FTS5 table, a GIN expression index) has no ORM model.
            opts = {"compare_type": True, "include_name": outside_models}
            context = MigrationContext.configure(connection, opts=opts)
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_reopening_is_a_no_op_and_keeps_the_data(store_url: str, make_document) -> None:
    with Store.open(store_url) as store:
        saved = store.save(make_document(), [])
    with Store.open(store_url) as store:
        assert [row.id for row in store.documents()] == [saved.document_id]
    engine = create_engine(store_url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            versions = connection.execute(text("SELECT version_num FROM alembic_version")).all()
        assert [v for (v,) in versions] == [head_revision()]
    finally:
        engine.dispose()


def test_a_database_from_a_newer_marsad_is_refused(store_url: str) -> None:
    with Store.open(store_url):
        pass
    engine = create_engine(store_url, poolclass=NullPool)
    try:
        with engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    finally:
        engine.dispose()
    with pytest.raises(StoreError, match="newer version of marsad"):
        Store.open(store_url)


def test_sqlite_file_is_created_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    with Store.open(str(path)) as store:
        assert store.dialect == "sqlite"
    assert path.is_file()
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_in_memory_sqlite_works(make_document) -> None:
    with Store.open("sqlite://") as store:
        store.save(make_document(), [])
        assert store.stats().documents == 1


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("sqlite:////no/such/dir/marsad.db", "directory /no/such/dir does not exist"),
        ("mysql://user@localhost/marsad", "SQLite or PostgreSQL"),
        ("nosuchdb+driver://x", "SQLite or PostgreSQL"),
        ("postgresql://user:s3cret@127.0.0.1:1/marsad", "cannot connect to"),
        ("sqlite+nodriver:///x.db", "no database driver"),
    ],
)
def test_a_bad_url_raises_store_error_with_a_clear_message(url: str, expected: str) -> None:
    with pytest.raises(StoreError, match=expected) as raised:
        Store.open(url)
    assert "s3cret" not in str(raised.value)  # passwords never reach messages


def test_a_file_that_is_not_a_database_raises_store_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"this is not a database, just some notes\n" * 100)
    with pytest.raises(StoreError, match="not a database"):
        Store.open(str(path))


def test_resolve_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MARSAD_DB", raising=False)
    assert resolve_url(None) == DEFAULT_URL == "sqlite:///marsad.db"
    assert resolve_url("events.db") == "sqlite:///events.db"
    assert resolve_url("/data/events.db") == "sqlite:////data/events.db"
    assert resolve_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_url("sqlite:///x.db") == "sqlite:///x.db"
    monkeypatch.setenv("MARSAD_DB", "from-env.db")
    assert resolve_url(None) == "sqlite:///from-env.db"
    assert resolve_url("given.db") == "sqlite:///given.db"  # --db wins over the environment

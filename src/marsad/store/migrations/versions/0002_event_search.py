"""Full-text search over the events' evidence sentences; indexes for the API's lists.

Revision ID: 0002
Revises: 0001
Create Date: 2025-02-01

SQLite: an FTS5 index (external content: it stores no second copy of the text) kept in
step with `events` by triggers, so every writer — the store, a bulk loader, a hand-written
INSERT — keeps it right. PostgreSQL: a GIN index on the same tsvector expression the
store's query uses ('simple' configuration: no stemming, so English and Arabic behave
alike, and both backends match the same words).

The event list's order (newest first, undated last, then id) gets an index of exactly that
order, so a page is an index walk instead of a sort of every matching row.

Self-contained on purpose, like 0001: nothing is imported from marsad.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_UP = (
    """
    CREATE VIRTUAL TABLE events_fts USING fts5(
        evidence_text, content='events', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN
        INSERT INTO events_fts(rowid, evidence_text) VALUES (new.id, new.evidence_text);
    END
    """,
    """
    CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
        INSERT INTO events_fts(events_fts, rowid, evidence_text)
        VALUES ('delete', old.id, old.evidence_text);
    END
    """,
    """
    CREATE TRIGGER events_fts_update AFTER UPDATE OF evidence_text ON events BEGIN
        INSERT INTO events_fts(events_fts, rowid, evidence_text)
        VALUES ('delete', old.id, old.evidence_text);
        INSERT INTO events_fts(rowid, evidence_text) VALUES (new.id, new.evidence_text);
    END
    """,
    # Index the events stored before this migration.
    "INSERT INTO events_fts(events_fts) VALUES ('rebuild')",
    # SQLite sorts NULL lowest, so DESC already puts undated events last.
    "CREATE INDEX ix_events_list_order ON events (when_start DESC, id)",
)
SQLITE_DOWN = (
    "DROP INDEX IF EXISTS ix_events_list_order",
    "DROP TRIGGER IF EXISTS events_fts_update",
    "DROP TRIGGER IF EXISTS events_fts_delete",
    "DROP TRIGGER IF EXISTS events_fts_insert",
    "DROP TABLE IF EXISTS events_fts",
)
POSTGRES_UP = (
    "CREATE INDEX ix_events_evidence_search ON events "
    "USING gin (to_tsvector('simple'::regconfig, evidence_text))",
    "CREATE INDEX ix_events_list_order ON events (when_start DESC NULLS LAST, id)",
)
POSTGRES_DOWN = (
    "DROP INDEX IF EXISTS ix_events_list_order",
    "DROP INDEX IF EXISTS ix_events_evidence_search",
)


def _run(statements: Sequence[str]) -> None:
    for statement in statements:
        op.execute(statement)


def upgrade() -> None:
    # The latest ingest time is part of the store's revision (ETags): an index look-up.
    op.create_index(op.f("ix_documents_ingested_at"), "documents", ["ingested_at"])
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _run(SQLITE_UP)
    elif dialect == "postgresql":
        _run(POSTGRES_UP)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _run(SQLITE_DOWN)
    elif dialect == "postgresql":
        _run(POSTGRES_DOWN)
    op.drop_index(op.f("ix_documents_ingested_at"), table_name="documents")

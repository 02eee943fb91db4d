"""A log of the events inserted and deleted, written by the database itself.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05

    event_changes   (seq, event_id): one row per event inserted or deleted, in the order
                    of the changes, written by triggers on events (so no writer, however
                    it writes, can leave one out); the store keeps the last
                    store.filter_index.CHANGES_KEPT rows

On PostgreSQL, where writers can run side by side and a sequence number is taken before
its transaction commits, the trigger first takes a transaction-wide advisory lock: the
transactions that change events commit one after the other, in the order of their seqs
(SQLite has one writer at a time anyway).

The API's filter index (store/filter_index.py) reads the ids changed since it was built
and answers for them from the database, instead of rebuilding on every write. The log's
last seq stands in the store's revision for the count of events: it changes with every
event inserted or deleted, and is read from the primary key instead of counting.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

_SQLITE = [
    "CREATE TRIGGER event_inserted AFTER INSERT ON events "
    "BEGIN INSERT INTO event_changes (event_id) VALUES (NEW.id); END",
    "CREATE TRIGGER event_deleted AFTER DELETE ON events "
    "BEGIN INSERT INTO event_changes (event_id) VALUES (OLD.id); END",
]
_POSTGRESQL = [
    """CREATE FUNCTION log_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        -- held to the end of the transaction: writers take their seqs in commit order, so
        -- a reader that saw seq n has seen every change numbered below it
        PERFORM pg_advisory_xact_lock(7265734261);
        IF TG_OP = 'DELETE' THEN
            INSERT INTO event_changes (event_id) VALUES (OLD.id);
        ELSE
            INSERT INTO event_changes (event_id) VALUES (NEW.id);
        END IF;
        RETURN NULL;
    END $$""",
    "CREATE TRIGGER event_changed AFTER INSERT OR DELETE ON events "
    "FOR EACH ROW EXECUTE FUNCTION log_event_change()",
]


def upgrade() -> None:
    # no foreign key: a deleted event's row is the point
    op.create_table(
        "event_changes",
        sa.Column("seq", BigId, autoincrement=True, nullable=False),
        sa.Column("event_id", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_event_changes")),
    )
    dialect = op.get_bind().dialect.name
    for statement in {"sqlite": _SQLITE, "postgresql": _POSTGRESQL}.get(dialect, []):
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS event_inserted")
        op.execute("DROP TRIGGER IF EXISTS event_deleted")
    elif dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS event_changed ON events")
        op.execute("DROP FUNCTION IF EXISTS log_event_change()")
    op.drop_table("event_changes")

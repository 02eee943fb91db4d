"""A counter of the changes to documents, incidents and links, kept by the database.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05

    store_version   (id, changes): one row; triggers add one for every document, incident
                    and link node inserted, updated or deleted (on PostgreSQL, one for
                    every statement that changes them)

The store's revision (queries.REVISION, the API's ETag and the filter index's check) used
to count documents and incidents: a walk over every page of an index, cheap while cached
but paid again after every commit of a writer, since SQLite drops a reader's page cache
when the file changed. With the events' change log (0006) and this counter it reads two
primary keys and one row: whatever changes what the API shows changes one of them.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COUNTED = ("documents", "incidents", "link_nodes")
_OPERATIONS = ("INSERT", "UPDATE", "DELETE")
_BUMP = "UPDATE store_version SET changes = changes + 1 WHERE id = 1"


def _sqlite_triggers() -> list[tuple[str, str]]:
    return [(f"{table}_{operation.lower()}_counted",
             f"CREATE TRIGGER {table}_{operation.lower()}_counted AFTER {operation} ON {table} "
             f"BEGIN {_BUMP}; END")
            for table in _COUNTED for operation in _OPERATIONS]


_POSTGRESQL_FUNCTION = f"""CREATE FUNCTION count_store_change() RETURNS trigger
    LANGUAGE plpgsql AS $$ BEGIN {_BUMP}; RETURN NULL; END $$"""


def upgrade() -> None:
    op.create_table(
        "store_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("changes", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_store_version")),
    )
    op.execute("INSERT INTO store_version (id, changes) VALUES (1, 0)")
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for _, statement in _sqlite_triggers():
            op.execute(statement)
    elif dialect == "postgresql":
        op.execute(_POSTGRESQL_FUNCTION)
        for table in _COUNTED:
            op.execute(f"CREATE TRIGGER {table}_counted AFTER INSERT OR UPDATE OR DELETE "
                       f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION count_store_change()")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name, _ in _sqlite_triggers():
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    elif dialect == "postgresql":
        for table in _COUNTED:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_counted ON {table}")
        op.execute("DROP FUNCTION IF EXISTS count_store_change()")
    op.drop_table("store_version")

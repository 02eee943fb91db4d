"""documents.extraction: what became of a document's extraction.

Revision ID: 0003
Revises: 0002
Create Date: 2025-03-01

A nullable column, so every document stored before keeps its meaning:

    NULL          never extracted: stored by `marsad ingest`, or before this migration
    'extracted'   its events are the extractor's output (possibly none)
    'no_profile'  its language has no extraction profile: stored without events, and
                  extracted again by `marsad run --reprocess` once a profile exists

The column is added in place (no table rebuild: on SQLite, rebuilding `documents` would
cascade-delete the events that reference it), with its CHECK constraint inline, which
SQLite's ALTER TABLE ADD COLUMN accepts.

Self-contained on purpose, like 0001: nothing is imported from marsad.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

EXTRACTION_STATES = ("extracted", "no_profile")
CHECK_NAME = "ck_documents_extraction"
CHECK_SQL = "extraction IS NULL OR extraction IN ({})".format(
    ", ".join(f"'{state}'" for state in EXTRACTION_STATES)
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "ALTER TABLE documents ADD COLUMN extraction VARCHAR(16) "
            f"CONSTRAINT {CHECK_NAME} CHECK ({CHECK_SQL})"
        )
    else:
        op.add_column("documents", sa.Column("extraction", sa.String(16), nullable=True))
        op.create_check_constraint(op.f(CHECK_NAME), "documents", CHECK_SQL)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE documents DROP COLUMN extraction")  # SQLite 3.35+
    else:
        op.drop_column("documents", "extraction")  # drops its constraint with it

"""Initial schema: documents, events with their actors and evidence, actor and place registries.

Revision ID: 0001
Revises:
Create Date: 2025-01-01

Self-contained on purpose: a migration must create the same tables years from now, so it
imports nothing from marsad (the vocabularies below are copied, not referenced).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

EVENT_KINDS = ("incident", "aggregate", "statement")
FACTUALITIES = ("asserted", "claimed", "denied", "future", "hypothetical", "negated")
QUALIFIERS = ("exact", "more_than", "about", "at_most")
GEO_PRECISIONS = ("facility", "neighbourhood", "city", "admin1", "country")
DATE_PRECISIONS = ("time", "day", "week", "month", "range", "year")
ATTRIBUTION_KINDS = ("report", "claim", "denial")
STANCE_POSITIONS = ("for", "against")
ACTOR_ROLES = ("actor", "recipient", "said_by", "stance_holder")
QUANTITIES = ("killed", "injured", "casualties", "count")

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Timestamp = sa.DateTime(timezone=True)


def one_of(column: str, values: tuple[str, ...]) -> str:
    listed = ", ".join(f"'{value}'" for value in values)
    return f"{column} IS NULL OR {column} IN ({listed})"


def check(table: str, name: str, sql: str) -> sa.CheckConstraint:
    return sa.CheckConstraint(sql, name=op.f(f"ck_{table}_{name}"))


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("published_from", sa.Text(), nullable=False),
        sa.Column("lang", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("raw_format", sa.Text(), nullable=False),
        sa.Column("fetched_at", Timestamp, nullable=False),
        sa.Column("content_hash", sa.Text(), nullable=False),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("ingested_at", Timestamp, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
        sa.UniqueConstraint("url", name=op.f("uq_documents_url")),
        sa.UniqueConstraint("content_hash", name=op.f("uq_documents_content_hash")),
    )
    op.create_index(op.f("ix_documents_published"), "documents", ["published"])

    op.create_table(
        "actors",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("sector", sa.Text(), nullable=True),
        sa.Column("country", sa.Text(), nullable=True),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("proposed", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actors")),
    )

    op.create_table(
        "places",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("admin1", sa.Text(), nullable=True),
        sa.Column("country", sa.Text(), nullable=True),
        sa.Column("feature_type", sa.Text(), nullable=True),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_places")),
    )

    quantity_columns = []
    quantity_checks = []
    for q in QUANTITIES:
        quantity_columns += [
            sa.Column(q, sa.Integer(), nullable=True),
            sa.Column(f"{q}_qualifier", sa.String(16), nullable=True),
        ]
        quantity_checks += [
            check("events", f"{q}_not_negative", f"{q} IS NULL OR {q} >= 0"),
            check("events", f"{q}_qualifier", one_of(f"{q}_qualifier", QUALIFIERS)),
        ]

    op.create_table(
        "events",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("document_id", sa.Text(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("category", sa.Text(), nullable=False),
        sa.Column("mode", sa.Text(), nullable=True),
        sa.Column("context", sa.JSON(), nullable=False),
        sa.Column("acled_type", sa.Text(), nullable=True),
        sa.Column("acled_subtype", sa.Text(), nullable=True),
        sa.Column("where_text", sa.Text(), nullable=True),
        sa.Column("place_id", sa.Text(), nullable=True),
        sa.Column("place_name", sa.Text(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("admin1", sa.Text(), nullable=True),
        sa.Column("country", sa.Text(), nullable=True),
        sa.Column("geo_precision", sa.String(16), nullable=True),
        sa.Column("when_start", sa.Date(), nullable=True),
        sa.Column("when_end", sa.Date(), nullable=True),
        sa.Column("when_precision", sa.String(16), nullable=True),
        sa.Column("when_how", sa.Text(), nullable=True),
        *quantity_columns,
        sa.Column("said_by_text", sa.Text(), nullable=True),
        sa.Column("said_by_actor_id", sa.Text(), nullable=True),
        sa.Column("said_by_kind", sa.String(16), nullable=True),
        sa.Column("factuality", sa.String(16), nullable=False),
        sa.Column("stance_issue", sa.Text(), nullable=True),
        sa.Column("stance_position", sa.String(16), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("evidence_start", sa.Integer(), nullable=False),
        sa.Column("evidence_end", sa.Integer(), nullable=False),
        sa.Column("evidence_text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_events_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["place_id"], ["places.id"], name=op.f("fk_events_place_id_places")
        ),
        check("events", "kind", one_of("kind", EVENT_KINDS)),
        check("events", "factuality", one_of("factuality", FACTUALITIES)),
        check("events", "geo_precision", one_of("geo_precision", GEO_PRECISIONS)),
        check("events", "when_precision", one_of("when_precision", DATE_PRECISIONS)),
        check("events", "said_by_kind", one_of("said_by_kind", ATTRIBUTION_KINDS)),
        check("events", "stance_position", one_of("stance_position", STANCE_POSITIONS)),
        check("events", "confidence_range", "confidence >= 0 AND confidence <= 1"),
        check(
            "events",
            "when_order",
            "when_end IS NULL OR when_start IS NULL OR when_end >= when_start",
        ),
        check("events", "evidence_span", "evidence_start >= 0 AND evidence_end >= evidence_start"),
        *quantity_checks,
    )
    for column in ("document_id", "category", "when_start", "country", "acled_type", "place_id"):
        op.create_index(op.f(f"ix_events_{column}"), "events", [column])

    op.create_table(
        "event_actors",
        sa.Column("event_id", BigId, nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("actor_id", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("sector", sa.Text(), nullable=True),
        sa.Column("country", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("event_id", "role", "ordinal", name=op.f("pk_event_actors")),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_event_actors_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["actors.id"], name=op.f("fk_event_actors_actor_id_actors")
        ),
        check("event_actors", "role", one_of("role", ACTOR_ROLES)),
    )
    op.create_index(op.f("ix_event_actors_actor_id"), "event_actors", ["actor_id"])

    op.create_table(
        "evidence",
        sa.Column("event_id", BigId, nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("field", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("event_id", "ordinal", name=op.f("pk_evidence")),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_evidence_event_id_events"),
            ondelete="CASCADE",
        ),
        check("evidence", "span", '"start" >= 0 AND "end" >= "start"'),
    )


def downgrade() -> None:
    for table in ("evidence", "event_actors", "events", "places", "actors", "documents"):
        op.drop_table(table)

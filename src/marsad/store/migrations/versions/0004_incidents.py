"""The link stage's tables: incidents across documents.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04

    link_nodes      each event's signature for the linker, its component and incident
    link_blocks     the blocks (kind, category family, week, map tile) it is filed under
    link_pairs      compared pairs at or above the `possible` threshold, with reasons
    incidents       one row per occurrence: resolved fields, per-source values, conflicts
    link_decisions  analysts' merges and splits, by event keys (they survive re-processing)

And documents.source_id, the input's own id for a record (a JSONL `id`), which incidents
list beside each report. Nothing stored before changes. Documents stored before this revision are
linked by `marsad link`. Self-contained on purpose, like 0001: nothing is imported from marsad.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Timestamp = sa.DateTime(timezone=True)


def upgrade() -> None:
    # in place, as 0003 does: rebuilding `documents` on SQLite would cascade to its events
    op.add_column("documents", sa.Column("source_id", sa.Text(), nullable=True))
    op.create_table(
        "incidents",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("category", sa.Text(), nullable=False),
        sa.Column("mode", sa.Text(), nullable=True),
        sa.Column("events", sa.Integer(), nullable=False),
        sa.Column("documents", sa.Integer(), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=True),
        sa.Column("last_day", sa.Date(), nullable=True),
        sa.Column("place_name", sa.Text(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("country", sa.Text(), nullable=True),
        sa.Column("geo_precision", sa.String(16), nullable=True),
        sa.Column("killed", sa.Integer(), nullable=True),
        sa.Column("injured", sa.Integer(), nullable=True),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("conflicts", sa.JSON(), nullable=False),
        sa.Column("updated_at", Timestamp, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incidents")),
    )
    for column in ("category", "first_day", "country"):
        op.create_index(op.f(f"ix_incidents_{column}"), "incidents", [column])

    op.create_table(
        "link_nodes",
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("event_id", BigId, nullable=False),
        sa.Column("document_id", sa.Text(), nullable=False),
        sa.Column("signature", sa.JSON(), nullable=False),
        sa.Column("component", sa.Text(), nullable=False),
        sa.Column("incident_id", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="CASCADE",
                                name=op.f("fk_link_nodes_event_id_events")),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE",
                                name=op.f("fk_link_nodes_document_id_documents")),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"], ondelete="SET NULL",
                                name=op.f("fk_link_nodes_incident_id_incidents")),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_link_nodes")),
        sa.UniqueConstraint("event_id", name=op.f("uq_link_nodes_event_id")),
    )
    for column in ("document_id", "component", "incident_id"):
        op.create_index(op.f(f"ix_link_nodes_{column}"), "link_nodes", [column])

    op.create_table(
        "link_blocks",
        sa.Column("block", sa.Text(), nullable=False),
        sa.Column("node_key", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["node_key"], ["link_nodes.key"], ondelete="CASCADE",
                                name=op.f("fk_link_blocks_node_key_link_nodes")),
        sa.PrimaryKeyConstraint("block", "node_key", name=op.f("pk_link_blocks")),
    )
    op.create_index(op.f("ix_link_blocks_node_key"), "link_blocks", ["node_key"])

    op.create_table(
        "link_pairs",
        sa.Column("key_a", sa.Text(), nullable=False),
        sa.Column("key_b", sa.Text(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["key_a"], ["link_nodes.key"], ondelete="CASCADE",
                                name=op.f("fk_link_pairs_key_a_link_nodes")),
        sa.ForeignKeyConstraint(["key_b"], ["link_nodes.key"], ondelete="CASCADE",
                                name=op.f("fk_link_pairs_key_b_link_nodes")),
        sa.PrimaryKeyConstraint("key_a", "key_b", name=op.f("pk_link_pairs")),
    )
    op.create_index(op.f("ix_link_pairs_key_b"), "link_pairs", ["key_b"])

    op.create_table(
        "link_decisions",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("action", sa.String(8), nullable=False),
        sa.Column("key_a", sa.Text(), nullable=False),
        sa.Column("key_b", sa.Text(), nullable=False),
        sa.Column("created_at", Timestamp, nullable=False),
        sa.CheckConstraint("action IS NULL OR action IN ('merge', 'split')",
                           name=op.f("ck_link_decisions_action")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_link_decisions")),
    )
    for column in ("key_a", "key_b"):
        op.create_index(op.f(f"ix_link_decisions_{column}"), "link_decisions", [column])


def downgrade() -> None:
    for table in ("link_decisions", "link_pairs", "link_blocks", "link_nodes", "incidents"):
        op.drop_table(table)
    op.drop_column("documents", "source_id")

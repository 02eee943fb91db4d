"""Each event's JSON as the event list shows it, stored with the event.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07

    events.listing          the event's JSON after "id" and "document" (store/listing.py),
                            rendered when it is saved
    events.listing_format   the version of that rendering (listing.LISTING_FORMAT);
                            indexed, so that finding the events of another version
                            (Store.open does at each start) reads no table

A page of the event list read sixty columns and two more tables per event and built its
JSON in Python: two thirds of a request's CPU. Both columns are NULL for the events
stored before; Store.open renders those with the code of its own version
(store._fill_listings), and a row whose format is not the reader's is rendered from its
columns when read, so this revision writes no rows itself.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("events", sa.Column("listing", sa.Text(), nullable=True))
    op.add_column("events", sa.Column("listing_format", sa.SmallInteger(), nullable=True))
    op.create_index("ix_events_listing_format", "events", ["listing_format"])


def downgrade() -> None:
    op.drop_index("ix_events_listing_format", table_name="events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("listing_format")
        batch.drop_column("listing")

"""Alembic environment for marsad's store: runs on the connection Store.open passes in."""

from __future__ import annotations

from alembic import context

from marsad.store.models import Base
from marsad.store.search import outside_models

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError(
        "marsad's migrations run from marsad.store.migrate.upgrade() (Store.open does it); "
        "there is no alembic.ini to run them by hand"
    )

# render_as_batch: later migrations that alter tables must go through batch mode,
# since SQLite cannot ALTER most things in place.
# include_name: the full-text index (migration 0002) has no model; autogenerate must not
# propose to drop it.
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    include_name=outside_models,
)
with context.begin_transaction():
    context.run_migrations()

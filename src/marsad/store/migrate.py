"""Bring a database's schema to the version this marsad expects, on every open.

Users never run alembic: the migration scripts ship inside the package and run here on
the store's own engine, so there is no alembic.ini and no second URL to keep in step.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import SQLAlchemyError

from marsad.errors import StoreError
from marsad.store.engine import reason, shown

MIGRATIONS_DIR = Path(__file__).parent / "migrations"

# Any fixed number: PostgreSQL sessions opening the same empty database at once wait on
# this lock instead of racing to create the same tables.
_PG_MIGRATION_LOCK = 7_261_434_001


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    # ConfigParser would read "%" in a path as interpolation.
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Migrate to head in one transaction (PostgreSQL and SQLite both have transactional DDL)."""
    try:
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK}
                )
            command.upgrade(alembic_config(connection), "head")
    except CommandError as exc:
        # Typically a database written by a newer marsad: its revision is unknown here.
        raise StoreError(
            f"cannot migrate {shown(engine.url)}: {exc} "
            "(was it created by a newer version of marsad?)"
        ) from exc
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot migrate {shown(engine.url)}: {reason(exc)}") from exc

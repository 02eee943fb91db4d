"""Which database to open: the --db value, else $MARSAD_DB, else a file in the working dir."""

from __future__ import annotations

import os

DEFAULT_URL = "sqlite:///marsad.db"

# SQLAlchemy reads a bare "postgresql://" as psycopg2, which marsad does not install;
# psycopg 3 is the driver of the `postgres` extra.
_POSTGRES_SCHEMES = ("postgresql://", "postgres://")
_PSYCOPG = "postgresql+psycopg://"


def resolve_url(url: str | None) -> str:
    """The SQLAlchemy URL to open. A bare path ("x.db", "~/data/x.db") is a SQLite file."""
    value = url or os.environ.get("MARSAD_DB") or DEFAULT_URL
    if "://" not in value:
        return "sqlite:///" + os.path.expanduser(value)
    for scheme in _POSTGRES_SCHEMES:
        if value.startswith(scheme):
            return _PSYCOPG + value[len(scheme) :]
    return value

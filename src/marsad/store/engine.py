"""Connecting to the database: one engine, set up the same way for every caller."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from marsad.errors import StoreError

SUPPORTED_BACKENDS = ("sqlite", "postgresql")
_PG_CONNECT_TIMEOUT_S = 10  # a wrong host should fail in seconds, not minutes
_SQLITE_MMAP_BYTES = 4 << 30  # address space, not memory: the OS pages in what is read
_SQLITE_CACHE_KIB = 32 << 10  # per connection, filled only as pages are read
# Connections kept open between uses. A server runs each request in a thread of its own and
# a request holds one connection at a time; past the pool, a connection is opened for one
# request and closed after it, and on PostgreSQL each opening starts a server process
# (a few milliseconds of its CPU, more than the request's queries): SQLAlchemy's default of
# five, under eight concurrent clients, did that for a third of the requests.
_POOL_KEPT = 16
_POOL_OVERFLOW = 48  # beyond the kept ones, at a time (anyio's request threads are 40)
# The pool hands out the connection used last (not the one idle longest): the fewest
# connections do the work, and each has its statements prepared already (see store.py).


def shown(url: str | URL) -> str:
    """The URL as it may appear in messages and logs: password hidden."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return str(url)


def reason(exc: BaseException) -> str:
    """The driver's own one-line account of a database error, without SQLAlchemy's wrapping."""
    inner = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    lines = str(inner).strip().splitlines()
    return lines[0] if lines else type(inner).__name__


def connect(url: str) -> Engine:
    """An engine for url whose connection has been tried; StoreError says why not."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(
            f"not a database URL: {url!r} "
            "(expected a file path, sqlite:///path.db or postgresql://user@host/dbname)"
        ) from exc
    backend = parsed.get_backend_name()
    if backend not in SUPPORTED_BACKENDS:
        raise StoreError(
            f"cannot open {shown(parsed)}: marsad stores to SQLite or PostgreSQL, not {backend!r}"
        )
    if backend == "sqlite":
        _check_sqlite_path(parsed)
    engine = _create(parsed)
    try:
        with engine.connect():
            pass
    except SQLAlchemyError as exc:
        engine.dispose()
        raise StoreError(f"cannot connect to {shown(parsed)}: {reason(exc)}") from exc
    return engine


def _create(url: URL) -> Engine:
    kwargs: dict[str, Any] = {}
    backend = url.get_backend_name()
    if backend == "postgresql" and "connect_timeout" not in url.query:
        kwargs["connect_args"] = {"connect_timeout": _PG_CONNECT_TIMEOUT_S}
    if backend == "sqlite" and _is_memory(url):
        # One shared connection, or every session would see its own empty database.
        kwargs["poolclass"] = StaticPool
        kwargs["connect_args"] = {"check_same_thread": False}
    else:
        kwargs["pool_size"], kwargs["max_overflow"] = _POOL_KEPT, _POOL_OVERFLOW
        kwargs["pool_use_lifo"] = True
    try:
        engine = create_engine(url, **kwargs)
    except (NoSuchModuleError, ImportError) as exc:
        hint = ""
        if backend == "postgresql":
            hint = " (install it with: pip install 'marsad[postgres]')"
        raise StoreError(
            f"cannot open {shown(url)}: no database driver for {url.drivername!r}{hint}: {exc}"
        ) from exc
    if backend == "sqlite":
        _configure_sqlite(engine)
    if backend == "postgresql":
        _configure_postgresql(engine)
    return engine


# PostgreSQL text cannot hold a NUL, and its driver refuses any query that binds one (a
# filter "category=%00" was a 500). No stored value holds one either (the clean stage strips
# control characters and noncharacters), so a bound NUL is sent as a noncharacter, which
# likewise equals and is contained in nothing stored: a NUL is an ordinary character that
# matches nothing, as it does on SQLite.
_NUL_STAND_IN = "\uffff"


def _configure_postgresql(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _ints_as_bigint(dbapi_connection: Any, _record: Any) -> None:
        # psycopg sends each int as the smallest type that holds it (smallint under
        # 32,768, else integer, else bigint) and keys its prepared statements by the
        # parameters' types too: "id IN (ids)" became a new statement for nearly every
        # page, planned afresh (a millisecond, as long as running it). One type, one plan.
        adapters = getattr(dbapi_connection, "adapters", None)  # psycopg 3, not psycopg2
        if adapters is not None:
            from psycopg.types.numeric import Int8BinaryDumper, Int8Dumper

            adapters.register_dumper(int, Int8Dumper)
            adapters.register_dumper(int, Int8BinaryDumper)

    @event.listens_for(engine, "before_cursor_execute", retval=True)
    def _bind_without_nul(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        # executemany: a list of parameter sets; SQLAlchemy's batched INSERT ... VALUES
        # passes one flat mapping with executemany set
        if executemany and isinstance(parameters, list):
            return statement, [_without_nul(each) for each in parameters]
        return statement, _without_nul(parameters)


def _without_nul(parameters: Any) -> Any:
    if isinstance(parameters, Mapping):
        if any(isinstance(v, str) and "\x00" in v for v in parameters.values()):
            return {k: _stand_in(v) for k, v in parameters.items()}
    elif isinstance(parameters, (list, tuple)) and any(
        isinstance(v, str) and "\x00" in v for v in parameters
    ):
        return type(parameters)(_stand_in(v) for v in parameters)
    return parameters


def _stand_in(value: Any) -> Any:
    return value.replace("\x00", _NUL_STAND_IN) if isinstance(value, str) else value


def _is_memory(url: URL) -> bool:
    return url.database in (None, "", ":memory:")


def _check_sqlite_path(url: URL) -> None:
    # SQLite's own message for these is "unable to open database file", which names
    # neither the file nor the problem.
    if _is_memory(url) or str(url.database).startswith("file:"):
        return
    path = Path(str(url.database))
    if path.is_dir():
        raise StoreError(f"cannot open {shown(url)}: {path} is a directory, not a database file")
    if not path.parent.is_dir():
        raise StoreError(f"cannot open {shown(url)}: directory {path.parent} does not exist")


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Python's sqlite3 (before 3.12's autocommit=False) only opens a transaction before
        # INSERT/UPDATE/DELETE, so look-ups inside save() and the migration's DDL would
        # run outside the transaction we believe we hold. We issue BEGIN ourselves.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            # SQLite ignores foreign keys, and so ON DELETE CASCADE, unless asked per connection.
            cursor.execute("PRAGMA foreign_keys = ON")
            # WAL: readers (the API, the dashboard) don't block the writer, nor it them.
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA busy_timeout = 5000")
            # Reads through the OS's cache instead of a private copy per connection (the
            # default copy is 2 MB: a filter's count over 100,000 events re-read its pages
            # from the file several times, 3-5x slower); every connection and API worker
            # shares the mapped pages. The page cache keeps what the map does not cover:
            # pages still in the WAL, a file past the map's size.
            cursor.execute(f"PRAGMA mmap_size = {_SQLITE_MMAP_BYTES}")
            cursor.execute(f"PRAGMA cache_size = -{_SQLITE_CACHE_KIB}")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN")

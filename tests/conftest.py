"""Shared fixtures.

Database fixtures: `store_url` / `store` run a test on a fresh SQLite file and on a fresh
PostgreSQL database. PostgreSQL is a throwaway cluster started once per test session from
the Debian `postgresql` package's binaries, or the server named by MARSAD_TEST_PG_URL (a
role allowed to CREATE DATABASE). Without either, the PostgreSQL cases are skipped, unless
MARSAD_REQUIRE_PG=1 (CI), which makes that a failure.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.pool import NullPool

from marsad.store import Store, resolve_url

PG_BIN_GLOB = "/usr/lib/postgresql/*/bin"
PG_USER = "marsad"  # the cluster's superuser; the OS user running it is `postgres` under root


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "postgresql: runs against a PostgreSQL server")


# --- PostgreSQL --------------------------------------------------------------------------


def _unavailable(reason: str) -> None:
    if os.environ.get("MARSAD_REQUIRE_PG") == "1":
        pytest.fail(f"MARSAD_REQUIRE_PG=1 but {reason}", pytrace=False)
    pytest.skip(reason)


def _pg_bindir() -> Path | None:
    def version(path: Path) -> int:
        match = re.search(r"/(\d+)/bin$", str(path))
        return int(match.group(1)) if match else 0

    candidates = sorted(Path("/").glob(PG_BIN_GLOB.lstrip("/")), key=version, reverse=True)
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).parent)
    for bindir in candidates:
        if (bindir / "initdb").is_file() and (bindir / "pg_ctl").is_file():
            return bindir
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _run(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)
    if result.returncode != 0:
        pytest.fail(
            f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}{result.stderr}",
            pytrace=False,
        )


@contextmanager
def _throwaway_cluster(bindir: Path) -> Iterator[str]:
    # mkdtemp, not tmp_path_factory: pytest's base dir is private to the current user,
    # and under root the server runs as `postgres`, which must reach its data directory.
    root = Path(tempfile.mkdtemp(prefix="marsad-pg-"))
    password = secrets.token_hex(16)
    pwfile = root / "pwfile"
    pwfile.write_text(password + "\n")
    as_user: list[str] = []
    if os.geteuid() == 0:
        # PostgreSQL refuses to run as root.
        try:
            import pwd

            postgres = pwd.getpwnam("postgres")
        except KeyError:
            shutil.rmtree(root, ignore_errors=True)
            _unavailable("running as root and there is no `postgres` user to run the server")
            raise  # unreachable: _unavailable raises
        for path in (root, pwfile):
            os.chown(path, postgres.pw_uid, postgres.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]

    data = root / "data"
    try:
        _run(
            [
                *as_user,
                str(bindir / "initdb"),
                "-D",
                str(data),
                "-U",
                PG_USER,
                "--pwfile",
                str(pwfile),
                "--auth",
                "scram-sha-256",
                "--encoding",
                "UTF8",
                "--locale",
                "C",
                "--no-sync",
            ]
        )
        port = _start(bindir, as_user, root, data)
        try:
            yield f"postgresql+psycopg://{PG_USER}:{password}@127.0.0.1:{port}/postgres"
        finally:
            subprocess.run(
                [
                    *as_user,
                    str(bindir / "pg_ctl"),
                    "-D",
                    str(data),
                    "-m",
                    "immediate",
                    "-w",
                    "stop",
                ],
                capture_output=True,
                check=False,
                timeout=60,
            )
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _start(bindir: Path, as_user: list[str], root: Path, data: Path) -> int:
    """Start the server on a free localhost port; a few tries in case the port is taken."""
    log = root / "server.log"
    for _ in range(3):
        port = _free_port()
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={root} "
            # durability is pointless for a cluster deleted at the end of the run
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        result = subprocess.run(
            [
                *as_user,
                str(bindir / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(log),
                "-o",
                options,
                "-w",
                "-t",
                "60",
                "start",
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        if result.returncode == 0:
            return port
    server_log = log.read_text(errors="replace") if log.exists() else ""
    pytest.fail(f"could not start PostgreSQL:\n{result.stderr}\n{server_log}", pytrace=False)
    raise AssertionError("unreachable")


@pytest.fixture(scope="session")
def pg_admin_engine() -> Iterator[Engine]:
    """An engine on the test server's maintenance database, for creating test databases."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _unavailable("psycopg is not installed (pip install 'marsad[postgres]')")
    given = os.environ.get("MARSAD_TEST_PG_URL")
    if given:
        yield _admin_engine(resolve_url(given))
        return
    bindir = _pg_bindir()
    if bindir is None:
        _unavailable(
            f"no PostgreSQL server binaries (initdb, pg_ctl) under {PG_BIN_GLOB} or on PATH: "
            "install the `postgresql` package or set MARSAD_TEST_PG_URL"
        )
    assert bindir is not None
    with _throwaway_cluster(bindir) as url:
        engine = _admin_engine(url)
        try:
            yield engine
        finally:
            engine.dispose()


def _admin_engine(url: str) -> Engine:
    # CREATE/DROP DATABASE cannot run inside a transaction.
    return create_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool)


@pytest.fixture
def pg_url(pg_admin_engine: Engine) -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database, dropped after the test."""
    name = f"marsad_test_{uuid.uuid4().hex[:12]}"
    quoted = pg_admin_engine.dialect.identifier_preparer.quote(name)  # identifiers can't be bound
    with pg_admin_engine.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {quoted}"))
    try:
        yield pg_admin_engine.url.set(database=name).render_as_string(hide_password=False)
    finally:
        with pg_admin_engine.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)"))


# --- the store on each backend -----------------------------------------------------------


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'marsad.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def store_url(request: pytest.FixtureRequest) -> str:
    """A URL of a fresh, empty database, on each backend."""
    fixture = "sqlite_url" if request.param == "sqlite" else "pg_url"
    return str(request.getfixturevalue(fixture))


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with Store.open(store_url) as opened:
        yield opened

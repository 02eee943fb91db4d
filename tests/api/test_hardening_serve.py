"""`marsad serve` as an operator starts it: where the token comes from (never the process
list unless given there), which Host names it answers, and whether ingest may fetch
private addresses, with one worker and with several (they are configured by environment)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from marsad.cli import app as marsad_app

SECRET = "tok-3f9a1c-never-in-ps"
AUTH = {"Authorization": f"Bearer {SECRET}"}
BASE_ENV = {"PATH": "/usr/bin:/bin", "MARSAD_API_TOKEN": "", "MARSAD_ALLOWED_HOSTS": ""}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(
    db: str, *args: str, host: str = "127.0.0.1", env: dict[str, str] | None = None
) -> Iterator[tuple[str, subprocess.Popen]]:
    """`marsad serve` in its own process until the block ends; its base URL and process
    (its output is read once it has stopped)."""
    port = free_port()
    command = [sys.executable, "-m", "marsad.cli", "serve", "--db", db, "--host", host]
    server = subprocess.Popen(
        [*command, "--port", str(port), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**BASE_ENV, "COLUMNS": "400", **(env or {})},
    )
    base = f"http://{host}:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"{base}/api/stats", timeout=2)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline or server.poll() is not None:
                    server.kill()
                    pytest.fail(f"marsad serve did not answer: {server.communicate()[0]!r}")
                time.sleep(0.2)
        yield base, server
    finally:
        server.terminate()
        server.wait(timeout=20)


def output_of(server: subprocess.Popen) -> str:
    assert server.stdout is not None
    return server.stdout.read().decode()


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="reads /proc")
@pytest.mark.parametrize(
    ("via", "workers"), [("file", "1"), ("file", "2"), ("environment", "2"), ("option", "1")]
)
def test_the_token_stays_out_of_the_process_list(
    filled_url: str, tmp_path: Path, via: str, workers: str
) -> None:
    args, env = ["--workers", workers], {}
    if via == "file":
        token_file = tmp_path / "token"
        token_file.write_text(f"  {SECRET}  \nsecond line ignored\n")
        args += ["--token-file", str(token_file)]
    elif via == "environment":
        env["MARSAD_API_TOKEN"] = SECRET
    else:
        args += ["--token", SECRET]
    with serving(filled_url, *args, env=env) as (base, server):
        command_line = Path(f"/proc/{server.pid}/cmdline").read_bytes().decode()
        assert (SECRET in command_line) is (via == "option")
        # The token reaches the server (and each worker): a write with it gets past the check.
        assert httpx.delete(f"{base}/api/documents/doc-none", headers=AUTH).status_code == 404
        assert httpx.delete(f"{base}/api/documents/doc-none").status_code == 401
    output = output_of(server)
    assert "read-write with a token" in output
    assert ("visible to other users" in output) is (via == "option")


@pytest.mark.parametrize(
    ("content", "reason"), [(None, "cannot read it"), ("\n\nsecret", "its first line is empty")]
)
def test_an_unusable_token_file_stops_serve(
    tmp_path: Path, content: str | None, reason: str
) -> None:
    token_file = tmp_path / "token"
    if content is not None:
        token_file.write_text(content)
    db = f"sqlite:///{tmp_path / 'unused.db'}"
    result = CliRunner().invoke(marsad_app, ["serve", "--db", db, "--token-file", str(token_file)])
    assert result.exit_code == 2
    # The console wraps long lines at 80 columns.
    assert f"--token-file {token_file}: {reason}" in " ".join(result.output.split())


def test_token_and_token_file_do_not_go_together(tmp_path: Path) -> None:
    token_file = tmp_path / "token"
    token_file.write_text(SECRET)
    db = f"sqlite:///{tmp_path / 'unused.db'}"
    result = CliRunner().invoke(
        marsad_app, ["serve", "--db", db, "--token", "x", "--token-file", str(token_file)]
    )
    assert result.exit_code == 2
    assert "not both" in result.output


def test_serve_answers_its_bound_host_and_the_listed_names(filled_url: str) -> None:
    # 127.0.0.2 is not a loopback name: the bound host is answered, and the note says how to
    # add the names clients use. Several workers: the names reach them by environment.
    args = ["--workers", "2", "--allowed-host", "marsad.test", "--allowed-host", "*.lan.test"]
    env = {"MARSAD_ALLOWED_HOSTS": "from-env.test"}
    with serving(filled_url, *args, host="127.0.0.2", env=env) as (base, server):
        for host, status in (
            (base.removeprefix("http://"), 200),
            ("localhost", 200),
            ("marsad.test:8000", 200),
            ("box.lan.test", 200),
            ("from-env.test", 200),
            ("evil.example", 400),
        ):
            response = httpx.get(f"{base}/api/stats", headers={"Host": host})
            assert response.status_code == status, host
    output = output_of(server)
    assert "--allowed-host NAME" in output and "marsad.test" in output


@pytest.mark.parametrize(("allowed", "workers"), [(False, "1"), (True, "2")])
def test_serve_fetches_private_urls_only_when_allowed(
    filled_url: str, page_server: tuple[str, list[str]], allowed: bool, workers: str
) -> None:
    pages, asked = page_server
    args = ["--workers", workers, *(["--allow-private-urls"] if allowed else [])]
    with serving(filled_url, *args, env={"MARSAD_API_TOKEN": SECRET}) as (base, _):
        response = httpx.post(
            f"{base}/api/documents", json={"url": f"{pages}/story"}, headers=AUTH, timeout=30
        )
    assert response.status_code == 422
    (error,) = response.json()["errors"]
    if allowed:
        assert error.endswith("HTTP 404 Not Found") and asked == ["/story"]
    else:
        assert "refused: 127.0.0.1 resolves to a private or loopback address" in error
        assert asked == []

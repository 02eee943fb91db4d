"""`marsad serve` starts the real server (one or several worker processes) on loopback."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

import httpx
import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.parametrize("workers", [1, 2])
def test_serve_answers_on_loopback(filled_url: str, workers: int) -> None:
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "marsad.cli",
            "serve",
            "--db",
            filled_url,
            "--port",
            str(port),
            "--workers",
            str(workers),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={"PATH": "/usr/bin:/bin", "MARSAD_API_TOKEN": ""},
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=2)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline or server.poll() is not None:
                    output = server.stdout.read().decode() if server.poll() is not None else ""
                    pytest.fail(f"marsad serve did not answer: {output}")
                time.sleep(0.2)
        assert response.status_code == 200 and response.json()["documents"] == 16
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page = httpx.get(f"http://127.0.0.1:{port}/")
        assert page.status_code == 200 and "/static/js/app.js" in page.text
        denied = httpx.delete(f"http://127.0.0.1:{port}/api/documents/x")
        assert denied.status_code == 403  # no token: read-only
    finally:
        server.terminate()
        server.wait(timeout=20)

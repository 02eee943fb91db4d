"""A write's body is read only once its token is good, and never past the size cap.

Each request is written by hand on a socket to a real uvicorn server, so a test can send the
headers and hold the body back: an answer that comes anyway was given without the body.
"""

from __future__ import annotations

import json
import socket

import pytest

from marsad.api import create_app

TOKEN = "s3cret-token-for-tests"
CAP = 1_000  # bytes: the cap these servers are given
WAIT_S = 5.0  # for the server's answer; before the fix, it waited for a body never sent


def answer(port: int, head: str, *parts: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send the request head and the body parts given (maybe not the whole body); the status,
    headers and body of the response."""
    with socket.create_connection(("127.0.0.1", port), timeout=WAIT_S) as sock:
        sock.sendall(head.replace("\n", "\r\n").encode() + b"\r\n")
        for part in parts:
            sock.sendall(part)
        received = b""
        try:
            while b"\r\n\r\n" not in received:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                received += chunk
            status_line, _, rest = received.partition(b"\r\n")
            header_block, _, body = rest.partition(b"\r\n\r\n")
            lines = (line.decode().split(": ", 1) for line in header_block.split(b"\r\n"))
            headers = {name.lower(): value for name, value in lines}
            while len(body) < int(headers.get("content-length", 0)):
                body += sock.recv(65536)
        except TimeoutError:
            pytest.fail(f"no answer within {WAIT_S:g} s: the server is waiting for the body")
    return int(status_line.split()[1]), headers, body


def post(path: str, *headers: str) -> str:
    return "\n".join([f"POST {path} HTTP/1.1", "Host: 127.0.0.1", *headers, ""])


HUGE = "Content-Length: 200000000"  # 200 MB, of which not a byte is sent
BEARER = f"Authorization: Bearer {TOKEN}"


@pytest.fixture
def port(live, filled_url: str) -> int:
    return live(create_app(filled_url, token=TOKEN, tile_url="", max_body_bytes=CAP))


@pytest.mark.parametrize("credentials", [None, "Authorization: Bearer wrong"])
def test_a_write_with_no_good_token_is_refused_before_its_body(port: int, credentials) -> None:
    extra = [credentials] if credentials else []
    status, headers, body = answer(port, post("/api/documents", HUGE, *extra))
    assert status == 401
    assert headers["www-authenticate"] == "Bearer"
    assert json.loads(body) == {"detail": "a valid bearer token is required"}
    assert headers["connection"] == "close"  # and the rest of the body is not read either


def test_a_write_to_a_server_without_a_token_is_refused_before_its_body(
    live, filled_url: str
) -> None:
    port = live(create_app(filled_url, token="", tile_url=""))
    status, _, body = answer(port, post("/api/documents", HUGE, BEARER))
    assert status == 403 and "without a token" in json.loads(body)["detail"]
    for path in ("/api/incidents/merge", "/api/incidents/inc-1/split"):
        assert answer(port, post(path, HUGE))[0] == 403


def test_a_body_declared_over_the_cap_is_413_before_it_is_sent(port: int) -> None:
    status, headers, body = answer(port, post("/api/documents", HUGE, BEARER))
    assert status == 413
    assert json.loads(body) == {"detail": "the request body is over the 1,000-byte limit"}
    assert headers["connection"] == "close"


def test_a_chunked_body_is_413_as_soon_as_it_passes_the_cap(port: int) -> None:
    # No Content-Length: the body is counted as it comes. Two chunks of 600 bytes pass the
    # cap; the body's end is never sent, so only the cap can have ended the request.
    chunk = b"258\r\n" + b"x" * 600 + b"\r\n"
    status, _, body = answer(
        port, post("/api/documents", BEARER, "Transfer-Encoding: chunked"), chunk, chunk
    )
    assert status == 413
    assert json.loads(body)["detail"] == "the request body is over the 1,000-byte limit"


def test_a_body_under_the_cap_is_read_as_before(port: int) -> None:
    sent = json.dumps({"url": "ftp://x.example/a"}).encode()
    status, _, body = answer(
        port,
        post(
            "/api/documents",
            BEARER,
            "Content-Type: application/json",
            f"Content-Length: {len(sent)}",
        ),
        sent,
    )
    assert status == 422  # the route read the body and refused the URL
    assert json.loads(body) == {"detail": "url must be an http:// or https:// URL"}

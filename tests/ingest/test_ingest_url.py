"""URLs, fetched from a real HTTP server on 127.0.0.1 started by the test.

The server is on loopback, which marsad refuses to fetch unless told otherwise: the tests
that read from it say allow_private_urls=True; those that check the refusal do not.
"""

from __future__ import annotations

import ipaddress
import shutil
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import marsad.ingest.fetch as fetching
from marsad.ingest import ReadOptions

LOCAL = ReadOptions(allow_private_urls=True)
REFUSED_LOOPBACK = "refused: 127.0.0.1 resolves to a private or loopback address (127.0.0.1)"

BODY = (
    "Two explosive-laden drones targeted the Harir air base north of Erbil late on Thursday, "
    "the Kurdistan Region's counter-terrorism service said in a statement.\n\n"
    "There were no casualties and no damage to the base, the statement added."
)
PAGE = f"""<html><head><title>Drones target Harir base</title>
<meta property="og:site_name" content="Local Wire">
<meta name="date" content="2024-01-05">
</head><body><article><h1>Drones target Harir base</h1>
{"".join(f"<p>{p}</p>" for p in BODY.split(chr(10) * 2))}
</article></body></html>""".encode()


def test_fetch_a_page(server, collect) -> None:
    server.add("/story", body=PAGE)
    documents, error = collect(server.url("/story"), LOCAL)
    assert error is None
    (document,) = documents
    assert document.text == BODY
    assert document.title == "Drones target Harir base"
    assert document.source == "Local Wire"
    assert document.url == server.url("/story")
    assert document.origin == server.url("/story")
    assert document.raw_format == "url"
    assert document.published == date(2024, 1, 5)
    assert server.user_agents == ["marsad/0.1 (+https://github.com/marsad)"]


def test_redirect_is_followed(server, collect) -> None:
    server.add("/story", body=PAGE)
    server.add("/old", status=301, headers={"Location": "/story"})
    (document,), error = collect(server.url("/old"), LOCAL)
    assert error is None
    assert document.url == server.url("/story")
    assert document.origin == server.url("/old")


def test_http_error(server, collect) -> None:
    documents, error = collect(server.url("/gone"), LOCAL)
    assert documents == []
    assert error is not None and error.reason == "HTTP 404 Not Found"


def test_page_over_the_size_cap(server, collect) -> None:
    big = b"<html><body>" + b"<p>filler text</p>" * 10_000 + b"</body></html>"
    server.add("/big", body=big)
    server.add("/big-unsized", body=big, chunked=True)
    options = ReadOptions(max_bytes=50_000, allow_private_urls=True)
    _, error = collect(server.url("/big"), options)
    assert error is not None
    assert error.reason == "page is 180 KB, over the 50 KB limit"  # from Content-Length
    _, error = collect(server.url("/big-unsized"), options)
    assert error is not None
    assert error.reason == "page is over the 50 KB limit"  # counted while streaming


def test_timeout(server, collect) -> None:
    server.add("/slow", body=PAGE, delay_s=5.0)
    started = time.perf_counter()
    _, error = collect(server.url("/slow"), ReadOptions(timeout_s=0.5, allow_private_urls=True))
    assert time.perf_counter() - started < 3.0
    assert error is not None and error.reason == "timed out after 0.5 s"


def test_nothing_listening(collect) -> None:
    options = ReadOptions(timeout_s=2, allow_private_urls=True)
    _, error = collect("http://127.0.0.1:9/story", options)
    assert error is not None and error.reason.startswith("cannot fetch")


def _feed(link_1: str, link_2: str) -> str:
    return f"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Local Wire</title>
<item><title>Drones target Harir base</title><link>{link_1}</link>
<description>Drones targeted Harir air base, officials said in a brief statement.</description>
<pubDate>Fri, 05 Jan 2024 06:00:00 GMT</pubDate></item>
<item><title>Second story</title><link>{link_2}</link>
<description>A summary that stands in when the page cannot be fetched.</description></item>
</channel></rss>"""


def test_feed_fetch_links_with_fallback(server, tmp_path: Path, collect) -> None:
    server.add("/story", body=PAGE)
    path = tmp_path / "local.rss"
    path.write_text(_feed(server.url("/story"), server.url("/missing")), encoding="utf-8")
    options = ReadOptions(fetch_links=True, timeout_s=2, allow_private_urls=True)
    documents, error = collect(str(path), options)
    assert error is None
    first, second = documents
    assert first.text == BODY  # the page, not the summary
    assert first.published == date(2024, 1, 5) and first.published_from == "metadata"
    assert second.text == "A summary that stands in when the page cannot be fetched."


def test_feed_links_to_loopback_are_not_fetched_by_default(server, tmp_path: Path, collect) -> None:
    server.add("/story", body=PAGE)
    path = tmp_path / "local.rss"
    path.write_text(_feed(server.url("/story"), server.url("/story")), encoding="utf-8")
    documents, error = collect(str(path), ReadOptions(fetch_links=True, timeout_s=2))
    assert error is None
    summary = "Drones targeted Harir air base, officials said in a brief statement."
    assert documents[0].text == summary  # it stands in for the refused page
    assert server.user_agents == []


def test_feed_fetch_links_without_network(tmp_path: Path, collect) -> None:
    path = tmp_path / "offline.rss"
    path.write_text(_feed("http://127.0.0.1:9/a", "http://127.0.0.1:9/b"), encoding="utf-8")
    options = ReadOptions(fetch_links=True, timeout_s=2, allow_private_urls=True)
    documents, error = collect(str(path), options)
    assert error is None
    assert documents[1].text == "A summary that stands in when the page cannot be fetched."


def test_feed_by_url(server, collect) -> None:
    feed = _feed("https://wire.example/1", "https://wire.example/2").encode()
    server.add("/feed", body=feed, content_type="application/rss+xml")
    documents, error = collect(server.url("/feed"), LOCAL)
    assert error is None
    assert [d.origin for d in documents] == [
        server.url("/feed#entry-1"),
        server.url("/feed#entry-2"),
    ]


def test_loopback_is_refused_by_default(server, collect) -> None:
    server.add("/story", body=PAGE)
    documents, error = collect(server.url("/story"))
    assert documents == []
    assert error is not None
    assert error.reason == REFUSED_LOOPBACK
    assert server.user_agents == []  # refused before any connection


def test_a_name_for_loopback_is_refused(server, collect) -> None:
    server.add("/story", body=PAGE)
    url = server.url("/story").replace("127.0.0.1", "localhost")
    _, error = collect(url)
    assert error is not None
    assert error.reason.startswith("refused: localhost resolves to a private or loopback address (")
    assert "127.0.0.1" in error.reason
    assert server.user_agents == []


def test_an_allowed_name_is_fetched_from_its_address_under_its_own_url(server, collect) -> None:
    # The connection goes to the address that was checked; the document keeps the name.
    server.add("/story", body=PAGE)
    url = server.url("/story").replace("127.0.0.1", "localhost")
    (document,), error = collect(url, LOCAL)
    assert error is None
    assert document.url == url and document.text == BODY


@pytest.fixture
def tls_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """PAGE over HTTPS on 127.0.0.1, with a certificate for the name localhost only, which
    the fetcher trusts (SSL_CERT_FILE); the URL to it, by name."""
    if shutil.which("openssl") is None:
        pytest.skip("no openssl command to make a certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost"],
        check=True, capture_output=True,
    )  # fmt: skip
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(PAGE)))
            self.end_headers()
            self.wfile.write(PAGE)

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"https://localhost:{httpd.server_address[1]}/story"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_https_to_the_checked_address_still_verifies_the_name(tls_server: str, collect) -> None:
    # The connection goes to 127.0.0.1, the certificate is checked against "localhost".
    (document,), error = collect(tls_server, LOCAL)
    assert error is None
    assert document.url == tls_server and document.text == BODY
    # By address, the same certificate does not match: verification is on.
    _, error = collect(tls_server.replace("localhost", "127.0.0.1"), LOCAL)
    assert error is not None and "CERTIFICATE_VERIFY_FAILED" in error.reason


@pytest.fixture
def redirector(server) -> Iterator[str]:
    """A second server, on 127.0.0.2, whose every page redirects to the first server's."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(302)
            self.send_header("Location", server.url(self.path))
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.2", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.2:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_redirect_to_loopback_is_refused(server, redirector: str, collect, monkeypatch) -> None:
    # No public server can be reached from a test: 127.0.0.2 stands in for one (only that
    # address is taken as public); it redirects to the page on 127.0.0.1.
    stand_in = ipaddress.ip_address("127.0.0.2")
    monkeypatch.setattr(fetching, "is_public_address", lambda address: address == stand_in)
    server.add("/story", body=PAGE)
    documents, error = collect(f"{redirector}/story")
    assert documents == []
    assert error is not None
    assert error.reason == REFUSED_LOOPBACK
    assert server.user_agents == []  # the redirect's target was never reached
    # Allowed, the same chain is followed to the page.
    (document,), error = collect(f"{redirector}/story", LOCAL)
    assert error is None and document.url == server.url("/story")


def test_a_redirect_off_the_web_is_refused(server, collect) -> None:
    server.add("/away", status=302, headers={"Location": "file:///etc/passwd"})
    _, error = collect(server.url("/away"), LOCAL)
    assert error is not None
    assert error.reason == "cannot fetch: file: is not http(s) with a host"


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("8.8.8.8", True),
        ("2001:4860:4860::8888", True),
        ("::ffff:8.8.8.8", True),
        ("127.0.0.1", False),
        ("127.1.2.3", False),
        ("::1", False),
        ("::ffff:127.0.0.1", False),  # IPv4-mapped loopback
        ("10.0.0.1", False),
        ("172.16.5.4", False),
        ("192.168.1.1", False),
        ("fc00::1", False),
        ("100.64.0.1", False),  # shared (carrier-grade NAT)
        ("169.254.169.254", False),  # link-local: cloud metadata
        ("fe80::1", False),
        ("224.0.0.1", False),
        ("239.255.255.250", False),
        ("ff02::1", False),
        ("0.0.0.0", False),
        ("::", False),
        ("240.0.0.1", False),
        ("255.255.255.255", False),
    ],
)
def test_which_addresses_are_public(address: str, public: bool) -> None:
    assert fetching.is_public_address(ipaddress.ip_address(address)) is public

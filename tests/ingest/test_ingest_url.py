"""URLs, fetched from a real HTTP server on 127.0.0.1 started by the test."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

from marsad.ingest import ReadOptions

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
    documents, error = collect(server.url("/story"))
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
    (document,), error = collect(server.url("/old"))
    assert error is None
    assert document.url == server.url("/story")
    assert document.origin == server.url("/old")


def test_http_error(server, collect) -> None:
    documents, error = collect(server.url("/gone"))
    assert documents == []
    assert error is not None and error.reason == "HTTP 404 Not Found"


def test_page_over_the_size_cap(server, collect) -> None:
    big = b"<html><body>" + b"<p>filler text</p>" * 10_000 + b"</body></html>"
    server.add("/big", body=big)
    server.add("/big-unsized", body=big, chunked=True)
    options = ReadOptions(max_bytes=50_000)
    _, error = collect(server.url("/big"), options)
    assert error is not None
    assert error.reason == "page is 180 KB, over the 50 KB limit"  # from Content-Length
    _, error = collect(server.url("/big-unsized"), options)
    assert error is not None
    assert error.reason == "page is over the 50 KB limit"  # counted while streaming


def test_timeout(server, collect) -> None:
    server.add("/slow", body=PAGE, delay_s=5.0)
    started = time.perf_counter()
    _, error = collect(server.url("/slow"), ReadOptions(timeout_s=0.5))
    assert time.perf_counter() - started < 3.0
    assert error is not None and error.reason == "timed out after 0.5 s"


def test_nothing_listening(collect) -> None:
    _, error = collect("http://127.0.0.1:9/story", ReadOptions(timeout_s=2))
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
    documents, error = collect(str(path), ReadOptions(fetch_links=True, timeout_s=2))
    assert error is None
    first, second = documents
    assert first.text == BODY  # the page, not the summary
    assert first.published == date(2024, 1, 5) and first.published_from == "metadata"
    assert second.text == "A summary that stands in when the page cannot be fetched."


def test_feed_fetch_links_without_network(tmp_path: Path, collect) -> None:
    path = tmp_path / "offline.rss"
    path.write_text(_feed("http://127.0.0.1:9/a", "http://127.0.0.1:9/b"), encoding="utf-8")
    documents, error = collect(str(path), ReadOptions(fetch_links=True, timeout_s=2))
    assert error is None
    assert documents[1].text == "A summary that stands in when the page cannot be fetched."


def test_feed_by_url(server, collect) -> None:
    feed = _feed("https://wire.example/1", "https://wire.example/2").encode()
    server.add("/feed", body=feed, content_type="application/rss+xml")
    documents, error = collect(server.url("/feed"))
    assert error is None
    assert [d.origin for d in documents] == [
        server.url("/feed#entry-1"),
        server.url("/feed#entry-2"),
    ]

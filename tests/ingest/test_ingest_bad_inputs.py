"""Every kind of bad input gives an InputError with a one-line, human reason."""

from __future__ import annotations

import gzip
import io
import json
import os
import time
import tracemalloc
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from marsad.errors import InputError
from marsad.ingest import ReadOptions, read

ARTICLE = (
    "KIRKUK, March 3, 2024 - A roadside bomb struck a police patrol south of Kirkuk on "
    "Sunday, wounding two officers, a security source said.\n\n"
    "No group immediately claimed responsibility for the attack.\n"
)


def _reason(source: Path | str, options: ReadOptions | None = None) -> str:
    with pytest.raises(InputError) as caught:
        list(read(str(source), options or ReadOptions()))
    return caught.value.reason


@pytest.mark.parametrize("name", ["image.txt", "image"])
def test_binary_file(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    assert _reason(path) == "binary file, not text"


def test_undecodable_bytes(tmp_path: Path) -> None:
    path = tmp_path / "garbled.txt"
    path.write_bytes(b"Breaking news: " + bytes(range(0x80, 0x100)) * 8)
    assert _reason(path) == "cannot decode as text"


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n  "])
@pytest.mark.parametrize("name", ["empty.txt", "empty.html", "empty.jsonl", "empty.rss"])
def test_empty_file(tmp_path: Path, content: bytes, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert _reason(path) == "empty file"


def test_empty_warc(tmp_path: Path) -> None:
    path = tmp_path / "empty.warc.gz"
    path.write_bytes(b"")
    assert _reason(path) == "empty file"


def test_only_furniture_is_no_article(tmp_path: Path) -> None:
    path = tmp_path / "footer.txt"
    path.write_text("Share this:\nRead more\nAll rights reserved\n", encoding="utf-8")
    assert "no article text" in _reason(path)


def test_missing_file() -> None:
    assert _reason("/nonexistent/marsad/article.txt") == "no such file"


def test_huge_html_rejected_quickly_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    paragraph = b"<p>" + b"word " * 200 + b"</p>\n"
    with path.open("wb") as handle:
        handle.write(b"<html><body>")
        handle.write(paragraph * (50 * 1024 * 1024 // len(paragraph) + 1))
    os.truncate(path, 50 * 1024 * 1024)  # exactly 50 MiB
    tracemalloc.start()
    started = time.perf_counter()
    try:
        reason = _reason(path)
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert reason == "file is 52.4 MB, over the 20 MB limit"
    assert elapsed < 1.0
    assert peak < 5_000_000  # the 50 MB were never read into memory


def test_size_cap_is_an_option(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(b"x" * 4100)
    assert _reason(path, ReadOptions(max_bytes=1000)) == "file is 4.1 KB, over the 1 KB limit"


def test_malformed_feed(tmp_path: Path) -> None:
    path = tmp_path / "broken.rss"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        "<item><title>Rockets hit base</title><description>Three rockets",
        encoding="utf-8",
    )
    assert _reason(path).startswith("malformed feed")


def test_xml_that_is_not_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "config.xml"
    path.write_text('<?xml version="1.0"?><config><a>1</a></config>', encoding="utf-8")
    assert _reason(path) == "not an RSS or Atom feed"


def test_not_json(tmp_path: Path) -> None:
    path = tmp_path / "articles.json"
    path.write_text('[{"text": "unterminated', encoding="utf-8")
    assert _reason(path).startswith("not JSON")


def test_jsonl_goes_on_past_a_bad_line(tmp_path: Path, collect) -> None:
    lines = [
        json.dumps({"text": ARTICLE, "title": "Bomb hits patrol"}),
        json.dumps({"text": ARTICLE.replace("two", "three")}),
        "{not json",
        json.dumps({"title": "no body here"}),
        json.dumps({"text": ARTICLE.replace("two", "four")}),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    documents, error = collect(str(path))
    assert len(documents) == 3
    assert error is not None
    assert str(error) == f"{path}: line 3: not JSON (and 1 more bad entry)"


def _warc_bytes(count: int, gzip_records: bool = False) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip_records)
    for number in range(count):
        body = f"<html><body><article><p>{ARTICLE} Report {number}.</p></article></body></html>"
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            f"https://news.example/{number}",
            "response",
            payload=io.BytesIO(body.encode()),
            http_headers=headers,
        )
        writer.write_record(record)
    return buffer.getvalue()


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_truncated_warc_yields_complete_records_then_raises(
    tmp_path: Path, collect, name: str
) -> None:
    data = _warc_bytes(3, gzip_records=name.endswith(".gz"))
    path = tmp_path / name
    path.write_bytes(data[: len(data) - 120])  # the third record loses its end
    documents, error = collect(str(path))
    assert [d.url for d in documents] == ["https://news.example/0", "https://news.example/1"]
    assert error is not None
    assert "truncated" in error.reason
    assert "WARC after 2 complete records" in error.reason


def test_warc_cut_inside_a_record_header(tmp_path: Path, collect) -> None:
    data = _warc_bytes(2)
    second = data.index(b"WARC/1.0", 10)
    path = tmp_path / "cut.warc"
    path.write_bytes(data[: second + 60])
    documents, error = collect(str(path))
    assert len(documents) == 1
    assert error is not None
    assert error.reason.startswith("truncated or damaged WARC after 1 complete records")


def test_gzip_that_is_not_a_warc(tmp_path: Path) -> None:
    path = tmp_path / "notes"
    path.write_bytes(gzip.compress(b"just some notes\n" * 100))
    assert _reason(path) == "binary file, not text"


def _feed(items: str) -> str:
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        f"{items}</channel></rss>"
    )


def _item(n: int) -> str:
    return (
        f"<item><title>Story {n}</title><link>https://wire.example/{n}</link>"
        f"<description>Gunmen attacked checkpoint {n} near Kirkuk, officials said."
        "</description></item>"
    )


def test_a_feed_over_the_entry_cap_is_refused_whole(tmp_path: Path, collect) -> None:
    path = tmp_path / "runaway.rss"
    path.write_text(_feed("".join(_item(n) for n in range(12))), encoding="utf-8")
    documents, error = collect(str(path), ReadOptions(max_feed_entries=10))
    assert documents == []
    assert error is not None
    assert error.reason == "feed has 12 entries, over the 10 limit (max_feed_entries; none stored)"
    documents, error = collect(str(path), ReadOptions(max_feed_entries=12))
    assert len(documents) == 12 and error is None


def test_the_default_entry_cap_stops_a_huge_feed_before_parsing_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.rss"
    path.write_text(_feed("".join(_item(n) for n in range(100_000))), encoding="utf-8")
    started = time.perf_counter()
    reason = _reason(path, ReadOptions(max_bytes=100_000_000))
    assert reason.startswith("feed has 100,000 entries, over the 5,000 limit")
    assert time.perf_counter() - started < 5  # counted from the bytes, never parsed


@pytest.mark.parametrize(
    "damage",
    [
        # cut short after one whole entry
        _item(1) + "<item><title>Rockets hit base</title><description>Three rockets",
        # an undefined entity after a whole entry
        _item(1) + "<item><title>&undefined;</title><description>x</description></item>",
    ],
)
def test_a_malformed_feed_stores_none_of_its_entries(
    tmp_path: Path, collect, damage: str
) -> None:
    path = tmp_path / "broken.rss"
    path.write_text(_feed(damage).removesuffix("</channel></rss>"), encoding="utf-8")
    documents, error = collect(str(path))
    assert documents == []
    assert error is not None and error.reason.startswith("malformed feed")
    assert "none of its" in error.reason


def test_entity_expansion_in_a_feed_leaves_nothing_half_parsed(tmp_path: Path, collect) -> None:
    lol = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
    path = tmp_path / "laughs.rss"
    path.write_text(
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol0 "lol">{lol}]>'
        + _feed(_item(1) + "<item><title>&lol9;</title><description>&lol9;</description></item>")
        .split("?>", 1)[1],
        encoding="utf-8",
    )
    documents, error = collect(str(path))
    assert error is not None
    assert all("&lol" not in d.text and "lollol" not in d.text for d in documents)
    assert documents == []

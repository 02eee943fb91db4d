"""Each reader on a good input of its format, written to tmp_path."""

from __future__ import annotations

import html
import io
import json
from datetime import UTC, date, datetime
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from marsad.ingest import ReadOptions, read
from marsad.types import Document, content_hash

BODY_1 = (
    "Three rockets struck the Ain al-Asad air base in western Anbar province on Sunday, "
    "a security source said, causing no casualties.\n\n"
    "The attack was the latest in a series targeting bases hosting international "
    "coalition forces since mid-October."
)
BODY_2 = (
    "A drone strike hit a vehicle near the town of Al-Qaim on the Syrian border on Monday, "
    "killing two members of an armed faction, local officials said.\n\n"
    "The US military did not immediately comment on the strike."
)
ARABIC = (
    "قال مصدر أمني إن ثلاثة صواريخ سقطت على قاعدة عين الأسد الجوية في محافظة الأنبار "
    "غربي العراق يوم الأحد، من دون أن تسفر عن إصابات."
)

BODY_1_HTML = "".join(f"<p>{p}</p>" for p in BODY_1.split("\n\n"))

HTML_PAGE = f"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Rockets strike Ain al-Asad air base - Example Wire</title>
<meta property="og:site_name" content="Example Wire">
<meta property="og:title" content="Rockets strike Ain al-Asad air base">
<meta property="article:published_time" content="2023-12-10T09:30:00+03:00">
<link rel="canonical" href="https://wire.example/iraq/rockets-ain-al-asad">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/iraq">Iraq</a></li></ul></nav>
<article>
<h1>Rockets strike Ain al-Asad air base</h1>
{BODY_1_HTML}
</article>
<footer><p>Share this:</p><p>© 2023 Example Wire. All rights reserved.</p></footer>
</body></html>
"""


def _only(documents: list[Document]) -> Document:
    assert len(documents) == 1
    return documents[0]


def test_text_file(tmp_path: Path) -> None:
    path = tmp_path / "wire.txt"
    path.write_text(f"Rockets strike base\n\n{BODY_1}\n", encoding="utf-8")
    document = _only(list(read(str(path))))
    assert document.title == "Rockets strike base"
    assert document.text == BODY_1
    assert document.raw_format == "text"
    assert document.origin == str(path)
    assert document.lang == "en"
    assert document.id == Document.make_id(content_hash(BODY_1))
    assert document.published is None and document.published_from == "unknown"
    assert (datetime.now(UTC) - document.fetched_at).total_seconds() < 60


def test_markdown_heading_is_the_title(tmp_path: Path) -> None:
    path = tmp_path / "wire.md"
    path.write_text(f"# Drone strike near Al-Qaim\n\n{BODY_2}\n", encoding="utf-8")
    document = _only(list(read(str(path))))
    assert document.title == "Drone strike near Al-Qaim"
    assert document.text == BODY_2


def test_same_text_same_id(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY_1, encoding="utf-8")
    (tmp_path / "b.txt").write_text(BODY_1.replace(" ", "  ") + "\n\n\n", encoding="utf-8")
    first = _only(list(read(str(tmp_path / "a.txt"))))
    second = _only(list(read(str(tmp_path / "b.txt"))))
    assert first.id == second.id


def test_cp1256_arabic_text(tmp_path: Path) -> None:
    path = tmp_path / "arabic.txt"
    path.write_bytes(ARABIC.encode("cp1256"))
    document = _only(list(read(str(path))))
    assert document.text == ARABIC
    assert document.lang == "ar"


def test_utf16_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes(BODY_2.encode("utf-16"))  # Python writes the BOM
    assert _only(list(read(str(path)))).text == BODY_2


def test_html_page(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    document = _only(list(read(str(path))))
    assert document.title == "Rockets strike Ain al-Asad air base"
    assert document.source == "Example Wire"
    assert document.url == "https://wire.example/iraq/rockets-ain-al-asad"
    assert document.published == date(2023, 12, 10)
    assert document.published_from == "metadata"
    assert document.raw_format == "html"
    assert document.lang == "en"
    assert document.text == BODY_1  # no heading, navigation or footer


def test_html_without_extension_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "page"
    path.write_text(HTML_PAGE, encoding="utf-8")
    assert _only(list(read(str(path)))).raw_format == "html"


def test_html_in_a_declared_legacy_charset(tmp_path: Path) -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256">'
        f"<title>صواريخ على عين الأسد</title></head><body><article><p>{ARABIC}</p>"
        f"<p>{ARABIC}</p></article></body></html>"
    )
    path = tmp_path / "arabic.html"
    path.write_bytes(page.encode("cp1256"))
    document = _only(list(read(str(path))))
    assert ARABIC in document.text
    assert document.lang == "ar"


def test_jsonl_with_custom_field_names(tmp_path: Path) -> None:
    records = [
        {
            "story": BODY_1,
            "headline": "Rockets strike base",
            "link": "https://wire.example/1",
            "time": "2023-12-10T08:00:00Z",
            "outlet": "Example Wire",
        },
        {
            "story": f"<p>{BODY_2}</p>",
            "headline": "Drone strike near Al-Qaim",
            "link": "https://wire.example/2",
            "time": "Mon, 11 Dec 2023 10:00:00 +0300",
            "outlet": "Example Wire",
        },
    ]
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n\n", encoding="utf-8")
    options = ReadOptions(
        json_text_field="story", json_date_field="time", json_source_field="outlet"
    )
    first, second = list(read(str(path), options))
    assert first.text == BODY_1
    assert first.title == "Rockets strike base"  # "headline" is a fallback for the title
    assert first.url == "https://wire.example/1"  # and "link" for the url
    assert first.source == "Example Wire"
    assert first.published == date(2023, 12, 10)
    assert first.published_from == "given"
    assert first.origin == f"{path}#line-1"
    assert first.raw_format == "jsonl"
    assert second.text == BODY_2  # markup stripped
    assert second.published == date(2023, 12, 11)


def test_json_array_and_wrapped_list(tmp_path: Path) -> None:
    array = tmp_path / "array.json"
    array.write_text(json.dumps([{"body": BODY_1}, {"content": BODY_2}]), encoding="utf-8")
    wrapped = tmp_path / "wrapped.json"
    wrapped.write_text(
        json.dumps({"status": "ok", "articles": [{"text": BODY_1, "source": {"name": "Wire"}}]}),
        encoding="utf-8",
    )
    assert [d.text for d in read(str(array))] == [BODY_1, BODY_2]
    document = _only(list(read(str(wrapped))))
    assert document.source == "Wire"
    assert document.origin == f"{wrapped}#entry-1"


def test_json_lines_under_a_json_name(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"text": BODY_1}) + "\n" + json.dumps({"text": BODY_2}) + "\n")
    assert [d.origin for d in read(str(path))] == [f"{path}#line-1", f"{path}#line-2"]


RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Example Wire</title>
  <link>https://wire.example/</link>
  <description>News</description>
  <item>
    <title>Rockets strike Ain al-Asad air base</title>
    <link>https://wire.example/1</link>
    <pubDate>Sun, 10 Dec 2023 07:00:00 GMT</pubDate>
    <description>Short summary.</description>
    <content:encoded><![CDATA[{BODY_1_HTML}]]></content:encoded>
  </item>
  <item>
    <title>Drone strike near Al-Qaim</title>
    <link>https://wire.example/2</link>
    <pubDate>Mon, 11 Dec 2023 07:00:00 GMT</pubDate>
    <description>{BODY_2.replace(chr(10) * 2, " &lt;br/&gt; ")}</description>
  </item>
</channel>
</rss>
"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Example Atom Wire</title>
  <id>urn:example:wire</id>
  <updated>2023-12-11T08:00:00Z</updated>
  <entry>
    <title>Rockets strike Ain al-Asad air base</title>
    <id>urn:example:1</id>
    <link href="https://wire.example/atom/1"/>
    <published>2023-12-10T08:00:00Z</published>
    <updated>2023-12-10T09:00:00Z</updated>
    <content type="html">{html.escape(BODY_1_HTML)}</content>
  </entry>
  <entry>
    <title>Drone strike near Al-Qaim</title>
    <id>urn:example:2</id>
    <link href="https://wire.example/atom/2"/>
    <updated>2023-12-11T08:00:00Z</updated>
    <summary>{BODY_2.split(chr(10))[0]}</summary>
  </entry>
</feed>
"""


def test_rss_feed(tmp_path: Path) -> None:
    path = tmp_path / "wire.rss"
    path.write_text(RSS, encoding="utf-8")
    first, second = list(read(str(path)))
    assert first.title == "Rockets strike Ain al-Asad air base"
    assert first.text == BODY_1  # content:encoded wins over the short description
    assert first.url == "https://wire.example/1"
    assert first.source == "Example Wire"
    assert first.published == date(2023, 12, 10)
    assert first.published_from == "metadata"
    assert first.origin == f"{path}#entry-1"
    assert first.raw_format == "rss"
    assert second.text == BODY_2
    assert second.published == date(2023, 12, 11)


def test_atom_feed_sniffed_from_xml(tmp_path: Path) -> None:
    path = tmp_path / "wire.xml"
    path.write_text(ATOM, encoding="utf-8")
    first, second = list(read(str(path)))
    assert first.text == BODY_1
    assert first.url == "https://wire.example/atom/1"
    assert first.published == date(2023, 12, 10)
    assert first.source == "Example Atom Wire"
    assert second.text == BODY_2.split("\n")[0]
    assert second.published == date(2023, 12, 11)  # <updated> when there is no <published>


def _warc_record(writer: WARCWriter, uri: str, body: bytes, content_type: str):
    headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
    return writer.create_warc_record(
        uri, "response", payload=io.BytesIO(body), http_headers=headers
    )


def _page(title: str, body: str) -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"{paragraphs}</article></body></html>"
    ).encode()


def _write_warc(path: Path, gzip_records: bool) -> None:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzip_records)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        writer.write_record(
            _warc_record(writer, "https://wire.example/1", _page("Rockets", BODY_1), "text/html")
        )
        writer.write_record(
            _warc_record(writer, "https://wire.example/logo.png", b"\x89PNG\r\n", "image/png")
        )
        writer.write_record(
            _warc_record(
                writer,
                "https://wire.example/2",
                _page("Drone strike", BODY_2),
                "text/html; charset=utf-8",
            )
        )


def test_warc(tmp_path: Path) -> None:
    for name in ("crawl.warc", "crawl.warc.gz"):
        path = tmp_path / name
        _write_warc(path, gzip_records=name.endswith(".gz"))
        first, second = list(read(str(path)))
        assert (first.url, first.text) == ("https://wire.example/1", BODY_1)
        assert (second.url, second.text) == ("https://wire.example/2", BODY_2)
        assert first.raw_format == "warc"
        assert first.origin == f"{path}#record-2"
        # fetched_at is the WARC-Date of the record, not the time of reading
        assert first.fetched_at.tzinfo is not None

"""Rebuild the bundled example corpus from the two seed articles.

The seed articles come as scraped text (`corpus/text/`). This script writes the same two
articles in every other format marsad reads, the way real sources deliver them, so that
every reader is exercised end to end and the store's de-duplication is visible: running
`marsad run examples/corpus` reads ten documents and stores two.

    python examples/build_corpus.py   # rewrites examples/corpus/{html,rss,jsonl,warc}
"""

from __future__ import annotations

import gzip
import html
import io
import json
from dataclasses import dataclass
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

CORPUS = Path(__file__).parent / "corpus"


@dataclass(frozen=True)
class Article:
    slug: str
    site: str
    url: str
    title: str
    published: str  # ISO date with time, as a CMS writes it
    text_file: str
    body_from: int  # first body line of the scraped text file (after title/dateline lines)
    body_to: int  # one past the last body line (before URL line and site furniture)

    def paragraphs(self) -> list[str]:
        lines = (CORPUS / "text" / self.text_file).read_text(encoding="utf-8").splitlines()
        return [line.strip() for line in lines[self.body_from : self.body_to] if line.strip()]


ARTICLES = [
    Article(
        slug="shafaq-kri-protection",
        site="Shafaq News",
        url="https://shafaq.example/en/Kurdistan/KRI-Interior-Minister-calls-for-protection",
        title="KRI’s Interior Minister calls for protection of foreign missions and "
        "Coalition forces in Iraq",
        published="2023-12-10T14:05:00+03:00",
        text_file="shafaq-kri-protection.txt",
        body_from=4,
        body_to=25,
    ),
    Article(
        slug="baghdadtoday-kurdistan-coalition",
        site="Baghdad Today",
        url="https://hathalyoum.net/articles/3293433-كردستان-يؤيد-بقاء-التحالف-الدولي-في-العراق-نخشى-تزايد-",
        title="Kurdistan backs the international coalition staying in Iraq",
        published="2024-01-06T11:20:00+03:00",
        text_file="baghdadtoday-kurdistan-coalition.txt",
        body_from=1,
        body_to=16,
    ),
]


def article_html(article: Article) -> str:
    """A news page as a CMS serves it: navigation, metadata, the article, a footer."""
    body = "\n".join(f"    <p>{html.escape(p)}</p>" for p in article.paragraphs())
    title = html.escape(article.title)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{title} | {article.site}</title>
  <meta property="og:site_name" content="{article.site}">
  <meta property="og:title" content="{title}">
  <meta property="article:published_time" content="{article.published}">
  <link rel="canonical" href="{html.escape(article.url)}">
</head>
<body>
  <header><nav><a href="/">Home</a> <a href="/iraq">Iraq</a> <a href="/kurdistan">Kurdistan</a>
  <a href="/radio">Radio</a></nav></header>
  <main>
  <article>
    <h1>{title}</h1>
    <time datetime="{article.published}">{article.published[:10]}</time>
{body}
  </article>
  </main>
  <aside><h3>Most read</h3><ul><li><a href="/a">Weather forecast for Sunday</a></li></ul></aside>
  <footer>© {article.site}. All rights reserved. <a href="/privacy">Privacy</a></footer>
</body>
</html>
"""


def rss_feed(articles: list[Article]) -> str:
    items = []
    for article in articles:
        content = "".join(f"<p>{html.escape(p)}</p>" for p in article.paragraphs())
        items.append(
            f"""  <item>
    <title>{html.escape(article.title)}</title>
    <link>{html.escape(article.url)}</link>
    <guid isPermaLink="true">{html.escape(article.url)}</guid>
    <pubDate>{_rfc822(article.published)}</pubDate>
    <description>{html.escape(article.paragraphs()[0][:200])}</description>
    <content:encoded><![CDATA[{content}]]></content:encoded>
  </item>"""
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">\n'
        "<channel>\n  <title>Iraq security news (example feed)</title>\n"
        "  <link>https://news.example/</link>\n  <description>Example feed</description>\n"
        + "\n".join(items)
        + "\n</channel>\n</rss>\n"
    )


def _rfc822(iso: str) -> str:
    from datetime import datetime
    from email.utils import format_datetime

    return format_datetime(datetime.fromisoformat(iso))


def jsonl_lines(articles: list[Article]) -> str:
    rows = [
        {
            "url": article.url,
            "title": article.title,
            "source": article.site,
            "published": article.published,
            "text": "\n\n".join(article.paragraphs()),
        }
        for article in articles
    ]
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def warc_bytes(articles: list[Article]) -> bytes:
    """A crawl of the two pages plus a robots.txt, as a crawler writes it (gzip per record)."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    records = [(a.url, "text/html; charset=utf-8", article_html(a)) for a in articles]
    records.append(("https://news.example/robots.txt", "text/plain", "User-agent: *\nAllow: /\n"))
    for url, content_type, body in records:
        payload = body.encode("utf-8")
        headers = StatusAndHeaders(
            "200 OK",
            [("Content-Type", content_type), ("Content-Length", str(len(payload)))],
            protocol="HTTP/1.1",
        )
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(payload), http_headers=headers
        )
        writer.write_record(record)
    return buffer.getvalue()


def main() -> None:
    for folder in ("html", "rss", "jsonl", "warc"):
        (CORPUS / folder).mkdir(parents=True, exist_ok=True)
    for article in ARTICLES:
        (CORPUS / "html" / f"{article.slug}.html").write_text(article_html(article), "utf-8")
    (CORPUS / "rss" / "feed.xml").write_text(rss_feed(ARTICLES), "utf-8")
    (CORPUS / "jsonl" / "articles.jsonl").write_text(jsonl_lines(ARTICLES), "utf-8")
    (CORPUS / "warc" / "crawl.warc.gz").write_bytes(warc_bytes(ARTICLES))
    assert gzip.decompress((CORPUS / "warc" / "crawl.warc.gz").read_bytes())


if __name__ == "__main__":
    main()

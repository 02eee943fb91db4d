"""RSS and Atom feeds: each entry is a document.

The entry's text is its content or summary with the HTML stripped. With
ReadOptions.fetch_links the linked page is fetched and its main text used instead;
when the fetch fails (no network, 404, timeout) the summary is used: no crash.

A feed is stored whole or not at all: a malformed one (cut short, undefined entities, an
entity-expansion attempt) yields no entry, since what the parser recovered from it may be
half-parsed text; a feed with more entries than ReadOptions.max_feed_entries is refused
before it is parsed, so that one runaway feed cannot hold up the rest of the batch.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import feedparser

from marsad.clean import build_document
from marsad.clean.markup import strip_html
from marsad.errors import InputError
from marsad.ingest.decode import check_text_bytes, declared_charset, decode, read_capped
from marsad.ingest.entries import BadEntries
from marsad.ingest.fetch import fetch
from marsad.ingest.html import extract_html
from marsad.ingest.options import ReadOptions
from marsad.types import Document

# feedparser flags these but parses the feed fine.
_POSITION = re.compile(r"^(\d+):(\d+): ")
_HARMLESS = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
_ENTRY_TAG = re.compile(rb"<(?:[\w-]+:)?(?:item|entry)[\s>/]", re.IGNORECASE)


def read_rss(path: str, options: ReadOptions) -> Iterator[Document]:
    yield from feed_documents(read_capped(path, options.max_bytes), path, options)


def feed_documents(data: bytes, origin: str, options: ReadOptions) -> Iterator[Document]:
    check_text_bytes(data, origin)
    _check_entry_count(len(_ENTRY_TAG.findall(data)), options.max_feed_entries, origin)
    # Bytes, never a str: feedparser treats a string as a URL or a file name to open.
    parsed = feedparser.parse(data, resolve_relative_uris=False, sanitize_html=False)
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if problem is not None and isinstance(problem, _HARMLESS):
        problem = None
    if not parsed.entries:
        if problem is not None:
            raise InputError(origin, f"malformed feed: {_one_line(problem)}")
        if not parsed.get("version"):
            raise InputError(origin, "not an RSS or Atom feed")
        return  # a well-formed feed with no entries: nothing to read
    if problem is not None:
        entries = len(parsed.entries)
        raise InputError(
            origin,
            f"malformed feed: {_one_line(problem)} (none of its {entries} "
            f"{'entry' if entries == 1 else 'entries'} stored)",
        )
    _check_entry_count(len(parsed.entries), options.max_feed_entries, origin)
    site = parsed.feed.get("title") or None
    bad = BadEntries(origin)
    for number, entry in enumerate(parsed.entries, start=1):
        where = f"entry {number}"
        try:
            yield _entry_document(entry, f"{origin}#entry-{number}", site, options)
        except InputError as error:
            bad.add(where, error.reason)
    bad.raise_if_any()


def _check_entry_count(entries: int, limit: int, origin: str) -> None:
    if entries > limit:
        raise InputError(
            origin,
            f"feed has {entries:,} entries, over the {limit:,} limit "
            "(max_feed_entries; none stored)",
        )


def _entry_document(entry: Any, origin: str, site: str | None, options: ReadOptions) -> Document:
    title = strip_html(entry.get("title", "")) or None
    link = entry.get("link") or None
    published = entry.get("published_parsed") or entry.get("updated_parsed")
    text = _fetched_text(link, options) if options.fetch_links and link else None
    if text is None:
        text = _entry_text(entry)
    if not text.strip():
        raise InputError(origin, "no text in the entry (only a title; see fetch_links)")
    return build_document(
        text=text,
        title=title,
        url=link,
        source=site,
        meta_date=published,
        raw_format="rss",
        origin=origin,
    )


def _entry_text(entry: Any) -> str:
    contents = entry.get("content") or []
    bodies = [c.get("value", "") for c in contents if c.get("value")]
    body = max(bodies, key=len) if bodies else entry.get("summary", "")
    return strip_html(body)


def _fetched_text(link: str, options: ReadOptions) -> str | None:
    """The linked page's main text, or None when it cannot be fetched or read."""
    try:
        page = fetch(link, options)
        html = decode(page.body, link, page.charset or declared_charset(page.body))
        return extract_html(html, link, page.url).text
    except InputError:
        return None


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split()).removeprefix("<unknown>:")  # the SAX parser's file name
    text = _POSITION.sub(r"line \1, column \2: ", text)
    return text or type(error).__name__

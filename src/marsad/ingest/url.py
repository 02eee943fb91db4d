"""Web pages by URL: fetch the page (ingest.fetch), then read it by its content type."""

from __future__ import annotations

from collections.abc import Iterator

from marsad.errors import InputError
from marsad.ingest.fetch import fetch
from marsad.ingest.formats import format_of_content_type, sniff
from marsad.ingest.html import html_document
from marsad.ingest.options import ReadOptions
from marsad.ingest.rss import feed_documents
from marsad.ingest.text import text_document
from marsad.types import Document


def read_url(url: str, options: ReadOptions) -> Iterator[Document]:
    page = fetch(url, options)
    kind = format_of_content_type(page.content_type) or sniff(page.body[:4096])
    if kind == "html":
        yield html_document(page.body, url, url=page.url, charset=page.charset, raw_format="url")
    elif kind == "text":
        yield text_document(page.body, url, url=page.url, charset=page.charset, raw_format="url")
    elif kind == "rss":
        yield from feed_documents(page.body, url, options)
    else:
        raise InputError(url, f"unsupported content type {page.content_type or 'unknown'!r}")

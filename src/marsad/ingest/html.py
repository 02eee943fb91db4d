"""HTML pages: trafilatura for the main text, title and site name; htmldate for the date."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

from marsad.clean import build_document
from marsad.clean.markup import looks_like_html
from marsad.clean.published import parse_date
from marsad.errors import InputError
from marsad.ingest.decode import declared_charset, decode, read_capped
from marsad.ingest.options import ReadOptions
from marsad.types import Document, RawFormat


@dataclass(frozen=True, slots=True)
class Extracted:
    text: str
    title: str | None
    site: str | None
    url: str | None  # the canonical URL the page declares
    meta_date: date | None


def read_html(path: str, options: ReadOptions) -> Iterator[Document]:
    yield html_document(read_capped(path, options.max_bytes), path)


def html_document(
    data: bytes,
    origin: str,
    *,
    url: str | None = None,
    charset: str | None = None,
    fetched_at: datetime | None = None,
    raw_format: RawFormat = "html",
) -> Document:
    """One document from the bytes of an HTML page (a file, a fetched page, a WARC record)."""
    html = decode(data, origin, charset or declared_charset(data))
    if not looks_like_html(html):  # plain text saved under an .html name: read it as text
        return build_document(text=html, url=url, raw_format=raw_format, origin=origin)
    page = extract_html(html, origin, url)
    return build_document(
        text=page.text,
        title=page.title,
        url=url or page.url,
        source=page.site,
        meta_date=page.meta_date,
        raw_format=raw_format,
        origin=origin,
        fetched_at=fetched_at,
    )


def extract_html(html: str, origin: str, url: str | None = None) -> Extracted:
    """Main text and metadata of a page. Raises InputError when there is no text."""
    # Imported here: trafilatura is the slowest import of the ingest stage.
    import trafilatura
    from htmldate import find_date
    from trafilatura.utils import load_html

    # Parse once and hand the tree (never a string, never a URL) to htmldate and
    # trafilatura: a string that looks like a URL makes htmldate download it.
    tree = load_html(html)
    if tree is None:
        raise InputError(origin, "not an HTML page")
    found = find_date(tree, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    result = trafilatura.bare_extraction(tree, url=url, with_metadata=True)
    # A trafilatura Document or None (a dict only with as_dict=True, not asked for here).
    if result is None or isinstance(result, dict) or not (text := result.text or "").strip():
        raise InputError(origin, "no article text found in the HTML page")
    return Extracted(
        text=text.replace("\n", "\n\n"),  # one line per block; a blank line between paragraphs
        title=result.title,
        site=result.sitename,
        url=result.url,
        meta_date=parse_date(found),
    )

"""Clean stage: one function turns a reader's raw fields into a `Document`.

Every reader calls `build_document`, so all formats get the same normalisation,
furniture removal, language and date rules.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from marsad.clean.furniture import strip_furniture
from marsad.clean.language import detect_language
from marsad.clean.published import DateValue, date_from_text, parse_date
from marsad.clean.urls import canonical_url
from marsad.clean.whitespace import normalise, normalise_line
from marsad.errors import InputError
from marsad.types import DateSource, Document, RawFormat, content_hash

__all__ = ["build_document"]


def build_document(
    *,
    text: str,
    raw_format: RawFormat,
    origin: str,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    published: DateValue | None = None,
    meta_date: DateValue | None = None,
    fetched_at: datetime | None = None,
    source_id: str | None = None,
) -> Document:
    """Clean a reader's text and metadata into a Document.

    `published` is a date the input states for the record (a JSON field, a caller's
    value): published_from="given". `meta_date` comes from page or feed metadata
    (HTML meta tags via htmldate, RSS pubDate): "metadata". Without either, the date
    is read from the top of the text ("text"), else None ("unknown").
    Raises InputError when nothing is left of the text after cleaning.
    """
    fetched_at = fetched_at or datetime.now(UTC)
    title = _line_or_none(title)
    stripped = strip_furniture(normalise(text), title)
    if not any(ch.isalpha() for ch in stripped.text):
        raise InputError(origin, "no article text after removing site furniture")
    day, how = _publication_date(published, meta_date, stripped.text, fetched_at.date())
    return Document(
        id=Document.make_id(content_hash(stripped.text)),
        url=canonical_url(_line_or_none(url) or stripped.url),
        source=_line_or_none(source) or stripped.source,
        title=_line_or_none(stripped.title),
        published=day,
        lang=detect_language(stripped.text),
        text=stripped.text,
        raw_format=raw_format,
        fetched_at=fetched_at,
        content_hash=content_hash(stripped.text),
        origin=origin,
        published_from=how,
        source_id=source_id,
    )


def _publication_date(
    published: DateValue | None, meta_date: DateValue | None, text: str, fetched: date
) -> tuple[date | None, DateSource]:
    if (day := parse_date(published)) is not None:
        return day, "given"
    if (day := parse_date(meta_date)) is not None:
        return day, "metadata"
    if (day := date_from_text(text, fetched)) is not None:
        return day, "text"
    return None, "unknown"


def _line_or_none(value: str | None) -> str | None:
    return (normalise_line(value) or None) if value else None

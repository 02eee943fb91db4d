"""JSON (an array, an object holding an array, or one object) and JSON Lines.

Field names are configurable (ReadOptions.json_*_field); when the configured name is
absent, the common alternatives below are tried, so most exports work unconfigured.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from marsad.clean import build_document
from marsad.clean.markup import looks_like_html, strip_html
from marsad.errors import InputError
from marsad.ingest.decode import decode, read_capped
from marsad.ingest.entries import BadEntries
from marsad.ingest.options import ReadOptions
from marsad.types import Document, RawFormat

_FALLBACKS = {
    "text": ("text", "body", "content", "article", "maintext", "full_text"),
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "date": ("published", "date", "pubDate", "published_at", "date_publish", "datetime"),
    "source": ("source", "site", "publisher", "source_domain"),
}
# Keys under which an object holds its list of articles.
_LIST_KEYS = ("articles", "items", "documents", "docs", "data", "results", "entries")


def read_jsonl(path: str, options: ReadOptions) -> Iterator[Document]:
    yield from _lines(decode(read_capped(path, options.max_bytes), path), path, options)


def _lines(text: str, path: str, options: ReadOptions) -> Iterator[Document]:
    bad = BadEntries(path)
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"line {number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            bad.add(where, "not JSON")
            continue
        yield from _documents(record, f"{path}#line-{number}", where, "jsonl", options, bad)
    bad.raise_if_any()


def read_json(path: str, options: ReadOptions) -> Iterator[Document]:
    text = decode(read_capped(path, options.max_bytes), path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        if error.msg == "Extra data" and error.lineno > 1:  # JSON Lines under a .json name
            yield from _lines(text, path, options)
            return
        raise InputError(path, f"not JSON ({error.msg} at line {error.lineno})") from None
    records = _records(data)
    if records is None:
        raise InputError(path, "JSON holds no article object or list of articles")
    bad = BadEntries(path)
    for number, record in enumerate(records, start=1):
        where = f"entry {number}"
        yield from _documents(record, f"{path}#entry-{number}", where, "json", options, bad)
    bad.raise_if_any()


def _records(data: Any) -> list[Any] | None:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for key in _LIST_KEYS:
            if isinstance(data.get(key), list):
                return data[key]
        return [data]
    return None


def _documents(
    record: Any,
    origin: str,
    where: str,
    raw_format: RawFormat,
    options: ReadOptions,
    bad: BadEntries,
) -> Iterator[Document]:
    """Zero or one document from a record; a bad record is noted in `bad`."""
    if not isinstance(record, dict):
        bad.add(where, "not a JSON object")
        return
    text = _field(record, options.json_text_field, "text")
    if isinstance(text, list) and all(isinstance(part, str) for part in text):
        text = "\n\n".join(text)  # some exports keep the body as a list of paragraphs
    if not isinstance(text, str) or not text.strip():
        tried = ", ".join(dict.fromkeys((options.json_text_field, *_FALLBACKS["text"])))
        bad.add(where, f"no text (looked for {tried})")
        return
    title = _string(_field(record, options.json_title_field, "title"))
    try:
        yield build_document(
            text=strip_html(text) if looks_like_html(text) else text,
            title=strip_html(title) if title else None,
            url=_string(_field(record, options.json_url_field, "url")),
            source=_source(_field(record, options.json_source_field, "source")),
            published=_date_value(_field(record, options.json_date_field, "date")),
            raw_format=raw_format,
            origin=origin,
            source_id=_record_id(record.get("id")),
        )
    except InputError as error:
        bad.add(where, error.reason)


def _field(record: dict[str, Any], configured: str, kind: str) -> Any:
    for name in (configured, *_FALLBACKS[kind]):
        value = record.get(name)
        if value not in (None, ""):
            return value
    return None


def _record_id(value: Any) -> str | None:
    """The record's own id, kept so that an incident's reports can be traced to the input."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    return str(value).strip() or None


def _string(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _source(value: Any) -> str | None:
    if isinstance(value, dict):  # {"id": ..., "name": "Reuters"}, as news APIs write it
        value = value.get("name")
    return _string(value)


def _date_value(value: Any) -> str | int | float | None:
    return value if isinstance(value, str | int | float) and not isinstance(value, bool) else None

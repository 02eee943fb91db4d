"""WARC files (plain or .warc.gz): each HTML `response` record is a document.

The file is streamed, never read whole: crawl WARCs are far larger than the per-input
cap, which applies here to each record instead. warcio reads a truncated file without
complaint, so completeness is checked here: every record must carry all the bytes its
Content-Length announces, and nothing but blank lines may follow the last record.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from marsad.errors import InputError
from marsad.ingest.decode import over_limit
from marsad.ingest.entries import BadEntries
from marsad.ingest.html import html_document
from marsad.ingest.options import ReadOptions
from marsad.types import Document

_RECORD_TYPES = frozenset(
    [
        "warcinfo",
        "response",
        "resource",
        "request",
        "metadata",
        "revisit",
        "conversion",
        "continuation",
    ]
)
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_DRAIN = 1 << 16


class _Truncated(Exception):
    """The WARC ends inside a record."""


def read_warc(path: str, options: ReadOptions) -> Iterator[Document]:
    try:
        handle = open(path, "rb")  # noqa: SIM115 -- closed in the finally below, across yields
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except OSError as error:
        raise InputError(path, f"cannot read: {error.strerror or error}") from None
    try:
        if os.fstat(handle.fileno()).st_size == 0:
            raise InputError(path, "empty file")
        yield from _records(handle, path, options)
    finally:
        handle.close()


@dataclass(frozen=True, slots=True)
class _HtmlRecord:
    number: int
    body: bytes
    url: str | None
    charset: str | None
    fetched_at: datetime | None


def _records(handle: BinaryIO, path: str, options: ReadOptions) -> Iterator[Document]:
    bad = BadEntries(path)
    archive = ArchiveIterator(handle)
    records = iter(archive)
    complete = 0
    end = 0  # offset just after the last complete record
    while True:
        # Only warcio's work is in this try: it raises assorted errors on a damaged file.
        try:
            record = next(records, None)
            if record is None:
                break
            page = _read_record(record, complete + 1, options)
            archive.read_to_end(record)
            end = archive.get_record_offset() + archive.get_record_length()
        except _Truncated as error:
            raise InputError(
                path, f"truncated WARC after {complete} complete records: {error}"
            ) from None
        except Exception as error:
            raise InputError(
                path,
                f"truncated or damaged WARC after {complete} complete records: {_detail(error)}",
            ) from None
        complete += 1
        if page is not None:
            yield from _document(page, path, options, bad)
    if _trailing_bytes(handle, end):
        raise InputError(
            path, f"truncated WARC after {complete} complete records: a record header is cut"
        )
    bad.raise_if_any()


def _read_record(record: Any, number: int, options: ReadOptions) -> _HtmlRecord | None:
    """Read a whole record; keep the payload of a successful HTML response."""
    length = record.rec_headers.get_header("Content-Length") or ""
    if record.rec_type not in _RECORD_TYPES or not length.strip().isdigit():
        raise _Truncated("a record header is incomplete")
    page = None
    if _is_html_response(record):
        page = _HtmlRecord(
            number=number,
            body=record.content_stream().read(options.max_bytes + 1),
            url=record.rec_headers.get_header("WARC-Target-URI"),
            charset=_charset(record.http_headers.get_header("Content-Type") or ""),
            fetched_at=_warc_date(record.rec_headers.get_header("WARC-Date")),
        )
    # Read to the end, so a record cut short is never turned into a document.
    while record.raw_stream.read(_DRAIN):
        pass
    if getattr(record.raw_stream, "limit", 0):
        raise _Truncated("the last record is cut short")
    return page


def _is_html_response(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    status = record.http_headers.get_statuscode() or ""
    return content_type.startswith(_HTML_TYPES) and status.startswith("2")


def _document(
    page: _HtmlRecord, path: str, options: ReadOptions, bad: BadEntries
) -> Iterator[Document]:
    where = f"record {page.number}"
    if len(page.body) > options.max_bytes:
        bad.add(where, over_limit("page", None, options.max_bytes))
        return
    try:
        yield html_document(
            page.body,
            f"{path}#record-{page.number}",
            url=page.url,
            charset=page.charset,
            fetched_at=page.fetched_at,
            raw_format="warc",
        )
    except InputError as error:
        bad.add(where, error.reason)


def _detail(error: Exception) -> str:
    """warcio's own errors read well; its internal ones (AttributeError on a header cut
    mid-line) do not."""
    if isinstance(error, ArchiveLoadFailed):
        return " ".join(str(error).split())[:160]
    return "a record header cannot be parsed"


def _trailing_bytes(handle: BinaryIO, end: int) -> bool:
    """Anything but blank lines after the last complete record: a record cut in its header."""
    size = os.fstat(handle.fileno()).st_size
    if size - end > _DRAIN:
        return True
    handle.seek(end)
    return bool(handle.read().strip())


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _warc_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None

"""Pick the reader for a source, by URL scheme, file name, or first bytes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from importlib import import_module

from marsad.errors import InputError
from marsad.ingest.decode import check_text_bytes
from marsad.ingest.formats import Format, format_of_name, is_url, sniff
from marsad.ingest.options import ReadOptions
from marsad.types import Document

Reader = Callable[[str, ReadOptions], Iterator[Document]]

# Readers are imported on first use: trafilatura, feedparser and warcio are slow to import
# and a batch of text files needs none of them.
_READERS: dict[Format, tuple[str, str]] = {
    "text": ("marsad.ingest.text", "read_text"),
    "html": ("marsad.ingest.html", "read_html"),
    "json": ("marsad.ingest.jsonl", "read_json"),
    "jsonl": ("marsad.ingest.jsonl", "read_jsonl"),
    "rss": ("marsad.ingest.rss", "read_rss"),
    "warc": ("marsad.ingest.warc", "read_warc"),
    "url": ("marsad.ingest.url", "read_url"),
}
_SNIFF_BYTES = 4096
DEFAULT_OPTIONS = ReadOptions()  # frozen, so one shared default is safe


def read(source: str, options: ReadOptions = DEFAULT_OPTIONS) -> Iterator[Document]:
    """The documents in one source (a file path or an http(s) URL).

    Raises InputError(origin, reason), from this call (unknown or missing input) or while
    iterating (bad content). A container (JSONL, feed, WARC) yields its good documents
    first and raises once at the end, naming its first bad entry.
    """
    module, name = _READERS[detect_format(source)]
    reader: Reader = getattr(import_module(module), name)
    return reader(source, options)


def detect_format(source: str) -> Format:
    if is_url(source):
        return "url"
    by_name = format_of_name(source)
    if by_name is not None:
        return by_name
    try:
        with open(source, "rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except FileNotFoundError:
        raise InputError(source, "no such file") from None
    except IsADirectoryError:
        raise InputError(source, "is a directory") from None
    except OSError as error:
        raise InputError(source, f"cannot read: {error.strerror or error}") from None
    if (sniffed := sniff(head)) is not None:
        return sniffed
    check_text_bytes(head, source)  # not a known format: it must at least be text
    return "text"

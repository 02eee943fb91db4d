"""Plain text and Markdown files: one file, one document."""

from __future__ import annotations

from collections.abc import Iterator

from marsad.clean import build_document
from marsad.ingest.decode import decode, read_capped
from marsad.ingest.options import ReadOptions
from marsad.types import Document, RawFormat


def read_text(path: str, options: ReadOptions) -> Iterator[Document]:
    yield text_document(read_capped(path, options.max_bytes), path)


def text_document(
    data: bytes,
    origin: str,
    *,
    url: str | None = None,
    charset: str | None = None,
    raw_format: RawFormat = "text",
) -> Document:
    text = decode(data, origin, charset)
    return build_document(text=text, raw_format=raw_format, origin=origin, url=url)

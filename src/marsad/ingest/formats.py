"""Which reader an input needs: from its name, its content type, or its first bytes."""

from __future__ import annotations

import re
from typing import Literal

Format = Literal["text", "html", "json", "jsonl", "rss", "warc", "url"]

_EXTENSIONS: dict[str, Format] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xml": "rss",
    ".rss": "rss",
    ".atom": "rss",
    ".warc": "warc",
    ".warc.gz": "warc",
}
_CONTENT_TYPES: dict[str, Format] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/rss+xml": "rss",
    "application/atom+xml": "rss",
    "application/rdf+xml": "rss",
    "application/xml": "rss",
    "text/xml": "rss",
    "text/plain": "text",
    "text/markdown": "text",
}
_FEED = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)
_HTML = re.compile(rb"<(?:!doctype html|html|head|body)\b", re.IGNORECASE)
_GZIP_MAGIC = b"\x1f\x8b"


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def format_of_name(name: str) -> Format | None:
    lower = name.lower()
    for extension in sorted(_EXTENSIONS, key=len, reverse=True):  # ".warc.gz" before ".gz"
        if lower.endswith(extension):
            return _EXTENSIONS[extension]
    return None


def format_of_content_type(content_type: str) -> Format | None:
    return _CONTENT_TYPES.get(content_type.split(";")[0].strip().lower())


def sniff(head: bytes) -> Format | None:
    """A format from the first bytes of an input with no telling name."""
    if head.startswith(b"WARC/"):
        return "warc"
    if head.startswith(_GZIP_MAGIC):
        return None  # only a .warc.gz name says a gzip file is a WARC
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if _FEED.search(text[:2048]):
        return "rss"
    if _HTML.search(text[:2048]):
        return "html"
    if text.startswith((b"[", b"{")):
        lines = [line for line in text.splitlines()[:3] if line.strip()]
        one_object_per_line = len(lines) > 1 and all(
            line.strip().startswith(b"{") and line.strip().endswith(b"}") for line in lines[:-1]
        )
        return "jsonl" if one_object_per_line else "json"
    return None

"""Options shared by all readers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReadOptions:
    fetch_links: bool = False  # RSS: fetch each entry's page (falls back to the summary)
    json_text_field: str = "text"  # JSON/JSONL field names; common alternatives are tried next
    json_title_field: str = "title"
    json_url_field: str = "url"
    json_date_field: str = "published"
    json_source_field: str = "source"
    max_bytes: int = 20_000_000  # per file, per URL, per WARC record
    timeout_s: float = 20.0  # URL fetching: connect, each read, and the whole download

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
    # A feed with more entries is refused whole: a runaway feed must not starve the batch.
    max_feed_entries: int = 5_000
    # URL fetching: loopback, private, link-local and reserved addresses are refused unless
    # allowed (a server that fetches what a client names must not reach the internal network).
    allow_private_urls: bool = False

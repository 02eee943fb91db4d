"""What the store hands out and takes in, besides Document and Event.

Plain frozen dataclasses: no ORM object ever leaves a session, so callers (CLI, API,
exporters) cannot trigger lazy loads on a closed session or write by accident.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from marsad.types import Document, Event


@dataclass(frozen=True, slots=True)
class SaveResult:
    document_id: str
    created: bool  # False when the document was already stored (same url or same text)
    events: int  # how many events the document now has


@dataclass(frozen=True, slots=True)
class EventFilters:
    """Which events to list. Every filter given must hold; None means "any".

    since/until are inclusive and select events whose date range overlaps them; an event
    with no date never matches a date filter.
    """

    since: date | None = None
    until: date | None = None
    kind: str | None = None
    category: str | None = None  # PLOVER category, any case
    mode: str | None = None
    acled_type: str | None = None
    actor: str | None = None  # case-insensitive substring of an actor's or recipient's text/name
    country: str | None = None  # ISO 3166 alpha-2 of the place, any case
    document_id: str | None = None
    text: str | None = None  # case-insensitive substring of the evidence sentence


@dataclass(frozen=True, slots=True)
class DocumentRow:
    id: str
    url: str | None
    source: str | None
    title: str | None
    published: date | None
    published_from: str
    lang: str | None
    text: str
    raw_format: str
    fetched_at: datetime
    content_hash: str
    origin: str
    ingested_at: datetime
    event_count: int

    def to_document(self) -> Document:
        """The stored document as the pipeline's own type (for re-extraction)."""
        return Document(
            id=self.id,
            url=self.url,
            source=self.source,
            title=self.title,
            published=self.published,
            lang=self.lang,
            text=self.text,
            raw_format=self.raw_format,  # type: ignore[arg-type]  # stored from a RawFormat
            fetched_at=self.fetched_at,
            content_hash=self.content_hash,
            origin=self.origin,
            published_from=self.published_from,  # type: ignore[arg-type]
        )


@dataclass(frozen=True, slots=True)
class EventRow:
    """One stored event with what a listing needs to show it and link to its source."""

    id: int
    document_id: str
    ordinal: int  # the event's position among its document's events
    event: Event  # the full record: actors, recipients, place, date, numbers, evidence
    document_title: str | None
    document_source: str | None
    document_url: str | None
    published: date | None


@dataclass(frozen=True, slots=True)
class StoreStats:
    documents: int
    events: int
    events_by_kind: dict[str, int] = field(default_factory=dict)
    events_by_category: dict[str, int] = field(default_factory=dict)
    documents_by_source: dict[str | None, int] = field(default_factory=dict)
    documents_by_lang: dict[str | None, int] = field(default_factory=dict)
    first_event: date | None = None  # earliest event start date
    last_event: date | None = None  # latest event end (or start) date
    first_published: date | None = None
    last_published: date | None = None

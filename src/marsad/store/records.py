"""What the store hands out and takes in, besides Document and Event.

Plain frozen dataclasses: no ORM object ever leaves a session, so callers (CLI, API,
exporters) cannot trigger lazy loads on a closed session or write by accident.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from marsad.types import Document, Event

# What became of a document's extraction (the documents.extraction column, migration 0003):
# None: never extracted (stored by `marsad ingest`, or before migration 0003);
# EXTRACTED: its events are the extractor's output (possibly none);
# NO_PROFILE: its language has no extraction profile, so it is stored without events
# (`marsad run --reprocess` extracts it again, once a profile exists).
EXTRACTED = "extracted"
NO_PROFILE = "no_profile"
EXTRACTION_STATES = (EXTRACTED, NO_PROFILE)


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
    # an actor's or recipient's id, name or text, or words of it in order, the last maybe
    # cut short; case and accents ignored (store/terms.py has the rule)
    actor: str | None = None
    country: str | None = None  # ISO 3166 alpha-2 of the place, any case
    document_id: str | None = None
    text: str | None = None  # case-insensitive substring of the evidence sentence (NUL too)
    # --- added for the API and dashboard; all optional, so older callers are unchanged
    acled_subtype: str | None = None
    place: str | None = None  # the same rule, for the place's id, name and text
    # (west, south, east, north) in degrees; west > east crosses the antimeridian
    bbox: tuple[float, float, float, float] | None = None
    search: str | None = None  # full text: every word must be in the evidence sentence
    event_ids: tuple[int, ...] | None = None  # only these events


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
    extraction: str | None = None  # None, EXTRACTED or NO_PROFILE (see above)
    source_id: str | None = None  # the input's own id for the record (a JSONL `id`)

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
            source_id=self.source_id,
        )


@dataclass(frozen=True, slots=True)
class IncidentBrief:
    """The incident an event belongs to, as a listing or an export needs it."""

    id: str
    documents: int
    sources: tuple[str, ...]  # the outlets that report it
    killed: int | None  # resolved: the lowest well-sourced figure
    injured: int | None
    place_name: str | None  # resolved: the finest place the reports agree on
    lat: float | None
    lon: float | None
    country: str | None
    geo_precision: str | None
    first_day: date | None


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
    ingested_at: datetime | None = None  # when the document was stored (exports' timestamps)
    incident: IncidentBrief | None = None  # None: not linked (an aggregate, an older store)


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
    # documents stored without events because their language has no extraction profile
    documents_without_profile: dict[str | None, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ActorRow:
    """An entry of the actor registry, with how many events refer to it (any role)."""

    id: str
    name: str
    sector: str | None
    country: str | None
    aliases: tuple[str, ...]
    proposed: bool
    events: int


@dataclass(frozen=True, slots=True)
class PlaceRow:
    """An entry of the gazetteer, with how many events happened there."""

    id: str
    name: str
    lat: float | None
    lon: float | None
    admin1: str | None
    country: str | None
    feature_type: str | None
    aliases: tuple[str, ...]
    events: int


@dataclass(frozen=True, slots=True)
class DayCount:
    """How many events of one category start on one day (the timeline's bars)."""

    day: date
    category: str
    events: int


@dataclass(frozen=True, slots=True)
class EventPoint:
    """What a map marker needs, and nothing more: one row per located event."""

    id: int
    lat: float
    lon: float
    kind: str
    category: str
    day: date | None
    killed: int | None
    injured: int | None
    place: str | None


@dataclass(frozen=True, slots=True)
class IncidentMember:
    """One report of an incident: the event, its document, and why it is in the incident."""

    event_id: int
    key: str  # the event's link key (stable across re-processing)
    document_id: str
    source_id: str | None  # the input's own id for the document (a JSONL `id`)
    url: str | None
    source: str | None  # the outlet
    published: date | None
    category: str
    evidence: str
    reasons: tuple[dict[str, Any], ...] = ()  # its best pair in the incident: score, reasons


@dataclass(frozen=True, slots=True)
class IncidentRow:
    """An incident with its resolved fields, the conflicts, and its reports."""

    id: str
    kind: str
    category: str
    mode: str | None
    events: int
    documents: int
    first_day: date | None
    last_day: date | None
    place_name: str | None
    lat: float | None
    lon: float | None
    country: str | None
    geo_precision: str | None
    killed: int | None
    injured: int | None
    conflicts: tuple[str, ...]
    fields: dict[str, Any]
    members: tuple[IncidentMember, ...] = ()
    possible: tuple[dict[str, Any], ...] = ()  # possible duplicates: other incident, score

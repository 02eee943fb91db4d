"""The API's response bodies (pydantic models: validated, and documented at /docs).

Converters from the store's frozen records live next to the models they build, so the
shape of the JSON is decided in this one module.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field
from pydantic_core import to_json

from marsad.store import ActorRow, DayCount, DocumentRow, EventPoint, EventRow, PlaceRow
from marsad.store import StoreStats as StoreStatsRecord
from marsad.types import ActorRef, Quantity

T = TypeVar("T")


class Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class Span(Model):
    start: int = Field(description="character offset into the document's text")
    end: int
    text: str


class FieldEvidence(Span):
    field: str = Field(description='the field this text supports: "killed", "where", ...')


class Actor(Model):
    text: str = Field(description="the words of the article")
    actor_id: str | None = None
    name: str | None = Field(None, description="canonical name, once resolved")
    sector: str | None = None
    country: str | None = None


class Place(Model):
    text: str
    place_id: str | None = None
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    country: str | None = None
    precision: str | None = None


class When(Model):
    start: date | None
    end: date | None = None
    precision: str | None = None
    how: str = Field("", description="how the date was resolved")


class Amount(Model):
    value: int = Field(description="0 is a reported zero; an unknown amount is null")
    qualifier: str


class SaidBy(Model):
    source: Actor
    kind: str


class Stance(Model):
    issue: str
    position: str
    holder: Actor | None = None


class DocumentLink(Model):
    id: str
    title: str | None
    source: str | None
    url: str | None
    published: date | None


class Event(Model):
    id: int
    document: DocumentLink
    ordinal: int
    kind: str
    category: str
    mode: str | None
    context: list[str]
    acled_type: str | None
    acled_subtype: str | None
    actors: list[Actor]
    recipients: list[Actor]
    where: Place | None
    when: When | None
    killed: Amount | None
    injured: Amount | None
    casualties: Amount | None
    count: Amount | None
    said_by: SaidBy | None
    factuality: str
    stance: Stance | None
    confidence: float
    evidence: Span = Field(description="the sentence the event was read from")
    field_evidence: list[FieldEvidence]


class Page(Model, Generic[T]):
    total: int = Field(description="how many items the filters select, over all pages")
    limit: int
    offset: int
    next_offset: int | None = Field(description="offset of the next page; null on the last")
    items: list[T]


class DocumentSummary(Model):
    id: str
    url: str | None
    source: str | None
    title: str | None
    published: date | None
    published_from: str
    lang: str | None
    raw_format: str
    fetched_at: datetime
    ingested_at: datetime
    event_count: int


class Document(DocumentSummary):
    text: str = Field(description="the cleaned text every span's offsets point into")
    origin: str
    events: list[Event]


class RegistryActor(Model):
    id: str
    name: str
    sector: str | None
    country: str | None
    aliases: list[str]
    proposed: bool = Field(description="created from an event, not from a curated pack")
    events: int


class RegistryPlace(Model):
    id: str
    name: str
    lat: float | None
    lon: float | None
    admin1: str | None
    country: str | None
    feature_type: str | None
    aliases: list[str]
    events: int


class TimelineDay(Model):
    day: date
    category: str
    events: int


class Timeline(Model):
    total: int = Field(description="dated events counted")
    days: list[TimelineDay]


class Point(Model):
    id: int
    lat: float
    lon: float
    kind: str
    category: str
    day: date | None
    killed: int | None
    injured: int | None
    place: str | None


class Points(Model):
    total: int = Field(description="located events the filters select")
    truncated: bool = Field(description="true when more events matched than were sent")
    items: list[Point]


class Counted(Model):
    key: str | None
    count: int


class Stats(Model):
    documents: int
    events: int
    events_by_kind: list[Counted]
    events_by_category: list[Counted]
    documents_by_source: list[Counted]
    documents_by_lang: list[Counted]
    first_event: date | None
    last_event: date | None
    first_published: date | None
    last_published: date | None
    documents_without_profile: list[Counted] = Field(
        description="documents stored without events because their language has no "
        "extraction profile, by language"
    )


class ClientConfig(Model):
    version: str
    tile_url: str | None = Field(description="an XYZ tile URL template, when the operator set one")
    tile_attribution: str | None
    writes_enabled: bool


class IngestRequest(Model):
    url: str = Field(description="an http(s) URL of an article or a feed")
    reprocess: bool = False


class RunResult(Model):
    documents_read: int
    documents_new: int
    documents_known: int
    events_stored: int
    document_id: str | None
    errors: list[str]


class Reprocessed(Model):
    document_id: str
    events: int


class ErrorBody(Model):
    detail: str


Kind = Literal["incident", "aggregate", "statement"]


# --- converters ------------------------------------------------------------------------


def _actor(ref: ActorRef) -> Actor:
    return Actor(
        text=ref.text, actor_id=ref.actor_id, name=ref.name, sector=ref.sector, country=ref.country
    )


def _amount(quantity: Quantity | None) -> Amount | None:
    if quantity is None:
        return None
    return Amount(value=quantity.value, qualifier=quantity.qualifier)


def event_of(row: EventRow) -> Event:
    e = row.event
    where, when = e.where, e.when
    return Event(
        id=row.id,
        document=DocumentLink(
            id=row.document_id,
            title=row.document_title,
            source=row.document_source,
            url=row.document_url,
            published=row.published,
        ),
        ordinal=row.ordinal,
        kind=e.kind,
        category=e.category,
        mode=e.mode,
        context=list(e.context),
        acled_type=e.acled_type,
        acled_subtype=e.acled_subtype,
        actors=[_actor(a) for a in e.actors],
        recipients=[_actor(a) for a in e.recipients],
        where=(
            Place(
                text=where.text,
                place_id=where.place_id,
                name=where.name,
                lat=where.lat,
                lon=where.lon,
                admin1=where.admin1,
                country=where.country,
                precision=where.precision,
            )
            if where
            else None
        ),
        when=(
            When(start=when.start, end=when.end, precision=when.precision, how=when.how)
            if when
            else None
        ),
        killed=_amount(e.killed),
        injured=_amount(e.injured),
        casualties=_amount(e.casualties),
        count=_amount(e.count),
        said_by=SaidBy(source=_actor(e.said_by.source), kind=e.said_by.kind) if e.said_by else None,
        factuality=e.factuality,
        stance=(
            Stance(
                issue=e.stance.issue,
                position=e.stance.position,
                holder=_actor(e.stance.holder) if e.stance.holder else None,
            )
            if e.stance
            else None
        ),
        confidence=e.confidence,
        evidence=Span(start=e.evidence.start, end=e.evidence.end, text=e.evidence.text),
        field_evidence=[
            FieldEvidence(field=f.field, start=f.span.start, end=f.span.end, text=f.span.text)
            for f in e.field_evidence
        ],
    )


# --- the list's fast path: each event's JSON as stored with it --------------------------
#
# A page of 50 events through EventRow -> Event model -> JSON costs several milliseconds;
# the store keeps each event's JSON, rendered at save by store/listing.py
# (tests/api/test_fast_json.py holds it equal to event_of(...).model_dump_json() on a
# varied store). A field added to Event must be added there too: that test fails until
# it is.


def event_page_json(
    *, total: int, limit: int, offset: int, next_offset: int | None, items: list[bytes]
) -> bytes:
    """Page[Event](..., items=[event_of(...) for each]).model_dump_json(), fast: items are
    the events' JSON (Store.event_items)."""
    head = to_json({"total": total, "limit": limit, "offset": offset,
                    "next_offset": next_offset})
    return head[:-1] + b',"items":[' + b",".join(items) + b"]}"


def _summary_fields(row: DocumentRow) -> dict[str, object]:
    return {
        "id": row.id,
        "url": row.url,
        "source": row.source,
        "title": row.title,
        "published": row.published,
        "published_from": row.published_from,
        "lang": row.lang,
        "raw_format": row.raw_format,
        "fetched_at": row.fetched_at,
        "ingested_at": row.ingested_at,
        "event_count": row.event_count,
    }


def document_summary_of(row: DocumentRow) -> DocumentSummary:
    return DocumentSummary.model_validate(_summary_fields(row))


def document_of(row: DocumentRow, events: list[EventRow]) -> Document:
    return Document.model_validate(
        {
            **_summary_fields(row),
            "text": row.text,
            "origin": row.origin,
            "events": [event_of(e) for e in events],
        }
    )


def actor_of(row: ActorRow) -> RegistryActor:
    return RegistryActor(
        id=row.id,
        name=row.name,
        sector=row.sector,
        country=row.country,
        aliases=list(row.aliases),
        proposed=row.proposed,
        events=row.events,
    )


def place_of(row: PlaceRow) -> RegistryPlace:
    return RegistryPlace(
        id=row.id,
        name=row.name,
        lat=row.lat,
        lon=row.lon,
        admin1=row.admin1,
        country=row.country,
        feature_type=row.feature_type,
        aliases=list(row.aliases),
        events=row.events,
    )


def timeline_of(days: list[DayCount]) -> Timeline:
    return Timeline(
        total=sum(d.events for d in days),
        days=[TimelineDay(day=d.day, category=d.category, events=d.events) for d in days],
    )


def point_of(point: EventPoint) -> Point:
    return Point(
        id=point.id,
        lat=point.lat,
        lon=point.lon,
        kind=point.kind,
        category=point.category,
        day=point.day,
        killed=point.killed,
        injured=point.injured,
        place=point.place,
    )


def stats_of(stats: StoreStatsRecord) -> Stats:
    def counted(counts: dict[str | None, int] | dict[str, int]) -> list[Counted]:
        return [Counted(key=key, count=n) for key, n in counts.items()]

    return Stats(
        documents=stats.documents,
        events=stats.events,
        events_by_kind=counted(stats.events_by_kind),
        events_by_category=counted(stats.events_by_category),
        documents_by_source=counted(stats.documents_by_source),
        documents_by_lang=counted(stats.documents_by_lang),
        first_event=stats.first_event,
        last_event=stats.last_event,
        first_published=stats.first_published,
        last_published=stats.last_published,
        documents_without_profile=counted(stats.documents_without_profile),
    )

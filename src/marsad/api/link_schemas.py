"""The API's shapes for the link stage: incidents with their reports, series, stances."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from pydantic import Field

from marsad.api.paths import MAX_EVENT_ID, MAX_ID_LENGTH
from marsad.api.schemas import Model
from marsad.link.series import Series as SeriesRecord
from marsad.link.stances import IssueTimeline
from marsad.store.records import IncidentRow


class IncidentReport(Model):
    event_id: int
    key: str = Field(description="the event's link key, stable across re-processing")
    document_id: str
    source_id: str | None = Field(description="the input's own id for the document")
    url: str | None
    source: str | None = Field(description="the outlet")
    published: date | None
    category: str
    evidence: str
    joined_by: dict[str, Any] | None = Field(
        description="its best pair in the incident: the other event, the score, the reasons")


class IncidentPlace(Model):
    name: str | None
    lat: float | None
    lon: float | None
    country: str | None
    precision: str | None


class Incident(Model):
    id: str
    kind: str
    category: str
    mode: str | None
    first_day: date | None
    last_day: date | None
    place: IncidentPlace
    killed: int | None
    injured: int | None
    documents: int
    conflicts: list[str] = Field(description="fields the sources disagree on")
    fields: dict[str, Any] = Field(
        description="per field: resolved value, the rule, a conflict flag, each source's value")
    reports: list[IncidentReport]
    possible_duplicates: list[dict[str, Any]] = Field(
        description="other incidents a pair scored above `possible` but below `merge` with")


class IncidentPage(Model):
    total: int
    limit: int
    offset: int
    next_offset: int | None
    items: list[Incident]


class MergeRequest(Model):
    incidents: list[Annotated[str, Field(min_length=1, max_length=MAX_ID_LENGTH)]] = Field(
        min_length=2, max_length=100
    )


class SplitRequest(Model):
    events: list[Annotated[int, Field(ge=1, le=MAX_EVENT_ID)]] = Field(
        min_length=1, max_length=1000
    )


class LinkResult(Model):
    incident: str


class SeriesPoint(Model):
    value: int
    qualifier: str
    as_of: date | None
    since: date | None
    said_by: str | None
    evidence: str
    source: str | None
    url: str | None
    document_id: str
    event_id: int | None


class Series(Model):
    id: str
    category: str
    measure: str
    country: str | None
    parties: list[str]
    since: date | None
    points: list[SeriesPoint]


class Position(Model):
    day: date | None
    position: str
    category: str
    evidence: str
    source: str | None
    url: str | None
    event_id: int | None


class Holder(Model):
    holder: str
    holder_id: str | None
    changed: bool
    positions: list[Position]


class StanceTimeline(Model):
    issue: str
    holders: list[Holder]


def incident_of(row: IncidentRow) -> Incident:
    return Incident(
        id=row.id, kind=row.kind, category=row.category, mode=row.mode,
        first_day=row.first_day, last_day=row.last_day,
        place=IncidentPlace(name=row.place_name, lat=row.lat, lon=row.lon,
                            country=row.country, precision=row.geo_precision),
        killed=row.killed, injured=row.injured, documents=row.documents,
        conflicts=list(row.conflicts), fields=row.fields,
        reports=[IncidentReport(
            event_id=m.event_id, key=m.key, document_id=m.document_id, source_id=m.source_id,
            url=m.url, source=m.source, published=m.published, category=m.category,
            evidence=m.evidence, joined_by=m.reasons[0] if m.reasons else None)
            for m in row.members],
        possible_duplicates=list(row.possible))


def series_of(s: SeriesRecord) -> Series:
    return Series(
        id=s.id, category=s.category, measure=s.measure, country=s.country,
        parties=list(s.parties), since=s.since,
        points=[SeriesPoint(value=p.value, qualifier=p.qualifier, as_of=p.as_of, since=p.since,
                            said_by=p.said_by, evidence=p.evidence, source=p.source.source,
                            url=p.source.url, document_id=p.source.document_id,
                            event_id=p.source.event_id) for p in s.points])


def stance_of(t: IssueTimeline) -> StanceTimeline:
    return StanceTimeline(issue=t.issue, holders=[Holder(
        holder=h.holder, holder_id=h.holder_id, changed=h.changed,
        positions=[Position(day=p.day, position=p.position, category=p.category,
                            evidence=p.evidence, source=p.source.source, url=p.source.url,
                            event_id=p.source.event_id) for p in h.positions])
        for h in t.holders])

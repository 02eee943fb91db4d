"""Conversion between marsad's types (Document, Event) and the store's rows.

The only module that knows how a record is laid out in tables, so a field added to Event
changes here and in models.py, nowhere else. Every conversion is lossless: an Event read
back equals the Event saved.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, NamedTuple

from marsad.store.listing import LISTING_FORMAT, listing_json
from marsad.store.models import (
    ActorModel,
    DocumentModel,
    EventModel,
    PlaceModel,
)
from marsad.store.records import ActorRow, DocumentRow, EventRow, IncidentBrief, PlaceRow
from marsad.store.terms import event_terms
from marsad.types import (
    ActorRef,
    Attribution,
    Document,
    Event,
    FieldEvidence,
    PlaceRef,
    Quantity,
    Span,
    Stance,
    When,
)


def document_model(doc: Document, ingested_at: datetime) -> DocumentModel:
    return DocumentModel(
        id=doc.id,
        url=doc.url,
        source=doc.source,
        title=doc.title,
        published=doc.published,
        published_from=doc.published_from,
        lang=doc.lang,
        text=doc.text,
        raw_format=doc.raw_format,
        fetched_at=doc.fetched_at,
        content_hash=doc.content_hash,
        origin=doc.origin,
        ingested_at=ingested_at,
        source_id=doc.source_id,
    )


def document_row(model: DocumentModel, event_count: int) -> DocumentRow:
    return DocumentRow(
        id=model.id,
        url=model.url,
        source=model.source,
        title=model.title,
        published=model.published,
        published_from=model.published_from,
        lang=model.lang,
        text=model.text,
        raw_format=model.raw_format,
        fetched_at=model.fetched_at,
        content_hash=model.content_hash,
        origin=model.origin,
        ingested_at=model.ingested_at,
        event_count=event_count,
        extraction=model.extraction,
        source_id=model.source_id,
    )


# --- events -----------------------------------------------------------------------------


def actor_refs(event: Event) -> list[ActorRef]:
    """Every actor reference an event holds, in any role."""
    refs = [*event.actors, *event.recipients]
    if event.said_by is not None:
        refs.append(event.said_by.source)
    if event.stance is not None and event.stance.holder is not None:
        refs.append(event.stance.holder)
    return refs


class EventRows(NamedTuple):
    """An event's rows as column values: its events row, then its child rows without their
    event_id (unknown until the events row is inserted)."""

    event: dict[str, Any]
    actors: list[dict[str, Any]]
    evidence: list[dict[str, Any]]
    terms: list[dict[str, Any]]


def event_rows(event: Event, document_id: str, ordinal: int) -> EventRows:
    """The rows that store an event. Plain dicts, not ORM objects: a save bulk-inserts them,
    one statement per table, as linking inserts its rows; building and flushing
    instrumented objects cost about a third of a save."""
    place, when, said_by, stance = event.where, event.when, event.said_by, event.stance
    columns = {
        "document_id": document_id,
        "ordinal": ordinal,
        "kind": event.kind,
        "category": event.category,
        "mode": event.mode,
        "context": list(event.context),
        "acled_type": event.acled_type,
        "acled_subtype": event.acled_subtype,
        "where_text": place.text if place else None,
        "place_id": place.place_id if place else None,
        "place_name": place.name if place else None,
        "lat": _coordinate(place.lat) if place else None,
        "lon": _coordinate(place.lon) if place else None,
        "admin1": place.admin1 if place else None,
        "country": place.country if place else None,
        "geo_precision": place.precision if place else None,
        "when_start": when.start if when else None,
        "when_end": when.end if when else None,
        "when_precision": when.precision if when else None,
        "when_how": when.how if when else None,
        **_quantity_columns("killed", event.killed),
        **_quantity_columns("injured", event.injured),
        **_quantity_columns("casualties", event.casualties),
        **_quantity_columns("count", event.count),
        "said_by_text": said_by.source.text if said_by else None,
        "said_by_actor_id": said_by.source.actor_id if said_by else None,
        "said_by_kind": said_by.kind if said_by else None,
        "factuality": event.factuality,
        "stance_issue": stance.issue if stance else None,
        "stance_position": stance.position if stance else None,
        "confidence": event.confidence,
        "evidence_start": event.evidence.start,
        "evidence_end": event.evidence.end,
        "evidence_text": event.evidence.text,
    }
    evidence = [
        {"ordinal": i, "field": fe.field, "start": fe.span.start, "end": fe.span.end,
         "text": fe.span.text}
        for i, fe in enumerate(event.field_evidence)
    ]
    terms = [{"field": f, "term": t} for f, t in sorted(event_terms(event))]
    actors = _actor_rows(event)
    columns["listing"] = listing_json(columns, actors, evidence)
    columns["listing_format"] = LISTING_FORMAT
    return EventRows(columns, actors, evidence, terms)


def _coordinate(degrees: float | None) -> float | None:
    # -0.0 is 0.0: SQLite stores it so and PostgreSQL keeps the sign; one value on both
    # (the JSON stored with the event, listing.py, is rendered from these values)
    return None if degrees is None else degrees + 0.0


def _quantity_columns(name: str, quantity: Quantity | None) -> dict[str, object]:
    # Quantity(0) must store 0, not NULL: a reported zero is not "unknown".
    if quantity is None:
        return {name: None, f"{name}_qualifier": None}
    return {name: quantity.value, f"{name}_qualifier": quantity.qualifier}


def _actor_rows(event: Event) -> list[dict[str, Any]]:
    roles: list[tuple[str, ActorRef]] = [("actor", ref) for ref in event.actors]
    roles += [("recipient", ref) for ref in event.recipients]
    if event.said_by is not None:
        roles.append(("said_by", event.said_by.source))
    if event.stance is not None and event.stance.holder is not None:
        roles.append(("stance_holder", event.stance.holder))
    ordinals: dict[str, int] = {}
    rows = []
    for role, ref in roles:
        ordinal = ordinals.get(role, 0)
        ordinals[role] = ordinal + 1
        rows.append({"role": role, "ordinal": ordinal, "text": ref.text,
                     "actor_id": ref.actor_id, "name": ref.name, "sector": ref.sector,
                     "country": ref.country})
    return rows


def event_from_model(model: EventModel) -> Event:
    return event_from_parts(model, model.actors, model.field_evidence)


def event_from_parts(model: Any, actors: Iterable[Any], evidence: Iterable[Any]) -> Event:
    """An Event from an events row and its event_actors and evidence rows.

    The rows may be ORM objects or plain result rows (the list query reads columns
    directly: much cheaper than building ORM objects): only attribute names matter.
    """
    by_role: dict[str, list[ActorRef]] = {}
    for row in sorted(actors, key=lambda a: (a.role, a.ordinal)):
        by_role.setdefault(row.role, []).append(
            ActorRef(
                text=row.text,
                actor_id=row.actor_id,
                name=row.name,
                sector=row.sector,
                country=row.country,
            )
        )
    said_by_source = by_role.get("said_by", [None])[0]
    holder = by_role.get("stance_holder", [None])[0]
    return Event(
        kind=model.kind,  # type: ignore[arg-type]  # the CHECK constraint keeps it a EventKind
        category=model.category,
        evidence=Span(model.evidence_start, model.evidence_end, model.evidence_text),
        mode=model.mode,
        context=tuple(model.context or ()),
        acled_type=model.acled_type,
        acled_subtype=model.acled_subtype,
        actors=tuple(by_role.get("actor", ())),
        recipients=tuple(by_role.get("recipient", ())),
        where=_place(model),
        when=_when(model),
        killed=_quantity(model.killed, model.killed_qualifier),
        injured=_quantity(model.injured, model.injured_qualifier),
        casualties=_quantity(model.casualties, model.casualties_qualifier),
        count=_quantity(model.count, model.count_qualifier),
        said_by=(
            Attribution(source=said_by_source, kind=model.said_by_kind or "report")  # type: ignore[arg-type]
            if said_by_source is not None
            else None
        ),
        factuality=model.factuality,  # type: ignore[arg-type]
        stance=(
            Stance(issue=model.stance_issue, position=model.stance_position, holder=holder)  # type: ignore[arg-type]
            if model.stance_issue is not None
            else None
        ),
        field_evidence=tuple(
            FieldEvidence(field=ev.field, span=Span(ev.start, ev.end, ev.text))
            for ev in sorted(evidence, key=lambda e: e.ordinal)
        ),
        confidence=model.confidence,
    )


def _place(model: EventModel) -> PlaceRef | None:
    if model.where_text is None:
        return None
    return PlaceRef(
        text=model.where_text,
        place_id=model.place_id,
        name=model.place_name,
        lat=model.lat,
        lon=model.lon,
        admin1=model.admin1,
        country=model.country,
        precision=model.geo_precision,  # type: ignore[arg-type]
    )


def _when(model: EventModel) -> When | None:
    if model.when_how is None:
        return None
    return When(
        start=model.when_start,
        end=model.when_end,
        precision=model.when_precision,  # type: ignore[arg-type]
        how=model.when_how,
    )


def _quantity(value: int | None, qualifier: str | None) -> Quantity | None:
    if value is None:
        return None
    return Quantity(value=value, qualifier=qualifier or "exact")  # type: ignore[arg-type]


def event_row(model: EventModel, document: DocumentModel) -> EventRow:
    return EventRow(
        id=model.id,
        document_id=model.document_id,
        ordinal=model.ordinal,
        event=event_from_model(model),
        document_title=document.title,
        document_source=document.source,
        document_url=document.url,
        published=document.published,
        ingested_at=document.ingested_at,
    )


class EventColumns(NamedTuple):
    """An event as read, before mapping: its queries.events_columns_select row (the events
    table's columns by name, the document's as doc_*), its event_actors rows in (role,
    ordinal) order and its evidence rows in ordinal order."""

    row: Any
    actors: list[Any]
    evidence: list[Any]


def event_row_from_columns(row: Any, actors: Iterable[Any], evidence: Iterable[Any]) -> EventRow:
    """An EventRow from queries.events_columns_select's row (document columns "doc_*")."""
    return EventRow(
        id=row.id,
        document_id=row.document_id,
        ordinal=row.ordinal,
        event=event_from_parts(row, actors, evidence),
        document_title=row.doc_title,
        document_source=row.doc_source,
        document_url=row.doc_url,
        published=row.doc_published,
        ingested_at=row.doc_ingested_at,
        incident=incident_brief(row),
    )


def incident_brief(row: Any) -> IncidentBrief | None:
    """The incident columns of an event row (queries.INCIDENT_COLUMNS), if it has one."""
    if getattr(row, "inc_id", None) is None:
        return None
    return IncidentBrief(
        id=row.inc_id, documents=row.inc_documents, sources=tuple(row.inc_sources or ()),
        killed=row.inc_killed, injured=row.inc_injured, place_name=row.inc_place_name,
        lat=row.inc_lat, lon=row.inc_lon, country=row.inc_country,
        geo_precision=row.inc_geo_precision, first_day=row.inc_first_day)


def actor_row(model: ActorModel, events: int) -> ActorRow:
    return ActorRow(
        id=model.id,
        name=model.name,
        sector=model.sector,
        country=model.country,
        aliases=tuple(model.aliases or ()),
        proposed=model.proposed,
        events=events,
    )


def place_row(model: PlaceModel, events: int) -> PlaceRow:
    return PlaceRow(
        id=model.id,
        name=model.name,
        lat=model.lat,
        lon=model.lon,
        admin1=model.admin1,
        country=model.country,
        feature_type=model.feature_type,
        aliases=tuple(model.aliases or ()),
        events=events,
    )

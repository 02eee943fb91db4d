"""The read queries, as SQLAlchemy expressions (every value bound, never formatted in)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, bindparam, exists, func, or_, select
from sqlalchemy.orm import Session, selectinload

from marsad.store import search
from marsad.store.models import (
    ActorModel,
    DocumentModel,
    EventActorModel,
    EventModel,
    EvidenceModel,
    IncidentModel,
    LinkDecisionModel,
    LinkNodeModel,
    PlaceModel,
)
from marsad.store.records import NO_PROFILE, EventFilters, StoreStats


def event_conditions(
    filters: EventFilters, dialect: str | None = None
) -> list[ColumnElement[bool]]:
    """The WHERE conditions for filters; dialect picks the full-text index to use."""
    conditions: list[ColumnElement[bool]] = []
    if filters.since is not None:
        # Overlap, not containment: a range "1-15 March" is in "since 10 March".
        conditions.append(
            func.coalesce(EventModel.when_end, EventModel.when_start) >= filters.since
        )
    if filters.until is not None:
        conditions.append(EventModel.when_start <= filters.until)
    if filters.kind is not None:
        conditions.append(EventModel.kind == filters.kind)
    if filters.category is not None:
        # PLOVER categories are stored upper-case; comparing upper-case keeps the index usable.
        conditions.append(EventModel.category == filters.category.upper())
    if filters.mode is not None:
        conditions.append(EventModel.mode == filters.mode)
    if filters.acled_type is not None:
        conditions.append(EventModel.acled_type == filters.acled_type)
    if filters.country is not None:
        conditions.append(EventModel.country == filters.country.upper())
    if filters.document_id is not None:
        conditions.append(EventModel.document_id == filters.document_id)
    if filters.text is not None:
        conditions.append(EventModel.evidence_text.icontains(filters.text, autoescape=True))
    if filters.actor is not None:
        conditions.append(_has_actor(filters.actor))
    if filters.acled_subtype is not None:
        conditions.append(EventModel.acled_subtype == filters.acled_subtype)
    if filters.place is not None:
        conditions.append(
            (EventModel.place_id == filters.place)
            | EventModel.place_name.icontains(filters.place, autoescape=True)
            | EventModel.where_text.icontains(filters.place, autoescape=True)
        )
    if filters.bbox is not None:
        conditions.append(_in_bbox(*filters.bbox))
    if filters.search is not None:
        conditions.append(search.matches(filters.search, dialect or ""))
    if filters.event_ids is not None:
        conditions.append(EventModel.id.in_(filters.event_ids))
    return conditions


def _in_bbox(west: float, south: float, east: float, north: float) -> ColumnElement[bool]:
    lat = EventModel.lat.between(south, north)
    if west <= east:
        return and_(lat, EventModel.lon.between(west, east))
    # A box across the antimeridian (west 170, east -170) is two boxes.
    return and_(lat, or_(EventModel.lon >= west, EventModel.lon <= east))


def _has_actor(needle: str) -> ColumnElement[bool]:
    return exists().where(
        EventActorModel.event_id == EventModel.id,
        EventActorModel.role.in_(("actor", "recipient")),
        EventActorModel.text.icontains(needle, autoescape=True)
        | EventActorModel.name.icontains(needle, autoescape=True),
    )


def events_select(
    filters: EventFilters, limit: int | None, offset: int, dialect: str | None = None
) -> Select[Any]:
    """One page of events with their document, newest first; undated events last.

    The id tie-break makes the order total, so pages neither repeat nor skip events.
    """
    return (
        select(EventModel, DocumentModel)
        .join(DocumentModel, EventModel.document_id == DocumentModel.id)
        .where(*event_conditions(filters, dialect))
        .options(selectinload(EventModel.actors), selectinload(EventModel.field_evidence))
        .order_by(EventModel.when_start.desc().nulls_last(), EventModel.id)
        .limit(limit)
        .offset(offset)
    )


_NODES = LinkNodeModel.__table__
_INCIDENTS = IncidentModel.__table__
# the event's incident, for listings and exports (mapping.incident_brief reads them)
INCIDENT_COLUMNS = (
    _INCIDENTS.c.id.label("inc_id"),
    _INCIDENTS.c.documents.label("inc_documents"),
    _INCIDENTS.c.sources.label("inc_sources"),
    _INCIDENTS.c.killed.label("inc_killed"),
    _INCIDENTS.c.injured.label("inc_injured"),
    _INCIDENTS.c.place_name.label("inc_place_name"),
    _INCIDENTS.c.lat.label("inc_lat"),
    _INCIDENTS.c.lon.label("inc_lon"),
    _INCIDENTS.c.country.label("inc_country"),
    _INCIDENTS.c.geo_precision.label("inc_geo_precision"),
    _INCIDENTS.c.first_day.label("inc_first_day"),
)


def events_columns_select(
    filters: EventFilters, limit: int | None, offset: int, dialect: str | None = None
) -> Select[Any]:
    """The same page as events_select, as plain columns: the event's, and the few of its
    document a listing shows (never the document's text). No ORM objects are built, which
    makes a page of 50 several times cheaper to read (see bench/api.py)."""
    document = DocumentModel.__table__
    return (
        select(
            EventModel.__table__,
            document.c.title.label("doc_title"),
            document.c.source.label("doc_source"),
            document.c.url.label("doc_url"),
            document.c.published.label("doc_published"),
            document.c.ingested_at.label("doc_ingested_at"),
            *INCIDENT_COLUMNS,
        )
        .join(document, EventModel.document_id == document.c.id)
        .outerjoin(_NODES, _NODES.c.event_id == EventModel.id)
        .outerjoin(_INCIDENTS, _INCIDENTS.c.id == _NODES.c.incident_id)
        .where(*event_conditions(filters, dialect))
        .order_by(EventModel.when_start.desc().nulls_last(), EventModel.id)
        .limit(limit)
        .offset(offset)
    )


def events_page_select(
    filters: EventFilters, limit: int, offset: int, dialect: str | None = None
) -> Select[Any]:
    """The same rows, in the same order, as events_columns_select(filters, limit, offset),
    in one statement that finds the page's ids first (walking the list-order index alone)
    and reads the wide columns, and joins the document, for those rows only, not for every
    row the offset skips."""
    order = (EventModel.when_start.desc().nulls_last(), EventModel.id)
    page = (
        select(EventModel.id)
        .where(*event_conditions(filters, dialect))
        .order_by(*order)
        .limit(limit)
        .offset(offset)
        .subquery("page")
    )
    document = DocumentModel.__table__
    return (
        select(
            EventModel.__table__,
            document.c.title.label("doc_title"),
            document.c.source.label("doc_source"),
            document.c.url.label("doc_url"),
            document.c.published.label("doc_published"),
            document.c.ingested_at.label("doc_ingested_at"),
            *INCIDENT_COLUMNS,
        )
        .select_from(page)
        .join(EventModel.__table__, EventModel.id == page.c.id)
        .join(document, EventModel.document_id == document.c.id)
        .outerjoin(_NODES, _NODES.c.event_id == EventModel.id)
        .outerjoin(_INCIDENTS, _INCIDENTS.c.id == _NODES.c.incident_id)
        .order_by(*order)
    )


# Built once: the same statement object every time skips building it and its cache key.
_ACTORS = EventActorModel.__table__
ACTORS_OF_EVENTS = (
    select(_ACTORS)
    .where(_ACTORS.c.event_id.in_(bindparam("ids", expanding=True)))
    .order_by(_ACTORS.c.event_id, _ACTORS.c.role, _ACTORS.c.ordinal)
)
_EVIDENCE = EvidenceModel.__table__
EVIDENCE_OF_EVENTS = (
    select(_EVIDENCE)
    .where(_EVIDENCE.c.event_id.in_(bindparam("ids", expanding=True)))
    .order_by(_EVIDENCE.c.event_id, _EVIDENCE.c.ordinal)
)


def events_count(filters: EventFilters, dialect: str | None = None) -> Select[Any]:
    """How many events the filters select (no join: every event has its document)."""
    return select(func.count()).select_from(EventModel).where(*event_conditions(filters, dialect))


def event_days_select(filters: EventFilters, dialect: str | None = None) -> Select[Any]:
    """Events per start day and category, oldest day first; undated events left out."""
    return (
        select(EventModel.when_start, EventModel.category, func.count())
        .where(EventModel.when_start.is_not(None), *event_conditions(filters, dialect))
        .group_by(EventModel.when_start, EventModel.category)
        .order_by(EventModel.when_start, EventModel.category)
    )


def event_points_select(
    filters: EventFilters, limit: int, dialect: str | None = None
) -> Select[Any]:
    """Located events, in the list's order, with only the columns a map marker needs."""
    return (
        select(
            EventModel.id,
            EventModel.lat,
            EventModel.lon,
            EventModel.kind,
            EventModel.category,
            EventModel.when_start,
            EventModel.killed,
            EventModel.injured,
            func.coalesce(EventModel.place_name, EventModel.where_text),
        )
        .where(
            EventModel.lat.is_not(None),
            EventModel.lon.is_not(None),
            *event_conditions(filters, dialect),
        )
        .order_by(EventModel.when_start.desc().nulls_last(), EventModel.id)
        .limit(limit)
    )


def actors_select(search_text: str | None, proposed: bool | None = None) -> Select[Any]:
    """Registry actors (optionally matching a name; only proposed or only curated ones),
    with their events, most active first."""
    events = (
        select(func.count(func.distinct(EventActorModel.event_id)))
        .where(EventActorModel.actor_id == ActorModel.id)
        .scalar_subquery()
    )
    query = select(ActorModel, events.label("events"))
    if search_text:
        query = query.where(
            ActorModel.name.icontains(search_text, autoescape=True)
            | ActorModel.id.icontains(search_text, autoescape=True)
        )
    if proposed is not None:
        query = query.where(ActorModel.proposed == proposed)  # a bound parameter
    return query.order_by(events.desc(), ActorModel.id)


def places_select(search_text: str | None, country: str | None) -> Select[Any]:
    """Gazetteer places (optionally matching a name or country), most eventful first."""
    events = (
        select(func.count(EventModel.id))
        .where(EventModel.place_id == PlaceModel.id)
        .scalar_subquery()
    )
    query = select(PlaceModel, events.label("events"))
    if search_text:
        query = query.where(
            PlaceModel.name.icontains(search_text, autoescape=True)
            | PlaceModel.id.icontains(search_text, autoescape=True)
        )
    if country:
        query = query.where(PlaceModel.country == country.upper())
    return query.order_by(events.desc(), PlaceModel.id)


def event_count_of(document_id: Any) -> Any:
    """A correlated count of a document's events, for listing documents."""
    return (
        select(func.count(EventModel.id))
        .where(EventModel.document_id == document_id)
        .scalar_subquery()
    )


def document_conditions(
    *,
    source: str | None,
    lang: str | None,
    since: date | None,
    until: date | None,
) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if source is not None:
        conditions.append(DocumentModel.source == source)
    if lang is not None:
        conditions.append(DocumentModel.lang == lang)
    if since is not None:
        conditions.append(DocumentModel.published >= since)
    if until is not None:
        conditions.append(DocumentModel.published <= until)
    return conditions


def documents_select(
    *,
    limit: int,
    offset: int,
    source: str | None,
    lang: str | None,
    since: date | None,
    until: date | None,
) -> Select[Any]:
    """One page of documents, newest publication first; undated documents last."""
    conditions = document_conditions(source=source, lang=lang, since=since, until=until)
    return (
        select(DocumentModel, event_count_of(DocumentModel.id))
        .where(*conditions)
        .order_by(DocumentModel.published.desc().nulls_last(), DocumentModel.id)
        .limit(limit)
        .offset(offset)
    )


def revision_select() -> Select[Any]:
    """Figures that change whenever the store's contents do, in one cheap query.

    Re-extraction deletes and re-inserts a document's events (new ids: the max grows); a
    deletion lowers a count; a new document raises the count and the latest ingest time.
    Each is an index look-up or an index-only count.
    """
    return select(
        select(func.max(EventModel.id)).scalar_subquery(),
        select(func.count()).select_from(EventModel).scalar_subquery(),
        select(func.count()).select_from(DocumentModel).scalar_subquery(),
        select(func.max(DocumentModel.ingested_at)).scalar_subquery(),
        # an analyst's merge or split, or a relink, changes incidents but no event
        select(func.max(LinkDecisionModel.id)).scalar_subquery(),
        select(func.count()).select_from(IncidentModel).scalar_subquery(),
    )


REVISION = revision_select()


def stats(session: Session) -> StoreStats:
    def counts(column: Any, count_of: Any, *where: ColumnElement[bool]) -> dict[Any, int]:
        rows = session.execute(
            select(column, func.count(count_of))
            .where(*where)
            .group_by(column)
            .order_by(func.count(count_of).desc(), column.asc().nulls_last())
        )
        return {key: n for key, n in rows}

    first_event, last_event = session.execute(
        select(
            func.min(EventModel.when_start),
            func.max(func.coalesce(EventModel.when_end, EventModel.when_start)),
        )
    ).one()
    first_published, last_published = session.execute(
        select(func.min(DocumentModel.published), func.max(DocumentModel.published))
    ).one()
    return StoreStats(
        documents=session.scalar(select(func.count(DocumentModel.id))) or 0,
        events=session.scalar(select(func.count(EventModel.id))) or 0,
        events_by_kind=counts(EventModel.kind, EventModel.id),
        events_by_category=counts(EventModel.category, EventModel.id),
        documents_by_source=counts(DocumentModel.source, DocumentModel.id),
        documents_by_lang=counts(DocumentModel.lang, DocumentModel.id),
        first_event=first_event,
        last_event=last_event,
        first_published=first_published,
        last_published=last_published,
        documents_without_profile=counts(
            DocumentModel.lang, DocumentModel.id, DocumentModel.extraction == NO_PROFILE
        ),
    )

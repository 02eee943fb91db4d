"""The read queries, as SQLAlchemy expressions (every value bound, never formatted in)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session, selectinload

from marsad.store.conditions import Plan, event_conditions
from marsad.store.ids import ids_in
from marsad.store.models import (
    ActorModel,
    DocumentModel,
    EventActorModel,
    EventChangeModel,
    EventModel,
    EvidenceModel,
    IncidentModel,
    LinkDecisionModel,
    LinkNodeModel,
    PlaceModel,
    StoreVersionModel,
)
from marsad.store.records import NO_PROFILE, EventFilters, StoreStats


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
    return (
        _listing_select()
        .where(*event_conditions(filters, dialect))
        .order_by(EventModel.when_start.desc().nulls_last(), EventModel.id)
        .limit(limit)
        .offset(offset)
    )


# The list order: newest first, undated last, then by id (pages never repeat or skip one)
LIST_ORDER = (EventModel.when_start.desc().nulls_last(), EventModel.id)


def page_ids_select(
    filters: EventFilters,
    limit: int,
    offset: int,
    dialect: str | None = None,
    plan: Plan | None = None,
) -> Select[Any]:
    """The ids of the page events_columns_select(filters, limit, offset) holds, in its
    order: found in the indexes alone, the wide rows left unread, for the rows the offset
    skips too. The plan says how each set filter is tested (conditions.py). EVENTS_OF_IDS
    reads the page itself."""
    return (
        select(EventModel.id)
        .where(*event_conditions(filters, dialect, plan))
        .order_by(*LIST_ORDER)
        .limit(limit)
        .offset(offset)
    )


_DOCUMENT = DocumentModel.__table__
_LISTING = ("listing", "listing_format")
# the document's part of an event's JSON (listing.item_json)
DOCUMENT_COLUMNS = (
    _DOCUMENT.c.title.label("doc_title"),
    _DOCUMENT.c.source.label("doc_source"),
    _DOCUMENT.c.url.label("doc_url"),
    _DOCUMENT.c.published.label("doc_published"),
)


def _listing_select() -> Select[Any]:
    """An event's columns with the few of its document a listing shows and its incident's
    (not its stored JSON: LISTINGS_OF_IDS reads that)."""
    return (
        select(
            *(column for column in EventModel.__table__.c if column.name not in _LISTING),
            *DOCUMENT_COLUMNS,
            _DOCUMENT.c.ingested_at.label("doc_ingested_at"),
            *INCIDENT_COLUMNS,
        )
        .join(_DOCUMENT, EventModel.document_id == _DOCUMENT.c.id)
        .outerjoin(_NODES, _NODES.c.event_id == EventModel.id)
        .outerjoin(_INCIDENTS, _INCIDENTS.c.id == _NODES.c.incident_id)
    )


# Built once, like the two below: building a select of sixty columns and three joins, and
# its cache key, cost more than running it for a page of 50.
EVENTS_OF_IDS = (
    _listing_select()
    .where(ids_in(EventModel.id))
    .order_by(*LIST_ORDER)
)

# A page of the list as its events' stored JSON (store/listing.py), with their documents'
# part; a row whose listing_format is not listing.LISTING_FORMAT is rendered from
# EVENTS_OF_IDS instead.
LISTINGS_OF_IDS = (
    select(EventModel.id, EventModel.document_id, EventModel.listing,
           EventModel.listing_format, *DOCUMENT_COLUMNS)
    .join(_DOCUMENT, EventModel.document_id == _DOCUMENT.c.id)
    .where(ids_in(EventModel.id))
    .order_by(*LIST_ORDER)
)


# Built once: the same statement object every time skips building it and its cache key.
_ACTORS = EventActorModel.__table__
ACTORS_OF_EVENTS = (
    select(_ACTORS)
    .where(ids_in(_ACTORS.c.event_id))
    .order_by(_ACTORS.c.event_id, _ACTORS.c.role, _ACTORS.c.ordinal)
)
_EVIDENCE = EvidenceModel.__table__
EVIDENCE_OF_EVENTS = (
    select(_EVIDENCE)
    .where(ids_in(_EVIDENCE.c.event_id))
    .order_by(_EVIDENCE.c.event_id, _EVIDENCE.c.ordinal)
)


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

    Every event inserted or deleted (a re-extraction deletes and re-inserts a document's
    events, maybe under the same ids) raises the last seq of event_changes (migration
    0006); every document, incident or link node inserted, updated or deleted raises the
    store_version counter (0007), and an analyst's decision adds a row. Two primary-key
    look-ups and one row: no count, whose walk over an index a writer's every commit would
    make a reader pay again.
    """
    return select(
        select(func.max(EventChangeModel.seq)).scalar_subquery(),
        select(StoreVersionModel.changes).where(StoreVersionModel.id == 1).scalar_subquery(),
        select(func.max(LinkDecisionModel.id)).scalar_subquery(),
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

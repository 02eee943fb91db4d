"""The read queries, as SQLAlchemy expressions (every value bound, never formatted in)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, exists, func, select
from sqlalchemy.orm import Session, selectinload

from marsad.store.models import DocumentModel, EventActorModel, EventModel
from marsad.store.records import EventFilters, StoreStats


def event_conditions(filters: EventFilters) -> list[ColumnElement[bool]]:
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
    return conditions


def _has_actor(needle: str) -> ColumnElement[bool]:
    return exists().where(
        EventActorModel.event_id == EventModel.id,
        EventActorModel.role.in_(("actor", "recipient")),
        EventActorModel.text.icontains(needle, autoescape=True)
        | EventActorModel.name.icontains(needle, autoescape=True),
    )


def events_select(filters: EventFilters, limit: int, offset: int) -> Select[Any]:
    """One page of events with their document, newest first; undated events last.

    The id tie-break makes the order total, so pages neither repeat nor skip events.
    """
    return (
        select(EventModel, DocumentModel)
        .join(DocumentModel, EventModel.document_id == DocumentModel.id)
        .where(*event_conditions(filters))
        .options(selectinload(EventModel.actors), selectinload(EventModel.field_evidence))
        .order_by(EventModel.when_start.desc().nulls_last(), EventModel.id)
        .limit(limit)
        .offset(offset)
    )


def event_count_of(document_id: Any) -> Any:
    """A correlated count of a document's events, for listing documents."""
    return (
        select(func.count(EventModel.id))
        .where(EventModel.document_id == document_id)
        .scalar_subquery()
    )


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
    query = select(DocumentModel, event_count_of(DocumentModel.id))
    if source is not None:
        query = query.where(DocumentModel.source == source)
    if lang is not None:
        query = query.where(DocumentModel.lang == lang)
    if since is not None:
        query = query.where(DocumentModel.published >= since)
    if until is not None:
        query = query.where(DocumentModel.published <= until)
    return (
        query.order_by(DocumentModel.published.desc().nulls_last(), DocumentModel.id)
        .limit(limit)
        .offset(offset)
    )


def stats(session: Session) -> StoreStats:
    def counts(column: Any, count_of: Any) -> dict[Any, int]:
        rows = session.execute(
            select(column, func.count(count_of))
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
    )

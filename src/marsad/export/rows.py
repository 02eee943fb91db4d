"""Reading an event record the way every export needs it: names, dates, tolls."""

from __future__ import annotations

from datetime import date

from marsad.store import EventRow
from marsad.types import ActorRef, Quantity

# Events that did not (or not yet) happen: exports of what happened leave them out.
NOT_OCCURRED = frozenset({"negated", "future", "hypothetical"})


def actor_name(ref: ActorRef) -> str:
    """The canonical name when the actor was resolved, else the words of the article."""
    return ref.name or ref.text


def names(refs: tuple[ActorRef, ...]) -> list[str]:
    return [actor_name(ref) for ref in refs]


def event_date(row: EventRow) -> date | None:
    """The event's own date, else None (never silently the publication date)."""
    when = row.event.when
    return when.start if when is not None else None


def value(quantity: Quantity | None) -> int | None:
    return quantity.value if quantity is not None else None


def qualifier(quantity: Quantity | None) -> str | None:
    return quantity.qualifier if quantity is not None else None


def place_name(row: EventRow) -> str | None:
    where = row.event.where
    if where is None:
        return None
    return where.name or where.text


def evidence_of(row: EventRow, field: str) -> str | None:
    """The text supporting one field of the event, when the extractor recorded it."""
    for item in row.event.field_evidence:
        if item.field == field:
            return item.span.text
    return None

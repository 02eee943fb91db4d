"""EventFilters as WHERE conditions, and the counts of what they select.

Most filters compare a column of `events`; three are sets of event ids from an index of
their own: `actor` and `place` (event_terms, see terms.py) and `search` (the full-text
index, see search.py). A set filter is tested in one of three ways (a Plan names them):

    LEAD    the query reads the rows of the set's ids (id IN set)
    PROBE   the query finds rows another way, the list order most often, and looks each
            one up in the set's index (EXISTS; actor and place only)
    BUILT   the same, against the set built once in memory (id + 0 IN set)

plans.py chooses, since only the set's size tells which is cheapest, and neither database
knows it before running the query. Every way selects the same events. A map's box is
planned too: LEAD, its latitudes are a range of ix_events_lat; PROBE, the latitude index is
hidden and each walked row is tested (a box over most events: the list order finds a page
at once, where the index would hand over every row in the box to be sorted).

Every value is bound, never formatted into the SQL.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    SQLColumnExpression,
    and_,
    exists,
    false,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.orm import InstrumentedAttribute

from marsad.store import search, terms
from marsad.store.models import EventModel, EventTermModel
from marsad.store.records import EventFilters

# The set filters, by their EventFilters field name.
SET_FILTERS = ("actor", "place", "search")
_TERM_FIELDS = {"actor": terms.ACTOR, "place": terms.PLACE}
LEAD, PROBE, BUILT = "lead", "probe", "built"
Plan = Mapping[str, str]  # set filter or "bbox" -> how it is tested; one not named leads


def event_conditions(
    filters: EventFilters, dialect: str | None = None, plan: Plan | None = None
) -> list[ColumnElement[bool]]:
    """The WHERE conditions for filters; dialect picks the full-text index to use, the plan
    how each set filter is tested."""
    return [
        *_dates(filters.since, filters.until),
        *column_conditions(filters, dialect, plan),
        *set_conditions(filters, dialect, plan),
    ]


def _dates(since: date | None, until: date | None) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if since is not None:
        # Overlap, not containment: a range "1-15 March" is in "since 10 March".
        conditions.append(func.coalesce(EventModel.when_end, EventModel.when_start) >= since)
    if until is not None:
        conditions.append(EventModel.when_start <= until)
    return conditions


def column_conditions(
    filters: EventFilters, dialect: str | None = None, plan: Plan | None = None
) -> list[ColumnElement[bool]]:
    """The conditions on the events table's own columns, dates left out; the plan says
    whether the box leads."""
    conditions: list[ColumnElement[bool]] = []
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
        conditions.append(_contains(EventModel.evidence_text, filters.text, dialect))
    if filters.acled_subtype is not None:
        conditions.append(EventModel.acled_subtype == filters.acled_subtype)
    if filters.bbox is not None:
        leading = (plan or {}).get("bbox", LEAD) == LEAD
        conditions.append(_in_bbox(*filters.bbox, leading=leading))
    if filters.event_ids is not None:
        conditions.append(EventModel.id.in_(filters.event_ids))
    return conditions


def set_conditions(
    filters: EventFilters, dialect: str | None, plan: Plan | None = None
) -> list[ColumnElement[bool]]:
    """The set filters' conditions, each tested the way the plan says."""
    conditions: list[ColumnElement[bool]] = []
    for name in SET_FILTERS:
        value = getattr(filters, name)
        if value is None:
            continue
        way = (plan or {}).get(name, LEAD)
        if name == "search":
            conditions.append(search.matches(value, dialect or "", leading=way == LEAD))
        else:
            conditions.append(has_term(_TERM_FIELDS[name], value, way))
    return conditions


def set_size(filters: EventFilters, name: str, dialect: str | None, cap: int) -> Select[Any]:
    """How many ids the set filter `name` holds, counting no further than cap (ids may
    repeat: this is a size for planning, not a count of events)."""
    value = getattr(filters, name)
    if name == "search":
        members = search.members(value, dialect or "")
    else:
        members = _term_members(_TERM_FIELDS[name], value)
    if members is None:
        return select(literal(0))
    return select(func.count()).select_from(members.limit(cap).subquery())


def _lone_count(filters: EventFilters, name: str, dialect: str | None) -> Select[Any] | None:
    """The count of a set filter given alone, from its own index; None where it has none."""
    value = getattr(filters, name)
    if name == "search":
        return search.count(value, dialect or "")
    members = _term_members(_TERM_FIELDS[name], value)
    if members is None:
        return None
    # an event has several names: it can be in the range more than once
    return select(func.count(func.distinct(members.subquery().c.event_id)))


def has_term(field: str, value: str, way: str = LEAD) -> ColumnElement[bool]:
    """The condition "one of the event's actor (or place) names starts, at a word, with
    value's words" (the rule is in terms.py): one range of event_terms' primary key
    (LEAD, BUILT), or one look-up of its event_id index per row (PROBE)."""
    members = _term_members(field, value)
    if members is None:
        return false()  # no letter or digit in it (punctuation, a NUL): nothing matches
    if way == PROBE:
        return exists(members.where(EventTermModel.event_id == EventModel.id))
    if way == BUILT:
        # "+ 0" hides the id from the planner, which would read the rows by the set's ids
        return (EventModel.id + 0).in_(members)
    return EventModel.id.in_(members)


def _term_members(field: str, value: str) -> Select[Any] | None:
    prefix = terms.needle(value)
    if not prefix:
        return None
    return select(EventTermModel.event_id).where(
        EventTermModel.field == field,
        EventTermModel.term >= prefix,
        EventTermModel.term < terms.successor(prefix),
    )


def column_size(filters: EventFilters, dialect: str | None, cap: int) -> Select[Any] | None:
    """About how many events the column and date filters select, counting no further than
    cap; None if there are none. (The ranged events that start before `since` and reach
    into it are left out: few, and this is a size for planning.)"""
    conditions = column_conditions(filters, dialect)
    if filters.since is not None:
        conditions.append(EventModel.when_start >= filters.since)
    if filters.until is not None:
        conditions.append(EventModel.when_start <= filters.until)
    if not conditions:
        return None
    rows = select(EventModel.id).where(*conditions).limit(cap).subquery()
    return select(func.count()).select_from(rows)


def events_count(
    filters: EventFilters, dialect: str | None = None, plan: Plan | None = None
) -> Select[Any]:
    """How many events the filters select (no join: every event has its document), each
    set filter tested the way the plan says.

    A lone set filter is counted in its own index. A date range is counted as two disjoint
    parts, each a range of an index: the events that start in it, and the ranged events
    that start before it and reach into it (an overlap is no range of any one column).
    """
    alone = lone_set(filters)
    lone_count = _lone_count(filters, alone, dialect) if alone is not None else None
    if lone_count is not None:
        return lone_count
    rest = [*column_conditions(filters, dialect), *set_conditions(filters, dialect, plan)]
    since, until = filters.since, filters.until
    if since is None:
        return _count(*_dates(None, until), *rest)
    upto = [EventModel.when_start <= until] if until is not None else []
    starting = _count(EventModel.when_start >= since, *upto, *rest)
    reaching = _count(EventModel.when_start < since, EventModel.when_end >= since, *upto, *rest)
    return select(starting.scalar_subquery() + reaching.scalar_subquery())


def _count(*conditions: ColumnElement[bool]) -> Select[Any]:
    return select(func.count()).select_from(EventModel).where(*conditions)


def lone_set(filters: EventFilters) -> str | None:
    """The one set filter given, when no other filter is."""
    given = [name for name in SET_FILTERS if getattr(filters, name) is not None]
    if len(given) != 1 or replace(filters, **{given[0]: None}) != EventFilters():
        return None
    return given[0]


def _in_bbox(
    west: float, south: float, east: float, north: float, *, leading: bool = True
) -> ColumnElement[bool]:
    # "+ 0" hides both coordinates from the planner, which would read the box through
    # ix_events_lat (a range of latitudes, or a skip-scan of them for the longitudes)
    lat: SQLColumnExpression[float | None] = EventModel.lat if leading else EventModel.lat + 0
    lon: SQLColumnExpression[float | None] = EventModel.lon if leading else EventModel.lon + 0
    inside = lat.between(south, north)
    if west <= east:
        return and_(inside, lon.between(west, east))
    # A box across the antimeridian (west 170, east -170) is two boxes.
    return and_(inside, or_(lon >= west, lon <= east))


def _contains(
    column: InstrumentedAttribute[str], needle: str, dialect: str | None
) -> ColumnElement[bool]:
    """Case-insensitive substring, the needle's characters all literal, NUL included."""
    if "\x00" not in needle:
        return column.icontains(needle, autoescape=True)
    if dialect == "postgresql":
        return false()  # PostgreSQL text cannot hold a NUL, so no value contains one
    # SQLite's LIKE stops reading its pattern at a NUL (so '%<NUL>%' would match every row);
    # instr() compares the whole string.
    return func.instr(func.lower(column), func.lower(needle)) > 0

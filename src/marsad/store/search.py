"""Full-text search over events' evidence sentences, on SQLite (FTS5) and PostgreSQL.

Migration 0002 builds the index: an FTS5 table kept in step by triggers on SQLite, a GIN
index on a tsvector on PostgreSQL. Both tokenise without stemming, and a query matches the
events whose sentence holds every word of it, in any case, on either backend.

The user's words are never SQL and never FTS5 syntax: they are split into words here, each
quoted as an FTS5 string, and the result is a bound parameter.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    column,
    false,
    func,
    literal_column,
    select,
    table,
    text,
)
from sqlalchemy.sql.elements import TextClause

from marsad.store.models import EventModel

# The objects migration 0002 creates that the ORM models cannot describe (a virtual table
# and its shadow tables; an expression index; an index with DESC NULLS LAST ordering):
# schema comparisons must leave them alone.
FTS_TABLE = "events_fts"
PG_INDEX = "ix_events_evidence_search"
RAW_INDEXES = frozenset({PG_INDEX, "ix_events_list_order"})
_WORD = re.compile(r"\w+", re.UNICODE)
ROW_BY_ROW_MAX = 100  # ids in a range that members() tests row by row on PostgreSQL

_fts = table(FTS_TABLE, column("rowid"), column(FTS_TABLE))


def outside_models(name: str | None, type_: str, parent_names: Any) -> bool:
    """Alembic `include_name` hook: False for the search objects the models don't hold."""
    if name is None:
        return True
    if type_ == "table" and (name == FTS_TABLE or name.startswith(f"{FTS_TABLE}_")):
        return False
    return not (type_ == "index" and name in RAW_INDEXES)


def words(query: str) -> list[str]:
    return _WORD.findall(query.casefold())


def matches(
    query: str, dialect: str, *, leading: bool = True, row_by_row: bool = False
) -> ColumnElement[bool]:
    """The condition "the event's evidence holds every word of query".

    On SQLite the matches are a set of ids: leading, the query reads those rows; not
    leading, the set is built once and each row the query walks is tested against it
    (conditions.py). On PostgreSQL `row_by_row` tests each row the query reads instead of
    reading the GIN index (for a few rows: see members())."""
    terms = words(query)
    if not terms:
        return false()  # nothing searchable (only punctuation, a NUL): nothing matches
    if dialect == "sqlite":
        hits = _fts_hits(terms)
        if leading:
            return EventModel.id.in_(hits)
        # "+ 0" hides the id from the planner, which would read the rows by the set's ids
        return (EventModel.id + 0).in_(hits)
    if dialect == "postgresql":
        # The same expression as the index, so the planner can use it.
        config: ColumnElement[Any] = literal_column("'simple'::regconfig")
        # || '' is the same text in an expression the index does not cover
        text = EventModel.evidence_text.concat("") if row_by_row else EventModel.evidence_text
        vector = func.to_tsvector(config, text)
        tsquery = func.plainto_tsquery(config, " ".join(terms))
        return vector.op("@@")(tsquery)
    # Any other backend: every word as a substring (slow, but the same answers).
    return and_(*(EventModel.evidence_text.icontains(term, autoescape=True) for term in terms))


def members(
    query: str, dialect: str, between: tuple[int, int] | None = None
) -> Select[Any] | None:
    """The ids of the events that match query, of those with ids in the range between if
    given (a few recent events: an FTS5 rowid range is read as such, a rowid list is not);
    None when it has no word to search."""
    terms = words(query)
    if not terms:
        return None
    if dialect == "sqlite":
        hits = _fts_hits(terms)
        return hits if between is None else hits.where(_fts.c.rowid.between(*between))
    if between is None:
        return select(EventModel.id).where(matches(query, dialect))
    # A few ids (a save's events, under a writer: asked at each revision) are read by their
    # key and tested one by one (17 us a row); through the GIN index PostgreSQL reads every
    # event with the word first (12,000 for a place name at 100,000 events: 6 ms).
    few = between[1] - between[0] <= ROW_BY_ROW_MAX
    found = select(EventModel.id).where(matches(query, dialect, row_by_row=few))
    return found.where(EventModel.id.between(*between))


def each_match(
    queries: Sequence[str], event_ids: Sequence[int], dialect: str
) -> TextClause | None:
    """Rows (position in queries, event id) for every event of event_ids that matches each
    query, in one statement: a save's ten events tested against every query a filter
    index remembers (one search a query was a round trip each, at each revision). On
    PostgreSQL; None elsewhere (SQLite's FTS5 is asked in process, a query at a time)."""
    if dialect != "postgresql":
        return None
    searched = [(n, " ".join(terms)) for n, query in enumerate(queries) if (terms := words(query))]
    # OFFSET 0 keeps the subquery apart: each sentence parsed once, not once a query
    return text(
        "SELECT q.n, e.id FROM"
        " (SELECT id, to_tsvector('simple'::regconfig, evidence_text) AS words"
        "  FROM events WHERE id = ANY(:ids) OFFSET 0) AS e"
        " JOIN unnest(CAST(:positions AS integer[]), CAST(:queries AS text[])) AS q(n, words)"
        " ON e.words @@ plainto_tsquery('simple'::regconfig, q.words)"
    ).bindparams(ids=list(event_ids), positions=[n for n, _ in searched],
                 queries=[words_of for _, words_of in searched])


def count(query: str, dialect: str) -> Select[Any] | None:
    """How many events match query, read from the full-text index alone (SQLite's FTS5
    table has one row per event); None where the index is no table of its own."""
    terms = words(query)
    if dialect != "sqlite" or not terms:
        return None
    return select(func.count()).select_from(_fts_hits(terms).subquery())


def _fts_hits(terms: list[str]) -> Select[Any]:
    # '"word"' is an FTS5 string: operators such as NEAR, OR, * or column filters inside
    # the user's text lose their meaning.
    fts_query = " ".join('"' + term.replace('"', '""') + '"' for term in terms)
    return select(_fts.c.rowid).where(_fts.c[FTS_TABLE].match(fts_query))

"""The event filters answered from memory: one revision of the store's events held as
columns, in list order, for the API's counts and pages.

SQLite and PostgreSQL test a combination of filters row by row: two large sets that
barely overlap ("place=baghdad" and "actor=state", 14,000 events each, at 100,000 events)
cost 40 ms to intersect, a third of the API's budget for a request. Here each filter is a
vector operation over the columns (a tenth of a millisecond at 100,000 events) and a
count or a page is read from their conjunction; only the full-text filter still asks the
database, for the ids its words match, once per query and revision.

The index is exact or absent, never stale: it belongs to the store's revision figures
(queries.REVISION, the ETag's) read in the same transaction as its rows, and a query uses
it only when the figures its own transaction reads are the same. Events are never changed
in place (a re-extraction deletes and re-inserts them), so equal figures mean equal rows.
It is built in a background thread once the figures have stayed the same for STABLE_S
seconds: under a steady writer it is never built (every revision would be stale within a
second) and the queries plan their SQL as before (plans.py). A filter it cannot evaluate
(`text`, a substring of the evidence it does not hold) also goes to SQL.

The rules are the SQL conditions' (conditions.py), column for column: a NULL matches no
comparison, `since` is an overlap (the end, else the start, on or after it), category and
country are compared upper-case, a box across the antimeridian is two boxes, actor and
place look up the folded word-tails of event_terms (terms.py). tests/store/
test_filter_index.py checks that both give the same answer on random combinations.
"""

from __future__ import annotations

import bisect
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlalchemy import Connection, Engine, select

from marsad.store import search, terms
from marsad.store.models import EventModel, EventTermModel
from marsad.store.queries import LIST_ORDER, REVISION
from marsad.store.records import EventFilters

log = logging.getLogger(__name__)

STABLE_S = 2.0  # how long the figures must stay the same before an index is built
SEARCHES_KEPT = 256  # full-text queries whose matches an index remembers
MAX_EVENTS = 2_000_000  # no index above this many events (memory: about 60 bytes each)
_NO_DAY = np.iinfo(np.int32).min  # a NULL date: no comparison holds (see _on_or_after)

# The equality filters on the events table's own columns: filter name -> column name.
_CODED = {
    "kind": "kind",
    "category": "category",
    "mode": "mode",
    "acled_type": "acled_type",
    "acled_subtype": "acled_subtype",
    "country": "country",
    "document_id": "document_id",
}
_UPPER = {"category", "country"}  # stored upper-case; the filter value is upper-cased
_TERM_FIELDS = {"actor": terms.ACTOR, "place": terms.PLACE}


@dataclass(frozen=True, slots=True)
class _Coded:
    """A text column as small integers: codes[i] is row i's value's number, -1 for NULL."""

    codes: np.ndarray
    number: dict[str, int]

    @classmethod
    def of(cls, values: Sequence[str | None]) -> _Coded:
        number: dict[str, int] = {}
        codes = np.fromiter(
            (-1 if v is None else number.setdefault(v, len(number)) for v in values),
            dtype=np.int32,
            count=len(values),
        )
        return cls(codes, number)

    def equal(self, value: str) -> np.ndarray:
        code = self.number.get(value)
        return self.codes == code if code is not None else np.zeros(len(self.codes), bool)


@dataclass(frozen=True, slots=True)
class _Terms:
    """One field's word-tails, sorted, each with the rows (list positions) that hold it."""

    sorted_terms: list[str]
    rows: list[np.ndarray]

    def starting(self, value: str, size: int) -> np.ndarray:
        """The rows with a tail that starts with value's words (terms.py's rule)."""
        found = np.zeros(size, bool)
        prefix = terms.needle(value)
        if not prefix:
            return found  # no letter or digit: nothing matches
        first = bisect.bisect_left(self.sorted_terms, prefix)
        last = bisect.bisect_left(self.sorted_terms, terms.successor(prefix))
        for rows in self.rows[first:last]:
            found[rows] = True
        return found


class FilterIndex:
    """One revision's events, in list order (newest first, undated last, then by id)."""

    def __init__(self, figures: tuple[Any, ...], connection: Connection) -> None:
        self.figures = figures
        columns = [EventModel.id, EventModel.when_start, EventModel.when_end,
                   EventModel.lat, EventModel.lon,
                   *(getattr(EventModel, c) for c in _CODED.values())]
        rows = connection.execute(select(*columns).order_by(*LIST_ORDER)).all()
        self.size = len(rows)
        by_column = list(zip(*rows, strict=True)) if rows else [()] * len(columns)
        self.ids = np.array(by_column[0], dtype=np.int64)
        starts = _days(by_column[1])
        ends = _days(by_column[2])
        self._start = starts
        self._reach = np.where(ends == _NO_DAY, starts, ends)  # coalesce(end, start)
        self._lat = np.array(by_column[3], dtype=np.float64)  # None -> NaN: never inside
        self._lon = np.array(by_column[4], dtype=np.float64)
        self._coded = {
            name: _Coded.of(by_column[5 + i]) for i, name in enumerate(_CODED)
        }
        # id -> list position, for the ids the database returns (full-text matches)
        self._by_id = np.argsort(self.ids, kind="stable")
        self._terms = self._read_terms(connection)
        self._searches: OrderedDict[str, np.ndarray] = OrderedDict()  # query -> rows
        self._lock = threading.Lock()

    def _read_terms(self, connection: Connection) -> dict[str, _Terms]:
        query = select(EventTermModel.field, EventTermModel.term, EventTermModel.event_id)
        grouped: dict[str, dict[str, list[int]]] = {field: {} for field in _TERM_FIELDS.values()}
        for field, term, event_id in connection.execute(query):
            grouped.setdefault(field, {}).setdefault(term, []).append(event_id)
        return {
            field: _Terms(sorted(by_term), [self.rows_of(by_term[t]) for t in sorted(by_term)])
            for field, by_term in grouped.items()
        }

    def rows_of(self, event_ids: Sequence[int] | np.ndarray) -> np.ndarray:
        """The list positions of those of event_ids that are stored here."""
        wanted = np.asarray(event_ids, dtype=np.int64)
        if not len(wanted) or not self.size:
            return np.zeros(0, dtype=np.int64)
        sorted_ids = self.ids[self._by_id]
        at = np.searchsorted(sorted_ids, wanted).clip(0, self.size - 1)
        return self._by_id[at[sorted_ids[at] == wanted]]

    def handles(self, filters: EventFilters) -> bool:
        return filters.text is None

    def select(self, connection: Connection, filters: EventFilters) -> np.ndarray:
        """Which rows (list positions) the filters select, as a boolean mask; connection
        answers the full-text filter, in the transaction that checked the figures."""
        chosen = np.ones(self.size, bool)
        if filters.since is not None:
            chosen &= self._reach >= filters.since.toordinal()
        if filters.until is not None:
            chosen &= (self._start != _NO_DAY) & (self._start <= filters.until.toordinal())
        for name, coded in self._coded.items():
            value = getattr(filters, name)
            if value is not None:
                chosen &= coded.equal(value.upper() if name in _UPPER else value)
        if filters.bbox is not None:
            chosen &= self._inside(*filters.bbox)
        if filters.event_ids is not None:
            listed = np.zeros(self.size, bool)
            listed[self.rows_of(filters.event_ids)] = True
            chosen &= listed
        for name, field in _TERM_FIELDS.items():
            value = getattr(filters, name)
            if value is not None:
                chosen &= self._terms[field].starting(value, self.size)
        if filters.search is not None:
            chosen &= self._matching(connection, filters.search)
        return chosen

    def page_ids(self, chosen: np.ndarray, limit: int, offset: int) -> list[int]:
        rows = np.flatnonzero(chosen)[offset:offset + limit]
        return [int(i) for i in self.ids[rows]]

    def _inside(self, west: float, south: float, east: float, north: float) -> np.ndarray:
        with np.errstate(invalid="ignore"):  # NaN (no place) compares False, as NULL does
            inside = (self._lat >= south) & (self._lat <= north)
            if west <= east:
                return inside & (self._lon >= west) & (self._lon <= east)
            return inside & ((self._lon >= west) | (self._lon <= east))

    def _matching(self, connection: Connection, query: str) -> np.ndarray:
        """The rows whose evidence holds every word of query: asked of the full-text index
        once per revision (this one's rows cannot change), then remembered."""
        with self._lock:
            rows = self._searches.get(query)
            if rows is not None:
                self._searches.move_to_end(query)
        if rows is None:
            members = search.members(query, connection.dialect.name)
            ids = list(connection.execute(members).scalars()) if members is not None else []
            rows = self.rows_of(ids)
            with self._lock:
                self._searches[query] = rows
                while len(self._searches) > SEARCHES_KEPT:
                    self._searches.popitem(last=False)
        found = np.zeros(self.size, bool)
        found[rows] = True
        return found


def _days(values: Sequence[Any]) -> np.ndarray:
    return np.fromiter(
        (_NO_DAY if v is None else v.toordinal() for v in values),
        dtype=np.int32,
        count=len(values),
    )


class FilterIndexes:
    """The store's current FilterIndex, if any, and the background builds that keep one
    (thread-safe: the API's request threads share it)."""

    def __init__(self, engine: Engine, *, stable_s: float = STABLE_S) -> None:
        self._engine = engine
        self._stable_s = stable_s
        self._index: FilterIndex | None = None
        self._seen: tuple[tuple[Any, ...], float] | None = None  # figures, first seen
        self._building = False
        self._lock = threading.Lock()

    def current(self, connection: Connection) -> FilterIndex | None:
        """The index for the figures this connection's transaction reads, else None (and
        a build started when they have held for STABLE_S seconds)."""
        figures = tuple(connection.execute(REVISION).one())
        now = time.monotonic()
        with self._lock:
            index = self._index
            if index is not None and index.figures == figures:
                return index
            if self._seen is None or self._seen[0] != figures:
                self._seen = (figures, now)
            elif now - self._seen[1] >= self._stable_s and not self._building:
                self._building = True
                threading.Thread(target=self._build, name="marsad-filter-index",
                                 daemon=True).start()
        return None

    def wait(self, timeout: float = 60.0) -> bool:
        """Until a running build ends (for tests and benchmarks); whether one is held."""
        deadline = time.monotonic() + timeout
        while self._building and time.monotonic() < deadline:
            time.sleep(0.01)
        return self._index is not None

    def _build(self) -> None:
        started = time.perf_counter()
        try:
            with self._engine.connect() as connection:
                if connection.dialect.name == "postgresql":  # one snapshot for every read
                    connection = connection.execution_options(isolation_level="REPEATABLE READ")
                figures = tuple(connection.execute(REVISION).one())
                if figures[1] > MAX_EVENTS:  # the events' count
                    return
                index = FilterIndex(figures, connection)
            with self._lock:
                self._index = index
            log.info("filter index of %d events built in %.1f s",
                     index.size, time.perf_counter() - started)
        except Exception:  # the SQL path answers meanwhile; a failed build is retried
            log.exception("cannot build the filter index")
        finally:
            with self._lock:
                self._building = False
                self._seen = None

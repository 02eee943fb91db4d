"""The event filters answered from memory: one revision of the store's events held as
columns, in list order, for the API's counts and pages.

SQLite and PostgreSQL test a combination of filters row by row: two large sets that
barely overlap ("place=baghdad" and "actor=state", 14,000 events each, at 100,000 events)
cost 40 ms to intersect, a third of the API's budget for a request. Here each filter is a
vector operation over the columns (a tenth of a millisecond at 100,000 events) and a
count or a page is read from their conjunction; only the full-text filter still asks the
database, for the ids its words match, once per query and revision.

The index is exact or absent, never stale: it belongs to the store's revision figures
(queries.REVISION, the ETag's) read in the same transaction as its rows. A query's own
transaction reads the figures again; when they differ, the events inserted or deleted
since the build, which triggers log in event_changes (migration 0006), are read as they
are now into a small index of their own, and the answer is the big one's rows less theirs,
plus theirs (an IndexView, shared by the requests of one revision). Events are never
changed in place (a re-extraction deletes and re-inserts them), so that is the whole
difference. The first query starts the build, in a background thread; REBUILD_AFTER
changes later another starts, and the SQL (planned as in plans.py) answers whenever no
index is ready, or for a filter it cannot evaluate (`text`, a substring of the evidence
it does not hold).

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
from sqlalchemy import Connection, Engine, delete, func, select

from marsad.store import search, terms
from marsad.store.models import EventChangeModel, EventModel, EventTermModel
from marsad.store.queries import LIST_ORDER, REVISION
from marsad.store.records import EventFilters

log = logging.getLogger(__name__)

CHANGES_KEPT = 100_000  # rows of event_changes kept (older ones are pruned at each save)
REBUILD_AFTER = 1_000  # events changed since the build: past this, a new build starts
DELTA_MAX = 10_000  # beyond this many, the SQL answers until the new build is done
VIEWS_KEPT = 8  # revisions whose changed events are held (requests of one revision share)
SEARCHES_KEPT = 256  # full-text queries whose matches an index remembers
MAX_EVENTS = 2_000_000  # no index above this many events (memory: about 60 bytes each)
_NO_DAY = np.iinfo(np.int32).min  # a NULL date: no comparison holds
_UNDATED = 1 << 40  # an undated event's list-order key: after every dated one
_NO_ROWS = np.zeros(0, dtype=np.int64)
_SEQ = 1  # where REVISION has the last seq of event_changes

# Delete all but the last CHANGES_KEPT rows of the change log.
PRUNE_CHANGES = delete(EventChangeModel).where(
    EventChangeModel.seq <= select(func.max(EventChangeModel.seq)).scalar_subquery() - CHANGES_KEPT
)

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

    def __init__(
        self, figures: tuple[Any, ...], connection: Connection, only: list[int] | None = None
    ) -> None:
        """The events stored, or only those of the ids `only` lists (that are stored)."""
        self.figures = figures
        self.seq = int(figures[_SEQ] or 0)  # the last change logged when it was read
        columns = [EventModel.id, EventModel.when_start, EventModel.when_end,
                   EventModel.lat, EventModel.lon,
                   *(getattr(EventModel, c) for c in _CODED.values())]
        query = select(*columns).order_by(*LIST_ORDER)
        if only is not None:
            query = query.where(EventModel.id.in_(only))
        rows = connection.execute(query).all()
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
        self._terms = self._read_terms(connection, only)
        self._searches: OrderedDict[str, np.ndarray] = OrderedDict()  # query -> rows
        self._lock = threading.Lock()

    def _read_terms(self, connection: Connection, only: list[int] | None) -> dict[str, _Terms]:
        query = select(EventTermModel.field, EventTermModel.term, EventTermModel.event_id)
        if only is not None:
            query = query.where(EventTermModel.event_id.in_(only))
        grouped: dict[str, dict[str, list[int]]] = {field: {} for field in _TERM_FIELDS.values()}
        # fetched in batches (a row at a time costs twice as much; all at once, 300 MB at
        # 100,000 events)
        result = connection.execution_options(yield_per=20_000).execute(query)
        for batch in result.partitions():
            for field, term, event_id in batch:
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

    def listed(self, chosen: np.ndarray, first: int) -> list[tuple[int, int]]:
        """The first `first` chosen rows as (list-order key, id): keys of two indexes
        compare in the list's order."""
        rows = np.flatnonzero(chosen)[:first]
        starts, ids = self._start[rows].tolist(), self.ids[rows].tolist()
        # when_start DESC NULLS LAST, then id: an undated row sorts after every dated one
        return [(-day if day != _NO_DAY else _UNDATED, i)
                for day, i in zip(starts, ids, strict=True)]

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


class IndexView:
    """The store as one transaction sees it: a FilterIndex, less the rows of the events
    changed since it was built, plus a small FilterIndex of those events as they are now."""

    def __init__(self, base: FilterIndex, changed: FilterIndex | None, stale: np.ndarray) -> None:
        self._base = base
        self._changed = changed
        self._stale = stale  # base rows of events deleted or stored again since

    def handles(self, filters: EventFilters) -> bool:
        return self._base.handles(filters)

    def count(self, connection: Connection, filters: EventFilters) -> int:
        return self.page(connection, filters, 0, 0)[0]

    def page(
        self, connection: Connection, filters: EventFilters, limit: int, offset: int
    ) -> tuple[int, list[int]]:
        """How many events the filters select, and the ids of the page (list order)."""
        chosen = self._base.select(connection, filters)
        chosen[self._stale] = False
        if self._changed is None:
            return int(np.count_nonzero(chosen)), self._base.page_ids(chosen, limit, offset)
        fresh = self._changed.select(connection, filters)
        total = int(np.count_nonzero(chosen) + np.count_nonzero(fresh))
        if not limit:
            return total, []
        first = offset + limit  # each index's first rows hold the page's
        merged = sorted(self._base.listed(chosen, first) + self._changed.listed(fresh, first))
        return total, [event_id for _, event_id in merged[offset:first]]


class FilterIndexes:
    """The store's current FilterIndex, if any, and the background builds that keep one
    (thread-safe: the API's request threads share it)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._index: FilterIndex | None = None
        self._views: OrderedDict[tuple[Any, ...], IndexView] = OrderedDict()  # by figures
        self._building = False
        self._lock = threading.Lock()
        self._viewing = threading.Lock()

    def current(self, connection: Connection) -> IndexView | None:
        """The index as this connection's transaction sees the store, else None: the SQL
        answers, and a build starts (none is held yet, or the changes since are too many
        to overlay)."""
        figures = tuple(connection.execute(REVISION).one())
        with self._lock:
            index, view = self._index, self._views.get(figures)
        if index is None:
            self._start_build()
            return None
        if figures == index.figures:
            return IndexView(index, None, _NO_ROWS)
        if view is not None:
            return view
        with self._viewing:  # one thread reads a revision's changes; the others wait for it
            with self._lock:
                view = self._views.get(figures)
            if view is None:
                view = self._view(connection, index, figures)
                if view is None:
                    self._start_build()
                    return None
                with self._lock:
                    self._views[figures] = view
                    while len(self._views) > VIEWS_KEPT:
                        self._views.popitem(last=False)
        return view

    def _view(
        self, connection: Connection, index: FilterIndex, figures: tuple[Any, ...]
    ) -> IndexView | None:
        """The index with the events changed since its build, or None when the log no longer
        reaches back to it or they are too many."""
        oldest = connection.execute(select(func.min(EventChangeModel.seq))).scalar()
        if oldest is not None and oldest > index.seq + 1:
            return None  # pruned past the build: changes may be missing
        since = select(EventChangeModel.event_id).where(EventChangeModel.seq > index.seq)
        changed = list(connection.execute(since.distinct().limit(DELTA_MAX + 1)).scalars())
        if len(changed) > DELTA_MAX:
            return None
        if len(changed) > REBUILD_AFTER:
            self._start_build()
        ids = sorted(set(changed))
        # the changed events as they are now (the deleted are gone), from the same snapshot
        fresh = FilterIndex(figures, connection, only=ids) if ids else None
        return IndexView(index, fresh, index.rows_of(ids))

    def _start_build(self) -> None:
        with self._lock:
            if self._building:
                return
            self._building = True
        threading.Thread(target=self._build, name="marsad-filter-index", daemon=True).start()

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
                stored = connection.execute(select(func.count()).select_from(EventModel))
                if (stored.scalar() or 0) > MAX_EVENTS:
                    return
                index = FilterIndex(figures, connection)
            with self._lock:
                self._index = index
                self._views.clear()
            log.info("filter index of %d events built in %.1f s",
                     index.size, time.perf_counter() - started)
        except Exception:  # the SQL path answers meanwhile; a failed build is retried
            log.exception("cannot build the filter index")
        finally:
            with self._lock:
                self._building = False

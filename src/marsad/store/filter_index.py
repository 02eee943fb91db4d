"""The event filters answered from memory: one revision of the store's events held as
columns, in list order, for the API's counts and pages.

SQLite and PostgreSQL test a combination of filters row by row: two large sets that
barely overlap ("place=baghdad" and "actor=state", 14,000 events each, at 100,000 events)
cost 40 ms to intersect, a third of the API's budget for a request. Here each filter is a
vector operation over the columns (a tenth of a millisecond at 100,000 events) and a
count or a page is read from their conjunction; only the full-text filter still asks the
database, for the ids its words match: once per query and build, and for the events
saved since, once per revision for every query remembered (search.each_match; SQLite,
in process, once per query and revision).

The index is exact or absent, never stale: it belongs to the store's revision figures
(queries.REVISION, the ETag's) read in the same transaction as its rows. A query's own
transaction reads the figures again; when they differ, the events inserted or deleted
since the build, which triggers log in event_changes (migration 0006), are read as they
are now into a small index of their own, and the answer is the big one's rows less theirs,
plus theirs (an IndexView, shared by the requests of one revision). Events are never
changed in place (a re-extraction deletes and re-inserts them), so that is the whole
difference. Each revision's view grows from the last one's: only the events changed since
are read (a save's ten, not every change since the build: 4 ms a revision) and joined into
its small index. The first query starts the build, in a background thread (1 s at
100,000 events, most of it in the driver, which lets the request threads run); after
REBUILD_AFTER changes another starts, and the SQL (planned as in plans.py) answers
whenever no index is ready, or for a filter it cannot evaluate (`text`, a substring of
the evidence it does not hold).

The rules are the SQL conditions' (conditions.py), column for column: a NULL matches no
comparison, `since` is an overlap (the end, else the start, on or after it), category and
country are compared upper-case, a box across the antimeridian is two boxes, actor and
place look up the folded word-tails of event_terms (terms.py). tests/store/
test_filter_index.py checks that both give the same answer on random combinations.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
from sqlalchemy import Connection, Engine, Select, bindparam, delete, func, select

from marsad.store import search, terms
from marsad.store.ids import ids_in
from marsad.store.models import EventChangeModel, EventModel, EventTermModel
from marsad.store.queries import LIST_ORDER, REVISION
from marsad.store.records import EventFilters

log = logging.getLogger(__name__)

CHANGES_KEPT = 100_000  # rows of event_changes kept (older ones are pruned at each save)
REBUILD_AFTER = 5_000  # events changed since the build: past this, a new build starts
DELTA_MAX = 20_000  # beyond this many, the SQL answers until the new build is done
VIEWS_KEPT = 8  # revisions whose changed events are held (requests of one revision share)
SEARCHES_KEPT = 256  # full-text queries whose matches an index remembers
SEARCHED_AGAIN = 64  # of them, the latest a new build asks again (in its own thread)
MAX_EVENTS = 2_000_000  # no index above this many events (memory: about 60 bytes each)
_NO_DAY = np.iinfo(np.int32).min  # a NULL date: no comparison holds
_UNDATED = 1 << 40  # an undated event's list-order key: after every dated one
_NO_ROWS = np.zeros(0, dtype=np.int64)
_NAT = np.datetime64("NaT").astype(np.int64)
_EPOCH_ORDINAL = 719_163  # date(1970, 1, 1).toordinal(): numpy's day 0
_SEQ = 0  # where REVISION has the last seq of event_changes

# Delete all but the last CHANGES_KEPT rows of the change log.
# The events changed since a seq, with the oldest seq the log still holds (one round trip
# for both: a worker reads them at each revision a writer makes)
_CHANGED_SINCE = (
    select(EventChangeModel.event_id,
           select(func.min(EventChangeModel.seq)).scalar_subquery().label("oldest"))
    .where(EventChangeModel.seq > bindparam("seq"))
    .distinct().limit(DELTA_MAX + 1)
)
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
    number: dict[Any, int]

    @classmethod
    def of(cls, values: Sequence[Any]) -> _Coded:
        number: dict[Any, int] = {}
        codes = np.fromiter(
            (-1 if v is None else number.setdefault(v, len(number)) for v in values),
            dtype=np.int32,
            count=len(values),
        )
        return cls(codes, number)

    def equal(self, value: str) -> np.ndarray:
        code = self.number.get(value)
        return self.codes == code if code is not None else np.zeros(len(self.codes), bool)

    def joined(self, kept: np.ndarray, other: _Coded, order: np.ndarray) -> _Coded:
        """This column's kept rows, then other's, in the given order; other's values
        numbered after this one's."""
        number = dict(self.number)
        renumber = np.array([number.setdefault(v, len(number)) for v in other.number] + [-1],
                            dtype=np.int32)  # -1 (NULL) indexes the last entry: stays -1
        codes = np.concatenate([self.codes[kept], renumber[other.codes]])
        return _Coded(codes[order], number)


@dataclass(frozen=True, slots=True)
class _Terms:
    """One field's word-tails, sorted; the rows (list positions) holding term i are
    rows[offsets[i]:offsets[i + 1]], so the rows of a run of terms are one slice."""

    sorted_terms: list[str]
    offsets: np.ndarray
    rows: np.ndarray

    @classmethod
    def of(cls, names: list[str], codes: np.ndarray, rows: np.ndarray) -> _Terms:
        """From (term number, row) pairs; names[i] is term i's, in sorted order."""
        order = np.argsort(codes, kind="stable")  # already sorted when read: linear
        counts = np.bincount(codes, minlength=len(names))
        offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        return cls(names, offsets, rows[order])

    def starting(self, value: str, size: int) -> np.ndarray:
        """The rows with a tail that starts with value's words (terms.py's rule)."""
        found = np.zeros(size, bool)
        prefix = terms.needle(value)
        if not prefix:
            return found  # no letter or digit: nothing matches
        first = bisect.bisect_left(self.sorted_terms, prefix)
        last = bisect.bisect_left(self.sorted_terms, terms.successor(prefix))
        found[self.rows[self.offsets[first]:self.offsets[last]]] = True
        return found

    def pairs(self, position: np.ndarray) -> tuple[list[str], np.ndarray, np.ndarray]:
        """(names, term number of each pair, row) with rows moved to position[row]; pairs
        of rows whose position is -1 (dropped) left out."""
        codes = np.repeat(np.arange(len(self.sorted_terms)), np.diff(self.offsets))
        moved = position[self.rows]
        kept = moved >= 0
        return self.sorted_terms, codes[kept], moved[kept]

    @classmethod
    def joined(cls, first: tuple[list[str], np.ndarray, np.ndarray],
               second: tuple[list[str], np.ndarray, np.ndarray]) -> _Terms:
        names = sorted(set(first[0]) | set(second[0]))
        number = {name: i for i, name in enumerate(names)}
        codes = [np.array([number[n] for n in part[0]], dtype=np.int64)[part[1]]
                 for part in (first, second)]
        return cls.of(names, np.concatenate(codes), np.concatenate([first[2], second[2]]))


class FilterIndex:
    """One revision's events, in list order (newest first, undated last, then by id)."""

    def __init__(
        self,
        figures: tuple[Any, ...],
        ids: np.ndarray,
        start: np.ndarray,
        reach: np.ndarray,
        place: tuple[np.ndarray, np.ndarray],
        coded: dict[str, _Coded],
        terms_of: dict[str, _Terms],
    ) -> None:
        self.figures = figures
        self.seq = int(figures[_SEQ] or 0)  # the last change logged when it was read
        self.size = len(ids)
        self.ids = ids
        self._start = start
        self._reach = reach  # coalesce(end, start)
        self._lat, self._lon = place  # NaN for no place: never inside a box
        self._coded = coded
        self._terms = terms_of
        # id -> list position, for the ids the database returns (full-text matches)
        self._by_id = np.argsort(ids, kind="stable")
        self._sorted_ids = ids[self._by_id]
        self._searches: OrderedDict[str, np.ndarray] = OrderedDict()  # query -> rows
        # query -> (ids matched, ids not yet asked about), handed on by joined()
        self._carried: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._lock = threading.Lock()
        self.partial = False  # of some events only (read with `only`, or joined)

    @classmethod
    def read(
        cls, figures: tuple[Any, ...], connection: Connection, only: Sequence[int] | None = None
    ) -> FilterIndex:
        """The events stored, or only those of the ids `only` lists (that are stored), as
        the connection's transaction sees them."""
        reads = _reads(connection.dialect.name, only is not None)
        rows = _fetch(connection, reads.events, only)
        by_column = list(zip(*rows, strict=True)) if rows else [()] * (5 + len(_CODED))
        ids = np.array(by_column[0], dtype=np.int64)
        start, end = _days(by_column[1]), _days(by_column[2])
        place = (np.array(by_column[3], dtype=np.float64), np.array(by_column[4], dtype=np.float64))
        coded = {name: _Coded.of(by_column[5 + i]) for i, name in enumerate(_CODED)}
        index = cls(figures, ids, start, np.where(end == _NO_DAY, start, end), place, coded, {})
        index._terms = _read_terms(connection, reads, only, index)
        index.partial = only is not None
        return index

    def joined(
        self, figures: tuple[Any, ...], dropped: np.ndarray, fresh: FilterIndex
    ) -> FilterIndex:
        """This index without the events of the ids dropped, with fresh's events: the
        store at figures when those are all the events changed since this one's."""
        kept = np.flatnonzero(~np.isin(self.ids, dropped))
        ids = np.concatenate([self.ids[kept], fresh.ids])
        start = np.concatenate([self._start[kept], fresh._start])
        order = np.lexsort((ids, _order_keys(start)))
        at = np.empty(len(order), dtype=np.int64)
        at[order] = np.arange(len(order))  # concatenated row -> list position
        mine = np.full(self.size, -1, dtype=np.int64)
        mine[kept] = at[:len(kept)]

        def both(column: np.ndarray, other: np.ndarray) -> np.ndarray:
            return np.concatenate([column[kept], other])[order]

        joined = FilterIndex(
            figures, ids[order], start[order], both(self._reach, fresh._reach),
            (both(self._lat, fresh._lat), both(self._lon, fresh._lon)),
            {name: coded.joined(kept, fresh._coded[name], order)
             for name, coded in self._coded.items()},
            {field: _Terms.joined(held.pairs(mine), fresh._terms[field].pairs(at[len(kept):]))
             for field, held in self._terms.items()},
        )
        joined.partial = True
        joined._carried = self._searches_without(dropped, fresh.ids)
        return joined

    def _searches_without(
        self, dropped: np.ndarray, fresh: np.ndarray
    ) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """What this index knows of each full-text query, for the index that drops the
        events dropped and adds those of the ids fresh: the ids it matched that stay, and
        the ids still to ask about. Under a writer each revision's index is this one with
        a save's events more; asked afresh, a query read every event changed since the
        build (thousands, a query of 20 ms each revision), not the save's ten."""
        with self._lock:
            known = {query: (self.ids[rows], _NO_ROWS) for query, rows in self._searches.items()}
            known = {**self._carried, **known}
        queries = list(known)[-SEARCHES_KEPT:]
        # fresh ids are among the dropped: none is left in what is kept, no union is needed
        matched = _each_without([known[q][0] for q in queries], dropped)
        unasked = _each_without([known[q][1] for q in queries], dropped)
        return {query: (kept, np.concatenate([still, fresh]))
                for query, kept, still in zip(queries, matched, unasked, strict=True)}

    def positions(self, event_ids: Sequence[int] | np.ndarray) -> np.ndarray:
        """The list position of each of event_ids, -1 for one not stored here."""
        wanted = np.asarray(event_ids, dtype=np.int64)
        if not len(wanted) or not self.size:
            return np.full(len(wanted), -1, dtype=np.int64)
        at, found = _search_sorted(self._sorted_ids, wanted)
        return np.where(found, self._by_id[at], -1)

    def rows_of(self, event_ids: Sequence[int] | np.ndarray) -> np.ndarray:
        """The list positions of those of event_ids that are stored here."""
        found = self.positions(event_ids)
        return found[found >= 0]

    def handles(self, filters: EventFilters) -> bool:
        return filters.text is None

    def select(
        self, connection: Connection, filters: EventFilters, searched: np.ndarray | None = None
    ) -> np.ndarray:
        """Which rows (list positions) the filters select, as a boolean mask; connection
        answers the full-text filter, in the transaction that checked the figures, unless
        `searched` gives the ids of every event that matches it in that transaction."""
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
            chosen &= self._matching(connection, filters.search, searched)
        return chosen

    def page_ids(self, chosen: np.ndarray, limit: int, offset: int) -> list[int]:
        rows = np.flatnonzero(chosen)[offset:offset + limit]
        return [int(i) for i in self.ids[rows]]

    def listed(self, chosen: np.ndarray, first: int) -> tuple[np.ndarray, np.ndarray]:
        """The first `first` chosen rows as (list-order keys, ids): keys of two indexes
        compare in the list's order (when_start DESC NULLS LAST, then id)."""
        rows = np.flatnonzero(chosen)[:first]
        return _order_keys(self._start[rows]), self.ids[rows]

    def categories(self) -> set[str]:
        return set(self._coded["category"].number)

    def day_keys(self, chosen: np.ndarray, rank: dict[str, int]) -> np.ndarray:
        """day * len(rank) + rank[category] of each chosen dated row: keys that sort as
        (day, category) do."""
        rows = np.flatnonzero(chosen & (self._start != _NO_DAY))
        category = self._coded["category"]
        ranks = np.array([rank[name] for name in category.number] or [0], dtype=np.int64)
        return self._start[rows].astype(np.int64) * len(rank) + ranks[category.codes[rows]]

    def _inside(self, west: float, south: float, east: float, north: float) -> np.ndarray:
        with np.errstate(invalid="ignore"):  # NaN (no place) compares False, as NULL does
            inside = (self._lat >= south) & (self._lat <= north)
            if west <= east:
                return inside & (self._lon >= west) & (self._lon <= east)
            return inside & ((self._lon >= west) | (self._lon <= east))

    def settle_searches(self, connection: Connection) -> None:
        """The matches of every query handed on, among the events not yet asked about, in
        one statement where the database can (search.each_match): under a writer the
        requests of each revision would otherwise ask again, a query each."""
        pending = [query for query, (_, unasked) in self._carried.items() if len(unasked)]
        if not pending:
            return
        unasked_of = {query: self._carried[query][1] for query in pending}
        asked = np.unique(np.concatenate(list(unasked_of.values())))
        statement = search.each_match(pending, asked.tolist(), connection.dialect.name)
        if statement is None:
            return
        found: dict[str, list[int]] = {query: [] for query in pending}
        for position, event_id in connection.execute(statement):
            found[pending[position]].append(event_id)
        for query in pending:
            ids = np.asarray(found[query], dtype=np.int64)
            ids = ids[np.isin(ids, unasked_of[query])]  # of its own unasked ids only
            self._carried[query] = (np.concatenate([self._carried[query][0], ids]), _NO_ROWS)

    def searched(self) -> list[str]:
        """The full-text queries whose matches are held, the most recently asked last."""
        with self._lock:
            return list(self._searches)

    def search_again(self, connection: Connection, queries: Sequence[str]) -> None:
        """Ask the full-text index for these queries' matches now, for the requests to
        come: a build that replaces an index under a writer (every REBUILD_AFTER changes)
        asks those its requests asked, or each would wait for its first search again
        (30 to 60 ms for a common word on PostgreSQL at 100,000 events, the heap pages of
        ten thousand events)."""
        for query in queries:
            self._matching(connection, query)

    def knows(self, query: str) -> bool:
        """Whether the rows that match query are held (no search to ask for them)."""
        with self._lock:
            return query in self._searches

    def _matching(
        self, connection: Connection, query: str, searched: np.ndarray | None = None
    ) -> np.ndarray:
        """The rows whose evidence holds every word of query: asked of the full-text index
        once per revision (this one's rows cannot change), then remembered."""
        with self._lock:
            rows = self._searches.get(query)
            if rows is not None:
                self._searches.move_to_end(query)
        if rows is None and not self.size:
            rows = _NO_ROWS
        if rows is None and searched is not None:
            rows = self._remember(query, searched)
        if rows is None:
            matched, unasked = self._carried.get(query, (_NO_ROWS, self.ids))
            if len(unasked):
                # an index of a few changed events (mostly the newest) asks about their range
                among = (int(unasked.min()), int(unasked.max())) if self.partial else None
                members = search.members(query, connection.dialect.name, among)
                if members is not None:
                    found = _ids_of(connection, members)
                    if self.partial:  # the range holds events this index does not ask about
                        found = found[np.isin(found, unasked)]
                    matched = np.concatenate([matched, found])
            rows = self._remember(query, matched)
        found = np.zeros(self.size, bool)
        found[rows] = True
        return found

    def _remember(self, query: str, matched: np.ndarray) -> np.ndarray:
        """The rows of the ids matched, kept as query's."""
        rows = self.rows_of(matched)
        with self._lock:
            self._searches[query] = rows
            while len(self._searches) > SEARCHES_KEPT:
                self._searches.popitem(last=False)
        return rows


def _each_without(arrays: list[np.ndarray], dropped: np.ndarray) -> list[np.ndarray]:
    """Each array without the values in dropped, in one pass over all of them (an np.isin
    per array cost 15 us each: 10 ms a revision for 256 remembered searches)."""
    if not arrays:
        return []
    every = np.concatenate(arrays)
    owner = np.repeat(np.arange(len(arrays)), [len(a) for a in arrays])
    kept = ~np.isin(every, dropped)
    counts = np.bincount(owner[kept], minlength=len(arrays))
    return np.split(every[kept], np.cumsum(counts)[:-1])


def _ids_of(connection: Connection, query: Select[Any]) -> np.ndarray:
    """The ids a query of one integer column returns: the driver's tuples at once (a row
    at a time through the result was a third of a search's time, 12,000 ids for a place
    name)."""
    return np.array(_fetch(connection, query, None), dtype=np.int64).reshape(-1)


def _search_sorted(ordered: np.ndarray, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(where each of wanted is or would be in the sorted array, whether it is there): a
    binary search (np.isin sorts both arrays at every call)."""
    if not len(ordered):
        return np.zeros(len(wanted), dtype=np.int64), np.zeros(len(wanted), bool)
    at = np.searchsorted(ordered, wanted).clip(0, len(ordered) - 1)
    return at, ordered[at] == wanted


def _days(values: Sequence[Any]) -> np.ndarray:
    """Day ordinals (date.toordinal) of dates or ISO date strings, _NO_DAY for NULL."""
    days = np.array(values, dtype="datetime64[D]").astype(np.int64)
    return np.where(days == _NAT, _NO_DAY, days + _EPOCH_ORDINAL).astype(np.int32)


def _order_keys(start: np.ndarray) -> np.ndarray:
    """Sort keys for when_start DESC NULLS LAST: an undated row after every dated one."""
    return np.where(start == _NO_DAY, _UNDATED, -start.astype(np.int64))


@dataclass(frozen=True, slots=True)
class _Reads:
    """The statements that read an index (all events, or those of the ids bound)."""

    events: Select[Any]
    term_counts: Select[Any]
    term_event_ids: Select[Any]
    term_pairs: Select[Any]  # (field, term, event id) in the same order: for a few events


@functools.cache
def _reads(dialect: str, only: bool) -> _Reads:
    """Built once per dialect (a statement built per read costs more than a small read)."""
    term = EventTermModel.term
    if dialect == "postgresql":
        term = term.collate("C")  # code point order, as Python's sort and bisect
    order = (EventTermModel.field, term)
    events = select(EventModel.id, EventModel.when_start, EventModel.when_end,
                    EventModel.lat, EventModel.lon,
                    *(getattr(EventModel, c) for c in _CODED.values())).order_by(*LIST_ORDER)
    counts = (select(EventTermModel.field, EventTermModel.term, func.count())
              .group_by(EventTermModel.field, EventTermModel.term).order_by(*order))
    event_ids = select(EventTermModel.event_id).order_by(*order, EventTermModel.event_id)
    pairs = select(EventTermModel.field, EventTermModel.term, EventTermModel.event_id).order_by(
        *order, EventTermModel.event_id)
    if only:
        events = events.where(ids_in(EventModel.id))
        counts, event_ids, pairs = (q.where(ids_in(EventTermModel.event_id))
                                    for q in (counts, event_ids, pairs))
    return _Reads(events, counts, event_ids, pairs)


def _fetch(connection: Connection, query: Select[Any], only: Sequence[int] | None) -> list[Any]:
    """The rows as the driver's tuples (integers, floats, text and dates as it gives them:
    numpy reads both date forms): a third of the time of SQLAlchemy's rows, a tenth of
    fetching one at a time."""
    result = connection.execute(query, {} if only is None else {"ids": list(only)})
    rows = result.cursor.fetchall()
    result.close()
    return rows


def _fetch_integers(
    connection: Connection, query: Select[Any], only: Sequence[int] | None, count: int
) -> np.ndarray:
    """The one integer column of query's count rows, fetched in batches (all the tuples at
    once would take 80 MB for 900,000 rows)."""
    found = np.empty(count, dtype=np.int64)
    result = connection.execute(query, {} if only is None else {"ids": list(only)})
    filled = 0
    while batch := result.cursor.fetchmany(50_000):
        if filled + len(batch) > count:
            break
        found[filled:filled + len(batch)] = np.array(batch, dtype=np.int64).reshape(-1)
        filled += len(batch)
    result.close()
    if filled != count:
        raise RuntimeError("event_terms changed between two reads of one snapshot")
    return found


def _read_terms(
    connection: Connection, reads: _Reads, only: Sequence[int] | None, index: FilterIndex
) -> dict[str, _Terms]:
    """Each field's terms with the rows of index that hold them: the distinct terms with
    their counts, then every pair's event id in the same order (one integer a row, not
    three values, and no grouping in Python)."""
    if only is not None:  # a few events (a save's): their pairs in one round trip
        read = _fetch(connection, reads.term_pairs, only)
        groups = [(*key, sum(1 for _ in run))
                  for key, run in itertools.groupby(read, key=lambda pair: tuple(pair[:2]))]
        counts = np.array([count for _, _, count in groups], dtype=np.int64)
        event_ids = np.array([pair[2] for pair in read], dtype=np.int64)
    else:  # every event: the distinct terms, then one integer a pair (memory)
        groups = _fetch(connection, reads.term_counts, only)
        counts = np.array([count for _, _, count in groups], dtype=np.int64)
        event_ids = _fetch_integers(connection, reads.term_event_ids, only, int(counts.sum()))
    rows = index.positions(event_ids)
    codes = np.repeat(np.arange(len(groups)), counts)
    stored = rows >= 0  # all, in one snapshot; a pair of an event not read is no match
    codes, rows = codes[stored], rows[stored]
    found: dict[str, _Terms] = {}
    for field in _TERM_FIELDS.values():
        mine = [i for i, group in enumerate(groups) if group[0] == field]
        first, last = (mine[0], mine[-1] + 1) if mine else (0, 0)
        pairs = (codes >= first) & (codes < last)
        found[field] = _Terms.of([g[1] for g in groups[first:last]],
                                 codes[pairs] - first, rows[pairs])
    return found


class IndexView:
    """The store as one transaction sees it: a FilterIndex, less the rows of the events
    changed since it was built, plus a small FilterIndex of those events as they are now."""

    def __init__(
        self,
        base: FilterIndex,
        figures: tuple[Any, ...] | None = None,
        changed: FilterIndex | None = None,
        changed_ids: np.ndarray = _NO_ROWS,
    ) -> None:
        self.base = base
        self.figures = base.figures if figures is None else figures
        self.seq = int(self.figures[_SEQ] or 0)
        self._changed = changed  # the changed events still stored, as they are now
        self.changed_ids = changed_ids  # sorted: every event inserted or deleted since
        self._stale = base.rows_of(changed_ids)  # base rows deleted or stored again since

    def advanced(
        self, figures: tuple[Any, ...], connection: Connection, event_ids: Sequence[int]
    ) -> IndexView:
        """This view at figures, when event_ids are the events changed since its own: only
        those are read (the view of the last revision grows by the last save's events)."""
        if not event_ids:
            return IndexView(self.base, figures, self._changed, self.changed_ids)
        dropped = np.unique(np.asarray(event_ids, dtype=np.int64))
        fresh = FilterIndex.read(figures, connection, only=dropped.tolist())
        if self._changed is None:  # the first view: the queries the build's index was asked
            changed = fresh
            changed._carried = {query: (_NO_ROWS, fresh.ids)
                                for query in self.base.searched()[-SEARCHED_AGAIN:]}
        else:
            changed = self._changed.joined(figures, dropped, fresh)
        changed.settle_searches(connection)
        return IndexView(self.base, figures, changed, np.union1d(self.changed_ids, dropped))

    def unchanged(self, event_ids: Sequence[int]) -> np.ndarray:
        """Whether each event is as the build read it (not inserted or deleted since).

        Asked twice a request for a page's ids: a binary search in the sorted changed ids
        (np.isin sorts both arrays each time, a tenth of a millisecond under a writer)."""
        return ~_search_sorted(self.changed_ids, np.asarray(event_ids, dtype=np.int64))[1]

    def handles(self, filters: EventFilters) -> bool:
        return self.base.handles(filters)

    def _searched(self, connection: Connection, filters: EventFilters) -> np.ndarray | None:
        """Every event that matches the full-text filter now, when the build's index has
        not searched it yet: one search for both indexes. Asked apart, the changed events'
        index read the same matches through the GIN index for its id range (18 ms for a
        common word under a writer at 100,000 events, the largest cost of a request)."""
        query = filters.search
        if query is None or self._changed is None or self.base.knows(query):
            return None
        members = search.members(query, connection.dialect.name)
        return None if members is None else _ids_of(connection, members)

    def count(self, connection: Connection, filters: EventFilters) -> int:
        return self.page(connection, filters, 0, 0)[0]

    def days(self, connection: Connection, filters: EventFilters) -> list[tuple[date, str, int]]:
        """The events the filters select per start day and category, as the SQL orders
        them (day, then category); undated events left out."""
        searched = self._searched(connection, filters)
        chosen = self.base.select(connection, filters, searched)
        chosen[self._stale] = False
        names = self.base.categories()
        if self._changed is not None:
            names |= self._changed.categories()
        ordered = sorted(names)
        rank = {name: i for i, name in enumerate(ordered)}
        keys = self.base.day_keys(chosen, rank)
        if self._changed is not None:
            fresh = self._changed.day_keys(
                self._changed.select(connection, filters, searched), rank)
            keys = np.concatenate([keys, fresh])
        found, counts = np.unique(keys, return_counts=True)
        width = max(len(rank), 1)
        return [(date.fromordinal(key // width), ordered[key % width], n)
                for key, n in zip(found.tolist(), counts.tolist(), strict=True)]

    def page(
        self, connection: Connection, filters: EventFilters, limit: int, offset: int
    ) -> tuple[int, list[int]]:
        """How many events the filters select, and the ids of the page (list order)."""
        searched = self._searched(connection, filters)
        chosen = self.base.select(connection, filters, searched)
        chosen[self._stale] = False
        if self._changed is None:
            return int(np.count_nonzero(chosen)), self.base.page_ids(chosen, limit, offset)
        fresh = self._changed.select(connection, filters, searched)
        total = int(np.count_nonzero(chosen) + np.count_nonzero(fresh))
        if not limit:
            return total, []
        first = offset + limit  # each index's first rows hold the page's
        (held_keys, held_ids), (new_keys, new_ids) = (
            self.base.listed(chosen, first), self._changed.listed(fresh, first))
        keys, ids = np.concatenate([held_keys, new_keys]), np.concatenate([held_ids, new_ids])
        return total, [int(i) for i in ids[np.lexsort((ids, keys))][offset:first]]


class FilterIndexes:
    """The store's current FilterIndex, if any, and the background builds that keep one
    (thread-safe: the API's request threads share it)."""

    def __init__(self, engine: Engine, on_built: Callable[[], None] | None = None) -> None:
        """`on_built`: called in the building thread after each build (the API freezes its
        heap then: api/heap.py)."""
        self._engine = engine
        self._on_built = on_built
        self._index: FilterIndex | None = None
        self._views: OrderedDict[tuple[Any, ...], IndexView] = OrderedDict()  # by figures
        self._building = False
        self._lock = threading.Lock()
        self._viewing = threading.Lock()

    def current(
        self, connection: Connection, figures: tuple[Any, ...] | None = None
    ) -> IndexView | None:
        """The index as this connection's transaction sees the store, else None: the SQL
        answers, and a build starts (none is held yet, or the changes since are too many
        to overlay). `figures`: the REVISION row, when already read in this transaction."""
        if figures is None:
            figures = tuple(connection.execute(REVISION).one())
        with self._lock:
            index, view = self._index, self._views.get(figures)
        if index is None:
            self._start_build()
            return None
        if figures == index.figures:
            return IndexView(index)
        if view is not None:
            return view
        if int(figures[_SEQ] or 0) < index.seq:
            return None  # a snapshot older than the index's: the SQL answers it
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
        """The index with the events changed since its build, grown from the latest view
        this snapshot can see; None when the log no longer reaches back to that view or the
        changes are too many."""
        seq = int(figures[_SEQ] or 0)
        with self._lock:
            earlier = [v for v in self._views.values() if v.base is index and v.seq <= seq]
        start = max(earlier, key=lambda v: v.seq, default=IndexView(index))
        rows = connection.execute(_CHANGED_SINCE, {"seq": start.seq}).all()
        if rows and rows[0].oldest > start.seq + 1:
            return None  # pruned past the view: changes may be missing
        changed = [row.event_id for row in rows]
        if len(changed) + len(start.changed_ids) > DELTA_MAX:
            return None
        view = start.advanced(figures, connection, changed)
        if len(view.changed_ids) > REBUILD_AFTER:
            self._start_build()
        return view

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
                index = FilterIndex.read(figures, connection)
                if self._index is not None:
                    index.search_again(connection, self._index.searched()[-SEARCHED_AGAIN:])
            with self._lock:
                self._index = index
                self._views.clear()
            log.info("filter index of %d events built in %.1f s",
                     index.size, time.perf_counter() - started)
            if self._on_built is not None:
                self._on_built()
        except Exception:  # the SQL path answers meanwhile; a failed build is retried
            log.exception("cannot build the filter index")
        finally:
            with self._lock:
                self._building = False

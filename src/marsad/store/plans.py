"""How the set filters of a page query and of its count are tested (LEAD, PROBE or BUILT:
see conditions.py), chosen from the sizes of their sets.

Neither database can choose well: SQLite's statistics know nothing of a prefix range of
event_terms or of a full-text match (nor how rare one country is: they hold averages), and
a wrong choice costs 10 to 100 times the query. At 100,000 events "actor=forces" selects
50,000: reading and sorting them all for a page of 50 costs some 30 ms, walking the list
order and probing each row 0.1 ms; "actor=tribal" selects 300: reading them costs 0.4 ms,
walking the list until 50 turn up 10 ms. So the sizes are counted here, in one statement,
each in its own index and no further than the choice needs: well under a millisecond.

Relative costs (SQLite, bench/api.py): leading costs about one unit per id of the set;
probing, about PROBE_COST units per row the query walks; building, a little under one unit
per id and little per walked row.

  A page of `rows` rows (offset + limit) walked in list order meets about
  rows x events / size rows before it is full. A set leads when that is more than its
  size, that is when size < sqrt(rows x events): 2,236 ids for a first page of 50 among
  100,000 events. Otherwise it follows: probed when the walk is short for its size
  (size above PROBE_COST x that bound), built in between.
  A count reads every selected row: the smallest way in leads (the smallest set, or the
  column filters, an index range, when they select fewer rows), and each other set
  follows: probed if it is PROBE_COST times the rows led to, built otherwise. Past
  COUNT_PROBE rows every way costs about the same (measured: swapping who leads when
  both pass it changes the mean count by 1%), so sizes are counted no further.

The full-text index answers a probe slowly (it parses the query again for each row), so a
following full-text filter is always built. A map's box is planned for a page too:
SQLite takes any range of latitudes for a narrow one and, for a box round most events,
would sort them all. Counting what a box holds costs as much as that sort, so the page
uses the list's total when the count came first (the API counts, then reads the page): the
box leads when the total is under the bound, and is tested on the walked rows otherwise,
or when no total is known.

Sizes only steer the cost, never the answer: PlanSizes keeps them a few seconds, so that a
list's count and its page (two calls, the same filters) measure once.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, replace

from sqlalchemy import Connection, func, select

from marsad.store.conditions import (
    BUILT,
    LEAD,
    PROBE,
    SET_FILTERS,
    Plan,
    column_size,
    lone_set,
    set_size,
)
from marsad.store.models import EventModel
from marsad.store.records import EventFilters

PROBE_COST = 5
COUNT_PROBE = 5_000  # a count's sizes are counted this far: beyond, every way costs alike
PAGE_ROWS = 50  # the page the set sizes are counted for (the API's default)
KEEP_S = 10.0  # how long measured sizes are reused


@dataclass(frozen=True, slots=True)
class Sizes:
    events: int  # about how many events are stored
    sets: dict[str, int]  # each given set filter's size, counted up to `cap`
    cap: int
    columns: int | None  # what the column filters select, up to COUNT_PROBE; None: none
    bbox: bool = False  # whether a box is among the filters
    total: int | None = None  # the events the filters select, when counted lately


NO_SETS = Sizes(0, {}, 0, None)


def planned(filters: EventFilters) -> bool:
    """Whether filters have anything to plan: a set filter, or a box."""
    return filters.bbox is not None or any(getattr(filters, n) is not None for n in SET_FILTERS)


def measure(connection: Connection, filters: EventFilters, events: int) -> Sizes:
    """The sizes that plan the queries of filters, in one statement (none without a set
    filter: a box is not measured)."""
    given = [name for name in SET_FILTERS if getattr(filters, name) is not None]
    cap = max(COUNT_PROBE, PROBE_COST * math.isqrt(PAGE_ROWS * events))
    if not given:
        return Sizes(events, {}, cap, None, filters.bbox is not None)
    dialect = connection.dialect.name
    parts = [set_size(filters, name, dialect, cap).scalar_subquery() for name in given]
    columns = column_size(filters, dialect, COUNT_PROBE)
    if columns is not None:
        parts.append(columns.scalar_subquery())
    counted = connection.execute(select(*parts)).one()
    return Sizes(
        events,
        dict(zip(given, counted[: len(given)], strict=True)),
        cap,
        counted[len(given)] if columns is not None else None,
        filters.bbox is not None,
    )


def page_plan(sizes: Sizes, rows: int) -> Plan:
    """How a query for `rows` rows in list order (a page and the rows its offset skips)
    tests each set filter."""
    bound = max(1, math.isqrt(rows * sizes.events))
    # a size at the cap may be more: probed only if the cap itself is far enough past
    plan = {
        name: LEAD if size < bound else _following(name, walked=bound, size=size)
        for name, size in sizes.sets.items()
    }
    if sizes.bbox:
        plan["bbox"] = LEAD if sizes.total is not None and sizes.total < bound else PROBE
    return plan


def count_plan(filters: EventFilters, sizes: Sizes) -> Plan:
    """How the count of filters tests each of its set filters."""
    given = list(sizes.sets)
    if not given or lone_set(filters) is not None:  # a lone set is counted in its index
        return {}
    counted = {name: min(size, COUNT_PROBE) for name, size in sizes.sets.items()}
    leader: str | None = min(given, key=lambda name: counted[name])
    led = counted[str(leader)]
    columns = sizes.columns
    if columns is not None and columns < led:
        leader, led = None, columns
    return {
        name: LEAD if name == leader else _following(name, walked=led, size=sizes.sets[name])
        for name in given
    }


def _following(name: str, *, walked: int, size: int) -> str:
    if name != "search" and walked * PROBE_COST <= size:
        return PROBE
    return BUILT


class PlanSizes:
    """Sizes by filters, each measured at most once every KEEP_S seconds, and the store's
    event count behind them, read at most that often; the totals counted meanwhile
    (thread-safe: API workers share it)."""

    def __init__(self, entries: int = 256) -> None:
        self._sizes: OrderedDict[EventFilters, tuple[float, Sizes]] = OrderedDict()
        self._entries = entries
        self._events: tuple[float, int] = (-math.inf, 0)
        self._lock = threading.Lock()

    def get(self, connection: Connection, filters: EventFilters) -> Sizes:
        if not planned(filters):
            return NO_SETS
        now = time.monotonic()
        with self._lock:
            kept = self._sizes.get(filters)
            if kept is not None and now - kept[0] < KEEP_S:
                return kept[1]
            read_at, events = self._events
        if now - read_at >= KEEP_S:
            # ids only grow: the largest bounds the events stored, read from the primary key
            events = connection.execute(select(func.max(EventModel.id))).scalar() or 0
            read_at = now
        sizes = measure(connection, filters, events)
        with self._lock:
            self._events = (read_at, events)
            self._keep(filters, now, sizes)
        return sizes

    def note_total(self, connection: Connection, filters: EventFilters, total: int) -> None:
        """Remember how many events filters select, for planning their page."""
        if filters.bbox is None:
            return  # only a box's plan needs it
        sizes = replace(self.get(connection, filters), total=total)
        with self._lock:
            self._keep(filters, time.monotonic(), sizes)

    def _keep(self, filters: EventFilters, now: float, sizes: Sizes) -> None:
        self._sizes[filters] = (now, sizes)
        self._sizes.move_to_end(filters)
        while len(self._sizes) > self._entries:
            self._sizes.popitem(last=False)

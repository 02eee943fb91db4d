"""An event's actor and evidence rows, remembered for the events a filter index vouches for.

A page of the API's event list reads three things per event: its row (with its document's
and incident's columns, which change as documents are linked), its actors and its
evidence. The last two belong to the event alone and are never updated: an event is
deleted with them and stored again under a new or the same id, and the change log
(event_changes) names that id. So for an event unchanged since the filter index's build
(not among the view's changed ids), its actors and evidence are those of the build's
snapshot, whatever snapshot read them: they can be kept and given to any later request
that sees the same index. A new build starts afresh. Under a writer, SQLite drops each
connection's page cache at every commit, and these two queries were a quarter of a
page's cost.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

from marsad.store.filter_index import FilterIndex, IndexView

EVENTS_KEPT = 10_000  # events whose parts are held (about 2 KB each: 20 MB at most)

Parts = tuple[list[Any], list[Any]]  # (event_actors rows, evidence rows), in stored order


class EventParts:
    """Thread-safe, bounded (least recently used first out), bound to one filter index."""

    def __init__(self, kept: int = EVENTS_KEPT) -> None:
        self._kept = kept
        self._base: FilterIndex | None = None
        self._parts: OrderedDict[int, Parts] = OrderedDict()
        self._lock = threading.Lock()

    def known(self, view: IndexView, event_ids: Sequence[int]) -> dict[int, Parts]:
        """The parts held of those event_ids that view vouches for."""
        vouched = view.unchanged(event_ids)
        found: dict[int, Parts] = {}
        with self._lock:
            if self._base is not view.base:
                return found
            for event_id, ok in zip(event_ids, vouched, strict=True):
                parts = self._parts.get(event_id) if ok else None
                if parts is not None:
                    self._parts.move_to_end(event_id)
                    found[event_id] = parts
        return found

    def remember(self, view: IndexView, read: dict[int, Parts]) -> None:
        """Keep what a request read, for the events view vouches for."""
        ids = list(read)
        vouched = view.unchanged(ids)
        with self._lock:
            if self._base is not view.base:  # a new build: what was held is of the old one
                self._base = view.base
                self._parts.clear()
            for event_id, ok in zip(ids, vouched, strict=True):
                if ok:
                    self._parts[event_id] = read[event_id]
            while len(self._parts) > self._kept:
                self._parts.popitem(last=False)

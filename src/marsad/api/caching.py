"""HTTP caching for lists: an ETag from the store's revision and the request.

A client (the dashboard, a script polling for news) sends If-None-Match and gets 304 Not
Modified — without the list being queried — as long as nothing was stored or deleted.
The revision is one cheap query; list totals are remembered per revision, so counting
100,000 events happens once per change of the store, not once per page.

Bodies are remembered too (ResponseCache), keyed by the same ETag: a store changes when
news is ingested, minutes apart, while every dashboard open in between asks for the same
first pages. Each request still reads the revision, so an answer is never stale; a write
simply makes every key new, and the old entries age out of the LRU.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from fastapi import Request, Response

T = TypeVar("T")


def etag_for(revision: str, request: Request) -> str:
    # The path and every query parameter (sorted: their order does not change the answer).
    query = sorted(request.query_params.multi_items())
    digest = hashlib.sha256(repr((revision, request.url.path, query)).encode()).hexdigest()
    return f'W/"{digest[:32]}"'


def not_modified(request: Request, etag: str) -> Response | None:
    """A 304 response when the client already holds this version, else None."""
    sent = request.headers.get("if-none-match")
    if sent is None:
        return None
    tags = {tag.strip() for tag in sent.split(",")}
    if etag in tags or "*" in tags or etag.removeprefix("W/") in tags:
        return Response(status_code=304, headers=cache_headers(etag))
    return None


def cache_headers(etag: str) -> dict[str, str]:
    # no-cache: a client may keep the body but must ask (cheaply, with the ETag) each time.
    return {"ETag": etag, "Cache-Control": "no-cache"}


class Memo:
    """A small thread-safe LRU of computed values (list totals) keyed by revision + query."""

    def __init__(self, size: int = 512) -> None:
        self._items: OrderedDict[Hashable, object] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]  # type: ignore[return-value]
        value = compute()  # outside the lock: a slow count must not block other requests
        self.remember(key, value)
        return value

    def known(self, key: Hashable) -> object | None:
        """The value remembered for key, if any."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        return None

    def remember(self, key: Hashable, value: object) -> None:
        with self._lock:
            self._items[key] = value
            while len(self._items) > self._size:
                self._items.popitem(last=False)


class ResponseCache:
    """An LRU of response bodies by ETag, bounded in bytes (0 turns it off)."""

    def __init__(self, max_bytes: int) -> None:
        self._items: OrderedDict[str, bytes] = OrderedDict()
        self._max = max_bytes
        self._size = 0
        self._lock = threading.Lock()

    def get(self, etag: str) -> bytes | None:
        with self._lock:
            body = self._items.get(etag)
            if body is not None:
                self._items.move_to_end(etag)
            return body

    def put(self, etag: str, body: bytes) -> None:
        if len(body) > self._max // 8:  # one huge page must not flush everything else
            return
        with self._lock:
            if etag in self._items:
                return
            self._items[etag] = body
            self._size += len(body)
            while self._size > self._max and self._items:
                _, dropped = self._items.popitem(last=False)
                self._size -= len(dropped)

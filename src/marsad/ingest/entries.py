"""Bad entries inside a multi-document container (JSONL, feed, WARC).

A container yields its good documents; the first bad entry is remembered and raised
as one InputError after the last good document, so a batch goes on and still reports.
"""

from __future__ import annotations

from marsad.errors import InputError


class BadEntries:
    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.first: str | None = None
        self.count = 0

    def add(self, where: str | None, reason: str) -> None:
        """Note a bad entry; `where` ("line 7", "entry 3") is None for the container itself."""
        self.count += 1
        if self.first is None:
            self.first = f"{where}: {reason}" if where else reason

    def raise_if_any(self) -> None:
        if self.first is None:
            return
        more = self.count - 1
        suffix = f" (and {more} more bad {'entry' if more == 1 else 'entries'})" if more else ""
        raise InputError(self.origin, self.first + suffix)

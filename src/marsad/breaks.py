"""Where to cut a text too long to take whole: after the last break a window holds."""

from __future__ import annotations

from collections.abc import Sequence


def cut_after_break(window: str, marks: Sequence[str]) -> int:
    """The length of window up to and including the last occurrence of the first of
    `marks` (tried in order) that occurs after its start; len(window) when none does."""
    return next(
        (at + len(mark) for mark in marks if (at := window.rfind(mark)) > 0), len(window)
    )

"""The date of an event: the time expressions of its sentence, resolved against the
publication date (extract/times.py and resolve/when.py do the reading and resolving).

Statements without a date of their own are dated by publication: news reports what was said
the day it is published unless told otherwise.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

from marsad.analyse import Sentence
from marsad.types import Span, When


@cache
def _readers() -> tuple[Any, Any] | None:
    try:
        from marsad.extract.times import find_times
        from marsad.resolve.when import resolve
    except ImportError:
        return None
    return find_times, resolve


def when_for(text: str, a_sentence: Sentence, published: date | None,
             statement: bool) -> tuple[When | None, Span | None]:
    readers = _readers()
    if readers is not None:
        find_times, resolve = readers
        try:
            mentions = find_times(text, a_sentence.start, a_sentence.end)
        except Exception:  # a collaborator's bug must not lose the event
            mentions = []
        for m in mentions:
            try:
                got = resolve(m, published)
            except Exception:
                continue
            if got is not None and got.start is not None:
                span = getattr(m, "span", None)
                return got, span
    if published is not None:
        return When(published, None, "day", "publication date (no date in the sentence)"), None
    return None, None

"""Long documents in sections: what keeps memory bounded whatever an article's length.

The NLP stages hold a document's whole analysis (tokens, parses, mentions) at once, which
is right for a news article and unbounded for a book-length dump. A text over
SECTION_CHARS is cut at paragraph breaks into sections that are extracted one after the
other; each section's events get their offsets moved back into the whole text.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from marsad.breaks import cut_after_break
from marsad.types import Event, Span

# Ten long news articles' worth: no news report is cut, and a section's analysis stays
# within a few hundred MB.
SECTION_CHARS = 100_000


def sections(text: str, limit: int = SECTION_CHARS) -> list[tuple[int, str]]:
    """(offset, text) pieces of at most `limit` characters, cut after the last paragraph
    break ("\\n\\n", else "\\n", else a space) before the limit."""
    out: list[tuple[int, str]] = []
    offset = 0
    while len(text) - offset > limit:
        window = text[offset : offset + limit]
        cut = cut_after_break(window, ("\n\n", "\n", " "))
        out.append((offset, window[:cut]))
        offset += cut
    if offset < len(text):
        out.append((offset, text[offset:]))
    return out


def extract_in_sections(
    text: str, extract: Callable[[str], list[Event]], limit: int = SECTION_CHARS
) -> list[Event]:
    """extract(text), a section at a time when the text is long; the events as if the
    whole text had been read (offsets into it, back-references between its events)."""
    if len(text) <= limit:
        return extract(text)
    events: list[Event] = []
    for offset, section in sections(text, limit):
        first = len(events)
        for event in extract(section):
            moved = _shifted(event, offset)
            if event.refers_to is not None:
                moved = dataclasses.replace(moved, refers_to=event.refers_to + first)
            events.append(moved)
    return events


def _shifted(value: Any, offset: int) -> Any:
    """value with every Span inside it (at any depth of dataclasses and tuples) moved."""
    if isinstance(value, Span):
        return Span(value.start + offset, value.end + offset, value.text)
    if isinstance(value, tuple):
        return tuple(_shifted(item, offset) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for item in dataclasses.fields(value):
            current = getattr(value, item.name)
            moved = _shifted(current, offset)
            if moved is not current:
                changes[item.name] = moved
        return dataclasses.replace(value, **changes) if changes else value
    return value

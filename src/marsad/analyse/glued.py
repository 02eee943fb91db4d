"""Sentences glued together: "...last year's deadly blast.Azamat Tazhayakov, a student..."

Scrapers and converters that join paragraphs without a separator leave a sentence's final
stop directly against the next sentence's first letter. The statistical splitter needs the
space to see the boundary, so these are cut by rule: a word of two or more lower-case letters
or a number, a full stop, question or exclamation mark (and a closing quote), then at once a
capitalised word. Initials ("U.S.Army"), decimals ("3.5") and domains ("news.bbc.co.uk")
do not have that shape.
"""

from __future__ import annotations

import re

_GLUED = re.compile(r"(?:(?<=[a-z]{2})|(?<=\d))[.!?]+[\"'”’)]*(?=[A-Z][a-z])")


def glued_cuts(text: str) -> list[int]:
    """Offsets in `text` where a glued sentence boundary ends one sentence."""
    return [m.end() for m in _GLUED.finditer(text)]


def split_glued(start: int, text: str) -> list[tuple[int, str]]:
    """`text` (at offset `start`) cut at its glued boundaries: (offset, piece) for each piece."""
    cuts = glued_cuts(text)
    if not cuts:
        return [(start, text)]
    out: list[tuple[int, str]] = []
    prev = 0
    for cut in [*cuts, len(text)]:
        piece = text[prev:cut]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            out.append((start + prev + lead, piece.strip()))
        prev = cut
    return out

"""The dateline at the head of a wire report: "MULTAN, Pakistan (Reuters) - At least 37...".

A dateline names where the report was filed and who sent it; it is neither an actor nor the
place of an event, and a parser reading it as the start of the sentence makes both
("Reuters - Pakistan" as an actor). The analyse stage splits it off as a sentence of its
own, marked `dateline`, so extract skips it and nothing else changes.

Shapes (the credits and dashes are in data/wire.yaml):
- PLACE [, Region] [, date] [(Credit)] DASH  — the place's first word in capitals; a colon
  ends one too ("ISLAMABAD: Seven people"), but not after a short name alone ("NATO: ...");
- (Credit) DASH, or a known credit alone: "AFP - ", "Reuters - ";
- editorial tags after the dash belong to it: "-- [REPORT] [TEXT]".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from marsad.datafiles import load_data


@dataclass(frozen=True, slots=True)
class Dateline:
    length: int  # characters from the start of the line, trailing space included
    place: str | None  # "MULTAN, Pakistan"
    credit: str | None  # "Reuters"


@cache
def _pattern() -> re.Pattern[str]:
    raw = load_data("wire.yaml")
    dash = "|".join(map(re.escape, sorted(raw["dashes"], key=len, reverse=True)))
    credits = "|".join(map(re.escape, sorted(raw["credits"], key=len, reverse=True)))
    upper = r"[A-Z][A-Z'’.]+(?:-[A-Z'’.]+)*"
    segment = r"[\w'’.]+(?:-[\w'’.]+)*(?:[ ][\w'’.]+(?:-[\w'’.]+)*){0,3}"
    place = rf"(?P<place>{upper}(?:[ \-]{upper})*(?:[ ]?,[ ]+{segment}){{0,3}})"
    credit = r"\([ ]?(?P<credit>[^()\n]{2,50}?)[ ]?\)"
    return re.compile(
        rf"^(?:(?:{place}[ ]*)?(?:{credit})?|(?P<alone>{credits}))"
        rf"[ ]*(?:{dash})[ ]+(?:\[[^\]\n]{{1,60}}\][ ]*)*"
    )


def find_dateline(line: str, *, alone: bool = False) -> Dateline | None:
    """The dateline that opens `line`, if any: never the whole line, unless `alone` (the
    dateline sentence the analyse stage split off, read again for its place)."""
    m = _pattern().match(line if not alone else line.rstrip() + " ")
    if m is None or m.end() > load_data("wire.yaml")["max_length"] or (
        m.end() >= len(line) and not alone
    ):
        return None
    place, credit = m.group("place"), m.group("credit") or m.group("alone")
    if place is not None and credit is None and place in _credits():
        place, credit = None, place  # "AFP - ..."
    if place is None and credit is None:
        return None
    if place is not None and credit is None and "," not in place:
        if len(place) < 4:
            return None  # "US - Iraq talks": a short capital word alone is not a dateline
        if len(place) < 5 and line[:m.end()].rstrip().endswith(":"):
            return None  # "NATO: Taliban attack kills five": a source's claim, not a place
        if line[m.end():m.end() + 40].isupper():
            return None  # upper-case copy ("THE ARMY -- WHICH..."): a name needs more
    return Dateline(m.end(), place.strip() if place else None, credit)


@cache
def _credits() -> frozenset[str]:
    return frozenset(load_data("wire.yaml")["credits"])

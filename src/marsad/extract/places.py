"""Where an event happened: the place phrase of its sentence, read as a path.

Wire copy and ACLED notes write places as a path, most specific first, with containers after
a comma or in brackets: "in Kongo Trading Center, Minakulu sub-county (Oyam, Northern)".
The place chosen is the one attached to the trigger ("in", "at", "near" ...), else the first
place of the sentence; the gazetteer (when installed) resolves the path, else the pack.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

from marsad.analyse import Entity, Sentence
from marsad.extract.mentions import places
from marsad.extract.registry import place_ref
from marsad.types import PlaceRef, Span

_PLACE_PREPS = frozenset({"in", "at", "near", "on", "outside", "inside", "around", "across",
                          "into", "from", "between", "of", "to", "towards", "toward"})
_BRACKET = re.compile(r"\s*\(([^()]{1,120})\)")
_SEGMENT = re.compile(r",\s*((?:[A-Z][\w'’.\-]*)(?:\s+(?:[A-Z][\w'’.\-]*|de|del|la|al|el|of|"
                      r"sub-county|district|province|region|state|county|town|city|village|"
                      r"municipality|township|governorate|ward|locality))*)")


@cache
def _geo() -> Any | None:
    try:
        from marsad.resolve import geocode
    except ImportError:
        return None
    return geocode


def choose(s: Sentence, head: int) -> Entity | None:
    cands = places(s)
    if not cands:
        return None
    attached = []
    for e in cands:
        t = s.tokens[e.last - 1]
        gov = s.tokens[t.head] if t.dep == "pobj" else None
        if gov is not None and gov.lower in _PLACE_PREPS:
            attached.append(e)
    return (attached or cands)[0]


def path(text: str, ent: Entity) -> tuple[list[str], list[str], Span]:
    """(parts, containers, span) of the place phrase starting at ent."""
    parts = [ent.text]
    end = ent.end
    while True:
        m = _SEGMENT.match(text, end)
        if not m or len(parts) > 3:
            break
        parts.append(m.group(1))
        end = m.end()
    within: list[str] = []
    m = _BRACKET.match(text, end)
    if m:
        within = [p.strip() for p in re.split(r"[,;]| - ", m.group(1)) if p.strip()]
        within = [w for w in within if not w.lower().startswith(("coded", "as reported",
                                                                 "between", "near"))]
        end = m.end()
    return parts, within, Span(ent.start, end, text[ent.start:end])


def where(text: str, s: Sentence, head: int, focus: Callable[[], dict[str, float]]) -> tuple[
        PlaceRef | None, Span | None]:
    ent = choose(s, head)
    if ent is None:
        return None, None
    parts, within, span = path(text, ent)
    ref = place_ref(ent.text)
    if ref is None:
        geo = _geo()
        if geo is not None:
            try:
                ctx = geo.GeoContext(within=tuple(within), countries=focus())
                r = geo.resolve_path(parts, context=ctx)
                ref = r.ref() if r is not None else None
            except Exception:  # the gazetteer is an optional, still-growing collaborator
                ref = None
    return ref or PlaceRef(ent.text), span


def country_focus(text: str) -> dict[str, float]:
    geo = _geo()
    if geo is None:
        return {}
    try:
        return geo.country_focus(text)
    except Exception:
        return {}

"""Geoparsing: every toponym in a text, resolved, with its span and a score.

The extract stage passes the spans it found (extract/toponyms.py: NER GPE/LOC/FAC, pack
aliases, the gazetteer's exact names). Mentions are resolved together: a country named in
the text sets the focus, "Hit, in Anbar province" makes Anbar the container of Hit, and once
the confident mentions are placed, the others are re-resolved near them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from marsad.analyse.remnants import repair_remnants
from marsad.gazetteer import Gazetteer, country_focus, default_gazetteer
from marsad.gazetteer.names import rules
from marsad.gazetteer.scan import OWNER_GAP
from marsad.resolve.geocode import AREA_PRECISIONS, GeoContext, Resolution, resolve_inside
from marsad.types import PlaceMention, PlaceRef

__all__ = ["PlaceMention", "geoparse_places"]

CONFIDENT = 0.6  # a mention this sure anchors the others ("near" evidence)
# Between a place and its container: "Hit, Anbar", "Hit (Anbar)", "Hit in Anbar province",
# "Fulton County located in Illinois", "the Rice Lake area of Fulton County".
_CONTAINER_GAP = re.compile(
    r"\s*(?:,|\(|in|of|in the|،|في|,?\s*(?:located|situated|based)\s+in"
    r"|(?:area|region|district|province|county|state)\s+of)\s*(?:the\s+)?", re.IGNORECASE)


def _containers(text: str, spans: Sequence[tuple[int, int]], listed: set[int]
                ) -> dict[int, tuple[str, ...]]:
    """Index of a span -> the names of the spans that contain it ("Hit, Anbar")."""
    within: dict[int, tuple[str, ...]] = {}
    for k in range(len(spans) - 1, -1, -1):
        if k + 1 < len(spans) and k not in listed:
            gap = text[spans[k][1]:spans[k + 1][0]]
            nxt = text[spans[k + 1][0]:spans[k + 1][1]]
            # a name is never its own container ("the City of Santa Ana, the Santa Ana
            # school district")
            if _CONTAINER_GAP.fullmatch(gap) and nxt != text[spans[k][0]:spans[k][1]]:
                within[k] = (nxt, *within.get(k + 1, ()))
    return within


def _owned(text: str, spans: Sequence[tuple[int, int]], listed: set[int]) -> set[int]:
    """The spans written as belonging to the span before ("Najaf's Old City"): a container
    the text states outright, not one inferred from a comma. The text as read ("Najaf
    #39;s Old City" is "Najaf's Old City")."""
    read = repair_remnants(text)
    return {k + 1 for k in range(len(spans) - 1)
            if k + 1 not in listed and OWNER_GAP.fullmatch(read[spans[k][1]:spans[k + 1][0]])}


def _held_to_owner(r: Resolution | None, owner: Resolution | None) -> bool:
    """Whether a reading must give way to the place the text says owns it: the owner is
    sure, the reading no unit ("Turkey's Syria policy" keeps Syria), and it lies outside the
    owner's country, or its first-level unit unless the owner is a country."""
    if owner is None or owner.score < CONFIDENT:
        return False
    if r is None:
        return True
    if r.place.precision in AREA_PRECISIONS:
        return False
    o = owner.place
    return r.place.country != o.country or not (o.precision in ("country", "continent") or (
        (r.place.admin1_id or r.place.place_id) == (o.admin1_id or o.place_id)))


def _lists(text: str, spans: Sequence[tuple[int, int]], commas: int = 2) -> list[range]:
    """The enumerations among the spans ("Georgia, Oklahoma, Pennsylvania and California"),
    as runs of indexes: names joined by `commas` commas or more, then "and"/"or" and a last
    one, are siblings, not each other's containers as in "Hit, Anbar, Iraq". With one comma
    ("Washington, Pennsylvania and California") the first may still lie in the second."""
    gaps = [text[spans[k][1]:spans[k + 1][0]] for k in range(len(spans) - 1)]
    runs: list[range] = []
    k = 0
    while k < len(gaps):
        end = k
        while end < len(gaps) and _COMMA.fullmatch(gaps[end]):
            end += 1
        if end - k >= commas and end < len(gaps) and _LAST_OF_LIST.fullmatch(gaps[end]):
            runs.append(range(k, end + 2))
        k = end + 1
    return runs


def _units_by_siblings(runs: Sequence[range], first: Sequence[Resolution | None]) -> set[int]:
    """Members of a list whose other members are mostly first-level units of one country:
    read them as units too ("Georgia" among US states is the state, "Oklahoma" not
    Oklahoma City)."""
    out: set[int] = set()
    for run in runs:
        for k in run:
            others = [first[j] for j in run if j != k]
            units = Counter(r.place.country for r in others
                            if r is not None and r.place.precision == "admin1")
            if units and units.most_common(1)[0][1] * 2 > len(others):
                out.add(k)
    return out


@cache
def _generic_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The generic words of the name rules (data/gazetteer/names.yaml: "province", "state",
    "district", "village"...) as the text puts them beside a name: after it ("Washington
    state", "the Etoumbi and Mbomo districts") and before it with "of" ("the western state of
    Maharashtra", "the village of Cellardyke")."""
    words = sorted((r"\s+".join(map(re.escape, ph)) for ph, _ in rules().suffixes),
                   key=len, reverse=True)
    alt = "|".join(words)
    # a capital after the word makes it part of another name ("Georgia State University")
    after = re.compile(rf"\s+({alt})s?\b(?!\s+(?:of\b|(?-i:[A-Z])))", re.IGNORECASE)
    before = re.compile(rf"\b({alt})\s+of\s+(?:the\s+)?$", re.IGNORECASE)
    return after, before


def _said_beside(text: str, start: int, end: int) -> str | None:
    """The generic word the text puts beside the name at start:end, if any."""
    after, before = _generic_words()
    m = after.match(text, end)
    if m is None and not text.startswith(("'s", "’s"), end):  # "the district of Angola's
        m = before.search(text, max(0, start - 40), start)  # capital" names the district
    return " ".join(m.group(1).split()).lower() if m else None


_COMMA = re.compile(r"\s*,\s*")
_LAST_OF_LIST = re.compile(r"\s*,?\s*(?:and|or|&)\s+", re.IGNORECASE)


def geoparse_places(text: str, spans: Sequence[tuple[int, int]], *,
                    context: GeoContext | None = None,
                    gazetteer: Gazetteer | None = None) -> list[PlaceMention]:
    """Resolve the toponyms at `spans` (character offsets into `text`, found by the extract
    stage: extract/toponyms.py)."""
    gaz = gazetteer or default_gazetteer()
    spans = sorted(spans)
    base = context or GeoContext()
    if not base.countries:
        base = replace(base, countries=country_focus(text, gaz))
    runs = _lists(text, spans)
    listed = {k for run in runs for k in run}
    within = _containers(text, spans, listed)
    owned = _owned(text, spans, listed)
    # One sense per document: "Santa Ana, California" once makes every later bare
    # "Santa Ana" of the story the Californian one.
    named_within: dict[str, tuple[str, ...]] = {}
    for k, inner in within.items():
        named_within.setdefault(text[spans[k][0]:spans[k][1]], inner)

    # A name written after a place as the one it lies in ("Buffalo, New York", "Atlanta,
    # Georgia") is read as a unit, not as the namesake city that would shadow it alone.
    containers = {k + 1 for k in within}
    beside = [_said_beside(text, s, e) for s, e in spans]

    def pass_(near: tuple[PlaceRef, ...], units: set[int]) -> list[Resolution | None]:
        out: list[Resolution | None] = []
        done: dict[tuple[str, tuple[str, ...], bool, bool, str | None],
                   Resolution | None] = {}  # said again
        for k, (s, e) in enumerate(spans):
            name = text[s:e]
            said = () if k in units else within.get(k) or named_within.get(name, ())
            key = (name, said, k in units, k in containers, beside[k])
            if key not in done:
                ctx = replace(base, within=(*said, *base.within),
                              near=(*base.near, *(r for r in near if r.text != name)))
                done[key] = resolve_inside(name, context=ctx, gazetteer=gaz,
                                           unit=k in units or k in containers,
                                           container=k in containers, said=beside[k])
            r = done[key]
            owner = out[k - 1] if k in owned else None
            if _held_to_owner(r, owner):
                r = replace(owner, text=name)  # "Najaf's Old City": not Jerusalem's
            out.append(r)
        return out

    first = pass_((), set())
    anchors = tuple(r.ref() for r in first if r is not None and r.score >= CONFIDENT)
    # Short lists count for the siblings' reading too (its two other names must both be
    # units), and a name read so no longer lies in the name after it ("Washington,
    # Pennsylvania and California"); only a name that some unit bears is read so.
    units = {k for k in _units_by_siblings(_lists(text, spans, commas=1), first)
             if gaz.admin1_units(text[spans[k][0]:spans[k][1]])}
    final = pass_(anchors, units) if anchors or units else first
    return [PlaceMention(s, e, text[s:e], r.ref(), r.place.kind, r.score)
            for (s, e), r in zip(spans, final, strict=True) if r is not None]

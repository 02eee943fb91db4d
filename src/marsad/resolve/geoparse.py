"""Geoparsing: every toponym in a text, resolved, with its span and a score.

The extraction engine passes the spans it found (NER GPE/LOC/FAC, pack aliases); without
spans, a plain fallback proposes capitalised word runs and Arabic words that the gazetteer
knows exactly. Mentions are resolved together: a country named in the text sets the focus,
"Hit, in Anbar province" makes Anbar the container of Hit, and once the confident mentions
are placed, the others are re-resolved near them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from marsad.resolve.gazetteer import Gazetteer, default_gazetteer
from marsad.resolve.geocode import GeoContext, Resolution, country_focus, resolve
from marsad.types import PlaceMention, PlaceRef

__all__ = ["PlaceMention", "geoparse", "geoparse_places", "toponym_spans"]

CONFIDENT = 0.6  # a mention this sure anchors the others ("near" evidence)
# Between a place and its container: "Hit, Anbar", "Hit (Anbar)", "Hit in Anbar province".
_CONTAINER_GAP = re.compile(r"\s*(?:,|\(|in|of|in the|،|في)\s*(?:the\s+)?", re.IGNORECASE)
_CAPITALISED = re.compile(
    r"(?:[A-Z][\w'’\-]*|al-[A-Z][\w'’\-]*)(?:\s+(?:(?:al|el|de|of|the)[\s\-])?[A-Z][\w'’\-]*)*"
)
_ARABIC_RUN = re.compile(r"[\u0621-\u064A\u0660-\u0669]+(?:\s+[\u0621-\u064A]+){0,2}")
# Capitalised words that begin sentences or name people, never places here.
_NOT_PLACES = frozenset({
    "the", "a", "an", "on", "in", "at", "he", "she", "it", "they", "we", "i", "this", "that",
    "these", "those", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "president", "minister", "prime", "army",
    "police",
})


def toponym_spans(text: str, gazetteer: Gazetteer | None = None) -> list[tuple[int, int]]:
    """Fallback toponym finder: the longest capitalised (or Arabic) word runs the gazetteer
    knows by exact name. The extraction engine's NER spans are better; this keeps
    `geoparse_places` usable on its own."""
    gaz = gazetteer or default_gazetteer()
    spans: list[tuple[int, int]] = []
    for rx in (_CAPITALISED, _ARABIC_RUN):
        for m in rx.finditer(text):
            spans.extend(_known_subspans(m.start(), m.group(0), gaz))
    return sorted(spans)


_POSSESSIVE = re.compile(r"['’]s?$")
_AR_PROCLITICS = ("و", "ب", "ل", "ف")  # "والموصل" = "and Mosul"


def _trim(run: str, s: int, e: int) -> tuple[int, int]:
    """Drop a possessive ("Lebanon's") and an Arabic proclitic ("والموصل") from a span."""
    m = _POSSESSIVE.search(run[s:e])
    if m:
        e = s + m.start()
    if run[s:s + 1] in _AR_PROCLITICS and run[s + 1:s + 3] == "ال":
        s += 1
    return s, e


def _known_subspans(offset: int, run: str, gaz: Gazetteer) -> list[tuple[int, int]]:
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", run)]
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        for j in range(len(words), i, -1):  # longest first
            s, e = _trim(run, words[i][0], words[j - 1][1])
            phrase = run[s:e]
            if not phrase or phrase.casefold() in _NOT_PLACES or gaz.demonym(phrase)[0]:
                continue
            if phrase.split()[0].isalpha() and phrase.split()[0].islower():
                continue  # a run's connector on its own ("of" in "Green Zone of Baghdad")
            if gaz.candidates(phrase, fuzzy=False, limit=1):
                out.append((offset + s, offset + e))
                i = j
                break
        else:
            i += 1
    return out


def _containers(text: str, spans: Sequence[tuple[int, int]]) -> dict[int, tuple[str, ...]]:
    """Index of a span -> the names of the spans that contain it ("Hit, Anbar")."""
    within: dict[int, tuple[str, ...]] = {}
    for k in range(len(spans) - 1, -1, -1):
        if k + 1 < len(spans):
            gap = text[spans[k][1]:spans[k + 1][0]]
            if _CONTAINER_GAP.fullmatch(gap):
                nxt = text[spans[k + 1][0]:spans[k + 1][1]]
                within[k] = (nxt, *within.get(k + 1, ()))
    return within


def geoparse_places(text: str, spans: Sequence[tuple[int, int]] | None = None, *,
                    context: GeoContext | None = None,
                    gazetteer: Gazetteer | None = None) -> list[PlaceMention]:
    """Resolve the toponyms at `spans` (character offsets into `text`; None: find them)."""
    gaz = gazetteer or default_gazetteer()
    spans = sorted(spans) if spans is not None else toponym_spans(text, gaz)
    base = context or GeoContext()
    if not base.countries:
        base = replace(base, countries=country_focus(text, gaz))
    within = _containers(text, spans)

    def pass_(near: tuple[PlaceRef, ...]) -> list[Resolution | None]:
        out: list[Resolution | None] = []
        for k, (s, e) in enumerate(spans):
            ctx = replace(base, within=(*within.get(k, ()), *base.within),
                          near=(*base.near, *(r for r in near if r.text != text[s:e])))
            out.append(resolve(text[s:e], context=ctx, gazetteer=gaz))
        return out

    first = pass_(())
    anchors = tuple(r.ref() for r in first if r is not None and r.score >= CONFIDENT)
    final = pass_(anchors) if anchors else first
    return [PlaceMention(s, e, text[s:e], r.ref(), r.place.kind, r.score)
            for (s, e), r in zip(spans, final, strict=True) if r is not None]


def geoparse(text: str, *, context: GeoContext | None = None,
             gazetteer: Gazetteer | None = None) -> list[PlaceMention]:
    """Every toponym in `text`, resolved (`marsad.geoparse`): spans from the NER, the pack's
    place names and the gazetteer (see resolve/toponyms.py), not only event locations."""
    from marsad.resolve.toponyms import find_toponyms  # imports the NLP stage

    gaz = gazetteer or default_gazetteer()
    return geoparse_places(text, find_toponyms(text, gaz), context=context, gazetteer=gaz)

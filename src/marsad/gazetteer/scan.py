"""Scans of a text against the gazetteer's names: which countries it talks about, and
which capitalised (or Arabic) word runs are place names it knows exactly.

Both are look-ups, not resolution: the extract stage uses them to find toponyms and the
document's country focus, the resolve stage to choose among a name's places.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from marsad.gazetteer.index import Gazetteer, default_gazetteer
from marsad.gazetteer.names import norm, norm_of_words, norm_word, rules

_CAPITALISED = re.compile(  # "U.S." and "N.M." are words too
    r"(?:(?:[A-Z]\.){2,}|[A-Z][\w'’\-]*|al-[A-Z][\w'’\-]*)"
    r"(?:\s+(?:(?:al|el|de|of|the)[\s\-])?(?:(?:[A-Z]\.){2,}|[A-Z][\w'’\-]*))*"
)
_ARABIC_RUN = re.compile(r"[\u0621-\u064A\u0660-\u0669]+(?:\s+[\u0621-\u064A]+){0,2}")


Keep = Callable[[int, int], bool]


def toponym_spans(text: str, gazetteer: Gazetteer | None = None,
                  skip: frozenset[str] = frozenset(),
                  keep: Keep | None = None) -> list[tuple[int, int]]:
    """The longest capitalised (or Arabic) word runs the gazetteer knows by exact name, but
    not the words in `skip` (lower case: the language's words that begin sentences or name
    people, never places), nor a span `keep(start, end)` refuses (a shorter run inside it
    may still be one: "United States" in "United States Department of Agriculture"). The
    extract stage joins these to the NER's spans."""
    gaz = gazetteer or default_gazetteer()
    spans: list[tuple[int, int]] = []
    for rx in (_CAPITALISED, _ARABIC_RUN):
        for m in rx.finditer(text):
            spans.extend(_known_subspans(m.start(), m.group(0), gaz, skip, keep))
    return sorted(spans)


POSSESSIVE = re.compile(r"['’]s?$")  # "Lebanon's", "Iraqis'"
# Between a place and one it owns: "Najaf's Old City", "Baghdad's Sadr City"
OWNER_GAP = re.compile(r"['’]s?\s+(?:the\s+)?", re.IGNORECASE)
_AR_PROCLITICS = ("و", "ب", "ل", "ف")  # "والموصل" = "and Mosul"


def _trim(run: str, s: int, e: int) -> tuple[int, int]:
    """Drop a possessive ("Lebanon's") and an Arabic proclitic ("والموصل") from a span."""
    m = POSSESSIVE.search(run[s:e])
    if m:
        e = s + m.start()
    if run[s:s + 1] in _AR_PROCLITICS and run[s + 1:s + 3] == "ال":
        s += 1
    return s, e


def _known_subspans(offset: int, run: str, gaz: Gazetteer, skip: frozenset[str],
                    keep: Keep | None) -> list[tuple[int, int]]:
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", run)]
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        after = i + 1  # where the next look starts
        for j in range(len(words), i, -1):  # longest first
            s, e = _trim(run, words[i][0], words[j - 1][1])
            phrase = run[s:e]
            if phrase and gaz.demonym(phrase)[0]:
                after = j  # "South Korean": its words are no place ("South") either
                break
            if not phrase or phrase.casefold() in skip:
                continue
            if phrase.split()[0].isalpha() and phrase.split()[0].islower():
                continue  # a run's connector on its own ("of" in "Green Zone of Baghdad")
            if j == i + 1 < len(words) and _a_part(phrase):
                continue  # "West" opening "West Midlands", a name the gazetteer lacks
            if gaz.candidates(phrase, fuzzy=False, limit=1) and (
                    keep is None or keep(offset + s, offset + e)):
                out.append((offset + s, offset + e))
                after = j
                break
        i = after
    return out


def _a_part(word: str) -> bool:
    return tuple(norm_word(word) or ()) in rules().part_prefixes


_WORD = re.compile(r"[\w\-]+(?:['’](?!s\b)[\w\-]+)*", re.UNICODE)  # "Lebanon's" -> Lebanon


def _unit_of_name(gaz: Gazetteer, phrase: str) -> str | None:
    """The country of the one first-level unit a phrase names, unless a larger place abroad
    bears the name too ("Santa Ana", a department of El Salvador, is first a city of
    California): then the name says nothing about the country."""
    cands = [c.place for c in gaz.candidates(phrase, fuzzy=False)]
    units = [p for p in cands if p.precision == "admin1"]
    if len(units) != 1 or not units[0].country:
        return None
    biggest = max(cands, key=lambda p: p.population)
    return units[0].country if biggest.country == units[0].country else None


def _part_named_before(words: list[str], folded: list[tuple[str, ...] | None], i: int) -> bool:
    """Whether a capitalised word for a part ("West", "Central") opens the name that word i
    continues: "West Midlands" is a name of its own, whatever "Midlands" names alone."""
    if i == 0 or not words[i - 1][:1].isupper() or folded[i - 1] is None:
        return False
    return tuple(folded[i - 1]) in rules().part_prefixes


def country_focus(text: str, gazetteer: Gazetteer | None = None) -> dict[str, float]:
    """Mentions per country in a text: names count 1 (a first-level unit's name counts for
    its country: "Northern Ireland" for GB), demonyms ("Iraqi") 0.5.

    A cheap n-gram scan against country names and demonyms; the extraction engine may pass
    better counts (from resolved mentions) in GeoContext.countries instead.
    """
    gaz = gazetteer or default_gazetteer()
    names = gaz.country_keys()
    unit_keys = gaz.admin1_keys()
    first_tokens = gaz.focus_first_tokens()
    articles = rules().articles | rules().sun_articles
    words = _WORD.findall(text)
    folded = [norm_word(w) for w in words]
    counts: Counter[str] = Counter()
    i = 0
    while i < len(words):
        if not words[i][:1].isupper():
            i += 1  # names and demonyms start with a capital ("the" is no part of a key)
            continue
        head = folded[i]
        if head is not None and (not head or (head[0] not in first_tokens
                                              and head[0] not in articles)):
            i += 1  # no key starts with this word (an article may be dropped before one)
            continue
        for n in (4, 3, 2, 1):
            if len(words) - i < n:
                continue
            phrase = " ".join(words[i:i + n])
            key = norm_of_words(folded[i:i + n])
            key = norm(phrase) if key is None else key
            if key in names:
                counts[names[key]] += 1.0
                i += n
                break
            unit = _unit_of_name(gaz, phrase) if key in unit_keys else None
            if unit is not None and _part_named_before(words, folded, i):
                unit = None  # "West Midlands" (England): not Zimbabwe's Midlands province
            if unit is not None:
                counts[unit] += 1.0  # "Northern Ireland": not Ireland
                i += n
                break
            is_dem, cc = gaz.demonym_of_key(key)  # "Iraqi", "South Korean"
            if is_dem and cc:
                counts[cc] += 0.5
                i += n
                break
        else:
            i += 1
    return dict(counts)

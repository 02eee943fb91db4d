"""Where the toponyms of a text are: spans for the geoparser.

The NER's GPE/LOC/FAC entities are the first source, but a small model misses or mislabels
places ("Ain al-Asad" read as a PERSON, "Erbil" as an ORG). So its spans are joined with the
domain pack's place names found in the text (facilities no NER knows: "Ain al-Asad air
base") and with capitalised runs the gazetteer knows by exact name; where spans overlap the
longest wins. Demonyms and country adjectives ("Iraqi", "Kurdish") are never toponyms.
"""

from __future__ import annotations

import re
from functools import lru_cache

from wordfreq import zipf_frequency

from marsad.analyse import Analysis
from marsad.analyse.profiles import LanguageProfile
from marsad.analyse.truecase import as_read
from marsad.context import Context
from marsad.extract.place_candidates import unknown_acronym
from marsad.gazetteer import toponym_spans
from marsad.gazetteer.index import BIG_PLACE_POPULATION
from marsad.gazetteer.scan import POSSESSIVE
from marsad.packs import Pack

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_LEADING = re.compile(r"^the\s+", re.IGNORECASE)  # "the Green Zone" -> "Green Zone"
# Source ranks, for spans of equal length: the pack's facility names are the most specific.
_PACK, _NER, _FALLBACK = 2, 1, 0
# A word this frequent in the language ("Control", "Hospital", "Over": zipf 5-6; "Mosul" 3.3,
# "Paris" 4.8) is everyday language before it is a small town's name.
EVERYDAY_ZIPF = 4.0
# What the NER names that is no place: a place name inside one of these ("Center for Disease
# Control", "Royal Free Hospital") is part of its name, unless the place is a unit or big.
NOT_PLACE_LABELS = frozenset({"PERSON", "ORG", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT",
                              "LAW"})


def _pack_names(pack: Pack) -> re.Pattern[str]:
    return _names_pattern(tuple(n for p in pack.places for n in p.names()))


@lru_cache(maxsize=4)
def _names_pattern(all_names: tuple[str, ...]) -> re.Pattern[str]:
    names = {n for n in all_names if len(n) > 2}
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def pack_spans(text: str, pack: Pack) -> list[tuple[int, int]]:
    """The pack's place names in `text`, written with a capital (or in Arabic): "hit the
    base" is not the town of Hit."""
    return [(m.start(), m.end()) for m in _pack_names(pack).finditer(text)
            if not m.group(0)[:1].islower()]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    lead = _LEADING.match(text[start:end])
    if lead:
        start += lead.end()
    tail = POSSESSIVE.search(text[start:end])
    if tail:
        end = start + tail.start()
    return start, end


def _a_group(ctx: Context, name: str) -> bool:
    if unknown_acronym(ctx, name):
        return True
    if ctx.pack.find_actor(name) is None or ctx.pack.find_places(name):
        return False
    # a name the pack gives an actor is a place as a country's ("Britain"), as a big place's
    # own name ("Baghdad") or as a place's acronym ("UAE")
    gaz = ctx.gazetteer
    return not (gaz.country_named(name) is not None or gaz.big_place(name, own_name=True)
                or (name.isupper() and gaz.place_in_capitals(name)))


def _speakers(ctx: Context, analysis: Analysis) -> set[int]:
    """Where the active subjects of report verbs end ("Hartl said", "Dunn told"): a speaker
    is a person or a body, a small town only as a big place's metonym ("Baghdad said")."""
    p = ctx.profile
    report = frozenset(p.data("lexicons/speech.yaml")["report"])
    subjects = p.labels("active_subject_deps")
    return {t.end for sentence in analysis.sentences for t in sentence.tokens
            if t.dep in subjects and sentence.tokens[t.head].lemma in report}


def _a_place_of_note(ctx: Context, name: str, *, own_name: bool = False) -> bool:
    """Whether the name, exactly, is a country's, a first-level unit's, a continent's or a
    big place's: one a text names for itself, whatever else it could be. `own_name`: a
    unit's or city's own name, not an alternate one ("Drug" for Durg) nor one with its
    generic word dropped ("Free" for Free State); a country's alternate names count."""
    for c in ctx.gazetteer.candidates(name, fuzzy=False):
        if c.how != "exact":
            continue
        if c.place.precision in ("country", "continent"):
            return True
        if own_name and c.match < 1.0:
            continue
        if c.place.precision == "admin1" or c.place.population >= BIG_PLACE_POPULATION:
            return True
    return False


def _no_place_by_name_alone(ctx: Context, name: str, named_otherwise: bool) -> bool:
    """Whether a capitalised run the gazetteer knows only as a small place is no toponym:
    everyday words ("Control", "Hospital", "Over" opening a sentence), a part of what the
    NER names as an organisation, person or work ("Royal Free Hospital"), or a speaker
    (`named_otherwise` says either). A unit's or big place's name stays ("University of
    Baghdad", "Paris", "Baghdad said"), an everyday word only by its own name ("Nice", not
    "Free" for Free State). Capitals spell an abbreviation, not a word ("NY")."""
    everyday = not name.isupper() and all(
        zipf_frequency(w.casefold(), ctx.profile.code) >= EVERYDAY_ZIPF for w in name.split())
    if _a_place_of_note(ctx, name, own_name=everyday):
        return False
    return named_otherwise or everyday


_NEXT_WORD = re.compile(r"\s+([^\W\d_]+)")
# "Food and Agriculture Organisation (FAO)": a name, then its acronym in brackets
_DEFINITION = re.compile(r"((?:[\w'’\-&]+\s+){1,10}?)\(([A-Z]{2,6})\)")


def _next_word(text: str, end: int) -> str:
    m = _NEXT_WORD.match(text, end)
    return m.group(1).casefold() if m else ""


def defined_acronyms(ctx: Context, text: str) -> frozenset[str]:
    """Acronyms the text defines for names that are no place: "Department of Health (DOH)",
    "Food and Agriculture Organisation (FAO)" are bodies wherever the text uses them, not
    Doha or Al-Faw; "United Arab Emirates (UAE)" stays a place."""
    connectors = ctx.profile.words("acronym_connectors")
    bodies = set()
    for m in _DEFINITION.finditer(text):
        acronym = m.group(2)
        expansion = _expansion(m.group(1).split(), acronym, connectors)
        if expansion and not ctx.gazetteer.candidates(expansion, fuzzy=False, limit=1):
            bodies.add(acronym)
    return frozenset(bodies)


def _expansion(words: list[str], acronym: str, connectors: frozenset[str]) -> str | None:
    """The last words before the brackets whose initials spell the acronym, connectors'
    initials optional ("Department of Health": DOH or DH); None when none do."""
    for start in range(len(words) - 1, -1, -1):
        tail = words[start:]
        if tail[0][:1] == acronym[0] and _spells(tail, acronym, connectors):
            return " ".join(tail)
    return None


def _spells(words: list[str], acronym: str, connectors: frozenset[str]) -> bool:
    if not acronym:
        return not any(w.casefold() not in connectors for w in words)
    if not words:
        return False
    head, rest = words[0], words[1:]
    if head.casefold() in connectors and _spells(rest, acronym, connectors):
        return True  # its initial left out
    return head[:1].upper() == acronym[0] and _spells(rest, acronym[1:], connectors)


@lru_cache(maxsize=8)
def never_toponyms(profile: LanguageProfile) -> frozenset[str]:
    """Capitalised words that begin sentences or name people, never places, with the month
    and weekday names of the language's time words (lower case)."""
    times = profile.data("time_words.yaml")
    words = profile.data("lexicons/places.yaml")["never_toponyms"]
    return frozenset(str(w).casefold() for w in [*words, *times["months"], *times["weekdays"]])


def find_toponyms(ctx: Context, analysis: Analysis) -> list[tuple[int, int]]:
    """Character spans of every toponym in the analysed text, sorted, not overlapping."""
    gaz = ctx.gazetteer
    text = analysis.text
    ranked: list[tuple[int, int, int]] = []
    persons: list[tuple[int, int]] = []
    names: list[tuple[int, int]] = []  # entities that are no place (persons among them)
    for sentence in analysis.sentences:
        for e in sentence.entities:
            if e.label in PLACE_LABELS:
                ranked.append((*_trim(text, e.start, e.end), _NER))
            elif e.label == "PERSON":
                persons.append((e.start, e.end))
            if e.label in NOT_PLACE_LABELS:
                names.append((e.start, e.end))
    speakers = _speakers(ctx, analysis)

    def named_otherwise(s: int, e: int) -> bool:  # inside a non-place entity, or a speaker
        return e in speakers or any(ns <= s and e <= ne and (ns, ne) != (s, e)
                                    for ns, ne in names)

    read = as_read(text)  # their capitals tell names: in a text set in capitals, as parsed
    ranked += [(s, e, _PACK) for s, e in pack_spans(read, ctx.pack)]
    # a gazetteer name inside a person's name ("Sudani" in "al-Sudani") is not a place; a
    # name the NER took whole for a person is one when a country or big place bears it
    # ("Mozambique and Botswana": Botswana read as a PERSON)
    ranked += [(*_trim(read, s, e), _FALLBACK) for s, e in toponym_spans(
        read, gaz, never_toponyms(ctx.profile),
        keep=lambda s, e: not _no_place_by_name_alone(ctx, read[s:e], named_otherwise(s, e)))
               if not any(ps <= s and e <= pe and (ps, pe) != (s, e) for ps, pe in persons)
               and not ((s, e) in persons and not _a_place_of_note(ctx, read[s:e]))]
    # an acronym no place is written as ("UDA"), a group the pack knows ("Hamas", not Hamm,
    # which GeoNames also calls so) unless a big place bears it as its own name ("Baghdad"):
    # no toponym (the pack's place names stay);
    # nor an acronym the text defines for a body ("Department of Health (DOH)"), nor a
    # person's surname said alone ("Gordon Brown ... Brown said") but a noted place's
    others = defined_acronyms(ctx, text) | {
        name for name in (text[s:e].split()[-1] for s, e in persons if " " in text[s:e])
        if not _a_place_of_note(ctx, name, own_name=True)}
    ranked = [(s, e, source) for s, e, source in ranked
              if source == _PACK or not (_a_group(ctx, read[slice(*_trim(read, s, e))])
                                         or text[slice(*_trim(text, s, e))] in others)]
    eras = ctx.profile.words("era_abbreviations")
    named_after = ctx.profile.words("named_after_places")
    kept: list[tuple[int, int]] = []
    for s, e, _ in sorted(ranked, key=lambda x: (x[0] - x[1], -x[2], x[0])):
        if e <= s or gaz.demonym(text[s:e])[0]:
            continue
        if text[s:e].lower() in eras and text[:s].rstrip()[-1:].isdigit():
            continue  # "500 B.C.": an era
        if text[e:e + 1] == "$":
            continue  # "US$460 million", "HK$": a currency
        if _next_word(text, e) in named_after:
            continue  # "Marburg virus", "Lyme disease": named after a place, not there
        if all(e <= ks or s >= ke for ks, ke in kept):
            kept.append((s, e))
    return sorted(kept)

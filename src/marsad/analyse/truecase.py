"""Restoring the capitals of text written all in upper case.

Wire services long sent copy in capitals (MUC's FBIS reports, telex, shouted headlines).
The tagger reads every such word as a proper noun, so no verb is found, no lemma made and no
trigger matched. A line set in capitals is re-cased before it is split and parsed: words of
the dictionary in lower case, names of the gazetteer and words no dictionary knows with a
capital, short unknown words ("FMLN") left as acronyms, and each sentence's first letter
raised. Only letters change case, one for one, so every offset still points into the
original text.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from itertools import pairwise
from typing import Any

from marsad.analyse.inflection import deinflections
from marsad.analyse.remnants import repair_remnants
from marsad.datafiles import load_data

_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_START = re.compile(r"(?:^|[.!?:][\"'”’)\]]*\s+|--\s+)[\"'“‘(\[]*$")
_BRACKETED = re.compile(r"\[[^\[\]\n]{1,80}\]")
_NUMBER_BEFORE = re.compile(r"\d\W{0,2}$")
_NUMBER_AFTER = re.compile(r"\W{0,2}\d")
_MIN_LETTERS = 20
_MIN_UPPER_SHARE = 0.9
_MAX_NAME_WORDS = 4
_MIN_TOWN_POPULATION = 1000  # a multi-word name of a smaller place is too often a phrase


def is_shouting(line: str) -> bool:
    """Whether a line is set in capitals: enough cased letters, nearly all upper case."""
    upper = sum(map(str.isupper, line))  # every line of every document passes here
    cased = upper + sum(map(str.islower, line))
    return cased >= _MIN_LETTERS and upper >= _MIN_UPPER_SHARE * cased


def read_shouted(line: str) -> str:
    """A line set in capitals as the parser should read it: capitals restored and the
    editor's bracketed insertions blanked ("THE MRTA [TUPAC AMARU REVOLUTIONARY MOVEMENT]
    TODAY...", "[PASSAGE OMITTED]"), which break the sentence's parse. Same length."""
    return _BRACKETED.sub(lambda m: " " * len(m.group()), truecase(line))


@lru_cache(maxsize=1024)  # the place and toponym scans both read each sentence
def as_read(text: str) -> str:
    """`text` as the parser reads it (same length): each line set in capitals re-cased, and
    character references that lost their "&" read as their characters (remnants.py), for
    the scans that look for capitalised names beside the parse ("ATTACK ON A U.S. CONVOY"
    names no town of Convoy)."""
    lines = (repair_remnants(line) for line in text.splitlines(keepends=True))
    return "".join(truecase(line) if is_shouting(line) else line for line in lines)


def truecase(line: str) -> str:
    """`line` with its capitals restored; the same length, character for character."""
    words = [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(line)]
    if not words:
        return line
    cases = _cases(line, words)
    out = list(line)
    for (start, end, _), case in zip(words, cases, strict=True):
        if case == "upper":
            continue
        for k in range(start, end):
            out[k] = _lower(line[k])
        if case == "title" or (case == "lower" and _SENTENCE_START.search(line[:start])):
            out[start] = line[start]
    return "".join(out)


def _lower(c: str) -> str:
    low = c.lower()
    return low if len(low) == 1 else c  # "İ".lower() is two characters: keep the offsets


def _cases(line: str, words: list[tuple[int, int, str]]) -> list[str]:
    data = _data()
    named = _name_cases(line, words, data)
    return [named.get(n) or _word_case(line, start, end, low, data)
            for n, (start, end, low) in enumerate(words)]


def _name_cases(line: str, words: list[tuple[int, int, str]],
                data: dict[str, Any]) -> dict[int, str]:
    """Word index -> case for the words of multi-word place names ("SAN SALVADOR",
    "SAN LUIS DE LA REINA": title case, the particles lower)."""
    gaz = _gazetteer()
    cases: dict[int, str] = {}
    n = 0
    while n < len(words):
        for size in range(min(_MAX_NAME_WORDS, len(words) - n), 1, -1):
            run = words[n : n + size]
            if not _joined(line, run):
                continue
            lows = [w[2] for w in run]
            if all(w in data["stop"] for w in lows):
                continue
            if gaz.is_name(" ".join(lows), _MIN_TOWN_POPULATION):
                for k, low in enumerate(lows):
                    particle = k > 0 and low in data["name_particles"]
                    cases[n + k] = "lower" if particle else "title"
                n += size
                break
        else:
            n += 1
    return cases


def _joined(line: str, run: list[tuple[int, int, str]]) -> bool:
    """Words separated only by a space or a hyphen: one name, not two phrases."""
    return all(line[a[1] : b[0]] in (" ", "-") for a, b in pairwise(run))


def _word_case(line: str, start: int, end: int, low: str, data: dict[str, Any]) -> str:
    if start > 0 and line[start - 1] in "'’":
        return "lower"  # "COUNTRY'S", "DON'T"
    if low in data["always_upper"]:
        return "upper"
    if len(low) == 1:
        initial = end < len(line) and line[end] in ".-"
        return "upper" if initial or low != "a" else "lower"
    if low in data["title_words"]:
        return "title"
    if low in data["dated_words"] and (_NUMBER_BEFORE.search(line[max(0, start - 3):start])
                                       or _NUMBER_AFTER.match(line[end:end + 3])):
        return "title"  # "3 MAY 90", "MARCH 4"; otherwise the verb
    gaz = _gazetteer()
    if low in gaz.country_keys() or gaz.demonym_of_key(low)[0]:
        return "lower" if low in data["stop"] else "title"
    stems = _stems(low, data)
    if stems & data["dictionary"]:
        unit = low in gaz.admin1_keys() and not stems & data["describing"]
        return "title" if unit else "lower"
    return "upper" if len(low) < data["acronym_max"] else "title"


def _stems(low: str, data: dict[str, Any]) -> frozenset[str]:
    """The word and its regular de-inflections ("kidnapped" -> "kidnap", "forces" -> "force")."""
    found = deinflections(low, data["suffixes"], data["doubled_suffixes"], data["min_stem"])
    return frozenset(w for w in found if len(w) > data["min_stem"] or w == low)  # not "fr"


@cache
def _data() -> dict[str, Any]:
    from spacy.lang.en.stop_words import STOP_WORDS

    from marsad.analyse import model

    raw = load_data("lang/en/truecase.yaml")
    morphology = load_data("lang/en/morphology.yaml")
    lookups = model.parser().get_pipe("lemmatizer").lookups
    index, irregular = lookups.get_table("lemma_index"), lookups.get_table("lemma_exc")
    words = {pos: frozenset(index[pos]) | frozenset(irregular.get(pos, {}))
             for pos in ("noun", "verb", "adj", "adv")}
    stop = frozenset(STOP_WORDS)
    return {
        "suffixes": [tuple(pair) for pair in morphology["suffixes"]],
        "doubled_suffixes": tuple(morphology["doubled_suffixes"]),
        "min_stem": raw["min_stem"],
        "stop": stop,
        # WordNet's lemmas (the spaCy lemmatizer's own index) and the stop words
        "dictionary": stop | words["noun"] | words["verb"] | words["adj"] | words["adv"],
        # "EASTERN", "CENTRAL": first-level units' names, but read as words
        "describing": stop | words["verb"] | words["adj"] | words["adv"],
        "title_words": frozenset(raw["title_words"]),
        "dated_words": frozenset(raw["dated_words"]),
        "name_particles": frozenset(raw["name_particles"]),
        "always_upper": frozenset(raw["always_upper"]),
        "acronym_max": raw["acronym_max"],
    }


def _gazetteer() -> Any:
    from marsad.gazetteer.index import default_gazetteer

    return default_gazetteer()

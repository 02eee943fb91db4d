"""Rare words of a report: what two outlets describing one act share ("Citibank", "Education
Ministry", "173") and two similar acts mostly do not. A word weighs by its rarity in
general English (wordfreq, installed data; no corpus statistics, so a pair's score does not
depend on what else is stored, and linking stays order-free)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from functools import lru_cache

from wordfreq import zipf_frequency

from marsad.link.settings import LinkSettings

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*", re.UNICODE)


@lru_cache(maxsize=200_000)
def _rarity(word: str, common: float) -> float:
    return max(0.0, common - zipf_frequency(word, "en"))


_ENDING = re.compile(r"(?:ing|ed|es|s|e)$")


def _stem(word: str, length: int) -> str:
    """A crude stem, enough to meet "kidnapped" with "kidnapping", "seize" with "seized" and
    "Britons" with "Briton"."""
    if word.isdigit():
        return word
    if len(word) > 4:
        word = _ENDING.sub("", word)
    return word[:length]


Demonym = Callable[[str], tuple[bool, str | None]]


def term_weights(evidence: str, lead: Mapping[str, float], settings: LinkSettings,
                 demonym: Demonym | None = None) -> dict[str, float]:
    """Stem (and stem pair) -> weight over the event's sentence and the document's opening
    (`lead`: text_weights of it, read once for all the document's events)."""
    out = text_weights(evidence, settings, demonym)
    for term, weight in lead.items():
        out[term] = max(out.get(term, 0.0), weight)
    return out


def text_weights(text: str, settings: LinkSettings,
                 demonym: Demonym | None = None) -> dict[str, float]:
    """Stem (and stem pair) -> weight over one text. Neighbouring rare words also count as
    a pair ("education ministry", "green zone"), which two reports of one act share more
    than two similar acts do. A nationality ("Britons", "British") also counts as its
    country ("nationality:GB"): outlets name the victims' nationality in different words."""
    out: dict[str, float] = {}
    previous: tuple[str, float] | None = None
    for match in _WORD.finditer(text):
        raw = match.group()
        word = raw.casefold()
        if demonym is not None and raw[:1].isupper():
            known, country = demonym(raw)
            if known and country:
                out[f"nationality:{country}"] = settings.nationality_weight
        if word.isdigit():
            weight = settings.number_weight
        elif len(word) >= settings.min_length:
            weight = _rarity(word, settings.common_zipf)
        else:
            weight = 0.0
        if weight <= 0:
            previous = None
            continue
        stem = _stem(word, settings.stem_length)
        out[stem] = max(out.get(stem, 0.0), weight)
        if previous is not None:
            bigram = f"{previous[0]} {stem}"
            out[bigram] = max(out.get(bigram, 0.0), (previous[1] + weight) / 2)
        previous = (stem, weight)
    return out


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine of two weighted word sets (each word once)."""
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    shared = sum(w * w for word, w in small.items() if word in large)
    if not shared:
        return 0.0
    norm = math.sqrt(sum(w * w for w in a.values())) * math.sqrt(sum(w * w for w in b.values()))
    return shared / norm

"""Place-name normalisation: the keys under which the gazetteer stores and finds names.

Two spellings of one place must meet on one key: "Al-Anbar" and "Anbar", "Sa'dah" and
"Sadah", "Hawlêr" and "Hawler", "الأنبار" and "انبار". A looser *skeleton* key (consonants
only) lets transliteration variants meet ("Basrah"/"Basra", "Nineveh"/"Ninawa").
The word lists live in data/gazetteer/names.yaml.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import pyarabic.araby as araby

from marsad.datafiles import load_data

_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
# Letters NFKD does not decompose into base + mark.
_LATIN_FOLD = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ß": "ss", "æ": "ae", "œ": "oe",
     "ı": "i", "ħ": "h", "ŧ": "t", "ŋ": "n"}
)
_QUOTES = re.compile(r"[\u0027\u2018\u2019\u02bc\u02bb\u02be\u02bf\u00b4\u0060\u2032]")
_SEPARATORS = re.compile(r"[-\u2010-\u2015_./,;:()\[\]\"«»]+")
_NON_WORD = re.compile(r"[^\w\s]")


@dataclass(frozen=True, slots=True)
class NameRules:
    articles: frozenset[str]
    sun_articles: frozenset[str]
    suffixes: tuple[tuple[tuple[str, ...], bool], ...]  # (tokens, is_admin), longest first
    admin_prefixes: tuple[tuple[str, ...], ...]
    part_prefixes: tuple[tuple[str, ...], ...]  # longest first: "north east" before "north"
    abbreviations: dict[str, str]  # "st" -> "saint": a word written short inside a name


@dataclass(frozen=True, slots=True)
class NameKey:
    """A name's lookup keys: `key` (exact), `core` (affixes removed), and what was removed."""

    key: str
    core: str
    admin_hint: bool  # the name said "province", "governorate", ...: an administrative unit
    place_hint: bool  # the name said "village", "town", "camp", ...: a locality


@cache
def rules() -> NameRules:
    raw = load_data("gazetteer/names.yaml")

    def phrases(words: list[str]) -> tuple[tuple[str, ...], ...]:
        seqs = {tuple(_fold_latin(w).split()) for w in words}
        return tuple(sorted(seqs, key=len, reverse=True))

    # One list, longest first, so "sub county" (a locality) wins over "county" (a unit).
    suffixes = [(p, True) for p in phrases(raw["admin_suffixes"])]
    suffixes += [(p, False) for p in phrases(raw["place_suffixes"])]
    suffixes.sort(key=lambda item: len(item[0]), reverse=True)
    return NameRules(
        articles=frozenset(raw["articles"]),
        sun_articles=frozenset(raw["sun_articles"]),
        suffixes=tuple(suffixes),
        admin_prefixes=phrases(raw["admin_prefixes"]),
        part_prefixes=phrases(raw.get("part_prefixes") or []),
        abbreviations={_fold_latin(k): _fold_latin(v)
                       for k, v in (raw.get("abbreviations") or {}).items()},
    )


def is_arabic(text: str) -> bool:
    return bool(_ARABIC.search(text))


def _fold_latin(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold().translate(_LATIN_FOLD))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _QUOTES.sub("", text)  # "Sa'dah" = "Sadah": apostrophes transliterate ayn/hamza
    text = _SEPARATORS.sub(" ", text)
    text = _NON_WORD.sub(" ", text)
    return " ".join(text.split())


def _fold_arabic(text: str) -> str:
    text = araby.strip_tashkeel(araby.strip_tatweel(text))
    text = araby.normalize_hamza(araby.normalize_alef(text), method="tasheel")
    text = text.replace("ى", "ي").replace("ة", "ه").replace("ی", "ي").replace("ک", "ك")
    text = _SEPARATORS.sub(" ", text)
    # The article is written joined to the word: "الموصل" = "موصل".
    tokens = [t[2:] if t.startswith("ال") and len(t) > 3 else t for t in text.split()]
    return " ".join(tokens)


def _drop_articles(tokens: list[str], r: NameRules) -> list[str]:
    out: list[str] = []
    last = len(tokens) - 1
    for i, tok in enumerate(tokens):
        # "St. Marc" = "Saint-Marc", "Mt. Kenya" = "Mount Kenya"; not a last word ("Main St")
        if i < last and tok in r.abbreviations:
            tok = r.abbreviations[tok]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if nxt and tok in r.articles:
            continue
        # "as sulaymaniyah", "an najaf": the article assimilates to the next consonant.
        if nxt and tok in r.sun_articles and nxt[0] == tok[-1]:
            continue
        out.append(tok)
    return out or tokens


def _strip_suffix(tokens: list[str], r: NameRules) -> bool | None:
    """Remove one generic trailing phrase; True if it named an administrative unit."""
    for ph, is_admin in r.suffixes:
        n = len(ph)
        if len(tokens) > n and tuple(tokens[-n:]) == ph:
            del tokens[-n:]
            return is_admin
    return None


def _leading(tokens: Sequence[str], phrases: tuple[tuple[str, ...], ...]) -> int:
    """How many tokens the first of `phrases` (longest first) that opens `tokens` takes,
    leaving at least one; 0 when none does."""
    for ph in phrases:
        n = len(ph)
        if len(tokens) > n and tuple(tokens[:n]) == ph:
            return n
    return 0


def _strip_prefix(tokens: list[str], r: NameRules) -> bool:
    n = _leading(tokens, r.admin_prefixes)
    del tokens[:n]
    return n > 0


@lru_cache(maxsize=65_536)  # a pure function of the text, asked for the same names all day
def name_key(text: str) -> NameKey:
    """The keys for one name as written."""
    key = norm(text)
    if is_arabic(text):
        return NameKey(key=key, core=key, admin_hint=False, place_hint=False)
    r = rules()
    core = key.split()
    admin = place = False
    # Peel generic words off both ends until none is left ("Al Hazm district" -> "hazm").
    while True:
        found = _strip_suffix(core, r)
        if found is None and _strip_prefix(core, r):
            found = True
        if found is None:
            break
        admin |= found
        place |= not found
        core = _drop_articles(core, r)
    return NameKey(key=key, core=" ".join(core), admin_hint=admin, place_hint=place)


def whole_of_part(core: str) -> str | None:
    """The place a name for part of one names ("north dallas" -> "dallas"), None when the
    name starts with no such word or is nothing else."""
    words = core.split()
    n = _leading(words, rules().part_prefixes)
    return " ".join(words[n:]) if n else None


@lru_cache(maxsize=65_536)  # scans ask for the same n-grams ("Prime Minister") in every text
def norm(text: str) -> str:
    """The exact lookup key of a name (`name_key(text).key`, without the cost of peeling its
    affixes: for scans that try every n-gram of a text)."""
    if is_arabic(text):
        return _fold_arabic(text)
    return " ".join(_drop_articles(_fold_latin(text).split(), rules()))


@lru_cache(maxsize=65_536)
def norm_word(word: str) -> tuple[str, ...] | None:
    """One word's folded tokens, for scans that build every n-gram's `norm` from its words
    (folding is letter by letter); None for Arabic, which folds as a whole phrase."""
    return None if is_arabic(word) else tuple(_fold_latin(word).split())


def norm_of_words(folded: Sequence[tuple[str, ...] | None]) -> str | None:
    """`norm` of a phrase from its words' `norm_word` tokens; None when one is Arabic."""
    tokens: list[str] = []
    for word in folded:
        if word is None:
            return None
        tokens.extend(word)
    return " ".join(_drop_articles(tokens, rules()))


_SKELETON_MAP = (("ph", "f"), ("kh", "k"), ("gh", "g"), ("dh", "d"), ("th", "t"), ("sh", "s"),
                 ("ch", "c"), ("q", "k"), ("v", "w"), ("z", "s"), ("j", "g"))


def skeleton(key: str) -> str:
    """Consonant skeleton of a Latin key: "basrah" -> "bsr", "nineveh" -> "nnw" -> "nw".

    Transliterations of Arabic and Kurdish disagree mostly on vowels, doubled letters,
    a final h and digraphs; the skeleton ignores exactly those. Arabic keys are returned as is.
    """
    if not key or is_arabic(key):
        return key
    s = key.replace(" ", "")
    for a, b in _SKELETON_MAP:
        s = s.replace(a, b)
    if len(s) > 3 and s.endswith("h"):
        s = s[:-1]
    s = re.sub(r"[aeiouy]", "", s)
    return re.sub(r"(.)\1+", r"\1", s)

"""Numbers in news text.

`find_numbers` finds counts ("over 70", "2,500", "twenty-three", "dozens") and skips what
only looks like a count (years, dates, times, money, percentages, ordinals, labels such as
"District 2" or "F-16"). The casualty tolls built on them are read in extract/tolls.py.

Rules are generic shapes over a light tokenisation; the words live in data/numbers.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from marsad.analyse.profiles import LanguageProfile
from marsad.context import Context
from marsad.types import Qualifier, Span


@dataclass(frozen=True, slots=True)
class NumberMention:
    span: Span  # covers the qualifier too: "more than 110"
    value: int
    qualifier: Qualifier = "exact"
    vague: bool = False  # "dozens", "several": a convention's value, not a number the text gives


# --- lexicon ------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)  # hashed by identity: loaded once
class NumberWords:
    raw: dict[str, Any]
    phrases: dict[tuple[str, ...], tuple[str, frozenset[str]]]  # casualty phrase -> field, kinds
    qualifiers: dict[tuple[str, ...], str]
    vague: dict[tuple[str, ...], int]
    count_words: dict[tuple[str, ...], int]
    breakdown: frozenset[tuple[str, ...]]
    between: frozenset[tuple[str, ...]]
    keys: dict[str, frozenset[tuple[str, ...]]]  # phrase sets of the dicts above, for match_phrase

    def set(self, key: str) -> frozenset[str]:
        return _word_set(self, key)


@cache
def _word_set(lex: NumberWords, key: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in lex.raw[key])


def split_phrase(phrase: str) -> tuple[str, ...]:
    return tuple(t.lower() for t in _tokenise_words(phrase))


@cache
def number_words(profile: LanguageProfile) -> NumberWords:
    """The number and casualty words of a language (numbers.yaml of its profile)."""
    raw = profile.data("numbers.yaml")
    phrases: dict[tuple[str, ...], tuple[str, set[str]]] = {}
    for name, kinds in raw["casualty"].items():
        for kind, words in kinds.items():
            for w in words:
                key = split_phrase(w)
                f, ks = phrases.setdefault(key, (name, set()))
                if f != name:  # "dead" is both killed noun and intransitive: same field
                    raise ValueError(f"numbers.yaml: {w!r} listed under {f} and {name}")
                ks.add(kind)
    quals = {split_phrase(p): q for q, ps in raw["qualifiers"].items() for p in ps}
    lex = NumberWords(
        raw=raw,
        phrases={k: (f, frozenset(ks)) for k, (f, ks) in phrases.items()},
        qualifiers=quals,
        vague={split_phrase(k): int(v) for k, v in raw["vague"].items()},
        count_words={split_phrase(k): int(v) for k, v in raw["count_words"].items()},
        breakdown=frozenset(split_phrase(p) for p in raw["breakdown"]),
        between=frozenset(split_phrase(p) for p in raw["between"]),
        keys={},
    )
    lex.keys.update(
        qualifiers=frozenset(lex.qualifiers),
        vague=frozenset(lex.vague),
        count_words=frozenset(lex.count_words),
        phrases=frozenset(lex.phrases),
    )
    return lex


# --- tokens -------------------------------------------------------------------------------

# Digits keep their separators ("2,500", "1.5") and ordinal suffix; words keep inner
# apostrophes; every other non-space character is a token of its own ("-", "(", "%").
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*(?:st|nd|rd|th)?|[^\W\d_]+(?:['’][^\W\d_]+)*|\S")


@cache
def _age(profile: LanguageProfile) -> re.Pattern[str]:
    """"an 80-year-old civilian": an age, not a count."""
    return re.compile(number_words(profile).raw["age_pattern"], re.I)


@cache
def _months(profile: LanguageProfile) -> frozenset[str]:
    """Month names (lower case) from the language's time words: "May 5" is a date."""
    return frozenset(str(m).lower() for m in profile.data("time_words.yaml")["months"])


def _tokenise_words(text: str) -> list[str]:
    return [m.group() for m in _TOKEN.finditer(text)]


@dataclass(frozen=True, slots=True)
class Tok:
    start: int
    end: int
    text: str
    low: str


def tokens(text: str, start: int, end: int) -> list[Tok]:
    return [
        Tok(m.start(), m.end(), m.group(), m.group().lower())
        for m in _TOKEN.finditer(text, start, end)
    ]


@cache
def _by_first(phrases: frozenset[tuple[str, ...]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for p in phrases:
        index.setdefault(p[0], []).append(p)
    return {k: tuple(v) for k, v in index.items()}


def match_phrase(toks: list[Tok], i: int, phrases: frozenset[tuple[str, ...]]) -> int:
    """Length of the longest phrase that starts at token i (0 if none)."""
    if i >= len(toks):
        return 0
    best = 0
    for p in _by_first(phrases).get(toks[i].low, ()):
        n = len(p)
        if n > best and i + n <= len(toks) and all(toks[i + k].low == p[k] for k in range(n)):
            best = n
    return best


# --- numbers ------------------------------------------------------------------------------

_ORDINAL = re.compile(r"\d+(st|nd|rd|th)$")
_DATE_LIKE = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}")
_CLOCK = re.compile(r"\d{1,2}[:h]\d{2}")


@dataclass(frozen=True, slots=True)
class Num:
    first: int  # token index where the mention starts (qualifier included)
    last: int  # token index after the mention
    mention: NumberMention


def _word_number(ctx: Context, toks: list[Tok], i: int) -> tuple[int, int] | None:
    """Parse "twenty-three", "one hundred and five", "a thousand" from token i."""
    words = number_words(ctx.profile)
    lex = words.raw
    units, tens, scales = lex["units"], lex["tens"], lex["scales"]
    total = current = 0
    j, seen = i, False
    if (
        j + 1 < len(toks)
        and toks[j].low in words.set("indefinite_articles")
        and toks[j + 1].low in scales
        and toks[j + 1].low not in words.set("scales_without_article")
    ):
        current, j = 1, j + 1  # "a hundred"
    while j < len(toks):
        w = toks[j].low
        if w in units:
            current += units[w]
        elif w in tens:
            current += tens[w]
            # "twenty-three": the hyphen joins tens and units
            if j + 2 < len(toks) and toks[j + 1].text == "-" and toks[j + 2].low in units:
                current += units[toks[j + 2].low]
                j += 2
        elif w in scales and (seen or current):
            if scales[w] == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scales[w]
                current = 0
        elif (
            w in words.set("number_and")
            and seen
            and j + 1 < len(toks)
            and (toks[j + 1].low in units or toks[j + 1].low in tens)
            and toks[j - 1].low in scales
        ):
            pass  # "one hundred and five"
        else:
            break
        seen = True
        j += 1
    if not seen:
        return None
    return total + current, j


def _digit_number(ctx: Context, toks: list[Tok], i: int) -> tuple[int, int] | None:
    t = toks[i].text
    if not t[0].isdigit() or _ORDINAL.match(t):
        return None
    scales = number_words(ctx.profile).raw["scales"]
    nxt = toks[i + 1].low if i + 1 < len(toks) else ""
    if "." in t:  # "1.5 million"; a bare decimal is a measure, not a count
        if nxt in scales and "," not in t:
            return round(float(t) * scales[nxt]), i + 2
        return None
    if "," in t and not re.fullmatch(r"\d{1,3}(,\d{3})+", t):
        return None  # "3,4": a list, not a number
    value = int(t.replace(",", ""))
    if nxt in scales and nxt != "hundred":
        return value * scales[nxt], i + 2
    return value, i + 1


def _is_sentence_start(toks: list[Tok], i: int) -> bool:
    return i == 0 or toks[i - 1].text in {".", "!", "?", ":", ";", "(", '"', "“", "‘", "'", "\n"}


def _not_a_count(ctx: Context, text: str, toks: list[Tok], i: int, j: int, value: int) -> bool:
    """True when digits at tokens [i, j) are a year, date, time, sum, share or label."""
    words = number_words(ctx.profile)
    lex = words.raw
    tok = toks[i]
    before = text[max(0, tok.start - 1) : tok.start]
    after = text[toks[j - 1].end : toks[j - 1].end + 1]
    prev = toks[i - 1].low if i > 0 else ""
    nxt = toks[j].low if j < len(toks) else ""
    nxt2 = toks[j + 1].low if j + 1 < len(toks) else ""
    # glued to letters or a hyphenated label: "M23", "F-16", "Covid-19", "10km" is fine
    before2 = text[max(0, tok.start - 2) : tok.start - 1]
    if before.isalpha() or (before in ("-", "/") and before2.isalpha()):
        return True
    if after.isalpha() and not text[toks[j - 1].end :].lower().startswith(
        tuple(lex["unit_suffixes"])
    ):
        return True
    window = text[max(0, tok.start - 6) : toks[j - 1].end + 6]
    if _DATE_LIKE.search(window) or _CLOCK.search(window):
        return True
    months = _months(ctx.profile)
    of = words.set("of_words")
    if prev in months or nxt in months or (nxt in of and nxt2 in months):
        return True
    if prev in lex["currency_symbols"] or before in lex["currency_symbols"]:
        return True
    if prev in lex["currency_words"] or nxt in lex["currency_words"]:
        return True
    if nxt in lex["percent_words"] or [nxt, nxt2] == lex["percent_phrase"]:
        return True
    if nxt in lex["time_words"] or (nxt in words.set("clock_letters") and nxt2 == "."):
        return True
    if prev in lex["label_before"] or (
        prev == "." and i > 1 and toks[i - 2].low in words.set("number_abbreviations")
    ):
        return True  # "No. 71 Ward", "Route 1"
    if _age(ctx.profile).match(text[toks[j - 1].end :]):
        return True  # an age: "an 80-year-old civilian"
    if (
        i > 0
        and toks[i - 1].text[:1].isupper()
        and toks[i - 1].text[1:].islower()
        and not _is_sentence_start(toks, i - 1)
        and prev not in lex["name_ok_before"]
    ):
        return True  # "Cohab 3", "Kennedy 2": part of a name
    lo, hi = lex["year_range"]
    if lo <= value <= hi and "," not in tok.text and len(tok.text) == 4:
        if prev in lex["year_prepositions"] or nxt in ("", ",", ".", ")", ";"):
            return True
        if not nxt.isalpha() or nxt in words.set("np_stop") or toks[j].text[0].isupper():
            return True
    return False


def _core_number(ctx: Context, text: str, toks: list[Tok], i: int) -> tuple[int, int, bool] | None:
    """(value, end, vague) for a number that starts at token i, without its qualifier."""
    lex = number_words(ctx.profile)
    n = match_phrase(toks, i, lex.keys["vague"])
    if n:
        words = tuple(t.low for t in toks[i : i + n])
        nxt = toks[i + n].low if i + n < len(toks) else ""
        needs_context = words[-1] in lex.raw["vague_need_context"] and len(words) == 1
        if (
            not needs_context
            or nxt in lex.set("of_words")
            or nxt in lex.set("auxiliaries")
            or casualty_at(ctx, toks, i + n)
        ):
            return lex.vague[words], i + n, True
    if toks[i].text[0].isdigit():
        got = _digit_number(ctx, toks, i)
        if got is None or _not_a_count(ctx, text, toks, i, got[1], got[0]):
            return None
        return got[0], got[1], False
    got = _word_number(ctx, toks, i)
    if got is None:
        return None
    value, j = got
    prev = toks[i - 1].low if i > 0 else ""
    nxt = toks[j].low if j < len(toks) else ""
    if toks[i].low in lex.set("one") and (
        prev in lex.set("one_not_a_count_after") or nxt in lex.set("one_not_a_count_before")
    ):
        return None  # "no one", "one another", "one day": not a count
    if nxt in _months(ctx.profile) or prev in _months(ctx.profile):
        return None  # "the first of May" never reaches here; "May one" is rare but a date
    return value, j, False


def numbers_in(ctx: Context, text: str, toks: list[Tok]) -> list[Num]:
    lex = number_words(ctx.profile)
    found: list[Num] = []
    i = 0
    while i < len(toks):
        q = match_phrase(toks, i, lex.keys["qualifiers"])
        qualifier: str = lex.qualifiers[tuple(t.low for t in toks[i : i + q])] if q else "exact"
        core = _core_number(ctx, text, toks, i + q) if i + q < len(toks) else None
        if core is None and q:
            qualifier, q = "exact", 0
            core = _core_number(ctx, text, toks, i)
        if core is None:
            i += 1
            continue
        value, j, vague = core
        if vague and qualifier == "exact":
            qualifier = "about"
        # a range "10-12", "between 16 and 25", "two or three": the lower bound, at least
        prev = toks[i - 1].low if i > 0 else ""
        between = prev in lex.set("range_between")
        if j + 1 < len(toks) and (
            toks[j].text in lex.set("range_dashes")
            or toks[j].low in lex.set("range_or")
            or (toks[j].low in lex.set("range_to") and prev not in lex.set("range_from"))
            or (toks[j].low in lex.set("range_and") and between)
        ):
            hi = _core_number(ctx, text, toks, j + 1)
            if hi is not None and hi[0] > value:
                j = hi[1]
                if qualifier == "exact":
                    qualifier = "more_than"
        if between and i > 0:
            i -= 1  # the span says "between 16 and 25"
        span = Span(toks[i].start, toks[j - 1].end, text[toks[i].start : toks[j - 1].end])
        found.append(Num(i, j, NumberMention(span, value, qualifier,  # type: ignore[arg-type]
                                             vague)))
        i = j
    return found


def find_numbers(ctx: Context, text: str, start: int = 0,
                 end: int | None = None) -> list[NumberMention]:
    """Counts in text[start:end], in order; spans are offsets into text."""
    toks = tokens(text, start, len(text) if end is None else end)
    return [n.mention for n in numbers_in(ctx, text, toks)]


def only_vague(ctx: Context, text: str, span: Span) -> bool:
    """Whether the counts said in `span` are all vague amounts ("dozens", "several"):
    CODING.md gives such a toll or count no number (they are not integers)."""
    said = find_numbers(ctx, text, span.start, span.end)
    return bool(said) and all(n.vague for n in said)


def casualty_at(ctx: Context, toks: list[Tok], i: int) -> tuple[str, frozenset[str], int] | None:
    """(field, kinds, end) of the longest casualty phrase at token i."""
    lex = number_words(ctx.profile)
    n = match_phrase(toks, i, lex.keys["phrases"])
    if not n:
        return None
    field, kinds = lex.phrases[tuple(t.low for t in toks[i : i + n])]
    return field, kinds, i + n

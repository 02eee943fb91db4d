"""Numbers and casualty tolls in news text.

`find_numbers` finds counts ("over 70", "2,500", "twenty-three", "dozens") and skips what
only looks like a count (years, dates, times, money, percentages, ordinals, labels such as
"District 2" or "F-16"). `find_toll` reads one sentence and says how many were killed,
injured, or are "casualties", with the span that supports each figure; an explicit zero
("causing no human casualties") is a value, silence is None.

Rules are generic shapes over a light tokenisation; the words live in data/numbers.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from marsad.types import Qualifier, Quantity, Span

FIELDS = ("killed", "injured", "casualties")


@dataclass(frozen=True, slots=True)
class NumberMention:
    span: Span  # covers the qualifier too: "more than 110"
    value: int
    qualifier: Qualifier = "exact"


@dataclass(frozen=True, slots=True)
class Toll:
    killed: Quantity | None = None
    injured: Quantity | None = None
    casualties: Quantity | None = None
    spans: dict[str, Span] = field(default_factory=dict)  # field -> evidence (absolute offsets)

    def __bool__(self) -> bool:
        return any(getattr(self, f) is not None for f in FIELDS)


# --- lexicon ------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)  # hashed by identity: loaded once
class _Lexicon:
    raw: dict[str, Any]
    phrases: dict[tuple[str, ...], tuple[str, frozenset[str]]]  # casualty phrase -> field, kinds
    qualifiers: dict[tuple[str, ...], str]
    vague: dict[tuple[str, ...], int]
    count_words: dict[tuple[str, ...], int]
    breakdown: frozenset[tuple[str, ...]]
    between: frozenset[tuple[str, ...]]
    keys: dict[str, frozenset[tuple[str, ...]]]  # phrase sets of the dicts above, for _match

    def set(self, key: str) -> frozenset[str]:
        return _word_set(self, key)


@cache
def _word_set(lex: _Lexicon, key: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in lex.raw[key])


def _split(phrase: str) -> tuple[str, ...]:
    return tuple(t.lower() for t in _tokenise_words(phrase))


@cache
def _lexicon() -> _Lexicon:
    text = resources.files("marsad.data").joinpath("numbers.yaml").read_text("utf-8")
    raw = yaml.safe_load(text)
    phrases: dict[tuple[str, ...], tuple[str, set[str]]] = {}
    for name, kinds in raw["casualty"].items():
        for kind, words in kinds.items():
            for w in words:
                key = _split(w)
                f, ks = phrases.setdefault(key, (name, set()))
                if f != name:  # "dead" is both killed noun and intransitive: same field
                    raise ValueError(f"numbers.yaml: {w!r} listed under {f} and {name}")
                ks.add(kind)
    quals = {_split(p): q for q, ps in raw["qualifiers"].items() for p in ps}
    lex = _Lexicon(
        raw=raw,
        phrases={k: (f, frozenset(ks)) for k, (f, ks) in phrases.items()},
        qualifiers=quals,
        vague={_split(k): int(v) for k, v in raw["vague"].items()},
        count_words={_split(k): int(v) for k, v in raw["count_words"].items()},
        breakdown=frozenset(_split(p) for p in raw["breakdown"]),
        between=frozenset(_split(p) for p in raw["between"]),
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


def _tokenise_words(text: str) -> list[str]:
    return [m.group() for m in _TOKEN.finditer(text)]


@dataclass(frozen=True, slots=True)
class _Tok:
    start: int
    end: int
    text: str
    low: str


def _tokens(text: str, start: int, end: int) -> list[_Tok]:
    return [
        _Tok(m.start(), m.end(), m.group(), m.group().lower())
        for m in _TOKEN.finditer(text, start, end)
    ]


@cache
def _by_first(phrases: frozenset[tuple[str, ...]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for p in phrases:
        index.setdefault(p[0], []).append(p)
    return {k: tuple(v) for k, v in index.items()}


def _match(toks: list[_Tok], i: int, phrases: frozenset[tuple[str, ...]]) -> int:
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

# fmt: off
_MONTHS = frozenset([
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
])
# fmt: on
_ORDINAL = re.compile(r"\d+(st|nd|rd|th)$")
_DATE_LIKE = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}")
_CLOCK = re.compile(r"\d{1,2}[:h]\d{2}")


@dataclass(frozen=True, slots=True)
class _Num:
    first: int  # token index where the mention starts (qualifier included)
    last: int  # token index after the mention
    mention: NumberMention


def _word_number(toks: list[_Tok], i: int) -> tuple[int, int] | None:
    """Parse "twenty-three", "one hundred and five", "a thousand" from token i."""
    lex = _lexicon().raw
    units, tens, scales = lex["units"], lex["tens"], lex["scales"]
    total = current = 0
    j, seen = i, False
    if (
        j + 1 < len(toks)
        and toks[j].low in ("a", "an")
        and toks[j + 1].low in scales
        and toks[j + 1].low != "billion"
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
            w == "and"
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


def _digit_number(toks: list[_Tok], i: int) -> tuple[int, int] | None:
    t = toks[i].text
    if not t[0].isdigit() or _ORDINAL.match(t):
        return None
    scales = _lexicon().raw["scales"]
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


def _is_sentence_start(toks: list[_Tok], i: int) -> bool:
    return i == 0 or toks[i - 1].text in {".", "!", "?", ":", ";", "(", '"', "“", "‘", "'", "\n"}


def _not_a_count(text: str, toks: list[_Tok], i: int, j: int, value: int) -> bool:
    """True when digits at tokens [i, j) are a year, date, time, sum, share or label."""
    lex = _lexicon().raw
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
    if after.isalpha() and not text[toks[j - 1].end :].lower().startswith(("km", "kg")):
        return True
    window = text[max(0, tok.start - 6) : toks[j - 1].end + 6]
    if _DATE_LIKE.search(window) or _CLOCK.search(window):
        return True
    if prev in _MONTHS or nxt in _MONTHS or (nxt == "of" and nxt2 in _MONTHS):
        return True
    if prev in lex["currency_symbols"] or before in lex["currency_symbols"]:
        return True
    if prev in lex["currency_words"] or nxt in lex["currency_words"]:
        return True
    if nxt in lex["percent_words"] or (nxt == "per" and nxt2 == "cent"):
        return True
    if nxt in lex["time_words"] or (nxt in ("a", "p") and nxt2 == "."):
        return True
    if prev in lex["label_before"] or (prev == "." and i > 1 and toks[i - 2].low in ("no", "nr")):
        return True  # "No. 71 Ward", "Route 1"
    if re.match(r"[\s-]*years?[\s-]*old", text[toks[j - 1].end :], re.I):
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
        if not nxt.isalpha() or nxt in _lexicon().set("np_stop") or toks[j].text[0].isupper():
            return True
    return False


def _core_number(text: str, toks: list[_Tok], i: int) -> tuple[int, int, bool] | None:
    """(value, end, vague) for a number that starts at token i, without its qualifier."""
    lex = _lexicon()
    n = _match(toks, i, lex.keys["vague"])
    if n:
        words = tuple(t.low for t in toks[i : i + n])
        nxt = toks[i + n].low if i + n < len(toks) else ""
        needs_context = words[-1] in lex.raw["vague_need_context"] and len(words) == 1
        if (
            not needs_context
            or nxt == "of"
            or nxt in lex.set("auxiliaries")
            or _casualty_at(toks, i + n)
        ):
            return lex.vague[words], i + n, True
    if toks[i].text[0].isdigit():
        got = _digit_number(toks, i)
        if got is None or _not_a_count(text, toks, i, got[1], got[0]):
            return None
        return got[0], got[1], False
    got = _word_number(toks, i)
    if got is None:
        return None
    value, j = got
    prev = toks[i - 1].low if i > 0 else ""
    nxt = toks[j].low if j < len(toks) else ""
    if toks[i].low == "one" and (
        prev in ("no", "any", "every", "some", "the", "each", "which", "this", "that")
        or nxt in ("another", "day", "time", "way", "side", "hand")
    ):
        return None  # "no one", "one another", "one day": not a count
    if nxt in _MONTHS or prev in _MONTHS:
        return None  # "the first of May" never reaches here; "May one" is rare but a date
    return value, j, False


def _numbers(text: str, toks: list[_Tok]) -> list[_Num]:
    lex = _lexicon()
    found: list[_Num] = []
    i = 0
    while i < len(toks):
        q = _match(toks, i, lex.keys["qualifiers"])
        qualifier: str = lex.qualifiers[tuple(t.low for t in toks[i : i + q])] if q else "exact"
        core = _core_number(text, toks, i + q) if i + q < len(toks) else None
        if core is None and q:
            qualifier, q = "exact", 0
            core = _core_number(text, toks, i)
        if core is None:
            i += 1
            continue
        value, j, vague = core
        if vague and qualifier == "exact":
            qualifier = "about"
        # a range "10-12", "between 16 and 25", "two or three": the lower bound, at least
        prev = toks[i - 1].low if i > 0 else ""
        if j + 1 < len(toks) and (
            toks[j].text in ("-", "–")
            or toks[j].low == "or"
            or (toks[j].low == "to" and prev != "from")
            or (toks[j].low == "and" and prev == "between")
        ):
            hi = _core_number(text, toks, j + 1)
            if hi is not None and hi[0] > value:
                j = hi[1]
                if qualifier == "exact":
                    qualifier = "more_than"
        if prev == "between" and i > 0:
            i -= 1  # the span says "between 16 and 25"
        span = Span(toks[i].start, toks[j - 1].end, text[toks[i].start : toks[j - 1].end])
        found.append(_Num(i, j, NumberMention(span, value, qualifier)))  # type: ignore[arg-type]
        i = j
    return found


def find_numbers(text: str, start: int = 0, end: int | None = None) -> list[NumberMention]:
    """Counts in text[start:end], in order; spans are offsets into text."""
    toks = _tokens(text, start, len(text) if end is None else end)
    return [n.mention for n in _numbers(text, toks)]


# --- tolls --------------------------------------------------------------------------------


def _casualty_at(toks: list[_Tok], i: int) -> tuple[str, frozenset[str], int] | None:
    """(field, kinds, end) of the longest casualty phrase at token i."""
    lex = _lexicon()
    n = _match(toks, i, lex.keys["phrases"])
    if not n:
        return None
    field, kinds = lex.phrases[tuple(t.low for t in toks[i : i + n])]
    return field, kinds, i + n


@dataclass(frozen=True, slots=True)
class _Group:
    value: int
    qualifier: str
    first: int
    last: int  # token after the group


class _Reader:
    """One sentence's tokens and numbers, and the small parsers over them."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.toks = _tokens(text, start, end)
        self.nums = {n.first: n for n in _numbers(text, self.toks)}
        self.lex = _lexicon()
        self.np_stop = self.lex.set("np_stop")
        self.plural = self.lex.set("plural_nouns")
        self.singular_s = self.lex.set("singular_s")
        self.not_people = self.lex.set("not_people")
        self.pronouns = {k.lower(): int(v) for k, v in self.lex.raw["object_pronouns"].items()}

    def low(self, i: int) -> str:
        return self.toks[i].low if 0 <= i < len(self.toks) else ""

    def _noun_phrase(self, i: int) -> tuple[int, str | None]:
        """Consume a noun phrase from i: (end, head word or None if empty).

        A measure word among the first two ("4 years ago", "10 times") makes the head that
        word, so the caller can tell a measure from people."""
        head, j, taken = None, i, 0
        while j < len(self.toks) and taken < 8:
            t = self.toks[j]
            if t.text == "(":  # an aside: "fighters (VDP)"
                close = next(
                    (k for k in range(j, len(self.toks)) if self.toks[k].text == ")"), None
                )
                if close is None:
                    break
                j = close + 1
                continue
            if t.text in ("-", "'", "’", "‘", "“", "”", '"'):
                j += 1
                continue
            if not t.text[0].isalpha() or t.low in self.np_stop or t.low in ("and", "or"):
                break
            if _casualty_at(self.toks, j) or j in self.nums:
                break
            if t.low == "of":  # "two of the attackers", "the driver of a bus"
                j += 1
                while self.low(j) in ("the", "a", "an", "his", "her", "their", "its"):
                    j += 1
                taken += 1
                continue
            if taken < 2 and t.low in self.not_people:
                return j + 1, t.low
            if head is None or self.low(j - 1) != "of":
                head = t.low
            j += 1
            taken += 1
        return j, head

    def _is_plural(self, word: str) -> bool:
        if word in self.plural:
            return True
        if word in self.singular_s:
            return False
        return word.endswith("s") and not word.endswith(("ss", "us", "is"))

    def _name(self, i: int) -> int | None:
        """End of a proper name at i ("Abu Taqwa", "Talib Ali Al-Saidi"), else None."""
        particles = {"al", "el", "bin", "ibn", "abu", "de", "da", "van", "von", "la", "del"}
        j = i
        while j < len(self.toks):
            t = self.toks[j].text
            next_is_cap = j + 1 < len(self.toks) and self.toks[j + 1].text[:1].isupper()
            capitalised = t[:1].isupper() and t[1:].islower() and t.isalpha()
            joiner = (t == "-" and j > i) or self.low(j) in particles
            if not (capitalised or (joiner and next_is_cap)):
                break
            j += 1
        if j == i:
            return None
        nxt = self.toks[j] if j < len(self.toks) else None
        if (
            nxt is not None
            and nxt.text[0].isalpha()
            and nxt.low not in self.np_stop
            and nxt.low not in ("and", "or")
        ):
            return None  # "Russian soldiers": an adjective, not a name
        return j

    def conjunct(self, i: int, obj: bool) -> _Group | None:
        if i >= len(self.toks):
            return None
        if i in self.nums:
            n = self.nums[i]
            end, head = self._noun_phrase(n.last)
            if head in self.not_people:
                return None
            m = n.mention
            return _Group(m.value, m.qualifier, i, end)
        k = _match(self.toks, i, self.lex.keys["count_words"])
        if k:
            words = tuple(t.low for t in self.toks[i : i + k])
            if i + k in self.nums:  # "the two", "his three sons"
                inner = self.conjunct(i + k, obj)
                return inner and _Group(inner.value, inner.qualifier, i, inner.last)
            end, head = self._noun_phrase(i + k)
            if head is None:  # "killed him", "killed her": a pronoun, only as an object
                if obj and words[0] in self.pronouns and k == 1:
                    return _Group(self.pronouns[words[0]], "exact", i, i + 1)
                return None
            if head in self.not_people:
                return None
            value = self.lex.count_words[words]
            singular_det = words[0] in ("a", "an", "another", "one", "a single")
            if value == 1 and not singular_det and self._is_plural(head):
                return None  # "the victims": no count
            return _Group(value, "exact", i, end)
        if obj and self.low(i) in self.pronouns:
            return _Group(self.pronouns[self.low(i)], "exact", i, i + 1)
        if obj:
            end = self._name(i)
            if end is not None:
                return _Group(1, "exact", i, end)
        return None

    def group(self, i: int, obj: bool) -> _Group | None:
        """Conjoined counted phrases: "Two policemen and one polio worker"."""
        first = self.conjunct(i, obj)
        if first is None:
            return None
        value, qual, end = first.value, first.qualifier, first.last
        while True:
            j = end
            if self.low(j) == ",":
                j += 1
            if self.low(j) in ("and", "or") or (self.low(j) == "as" and self.low(j + 1) == "well"):
                j += 3 if self.low(j) == "as" else 1
            if j == end:
                break
            nxt = self.conjunct(j, obj)
            if nxt is None:
                break
            value += nxt.value
            qual = qual if qual != "exact" else nxt.qualifier
            end = nxt.last
        # a breakdown keeps the total: "eight persons, including four policemen ... were killed"
        j = end + (self.low(end) in (",", "("))
        k = _match(self.toks, j, self.lex.breakdown)
        if k:
            inner = self.group(j + k, obj)
            if inner is not None:
                end = inner.last + (self.low(inner.last) in (")", ","))
            else:  # "Scores of members, including high profile commanders, were killed"
                close = next(
                    (
                        m
                        for m in range(j + k, min(j + k + 10, len(self.toks)))
                        if self.toks[m].text in (",", ")")
                    ),
                    None,
                )
                if close is not None:
                    end = close + 1
        return _Group(value, qual, i, end)

    def span(self, i: int, j: int) -> Span:
        a, b = self.toks[i].start, self.toks[j - 1].end
        return Span(a, b, self.text[a:b])

    def in_parens(self, i: int) -> bool:
        depth = 0
        for t in self.toks[:i]:
            depth += (t.text == "(") - (t.text == ")")
        return depth > 0


@dataclass(frozen=True, slots=True)
class _Hit:
    field: str
    value: int
    qualifier: str
    span: Span
    aside: bool  # inside parentheses: another source's figure, dropped if the main text has one


def _subject_hits(r: _Reader, used: set[int]) -> list[_Hit]:
    """ "three soldiers were killed", "a man died", "left 3 dead"."""
    hits = []
    aux = r.lex.set("auxiliaries")
    i = 0
    while i < len(r.toks):
        g = r.group(i, obj=False)
        if g is None:
            i += 1
            continue
        j, saw_aux, saw_and, steps = g.last, False, False, 0
        cas = _casualty_at(r.toks, j)
        while cas is None and steps < 5:
            k = _match(r.toks, j, r.lex.between)
            if not k:
                break
            saw_aux |= r.low(j) in aux
            saw_and |= r.low(j) in ("and", "or")
            j, steps = j + k, steps + 1
            cas = _casualty_at(r.toks, j)
        if cas is None or not ({"verbs", "intransitive"} & cas[1]):
            i = max(i + 1, g.first + 1)
            continue
        field, kinds, end = cas
        if "intransitive" not in kinds and not saw_aux:
            # "gunmen killed a man" is active: the object is the toll, not the subject
            after = r.toks[end] if end < len(r.toks) else None
            active = saw_and or (
                after is not None
                and after.text[0].isalnum()
                and after.low not in r.np_stop
                and after.low not in ("and", "or")
            )
            if active:
                i = g.last
                continue
        hits.append(_Hit(field, g.value, g.qualifier, r.span(g.first, end), r.in_parens(g.first)))
        used.update(range(g.first, end))
        i = end
    return hits


def _object_hits(r: _Reader, used: set[int]) -> list[_Hit]:
    """ "killing two civilians", "killed Abu Taqwa and another element", "the death of a man"."""
    hits = []
    i = 0
    while i < len(r.toks):
        cas = _casualty_at(r.toks, i) if i not in used else None
        if cas is None or not ({"verbs", "of_nouns"} & cas[1]):
            i += 1
            continue
        field, _kinds, end = cas
        g = r.group(end, obj=True)
        if g is None:
            i = end
            continue
        hits.append(_Hit(field, g.value, g.qualifier, r.span(i, g.last), r.in_parens(i)))
        used.update(range(i, g.last))
        i = g.last
    return hits


_TALLY_LINK = (
    "rose",
    "rises",
    "risen",
    "climbed",
    "increased",
    "reached",
    "stood",
    "stands",
    "now",
    "to",
    "at",
    "of",
    "is",
    "was",
    "were",
    "are",
    "coded",
    "as",
    "has",
    "had",
    ":",
    "totalled",
    "totaled",
    "numbered",
    "hit",
)


def _noun_hits(r: _Reader, used: set[int]) -> list[_Hit]:
    """ "60 casualties", "3 fatalities", "the death toll rose to 12", "fatalities coded as 20"."""
    hits = []
    by_end = {n.last: n for n in r.nums.values()}
    for i in range(len(r.toks)):
        if i in used:
            continue
        cas = _casualty_at(r.toks, i)
        if cas is None or "nouns" not in cas[1]:
            continue
        field, _kinds, end = cas
        # number before the noun, with up to three modifiers: "60 civilian casualties"
        k = i
        while k > 0 and k not in by_end and i - k < 3:
            w = r.toks[k - 1]
            if not w.text[0].isalpha() or w.low in r.np_stop or w.low in ("and", "or"):
                break
            k -= 1
        n = by_end.get(k)
        if n is not None and n.first not in used:
            hits.append(
                _Hit(
                    field,
                    n.mention.value,
                    n.mention.qualifier,
                    r.span(n.first, end),
                    r.in_parens(i),
                )
            )
            used.update(range(n.first, end))
            continue
        # number after the noun: "death toll rose to 12", "Fatalities coded as 3"
        j = end
        while r.low(j) in _TALLY_LINK and j - end < 4:
            j += 1
        if j > end and j in r.nums and j not in used:
            m = r.nums[j]
            hits.append(
                _Hit(field, m.mention.value, m.mention.qualifier, r.span(i, m.last), r.in_parens(i))
            )
            used.update(range(i, m.last))
    return hits


@cache
def _zero_lexicon() -> tuple[
    frozenset[tuple[str, ...]],
    frozenset[str],
    dict[tuple[str, ...], list[str]],
    frozenset[tuple[str, ...]],
    dict[tuple[str, ...], list[str]],
]:
    z = _lexicon().raw["zero"]
    return (
        frozenset(_split(d) for d in z["determiners"]),
        frozenset(w.lower() for w in z["harmless_modifiers"]),
        {_split(k): v for k, v in z["nouns"].items()},
        frozenset(_split(s) for s in z["subjects"]),
        {_split(k): v for k, v in z["verbs"].items()},
    )


def _zero_hits(r: _Reader) -> list[_Hit]:
    """ "causing no human casualties", "no one was hurt", "without casualties"."""
    dets, harmless, nouns, subjects, verbs = _zero_lexicon()
    noun_keys, verb_keys = frozenset(nouns), frozenset(verbs)
    hits: list[_Hit] = []
    for i in range(len(r.toks)):
        k = _match(r.toks, i, dets)
        if k:
            j, fields = i + k, set()
            while j < len(r.toks):
                n = _match(r.toks, j, noun_keys)
                if n:
                    fields.update(nouns[tuple(t.low for t in r.toks[j : j + n])])
                    j += n
                elif r.low(j) in harmless and j - i < 6:
                    j += 1
                else:
                    break
            for f in fields:
                hits.append(_Hit(f, 0, "exact", r.span(i, j), r.in_parens(i)))
            if fields:
                continue
        k = _match(r.toks, i, subjects)
        if k:
            j = i + k
            while not _match(r.toks, j, verb_keys) and j - i < 6:
                step = _match(r.toks, j, r.lex.between)
                if not step:
                    break
                j += step
            n = _match(r.toks, j, verb_keys)
            if n:
                for f in verbs[tuple(t.low for t in r.toks[j : j + n])]:
                    hits.append(_Hit(f, 0, "exact", r.span(i, j + n), r.in_parens(i)))
    return hits


def _combine(hits: list[_Hit]) -> tuple[Quantity, Span] | None:
    if not hits:
        return None
    if any(not h.aside for h in hits):
        hits = [h for h in hits if not h.aside]
    positive = [h for h in hits if h.value > 0]
    hits = positive or hits[:1]  # a count beats a zero said of the same field
    value = sum(h.value for h in hits)
    qualifier = next((h.qualifier for h in hits if h.qualifier != "exact"), "exact")
    first = min(hits, key=lambda h: h.span.start).span
    last = max(hits, key=lambda h: h.span.end).span
    text_span = Span(first.start, last.end, "")
    return Quantity(value, qualifier), text_span  # type: ignore[arg-type]


def find_toll(text: str, start: int = 0, end: int | None = None) -> Toll:
    """Killed / injured / casualties said in the sentence text[start:end].

    Figures from several phrases of one sentence add up ("two policemen were killed and a
    police officer died later"); a zero only stands when nothing in the sentence counts
    the same field.
    """
    end = len(text) if end is None else end
    r = _Reader(text, start, end)
    used: set[int] = set()
    hits = _subject_hits(r, used) + _object_hits(r, used) + _noun_hits(r, used) + _zero_hits(r)
    values: dict[str, Quantity] = {}
    spans: dict[str, Span] = {}
    for name in FIELDS:
        got = _combine([h for h in hits if h.field == name])
        if got is not None:
            q, s = got
            values[name] = q
            spans[name] = Span(s.start, s.end, text[s.start : s.end])
    return Toll(values.get("killed"), values.get("injured"), values.get("casualties"), spans)

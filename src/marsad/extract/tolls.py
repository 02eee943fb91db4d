"""Casualty tolls in news text: how many were killed, injured, or are "casualties".

`find_toll` reads one sentence and gives each figure with the span that supports it; an
explicit zero ("causing no human casualties") is a value, silence is None. The numbers come
from extract/numbers.py; the words from data/numbers.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from marsad.analyse.profiles import LanguageProfile
from marsad.context import Context
from marsad.extract.numbers import casualty_at, match_phrase, number_words, split_phrase
from marsad.extract.sentence_numbers import SentenceNumbers
from marsad.types import Quantity, Span

FIELDS = ("killed", "injured", "casualties")


@dataclass(frozen=True, slots=True)
class Toll:
    killed: Quantity | None = None
    injured: Quantity | None = None
    casualties: Quantity | None = None
    spans: dict[str, Span] = field(default_factory=dict)  # field -> evidence (absolute offsets)

    def __bool__(self) -> bool:
        return any(getattr(self, f) is not None for f in FIELDS)


@dataclass(frozen=True, slots=True)
class _Hit:
    field: str
    value: int
    qualifier: str
    span: Span
    aside: bool  # inside parentheses: another source's figure, dropped if the main text has one


def _subject_hits(r: SentenceNumbers, used: set[int]) -> list[_Hit]:
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
        cas = casualty_at(r.ctx, r.toks, j)
        while cas is None and steps < 5:
            k = match_phrase(r.toks, j, r.lex.between)
            if not k:
                break
            saw_aux |= r.low(j) in aux
            saw_and |= r.low(j) in r.conjunctions
            j, steps = j + k, steps + 1
            cas = casualty_at(r.ctx, r.toks, j)
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
                and after.low not in r.conjunctions
            )
            if active:
                i = g.last
                continue
        hits.append(_Hit(field, g.value, g.qualifier, r.span(g.first, end), r.in_parens(g.first)))
        used.update(range(g.first, end))
        i = end
        died = _died_later(r, end) if field == "injured" else None
        if died is not None:
            # "an officer wounded in the blast later died": the wounded are also the dead
            hits.append(_Hit("killed", g.value, g.qualifier, r.span(g.first, died),
                             r.in_parens(g.first)))
            used.update(range(end, died))
            i = died
    return hits


_CLAUSE_ENDS = frozenset({",", ";", ".", "(", ")"})


def _died_later(r: SentenceNumbers, j: int, reach: int = 8) -> int | None:
    """Where a death said of the same subject ends, after its injury participle and what
    qualifies it ("wounded [in the blast later] died"), within the clause; else None."""
    for k in range(j, min(j + reach, len(r.toks))):
        if r.low(k) in _CLAUSE_ENDS or r.low(k) in r.conjunctions:
            return None
        cas = casualty_at(r.ctx, r.toks, k)
        if cas is not None:
            return cas[2] if cas[0] == "killed" and "intransitive" in cas[1] else None
    return None


def _object_hits(r: SentenceNumbers, used: set[int]) -> list[_Hit]:
    """ "killing two civilians", "killed Abu Taqwa and another element", "the death of a man"."""
    hits = []
    i = 0
    while i < len(r.toks):
        cas = casualty_at(r.ctx, r.toks, i) if i not in used else None
        if cas is None or not ({"verbs", "of_nouns"} & cas[1]):
            i += 1
            continue
        field, _kinds, end = cas
        g = r.group(end, obj=True)
        if g is None:
            i = end
            continue
        if g.first in used:  # "the bodies of 50 soldiers were found executed": counted once
            i = g.last
            continue
        hits.append(_Hit(field, g.value, g.qualifier, r.span(i, g.last), r.in_parens(i)))
        used.update(range(i, g.last))
        i = g.last
    return hits


def _a_modifier(r: SentenceNumbers, j: int) -> bool:
    """Whether token j may modify a counted noun: a word, not a group ("soldiers")."""
    if not 0 <= j < len(r.toks) or j in r.nums:
        return False
    w = r.toks[j]
    return (w.text[0].isalpha() and w.low not in r.np_stop and w.low not in r.plural
            and not w.low.endswith("s"))


def _noun_hits(r: SentenceNumbers, used: set[int]) -> list[_Hit]:
    """ "60 casualties", "3 fatalities", "the death toll rose to 12", "fatalities coded as 20"."""
    hits = []
    by_end = {n.last: n for n in r.nums.values()}
    for i in range(len(r.toks)):
        if i in used:
            continue
        cas = casualty_at(r.ctx, r.toks, i)
        if cas is None or "nouns" not in cas[1]:
            continue
        field, _kinds, end = cas
        # number before the noun, with up to three modifiers: "60 civilian casualties",
        # two of them joined ("25 charred and bloated bodies"), never two groups
        k, joined = i, 0
        while k > 0 and k not in by_end and i - k < 3 + joined:
            w = r.toks[k - 1]
            if not w.text[0].isalpha() or w.low in r.np_stop:
                break
            if w.low in r.conjunctions:
                if joined or k == i or not _a_modifier(r, k) or not _a_modifier(r, k - 2):
                    break
                joined = 1
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
        while r.low(j) in r.lex.set("tally_links") and j - end < 4:
            j += 1
        if j > end and j in r.nums and j not in used:
            m = r.nums[j]
            hits.append(
                _Hit(field, m.mention.value, m.mention.qualifier, r.span(i, m.last), r.in_parens(i))
            )
            used.update(range(i, m.last))
    return hits


@cache
def _zero_lexicon(profile: LanguageProfile) -> tuple[
    frozenset[tuple[str, ...]],
    frozenset[str],
    dict[tuple[str, ...], list[str]],
    frozenset[tuple[str, ...]],
    dict[tuple[str, ...], list[str]],
]:
    z = number_words(profile).raw["zero"]
    return (
        frozenset(split_phrase(d) for d in z["determiners"]),
        frozenset(w.lower() for w in z["harmless_modifiers"]),
        {split_phrase(k): v for k, v in z["nouns"].items()},
        frozenset(split_phrase(s) for s in z["subjects"]),
        {split_phrase(k): v for k, v in z["verbs"].items()},
    )


def _zero_hits(r: SentenceNumbers) -> list[_Hit]:
    """ "causing no human casualties", "no one was hurt", "without casualties"."""
    dets, harmless, nouns, subjects, verbs = _zero_lexicon(r.ctx.profile)
    noun_keys, verb_keys = frozenset(nouns), frozenset(verbs)
    hits: list[_Hit] = []
    for i in range(len(r.toks)):
        k = match_phrase(r.toks, i, dets)
        if k:
            j, fields = i + k, set()
            while j < len(r.toks):
                n = match_phrase(r.toks, j, noun_keys)
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
        k = match_phrase(r.toks, i, subjects)
        if k:
            j = i + k
            while not match_phrase(r.toks, j, verb_keys) and j - i < 6:
                step = match_phrase(r.toks, j, r.lex.between)
                if not step:
                    break
                j += step
            n = match_phrase(r.toks, j, verb_keys)
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


def find_toll(ctx: Context, text: str, start: int = 0, end: int | None = None) -> Toll:
    """Killed / injured / casualties said in the sentence text[start:end].

    Figures from several phrases of one sentence add up ("two policemen were killed and a
    police officer died later"); a zero only stands when nothing in the sentence counts
    the same field.
    """
    end = len(text) if end is None else end
    r = SentenceNumbers(ctx, text, start, end)
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

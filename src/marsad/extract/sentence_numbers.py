"""One sentence's tokens and numbers, and the small parsers the toll reader uses over them:
noun groups with their count ("two policemen and a civilian"), conjuncts, breakdowns."""

from __future__ import annotations

from dataclasses import dataclass

from marsad.context import Context
from marsad.extract.numbers import casualty_at, match_phrase, number_words, numbers_in, tokens
from marsad.types import Span


@dataclass(frozen=True, slots=True)
class Group:
    value: int
    qualifier: str
    first: int
    last: int  # token after the group


class SentenceNumbers:
    """One sentence's tokens and numbers, and the small parsers over them."""

    def __init__(self, ctx: Context, text: str, start: int, end: int) -> None:
        self.ctx = ctx
        self.text = text
        self.toks = tokens(text, start, end)
        self.nums = {n.first: n for n in numbers_in(ctx, text, self.toks)}
        self.lex = number_words(ctx.profile)
        self.np_stop = self.lex.set("np_stop")
        self.plural = self.lex.set("plural_nouns")
        self.singular_s = self.lex.set("singular_s")
        self.not_people = self.lex.set("not_people")
        self.conjunctions = self.lex.set("conjunctions")
        self.of = self.lex.set("of_words")
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
            if not t.text[0].isalpha() or t.low in self.np_stop or t.low in self.conjunctions:
                break
            if casualty_at(self.ctx, self.toks, j) or j in self.nums:
                break
            if t.low in self.of:  # "two of the attackers", "the driver of a bus"
                j += 1
                while self.low(j) in self.lex.set("determiners"):
                    j += 1
                taken += 1
                continue
            if taken < 2 and t.low in self.not_people:
                return j + 1, t.low
            if head is None or self.low(j - 1) not in self.of:
                head = t.low
            j += 1
            taken += 1
        return j, head

    def _is_plural(self, word: str) -> bool:
        if word in self.plural:
            return True
        if word in self.singular_s:
            return False
        plural = self.lex.raw["plural_ending"]
        return word.endswith(plural["ending"]) and not word.endswith(tuple(plural["except"]))

    def _name(self, i: int) -> int | None:
        """End of a proper name at i ("Abu Taqwa", "Talib Ali Al-Saidi"), else None."""
        particles = self.lex.set("name_particles")
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
            and nxt.low not in self.conjunctions
        ):
            return None  # "Russian soldiers": an adjective, not a name
        return j

    def conjunct(self, i: int, obj: bool) -> Group | None:
        if i >= len(self.toks):
            return None
        if i in self.nums:
            n = self.nums[i]
            end, head = self._noun_phrase(n.last)
            if head in self.not_people:
                return None
            m = n.mention
            return Group(m.value, m.qualifier, i, end)
        k = match_phrase(self.toks, i, self.lex.keys["count_words"])
        if k:
            words = tuple(t.low for t in self.toks[i : i + k])
            if i + k in self.nums:  # "the two", "his three sons"
                inner = self.conjunct(i + k, obj)
                return inner and Group(inner.value, inner.qualifier, i, inner.last)
            end, head = self._noun_phrase(i + k)
            if head is None:  # "killed him", "killed her": a pronoun, only as an object
                if obj and words[0] in self.pronouns and k == 1:
                    return Group(self.pronouns[words[0]], "exact", i, i + 1)
                return None
            if head in self.not_people:
                return None
            value = self.lex.count_words[words]
            singular_det = words[0] in self.lex.set("singular_determiners")
            if value == 1 and not singular_det and self._is_plural(head):
                return None  # "the victims": no count
            return Group(value, "exact", i, end)
        if obj and self.low(i) in self.pronouns:
            return Group(self.pronouns[self.low(i)], "exact", i, i + 1)
        if obj:
            end = self._name(i)
            if end is not None:
                return Group(1, "exact", i, end)
        return None

    def group(self, i: int, obj: bool) -> Group | None:
        """Conjoined counted phrases: "Two policemen and one polio worker"."""
        first = self.conjunct(i, obj)
        if first is None:
            return None
        value, qual, end = first.value, first.qualifier, first.last
        while True:
            j = end
            if self.low(j) == ",":
                j += 1
            also = self.lex.raw["as_well"]
            if self.low(j) in self.conjunctions or [self.low(j), self.low(j + 1)] == also:
                j += len(also) + 1 if self.low(j) == also[0] else 1
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
        k = match_phrase(self.toks, j, self.lex.breakdown)
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
        return Group(value, qual, i, end)

    def span(self, i: int, j: int) -> Span:
        a, b = self.toks[i].start, self.toks[j - 1].end
        return Span(a, b, self.text[a:b])

    def in_parens(self, i: int) -> bool:
        depth = 0
        for t in self.toks[:i]:
            depth += (t.text == "(") - (t.text == ")")
        return depth > 0



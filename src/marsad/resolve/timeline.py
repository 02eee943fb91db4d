"""The date of an event: the time expressions of its sentence, resolved against the
publication date or against the events around it (extract/times.py reads the expressions
of its sentence, resolve/when.py resolves one).

- "on Friday", "Friday, December 8th": against the publication date.
- "X comes a day after Y": Y's date is X's date less a day; X is the event the subject of
  the sentence names ("the formation of the committee"), found among the events already
  dated in the document by its words, else the last dated event.
- "since October 17th": a range up to publication (resolve/when.py).
- No expression: a sentence that continues the previous one's report takes its date
  (a statement the statement just before it, an incident the incident just before it);
  otherwise a statement is dated by publication (news reports what was said that day).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from marsad.analyse import Sentence
from marsad.resolve.when import resolve
from marsad.types import Span, TimeExpression, When

# How far back (in sentences) a report without a date of its own continues a dated one.
CONTINUES = {"statement": 2, "incident": 1}


@dataclass(frozen=True, slots=True)
class Dated:
    """An event already dated in the document."""

    sentence: int
    paragraph: int
    kind: str  # statement / incident / aggregate
    when: When
    nouns: frozenset[str]  # its sentence's nouns, to find what a later sentence names
    explicit: bool  # dated by its own sentence (or an anchor), not inherited or by default


@dataclass
class Timeline:
    """The dated events of one document, in order."""

    published: date | None
    # the text's time expressions, for its year when there is no publication date
    reference_times: tuple[TimeExpression, ...] = ()
    lang: str = "en"
    noun_pos: frozenset[str] = frozenset()  # the parser's noun labels: what a subject names
    events: list[Dated] = field(default_factory=list)

    def date(self, s: Sentence, times: tuple[TimeExpression, ...], trigger_start: int,
             kind: str) -> tuple[When | None, Span | None]:
        """(when, evidence span) for an event of `kind` whose trigger starts at
        `trigger_start` in sentence `s`, whose time expressions are `times`."""
        for e in times:
            m = e.mention
            if m.kind == "offset":
                if m.span.start > trigger_start:
                    continue  # "X comes a day after Y": the offset dates Y, not X
                anchor = self._anchor(s, e)
                if anchor is None:
                    continue
                got = resolve(e, self.published, anchors=(anchor,),
                              reference_times=self.reference_times, lang=self.lang)
            else:
                got = resolve(e, self.published, reference_times=self.reference_times,
                              lang=self.lang)
            if got.start is not None:
                return got, m.span
        prev = self._continued(s, kind)
        if prev is not None:
            how = f"continues the report of sentence {prev.sentence + 1}: {prev.when.how}"
            return When(prev.when.start, prev.when.end, prev.when.precision, how), None
        if self.published is not None:
            return When(self.published, None, "day",
                        "publication date (no date in the sentence)"), None
        return None, None

    def add(self, s: Sentence, kind: str, when: When | None, explicit: bool) -> None:
        if when is None or when.start is None:
            return
        nouns = _nouns(s, s.end, self.noun_pos)
        self.events.append(Dated(s.index, s.paragraph, kind, when, nouns, explicit))

    def _continued(self, s: Sentence, kind: str) -> Dated | None:
        group = "statement" if kind == "statement" else "incident"
        if kind == "aggregate":
            return None  # a count over a period has its own period or none
        for prev in reversed(self.events):
            if prev.sentence >= s.index:
                continue
            if s.index - prev.sentence > CONTINUES[group]:
                return None
            if prev.kind == kind and prev.when.precision != "range":
                return prev
        return None

    def _anchor(self, s: Sentence, e: TimeExpression) -> date | None:
        """The date of the event the sentence's subject names ("the formation of the
        committee comes a day after ..."), else of the last event dated explicitly."""
        subject = _nouns(s, e.mention.span.start, self.noun_pos)
        best = None
        for prev in reversed(self.events):
            if prev.sentence >= s.index or not prev.explicit:
                continue
            if best is None:
                best = prev
            if subject & prev.nouns:
                return prev.when.start
        return best.when.start if best is not None else self.published


def _nouns(s: Sentence, end: int, noun_pos: frozenset[str]) -> frozenset[str]:
    """Lemmas of the common and proper nouns of the sentence before `end`."""
    return frozenset(t.lemma for t in s.tokens
                     if t.end <= end and t.pos in noun_pos and len(t.lemma) > 2)

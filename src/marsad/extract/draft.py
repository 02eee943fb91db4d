"""An event being assembled from a document's frames, and the tolls its sentences give.

A draft is mutable while the document is read (a later sentence adds a toll, an agent, a
mode); extract/fields.py freezes it into the EventDraft the resolve stage receives.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from marsad.analyse import Sentence
from marsad.context import Context
from marsad.extract.frames import Frame
from marsad.extract.numbers import only_vague
from marsad.extract.tolls import find_toll
from marsad.types import Mention, Quantity, Span


@dataclass
class Draft:
    """An event being assembled (mutable until it is frozen into an Event)."""

    frame: Frame
    sentence: Sentence
    agent: Mention | None
    patient: Mention | None
    killed: tuple[Quantity, Span] | None = None
    injured: tuple[Quantity, Span] | None = None
    casualties: tuple[Quantity, Span] | None = None
    context: set[str] = field(default_factory=set)
    paragraph_text: str = ""
    # an earlier event this one refers back to ("these attacks"): its place and period
    refers_to: Draft | None = None
    # a headline's act as the lead tells it (extract/headlines.py): the evidence
    lead: Sentence | None = None
    # its own clause when its sentence tells several acts: their tolls stay apart
    clause: tuple[int, int] | None = None

    @property
    def kind(self) -> str:
        f = self.frame
        if f.kind == "statement":
            return "statement"
        # counted acts told together are one incident ("two car bombs"); over a period, or
        # referred back to as a group, an aggregate (CODING.md)
        if f.campaign or f.tally or (f.nominal and f.plural and (f.period or f.anaphoric)):
            return "aggregate"
        return "incident"



def add_toll(ctx: Context, d: Draft, text: str, s: Sentence,
             clause: tuple[int, int] | None = None) -> bool:
    """Add the toll of sentence `s` to `d` (`clause`: only that part of it)."""
    if clause is None and d.clause is not None and s is d.sentence:
        clause = d.clause
    start, end = clause if clause is not None else (s.start, s.end)
    toll = find_toll(ctx, text, start, end)
    got = False
    for key in ("killed", "injured", "casualties"):
        q = getattr(toll, key)
        if q is None:
            continue
        span = toll.spans.get(key, Span(s.start, s.end, s.text))
        if q.value and only_vague(ctx, text, span):
            continue  # "dozens were killed": no number, so the lead's may still be read
        if key == "casualties" and q.value == 0:
            # "no casualties": nobody killed and nobody injured
            for k in ("killed", "injured"):
                if getattr(d, k) is None:
                    setattr(d, k, (Quantity(0), span))
            got = True
            continue
        old = getattr(d, key)
        if old is None or old[0].value < q.value:
            setattr(d, key, (q, span))
        got = True
    return got

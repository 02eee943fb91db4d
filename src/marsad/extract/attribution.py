"""Who says so: "according to X", "X said", claims of responsibility, denials.

`attribution(sentence)` maps trigger heads (or -1 for the whole sentence) to their source;
`governing_report(sentence, i)` finds the speaker of a reporting verb above token i
("Al-Sudani said that ..." → Al-Sudani), which is also the actor of statements made in
quoted speech ("The minister stressed: 'We condemn ...'").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from marsad.analyse import Sentence
from marsad.extract import lexicon, roles
from marsad.extract.mentions import Mention, actor_phrase

# First hop from a reporting verb down to the reported clause.
CLAUSAL = frozenset({"ccomp", "parataxis", "xcomp", "advcl", "conj"})


@dataclass(frozen=True, slots=True)
class Attributed:
    source: Mention
    kind: Literal["report", "claim", "denial"] = "report"


def _report_lemmas() -> frozenset[str]:
    return frozenset(lexicon.speech()["report"])


def governing_report(s: Sentence, i: int, clausal_only: bool = False) -> Mention | None:
    """The subject of the nearest reporting verb above token i, if any."""
    reports = _report_lemmas()
    path = [s.tokens[i], *s.ancestors(i)]
    for k, a in enumerate(path[1:], start=1):
        if not reports.isdisjoint(lexicon.forms(a)) and a.pos in ("VERB", "AUX"):
            below = path[k - 1]
            if clausal_only and below.dep not in CLAUSAL:
                return None
            subj = roles.verbal_subject(s, a.i)
            if subj is None:
                return None
            return actor_phrase(s, subj)
    return None


def attribution(s: Sentence) -> dict[int, Attributed]:
    """Sources named in the sentence: -1 holds a sentence-wide "according to X"."""
    out: dict[int, Attributed] = {}
    low = s.text.lower()
    for t in s.tokens:
        if t.lower == "according" and t.i + 1 < len(s.tokens) and s.tokens[t.i + 1].lower == "to":
            obj = roles.first_child(s, t.i + 1, {"pobj"})
            m = actor_phrase(s, obj)
            if m is not None:
                out[-1] = Attributed(m, "report")
        if t.lemma == "claim" and any(c.lemma == "responsibility"
                                      for c in roles.children(s, t.i, {"dobj"})):
            m = actor_phrase(s, roles.verbal_subject(s, t.i))
            if m is not None:
                for c in s.subtree(t.i):
                    out[c.i] = Attributed(m, "claim")
                out.setdefault(-2, Attributed(m, "claim"))
        if t.lemma == "deny" and t.pos == "VERB":
            m = actor_phrase(s, roles.verbal_subject(s, t.i))
            if m is not None:
                for c in s.subtree(t.i):
                    out[c.i] = Attributed(m, "denial")
    if -1 not in out:
        for phrase in lexicon.speech()["according"][1:]:
            if phrase in low:
                k = low.index(phrase) + s.start + len(phrase)
                for t in s.tokens:
                    if t.start >= k and t.pos in ("PROPN", "NOUN"):
                        m = actor_phrase(s, t)
                        if m is not None:
                            out[-1] = Attributed(m, "report")
                        break
                break
    return out


def speakers(s: Sentence) -> list[Mention]:
    """Subjects of reporting verbs: the people a later "he" or "the official" may mean."""
    reports = _report_lemmas()
    out = []
    for t in s.tokens:
        if not reports.isdisjoint(lexicon.forms(t)) and t.pos == "VERB":
            m = actor_phrase(s, roles.verbal_subject(s, t.i))
            if m is not None:
                out.append(m)
    return out

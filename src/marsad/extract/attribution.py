"""Who says so, and whether it happened: attribution and factuality of event triggers.

`attribution(sentence)` maps trigger tokens (or -1 for the whole sentence) to their source:

- "according to X", "as reported by X" (the whole sentence);
- the content of a reporting verb: "X said (that) ...", "..., X said", "X told Y ...",
  "X reported / announced that ...", "sources said", "a statement from X said ...";
- claims of responsibility: "X claimed responsibility for ...", "X claimed the attack",
  "X said it was behind / responsible for ...", "X said it (its fighters) attacked ...";
- denials: "X denied involvement in / responsibility for ...", "X denied that ...",
  "X rejected accusations that ...", "X said it had nothing to do with / was not behind ...".

`factuality(sentence, i, attributed)` reads the parse around trigger i: negated ("did not
attack", "no attack took place", "failed to"), future ("will", "plans to", "is expected
to"), hypothetical ("could", "threatened to", "if ..."), claimed, denied, else asserted. A
negation on something else in the clause does not negate the event: "rockets hit the
embassy, causing no casualties" is an event with zero casualties.

`governing_report(sentence, i)` finds the speaker of a reporting verb above token i
("Al-Sudani said that ..." → Al-Sudani), which is also the actor of statements made in
quoted speech ("The minister stressed: 'We condemn ...'").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from marsad.analyse import Sentence, Token
from marsad.extract import lexicon, roles
from marsad.extract.mentions import Mention, actor_phrase
from marsad.types import Factuality

# First hop from a reporting verb down to the reported clause.
CLAUSAL = frozenset({"ccomp", "parataxis", "xcomp", "advcl", "conj"})
# The reported clause of a reporting verb ("said that X", "X, police said").
CONTENT = frozenset({"ccomp", "parataxis"})
# How a trigger hangs from the verb that carries it ("carried out an attack", "the attack
# took place", "was behind the attack"): negation and modals of that verb are the event's.
CARRIER_DEPS = frozenset({"dobj", "obj", "nsubj", "nsubjpass", "pobj", "prep", "attr",
                          "pcomp", "agent"})  # fmt: skip


@dataclass(frozen=True, slots=True)
class Attributed:
    source: Mention
    kind: Literal["report", "claim", "denial"] = "report"
    cue: int = -1  # the token of the verb that claims, denies or reports (-1: none)


@cache
def _speech() -> dict[str, frozenset[str]]:
    raw: dict[str, Any] = lexicon.speech()
    return {k: frozenset(str(w).lower() for w in v) for k, v in raw.items()}


def _report_lemmas() -> frozenset[str]:
    return _speech()["report"]


def _is_report(t: Token) -> bool:
    return t.pos in ("VERB", "AUX") and not _report_lemmas().isdisjoint(lexicon.forms(t))


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


def _speaker(s: Sentence, verb: int) -> Mention | None:
    """The source of a reporting verb: its subject, or who stands behind a speaking noun
    ("a statement from the ministry said", "the ministry's statement said")."""
    subj = roles.verbal_subject(s, verb)
    if subj is None:
        return None
    if subj.lemma in _speech()["document_nouns"]:
        for p in roles.children(s, subj.i, {"prep"}):
            if p.lower in ("from", "by", "of"):
                obj = roles.first_child(s, p.i, {"pobj"})
                if obj is not None:
                    return actor_phrase(s, obj)
        owner = roles.first_child(s, subj.i, {"poss"})
        if owner is not None and owner.pos != "PRON":
            return actor_phrase(s, owner)
        return None  # "a statement said": no source named
    return actor_phrase(s, subj)


def _content(s: Sentence, verb: int) -> tuple[list[int], list[Token]]:
    """(tokens of the reported content, the content clauses' heads) of reporting verb i."""
    t = s.tokens[verb]
    heads = roles.children(s, verb, CONTENT)
    idx = [c.i for h in heads for c in s.subtree(h.i)]
    if t.dep in CONTENT and t.head != t.i and t.head < verb:
        # "Gunmen killed two policemen, police said" parsed with "said" under "killed"
        own = {c.i for c in s.subtree(verb)}
        head = s.tokens[t.head]
        idx += [c.i for c in s.subtree(head.i) if c.i not in own]
        heads.append(head)
    return idx, heads


def _self(s: Sentence, tok: Token | None) -> bool:
    """A subject that is the speaker itself: "it", "they", "we", "its fighters"."""
    if tok is None:
        return False
    pronouns = _speech()["self_pronouns"]
    if tok.pos == "PRON":
        return tok.lower in pronouns
    return any(c.lower in pronouns for c in roles.children(s, tok.i, {"poss"}))


def _negated_clause(s: Sentence, h: int) -> bool:
    return any(c.dep == "neg" or c.lower == "never" for c in roles.children(s, h))


def _content_kind(s: Sentence, head: Token) -> Literal["report", "claim", "denial"]:
    """A reported clause in which the source speaks of its own acts is a claim ("X said it
    was behind the attack") or a denial ("X said it was not behind / had nothing to do")."""
    sp = _speech()
    subj = roles.verbal_subject(s, head.i) if head.pos in ("VERB", "AUX") else None
    if not _self(s, subj):
        return "report"
    negated = _negated_clause(s, head.i)
    if head.lemma == "have" and any(c.lower == "nothing" for c in roles.children(s, head.i)):
        return "denial"  # "it had nothing to do with the attack"
    if head.lemma == "be":
        preds = [c for c in roles.children(s, head.i, {"prep", "acomp", "attr"})
                 if c.lower in sp["claim_predicates"]]
        if preds:
            return "denial" if negated else "claim"
        return "report"
    if head.lemma in sp["claim_acts"]:
        return "denial" if negated else "claim"
    return "report"


def _mark(out: dict[int, Attributed], idx: list[int], a: Attributed, force: bool) -> None:
    for i in idx:
        if force:
            out[i] = a
        else:
            out.setdefault(i, a)


def _claim(s: Sentence, t: Token) -> bool:
    """"claimed responsibility for", "claimed the attack", "took responsibility / credit"."""
    if t.lemma not in ("claim", "take", "bear", "accept", "assume"):
        return False
    objects = roles.children(s, t.i, {"dobj", "obj"})
    if t.lemma == "claim":
        return any(o.lemma in _speech()["claim_objects"] for o in objects)
    return any(o.lemma in ("responsibility", "credit") for o in objects)


def _denial(s: Sentence, t: Token) -> bool:
    """"denied (any role in / that ...)", "rejected accusations that ...", "distanced itself
    from ..."."""
    sp = _speech()
    if t.pos not in ("VERB", "AUX"):
        return False
    if t.lemma == "deny":
        return True
    if t.lemma in sp["denial_verbs"]:
        return any(o.lemma in sp["denial_objects"] for o in roles.children(s, t.i, {"dobj"}))
    if t.lemma == "distance":
        return any(o.lower in ("itself", "themselves", "himself", "ourselves")
                   for o in roles.children(s, t.i, {"dobj"}))
    return False


def attribution(s: Sentence) -> dict[int, Attributed]:
    """Sources named in the sentence: -1 holds a sentence-wide "according to X", -2 the
    claimant of a claim of responsibility."""
    out: dict[int, Attributed] = {}
    low = s.text.lower()
    # reported content first: an explicit claim or denial inside it overrides it
    for t in s.tokens:
        if not _is_report(t) or _claim(s, t):
            continue
        idx, heads = _content(s, t.i)
        if not idx:
            continue
        m = _speaker(s, t.i)
        if m is None:
            continue
        inside = set(idx)
        for h in heads:
            kind = _content_kind(s, h)
            clause = [c.i for c in s.subtree(h.i) if c.i in inside]
            _mark(out, clause, Attributed(m, kind, t.i), force=kind != "report")
            if kind == "claim":
                out.setdefault(-2, Attributed(m, "claim", t.i))
    for t in s.tokens:
        if t.lower == "according" and t.i + 1 < len(s.tokens) and s.tokens[t.i + 1].lower == "to":
            obj = roles.first_child(s, t.i + 1, {"pobj"})
            m = actor_phrase(s, obj)
            if m is not None:
                out[-1] = Attributed(m, "report", t.i)
        if _claim(s, t):
            m = actor_phrase(s, roles.verbal_subject(s, t.i))
            if m is not None:
                _mark(out, [c.i for c in s.subtree(t.i)], Attributed(m, "claim", t.i), True)
                out.setdefault(-2, Attributed(m, "claim", t.i))
        if _denial(s, t):
            m = actor_phrase(s, roles.verbal_subject(s, t.i))
            if m is not None:
                _mark(out, [c.i for c in s.subtree(t.i)], Attributed(m, "denial", t.i), True)
    if -1 not in out:
        for phrase in lexicon.speech()["according"][1:]:
            if phrase in low:
                k = low.index(phrase) + s.start + len(phrase)
                for t in s.tokens:
                    if t.start >= k and t.pos in ("PROPN", "NOUN"):
                        m = actor_phrase(s, t)
                        if m is not None:
                            out[-1] = Attributed(m, "report", t.i)
                        break
                break
    return out


# --- factuality ---------------------------------------------------------------------------


@cache
def _cues() -> dict[str, frozenset[str]]:
    return lexicon.factuality_cues()


def _carriers(s: Sentence, i: int) -> list[Token]:
    """The trigger and the verbs that carry it, up to the nearest clause head: "attack" in
    "did not carry out any attack" is carried by "carry"; "attack" in "no attack took place"
    by "took"."""
    chain = [s.tokens[i]]
    cur = s.tokens[i]
    while cur.pos not in ("VERB", "AUX") and cur.dep in CARRIER_DEPS and cur.head != cur.i:
        cur = s.tokens[cur.head]
        chain.append(cur)
    return chain


def _governors(s: Sentence, verb: Token) -> list[Token]:
    """Verbs the event's verb is the complement of: "plans to attack", "failed to stop"."""
    out = []
    cur = verb
    while cur.dep in ("xcomp", "conj") and cur.head != cur.i and len(out) < 3:
        cur = s.tokens[cur.head]
        out.append(cur)
    return out


def _has_no(s: Sentence, t: Token) -> bool:
    return any(c.dep == "det" and c.lower in ("no", "neither") for c in roles.children(s, t.i))


def negated(s: Sentence, i: int) -> bool:
    """A negation on the trigger, on the verb that carries it or on the trigger's own
    arguments: "did not attack", "no attack took place", "no facility was hit", "failed to
    strike", "never attacked", "without firing". "rockets hit the embassy, causing no
    casualties" is not: the negation is on another verb's object."""
    chain = _carriers(s, i)
    trigger, verb = chain[0], chain[-1]
    if trigger.pos in ("NOUN", "PROPN") and _has_no(s, trigger):
        return True  # "no attack took place", "no attacks were reported"
    for t in chain:
        if any(c.dep == "neg" or (c.dep == "advmod" and c.lower in _cues()["negation"])
               for c in roles.children(s, t.i)):
            return True
    if verb.pos not in ("VERB", "AUX"):
        return False
    if verb is trigger:
        deps = roles.OBJECTS | roles.PASSIVE_SUBJECTS | roles.SUBJECTS
        for arg in roles.children(s, verb.i, deps):
            if _has_no(s, arg) or arg.lower in ("nothing", "nobody", "none", "no-one"):
                return True  # "no facility was hit"
    if any(g.lemma in _cues()["negating_verbs"] for g in _governors(s, verb)):
        return True  # "failed to attack", "refrained from"
    return verb.dep == "pcomp" and s.tokens[verb.head].lower == "without"


def modal(s: Sentence, i: int) -> Factuality | None:
    """"future" or "hypothetical" from auxiliaries ("will", "could"), the verbs that carry
    or govern the trigger ("plans to", "is expected to", "threatened to") and conditions
    ("if the strikes continue": hypothetical, whatever else)."""
    cues = _cues()
    chain = _carriers(s, i)
    found: Factuality | None = None
    for t in [*chain, *_governors(s, chain[-1])]:
        if t is not chain[0]:
            if t.lemma in cues["hypothetical_verbs"]:
                found = found or "hypothetical"
            elif t.lemma in cues["future_verbs"] or (t.lemma == "go" and t.tag == "VBG"):
                found = found or "future"
        for a in roles.children(s, t.i, {"aux", "auxpass"}):
            if a.lower in cues["future"]:
                found = found or "future"
            elif a.lower in cues["hypothetical"]:
                found = found or "hypothetical"
        marks = roles.children(s, t.i, {"mark"}) + [
            m for c in roles.children(s, t.i, {"advcl"}) for m in roles.children(s, c.i, {"mark"})
        ]
        if any(m.lower in cues["conditions"] for m in marks):
            return "hypothetical"
    return found


def factuality(s: Sentence, i: int, attributed: Attributed | None = None) -> Factuality:
    """The factuality of the event whose trigger is token i."""
    if negated(s, i):
        return "negated"
    md = modal(s, i)
    if md is not None:
        return md
    if attributed is not None and attributed.cue != i:
        if attributed.kind == "claim":
            return "claimed"
        if attributed.kind == "denial":
            return "denied"
    return "asserted"


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

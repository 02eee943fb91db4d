"""Grammatical roles around a trigger, read from the dependency parse.

Agent and patient of verbs (active and passive), the "by" agent, objects of "on", "at",
"against", "with"; arguments of nominal triggers (possessives, compounds, "by" phrases,
participles that describe them: "attacks carried out by armed groups").
"""

from __future__ import annotations

from marsad.analyse import Sentence, Token

SUBJECTS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
OBJECTS = frozenset({"dobj", "obj"})
# Prepositions that introduce the target of an act ("fired at", "attack on", "against").
TARGET_PREPS = frozenset({"on", "at", "against", "upon", "targeting", "into"})
PARTNER_PREPS = frozenset({"with"})


def children(s: Sentence, i: int, deps: frozenset[str] | set[str] | None = None) -> list[Token]:
    return [t for t in s.tokens if t.head == i and t.i != i and (deps is None or t.dep in deps)]


def first_child(s: Sentence, i: int, deps: frozenset[str] | set[str]) -> Token | None:
    kids = children(s, i, deps)
    return kids[0] if kids else None


def is_passive(s: Sentence, i: int) -> bool:
    return any(t.dep in PASSIVE_SUBJECTS or t.dep == "auxpass" for t in children(s, i))


def prep_objects(s: Sentence, i: int, preps: frozenset[str]) -> list[Token]:
    """Objects of the given prepositions attached to token i ("fired at X" → X)."""
    out = []
    for p in children(s, i, {"prep", "agent"}):
        if p.lower in preps:
            out.extend(children(s, p.i, {"pobj", "pcomp"}))
    return out


def by_agent(s: Sentence, i: int) -> Token | None:
    for p in children(s, i, {"agent", "prep"}):
        if p.lower == "by":
            obj = first_child(s, p.i, {"pobj"})
            if obj is not None:
                return obj
    return None


def verbal_subject(s: Sentence, i: int) -> Token | None:
    """The subject of verb i, borrowed from the first conjunct or the governing verb when i
    has none ("shot and killed": both share the subject; "began launching": xcomp)."""
    seen = 0
    cur = s.tokens[i]
    while seen < 4:
        subjs = [t for t in children(s, cur.i, SUBJECTS) if t.i < cur.i] or children(
            s, cur.i, SUBJECTS)
        if subjs:  # two subjects (a dateline parsed as one): the nearest is the real one
            return subjs[-1]
        if cur.dep in ("conj", "xcomp") and cur.head != cur.i:
            cur = s.tokens[cur.head]
            seen += 1
            continue
        return None
    return None


def verbal_object(s: Sentence, i: int) -> Token | None:
    obj = first_child(s, i, OBJECTS)
    if obj is None and s.tokens[i].dep == "conj":
        # "attacked and killed a man": objects are often attached only to the last conjunct
        for c in children(s, i, {"conj"}):
            obj = first_child(s, c.i, OBJECTS)
            if obj is not None:
                break
    return obj


def negated(s: Sentence, i: int) -> bool:
    """A negation on the trigger or on its object ("did not harm", "no facility was hit")."""
    if any(t.dep == "neg" for t in children(s, i)):
        return True
    for arg in children(s, i, OBJECTS | PASSIVE_SUBJECTS | SUBJECTS):
        if any(t.dep == "det" and t.lower in ("no", "neither") for t in children(s, arg.i)):
            return True
    return False


def modal(s: Sentence, i: int) -> str | None:
    """'future' or 'hypothetical' from auxiliaries and governing verbs of the trigger."""
    chain = [s.tokens[i], *s.ancestors(i)[:2]]
    for t in chain:
        for a in children(s, t.i, {"aux"}):
            if a.lower in ("will", "shall", "'ll"):
                return "future"
            if a.lower in ("may", "might", "could", "would", "should", "must"):
                return "hypothetical"
        if t is not chain[0] and t.lemma in ("threaten", "plan", "intend", "vow", "prepare"):
            return "future"
        if any(m.lower in ("if", "unless") for m in children(s, t.i, {"mark"})):
            return "hypothetical"
        if t.dep not in ("xcomp", "conj"):
            break
    return None


def governor_chain(s: Sentence, i: int) -> list[Token]:
    return s.ancestors(i)

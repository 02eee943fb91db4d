"""Grammatical roles around a trigger, read from the dependency parse.

Agent and patient of verbs (active and passive), the "by" agent, objects of "on", "at",
"against", "with"; arguments of nominal triggers (possessives, compounds, "by" phrases,
participles that describe them: "attacks carried out by armed groups").

The parser's labels and the prepositions come from the language profile (`parser.yaml`,
`words.yaml`): "active_subject_deps", "object_deps", "target_preps", ...
"""

from __future__ import annotations

from marsad.analyse import Sentence, Token
from marsad.context import Context


def children(s: Sentence, i: int, deps: frozenset[str] | set[str] | None = None) -> list[Token]:
    return [t for t in s.tokens if t.head == i and t.i != i and (deps is None or t.dep in deps)]


def first_child(s: Sentence, i: int, deps: frozenset[str] | set[str]) -> Token | None:
    kids = children(s, i, deps)
    return kids[0] if kids else None


def arguments(ctx: Context) -> frozenset[str]:
    """The labels of a verb's subjects and objects, active and passive."""
    p = ctx.profile
    return (p.labels("object_deps") | p.labels("passive_subject_deps")
            | p.labels("active_subject_deps"))


def is_passive(ctx: Context, s: Sentence, i: int) -> bool:
    p = ctx.profile
    passive = p.labels("passive_subject_deps") | p.labels("passive_aux_deps")
    return any(t.dep in passive for t in children(s, i))


def prep_objects(ctx: Context, s: Sentence, i: int, preps: frozenset[str]) -> list[Token]:
    """Objects of the given prepositions attached to token i ("fired at X" → X)."""
    p = ctx.profile
    out = []
    for c in children(s, i, p.labels("preposition_deps")):
        if c.lower in preps:
            out.extend(children(s, c.i, p.labels("prep_complement_deps")))
    return out


def by_agent(ctx: Context, s: Sentence, i: int) -> Token | None:
    p = ctx.profile
    for c in children(s, i, p.labels("preposition_deps")):
        if c.lower in p.words("agent_preps"):
            obj = first_child(s, c.i, p.labels("prep_object_dep"))
            if obj is not None:
                return obj
    return None


def verbal_subject(ctx: Context, s: Sentence, i: int) -> Token | None:
    """The subject of verb i, borrowed from the first conjunct or the governing verb when i
    has none ("shot and killed": both share the subject; "began launching": xcomp)."""
    subjects = ctx.profile.labels("active_subject_deps")
    seen = 0
    cur = s.tokens[i]
    while seen < 4:
        subjs = [t for t in children(s, cur.i, subjects) if t.i < cur.i] or children(
            s, cur.i, subjects)
        if subjs:  # two subjects (a dateline parsed as one): the nearest is the real one
            return subjs[-1]
        if cur.dep in ctx.profile.labels("governed_verb_deps") and cur.head != cur.i:
            cur = s.tokens[cur.head]
            seen += 1
            continue
        return None
    return None


def verbal_object(ctx: Context, s: Sentence, i: int) -> Token | None:
    p = ctx.profile
    obj = first_child(s, i, p.labels("object_deps"))
    if obj is None and s.tokens[i].dep in p.labels("conj_dep"):
        # "attacked and killed a man": objects are often attached only to the last conjunct
        for c in children(s, i, p.labels("conj_dep")):
            obj = first_child(s, c.i, p.labels("object_deps"))
            if obj is not None:
                break
    return obj


def negated(ctx: Context, s: Sentence, i: int) -> bool:
    """A negation on the trigger or on its object ("did not harm", "no facility was hit")."""
    p = ctx.profile
    if any(t.dep in p.labels("negation_dep") for t in children(s, i)):
        return True
    for arg in children(s, i, arguments(ctx)):
        if any(t.dep in p.labels("determiner_dep") and t.lower in p.words("negative_determiners")
               for t in children(s, arg.i)):
            return True
    return False


def modal(ctx: Context, s: Sentence, i: int) -> str | None:
    """'future' or 'hypothetical' from auxiliaries and governing verbs of the trigger."""
    p = ctx.profile
    chain = [s.tokens[i], *s.ancestors(i)[:2]]
    for t in chain:
        for a in children(s, t.i, p.labels("aux_dep")):
            if a.lower in p.words("future_auxiliaries"):
                return "future"
            if a.lower in p.words("hypothetical_auxiliaries"):
                return "hypothetical"
        if t is not chain[0] and t.lemma in p.words("intent_verbs"):
            return "future"
        marks = children(s, t.i, p.labels("mark_dep"))
        if any(m.lower in p.words("condition_marks") for m in marks):
            return "hypothetical"
        if t.dep not in p.labels("governed_verb_deps"):
            break
    return None


def governor_chain(s: Sentence, i: int) -> list[Token]:
    return s.ancestors(i)

"""How many people a killing verb names as its victims when the text gives no number:
"killed a 20-year-old woman", "killed Abu Taqwa and another element", "killed the Jesuits,
their cook, and the cook's daughter": the verb's object and its conjuncts, read from the
parse. Numbers ("killed two civilians") are the toll reader's (tolls.py); this reader only
counts the people a killing verb names, one a phrase."""

from __future__ import annotations

from marsad.analyse import Sentence
from marsad.context import Context
from marsad.extract.tree import children, first_child


def killing_verb(ctx: Context, s: Sentence, i: int) -> bool:
    t = s.tokens[i]
    return t.lemma in ctx.profile.words("killing_verbs")


def named_victims(ctx: Context, s: Sentence, head: int) -> int:
    """The count of the first killing verb's object and its conjuncts (the trigger's verb
    first); 0 when no killing verb in the sentence has an object, or when one of them is a
    plural, which says no number."""
    p = ctx.profile
    verbs = [t.i for t in s.tokens if killing_verb(ctx, s, t.i)
             and t.pos in p.labels("lexical_verb_pos")]
    if killing_verb(ctx, s, head):
        verbs.insert(0, head)
    plural = p.labels("plural_tags")
    for v in verbs:
        obj = first_child(s, v, p.labels("direct_object_dep"))
        if obj is not None:
            objects = [obj, *children(s, obj.i, p.labels("conj_dep"))]
            # "killed policemen", "killing members of the police": how many, unsaid
            return 0 if any(o.tag in plural for o in objects) else len(objects)
    return 0


def mentions_killing(ctx: Context, s: Sentence) -> bool:
    return any(killing_verb(ctx, s, t.i) for t in s.tokens)

"""Who says so, and whether it happened: attribution and factuality of event triggers.

`attribution(ctx, sentence)` maps trigger tokens (or -1 for the whole sentence) to their source:

- "according to X", "as reported by X" (the whole sentence);
- the content of a reporting verb: "X said (that) ...", "..., X said", "X told Y ...",
  "X reported / announced that ...", "sources said", "a statement from X said ...";
- claims of responsibility: "X claimed responsibility for ...", "X claimed the attack",
  "X said it was behind / responsible for ...", "X said it (its fighters) attacked ...";
- denials: "X denied involvement in / responsibility for ...", "X denied that ...",
  "X rejected accusations that ...", "X said it had nothing to do with / was not behind ...".

`factuality(ctx, sentence, i, attributed)` reads the parse around trigger i: negated ("did not
attack", "no attack took place", "failed to"), future ("will", "plans to", "is expected
to"), hypothetical ("could", "threatened to", "if ..."), claimed, denied, else asserted. A
negation on something else in the clause does not negate the event: "rockets hit the
embassy, causing no casualties" is an event with zero casualties.

`governing_report(ctx, sentence, i)` finds the speaker of a reporting verb above token i
("Al-Sudani said that ..." → Al-Sudani), which is also the actor of statements made in
quoted speech ("The minister stressed: 'We condemn ...'").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from marsad.analyse import Sentence, Token
from marsad.analyse.profiles import LanguageProfile
from marsad.context import Context
from marsad.extract import lexicon, roles, tree
from marsad.extract.mentions import actor_phrase
from marsad.types import Factuality, Mention

# The parser's labels come from the profile's parser.yaml: "clausal_deps" (first hop from a
# reporting verb down to the reported clause), "content_deps" (the reported clause: "said
# that X", "X, police said"), "carrier_deps" (how a trigger hangs from the verb that carries
# it: "carried out an attack", "the attack took place"; negation and modals of that verb
# are the event's).


@dataclass(frozen=True, slots=True)
class Attributed:
    source: Mention
    kind: Literal["report", "claim", "denial"] = "report"
    cue: int = -1  # the token of the verb that claims, denies or reports (-1: none)


@cache
def _speech(profile: LanguageProfile) -> dict[str, frozenset[str]]:
    raw: dict[str, Any] = lexicon.speech(profile)
    return {k: frozenset(str(w).lower() for w in v) for k, v in raw.items()}


def _report_lemmas(profile: LanguageProfile) -> frozenset[str]:
    return _speech(profile)["report"]


def _is_report(ctx: Context, t: Token) -> bool:
    return t.pos in ctx.profile.labels("verb_pos") and not _report_lemmas(
        ctx.profile).isdisjoint(lexicon.forms(ctx.profile, t))


def governing_report(ctx: Context, s: Sentence, i: int,
                     clausal_only: bool = False) -> Mention | None:
    """The subject of the nearest reporting verb above token i, if any."""
    reports = _report_lemmas(ctx.profile)
    path = [s.tokens[i], *s.ancestors(i)]
    for k, a in enumerate(path[1:], start=1):
        if not reports.isdisjoint(lexicon.forms(ctx.profile, a)) and a.pos in (
            ctx.profile.labels("verb_pos")
        ):
            below = path[k - 1]
            if clausal_only and below.dep not in ctx.profile.labels("clausal_deps"):
                return None
            subj = roles.verbal_subject(ctx, s, a.i)
            if subj is None:
                return None
            return actor_phrase(ctx, s, subj)
    return None


def _speaker(ctx: Context, s: Sentence, verb: int) -> Mention | None:
    """The source of a reporting verb: its subject, or who stands behind a speaking noun
    ("a statement from the ministry said", "the ministry's statement said")."""
    profile = ctx.profile
    subj = roles.verbal_subject(ctx, s, verb) or _listed_speakers(ctx, s, verb)
    if subj is None:
        return None
    if subj.lemma in _speech(profile)["document_nouns"]:
        for p in tree.children(s, subj.i, profile.labels("prep_dep")):
            if p.lower in profile.words("source_preps"):
                obj = tree.first_child(s, p.i, profile.labels("prep_object_dep"))
                if obj is not None:
                    return actor_phrase(ctx, s, obj)
        owner = tree.first_child(s, subj.i, profile.labels("possessor_dep"))
        if owner is not None and owner.pos not in profile.labels("pronoun_pos"):
            return actor_phrase(ctx, s, owner)
        return None  # "a statement said": no source named
    return actor_phrase(ctx, s, subj)


def _listed_speakers(ctx: Context, s: Sentence, verb: int) -> Token | None:
    """"..., killing 10 people, doctors and witnesses said": the parser reads the sources as
    the last items of a list before the verb, which is left with no subject. The first of
    them after the list's last comma, when the verb follows them at once."""
    p = ctx.profile
    if verb == 0:
        return None
    last = s.tokens[verb - 1]
    if last.dep not in p.labels("conj_dep") or last.pos not in p.labels("noun_pos"):
        return None
    first = last
    while first.dep in p.labels("conj_dep") and first.head < first.i:
        head = s.tokens[first.head]
        between = s.tokens[head.i + 1:first.i]
        if any(t.dep in p.labels("punct_dep") for t in between):
            return first  # the comma before it ends the list the content had
        first = head
    return None


def _content(ctx: Context, s: Sentence, verb: int) -> tuple[list[int], list[Token]]:
    """(tokens of the reported content, the content clauses' heads) of reporting verb i."""
    t = s.tokens[verb]
    content = ctx.profile.labels("content_deps")
    heads = tree.children(s, verb, content)
    idx = [c.i for h in heads for c in s.subtree(h.i)]
    if t.dep in content and t.head != t.i and t.head < verb:
        # "Gunmen killed two policemen, police said" parsed with "said" under "killed"
        own = {c.i for c in s.subtree(verb)}
        head = s.tokens[t.head]
        idx += [c.i for c in s.subtree(head.i) if c.i not in own]
        heads.append(head)
    return idx, heads


def _self(ctx: Context, s: Sentence, tok: Token | None) -> bool:
    """A subject that is the speaker itself: "it", "they", "we", "its fighters"."""
    if tok is None:
        return False
    pronouns = _speech(ctx.profile)["self_pronouns"]
    if tok.pos in ctx.profile.labels("pronoun_pos"):
        return tok.lower in pronouns
    return any(c.lower in pronouns
               for c in tree.children(s, tok.i, ctx.profile.labels("possessor_dep")))


def _negated_clause(ctx: Context, s: Sentence, h: int) -> bool:
    p = ctx.profile
    return any(c.dep in p.labels("negation_dep") or c.lower in p.words("clause_negators")
               for c in tree.children(s, h))


def _content_kind(ctx: Context, s: Sentence, head: Token) -> Literal["report", "claim", "denial"]:
    """A reported clause in which the source speaks of its own acts is a claim ("X said it
    was behind the attack") or a denial ("X said it was not behind / had nothing to do")."""
    p = ctx.profile
    sp = _speech(p)
    subj = roles.verbal_subject(ctx, s, head.i) if head.pos in p.labels("verb_pos") else None
    if not _self(ctx, s, subj):
        return "report"
    negated = _negated_clause(ctx, s, head.i)
    if head.lemma in p.words("nothing_to_do_verbs") and any(
        c.lower in p.words("nothing_to_do_objects") for c in tree.children(s, head.i)
    ):
        return "denial"  # "it had nothing to do with the attack"
    if head.lemma in p.words("copula_lemmas"):
        preds = [c for c in tree.children(s, head.i, p.labels("predicate_deps"))
                 if c.lower in sp["claim_predicates"]]
        if preds:
            return "denial" if negated else "claim"
        return "report"
    if head.lemma in sp["claim_acts"]:
        return "denial" if negated else "claim"
    return "report"


def _mark(ctx: Context, out: dict[int, Attributed], idx: list[int], a: Attributed,
          force: bool) -> None:
    for i in idx:
        if force:
            out[i] = a
        else:
            out.setdefault(i, a)


def _claim(ctx: Context, s: Sentence, t: Token) -> bool:
    """"claimed responsibility for", "claimed the attack", "took responsibility / credit"."""
    p = ctx.profile
    if t.lemma not in p.words("responsibility_verbs"):
        return False
    objects = tree.children(s, t.i, p.labels("object_deps"))
    if t.lemma in p.words("claim_lemmas"):
        return any(o.lemma in _speech(p)["claim_objects"] for o in objects)
    return any(o.lemma in p.words("responsibility_objects") for o in objects)


def _denial(ctx: Context, s: Sentence, t: Token) -> bool:
    """"denied (any role in / that ...)", "rejected accusations that ...", "distanced itself
    from ..."."""
    p = ctx.profile
    sp = _speech(p)
    if t.pos not in p.labels("verb_pos"):
        return False
    if t.lemma in p.words("bare_denial_verbs"):
        return True
    dobj = p.labels("direct_object_dep")
    if t.lemma in sp["denial_verbs"]:
        return any(o.lemma in sp["denial_objects"] for o in tree.children(s, t.i, dobj))
    if t.lemma in p.words("distancing_verbs"):
        return any(o.lower in p.words("reflexive_pronouns") for o in tree.children(s, t.i, dobj))
    return False


def attribution(ctx: Context, s: Sentence) -> dict[int, Attributed]:
    """Sources named in the sentence: -1 holds a sentence-wide "according to X", -2 the
    claimant of a claim of responsibility."""
    p = ctx.profile
    out: dict[int, Attributed] = {}
    low = s.text.lower()
    # reported content first: an explicit claim or denial inside it overrides it
    for t in s.tokens:
        if not _is_report(ctx, t) or _claim(ctx, s, t):
            continue
        idx, heads = _content(ctx, s, t.i)
        if not idx:
            continue
        m = _speaker(ctx, s, t.i)
        if m is None:
            continue
        inside = set(idx)
        for h in heads:
            kind = _content_kind(ctx, s, h)
            clause = [c.i for c in s.subtree(h.i) if c.i in inside]
            _mark(ctx, out, clause, Attributed(m, kind, t.i), force=kind != "report")
            if kind == "claim":
                out.setdefault(-2, Attributed(m, "claim", t.i))
    for t in s.tokens:
        if t.lower in p.words("according_heads") and t.i + 1 < len(s.tokens) and (
            s.tokens[t.i + 1].lower in p.words("according_preps")
        ):
            obj = tree.first_child(s, t.i + 1, p.labels("prep_object_dep"))
            m = actor_phrase(ctx, s, obj)
            if m is not None:
                out[-1] = Attributed(m, "report", t.i)
        if _claim(ctx, s, t):
            m = actor_phrase(ctx, s, roles.verbal_subject(ctx, s, t.i))
            if m is not None:
                _mark(ctx, out, [c.i for c in s.subtree(t.i)], Attributed(m, "claim", t.i), True)
                out.setdefault(-2, Attributed(m, "claim", t.i))
        if _denial(ctx, s, t):
            m = actor_phrase(ctx, s, roles.verbal_subject(ctx, s, t.i))
            if m is not None:
                _mark(ctx, out, [c.i for c in s.subtree(t.i)], Attributed(m, "denial", t.i), True)
    if -1 not in out:
        for phrase in lexicon.speech(ctx.profile)["according"][1:]:
            if phrase in low:
                k = low.index(phrase) + s.start + len(phrase)
                for t in s.tokens:
                    if t.start >= k and t.pos in p.labels("noun_pos"):
                        m = actor_phrase(ctx, s, t)
                        if m is not None:
                            out[-1] = Attributed(m, "report", t.i)
                        break
                break
    return out


# --- factuality ---------------------------------------------------------------------------


@cache
def _cues(profile: LanguageProfile) -> dict[str, frozenset[str]]:
    return lexicon.factuality_cues(profile)


def _carriers(ctx: Context, s: Sentence, i: int) -> list[Token]:
    """The trigger and the verbs that carry it, up to the nearest clause head: "attack" in
    "did not carry out any attack" is carried by "carry"; "attack" in "no attack took place"
    by "took"."""
    p = ctx.profile
    verbs, carriers = p.labels("verb_pos"), p.labels("carrier_deps")
    circumstance = p.words("circumstance_preps") | p.words("time_frame_preps")
    chain = [s.tokens[i]]
    cur = s.tokens[i]
    while cur.pos not in verbs and cur.dep in carriers and cur.head != cur.i:
        up = s.tokens[cur.head]
        if up.lower in circumstance or (up.head != up.i and s.tokens[up.head].lower in
                                        circumstance):
            break  # "talks could fail because of a surge of violence": the surge is told
        cur = up
        chain.append(cur)
    return chain


def _governors(ctx: Context, s: Sentence, verb: Token) -> list[Token]:
    """Verbs the event's verb is the complement of: "plans to attack", "failed to stop"."""
    p = ctx.profile
    out = []
    cur = verb
    governed = p.labels("governed_verb_deps")
    while (cur.dep in governed or _purpose(ctx, s, cur)) and cur.head != cur.i and len(out) < 3:
        cur = s.tokens[cur.head]
        out.append(cur)
    return out


def _purpose(ctx: Context, s: Sentence, verb: Token) -> bool:
    """An infinitival adverbial clause, which the parser also gives an object control
    complement ("to convince the militia to evacuate the shrine"): what the verb above
    plans or urges."""
    p = ctx.profile
    return verb.dep in p.labels("adverbial_clause_dep") and any(
        c.tag in p.labels("infinitive_tag") for c in tree.children(s, verb.i,
                                                                    p.labels("auxiliary_deps")))


def _has_no(ctx: Context, s: Sentence, t: Token) -> bool:
    p = ctx.profile
    return any(c.dep in p.labels("determiner_dep") and c.lower in p.words("negative_determiners")
               for c in tree.children(s, t.i))


def negated(ctx: Context, s: Sentence, i: int) -> bool:
    """A negation on the trigger, on the verb that carries it or on the trigger's own
    arguments: "did not attack", "no attack took place", "no facility was hit", "failed to
    strike", "never attacked", "without firing". "rockets hit the embassy, causing no
    casualties" is not: the negation is on another verb's object."""
    p = ctx.profile
    chain = _carriers(ctx, s, i)
    trigger, verb = chain[0], chain[-1]
    if trigger.pos in p.labels("noun_pos") and _has_no(ctx, s, trigger):
        return True  # "no attack took place", "no attacks were reported"
    for t in chain:
        if any(c.dep in p.labels("negation_dep") or (
            c.dep in p.labels("adverb_dep") and c.lower in _cues(p)["negation"]
        ) for c in tree.children(s, t.i)):
            return True
    if verb.pos not in p.labels("verb_pos"):
        return False
    preventing = _cues(p)["preventing_verbs"]
    if verb is not trigger and (verb.lemma in preventing or any(
        c.lemma in preventing for c in tree.children(s, verb.i, p.labels("governed_verb_deps"))
    )):
        return True  # "the attack was foiled", "police thwarted a bombing", "seems foiled"
    if verb is trigger:
        for arg in tree.children(s, verb.i, roles.arguments(ctx)):
            if _has_no(ctx, s, arg) or arg.lower in p.words("negative_pronouns"):
                return True  # "no facility was hit"
    if any(g.lemma in _cues(p)["negating_verbs"] for g in _governors(ctx, s, verb)):
        return True  # "failed to attack", "refrained from"
    return verb.dep in p.labels("prep_clause_dep") and (
        s.tokens[verb.head].lower in p.words("privative_preps"))


def modal(ctx: Context, s: Sentence, i: int) -> Factuality | None:
    """"future" or "hypothetical" from auxiliaries ("will", "could"), the verbs that carry
    or govern the trigger ("plans to", "is expected to", "threatened to") and conditions
    ("if the strikes continue": hypothetical, whatever else)."""
    p = ctx.profile
    cues = _cues(p)
    chain = _carriers(ctx, s, i)
    found: Factuality | None = None
    top = chain[-1]
    if top.dep in p.labels("clausal_modifier_dep") and s.tokens[top.head].lemma in (
        cues["future_verbs"]
    ):
        found = "future"  # "a plot to bomb the embassy", "plans to attack"
    for t in [*chain, *_governors(ctx, s, chain[-1])]:
        if t is not chain[0]:
            if t.lemma in cues["hypothetical_verbs"]:
                found = found or "hypothetical"
            elif t.lemma in cues["future_verbs"] or (
                t.lemma in p.words("going_to_lemmas") and t.tag in p.labels("gerund_tag")
            ):
                found = found or "future"
        for a in tree.children(s, t.i, p.labels("auxiliary_deps")):
            if a.lower in cues["future"]:
                found = found or "future"
            elif a.lower in cues["hypothetical"]:
                found = found or "hypothetical"
        if _conditioned_at(ctx, s, t.i) or _free_choice(ctx, s, t):
            return "hypothetical"
    if found is None and _present_ahead(ctx, s, top):
        found = "future"
    return found


def _free_choice(ctx: Context, s: Sentence, verb: Token) -> bool:
    """"no matter where it strikes", "wherever it strikes": any place, no strike told."""
    cues = _cues(ctx.profile)
    return (verb.head != verb.i and s.tokens[verb.head].lemma in cues["free_choice_heads"]) or any(
        c.lower in cues["free_choice"]
        for c in tree.children(s, verb.i, ctx.profile.labels("adverb_dep")))


def _present_ahead(ctx: Context, s: Sentence, verb: Token) -> bool:
    """A present tense dated ahead: "before the IAEA meets later this month"."""
    p = ctx.profile
    if verb.tag not in p.labels("present_tense_tags"):
        return False
    ahead = _cues(p)["ahead"]
    for c in tree.children(s, verb.i, p.labels("time_modifier_deps")):
        if c.lower in ahead or any(g.lower in ahead for g in tree.children(s, c.i)):
            return True
    return False


def _marked_condition(ctx: Context, s: Sentence, i: int) -> bool:
    """Whether token i's clause is opened by a subordinator of condition ("if", "unless")."""
    p = ctx.profile
    return any(m.lower in _cues(p)["conditions"] for m in tree.children(s, i, p.labels("mark_dep")))


def _conditioned_at(ctx: Context, s: Sentence, i: int) -> bool:
    return _marked_condition(ctx, s, i) or any(
        _marked_condition(ctx, s, c.i)
        for c in tree.children(s, i, ctx.profile.labels("adverbial_clause_dep")))


def conditioned(ctx: Context, s: Sentence, i: int) -> bool:
    """Whether the act of token i depends on a condition ("would withdraw ... if the talks
    turned into a dead end"): told by a speaker of their own side, a threat."""
    return any(_conditioned_at(ctx, s, t.i) for t in _carriers(ctx, s, i))


def a_condition(ctx: Context, s: Sentence, i: int) -> bool:
    """Whether token i is told inside a condition ("would quit unless the prime minister
    agreed to hold a referendum": no one agreed)."""
    advcl = ctx.profile.labels("adverbial_clause_dep")
    return any(a.dep in advcl and _marked_condition(ctx, s, a.i)
               for a in [s.tokens[i], *s.ancestors(i)[:3]])


def factuality(ctx: Context, s: Sentence, i: int,
               attributed: Attributed | None = None) -> Factuality:
    """The factuality of the event whose trigger is token i."""
    if negated(ctx, s, i):
        return "negated"
    md = modal(ctx, s, i)
    if md is not None:
        return md
    if attributed is not None and attributed.cue != i:
        if attributed.kind == "claim":
            return "claimed"
        if attributed.kind == "denial":
            return "denied"
    return "asserted"


def speakers(ctx: Context, s: Sentence) -> list[Mention]:
    """Subjects of reporting verbs: the people a later "he" or "the official" may mean."""
    reports = _report_lemmas(ctx.profile)
    out = []
    for t in s.tokens:
        if not reports.isdisjoint(lexicon.forms(ctx.profile, t)) and t.pos in (
            ctx.profile.labels("lexical_verb_pos")
        ):
            m = actor_phrase(ctx, s, roles.verbal_subject(ctx, s, t.i))
            if m is not None:
                out.append(m)
    return out

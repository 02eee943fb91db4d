"""Actor and place mentions in a parsed sentence.

An actor phrase is built around a head token: its entity if it has one, else the noun with
its left modifiers ("armed factions", "Iran-backed factions"), without determiners. "X of Y"
where X is a part or member ("the headquarters of the Nujaba movement", "fighters from
Iran-backed factions", "a military official in the Pentagon") names Y. An apposed name
("the Interior Minister, Rebar Ahmad") is preferred to the title.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from marsad.analyse import Entity, Sentence, Token
from marsad.analyse.profiles import LanguageProfile
from marsad.context import Context
from marsad.extract import lexicon
from marsad.extract.tree import children, first_child
from marsad.types import Mention


def entity_at(s: Sentence, i: int) -> Entity | None:
    for e in s.entities:
        if e.first <= i < e.last:
            return e
    return None


@cache
def not_name_words(profile: LanguageProfile) -> frozenset[str]:
    """Words (lower case) that a capitalised run before a name may hold without being part
    of it: "Yesterday", "Meanwhile", month and weekday names ("On Monday Hassan Ali")."""
    times = profile.data("time_words.yaml")
    names = [*times["months"], *times["weekdays"]]
    return profile.discourse("not_name_words") | frozenset(str(w).lower() for w in names)


def _sector(ctx: Context, s: Sentence, head: Token, words: list[str]) -> str | None:
    nouns = lexicon.actor_nouns(ctx.profile)
    armed = ctx.profile.words("armed_words")
    key = head.lemma
    phrase = " ".join(words).lower()
    for sector in ("protester", "crowd", "state_security", "armed", "civilian"):
        group = nouns[sector]
        if phrase in group or key in group or head.lower in group:
            # "armed men" / "armed individuals": armed even though "man" is civilian
            if sector == "civilian" and any(w.lower() in armed for w in words):
                return "armed"
            return sector
    ent = entity_at(s, head.i)
    if ent is not None and ent.label in ctx.profile.labels("group_entities"):
        return "armed" if any(w.lower() in nouns["armed"] for w in words) else None
    return None


def _is_name(ctx: Context, s: Sentence, head: Token) -> bool:
    """A proper name: an ORG/PERSON/NORP entity at the head, or (the NER missed it) a
    capitalised proper noun; dates, numbers and places are not actor names."""
    p = ctx.profile
    proper = head.pos in p.labels("proper_noun_pos")
    ent = entity_at(s, head.i)
    if ent is not None:
        return ent.label in p.labels("actor_name_entities") and (
            ent.label not in p.labels("nationality_entities") or proper)
    return proper and head.text[:1].isupper()


def _extend_to_name(ctx: Context, s: Sentence, head: Token, first: int, last: int) -> int:
    """"The Islamic Resistance | in Iraq": take in "in Iraq" / "of X" when the longer phrase
    is an actor the pack knows (the NER often cuts such names at the preposition)."""
    for p in children(s, head.i, ctx.profile.labels("prep_dep")):
        # the entity may already end on the preposition ("The Islamic Resistance in")
        if not head.i < p.i <= last + 1 or p.lower not in ctx.profile.words("name_extension_preps"):
            continue
        end = s.subtree(p.i)[-1]
        if end.i <= last:
            continue
        phrase = s.text[s.tokens[first].start - s.start : end.end - s.start]
        if ctx.pack.find_actor(phrase) is not None:
            return end.i
    return last


def _part_of_target(ctx: Context, s: Sentence, head: Token) -> Token | None:
    """For "members of X", "the headquarters of X", "an official in X": X."""
    if head.lemma not in lexicon.actor_nouns(ctx.profile)["part_of"] and head.lower not in (
        lexicon.actor_nouns(ctx.profile)["part_of"]
    ):
        return None
    if entity_at(s, head.i) is not None:
        return None
    profile = ctx.profile
    titles = lexicon.actor_nouns(profile)["titles"]
    for p in children(s, head.i, profile.labels("prep_dep")):
        # "of"/"from" for parts and members; "in" only for people ("an official in X"),
        # never for places ("a checkpoint in Kirkuk")
        inside = p.lower in profile.words("inside_preps") and head.lemma in titles
        if p.lower in profile.words("part_of_preps") or inside:
            obj = first_child(s, p.i, profile.labels("prep_object_dep"))
            if obj is not None and obj.pos in profile.labels("noun_pos"):
                return obj
    return None


def _span_tokens(ctx: Context, s: Sentence, head: Token) -> tuple[int, int]:
    """[first, last] token indices of the phrase around head (left modifiers + entity)."""
    p = ctx.profile
    modifiers, drop_leading = p.labels("actor_modifier_deps"), p.words("drop_leading")
    first = last = head.i
    for t in s.subtree(head.i):
        if t.i < head.i and (t.dep in modifiers or s.tokens[t.head].dep in modifiers
                             or (t.dep in p.labels("punct_dep") and t.i > first)):
            first = min(first, t.i)
    # contiguous: stop at anything that is not part of the left modifiers
    while first < head.i and (s.tokens[first].lower in drop_leading
                              or s.tokens[first].pos in p.labels("leading_drop_pos")):
        first += 1
    ent = entity_at(s, head.i)
    if ent is not None:
        first, last = min(first, ent.first), max(last, ent.last - 1)
        while first < head.i and s.tokens[first].lower in drop_leading:
            first += 1
        if ent.label in p.labels("person_entities"):
            # "Yesterday Barack Obama", "On Monday Hassan Ali": the time is not the name
            dates, skip = lexicon.morphology(p).date_entities, not_name_words(p)
            while first < ent.first and (s.tokens[first].ent in dates
                                         or s.tokens[first].lower in skip):
                first += 1
    return first, last


def actor_phrase(ctx: Context, s: Sentence, tok: Token | None, depth: int = 0) -> Mention | None:
    if tok is None or depth > 3:
        return None
    p = ctx.profile
    if tok.ent in lexicon.morphology(p).date_entities and tok.lower in not_name_words(p):
        return None  # "on Tuesday", "in March": a time is never an actor
    if tok.pos in p.labels("pronoun_pos"):
        if tok.lower in p.words("pronouns"):
            return Mention(tok.text, tok.start, tok.end, tok.i, pronoun=True,
                           plural=tok.lower in p.words("group_pronouns"))
        return None
    if tok.pos not in p.labels("actor_head_pos"):
        return None
    target = _part_of_target(ctx, s, tok)
    if target is not None:
        inner = actor_phrase(ctx, s, target, depth + 1)
        if inner is not None:
            if tok.lemma in lexicon.actor_nouns(ctx.profile)["titles"]:
                # "a military official in the Pentagon": speaks for it, is "the official" later
                inner = replace(inner, title=tok.lemma)
            return inner
    # an apposed proper name is the better reference: "the minister, Rebar Ahmad,"
    titles = lexicon.actor_nouns(ctx.profile)["titles"]
    for ap in children(s, tok.i, p.labels("appos_dep")):
        ent = entity_at(s, ap.i)
        if ent is not None and ent.label in p.labels("person_entities"):
            title = next((t.lemma for t in s.subtree(tok.i) if t.lemma in titles
                          and t.i < ap.i), None)
            return Mention(ent.text, ent.start, ent.end, ap.i, person=True, title=title,
                           named=True)
        # "a previously unknown group, the Ahrar al-Iraq Brigades,": the name, not the noun
        if tok.pos in p.labels("common_noun_pos") and (
                ap.pos in p.labels("proper_noun_pos")
                or (ent is not None and ent.label in p.labels("actor_name_entities"))
        ) and (ent is None or ent.label not in p.labels("place_entities")):
            inner = actor_phrase(ctx, s, ap, depth + 1)
            if inner is not None and inner.named:
                return inner
    first, last = _span_tokens(ctx, s, tok)
    named = _is_name(ctx, s, tok)
    if named:
        last = _extend_to_name(ctx, s, tok, first, last)
    toks = s.tokens[first : last + 1]
    text = s.text_of(toks[0], toks[-1])
    words = [t.text for t in toks]
    ent = entity_at(s, tok.i)
    return Mention(
        text=text,
        start=toks[0].start,
        end=toks[-1].end,
        head=tok.i,
        sector=_sector(ctx, s, tok, words),
        person=ent is not None and ent.label in p.labels("person_entities"),
        title=tok.lemma if ent is None and tok.lemma in titles else None,
        plural=tok.tag in p.labels("plural_tags"),
        named=named,
    )


def is_weapon(ctx: Context, s: Sentence, tok: Token) -> str | None:
    """The weapon mode when the phrase headed by tok names a weapon ("several rockets")."""
    lemmas = [t.lemma for t in s.tokens]
    table = lexicon.weapons(ctx.profile)
    for start in range(max(0, tok.i - 3), tok.i + 1):
        got = table.label_at(lemmas, start)
        if got is not None and start + got[1] - 1 == tok.i:
            return got[0]
    return None


def weapon_modes(ctx: Context, s: Sentence, idx: list[int]) -> list[tuple[str, int]]:
    """(mode, token) of weapon words among the given tokens."""
    lemmas = [t.lemma for t in s.tokens]
    table = lexicon.weapons(ctx.profile)
    out = []
    for i in idx:
        ending = is_weapon(ctx, s, s.tokens[i])  # "suicide car bomber", not "bomber" alone
        if ending is not None:
            out.append((ending, i))
            continue
        got = table.label_at(lemmas, i)
        if got is not None:
            out.append((got[0], i))
    return out


def places(ctx: Context, s: Sentence) -> list[Entity]:
    """Place entities, without nationality-style uses ("US forces": US is not where)."""
    p = ctx.profile
    out = []
    for e in s.entities:
        if e.label not in p.labels("place_entities"):
            continue
        last = s.tokens[e.last - 1]
        head = s.tokens[last.head]
        if last.dep in p.labels("modifier_deps") and head.pos in p.labels("noun_pos") and (
                entity_at(s, last.head) is not e and head.lemma not in _place_nouns(p)):
            continue
        out.append(e)
    return out


@cache
def _place_nouns(profile: LanguageProfile) -> frozenset[str]:
    """Nouns a name on which is still a place ("the North Waziristan tribal area")."""
    return frozenset(profile.data("lexicons/places.yaml")["place_of_nouns"])

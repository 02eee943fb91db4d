"""Actor and place mentions in a parsed sentence.

An actor phrase is built around a head token: its entity if it has one, else the noun with
its left modifiers ("armed factions", "Iran-backed factions"), without determiners. "X of Y"
where X is a part or member ("the headquarters of the Nujaba movement", "fighters from
Iran-backed factions", "a military official in the Pentagon") names Y. An apposed name
("the Interior Minister, Rebar Ahmad") is preferred to the title.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from marsad.analyse import Entity, Sentence, Token
from marsad.extract import lexicon, registry
from marsad.extract.roles import children, first_child

_MODIFIERS = frozenset({"compound", "amod", "nmod", "poss", "case", "npadvmod", "hmod", "hyph"})
_DROP_LEADING = frozenset([
    "the", "a", "an", "this", "these", "that", "those", "several", "some", "many", "his",
    "her", "its", "their", "our", "your", "my", "other", "another",
])
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NAME_LABELS = frozenset({"ORG", "PERSON", "NORP"})  # entities that name an actor
PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i", "him", "her", "them", "us"])


@dataclass(frozen=True, slots=True)
class Mention:
    text: str
    start: int
    end: int
    head: int  # token index of the head in its sentence
    sector: str | None = None  # armed / civilian / crowd / protester / state_security
    pronoun: bool = False
    person: bool = False
    title: str | None = None  # "minister" when the phrase is a title ("the minister")
    plural: bool = False
    named: bool = False  # a proper name ("Kataib Hezbollah"), not a description ("gunmen")


def entity_at(s: Sentence, i: int) -> Entity | None:
    for e in s.entities:
        if e.first <= i < e.last:
            return e
    return None


def _sector(s: Sentence, head: Token, words: list[str]) -> str | None:
    nouns = lexicon.actor_nouns()
    key = head.lemma
    phrase = " ".join(words).lower()
    for sector in ("protester", "crowd", "state_security", "armed", "civilian"):
        group = nouns[sector]
        if phrase in group or key in group or head.lower in group:
            # "armed men" / "armed individuals": armed even though "man" is civilian
            if sector == "civilian" and any(w.lower() == "armed" for w in words):
                return "armed"
            return sector
    ent = entity_at(s, head.i)
    if ent is not None and ent.label in ("ORG", "NORP"):
        return "armed" if any(w.lower() in nouns["armed"] for w in words) else None
    return None


def _is_name(s: Sentence, head: Token) -> bool:
    """A proper name: an ORG/PERSON/NORP entity at the head, or (the NER missed it) a
    capitalised proper noun; dates, numbers and places are not actor names."""
    ent = entity_at(s, head.i)
    if ent is not None:
        return ent.label in NAME_LABELS and (ent.label != "NORP" or head.pos == "PROPN")
    return head.pos == "PROPN" and head.text[:1].isupper()


def _extend_to_name(s: Sentence, head: Token, first: int, last: int) -> int:
    """"The Islamic Resistance | in Iraq": take in "in Iraq" / "of X" when the longer phrase
    is an actor the pack knows (the NER often cuts such names at the preposition)."""
    for p in children(s, head.i, {"prep"}):
        # the entity may already end on the preposition ("The Islamic Resistance in")
        if not head.i < p.i <= last + 1 or p.lower not in ("in", "of", "for"):
            continue
        end = s.subtree(p.i)[-1]
        if end.i <= last:
            continue
        phrase = s.text[s.tokens[first].start - s.start : end.end - s.start]
        if registry.pack().find_actor(phrase) is not None:
            return end.i
    return last


def _part_of_target(s: Sentence, head: Token) -> Token | None:
    """For "members of X", "the headquarters of X", "an official in X": X."""
    if head.lemma not in lexicon.actor_nouns()["part_of"] and head.lower not in (
        lexicon.actor_nouns()["part_of"]
    ):
        return None
    if entity_at(s, head.i) is not None:
        return None
    for p in children(s, head.i, {"prep"}):
        # "of"/"from" for parts and members; "in" only for people ("an official in X"),
        # never for places ("a checkpoint in Kirkuk")
        inside = p.lower in ("in", "within") and head.lemma in lexicon.actor_nouns()["titles"]
        if p.lower in ("of", "from") or inside:
            obj = first_child(s, p.i, {"pobj"})
            if obj is not None and obj.pos in ("PROPN", "NOUN"):
                return obj
    return None


def _span_tokens(s: Sentence, head: Token) -> tuple[int, int]:
    """[first, last] token indices of the phrase around head (left modifiers + entity)."""
    first = last = head.i
    for t in s.subtree(head.i):
        if t.i < head.i and (t.dep in _MODIFIERS or s.tokens[t.head].dep in _MODIFIERS
                             or (t.dep == "punct" and t.i > first)):
            first = min(first, t.i)
    # contiguous: stop at anything that is not part of the left modifiers
    while first < head.i and (s.tokens[first].lower in _DROP_LEADING
                              or s.tokens[first].pos in ("DET", "NUM", "PUNCT")):
        first += 1
    ent = entity_at(s, head.i)
    if ent is not None:
        first, last = min(first, ent.first), max(last, ent.last - 1)
        while first < head.i and s.tokens[first].lower in _DROP_LEADING:
            first += 1
    return first, last


def actor_phrase(s: Sentence, tok: Token | None, depth: int = 0) -> Mention | None:
    if tok is None or depth > 3:
        return None
    if tok.pos == "PRON":
        if tok.lower in PRONOUNS:
            return Mention(tok.text, tok.start, tok.end, tok.i, pronoun=True,
                           plural=tok.lower in ("they", "them", "we", "us"))
        return None
    if tok.pos not in ("NOUN", "PROPN", "NUM", "ADJ", "X"):
        return None
    target = _part_of_target(s, tok)
    if target is not None:
        inner = actor_phrase(s, target, depth + 1)
        if inner is not None:
            if tok.lemma in lexicon.actor_nouns()["titles"]:
                # "a military official in the Pentagon": speaks for it, is "the official" later
                inner = replace(inner, title=tok.lemma)
            return inner
    # an apposed proper name is the better reference: "the minister, Rebar Ahmad,"
    titles = lexicon.actor_nouns()["titles"]
    for ap in children(s, tok.i, {"appos"}):
        ent = entity_at(s, ap.i)
        if ent is not None and ent.label == "PERSON":
            title = next((t.lemma for t in s.subtree(tok.i) if t.lemma in titles
                          and t.i < ap.i), None)
            return Mention(ent.text, ent.start, ent.end, ap.i, person=True, title=title,
                           named=True)
        # "a previously unknown group, the Ahrar al-Iraq Brigades,": the name, not the noun
        if tok.pos == "NOUN" and (ap.pos == "PROPN" or (ent is not None and ent.label in (
                NAME_LABELS))) and (ent is None or ent.label not in PLACE_LABELS):
            inner = actor_phrase(s, ap, depth + 1)
            if inner is not None and inner.named:
                return inner
    first, last = _span_tokens(s, tok)
    named = _is_name(s, tok)
    if named:
        last = _extend_to_name(s, tok, first, last)
    toks = s.tokens[first : last + 1]
    text = s.text[toks[0].start - s.start : toks[-1].end - s.start]
    words = [t.text for t in toks]
    ent = entity_at(s, tok.i)
    return Mention(
        text=text,
        start=toks[0].start,
        end=toks[-1].end,
        head=tok.i,
        sector=_sector(s, tok, words),
        person=ent is not None and ent.label == "PERSON",
        title=tok.lemma if ent is None and tok.lemma in titles else None,
        plural=tok.tag in ("NNS", "NNPS"),
        named=named,
    )


def is_weapon(s: Sentence, tok: Token) -> str | None:
    """The weapon mode when the phrase headed by tok names a weapon ("several rockets")."""
    lemmas = [t.lemma for t in s.tokens]
    table = lexicon.weapons()
    for start in range(max(0, tok.i - 3), tok.i + 1):
        got = table.label_at(lemmas, start)
        if got is not None and start + got[1] - 1 == tok.i:
            return got[0]
    return None


def weapon_modes(s: Sentence, idx: list[int]) -> list[tuple[str, int]]:
    """(mode, token) of weapon words among the given tokens."""
    lemmas = [t.lemma for t in s.tokens]
    table = lexicon.weapons()
    out = []
    for i in idx:
        got = table.label_at(lemmas, i)
        if got is not None:
            out.append((got[0], i))
    return out


def places(s: Sentence) -> list[Entity]:
    """Place entities, without nationality-style uses ("US forces": US is not where)."""
    out = []
    for e in s.entities:
        if e.label not in PLACE_LABELS:
            continue
        last = s.tokens[e.last - 1]
        if last.dep in ("compound", "amod", "poss", "nmod") and s.tokens[last.head].pos in (
            "NOUN", "PROPN") and entity_at(s, last.head) is not e:
            continue
        out.append(e)
    return out

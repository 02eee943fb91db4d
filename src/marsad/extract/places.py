"""Where an event happened: which of the places in its sentence, read as a path.

Wire copy and ACLED notes write a place as a path, most specific first, with containers after
a comma or in brackets: "in Kongo Trading Center, Minakulu sub-county (Oyam, Northern)",
"in Hit, Anbar province", "the US embassy in the Green Zone in the heart of Baghdad".

1. Candidates: runs of capitalised words (with their path), the NER's places, and noun
   phrases the domain pack knows as places ("the US embassy"): place_candidates.py.
2. Not every place in a sentence is the event's: a place governed by a location preposition
   ("in", "at", "near") beats a weak one ("from", "of"); prepositions of partners, sources and
   causes ("with", "according to", "for") never locate; a place inside a relative or
   adverbial clause describes something else; the agent and the source are actors, not places.
   Statements are placed only by what attaches to their own verb ("said in Erbil"), never by
   what they talk about.
3. The chosen phrase takes the places attached to it as containers ("in the Green Zone" of
   "the US embassy"). The next readings (the phrase excluded) follow, for when the resolve
   stage cannot place the first (resolve/places.py resolves them).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from marsad.analyse import Analysis, Sentence
from marsad.analyse.datelines import find_dateline
from marsad.context import Context
from marsad.extract.licensing import has_form
from marsad.extract.place_candidates import Candidate, candidates, words
from marsad.extract.tree import children
from marsad.types import Mention, PlaceChoice, PlacePhrase, Span


@dataclass(frozen=True)
class Attachment:
    prep: str | None  # the governing preposition ("in"), None for a bare argument
    prep_head: int | None  # what the preposition attaches to
    clause: bool  # reached through a relative/adverbial/complement clause
    reaches: bool  # its governor chain reaches the trigger
    dep: str  # the phrase head's own dependency


def attachment(ctx: Context, s: Sentence, head: int, trigger: int) -> Attachment:
    w = words(ctx.profile)
    t = s.tokens[head]
    # climb out of the name itself ("Green Zone" -> "Zone"; "Hit, Anbar" -> "Hit")
    while t.dep in w.name_part_deps and t.head != t.i \
            and s.tokens[t.head].pos in w.proper_noun and s.tokens[t.head].ent == t.ent:
        t = s.tokens[t.head]
    prep = prep_head = None
    if t.dep in w.prep_object and t.head != t.i:
        p = s.tokens[t.head]
        prep, prep_head = p.lower, p.head
        if p.head != p.i and s.tokens[p.head].lower in w.cause_words:
            prep = s.tokens[p.head].lower
    clause = False
    reaches = t.i == trigger
    for a in [t, *s.ancestors(t.i)]:
        if a.i == trigger:
            reaches = True
            break
        if a.dep in w.clause and a.i != t.i:
            clause = True
    return Attachment(prep, prep_head, clause, reaches, t.dep)


def _tier(ctx: Context, s: Sentence, att: Attachment, patient: Mention | None,
          c: Candidate, destination: tuple[int, ...]) -> int | None:
    """0: where the act took place; 1: a bare argument; 2: a weak preposition; None: never.
    `destination`: the words of a deployment ("sent troops"), whose goal (-1) is where it is,
    before where it set out from ("left Nigeria on Thursday for Darfur")."""
    w = words(ctx.profile)
    if att.prep in w.destination and att.prep_head in destination:
        return -1
    if att.prep is None:
        if patient is not None and c.head is not None and patient.head == c.head:
            return 0  # "shelled Oleksandrivka": the target is a place
        return 0 if c.within else 1
    if att.prep in w.never:
        return None
    if att.prep in w.location:
        return 0
    if att.prep == w.part_of and att.prep_head is not None and (
        s.tokens[att.prep_head].lemma in w.place_of
    ):
        return 0  # "the outskirts of Mosul"
    return 2


def _modifier(ctx: Context, s: Sentence, i: int) -> bool:
    """A name used as a modifier of a common noun: a nationality-style use."""
    t = s.tokens[i]
    w = words(ctx.profile)
    while t.dep in w.flat_deps and s.tokens[t.head].pos in w.proper_noun and t.head != t.i:
        t = s.tokens[t.head]
    if t.dep not in w.modifier_deps or t.head == t.i:
        return False
    gov = s.tokens[t.head]
    return gov.pos in w.common_noun and gov.lemma not in w.place_of


def _contained_by(ctx: Context, s: Sentence, head: int, inside: set[int | None]) -> bool:
    """Whether the place at `head` is attached by a location preposition to one of the
    phrases in `inside` ("the embassy in the Green Zone", "in the heart of Baghdad")."""
    w = words(ctx.profile)
    att = attachment(ctx, s, head, -1)
    if att.prep not in w.location and att.prep != w.part_of:
        return False
    return _located_in(ctx, s, att.prep_head, inside)


def _time_frame_nouns(ctx: Context, s: Sentence, trigger: int) -> tuple[int, ...]:
    """The nouns a time-frame preposition sets the trigger's act in ("met Uribe during a
    visit to Cartagena": the visit): where they were is where the act was."""
    p = ctx.profile
    return tuple(o.i for c in children(s, trigger, p.labels("preposition_deps"))
                 if c.lower in p.words("time_frame_preps")
                 for o in children(s, c.i, p.labels("prep_object_dep")))


def _light_verb(ctx: Context, s: Sentence, trigger: int) -> tuple[int, ...]:
    """A light verb and the act its object names ("held talks in Cairo": "in Cairo" may hang
    from either): what is attached to one is attached to the act."""
    p = ctx.profile
    t = s.tokens[trigger]
    light = p.words("light_verbs")
    if has_form(ctx, t, light):
        return tuple(c.i for c in children(s, trigger, p.labels("object_deps")))
    if t.dep in p.labels("object_deps") and t.head != t.i and has_form(
            ctx, s.tokens[t.head], light):
        return (t.head,)
    return ()


def _located_in(ctx: Context, s: Sentence, head: int | None,
                heads: Collection[int | None]) -> bool:
    """Whether a place's governor is one of heads, or a place noun located in one ("said in
    the city of Erbil", "a stopover in the port of Cartagena", "in the heart of Baghdad")."""
    w = words(ctx.profile)
    for _ in range(3):
        if head is None:
            return False
        if head in heads:
            return True
        t = s.tokens[head]
        if t.lemma not in w.place_of or t.dep not in w.prep_object or t.head == t.i:
            return False
        head = s.tokens[t.head].head  # "the heart" of "in the heart of": what it is in
    return False


def _inside(at: int, m: Mention | None) -> bool:
    return m is not None and m.start <= at < m.end


def _overlaps(c: Candidate, spans: Iterable[tuple[int, int]]) -> bool:
    return any(c.start < b and a < c.end for a, b in spans)


def choose(ctx: Context, text: str, s: Sentence, trigger: int, *,
           patient: Mention | None = None, exclude: Iterable[tuple[int, int]] = (),
           statement: bool = False, motion: bool = False
           ) -> tuple[Candidate, list[Candidate]] | None:
    """The event's place phrase in the sentence (and the places attached to it, which are
    its containers), or None. `motion`: the act moves a force, placed where it goes."""
    exclude = list(exclude)
    ranked = []
    # "sent 500 troops to Basra": the goal hangs from the trigger or the verb it serves
    moving = (trigger, s.tokens[trigger].head) if motion else ()
    frame = _time_frame_nouns(ctx, s, trigger) if statement else ()
    moving += frame  # "during a visit to Cartagena": where the visit went
    own = (trigger, *frame, *_light_verb(ctx, s, trigger))
    found = candidates(ctx, text, s)
    owners = [c.owner for c in found if c.owner is not None]
    cands = [c for c in found if not _overlaps(c, exclude)]
    for k, c in enumerate(cands):
        if c.head is None or any(c is o for o in owners):
            continue  # an owner is the container of what it owns ("Baghdad's Green Zone")
        w = words(ctx.profile)
        if s.tokens[c.head].pos not in w.noun_pos or s.tokens[c.head].ent in w.nationality:
            continue  # "Additionally, ...", "Russian": not a place name
        att = attachment(ctx, s, c.head, trigger)
        tier = _tier(ctx, s, att, patient, c, moving)
        if _modifier(ctx, s, c.head) and not c.pack_only:
            if statement or ctx.gazetteer.country_named(c.text) is not None:
                continue  # "US forces", "Iraq's government": who, not where
            tier = 3  # "Mexico City police were present": their city, when nothing else
        if tier is None:
            continue
        if statement and (tier > 0 or att.prep_head != trigger) and not (
                tier <= 0 and _located_in(ctx, s, att.prep_head, own)):
            continue  # a statement is placed by its own verb ("said in Erbil"), not its content
        # "its chief of operations in Iraq has been kidnapped in Baghdad": the place of the
        # act itself before one inside a participant's description
        inner = tier == 0 and att.prep_head is not None and att.prep_head != trigger and (
            _inside(s.tokens[att.prep_head].start, patient))
        ranked.append(((tier, att.clause, inner, not att.reaches and tier > 0, k), c))
    if not ranked:
        return None
    ranked.sort(key=lambda x: x[0])
    best = ranked[0][1]
    # places attached to the chosen phrase are its containers: "the US embassy in the
    # Green Zone in the heart of Baghdad"
    inside = {best.head}
    # "Najaf's Old City": the owner first, unless a reading before took it
    containers = [o for o in cands if o is best.owner]
    for c in cands:
        if c is best or c.start < best.start or c.head is None:
            continue
        if _contained_by(ctx, s, c.head, inside):
            containers.append(c)
            inside.add(c.head)
    return best, containers


# --- the readings an event's place is chosen from ------------------------------------------


def _phrase(c: Candidate) -> PlacePhrase:
    return PlacePhrase(c.start, c.end, tuple(c.parts), tuple(c.within), c.span_end, c.pack_only)


def place_choices(ctx: Context, text: str, s: Sentence, trigger: int, *,
                  patient: Mention | None = None, exclude: Iterable[tuple[int, int]] = (),
                  statement: bool = False, motion: bool = False, tries: int = 4
                  ) -> tuple[PlaceChoice, ...]:
    """The sentence's readings of the event's place, best first: each next one is chosen
    with the phrases before it excluded, for when resolve cannot place a phrase (or only
    loosely) and gives way to the next."""
    if not s.parsed:
        return ()
    exclude = list(exclude)
    out = []
    for _ in range(tries):
        got = choose(ctx, text, s, trigger, patient=patient, exclude=exclude,
                     statement=statement, motion=motion)
        if got is None:
            break
        best, containers = got
        end = max([best.span_end, *(k.span_end for k in containers)])
        out.append(PlaceChoice(_phrase(best), tuple(_phrase(k) for k in containers),
                               Span(best.start, end, text[best.start:end])))
        exclude.append((best.start, best.end))
    return tuple(out)


__all__ = ["candidates", "choose", "place_choices"]


def dateline_place(a: Analysis) -> PlacePhrase | None:
    """The place of the report's dateline ("MULTAN, Pakistan (Reuters) -": Multan, within
    Pakistan), dates left out ("SAN SALVADOR, 3 JAN 90")."""
    for s in a.sentences:
        if not s.dateline:
            continue
        found = find_dateline(s.text, alone=True)
        if found is None or found.place is None:
            return None
        parts = [p.strip() for p in found.place.split(",")]
        names = [p for p in parts if p and not any(ch.isdigit() for ch in p)]
        if not names:
            return None
        at = s.start + s.text.find(names[0])
        return PlacePhrase(at, at + len(names[0]), (names[0],), tuple(names[1:]),
                           at + len(found.place))
    return None

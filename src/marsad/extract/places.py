"""Where an event happened: which of the places in its sentence, read as a path.

Wire copy and ACLED notes write a place as a path, most specific first, with containers after
a comma or in brackets: "in Kongo Trading Center, Minakulu sub-county (Oyam, Northern)",
"in Hit, Anbar province", "the US embassy in the Green Zone in the heart of Baghdad".

1. Candidates: runs of capitalised words (with their path), the NER's places, and noun
   phrases the domain pack knows as places ("the US embassy").
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

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from marsad.analyse import Sentence
from marsad.analyse.profiles import LanguageProfile
from marsad.context import Context
from marsad.extract.mentions import places
from marsad.types import Mention, PlaceChoice, PlacePhrase, Span


@dataclass(frozen=True)
class _Words:
    location: frozenset[str]
    weak: frozenset[str]
    never: frozenset[str]
    place_of: frozenset[str]
    clause: frozenset[str]
    not_place: frozenset[str]
    name_run: re.Pattern[str]
    designator: re.Pattern[str]
    container_stop: tuple[str, ...]  # "(coded as ...)": a note in brackets, not a container
    cause_words: frozenset[str]  # "according to", "due to", "because of": never locate
    determiners: re.Pattern[str]  # dropped before a pack's place name ("the US embassy")
    left_modifier_deps: frozenset[str]
    modifier_deps: frozenset[str]  # a name used so modifies a noun: "US forces"
    attribute_deps: frozenset[str]  # a noun inside a bigger noun phrase, not its head
    name_part_deps: frozenset[str]  # the parts of one name ("Green Zone", "Hit, Anbar")
    flat_deps: frozenset[str]
    noun_pos: frozenset[str]
    trim_pos: frozenset[str]  # not part of a place phrase at its edge: "the", "its"
    proper_noun: str
    common_noun: str
    prep_object: str
    nationality: str  # the entity label of "Russian", "Iraqi"
    part_of: str  # "the outskirts of Mosul"


@cache
def words(profile: LanguageProfile) -> _Words:
    raw = profile.data("lexicons/places.yaml")
    designators = sorted((str(w) for w in raw["designators"]), key=len, reverse=True)
    word = r"[A-Z\u00C0-\u024F][\w'’.\-]*"
    connect = rf"(?:{'|'.join(map(re.escape, raw['name_connectors']))})"
    name = rf"{word}(?:[ \-](?:{connect}[ \-])?(?:{word}|\d+))*"
    chain = rf"{name}(?: (?:{'|'.join(map(re.escape, designators))})\b)?(?: - {name})?"
    return _Words(
        location=frozenset(raw["location_preps"]),
        weak=frozenset(raw["weak_preps"]),
        never=frozenset(raw["never_preps"]),
        place_of=frozenset(raw["place_of_nouns"]),
        clause=frozenset(raw["clause_deps"]),
        not_place=frozenset(raw["not_place_words"]),
        name_run=re.compile(rf"(?<![\w'’\-])({chain})((?:, (?!and\b|or\b){chain})*)"
                            rf"(\s*\(([^()]{{1,160}})\))?"),
        designator=re.compile("|".join(map(re.escape, designators))),
        container_stop=tuple(raw["container_stop_words"]),
        cause_words=frozenset(raw["cause_words"]),
        determiners=re.compile(rf"^(?:{'|'.join(map(re.escape, raw['determiners']))})\s+",
                               re.IGNORECASE),
        left_modifier_deps=frozenset(raw["left_modifier_deps"]),
        modifier_deps=frozenset(raw["modifier_deps"]),
        attribute_deps=frozenset(raw["attribute_deps"]),
        name_part_deps=frozenset(raw["name_part_deps"]),
        flat_deps=frozenset(raw["flat_deps"]),
        noun_pos=frozenset(raw["noun_pos"]),
        trim_pos=frozenset(raw["trim_pos"]),
        proper_noun=raw["proper_noun_pos"],
        common_noun=raw["common_noun_pos"],
        prep_object=raw["prep_object_dep"],
        nationality=raw["nationality_entity"],
        part_of=raw["part_of_prep"],
    )


# --- candidates ---------------------------------------------------------------------------


@dataclass
class Candidate:
    start: int  # character offsets of the first part
    end: int
    parts: list[str]  # most specific first
    within: list[str] = field(default_factory=list)  # containers written with it
    span_end: int = 0  # end of the whole written path
    head: int | None = None  # token index of the phrase's head
    pack_only: bool = False  # a noun phrase only the pack knows ("the US embassy")

    @property
    def text(self) -> str:
        return self.parts[0]


def _token_at(s: Sentence, start: int, end: int) -> int | None:
    """The head token of the phrase at [start, end): the one whose head lies outside it."""
    inside = [t for t in s.tokens if t.start >= start and t.end <= end]
    for t in inside:
        if not (start <= s.tokens[t.head].start and s.tokens[t.head].end <= end) or t.head == t.i:
            return t.i
    return inside[-1].i if inside else None


def _bare(ctx: Context, name: str) -> list[str]:
    """The name, then without its designator ("Chios port" -> "Chios")."""
    w = words(ctx.profile)
    if " " in name and w.designator.fullmatch(name.rsplit(" ", 1)[1].lower()):
        return [name, name.rsplit(" ", 1)[0]]
    return [name]


def _split_within(ctx: Context, raw: str) -> list[str]:
    out = [p.strip() for p in re.split(r"[,;]| - ", raw) if p.strip()]
    return [w for w in out if w[:1].isupper()
            and not w.lower().startswith(words(ctx.profile).container_stop)]


def _name_runs(ctx: Context, text: str, s: Sentence) -> list[Candidate]:
    w = words(ctx.profile)
    out = []
    for m in w.name_run.finditer(s.text):
        first = m.group(1)
        lead = first.split()[0]
        if lead in w.not_place:
            # "On 5 May", "In Kirkuk": drop the sentence-initial word and keep the rest
            rest = first[len(lead):].lstrip()
            if not rest or not rest[:1].isupper() or rest.split()[0] in w.not_place:
                continue
            offset = m.start(1) + len(first) - len(rest)
            first = rest
        else:
            offset = m.start(1)
        # "Olenivka, Donetsk region (...)": after a comma come the containers (proper
        # names, not "Additionally, Washington struck" or "..., Russian forces")
        within = []
        pos = m.start(2) + 1
        for part in m.group(2)[1:].split(","):
            at = s.start + pos + len(part) - len(part.lstrip())
            pos += len(part) + 1
            tok = next((t for t in s.tokens if t.start == at), None)
            if part.strip() and (tok is None or (tok.pos == w.proper_noun
                                                 and tok.ent != w.nationality)):
                within.append(part.strip())
            else:
                break
        within += _split_within(ctx, m.group(4)) if m.group(3) else []
        first = first.rstrip(".")
        start = s.start + offset
        c = Candidate(start, start + len(first), _bare(ctx, first),
                      [w.rstrip(".") for w in within], s.start + m.end())
        c.head = _token_at(s, c.start, c.end)
        out.append(c)
    return out


def _entity_candidates(ctx: Context, s: Sentence, known: list[Candidate]) -> list[Candidate]:
    out = []
    for e in places(ctx, s):
        if any(c.start <= e.start < c.span_end for c in known):
            continue
        c = Candidate(e.start, e.end, [e.text], [], e.end)
        c.head = _token_at(s, e.start, e.end)
        out.append(c)
    return out


def _pack_phrases(ctx: Context, s: Sentence, known: list[Candidate]) -> list[Candidate]:
    """Noun phrases the pack knows as places, whatever their case ("the US embassy")."""
    p = ctx.pack
    w = words(ctx.profile)
    out = []
    for t in s.tokens:
        if t.pos not in w.noun_pos or t.dep in w.attribute_deps:
            continue
        if any(c.start <= t.start < c.span_end for c in known):
            continue
        first = t.i  # the left modifiers: "the US embassy", "Baghdad's Green Zone"
        while first > 0 and s.tokens[first - 1].dep in w.left_modifier_deps and (
            first <= s.tokens[first - 1].head <= t.i
        ):
            first -= 1
        while first < t.i and s.tokens[first].pos in w.trim_pos:
            first += 1
        a, b = s.tokens[first].start, t.end
        phrase = w.determiners.sub("", text_of(s, a, b))
        if p.find_place(phrase) is None:
            continue
        c = Candidate(a, b, [phrase], [], b, t.i, pack_only=True)
        out.append(c)
    return out


def text_of(s: Sentence, a: int, b: int) -> str:
    return s.text[a - s.start : b - s.start]


def candidates(ctx: Context, text: str, s: Sentence) -> list[Candidate]:
    runs = _name_runs(ctx, text, s)
    found = runs + _entity_candidates(ctx, s, runs)
    found += _pack_phrases(ctx, s, found)
    return sorted(found, key=lambda c: c.start)


# --- attachment ---------------------------------------------------------------------------


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
            and s.tokens[t.head].pos == w.proper_noun and s.tokens[t.head].ent == t.ent:
        t = s.tokens[t.head]
    prep = prep_head = None
    if t.dep == w.prep_object and t.head != t.i:
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
          c: Candidate) -> int | None:
    """0: where the act took place; 1: a bare argument; 2: a weak preposition; None: never."""
    w = words(ctx.profile)
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
    while t.dep in w.flat_deps and s.tokens[t.head].pos == w.proper_noun and t.head != t.i:
        t = s.tokens[t.head]
    if t.dep not in w.modifier_deps or t.head == t.i:
        return False
    gov = s.tokens[t.head]
    return gov.pos == w.common_noun and gov.lemma not in w.place_of


def _contained_by(ctx: Context, s: Sentence, head: int, inside: set[int | None]) -> bool:
    """Whether the place at `head` is attached by a location preposition to one of the
    phrases in `inside` ("the embassy in the Green Zone", "in the heart of Baghdad")."""
    w = words(ctx.profile)
    att = attachment(ctx, s, head, -1)
    if att.prep not in w.location and att.prep != w.part_of:
        return False
    h = att.prep_head
    for _ in range(3):
        if h is None:
            return False
        if h in inside:
            return True
        t = s.tokens[h]
        if t.lemma not in w.place_of or t.dep != w.prep_object:
            return False
        h = s.tokens[t.head].head  # "the heart" of "in the heart of": what it is in
    return False


def _overlaps(c: Candidate, spans: Iterable[tuple[int, int]]) -> bool:
    return any(c.start < b and a < c.end for a, b in spans)


def choose(ctx: Context, text: str, s: Sentence, trigger: int, *,
           patient: Mention | None = None, exclude: Iterable[tuple[int, int]] = (),
           statement: bool = False) -> tuple[Candidate, list[Candidate]] | None:
    """The event's place phrase in the sentence (and the places attached to it, which are
    its containers), or None."""
    exclude = list(exclude)
    ranked = []
    cands = [c for c in candidates(ctx, text, s) if not _overlaps(c, exclude)]
    for k, c in enumerate(cands):
        if c.head is None:
            continue
        w = words(ctx.profile)
        if s.tokens[c.head].pos not in w.noun_pos or s.tokens[c.head].ent == w.nationality:
            continue  # "Additionally, ...", "Russian": not a place name
        if _modifier(ctx, s, c.head) and not c.pack_only:
            continue  # "US forces", "Iraq's government": who, not where
        att = attachment(ctx, s, c.head, trigger)
        tier = _tier(ctx, s, att, patient, c)
        if tier is None:
            continue
        if statement and (tier > 0 or att.prep_head != trigger):
            continue  # a statement is placed by its own verb ("said in Erbil"), not its content
        ranked.append(((tier, att.clause, not att.reaches and tier > 0, k), c))
    if not ranked:
        return None
    ranked.sort(key=lambda x: x[0])
    best = ranked[0][1]
    # places attached to the chosen phrase are its containers: "the US embassy in the
    # Green Zone in the heart of Baghdad"
    inside = {best.head}
    containers = []
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
                  statement: bool = False, tries: int = 4) -> tuple[PlaceChoice, ...]:
    """The sentence's readings of the event's place, best first: each next one is chosen
    with the phrases before it excluded, for when resolve cannot place a phrase (or only
    loosely) and gives way to the next."""
    if not s.parsed:
        return ()
    exclude = list(exclude)
    out = []
    for _ in range(tries):
        got = choose(ctx, text, s, trigger, patient=patient, exclude=exclude,
                     statement=statement)
        if got is None:
            break
        best, containers = got
        end = max([best.span_end, *(k.span_end for k in containers)])
        out.append(PlaceChoice(_phrase(best), tuple(_phrase(k) for k in containers),
                               Span(best.start, end, text[best.start:end])))
        exclude.append((best.start, best.end))
    return tuple(out)


def descriptors(text: str, m: Mention) -> list[str]:
    """The mention and what the text calls that person where it first names them: the words
    before the name ("Kurdish politician Sardar Mustafa") or an apposition after it."""
    out = [m.text]
    first = text.find(m.text)
    if first < 0:
        return out
    line_start = max(text.rfind("\n", 0, first), text.rfind(".", 0, first)) + 1
    before = text[line_start:first].strip()
    if before:
        out.append(" ".join(before.split()[-4:]))
    after = text[first + len(m.text):first + len(m.text) + 80]
    ap = re.match(r",\s*((?:a|an|the)\s+[^,.]{3,60}),", after)
    if ap:
        out.append(ap.group(1))
    return out


__all__ = ["candidates", "choose", "descriptors", "place_choices"]

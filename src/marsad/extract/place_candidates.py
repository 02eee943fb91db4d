"""The places a sentence names, with the containers written after them.

Candidates: runs of capitalised words (with their path: "Hit, Anbar province", "Minakulu
sub-county (Oyam, Northern)"), the NER's places, and noun phrases the domain pack knows as
places ("the US embassy"). Which of them is the event's is places.py's choice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise

from marsad.analyse import Sentence
from marsad.analyse.profiles import LanguageProfile
from marsad.analyse.truecase import as_read
from marsad.context import Context
from marsad.extract import lexicon
from marsad.extract.mentions import places
from marsad.extract.tree import children
from marsad.gazetteer.scan import OWNER_GAP, POSSESSIVE


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
    destination: frozenset[str]  # "left for Darfur": where a deployment goes
    cause_words: frozenset[str]  # "according to", "due to", "because of": never locate
    determiners: re.Pattern[str]  # dropped before a pack's place name ("the US embassy")
    left_modifier_deps: frozenset[str]
    modifier_deps: frozenset[str]  # a name used so modifies a noun: "US forces"
    attribute_deps: frozenset[str]  # a noun inside a bigger noun phrase, not its head
    name_part_deps: frozenset[str]  # the parts of one name ("Green Zone", "Hit, Anbar")
    flat_deps: frozenset[str]
    noun_pos: frozenset[str]
    trim_pos: frozenset[str]  # not part of a place phrase at its edge: "the", "its"
    proper_noun: frozenset[str]
    common_noun: frozenset[str]
    prep_object: frozenset[str]
    nationality: frozenset[str]  # the entity labels of "Russian", "Iraqi"
    part_of: str  # "the outskirts of Mosul"
    capital_nouns: frozenset[str]  # "the Afghan capital": the country's capital city
    capital_of_deps: frozenset[str]  # how the country hangs from it ("Afghan", "Iraq's", "of")


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
        clause=profile.labels("place_clause_deps"),
        not_place=frozenset(raw["not_place_words"]),
        name_run=re.compile(rf"(?<![\w'’\-])({chain})((?:, (?!and\b|or\b){chain})*)"
                            rf"(\s*\(([^()]{{1,160}})\))?"),
        designator=re.compile("|".join(map(re.escape, designators))),
        container_stop=tuple(raw["container_stop_words"]),
        cause_words=frozenset(raw["cause_words"]),
        destination=frozenset(raw["destination_preps"]),
        determiners=re.compile(rf"^(?:{'|'.join(map(re.escape, raw['determiners']))})\s+",
                               re.IGNORECASE),
        left_modifier_deps=profile.labels("place_left_modifier_deps"),
        modifier_deps=profile.labels("modifier_deps"),
        attribute_deps=profile.labels("attributive_deps"),
        name_part_deps=profile.labels("name_part_deps"),
        flat_deps=profile.labels("flat_name_deps"),
        noun_pos=profile.labels("noun_pos"),
        trim_pos=profile.labels("place_trim_pos"),
        proper_noun=profile.labels("proper_noun_pos"),
        common_noun=profile.labels("common_noun_pos"),
        prep_object=profile.labels("prep_object_dep"),
        nationality=profile.labels("nationality_entities"),
        part_of=raw["part_of_prep"],
        capital_nouns=frozenset(raw["capital_nouns"]),
        capital_of_deps=profile.labels("capital_of_deps"),
    )


@dataclass
class Candidate:
    start: int  # character offsets of the first part
    end: int
    parts: list[str]  # most specific first
    within: list[str] = field(default_factory=list)  # containers written with it
    span_end: int = 0  # end of the whole written path
    head: int | None = None  # token index of the phrase's head
    pack_only: bool = False  # a noun phrase only the pack knows ("the US embassy")
    owner: Candidate | None = None  # the place it is written as belonging to ("Najaf's")

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


@cache
def _date_names(profile: LanguageProfile) -> frozenset[str]:
    """Weekday and month names as a sentence writes them ("Tuesday", "November"), never a
    place's: "in central Baghdad Tuesday" names Baghdad, "on 17 June" no town of June.
    Three-letter forms and months that are also words ("May", "March") are left out."""
    raw = profile.data("time_words.yaml")
    ambiguous = {str(m) for m in raw["ambiguous_months"]}
    names = [*raw["weekdays"], *(m for m in raw["months"] if str(m) not in ambiguous)]
    return frozenset(str(n).capitalize() for n in names if str(n).isascii() and len(str(n)) > 3)


def _name_runs(ctx: Context, text: str, s: Sentence) -> list[Candidate]:
    w = words(ctx.profile)
    dates = _date_names(ctx.profile)
    out = []
    # runs of capitals tell names only as the parser read the sentence: in a text set in
    # capitals every word starts one
    for m in w.name_run.finditer(as_read(s.text)):
        first = m.group(1)
        names = first.split(" ")
        cut = next((k for k, n in enumerate(names) if k and n.rstrip(".,") in dates), None)
        if cut is not None:
            first = " ".join(names[:cut])
        lead = first.split()[0]
        if lead in w.not_place or lead.rstrip(".,") in dates:
            # "On 5 May", "In Kirkuk": drop the sentence-initial word and keep the rest
            rest = first[len(lead):].lstrip()
            if not rest or not rest[:1].isupper() or rest.split()[0] in w.not_place | dates:
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
            if part.strip() and (tok is None or (tok.pos in w.proper_noun
                                                 and tok.ent not in w.nationality)):
                within.append(part.strip())
            else:
                break
        within += _split_within(ctx, m.group(4)) if m.group(3) else []
        first = first.rstrip(".")
        start = s.start + offset
        owned = _INNER_POSSESSIVE.search(first)
        if owned is not None and _owned_place(ctx, first, first[:owned.start()]):
            # "Baghdad's Sadr City": Baghdad, then Sadr City in it
            owner: Candidate | None = Candidate(
                start, start + owned.start(), [first[:owned.start()]], [], start + owned.start())
            owner.head = _token_at(s, owner.start, owner.end)
            if _actor_noun(ctx, s, owner):
                owner = None
            else:
                out.append(owner)
            start, first = start + owned.end(), first[owned.end():]
        else:
            owner = None
        c = Candidate(start, start + len(first), _bare(ctx, first),
                      [w.rstrip(".") for w in within], s.start + m.end(), owner=owner)
        c.head = _token_at(s, c.start, c.end)
        if _actor_noun(ctx, s, c):
            continue
        out.append(c)
    return out


_INNER_POSSESSIVE = re.compile(r"['’]s\s+(?=\S)")


def _owned_place(ctx: Context, run: str, owner: str) -> bool:
    """Whether a run with a possessive inside is a place and the one it lies in: not a
    place's own name ("Lee's Summit"), nor a body's ("Asian Citizen's Center")."""
    return _known_place(ctx, owner) and not _known_place(ctx, run)


def _known_place(ctx: Context, name: str) -> bool:
    return bool(ctx.pack.find_places(name)) or any(
        c.how == "exact" for c in ctx.gazetteer.candidates(name, fuzzy=False, limit=3))


def _actor_noun(ctx: Context, s: Sentence, c: Candidate) -> bool:
    """"Police are investigating...": a capitalised common noun for people (the first word
    of a sentence), not the Polish town of Police."""
    if c.head is None or " " in s.text[c.start - s.start : c.end - s.start].strip():
        return False
    t = s.tokens[c.head]
    return t.pos in ctx.profile.labels("common_noun_pos") and lexicon.is_actor_noun(ctx.profile, t)


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


def _capital_phrases(ctx: Context, s: Sentence, known: list[Candidate]) -> list[Candidate]:
    """"The Afghan capital", "Iraq's capital", "the capital of Peru": the country's capital
    city, with the country as its container."""
    w = words(ctx.profile)
    gaz = ctx.gazetteer
    out = []
    for t in s.tokens:
        if t.lower not in w.capital_nouns or t.pos not in w.common_noun:
            continue
        if any(c.start <= t.start < c.span_end for c in known):
            continue
        mods = children(s, t.i, w.capital_of_deps)
        mods += [o for c in mods if c.lower == w.part_of for o in children(s, c.i, w.prep_object)]
        for m in mods:
            sub = [x for x in s.subtree(m.i) if x.pos not in w.trim_pos]
            if not sub:
                continue
            name = text_of(s, sub[0].start, sub[-1].end)
            cc = gaz.demonym(name)[1] or gaz.country_named(name)
            capital = gaz.capital(cc) if cc else None
            country = gaz.country(cc) if cc else None
            if capital is not None and country is not None:
                out.append(Candidate(t.start, t.end, [capital.name], [country.name], t.end, t.i))
                break
    return out


def _mark_owners(ctx: Context, s: Sentence, found: list[Candidate]) -> None:
    """Give a phrase written as another place's ("Najaf's Old City") that place as owner."""
    read = as_read(s.text)
    for owner, owned in pairwise(found):
        name = POSSESSIVE.sub("", owner.text)  # a run may hold it: "Najaf's"
        gap = read[owner.start + len(name) - s.start:owned.start - s.start]
        if owned.owner is None and name and OWNER_GAP.fullmatch(gap) and (
                _known_place(ctx, name)):
            owned.owner = owner


def text_of(s: Sentence, a: int, b: int) -> str:
    return s.text[a - s.start : b - s.start]


def candidates(ctx: Context, text: str, s: Sentence) -> list[Candidate]:
    runs = _name_runs(ctx, text, s)
    found = runs + _entity_candidates(ctx, s, runs)
    read = as_read(s.text)
    found = [c for c in found if c.pack_only
             or not unknown_acronym(ctx, read[c.start - s.start : c.end - s.start])]
    found += _pack_phrases(ctx, s, found)
    found += _capital_phrases(ctx, s, found)
    found.sort(key=lambda c: c.start)
    _mark_owners(ctx, s, found)
    return found


def unknown_acronym(ctx: Context, name: str) -> bool:
    """A name written as an acronym that names no place ("the UDA", "the IRA"): a group or
    a body, not the towns of Uda or Ira. `name` as the parser read it (a text set in
    capitals is re-cased, its acronyms kept)."""
    letters = name.replace(".", "")
    return (2 <= len(letters) <= 5 and letters.isalpha() and letters.isupper()
            and not ctx.gazetteer.place_in_capitals(name) and not ctx.pack.find_places(name))

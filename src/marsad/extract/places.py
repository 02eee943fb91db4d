"""Where an event happened: which of the places in its sentence, read as a path, resolved.

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
   "the US embassy") and is resolved: a pack facility when its containers agree, else the
   gazetteer's resolve_path with the document's country focus and places resolved so far.
4. Nothing placed: a statement goes to its speaker's seat (pack data) when that lies in the
   document's country; an event that refers back takes the earlier event's place; otherwise
   the country of focus, at precision country.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml

from marsad.analyse import Analysis, Sentence
from marsad.extract.mentions import Mention, places
from marsad.extract.registry import pack
from marsad.resolve import geocode
from marsad.resolve.gazetteer import default_gazetteer, distance_km
from marsad.types import PlaceRef, Span

_AGREE_KM = 50.0  # a pack facility agrees with a named container this close to it


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


@cache
def words() -> _Words:
    raw = yaml.safe_load(resources.files("marsad.data").joinpath("lexicons/places.yaml")
                         .read_text("utf-8"))
    designators = sorted((str(w) for w in raw["designators"]), key=len, reverse=True)
    word = r"[A-Z\u00C0-\u024F][\w'’.\-]*"
    connect = r"(?:de|del|da|do|dos|la|le|les|of|al|el|an|am|sur|upon|y|i|e|al-|el-)"
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
    )


# --- the document's place context ---------------------------------------------------------


class DocPlaces:
    """What the document says about places: its country focus (counted lazily, only over
    the names the NER found) and the event places resolved so far."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self._focus: dict[str, float] | None = None
        self.near: list[PlaceRef] = []

    def focus(self) -> dict[str, float]:
        if self._focus is None:
            # names as places ("in Syria"), not as modifiers ("US forces"), plus the
            # demonyms and organisations that point at a country ("Iraqi", "Tunisian Sugar
            # Company")
            names = [e.text for s in self.analysis.sentences for e in s.entities
                     if e.label in ("NORP", "ORG", "FAC")]
            names += [e.text for s in self.analysis.sentences for e in places(s)]
            self._focus = geocode.country_focus(" ; ".join(names)) if names else {}
        return self._focus

    def is_top(self, country: str | None) -> bool:
        """Whether `country` is (one of) the most mentioned, or nothing is mentioned."""
        f = self.focus()
        return not f or (country is not None and f.get(country, 0) == max(f.values()))

    def top_country(self) -> str | None:
        f = self.focus()
        return max(f, key=lambda k: (f[k], k)) if f else None

    def country_place(self) -> PlaceRef | None:
        cc = self.top_country()
        p = default_gazetteer().country(cc) if cc else None
        return geocode.to_ref(p.name, p) if p is not None else None

    def context(self, within: Iterable[str] = ()) -> geocode.GeoContext:
        return geocode.GeoContext(within=tuple(within), countries=self.focus(),
                                  near=tuple(self.near[-5:]))

    def seen(self, ref: PlaceRef | None) -> None:
        if ref is not None and ref.precision not in (None, "country") and ref.lat is not None:
            self.near.append(ref)


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


def _bare(name: str) -> list[str]:
    """The name, then without its designator ("Chios port" -> "Chios")."""
    w = words()
    if " " in name and w.designator.fullmatch(name.rsplit(" ", 1)[1].lower()):
        return [name, name.rsplit(" ", 1)[0]]
    return [name]


def _split_within(raw: str) -> list[str]:
    out = [p.strip() for p in re.split(r"[,;]| - ", raw) if p.strip()]
    return [w for w in out if w[:1].isupper()
            and not w.lower().startswith(("coded", "as reported", "between", "near"))]


def _name_runs(text: str, s: Sentence) -> list[Candidate]:
    w = words()
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
            if part.strip() and (tok is None or (tok.pos == "PROPN" and tok.ent != "NORP")):
                within.append(part.strip())
            else:
                break
        within += _split_within(m.group(4)) if m.group(3) else []
        first = first.rstrip(".")
        start = s.start + offset
        c = Candidate(start, start + len(first), _bare(first),
                      [w.rstrip(".") for w in within], s.start + m.end())
        c.head = _token_at(s, c.start, c.end)
        out.append(c)
    return out


def _entity_candidates(s: Sentence, known: list[Candidate]) -> list[Candidate]:
    out = []
    for e in places(s):
        if any(c.start <= e.start < c.span_end for c in known):
            continue
        c = Candidate(e.start, e.end, [e.text], [], e.end)
        c.head = _token_at(s, e.start, e.end)
        out.append(c)
    return out


_LEFT_MODS = frozenset({"det", "amod", "compound", "poss", "case", "nmod", "hyph", "punct"})
_DROP = re.compile(r"^(?:the|a|an|this|that|its|their|his|her)\s+", re.IGNORECASE)


def _pack_phrases(s: Sentence, known: list[Candidate]) -> list[Candidate]:
    """Noun phrases the pack knows as places, whatever their case ("the US embassy")."""
    p = pack()
    out = []
    for t in s.tokens:
        if t.pos not in ("NOUN", "PROPN") or t.dep in ("compound", "amod"):
            continue
        if any(c.start <= t.start < c.span_end for c in known):
            continue
        first = t.i  # the left modifiers: "the US embassy", "Baghdad's Green Zone"
        while first > 0 and s.tokens[first - 1].dep in _LEFT_MODS and (
            first <= s.tokens[first - 1].head <= t.i
        ):
            first -= 1
        while first < t.i and s.tokens[first].pos in ("DET", "PRON", "PUNCT"):
            first += 1
        a, b = s.tokens[first].start, t.end
        phrase = _DROP.sub("", text_of(s, a, b))
        if p.find_place(phrase) is None:
            continue
        c = Candidate(a, b, [phrase], [], b, t.i, pack_only=True)
        out.append(c)
    return out


def text_of(s: Sentence, a: int, b: int) -> str:
    return s.text[a - s.start : b - s.start]


def candidates(text: str, s: Sentence) -> list[Candidate]:
    runs = _name_runs(text, s)
    found = runs + _entity_candidates(s, runs)
    found += _pack_phrases(s, found)
    return sorted(found, key=lambda c: c.start)


# --- attachment ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Attachment:
    prep: str | None  # the governing preposition ("in"), None for a bare argument
    prep_head: int | None  # what the preposition attaches to
    clause: bool  # reached through a relative/adverbial/complement clause
    reaches: bool  # its governor chain reaches the trigger
    dep: str  # the phrase head's own dependency


def attachment(s: Sentence, head: int, trigger: int) -> Attachment:
    w = words()
    t = s.tokens[head]
    # climb out of the name itself ("Green Zone" -> "Zone"; "Hit, Anbar" -> "Hit")
    while t.dep in ("compound", "flat", "appos", "conj", "npadvmod", "nmod") and t.head != t.i \
            and s.tokens[t.head].pos == "PROPN" and s.tokens[t.head].ent == t.ent:
        t = s.tokens[t.head]
    prep = prep_head = None
    if t.dep == "pobj" and t.head != t.i:
        p = s.tokens[t.head]
        prep, prep_head = p.lower, p.head
        if p.head != p.i and s.tokens[p.head].lower in ("according", "due", "because"):
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


def _tier(s: Sentence, att: Attachment, patient: Mention | None, c: Candidate) -> int | None:
    """0: where the act took place; 1: a bare argument; 2: a weak preposition; None: never."""
    w = words()
    if att.prep is None:
        if patient is not None and c.head is not None and patient.head == c.head:
            return 0  # "shelled Oleksandrivka": the target is a place
        return 0 if c.within else 1
    if att.prep in w.never:
        return None
    if att.prep in w.location:
        return 0
    if att.prep == "of" and att.prep_head is not None and (
        s.tokens[att.prep_head].lemma in w.place_of
    ):
        return 0  # "the outskirts of Mosul"
    return 2


def _modifier(s: Sentence, i: int) -> bool:
    """A name used as a modifier of a common noun: a nationality-style use."""
    t = s.tokens[i]
    while t.dep in ("compound", "flat") and s.tokens[t.head].pos == "PROPN" and t.head != t.i:
        t = s.tokens[t.head]
    if t.dep not in ("compound", "amod", "poss", "nmod") or t.head == t.i:
        return False
    gov = s.tokens[t.head]
    return gov.pos == "NOUN" and gov.lemma not in words().place_of


def _contained_by(s: Sentence, head: int, inside: set[int | None]) -> bool:
    """Whether the place at `head` is attached by a location preposition to one of the
    phrases in `inside` ("the embassy in the Green Zone", "in the heart of Baghdad")."""
    w = words()
    att = attachment(s, head, -1)
    if att.prep not in w.location and att.prep != "of":
        return False
    h = att.prep_head
    for _ in range(3):
        if h is None:
            return False
        if h in inside:
            return True
        t = s.tokens[h]
        if t.lemma not in w.place_of or t.dep != "pobj":
            return False
        h = s.tokens[t.head].head  # "the heart" of "in the heart of": what it is in
    return False


def _overlaps(c: Candidate, spans: Iterable[tuple[int, int]]) -> bool:
    return any(c.start < b and a < c.end for a, b in spans)


def choose(text: str, s: Sentence, trigger: int, *, patient: Mention | None = None,
           exclude: Iterable[tuple[int, int]] = (), statement: bool = False,
           ) -> tuple[Candidate, list[Candidate]] | None:
    """The event's place phrase in the sentence (and the places attached to it, which are
    its containers), or None."""
    exclude = list(exclude)
    ranked = []
    cands = [c for c in candidates(text, s) if not _overlaps(c, exclude)]
    for k, c in enumerate(cands):
        if c.head is None:
            continue
        if s.tokens[c.head].pos not in ("PROPN", "NOUN") or s.tokens[c.head].ent == "NORP":
            continue  # "Additionally, ...", "Russian": not a place name
        if _modifier(s, c.head) and not c.pack_only:
            continue  # "US forces", "Iraq's government": who, not where
        att = attachment(s, c.head, trigger)
        tier = _tier(s, att, patient, c)
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
        if _contained_by(s, c.head, inside):
            containers.append(c)
            inside.add(c.head)
    return best, containers


# --- resolution ---------------------------------------------------------------------------


def _city_parts(parts: list[str]) -> list[str]:
    # "Donetsk - Petrovskyi", "Tokyo - Suginami": a city and its district
    out = []
    for p in parts:
        out.append(p)
        if " - " in p:
            out.append(p.split(" - ")[0])
    return out


def _agrees(ref: PlaceRef, container: PlaceRef | None) -> bool:
    if container is None:
        return True
    if ref.country != container.country:
        return False
    if container.precision in ("facility", "neighbourhood", "city") and None not in (
        ref.lat, ref.lon, container.lat, container.lon
    ):
        assert ref.lat is not None and ref.lon is not None
        assert container.lat is not None and container.lon is not None
        return distance_km(ref.lat, ref.lon, container.lat, container.lon) <= _AGREE_KM
    return True


def resolve_candidate(c: Candidate, containers: list[Candidate], doc: DocPlaces
                      ) -> tuple[PlaceRef | None, bool]:
    """A pack place when the pack knows the phrase and its containers agree; else the
    gazetteer's reading of the path; a phrase it cannot place gives way to the nearest
    named place around it ("a plaza in Chicago" -> Chicago), at that place's precision."""
    outer, outer_exact = None, False
    if containers:
        k = containers[0]
        rest = [*k.within, *(w for x in containers[1:] for w in (x.text, *x.within)), *c.within]
        r = geocode.resolve_path(_city_parts(k.parts), context=doc.context(rest))
        outer = r.ref() if r is not None else None
        outer_exact = r is not None and r.candidate.how in ("exact", "core")
    entry = pack().find_place(c.text, country=outer.country if outer else None)
    if entry is not None and _agrees(entry.ref(c.text), outer):
        return entry.ref(c.text), True
    if c.pack_only:
        return outer, outer is not None and outer_exact  # the named place around it
    within = [*c.within, *(w for k in containers for w in (k.text, *k.within))]
    r = geocode.resolve_path(_city_parts(c.parts), context=doc.context(within))
    named = r is not None and r.text in _city_parts(c.parts)
    exact = r is not None and r.candidate.how in ("exact", "core")
    if named and r is not None and (exact or not within):
        return r.ref(), exact
    # the phrase itself is unknown (or only loosely matched): the nearest named place
    # around it, read as a place first ("Butuan City (Agusan del Norte, Caraga)")
    if outer is not None:
        return outer, outer_exact
    for i in range(len(c.within) - 1):  # the outermost is a unit: resolve_path reads it so
        inner = geocode.resolve_path(_city_parts(c.within[i:i + 1]),
                                     context=doc.context(c.within[i + 1:]))
        if inner is not None and inner.text in _city_parts(c.within[i:i + 1]):
            return inner.ref(), inner.candidate.how in ("exact", "core")
    return (r.ref(), exact) if r is not None else (None, False)


def where(text: str, s: Sentence, trigger: int, doc: DocPlaces, *,
          patient: Mention | None = None, exclude: Iterable[tuple[int, int]] = (),
          statement: bool = False) -> tuple[PlaceRef | None, Span | None]:
    """The place the sentence gives the event (None when it gives none)."""
    if not s.parsed:
        return None, None
    exclude = list(exclude)
    loose: tuple[PlaceRef, Span] | None = None
    for _ in range(4):
        # an unresolvable phrase gives way to the next one; so does a phrase only a loose
        # (typo-tolerant) match places, when another phrase resolves exactly
        got = choose(text, s, trigger, patient=patient, exclude=exclude, statement=statement)
        if got is None:
            break
        best, containers = got
        ref, exact = resolve_candidate(best, containers, doc)
        end = max([best.span_end, *(k.span_end for k in containers)])
        span = Span(best.start, end, text[best.start:end])
        if ref is not None and exact:
            return ref, span
        if ref is not None and loose is None:
            loose = (ref, span)
        exclude.append((best.start, best.end))
    return loose if loose is not None else (None, None)


# --- seats ----------------------------------------------------------------------------------


def _place_by_id(place_id: str, text: str) -> PlaceRef | None:
    if not place_id.startswith(("gn:", "adm1:", "cc:")):
        return pack().place(place_id).ref(text)
    got = default_gazetteer().place(place_id)
    return geocode.to_ref(text, got) if got is not None else None


def seat(names: Iterable[str], doc: DocPlaces) -> PlaceRef | None:
    """Where a speaker sits, from the names and descriptors the text gives them ("Rebar
    Ahmad", "the Interior Minister of Kurdistan Region", "Kurdish politician"): the pack's
    seat of the actor, else the place its demonym names. Only a seat in the document's
    country counts: a foreign capital's comment on events here is placed here."""
    p = pack()
    gaz = default_gazetteer()
    for name in names:
        entry = p.find_actor(name, country=doc.top_country())
        if entry is not None:
            sid = p.seat(entry.id)
            ref = _place_by_id(sid, name) if sid else None
            if ref is not None and doc.is_top(ref.country):
                return ref
        for word in re.findall(r"[\w'’\-]+", name):
            if not gaz.demonym(word)[0]:
                continue
            for place in p.places_for_demonym(word):
                if doc.is_top(place.country):
                    return place.ref(word)
    return None


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


__all__ = ["DocPlaces", "candidates", "choose", "descriptors", "seat", "where"]

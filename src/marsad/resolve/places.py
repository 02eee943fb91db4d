"""Where an event happened, resolved: its sentence's place readings to the gazetteer, else
the speaker's seat, else the place of the event it refers back to, else the document's
country.

1. A reading (extract/places.py) is resolved as a path: a pack facility when its containers
   agree, else the gazetteer's resolve_path with the document's country focus and the places
   resolved so far. A reading that cannot be placed, or only loosely (typo-tolerant), gives
   way to the next one.
2. Nothing placed: a statement goes to its speaker's seat (pack data) when that lies in the
   document's country, else to where the report was filed (its dateline: the reporter was
   there) unless the speaker is known to speak from another country, else to the speaker's
   country ("US Secretary of State Colin Powell", "a senior Iranian official": CODING.md);
   an event that refers back takes the earlier event's place; otherwise the country of
   focus, at precision country.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import cached_property

from marsad.actor_refs import find_actor
from marsad.context import Context
from marsad.gazetteer import Gazetteer, Place, distance_km
from marsad.gazetteer.index import FIRM_MATCHES
from marsad.resolve import geocode
from marsad.resolve.geoparse import geoparse_places
from marsad.types import PlaceChoice, PlaceMention, PlacePhrase, PlaceRef, Span

_AGREE_KM = 50.0  # a pack facility agrees with a named container this close to it
_SOLE_PLACE_SCORE = 0.5  # a place the story names counts when resolved this surely
_FINENESS = ("facility", "neighbourhood", "city", "admin2", "admin1")


class DocPlaces:
    """What the document says about places: its country focus (counted by the extract
    stage over the names the NER found) and the event places resolved so far."""

    def __init__(self, ctx: Context, focus: Mapping[str, float],
                 dateline: PlacePhrase | None = None, text: str = "",
                 toponyms: Sequence[tuple[int, int]] = ()) -> None:
        self.ctx = ctx
        self._focus = dict(focus)
        self.near: list[PlaceRef] = []
        self._dateline = dateline
        self._text = text
        self._toponyms = tuple(toponyms)

    @cached_property
    def filed_at(self) -> PlaceRef | None:
        """Where the report was filed (its dateline), resolved once; None without one."""
        if self._dateline is None:
            return None
        ref, exact = resolve_candidate(self.ctx, self._dateline, (), self)
        return ref if exact else None

    @cached_property
    def story_at_dateline(self) -> PlaceRef | None:
        """The dateline's place when the story names it again after the dateline ("ABIDJAN
        (Reuters) - ... rioting in Ivory Coast's main city Abidjan"): then the story is about
        events there (CODING.md), and an act it places nowhere else happened there."""
        filed = self.filed_at
        if filed is None or self._dateline is None or filed.precision == "country":
            return None
        body = self._text[max(self._dateline.span_end, self._dateline.end):]
        names = {self._dateline.text, filed.name}
        if any(re.search(rf"\b{re.escape(n)}\b", body, re.IGNORECASE) for n in names if n):
            return filed
        return None

    @cached_property
    def story_places(self) -> list[PlaceMention]:
        """The toponyms of the story after its dateline, resolved together."""
        if not self._toponyms:
            return []
        after = max(self._dateline.span_end, self._dateline.end) if self._dateline else 0
        spans = [sp for sp in self._toponyms if sp[0] >= after]
        return geoparse_places(self._text, spans, context=geocode.GeoContext(
            countries=self._focus), gazetteer=self.ctx.gazetteer)

    @cached_property
    def sole_place(self) -> PlaceRef | None:
        """The one place below the country the story names in its country of focus ("Three
        UN workers were freed... the kidnappers in Kabul"): an act its sentence places
        nowhere happened there, as CODING.md reads a story about events at one place. Two
        places there ("Kabul", "Kandahar") say nothing; towns of one named admin1 give the
        admin1. The dateline does not count: it is where the report was filed."""
        top = self.top_country()
        if top is None:
            return None
        inside = [m.place for m in self.story_places if m.place.country == top
                  and m.place.precision not in ("country", "continent")
                  and m.score >= _SOLE_PLACE_SCORE]
        if not inside:
            return None
        finest = min(inside, key=lambda p: _FINENESS.index(p.precision or "city"))
        if all(p.place_id == finest.place_id or _around(finest, p) for p in inside):
            # one place, or one place and those around it ("the Imam Ali shrine", "Najaf")
            return self.unit_above(finest) if finest.precision == "admin2" else finest
        units = [p for p in inside if p.precision == "admin1"]
        if len({p.place_id for p in units}) == 1 and len({p.admin1 for p in inside}) == 1:
            return units[0]
        return None

    def unit_above(self, ref: PlaceRef) -> PlaceRef | None:
        """The admin1 an admin2 lies in (else its country), for an event's place."""
        place = self.ctx.gazetteer.place(ref.place_id) if ref.place_id else None
        above = self.ctx.gazetteer.place(place.admin1_id) if place and place.admin1_id else None
        if above is None and ref.country:
            above = self.ctx.gazetteer.country(ref.country)
        return geocode.to_ref(ref.text, above) if above is not None else None

    def focus(self) -> dict[str, float]:
        return self._focus

    def is_top(self, country: str | None) -> bool:
        """Whether `country` is (one of) the most mentioned, or nothing is mentioned."""
        f = self._focus
        return not f or (country is not None and f.get(country, 0) == max(f.values()))

    def top_country(self) -> str | None:
        f = self._focus
        return max(f, key=lambda k: (f[k], k)) if f else None

    def country_place(self) -> PlaceRef | None:
        cc = self.top_country()
        p = self.ctx.gazetteer.country(cc) if cc else None
        return geocode.to_ref(p.name, p) if p is not None else None

    def context(self, within: Iterable[str] = ()) -> geocode.GeoContext:
        return geocode.GeoContext(within=tuple(within), countries=self._focus,
                                  near=tuple(self.near[-5:]))

    def seen(self, ref: PlaceRef | None) -> None:
        if ref is not None and ref.precision not in (None, "country") and ref.lat is not None:
            self.near.append(ref)


def _city_parts(parts: Sequence[str]) -> list[str]:
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


def _around(ref: PlaceRef, other: PlaceRef) -> bool:
    """Whether `other` is the unit `ref` lies in, or a place near it."""
    if other.precision == "admin1":
        return ref.admin1 is not None and ref.admin1 == other.admin1
    return other.precision in ("facility", "neighbourhood", "city") and _agrees(ref, other)


def resolve_candidate(ctx: Context, c: PlacePhrase, containers: Sequence[PlacePhrase],
                      doc: DocPlaces) -> tuple[PlaceRef | None, bool]:
    """A pack place when the pack knows the phrase and its containers agree; else the
    gazetteer's reading of the path; a phrase it cannot place gives way to the nearest
    named place around it ("a plaza in Chicago" -> Chicago), at that place's precision."""
    outer, outer_exact = None, False
    if containers:
        k = containers[0]
        rest = [*k.within, *(w for x in containers[1:] for w in (x.text, *x.within)), *c.within]
        r = geocode.resolve_path(_city_parts(k.parts), gazetteer=ctx.gazetteer,
                                 context=doc.context(rest))
        outer = r.ref() if r is not None else None
        outer_exact = r is not None and r.candidate.how in FIRM_MATCHES
    entry = ctx.pack.find_place(c.text, country=outer.country if outer else None)
    if entry is not None and _agrees(entry.ref(c.text), outer):
        return entry.ref(c.text), True
    if c.pack_only:
        return outer, outer is not None and outer_exact  # the named place around it
    within = [*c.within, *(w for k in containers for w in (k.text, *k.within))]
    r = geocode.resolve_path(_city_parts(c.parts), gazetteer=ctx.gazetteer,
                             context=doc.context(within))
    named = r is not None and r.text in _city_parts(c.parts)
    exact = r is not None and r.candidate.how in FIRM_MATCHES
    if named and r is not None and (exact or not within):
        return r.ref(), exact
    # the phrase itself is unknown (or only loosely matched): the nearest named place
    # around it, read as a place first ("Butuan City (Agusan del Norte, Caraga)")
    if outer is not None:
        return outer, outer_exact
    for i in range(len(c.within) - 1):  # the outermost is a unit: resolve_path reads it so
        inner = geocode.resolve_path(_city_parts(c.within[i:i + 1]),
                                     gazetteer=ctx.gazetteer,
                                     context=doc.context(c.within[i + 1:]))
        if inner is not None and inner.text in _city_parts(c.within[i:i + 1]):
            return inner.ref(), inner.candidate.how in FIRM_MATCHES
    return (r.ref(), exact) if r is not None else (None, False)


def where(ctx: Context, choices: Sequence[PlaceChoice], doc: DocPlaces
          ) -> tuple[PlaceRef | None, Span | None]:
    """The place the sentence gives the event (None when it gives none): the first reading
    that resolves exactly, else the first that resolves loosely."""
    loose: tuple[PlaceRef, Span] | None = None
    for choice in choices:
        ref, exact = resolve_candidate(ctx, choice.phrase, choice.containers, doc)
        if ref is not None and exact:
            return ref, choice.span
        focus = doc.focus()
        if ref is not None and loose is None and (not focus or ref.country in focus):
            # a loose match far from the story ("Provin", France, for a Peruvian uprising)
            # is worse than none: the event then takes the story's country
            loose = (ref, choice.span)
    return loose if loose is not None else (None, None)


# --- seats ----------------------------------------------------------------------------------


def _place_by_id(ctx: Context, place_id: str, text: str) -> PlaceRef | None:
    if not place_id.startswith(("gn:", "adm1:", "cc:")):
        return ctx.pack.place(place_id).ref(text)
    got = ctx.gazetteer.place(place_id)
    return geocode.to_ref(text, got) if got is not None else None


# sectors that speak for no state (marsad.packs sectors)
_STATELESS = frozenset({"igo", "ngo"})


def seat(ctx: Context, names: Iterable[str], doc: DocPlaces) -> PlaceRef | None:
    """Where a speaker sits, from the names and descriptors the text gives them ("Rebar
    Ahmad", "the Interior Minister of Kurdistan Region", "Kurdish politician"): the pack's
    seat of the actor, else the place its demonym names. A state's seat counts only in the
    document's country: a foreign capital's comment on events here is placed here. A body of
    no one country (the EU, the UN, the Vatican) and a non-governmental one (Human Rights
    Watch) speak for no state: from where the story was filed, else from their seat,
    wherever the story is about."""
    p = ctx.pack
    gaz = ctx.gazetteer
    for name in names:
        entry = find_actor(ctx, name, doc.top_country())
        if entry is not None:
            sid = p.seat(entry.id)
            ref = _place_by_id(ctx, sid, name) if sid else None
            if ref is not None and (entry.country is None or entry.sector in _STATELESS):
                # "ABUJA (Reuters) - The African Union issued...": said where it was filed
                return doc.filed_at or ref
            if ref is not None and doc.is_top(ref.country):
                return ref
        for word in re.findall(r"[\w'’\-]+", name):
            if not gaz.demonym(word)[0]:
                continue
            for place in p.places_for_demonym(word):
                if doc.is_top(place.country):
                    return place.ref(word)
        named = _place_in_name(name, doc)
        if named is not None:
            return named
    return None


def _place_in_name(name: str, doc: DocPlaces) -> PlaceRef | None:
    """A place of the story's country that a speaker's own name holds ("Darfur rebels",
    "Baghdad police", "a Kabul court"): the speaker speaks from there."""
    for m in doc.story_places:
        ref = m.place
        if ref.precision in (None, "continent") or (ref.place_id or "").startswith("cc:") \
                or not doc.is_top(ref.country):
            continue  # a country's own name says whom one speaks of ("Iraq war veterans")
        if re.search(rf"(?<!\w){re.escape(m.text)}(?!\w)", name):
            return doc.unit_above(ref) if ref.precision == "admin2" else ref
    return None


def speaker_country(ctx: Context, names: Iterable[str], doc: DocPlaces) -> PlaceRef | None:
    """The country a speaker speaks for, from the registry or from the first country name or
    demonym in the names the text gives them ("US Secretary of State Colin Powell": US;
    "the Taiwanese President": TW), at precision country."""
    gaz = ctx.gazetteer
    for name in names:
        entry = find_actor(ctx, name, doc.top_country())
        if entry is not None and not entry.generic and entry.country:
            place = gaz.country(entry.country)
        else:
            place = _first_unit_named(gaz, name)
        if place is not None:
            return geocode.to_ref(name, place)
    return None


def _first_unit_named(gaz: Gazetteer, name: str) -> Place | None:
    """The first country, or first-level unit of one name ("Northern Ireland's largest
    loyalist group": Northern Ireland, not Ireland), that a name names or a demonym in it
    points to."""
    words = re.findall(r"[\w'’.\-]+", name)
    for i in range(len(words)):
        for n in (3, 2, 1):
            if i + n > len(words):
                continue
            phrase = " ".join(words[i:i + n])
            if (cc := gaz.country_named(phrase)) is not None:
                return gaz.country(cc)
            units = gaz.admin1_units(phrase.removesuffix("'s").removesuffix("’s")) if (
                n > 1) else []
            if len(units) == 1:
                return units[0]
        if (cc := gaz.demonym(words[i].strip(".'’"))[1]) is not None:
            return gaz.country(cc)
    return None

"""Toponym resolution: which place a name means, given what the document says around it.

    ctx = GeoContext(within=("Al Jawf",))               # "Al Hazm district (Al Jawf)"
    geocode("Al Hazm district", context=ctx)            # -> PlaceRef(Al Hazm, YE, admin1 Al Jawf)
    ctx = GeoContext(countries={"LB": 3})               # a document about Lebanon
    geocode("Tripoli", context=ctx)                     # -> Tripoli, Lebanon

A name's candidates (gazetteer.candidates) are scored on: how well the name matched,
explicit containment (`within`), the document's country focus, nearness to places already
resolved in the document, the kind of feature, and population. Demonyms ("Iraqi",
"Kurdish") are never places. The weights are below, in one table, with the reason for each.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from marsad.gazetteer.index import Candidate, Gazetteer, Place, default_gazetteer, distance_km
from marsad.gazetteer.names import NameKey, name_key
from marsad.types import PlaceRef


@dataclass(frozen=True, slots=True)
class Weights:
    match: float = 2.0  # x name-match quality (1 canonical, 0.9 alias, less for loose matches)
    population: float = 0.25  # x log10(population): Paris, France before Paris, Texas
    # Kind priors: a bare "Jordan" or "Georgia" is the country; a facility from the pack was
    # put there for this theatre.
    country: float = 1.0
    admin1: float = 0.3
    facility: float = 0.4
    admin_hint: float = 1.5  # "Anbar province": the unit, not a village called Anbar
    place_hint: float = 1.0  # "Basra district", "X village": not the first-level unit
    within_admin1: float = 3.0  # "(Al Jawf)" names the unit the place lies in
    within_country: float = 1.5
    focus: float = 2.5  # x share of the document's country mentions
    country_hint: float = 2.0  # the document's known country
    near: float = 1.5  # x exp(-km / near_km) to the closest place already resolved
    near_km: float = 150.0
    # "Ontario" read as Ontario County, New York: an admin2 that answers only once "County"
    # is stripped from its name; news names a county as "X County"
    county_unsaid: float = 1.0


WEIGHTS = Weights()


@dataclass(frozen=True, slots=True)
class GeoContext:
    """What the document says around a toponym."""

    within: tuple[str, ...] = ()  # enclosing places as written, innermost first
    countries: Mapping[str, float] = field(default_factory=dict)  # ISO2 -> mentions in the doc
    near: tuple[PlaceRef, ...] = ()  # places already resolved in the document
    country: str | None = None  # the document's country when known (source, dateline)

    def with_near(self, ref: PlaceRef) -> GeoContext:
        return replace(self, near=(*self.near, ref))


@dataclass(frozen=True, slots=True)
class Resolution:
    """The chosen place for a name, its score in [0, 1] and the runners-up."""

    text: str
    place: Place
    candidate: Candidate
    score: float  # share of the evidence: softmax of the chosen one among all candidates
    alternatives: tuple[Place, ...] = ()

    def ref(self) -> PlaceRef:
        return to_ref(self.text, self.place)


def to_ref(text: str, p: Place) -> PlaceRef:
    # a region at admin1 precision ("South Waziristan") lies in its unit (Khyber Pakhtunkhwa)
    admin1 = (p.admin1 or p.name) if p.precision == "admin1" else p.admin1
    return PlaceRef(text=text, place_id=p.place_id, name=p.name, lat=p.lat, lon=p.lon,
                    admin1=admin1 if p.precision != "country" else None, country=p.country,
                    precision=p.precision)


# --- context, resolved once per call -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Evidence:
    admin1: Mapping[str, float]  # admin1 id -> support from `within`, in [0, 1]
    countries: Mapping[str, float]  # ISO2 -> support from `within`, in [0, 1]
    focus: Mapping[str, float]  # ISO2 -> share of mentions
    country: str | None
    near: tuple[tuple[float, float], ...]


def _containers(gaz: Gazetteer, within: Sequence[str]) -> tuple[dict[str, float], dict[str, float]]:
    """Which admin1 units and countries the `within` names may denote, with support.

    "Oyam, Northern": Northern is an admin1 of Uganda, Ghana, Sri Lanka...; Oyam is a town in
    Uganda's Northern Region; together they point at UG.N. Each name votes once per unit.
    """
    a1: Counter[str] = Counter()
    cc: Counter[str] = Counter()
    names = [w for w in within if w and w.strip()]
    for w in names:
        cands = gaz.candidates(w)
        units = [c.place for c in cands if c.place.precision in ("admin1", "country")]
        votes_a1: dict[str, float] = {}
        votes_cc: dict[str, float] = {}
        for p in units:
            if p.precision == "admin1":
                votes_a1[p.place_id] = 1.0
            if p.country:
                votes_cc[p.country] = 1.0
        if not units:
            # No unit has this name: it is a district or town ("Oyam", "Kadugli"), and the
            # towns called so say which units it may lie in. When a unit does carry the name
            # ("Buenos Aires"), same-named villages elsewhere are noise.
            for c in cands:
                if c.place.admin1_id:
                    votes_a1.setdefault(c.place.admin1_id, 0.5)
                if c.place.country:
                    votes_cc.setdefault(c.place.country, 0.5)
        a1.update(votes_a1)
        cc.update(votes_cc)
    n = max(1, len(names))
    return ({k: v / n for k, v in a1.items()}, {k: v / n for k, v in cc.items()})


def _evidence(gaz: Gazetteer, ctx: GeoContext) -> _Evidence:
    a1, cc = _containers(gaz, ctx.within)
    total = sum(ctx.countries.values())
    focus = {k.upper(): v / total for k, v in ctx.countries.items()} if total > 0 else {}
    # A country's, a continent's or a first-level unit's point is no place a town is near
    # (Melbourne, Derbyshire, lies 150 km from the United Kingdom's point; Cairo, Nebraska,
    # as far from the United States'): the focus and containment speak for those.
    near = tuple((r.lat, r.lon) for r in ctx.near if r.lat is not None and r.lon is not None
                 and r.precision not in AREA_PRECISIONS)
    return _Evidence(a1, cc, focus, ctx.country.upper() if ctx.country else None, near)


AREA_PRECISIONS = frozenset({"country", "continent", "admin1"})


# --- scoring ------------------------------------------------------------------------------


def _score(c: Candidate, q: NameKey, ev: _Evidence, w: Weights) -> float:
    p = c.place
    s = w.match * c.match + w.population * math.log10(p.population + 1)
    s += {"country": w.country, "continent": w.country, "admin1": w.admin1,
          "facility": w.facility}.get(p.precision, 0.0)
    if q.admin_hint:
        s += w.admin_hint if p.precision == "admin1" else 0.0
    if q.place_hint and p.precision in ("admin1", "country"):
        s -= w.place_hint
    if p.precision == "admin2" and not q.place_hint and name_key(c.matched).place_hint:
        s -= w.county_unsaid
    if p.admin1_id and p.admin1_id in ev.admin1:
        s += w.within_admin1 * ev.admin1[p.admin1_id]
    elif p.precision == "admin1" and p.place_id in ev.admin1:
        s += w.within_admin1 * ev.admin1[p.place_id]
    if p.country is not None and p.country in ev.countries:
        s += w.within_country * ev.countries[p.country]
    s += w.focus * ev.focus.get(p.country or "", 0.0)
    if ev.country and p.country == ev.country:
        s += w.country_hint
    # only places within a few hundred km count; farther ones add under 1% of the weight,
    # so a latitude band skips them before the great-circle distance is computed
    near = [distance_km(p.lat, p.lon, lat, lon) for lat, lon in ev.near
            if abs(lat - p.lat) < _NEAR_BAND_DEG]
    if near:
        s += w.near * math.exp(-min(near) / w.near_km)
    return s


_NEAR_BAND_DEG = 7.0  # ~780 km of latitude: exp(-780 / 150) < 0.006


# A town shadows the unit of its name only as a large part of it: Kirkuk holds most of Kirkuk
# governorate; California, Pennsylvania (6,000 people) is not what "California" means.
SHADOW_SHARE = 0.1


def _drop_shadowed_units(cands: list[Candidate], q: NameKey, gaz: Gazetteer
                         ) -> list[Candidate]:
    """A bare "Basra" or "Kirkuk" is the city, not the governorate named after it: drop an
    admin1 when a city inside it of at least a tenth of its population matched as well, or
    such a city of its very name that is a unit of its own ("Buenos Aires") or the capital
    ("Washington"), unless the name said "province". The city must answer to the name itself
    or by its own name: an alternate "Alaska City" does not make Anchorage what "Alaska"
    means; Kansas City, Missouri, lies outside Kansas, and Wyoming, Michigan, is neither a
    unit nor the capital. A name in a list of units is read as one (resolve_geoparse)."""
    if q.admin_hint:
        return cands
    towns = [c for c in cands if c.place.precision in ("city", "neighbourhood", "facility")
             and (name_key(c.matched).key == q.key or c.matched == c.place.name)]

    def inside(t: Place, unit: Place) -> bool:
        if unit.precision == "admin2":  # "Marrakech": the city Marrakesh, in its admin1
            return t.admin1_id is not None and t.admin1_id == unit.admin1_id
        return t.admin1_id == unit.place_id

    def namesake(t: Place, unit: Place, core: str) -> bool:
        if (t.country, name_key(t.name).key) != (unit.country, core):
            return False
        capital = gaz.capital(unit.country) if unit.country else None
        return core in name_key(t.admin1 or "").key or (
            capital is not None and capital.place_id == t.place_id)

    def shadowed(unit: Place) -> bool:
        core = name_key(unit.name).core  # "Lima Region": the city Lima, not Kansas City
        floor = SHADOW_SHARE * unit.population
        return any((inside(c.place, unit) or namesake(c.place, unit, core))
                   and c.place.population >= floor for c in towns)

    return [c for c in cands if not (c.place.precision in ("admin1", "admin2")
                                     and shadowed(c.place))] or cands


def _country_over_its_namesake(cands: list[Candidate], q: NameKey) -> list[Candidate]:
    """A country's name is the country: not its unit of that name (Mexico, not the State of
    Mexico; Panama, not Panama province) unless the name said "state" or "province", and
    not a city whose name only holds it ("Mexico" is not Mexico City)."""
    if q.admin_hint:
        return cands
    named = {c.place.country for c in cands if c.place.precision == "country"
             and name_key(c.matched).key == q.key}
    if not named:
        return cands

    def namesake(c: Candidate) -> bool:
        if c.place.country not in named:
            return False
        return c.place.precision in ("admin1", "admin2") or (
            c.place.precision != "country" and name_key(c.matched).key != q.key)

    return [c for c in cands if not namesake(c)]


def _features_over_towns(cands: list[Candidate], q: NameKey) -> list[Candidate]:
    """A sea's, a range's or a multi-country region's own name ("the Pacific", "West
    Africa", "the Americas") is that feature, not a town called so or spelt alike
    (Atlantic, Iowa; Americus, Georgia), unless the name said "city" or "town"."""
    if q.place_hint or not any(c.place.precision == "continent" and c.how == "exact"
                               for c in cands):
        return cands
    return [c for c in cands if c.place.precision in ("continent", "country", "admin1")]


def _localities_when_said(cands: list[Candidate], q: NameKey) -> list[Candidate]:
    """A name that says it is a locality ("Mexico City", "Kuwait City", "Hit village") is
    not the country or the province its core names."""
    if not q.place_hint:
        return cands
    return [c for c in cands if c.place.precision not in ("country", "admin1")] or cands


# With no country known, a loose match counts only for a place this large (pack facilities
# carry this population as their prior): a typo of a capital, not a same-shaped village.
LOOSE_ALONE_POPULATION = 100_000


def _corroborated(cands: list[Candidate], ev: _Evidence) -> list[Candidate]:
    """Loose matches (skeleton, fuzzy) and a part's whole ("West Midlands": the Midlands)
    only count in a country the document points at: a typo of a place there is likely, a
    same-shaped village on another continent is not, nor Zimbabwe's Midlands province for an
    English county the gazetteer lacks. With no country known, only a large place (or a pack
    facility) is read loosely: "Baghdadd" is Baghdad, "Sumatra" is not Sumter, South
    Carolina."""
    known = set(ev.countries) | set(ev.focus) | ({ev.country} if ev.country else set())
    return [c for c in cands if c.how in ("exact", "core") or c.place.country in known
            or (not known and c.place.population >= LOOSE_ALONE_POPULATION)]


def resolve(name: str, *, context: GeoContext | None = None, gazetteer: Gazetteer | None = None,
            weights: Weights = WEIGHTS, unit: bool = False, container: bool = False,
            said: str | None = None,
            _evidence_cache: _Evidence | None = None) -> Resolution | None:
    """The most plausible place for `name` in `context`, or None (no candidate, a demonym).

    `unit`: the name is known to be a container ("(Al Jawf)"), so read it as an
    administrative unit, as if it said "province"; a name that says it is a locality
    ("New York City") stays one. `container`: the name stands after a place as the one it
    lies in ("Buffalo, New York"): a unit of the name is not shadowed by its namesake city.
    `said`: the generic word the text puts beside the name ("Washington state", "the
    village of Cellardyke"), read as if the name carried it.
    """
    gaz = gazetteer or default_gazetteer()
    ctx = context or GeoContext()
    q = name_key(name)
    if unit and not q.place_hint:
        q = replace(q, admin_hint=True)
    elif gaz.demonym(name)[0]:
        return None
    # a word beside the name weighs as if the name said it; a locality word there ("the
    # area of Iraq") drops no unit from the candidates, as the name's own word would
    hinted = name_key(f"{name} {said}") if said else q
    if hinted.admin_hint and not q.admin_hint and not q.place_hint:
        q = replace(q, admin_hint=True)
    scored_q = replace(q, place_hint=q.place_hint or (hinted.place_hint and not q.admin_hint))
    cands = gaz.candidates(name)
    if not container:
        cands = _drop_shadowed_units(cands, q, gaz)
    cands = _localities_when_said(cands, q)
    cands = _features_over_towns(_country_over_its_namesake(cands, q), q)
    if not cands:
        return None
    ev = _evidence_cache or _evidence(gaz, ctx)
    cands = _corroborated(cands, ev)
    if not cands:
        return None
    scored = sorted(((_score(c, scored_q, ev, weights), c) for c in cands),
                    key=lambda sc: sc[0], reverse=True)
    top = scored[0][0]
    share = 1.0 / sum(math.exp(s - top) for s, _ in scored)
    best = scored[0][1]
    return Resolution(text=name, place=best.place, candidate=best,
                      score=round(share * best.match, 4),
                      alternatives=tuple(c.place for _, c in scored[1:4]))


def geocode(name: str, *, context: GeoContext | None = None,
            gazetteer: Gazetteer | None = None) -> PlaceRef | None:
    """Resolve one toponym to a PlaceRef (name, lat, lon, admin1, country, precision, id)."""
    r = resolve(name, context=context, gazetteer=gazetteer)
    return r.ref() if r else None


def _supported(r: Resolution, ev: _Evidence) -> bool:
    p = r.place
    if ev.admin1:
        return (p.admin1_id or p.place_id) in ev.admin1
    if ev.countries:
        return p.country in ev.countries
    return True


def resolve_inside(name: str, *, context: GeoContext, gazetteer: Gazetteer | None = None,
                   unit: bool = False, container: bool = False,
                   said: str | None = None) -> Resolution | None:
    """resolve(), held to the places the text says the name lies in (context.within): a
    town the gazetteer lacks, or whose only readings lie in another country, is given its
    container's place at the container's precision ("Stroud, Ontario": Ontario, not Stroud
    in England; "Kibera, Nairobi": Nairobi). "X, Y" is also how two places are listed
    ("Kenya, Uganda", "Nairobi, Mombasa"), so a unit the name denotes, a town in a country
    the containers may denote, or a container that is itself only a town, is kept."""
    gaz = gazetteer or default_gazetteer()
    ev = _evidence(gaz, context) if context.within else None  # resolve() reads it too
    r = resolve(name, context=context, gazetteer=gaz, unit=unit, container=container,
                said=said, _evidence_cache=ev)
    if ev is None:
        return r
    countries = ev.countries
    if r is not None and (r.place.precision in AREA_PRECISIONS or not countries
                          or r.place.country in countries):
        return r
    outer = resolve_path((), context=context, gazetteer=gaz)
    if outer is None or (r is not None and outer.place.precision not in AREA_PRECISIONS):
        return r
    return outer


def resolve_path(parts: Sequence[str], *, context: GeoContext | None = None,
                 gazetteer: Gazetteer | None = None) -> Resolution | None:
    """Resolve a place written as a path, most specific first: ("Kongo Trading Center",
    "Minakulu sub-county") with context.within ("Oyam", "Northern").

    The first part that resolves *inside* the containers wins; when none does, the
    containers themselves are resolved, innermost first, so the answer falls back to a
    coarser precision rather than to a same-named place elsewhere.
    """
    gaz = gazetteer or default_gazetteer()
    ctx = context or GeoContext()
    ev = _evidence(gaz, ctx)
    first: Resolution | None = None
    for part in parts:
        r = resolve(part, context=ctx, gazetteer=gaz, _evidence_cache=ev)
        if r is None:
            continue
        if _supported(r, ev):
            return r
        first = first or r
    within = list(ctx.within)
    for i, container in enumerate(within):
        outer = replace(ctx, within=tuple(within[i + 1:]))
        r = resolve(container, context=outer, gazetteer=gaz, unit=True)
        if r is not None and (i + 1 == len(within) or _supported(r, _evidence(gaz, outer))):
            return r
    return first

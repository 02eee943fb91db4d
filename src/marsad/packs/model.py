"""The records of a domain pack: actors, places, tracked issues, and the pack that indexes them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Literal, TypeVar

from marsad.packs.names import exact_key, needs_exact_case, normalise_alias
from marsad.types import ActorRef, PlaceRef, Precision

ActorKind = Literal["organisation", "office", "person", "generic"]


def date_bounds(value: str) -> tuple[date, date]:
    """First and last day covered by a partial ISO date: "2019" -> 2019-01-01 .. 2019-12-31."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if len(parts) == 2:
        year, month = parts
        last = date(year + month // 12, month % 12 + 1, 1).toordinal() - 1
        return date(year, month, 1), date.fromordinal(last)
    day = date(*parts)
    return day, day


@dataclass(frozen=True, slots=True)
class Tenure:
    """A person holding an office from `start` to `end` (partial ISO dates; None: open)."""

    office: str
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One actor of the registry: an organisation, an office, a named person or a generic type."""

    id: str
    name: str
    sector: str
    country: str | None  # ISO 3166 alpha-2; None only for generic or transnational actors
    aliases: tuple[str, ...] = ()
    aliases_ar: tuple[str, ...] = ()
    parent: str | None = None  # id of the organisation it belongs to
    office_of: str | None = None  # for an office: id of the organisation it heads or serves
    affiliations: tuple[str, ...] = ()  # ids of umbrellas or allies it is commonly tied to
    generic: bool = False  # a type of actor ("gunmen"), not one organisation
    person: bool = False
    transnational: bool = False
    holds: tuple[Tenure, ...] = ()
    seat: str | None = None  # where it sits: a pack place id, or a gazetteer id (gn:98182)
    start: str | None = None  # active from (partial ISO date)
    end: str | None = None  # active until
    note: str = ""

    @property
    def kind(self) -> ActorKind:
        if self.generic:
            return "generic"
        if self.person:
            return "person"
        if self.office_of:
            return "office"
        return "organisation"

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases, *self.aliases_ar)

    def active_on(self, day: date) -> bool:
        if self.start and day < date_bounds(self.start)[0]:
            return False
        return not (self.end and day > date_bounds(self.end)[1])

    def ref(self, text: str) -> ActorRef:
        """The resolved reference an event carries for a mention `text` of this actor."""
        return ActorRef(text, self.id, self.name, self.sector, self.country)


@dataclass(frozen=True, slots=True)
class PlaceEntry:
    """A place no general gazetteer has (a base, an embassy, a crossing), or an admin unit."""

    id: str
    name: str
    type: str
    lat: float
    lon: float
    country: str  # ISO 3166 alpha-2
    precision: Precision  # how closely lat/lon locate it
    admin1: str | None = None
    aliases: tuple[str, ...] = ()
    aliases_ar: tuple[str, ...] = ()
    within: str | None = None  # id of the containing place
    demonyms: tuple[str, ...] = ()  # what its people are called ("Kurdish"): never a place name
    note: str = ""

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases, *self.aliases_ar)

    def ref(self, text: str) -> PlaceRef:
        return PlaceRef(
            text, self.id, self.name, self.lat, self.lon, self.admin1, self.country, self.precision
        )


@dataclass(frozen=True, slots=True)
class Issue:
    """A question statements take sides on, and what signals it."""

    id: str
    label: str
    description: str = ""
    position_for: str = ""  # what "for" means on this issue
    position_against: str = ""
    actors: tuple[str, ...] = ()  # ids of actors whose mention signals the issue
    terms: tuple[str, ...] = ()
    terms_ar: tuple[str, ...] = ()
    # What the stance reader looks for in a statement's clause (lower case): a target, and a
    # polarity word next to it ("the exit of the coalition" is against its presence).
    targets: tuple[str, ...] = ()
    for_words: tuple[str, ...] = ()
    against_words: tuple[str, ...] = ()


class _Index:
    """Normalised name -> entries, with short English-word acronyms ("US", "IS") case-exact."""

    def __init__(self, entries: Iterable[ActorEntry | PlaceEntry]) -> None:
        folded: defaultdict[str, list] = defaultdict(list)
        exact: defaultdict[str, list] = defaultdict(list)
        for entry in entries:
            for name in entry.names():
                key = normalise_alias(name)
                table, key = (exact, exact_key(name)) if needs_exact_case(key) else (folded, key)
                if entry not in table[key]:
                    table[key].append(entry)
        self.folded = {k: tuple(v) for k, v in folded.items()}
        self.exact = {k: tuple(v) for k, v in exact.items()}

    def get(self, surface: str) -> tuple:
        key = normalise_alias(surface)
        if needs_exact_case(key):
            return self.exact.get(exact_key(surface), ())
        return self.folded.get(key, ())


_E = TypeVar("_E")


def _prefer(candidates: tuple[_E, ...], keep: Callable[[_E], bool]) -> tuple[_E, ...]:
    """Narrow an ambiguous match by a hint; a hint that fits none is ignored."""
    if len(candidates) < 2:
        return candidates
    kept = tuple(c for c in candidates if keep(c))
    return kept or candidates


@dataclass(frozen=True, repr=False)
class Pack:
    """A domain pack, loaded and validated. Build it with `marsad.packs.load_pack`."""

    name: str
    description: str
    version: str
    countries: tuple[str, ...]
    actors: tuple[ActorEntry, ...]
    places: tuple[PlaceEntry, ...]
    issues: tuple[Issue, ...]
    path: Path
    _actor_ids: Mapping[str, ActorEntry] = field(init=False, repr=False, compare=False)
    _place_ids: Mapping[str, PlaceEntry] = field(init=False, repr=False, compare=False)
    _actor_names: _Index = field(init=False, repr=False, compare=False)
    _place_names: _Index = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        setattr_ = object.__setattr__
        setattr_(self, "_actor_ids", MappingProxyType({a.id: a for a in self.actors}))
        setattr_(self, "_place_ids", MappingProxyType({p.id: p for p in self.places}))
        setattr_(self, "_actor_names", _Index(self.actors))
        setattr_(self, "_place_names", _Index(self.places))

    def __repr__(self) -> str:
        return (
            f"Pack({self.name!r}, version={self.version!r}, {len(self.actors)} actors, "
            f"{len(self.places)} places, {len(self.issues)} issues)"
        )

    # --- by id ---------------------------------------------------------------------------

    def actor(self, actor_id: str) -> ActorEntry:
        """The actor with this id; KeyError if the pack has none."""
        return self._actor_ids[actor_id]

    def place(self, place_id: str) -> PlaceEntry:
        return self._place_ids[place_id]

    def issue(self, issue_id: str) -> Issue:
        for issue in self.issues:
            if issue.id == issue_id:
                return issue
        raise KeyError(issue_id)

    def ancestors(self, actor_id: str) -> tuple[ActorEntry, ...]:
        """Parent, grandparent, ... of an actor (Nujaba -> PMF -> Government of Iraq)."""
        chain: list[ActorEntry] = []
        parent = self.actor(actor_id).parent
        while parent is not None:
            chain.append(self.actor(parent))
            parent = chain[-1].parent
        return tuple(chain)

    def seat(self, actor_id: str) -> str | None:
        """Where an actor sits, as a place id: its own `seat`, else that of an office it
        holds, the body it is an office of, or its parent (a ministry sits with its
        government, a minister with the ministry)."""
        todo, seen = [actor_id], set()
        while todo:
            a = self._actor_ids.get(todo.pop(0))
            if a is None or a.id in seen:
                continue
            seen.add(a.id)
            if a.seat:
                return a.seat
            todo.extend(t.office for t in a.holds)
            todo.extend(x for x in (a.office_of, a.parent) if x)
        return None

    def places_for_demonym(self, word: str) -> tuple[PlaceEntry, ...]:
        """Places whose people `word` names ("Kurdish" -> the Kurdistan Region)."""
        key = normalise_alias(word)
        return tuple(p for p in self.places
                     if any(normalise_alias(d) == key for d in p.demonyms))

    def members(self, actor_id: str) -> tuple[ActorEntry, ...]:
        """Actors whose parent is this one."""
        return tuple(a for a in self.actors if a.parent == actor_id)

    # --- by name -------------------------------------------------------------------------

    def find_actors(
        self, surface: str, *, country: str | None = None, on: date | None = None
    ) -> tuple[ActorEntry, ...]:
        """Every actor one of whose names normalises like `surface`.

        When several match, `on` (the event date) keeps those active then and `country`
        keeps those of that country; a hint that fits none of them is ignored.
        """
        found = self._actor_names.get(surface)
        if on is not None:
            found = _prefer(found, lambda a: a.active_on(on))
        if country is not None:
            found = _prefer(found, lambda a: a.country == country)
        return found

    def find_actor(
        self, surface: str, *, country: str | None = None, on: date | None = None
    ) -> ActorEntry | None:
        """The one actor `surface` names, or None when it names none or stays ambiguous.

        A name shared by a specific actor and a generic type ("security forces": Iraqi
        Security Forces and the generic type) means the specific one when the country hint
        picks it, else the generic type: nothing more is known."""
        found = self.find_actors(surface, country=country, on=on)
        if len(found) > 1:
            generic = tuple(a for a in found if a.generic)
            found = generic if len(generic) == 1 else found
        return found[0] if len(found) == 1 else None

    def find_places(self, surface: str, *, country: str | None = None) -> tuple[PlaceEntry, ...]:
        found = self._place_names.get(surface)
        if country is not None:
            found = _prefer(found, lambda p: p.country == country)
        return found

    def find_place(self, surface: str, *, country: str | None = None) -> PlaceEntry | None:
        found = self.find_places(surface, country=country)
        return found[0] if len(found) == 1 else None

    def ambiguous_actor_names(self) -> dict[str, tuple[str, ...]]:
        """Normalised names shared by several actors, with their ids (for review)."""
        tables = (self._actor_names.folded, self._actor_names.exact)
        return {k: tuple(a.id for a in v) for t in tables for k, v in t.items() if len(v) > 1}

"""Read a pack folder (pack.yaml, actors.yaml, places.yaml) into checked records.

Every problem found is collected, and one `PackError` names the file, the entry and the
reason for each, so a user fixing a pack sees all of them at once.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from marsad.errors import MarsadError
from marsad.packs.model import ActorEntry, Issue, Pack, PlaceEntry, Tenure, date_bounds


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Who an actor is, broadly. Documented in data/packs/README.md.
SECTORS = _words(
    "government military police security paramilitary militia rebel insurgent terrorist party"
    " legislature judiciary civilian ngo igo media religious business tribe unidentified"
)
PLACE_TYPES = _words(
    "facility base embassy camp crossing neighbourhood district city admin1 region mountain"
    " field shrine airport dam"
)
PRECISIONS = ("facility", "neighbourhood", "city", "admin1", "country")
# How closely a place's coordinates locate it, unless the entry says otherwise.
_TYPE_PRECISION = {
    "neighbourhood": "neighbourhood",
    "district": "city",
    "city": "city",
    "mountain": "city",
    "admin1": "admin1",
    "region": "admin1",
}
ISO_3166_ALPHA2 = _words(
    """AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ
    BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO
    DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU
    GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW
    KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU
    MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW
    PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF
    TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA
    ZM ZW"""
)

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A seat outside the pack: a place of the world gazetteer by its id.
GAZETTEER_ID = re.compile(r"^(?:gn:\d+|adm1:[A-Z]{2}\.[A-Za-z0-9]+|cc:[A-Z]{2})$")
_PARTIAL_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")

_ACTOR_KEYS = {
    "id", "name", "aliases", "aliases_ar", "sector", "country", "parent", "office_of",
    "affiliations", "generic", "person", "transnational", "holds", "start", "end", "note",
    "seat",
}  # fmt: skip
_PLACE_KEYS = {
    "id", "name", "aliases", "aliases_ar", "type", "lat", "lon", "admin1", "country", "within",
    "precision", "note", "demonyms",
}  # fmt: skip
_ISSUE_KEYS = {
    "id", "label", "description", "for", "against", "actors", "terms", "terms_ar",
    "targets", "for_words", "against_words",
}  # fmt: skip
_PACK_KEYS = {"name", "description", "version", "countries", "issues"}


class PackError(MarsadError):
    """A pack could not be loaded: each problem names the file and the entry."""

    def __init__(self, pack: str, problems: list[str]) -> None:
        shown = problems[:25]
        more = f"\n  ... and {len(problems) - 25} more" if len(problems) > 25 else ""
        super().__init__(f"pack {pack!r} is invalid:\n  " + "\n  ".join(shown) + more)
        self.pack = pack
        self.problems = tuple(problems)


class _Problems:
    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, file: Path, entry: str | None, reason: str) -> None:
        where = f"{file}: entry {entry!r}" if entry else str(file)
        self.items.append(f"{where}: {reason}")


def _read(path: Path, problems: _Problems, *, required: bool) -> Any:
    if not path.is_file():
        if required:
            problems.add(path, None, "file is missing")
        return None
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        problems.add(path, None, f"not valid YAML: {exc}")
        return None


def _entries(data: Any, key: str, path: Path, problems: _Problems) -> list[dict]:
    """The list under `key` (or the document itself when it is a list) of mappings."""
    if data is None:
        return []
    items = data.get(key) if isinstance(data, dict) else data
    if not isinstance(items, list):
        problems.add(path, None, f"expected a list under {key!r}")
        return []
    good = []
    for n, item in enumerate(items):
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            good.append(item)
        else:
            problems.add(path, f"#{n + 1}", "expected a mapping with a string 'id'")
    return good


class _Checker:
    """Field readers that record a problem and return a safe value instead of raising."""

    def __init__(self, path: Path, entry: dict, problems: _Problems, keys: set[str]) -> None:
        self.path, self.entry, self.problems = path, entry, problems
        self.id = str(entry["id"])
        for unknown in sorted(set(entry) - keys):
            self.fail(f"unknown field {unknown!r}")
        if not _ID.match(self.id):
            self.fail("id must be a lowercase slug (letters, digits, single hyphens)")

    def fail(self, reason: str) -> None:
        self.problems.add(self.path, self.id, reason)

    def text(self, key: str, *, required: bool = False) -> str | None:
        value = self.entry.get(key)
        if value is None:
            if required:
                self.fail(f"missing {key!r}")
            return None
        if not isinstance(value, str) or not value.strip():
            self.fail(f"{key!r} must be non-empty text, not {value!r}")
            return None
        return value.strip()

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.entry.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.fail(f"{key!r} must be a list of non-empty strings")
            return ()
        return tuple(dict.fromkeys(v.strip() for v in value))

    def flag(self, key: str) -> bool:
        value = self.entry.get(key, False)
        if not isinstance(value, bool):
            self.fail(f"{key!r} must be true or false, not {value!r}")
            return False
        return value

    def country(self, key: str = "country", *, optional: bool = False) -> str | None:
        value = self.entry.get(key)
        if value is None and optional:
            return None
        if not (isinstance(value, str) and value in ISO_3166_ALPHA2):
            hint = " (quote it: YAML reads NO as false)" if isinstance(value, bool) else ""
            self.fail(f"{key!r} must be an ISO 3166 alpha-2 code like IQ, not {value!r}{hint}")
            return None
        return value

    def partial_date(self, value: Any, key: str) -> str | None:
        if value is None:
            return None
        text = value.isoformat() if isinstance(value, date) else str(value)
        try:
            if not _PARTIAL_DATE.match(text):
                raise ValueError
            date_bounds(text)
        except ValueError:
            self.fail(f"{key!r} must be a date YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
            return None
        return text

    def number(self, key: str, low: float, high: float) -> float:
        value = self.entry.get(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(f"{key!r} must be a number, not {value!r}")
            return 0.0
        if not low <= value <= high:
            self.fail(f"{key!r} {value} is outside [{low}, {high}]")
        return float(value)


def _actor(path: Path, raw: dict, problems: _Problems) -> ActorEntry:
    c = _Checker(path, raw, problems, _ACTOR_KEYS)
    generic, transnational = c.flag("generic"), c.flag("transnational")
    sector = c.text("sector", required=True) or ""
    if sector and sector not in SECTORS:
        c.fail(f"unknown sector {sector!r} (known: {', '.join(sorted(SECTORS))})")
    holds = []
    for tenure in raw.get("holds") or []:
        if not isinstance(tenure, dict) or not isinstance(tenure.get("office"), str):
            c.fail("each of 'holds' must be a mapping with an 'office' id")
            continue
        holds.append(
            Tenure(
                tenure["office"],
                c.partial_date(tenure.get("start"), "holds.start"),
                c.partial_date(tenure.get("end"), "holds.end"),
            )
        )
    start = c.partial_date(raw.get("start"), "start")
    end = c.partial_date(raw.get("end"), "end")
    if start and end and date_bounds(start)[0] > date_bounds(end)[1]:
        c.fail(f"start {start} is after end {end}")
    return ActorEntry(
        id=c.id,
        name=c.text("name", required=True) or c.id,
        sector=sector,
        country=c.country(optional=generic or transnational),
        aliases=c.texts("aliases"),
        aliases_ar=c.texts("aliases_ar"),
        parent=c.text("parent"),
        office_of=c.text("office_of"),
        affiliations=c.texts("affiliations"),
        generic=generic,
        person=c.flag("person"),
        transnational=transnational,
        holds=tuple(holds),
        seat=c.text("seat"),
        start=start,
        end=end,
        note=c.text("note") or "",
    )


def _place(path: Path, raw: dict, problems: _Problems) -> PlaceEntry:
    c = _Checker(path, raw, problems, _PLACE_KEYS)
    kind = c.text("type", required=True) or ""
    if kind and kind not in PLACE_TYPES:
        c.fail(f"unknown type {kind!r} (known: {', '.join(sorted(PLACE_TYPES))})")
    precision = c.text("precision") or _TYPE_PRECISION.get(kind, "facility")
    if precision not in PRECISIONS:
        c.fail(f"unknown precision {precision!r} (known: {', '.join(PRECISIONS)})")
    return PlaceEntry(
        id=c.id,
        name=c.text("name", required=True) or c.id,
        type=kind,
        lat=c.number("lat", -90, 90),
        lon=c.number("lon", -180, 180),
        country=c.country() or "",
        precision=precision,  # type: ignore[arg-type]
        admin1=c.text("admin1"),
        aliases=c.texts("aliases"),
        aliases_ar=c.texts("aliases_ar"),
        within=c.text("within"),
        demonyms=c.texts("demonyms"),
        note=c.text("note") or "",
    )


def _issue(path: Path, raw: dict, problems: _Problems) -> Issue:
    c = _Checker(path, raw, problems, _ISSUE_KEYS)
    return Issue(
        id=c.id,
        label=c.text("label", required=True) or c.id,
        description=c.text("description") or "",
        position_for=c.text("for") or "",
        position_against=c.text("against") or "",
        actors=c.texts("actors"),
        terms=c.texts("terms"),
        terms_ar=c.texts("terms_ar"),
        targets=c.texts("targets"),
        for_words=c.texts("for_words"),
        against_words=c.texts("against_words"),
    )


def _unique(items: list, path: Path, problems: _Problems) -> None:
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            problems.add(path, item.id, "duplicate id")
        seen.add(item.id)


def _check_actor_links(actors: list[ActorEntry], path: Path, problems: _Problems) -> None:
    by_id = {a.id: a for a in actors}
    for a in actors:
        for key, ref in (("parent", a.parent), ("office_of", a.office_of)):
            if ref is not None and ref not in by_id:
                problems.add(path, a.id, f"{key} {ref!r} is not an actor id in this pack")
        for ref in a.affiliations:
            if ref not in by_id:
                problems.add(path, a.id, f"affiliation {ref!r} is not an actor id in this pack")
        for tenure in a.holds:
            office = by_id.get(tenure.office)
            if office is None or office.kind != "office":
                problems.add(path, a.id, f"holds {tenure.office!r}, which is not an office")
        if a.holds and not a.person:
            problems.add(path, a.id, "only a person (person: true) can hold an office")
        seen, parent = {a.id}, a.parent
        while parent in by_id:
            if parent in seen:
                problems.add(path, a.id, "parent chain loops back on itself")
                break
            seen.add(parent)
            parent = by_id[parent].parent


def load_pack_dir(folder: Path) -> Pack:
    """Load and validate the pack in `folder`; raise PackError listing every problem."""
    folder = Path(folder)
    problems = _Problems()
    meta_path = folder / "pack.yaml"
    meta = _read(meta_path, problems, required=True)
    if meta is not None and not isinstance(meta, dict):
        problems.add(meta_path, None, "expected a mapping (name, description, version, ...)")
        meta = None
    meta = meta or {}
    for unknown in sorted(set(meta) - _PACK_KEYS):
        problems.add(meta_path, None, f"unknown field {unknown!r}")

    actors_path, places_path = folder / "actors.yaml", folder / "places.yaml"
    actor_data = _read(actors_path, problems, required=False)
    place_data = _read(places_path, problems, required=False)
    raw_actors = _entries(actor_data, "actors", actors_path, problems)
    raw_places = _entries(place_data, "places", places_path, problems)
    raw_issues = _entries(meta.get("issues"), "issues", meta_path, problems)
    actors = [_actor(actors_path, raw, problems) for raw in raw_actors]
    places = [_place(places_path, raw, problems) for raw in raw_places]
    issues = [_issue(meta_path, raw, problems) for raw in raw_issues]
    _unique(actors, actors_path, problems)
    _unique(places, places_path, problems)
    _unique(issues, meta_path, problems)
    _check_actor_links(actors, actors_path, problems)

    place_ids = {p.id for p in places}
    for p in places:
        if p.within is not None and p.within not in place_ids:
            problems.add(places_path, p.id, f"within {p.within!r} is not a place id in this pack")
    for a in actors:
        if a.seat is not None and a.seat not in place_ids and not GAZETTEER_ID.match(a.seat):
            problems.add(actors_path, a.id, f"seat {a.seat!r} is neither a place id in this "
                         "pack nor a gazetteer id (gn:<n>, adm1:<CC.code>, cc:<CC>)")
    actor_ids = {a.id for a in actors}
    for issue in issues:
        for ref in issue.actors:
            if ref not in actor_ids:
                problems.add(meta_path, issue.id, f"actor {ref!r} is not an actor id in this pack")

    countries = meta.get("countries") or []
    if not isinstance(countries, list) or not all(c in ISO_3166_ALPHA2 for c in countries):
        problems.add(meta_path, None, "'countries' must be a list of ISO 3166 alpha-2 codes")
        countries = []
    name = meta.get("name", folder.name)
    if name != folder.name:
        problems.add(meta_path, None, f"name {name!r} differs from the folder name {folder.name!r}")
    if problems.items:
        raise PackError(folder.name, problems.items)
    return Pack(
        name=folder.name,
        description=str(meta.get("description", "")).strip(),
        version=str(meta.get("version", "")),
        countries=tuple(countries),
        actors=tuple(actors),
        places=tuple(places),
        issues=tuple(issues),
        path=folder,
    )

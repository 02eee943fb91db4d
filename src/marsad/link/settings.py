"""The linker's options, read once from data/link.yaml and passed through every stage of
linking as one object (trafilatura's way): a test or a user may build another."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from marsad.datafiles import load_data


@dataclass(frozen=True, slots=True)
class LinkSettings:
    merge: float
    possible: float
    prior: float
    points: Mapping[str, float]
    mode_groups: tuple[frozenset[str], ...]
    category_groups: tuple[frozenset[str], ...]
    radius_km: Mapping[str, float]
    slack_km: float
    day_tolerance: int
    published_window_days: int
    series_start_days: int
    common_zipf: float
    lead_chars: int
    min_length: int
    stem_length: int
    number_weight: float
    nationality_weight: float

    @classmethod
    def from_data(cls, raw: Mapping[str, Any]) -> LinkSettings:
        terms = raw["terms"]
        return cls(
            merge=float(raw["thresholds"]["merge"]),
            possible=float(raw["thresholds"]["possible"]),
            prior=float(raw["prior"]),
            points={k: float(v) for k, v in raw["points"].items()},
            mode_groups=tuple(frozenset(g) for g in raw["mode_groups"]),
            category_groups=tuple(frozenset(g) for g in raw["category_groups"]),
            radius_km={k: float(v) for k, v in raw["radius_km"].items()},
            slack_km=float(raw["slack_km"]),
            day_tolerance=int(raw["day_tolerance"]),
            published_window_days=int(raw["published_window_days"]),
            series_start_days=int(raw["series_start_days"]),
            common_zipf=float(terms["common_zipf"]),
            lead_chars=int(terms["lead_chars"]),
            min_length=int(terms["min_length"]),
            stem_length=int(terms["stem_length"]),
            number_weight=float(terms["number_weight"]),
            nationality_weight=float(terms["nationality_weight"]),
        )

    def radius(self, precision: str | None) -> float:
        return self.radius_km.get(precision or "country", self.radius_km.get("country", 1500.0))


@cache
def default_settings() -> LinkSettings:
    return LinkSettings.from_data(load_data("link.yaml"))

"""Do two events report the same occurrence? A score from the evidence they share, with the
reason for every point, or a veto naming what makes them two acts.

The rules are here, the points in data/link.yaml. Nothing depends on other events, so a pair
scores the same whatever else is stored and whatever order reports arrive in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from marsad.gazetteer.index import distance_km
from marsad.link.settings import LinkSettings
from marsad.link.signature import LinkEvent, Window
from marsad.link.terms import cosine

AREAS = ("admin1", "country", "continent")


@dataclass(frozen=True, slots=True)
class Reason:
    name: str  # "same_place", "text", ...
    points: float
    detail: str  # what was compared, for the analyst ("Kabul / Kabul, 0 km")

    def to_json(self) -> dict[str, object]:
        return {"reason": self.name, "points": round(self.points, 3), "detail": self.detail}


@dataclass(frozen=True, slots=True)
class Comparison:
    score: float
    reasons: tuple[Reason, ...]
    veto: str | None = None  # why the two cannot be one act

    @property
    def vetoed(self) -> bool:
        return self.veto is not None


def _group_of(value: str, groups: tuple[frozenset[str], ...]) -> frozenset[str] | None:
    return next((g for g in groups if value in g), None)


def _related(a: str, b: str, groups: tuple[frozenset[str], ...]) -> bool:
    return any(a in g and b in g for g in groups)


class _Score:
    def __init__(self, settings: LinkSettings) -> None:
        self.settings = settings
        self.reasons: list[Reason] = []

    def add(self, name: str, detail: str, scale: float = 1.0) -> None:
        points = self.settings.points[name] * scale
        if points:
            self.reasons.append(Reason(name, points, detail))


def compare(a: LinkEvent, b: LinkEvent, settings: LinkSettings) -> Comparison:
    """The pair's score and reasons; `veto` set when they cannot be one act."""
    veto = _veto(a, b, settings)
    if veto is not None:
        return Comparison(float("-inf"), (), veto)
    s = _Score(settings)
    if a.category != b.category:
        s.add("other_category", f"{a.category} / {b.category}")
    _modes(a, b, s)
    _times(a.window, b.window, s)
    if a.weekday is not None and b.weekday is not None:
        s.add("same_weekday" if a.weekday == b.weekday else "other_weekday",
              f"weekdays {a.weekday} / {b.weekday} (0 = Monday)")
    _places(a, b, s)
    _actors(a, b, s)
    _numbers("killed", a.killed, b.killed, s)
    _numbers("injured", a.injured, b.injured, s)
    if a.document == b.document:
        s.add("same_document", a.document)
    sim = cosine(a.terms, b.terms)
    s.add("text", f"rare words, cosine {sim:.2f}", sim - settings.points["text_floor"])
    score = settings.prior + sum(r.points for r in s.reasons)
    return Comparison(round(score, 4), tuple(s.reasons))


def compare_pair(a: LinkEvent, b: LinkEvent, settings: LinkSettings
                 ) -> tuple[tuple[str, str], Comparison]:
    """The pair's key (the smaller event key first) and its comparison, made in that order:
    a pair scores the same whichever of its reports arrived first."""
    first, second = (a, b) if a.key <= b.key else (b, a)
    return (first.key, second.key), compare(first, second, settings)


def _veto(a: LinkEvent, b: LinkEvent, settings: LinkSettings) -> str | None:
    if a.kind != b.kind:
        return f"kinds differ: {a.kind} / {b.kind}"
    if a.kind == "aggregate":
        return "aggregates form series, not incidents"
    if a.category != b.category and not _related(a.category, b.category,
                                                 settings.category_groups):
        return f"categories differ: {a.category} / {b.category}"
    gap = _gap_days(a.window, b.window)
    if gap is not None and gap > settings.day_tolerance and a.window and b.window:
        if a.window.hard and b.window.hard:
            return f"dates {gap} days apart"
        if _reported_before(a.window, b.window, settings) or _reported_before(
                b.window, a.window, settings):
            return "one report was published before the other's date"
    distance = _distance(a, b)
    if distance is not None and a.precision not in AREAS and b.precision not in AREAS:
        limit = settings.radius(a.precision) + settings.radius(b.precision) + settings.slack_km
        if distance > 2 * limit:
            return f"places {distance:.0f} km apart ({a.place_name} / {b.place_name})"
    return None


def _reported_before(hard: Window, soft: Window, settings: LinkSettings) -> bool:
    """`soft` is bounded by its publication day: it cannot report an act dated later."""
    return hard.hard and not soft.hard and hard.lo > soft.hi + settings.day_tolerance


def _gap_days(a: Window | None, b: Window | None) -> int | None:
    if a is None or b is None:
        return None
    return max(0, max(a.lo, b.lo) - min(a.hi, b.hi))


def _modes(a: LinkEvent, b: LinkEvent, s: _Score) -> None:
    if a.mode is None or b.mode is None:
        return
    detail = f"{a.mode} / {b.mode}"
    if a.mode == b.mode:
        s.add("same_mode", detail)
    elif _related(a.mode, b.mode, s.settings.mode_groups):
        s.add("related_mode", detail)
    else:
        s.add("other_mode", detail)


def _times(a: Window | None, b: Window | None, s: _Score) -> None:
    if a is None or b is None:
        return
    gap = _gap_days(a, b) or 0
    tolerance = s.settings.day_tolerance
    if a.hard and b.hard:
        if a.hi - a.lo <= tolerance and b.hi - b.lo <= tolerance and gap <= tolerance:
            s.add("same_day", f"{_day(a)} / {_day(b)}")
        elif gap <= tolerance:
            s.add("overlapping_time", f"{_day(a)} / {_day(b)}")
    elif gap > tolerance:
        s.add("time_gap_per_day", f"{gap} days between their windows", gap - tolerance)


def _day(w: Window) -> str:
    lo = date.fromordinal(w.lo).isoformat()
    return lo if w.lo == w.hi else f"{lo}..{date.fromordinal(w.hi).isoformat()}"


def _distance(a: LinkEvent, b: LinkEvent) -> float | None:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    return distance_km(a.lat, a.lon, b.lat, b.lon)


def _places(a: LinkEvent, b: LinkEvent, s: _Score) -> None:
    if a.country is None or b.country is None:
        return
    names = f"{a.place_name} / {b.place_name}"
    if a.country != b.country:
        s.add("other_country_coarse", f"{a.country} / {b.country}")
        return
    fine_a, fine_b = a.precision not in AREAS, b.precision not in AREAS
    distance = _distance(a, b)
    if fine_a and fine_b and distance is not None:
        limit = s.settings.radius(a.precision) + s.settings.radius(b.precision)
        if distance <= limit + s.settings.slack_km:
            s.add("same_place", f"{names}, {distance:.0f} km")
            return
        if distance <= 2 * (limit + s.settings.slack_km):
            s.add("near_place", f"{names}, {distance:.0f} km")
            return
    if a.admin1 and a.admin1 == b.admin1 and "country" not in (a.precision, b.precision):
        s.add("same_admin1", f"{names} (both in {a.admin1})")
        return
    s.add("same_country", f"{names} (both in {a.country})")


def _actors(a: LinkEvent, b: LinkEvent, s: _Score) -> None:
    same = (a.actors & b.actors) | (a.recipients & b.recipients)
    if same:
        s.add("same_actor", ", ".join(sorted(same)[:3]))
        return
    crossed = (a.actors & b.recipients) | (a.recipients & b.actors)
    if crossed:
        s.add("shared_actor", ", ".join(sorted(crossed)[:3]))


def _numbers(field: str, a: int | None, b: int | None, s: _Score) -> None:
    if a is None or b is None:
        return
    detail = f"{field} {a} / {b}"
    if a == b:
        s.add(f"same_{field}", detail)
    elif abs(a - b) <= 2 or max(a, b) <= 1.5 * min(a, b):
        s.add(f"close_{field}", detail)  # tolls rise as the dead are counted
    else:
        s.add(f"other_{field}", detail)

"""An incident's fields from its reports: every source's value with its evidence, the value
a stated rule resolves to, and a conflict flag where the sources disagree.

Rules (DESIGN.md "incident"):
- killed, injured: the most conservative well-sourced figure, as ACLED codes it: the lowest
  exact or "at least" figure (an "about" or "at most" one only when there is no other);
- date: the earliest day the text dates the act to (publication dates only bound it);
- place: the finest place whose point agrees with the others (within the precisions' radii);
- category and mode: the most reported (ties: the first report by key).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from marsad.gazetteer.index import distance_km
from marsad.link.settings import LinkSettings
from marsad.link.signature import LinkEvent

FINEST_FIRST = ("facility", "neighbourhood", "city", "admin2", "admin1", "country", "continent")
WELL_SOURCED = ("exact", "more_than", None)


@dataclass(frozen=True, slots=True)
class IncidentFields:
    kind: str
    category: str
    mode: str | None
    first_day: date | None
    last_day: date | None
    place: LinkEvent | None  # the member whose place was chosen
    killed: int | None
    injured: int | None
    fields: dict[str, Any]  # field -> {"value", "rule", "conflict", "sources": [...]}
    conflicts: list[str]
    documents: int


def _source(e: LinkEvent, value: Any) -> dict[str, Any]:
    return {"event": e.key, "document": e.document, "source": e.source, "value": value,
            "evidence": e.evidence}


def _most_reported(members: Sequence[LinkEvent], get: Callable[[LinkEvent], str | None]
                   ) -> str | None:
    counts = Counter(v for v in map(get, members) if v is not None)
    if not counts:
        return None
    top = max(counts.values())
    return next(v for v in map(get, members) if v is not None and counts[v] == top)


def _figure(members: Sequence[LinkEvent], name: str) -> dict[str, Any]:
    given = [(e, getattr(e, name), getattr(e, f"{name}_qualifier")) for e in members
             if getattr(e, name) is not None]
    sourced = [v for _, v, q in given if q in WELL_SOURCED] or [v for _, v, _ in given]
    return {
        "value": min(sourced) if sourced else None,
        "rule": "lowest well-sourced figure",
        "conflict": len({v for _, v, _ in given}) > 1,
        "sources": [_source(e, v) | {"qualifier": q} for e, v, q in given],
    }


def _dates(members: Sequence[LinkEvent], settings: LinkSettings) -> dict[str, Any]:
    dated = [e for e in members if e.window is not None and e.window.hard]
    first = min((e.window.lo for e in dated if e.window), default=None)
    last = max((e.window.hi for e in dated if e.window), default=None)
    spread = (max(e.window.lo for e in dated if e.window) - first) if dated and first else 0
    return {
        "value": date.fromordinal(first).isoformat() if first is not None else None,
        "last": date.fromordinal(last).isoformat() if last is not None else None,
        "rule": "earliest day the reports date it to",
        "conflict": spread > settings.day_tolerance,
        "sources": [_source(e, date.fromordinal(e.window.lo).isoformat()) for e in dated
                    if e.window],
    }


def _agrees(a: LinkEvent, b: LinkEvent, settings: LinkSettings) -> bool:
    if a.country and b.country and a.country != b.country:
        return False
    if None in (a.lat, a.lon, b.lat, b.lon):
        return True
    limit = settings.radius(a.precision) + settings.radius(b.precision) + settings.slack_km
    return distance_km(a.lat, a.lon, b.lat, b.lon) <= limit  # type: ignore[arg-type]


def _place(members: Sequence[LinkEvent], settings: LinkSettings
           ) -> tuple[LinkEvent | None, dict[str, Any]]:
    placed = [e for e in members if e.place_name or e.country]
    rank = {p: n for n, p in enumerate(FINEST_FIRST)}
    ordered = sorted(placed, key=lambda e: (rank.get(e.precision or "", 99), e.key))
    chosen = next((e for e in ordered
                   if sum(_agrees(e, o, settings) for o in placed) * 2 > len(placed)),
                  ordered[0] if ordered else None)
    conflict = any(not _agrees(a, b, settings) for a in placed for b in placed if a.key < b.key)
    return chosen, {
        "value": chosen.place_name if chosen else None,
        "rule": "finest place the other reports agree with",
        "conflict": conflict,
        "sources": [_source(e, {"name": e.place_name, "country": e.country,
                                "precision": e.precision, "lat": e.lat, "lon": e.lon})
                    for e in placed],
    }


def _actors(members: Sequence[LinkEvent], role: str) -> dict[str, Any]:
    named = [(e, sorted(getattr(e, role))) for e in members if getattr(e, role)]
    counts = Counter(a for _, ids in named for a in ids)
    return {
        "value": [a for a, _ in counts.most_common()],
        "rule": "every actor a report names, most reported first",
        "conflict": len({tuple(ids) for _, ids in named}) > 1,
        "sources": [_source(e, ids) for e, ids in named],
    }


def resolve_incident(members: Sequence[LinkEvent], settings: LinkSettings) -> IncidentFields:
    members = sorted(members, key=lambda e: e.key)
    category = _most_reported(members, lambda e: e.category) or members[0].category
    mode = _most_reported(members, lambda e: e.mode)
    chosen, where = _place(members, settings)
    fields = {
        "killed": _figure(members, "killed"),
        "injured": _figure(members, "injured"),
        "date": _dates(members, settings),
        "where": where,
        "actors": _actors(members, "actors"),
        "recipients": _actors(members, "recipients"),
        "category": {"value": category, "rule": "most reported", "sources": [
            _source(e, e.category) for e in members],
            "conflict": len({e.category for e in members}) > 1},
        "mode": {"value": mode, "rule": "most reported", "sources": [
            _source(e, e.mode) for e in members if e.mode],
            "conflict": len({e.mode for e in members if e.mode}) > 1},
    }
    first, last = fields["date"]["value"], fields["date"]["last"]
    return IncidentFields(
        kind=members[0].kind, category=category, mode=mode,
        first_day=date.fromisoformat(first) if first else None,
        last_day=date.fromisoformat(last) if last else None,
        place=chosen, killed=fields["killed"]["value"], injured=fields["injured"]["value"],
        fields=fields, conflicts=sorted(k for k, v in fields.items() if v.get("conflict")),
        documents=len({e.document for e in members}),
    )

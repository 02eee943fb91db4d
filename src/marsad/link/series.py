"""Aggregate claims as time series: "over 70 attacks since 17 October" (Shafaq News, 10
December) and "more than 110 attacks since mid-October" (Baghdad Today, 6 January) are two
points of one running total.

Two claims are points of one series when they count the same thing (category family and
measure), over periods that start within `series_start_days` of each other, in the same
country, between parties that overlap (or that one of them leaves unnamed). The series are
the connected groups of that relation: a function of the set of claims, whatever order they
were stored in.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from marsad.link.settings import LinkSettings, default_settings
from marsad.types import Event

MEASURES = ("count", "killed", "injured", "casualties")


@dataclass(frozen=True, slots=True)
class ClaimSource:
    """The document a claim was read from."""

    document_id: str
    source: str | None = None  # the outlet
    url: str | None = None
    published: date | None = None
    event_id: int | None = None


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    value: int
    qualifier: str
    as_of: date | None  # the publication date, else the end of the claimed period
    since: date | None
    said_by: str | None
    evidence: str
    source: ClaimSource


@dataclass(frozen=True, slots=True)
class Series:
    id: str
    category: str
    measure: str  # count, killed, injured, casualties
    country: str | None
    parties: tuple[str, ...]  # actor and recipient names of its claims
    since: date | None  # the earliest start the claims give
    points: tuple[SeriesPoint, ...] = field(default_factory=tuple)  # by as_of, then value


@dataclass(frozen=True, slots=True)
class _Claim:
    n: int
    category: str
    measure: str
    country: str | None
    parties: frozenset[str]
    names: tuple[str, ...]
    point: SeriesPoint


def _claims(reports: Sequence[tuple[Event, ClaimSource]], settings: LinkSettings
            ) -> list[_Claim]:
    out: list[_Claim] = []
    for event, src in reports:
        if event.kind != "aggregate":
            continue
        refs = (*event.actors, *event.recipients)
        parties = frozenset(r.actor_id or r.text.casefold() for r in refs)
        names = tuple(dict.fromkeys(r.name or r.text for r in refs))
        since = event.when.start if event.when else None
        end = event.when.end if event.when else None
        said = event.said_by.source.name or event.said_by.source.text if event.said_by else None
        for measure in MEASURES:
            quantity = getattr(event, measure)
            if quantity is None:
                continue
            point = SeriesPoint(value=quantity.value, qualifier=quantity.qualifier,
                                as_of=src.published or end, since=since, said_by=said,
                                evidence=event.evidence.text, source=src)
            family = next((min(g) for g in settings.category_groups if event.category in g),
                          event.category)
            out.append(_Claim(len(out), family, measure,
                              event.where.country if event.where else None, parties, names,
                              point))
    return out


def _same_series(a: _Claim, b: _Claim, settings: LinkSettings) -> bool:
    if (a.category, a.measure) != (b.category, b.measure):
        return False
    if a.country and b.country and a.country != b.country:
        return False
    if a.parties and b.parties and not a.parties & b.parties:
        return False
    sa, sb = a.point.since, b.point.since
    if sa is None or sb is None:
        return sa is None and sb is None
    return abs((sa - sb).days) <= settings.series_start_days


def build_series(reports: Sequence[tuple[Event, ClaimSource]],
                 settings: LinkSettings | None = None) -> list[Series]:
    """The series of the aggregate claims among `reports`, largest first."""
    settings = settings or default_settings()
    claims = _claims(reports, settings)
    parent = list(range(len(claims)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(claims):
        for b in claims[i + 1:]:
            if _same_series(a, b, settings):
                ri, rj = find(a.n), find(b.n)
                parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[_Claim]] = {}
    for c in claims:
        groups.setdefault(find(c.n), []).append(c)
    out = [_series(group) for group in groups.values()]
    return sorted(out, key=lambda s: (-len(s.points), s.since or date.max, s.id))


def _series(group: list[_Claim]) -> Series:
    points = sorted((c.point for c in group),
                    key=lambda p: (p.as_of or date.max, p.value, p.source.document_id))
    starts = [p.since for p in points if p.since]
    first = group[0]
    # named by its first claim: a new point does not rename the series
    key = min(f"{p.source.document_id}:{p.evidence}:{p.value}" for p in points)
    return Series(
        id="ser-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12],
        category=first.category, measure=first.measure,
        country=next((c.country for c in group if c.country), None),
        parties=tuple(dict.fromkeys(n for c in group for n in c.names)),
        since=min(starts) if starts else None, points=tuple(points))

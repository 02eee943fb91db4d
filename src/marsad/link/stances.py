"""Stance timelines: for each tracked issue (the domain pack's), each holder's dated
positions, with the evidence and the outlet for every one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from marsad.link.series import ClaimSource
from marsad.types import Event


@dataclass(frozen=True, slots=True)
class Position:
    day: date | None  # when it was said (the statement's date, else the publication date)
    position: str  # for / against
    category: str  # the statement's PLOVER category (SUPPORT, REQUEST, ...)
    evidence: str
    source: ClaimSource


@dataclass(frozen=True, slots=True)
class HolderTimeline:
    holder: str  # the registry name, else the text
    holder_id: str | None
    positions: tuple[Position, ...]  # by day

    @property
    def changed(self) -> bool:
        return len({p.position for p in self.positions}) > 1


@dataclass(frozen=True, slots=True)
class IssueTimeline:
    issue: str
    holders: tuple[HolderTimeline, ...]


def stance_timelines(reports: Sequence[tuple[Event, ClaimSource]],
                     issue: str | None = None) -> list[IssueTimeline]:
    """Per issue (or only `issue`), per holder, the positions in date order."""
    table: dict[str, dict[tuple[str | None, str], list[Position]]] = {}
    for event, src in reports:
        stance = event.stance
        if stance is None or (issue is not None and stance.issue != issue):
            continue
        holder = stance.holder or (event.actors[0] if event.actors else None)
        name = (holder.name or holder.text) if holder else "unknown"
        key = (holder.actor_id if holder else None, name)
        day = (event.when.start if event.when else None) or src.published
        table.setdefault(stance.issue, {}).setdefault(key, []).append(Position(
            day=day, position=stance.position, category=event.category,
            evidence=event.evidence.text, source=src))
    out = []
    for name in sorted(table):
        holders = [HolderTimeline(holder=h, holder_id=hid, positions=tuple(
            sorted(ps, key=lambda p: (p.day or date.max, p.source.document_id))))
            for (hid, h), ps in table[name].items()]
        holders.sort(key=lambda t: (t.positions[0].day or date.max, t.holder))
        out.append(IssueTimeline(issue=name, holders=tuple(holders)))
    return out

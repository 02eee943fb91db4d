"""Which stored events a new one is compared with: blocks by kind, category family, day and
place, so that linking a document costs the same whether the store holds a thousand events
or a million (no all-pairs scan). The same keys index events in memory (BlockIndex) and in
the store (the link_blocks table).

An event is *filed* under blocks that say where and when it is, and *looks* in blocks that
say where another report of it could be. Both are built so that a finds b exactly when b
would find a: the pairs compared, and so the incidents, do not depend on arrival order.

- When: each day of its window (an undated report only meets undated ones; a window wider
  than a month only others as wide); it looks a day further either side.
- Where, by precision:
  - a fine place (a city, a site) is filed in its 1° tile and looks in the 3×3 tiles around
    (reports of one act at city precision lie within 80 km of each other);
  - every placed event is also filed in its 5° tile; an admin1 or admin2 place looks in the
    3×3 such tiles around, and a fine place looks there for admin-level reports;
  - a country-level report looks at every event of its country, and at every placed event
    in the 20° tiles around its point; every event looks at the country-level reports of its
    country and of those tiles (a border, a misread dateline, the victims' nationality taken
    for the place: a country-level place is weak evidence of where, so it must not hide a
    report from the others);
  - an event with neither a point nor a country meets only others like it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from marsad.link.settings import LinkSettings
from marsad.link.signature import LinkEvent

FINE_DEGREES = 1
COARSE_DEGREES = 5
REGION_DEGREES = 20
MAX_DAYS = 31  # a window wider than this (a month, a year) is "wide"
AREAS = ("admin1", "admin2")
COUNTRY_LEVEL = ("country", "continent")


def _family(event: LinkEvent, settings: LinkSettings) -> str:
    group = next((g for g in settings.category_groups if event.category in g), None)
    return "+".join(sorted(group)) if group else event.category


def _days(event: LinkEvent, margin: int) -> list[str]:
    w = event.window
    if w is None:
        return ["undated"]
    if w.hi - w.lo + 1 > MAX_DAYS:  # decided before the margin: filed and looked up alike
        return ["wide"]
    return [f"d{n}" for n in range(w.lo - margin, w.hi + margin + 1)]


def _tile(event: LinkEvent, degrees: int) -> tuple[int, int] | None:
    if event.lat is None or event.lon is None:
        return None
    rows = 180 // degrees
    row = min(int((event.lat + 90) // degrees), rows - 1)
    return row, int((event.lon + 180) // degrees) % (360 // degrees)


def _around(tile: tuple[int, int], degrees: int) -> list[tuple[int, int]]:
    rows, cols = 180 // degrees, 360 // degrees
    return [(r, c % cols) for r in range(max(tile[0] - 1, 0), min(tile[0] + 1, rows - 1) + 1)
            for c in {tile[1] - 1, tile[1], tile[1] + 1}]


def _is_fine(event: LinkEvent) -> bool:
    return event.precision not in (*AREAS, *COUNTRY_LEVEL)


def _filed_places(event: LinkEvent) -> list[str]:
    out = []
    fine, coarse = _tile(event, FINE_DEGREES), _tile(event, COARSE_DEGREES)
    if fine is not None and _is_fine(event):
        out.append(f"f{fine[0]}.{fine[1]}")
    if coarse is not None and event.precision not in COUNTRY_LEVEL:
        out.append(f"k{coarse[0]}.{coarse[1]}")  # every placed event, for admin-level looks
        if event.precision in AREAS:
            out.append(f"a{coarse[0]}.{coarse[1]}")
    region = _tile(event, REGION_DEGREES)
    if region is not None:
        out.append(f"g{region[0]}.{region[1]}")  # what a country-level report looks at
        if event.precision in COUNTRY_LEVEL:
            out.append(f"G{region[0]}.{region[1]}")
    if event.country:
        out.append(f"in:{event.country}")  # likewise, by country
        if event.precision in COUNTRY_LEVEL or coarse is None:
            out.append(f"country:{event.country}")
    return out or ["nowhere"]


def _looked_places(event: LinkEvent) -> list[str]:
    out = []
    fine, coarse = _tile(event, FINE_DEGREES), _tile(event, COARSE_DEGREES)
    region = _tile(event, REGION_DEGREES)
    country_level = event.precision in COUNTRY_LEVEL or (coarse is None and event.country)
    if region is not None:
        mark = "g" if country_level else "G"
        out += [f"{mark}{r}.{c}" for r, c in _around(region, REGION_DEGREES)]
    if country_level and event.country:
        out.append(f"in:{event.country}")
    elif coarse is not None:
        if fine is not None and _is_fine(event):
            out += [f"f{r}.{c}" for r, c in _around(fine, FINE_DEGREES)]
            out += [f"a{r}.{c}" for r, c in _around(coarse, COARSE_DEGREES)]
        else:  # admin-level: every placed event near
            out += [f"k{r}.{c}" for r, c in _around(coarse, COARSE_DEGREES)]
        if event.country:
            out.append(f"country:{event.country}")
    if not out:
        out.append("nowhere")
    return out


def blocks_of(event: LinkEvent, settings: LinkSettings) -> list[str]:
    """The blocks an event is filed under."""
    head = f"{event.kind}|{_family(event, settings)}"
    return [f"{head}|{d}|{p}" for d in _days(event, 0) for p in _filed_places(event)]


def query_blocks(event: LinkEvent, settings: LinkSettings) -> list[str]:
    """The blocks to look in for an event's candidates."""
    head = f"{event.kind}|{_family(event, settings)}"
    return [f"{head}|{d}|{p}" for d in _days(event, settings.day_tolerance)
            for p in _looked_places(event)]


class BlockIndex:
    """Blocks -> event keys, in memory (evaluation, benchmarks, a batch before storing)."""

    def __init__(self, settings: LinkSettings) -> None:
        self.settings = settings
        self._blocks: dict[str, set[str]] = defaultdict(set)

    def add(self, event: LinkEvent) -> None:
        for block in blocks_of(event, self.settings):
            self._blocks[block].add(event.key)

    def add_all(self, events: Iterable[LinkEvent]) -> None:
        for event in events:
            self.add(event)

    def candidates(self, event: LinkEvent) -> Iterator[str]:
        seen: set[str] = {event.key}
        for block in query_blocks(event, self.settings):
            for key in self._blocks.get(block, ()):
                if key not in seen:
                    seen.add(key)
                    yield key

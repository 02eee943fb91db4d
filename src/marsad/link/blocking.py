"""Which stored events a new one is compared with: blocks by kind, category family, week and
map tile, so that linking a document costs the same whether the store holds a thousand
events or a million (no all-pairs scan). The same keys index events in memory
(BlockIndex) and in the store (the link_blocks table).

Tiles, not countries: reports of one act are placed in different countries often enough (a
border clash, a dateline, a place misread) that a country block would hide them from each
other; a tile and its neighbours reach across borders and stay small."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from marsad.link.settings import LinkSettings
from marsad.link.signature import LinkEvent

WEEK = 7
TILE_DEGREES = 20
TILES_ACROSS = 360 // TILE_DEGREES
MAX_WEEKS = 8  # a window wider than this (a month, a year) goes to the country's wide block


def _family(event: LinkEvent, settings: LinkSettings) -> str:
    group = next((g for g in settings.category_groups if event.category in g), None)
    return "+".join(sorted(group)) if group else event.category


def _weeks(event: LinkEvent, settings: LinkSettings, margin: int) -> list[str]:
    w = event.window
    if w is None:
        return ["undated"]
    lo = (w.lo - settings.day_tolerance) // WEEK
    hi = (w.hi + settings.day_tolerance) // WEEK
    if hi - lo + 1 > MAX_WEEKS:  # decided before the margin: filed and looked up alike
        return ["wide"]
    return [f"w{n}" for n in range(lo - margin, hi + margin + 1)]


def _tile(event: LinkEvent) -> tuple[int, int] | None:
    if event.lat is None or event.lon is None:
        return None
    row = min(int((event.lat + 90) // TILE_DEGREES), 180 // TILE_DEGREES - 1)
    return row, int((event.lon + 180) // TILE_DEGREES) % TILES_ACROSS


def _tiles(event: LinkEvent, neighbours: bool) -> list[str]:
    tile = _tile(event)
    if tile is None:
        return ["-"]
    if not neighbours:
        return [f"t{tile[0]}.{tile[1]}"]
    rows = range(max(tile[0] - 1, 0), min(tile[0] + 1, 180 // TILE_DEGREES - 1) + 1)
    cols = sorted({(tile[1] + d) % TILES_ACROSS for d in (-1, 0, 1)})
    return [f"t{r}.{c}" for r in rows for c in cols]


def _blocks(event: LinkEvent, settings: LinkSettings, looking: bool) -> list[str]:
    head = f"{event.kind}|{_family(event, settings)}"
    weeks = _weeks(event, settings, 1 if looking else 0)
    return [f"{head}|{w}|{t}" for w in weeks for t in _tiles(event, looking)]


def blocks_of(event: LinkEvent, settings: LinkSettings) -> list[str]:
    """The blocks an event is filed under: its weeks, its tile."""
    return _blocks(event, settings, looking=False)


def query_blocks(event: LinkEvent, settings: LinkSettings) -> list[str]:
    """The blocks to look in for an event's candidates: its weeks and one on either side,
    its tile and the eight around it.

    Symmetric by construction (a finds b exactly when b would find a), so that the pairs
    compared, and so the incidents, do not depend on the order documents arrive in: an
    undated event meets only undated ones, a wide window only wide ones, an event with no
    place only others with none."""
    return _blocks(event, settings, looking=True)


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

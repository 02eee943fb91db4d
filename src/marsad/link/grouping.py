"""From scored pairs to incidents, the same whatever order the reports came in.

1. Components: events joined by a pair at or above the `possible` threshold, or by an
   analyst's merge, or by a back-reference within a document. A component is a function of
   the set of events, so it is order-free; a new document only ever joins components.
2. Within a component, every pair is compared, then average-linkage clustering: the two
   groups whose pairs score best on average merge while that average reaches `merge`; a veto
   or an analyst's split forbids the merge. Ties break on the events' keys, never on arrival.

GDELT-style single-link merging (any pair within 50 km and 7 days) lets one ambiguous report
chain distinct attacks together; average linkage needs the groups to agree as a whole.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from marsad.link.compare import Comparison, compare
from marsad.link.settings import LinkSettings
from marsad.link.signature import LinkEvent

Pair = tuple[str, str]  # event keys, the smaller first
FORBIDDEN = float("-inf")


def pair(a: str, b: str) -> Pair:
    return (a, b) if a <= b else (b, a)


@dataclass(frozen=True, slots=True)
class Constraints:
    """Analysts' decisions and the documents' own back-references, by event key."""

    must: frozenset[Pair] = frozenset()  # same incident
    cannot: frozenset[Pair] = frozenset()  # never the same incident

    @classmethod
    def of(cls, must: Iterable[tuple[str, str]] = (),
           cannot: Iterable[tuple[str, str]] = ()) -> Constraints:
        return cls(frozenset(pair(a, b) for a, b in must if a != b),
                   frozenset(pair(a, b) for a, b in cannot if a != b))


@dataclass(slots=True)
class Grouping:
    groups: list[list[str]] = field(default_factory=list)  # each sorted; sorted by first key
    components: list[list[str]] = field(default_factory=list)  # what was clustered together
    possible: list[Pair] = field(default_factory=list)  # between groups, below `merge`


class _Sets:
    def __init__(self, keys: Iterable[str]) -> None:
        self.parent = {k: k for k in keys}

    def find(self, k: str) -> str:
        root = k
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[k] != root:
            self.parent[k], k = root, self.parent[k]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:  # the smaller key is the root: deterministic
            lo, hi = (ra, rb) if ra < rb else (rb, ra)
            self.parent[hi] = lo


def components(keys: Iterable[str], scores: Mapping[Pair, Comparison],
               settings: LinkSettings, constraints: Constraints = Constraints()
               ) -> list[list[str]]:
    """Events joined by a possible-or-better pair or a must-link, each component sorted."""
    keys = sorted(set(keys))
    sets = _Sets(keys)
    known = set(keys)
    for (a, b), c in scores.items():
        if a in known and b in known and not c.vetoed and c.score >= settings.possible:
            sets.union(a, b)
    for a, b in constraints.must:
        if a in known and b in known:
            sets.union(a, b)
    out: dict[str, list[str]] = {}
    for k in keys:
        out.setdefault(sets.find(k), []).append(k)
    return sorted(out.values(), key=lambda g: g[0])


def cluster(events: Mapping[str, LinkEvent], edges: Mapping[Pair, Comparison],
            settings: LinkSettings, constraints: Constraints = Constraints()) -> Grouping:
    """Incidents over any set of events: components by `edges` (the compared pairs at or
    above `possible`), then each component clustered over all its pairs."""
    result = Grouping()
    for component in components(events, edges, settings, constraints):
        result.components.append(component)
        scores = _all_pairs(component, events, edges, settings)
        groups = _cluster_component(component, scores, settings, constraints)
        result.groups.extend(groups)
        where = {k: n for n, g in enumerate(groups) for k in g}
        result.possible.extend(
            p for p, c in scores.items()
            if where[p[0]] != where[p[1]] and not c.vetoed and c.score >= settings.possible)
    result.groups.sort(key=lambda g: g[0])
    result.possible.sort()
    return result


def _all_pairs(keys: Sequence[str], events: Mapping[str, LinkEvent],
               edges: Mapping[Pair, Comparison], settings: LinkSettings
               ) -> dict[Pair, Comparison]:
    out: dict[Pair, Comparison] = {}
    for i, a in enumerate(keys):  # keys are sorted: (a, b) is already a Pair
        for b in keys[i + 1:]:
            known = edges.get((a, b))
            out[(a, b)] = known if known is not None else compare(events[a], events[b],
                                                                  settings)
    return out


def _cluster_component(keys: list[str], scores: Mapping[Pair, Comparison],
                       settings: LinkSettings, constraints: Constraints) -> list[list[str]]:
    if len(keys) == 1:
        return [keys]
    sets = _Sets(keys)
    for a, b in sorted(constraints.must):
        if a in sets.parent and b in sets.parent:
            sets.union(a, b)
    members: dict[str, list[str]] = {}
    for k in keys:
        members.setdefault(sets.find(k), []).append(k)
    # Sum of pair scores between groups (by root); every pair of the component is there.
    total: dict[Pair, float] = {}
    for (a, b), c in scores.items():
        ra, rb = sets.find(a), sets.find(b)
        if ra != rb:
            p = pair(ra, rb)
            total[p] = total.get(p, 0.0) + (FORBIDDEN if c.vetoed else c.score)
    for a, b in constraints.cannot:
        if a in sets.parent and b in sets.parent and sets.find(a) != sets.find(b):
            total[pair(sets.find(a), sets.find(b))] = FORBIDDEN

    def linkage(p: Pair) -> float:
        return total[p] / (len(members[p[0]]) * len(members[p[1]]))

    while True:
        best: tuple[float, Pair] | None = None
        for p in total:
            value = linkage(p)
            if value < settings.merge:
                continue
            if best is None or value > best[0] or (value == best[0] and p < best[1]):
                best = (value, p)
        if best is None:
            break
        keep, gone = best[1]  # the smaller root stays
        members[keep].extend(members.pop(gone))
        for p in [p for p in total if gone in p]:
            other = p[0] if p[1] == gone else p[1]
            value = total.pop(p)
            if other != keep:
                q = pair(keep, other)
                total[q] = total.get(q, 0.0) + value
    return sorted((sorted(g) for g in members.values()), key=lambda g: g[0])

"""From scored pairs to incidents, the same whatever order the reports came in.

1. Components: events joined by a pair at or above the `possible` threshold, or by an
   analyst's merge, or by a back-reference within a document. A component is a function of
   the set of events, so it is order-free; a new document only ever joins components.
2. Within a component, average-linkage clustering: the two groups whose pairs score best on
   average merge while that average reaches `merge`; a pair never compared counts as weak
   evidence against, a veto or an analyst's split forbids the merge. Ties break on the
   events' keys, never on arrival.

GDELT-style single-link merging (any pair within 50 km and 7 days) lets one ambiguous report
chain distinct attacks together; average linkage needs the groups to agree as a whole.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from marsad.link.compare import Comparison
from marsad.link.settings import LinkSettings

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


def cluster(keys: Sequence[str], scores: Mapping[Pair, Comparison], settings: LinkSettings,
            constraints: Constraints = Constraints()) -> Grouping:
    """Incidents over any set of events (components first, then each clustered)."""
    result = Grouping()
    for component in components(keys, scores, settings, constraints):
        groups = _cluster_component(component, scores, settings, constraints)
        result.groups.extend(groups)
        where = {k: n for n, g in enumerate(groups) for k in g}
        result.possible.extend(
            p for p, c in scores.items()
            if p[0] in where and p[1] in where and where[p[0]] != where[p[1]]
            and not c.vetoed and c.score >= settings.possible)
    result.groups.sort(key=lambda g: g[0])
    result.possible.sort()
    return result


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
    # Sum of pair scores and count of compared pairs between groups (roots).
    total: dict[Pair, float] = {}
    seen: dict[Pair, int] = {}
    for (a, b), c in scores.items():
        if a not in sets.parent or b not in sets.parent:
            continue
        ra, rb = sets.find(a), sets.find(b)
        if ra == rb:
            continue
        p = pair(ra, rb)
        value = FORBIDDEN if c.vetoed else c.score
        total[p] = total.get(p, 0.0) + value
        seen[p] = seen.get(p, 0) + 1
    for a, b in constraints.cannot:
        if a in sets.parent and b in sets.parent and sets.find(a) != sets.find(b):
            p = pair(sets.find(a), sets.find(b))
            total[p] = FORBIDDEN
            seen[p] = seen.get(p, 0) + 1
    unseen = settings.possible - 1.0  # a pair never compared: weak evidence against

    def linkage(p: Pair) -> float:
        size = len(members[p[0]]) * len(members[p[1]])
        return (total[p] + unseen * (size - seen[p])) / size

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
            value, count = total.pop(p), seen.pop(p)
            if other == keep:
                continue
            q = pair(keep, other)
            total[q] = total.get(q, 0.0) + value
            seen[q] = seen.get(q, 0) + count
    return sorted((sorted(g) for g in members.values()), key=lambda g: g[0])

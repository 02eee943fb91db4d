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

    # Each group's summed scores with its neighbours, both ways round; the pairs whose
    # average reaches `merge` are the only ones a step chooses among, and a merge changes
    # only the kept group's averages (rescanning every pair per merge was a fifth of a save).
    neighbours: dict[str, dict[str, float]] = {root: {} for root in members}
    for (a, b), summed in total.items():
        neighbours[a][b] = neighbours[b][a] = summed
    eligible: dict[Pair, float] = {}

    def reconsider(root: str) -> None:
        for other, summed in neighbours[root].items():
            p = pair(root, other)
            value = summed / (len(members[root]) * len(members[other]))
            if value >= settings.merge:
                eligible[p] = value
            else:
                eligible.pop(p, None)

    for root in members:
        reconsider(root)
    while eligible:
        keep, gone = min(eligible, key=lambda p: (-eligible[p], p))  # the smaller root stays
        members[keep].extend(members.pop(gone))
        for other, summed in neighbours.pop(gone).items():
            del neighbours[other][gone]
            eligible.pop(pair(other, gone), None)
            if other != keep:
                merged = neighbours[keep].get(other, 0.0) + summed
                neighbours[keep][other] = neighbours[other][keep] = merged
        reconsider(keep)
    return sorted((sorted(g) for g in members.values()), key=lambda g: g[0])

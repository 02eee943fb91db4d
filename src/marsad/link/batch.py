"""Linking a batch of documents in memory: what `marsad eval` and the benchmarks run, and
the same steps the store runs incrementally (marsad.store.incidents)."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field

from marsad.link.blocking import BlockIndex
from marsad.link.compare import Comparison, compare_pair
from marsad.link.grouping import Constraints, Grouping, Pair, cluster
from marsad.link.settings import LinkSettings, default_settings
from marsad.link.signature import LinkDocument, LinkEvent, signatures
from marsad.types import Event


@dataclass(slots=True)
class Linked:
    events: dict[str, LinkEvent] = field(default_factory=dict)
    keys: list[list[str]] = field(default_factory=list)  # per document, per event
    scores: dict[Pair, Comparison] = field(default_factory=dict)
    grouping: Grouping = field(default_factory=Grouping)

    def incident_of(self) -> dict[str, int]:
        return {k: n for n, group in enumerate(self.grouping.groups) for k in group}


def back_references(events: Iterable[LinkEvent]) -> list[tuple[str, str]]:
    """Within a document, an event that refers back ("the attack", "a day after") to an
    earlier one is the same incident."""
    return [(e.key, e.refers_to) for e in events if e.refers_to is not None]


def score_against(event: LinkEvent, index: BlockIndex, known: dict[str, LinkEvent],
                  settings: LinkSettings) -> dict[Pair, Comparison]:
    out: dict[Pair, Comparison] = {}
    for key in index.candidates(event):
        p, c = compare_pair(event, known[key], settings)
        out[p] = c
    return out


def link_batch(documents: Sequence[tuple[LinkDocument, Sequence[Event]]], *,
               settings: LinkSettings | None = None,
               constraints: Constraints | None = None) -> Linked:
    """Incidents over the documents' events, with every compared pair's score and reasons."""
    settings = settings or default_settings()
    linked = Linked()
    index = BlockIndex(settings)
    for doc, events in documents:
        sigs = signatures(doc, events, settings)
        linked.keys.append([s.key for s in sigs])
        for sig in sigs:
            if sig.key in linked.events:
                continue  # the same document twice: its events are already there
            linked.scores.update(score_against(sig, index, linked.events, settings))
            linked.events[sig.key] = sig
            index.add(sig)
    base = constraints or Constraints()
    refs = Constraints.of(back_references(linked.events.values()))
    both = Constraints(base.must | refs.must, base.cannot)
    edges = {p: c for p, c in linked.scores.items()
             if not c.vetoed and c.score >= settings.possible}
    linked.grouping = cluster(linked.events, edges, settings, both)
    return linked


def incident_labels(documents: Sequence[tuple[LinkDocument, Sequence[Event]]],
                    settings: LinkSettings | None = None) -> list[list[Hashable]]:
    """The evaluation's Linker: an incident label for each event of each document."""
    linked = link_batch(documents, settings=settings)
    where = linked.incident_of()
    return [[where[k] for k in keys] for keys in linked.keys]

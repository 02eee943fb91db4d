"""Scoring cross-source linking: how documents are grouped into incidents (GOLD.md "Linking").

A document is placed by its first matched gold event that carries an `incident`: the gold
side is that event's incident, the predicted side the incident a linker gave the predicted
event matched with it. A document with no such match is not placed: finding the event is
detection's score, grouping what was found is this one's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from marsad.evaluate.gold import GoldDocument
from marsad.evaluate.matching import DocumentMatch
from marsad.link.signature import LinkDocument
from marsad.types import Event

LinkInput = Sequence[tuple[LinkDocument, Sequence[Event]]]
# Each document and its predicted events -> an incident label for each event, same shape.
Linker = Callable[[LinkInput], Sequence[Sequence[Hashable]]]


def unlinked(documents: LinkInput) -> list[list[Hashable]]:
    """The linker of a system without a link stage: every event its own incident."""
    return [[(d, e) for e in range(len(events))] for d, (_, events) in enumerate(documents)]


def placement(doc: GoldDocument, match: DocumentMatch) -> tuple[str, int] | None:
    """(gold incident, index of the matched prediction) that places `doc`, or None."""
    for pair in match.pairs:  # in gold order: the first matched event
        incident = doc.events[pair.gold].incident
        if incident is not None:
            return incident, pair.pred
    return None


@dataclass(slots=True)
class LinkingInput:
    """What one run collects for linking while it scores: the predicted events of each
    document whose gold carries incidents, and which of them places the document."""

    events: list[tuple[LinkDocument, Sequence[Event]]] = field(default_factory=list)
    placements: list[tuple[str, int, int]] = field(default_factory=list)  # incident, doc, pred

    def add(self, doc: GoldDocument, predicted: Sequence[Event], match: DocumentMatch,
            published: date | None = None) -> None:
        """`published`: the date this run gave the predictor (None in the run without)."""
        if all(event.incident is None for event in doc.events):
            return
        placed = placement(doc, match)
        if placed is not None:
            self.placements.append((placed[0], len(self.events), placed[1]))
        linked = LinkDocument(id=doc.id, text=doc.text, source=doc.source, published=published,
                              lang=doc.lang)
        self.events.append((linked, predicted))

    def link(self, linker: Linker) -> Linking:
        labels = linker(self.events)
        return Linking(
            documents=len(self.events),
            placed=[(incident, labels[d][p]) for incident, d, p in self.placements],
        )


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def _ratio(num: float, den: float) -> float | None:
    return num / den if den else None


def _f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None:
        return None
    return 2 * p * r / (p + r) if p + r else 0.0


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


@dataclass(slots=True)
class Linking:
    """The placed documents of one run, as (gold incident, predicted incident) labels.

    Labels only need to be equal within one gold file; a sum over files keys them by file
    (Report.merge), so incidents of different files never meet."""

    documents: int = 0  # documents whose gold carries incidents
    placed: list[tuple[Hashable, Hashable]] = field(default_factory=list)

    def pairwise(self) -> tuple[int, int, int]:
        """(pairs in one gold incident, pairs in one predicted incident, pairs in both)."""
        cells = Counter(self.placed)
        gold = Counter(g for g, _ in self.placed)
        pred = Counter(p for _, p in self.placed)
        return (
            sum(_pairs(n) for n in gold.values()),
            sum(_pairs(n) for n in pred.values()),
            sum(_pairs(n) for n in cells.values()),
        )

    def bcubed(self) -> tuple[float | None, float | None]:
        """B-cubed precision and recall: per document, the share of its predicted incident
        that is in its gold incident, and of its gold incident in its predicted one."""
        cells = Counter(self.placed)
        gold = Counter(g for g, _ in self.placed)
        pred = Counter(p for _, p in self.placed)
        n = len(self.placed)
        precision = sum(cells[(g, p)] / pred[p] for g, p in self.placed)
        recall = sum(cells[(g, p)] / gold[g] for g, p in self.placed)
        return _ratio(precision, n), _ratio(recall, n)

    def to_json(self) -> dict[str, Any]:
        gold_pairs, pred_pairs, shared = self.pairwise()
        p, r = _ratio(shared, pred_pairs), _ratio(shared, gold_pairs)
        bp, br = self.bcubed()
        return {
            "documents": self.documents,
            "placed": len(self.placed),
            "gold_incidents": len({g for g, _ in self.placed}),
            "predicted_incidents": len({p for _, p in self.placed}),
            "pairwise": {
                "gold_pairs": gold_pairs,
                "predicted_pairs": pred_pairs,
                "shared_pairs": shared,
                "precision": _round(p),
                "recall": _round(r),
                # 2·shared / (gold + predicted): 0, not undefined, when nothing is linked
                "f1": _round(_ratio(2 * shared, gold_pairs + pred_pairs)),
            },
            "bcubed": {"precision": _round(bp), "recall": _round(br), "f1": _round(_f1(bp, br))},
        }

    def bcubed_f1(self) -> float | None:
        return _f1(*self.bcubed())

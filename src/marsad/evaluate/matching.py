"""Pairing predicted events with gold events in one document (docs/GOLD.md "Matching")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from marsad.evaluate.fields import Outcome, score_pair, where_distance_km
from marsad.evaluate.gold import GoldDocument
from marsad.types import Event, Span


@dataclass(frozen=True, slots=True)
class Pair:
    gold: int  # index into GoldDocument.events
    pred: int  # index into the predicted events
    fields: dict[str, Outcome]
    where_km: float | None  # for Acc@25/Acc@161; None where the gold is not a point


@dataclass(frozen=True, slots=True)
class DocumentMatch:
    pairs: tuple[Pair, ...]
    missed: tuple[int, ...]  # gold events no prediction matched: false negatives
    spurious: tuple[int, ...]  # predictions matching no gold event: false positives
    # predictions matching no gold event in a category the gold does not label exhaustively:
    # neither right nor wrong
    unjudged: tuple[int, ...] = ()


def overlaps(span: Span, start: int, end: int) -> bool:
    """Half-open overlap; an empty span counts when it sits inside the sentence."""
    if span.start >= span.end:
        return start <= span.start < end
    return span.start < end and span.end > start


def match_document(doc: GoldDocument, predicted: Sequence[Event]) -> DocumentMatch:
    """Greedy one-to-one matching, best field agreement first.

    A candidate pair has the same kind and a predicted evidence span overlapping the gold
    evidence's sentence. Candidates are taken in order of agreement (number of correct
    fields), then of characters shared with the gold evidence itself (the closer reading of
    the same sentence), then document order, so the result is deterministic.
    """
    candidates: list[tuple[int, int, int, int, dict[str, Outcome]]] = []
    for gi, gold in enumerate(doc.events):
        start, end = gold.sentence
        for pi, pred in enumerate(predicted):
            if pred.kind != gold.kind or not overlaps(pred.evidence, start, end):
                continue
            fields = score_pair(gold, pred, doc.score_numbers)
            agreement = sum(o.correct for o in fields.values())
            shared = _shared_chars(pred.evidence, *gold.evidence_span)
            candidates.append((agreement, shared, gi, pi, fields))
    candidates.sort(key=lambda c: (-c[0], -c[1], c[2], c[3]))

    pairs: list[Pair] = []
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    for _, _, gi, pi, fields in candidates:
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        pairs.append(Pair(gi, pi, fields, where_distance_km(doc.events[gi], predicted[pi])))
    pairs.sort(key=lambda p: p.gold)
    unmatched = [i for i in range(len(predicted)) if i not in used_pred]
    return DocumentMatch(
        pairs=tuple(pairs),
        missed=tuple(i for i in range(len(doc.events)) if i not in used_gold),
        spurious=tuple(i for i in unmatched if is_false_positive(doc, predicted[i])),
        unjudged=tuple(i for i in unmatched if not is_false_positive(doc, predicted[i])),
    )


def is_false_positive(doc: GoldDocument, unmatched: Event) -> bool:
    """GOLD.md "Matching": an unmatched prediction is wrong only where the gold labels its
    category: every category (`exhaustive` true), none (false), or those listed."""
    if isinstance(doc.exhaustive, bool):
        return doc.exhaustive
    return unmatched.category in doc.exhaustive


def _shared_chars(span: Span, start: int, end: int) -> int:
    return max(0, min(span.end, end) - max(span.start, start))

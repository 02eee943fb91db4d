"""Tallies of one evaluation run: JSON for machines, rich tables for people, floors for CI."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rich.console import Console
from rich.table import Table

from marsad.evaluate.fields import ABSENTABLE, ACC161_KM, FIELDS, NEAR_KM, Outcome
from marsad.evaluate.gold import KINDS, GoldDocument
from marsad.evaluate.linking import Linking
from marsad.evaluate.matching import DocumentMatch
from marsad.types import Event


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None  # None, not 0: "nothing to score" is not "all wrong"


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


@dataclass(slots=True)
class Counts:
    """Detection counts of matching.

    `recall_only_tp`: the matches (in `tp`) of documents that score recall only
    (`exhaustive: false`); precision leaves them out, since there no prediction can be wrong."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    recall_only_tp: int = 0

    @property
    def precision(self) -> float | None:
        judged = self.tp - self.recall_only_tp
        return _ratio(judged, judged + self.fp)

    @property
    def recall(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float | None:
        if not self.recall_only_tp:
            # 2tp / (2tp + fp + fn): 0 when nothing matched, None only when there is nothing
            return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None  # recall only: no F1
        return 2 * p * r / (p + r) if p + r else 0.0

    def cells(self) -> list[str]:
        """tp, fp, fn, precision, recall, F1 as a table prints them."""
        return [str(self.tp), str(self.fp), str(self.fn),
                fmt(self.precision), fmt(self.recall), fmt(self.f1)]

    def merge(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.recall_only_tp += other.recall_only_tp

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"tp": self.tp, "fp": self.fp, "fn": self.fn}
        if self.recall_only_tp:  # only then: the layout of fully annotated gold is unchanged
            out["recall_only_tp"] = self.recall_only_tp
        return out | {
            "precision": _round(self.precision),
            "recall": _round(self.recall),
            "f1": _round(self.f1),
        }


@dataclass(slots=True)
class FieldTally:
    """One field over the matched pairs that score it.

    accuracy = correct / scored (a correct "none" counts); precision and recall count only
    values: true_positive / predicted and true_positive / expected, where a wrong value is
    both a false positive and a false negative."""

    scored: int = 0
    correct: int = 0
    predicted: int = 0
    expected: int = 0
    true_positive: int = 0

    def add(self, outcome: Outcome) -> None:
        self.scored += 1
        self.correct += outcome.correct
        self.predicted += outcome.pred_has
        self.expected += outcome.gold_has
        self.true_positive += outcome.correct and outcome.pred_has

    def merge(self, other: FieldTally) -> None:
        self.scored += other.scored
        self.correct += other.correct
        self.predicted += other.predicted
        self.expected += other.expected
        self.true_positive += other.true_positive

    @property
    def accuracy(self) -> float | None:
        return _ratio(self.correct, self.scored)

    @property
    def precision(self) -> float | None:
        return _ratio(self.true_positive, self.predicted)

    @property
    def recall(self) -> float | None:
        return _ratio(self.true_positive, self.expected)

    @property
    def f1(self) -> float | None:
        return _ratio(2 * self.true_positive, self.predicted + self.expected)

    def to_json(self, absentable: bool) -> dict[str, Any]:
        out: dict[str, Any] = {
            "n_gold_scored": self.scored,
            "n_correct": self.correct,
            "accuracy": _round(self.accuracy),
        }
        if absentable:
            out |= {
                "n_predicted": self.predicted,
                "n_gold_values": self.expected,
                "n_true_positive": self.true_positive,
                "precision": _round(self.precision),
                "recall": _round(self.recall),
                "f1": _round(self.f1),
            }
        return out


@dataclass(slots=True)
class Distances:
    """Acc@25 km / Acc@161 km over matched pairs whose gold place is a point."""

    points: int = 0
    within_near: int = 0
    within_161: int = 0

    def add(self, km: float) -> None:
        self.points += 1
        self.within_near += km <= NEAR_KM
        self.within_161 += km <= ACC161_KM

    def merge(self, other: Distances) -> None:
        self.points += other.points
        self.within_near += other.within_near
        self.within_161 += other.within_161


@dataclass(frozen=True, slots=True)
class DocumentError:
    doc: str
    origin: str
    error: str


@dataclass(slots=True)
class Report:
    label: str  # "with_published" / "without_published"
    use_published: bool
    documents: int = 0
    gold_events: int = 0
    predicted_events: int = 0
    detection: dict[str, Counts] = field(
        default_factory=lambda: {kind: Counts() for kind in ("overall", *KINDS)}
    )
    fields: dict[str, FieldTally] = field(default_factory=lambda: {f: FieldTally() for f in FIELDS})
    distances: Distances = field(default_factory=Distances)
    errors: list[DocumentError] = field(default_factory=list)
    linking: Linking = field(default_factory=Linking)  # filled by the runner, after all documents

    def add(self, doc: GoldDocument, predicted: Sequence[Event], match: DocumentMatch) -> None:
        self.documents += 1
        self.gold_events += len(doc.events)
        self.predicted_events += len(predicted)
        overall = self.detection["overall"]
        recall_only = doc.exhaustive is False
        for pair in match.pairs:
            for counts in (overall, self._kind(doc.events[pair.gold].kind)):
                counts.tp += 1
                counts.recall_only_tp += recall_only
            for name, outcome in pair.fields.items():
                self.fields[name].add(outcome)
            if pair.where_km is not None:
                self.distances.add(pair.where_km)
        for gi in match.missed:
            overall.fn += 1
            self._kind(doc.events[gi].kind).fn += 1
        for pi in match.spurious:
            overall.fp += 1
            self._kind(str(predicted[pi].kind)).fp += 1

    def _kind(self, kind: str) -> Counts:
        return self.detection.setdefault(kind, Counts())  # an unknown predicted kind shows up

    def merge(self, other: Report, key: Hashable) -> None:
        """Add `other`'s tallies (micro: every document counts once). Its incidents are
        keyed by `key` (its gold file), so equal ids of two files stay apart."""
        self.documents += other.documents
        self.gold_events += other.gold_events
        self.predicted_events += other.predicted_events
        for kind, counts in other.detection.items():
            self._kind(kind).merge(counts)
        for name, tally in other.fields.items():
            self.fields[name].merge(tally)
        self.distances.merge(other.distances)
        self.errors.extend(other.errors)
        self.linking.documents += other.linking.documents
        self.linking.placed.extend(((key, g), (key, p)) for g, p in other.linking.placed)

    def to_json(self) -> dict[str, Any]:
        d = self.distances
        return {
            "label": self.label,
            "use_published": self.use_published,
            "documents": self.documents,
            "gold_events": self.gold_events,
            "predicted_events": self.predicted_events,
            "detection": {kind: c.to_json() for kind, c in self.detection.items()},
            "fields": {name: t.to_json(name in ABSENTABLE) for name, t in self.fields.items()},
            "where": {
                "accuracy_at_gold_precision": _round(self.fields["where"].accuracy),
                "n_points": d.points,
                "n_within_25km": d.within_near,
                "n_within_161km": d.within_161,
                "acc_at_25km": _round(_ratio(d.within_near, d.points)),
                "acc_at_161km": _round(_ratio(d.within_161, d.points)),
            },
            "errors": [{"doc": e.doc, "origin": e.origin, "error": e.error} for e in self.errors],
        } | ({"linking": self.linking.to_json()} if self.linking.documents else {})

    def check_floor(
        self,
        *,
        detection_f1: float | None = None,
        detection_recall: float | None = None,
        field_min: float | Mapping[str, float] | None = None,
    ) -> list[str]:
        """What falls under the floors, one line each; empty when all pass.

        `field_min` as a number applies to the accuracy of every field that was scored; as
        a mapping it names fields, and a named field that was never scored fails (a floor
        on nothing is a mistake worth seeing)."""
        failures: list[str] = []
        if self.errors:
            failures.append(f"{self.label}: {len(self.errors)} documents failed to predict")
        overall = self.detection["overall"]
        for name, value, floor in (
            ("F1", overall.f1, detection_f1),
            ("recall", overall.recall, detection_recall),
        ):
            if floor is not None and (value or 0.0) < floor:
                failures.append(f"{self.label}: detection {name} {value or 0.0:.3f} < {floor:.3f}")
        if field_min is None:
            return failures
        if isinstance(field_min, Mapping):
            unknown = set(field_min) - set(FIELDS)
            if unknown:
                raise ValueError(f"unknown fields in floor: {sorted(unknown)}")
            floors = dict(field_min)
        else:
            floors = {n: field_min for n, t in self.fields.items() if t.scored}
        for name, floor in floors.items():
            accuracy = self.fields[name].accuracy
            if accuracy is None:
                failures.append(f"{self.label}: {name} was never scored (floor {floor:.3f})")
            elif accuracy < floor:
                failures.append(f"{self.label}: {name} accuracy {accuracy:.3f} < {floor:.3f}")
        return failures

    def render(self, console: Console) -> None:
        console.rule(
            f"[bold]{self.label}[/]: {self.documents} documents, "
            f"{self.gold_events} gold events, {self.predicted_events} predicted"
        )
        console.print(self._detection_table())
        console.print(self._fields_table())
        if self.linking.documents:
            console.print(self._linking_table())
            f = self.linking.to_json()
            console.print(
                f"  {f['placed']} of {f['documents']} documents placed; "
                f"{f['gold_incidents']} gold and {f['predicted_incidents']} predicted incidents",
                style="dim",
            )
        if self.errors:
            console.print(f"[red]{len(self.errors)} documents failed to predict[/], e.g.:")
            for e in self.errors[:5]:
                console.print(f"  {e.origin} ({e.doc}): {e.error}", markup=False)

    def _detection_table(self) -> Table:
        table = Table(title="Detection", title_justify="left")
        for column in ("kind", "tp", "fp", "fn", "precision", "recall", "F1"):
            table.add_column(column, justify="left" if column == "kind" else "right")
        for kind, c in self.detection.items():
            table.add_row(kind, *c.cells(), style="bold" if kind == "overall" else None)
        return table

    def _fields_table(self) -> Table:
        table = Table(title="Fields (over matched pairs)", title_justify="left")
        columns = (
            "field",
            "scored",
            "correct",
            "accuracy",
            "predicted",
            "gold values",
            "precision",
            "recall",
            "F1",
        )
        for column in columns:
            table.add_column(column, justify="left" if column == "field" else "right")
        for name, t in self.fields.items():
            if name in ABSENTABLE:
                extra = (
                    str(t.predicted),
                    str(t.expected),
                    fmt(t.precision),
                    fmt(t.recall),
                    fmt(t.f1),
                )
            else:
                extra = ("", "", "", "", "")
            table.add_row(name, str(t.scored), str(t.correct), fmt(t.accuracy), *extra)
            if name == "where":
                d = self.distances
                for label, n in (
                    (f"  ≤{NEAR_KM:g} km", d.within_near),
                    (f"  ≤{ACC161_KM:g} km", d.within_161),
                ):
                    table.add_row(
                        label, str(d.points), str(n), fmt(_ratio(n, d.points)), style="dim"
                    )
        return table

    def _linking_table(self) -> Table:
        figures = self.linking.to_json()
        table = Table(title="Linking (documents into incidents)", title_justify="left")
        for column in ("measure", "precision", "recall", "F1"):
            table.add_column(column, justify="left" if column == "measure" else "right")
        for name, shown in (("pairwise", "pairwise"), ("bcubed", "B-cubed")):
            m = figures[name]
            table.add_row(shown, *(fmt(m[k]) for k in ("precision", "recall", "f1")))
        return table


def fmt(x: float | None) -> str:
    """A figure as the tables print it: three decimals, "–" where there is none."""
    return "–" if x is None else f"{x:.3f}"

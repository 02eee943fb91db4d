"""Running a predictor over gold documents: the reports of one set."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from marsad.evaluate.gold import GoldDocument
from marsad.evaluate.linking import Linker, LinkingInput, unlinked
from marsad.evaluate.matching import DocumentMatch, match_document
from marsad.evaluate.report import DocumentError, Report
from marsad.types import Event

Predictor = Callable[[str, date | None], Sequence[Event]]  # text, published -> events
Tick = Callable[[], None]  # called once per document scored
_Prediction = tuple[Sequence[Event], DocumentError | None]  # events, or the failure

WITH_PUBLISHED = "with_published"
WITHOUT_PUBLISHED = "without_published"


def evaluate(
    gold: Sequence[GoldDocument],
    predict: Predictor,
    *,
    use_published: bool = True,
    progress: Tick | None = None,
    link: Linker | None = None,
) -> Report:
    """Score `predict` on the gold documents; without `use_published` it is given None.

    `link` groups the predicted events of all documents into incidents, for gold that
    carries `incident`; without one, every event is its own incident."""
    (report,) = _run(gold, predict, (use_published,), progress, link)
    return report


def evaluate_both(
    gold: Sequence[GoldDocument],
    predict: Predictor,
    *,
    progress: Tick | None = None,
    link: Linker | None = None,
) -> dict[str, Report]:
    """Both runs of GOLD.md: with the gold's publication date, and with none."""
    reports = _run(gold, predict, (True, False), progress, link)
    return {report.label: report for report in reports}


def _run(
    gold: Sequence[GoldDocument],
    predict: Predictor,
    runs: Sequence[bool],
    progress: Tick | None,
    link: Linker | None = None,
) -> list[Report]:
    """One pass over the documents, scoring every run (use_published or not) as it goes.

    A document is predicted once per distinct input: one whose gold has no `published`
    gets None in both runs, so it is predicted once and scored twice (predictors are
    expected to be deterministic). This halves the cost on sets such as the ACLED notes."""
    reports = [
        Report(label=WITH_PUBLISHED if use else WITHOUT_PUBLISHED, use_published=use)
        for use in runs
    ]
    linking = [LinkingInput() for _ in reports]
    for doc in gold:
        predictions: dict[date | None, _Prediction] = {}
        for report, linked in zip(reports, linking, strict=True):
            published = doc.published if report.use_published else None
            if published not in predictions:
                predictions[published] = _predict(predict, doc, published)
            events, match = _score(report, doc, predictions[published])
            linked.add(doc, events, match, published)
        if progress:
            progress()
    for report, linked in zip(reports, linking, strict=True):
        report.linking = linked.link(link or unlinked)  # needs every document's events
    return reports


def _predict(predict: Predictor, doc: GoldDocument, published: date | None) -> _Prediction:
    # A batch goes on past one bad document (DESIGN.md "Errors"): it scores as no events,
    # is listed in the report, and fails check_floor.
    try:
        return tuple(predict(doc.text, published)), None
    except Exception as exc:
        return (), DocumentError(doc.id, doc.origin, f"{type(exc).__name__}: {exc}")


def _score(
    report: Report, doc: GoldDocument, prediction: _Prediction
) -> tuple[Sequence[Event], DocumentMatch]:
    events, error = prediction
    if error is not None:
        report.errors.append(error)
    match = match_document(doc, events)
    report.add(doc, events, match)
    return events, match

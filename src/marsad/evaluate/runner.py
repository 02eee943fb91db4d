"""Running a predictor over gold documents, and the `marsad eval` entry point."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from marsad.evaluate.gold import GoldDocument, load_gold
from marsad.evaluate.matching import match_document
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
) -> Report:
    """Score `predict` on the gold documents; without `use_published` it is given None."""
    (report,) = _run(gold, predict, (use_published,), progress)
    return report


def evaluate_both(
    gold: Sequence[GoldDocument], predict: Predictor, *, progress: Tick | None = None
) -> dict[str, Report]:
    """Both runs of GOLD.md: with the gold's publication date, and with none."""
    reports = _run(gold, predict, (True, False), progress)
    return {report.label: report for report in reports}


def _run(
    gold: Sequence[GoldDocument],
    predict: Predictor,
    runs: Sequence[bool],
    progress: Tick | None,
) -> list[Report]:
    """One pass over the documents, scoring every run (use_published or not) as it goes.

    A document is predicted once per distinct input: one whose gold has no `published`
    gets None in both runs, so it is predicted once and scored twice (predictors are
    expected to be deterministic). This halves the cost on sets such as the ACLED notes."""
    reports = [
        Report(label=WITH_PUBLISHED if use else WITHOUT_PUBLISHED, use_published=use)
        for use in runs
    ]
    for doc in gold:
        predictions: dict[date | None, _Prediction] = {}
        for report in reports:
            published = doc.published if report.use_published else None
            if published not in predictions:
                predictions[published] = _predict(predict, doc, published)
            _score(report, doc, predictions[published])
        if progress:
            progress()
    return reports


def cli_eval(
    gold_path: Path,
    predict: Predictor,
    *,
    json_out: Path | None = None,
    console: Console | None = None,
    floors: Sequence[Mapping[str, Any]] = (),
) -> dict[str, Any]:
    """`marsad eval`: load the gold, run both ways with a progress bar, print the tables,
    write the JSON (when asked) and return it.

    Each of `floors` holds keyword arguments of Report.check_floor, applied to the run with
    publication dates; what falls under them is listed in the result's "failures".
    """
    console = console or Console()
    gold = load_gold(gold_path)
    columns = (
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("evaluating", total=len(gold))
        reports = evaluate_both(gold, predict, progress=lambda: bar.advance(task))
    for report in reports.values():
        report.render(console)
    result = {
        "gold": str(gold_path),
        "documents": len(gold),
        "runs": {label: report.to_json() for label, report in reports.items()},
        "failures": [
            failure
            for floor in floors
            for failure in reports["with_published"].check_floor(**floor)
        ],
    }
    if json_out is not None:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return result


def _predict(predict: Predictor, doc: GoldDocument, published: date | None) -> _Prediction:
    # A batch goes on past one bad document (DESIGN.md "Errors"): it scores as no events,
    # is listed in the report, and fails check_floor.
    try:
        return tuple(predict(doc.text, published)), None
    except Exception as exc:
        return (), DocumentError(doc.id, doc.origin, f"{type(exc).__name__}: {exc}")


def _score(report: Report, doc: GoldDocument, prediction: _Prediction) -> None:
    events, error = prediction
    if error is not None:
        report.errors.append(error)
    report.add(doc, events, match_document(doc, events))

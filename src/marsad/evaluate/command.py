"""`marsad eval`: load the gold, run both ways with a progress bar, print, write the JSON."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from marsad.evaluate.gold import read_gold_file
from marsad.evaluate.linking import Linker
from marsad.evaluate.report import Report
from marsad.evaluate.runner import WITH_PUBLISHED, Predictor, Tick, evaluate_both
from marsad.evaluate.suite import evaluate_files, expand, load_files
from marsad.evaluate.summary import summary_table


def cli_eval(
    gold_path: Path | Sequence[Path],
    predict: Predictor,
    *,
    json_out: Path | None = None,
    console: Console | None = None,
    floors: Sequence[Mapping[str, Any]] = (),
    link: Linker | None = None,
) -> dict[str, Any]:
    """Evaluate one gold file, or several (a folder's *.jsonl, or several paths); return
    the figures, also written to `json_out` when given.

    One file: its tables, and JSON {"gold", "documents", "runs", "failures"}. Several:
    each file is scored on its own and the tables are those of all documents together,
    then one row per file; the JSON adds "files" (per file) and "load_errors" (files that
    failed to load, the others still scored), and "runs" holds the overall figures.

    Each of `floors` holds keyword arguments of Report.check_floor, applied to the run with
    publication dates (overall); what falls under them is listed in "failures".
    """
    console = console or Console()
    paths = [gold_path] if isinstance(gold_path, Path) else [Path(p) for p in gold_path]
    if len(paths) == 1 and paths[0].is_file():
        result, checked = _one_file(paths[0], predict, console, link)
    else:
        result, checked = _several(paths, predict, console, link)
    result["failures"] = [failure for floor in floors for failure in checked.check_floor(**floor)]
    if json_out is not None:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return result


def _one_file(
    path: Path, predict: Predictor, console: Console, link: Linker | None
) -> tuple[dict[str, Any], Report]:
    gold, skipped = read_gold_file(path)
    if skipped and not gold:
        raise skipped[0]
    with _progress(console, len(gold)) as tick:
        reports = evaluate_both(gold, predict, progress=tick, link=link)
    for report in reports.values():
        report.render(console)
    result: dict[str, Any] = {
        "gold": str(path),
        "documents": len(gold),
        "runs": {label: report.to_json() for label, report in reports.items()},
    }
    if skipped:  # broken lines: the rest is scored, the command still fails
        result["load_errors"] = [{"gold": str(path), "origin": e.origin, "reason": e.reason}
                                 for e in skipped]
    return result, reports[WITH_PUBLISHED]


def _several(
    paths: Sequence[Path], predict: Predictor, console: Console, link: Linker | None
) -> tuple[dict[str, Any], Report]:
    loaded = load_files(expand(paths))
    total = sum(len(docs) for _, docs, _ in loaded if isinstance(docs, list))
    with _progress(console, total) as tick:
        suite = evaluate_files(loaded, predict, progress=tick, link=link)
    for label, report in suite.overall.items():
        report.render(console)
        console.print(summary_table(suite, label))
    return {"gold": [str(p) for p in paths], **suite.to_json()}, suite.overall[WITH_PUBLISHED]


@contextmanager
def _progress(console: Console, total: int) -> Iterator[Tick]:
    columns = (
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("evaluating", total=total)

        def tick() -> None:
            bar.advance(task)

        yield tick

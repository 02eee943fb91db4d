"""The table of an evaluation over several gold files: one row per file, one for all."""

from __future__ import annotations

from rich.table import Table

from marsad.evaluate.report import Report, fmt
from marsad.evaluate.suite import Suite

# The fields shown per file; the overall report's own tables give every field.
SUMMARY_FIELDS = ("plover", "mode", "actor1", "actor2", "date", "where")


def summary_table(suite: Suite, label: str) -> Table:
    """Detection and the main fields' accuracy of run `label`, per file and overall."""
    table = Table(title=f"Per gold file ({label})", title_justify="left")
    columns = ("file", "docs", "gold", "pred", "tp", "fp", "fn", "P", "R", "F1")
    for column in (*columns, *SUMMARY_FIELDS, "link B³ F1"):
        table.add_column(column, justify="left" if column == "file" else "right")
    for result in suite.files:
        name = result.path.name
        if result.skipped and result.error is None:
            n = len(result.skipped)
            name += f" ({n} line{'s' if n > 1 else ''} skipped)"
        if result.error is not None:
            blank = [""] * (len(columns) - 2 + len(SUMMARY_FIELDS) + 1)
            table.add_row(name, "[red]not loaded[/]", *blank)
        else:
            table.add_row(name, *_cells(result.reports[label]))
    table.add_row("overall", *_cells(suite.overall[label]), style="bold")
    return table


def _cells(report: Report) -> list[str]:
    c = report.detection["overall"]
    link = report.linking.bcubed_f1() if report.linking.documents else None
    return [
        str(report.documents),
        str(report.gold_events),
        str(report.predicted_events),
        *c.cells(),
        *(fmt(report.fields[name].accuracy) for name in SUMMARY_FIELDS),
        fmt(link),
    ]

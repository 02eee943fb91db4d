"""How the CLI shows things: progress bars, tables, one document, a run summary."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.panel import Panel
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from marsad.errors import InputError, UnsupportedLanguage
from marsad.pipeline import Progress as PipelineProgress
from marsad.pipeline import RunReport
from marsad.store import EXTRACTED, NO_PROFILE, ActorRow, DocumentRow, EventRow, StoreStats
from marsad.terminal import shown
from marsad.types import Document, Event, Quantity


class BatchProgress(PipelineProgress):
    """A rich progress bar over the inputs of a batch; errors print above it as they come."""

    def __init__(self, console: Console, errors: Console, *, enabled: bool = True) -> None:
        self.errors = errors
        self.bar = Progress(
            SpinnerColumn(),
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.fields[current]}", style="dim"),
            console=console,
            disable=not enabled,
            transient=True,
        )
        self.task = self.bar.add_task("reading", total=None, current="")

    def __enter__(self) -> BatchProgress:
        self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.stop()

    def start(self, total: int) -> None:
        self.bar.update(self.task, total=total)

    def advance(self, source: str) -> None:
        self.bar.update(self.task, advance=1, current=shown(_shorten(source, 50)))

    def error(self, error: InputError) -> None:
        # One line per bad input, naming it and the reason, on stderr.
        self.errors.print(f"[red]error:[/red] {shown(error.origin)}: {shown(error.reason)}")

    def unsupported(self, document: Document, reason: UnsupportedLanguage) -> None:
        # Not a failure, but never silent: one line per document stored without events.
        self.errors.print(
            f"[yellow]note:[/yellow] {shown(document.origin)}: {shown(str(reason))} "
            "(stored without events)"
        )


def print_run_report(console: Console, report: RunReport, store_url: str, command: str) -> None:
    table = Table.grid(padding=(0, 2))
    table.add_row("inputs", str(report.sources))
    table.add_row("documents read", str(report.documents_read))
    table.add_row("new documents stored", str(report.documents_new))
    table.add_row("already stored", str(report.documents_known))
    table.add_row("events stored", str(report.events_stored))
    if report.unsupported:
        by_lang = ", ".join(
            f"{shown(lang)}: {n}"
            for lang, n in sorted(report.unsupported.items(), key=lambda item: (-item[1], item[0]))
        )
        table.add_row(
            "no extraction profile",
            f"[yellow]{report.documents_unsupported}[/yellow] ({by_lang})",
        )
    failed = len(report.errors)
    table.add_row("failed inputs", f"[red]{failed}[/red]" if failed else "0")
    table.add_row("store", shown(store_url))
    console.print(Panel(table, title=f"marsad {command}", expand=False))


def print_stats(console: Console, stats: StoreStats, store_url: str) -> None:
    console.print(
        f"[bold]{stats.documents}[/bold] documents, [bold]{stats.events}[/bold] events "
        f"in {shown(store_url)}"
    )
    unsupported = sum(stats.documents_without_profile.values())
    if unsupported:
        console.print(
            f"[yellow]{unsupported}[/yellow] of them stored without events: "
            "no extraction profile for their language"
        )
    if stats.first_published:
        console.print(f"published {stats.first_published} … {stats.last_published}")
    if stats.first_event:
        console.print(f"events dated {stats.first_event} … {stats.last_event}")
    for title, counts in (
        ("events by kind", stats.events_by_kind),
        ("events by category", stats.events_by_category),
        ("documents by source", stats.documents_by_source),
        ("documents by language", stats.documents_by_lang),
        ("no extraction profile, by language", stats.documents_without_profile),
    ):
        if counts:
            console.print(_count_table(title, counts))


def _count_table(title: str, counts: dict) -> Table:
    width = max(30, len(title))  # a title wider than the table would wrap
    table = Table(title=title, title_justify="left", show_header=False, box=None, min_width=width)
    table.add_column(style="cyan")
    table.add_column(justify="right")
    for key, value in sorted(counts.items(), key=lambda item: (-item[1], str(item[0]))):
        table.add_row(shown(str(key) if key is not None else "(unknown)"), str(value))
    return table


def document_table(rows: Sequence[DocumentRow]) -> Table:
    table = Table(title=f"{len(rows)} documents", title_justify="left")
    for column in ("id", "published", "source", "lang", "format", "events"):
        table.add_column(column, no_wrap=True)
    table.add_column("title", overflow="ellipsis", no_wrap=True, ratio=1)
    for row in rows:
        table.add_row(
            row.id,
            str(row.published or "?"),
            shown(row.source or ""),
            row.lang or "?",
            row.raw_format,
            "[yellow]no profile[/yellow]" if row.extraction == NO_PROFILE else str(row.event_count),
            shown(_shorten(row.title or row.url or row.origin, 70)),
        )
    return table


def actor_table(rows: Sequence[ActorRow], total: int) -> Table:
    table = Table(title=f"{len(rows)} of {total} actors", title_justify="left")
    for column in ("id", "name", "sector", "country", "events", "proposed"):
        table.add_column(column, no_wrap=column != "name",
                         justify="right" if column == "events" else "left")
    for row in rows:
        table.add_row(
            shown(row.id),
            shown(row.name),
            row.sector or "",
            row.country or "",
            str(row.events),
            "[yellow]yes[/yellow]" if row.proposed else "",
        )
    return table


def event_table(rows: Sequence[EventRow]) -> Table:
    table = Table(title=f"{len(rows)} events", title_justify="left")
    table.add_column("id", no_wrap=True)
    table.add_column("date", max_width=11)  # a range wraps onto two lines
    table.add_column("what", max_width=22)
    table.add_column("actor → target", max_width=30)
    table.add_column("where", max_width=22)
    table.add_column("toll", max_width=12)
    table.add_column("evidence", ratio=1)
    for row in rows:
        event = row.event
        table.add_row(
            str(row.id),
            _when(event),
            f"{event.category}{'/' + event.mode if event.mode else ''}\n[dim]{event.kind}[/dim]",
            shown(_who(event)),
            shown(_where(event)),
            _toll(event),
            shown(_shorten(event.evidence.text, 120)),
        )
    return table


def print_document(console: Console, row: DocumentRow, events: Sequence[EventRow]) -> None:
    meta = Table.grid(padding=(0, 2))
    for label, value in (
        ("id", row.id),
        ("title", row.title),
        ("source", row.source),
        ("url", row.url),
        ("published", f"{row.published or 'unknown'} (from {row.published_from})"),
        ("language", row.lang),
        ("format", row.raw_format),
        ("read from", row.origin),
        ("fetched", row.fetched_at.isoformat(timespec="seconds")),
        ("extraction", _EXTRACTION_SHOWN.get(row.extraction, row.extraction)),
    ):
        meta.add_row(label, shown(str(value)) if value is not None else "[dim]–[/dim]")
    console.print(Panel(meta, title="document", expand=False))
    console.print(shown(row.text, lines=True))
    if events:
        console.print(event_table(events))
    elif row.extraction == NO_PROFILE:
        console.print(
            f"[yellow]no events: language {shown(row.lang or 'unknown')} has no extraction "
            "profile[/yellow] [dim](`marsad run --reprocess` extracts it once one exists)[/dim]"
        )
    else:
        console.print("[dim]no events stored for this document[/dim]")


_EXTRACTION_SHOWN = {
    None: "not recorded (ingested only, or stored by an older marsad)",
    EXTRACTED: "extracted",
    NO_PROFILE: "no extraction profile for its language: stored without events",
}


def _when(event: Event) -> str:
    when = event.when
    if when is None or when.start is None:
        return "?"
    if when.end and when.end != when.start:
        return f"{when.start}…\n{when.end}"
    return str(when.start)


def _who(event: Event) -> str:
    actors = ", ".join(a.name or a.text for a in event.actors) or "?"
    targets = ", ".join(a.name or a.text for a in event.recipients)
    return f"{actors} → {targets}" if targets else actors


def _where(event: Event) -> str:
    place = event.where
    if place is None:
        return ""
    name = place.name or place.text
    return f"{name} ({place.country})" if place.country else name


def _toll(event: Event) -> str:
    parts = [
        f"{label} {_quantity(q)}"
        for label, q in (
            ("killed", event.killed),
            ("injured", event.injured),
            ("casualties", event.casualties),
            ("count", event.count),
        )
        if q is not None
    ]
    return ", ".join(parts)


def _quantity(quantity: Quantity) -> str:
    prefix = {"more_than": ">", "about": "~", "at_most": "≤"}.get(quantity.qualifier, "")
    return f"{prefix}{quantity.value}"


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"

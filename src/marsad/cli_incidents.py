"""`marsad incidents` (list, show, merge, split), `marsad series`, `marsad stances` and
`marsad link`: the link stage's commands.

cli.py calls register(app, open_store, jsonable) with its store opener and JSON converter.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from marsad.cli_options import DbOption
from marsad.terminal import json_line, shown

console = Console()
errors = Console(stderr=True)

incidents_app = typer.Typer(
    help="Incidents: the events of different documents that report one occurrence.",
    no_args_is_help=True)

_open_store: Callable[[str | None], Any]
_jsonable: Callable[[Any], Any]

AsJson = Annotated[bool, typer.Option("--json", help="One JSON object a line.")]


def _incident_json(row: Any) -> dict[str, Any]:
    """The incident id, its resolved fields, its conflicts and its reports (each with its
    document's id, the input's own id and URL)."""
    raw = _jsonable(row)
    return {
        "id": raw["id"], "kind": raw["kind"], "category": raw["category"],
        "mode": raw["mode"], "first_day": raw["first_day"], "last_day": raw["last_day"],
        "place": {"name": raw["place_name"], "lat": raw["lat"], "lon": raw["lon"],
                  "country": raw["country"], "precision": raw["geo_precision"]},
        "killed": raw["killed"], "injured": raw["injured"], "conflicts": raw["conflicts"],
        "documents": raw["documents"], "fields": raw["fields"],
        "events": [{"event_id": m["event_id"], "key": m["key"], "document_id": m["document_id"],
                    "source_id": m["source_id"], "url": m["url"], "source": m["source"],
                    "published": m["published"], "category": m["category"],
                    "evidence": m["evidence"], "reasons": m["reasons"]}
                   for m in raw["members"]],
        "possible_duplicates": raw["possible"],
    }


def _fail(message: str, code: int = 1) -> typer.Exit:
    errors.print(f"[red]error:[/red] {shown(message)}")
    return typer.Exit(code)


@incidents_app.command("list")
def incidents_list(
    db: DbOption = None,
    category: Annotated[str | None, typer.Option(help="PLOVER category, e.g. ASSAULT.")] = None,
    country: Annotated[str | None, typer.Option(help="ISO 3166 alpha-2, e.g. IQ.")] = None,
    min_reports: Annotated[int, typer.Option(
        "--min-reports", min=1, help="Only incidents reported by at least N documents.")] = 1,
    limit: Annotated[int, typer.Option(min=1, max=100_000)] = 50,
    as_json: AsJson = False,
) -> None:
    """List incidents, most reported first."""
    with _open_store(db) as store:
        rows = store.incidents(category=category, country=country, min_documents=min_reports,
                               limit=limit)
        total = store.count_incidents()
    if as_json:
        for row in rows:
            print(json_line(_incident_json(row)))
        return
    table = Table(title=f"{len(rows)} of {total} incidents")
    for name in ("id", "category", "day", "place", "killed", "injured", "reports", "sources",
                 "conflicts"):
        table.add_column(name)
    for row in rows:
        outlets = sorted({m.source or "?" for m in row.members})
        table.add_row(shown(row.id), row.category, str(row.first_day or ""),
                      shown(row.place_name or ""), _num(row.killed), _num(row.injured),
                      str(row.documents), shown(", ".join(outlets)[:60]),
                      ", ".join(row.conflicts))
    console.print(table)


def _num(value: int | None) -> str:
    return "" if value is None else str(value)


@incidents_app.command("show")
def incidents_show(
    incident_id: Annotated[str, typer.Argument(help="An incident id (inc-...).")],
    db: DbOption = None,
    as_json: AsJson = False,
) -> None:
    """One incident: its resolved fields, each source's value, and why its reports are one."""
    with _open_store(db) as store:
        row = store.incident(incident_id)
    if row is None:
        raise _fail(f"no incident {incident_id!r}")
    if as_json:
        print(json_line(_incident_json(row)))
        return
    console.print(f"[bold]{shown(row.id)}[/bold]  {row.kind} {row.category}"
                  f"{' / ' + row.mode if row.mode else ''}  {row.documents} documents")
    fields = Table(title="fields: resolved value, rule, each source's value")
    for name in ("field", "resolved", "rule", "sources"):
        fields.add_column(name)
    for name, entry in row.fields.items():
        sources = "; ".join(f"{s.get('source') or s['document']}: {_short(s['value'])}"
                            for s in entry.get("sources", []))
        flag = " [red](conflict)[/red]" if entry.get("conflict") else ""
        fields.add_row(name, shown(_short(entry.get("value"))) + flag,
                       shown(entry.get("rule", "")), shown(sources[:200]))
    console.print(fields)
    reports = Table(title="reports, and the pair that joined each")
    for name in ("event", "document", "source id", "url", "evidence", "joined by"):
        reports.add_column(name)
    for m in row.members:
        why = ""
        if m.reasons:
            best = m.reasons[0]
            why = f"{best['score']:.2f}: " + ", ".join(
                f"{r['reason']} {r['points']:+.1f}" for r in best["reasons"])
        reports.add_row(str(m.event_id), shown(m.document_id), shown(m.source_id or ""),
                        shown(m.url or ""), shown(m.evidence[:90]), shown(why))
    console.print(reports)
    for p in row.possible:
        console.print(f"possible duplicate: {shown(str(p['incident']))} "
                      f"(score {p['score']:.2f})")


def _short(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("name") or "")
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return "" if value is None else str(value)


@incidents_app.command("merge")
def incidents_merge(
    incident_ids: Annotated[list[str], typer.Argument(help="Two or more incident ids.")],
    db: DbOption = None,
) -> None:
    """Merge incidents into one, for good: the decision survives re-processing."""
    from marsad.errors import StoreError

    with _open_store(db) as store:
        try:
            merged = store.merge_incidents(incident_ids)
        except StoreError as error:
            raise _fail(str(error)) from error
    console.print(f"merged into {shown(merged)}")


@incidents_app.command("split")
def incidents_split(
    incident_id: Annotated[str, typer.Argument(help="The incident to split.")],
    event_ids: Annotated[list[int], typer.Argument(help="Event ids to move to their own.")],
    db: DbOption = None,
) -> None:
    """Move events out of an incident into one of their own, for good."""
    from marsad.errors import StoreError

    with _open_store(db) as store:
        try:
            new = store.split_incident(incident_id, event_ids)
        except StoreError as error:
            raise _fail(str(error)) from error
    console.print(f"split off as {shown(new)}")


def series(
    db: DbOption = None,
    country: Annotated[str | None, typer.Option(help="ISO 3166 alpha-2, e.g. IQ.")] = None,
    as_json: AsJson = False,
) -> None:
    """Aggregate claims as running totals: each series' points in date order, with the
    outlet and the source each figure is attributed to."""
    from marsad.store import EventFilters

    with _open_store(db) as store:
        found = store.series(EventFilters(country=country))
    if as_json:
        for s in found:
            print(json_line(_jsonable(s)))
        return
    for s in found:
        since = f" since {s.since}" if s.since else ""
        console.print(f"[bold]{shown(s.id)}[/bold]  {s.category} {s.measure}{since}  "
                      f"{shown(', '.join(s.parties))}")
        steps = []
        for p in s.points:
            qualifier = {"more_than": "≥ ", "about": "~", "at_most": "≤ "}.get(p.qualifier, "")
            credit = ", ".join(x for x in (p.source.source, p.said_by and f"attributed to "
                                           f"{p.said_by}") if x)
            steps.append(f"{qualifier}{p.value} by {p.as_of or '?'} ({credit or '?'})")
        console.print("  " + shown(" → ".join(steps)))


def stances(
    db: DbOption = None,
    issue: Annotated[str | None, typer.Option(help="Only this tracked issue.")] = None,
    as_json: AsJson = False,
) -> None:
    """Stance timelines: per tracked issue, each holder's dated positions with evidence."""
    with _open_store(db) as store:
        found = store.stances(issue)
    if as_json:
        for t in found:
            print(json_line(_jsonable(t)))
        return
    for t in found:
        console.print(f"[bold]{shown(t.issue)}[/bold]")
        for h in t.holders:
            steps = " → ".join(f"{p.position} ({p.day or '?'}, {p.source.source or '?'})"
                               for p in h.positions)
            console.print(f"  {shown(h.holder)}: {shown(steps)}")


def link(db: DbOption = None) -> None:
    """Link every stored document again (after an upgrade or new link settings); analysts'
    merges and splits are kept."""
    with _open_store(db) as store:
        documents = store.relink()
        total = store.count_incidents()
    console.print(f"linked {documents} documents: {total} incidents")


def register(app: typer.Typer, open_store: Callable[[str | None], Any],
             jsonable: Callable[[Any], Any]) -> None:
    global _open_store, _jsonable
    _open_store, _jsonable = open_store, jsonable
    app.add_typer(incidents_app, name="incidents")
    app.command("link")(link)
    app.command("series")(series)
    app.command("stances")(stances)

"""`marsad serve` (the API and dashboard) and `marsad export` (files for other tools).

cli.py calls register(app); heavy imports (FastAPI, uvicorn, pyarrow) wait for the command.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from marsad.cli_options import DbOption, parse_date

console = Console(stderr=True)

FORMAT_NAMES = ("acled-csv", "plover-jsonl", "geojson", "parquet")


def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            envvar="MARSAD_API_TOKEN",
            help="Bearer token that write requests (ingest, reprocess, delete) must carry. "
            "Without one, the API is read-only.",
            show_default=False,
        ),
    ] = None,
    workers: Annotated[
        int, typer.Option(min=1, max=64, help="Server processes (one per core is plenty).")
    ] = 1,
    tile_url: Annotated[
        str | None,
        typer.Option(
            envvar="MARSAD_TILE_URL",
            help="XYZ tile URL template drawn under the map, e.g. "
            "https://tile.openstreetmap.org/{z}/{x}/{y}.png. Default: none (fully offline).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Serve the REST API (/api, OpenAPI at /docs) and the dashboard (/)."""
    import uvicorn

    from marsad.api import create_app
    from marsad.errors import StoreError

    try:
        app = create_app(db, token=token, tile_url=tile_url)
    except StoreError as error:
        console.print(f"[red]error:[/red] {escape(str(error))}")
        raise typer.Exit(2) from error
    if host not in ("127.0.0.1", "localhost", "::1"):
        console.print(
            f"[yellow]note:[/yellow] listening on {escape(host)}: anyone who can reach it can "
            "read the events (writes need the token)."
        )
    mode = "read-write with a token" if token else "read-only"
    console.print(f"marsad: dashboard at http://{host}:{port}/ · API /api · docs /docs ({mode})")
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    # Several processes: uvicorn imports the app in each, configured from the environment.
    app.state.store.close()
    from marsad.store import resolve_url

    os.environ.update(
        {
            "MARSAD_DB": resolve_url(db),
            "MARSAD_API_TOKEN": token or "",
            "MARSAD_TILE_URL": tile_url or "",
        }
    )
    uvicorn.run(
        "marsad.api.app:app_from_environment",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        log_level="warning",
    )


def export(
    format_name: Annotated[
        str,
        typer.Option(
            "--format", "-f", help=f"One of: {', '.join(FORMAT_NAMES)}.", show_default=False
        ),
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="File to write ('-' for standard output).")
    ],
    db: DbOption = None,
    since: Annotated[str | None, typer.Option(help="On or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="On or before YYYY-MM-DD.")] = None,
    kind: Annotated[str | None, typer.Option(help="incident, aggregate or statement.")] = None,
    category: Annotated[str | None, typer.Option(help="PLOVER category, e.g. ASSAULT.")] = None,
    mode: Annotated[str | None, typer.Option(help="PLOVER mode, e.g. drone.")] = None,
    acled_type: Annotated[str | None, typer.Option(help="ACLED event type.")] = None,
    actor: Annotated[str | None, typer.Option(help="Actor or target (substring).")] = None,
    place: Annotated[str | None, typer.Option(help="Place id or name (substring).")] = None,
    country: Annotated[str | None, typer.Option(help="ISO 3166 alpha-2, e.g. IQ.")] = None,
    bbox: Annotated[str | None, typer.Option(help="west,south,east,north in degrees.")] = None,
    query: Annotated[
        str | None, typer.Option("--q", "--search", help="Full text: every word in the sentence.")
    ] = None,
) -> None:
    """Export stored events: ACLED-style CSV, PLOVER JSONL, GeoJSON or Parquet."""
    from marsad.errors import StoreError
    from marsad.export import export_chunks
    from marsad.store import EventFilters, Store

    if format_name not in FORMAT_NAMES:
        raise typer.BadParameter(
            f"{format_name!r}: expected one of {', '.join(FORMAT_NAMES)}", param_hint="--format"
        )
    filters = EventFilters(
        since=parse_date(since, "--since"),
        until=parse_date(until, "--until"),
        kind=kind,
        category=category.upper() if category else None,
        mode=mode,
        acled_type=acled_type,
        actor=actor,
        place=place,
        country=country.upper() if country else None,
        bbox=_bbox(bbox),
        search=query,
    )
    try:
        store = Store.open(db)
    except StoreError as error:
        console.print(f"[red]error:[/red] {escape(str(error))}")
        raise typer.Exit(2) from error
    counter = _Counter()
    try:
        chunks = export_chunks(format_name, counter.wrap(store.iter_events(filters)))
        if str(out) == "-":
            for chunk in chunks:
                sys.stdout.buffer.write(chunk)
            sys.stdout.flush()
        else:
            _write_atomically(out, chunks)
    except StoreError as error:
        console.print(f"[red]error:[/red] {escape(str(error))}")
        raise typer.Exit(2) from error
    finally:
        store.close()
    if str(out) != "-":
        size = out.stat().st_size
        console.print(
            f"{counter.count} events read, {format_name} written to {escape(str(out))} "
            f"({size:,} bytes)"
        )


class _Counter:
    def __init__(self) -> None:
        self.count = 0

    def wrap(self, rows):  # type: ignore[no-untyped-def]
        for row in rows:
            self.count += 1
            yield row


def _write_atomically(out: Path, chunks) -> None:  # type: ignore[no-untyped-def]
    # A failed export must not leave a half-written file where a good one is expected.
    partial = out.with_name(f".{out.name}.partial")
    try:
        with partial.open("wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
        os.replace(partial, out)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if value is None:
        return None
    try:
        west, south, east, north = (float(part) for part in value.split(","))
    except ValueError as error:
        raise typer.BadParameter(
            "expected four numbers: west,south,east,north", param_hint="--bbox"
        ) from error
    return (west, south, east, north)


def register(app: typer.Typer) -> None:
    """Add `serve` and `export` to the marsad command line."""
    app.command("serve")(serve)
    app.command("export")(export)

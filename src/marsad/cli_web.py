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

from marsad.cli_options import AllowPrivateUrlsOption, DbOption, parse_date
from marsad.terminal import shown

console = Console(stderr=True)

FORMAT_NAMES = ("acled-csv", "plover-jsonl", "geojson", "parquet")


LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            help="Bearer token that write requests (ingest, reprocess, delete) must carry. "
            "Visible to other users in the process list: prefer --token-file or the "
            "MARSAD_API_TOKEN environment variable. Without a token, the API is read-only.",
            show_default=False,
        ),
    ] = None,
    token_file: Annotated[
        Path | None,
        typer.Option(
            "--token-file",
            metavar="PATH",
            help="Read the bearer token from the first line of this file.",
            show_default=False,
        ),
    ] = None,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allowed-host",
            metavar="NAME",
            help="A name clients reach this server by (the Host header; any port); "
            "repeatable; '*.example.org' for subdomains. Also MARSAD_ALLOWED_HOSTS, comma "
            "separated. localhost, 127.0.0.1, ::1 and --host are always allowed; other "
            "names get 400 (this stops DNS rebinding).",
            show_default=False,
        ),
    ] = None,
    allow_private_urls: AllowPrivateUrlsOption = False,
    workers: Annotated[
        int, typer.Option(min=1, max=64, help="Server processes (one per core is plenty).")
    ] = 1,
    threads: Annotated[
        int | None,
        typer.Option(
            min=1, max=256, envvar="MARSAD_API_THREADS",
            help="Requests each process works on at once (default 3; the rest wait). The "
            "handlers are Python: more at once only take turns on one core.",
            show_default=False,
        ),
    ] = None,
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
    from marsad.api.hosts import host_names_from_environment
    from marsad.errors import StoreError

    secret = _token(token, token_file)
    names = list(dict.fromkeys([host, *(allowed_host or []), *host_names_from_environment()]))
    try:
        app = create_app(
            db,
            token=secret or "",
            tile_url=tile_url,
            allowed_hosts=names,
            allow_private_urls=allow_private_urls,
            serving=True,
            request_threads=threads,
        )
    except StoreError as error:
        console.print(f"[red]error:[/red] {shown(str(error))}")
        raise typer.Exit(2) from error
    if host not in LOOPBACK_HOSTS:
        console.print(
            f"[yellow]note:[/yellow] listening on {shown(host)}: anyone who can reach it can "
            "read the events (writes need the token). It answers only to the Host names "
            f"{shown(', '.join(dict.fromkeys([*LOOPBACK_HOSTS, *names])))}: give each name "
            "clients use with --allowed-host NAME (needed with 0.0.0.0 or ::)."
        )
    mode = "read-write with a token" if secret else "read-only"
    console.print(f"marsad: dashboard at http://{host}:{port}/ · API /api · docs /docs ({mode})")
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    # Several processes: uvicorn imports the app in each, configured from the environment
    # (a process's environment is readable by its user only, unlike its command line).
    app.state.store.close()
    from marsad.store import resolve_url

    os.environ.update(
        {
            "MARSAD_DB": resolve_url(db),
            "MARSAD_API_TOKEN": secret or "",
            "MARSAD_TILE_URL": tile_url or "",
            "MARSAD_ALLOWED_HOSTS": ",".join(names),
            "MARSAD_ALLOW_PRIVATE_URLS": "1" if allow_private_urls else "",
            "MARSAD_API_THREADS": str(threads or ""),
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


def _token(given: str | None, token_file: Path | None) -> str | None:
    """The write token: --token-file, else --token (with a warning), else MARSAD_API_TOKEN."""
    if given is not None and token_file is not None:
        raise typer.BadParameter("give --token or --token-file, not both", param_hint="--token")
    if token_file is not None:
        return _token_from_file(token_file)
    if given:
        console.print(
            "[yellow]warning:[/yellow] --token is visible to other users of this machine in "
            "the process list (ps); use --token-file PATH or MARSAD_API_TOKEN instead."
        )
        return given
    return os.environ.get("MARSAD_API_TOKEN") or None


def _token_from_file(path: Path) -> str:
    """The first line of the file, stripped; exit 2 saying why when there is none."""
    where = f"[red]error:[/red] --token-file {shown(str(path))}"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        console.print(f"{where}: cannot read it: {shown(reason)}")
        raise typer.Exit(2) from error
    secret = lines[0].strip() if lines else ""
    if not secret:
        console.print(f"{where}: its first line is empty")
        raise typer.Exit(2)
    return secret


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
    actor: Annotated[str | None, typer.Option(help="Actor or target: its name's words.")] = None,
    place: Annotated[str | None, typer.Option(help="Place: words starting its name or id.")] = None,
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
        console.print(f"[red]error:[/red] {shown(str(error))}")
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
        console.print(f"[red]error:[/red] {shown(str(error))}")
        raise typer.Exit(2) from error
    finally:
        store.close()
    if str(out) != "-":
        size = out.stat().st_size
        console.print(
            f"{counter.count} events read, {format_name} written to {shown(str(out))} "
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

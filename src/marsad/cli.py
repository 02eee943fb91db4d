"""The `marsad` command line.

Heavy modules (the NLP pipeline, the store) are imported inside the commands so that
`marsad --help` answers at once.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from marsad.cli_options import (
    AllowPrivateUrlsOption,
    DbOption,
    MaxFeedEntriesOption,
    PacksOption,
    pack_names,
    parse_date,
)
from marsad.cli_output import (
    BatchProgress,
    actor_table,
    document_table,
    event_table,
    print_document,
    print_run_report,
    print_stats,
)
from marsad.terminal import shown

app = typer.Typer(
    name="marsad",
    help=(
        "marsad (مرصد, 'observatory') turns news articles about political violence into "
        "a deduplicated, geolocated event database, with the text behind every field.\n\n"
        "Start with:  marsad run examples/corpus   then   marsad events   and   marsad stats"
    ),
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_show_locals=False,
)
documents_app = typer.Typer(help="List and show stored documents.", no_args_is_help=True)
app.add_typer(documents_app, name="documents")

console = Console()
errors = Console(stderr=True)


def _print_version(value: bool) -> None:
    if value:
        from marsad import __version__

        console.print(f"marsad {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version."
        ),
    ] = False,
) -> None:
    pass


InputsArg = Annotated[
    list[str],
    typer.Argument(help="Files, directories (searched recursively), globs or http(s) URLs."),
]
FetchLinks = Annotated[
    bool, typer.Option("--fetch-links", help="For feed entries, fetch the linked article page.")
]
JsonText = Annotated[
    str, typer.Option("--json-text-field", help="JSON/JSONL: the field holding the article text.")
]
JsonTitle = Annotated[str, typer.Option("--json-title-field", help="JSON/JSONL: the title field.")]
JsonUrl = Annotated[str, typer.Option("--json-url-field", help="JSON/JSONL: the URL field.")]
JsonDate = Annotated[
    str, typer.Option("--json-date-field", help="JSON/JSONL: the publication date field.")
]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar, only the summary.")]


def _open_store(db: str | None):
    from marsad.errors import StoreError
    from marsad.store import Store

    try:
        return Store.open(db)
    except StoreError as error:
        errors.print(f"[red]error:[/red] {shown(str(error))}")
        raise typer.Exit(2) from error


def _read_options(**options: object):
    """The readers' options from the command's (the same names as ReadOptions' fields)."""
    from marsad.ingest import ReadOptions

    return ReadOptions(**options)  # type: ignore[arg-type]


def _check_packs(packs: tuple[str, ...]) -> None:
    """Load every pack now, before any input is read, whenever the extractor would load
    them (packs are cached: this costs nothing later); exit 2 saying what is wrong."""
    from marsad.packs import PackError, load_pack

    try:
        for name in packs:
            load_pack(name)
    except PackError as error:
        _pack_error(error)


def _pack_error(error: Exception) -> NoReturn:
    # PackError names the pack and each problem (or, for an unknown name, the known ones).
    errors.print(f"[red]error:[/red] {shown(str(error))}")
    raise typer.Exit(2) from error


def _document_extractor(packs: tuple[str, ...]):
    from marsad.packs import PackError
    from marsad.stages import document_extractor

    _check_packs(packs)
    try:
        return document_extractor(packs)
    except PackError as error:  # the packs load, but not together
        _pack_error(error)


def _batch(
    inputs, db, options, *, packs: tuple[str, ...] | None, reprocess: bool, quiet: bool
) -> None:
    """Read, extract with packs (None: store only, as `ingest`) and store; the summary."""
    from marsad.pipeline import process

    extract = packs is not None
    extractor = _document_extractor(packs) if packs is not None else None
    store = _open_store(db)
    try:
        with BatchProgress(console, errors, enabled=not quiet) as progress:
            report = process(
                inputs,
                store,
                extractor=extractor,
                options=options,
                reprocess=reprocess,
                progress=progress,
            )
        print_run_report(console, report, store.url, "run" if extract else "ingest")
    finally:
        store.close()
    if report.failed:
        raise typer.Exit(1)


@app.command()
def run(
    inputs: InputsArg,
    db: DbOption = None,
    reprocess: Annotated[
        bool,
        typer.Option("--reprocess", help="Extract again documents already stored."),
    ] = False,
    fetch_links: FetchLinks = False,
    json_text_field: JsonText = "text",
    json_title_field: JsonTitle = "title",
    json_url_field: JsonUrl = "url",
    json_date_field: JsonDate = "published",
    pack: PacksOption = None,
    allow_private_urls: AllowPrivateUrlsOption = False,
    max_feed_entries: MaxFeedEntriesOption = 5_000,
    quiet: Quiet = False,
) -> None:
    """Ingest articles, extract their events and store both (the main job).

    Running it again on the same inputs stores nothing twice. Exit code 1 when some
    inputs could not be read (each is named on stderr); the rest are stored. An article
    in a language with no extraction profile is stored without events and named on
    stderr; it is not a failure. Exit code 2 for an unknown or invalid pack.
    """
    options = _read_options(
        fetch_links=fetch_links,
        json_text_field=json_text_field,
        json_title_field=json_title_field,
        json_url_field=json_url_field,
        json_date_field=json_date_field,
        allow_private_urls=allow_private_urls,
        max_feed_entries=max_feed_entries,
    )
    _batch(inputs, db, options, packs=pack_names(pack), reprocess=reprocess, quiet=quiet)


@app.command()
def ingest(
    inputs: InputsArg,
    db: DbOption = None,
    fetch_links: FetchLinks = False,
    json_text_field: JsonText = "text",
    json_title_field: JsonTitle = "title",
    json_url_field: JsonUrl = "url",
    json_date_field: JsonDate = "published",
    allow_private_urls: AllowPrivateUrlsOption = False,
    max_feed_entries: MaxFeedEntriesOption = 5_000,
    quiet: Quiet = False,
) -> None:
    """Read and store articles without extracting events (`marsad run` does both)."""
    options = _read_options(
        fetch_links=fetch_links,
        json_text_field=json_text_field,
        json_title_field=json_title_field,
        json_url_field=json_url_field,
        json_date_field=json_date_field,
        allow_private_urls=allow_private_urls,
        max_feed_entries=max_feed_entries,
    )
    _batch(inputs, db, options, packs=None, reprocess=False, quiet=quiet)


@documents_app.command("list")
def documents_list(
    db: DbOption = None,
    source: Annotated[str | None, typer.Option(help="Only this source (site name).")] = None,
    lang: Annotated[str | None, typer.Option(help="Only this language (en, ar).")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before YYYY-MM-DD.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 50,
    offset: Annotated[int, typer.Option(min=0)] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object a line.")] = False,
) -> None:
    """List stored documents, newest first."""
    store = _open_store(db)
    try:
        rows = store.documents(
            limit=limit,
            offset=offset,
            source=source,
            lang=lang,
            since=parse_date(since, "--since"),
            until=parse_date(until, "--until"),
        )
    finally:
        store.close()
    if as_json:
        for row in rows:
            console.print_json(json.dumps(_jsonable(row)), indent=None)
    else:
        console.print(document_table(rows))


@documents_app.command("show")
def documents_show(
    document_id: Annotated[str, typer.Argument(help="A document id, or a unique prefix of one.")],
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """Show one document: metadata, text and the events read from it."""
    from marsad.store import EventFilters

    store = _open_store(db)
    try:
        row = store.document(_document_id(store, document_id))
        events = store.events(EventFilters(document_id=row.id), limit=1000)
    finally:
        store.close()
    if as_json:
        payload = _jsonable(row) | {"events": [_jsonable(event) for event in events]}
        console.print_json(json.dumps(payload))
    else:
        print_document(console, row, events)


@app.command()
def events(
    db: DbOption = None,
    since: Annotated[str | None, typer.Option(help="On or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="On or before YYYY-MM-DD.")] = None,
    kind: Annotated[str | None, typer.Option(help="incident, aggregate or statement.")] = None,
    category: Annotated[
        str | None, typer.Option(help="PLOVER category, e.g. ASSAULT, REQUEST.")
    ] = None,
    mode: Annotated[str | None, typer.Option(help="PLOVER mode, e.g. drone, aerial.")] = None,
    acled_type: Annotated[
        str | None, typer.Option(help="ACLED event type, e.g. 'Battles'.")
    ] = None,
    actor: Annotated[
        str | None,
        typer.Option(help="Actor or target: words that start its name or id, in order "
                     "(any case or accents)."),
    ] = None,
    country: Annotated[str | None, typer.Option(help="ISO 3166 alpha-2, e.g. IQ.")] = None,
    document: Annotated[str | None, typer.Option(help="Only events of this document.")] = None,
    text: Annotated[str | None, typer.Option(help="Evidence text contains this.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 50,
    offset: Annotated[int, typer.Option(min=0)] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object a line.")] = False,
) -> None:
    """List stored events, with filters; most recent first."""
    from marsad.store import EventFilters

    filters = EventFilters(
        since=parse_date(since, "--since"),
        until=parse_date(until, "--until"),
        kind=kind,
        category=category.upper() if category else None,
        mode=mode,
        acled_type=acled_type,
        actor=actor,
        country=country.upper() if country else None,
        document_id=document,
        text=text,
    )
    store = _open_store(db)
    try:
        if document is not None:
            filters = replace(filters, document_id=_document_id(store, document))
        rows = store.events(filters, limit=limit, offset=offset)
    finally:
        store.close()
    if as_json:
        for row in rows:
            console.print_json(json.dumps(_jsonable(row)), indent=None)
    else:
        console.print(event_table(rows))


@app.command()
def stats(db: DbOption = None) -> None:
    """Counts of documents and events in the store, by kind, category, source and language."""
    store = _open_store(db)
    try:
        print_stats(console, store.stats(), store.url)
    finally:
        store.close()


@app.command()
def check(db: DbOption = None) -> None:
    """Check the store's integrity: the database's own checks, the full-text index, and
    that no event, actor, evidence, link or incident is orphaned, duplicated or out of step
    with its document's text. Exit code 1 when a problem is found."""
    store = _open_store(db)
    try:
        problems = store.check()
    finally:
        store.close()
    for problem in problems:
        errors.print(f"[red]problem:[/red] {shown(str(problem))}")
    if problems:
        raise typer.Exit(1)
    console.print(f"store {shown(store.url)}: sound")


@app.command()
def actors(
    db: DbOption = None,
    proposed: Annotated[
        bool,
        typer.Option(
            "--proposed",
            help="Only the named actors no pack knows, proposed from events for review.",
        ),
    ] = False,
    search: Annotated[str | None, typer.Option(help="Part of a name or id (any case).")] = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object a line.")] = False,
) -> None:
    """The actor registry: pack actors and proposed new ones, with their event counts."""
    only = True if proposed else None  # without --proposed: every actor, flagged
    store = _open_store(db)
    try:
        rows = store.actors(search=search, proposed=only, limit=limit)
        total = store.count_actors(search=search, proposed=only)
    finally:
        store.close()
    if as_json:
        for row in rows:
            console.print_json(json.dumps(_jsonable(row)), indent=None)
    else:
        console.print(actor_table(rows, total))


@app.command("eval")
def eval_command(
    gold: Annotated[
        list[Path],
        typer.Option(
            "--gold",
            exists=True,
            metavar="PATH",
            help="A gold .jsonl file, or a folder of them (GOLD.md format); repeatable. A "
            "folder or several files: a table row per file and one for all documents.",
        ),
    ],
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Also write the figures as JSON to this file.")
    ] = None,
    min_f1: Annotated[
        float | None,
        typer.Option(help="Exit 1 when detection F1 (with publication dates) is below this."),
    ] = None,
    min_recall: Annotated[
        float | None,
        typer.Option(help="Exit 1 when detection recall (with publication dates) is below this."),
    ] = None,
    min_field: Annotated[
        list[str] | None,
        typer.Option(
            help="FIELD=VALUE (e.g. acled=0.8), or a bare VALUE for every scored field: exit 1 "
            "when a field's accuracy (with publication dates) is below it. Repeatable."
        ),
    ] = None,
    pack: PacksOption = None,
    link_gold: Annotated[
        bool,
        typer.Option(
            "--link-gold",
            help="Score the linker alone: the gold events are its input instead of the "
            "extractor's (for gold that carries `incident`, e.g. the GVC sets).",
        ),
    ] = False,
) -> None:
    """Score the extractor against gold annotations, with and without publication dates.

    Where gold events carry `incident`, the extracted events are also linked across
    documents and the grouping is scored (pairwise and B-cubed)."""
    from functools import partial

    from marsad.errors import InputError
    from marsad.evaluate import cli_eval
    from marsad.evaluate.gold_events import GoldAsPredictions
    from marsad.link import incident_labels
    from marsad.stages import events as events_of

    floors = _floors(min_f1, min_recall, min_field or [])
    packs = pack_names(pack)
    _check_packs(packs)  # the predictor would fail each document instead, one by one
    predict = partial(events_of, packs=packs)  # (text, published) -> events
    gold_paths = gold[0] if len(gold) == 1 else gold  # one path: exactly as before
    if link_gold:
        predict = GoldAsPredictions(gold_paths if isinstance(gold_paths, list) else [gold_paths])
    try:
        figures = cli_eval(gold_paths, predict, json_out=json_out, console=console,
                           floors=floors, link=incident_labels)
    except InputError as error:
        errors.print(f"[red]error:[/red] {shown(str(error))}")
        raise typer.Exit(2) from error
    for failure in figures["failures"]:
        errors.print(f"[red]below the floor:[/red] {shown(failure)}")
    # files of a folder that failed to load: the others were scored, the command still fails
    for error in figures.get("load_errors", []):
        errors.print(f"[red]error:[/red] {shown(error['origin'])}: {shown(error['reason'])}")
    if figures.get("load_errors"):
        raise typer.Exit(2)
    if figures["failures"]:
        raise typer.Exit(1)


def _floors(
    min_f1: float | None, min_recall: float | None, min_field: list[str]
) -> list[dict[str, object]]:
    """The --min-* options as keyword arguments of Report.check_floor."""
    floors: list[dict[str, object]] = [{"detection_f1": min_f1, "detection_recall": min_recall}]
    named: dict[str, float] = {}
    for spec in min_field:
        name, _, number = spec.rpartition("=")
        try:
            floor = float(number)
        except ValueError as error:
            raise typer.BadParameter(f"{spec!r}: expected FIELD=NUMBER or NUMBER") from error
        if name:
            named[name] = floor
        else:
            floors.append({"field_min": floor})
    if named:
        from marsad.evaluate.fields import FIELDS

        unknown = sorted(set(named) - set(FIELDS))
        if unknown:
            raise typer.BadParameter(f"unknown fields {unknown}; known: {', '.join(FIELDS)}")
        floors.append({"field_min": named})
    return floors


def _document_id(store, prefix: str) -> str:
    """The full id of the one document whose id starts with prefix, or exit 1 saying why."""
    from marsad.errors import StoreError

    try:
        row = store.document(prefix)
    except StoreError as error:  # an ambiguous prefix
        errors.print(f"[red]error:[/red] {shown(str(error))}")
        raise typer.Exit(1) from error
    if row is None:
        errors.print(f"[red]error:[/red] no document {shown(repr(prefix))}")
        raise typer.Exit(1)
    return row.id


def _jsonable(value):
    """Dataclass rows to JSON-ready dicts (dates as ISO strings)."""
    from dataclasses import asdict, is_dataclass

    def convert(item):
        if is_dataclass(item) and not isinstance(item, type):
            return {key: convert(val) for key, val in asdict(item).items()}
        if isinstance(item, dict):
            return {key: convert(val) for key, val in item.items()}
        if isinstance(item, list | tuple):
            return [convert(val) for val in item]
        if hasattr(item, "isoformat"):
            return item.isoformat()
        return item

    return convert(value)


from marsad.cli_web import register as _register_web  # noqa: E402  (serve, export)

_register_web(app)

from marsad.cli_incidents import register as _register_incidents  # noqa: E402

_register_incidents(app, _open_store, _jsonable)


def main() -> None:  # pragma: no cover - console script entry
    app()


if __name__ == "__main__":  # pragma: no cover
    main()

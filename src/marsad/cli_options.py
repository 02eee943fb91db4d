"""Options and parsers that several `marsad` commands share (cli.py and cli_web.py)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="MARSAD_DB",
        help="Store: an SQLAlchemy URL or an SQLite file path. Default ./marsad.db.",
        show_default=False,
    ),
]

PacksOption = Annotated[
    list[str] | None,
    typer.Option(
        "--pack",
        metavar="NAME",
        help="A domain pack (actors, places, issues) to extract with; repeatable. Default: the "
        "built-in iraq-syria. User packs are found in the folders of the MARSAD_PACKS_PATH "
        "environment variable (separated like PATH), each holding pack folders.",
        show_default=False,
    ),
]

AllowPrivateUrlsOption = Annotated[
    bool,
    typer.Option(
        "--allow-private-urls",
        help="Fetch URLs whose host is a loopback, private or link-local address (refused by "
        "default, so that a URL cannot reach the machine's own network).",
    ),
]

MaxFeedEntriesOption = Annotated[
    int,
    typer.Option(
        "--max-feed-entries",
        min=1,
        help="A feed with more entries than this is refused whole (none stored), so that a "
        "runaway feed cannot hold up the batch.",
    ),
]


def pack_names(packs: list[str] | None) -> tuple[str, ...]:
    """The --pack options as pack names: the default pack when none is given."""
    from marsad.packs import DEFAULT_PACK

    return tuple(dict.fromkeys(packs)) if packs else (DEFAULT_PACK,)


def parse_date(value: str | None, option: str) -> date | None:
    """An ISO date option, or a usage error that names the option."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise typer.BadParameter(
            f"{value!r} is not a date (YYYY-MM-DD)", param_hint=option
        ) from error

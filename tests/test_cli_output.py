"""The lines `marsad run` writes to stderr name inputs as they are, safely for a terminal."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from rich.console import Console

from marsad.cli_output import BatchProgress, print_run_report
from marsad.errors import InputError, UnsupportedLanguage
from marsad.pipeline import RunReport
from marsad.types import Document, content_hash

HOSTILE = "news/[bold]x[/bold]\x1b[2J\x07\nname.txt"  # markup, ESC sequence, bell, newline


def document(origin: str, lang: str | None) -> Document:
    text = "سقطت صواريخ على بغداد."
    digest = content_hash(text)
    return Document(
        id=Document.make_id(digest),
        url=None,
        source=None,
        title=None,
        published=None,
        lang=lang,
        text=text,
        raw_format="text",
        fetched_at=datetime(2024, 1, 1, tzinfo=UTC),
        content_hash=digest,
        origin=origin,
        published_from="none",
    )


def stderr_of(action) -> str:
    out, err = io.StringIO(), io.StringIO()
    console = Console(file=out, width=200)
    errors = Console(file=err, width=200)
    with BatchProgress(console, errors, enabled=False) as progress:
        action(progress)
    return err.getvalue()


def test_a_document_without_profile_is_one_plain_line() -> None:
    doc = document("a/ar.txt", "ar")
    shown = stderr_of(lambda p: p.unsupported(doc, UnsupportedLanguage("ar")))
    assert shown == "note: a/ar.txt: language ar: no extraction profile (stored without events)\n"


def test_names_and_reasons_cannot_style_or_drive_the_terminal() -> None:
    for shown in (
        stderr_of(lambda p: p.unsupported(document(HOSTILE, None), UnsupportedLanguage(None))),
        stderr_of(lambda p: p.error(InputError(HOSTILE, "cannot read\x1b]0;title\x07"))),
    ):
        assert "\x1b" not in shown and "\x07" not in shown
        assert shown.count("\n") == 1  # one line per input
        assert "news/[bold]x[/bold]\\x1b[2J\\x07\\x0aname.txt" in shown


def test_the_summary_counts_them_by_language() -> None:
    out = io.StringIO()
    report = RunReport(documents_read=4, documents_new=4, unsupported={"fa": 1, "ar": 2})
    print_run_report(Console(file=out, width=200), report, "sqlite:///x.db", "run")
    rows = [" ".join(line.strip("│ ").split()) for line in out.getvalue().splitlines()]
    assert "no extraction profile 3 (ar: 2, fa: 1)" in rows
    assert not report.failed
    empty = io.StringIO()
    print_run_report(Console(file=empty, width=200), RunReport(), "sqlite:///x.db", "ingest")
    assert "no extraction profile" not in empty.getvalue()

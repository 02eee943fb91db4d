"""Control characters from an article never reach the terminal raw, nor the store.

An ESC sequence in a title can retitle the window, clear the screen or plant an OSC-8 link;
a bidi override reorders what follows it. The clean stage strips them from what it stores,
and the CLI shows any that remain (a store from an older marsad, file names) as codes.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from marsad.clean.whitespace import normalise, normalise_line
from marsad.store import Store
from test_cli import marsad

ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\"
HOSTILE_ARTICLE = (
    f"Rockets hit{ESCAPES} the base\u202e near Erbil\x01 on Monday.\x9b31m\n\n"
    "Two soldiers\twere wounded, officials said.\x7f"
)
RAW_FORBIDDEN = ("\x1b", "\x07", "\x9b", "\u202e", "\x00", "\x7f")


def test_the_clean_stage_strips_controls_but_keeps_lines_and_bidi_marks() -> None:
    text = normalise(HOSTILE_ARTICLE + "\n\nقال\u200f المسؤول")
    assert not any(ch in text for ch in ("\x1b", "\x07", "\x9b", "\x00", "\x7f"))
    assert "\n\nTwo soldiers were wounded" in text  # paragraphs kept, the tab a space
    assert "\u200f" in text  # a right-to-left mark is writing, not an attack
    title = normalise_line("Rockets\x1b[2J hit \u202egnp.exe\u2066 Erbil\rtoday")
    assert title == "Rockets [2J hit gnp.exe Erbil today"


def test_show_and_list_never_print_raw_controls(tmp_path: Path) -> None:
    article = tmp_path / "hostile.txt"
    article.write_text(HOSTILE_ARTICLE, encoding="utf-8")
    db = tmp_path / "marsad.db"
    assert marsad("run", str(article), db=db).returncode == 0
    with Store.open(f"sqlite:///{db}") as store:
        (row,) = store.documents(limit=5)
        stored = store.document(row.id)
    assert not any(ch in stored.text for ch in RAW_FORBIDDEN)

    # A store written before the clean stage stripped them still holds them raw.
    with sqlite3.connect(db) as connection:
        connection.execute(
            "UPDATE documents SET title = ?, text = ?, source = ?",
            (f"Title{ESCAPES}\u202eevil", HOSTILE_ARTICLE, "Wire\x1b[31m"),
        )
    commands = (("documents", "show", row.id), ("documents", "list"), ("events",),
                ("incidents", "list"))
    for command in commands:
        result = marsad(*command, db=db)
        assert result.returncode == 0, result.stderr
        assert not any(ch in result.stdout for ch in RAW_FORBIDDEN), command
    shown = marsad("documents", "show", row.id, db=db).stdout
    assert "\\x1b]0;pwned\\x07" in shown  # visible, so a reader sees what was there
    assert "<U+202E>" in shown


def test_a_file_name_cannot_forge_a_line_of_the_error_report(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bad\x1b[2J\nerror: forged.txt").write_bytes(b"\x00\x01binary")
    result = marsad("ingest", str(folder), db=tmp_path / "marsad.db")
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and "\\x1b[2J\\x0aerror: forged.txt" in lines[0]
    assert "\x1b" not in result.stderr


def test_json_lines_escape_what_a_terminal_would_obey_and_parse_back() -> None:
    import json

    from marsad.terminal import json_line

    value = {"title": "x\x9b31m \u202eevil بغداد \x1b[2J", "n": 3}
    line = json_line(value)
    assert not any(ch in line for ch in RAW_FORBIDDEN)
    assert "بغداد" in line  # Arabic stays readable
    assert json.loads(line) == value

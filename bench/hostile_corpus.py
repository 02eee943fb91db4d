"""The red-team's hostile inputs, generated (never committed: some are large), and a run.

    .venv/bin/python bench/hostile_corpus.py [--out DIR] [--small] [--db sqlite:///x.db]

Writes a folder holding good articles beside everything that once broke a batch or was
dropped without a word: a symbolic link loop, a dangling link, a FIFO, a link to
/dev/zero, an article over 1,000,000 characters, a feed of 100,000 items, a feed with an
entity-expansion (XXE) attempt, one cut short, ESC sequences and bidi overrides in a title
and a text, a file name with ESC and a newline, spreadsheet formulas, binary bytes, a
wrong encoding, an empty file and one over the size cap. Then runs `marsad run` on it,
checks the store (marsad.store.check) and the ACLED export, and prints each input's
outcome and the run's time. --small leaves out the two large inputs (for CI).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GOOD = (
    "Gunmen attacked a police checkpoint in Kirkuk on Monday, killing two officers, "
    "officials said.\n\nNo group claimed responsibility for the attack."
)
ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x1b]8;;https://evil.example\x1b\\here\x1b]8;;\x1b\\"
FILLER = "The weather was calm and the markets were quiet across the region that week. "


def _item(n: int) -> str:
    return (f"<item><title>Report {n}</title><link>https://wire.example/{n}</link>"
            f"<description>Rockets struck a base near Mosul, report {n} said.</description>"
            "</item>")


def _feed(items: str, head: str = "") -> str:
    return (f'<?xml version="1.0"?>{head}<rss version="2.0"><channel><title>Wire</title>'
            f"{items}</channel></rss>")


def write(folder: Path, *, small: bool = False) -> dict[str, str]:
    """The corpus in `folder`; returns {file name: what the run must do with it}."""
    folder.mkdir(parents=True, exist_ok=True)
    expect: dict[str, str] = {}

    def put(name: str, data: str | bytes, outcome: str) -> None:
        path = folder / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        expect[name] = outcome

    put("good-1.txt", GOOD, "stored")
    put("good-2.txt", GOOD.replace("Kirkuk", "Tikrit").replace("two", "three"), "stored")
    put("escapes.html", f"<html><head><title>Rockets{ESCAPES}\u202egnp.exe</title></head>"
        f"<body><article><p>{GOOD}{ESCAPES}</p><p>{FILLER * 3}</p></article></body></html>",
        "stored")
    put("name\x1b[2J\nerror: forged.txt", GOOD.replace("Kirkuk", "Baiji"), "stored")
    put("formulas.jsonl", json.dumps({
        "text": "=cmd|' /C calc'!A0 " + GOOD, "title": "@SUM(1)",
        "source": '=HYPERLINK("https://evil.example","x")'}) + "\n", "stored")
    put("laughs.rss", _feed(_item(1) + "<item><title>&lol9;</title></item>",
                            '<!DOCTYPE rss [<!ENTITY lol0 "lol">' + "".join(
                                f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">'
                                for n in range(1, 10)) + "]>"), "refused")
    put("cut-short.rss", _feed(_item(1)).removesuffix("</channel></rss>") + "<item><title>x",
        "refused")
    put("binary.txt", b"\x00\x01\x02\xff" * 500, "refused")
    put("latin1.txt", GOOD.replace("officials", "responsables é").encode("latin-1"), "stored")
    put("empty.txt", b"", "refused")
    put("too-big.txt", b"x" * 21_000_000, "refused")
    (folder / "loop-a").symlink_to(folder / "loop-b")
    (folder / "loop-b").symlink_to(folder / "loop-a")
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    expect.update({"loop-a": "refused", "loop-b": "refused", "dangling.txt": "refused",
                   "pipe.txt": "refused", "zero.txt": "refused"})
    if not small:
        put("long.txt", "\n\n".join([FILLER * 40] * 400 + [GOOD]), "stored")
        put("huge-feed.rss", _feed("".join(_item(n) for n in range(100_000))), "refused")
    return expect


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="the folder (default: a temp dir)")
    parser.add_argument("--small", action="store_true", help="without the two large inputs")
    parser.add_argument("--db", help="store URL (default: a SQLite file beside the corpus)")
    args = parser.parse_args()
    root = args.out or Path(tempfile.mkdtemp(prefix="marsad-hostile-"))
    corpus = root / "corpus"
    expect = write(corpus, small=args.small)
    db = args.db or f"sqlite:///{root / 'hostile.db'}"
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "marsad", "run", str(corpus), "--db", db,
                             "-q"], capture_output=True, text=True, timeout=3600,
                            env={**os.environ, "COLUMNS": "300"})
    seconds = time.perf_counter() - started
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    print(f"marsad run: exit {result.returncode} in {seconds:.1f} s, {len(errors)} error lines")
    for line in errors:
        print("  " + line[:160])
    from marsad.export.acled import acled_csv
    from marsad.store import Store

    with Store.open(db) as store:
        problems = store.check()
        origins = {Path(row.origin.split("#")[0]).name for row in store.documents(limit=1000)}
        export = b"".join(acled_csv(store.iter_events())).decode("utf-8")
    formulas = [cell for row in csv.reader(io.StringIO(export)) for cell in row
                if cell[:1] in ("=", "+", "@") or (cell[:1] == "-" and not _number(cell))]
    wrong = []
    for name, outcome in sorted(expect.items()):
        stored = name in origins
        if stored != (outcome == "stored"):
            wrong.append(name)
        print(f"  {outcome:>8}: {name!r} {'ok' if name not in wrong else 'WRONG'}")
    print(f"store check: {problems or 'sound'}; formula cells in the ACLED export: "
          f"{len(formulas)}; inputs handled as expected: {len(expect) - len(wrong)}/{len(expect)}")
    return 0 if not wrong and not problems and not formulas and result.returncode == 1 else 1


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


if __name__ == "__main__":
    sys.exit(main())

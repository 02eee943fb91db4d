"""Language knowledge lives in `data/lang/<code>/`, once: the month names are read from the
profile's time_words.yaml by every reader (triggers, numbers, names, toponyms), and no
Python module keeps a month table of its own."""

from __future__ import annotations

import ast
from pathlib import Path

import yaml

from marsad.analyse.profiles import profile_for
from marsad.extract import lexicon, numbers, toponyms
from marsad.extract.mentions import not_name_words

SRC = Path(__file__).resolve().parents[1] / "src" / "marsad"
EN = profile_for("en")
MONTHS = {str(m).lower() for m in yaml.safe_load(
    (SRC / "data" / "lang" / "en" / "time_words.yaml").read_text("utf-8"))["months"]}


def _string_literals(path: Path) -> list[str]:
    tree = ast.parse(path.read_text("utf-8"))
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)
            and isinstance(n.value, str)]


def test_no_python_module_keeps_a_month_table() -> None:
    # evaluate/ is exempt: its sentence splitter is the scorer's, fixed by GOLD.md
    for path in sorted(p for p in SRC.rglob("*.py") if "evaluate" not in p.parts):
        literals = _string_literals(path)
        named = {s.lower() for s in literals} & MONTHS
        inline = {m for s in literals if len(s) < 400 for m in MONTHS
                  if f"|{m}" in s.lower() or f"{m}|" in s.lower()}
        assert len(named) < 3 and len(inline) < 3, f"{path.relative_to(SRC)}: {named | inline}"


def test_every_reader_takes_the_months_from_the_profile() -> None:
    assert EN is not None
    english = {m for m in MONTHS if m.isascii()}
    assert english <= {m.lower() for m in lexicon._month_names(EN)}
    assert numbers._months(EN) >= MONTHS
    assert not_name_words(EN) >= MONTHS
    assert english <= {w.lower() for w in toponyms.never_toponyms(EN)}

"""Scoring predicted events against gold annotations, exactly as docs/GOLD.md defines.

    gold = load_gold(Path("../shared/gold/seed.jsonl"))
    reports = evaluate_both(gold, lambda text, published: marsad.events(text, published))
    reports["with_published"].render(console); reports["with_published"].to_json()

Modules: `gold` (reading and validating gold files), `sentences` (the sentence around gold
evidence), `compare` (name, place and date rules), `fields` (field scores of a pair),
`matching` (pairing predictions with gold), `linking` (grouping documents into incidents),
`report` (tallies, tables, JSON, floors), `runner` (running a predictor over one set),
`suite` and `summary` (several gold files and their per-file table), `command` (`cli_eval`).
"""

from marsad.evaluate.command import cli_eval
from marsad.evaluate.gold import GoldDocument, GoldError, GoldEvent, load_gold
from marsad.evaluate.linking import Linker
from marsad.evaluate.report import Report
from marsad.evaluate.runner import (
    WITH_PUBLISHED,
    WITHOUT_PUBLISHED,
    Predictor,
    evaluate,
    evaluate_both,
)

__all__ = [
    "WITHOUT_PUBLISHED",
    "WITH_PUBLISHED",
    "GoldDocument",
    "GoldError",
    "GoldEvent",
    "Linker",
    "Predictor",
    "Report",
    "cli_eval",
    "evaluate",
    "evaluate_both",
    "load_gold",
]

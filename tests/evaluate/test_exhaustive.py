"""GOLD.md "Matching": gold that labels only some categories does not count the others'
unmatched predictions as false positives."""

from datetime import date
from pathlib import Path
from typing import Any

from evaluate_helpers import event, one_doc, write_gold

from marsad.evaluate import evaluate, load_gold
from marsad.evaluate.matching import match_document
from marsad.types import Event

TEXT = "Rockets hit Baghdad. Police arrested a man. Officials condemned the attack."
GOLD = {"kind": "incident", "plover": "ASSAULT", "evidence": "Rockets hit Baghdad"}


def predict(text: str, published: date | None = None) -> list[Event]:
    """One match, and two predictions the gold has no event for: an ARREST, an ASSAULT."""
    return [
        event(text, "Rockets hit Baghdad"),
        event(text, "Police arrested a man", category="ARREST"),
        event(text, "Officials condemned the attack", category="ASSAULT"),
    ]


def line(**doc: Any) -> dict[str, Any]:
    return {"text": TEXT, "events": [GOLD], **doc}


def test_exhaustive_by_default_every_unmatched_prediction_is_wrong(tmp_path: Path) -> None:
    overall = evaluate([one_doc(tmp_path, TEXT, GOLD)], predict).detection["overall"]
    assert (overall.tp, overall.fp, overall.fn) == (1, 2, 0)
    assert overall.precision == 1 / 3


def test_listed_categories_only_are_false_positives(tmp_path: Path) -> None:
    doc = one_doc(tmp_path, TEXT, GOLD, exhaustive=["ASSAULT"])
    match = match_document(doc, predict(TEXT))
    assert (match.spurious, match.unjudged) == ((2,), (1,))  # the ASSAULT is wrong, not the ARREST
    overall = evaluate([doc], predict).detection["overall"]
    assert (overall.tp, overall.fp, overall.fn) == (1, 1, 0)
    assert (overall.precision, overall.recall) == (0.5, 1.0)


def test_not_exhaustive_scores_recall_and_fields_only(tmp_path: Path) -> None:
    doc = one_doc(tmp_path, TEXT, GOLD, exhaustive=False)
    report = evaluate([doc], predict)
    overall = report.detection["overall"]
    assert (overall.tp, overall.fp, overall.recall) == (1, 0, 1.0)
    assert overall.precision is None and overall.f1 is None  # not 1.0: nothing was judged
    assert report.fields["plover"].accuracy == 1.0
    assert report.to_json()["detection"]["overall"]["recall_only_tp"] == 1
    missed = evaluate([doc], lambda text, published: []).detection["overall"]
    assert (missed.fn, missed.recall) == (1, 0.0)


def test_precision_comes_from_the_documents_that_judge_it(tmp_path: Path) -> None:
    """A recall-only document's matches do not raise the precision of the others."""
    path = write_gold(tmp_path, [line(id="all"), line(id="recall-only", exhaustive=False)])
    overall = evaluate(load_gold(path), predict).detection["overall"]
    assert (overall.tp, overall.fp, overall.fn) == (2, 2, 0)
    assert overall.precision == 1 / 3  # the exhaustive document alone: 1 of 3
    assert overall.recall == 1.0
    assert overall.f1 == 2 * (1 / 3) / (1 / 3 + 1)
    fully = evaluate(load_gold(write_gold(tmp_path, [line()], "one.jsonl")), predict)
    assert "recall_only_tp" not in fully.to_json()["detection"]["overall"]  # layout as before

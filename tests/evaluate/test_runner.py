import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from evaluate_helpers import DEV, SEED, event, no_events, oracle, write_gold
from rich.console import Console

from marsad.evaluate import (
    WITH_PUBLISHED,
    WITHOUT_PUBLISHED,
    Report,
    cli_eval,
    evaluate,
    evaluate_both,
    load_gold,
)
from marsad.types import Event, Quantity, When

TEXT = "Rockets hit Baghdad on Friday. Officials condemned the attack. Nothing else happened."
GOLD_LINE = {
    "id": "d1",
    "text": TEXT,
    "published": "2023-12-10",
    "events": [
        {
            "kind": "incident",
            "plover": "ASSAULT",
            "evidence": "Rockets hit Baghdad",
            "date": "2023-12-08",
            "date_precision": "day",
            "fatalities": 0,
        },
        {"kind": "statement", "plover": "ACCUSE", "evidence": "Officials condemned"},
    ],
}


def leaves(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, sub in value.items():
            yield from leaves(sub, f"{path}.{key}")
    else:
        yield path, value


def ratios(report: Report) -> dict[str, float]:
    """Every defined precision/recall/F1/accuracy/acc@ figure in the report's JSON."""
    names = (
        "precision",
        "recall",
        "f1",
        "accuracy",
        "acc_at_25km",
        "acc_at_161km",
        "accuracy_at_gold_precision",
    )
    return {
        p: v for p, v in leaves(report.to_json()) if p.rsplit(".", 1)[-1] in names and v is not None
    }


@pytest.fixture
def gold(tmp_path: Path) -> list:
    return load_gold(write_gold(tmp_path, [GOLD_LINE]))


def predicts_date(text: str, published: date | None) -> list[Event]:
    """Finds the incident (dated only with a publication date) and a stray statement."""
    when = When(date(2023, 12, 8), precision="day") if published else None
    return [
        event(text, "Rockets hit Baghdad on Friday", when=when, killed=Quantity(0)),
        event(text, "Nothing else happened", kind="statement"),
    ]


def test_counts_per_kind_and_fields(gold: list) -> None:
    report = evaluate(gold, predicts_date)
    out = report.to_json()
    assert out["detection"]["overall"] == {
        "tp": 1,
        "fp": 1,
        "fn": 1,
        "precision": 0.5,
        "recall": 0.5,
        "f1": 0.5,
    }
    assert out["detection"]["incident"] == {
        "tp": 1,
        "fp": 0,
        "fn": 0,
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
    }
    assert (out["detection"]["statement"]["fp"], out["detection"]["statement"]["fn"]) == (1, 1)
    assert out["fields"]["date"] == {
        "n_gold_scored": 1,
        "n_correct": 1,
        "accuracy": 1.0,
        "n_predicted": 1,
        "n_gold_values": 1,
        "n_true_positive": 1,
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
    }
    assert out["fields"]["fatalities"]["n_correct"] == 1
    assert out["fields"]["plover"] == {"n_gold_scored": 1, "n_correct": 1, "accuracy": 1.0}
    assert out["fields"]["actor1"]["n_gold_scored"] == 0  # not in the gold: not scored
    assert out["fields"]["actor1"]["accuracy"] is None
    assert (out["gold_events"], out["predicted_events"], out["documents"]) == (2, 2, 1)


def test_second_run_withholds_the_publication_date(gold: list) -> None:
    reports = evaluate_both(gold, predicts_date)
    assert set(reports) == {WITH_PUBLISHED, WITHOUT_PUBLISHED}
    assert reports[WITH_PUBLISHED].fields["date"].accuracy == 1.0
    assert reports[WITHOUT_PUBLISHED].fields["date"].accuracy == 0.0
    assert reports[WITHOUT_PUBLISHED].to_json()["use_published"] is False
    alone = evaluate(gold, predicts_date, use_published=False)
    assert alone.to_json() == reports[WITHOUT_PUBLISHED].to_json()


def test_undated_documents_are_predicted_once(tmp_path: Path) -> None:
    docs = load_gold(write_gold(tmp_path, [GOLD_LINE, {**GOLD_LINE, "published": None}]))
    calls: list[date | None] = []
    ticks: list[int] = []

    def predict(text: str, published: date | None) -> list[Event]:
        calls.append(published)
        return []

    evaluate_both(docs, predict, progress=lambda: ticks.append(1))
    assert calls == [date(2023, 12, 10), None, None]
    assert len(ticks) == 2


def test_a_failing_document_is_reported_and_fails_the_floor(gold: list) -> None:
    def broken(text: str, published: date | None) -> list[Event]:
        raise RuntimeError("model exploded")

    report = evaluate(gold, broken)
    assert report.detection["overall"].fn == 2
    assert report.to_json()["errors"] == [
        {"doc": "d1", "origin": f"{gold[0].origin}", "error": "RuntimeError: model exploded"}
    ]
    assert any("failed to predict" in f for f in report.check_floor())


def test_check_floor(gold: list) -> None:
    report = evaluate(gold, predicts_date)
    assert report.check_floor(detection_f1=0.5, field_min=1.0) == []
    assert report.check_floor(detection_f1=0.6) == ["with_published: detection F1 0.500 < 0.600"]
    assert report.check_floor(field_min={"actor1": 0.1}) == [
        "with_published: actor1 was never scored (floor 0.100)"
    ]
    without = evaluate(gold, predicts_date, use_published=False)
    assert without.check_floor(field_min=0.9) == ["without_published: date accuracy 0.000 < 0.900"]
    with pytest.raises(ValueError, match="unknown fields"):
        report.check_floor(field_min={"victims": 0.5})


def test_render_prints_both_tables(gold: list) -> None:
    console = Console(record=True, width=160)
    evaluate(gold, predicts_date).render(console)
    text = console.export_text()
    for needle in ("Detection", "statement", "Fields", "actor1", "fatalities", "≤161 km"):
        assert needle in text


def test_cli_eval_writes_json(tmp_path: Path) -> None:
    path = write_gold(tmp_path, [GOLD_LINE])
    out = tmp_path / "out" / "eval.json"
    console = Console(record=True, width=160)
    result = cli_eval(path, predicts_date, json_out=out, console=console)
    assert json.loads(out.read_text(encoding="utf-8")) == result
    assert set(result["runs"]) == {WITH_PUBLISHED, WITHOUT_PUBLISHED}
    assert result["documents"] == 1
    assert console.export_text().count("Detection") == 2


@pytest.mark.skipif(not SEED.exists(), reason="shared gold not on this machine")
def test_perfect_predictor_reaches_one_everywhere_on_seed() -> None:
    gold = load_gold(SEED)
    for report in evaluate_both(gold, oracle(gold)).values():
        figures = ratios(report)
        assert figures and set(figures.values()) == {1.0}, figures
        assert report.detection["overall"].tp == 14
        # the fields the seed exercises were really scored, not skipped
        for name in ("actor1", "actor2", "date", "where", "count", "said_by", "stance"):
            assert report.fields[name].scored > 0, name
        assert report.fields["fatalities"].scored == 14  # absent numbers are scored too


@pytest.mark.skipif(not SEED.exists(), reason="shared gold not on this machine")
def test_empty_predictor_has_zero_recall() -> None:
    report = evaluate(load_gold(SEED), no_events)
    overall = report.detection["overall"]
    assert (overall.tp, overall.fp, overall.fn) == (0, 0, 14)
    assert overall.recall == 0.0
    assert overall.precision is None  # nothing predicted: undefined, not 0 or 1
    assert overall.f1 == 0.0
    assert all(t.scored == 0 for t in report.fields.values())


@pytest.mark.skipif(not DEV.exists(), reason="shared gold not on this machine")
def test_perfect_predictor_on_a_slice_of_the_acled_notes() -> None:
    gold = load_gold(DEV)[:800]
    report = evaluate(gold, oracle(gold))
    assert set(ratios(report).values()) == {1.0}
    assert report.distances.points > 0

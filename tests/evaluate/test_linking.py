"""GOLD.md "Linking": documents grouped into incidents, pairwise and B-cubed."""

from collections.abc import Hashable, Sequence
from datetime import date
from pathlib import Path

import pytest
from evaluate_helpers import event, write_gold

from marsad.evaluate import evaluate, load_gold
from marsad.evaluate.linking import LinkInput, placement
from marsad.evaluate.matching import match_document
from marsad.types import Event

REPORTS = [  # (text, gold incident): two reports of one attack in Kabul, two others
    ("Rockets hit Kabul.", "kabul-1"),
    ("Rockets struck Kabul.", "kabul-1"),
    ("A bomb hit Herat.", "herat-1"),
    ("A truck bomb hit Kabul.", "kabul-2"),  # similar, but another occurrence
]


def gold_file(tmp_path: Path, reports: Sequence[tuple[str, str]] = REPORTS) -> Path:
    lines = [
        {
            "id": f"d{i}",
            "text": text,
            "exhaustive": False,
            "events": [
                {"kind": "incident", "plover": "ASSAULT", "evidence": text, "incident": incident}
            ],
        }
        for i, (text, incident) in enumerate(reports)
    ]
    return write_gold(tmp_path, lines)


def whole_text(text: str, published: date | None) -> list[Event]:
    return [] if text.startswith("Nothing") else [event(text, text)]


def by_city(documents: LinkInput) -> list[list[Hashable]]:
    """A naive linker: one incident per city named."""
    return [[e.evidence.text.rstrip(".").split()[-1] for e in events] for _, events in documents]


def test_pairwise_and_bcubed_of_a_linker(tmp_path: Path) -> None:
    linking = evaluate(load_gold(gold_file(tmp_path)), whole_text, link=by_city).linking
    figures = linking.to_json()
    # gold {d0 d1} {d2} {d3}; predicted {d0 d1 d3} {d2}
    assert figures["pairwise"] == {
        "gold_pairs": 1,
        "predicted_pairs": 3,
        "shared_pairs": 1,
        "precision": round(1 / 3, 4),
        "recall": 1.0,
        "f1": 0.5,
    }
    # B-cubed precision: (2/3 + 2/3 + 1 + 1/3) / 4; recall 1
    assert figures["bcubed"] == {"precision": round(2 / 3, 4), "recall": 1.0, "f1": 0.8}
    assert (figures["gold_incidents"], figures["predicted_incidents"]) == (3, 2)


def test_without_a_linker_every_document_is_its_own_incident(tmp_path: Path) -> None:
    figures = evaluate(load_gold(gold_file(tmp_path)), whole_text).to_json()["linking"]
    assert figures["pairwise"]["predicted_pairs"] == 0
    assert (figures["pairwise"]["recall"], figures["pairwise"]["f1"]) == (0.0, 0.0)
    assert figures["bcubed"]["precision"] == 1.0
    assert figures["bcubed"]["recall"] == pytest.approx(0.75)  # (1/2 + 1/2 + 1 + 1) / 4


def test_a_document_whose_event_is_not_found_is_not_placed(tmp_path: Path) -> None:
    reports = [*REPORTS, ("Nothing was found here.", "kabul-1")]
    figures = evaluate(load_gold(gold_file(tmp_path, reports)), whole_text).to_json()["linking"]
    assert (figures["documents"], figures["placed"]) == (5, 4)


def test_a_document_is_placed_by_its_first_matched_event(tmp_path: Path) -> None:
    text = "Talks began in Doha. Rockets hit Kabul."
    line = {
        "text": text,
        "events": [
            {"kind": "statement", "evidence": "Talks began in Doha", "incident": "doha-talks"},
            {"kind": "incident", "evidence": "Rockets hit Kabul", "incident": "kabul-1"},
        ],
    }
    (doc,) = load_gold(write_gold(tmp_path, [line]))
    found = [event(text, "Talks began in Doha", "statement"), event(text, "Rockets hit Kabul")]
    assert placement(doc, match_document(doc, found)) == ("doha-talks", 0)
    assert placement(doc, match_document(doc, found[1:])) == ("kabul-1", 0)


def test_gold_without_incidents_reports_no_linking(tmp_path: Path) -> None:
    line = {
        "text": "Rockets hit Kabul.",
        "events": [{"kind": "incident", "evidence": "Rockets hit Kabul."}],
    }
    report = evaluate(load_gold(write_gold(tmp_path, [line])), whole_text)
    assert "linking" not in report.to_json()

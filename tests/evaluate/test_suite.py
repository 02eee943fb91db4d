"""`marsad eval` over a folder (or several files): a row per file, one overall, bad files
named and skipped."""

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from evaluate_helpers import event, write_gold
from rich.console import Console

from marsad.evaluate import GoldError, cli_eval
from marsad.types import Event

ATTACK = "Rockets hit Baghdad. Officials met."
ATTACK_GOLD = {"kind": "incident", "plover": "ASSAULT", "evidence": "Rockets hit Baghdad"}


def doc(id: str, **extra: Any) -> dict[str, Any]:
    return {"id": id, "text": ATTACK, "events": [ATTACK_GOLD], **extra}


def predict(text: str, published: date | None) -> list[Event]:
    """Finds the attack, and calls the meeting an attack too."""
    return [event(text, "Rockets hit Baghdad"), event(text, "Officials met")]


def run(paths: Any, **kw: Any) -> tuple[dict[str, Any], str]:
    console = Console(record=True, width=220)
    result = cli_eval(paths, predict, console=console, **kw)
    return result, console.export_text()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    gold = tmp_path / "gold"
    write_gold(gold, [doc("a1"), doc("a2")], "a.jsonl")
    write_gold(gold, [doc("b1", exhaustive=False)], "b.jsonl")
    return gold


def row(text: str, name: str) -> list[str]:
    """The cells of the per-file table's first row whose first cell is `name`."""
    for line in text[text.index("Per gold file") :].splitlines():
        cells = [c.strip() for c in line.strip().strip("│").split("│")]
        if cells[0] == name:
            return cells
    raise AssertionError(f"no row {name!r} in:\n{text}")


def test_folder_gives_a_row_per_file_and_the_micro_overall(folder: Path) -> None:
    result, text = run(folder)
    a, b = (
        result["files"][str(folder / n)]["runs"]["with_published"] for n in ("a.jsonl", "b.jsonl")
    )
    assert a["detection"]["overall"] == {
        "tp": 2,
        "fp": 2,
        "fn": 0,
        "precision": 0.5,
        "recall": 1.0,
        "f1": round(2 / 3, 4),
    }
    assert (b["detection"]["overall"]["fp"], b["detection"]["overall"]["precision"]) == (0, None)
    overall = result["runs"]["with_published"]
    assert overall["documents"] == result["documents"] == 3
    # micro: b's match counts for recall, not precision; its meeting is not a false positive
    assert {k: overall["detection"]["overall"][k] for k in ("tp", "fp", "fn", "precision")} == {
        "tp": 3,
        "fp": 2,
        "fn": 0,
        "precision": 0.5,
    }
    assert result["load_errors"] == []
    assert row(text, "a.jsonl")[:9] == ["a.jsonl", "2", "2", "4", "2", "2", "0", "0.500", "1.000"]
    assert row(text, "b.jsonl")[:9] == ["b.jsonl", "1", "1", "2", "1", "0", "0", "–", "1.000"]
    assert row(text, "overall")[:9] == ["overall", "3", "3", "6", "3", "2", "0", "0.500", "1.000"]
    assert text.count("Per gold file") == 2  # with and without publication dates


def test_a_broken_file_is_named_and_the_others_are_scored(folder: Path, tmp_path: Path) -> None:
    broken = folder / "c.jsonl"
    broken.write_text('{"text": "x", "events": 3}\n' + "not json\n", "utf-8")
    out = tmp_path / "out.json"
    result, text = run(folder, json_out=out, floors=[{"detection_recall": 0.9}])
    assert result["load_errors"] == [
        {"gold": str(broken), "origin": f"{broken}:1", "reason": "'events' must be a list"},
        {"gold": str(broken), "origin": f"{broken}:2",
         "reason": "not valid JSON (Expecting value)"},
    ]
    assert "c.jsonl:1" in result["files"][str(broken)]["error"]
    assert result["documents"] == 3  # a and b, still scored
    assert result["runs"]["with_published"]["detection"]["overall"]["tp"] == 3
    assert row(text, "c.jsonl")[1] == "not loaded"
    assert result["failures"] == []  # floors apply to the overall of what loaded
    assert json.loads(out.read_text("utf-8")) == result


def test_a_broken_line_is_named_and_the_rest_of_its_file_is_scored(folder: Path) -> None:
    # one bad record (a converted set's "1989-11-31") must not hide a thousand good ones
    mixed = folder / "c.jsonl"
    mixed.write_text(json.dumps(doc("c1")) + "\n" + '{"text": "x", "events": 3}\n', "utf-8")
    result, text = run(folder)
    assert result["load_errors"] == [
        {"gold": str(mixed), "origin": f"{mixed}:2", "reason": "'events' must be a list"}
    ]
    assert result["files"][str(mixed)]["documents"] == 1
    assert result["files"][str(mixed)]["skipped"] == [f"{mixed}:2: 'events' must be a list"]
    assert result["documents"] == 4
    assert result["runs"]["with_published"]["detection"]["overall"]["tp"] == 4
    assert row(text, "c.jsonl (1 line skipped)")[1] == "1"


def test_a_broken_line_of_a_single_file_is_named_and_the_rest_scored(tmp_path: Path) -> None:
    gold = tmp_path / "one.jsonl"
    gold.write_text(json.dumps(doc("x1")) + "\n" + '{"text": "x"}\n', "utf-8")
    result, _ = run(gold)
    assert result["documents"] == 1
    assert [e["origin"] for e in result["load_errors"]] == [f"{gold}:2"]


def test_several_files_and_linking_ids_kept_per_file(tmp_path: Path) -> None:
    one = write_gold(tmp_path, [doc("x", events=[{**ATTACK_GOLD, "incident": "i"}])], "1.jsonl")
    two = write_gold(tmp_path, [doc("y", events=[{**ATTACK_GOLD, "incident": "i"}])], "2.jsonl")
    result, _ = run([one, two])
    assert list(result["files"]) == [str(one), str(two)]
    linking = result["runs"]["with_published"]["linking"]
    assert (linking["placed"], linking["gold_incidents"]) == (2, 2)  # same id, other file


def test_a_single_file_keeps_its_json_layout(folder: Path) -> None:
    result, text = run(folder / "a.jsonl")
    assert set(result) == {"gold", "documents", "runs", "failures"}
    assert result["gold"] == str(folder / "a.jsonl")
    assert "Per gold file" not in text


def test_a_folder_without_gold_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(GoldError, match=r"no \.jsonl"):
        run(tmp_path)

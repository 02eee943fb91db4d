"""The quality gate refuses a lowered floor unless the same change states why."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _floors() -> ModuleType:
    spec = importlib.util.spec_from_file_location("floors", ROOT / ".ci" / "floors.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _file(f1: float, lowered: str | None = None) -> dict:
    entry = {"name": "agnews", "gold": "x.jsonl", "metrics": {"detection.overall.f1": f1}}
    if lowered is not None:
        entry["lowered"] = lowered
    return {"floors": [entry]}


def test_a_raised_or_kept_floor_passes() -> None:
    floors = _floors()
    assert floors.lowered(_file(0.6), _file(0.6)) == []
    assert floors.lowered(_file(0.6), _file(0.7)) == []


def test_a_lowered_floor_needs_a_reason_of_its_own() -> None:
    floors = _floors()
    assert floors.lowered(_file(0.6), _file(0.5))
    # the reason given for an earlier lowering does not cover a new one
    assert floors.lowered(_file(0.6, "new test set"), _file(0.5, "new test set"))
    assert floors.lowered(_file(0.6), _file(0.5, "gold recoded: 12 events dropped")) == []


def test_a_dropped_set_or_metric_counts_as_lowered() -> None:
    floors = _floors()
    assert floors.lowered(_file(0.6), {"floors": []})
    no_metric = {"floors": [{"name": "agnews", "gold": "x.jsonl", "metrics": {}}]}
    assert floors.lowered(_file(0.6), no_metric)


def test_the_committed_floors_name_existing_gold_and_metrics() -> None:
    data = yaml.safe_load((ROOT / ".ci" / "floors.yaml").read_text("utf-8"))
    assert data["floors"]
    for entry in data["floors"]:
        assert entry["metrics"] and all(0 <= float(v) <= 1 for v in entry["metrics"].values())
        assert "/" in entry["gold"]

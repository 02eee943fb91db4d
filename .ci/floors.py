"""The quality gate of .ci/floors.yaml: figures under their floors fail CI, and a floor may
not be lowered without a reason.

    python .ci/floors.py check [--out DIR]      # run marsad eval on each set, compare
    python .ci/floors.py unchanged-or-reasoned   # compare the floors with the previous commit
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from itertools import pairwise
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
FLOORS = ROOT / ".ci" / "floors.yaml"


def _figure(report: dict[str, Any], path: str) -> float | None:
    node: Any = report["runs"]["with_published"]
    for key in path.split("."):
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return float(node) if isinstance(node, int | float) else None


def _gold_for(entry: dict[str, Any], tmp: Path) -> Path:
    gold = (ROOT / entry["gold"]).resolve()
    if "first" not in entry:
        return gold
    lines = gold.read_text("utf-8").splitlines()[: int(entry["first"])]
    sliced = tmp / f"{entry['name']}.jsonl"
    sliced.write_text("\n".join(lines) + "\n", "utf-8")
    return sliced


def check(out: Path) -> int:
    floors = yaml.safe_load(FLOORS.read_text("utf-8"))["floors"]
    out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for entry in floors:
            gold = _gold_for(entry, Path(tmp))
            result = out / f"{entry['name']}.json"
            run = subprocess.run(
                [str(ROOT / ".venv" / "bin" / "marsad"), "eval", "--gold", str(gold),
                 "--json", str(result), *map(str, entry.get("options", []))],
                env=env, capture_output=True, text=True, check=False,
            )
            if run.returncode != 0 or not result.exists():
                print(f"FAIL {entry['name']}: marsad eval exited {run.returncode}\n"
                      f"{run.stderr[-2000:]}")
                failed += 1
                continue
            report = json.loads(result.read_text("utf-8"))
            for metric, floor in entry["metrics"].items():
                got = _figure(report, metric)
                ok = got is not None and got + 1e-9 >= float(floor)
                failed += not ok
                print(f"{'ok  ' if ok else 'FAIL'} {entry['name']:18s} {metric:32s} "
                      f"{got if got is not None else 'missing'} (floor {floor})")
    return 1 if failed else 0


def lowered(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """The floors of `new` lower than in `old` (or dropped) whose entry gives no reason."""
    before = {e["name"]: e for e in old.get("floors", [])}
    problems = []
    for name, entry in before.items():
        now = next((e for e in new.get("floors", []) if e["name"] == name), None)
        if now is None:
            problems.append(f"{name}: the set was removed")
            continue
        reason = str(now.get("lowered") or "").strip()
        for metric, floor in entry["metrics"].items():
            got = now["metrics"].get(metric)
            if (got is None or float(got) < float(floor)) and (
                not reason or reason == str(entry.get("lowered") or "").strip()
            ):
                problems.append(f"{name} {metric}: {floor} -> {got} with no new `lowered:` "
                                "reason")
    return problems


def _versions() -> list[tuple[str, dict[str, Any]]]:
    """Every committed version of the floors file, oldest first: (commit, content)."""
    rel = str(FLOORS.relative_to(ROOT))
    log = subprocess.run(["git", "log", "--reverse", "--format=%H", "--", rel], cwd=ROOT,
                         capture_output=True, text=True, check=False)
    out = []
    for commit in log.stdout.split():
        shown = subprocess.run(["git", "show", f"{commit}:{rel}"], cwd=ROOT,
                               capture_output=True, text=True, check=False)
        if shown.returncode == 0:
            out.append((commit, yaml.safe_load(shown.stdout) or {}))
    return out


def unchanged_or_reasoned() -> int:
    """Each commit that changed the floors lowered none without a reason of its own; the
    working copy is compared with the last commit too."""
    versions = _versions()
    versions.append(("working copy", yaml.safe_load(FLOORS.read_text("utf-8"))))
    failed = 0
    for (_, old), (commit, new) in pairwise(versions):
        for problem in lowered(old, new):
            print(f"FAIL {commit[:12]}: {problem}")
            failed += 1
    print(f"{len(versions) - 1} change(s) of the floors checked")
    return 1 if failed else 0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("command", choices=["check", "unchanged-or-reasoned"])
    ap.add_argument("--out", type=Path, default=ROOT / "test-output" / "floors")
    args = ap.parse_args()
    return check(args.out) if args.command == "check" else unchanged_or_reasoned()


if __name__ == "__main__":
    sys.exit(main())

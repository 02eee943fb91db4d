"""`marsad run` over the red-team's hostile folder (bench/hostile_corpus.py --small): every
bad input is reported by name and skipped, the good ones are stored, the store is sound and
the ACLED export holds no formula."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_hostile_folder_is_handled_input_by_input(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "hostile_corpus.py"), "--small",
         "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=900,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("store check: sound; formula cells in the ACLED export: 0")
    handled, total = last.rsplit(" ", 1)[-1].split("/")
    assert handled == total and int(total) >= 16
    assert "error: " + str(tmp_path / "corpus" / "loop-a") in result.stdout

"""kill -9 in the middle of `marsad run` leaves a sound store, and a rerun completes to the
clean run's result. A short version of bench/crash_harness.py (which runs 30 kills)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_kills_during_run_leave_a_sound_store_and_reruns_complete(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "crash_harness.py"), "--articles", "16",
         "--copies", "3", "--kills", "3", "--seed", "7", "--workdir", str(tmp_path), "--json"],
        capture_output=True, text=True, timeout=900,
    )
    last_line = result.stdout.strip().splitlines()[-1]
    assert last_line.startswith("{"), result.stdout + result.stderr
    summary = json.loads(last_line)
    assert summary["clean_events"] > 10
    assert summary["failures"] == [], result.stdout
    assert summary["survived"] == summary["kills"] == 3
    assert result.returncode == 0

"""The same text gives the same events whatever Python's hash seed: linking, reruns and
tests depend on it. (Equally long trigger matches used to be kept in a set's order, so "The
bombing of the ... cafeteria" read as aerial under one seed and explosives under another.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys

SENTENCES = [
    "The bombing of the Verdan cafeteria killed 13 people and injured 40.",
    "Twin bomb attacks struck the market of Lorsk, killing one person.",
    "A car bomb exploded outside an air base near Rustavi on Monday, killing 13.",
    "Militants detonated a roadside bomb near a convoy in Tarnow, wounding three soldiers.",
    "Gunmen shelled a village near Orvan and abducted two farmers.",
]

SCRIPT = """
import json, sys
from datetime import date
from marsad.stages import events
out = [[e.kind, e.category, e.mode, e.evidence.start, e.evidence.end,
        e.where.name if e.where else None, e.killed.value if e.killed else None,
        [a.actor_id or a.text for a in e.actors]]
       for text in json.loads(sys.argv[1]) for e in events(text, date(2020, 1, 1))]
print(json.dumps(out))
"""


def events_under(seed: int) -> list[object]:
    env = {**os.environ, "PYTHONHASHSEED": str(seed)}
    run = subprocess.run([sys.executable, "-c", SCRIPT, json.dumps(SENTENCES)], env=env,
                         capture_output=True, text=True, check=True)
    return json.loads(run.stdout.strip().splitlines()[-1])


def test_two_hash_seeds_give_identical_events() -> None:
    first = events_under(1)
    assert first, "the sentences report events"
    assert events_under(6) == first
    assert first[0][:3] == ["incident", "ASSAULT", "explosives"]  # a bombing of a building


def test_the_example_corpus_gives_identical_stores_under_two_seeds(tmp_path) -> None:
    """Every field of every event (and its incident) of `marsad run` on the bundled corpus."""
    from dataclasses import asdict
    from pathlib import Path

    from marsad.store import Store

    corpus = Path(__file__).resolve().parents[2] / "examples" / "corpus"
    stored = []
    for seed in (1, 6):
        db = tmp_path / f"seed-{seed}.db"
        subprocess.run([sys.executable, "-m", "marsad", "run", str(corpus), "--db",
                        f"sqlite:///{db}", "-q"], env={**os.environ, "PYTHONHASHSEED": str(seed)},
                       capture_output=True, check=True)
        with Store.open(f"sqlite:///{db}") as store:
            stored.append(sorted(
                json.dumps([row.document_id, asdict(row.event),
                            row.incident.id if row.incident else None], default=str)
                for row in store.iter_events()
            ))
    assert len(stored[0]) > 10
    assert stored[0] == stored[1]

"""Building gold files and hand-made Events for the evaluation tests."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from marsad.evaluate import GoldDocument, GoldEvent, Predictor, load_gold
from marsad.evaluate.fields import NUMBER_ATTRS
from marsad.types import ActorRef, Attribution, Event, PlaceRef, Quantity, Span, Stance, When

SHARED = Path("/work/shared")
SEED = SHARED / "gold" / "seed.jsonl"
DEV = SHARED / "gold" / "dev" / "acled-2022h1-outside-middle-east.jsonl"


def write_gold(folder: Path, docs: Sequence[dict[str, Any]], name: str = "gold.jsonl") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return path


def one_doc(tmp_path: Path, text: str, *events: dict[str, Any], **doc: Any) -> GoldDocument:
    """Write one gold document and load it back."""
    line = {"text": text, "published": None, "events": list(events), **doc}
    (loaded,) = load_gold(write_gold(tmp_path, [line]))
    return loaded


def gold_event(
    tmp_path: Path, text: str = "Rockets hit Baghdad.", **keys: Any
) -> tuple[GoldDocument, GoldEvent]:
    """One gold event (kind incident, evidence the whole text unless given) and its doc."""
    event = {"kind": "incident", "evidence": text.strip(), **keys}
    doc = one_doc(tmp_path, text, event)
    return doc, doc.events[0]


def span(text: str, sub: str) -> Span:
    at = text.index(sub)
    return Span(at, at + len(sub), sub)


def event(text: str, evidence: str, kind: str = "incident", **fields: Any) -> Event:
    fields.setdefault("category", "ASSAULT")
    return Event(kind=kind, evidence=span(text, evidence), **fields)  # type: ignore[arg-type]


def oracle_event(gold: GoldEvent) -> Event:
    """The Event a perfect extractor would return for `gold`."""
    start, end = gold.evidence_span
    when = None
    if gold.date is not None:
        end_day = gold.date.end if gold.date.precision == "range" else None
        when = When(gold.date.start, end_day, gold.date.precision)  # type: ignore[arg-type]
    where = None
    if gold.where is not None:
        w = gold.where
        where = PlaceRef(w.name or "", None, w.name, w.lat, w.lon, w.admin1, w.country, w.precision)  # type: ignore[arg-type]
    numbers = {
        NUMBER_ATTRS[key]: Quantity(n.value, n.qualifier)  # type: ignore[arg-type]
        for key, n in gold.numbers.items()
    }
    return Event(
        kind=gold.kind,  # type: ignore[arg-type]
        category=gold.plover or "",
        evidence=Span(start, end, gold.evidence),
        mode=gold.mode,
        acled_type=gold.acled[0] if gold.acled else None,
        acled_subtype=gold.acled[1] if gold.acled else None,
        actors=(ActorRef(gold.actor1[0]),) if gold.actor1 else (),
        recipients=(ActorRef(gold.actor2[0]),) if gold.actor2 else (),
        where=where,
        when=when,
        said_by=Attribution(ActorRef(gold.said_by[0])) if gold.said_by else None,
        stance=Stance(gold.stance.issue, gold.stance.position)  # type: ignore[arg-type]
        if gold.stance
        else None,
        **numbers,
    )


def oracle(gold: Sequence[GoldDocument]) -> Predictor:
    """A predictor that returns the gold itself, looked up by text."""
    by_text: dict[str, GoldDocument] = {}
    for doc in gold:
        by_text.setdefault(doc.text, doc)

    def predict(text: str, published: date | None) -> list[Event]:
        return [oracle_event(g) for g in by_text[text].events]

    return predict


def no_events(text: str, published: date | None) -> list[Event]:
    return []

"""Reading gold files (docs/GOLD.md) into typed, validated documents.

Every check a scorer relies on happens here, so a malformed gold line fails loudly with
its file and line number instead of silently scoring as a miss.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from marsad.errors import InputError
from marsad.evaluate.sentences import sentence_around, sentence_spans

KINDS = ("incident", "aggregate", "statement")
DATE_PRECISIONS = ("time", "day", "week", "month", "year", "range")
# Finest first. GOLD.md lists admin2; MUC-3/4 also gives admin3 (a municipio's subdivision),
# which is scored as admin2 is: finer than admin1.
PLACE_PRECISIONS = ("facility", "neighbourhood", "city", "admin3", "admin2", "admin1", "country")
AREA_PRECISIONS = frozenset({"admin1", "country"})  # scored by code or name, never by distance
QUALIFIERS = ("exact", "more_than", "about", "at_most")
NUMBERS = ("fatalities", "injured", "casualties", "count")


class GoldError(InputError):
    """A gold line that cannot be scored; `origin` is "file:line"."""


@dataclass(frozen=True, slots=True)
class GoldDate:
    start: date
    end: date | None
    precision: str


@dataclass(frozen=True, slots=True)
class GoldPlace:
    name: str | None
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    precision: str | None  # None: the source does not say

    @property
    def has_point(self) -> bool:
        """Scored by distance (and counted in Acc@161): finer than admin1, or of unknown
        precision, with coordinates. Without them, such a place is scored by name."""
        return (
            self.precision not in AREA_PRECISIONS and self.lat is not None and self.lon is not None
        )


@dataclass(frozen=True, slots=True)
class GoldNumber:
    value: int
    qualifier: str = "exact"


@dataclass(frozen=True, slots=True)
class GoldStance:
    issue: str
    position: str


@dataclass(frozen=True, slots=True)
class GoldEvent:
    id: str
    kind: str
    evidence: str
    evidence_span: tuple[int, int]  # first occurrence of `evidence` in the text
    sentence: tuple[int, int]  # the sentence(s) holding the evidence: what predictions overlap
    given: frozenset[str]  # keys present in the line, null or not; a missing key is not scored
    plover: str | None = None
    mode: str | None = None
    acled: tuple[str, str] | None = None
    actor1: tuple[str, ...] | None = None
    actor2: tuple[str, ...] | None = None
    date: GoldDate | None = None
    where: GoldPlace | None = None
    numbers: Mapping[str, GoldNumber] = field(default_factory=dict)  # only those the text gives
    said_by: tuple[str, ...] | None = None
    stance: GoldStance | None = None
    incident: str | None = None  # the real-world occurrence, for cross-source linking


@dataclass(frozen=True, slots=True)
class GoldDocument:
    id: str
    origin: str  # "file:line"
    text: str
    published: date | None
    events: tuple[GoldEvent, ...]
    score_numbers: tuple[str, ...] = NUMBERS  # which numbers are scored in this document
    # GOLD.md "Matching": True, every event is annotated; False, recall and fields only;
    # categories: only unmatched predictions of these are false positives
    exhaustive: bool | tuple[str, ...] = True
    source: str | None = None
    lang: str | None = None


def load_gold(path: Path) -> list[GoldDocument]:
    """Read a gold .jsonl file, or every *.jsonl directly inside a directory (sorted by name)."""
    return [doc for file in gold_files(Path(path)) for doc in load_gold_file(file)]


def gold_files(path: Path) -> list[Path]:
    """The gold files `path` names: itself, or a directory's *.jsonl sorted by name.

    The directory is not searched recursively, so `gold/` and `gold/dev/` stay separate sets.
    """
    if path.is_dir():
        files = sorted(path.glob("*.jsonl"))
        if not files:
            raise GoldError(str(path), "no .jsonl gold files in this directory")
        return files
    if path.is_file():
        return [path]
    raise GoldError(str(path), "no such gold file or directory")


def load_gold_file(file: Path) -> list[GoldDocument]:
    """Read one gold .jsonl file; the first bad line raises a GoldError naming it."""
    docs, errors = read_gold_file(file)
    if errors:
        raise errors[0]
    return docs


def read_gold_file(file: Path) -> tuple[list[GoldDocument], list[GoldError]]:
    """Read one gold .jsonl file, every good line: its documents, and a GoldError naming the
    line of each bad one ("muc34_dev.jsonl:708: date '1989-11-31' ..."), so that one broken
    record does not keep the rest of a set from being scored."""
    docs: list[GoldDocument] = []
    errors: list[GoldError] = []
    with file.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            origin = f"{file}:{number}"
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as exc:
                errors.append(GoldError(origin, f"not valid JSON ({exc.msg})"))
                continue
            try:
                docs.append(_document(raw, file, origin))
            except _Invalid as exc:
                errors.append(GoldError(origin, str(exc)))
    return docs, errors


class _Invalid(ValueError):
    """Raised by the parsers below; turned into a GoldError that names file and line."""


def _document(raw: Any, file: Path, origin: str) -> GoldDocument:
    if not isinstance(raw, dict):
        raise _Invalid("a gold line must be a JSON object")
    if ("doc" in raw) == ("text" in raw):
        raise _Invalid("give exactly one of 'doc' (a path) and 'text'")
    text = _read_doc(raw["doc"], file) if "doc" in raw else _str(raw["text"], "text")
    events_raw = raw.get("events")
    if not isinstance(events_raw, list):
        raise _Invalid("'events' must be a list")
    sentences = sentence_spans(text)
    events = tuple(_event(e, i, text, sentences) for i, e in enumerate(events_raw, start=1))
    score_numbers = raw.get("score_numbers", NUMBERS)
    if not isinstance(score_numbers, list | tuple) or not all(
        isinstance(n, str) and n in NUMBERS for n in score_numbers
    ):
        raise _Invalid(f"'score_numbers' must be a list drawn from {list(NUMBERS)}")
    return GoldDocument(
        id=str(raw.get("id") or raw.get("doc") or origin),
        origin=origin,
        text=text,
        published=_opt_day(raw.get("published"), "published"),
        events=events,
        score_numbers=tuple(score_numbers),
        exhaustive=_exhaustive(raw.get("exhaustive", True)),
        source=raw.get("source"),
        lang=raw.get("lang"),
    )


def _exhaustive(value: Any) -> bool | tuple[str, ...]:
    if isinstance(value, bool):
        return value
    if isinstance(value, list) and all(isinstance(c, str) and c for c in value):
        return tuple(value)
    raise _Invalid("'exhaustive' must be true, false or a list of PLOVER categories")


def _read_doc(relative: Any, file: Path) -> str:
    """GOLD.md: `doc` is relative to shared/, the gold folder's parent. Gold files may sit
    deeper (gold/dev/x.jsonl), so walk up from the gold file until the path resolves."""
    relative = _str(relative, "doc")
    for folder in file.resolve().parents:
        candidate = folder / relative
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    raise _Invalid(f"doc {relative!r} not found under any parent folder of the gold file")


def _event(raw: Any, index: int, text: str, sentences: list[tuple[int, int]]) -> GoldEvent:
    if not isinstance(raw, dict):
        raise _Invalid(f"event {index} is not an object")
    name = str(raw.get("id") or f"e{index}")
    try:
        return _parse_event(raw, name, text, sentences)
    except _Invalid as exc:
        raise _Invalid(f"event {name!r}: {exc}") from None


def _parse_event(
    raw: dict[str, Any], name: str, text: str, sentences: list[tuple[int, int]]
) -> GoldEvent:
    kind = raw.get("kind")
    if kind not in KINDS:
        raise _Invalid(f"'kind' must be one of {list(KINDS)}, not {kind!r}")
    evidence = _str(raw.get("evidence"), "evidence")
    at = text.find(evidence)
    if at < 0 or not evidence.strip():
        raise _Invalid(f"evidence is not a substring of the text: {evidence[:60]!r}")
    span = (at, at + len(evidence))
    acled = raw.get("acled")
    if acled is not None and not (
        isinstance(acled, list) and len(acled) == 2 and all(isinstance(a, str) for a in acled)
    ):
        raise _Invalid("'acled' must be [event_type, sub_event_type]")
    return GoldEvent(
        id=name,
        kind=kind,
        evidence=evidence,
        evidence_span=span,
        sentence=sentence_around(sentences, *span),
        given=frozenset(raw),
        plover=_opt_str(raw.get("plover"), "plover"),
        mode=_opt_str(raw.get("mode"), "mode"),
        acled=(acled[0], acled[1]) if acled else None,
        actor1=_names(raw.get("actor1"), "actor1"),
        actor2=_names(raw.get("actor2"), "actor2"),
        date=_date(raw) if raw.get("date") is not None else None,
        where=_place(raw["where"]) if raw.get("where") is not None else None,
        numbers=_numbers(raw),
        said_by=_names(raw.get("said_by"), "said_by"),
        stance=_stance(raw["stance"]) if raw.get("stance") is not None else None,
        incident=_incident(raw.get("incident")),
    )


def _incident(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int) or value == "":
        raise _Invalid("'incident' must be a non-empty string (or an integer) id")
    return str(value)


def _date(raw: dict[str, Any]) -> GoldDate:
    start = _day(raw["date"], "date")
    precision = raw.get("date_precision") or "day"
    if precision not in DATE_PRECISIONS:
        raise _Invalid(f"'date_precision' must be one of {list(DATE_PRECISIONS)}")
    end = _opt_day(raw.get("date_end"), "date_end")
    if precision == "range" and (end is None or end < start):
        raise _Invalid("a 'range' date needs a 'date_end' on or after 'date'")
    return GoldDate(start, end, precision)


def _place(raw: Any) -> GoldPlace:
    if not isinstance(raw, dict):
        raise _Invalid("'where' must be an object")
    precision = raw.get("precision")
    if precision is not None and precision not in PLACE_PRECISIONS:
        raise _Invalid(f"'where.precision' must be one of {list(PLACE_PRECISIONS)} or absent")
    lat, lon = raw.get("lat"), raw.get("lon")
    for value, key in ((lat, "lat"), (lon, "lon")):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            raise _Invalid(f"'where.{key}' must be a number")
    if (lat is None) != (lon is None):
        raise _Invalid("'where' gives 'lat' and 'lon' together or neither")
    name = _opt_str(raw.get("name"), "where.name")
    admin1 = _opt_str(raw.get("admin1"), "where.admin1")
    if precision == "admin1" and not admin1:
        admin1 = name  # converted sets name an admin1 unit only in `name` ("ANTIOQUIA")
    place = GoldPlace(
        name=name,
        country=_opt_str(raw.get("country"), "where.country"),
        admin1=admin1,
        lat=lat,
        lon=lon,
        precision=precision,
    )
    # Each precision is scored on one part of the place: that part must be there.
    if precision == "country" and not place.country:
        raise _Invalid("'where' at country precision needs 'country'")
    if precision == "admin1" and not place.admin1:
        raise _Invalid("'where' at admin1 precision needs 'admin1' (or a 'name')")
    if precision not in AREA_PRECISIONS and not place.has_point and not place.name:
        shown = f"{precision} precision" if precision else "no precision"
        raise _Invalid(f"'where' at {shown} needs 'lat' and 'lon', or a 'name'")
    return place


def _numbers(raw: dict[str, Any]) -> dict[str, GoldNumber]:
    numbers: dict[str, GoldNumber] = {}
    for key in NUMBERS:
        value = raw.get(key)
        if value is None:  # absent or null: the text does not give it
            continue
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise _Invalid(f"'{key}' must be a non-negative integer")
        qualifier = raw.get(f"{key}_qualifier") or "exact"
        if qualifier not in QUALIFIERS:
            raise _Invalid(f"'{key}_qualifier' must be one of {list(QUALIFIERS)}")
        numbers[key] = GoldNumber(value, qualifier)
    return numbers


def _stance(raw: Any) -> GoldStance:
    if not isinstance(raw, dict) or raw.get("position") not in ("for", "against"):
        raise _Invalid("'stance' must be {issue, position} with position 'for' or 'against'")
    return GoldStance(_str(raw.get("issue"), "stance.issue"), raw["position"])


def _names(value: Any, key: str) -> tuple[str, ...] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise _Invalid(f"'{key}' must be a non-empty list of names, or null")
    return tuple(value)


def _opt_day(value: Any, key: str) -> date | None:
    return None if value is None else _day(value, key)


def _day(value: Any, key: str) -> date:
    if not isinstance(value, str):
        raise _Invalid(f"'{key}' must be an ISO date")
    try:
        return datetime.fromisoformat(value).date() if "T" in value else date.fromisoformat(value)
    except ValueError:
        raise _Invalid(f"'{key}' is not an ISO date: {value!r}") from None


def _str(value: Any, key: str) -> str:
    if not isinstance(value, str):
        raise _Invalid(f"'{key}' must be a string")
    return value


def _opt_str(value: Any, key: str) -> str | None:
    return None if value is None else _str(value, key)

"""What the linker knows of one event: its signature, built once from the Event and its
document, compared pairwise (marsad.link.compare) and indexed (marsad.link.blocking)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from functools import cache
from typing import Any

from marsad.datafiles import DataFileError, load_data
from marsad.gazetteer.index import default_gazetteer
from marsad.link.settings import LinkSettings
from marsad.link.terms import term_weights, text_weights
from marsad.packs import load_pack
from marsad.types import ActorRef, Event, Quantity


@dataclass(frozen=True, slots=True)
class LinkDocument:
    """The document side of linking: who published what, when. `id` is the store's document
    id (or a gold file's), `source` the outlet."""

    id: str
    text: str = ""
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: date | None = None
    lang: str | None = None  # ISO 639-1: whose weekday names to read


@dataclass(frozen=True, slots=True)
class Window:
    """Days (date ordinals) an event may have happened on. `hard`: the text dates it;
    otherwise it is only bounded by the publication date."""

    lo: int
    hi: int
    hard: bool


@dataclass(frozen=True, slots=True)
class LinkEvent:
    key: str  # stable across re-processing: the document, the evidence span, kind, category
    document: str
    ordinal: int  # position in the document's event list
    kind: str
    category: str
    mode: str | None
    window: Window | None
    lat: float | None
    lon: float | None
    precision: str | None
    country: str | None
    admin1: str | None
    place_name: str | None
    actors: frozenset[str]  # registry ids
    recipients: frozenset[str]
    killed: int | None
    injured: int | None
    killed_qualifier: str | None = None
    injured_qualifier: str | None = None
    terms: Mapping[str, float] = field(default_factory=dict)  # rare word -> weight
    refers_to: str | None = None  # key of the event of the same document it refers back to
    weekday: int | None = None  # 0 = Monday: the day of the week an undated report names
    source: str | None = None
    evidence: str = ""


def to_json(event: LinkEvent) -> dict[str, Any]:
    """The signature as stored (link_nodes.signature)."""
    # Field by field, not dataclasses.asdict, which deep-copies every value (each save
    # writes ten signatures). Every value is a scalar but these four.
    raw = {name: getattr(event, name) for name in _FIELDS}
    raw["window"] = (None if event.window is None else
                     {"lo": event.window.lo, "hi": event.window.hi, "hard": event.window.hard})
    raw["actors"], raw["recipients"] = sorted(event.actors), sorted(event.recipients)
    raw["terms"] = dict(event.terms)
    return raw


_FIELDS = tuple(f.name for f in fields(LinkEvent))


def from_json(raw: Mapping[str, Any]) -> LinkEvent:
    values = dict(raw)
    window = values.get("window")
    values["window"] = Window(**window) if window else None
    values["actors"] = frozenset(values.get("actors") or ())
    values["recipients"] = frozenset(values.get("recipients") or ())
    return LinkEvent(**values)


def event_key(document_id: str, event: Event) -> str:
    """A key that survives re-extraction as long as the event is read from the same words:
    analysts' decisions and incident ids hang on it."""
    raw = (f"{document_id}\x1f{event.evidence.start}\x1f{event.evidence.end}\x1f{event.kind}"
           f"\x1f{event.category}")
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:20]


def event_keys(document_id: str, events: Sequence[Event]) -> list[str]:
    """Each event's key; two events read from the same words with the same category (two
    acts of one clause) are told apart by their order."""
    keys: list[str] = []
    seen: dict[str, int] = {}
    for event in events:
        base = event_key(document_id, event)
        n = seen.get(base, 0)
        seen[base] = n + 1
        keys.append(base if n == 0 else f"{base}.{n}")
    return keys


def _actor_ids(refs: Sequence[ActorRef]) -> frozenset[str]:
    """Registry ids only (proposed ones too), and no generic type's: two reports' "people"
    or "militants" say nothing about whether they tell one act."""
    generic = _generic_ids()
    return frozenset(ref.actor_id for ref in refs if ref.actor_id and ref.actor_id not in generic)


@cache
def _generic_ids() -> frozenset[str]:
    """The built-in pack's generic types ("unidentified-armed-group", "security-forces")."""
    return frozenset(a.id for a in load_pack().actors if a.generic)


def _value(q: Quantity | None) -> int | None:
    return q.value if q is not None else None


def window_of(event: Event, published: date | None, settings: LinkSettings) -> Window | None:
    when = event.when
    if when is not None and when.start is not None:
        end = when.end or when.start
        return Window(when.start.toordinal(), max(end, when.start).toordinal(), True)
    if published is not None:
        lo = published - timedelta(days=settings.published_window_days)
        return Window(lo.toordinal(), published.toordinal(), False)
    return None


@cache
def _weekday_names(lang: str) -> dict[str, int]:
    try:
        return {str(k).casefold(): int(v)
                for k, v in load_data(f"lang/{lang}/time_words.yaml")["weekdays"].items()}
    except DataFileError:
        return {}


_WORDS = re.compile(r"[^\W\d_]+", re.UNICODE)


def weekday_named(text: str, lang: str | None) -> int | None:
    """The first weekday the sentence names ("on Monday"): wire copy dates an act by its
    weekday, so two undated reports that name different weekdays tell different acts."""
    names = _weekday_names(lang or "en")
    return next((names[w.casefold()] for w in _WORDS.findall(text) if w.casefold() in names),
                None)


def signatures(doc: LinkDocument, events: Sequence[Event],
               settings: LinkSettings) -> list[LinkEvent]:
    """The signatures of one document's events, in order."""
    keys = event_keys(doc.id, events)
    demonym = default_gazetteer().demonym
    lead = text_weights((doc.title + "\n" if doc.title else "") + doc.text[:settings.lead_chars],
                        settings, demonym)
    out = []
    for n, (key, event) in enumerate(zip(keys, events, strict=True)):
        where = event.where
        refers = event.refers_to
        out.append(LinkEvent(
            key=key, document=doc.id, ordinal=n, kind=event.kind, category=event.category,
            mode=event.mode, window=window_of(event, doc.published, settings),
            lat=where.lat if where else None, lon=where.lon if where else None,
            precision=where.precision if where else None,
            country=where.country if where else None,
            admin1=where.admin1 if where else None,
            place_name=where.name if where else None,
            actors=_actor_ids(event.actors), recipients=_actor_ids(event.recipients),
            killed=_value(event.killed), injured=_value(event.injured),
            killed_qualifier=event.killed.qualifier if event.killed else None,
            injured_qualifier=event.injured.qualifier if event.injured else None,
            terms=term_weights(event.evidence.text, lead, settings, demonym),
            refers_to=keys[refers] if refers is not None and 0 <= refers < len(keys) else None,
            source=doc.source, evidence=event.evidence.text,
            weekday=weekday_named(event.evidence.text, doc.lang)
            if not (event.when and event.when.start) else None,
        ))
    return out

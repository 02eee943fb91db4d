"""The values that flow between marsad's stages.

Every stage takes and returns these frozen dataclasses, so a stage can be swapped
(another reader, another NLP backend) without touching the others.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

RawFormat = Literal["text", "html", "json", "jsonl", "rss", "warc", "url"]
DateSource = Literal["metadata", "text", "given", "unknown"]

EventKind = Literal["incident", "aggregate", "statement"]
Precision = Literal["facility", "neighbourhood", "city", "admin1", "country"]
DatePrecision = Literal["time", "day", "week", "month", "range", "year"]
Qualifier = Literal["exact", "more_than", "about", "at_most"]
Factuality = Literal["asserted", "claimed", "denied", "future", "hypothetical", "negated"]


_NON_WORD = re.compile(r"[\W_]+")


def normalise_text(text: str) -> str:
    """The form two copies of one article share: NFKC, case-folded, words only.

    Quote styles, dashes and line breaks differ between an HTML page, its feed entry and a
    scraped text file of the same article, so only the words and their order count.
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_NON_WORD.sub(" ", folded).split())


def content_hash(text: str) -> str:
    """SHA-256 of the normalised text: the key that makes ingest idempotent."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Document:
    """One article, cleaned, as every reader yields it."""

    id: str  # stable: derived from the content hash, so re-ingest finds the same id
    url: str | None
    source: str | None  # site or outlet name ("Shafaq News")
    title: str | None
    published: date | None
    lang: str | None  # ISO 639-1 ("en", "ar"), None when undetectable
    text: str  # the body text, cleaned, NFC
    raw_format: RawFormat
    fetched_at: datetime
    content_hash: str
    origin: str  # where it was read from: a path, "path#entry-3", a URL
    published_from: DateSource = "unknown"

    @staticmethod
    def make_id(hash_hex: str) -> str:
        return f"doc-{hash_hex[:16]}"


# --- the event record (see DESIGN.md "What one record must hold") ---------------------


@dataclass(frozen=True, slots=True)
class Span:
    """Character offsets into Document.text, and the text they cover."""

    start: int
    end: int
    text: str


# Id prefix of a named actor no pack knows, kept for review ("proposed:ahrar-iraq-brigades").
PROPOSED_PREFIX = "proposed:"


@dataclass(frozen=True, slots=True)
class ActorRef:
    text: str  # the surface form in the article
    actor_id: str | None = None  # registry id once resolved (PROPOSED_PREFIX: not in a pack)
    name: str | None = None  # canonical name
    sector: str | None = None
    country: str | None = None  # ISO 3166 alpha-2

    @property
    def proposed(self) -> bool:
        return self.actor_id is not None and self.actor_id.startswith(PROPOSED_PREFIX)


@dataclass(frozen=True, slots=True)
class PlaceRef:
    text: str
    place_id: str | None = None
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    country: str | None = None
    precision: Precision | None = None


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A toponym in a text, resolved: what `marsad.geoparse` returns for every place named."""

    start: int  # character offsets into the text
    end: int
    text: str  # the surface form
    place: PlaceRef  # resolved name, lat, lon, admin1, country, precision, place_id
    kind: str  # feature type: country, admin1, city, airbase, embassy, ...
    score: float  # 0..1

    @property
    def name(self) -> str | None:
        return self.place.name

    @property
    def lat(self) -> float | None:
        return self.place.lat

    @property
    def lon(self) -> float | None:
        return self.place.lon

    @property
    def country(self) -> str | None:
        return self.place.country

    @property
    def admin1(self) -> str | None:
        return self.place.admin1

    @property
    def precision(self) -> Precision | None:
        return self.place.precision

    @property
    def feature_type(self) -> str:
        return self.kind


@dataclass(frozen=True, slots=True)
class When:
    start: date | None
    end: date | None = None
    precision: DatePrecision | None = None
    how: str = ""  # one line: how the date was resolved


@dataclass(frozen=True, slots=True)
class Quantity:
    value: int  # 0 is a reported zero, never "unknown" (unknown is None on the event)
    qualifier: Qualifier = "exact"


@dataclass(frozen=True, slots=True)
class Attribution:
    source: ActorRef
    kind: Literal["report", "claim", "denial"] = "report"


@dataclass(frozen=True, slots=True)
class Stance:
    issue: str
    position: Literal["for", "against"]
    holder: ActorRef | None = None


@dataclass(frozen=True, slots=True)
class FieldEvidence:
    """The span that supports one field of an event ("killed", "where", "actor1", ...)."""

    field: str
    span: Span


@dataclass(frozen=True, slots=True)
class Event:
    kind: EventKind
    category: str  # PLOVER category, e.g. ASSAULT
    evidence: Span  # the sentence (or clause) the event was read from
    mode: str | None = None
    context: tuple[str, ...] = ()
    acled_type: str | None = None
    acled_subtype: str | None = None
    actors: tuple[ActorRef, ...] = ()
    recipients: tuple[ActorRef, ...] = ()
    where: PlaceRef | None = None
    when: When | None = None
    killed: Quantity | None = None
    injured: Quantity | None = None
    casualties: Quantity | None = None
    count: Quantity | None = None
    said_by: Attribution | None = None
    factuality: Factuality = "asserted"
    stance: Stance | None = None
    field_evidence: tuple[FieldEvidence, ...] = field(default_factory=tuple)
    confidence: float = 0.5

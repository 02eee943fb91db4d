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
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from marsad.analyse.types import Sentence

RawFormat = Literal["text", "html", "json", "jsonl", "rss", "warc", "url"]
DateSource = Literal["metadata", "text", "given", "unknown"]

EventKind = Literal["incident", "aggregate", "statement"]
# "admin2" and "continent": what a geoparse may find ("Suffolk", "Africa"); an event is at
# the admin1 of an admin2 (the store knows no admin2 yet) and never on a continent
Precision = Literal["facility", "neighbourhood", "city", "admin2", "admin1", "country",
                    "continent"]
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
    source_id: str | None = None  # the input's own id for the record (a JSONL `id`)

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
    # the earlier event of the same document this one refers back to ("these attacks", a
    # new figure of a series): its index in the document's list of events
    refers_to: int | None = None


# --- drafts: what the extract stage hands to the resolve stage --------------------------
#
# A draft is an event as the text states it: mention spans, parsed time expressions, place
# phrases with their containers, numbers, roles. Resolve turns it into an Event (actors to
# the registry, places to the gazetteer, dates against the publication date, the ACLED
# mapping) without reading the text again, so a document can be re-resolved.


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor phrase in a sentence ("the Nujaba movement", "he", "gunmen")."""

    text: str
    start: int
    end: int
    head: int  # token index of the head in its sentence
    sector: str | None = None  # armed / civilian / crowd / protester / state_security
    pronoun: bool = False
    person: bool = False
    title: str | None = None  # "minister" when the phrase is a title ("the minister")
    plural: bool = False
    named: bool = False  # a proper name ("Kataib Hezbollah"), not a description ("gunmen")

    @property
    def span(self) -> Span:
        return Span(self.start, self.end, self.text)


TimeKind = str  # "date", "weekday", "month_part", "month", "year", "relative", "offset",
# "time", "since", "range"


@dataclass(frozen=True, slots=True)
class TimeMention:
    span: Span
    kind: TimeKind


@dataclass(frozen=True, slots=True)
class TimeParse:
    """What a time expression says, before any anchor is applied."""

    kind: TimeKind
    day: int | None = None
    month: int | None = None
    year: int | None = None
    weekday: int | None = None
    part: tuple[int, int] | None = None  # days of the month: (11, 20) for "mid"
    part_name: str | None = None  # "early" / "mid" / "late"
    shift: int = 0  # -1 "last", +1 "next", 0 none / "this"
    unit: str | None = None  # relative: day / week / month / year / ..._to_date; offset: day
    amount: int = 0  # relative: offset in units; offset: days (signed, see direction)
    direction: str | None = None  # offset: after / before / later / earlier
    clock: str | None = None  # "12 noon Iraq time"
    inner: TimeParse | None = None  # since: what it is since; range: the start
    second: TimeParse | None = None  # range: the end


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression of the text and its parse (None: the grammar does not read it)."""

    mention: TimeMention
    parse: TimeParse | None
    deadline: bool = False  # "by 2030", "until 2026": a limit, not when something happened


@dataclass(frozen=True, slots=True)
class PlacePhrase:
    """A place as a sentence writes it: a path, most specific first ("Hit, Anbar")."""

    start: int  # character offsets of the first part
    end: int
    parts: tuple[str, ...]  # the name, then without its designator ("Chios port", "Chios")
    within: tuple[str, ...] = ()  # containers written with it ("Anbar", "(Oyam, Northern)")
    span_end: int = 0  # end of the whole written path
    pack_only: bool = False  # a noun phrase only the pack knows ("the US embassy")

    @property
    def text(self) -> str:
        return self.parts[0]


@dataclass(frozen=True, slots=True)
class PlaceChoice:
    """One reading of where an event took place: the phrase and the places it lies in
    ("the US embassy" in "the Green Zone" in "Baghdad"), with the evidence span."""

    phrase: PlacePhrase
    containers: tuple[PlacePhrase, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class Counted:
    """A number the text gives for a field (killed, injured, count) and where it says so."""

    quantity: Quantity
    span: Span


CategorySource = Literal["lexicon", "coding rule", "model"]


@dataclass(frozen=True, slots=True)
class EventDraft:
    """One event as the text states it, before resolution."""

    kind: EventKind
    category: str  # PLOVER
    mode: str | None
    context: tuple[str, ...]
    sentence: Sentence  # the analysed sentence it was read from
    trigger: Span
    head: int  # token index of the trigger's head in the sentence
    factuality: Factuality
    agent: Mention | None = None
    patient: Mention | None = None
    said_by: Mention | None = None  # "according to the Pentagon"
    said_by_kind: Literal["report", "claim", "denial"] = "report"
    killed: Counted | None = None
    injured: Counted | None = None
    casualties: Counted | None = None
    count: Counted | None = None
    times: tuple[TimeExpression, ...] = ()  # the time expressions of its sentence
    places: tuple[PlaceChoice, ...] = ()  # readings of its place, best first
    seat_names: tuple[str, ...] = ()  # a speaker's names and descriptors, for the seat
    # a statement read from what the speaker says of an act ("did not harm civilians": a
    # denial), not from a statement verb: it is placed with the act, not at the speaker's
    inferred: bool = False
    stance: Stance | None = None  # holder unset: resolve gives the resolved speaker
    confidence: float = 0.5
    refers_to: int | None = None  # index of the earlier draft it refers back to
    # a headline's act: the lead sentence that tells it (the evidence; its times date it)
    lead: Sentence | None = None
    # what set the category: the trigger's lexicon, a coding rule of CODING.md over it (a
    # mob's attack is a riot), or the learned second reading (extract/second_reading.py)
    category_by: CategorySource = "lexicon"


@dataclass(frozen=True, slots=True)
class DocumentDrafts:
    """Everything the extract stage read in one text, for the resolve stage."""

    text: str
    drafts: tuple[EventDraft, ...]
    country_focus: dict[str, float]  # ISO2 -> mentions in the text (names 1, demonyms 0.5)
    # time expressions of the whole text, to take the year from when there is no
    # publication date ("on Saturday (January 6, 2024)")
    times: tuple[TimeExpression, ...] = ()
    # where the report was filed ("BEIJING (Reuters) -"): where a statement it tells was made
    # when its sentence says nothing else
    dateline: PlacePhrase | None = None
    # every toponym of the text (extract/toponyms.py): the places the story names, for an
    # act its sentence places nowhere
    toponyms: tuple[tuple[int, int], ...] = ()

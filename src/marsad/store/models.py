"""The database schema as SQLAlchemy ORM models.

Only the store package sees these classes; everything leaving it is a frozen dataclass
(see records.py). The tables follow the event record in DESIGN.md. The Alembic migrations
(migrations/versions/, from 0001_initial.py on) create exactly this schema; a test
compares the two on SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from marsad.store.records import EXTRACTION_STATES

# Named constraints: Alembic can only alter (and SQLite batch mode can only rebuild) what
# has a stable name, and error messages then name the rule that was broken.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# The closed vocabularies of marsad.types, repeated here (and in the migration) on purpose:
# a schema must not change because a Python Literal did.
EVENT_KINDS = ("incident", "aggregate", "statement")
FACTUALITIES = ("asserted", "claimed", "denied", "future", "hypothetical", "negated")
QUALIFIERS = ("exact", "more_than", "about", "at_most")
GEO_PRECISIONS = ("facility", "neighbourhood", "city", "admin1", "country")
DATE_PRECISIONS = ("time", "day", "week", "month", "range", "year")
ATTRIBUTION_KINDS = ("report", "claim", "denial")
STANCE_POSITIONS = ("for", "against")
ACTOR_ROLES = ("actor", "recipient", "said_by", "stance_holder")
QUANTITIES = ("killed", "injured", "casualties", "count")
TERM_FIELDS = ("actor", "place")  # store/terms.py: which filter a term serves
# What the column filters compare, carried by the events' filter indexes (migration 0005):
# a count or a walk tests them in the index, never reading the wide row.
FILTER_COLUMNS = ("when_start", "when_end", "lat", "lon", "kind")
# Bulk inserts write a None out as NULL. By default SQLAlchemy leaves it out of the INSERT
# (for a server default, which no column here has), so rows with None in different columns
# went in separate statements: a save of 10 events sent ~16 INSERTs for its events and
# actors, not 2.
ALL_ROWS_AT_ONCE = {"render_nulls": True}

# Free text is TEXT everywhere: VARCHAR(n) would reject long values on PostgreSQL only.
# Autoincrement ids: BIGINT on PostgreSQL (an archive can pass 2**31 rows), but SQLite
# only autoincrements a column declared exactly INTEGER PRIMARY KEY.
BigId = BigInteger().with_variant(Integer(), "sqlite")
# Folded filter terms compare by code point on both backends: SQLite's default (BINARY)
# does; PostgreSQL needs the "C" collation, or a locale's order would break prefix ranges.
FoldedText = Text().with_variant(Text(collation="C"), "postgresql")


def one_of(column: str, values: tuple[str, ...]) -> str:
    """SQL for "column is NULL or one of values" (the values are our constants, not input)."""
    listed = ", ".join(f"'{value}'" for value in values)
    return f"{column} IS NULL OR {column} IN ({listed})"


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp that reads back timezone-aware UTC on every backend.

    PostgreSQL keeps the zone; SQLite stores a bare string and would return naive values.
    Naive inputs are taken to be UTC.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class DocumentModel(Base):
    __tablename__ = "documents"
    __table_args__ = (CheckConstraint(one_of("extraction", EXTRACTION_STATES), name="extraction"),)

    id: Mapped[str] = mapped_column(Text, primary_key=True)
    url: Mapped[str | None] = mapped_column(Text, unique=True)
    source: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date, index=True)
    published_from: Mapped[str] = mapped_column(Text)
    lang: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    raw_format: Mapped[str] = mapped_column(Text)
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime)
    content_hash: Mapped[str] = mapped_column(Text, unique=True)
    origin: Mapped[str] = mapped_column(Text)
    # indexed (migration 0002): the latest ingest time is part of the store's revision
    ingested_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    # one of EXTRACTION_STATES (records.py), or NULL: never extracted; migration 0003
    extraction: Mapped[str | None] = mapped_column(String(16))
    source_id: Mapped[str | None] = mapped_column(Text)  # the input's own id (a JSONL `id`)

    events: Mapped[list[EventModel]] = relationship(
        back_populates="document", passive_deletes=True, order_by="EventModel.ordinal"
    )


class ActorModel(Base):
    """The actor registry: canonical actors from packs, or proposed from extracted events."""

    __tablename__ = "actors"

    id: Mapped[str] = mapped_column(Text, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    sector: Mapped[str | None] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(Text)
    aliases: Mapped[list[str]] = mapped_column(JSON)
    # True when the store created the entry from an event's reference and no curated
    # pack has described it yet.
    proposed: Mapped[bool] = mapped_column(Boolean)


class PlaceModel(Base):
    """The gazetteer: places from packs and the world base, or met in extracted events."""

    __tablename__ = "places"

    id: Mapped[str] = mapped_column(Text, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    admin1: Mapped[str | None] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(Text)
    feature_type: Mapped[str | None] = mapped_column(Text)
    aliases: Mapped[list[str]] = mapped_column(JSON)


class EventModel(Base):
    __tablename__ = "events"
    __table_args__ = (
        CheckConstraint(one_of("kind", EVENT_KINDS), name="kind"),
        CheckConstraint(one_of("factuality", FACTUALITIES), name="factuality"),
        CheckConstraint(one_of("geo_precision", GEO_PRECISIONS), name="geo_precision"),
        CheckConstraint(one_of("when_precision", DATE_PRECISIONS), name="when_precision"),
        CheckConstraint(one_of("said_by_kind", ATTRIBUTION_KINDS), name="said_by_kind"),
        CheckConstraint(one_of("stance_position", STANCE_POSITIONS), name="stance_position"),
        CheckConstraint("confidence >= 0 AND confidence <= 1", name="confidence_range"),
        CheckConstraint(
            "when_end IS NULL OR when_start IS NULL OR when_end >= when_start", name="when_order"
        ),
        CheckConstraint(
            "evidence_start >= 0 AND evidence_end >= evidence_start", name="evidence_span"
        ),
        *(
            CheckConstraint(f"{q} IS NULL OR {q} >= 0", name=f"{q}_not_negative")
            for q in QUANTITIES
        ),
        *(
            CheckConstraint(one_of(f"{q}_qualifier", QUALIFIERS), name=f"{q}_qualifier")
            for q in QUANTITIES
        ),
        # Led by one equality filter, then the other and the columns every filter tests;
        # a map's box is a range of latitudes, its longitudes tested in the index.
        Index("ix_events_category", "category", "country", *FILTER_COLUMNS),
        Index("ix_events_country", "country", "category", *FILTER_COLUMNS),
        Index("ix_events_lat", "lat", "lon", "category", "country", "when_start", "when_end",
              "kind"),
        # the ranged events that reach into a date range (conditions.events_count)
        Index("ix_events_when_end", "when_end", "when_start"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    ordinal: Mapped[int] = mapped_column(Integer)  # position in the document's event list
    kind: Mapped[str] = mapped_column(String(16))
    category: Mapped[str] = mapped_column(Text)  # indexed with country: __table_args__
    mode: Mapped[str | None] = mapped_column(Text)
    context: Mapped[list[str]] = mapped_column(JSON)
    acled_type: Mapped[str | None] = mapped_column(Text, index=True)
    acled_subtype: Mapped[str | None] = mapped_column(Text)

    # where: where_text is NULL exactly when the event has no place
    where_text: Mapped[str | None] = mapped_column(Text)
    place_id: Mapped[str | None] = mapped_column(ForeignKey("places.id"), index=True)
    place_name: Mapped[str | None] = mapped_column(Text)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    admin1: Mapped[str | None] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(Text)  # indexed: __table_args__
    geo_precision: Mapped[str | None] = mapped_column(String(16))

    # when: when_how is NULL exactly when the event has no date information
    when_start: Mapped[date | None] = mapped_column(Date, index=True)
    when_end: Mapped[date | None] = mapped_column(Date)
    when_precision: Mapped[str | None] = mapped_column(String(16))
    when_how: Mapped[str | None] = mapped_column(Text)

    # numbers: NULL is "not reported", 0 is a reported zero
    killed: Mapped[int | None] = mapped_column(Integer)
    killed_qualifier: Mapped[str | None] = mapped_column(String(16))
    injured: Mapped[int | None] = mapped_column(Integer)
    injured_qualifier: Mapped[str | None] = mapped_column(String(16))
    casualties: Mapped[int | None] = mapped_column(Integer)
    casualties_qualifier: Mapped[str | None] = mapped_column(String(16))
    count: Mapped[int | None] = mapped_column(Integer)
    count_qualifier: Mapped[str | None] = mapped_column(String(16))

    # said_by: the source itself is an event_actors row with role 'said_by'; the text and id
    # are repeated here so "according to whom" is one column away.
    said_by_text: Mapped[str | None] = mapped_column(Text)
    said_by_actor_id: Mapped[str | None] = mapped_column(Text)
    said_by_kind: Mapped[str | None] = mapped_column(String(16))

    factuality: Mapped[str] = mapped_column(String(16))
    stance_issue: Mapped[str | None] = mapped_column(Text)
    stance_position: Mapped[str | None] = mapped_column(String(16))
    confidence: Mapped[float] = mapped_column(Float)

    evidence_start: Mapped[int] = mapped_column(Integer)
    evidence_end: Mapped[int] = mapped_column(Integer)
    evidence_text: Mapped[str] = mapped_column(Text)

    # The event's JSON as the list shows it (store/listing.py), rendered at save; deferred:
    # only the list's page reads it.
    listing: Mapped[str | None] = mapped_column(Text, deferred=True)
    listing_format: Mapped[int | None] = mapped_column(SmallInteger, deferred=True, index=True)

    document: Mapped[DocumentModel] = relationship(back_populates="events")
    actors: Mapped[list[EventActorModel]] = relationship(
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="(EventActorModel.role, EventActorModel.ordinal)",
    )
    field_evidence: Mapped[list[EvidenceModel]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="EvidenceModel.ordinal"
    )
    # written with the event, never read through the ORM: the filters query the table
    terms: Mapped[list[EventTermModel]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )


class EventActorModel(Base):
    """Every actor reference of an event: actors, recipients, the source, the stance holder."""

    __tablename__ = "event_actors"
    __table_args__ = (CheckConstraint(one_of("role", ACTOR_ROLES), name="role"),)

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(16), primary_key=True)
    ordinal: Mapped[int] = mapped_column(Integer, primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    actor_id: Mapped[str | None] = mapped_column(ForeignKey("actors.id"), index=True)
    name: Mapped[str | None] = mapped_column(Text)
    sector: Mapped[str | None] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(Text)


class EventChangeModel(Base):
    """An event inserted or deleted, logged by triggers on events (migration 0006): the
    filter index (store/filter_index.py) reads the ids changed since it was built."""

    __tablename__ = "event_changes"

    seq: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    event_id: Mapped[int] = mapped_column(BigInteger)


class StoreVersionModel(Base):
    """One row: how many times documents, incidents and link nodes changed, counted by
    triggers (migration 0007), for the store's revision."""

    __tablename__ = "store_version"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    changes: Mapped[int] = mapped_column(BigInteger)


class EventTermModel(Base):
    """A folded, word-aligned tail of one of an event's actor or place names: the actor and
    place filters are a range of the primary key (store/terms.py has the rule). Migration
    0005."""

    __tablename__ = "event_terms"
    __table_args__ = (
        CheckConstraint(one_of("field", TERM_FIELDS), name="field"),
        # SQLite: the primary key is the table (no second copy of every row in a rowid tree)
        {"sqlite_with_rowid": False},
    )

    field: Mapped[str] = mapped_column(String(8), primary_key=True)
    term: Mapped[str] = mapped_column(FoldedText, primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class EvidenceModel(Base):
    """The span of the document that supports one field of an event."""

    __tablename__ = "evidence"
    __table_args__ = (CheckConstraint('"start" >= 0 AND "end" >= "start"', name="span"),)

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    ordinal: Mapped[int] = mapped_column(Integer, primary_key=True)
    field: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


# --- the link stage: incidents across documents (marsad.link, store/linking.py) -----------

LINK_ACTIONS = ("merge", "split")


class LinkNodeModel(Base):
    """One event as the linker sees it: its signature, keyed by a key that survives
    re-extraction (marsad.link.signature.event_key), its component and incident."""

    __tablename__ = "link_nodes"

    key: Mapped[str] = mapped_column(Text, primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), unique=True
    )
    document_id: Mapped[str] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    signature: Mapped[dict[str, Any]] = mapped_column(JSON)
    component: Mapped[str] = mapped_column(Text, index=True)
    incident_id: Mapped[str | None] = mapped_column(
        ForeignKey("incidents.id", ondelete="SET NULL"), index=True
    )


class LinkBlockModel(Base):
    """Blocks an event is filed under (marsad.link.blocking): where candidates are found."""

    __tablename__ = "link_blocks"

    block: Mapped[str] = mapped_column(Text, primary_key=True)
    node_key: Mapped[str] = mapped_column(
        ForeignKey("link_nodes.key", ondelete="CASCADE"), primary_key=True, index=True
    )


class LinkPairModel(Base):
    """A compared pair at or above the `possible` threshold, with its reasons."""

    __tablename__ = "link_pairs"

    key_a: Mapped[str] = mapped_column(
        ForeignKey("link_nodes.key", ondelete="CASCADE"), primary_key=True
    )
    key_b: Mapped[str] = mapped_column(
        ForeignKey("link_nodes.key", ondelete="CASCADE"), primary_key=True, index=True
    )
    score: Mapped[float] = mapped_column(Float)
    reasons: Mapped[list[dict[str, Any]]] = mapped_column(JSON)


class IncidentModel(Base):
    """One occurrence and its resolved fields; `fields` holds each source's value of every
    field and the rule that chose, `conflicts` the fields the sources disagree on."""

    __tablename__ = "incidents"

    id: Mapped[str] = mapped_column(Text, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    category: Mapped[str] = mapped_column(Text, index=True)
    mode: Mapped[str | None] = mapped_column(Text)
    events: Mapped[int] = mapped_column(Integer)
    documents: Mapped[int] = mapped_column(Integer)
    first_day: Mapped[date | None] = mapped_column(Date, index=True)
    last_day: Mapped[date | None] = mapped_column(Date)
    place_name: Mapped[str | None] = mapped_column(Text)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    country: Mapped[str | None] = mapped_column(Text, index=True)
    geo_precision: Mapped[str | None] = mapped_column(String(16))
    killed: Mapped[int | None] = mapped_column(Integer)
    injured: Mapped[int | None] = mapped_column(Integer)
    sources: Mapped[list[str]] = mapped_column(JSON)  # the outlets that report it
    fields: Mapped[dict[str, Any]] = mapped_column(JSON)
    conflicts: Mapped[list[str]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class LinkDecisionModel(Base):
    """An analyst's merge or split, by event keys, so that it survives re-processing."""

    __tablename__ = "link_decisions"
    __table_args__ = (CheckConstraint(one_of("action", LINK_ACTIONS), name="action"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    action: Mapped[str] = mapped_column(String(8))
    key_a: Mapped[str] = mapped_column(Text, index=True)
    key_b: Mapped[str] = mapped_column(Text, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

"""The Store: save documents with their events, and read them back."""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, date, datetime
from types import TracebackType
from typing import Any, TypeVar

from sqlalchemy import (
    Connection,
    Engine,
    Row,
    bindparam,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from marsad.errors import StoreError
from marsad.link.series import ClaimSource, Series, build_series
from marsad.link.signature import LinkDocument
from marsad.link.stances import IssueTimeline, stance_timelines
from marsad.store import conditions, filter_index, incidents, plans, queries
from marsad.store.bulk import insert_rows
from marsad.store.check import Problem, check_store
from marsad.store.engine import connect, reason, shown
from marsad.store.filter_index import FilterIndexes, IndexView
from marsad.store.linking import before_replacing, link_document, recluster
from marsad.store.listing import LISTING_FORMAT, item_json, listing_json
from marsad.store.mapping import (
    EventColumns,
    actor_row,
    document_model,
    document_row,
    event_from_model,
    event_row_from_columns,
    event_rows,
    place_row,
)
from marsad.store.migrate import upgrade
from marsad.store.models import (
    ALL_ROWS_AT_ONCE,
    DocumentModel,
    EventActorModel,
    EventModel,
    EventTermModel,
    EvidenceModel,
)
from marsad.store.records import (
    EXTRACTED,
    EXTRACTION_STATES,
    NO_PROFILE,
    ActorRow,
    DayCount,
    DocumentRow,
    EventFilters,
    EventPoint,
    EventRow,
    IncidentRow,
    PlaceRow,
    SaveResult,
    StoreStats,
)
from marsad.store.registry import ensure_entries
from marsad.store.url import resolve_url
from marsad.types import Document, Event

T = TypeVar("T")
log = logging.getLogger(__name__)


@contextmanager
def _errors(action: str) -> Iterator[None]:
    """Database failures leave as StoreError, naming what we were doing and why it failed."""
    try:
        yield
    except SQLAlchemyError as exc:
        raise StoreError(f"{action}: {reason(exc)}") from exc


class Store:
    """A marsad database. Open with Store.open(url); use as a context manager to close it."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._plan_sizes = plans.PlanSizes()
        self._filter_indexes: FilterIndexes | None = None
        self._pinned = threading.local()  # this thread's snapshot(), if one is open

    def keep_filter_index(self, on_built: Callable[[], None] | None = None) -> None:
        """Answer event counts and pages from memory (for a long-running reader such as the
        API: see filter_index.py); the SQL answers them until the index is built, and
        `on_built` is called after each build."""
        if self._filter_indexes is None:
            self._filter_indexes = FilterIndexes(self._engine, on_built)

    def wait_for_filter_index(self, timeout: float = 60.0) -> bool:
        """Until a running build of the filter index ends; whether one is held."""
        return self._filter_indexes is not None and self._filter_indexes.wait(timeout)

    def _indexed(self, connection: Connection, filters: EventFilters) -> IndexView | None:
        """The filter index that answers filters in connection's transaction, if any."""
        if self._filter_indexes is None:
            return None
        index = self._filter_indexes.current(connection, self._pinned_figures(connection))
        return index if index is not None and index.handles(filters) else None

    # Every read ends with COMMIT, never the ROLLBACK a closed connection sends: at a
    # ROLLBACK psycopg forgets the statements it has prepared on that connection, so on
    # PostgreSQL each request's queries were planned again (planning was a third of the
    # page read's time), and the pool's own reset is then a no-op.

    @contextmanager
    def snapshot(self) -> Iterator[str]:
        """Every read of this thread inside it sees one snapshot of the store; yields the
        store's revision() in that snapshot.

        For a response and its ETag that agree: read apart, a save between the two reads
        gave a page newer than its ETag. And cheaper: the revision is read once, where the
        ETag and the filter index each read it (on PostgreSQL a third of the statements
        of a page request). Nested, it is the enclosing snapshot."""
        if self._pinned_connection() is not None:
            yield _revision_token(self._pinned.figures)
            return
        with _errors("cannot read the store"), self._engine.connect() as connection:
            if self.dialect == "postgresql":
                connection.execution_options(isolation_level="REPEATABLE READ")
            figures = tuple(connection.execute(queries.REVISION).one())
            self._pinned.connection, self._pinned.figures = connection, figures
            try:
                yield _revision_token(figures)
            finally:
                self._pinned.connection = self._pinned.figures = None
            connection.commit()

    def _pinned_connection(self) -> Connection | None:
        return getattr(self._pinned, "connection", None)

    def _pinned_figures(self, connection: Connection) -> tuple[Any, ...] | None:
        """The revision figures read in connection's transaction, if it is a snapshot's."""
        return self._pinned.figures if connection is self._pinned_connection() else None

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        """A connection whose statements share one snapshot (a filter index is checked in
        the transaction that uses it; SQLite's BEGIN already does this): the open
        snapshot()'s, if any."""
        pinned = self._pinned_connection()
        if pinned is not None:
            yield pinned
            return
        with self._engine.connect() as connection:
            if self.dialect == "postgresql" and self._filter_indexes is not None:
                connection.execution_options(isolation_level="REPEATABLE READ")
            yield connection
            connection.commit()

    @contextmanager
    def _read(self) -> Iterator[Session]:
        """A session that only reads (in the open snapshot(), if any: a session bound to
        a connection in a transaction leaves that transaction to its owner)."""
        pinned = self._pinned_connection()
        with self._sessions(bind=pinned) if pinned is not None else self._sessions() as session:
            yield session
            session.commit()

    @contextmanager
    def _statement(self) -> Iterator[Connection]:
        """A connection for one statement that reads: on PostgreSQL outside a transaction
        (the statement is its own snapshot), which spares the BEGIN and the COMMIT, each a
        round trip that costs the server about what the statement does (the revision, read
        for every API request). In an open snapshot(), the snapshot's connection."""
        pinned = self._pinned_connection()
        if pinned is not None:
            yield pinned
            return
        with self._engine.connect() as connection:
            if self.dialect == "postgresql":
                connection.execution_options(isolation_level="AUTOCOMMIT")
            yield connection

    @classmethod
    def open(cls, url: str | None = None) -> Store:
        """Connect (creating a SQLite file if needed) and migrate the schema to this version."""
        engine = connect(resolve_url(url))
        try:
            upgrade(engine)
        except BaseException:
            engine.dispose()
            raise
        _fill_listings(engine)
        _refresh_statistics(engine)
        return cls(engine)

    @property
    def url(self) -> str:
        """The database URL, password hidden: safe to print."""
        return shown(self._engine.url)

    @property
    def dialect(self) -> str:
        return self._engine.dialect.name

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # --- writing ---------------------------------------------------------------------

    def save(
        self, doc: Document, events: Sequence[Event], *, extraction: str = EXTRACTED
    ) -> SaveResult:
        """Store doc (once: same url or same text is the same document) with exactly events.

        A document already stored keeps its id; its text becomes doc.text, the text the
        events' offsets refer to. One transaction: on any error nothing of this call is kept.
        `extraction` records where the events come from: EXTRACTED (the extractor's output),
        or NO_PROFILE (no extraction profile for the document's language: no events).
        """
        _check_extraction(extraction, events)
        with _errors(f"cannot save document {doc.id} ({doc.origin})"):
            return _retry_on_conflict(lambda: self._save(doc, events, extraction))

    def add_document(self, doc: Document) -> SaveResult:
        """Store doc if new; its events, if any, are left as they are."""
        with _errors(f"cannot save document {doc.id} ({doc.origin})"):
            return _retry_on_conflict(lambda: self._add(doc))

    def replace_events(
        self, document_id: str, events: Sequence[Event], *, extraction: str = EXTRACTED
    ) -> int:
        """Make events the document's only events; returns how many were stored.

        `extraction` is recorded on the document, as in `save`."""
        _check_extraction(extraction, events)
        with _errors(f"cannot store events of document {document_id}"), self._write() as session:
            model = session.get(DocumentModel, document_id)
            if model is None:
                raise StoreError(f"cannot store events: no document {document_id!r}")
            model.extraction = extraction
            return _replace_and_link(session, model, events)

    def _add(self, doc: Document) -> SaveResult:
        with self._write() as session:
            existing = self._find(session, doc.url, doc.content_hash)
            if existing is not None:
                return SaveResult(existing, created=False, events=_event_count(session, existing))
            session.add(document_model(doc, _now()))
            return SaveResult(doc.id, created=True, events=0)

    def _save(self, doc: Document, events: Sequence[Event], extraction: str) -> SaveResult:
        with self._write() as session:
            existing = self._find(session, doc.url, doc.content_hash)
            if existing is None:
                model = document_model(doc, _now())
                model.extraction = extraction
                session.add(model)
                session.flush()
            else:
                stored = session.get_one(DocumentModel, existing)
                _keep_text_of_events(stored, doc)
                stored.extraction = extraction
            document_id = existing or doc.id
            stored_doc = session.get_one(DocumentModel, document_id)
            count = _replace_and_link(session, stored_doc, events)
            return SaveResult(document_id, created=existing is None, events=count)

    @contextmanager
    def _write(self) -> Iterator[Session]:
        # session.begin() commits on success and rolls back on any exception.
        with self._sessions() as session, session.begin():
            yield session

    # --- incidents (the link stage) -----------------------------------------------------

    def incidents(self, *, category: str | None = None, country: str | None = None,
                  min_documents: int = 1, limit: int = 100, offset: int = 0
                  ) -> list[IncidentRow]:
        """Incidents with their reports, most reported first."""
        with self._read() as session:
            return incidents.list_incidents(session, category=category, country=country,
                                            min_documents=min_documents, limit=limit,
                                            offset=offset)

    def count_incidents(self) -> int:
        with self._read() as session:
            return incidents.count_incidents(session)

    def incident(self, incident_id: str) -> IncidentRow | None:
        """One incident with its reports, the reasons that joined them, and its possible
        duplicates."""
        with self._read() as session:
            return incidents.get_incident(session, incident_id)

    def merge_incidents(self, incident_ids: Sequence[str]) -> str:
        """Merge incidents for good (the decision survives re-processing); the merged id."""
        with _errors("cannot merge incidents"), self._write() as session:
            return incidents.merge_incidents(session, incident_ids)

    def split_incident(self, incident_id: str, event_ids: Sequence[int]) -> str:
        """Move events out of an incident into their own, for good; the new incident's id."""
        with _errors(f"cannot split incident {incident_id}"), self._write() as session:
            return incidents.split_incident(session, incident_id, event_ids)

    def series(self, filters: EventFilters | None = None) -> list[Series]:
        """The aggregate claims as running totals (marsad.link.series)."""
        chosen = replace(filters or EventFilters(), kind="aggregate")
        return build_series([(row.event, _claim_source(row)) for row in self.iter_events(chosen)])

    def stances(self, issue: str | None = None,
                filters: EventFilters | None = None) -> list[IssueTimeline]:
        """Per tracked issue, each holder's dated positions (marsad.link.stances)."""
        chosen = replace(filters or EventFilters(), kind="statement")
        rows = (row for row in self.iter_events(chosen) if row.event.stance is not None)
        return stance_timelines([(row.event, _claim_source(row)) for row in rows], issue)

    def relink(self) -> int:
        """Link every stored document again from scratch (after an upgrade, or new link
        settings), keeping the analysts' decisions; returns the documents linked."""
        with _errors("cannot relink"), self._write() as session:
            incidents.clear_links(session)
        ids = self._document_ids()
        for doc_id in ids:
            with _errors(f"cannot link document {doc_id}"), self._write() as session:
                doc = session.get_one(DocumentModel, doc_id)
                models = list(session.scalars(select(EventModel)
                                              .where(EventModel.document_id == doc_id)
                                              .order_by(EventModel.ordinal)))
                events = [event_from_model(m) for m in models]
                link_document(session, _link_document(doc), events, [m.id for m in models])
        return len(ids)

    def _document_ids(self) -> list[str]:
        with self._read() as session:
            return list(session.scalars(select(DocumentModel.id).order_by(DocumentModel.id)))

    # --- reading ---------------------------------------------------------------------

    def find_document(self, url: str | None, content_hash: str) -> str | None:
        """The id of the stored document with this text, or else this url; None if neither."""
        with _errors("cannot look up document"), self._read() as session:
            return self._find(session, url, content_hash)

    @staticmethod
    def _find(session: Session, url: str | None, content_hash: str) -> str | None:
        # The same text wins over the same url: it is the stronger identity, since an
        # address can be re-used for an edited or even another article.
        same = DocumentModel.content_hash == content_hash
        if url is not None:
            same = or_(same, DocumentModel.url == url)
        rows = session.execute(select(DocumentModel.id, DocumentModel.content_hash).where(same))
        ids = {row.content_hash == content_hash: row.id for row in rows}
        return ids.get(True) or ids.get(False)

    def documents(
        self,
        *,
        limit: int = 50,
        offset: int = 0,
        source: str | None = None,
        lang: str | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> list[DocumentRow]:
        query = queries.documents_select(
            limit=limit, offset=offset, source=source, lang=lang, since=since, until=until
        )
        with _errors("cannot list documents"), self._read() as session:
            return [document_row(model, count) for model, count in session.execute(query)]

    def document(self, doc_id: str) -> DocumentRow | None:
        """The document with this id, or with this unique id prefix; None if there is none.

        Raises StoreError when the prefix matches several documents.
        """
        with _errors(f"cannot read document {doc_id}"), self._read() as session:
            count = queries.event_count_of(DocumentModel.id)
            found = session.execute(
                select(DocumentModel, count).where(DocumentModel.id == doc_id)
            ).first()
            if found is None:
                matches = session.execute(
                    select(DocumentModel, count)
                    .where(DocumentModel.id.startswith(doc_id, autoescape=True))
                    .order_by(DocumentModel.id)
                    .limit(3)
                ).all()
                if len(matches) > 1:
                    listed = ", ".join(model.id for model, _ in matches[:2])
                    more = ", ..." if len(matches) > 2 else ""
                    raise StoreError(f"document id {doc_id!r} is ambiguous: {listed}{more}")
                found = matches[0] if matches else None
            return document_row(*found) if found is not None else None

    def events(
        self, filters: EventFilters | None = None, *, limit: int = 100, offset: int = 0
    ) -> list[EventRow]:
        with _errors("cannot list events"), self._reading() as connection:
            rows = self._page(connection, filters or EventFilters(), limit, offset)
            return _with_parts(connection, rows)

    def event_columns(
        self, filters: EventFilters | None = None, *, limit: int = 100, offset: int = 0
    ) -> list[EventColumns]:
        """The page events() returns, as the raw columns each EventRow is built from.

        For serialisers that write JSON straight from columns (the API's list): building the
        frozen records first costs more than the queries. mapping.event_row_from_columns
        turns an item into the EventRow events() would give.
        """
        with _errors("cannot list events"), self._reading() as connection:
            rows = self._page(connection, filters or EventFilters(), limit, offset)
            return _column_parts(connection, rows)

    def event_page(
        self,
        filters: EventFilters | None = None,
        *,
        limit: int = 100,
        offset: int = 0,
        total: int | None = None,
    ) -> tuple[int, list[EventColumns]]:
        """How many events the filters select and the page event_columns() gives, read in
        one transaction (the two agree); total, when already known for this revision, is
        not counted again."""
        with _errors("cannot list events"), self._reading() as connection:
            total, ids = self._total_and_ids(connection, filters, limit, offset, total)
            return total, _column_parts(connection, _rows_of(connection, ids))

    def event_items(
        self,
        filters: EventFilters | None = None,
        *,
        limit: int = 100,
        offset: int = 0,
        total: int | None = None,
    ) -> tuple[int, list[bytes]]:
        """event_page() as each event's JSON, the API's Event (store/listing.py): read from
        the JSON stored with each event, in one query for the page."""
        with _errors("cannot list events"), self._reading() as connection:
            total, ids = self._total_and_ids(connection, filters, limit, offset, total)
            return total, _items(connection, ids)

    def _total_and_ids(
        self,
        connection: Connection,
        filters: EventFilters | None,
        limit: int,
        offset: int,
        total: int | None,
    ) -> tuple[int, list[int]]:
        """How many events the filters select and the ids of the page: from the filter
        index, else by queries (total, when given, is not counted again)."""
        filters = filters or EventFilters()
        index = self._indexed(connection, filters)
        if index is not None:
            return index.page(connection, filters, limit, offset)
        if total is None:
            total = self._count(connection, filters)
        return total, self._query_page_ids(connection, filters, limit, offset) if (
            offset < total) else []

    def _page(
        self, connection: Connection, filters: EventFilters, limit: int, offset: int
    ) -> Sequence[Row[Any]]:
        """One page of event rows (queries.EVENTS_OF_IDS): from the filter index, else by
        a query with its set filters planned."""
        index = self._indexed(connection, filters)
        if index is None:
            ids = self._query_page_ids(connection, filters, limit, offset)
        else:
            ids = index.page(connection, filters, limit, offset)[1]
        return _rows_of(connection, ids)

    def _query_page_ids(
        self, connection: Connection, filters: EventFilters, limit: int, offset: int
    ) -> list[int]:
        """The ids of a page by a query, its set filters planned."""
        plan = plans.page_plan(self._plan_sizes.get(connection, filters), offset + limit)
        query = queries.page_ids_select(filters, limit, offset, self.dialect, plan)
        return list(connection.execute(query).scalars())

    def iter_events(
        self, filters: EventFilters | None = None, *, batch: int = 500
    ) -> Iterator[EventRow]:
        """Every event the filters select, in the list's order, read batch by batch.

        One connection and one transaction for the whole walk (one snapshot: an export is
        not torn by a concurrent write); memory stays flat.
        """
        query = queries.events_columns_select(filters or EventFilters(), None, 0, self.dialect)
        with (
            _errors("cannot list events"),
            self._engine.connect() as connection,
            connection.begin(),
        ):
            result = connection.execution_options(yield_per=batch).execute(query)
            for rows in result.partitions():
                yield from _with_parts(connection, rows)

    def event(self, event_id: int) -> EventRow | None:
        rows = self.events(EventFilters(event_ids=(event_id,)), limit=1)
        return rows[0] if rows else None

    def count_events(self, filters: EventFilters | None = None) -> int:
        filters = filters or EventFilters()
        with _errors("cannot count events"), self._reading() as connection:
            index = self._indexed(connection, filters)
            if index is not None:
                return index.count(connection, filters)
            return self._count(connection, filters)

    def _count(self, connection: Connection, filters: EventFilters) -> int:
        """count_events() by a query, its set filters planned."""
        plan = plans.count_plan(filters, self._plan_sizes.get(connection, filters))
        query = conditions.events_count(filters, self.dialect, plan)
        total = connection.execute(query).scalar() or 0
        self._plan_sizes.note_total(connection, filters, total)
        return total

    def event_days(self, filters: EventFilters | None = None) -> list[DayCount]:
        """Events per day and category (by start date), oldest first: the timeline."""
        filters = filters or EventFilters()
        with _errors("cannot count events by day"), self._reading() as connection:
            index = self._indexed(connection, filters)
            counted: Iterable[Any]
            if index is not None:
                counted = index.days(connection, filters)
            else:
                counted = connection.execute(queries.event_days_select(filters, self.dialect))
            return [DayCount(day, category, n) for day, category, n in counted]

    def event_points(
        self, filters: EventFilters | None = None, *, limit: int = 10_000
    ) -> list[EventPoint]:
        """The located events the filters select, newest first, as map markers."""
        query = queries.event_points_select(filters or EventFilters(), limit, self.dialect)
        with _errors("cannot list event locations"), self._read() as session:
            return [EventPoint(*row) for row in session.execute(query)]

    def count_documents(
        self,
        *,
        source: str | None = None,
        lang: str | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> int:
        conditions = queries.document_conditions(source=source, lang=lang, since=since, until=until)
        query = select(func.count()).select_from(DocumentModel).where(*conditions)
        with _errors("cannot count documents"), self._read() as session:
            return session.scalar(query) or 0

    def actors(
        self,
        *,
        search: str | None = None,
        proposed: bool | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[ActorRow]:
        """The actor registry, most active first; search matches a name or id, `proposed`
        keeps only the entries awaiting review (True) or only the curated ones (False)."""
        query = queries.actors_select(search, proposed).limit(limit).offset(offset)
        with _errors("cannot list actors"), self._read() as session:
            return [actor_row(model, n) for model, n in session.execute(query)]

    def count_actors(self, *, search: str | None = None, proposed: bool | None = None) -> int:
        selected = queries.actors_select(search, proposed).subquery()
        query = select(func.count()).select_from(selected)
        with _errors("cannot count actors"), self._read() as session:
            return session.scalar(query) or 0

    def count_places(self, *, search: str | None = None, country: str | None = None) -> int:
        query = select(func.count()).select_from(queries.places_select(search, country).subquery())
        with _errors("cannot count places"), self._read() as session:
            return session.scalar(query) or 0

    def places(
        self,
        *,
        search: str | None = None,
        country: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[PlaceRow]:
        """The gazetteer's places, most eventful first; search matches a name or id."""
        query = queries.places_select(search, country).limit(limit).offset(offset)
        with _errors("cannot list places"), self._read() as session:
            return [place_row(model, n) for model, n in session.execute(query)]

    def revision(self) -> str:
        """A short token that changes whenever the stored documents or events do.

        For HTTP caching (ETag): equal tokens mean an unchanged store, so a list computed
        for one is still right for the other.
        """
        if self._pinned_connection() is not None:
            return _revision_token(self._pinned.figures)
        with _errors("cannot read the store's revision"), self._statement() as connection:
            figures = connection.execute(queries.REVISION).one()
        return _revision_token(tuple(figures))

    def delete_document(self, doc_id: str) -> bool:
        """Delete a document and its events; False when there is no such document."""
        with _errors(f"cannot delete document {doc_id}"), self._write() as session:
            model = session.get(DocumentModel, doc_id)
            if model is None:
                return False
            previous = before_replacing(session, doc_id)
            # Its events, their actors, evidence and link nodes go with it (ON DELETE CASCADE).
            session.execute(
                delete(DocumentModel).where(DocumentModel.id == doc_id),
                execution_options={"synchronize_session": False},
            )
            # the incidents they were part of, without them (or gone with them)
            recluster(session, previous.components, previous)
            return True

    def stats(self) -> StoreStats:
        with _errors("cannot count the store's contents"), self._read() as session:
            return queries.stats(session)

    def check(self) -> list[Problem]:
        """Every integrity rule the store breaks (marsad.store.check); [] when sound."""
        with _errors("cannot check the store"):
            return check_store(self._engine)


LISTINGS_BATCH = 1000  # events rendered and updated per transaction
PROGRESS_EVERY_S = 10.0  # how often a long fill of the list JSON says how far it is
_STALE_LISTINGS = (
    select(EventModel.id)
    # "<" or ">", not "!=": two ranges of the listing_format index
    .where(or_(EventModel.listing_format.is_(None), EventModel.listing_format < LISTING_FORMAT,
               EventModel.listing_format > LISTING_FORMAT))
)
_SET_LISTING = (
    update(EventModel)
    .where(EventModel.id == bindparam("event_id"))
    .values(listing=bindparam("rendered"), listing_format=LISTING_FORMAT)
)


def _fill_listings(engine: Engine) -> None:
    """Render the stored JSON of the events that lack this version's (stored before
    migration 0008, or by a version with another listing.LISTING_FORMAT), a batch per
    transaction; a read-only or busy store is left as it is (its pages render them when
    read, as before)."""
    filled = 0
    told = time.monotonic()
    try:
        while True:
            with engine.begin() as connection:
                ids = list(connection.execute(_STALE_LISTINGS.limit(LISTINGS_BATCH)).scalars())
                rendered = _rendered(connection, ids) if ids else {}
                if rendered:
                    connection.execute(_SET_LISTING, [
                        {"event_id": event_id, "rendered": listing}
                        for event_id, listing in rendered.items()])
            filled += len(rendered)
            if len(ids) < LISTINGS_BATCH or not rendered:
                break
            if filled == len(rendered) or time.monotonic() - told > PROGRESS_EVERY_S:
                # the first open of a large store stored by an older version takes a while
                log.info("storing the list JSON of the events stored without it: %d so far",
                         filled)
                told = time.monotonic()
    except SQLAlchemyError as error:
        log.warning("cannot store the events' list JSON (%s): pages render it when read",
                    reason(error))
    if filled:
        log.info("stored the list JSON of %d events", filled)


def _refresh_statistics(engine: Engine) -> None:
    """Give SQLite's planner row statistics (PostgreSQL's autovacuum keeps its own).

    Without them SQLite walks a filter's index and sorts every match ("country = IQ":
    60,000 rows for a page of 50); with them it walks the list-order index and stops after
    the page. ANALYZE reads every index (about 0.1 s per 100,000 events), so it runs only
    when there are no statistics yet or the events table has grown or shrunk by half since.
    """
    if engine.dialect.name != "sqlite":
        return
    try:
        with engine.begin() as connection:
            rows = connection.exec_driver_sql("SELECT count(*) FROM events").scalar() or 0
            if rows < 1000:
                return  # any plan is fast on a small store
            analysed = connection.exec_driver_sql(
                "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'"
            ).scalar()
            known = (
                connection.exec_driver_sql(
                    "SELECT stat FROM sqlite_stat1 WHERE tbl = 'events' LIMIT 1"
                ).scalar()
                if analysed
                else None
            )
            counted = int(str(known).split()[0]) if known else 0
            if counted and 2 * counted // 3 <= rows <= 3 * counted // 2:
                return
            connection.exec_driver_sql("ANALYZE")
    except SQLAlchemyError:
        pass  # a read-only file or a busy writer: plans are slower, answers the same


def _revision_token(figures: tuple[Any, ...]) -> str:
    return hashlib.sha256(repr(figures).encode()).hexdigest()[:20]


def _column_parts(connection: Connection, rows: Sequence[Row[Any]]) -> list[EventColumns]:
    """Event rows with their actors and evidence rows: two queries for any number.

    Actors come in (role, ordinal) order and evidence in ordinal order, as stored.
    """
    if not rows:
        return []
    ids = [row.id for row in rows]
    actors: dict[int, list[Row[Any]]] = {i: [] for i in ids}
    evidence: dict[int, list[Row[Any]]] = {i: [] for i in ids}
    for actor in connection.execute(queries.ACTORS_OF_EVENTS, {"ids": ids}).all():
        actors[actor.event_id].append(actor)
    for item in connection.execute(queries.EVIDENCE_OF_EVENTS, {"ids": ids}).all():
        evidence[item.event_id].append(item)
    return [EventColumns(row, actors[row.id], evidence[row.id]) for row in rows]


def _rows_of(connection: Connection, ids: Sequence[int]) -> Sequence[Row[Any]]:
    """The event rows (queries.EVENTS_OF_IDS) of ids, in the list's order."""
    return connection.execute(queries.EVENTS_OF_IDS, {"ids": list(ids)}).all() if ids else []


def _items(connection: Connection, ids: Sequence[int]) -> list[bytes]:
    """The JSON of the events of ids, in the list's order: as stored, or rendered from
    their columns where stored by another version (or before 0008)."""
    if not ids:
        return []
    rows = connection.execute(queries.LISTINGS_OF_IDS, {"ids": list(ids)}).all()
    stale = [row.id for row in rows if row.listing_format != LISTING_FORMAT]
    rendered = _rendered(connection, stale) if stale else {}
    return [item_json(row.id, row._mapping, rendered.get(row.id) or row.listing)
            for row in rows]


def _rendered(connection: Connection, ids: Sequence[int]) -> dict[int, str]:
    """The listing of each event of ids, from its columns (listing.py's rendering)."""
    return {parts.row.id: listing_json(parts.row._mapping, (a._mapping for a in parts.actors),
                                       (e._mapping for e in parts.evidence))
            for parts in _column_parts(connection, _rows_of(connection, ids))}


def _with_parts(connection: Connection, rows: Sequence[Row[Any]]) -> list[EventRow]:
    """Event rows completed with their actors and evidence: two queries for any number."""
    return [event_row_from_columns(*parts) for parts in _column_parts(connection, rows)]


def _retry_on_conflict(attempt: Callable[[], T]) -> T:
    try:
        return attempt()
    except IntegrityError:
        # Another writer may have stored the same document (or registry entry) between our
        # look-up and our insert; a second attempt finds its rows. A genuinely bad record
        # fails the same way again and is reported.
        return attempt()


def _replace_events(session: Session, document_id: str, events: Sequence[Event]) -> list[int]:
    """The document's events replaced by these; their ids, in order."""
    # Their actors, evidence and link nodes go with them (ON DELETE CASCADE).
    session.execute(
        delete(EventModel).where(EventModel.document_id == document_id),
        execution_options={"synchronize_session": False},
    )
    ensure_entries(session, events)
    session.flush()  # the document and new registry entries: the rows below refer to them
    if not events:
        return []
    rows = [event_rows(event, document_id, i) for i, event in enumerate(events)]
    ids = list(session.scalars(
        insert(EventModel).returning(EventModel.id, sort_by_parameter_order=True),
        [row.event for row in rows], execution_options=ALL_ROWS_AT_ONCE,
    ))
    children = ((EventActorModel, [row.actors for row in rows]),
                (EvidenceModel, [row.evidence for row in rows]),
                (EventTermModel, [row.terms for row in rows]))
    for model, of_each_event in children:
        values = [{**child, "event_id": event_id}
                  for event_id, rows_of_event in zip(ids, of_each_event, strict=True)
                  for child in rows_of_event]
        insert_rows(session, model, values)
    return ids


def _replace_and_link(session: Session, doc: DocumentModel, events: Sequence[Event]) -> int:
    """Replace the document's events and link them against the store, in one transaction:
    the incidents they were part of are clustered again without them, and with the new."""
    previous = before_replacing(session, doc.id)
    ids = _replace_events(session, doc.id, events)
    link_document(session, _link_document(doc), events, ids, previous)
    session.execute(filter_index.PRUNE_CHANGES)
    return len(events)


def _claim_source(row: EventRow) -> ClaimSource:
    return ClaimSource(document_id=row.document_id, source=row.document_source,
                       url=row.document_url, published=row.published, event_id=row.id)


def _link_document(doc: DocumentModel) -> LinkDocument:
    return LinkDocument(id=doc.id, text=doc.text, title=doc.title, source=doc.source,
                        url=doc.url, published=doc.published, lang=doc.lang)


def _check_extraction(extraction: str, events: Sequence[Event]) -> None:
    if extraction not in EXTRACTION_STATES:
        raise ValueError(f"extraction must be one of {EXTRACTION_STATES}, not {extraction!r}")
    if extraction == NO_PROFILE and events:
        raise ValueError("a document without an extraction profile has no events")


def _keep_text_of_events(stored: DocumentModel, doc: Document) -> None:
    """Make the stored text the one the new events' character offsets point into.

    Another copy (same normalised text, other quotes or line breaks) or an edited version
    at the same url is the same document, but offsets into its text are not offsets into
    the stored one. The document keeps its id, url and metadata.
    """
    if stored.text != doc.text:
        stored.text = doc.text
        stored.content_hash = doc.content_hash


def _event_count(session: Session, document_id: str) -> int:
    return session.scalar(select(queries.event_count_of(document_id))) or 0


def _now() -> datetime:
    return datetime.now(UTC)

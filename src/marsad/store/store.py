"""The Store: save documents with their events, and read them back."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from types import TracebackType
from typing import TypeVar

from sqlalchemy import Engine, delete, or_, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from marsad.errors import StoreError
from marsad.store import queries
from marsad.store.engine import connect, reason, shown
from marsad.store.mapping import document_model, document_row, event_model, event_row
from marsad.store.migrate import upgrade
from marsad.store.models import DocumentModel, EventModel
from marsad.store.records import DocumentRow, EventFilters, EventRow, SaveResult, StoreStats
from marsad.store.registry import ensure_entries
from marsad.store.url import resolve_url
from marsad.types import Document, Event

T = TypeVar("T")


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

    @classmethod
    def open(cls, url: str | None = None) -> Store:
        """Connect (creating a SQLite file if needed) and migrate the schema to this version."""
        engine = connect(resolve_url(url))
        try:
            upgrade(engine)
        except BaseException:
            engine.dispose()
            raise
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

    def save(self, doc: Document, events: Sequence[Event]) -> SaveResult:
        """Store doc (once: same url or same text is the same document) with exactly events.

        A document already stored keeps its id; its text becomes doc.text, the text the
        events' offsets refer to. One transaction: on any error nothing of this call is kept.
        """
        with _errors(f"cannot save document {doc.id} ({doc.origin})"):
            return _retry_on_conflict(lambda: self._save(doc, events))

    def add_document(self, doc: Document) -> SaveResult:
        """Store doc if new; its events, if any, are left as they are."""
        with _errors(f"cannot save document {doc.id} ({doc.origin})"):
            return _retry_on_conflict(lambda: self._add(doc))

    def replace_events(self, document_id: str, events: Sequence[Event]) -> int:
        """Make events the document's only events; returns how many were stored."""
        with _errors(f"cannot store events of document {document_id}"), self._write() as session:
            if session.get(DocumentModel, document_id) is None:
                raise StoreError(f"cannot store events: no document {document_id!r}")
            return _replace_events(session, document_id, events)

    def _add(self, doc: Document) -> SaveResult:
        with self._write() as session:
            existing = self._find(session, doc.url, doc.content_hash)
            if existing is not None:
                return SaveResult(existing, created=False, events=_event_count(session, existing))
            session.add(document_model(doc, _now()))
            return SaveResult(doc.id, created=True, events=0)

    def _save(self, doc: Document, events: Sequence[Event]) -> SaveResult:
        with self._write() as session:
            existing = self._find(session, doc.url, doc.content_hash)
            if existing is None:
                session.add(document_model(doc, _now()))
                session.flush()
            else:
                _keep_text_of_events(session.get_one(DocumentModel, existing), doc)
            document_id = existing or doc.id
            count = _replace_events(session, document_id, events)
            return SaveResult(document_id, created=existing is None, events=count)

    @contextmanager
    def _write(self) -> Iterator[Session]:
        # session.begin() commits on success and rolls back on any exception.
        with self._sessions() as session, session.begin():
            yield session

    # --- reading ---------------------------------------------------------------------

    def find_document(self, url: str | None, content_hash: str) -> str | None:
        """The id of the stored document with this text, or else this url; None if neither."""
        with _errors("cannot look up document"), self._sessions() as session:
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
        with _errors("cannot list documents"), self._sessions() as session:
            return [document_row(model, count) for model, count in session.execute(query)]

    def document(self, doc_id: str) -> DocumentRow | None:
        """The document with this id, or with this unique id prefix; None if there is none.

        Raises StoreError when the prefix matches several documents.
        """
        with _errors(f"cannot read document {doc_id}"), self._sessions() as session:
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
        query = queries.events_select(filters or EventFilters(), limit, offset)
        with _errors("cannot list events"), self._sessions() as session:
            return [event_row(model, document) for model, document in session.execute(query)]

    def stats(self) -> StoreStats:
        with _errors("cannot count the store's contents"), self._sessions() as session:
            return queries.stats(session)


def _retry_on_conflict(attempt: Callable[[], T]) -> T:
    try:
        return attempt()
    except IntegrityError:
        # Another writer may have stored the same document (or registry entry) between our
        # look-up and our insert; a second attempt finds its rows. A genuinely bad record
        # fails the same way again and is reported.
        return attempt()


def _replace_events(session: Session, document_id: str, events: Sequence[Event]) -> int:
    # Their actors and evidence go with them (ON DELETE CASCADE).
    session.execute(
        delete(EventModel).where(EventModel.document_id == document_id),
        execution_options={"synchronize_session": False},
    )
    ensure_entries(session, events)
    session.add_all(event_model(event, document_id, i) for i, event in enumerate(events))
    session.flush()
    return len(events)


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

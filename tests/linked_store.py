"""Saving the invented link reports (link_reports.py) into a real store, as `marsad run`
would: each a document with its events."""

from __future__ import annotations

from datetime import UTC, datetime

from marsad.link import LinkDocument
from marsad.store import Store
from marsad.types import Document, Event, content_hash


def as_document(link_doc: LinkDocument) -> Document:
    digest = content_hash(link_doc.text)
    return Document(id=Document.make_id(digest), url=f"https://news.example/{link_doc.id}",
                    source=link_doc.source, title=None, published=link_doc.published,
                    lang="en", text=link_doc.text, raw_format="text",
                    fetched_at=datetime(2024, 3, 12, tzinfo=UTC), content_hash=digest,
                    origin=f"{link_doc.id}.txt", source_id=link_doc.id)


def save_reports(store: Store, reports: list[tuple[str, str, LinkDocument, list[Event]]]
                 ) -> None:
    for _, _, doc, events in reports:
        store.save(as_document(doc), events)

"""Builders of documents and events for the store's tests, and a raw row counter."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import create_engine, func, select, table
from sqlalchemy.pool import NullPool

from marsad.types import ActorRef, Document, Event, Span, content_hash

TABLES = ("documents", "events", "event_actors", "evidence", "actors", "places")


def build_document(
    text: str = "Rockets struck Ain al-Asad air base on Friday, causing no casualties.",
    *,
    url: str | None = "https://news.example/a",
    source: str | None = "Example News",
    published: date | None = date(2023, 12, 10),
    lang: str | None = "en",
    title: str | None = "Rockets hit base",
) -> Document:
    digest = content_hash(text)
    return Document(
        id=Document.make_id(digest),
        url=url,
        source=source,
        title=title,
        published=published,
        lang=lang,
        text=text,
        raw_format="text",
        fetched_at=datetime(2023, 12, 10, 8, 30, tzinfo=UTC),
        content_hash=digest,
        origin="corpus/a.txt",
        published_from="metadata",
    )


def build_event(sentence: str = "Rockets struck the base.", **fields: Any) -> Event:
    defaults: dict[str, Any] = {
        "kind": "incident",
        "category": "ASSAULT",
        "evidence": Span(0, len(sentence), sentence),
        "actors": (ActorRef("militants"),),
    }
    return Event(**{**defaults, **fields})


@pytest.fixture
def make_document() -> Callable[..., Document]:
    return build_document


@pytest.fixture
def make_event() -> Callable[..., Event]:
    return build_event


@pytest.fixture
def count_rows(store_url: str) -> Callable[[], dict[str, int]]:
    """Row counts of every table, read on a connection of its own (not the store's)."""

    def counts() -> dict[str, int]:
        engine = create_engine(store_url, poolclass=NullPool)
        try:
            with engine.connect() as connection:
                return {
                    name: connection.scalar(select(func.count()).select_from(table(name))) or 0
                    for name in TABLES
                }
        finally:
            engine.dispose()

    return counts

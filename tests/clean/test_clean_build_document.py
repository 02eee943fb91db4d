from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from marsad.clean import build_document
from marsad.errors import InputError
from marsad.types import Document, content_hash

TITLE = "Drone strike kills faction commander in Baghdad"
BODY = (
    "A drone strike killed a commander of an armed faction and his companion in eastern "
    "Baghdad on Thursday (January 4, 2024), security sources said.\n\n"
    "The faction accused the US-led coalition of carrying out the strike."
)
WIRE = f"{TITLE}\n\n{TITLE}\n\nMesopotamia Post / {BODY}\n\nMP Live\nMP Live\nShare this:\n"
CLEAN = f"Mesopotamia Post / {BODY}"


def test_scraped_wire_report() -> None:
    document = build_document(text=WIRE, raw_format="text", origin="wire.txt")
    assert document.text == CLEAN
    assert document.title == TITLE
    assert document.source == "Mesopotamia Post"
    assert document.published == date(2024, 1, 4)
    assert document.published_from == "text"
    assert document.lang == "en"
    assert document.id == Document.make_id(content_hash(CLEAN))
    assert document.content_hash == content_hash(CLEAN)
    assert document.origin == "wire.txt"
    assert document.fetched_at.tzinfo is UTC


def test_date_priority_given_then_metadata_then_text() -> None:
    given = build_document(
        text=BODY, raw_format="json", origin="x", published="2024-01-05", meta_date="2024-01-06"
    )
    assert (given.published, given.published_from) == (date(2024, 1, 5), "given")
    meta = build_document(text=BODY, raw_format="html", origin="x", meta_date=date(2024, 1, 6))
    assert (meta.published, meta.published_from) == (date(2024, 1, 6), "metadata")
    unparsable = build_document(text=BODY, raw_format="json", origin="x", published="soon")
    assert (unparsable.published, unparsable.published_from) == (date(2024, 1, 4), "text")


def test_no_date_anywhere_is_unknown() -> None:
    text = "Rockets hit the base on Sunday, officials said, causing no casualties."
    document = build_document(text=text, raw_format="text", origin="x")
    assert (document.published, document.published_from) == (None, "unknown")


def test_given_metadata_wins_over_hints() -> None:
    fetched = datetime(2024, 1, 5, 12, tzinfo=UTC)
    document = build_document(
        text=WIRE,
        raw_format="html",
        origin="x",
        title=f"  {TITLE} ",
        url="https://mp.example/a/1",
        source="The Mesopotamia Post",
        fetched_at=fetched,
    )
    assert document.source == "The Mesopotamia Post"
    assert document.url == "https://mp.example/a/1"
    assert document.title == TITLE
    assert document.fetched_at == fetched


@pytest.mark.parametrize("text", ["Share this:\nRead more\n", "<\n---\n2024"])
def test_nothing_left_after_cleaning(text: str) -> None:
    with pytest.raises(InputError) as caught:
        build_document(text=text, raw_format="text", origin="x.txt")
    assert caught.value.origin == "x.txt"

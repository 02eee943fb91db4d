"""pipeline.process on a folder holding an article in a language with no extraction profile.

The extractor here is the real one (`marsad.stages.document_extractor()`), wrapped by a
small function that has no profile for Arabic: what the pipeline does with such a document
does not depend on which languages the extractor supports today.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from articles import write_mixed_folder
from marsad.errors import InputError, UnsupportedLanguage
from marsad.pipeline import Progress, process
from marsad.stages import DocumentExtractor, document_extractor
from marsad.store import EXTRACTED, NO_PROFILE, Store
from marsad.types import Document, Event


@cache
def real_extractor() -> DocumentExtractor:
    return document_extractor()


def no_arabic_profile(doc: Document) -> list[Event]:
    if doc.lang == "ar":
        raise UnsupportedLanguage(doc.lang)
    return real_extractor()(doc)


def arabic_profile_added(doc: Document) -> list[Event]:
    """Later, with an Arabic profile (that finds nothing in this article)."""
    return [] if doc.lang == "ar" else real_extractor()(doc)


class Recorded(Progress):
    """What process reports as it goes, kept for the test to read."""

    def __init__(self) -> None:
        self.errors: list[InputError] = []
        self.unsupported_docs: list[tuple[str, str]] = []

    def error(self, error: InputError) -> None:
        self.errors.append(error)

    def unsupported(self, document: Document, reason: UnsupportedLanguage) -> None:
        self.unsupported_docs.append((Path(document.origin).name, str(reason)))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_mixed_folder(tmp_path / "articles")


@pytest.fixture
def store(tmp_path: Path):
    with Store.open(f"sqlite:///{tmp_path / 'marsad.db'}") as opened:
        yield opened


def by_lang(store: Store) -> dict[str | None, tuple[int, str | None]]:
    return {row.lang: (row.event_count, row.extraction) for row in store.documents()}


def test_a_document_without_profile_is_stored_without_events_and_reported(
    folder: Path, store: Store
) -> None:
    progress = Recorded()
    report = process([str(folder)], store, extractor=no_arabic_profile, progress=progress)
    assert not report.failed and progress.errors == []
    assert (report.documents_read, report.documents_new) == (2, 2)
    assert report.unsupported == {"ar": 1} and report.documents_unsupported == 1
    assert progress.unsupported_docs == [("ar.txt", "language ar: no extraction profile")]
    stored = by_lang(store)
    assert stored["ar"] == (0, NO_PROFILE)
    english_events, english_state = stored["en"]
    assert english_events > 0 and english_state == EXTRACTED
    assert report.events_stored == english_events
    assert store.stats().documents_without_profile == {"ar": 1}


def test_it_is_skipped_like_any_stored_document_and_extracted_again_on_reprocess(
    folder: Path, store: Store
) -> None:
    process([str(folder)], store, extractor=no_arabic_profile)
    again = process([str(folder)], store, extractor=no_arabic_profile)
    assert (again.documents_known, again.unsupported, again.failed) == (2, {}, False)
    # A profile for Arabic now exists: --reprocess extracts the document again.
    redone = process([str(folder)], store, extractor=arabic_profile_added, reprocess=True)
    assert (redone.documents_known, redone.unsupported, redone.failed) == (2, {}, False)
    assert by_lang(store)["ar"] == (0, EXTRACTED)
    assert store.stats().documents_without_profile == {}


def test_an_undetected_language_is_counted_as_unknown(folder: Path, store: Store) -> None:
    def no_profile_at_all(doc: Document) -> list[Event]:
        raise UnsupportedLanguage(None)

    report = process([str(folder / "en.txt")], store, extractor=no_profile_at_all)
    assert (report.unsupported, report.failed) == ({"unknown": 1}, False)
    assert by_lang(store)["en"] == (0, NO_PROFILE)

"""The main job: sources -> documents -> events -> store, one document at a time.

The CLI, the API and batch jobs all call `process`, so there is one implementation of the
pipeline. Each document is stored with its events in one transaction; a bad input is
recorded and the batch goes on. A document in a language with no extraction profile is
stored without events, marked as such, and reported: it is not a failure.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from marsad.errors import InputError, UnsupportedLanguage
from marsad.ingest import ReadOptions, discover, read
from marsad.store import NO_PROFILE, Store
from marsad.types import Document, Event

Extractor = Callable[[Document], Sequence[Event]]


@dataclass
class RunReport:
    """What one batch did, for the summary line and the exit code."""

    sources: int = 0
    documents_read: int = 0
    documents_new: int = 0
    documents_known: int = 0
    events_stored: int = 0
    errors: list[InputError] = field(default_factory=list)
    # Documents stored without events because their language has no extraction profile,
    # by language ("unknown" when it could not be detected). Not failures.
    unsupported: dict[str, int] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        return bool(self.errors)

    @property
    def documents_unsupported(self) -> int:
        return sum(self.unsupported.values())


class Progress:
    """What `process` reports as it goes; the CLI draws it as a rich progress bar."""

    def start(self, total: int) -> None: ...
    def advance(self, source: str) -> None: ...
    def error(self, error: InputError) -> None: ...
    def unsupported(self, document: Document, reason: UnsupportedLanguage) -> None: ...


def process(
    inputs: Sequence[str],
    store: Store,
    *,
    extractor: Extractor | None,
    options: ReadOptions | None = None,
    reprocess: bool = False,
    progress: Progress | None = None,
) -> RunReport:
    """Read every input, extract events (when an extractor is given) and store both.

    A document already in the store is not extracted again unless `reprocess` is set;
    re-processing replaces its events in one transaction.
    """
    progress = progress or Progress()
    options = options or ReadOptions()
    report = RunReport()
    sources, missing = discover(inputs)
    for error in missing:
        _record(report, progress, error)
    report.sources = len(sources) + len(missing)
    progress.start(len(sources))
    for source in sources:
        try:
            for document in read(source, options):
                report.documents_read += 1
                _store_one(document, store, extractor, reprocess, report, progress)
        except InputError as error:
            _record(report, progress, error)
        except Exception as error:  # a bug must not lose the rest of the batch
            _record(report, progress, InputError(source, f"unexpected error: {error!r}"))
        progress.advance(source)
    return report


def _store_one(
    document: Document,
    store: Store,
    extractor: Extractor | None,
    reprocess: bool,
    report: RunReport,
    progress: Progress,
) -> None:
    if extractor is None:
        result = store.add_document(document)  # finds a stored copy itself
    elif not reprocess and store.find_document(document.url, document.content_hash):
        # Known already: skip the extraction, the expensive part.
        report.documents_known += 1
        return
    else:
        try:
            events = extractor(document)
        except UnsupportedLanguage as unsupported:
            # Stored and marked, never silently given zero events: `--reprocess` extracts
            # it again once its language has a profile.
            result = store.save(document, [], extraction=NO_PROFILE)
            lang = unsupported.lang or "unknown"
            report.unsupported[lang] = report.unsupported.get(lang, 0) + 1
            progress.unsupported(document, unsupported)
        except Exception as error:
            raise InputError(document.origin, f"extraction failed: {error!r}") from error
        else:
            result = store.save(document, events)
            report.events_stored += result.events
    if result.created:
        report.documents_new += 1
    else:
        report.documents_known += 1


def _record(report: RunReport, progress: Progress, error: InputError) -> None:
    report.errors.append(error)
    progress.error(error)

"""Evaluating several gold files at once: each file's reports, and their sum over all documents.

A file that fails to load is kept with its error and the others are still scored, so one
bad line in one converted set does not hide the figures of the rest.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.evaluate.gold import GoldDocument, GoldError, gold_files, read_gold_file
from marsad.evaluate.linking import Linker
from marsad.evaluate.report import Report
from marsad.evaluate.runner import (
    WITH_PUBLISHED,
    WITHOUT_PUBLISHED,
    Predictor,
    Tick,
    evaluate_both,
)

# a file's documents, or why none loaded; and the lines skipped as broken
Loaded = tuple[Path, list[GoldDocument] | GoldError, list[GoldError]]


@dataclass(frozen=True, slots=True)
class FileResult:
    path: Path
    documents: int
    reports: dict[str, Report]  # by run label; empty when the file failed to load
    error: GoldError | None = None
    skipped: tuple[GoldError, ...] = ()  # broken lines left out, the rest scored


@dataclass(slots=True)
class Suite:
    files: list[FileResult] = field(default_factory=list)
    # micro over every document of the files that loaded
    overall: dict[str, Report] = field(
        default_factory=lambda: {
            label: Report(label=label, use_published=label == WITH_PUBLISHED)
            for label in (WITH_PUBLISHED, WITHOUT_PUBLISHED)
        }
    )

    @property
    def errors(self) -> list[GoldError]:
        """Files that did not load, and the broken lines of those that did."""
        return [e for f in self.files for e in ([f.error] if f.error else []) + list(f.skipped)]

    def to_json(self) -> dict[str, Any]:
        """The per-file figures under "files"; the overall ones under "runs", where a
        single file's JSON has them, so floors and other readers work on both."""
        return {
            "files": {str(f.path): _file_json(f) for f in self.files},
            "documents": sum(f.documents for f in self.files),
            "runs": {label: report.to_json() for label, report in self.overall.items()},
            "load_errors": [
                {"gold": str(f.path), "origin": e.origin, "reason": e.reason}
                for f in self.files
                for e in ([f.error] if f.error is not None else []) + list(f.skipped)
            ],
        }


def expand(paths: Sequence[Path]) -> list[Path]:
    """The gold files of the paths given (a folder: its *.jsonl), each once, in order."""
    return list(dict.fromkeys(file for path in paths for file in gold_files(Path(path))))


def load_files(files: Sequence[Path]) -> list[Loaded]:
    """Each file's documents, or the error that stopped its loading."""
    loaded: list[Loaded] = []
    for file in files:
        try:
            docs, skipped = read_gold_file(file)
        except (OSError, UnicodeDecodeError) as exc:
            loaded.append((file, GoldError(str(file), f"cannot read: {exc}"), []))
            continue
        if not docs and skipped:
            loaded.append((file, skipped[0], skipped[1:]))
        else:
            loaded.append((file, docs, skipped))
    return loaded


def evaluate_files(
    loaded: Sequence[Loaded],
    predict: Predictor,
    *,
    progress: Tick | None = None,
    link: Linker | None = None,
) -> Suite:
    """Both runs on each loaded file, and their sum."""
    suite = Suite()
    for path, docs, skipped in loaded:
        if isinstance(docs, GoldError):
            suite.files.append(FileResult(path, 0, {}, docs, tuple(skipped)))
            continue
        reports = evaluate_both(docs, predict, progress=progress, link=link)
        for label, report in reports.items():
            suite.overall[label].merge(report, key=str(path))
        suite.files.append(FileResult(path, len(docs), reports, skipped=tuple(skipped)))
    return suite


def _file_json(result: FileResult) -> dict[str, Any]:
    if result.error is not None:
        return {"error": str(result.error)}
    runs = {label: report.to_json() for label, report in result.reports.items()}
    out: dict[str, Any] = {"documents": result.documents, "runs": runs}
    if result.skipped:
        out["skipped"] = [str(e) for e in result.skipped]
    return out

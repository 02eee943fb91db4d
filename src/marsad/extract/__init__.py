"""The extract stage: events with roles, places, dates, tolls, attribution and evidence.

    from marsad.extract import extract
    events = extract("Gunmen opened fire on a checkpoint in Kirkuk on Sunday, killing two "
                     "policemen, police said.", published=date(2024, 1, 7))
"""

from __future__ import annotations

import sys
import types
from collections.abc import Iterable, Sequence
from datetime import date

from marsad.analyse import analyse_many
from marsad.clean.published import date_from_text
from marsad.extract.document import build_events
from marsad.extract.lexicon import triggers
from marsad.types import Document, Event


def _parse_if(text: str) -> bool:
    # Only sentences that carry a trigger go through the parser and NER.
    return triggers().might_trigger(text)


def extract(text: str, published: date | None = None) -> list[Event]:
    """The events of one text; `published` anchors relative dates ("on Sunday")."""
    return extract_many([text], [published])[0]


def extract_many(texts: Sequence[str],
                 published: Iterable[date | None] | None = None) -> list[list[Event]]:
    """Events of many texts at once (batched through the NLP pipeline: faster)."""
    dates = list(published) if published is not None else [None] * len(texts)
    # Without a publication date, the article's own dateline ("on Saturday (January 6,
    # 2024)") is the best anchor for its relative dates, as the clean stage does for files.
    dates = [d if d is not None else date_from_text(t) for t, d in zip(texts, dates, strict=True)]
    analyses = analyse_many(texts, _parse_if)
    return [build_events(a, d) for a, d in zip(analyses, dates, strict=True)]


def extract_document(doc: Document) -> list[Event]:
    """The events of a cleaned document (the pipeline's extractor)."""
    return extract(doc.text, doc.published)


class _CallableModule(types.ModuleType):
    """`marsad.extract(text)` must work however this package was reached.

    Importing the subpackage marsad.extract binds the name `extract` on the marsad package
    to this module, hiding the function of the same name; so the module itself is callable
    and calls the function.
    """

    def __call__(self, text: str, published: date | None = None) -> list[Event]:
        return extract(text, published)


sys.modules[__name__].__class__ = _CallableModule

__all__ = ["extract", "extract_document", "extract_many"]

"""The stages composed for texts: analyse -> extract -> resolve.

    marsad.events("Gunmen killed two policemen in Kirkuk on Monday.", date(2024, 1, 8))
    marsad.geoparse("Rockets hit Ain al-Asad air base in Anbar province.")

The batch job (`pipeline.process`), the CLI, the API and the evaluation all call these, so
there is one composition of the stages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime

from marsad.analyse import analyse, analyse_many
from marsad.clean.published import date_from_text, iso_date
from marsad.context import Context, make_context
from marsad.extract import extract, might_trigger
from marsad.extract.toponyms import find_toponyms
from marsad.packs import DEFAULT_PACK
from marsad.resolve import resolve
from marsad.resolve.geocode import GeoContext
from marsad.resolve.geoparse import geoparse_places
from marsad.sections import extract_in_sections
from marsad.types import Document, Event, PlaceMention

DocumentExtractor = Callable[[Document], list[Event]]
# A text whose language is too short or too mixed to tell is read as English, the
# language of most sources and of the default profile.
DEFAULT_LANGUAGE = "en"


PublishedDate = date | str | None


def events(text: str, published: PublishedDate = None, *,
           packs: Sequence[str] = (DEFAULT_PACK,),
           lang: str | None = DEFAULT_LANGUAGE) -> list[Event]:
    """The events of one text; `published` (a date, or an ISO 8601 string such as
    "2024-01-08" or "2024-01-08T10:30:00Z") anchors relative dates ("on Sunday")."""
    return events_many([text], [published], packs=packs, lang=lang)[0]


def events_many(texts: Sequence[str], published: Iterable[PublishedDate] | None = None, *,
                packs: Sequence[str] = (DEFAULT_PACK,),
                lang: str | None = DEFAULT_LANGUAGE) -> list[list[Event]]:
    """Events of many texts in one language at once (batched through the NLP pipeline).

    Raises PackError for an unknown or invalid pack, UnsupportedLanguage for a language
    with no extraction profile, ValueError for a publication date that is not one."""
    ctx = make_context(packs, lang or DEFAULT_LANGUAGE)
    dates = None if published is None else [as_date(d) for d in published]
    return _events(ctx, texts, dates)


def as_date(value: PublishedDate) -> date | None:
    """A publication date given as a date, a datetime or an ISO 8601 string."""
    if value is None or isinstance(value, date):
        return value.date() if isinstance(value, datetime) else value
    if isinstance(value, str):
        if (day := iso_date(value.strip())) is None:
            raise ValueError(f"publication date {value!r} is not an ISO 8601 date")
        return day
    raise TypeError(f"publication date must be a date or an ISO 8601 string, not "
                    f"{type(value).__name__}")


def _events(ctx: Context, texts: Sequence[str],
            published: Iterable[date | None] | None) -> list[list[Event]]:
    dates = list(published) if published is not None else [None] * len(texts)
    # Without a publication date, the article's own dateline ("on Saturday (January 6,
    # 2024)") is the best anchor for its relative dates, as the clean stage does for files.
    dates = [d if d is not None else date_from_text(t) for t, d in zip(texts, dates, strict=True)]
    analyses = analyse_many(texts, lambda sentence: might_trigger(ctx, sentence))
    out = []
    for analysis, day in zip(analyses, dates, strict=True):
        doc_ctx = ctx.for_text(day)
        out.append(resolve(doc_ctx, extract(doc_ctx, analysis)))
    return out


def document_extractor(packs: Sequence[str] = (DEFAULT_PACK,)) -> DocumentExtractor:
    """The pipeline's extractor with the named packs (PackError for an unknown pack).

    The extractor raises `marsad.errors.UnsupportedLanguage` for a document whose language
    has no extraction profile."""
    make_context(packs, DEFAULT_LANGUAGE)  # fail now on a bad pack, not on every document

    def extract_document(doc: Document) -> list[Event]:
        ctx = make_context(packs, doc.lang or DEFAULT_LANGUAGE)
        return extract_in_sections(
            doc.text, lambda text: _events(ctx, [text], [doc.published])[0]
        )

    return extract_document


def geoparse(text: str, *, context: GeoContext | None = None,
             packs: Sequence[str] = (DEFAULT_PACK,)) -> list[PlaceMention]:
    """Every toponym in `text`, resolved: spans from the NER, the packs' place names and the
    gazetteer (extract/toponyms.py), not only event locations."""
    ctx = make_context(packs, DEFAULT_LANGUAGE)
    spans = find_toponyms(ctx, analyse(text))
    return geoparse_places(text, spans, context=context, gazetteer=ctx.gazetteer)

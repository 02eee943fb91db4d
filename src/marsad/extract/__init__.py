"""The extract stage: from an analysed text to its event drafts.

    drafts = extract(ctx, analysis)     # DocumentDrafts: mentions, times, place readings

Frames with roles from the trigger lexicons (frames.py), merged into one draft per event
(drafting.py, merging.py), their fields read from the text (fields.py), their category read
again by a learned model from the trigger's clause (second_reading.py). Nothing here
resolves: actors, places and dates are the resolve stage's (marsad.resolve).
"""

from __future__ import annotations

from marsad.analyse import Analysis
from marsad.context import Context
from marsad.extract.drafting import read_drafts
from marsad.extract.fields import freeze
from marsad.extract.focus import document_focus, top_country
from marsad.extract.headlines import headline_paragraphs, restate_headlines
from marsad.extract.lexicon import triggers
from marsad.extract.merging import dedupe_statements
from marsad.extract.places import dateline_place
from marsad.extract.second_reading import second_reading
from marsad.extract.times import text_times
from marsad.extract.toponyms import find_toponyms
from marsad.types import DocumentDrafts


def might_trigger(ctx: Context, text: str) -> bool:
    """Whether a sentence may carry a trigger: only those go through the parser and NER."""
    return triggers(ctx.profile).might_trigger(text)


def extract(ctx: Context, analysis: Analysis, *, reread: bool = True) -> DocumentDrafts:
    """The event drafts of one analysed text, with what resolution needs of the document.

    `reread=False`: the lexicons' categories, without the learned second reading (for
    measuring that reading, as train/plover_classifier.py does)."""
    text = analysis.text
    focus = document_focus(ctx, analysis)
    headline = headline_paragraphs(ctx, analysis)
    drafts = read_drafts(ctx, analysis, top_country(focus), headline)
    kept = restate_headlines(ctx, analysis, dedupe_statements(drafts, frozenset(headline)),
                             headline)
    # without a publication date the text's own dates give the year
    times = text_times(ctx.profile, text) if ctx.published is None else ()
    frozen = freeze(ctx, text, kept)
    return DocumentDrafts(text, second_reading(ctx, frozen) if reread else frozen, focus, times,
                          dateline=dateline_place(analysis),
                          toponyms=tuple(find_toponyms(ctx, analysis)))


__all__ = ["extract", "might_trigger"]

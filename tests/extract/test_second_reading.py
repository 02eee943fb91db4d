"""The learned second reading of an event's category (extract/second_reading.py): the model
reads the trigger's own clause and overrules the lexicon only when confident; it never changes
an event's kind, adds or drops an event, or undoes a coding rule of CODING.md."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from marsad import events
from marsad.analyse import analyse
from marsad.context import make_context
from marsad.extract import extract, might_trigger
from marsad.extract.second_reading import CategoryReader, clause_tokens, second_reading
from marsad.resolve import resolve

PUBLISHED = date(2019, 6, 12)


def _drafts(text: str, reread: bool):
    ctx = make_context().for_text(PUBLISHED)
    analysis = analyse(text, lambda sentence: might_trigger(ctx, sentence))
    return ctx, extract(ctx, analysis, reread=reread)


@pytest.mark.parametrize(
    ("text", "lexicon", "read"),
    [
        # the trigger word says agreement; the clause says it failed
        ("The United States and South Korea failed to reach agreement on an elusive "
         "free-trade deal on Tuesday.", "AGREE", "REJECT"),
        ("Bangladesh says it will not accept any Rohingya refugees fleeing violence in "
         "Myanmar.", "AGREE", "REJECT"),
    ],
)
def test_the_clause_overrules_a_trigger_word_it_contradicts(text, lexicon, read):
    ctx, plain = _drafts(text, reread=False)
    assert [d.category for d in plain.drafts] == [lexicon]
    got = events(text, published=PUBLISHED)
    assert [(e.kind, e.category) for e in got] == [("statement", read)]
    reread = second_reading(ctx, plain.drafts)
    assert reread[0].category_by == "model" and plain.drafts[0].category_by == "lexicon"


def test_each_event_of_a_sentence_is_read_in_its_own_clause():
    # a sentence-level reading would give both the one category of the condemnation
    text = ("President Bush on Tuesday condemned the beheading of American hostage Eugene "
            "Armstrong in Baghdad.")
    assert {e.category for e in events(text, published=PUBLISHED)} == {"ACCUSE", "ASSAULT"}


def test_a_noun_trigger_is_read_without_its_relative_clause():
    ctx, plain = _drafts("Police arrested a man who had attacked a patrol in Mosul.", False)
    arrest = next(d for d in plain.drafts if d.category == "COERCE")
    words = [t.text for t in clause_tokens(ctx.profile, arrest.sentence, arrest.head)]
    assert "arrested" in words and "man" in words and "patrol" not in words


def test_a_coding_rule_is_not_undone_by_the_model():
    # CODING.md: violence by a crowd is a riot (PROTEST), whatever a news model calls it
    text = "A mob beat a suspected thief to death in Kano on Monday."
    got = events(text, published=PUBLISHED)
    assert [(e.kind, e.category) for e in got] == [("incident", "PROTEST")]


TEXTS = [
    "Gunmen killed two policemen at a checkpoint in Kirkuk on Monday.",
    "The minister urged Baghdad to protect foreign missions after rockets hit the embassy.",
    "Iran condemned the decision and threatened to withdraw from the talks.",
    "Troops withdrew from the town on Sunday as rebels agreed to a ceasefire.",
    "Hundreds of workers marched to parliament demanding higher wages.",
    "Police arrested three suspects over the bombing of a bus station in Quetta.",
]


def test_the_second_reading_keeps_every_event_and_its_kind():
    ctx = make_context().for_text(PUBLISHED)
    reader = CategoryReader(ctx.profile)
    for text in TEXTS:
        _, plain = _drafts(text, reread=False)
        reread = reader.reread(plain.drafts)
        assert [d.kind for d in reread] == [d.kind for d in plain.drafts], text
        assert len(resolve(ctx, replace(plain, drafts=reread))) == len(resolve(ctx, plain))
        for before, after in zip(plain.drafts, reread, strict=True):
            if after.category != before.category:
                assert after.category_by == "model"

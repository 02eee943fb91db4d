"""The speed-ups of the analyse stage change nothing but the time it takes.

- the trigger prefilter never refuses a sentence in which the lexicon matches after the parse;
- the dictionary-backed attribute ruler and numpy's BLAS give the same annotations as the
  stock spaCy pipeline, token by token.
"""

import spacy

from marsad.analyse import analyse_many, model
from marsad.analyse.profiles import profile_for
from marsad.extract import lexicon


def triggers() -> lexicon.Lexicon:
    return lexicon.triggers(profile_for("en"))

WIRE = [
    "Militants retook the town after a night of fighting, residents said.",
    "Insurgents fled the area after they were beaten back by the army.",
    "Soldiers were stabbed at a checkpoint near the border on Tuesday.",
    "A roadside bomb struck a patrol, wounding three soldiers, police said.",
    "Rebels carried out two attacks on government positions overnight.",
    "Armed men set a market on fire in the north of the province.",
    "Protesters gathered outside parliament, demanding the minister resign.",
    "The ministry denied that its forces had shelled civilian homes.",
    "Two people were killed when gunmen opened fire on a wedding party.",
    "The UN envoy urged all parties to return to talks in Geneva.",
    "Police arrested twelve people suspected of trafficking weapons.",
    "The firm said the situation of its ministers was stable.",
    "The weather was mild and the markets were open on Saturday.",
]


def test_prefilter_passes_every_sentence_the_lexicon_matches():
    lx = triggers()
    for analysis in analyse_many(WIRE):  # everything parsed
        for s in analysis.sentences:
            if lx.match(s):
                assert lx.might_trigger(s.text), s.text


def test_prefilter_wants_whole_words_and_every_word_of_a_phrase():
    lx = triggers()
    assert lx.might_trigger("Militants retook the town.")  # irregular form
    assert lx.might_trigger("Two soldiers were stabbed.")  # doubled consonant
    assert lx.might_trigger("The army is firing on the crowd.")  # "fire" without its e
    # "firm", "situation", "minister", "Saturday" start like "fire", "sit", "mine", "sat"
    assert not lx.might_trigger("The firm said the situation of its ministers was stable.")
    assert not lx.might_trigger("The markets were open on Saturday.")


def test_fast_annotations_equal_stock_spacy():
    fast = model.parser()
    name = next(n for n in model.MODEL_NAMES if spacy.util.is_package(n))
    stock = spacy.load(name, exclude=["senter"])  # blis and the Matcher-based ruler

    def sig(doc):
        return [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_, t.ent_iob_)
                for t in doc]

    assert [sig(d) for d in fast.pipe(WIRE)] == [sig(d) for d in stock.pipe(WIRE)]

"""analyse: sentence split everywhere, parse only where asked, our own types out."""

from marsad.analyse import Analysis, Sentence, Token, analyse, analyse_many

TEXT = (
    "Gunmen opened fire on a checkpoint in Kirkuk on Sunday.\n"
    "The weather was mild. Police said two officers were wounded."
)


def test_sentences_follow_lines_and_offsets():
    a = analyse(TEXT)
    assert isinstance(a, Analysis)
    first = a.sentences[0].text
    assert first == "Gunmen opened fire on a checkpoint in Kirkuk on Sunday."
    for s in a.sentences:
        assert TEXT[s.start : s.end] == s.text
    assert a.sentences[0].paragraph == 0 and a.sentences[1].paragraph == 1


def test_only_selected_sentences_are_parsed():
    a = analyse(TEXT, parse_if=lambda text: "fire" in text)
    parsed = [s.parsed for s in a.sentences]
    assert parsed == [True, False, False]


def test_tokens_are_plain_dataclasses_with_offsets():
    s: Sentence = analyse(TEXT).sentences[0]
    tok: Token = s.tokens[1]
    assert tok.text == "opened" and tok.lemma == "open" and tok.pos == "VERB"
    assert TEXT[tok.start : tok.end] == "opened"
    assert s.tokens[tok.head].i == tok.head
    assert any(e.label == "GPE" and e.text == "Kirkuk" for e in s.entities)
    assert type(tok).__module__ == "marsad.analyse.types"


def test_analyse_many_keeps_order():
    out = analyse_many(["First text here.", "Second one."])
    assert [a.text for a in out] == ["First text here.", "Second one."]


def test_spacy_is_only_imported_by_analyse():
    import pathlib

    src = pathlib.Path(__file__).parents[2] / "src" / "marsad"
    offenders = [
        str(p) for p in src.rglob("*.py")
        if "import spacy" in p.read_text() and "analyse" not in p.parts
    ]
    assert offenders == []

"""Long documents are read in pieces: no spaCy E088 above 1,000,000 characters, and the
events of a late section point at their own words in the whole text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from marsad.analyse import analyse
from marsad.sections import extract_in_sections, sections
from marsad.stages import events
from marsad.store import Store
from test_cli import marsad

FILLER = "The weather was calm and the markets were quiet across the region that week. "
ATTACK = (
    "Gunmen attacked a police checkpoint in Kirkuk on Monday, killing two officers, "
    "officials said."
)
ROCKETS = "Three rockets struck the US embassy in Baghdad on Sunday, police said."


def test_one_line_over_a_million_characters_is_analysed() -> None:
    text = FILLER * 14_000  # 1.1 million characters, no line break
    assert len(text) > 1_000_000
    analysis = analyse(text, parse_if=lambda sentence: False)
    assert analysis.sentences
    assert max(len(s.text) for s in analysis.sentences) <= 2_000
    for sentence in analysis.sentences[:50] + analysis.sentences[-50:]:
        assert text[sentence.start : sentence.end] == sentence.text


def test_sections_cut_at_paragraphs_and_cover_the_text() -> None:
    text = "\n\n".join(f"Paragraph {n}. " + FILLER * 3 for n in range(40))
    pieces = sections(text, limit=1_000)
    assert "".join(piece for _, piece in pieces) == text
    assert all(len(piece) <= 1_000 for _, piece in pieces)
    assert all(piece.endswith("\n\n") for _, piece in pieces[:-1])
    assert all(text[offset:].startswith(piece) for offset, piece in pieces)


def test_events_read_in_sections_match_the_whole_reading() -> None:
    text = "\n\n".join([ATTACK, FILLER * 8, ROCKETS, FILLER * 8, ATTACK])
    published = date(2024, 1, 8)
    whole = events(text, published)
    pieced = extract_in_sections(text, lambda section: events(section, published), limit=800)
    assert len(pieced) == len(whole) >= 2
    assert pieced[-1].evidence.start > 800  # from a later section
    for event in pieced:
        assert text[event.evidence.start : event.evidence.end] == event.evidence.text
        for item in event.field_evidence:
            assert text[item.span.start : item.span.end] == item.span.text
    assert [(e.category, e.evidence.start) for e in pieced] == [
        (e.category, e.evidence.start) for e in whole
    ]


def test_a_long_article_is_stored_with_its_late_events(tmp_path: Path) -> None:
    body = "\n\n".join([FILLER * 40] * 300 + [ROCKETS] + [FILLER * 40] * 100)
    assert len(body) > 1_200_000
    article = tmp_path / "long.txt"
    article.write_text("Baghdad, Jan. 8, 2024\n\n" + body, encoding="utf-8")
    db = tmp_path / "marsad.db"
    result = marsad("run", str(article), db=db)
    assert result.returncode == 0, result.stderr
    with Store.open(f"sqlite:///{db}") as store:
        (document,) = store.documents(limit=5)
        stored = store.document(document.id)
        (row,) = store.events(limit=10)
    evidence = row.event.evidence
    assert evidence.start > 900_000
    assert stored.text[evidence.start : evidence.end] == evidence.text == ROCKETS

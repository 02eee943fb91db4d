"""A statement told as a noun is an event when the text names who made it: "the Taiwanese
President's offer of talks", "demands by the kidnappers", "a visit by the prime minister"."""

from __future__ import annotations

from datetime import date

import pytest

from marsad import events

PUBLISHED = date(2004, 11, 3)


@pytest.mark.parametrize(
    ("text", "category", "speaker"),
    [
        ("China rejected the Taiwanese President's offer of talks.", "AGREE",
         "Taiwanese President"),
        ("The government dismissed demands by the kidnappers that the law be scrapped.",
         "REQUEST", "kidnappers"),
        ("The violence has risen since a visit by the Indian prime minister.", "CONSULT",
         "Indian prime minister"),
    ],
)
def test_a_nominal_statement_with_its_speaker_is_an_event(text: str, category: str,
                                                          speaker: str) -> None:
    found = [e for e in events(text, published=PUBLISHED) if e.category == category]
    assert found, text
    assert any(speaker in a.text for e in found for a in e.actors)


def test_a_nominal_statement_with_no_speaker_is_not() -> None:
    assert [e.category for e in events("Offers of talks were not enough to calm the region.",
                                       published=PUBLISHED)] == []

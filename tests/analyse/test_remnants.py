"""Character references that lost their "&" ("Iraq #39;s", " quot;") are read as their
characters, offsets unchanged."""

from __future__ import annotations

import pytest

from marsad import events
from marsad.analyse.remnants import repair_remnants


@pytest.mark.parametrize(("text", "read"), [
    ("members of Iraq #39;s security forces", "members of Iraq's     security forces"),
    ("he didn#39;t go", "he didn't    go"),
    ("a  quot;spirit of dialogue quot; here", 'a  "spirit     of dialogue "     here'),
    ("costs #36;5 million", "costs $5    million"),
    ("militants &lt;b&gt;...&lt;/b&gt;", "militants " + " " * 9 + "..." + " " * 10),
])
def test_a_remnant_is_read_as_its_character_in_the_same_length(text: str, read: str) -> None:
    assert repair_remnants(text) == read
    assert len(repair_remnants(text)) == len(text)


@pytest.mark.parametrize("text", [
    "AT&amp;T and 3 &lt; 4",  # whole references: the clean stage's business
    "see item #12; more",  # no printable character
    "the camp; the town",  # a word before a semicolon
])
def test_what_is_no_remnant_stays(text: str) -> None:
    assert repair_remnants(text) == text


def test_a_possessive_behind_a_remnant_is_read_with_its_noun() -> None:
    text = "Suicide bombers killed at least 22 members of Iraq #39;s security forces yesterday."
    (e,) = events(text)
    # the victims are the forces, not "Iraq" or a sum of money read in "39;s"
    assert [r.text for r in e.recipients] == ["Iraq #39;s security forces"]
    assert text[e.evidence.start:e.evidence.end] == e.evidence.text

"""CODING.md: background violent acts the text asserts are events of their own ("hostage X",
"a filmmaker murdered in Amsterdam", "died after a suicide bomb attack"); a phrase that only
describes a group ("armed groups targeting the coalition") is not."""

from __future__ import annotations

from datetime import date

import pytest

from marsad import events

PUBLISHED = date(2004, 11, 3)


def _assaults(text: str) -> list[tuple[str | None, str]]:
    return [(e.mode, e.evidence.text) for e in events(text, published=PUBLISHED)
            if e.category == "ASSAULT" and e.kind == "incident"]


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("President Bush condemned the beheading of American hostage Eugene Armstrong.", None),
        ("The Dutch filmmaker murdered in Amsterdam had received threats for months.", None),
        ("An American woman died from her wounds after a suicide bomb attack in a busy "
         "shopping street in Kabul.", "suicide-attack"),
    ],
)
def test_an_asserted_background_act_is_an_event(text: str, mode: str | None) -> None:
    found = _assaults(text)
    assert found, text
    assert mode is None or mode in {m for m, _ in found}


def test_a_group_described_by_what_it_does_is_not_an_event() -> None:
    assert _assaults("The minister called for confronting the armed groups targeting the "
                     "coalition forces in Iraq.") == []

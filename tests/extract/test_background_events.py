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


@pytest.mark.parametrize(
    "text",
    [
        # the tagger gives the name's last word another label (PRODUCT)
        "Dr Julio Alfredo Samayoa reported today in detail on the murder of Msgr Oscar "
        "Arnulfo Romero.",
        # known people, singled out by a determiner or a number, not a kind of person
        "The church is pleased with the progress of the investigations regarding the murder "
        "of the Jesuit priests.",
        "Police are investigating the murder of his brother.",
    ],
)
def test_the_murder_of_known_people_is_an_asserted_act(text: str) -> None:
    assert [mode for mode, _ in _assaults(text)] == [None]


def test_the_killing_of_a_kind_of_person_is_no_act_of_its_own() -> None:
    assert _assaults("The law bans the killing of civilians.") == []


def test_evidence_that_demonstrates_a_fact_is_no_protest() -> None:
    got = events("The minister said all the evidence gathered by the commission demonstrates "
                 "that the colonel ordered the murder.", published=PUBLISHED)
    assert "PROTEST" not in [e.category for e in got]
    assert [e.category for e in events("Thousands of students demonstrated in the capital on "
                                       "Monday, saying that the vote was rigged.",
                                       published=PUBLISHED)] == ["PROTEST"]


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("According to her lawyers, she was captured by the rebels on the morning of 17 June.",
         "abduct"),
        ("Rebels captured journalist John Smith near Aleppo on Monday.", "abduct"),
        ("Insurgents seized the governor of Anbar province on Tuesday.", "abduct"),
        ("Rebels captured the town of Marib on Monday.", "occupy"),
    ],
)
def test_a_person_captured_is_taken_and_a_town_captured_is_occupied(text: str,
                                                                  mode: str) -> None:
    assert [m for m, _ in _assaults(text)] == [mode]


@pytest.mark.parametrize("text", [
    "Troops were sent to quell a Muslim insurgency that has killed more than 500 people this "
    "year.",
    "Leaflets were dropped in an attempt to quell an insurgency that has led to the deaths of "
    "more than 500 people this year.",
])
def test_what_a_campaign_did_is_told_inside_a_plan_against_it(text: str) -> None:
    got = [(e.kind, e.category, e.killed.value if e.killed else None)
           for e in events(text, published=PUBLISHED)]
    assert got == [("aggregate", "ASSAULT", 500)]


def test_what_a_campaign_could_do_is_no_event() -> None:
    got = events("Generals warned of an offensive that could kill thousands.",
                 published=PUBLISHED)
    assert "ASSAULT" not in [e.category for e in got]

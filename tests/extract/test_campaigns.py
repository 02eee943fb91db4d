"""CODING.md aggregates: a count or a campaign over a period is one aggregate event."""

from __future__ import annotations

from datetime import date

import pytest

from marsad import events

PUBLISHED = date(2004, 11, 3)


@pytest.mark.parametrize(
    "text",
    [
        "Scores of Iraqis died in three days of attacks.",
        "Conditions continue to worsen amid a spate of violent attacks in the region.",
        "The army launched a new offensive against the rebels in the north.",
        "Pakistani forces are waging a campaign against militants near the border.",
    ],
)
def test_a_run_of_acts_or_a_campaign_is_an_aggregate(text: str) -> None:
    assert [(e.kind, e.category) for e in events(text, published=PUBLISHED)] == [
        ("aggregate", "ASSAULT")]


def test_a_single_attack_is_still_an_incident() -> None:
    assert [e.kind for e in events("Gunmen attacked a police station in Mosul on Monday.",
                                   published=PUBLISHED)] == ["incident"]


def test_an_assessment_of_a_campaign_is_not_an_event() -> None:
    # CODING.md: assessments ("is winning the war", "appeared to be weakening") are not events
    assert events("A Shiite insurgency appeared to be weakening on Tuesday.",
                  published=PUBLISHED) == []


@pytest.mark.parametrize(
    "text",
    [
        # what a preposition of circumstance governs is told as a fact, whatever the clause
        "Talks between the government and the rebels could fail because of a new surge of "
        "violence, the envoy said.",
        "Conditions for displaced families continue to worsen amid violent attacks, agencies "
        "said on Tuesday.",
        # what a campaign did is the campaign's
        "Israel said on Friday it was easing a crushing offensive that has killed more than 100 "
        "Palestinians.",
    ],
)
def test_acts_told_as_circumstances_or_of_a_campaign_are_aggregates(text: str):
    got = [(e.kind, e.category) for e in events(text, published=PUBLISHED)]
    assert ("aggregate", "ASSAULT") in got
    assert ("incident", "ASSAULT") not in got


def test_a_planned_attack_under_a_circumstance_is_still_a_plan():
    got = events("Despite the truce, the rebels plan to attack the town next week.",
                 published=PUBLISHED)
    assert not any(e.category == "ASSAULT" for e in got)

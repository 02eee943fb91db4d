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

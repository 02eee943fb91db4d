"""What CODING.md does not count as an event produces nothing: harm that is no one's act
(disasters, animals, illness, accidents) and attacks that were only plotted or were foiled."""

from __future__ import annotations

from datetime import date

import pytest

from marsad import events

PUBLISHED = date(2004, 10, 19)


@pytest.mark.parametrize(
    "text",
    [
        "A strong earthquake struck the north of the island on Friday, killing two people.",
        "Thousands spent the night in shelters after the deadliest quakes to hit the country in "
        "a decade.",
        "A brown bear killed one person and wounded several in the forests of Romania.",
        "The veteran actress died after a heart attack at her home in Mumbai.",
        "A blast heard in the city centre was caused by the accidental explosion of a gas "
        "canister.",
        "A hunter was accidentally shot by his brother near the village.",
        "A bomb attack aimed at the national court seems to have been foiled by the police.",
        "Police foiled a bomb attack on the embassy on Tuesday.",
        "Officials said a plot to attack the embassy had been uncovered.",
        "Rebels plotted to assassinate the president during his visit to the port.",
    ],
)
def test_no_event_is_made_of_harm_that_is_no_ones_act_or_of_a_foiled_plan(text: str) -> None:
    assert [e for e in events(text, published=PUBLISHED) if e.category == "ASSAULT"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen killed two policemen at a checkpoint in Kirkuk on Monday.",
        "Militants attacked a police station near the border, wounding three officers.",
    ],
)
def test_an_attack_by_people_is_still_an_event(text: str) -> None:
    assert [e.category for e in events(text, published=PUBLISHED)] == ["ASSAULT"]


def test_civilians_leaving_is_no_withdrawal():
    from marsad import events as extract_events
    assert not [e for e in extract_events("About 400 residents were evacuated from nearby "
                                          "villages on Sunday.") if e.category == "RETREAT"]
    got = [e for e in extract_events("Israeli troops withdrew from the northern Gaza Strip on "
                                     "Friday.") if e.category == "RETREAT"]
    assert len(got) == 1


@pytest.mark.parametrize("text", [
    "Activists mourned a demonstrator who was struck and killed on Monday by a freight train "
    "carrying coal near the border.",
    "The navy flew home the body of an officer killed in an engine room fire aboard a "
    "frigate in the Baltic.",
    "Neighbours gathered for a father and his three sons killed when fire swept through "
    "their farmhouse.",
])
def test_a_death_by_mishap_is_no_ones_act(text: str) -> None:
    assert [e for e in events(text) if e.category == "ASSAULT"] == []


@pytest.mark.parametrize("text", [
    "Gunmen opened fire on a bus in Peshawar, killing five passengers.",
    "Militants set fire to a school in Kandahar, killing two guards.",
    "Two soldiers were killed in a train bombing near Quetta.",
])
def test_fire_and_trains_in_an_act_are_still_attacks(text: str) -> None:
    assert [e.category for e in events(text)] == ["ASSAULT"]

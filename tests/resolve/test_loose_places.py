"""A place read loosely (not an exact or core match of the name) and outside the story's
countries is no place at all: the event takes the story's country instead."""

from __future__ import annotations

from marsad import events


def test_a_loose_match_abroad_gives_way_to_the_story_country() -> None:
    text = ("Peru Arrests Siege Leader (Reuters)\nReuters - Peruvian authorities have detained a "
            "former army major who led a three-day uprising in a southern Peruvian town, a "
            "government source told Reuters early on Tuesday.")
    (arrest,) = [e for e in events(text) if e.category == "COERCE"]
    assert arrest.where is not None
    assert (arrest.where.country, arrest.where.precision) == ("PE", "country")


def test_an_exactly_named_place_in_the_story_is_kept() -> None:
    (event,) = events("Gunmen killed two soldiers in Baghdad on Monday, Iraqi police said.")
    assert event.where is not None and (event.where.name, event.where.country) == (
        "Baghdad", "IQ")

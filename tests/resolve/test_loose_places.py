"""A place read loosely (not an exact or core match of the name) and outside the story's
countries is no place at all: the event takes the story's country instead. A region that is
no unit of its own is known by name, not matched loosely to a far town."""

from __future__ import annotations

import pytest

from marsad import events
from marsad.resolve.geocode import GeoContext, resolve


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


# --- regions (gazetteer/regions.yaml): no unit of their own, placed at the unit they lie in


@pytest.mark.parametrize(
    ("name", "country", "precision", "admin1"),
    [
        ("Darfur", "SD", "country", None),  # not Dufur, Oregon
        ("Mindanao", "PH", "country", None),  # not Minden, Germany
        ("South Waziristan", "PK", "admin1", "Khyber Pakhtunkhwa"),
        ("Kashmir", "IN", "admin1", "Jammu and Kashmir"),  # not Cashmere, Washington
    ],
)
def test_a_region_resolves_to_the_unit_it_lies_in(name, country, precision, admin1):
    r = resolve(name)
    assert r is not None
    assert (r.place.name, r.place.country, r.place.precision, r.place.admin1) == (
        name, country, precision, admin1)


def test_a_region_in_two_countries_follows_the_document():
    r = resolve("Kashmir", context=GeoContext(countries={"PK": 3.0}))
    assert r is not None and (r.place.country, r.place.admin1) == ("PK", "Azad Kashmir")


def test_a_loose_match_with_no_country_known_is_no_place():
    # "Sumatra" is not Sumter, South Carolina: a typo reading needs the story's country
    r = resolve("Sumatra")
    assert r is None or r.candidate.how in ("exact", "core")

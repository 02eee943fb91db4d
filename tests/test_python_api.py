"""The Python API a user reaches from `import marsad`."""

from datetime import date, datetime

import pytest

import marsad
import marsad.extract.frames


def test_marsad_events_reads_a_text_into_resolved_events():
    events = marsad.events(
        "Gunmen killed two policemen at a checkpoint in Kirkuk on Monday.",
        published=date(2024, 1, 10),
    )
    assert [e.category for e in events] == ["ASSAULT"]
    assert events[0].killed.value == 2
    assert events[0].when.start == date(2024, 1, 8)
    assert events[0].where.name == "Kirkuk"


@pytest.mark.parametrize("published", ["2024-01-10", "2024-01-10T09:30:00Z",
                                       datetime(2024, 1, 10, 9, 30)])
def test_marsad_events_takes_the_publication_date_as_iso_text_or_datetime(published):
    events = marsad.events("Gunmen killed two policemen in Kirkuk on Monday.",
                           published=published)
    assert events[0].when.start == date(2024, 1, 8)


def test_marsad_events_names_a_publication_date_it_cannot_read():
    with pytest.raises(ValueError, match="'last Tuesday' is not an ISO 8601 date"):
        marsad.events("Gunmen killed two policemen in Kirkuk.", published="last Tuesday")


def test_marsad_geoparse_returns_places_with_coordinates():
    places = marsad.geoparse("Rockets hit Ain al-Asad air base in Anbar province on Tuesday.")
    assert {p.country for p in places} == {"IQ"}
    assert all(p.lat is not None and p.lon is not None for p in places)

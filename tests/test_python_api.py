"""The Python API a user reaches from `import marsad`."""

from datetime import date

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


def test_marsad_geoparse_returns_places_with_coordinates():
    places = marsad.geoparse("Rockets hit Ain al-Asad air base in Anbar province on Tuesday.")
    assert {p.country for p in places} == {"IQ"}
    assert all(p.lat is not None and p.lon is not None for p in places)

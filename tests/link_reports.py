"""Invented reports of a few acts, as several outlets would write them, for the link tests."""

from __future__ import annotations

from datetime import date

from marsad.link import LinkDocument
from marsad.types import Event, PlaceRef, Quantity, Span, When

KIRKUK = PlaceRef(text="Kirkuk", name="Kirkuk", lat=35.468, lon=44.392, admin1="Kirkuk",
                  country="IQ", precision="city")
HAWIJA = PlaceRef(text="Hawija", name="Hawija", lat=35.327, lon=43.755, admin1="Kirkuk",
                  country="IQ", precision="city")
BASRA = PlaceRef(text="Basra", name="Basra", lat=30.508, lon=47.783, admin1="Basra",
                 country="IQ", precision="city")
IRAQ = PlaceRef(text="Iraq", name="Iraq", lat=33.0, lon=44.0, country="IQ", precision="country")


def bombing(sentence: str, where: PlaceRef, day: date | None, killed: int | None,
            mode: str = "explosives") -> Event:
    return Event(kind="incident", category="ASSAULT", mode=mode,
                 evidence=Span(0, len(sentence), sentence), where=where,
                 when=When(day, day, "day", "test") if day else None,
                 killed=Quantity(killed) if killed is not None else None)


MARCH_10 = date(2024, 3, 10)
REPORTS: list[tuple[str, str, LinkDocument, list[Event]]] = [
    # (expected incident, outlet, document, events)
    ("market", "Wire A", LinkDocument(id="a", source="Wire A", published=MARCH_10,
                                      text="A car bomb tore through the Qoria vegetable market in "
                                           "Kirkuk on Sunday, killing 12 shoppers."),
     [bombing("A car bomb tore through the Qoria vegetable market in Kirkuk on Sunday, "
              "killing 12 shoppers.", KIRKUK, MARCH_10, 12)]),
    ("market", "Wire B", LinkDocument(id="b", source="Wire B", published=date(2024, 3, 11),
                                      text="Toll rises to 14 after Qoria market car bombing in "
                                           "Kirkuk, police say."),
     [bombing("Toll rises to 14 after Qoria market car bombing in Kirkuk, police say.",
              KIRKUK, MARCH_10, 14)]),
    ("market", "Daily C", LinkDocument(id="c", source="Daily C", published=MARCH_10,
                                       text="At least a dozen people died when an explosives-laden "
                                            "car blew up at a crowded vegetable market in Iraq."),
     [bombing("At least a dozen people died when an explosives-laden car blew up at a crowded "
              "vegetable market in Iraq.", IRAQ, MARCH_10, 12)]),
    # the same city two weeks later: another act
    ("later", "Wire A", LinkDocument(id="d", source="Wire A", published=date(2024, 3, 25),
                                     text="A car bomb exploded near a Kirkuk police station on "
                                          "Monday, killing three officers."),
     [bombing("A car bomb exploded near a Kirkuk police station on Monday, killing three "
              "officers.", KIRKUK, date(2024, 3, 25), 3)]),
    # the same day, 500 km away: another act
    ("basra", "Wire B", LinkDocument(id="e", source="Wire B", published=MARCH_10,
                                     text="A roadside bomb killed two soldiers in Basra on "
                                          "Sunday."),
     [bombing("A roadside bomb killed two soldiers in Basra on Sunday.", BASRA, MARCH_10, 2)]),
    # the same day, 60 km away, two city-level places: another act
    ("hawija", "Daily C", LinkDocument(id="f", source="Daily C", published=MARCH_10,
                                       text="Gunmen shot dead a village mayor in Hawija."),
     [bombing("Gunmen shot dead a village mayor in Hawija.", HAWIJA, MARCH_10, 1,
              mode="firearms")]),
]


def expected_groups() -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for incident, _, doc, _ in REPORTS:
        groups.setdefault(incident, set()).add(doc.id)
    return {frozenset(g) for g in groups.values()}

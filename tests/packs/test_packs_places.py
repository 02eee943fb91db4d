"""Places sit where they should: inside their country, their governorate, near known points."""

from __future__ import annotations

import math

import pytest

from marsad.packs import load_pack

# Rough bounding boxes: (lat_min, lat_max, lon_min, lon_max)
BOXES = {"IQ": (29.0, 37.5, 38.7, 48.7), "SY": (32.3, 37.4, 35.6, 42.4)}


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def test_places_lie_inside_their_country() -> None:
    for place in load_pack().places:
        assert -90 <= place.lat <= 90 and -180 <= place.lon <= 180, place.id
        if place.country in BOXES:
            lat0, lat1, lon0, lon1 = BOXES[place.country]
            assert lat0 <= place.lat <= lat1 and lon0 <= place.lon <= lon1, place.id


def test_all_governorates_are_there_with_arabic_names() -> None:
    pack = load_pack()
    admin1 = [p for p in pack.places if p.type == "admin1"]
    iq = {p.admin1 for p in admin1 if p.country == "IQ"}
    sy = {p.admin1 for p in admin1 if p.country == "SY"}
    assert iq == {
        "Anbar", "Babil", "Baghdad", "Basra", "Dhi Qar", "Diyala", "Duhok", "Erbil", "Halabja",
        "Karbala", "Kirkuk", "Maysan", "Muthanna", "Najaf", "Nineveh", "Qadisiyah", "Saladin",
        "Sulaymaniyah", "Wasit",
    }  # fmt: skip
    assert len(sy) == 14
    assert all(p.aliases_ar for p in admin1)


def test_admin1_names_and_containment_agree() -> None:
    pack = load_pack()
    names = {p.admin1 for p in pack.places if p.type in {"admin1", "region"}}
    for place in pack.places:
        if place.country in BOXES and place.admin1 is not None:
            assert place.admin1 in names, place.id
        if place.within is not None:
            outer = pack.place(place.within)
            assert outer.country == place.country, place.id
            if outer.type == "admin1":
                assert place.admin1 == outer.admin1, place.id


@pytest.mark.parametrize(
    ("surface", "place_id"),
    [
        ("Green Zone", "iq-green-zone"),
        ("International Zone", "iq-green-zone"),
        ("Ain al-Asad", "iq-ain-al-asad"),
        ("al-Asad", "iq-ain-al-asad"),
        ("Ain al-Assad", "iq-ain-al-asad"),
        ("Al Asad Airbase", "iq-ain-al-asad"),
        ("قاعدة عين الأسد", "iq-ain-al-asad"),
        ("Harir base", "iq-harir-base"),
        ("Erbil air base", "iq-erbil-airport"),
        ("Baghdad International Airport", "iq-baghdad-airport"),
        ("Victory base", "iq-victory-base"),
        ("Camp Taji", "iq-camp-taji"),
        ("Balad air base", "iq-balad-air-base"),
        ("K1 base", "iq-k1-base"),
        ("al-Tanf", "sy-al-tanf"),
        ("Conoco gas field", "sy-conoco"),
        ("al-Omar oil field", "sy-al-omar"),
        ("Kharab al-Jir", "sy-rmeilan"),
        ("Shaddadi", "sy-shaddadi"),
        ("Tower 22", "jo-tower-22"),
        ("Sinjar", "iq-sinjar"),
        ("Mount Sinjar", "iq-mount-sinjar"),
        ("Makhmour camp", "iq-makhmour-camp"),
        ("al-Hol camp", "sy-al-hol-camp"),
        ("Jurf al-Sakhar", "iq-jurf-al-sakhar"),
        ("al-Qaim", "iq-al-qaim"),
        ("Albu Kamal", "sy-albu-kamal"),
        ("Rabia crossing", "iq-rabia-crossing"),
        ("Fishkhabour", "iq-fishkhabour"),
        ("Semalka", "sy-semalka"),
        ("Ibrahim Khalil", "iq-ibrahim-khalil"),
        ("Qandil mountains", "iq-qandil"),
        ("Kurdistan Region", "iq-kurdistan-region"),
        ("إقليم كردستان", "iq-kurdistan-region"),
        ("Anbar", "iq-anbar"),
        ("Nineveh province", "iq-nineveh"),
        ("Deir ez-Zor province", "sy-deir-ez-zor-gov"),
        ("US embassy", "iq-us-embassy-baghdad"),
    ],
)
def test_places_resolve_by_alias(surface: str, place_id: str) -> None:
    found = load_pack().find_place(surface)
    assert found is not None and found.id == place_id


def test_a_city_name_is_left_to_the_world_gazetteer() -> None:
    pack = load_pack()
    assert pack.find_place("Baghdad") is None
    assert pack.find_place("Kirkuk") is None
    assert pack.find_place("Kirkuk province").id == "iq-kirkuk-gov"


def test_key_sites_match_the_seed_gold() -> None:
    pack = load_pack()
    zone = pack.place("iq-green-zone")
    assert km(zone.lat, zone.lon, 33.30, 44.39) < 2
    assert km(*_point(pack, "iq-us-embassy-baghdad"), zone.lat, zone.lon) < 3
    region = pack.place("iq-kurdistan-region")
    assert (region.lat, region.lon, region.admin1) == (36.19, 44.01, "Kurdistan Region")
    assert pack.place("iq-erbil-gov").within == "iq-kurdistan-region"


def test_precision_is_one_of_the_event_precisions() -> None:
    for place in load_pack().places:
        assert place.precision in {"facility", "neighbourhood", "city", "admin1", "country"}
        if place.type in {"admin1", "region"}:
            assert place.precision == "admin1", place.id


def _point(pack, place_id: str) -> tuple[float, float]:
    place = pack.place(place_id)
    return place.lat, place.lon

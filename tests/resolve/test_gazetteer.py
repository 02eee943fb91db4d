"""The gazetteer index: names, variants, admin1 units, caching."""

from __future__ import annotations

import pickle
import time

import pytest

from marsad.gazetteer.index import (
    Gazetteer,
    cache_dir,
    default_gazetteer,
    distance_km,
    fingerprint,
)
from marsad.gazetteer.names import name_key, skeleton
from marsad.gazetteer.scan import country_focus


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    # One process-wide gazetteer, built once into the cache ($MARSAD_CACHE or ~/.cache/marsad).
    return default_gazetteer()


@pytest.mark.parametrize(
    ("written", "key", "core"),
    [
        ("Al-Anbar", "anbar", "anbar"),
        ("Anbar Province", "anbar province", "anbar"),
        ("as-Sulaymaniyah", "sulaymaniyah", "sulaymaniyah"),
        ("Muhafazat Karbala'", "muhafazat karbala", "karbala"),
        ("Mayorality of Baghdad", "mayorality of baghdad", "baghdad"),
        ("Hawlêr", "hawler", "hawler"),
        ("Minakulu sub-county", "minakulu sub county", "minakulu"),
        ("the United States", "united states", "united states"),
        ("Łódź", "lodz", "lodz"),
    ],
)
def test_name_keys(written: str, key: str, core: str) -> None:
    nk = name_key(written)
    assert (nk.key, nk.core) == (key, core)


def test_admin_hint_only_for_first_level_words() -> None:
    assert name_key("Anbar province").admin_hint
    assert not name_key("Basra district").admin_hint
    assert name_key("Basra district").place_hint


def test_arabic_keys_ignore_article_hamza_and_tashkeel() -> None:
    assert name_key("الأنبار").key == name_key("انبار").key
    assert name_key("أَرْبِيل").key == name_key("اربيل").key
    assert name_key("الموصل").key == "موصل"


def test_skeleton_joins_transliterations() -> None:
    assert skeleton("basrah") == skeleton("basra")
    assert skeleton("nineveh") == skeleton("ninawa")
    assert skeleton("arbil") == skeleton("erbil")
    assert skeleton("asad") == skeleton("assad")


def test_candidates_exact_and_alias(gaz: Gazetteer) -> None:
    erbil = [c for c in gaz.candidates("Hewler") if c.place.precision == "city"]
    assert erbil and erbil[0].place.country == "IQ" and erbil[0].how == "exact"
    assert erbil[0].place.admin1 == "Erbil"


def test_candidates_country_filter(gaz: Gazetteer) -> None:
    assert {c.place.country for c in gaz.candidates("Tripoli", "LB")} == {"LB"}


def test_candidates_typo_is_fuzzy(gaz: Gazetteer) -> None:
    cands = gaz.candidates("Baghdadd")
    assert cands and cands[0].place.country == "IQ"
    assert cands[0].how in ("skeleton", "fuzzy") and cands[0].match < 0.9


@pytest.mark.parametrize(("written", "place", "country"), [
    ("North Dallas", "Dallas", "US"),
    ("central Baghdad", "Baghdad", "IQ"),
    ("downtown Nairobi", "Nairobi", "KE"),
])
def test_a_part_of_a_big_place_is_that_place(gaz: Gazetteer, written: str, place: str,
                                            country: str) -> None:
    top = gaz.candidates(written)[0]
    assert (top.place.name, top.place.country) == (place, country)
    assert top.match < 1.0  # less sure than the name itself


@pytest.mark.parametrize(("written", "place"), [
    ("North Korea", "North Korea"), ("West Bank", "West Bank"), ("South Africa", "South Africa")])
def test_a_name_that_is_a_place_is_not_read_as_a_part(gaz: Gazetteer, written: str,
                                                      place: str) -> None:
    assert gaz.candidates(written)[0].place.name == place


def test_a_part_word_before_no_big_place_finds_nothing_by_it(gaz: Gazetteer) -> None:
    assert [c.place.name for c in gaz.candidates("Central Bank")] == []


def test_admin1_units_have_names_and_centroids(gaz: Gazetteer) -> None:
    (jawf,) = gaz.admin1_units("Al Jawf", "YE")
    assert jawf.place_id == "adm1:YE.21" and jawf.precision == "admin1"
    assert 14 < jawf.lat < 18 and 43 < jawf.lon < 47


@pytest.mark.parametrize(
    ("a", "b", "country"),
    [("Ninawa", "Nineveh", "IQ"), ("Bayern", "Bavaria", "DE"),
     ("Sofia City", "Sofia-Capital", "BG"), ("Muhafazat Karbala'", "Karbala", "IQ"),
     ("Nord-Kivu", "North Kivu", "CD")],
)
def test_same_admin1(gaz: Gazetteer, a: str, b: str, country: str) -> None:
    assert gaz.same_admin1(a, b, country)


def test_different_admin1(gaz: Gazetteer) -> None:
    assert not gaz.same_admin1("Anbar", "Ninawa", "IQ")


def test_demonyms(gaz: Gazetteer) -> None:
    assert gaz.demonym("Iraqi") == (True, "IQ")
    assert gaz.demonym("Kurdish") == (True, None)
    assert gaz.demonym("Erbil") == (False, None)


@pytest.mark.parametrize(("word", "country"), [
    # every country's demonym, from countryinfo, and its plural; shared ones go to the most
    # populous country; a country's own name is no demonym
    ("Dutch", "NL"), ("Sri Lankan", "LK"), ("Kenyans", "KE"), ("Congolese", "CD"),
    ("New Zealanders", "NZ"), ("Swiss", "CH"),
])
def test_every_countrys_demonym_points_to_it(gaz: Gazetteer, word: str, country: str) -> None:
    assert gaz.demonym(word) == (True, country)
    assert gaz.demonym("Djibouti") == (False, None)


def test_a_demonym_of_two_words_counts_for_its_country(gaz: Gazetteer) -> None:
    assert country_focus("South Korean and Sri Lankan officials met.", gaz) == {
        "KR": 0.5, "LK": 0.5}


def test_countries_have_centroids(gaz: Gazetteer) -> None:
    iraq = gaz.country("IQ")
    assert iraq is not None and iraq.precision == "country"
    assert distance_km(iraq.lat, iraq.lon, 33.2, 43.7) < 300


def test_reopen_is_fast_and_cached(gaz: Gazetteer) -> None:
    t0 = time.perf_counter()
    again = Gazetteer.open()
    elapsed = time.perf_counter() - t0
    assert again.path == gaz.path and again.built_in_s is None
    assert elapsed < 0.5
    again.close()


def test_fingerprint_names_the_cache_file(gaz: Gazetteer) -> None:
    assert gaz.path.name == f"gazetteer-{fingerprint()}.sqlite"
    assert gaz.path.parent == cache_dir()


def test_pickles_by_path(gaz: Gazetteer) -> None:
    clone = pickle.loads(pickle.dumps(gaz))
    assert clone.path == gaz.path
    assert clone.candidates("Mosul")[0].place.country == "IQ"


@pytest.mark.parametrize("name", ["the United States", "Al Hazm district", "Anbar Governorate",
                                  "Côte d'Ivoire", "N.M.", "الموصل", "Province of Bulacan"])
def test_the_quick_exact_key_is_the_name_keys_own(name):
    # country_focus scans every n-gram with `norm`; it must agree with the index's keys
    from marsad.gazetteer.names import name_key, norm

    assert norm(name) == name_key(name).key


@pytest.mark.parametrize("phrase", [
    "the United States", "Al-Anbar Governorate", "as Sulaymaniyah", "São Tomé and Príncipe",
    "Sa'dah", "Côte d'Ivoire", "Bosnia-Herzegovina", "الموصل",
])
def test_an_ngram_normalised_word_by_word_equals_the_whole_phrase(phrase):
    # country_focus builds each n-gram's key from its words' folded tokens
    from marsad.gazetteer.names import norm, norm_of_words, norm_word
    words = phrase.split()
    built = norm_of_words([norm_word(w) for w in words])
    assert (built if built is not None else norm(phrase)) == norm(phrase)


def test_a_unit_point_ignores_towns_misfiled_far_away(gaz: Gazetteer) -> None:
    # GeoNames files five Tibetan villages under Hebei; its point stays around Shijiazhuang
    # and Baoding, not 1,000 km west in Gansu
    (hebei,) = gaz.admin1_units("Hebei", "CN")
    assert distance_km(hebei.lat, hebei.lon, 38.5, 115.5) < 200

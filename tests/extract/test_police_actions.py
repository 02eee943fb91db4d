"""Police and army actions as news reports them beyond ACLED's wording: arrests told as
custody or capture, the maker of an act named before it ("an army air strike", "a Taliban
attack killed five"), lifted curfews, and texts scraped as one block of sentences."""

from __future__ import annotations

from datetime import date

import pytest

from marsad import events

PUBLISHED = date(2002, 3, 12)


def _one(text: str):
    got = events(text, published=PUBLISHED)
    assert len(got) == 1, [(e.category, e.mode) for e in got]
    return got[0]


@pytest.mark.parametrize("text", [
    "About a dozen rumour mongers were nabbed in the city last night, he said.",
    "Police took 30 activists into custody in Mumbai on Monday.",
    "Two men were caught by police in Delhi on Monday.",
    "Siddiqui was picked up by police from his residence in south Delhi.",
])
def test_custody_and_capture_are_arrests(text: str) -> None:
    e = _one(text)
    assert (e.category, e.mode) == ("COERCE", "arrest")


@pytest.mark.parametrize("text", ["He picked up the phone.", "The house caught fire."])
def test_picking_up_and_catching_alone_are_no_arrests(text: str) -> None:
    assert events(text, published=PUBLISHED) == []


def test_the_maker_of_an_act_named_before_it_is_its_actor() -> None:
    e = _one("An army air strike killed two people in Kandahar.")
    assert [a.text for a in e.actors] == ["army"]


def test_an_act_as_subject_gives_its_maker_not_itself() -> None:
    e = _one("A Taliban attack on a convoy killed five in Kandahar.")
    assert [a.text for a in e.actors] == ["Taliban"]
    assert e.killed is not None and e.killed.value == 5


def test_people_who_also_name_an_act_stay_the_actor() -> None:
    e = _one("Between 30 and 70 demonstrators, mostly Ukrainians, demonstrated in Oslo on "
             "Monday.")
    assert e.category == "PROTEST"
    assert [a.text for a in e.actors] == ["Ukrainians"]


def test_a_lifted_curfew_is_no_restriction() -> None:
    e = _one("The curfew was lifted in Ahmedabad on Monday.")
    assert e.category == "CONCEDE"


def test_arrests_after_a_curfew_are_their_own_event() -> None:
    got = events("A curfew was imposed in Godhra on Monday. Police arrested 200 people in "
                 "Ahmedabad on Tuesday.", published=PUBLISHED)
    assert [(e.category, e.mode) for e in got] == [("COERCE", "restrict"), ("COERCE", "arrest")]


def test_a_text_in_one_block_still_moves_on_to_other_acts() -> None:
    # a scraped page with no paragraph breaks: an arrest many sentences after a riot is
    # not the riot's intervention
    text = ("A mob set fire to ten shops in Vadodara on Monday. Three people were injured. "
            "The fire brigade reached the spot late. Traders said the losses were heavy. "
            "The market stayed shut all day. Schools were closed as a precaution. "
            "In Ahmedabad, police arrested 200 people on Tuesday.")
    got = events(text, published=PUBLISHED)
    assert ("COERCE", "arrest") in [(e.category, e.mode) for e in got]


def test_an_arrest_right_after_a_riot_closes_it() -> None:
    text = ("A mob set fire to ten shops in Vadodara on Monday. Police later arrested "
            "four of the rioters.")
    got = events(text, published=PUBLISHED)
    assert ("COERCE", "arrest") not in [(e.category, e.mode) for e in got]


@pytest.mark.parametrize("text", [
    "One person was killed in the police firing on Monday.",
    "73 people have been killed in firing by the police since Friday.",
])
def test_police_firing_is_no_accidental_fire(text: str) -> None:
    # the gerund "firing" has the lemma of "fire", a mishap only as a noun ("a fire")
    assert [e.category for e in events(text, published=PUBLISHED)] == ["ASSAULT"]


def test_a_death_in_a_fire_stays_an_accident() -> None:
    assert events("Two people were killed in a fire in Lagos on Monday.",
                  published=PUBLISHED) == []


def test_deaths_in_clashes_tell_the_clashes() -> None:
    e = _one("Three people died in clashes with police in Lagos on Monday.")
    assert (e.category, e.mode) == ("ASSAULT", "clash")
    assert e.killed is not None and e.killed.value == 3


def test_deaths_that_may_come_tell_no_clashes() -> None:
    assert events("Many more could die in clashes.", published=PUBLISHED) == []


@pytest.mark.parametrize("text", [
    "Police are investigating the bombing of a bus.",
    "Police are hunting the gunmen who attacked a bus.",
])
def test_a_sentence_opening_with_an_actor_noun_names_no_town(text: str) -> None:
    # "Police" is also a town in Poland: the word is who acts
    got = events(text, published=PUBLISHED)
    assert got and all(e.where is None or e.where.country != "PL" for e in got)
    assert all(e.where is None or e.where.text != "Police" for e in got)


def test_police_who_broke_up_a_cell_arrested_its_members() -> None:
    e = _one("Spain's Interior Minister says police have broken up a radical Muslim cell "
             "plotting to bomb the country's National Court.")
    assert (e.category, e.mode) == ("COERCE", "arrest")
    assert [a.text for a in e.actors] == ["police"]

"""Readings that wire copy needs and ACLED's notes never asked for: threats told as
conditions, headlines that compress a statement, times ahead in the present tense, free
choice, sounds heard, and deals that are only words that look like them."""

from __future__ import annotations

from datetime import date

import pytest

from marsad import events

PUBLISHED = date(2004, 10, 19)


def _coded(text: str) -> list[tuple[str, str]]:
    return [(e.kind, e.category) for e in events(text, published=PUBLISHED)]


def test_quitting_on_a_condition_is_the_speakers_threat() -> None:
    got = events("The prime minister said he would quit unless parliament approved the budget.",
                 published=PUBLISHED)
    assert [(e.kind, e.category) for e in got] == [("statement", "THREATEN")]
    assert [a.text for a in got[0].actors] == ["prime minister"]


def test_quitting_told_as_done_is_a_concession() -> None:
    assert _coded("The interior minister quit on Monday after the prison escape.") == [
        ("statement", "CONCEDE")]


@pytest.mark.parametrize("headline", [
    "Sharon Threat to Resign Over Gaza Plan",
    "Premier Threat to Quit Over Budget Row",
])
def test_a_headline_threat_to_resign_is_no_resignation(headline: str) -> None:
    assert _coded(headline) == [("statement", "THREATEN")]


@pytest.mark.parametrize("text", [
    "Israeli jets reached deep into Syria, dealing a blow to the militants.",
    "The army reached into the valley, dealing a heavy blow to the rebels.",
])
def test_reaching_a_place_and_dealing_a_blow_is_no_deal(text: str) -> None:
    assert [c for c in _coded(text) if c[1] == "AGREE"] == []


def test_reaching_a_deal_is_an_agreement() -> None:
    assert _coded("The two sides reached a deal on prisoner exchanges on Monday.") == [
        ("statement", "AGREE")]


@pytest.mark.parametrize("text", [
    "The storm could cause severe damage no matter where it strikes.",
    "Officials fear the militants will cause casualties wherever they strike.",
])
def test_free_choice_tells_no_act(text: str) -> None:
    assert [c for c in _coded(text) if c[1] == "ASSAULT"] == []


@pytest.mark.parametrize("text", [
    "Diplomats expect a decision before the agency's board meets later this month.",
    "The report is due before the council meets next week.",
])
def test_a_present_tense_dated_ahead_is_still_to_come(text: str) -> None:
    assert [c for c in _coded(text) if c[1] == "CONSULT"] == []


@pytest.mark.parametrize("verb", ["meet", "met"])
def test_a_meeting_with_no_time_ahead_is_held(verb: str) -> None:
    assert _coded(f"The foreign ministers {verb} in Cairo on Sunday to discuss the "
                  "ceasefire.") == [("statement", "CONSULT")]


def test_a_blast_heard_is_no_attack() -> None:
    assert _coded("A large blast was heard in the centre of the capital on Tuesday.") == []


def test_blasts_heard_after_a_rocket_attack_leave_the_attack() -> None:
    assert _coded("Explosions were heard in the city after militants fired rockets at the "
                  "base.") == [("incident", "ASSAULT")]


def test_an_explosion_that_killed_people_is_an_attack_though_heard() -> None:
    got = events("A car bomb that was heard across the city killed five people outside a "
                 "police station.", published=PUBLISHED)
    assert [(e.kind, e.category) for e in got] == [("incident", "ASSAULT")]


@pytest.mark.parametrize("text", [
    "The minister intended to visit the border town on Friday.",
    "Clerics went to the city to try to convince the militia to evacuate the shrine.",
    "Security forces braced for possible attacks during the elections.",
])
def test_plans_and_possibilities_are_no_events(text: str) -> None:
    assert [c for c in _coded(text) if c[0] == "incident" or c[1] == "CONSULT"] == []


def test_a_toll_since_a_date_is_an_aggregate() -> None:
    got = events("At least 1,000 soldiers have been killed since the invasion began.",
                 published=PUBLISHED)
    assert [(e.kind, e.category) for e in got] == [("aggregate", "ASSAULT")]
    assert got[0].killed is not None and got[0].killed.value == 1000


@pytest.mark.parametrize(("text", "kind"), [
    # PLV, the second reading's training data, codes imposed sanctions COERCE; CODING.md a
    # SANCTION statement, and a dismissal or suspension a SANCTION incident
    ("The European Union imposed sanctions on Belarus on Monday.", "statement"),
    ("Bosnian Serb Prime Minister Dragan Mikerevic resigned, a day after the international "
     "community imposed fresh sanctions against Serb police and officials.", "statement"),
    ("Sanctions were imposed on Iran by the United States on Tuesday.", "statement"),
    ("The army dismissed three generals.", "incident"),
    ("The Israeli army yesterday suspended a platoon commander on suspicion he had fired at "
     "a girl.", "incident"),
])
def test_sanctions_are_statements_and_dismissals_incidents(text: str, kind: str) -> None:
    coded = _coded(text)
    assert (kind, "SANCTION") in coded
    assert "COERCE" not in [category for _, category in coded]


def test_dismissing_claims_stays_a_rejection() -> None:
    assert _coded("The minister dismissed the claims as lies.") == [("statement", "REJECT")]


@pytest.mark.parametrize("text", [
    "Militants planted a bomb under the car of a judge in Kabul on Monday.",
    "A rebel group placed a powerful bomb inside the gas station office, causing damage.",
    "Ten terrorists hurled dynamite sticks at the embassy in Lima on Monday.",
    "TEN TERRORISTS HURLED DYNAMITE STICKS AT THE EMBASSY IN LIMA ON MONDAY.",
])
def test_a_bomb_planted_or_thrown_is_an_explosives_attack(text: str) -> None:
    got = [(e.kind, e.category, e.mode) for e in events(text, published=PUBLISHED)]
    assert got == [("incident", "ASSAULT", "explosives")]


@pytest.mark.parametrize("text", [
    "Police said the militants had planned to plant a bomb at the stadium.",
    "Police defused a bomb planted near the court.",
    "Police found a bomb and 20 kg of dynamite in a house in Lima.",
])
def test_a_bomb_only_planned_defused_or_found_is_no_attack(text: str) -> None:
    assert [c for c in _coded(text) if c[1] == "ASSAULT"] == []


def test_a_clock_time_is_no_target() -> None:
    got = events("A rebel group placed a bomb inside the office at approximately 1600, "
                 "causing damage.", published=PUBLISHED)
    assert [a.text for e in got for a in e.recipients] == []
    got = events("Troops fired at two of the protesters in Lagos.", published=PUBLISHED)
    assert len([a for e in got for a in e.recipients]) == 1  # a number with its "of" is kept


def test_detainees_refusing_food_protest() -> None:
    assert _coded("Eight of 11 detainees briefly refuse food over prisoner rights.") == [
        ("incident", "PROTEST")]


@pytest.mark.parametrize("text", [
    "Urban commandos destroyed a truck owned by a soda company in San Salvador on Monday.",
    "Rebels have destroyed at least 10 power transmission towers in the east.",
])
def test_an_armed_groups_destruction_is_an_attack(text: str) -> None:
    assert _coded(text) == [("incident", "ASSAULT")]


def test_a_storms_destruction_is_no_attack() -> None:
    assert _coded("The storm destroyed hundreds of homes in Florida on Monday.") == []


def test_what_shelling_destroyed_tells_a_shelling() -> None:
    got = [(e.kind, e.category, e.mode)
           for e in events("Two houses were destroyed by mortar shells in Donetsk.",
                           published=PUBLISHED)]
    assert got == [("incident", "ASSAULT", "heavy-weapons")]
    assert _coded("Hundreds of homes were destroyed by the earthquake.") == []

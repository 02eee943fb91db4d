"""Wire-news readings (issue 9): counted acts told together are one incident; armed units on
the move; an act a statement is dated by; conditional threats; statements in relative
clauses; attacks told as participles on their victims; titles over leads cut short."""

from __future__ import annotations

from datetime import date

import pytest

from marsad import events
from marsad.context import make_context
from marsad.extract.protests import protest_context

PUBLISHED = date(2004, 11, 3)


def _got(text: str) -> list[tuple[str, str]]:
    return [(e.kind, e.category) for e in events(text, published=PUBLISHED)]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # CODING.md: "two car bombs" is one incident with count 2 ...
        ("Insurgents carried out two attacks on the oil pipeline near Kirkuk on Sunday.",
         "incident"),
        ("Gunmen launched three attacks on police checkpoints in Mosul on Monday.",
         "incident"),
        # ... a count over a period is an aggregate
        ("Militants have carried out over 70 attacks on US forces since October 17th.",
         "aggregate"),
        ("Rebels staged 40 attacks this year in the province.", "aggregate"),
    ],
)
def test_counted_acts_are_an_incident_unless_spread_over_a_period(text: str, kind: str):
    got = [e for e in events(text, published=PUBLISHED) if e.category == "ASSAULT"]
    assert [e.kind for e in got] == [kind]
    assert got[0].count is not None and got[0].count.value >= 2


@pytest.mark.parametrize(
    "text",
    [
        "An advance party of British soldiers has arrived at its new base near Baghdad.",
        "An elite contingent of 50 Nigerian soldiers left Nigeria on Thursday for Darfur.",
        "A column of Israeli tanks surged into the heart of the Jabalya refugee camp.",
    ],
)
def test_armed_units_on_the_move_are_mobilisation(text: str):
    assert ("incident", "MOBILIZE") in _got(text)


def test_moving_people_who_are_not_armed_is_no_mobilisation():
    assert not any(c == "MOBILIZE" for _, c in _got(
        "The delegation arrived in Cairo on Monday and left for Amman on Tuesday."))


def test_an_act_dating_a_statement_is_an_event_of_its_own():
    got = _got("The Israeli prime minister apologized to Egypt today after an Israeli army "
               "tank crew fired on an Egyptian patrol near the border, killing three police "
               "officers.")
    assert ("statement", "CONCEDE") in got and ("incident", "ASSAULT") in got


def test_what_a_demand_asks_to_end_is_no_event():
    got = _got("The Arab League demanded an end to the air strikes on Gaza.")
    assert ("statement", "REQUEST") in got and ("incident", "ASSAULT") not in got


def test_a_conditional_act_of_the_speakers_side_is_a_threat():
    got = events("A top Iranian official said Sunday that Iran would withdraw from the "
                 "negotiations with the European Union if the talks turned into a dead end.",
                 published=PUBLISHED)
    assert [(e.kind, e.category) for e in got] == [("statement", "THREATEN")]
    assert got[0].where is not None and got[0].where.country == "IR"


def test_an_unconditional_plan_is_no_event():
    assert _got("The official said Iran would withdraw from the talks next year.") == []


def test_a_statement_in_a_relative_clause_about_its_speaker_is_said():
    got = _got("Pakistan President Pervez Musharraf met Pope John Paul II, who urged him to "
               "adopt a spirit of dialogue in his region.")
    assert ("statement", "CONSULT") in got and ("statement", "REQUEST") in got


def test_two_demands_in_one_sentence_are_two_events():
    got = _got("Secretary of State Colin Powell urged China on Monday to exert its influence "
               "over North Korea, and pressed Beijing to accept a Taiwan offer of talks.")
    assert got.count(("statement", "REQUEST")) == 2


@pytest.mark.parametrize(
    "text",
    [
        "The Foreign Office said it believed kidnapped aid worker Margaret Hassan was alive.",
        "Thousands attended the funeral of an assassinated religious leader in Baghdad.",
    ],
)
def test_an_attack_told_as_a_participle_on_its_victim_is_coded(text: str):
    assert ("incident", "ASSAULT") in _got(text)


def test_a_participle_describing_a_group_is_no_attack():
    assert ("incident", "ASSAULT") not in _got(
        "Iran-backed militias paraded in the capital on Friday.")


def test_a_title_over_a_lead_cut_short_is_one_event_with_the_lead_as_evidence():
    text = ("Iraq: 26 killed on horrific day of violence\n"
            "Suicide bombers killed at least 22 members of Iraq's fledgling security forces "
            "yesterday amid a spate of insurgent attacks across the country that also")
    got = events(text, published=PUBLISHED)
    incidents = [e for e in got if e.kind == "incident"]
    assert len(incidents) == 1
    assert incidents[0].evidence.text.startswith("Suicide bombers killed")
    assert any(e.kind == "aggregate" for e in got)


def test_a_headline_series_is_not_the_bodys_single_attack():
    got = _got("Scores of Iraqis die in 3 days of attacks\n"
               "US troops fought a gunbattle with insurgents along a busy street in Baghdad "
               "today, witnesses said")
    assert ("aggregate", "ASSAULT") in got and ("incident", "ASSAULT") in got


def test_protest_cues_start_a_word():
    ctx = make_context()
    assert protest_context(ctx, "A rally outside the JW Marriot Hotel in Los Angeles.") is None
    assert protest_context(ctx, "Rioters smashed shop windows.") == "violent"


def test_a_killing_and_the_blast_that_caused_it_are_one_act():
    got = [e for e in events("Two Turkish soldiers were killed when their vehicle hit a land "
                             "mine in southeastern Turkey.", published=PUBLISHED)
           if e.category == "ASSAULT"]
    assert len(got) == 1 and got[0].mode == "explosives"


def test_saying_what_should_be_done_is_a_demand():
    got = events("Seventeen political parties say the election should be put off for at least "
                 "six months.", published=PUBLISHED)
    assert [(e.kind, e.category) for e in got] == [("statement", "REQUEST")]


def test_an_accusation_told_as_a_participle_with_its_speaker_is_said():
    got = _got("Israeli military police on Tuesday arrested a commander accused by comrades of "
               "riddling the body of a Palestinian schoolgirl with bullets.")
    assert ("statement", "ACCUSE") in got and ("incident", "COERCE") in got


def test_material_backing_is_no_statement():
    got = _got("Israeli tanks and troops backed by helicopter gunships stormed Khan Younis "
               "refugee camp.")
    assert ("statement", "SUPPORT") not in got


@pytest.mark.parametrize(
    "text",
    [
        "Peace talks between Sudan's government and Darfur rebels struggled for survival on "
        "Wednesday.",
        "A State Department spokesman says the issue came up during talks with China's "
        "visiting military chief.",
        "Colombian rebels plotted to kill him during his brief stopover in the port of "
        "Cartagena last week.",
    ],
)
def test_talks_told_with_their_parties_and_visits_are_consultations(text: str):
    assert ("statement", "CONSULT") in _got(text)


def test_talks_still_to_come_are_no_event():
    assert ("statement", "CONSULT") not in _got(
        "Talks between the government and the rebels could fail next week.")


def test_a_speaker_announcing_its_own_deployment_makes_a_pledge():
    got = events("The African Union said it would increase its forces in the restive region.",
                 published=PUBLISHED)
    assert [(e.kind, e.category) for e in got] == [("statement", "AGREE")]
    assert got[0].actors and got[0].actors[0].text == "African Union"


def test_another_actors_planned_deployment_is_no_event():
    assert _got("Officials said the army would send more troops to the region next month.") == []


def test_a_threat_carried_by_a_letter_was_made():
    got = _got("A letter left on the body of a Dutch filmmaker contained death threats against "
               "a Dutch politician, the justice minister said today.")
    assert ("statement", "THREATEN") in got


def test_a_threat_only_talked_about_was_not_made():
    assert ("statement", "THREATEN") not in _got(
        "Experts discussed the threat of terrorism at a conference in London.")


def test_a_death_as_the_result_of_an_attack_is_the_attack() -> None:
    found = events("A retired general, Carlos Medina Torres, died today in Cusco as a "
                   "consequence of a terrorist attack.")
    assert [(e.kind, e.category) for e in found] == [("incident", "ASSAULT")]
    assert events("Three soldiers died as a result of the heat in the desert.") == []


def test_a_named_victims_murder_is_an_act_wherever_it_is_mentioned() -> None:
    found = events("The government revealed the results of its investigations on the murder "
                   "of Juan Carrillo.")
    assert [(e.kind, e.category) for e in found] == [("incident", "ASSAULT")]
    assert [r.name for r in found[0].recipients] == ["Juan Carrillo"]
    assert events("The government revealed the results of its investigations on the murder "
                  "rate of the capital.") == []

"""Detection precision: one event per reported occurrence (wire-style sentences).

Dates that look like triggers, a protest's demands, follow-up arrests, background acts
and editors' notes must not become events of their own; a demand made by acting is a
protest."""

from datetime import date

from marsad.stages import events as extract
from marsad.types import Event

PUB = date(2024, 3, 10)


def events(text: str) -> list[Event]:
    return list(extract(text, PUB))


def kinds(text: str) -> list[tuple[str, str]]:
    return [(e.kind, e.category) for e in events(text)]


def test_the_month_of_march_is_not_a_march():
    assert kinds("On 8 March 2024, Russian forces shelled Kherson.") == [
        ("incident", "ASSAULT")]
    assert kinds("Artillery hit a market in Donetsk on March 3.") == [("incident", "ASSAULT")]


def test_a_march_is_still_a_march():
    assert kinds("On March 3, thousands of students marched through Nairobi.") == [
        ("incident", "PROTEST")]


def test_a_verb_hung_under_a_noun_is_the_predicate():
    # the parser reads "protested" as a reduced relative of "towns"
    text = "On Monday, over 1,000 people from twelve towns protested in Dili against the judge."
    assert ("incident", "PROTEST") in kinds(text)


def test_the_act_a_relative_clause_asserts_is_an_event_of_its_own():
    # CODING.md: "held responsible for a twin bombing that killed 16" is an ASSAULT of its own
    text = "Police arrested the men who attacked the convoy in Kano on Friday."
    assert sorted(kinds(text)) == [("incident", "ASSAULT"), ("incident", "COERCE")]


def test_there_was_a_clash():
    assert ("incident", "ASSAULT") in kinds(
        "On Tuesday, there was an armed clash between police and gunmen in Zamfara.")


def test_air_strikes_carried_out():
    assert ("incident", "ASSAULT") in kinds(
        "Russian aircraft carried out air strikes near Avdiivka on Saturday.")


def test_took_out_a_rally():
    assert kinds("Opposition activists took out a protest rally in Karachi on Sunday.") == [
        ("incident", "PROTEST")]


def test_protesters_demands_are_part_of_the_protest():
    text = ("Hundreds of people demonstrated in Lyon on Saturday. They denounced the pension "
            "reform and called for the resignation of the government.")
    assert kinds(text) == [("incident", "PROTEST")]


def test_an_official_answering_protesters_still_speaks():
    text = ("Hundreds of teachers rallied in Accra on Monday. The Education Minister "
            "Yaw Osei called for calm.")
    assert ("statement", "REQUEST") in kinds(text)


def test_a_demand_made_by_blocking_a_road_is_a_protest():
    text = "Farmers blocked the main highway near Lahore on Monday to demand higher wheat prices."
    assert kinds(text) == [("incident", "PROTEST")]


def test_a_press_conference_is_no_protest():
    text = "Union members held a press conference in Seoul on Monday demanding higher wages."
    assert ("incident", "PROTEST") not in kinds(text)


def test_protesters_demanding_imply_a_protest():
    assert kinds("Protesters in Caracas demanded running water and electricity on Friday.") == [
        ("incident", "PROTEST")]


def test_follow_up_arrest_belongs_to_the_incident():
    text = ("Gunmen shot dead a trader in Kaduna on Sunday. Police later arrested two suspects.")
    assert kinds(text) == [("incident", "ASSAULT")]


def test_a_separate_arrest_is_kept():
    text = ("Gunmen shot dead a trader in Kaduna on Sunday. In a separate operation, police "
            "arrested two suspected kidnappers in Zaria.")
    assert ("incident", "COERCE") in kinds(text)


def test_the_same_crowd_acting_again_is_one_protest():
    text = ("Hundreds of workers protested in Dhaka on Sunday over unpaid wages. The protesters "
            "then marched to the labour ministry.")
    assert kinds(text) == [("incident", "PROTEST")]


def test_pluperfect_act_is_background():
    text = ("Villagers clashed with herders in Benue on Tuesday. The herders had attacked the "
            "village earlier in the month.")
    incidents = [e for e in events(text) if e.kind == "incident"]
    # One incident, read from the first sentence: the earlier attack is background.
    assert len(incidents) == 1
    assert incidents[0].evidence.text.startswith("Villagers clashed")


def test_the_cause_told_in_an_after_clause_is_an_event_of_its_own():
    text = "Riots broke out in Kisumu on Monday after a motorcycle taxi driver was shot dead."
    assert sorted((e.category, e.mode) for e in events(text) if e.kind == "incident") == [
        ("ASSAULT", "firearms"), ("PROTEST", "riot")]


def test_bracketed_editorial_note_is_no_event():
    text = "Gunmen shot dead a trader in Kaduna on Sunday. [women targeted: relatives]"
    assert kinds(text) == [("incident", "ASSAULT")]


def test_a_bare_toll_line_joins_the_incident():
    text = "A mob attacked a police station in Kano on Sunday. 4 injured."
    evs = [e for e in events(text) if e.kind == "incident"]
    assert len(evs) == 1


def test_what_a_protest_is_against_is_no_event():
    text = "On Monday, students demonstrated in Kinshasa against the teachers' strike."
    assert kinds(text) == [("incident", "PROTEST")]


def test_gathering_for_a_rally_is_one_protest():
    text = ("On Saturday, hundreds of people gathered outside City Hall in Atlanta to take part "
            "in a peace rally.")
    assert kinds(text) == [("incident", "PROTEST")]


def test_a_toll_line_joins_a_clash_whatever_the_weapon():
    text = ("Police clashed with gunmen in Zamfara on Tuesday. A civilian was killed by stray "
            "bullets.")
    evs = [e for e in events(text) if e.kind == "incident"]
    assert len(evs) == 1


def test_a_protest_that_turns_violent_is_one_riot():
    text = ("Hundreds of youths protested in Kisumu on Monday over power cuts. The protesters "
            "then set fire to a bus.")
    (e,) = [x for x in events(text) if x.kind == "incident"]
    assert e.category == "PROTEST" and e.acled_type == "Riots"


def test_protesters_as_objects_are_people_not_protests():
    text = "Police fired tear gas in Harare on Monday and arrested two protesters."
    assert all(e.category != "PROTEST" for e in events(text))


def test_the_crowd_named_again_voices_the_protest():
    text = ("Hundreds of nurses protested outside the health ministry in Nairobi on Tuesday. "
            "The nurses demanded timely payment of their salaries.")
    assert kinds(text) == [("incident", "PROTEST")]

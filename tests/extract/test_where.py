"""Where an event happened: the place attached to the act, facilities, containment, seats,
and the country of focus when the text places nothing (wire-style sentences)."""

from datetime import date

import pytest

from marsad.stages import events as extract
from marsad.types import Event

PUB = date(2024, 3, 10)


def events(text: str, kind: str | None = None) -> list[Event]:
    return [e for e in extract(text, PUB) if kind is None or e.kind == kind]


def one(text: str, kind: str | None = None) -> Event:
    got = events(text, kind)
    assert len(got) == 1, got
    return got[0]


def test_facility_the_pack_knows_is_the_place():
    e = one("Two rockets struck Erbil Airport on Thursday, causing no casualties.")
    assert e.where is not None and e.where.precision == "facility"
    assert e.where.country == "IQ" and "Erbil" in (e.where.name or "")


def test_facility_named_elsewhere_falls_back_to_the_city_around_it():
    # the pack's US embassy is in Baghdad: "in Beirut" disagrees, so the city is the place
    e = one("A rocket struck the US embassy in Beirut on Friday.")
    assert e.where is not None and e.where.country == "LB"
    assert e.where.precision == "city" and e.where.name == "Beirut"


def test_containment_with_a_comma():
    e = one("Gunmen killed two shepherds in Hit, Anbar province, on Tuesday.")
    assert e.where is not None and e.where.country == "IQ"
    assert e.where.precision == "city" and e.where.admin1 == "Anbar"


def test_containment_in_brackets_acled_style():
    got = extract("On 3 March 2022, militants attacked a convoy in Jowhar "
                  "(Middle Shabelle).", date(2022, 3, 5))
    assert got and all(e.where is not None and e.where.country == "SO"
                       and e.where.admin1 == "Middle Shabelle" for e in got)


def test_place_in_a_relative_clause_is_not_the_event_place():
    e = one("Militants attacked a convoy in Basra that had come from Nasiriyah.")
    assert e.where is not None and e.where.name in ("Basra", "Basrah")


def test_agent_and_source_are_not_places():
    e = one("Rockets hit a military base near Kirkuk on Monday, according to the Pentagon.")
    assert e.where is not None and e.where.name == "Kirkuk"
    e = one("Washington struck two depots in Syria on Friday.")
    assert e.where is not None and e.where.country == "SY" and e.where.precision == "country"


def test_demonym_is_not_a_place():
    e = one("Turkish drones struck a vehicle in Sinjar on Saturday.")
    assert e.where is not None and e.where.country == "IQ" and e.where.name == "Sinjar"


def test_statement_at_the_speaker_seat_federal():
    e = one("The Iraqi foreign ministry condemned the Turkish bombardment on Monday.",
            kind="statement")
    assert e.where is not None and e.where.name == "Baghdad" and e.where.precision == "city"


def test_statement_at_the_speaker_seat_regional():
    e = one("The Kurdistan Regional Government urged Iraqi forces to withdraw from the area "
            "on Monday.", kind="statement")
    assert e.where is not None and e.where.precision == "admin1"
    assert e.where.admin1 == "Kurdistan Region"


def test_statement_by_a_demonym_described_speaker():
    e = one("Kurdish lawmaker Hoshyar Kareem condemned the attacks on Iraqi oil fields on "
            "Monday.", kind="statement")
    assert e.where is not None and e.where.admin1 == "Kurdistan Region"


def test_a_statement_with_no_stated_place_is_at_the_speakers_country():
    # CODING.md: a statement is where it was said, not where what it talks about happened
    strike = "A drone strike killed three Iraqi fighters near Al-Qaim on Tuesday. "
    e = one(strike + "Tehran condemned the strike.", kind="statement")
    assert e.where is not None and e.where.country == "IR"
    e = one(strike + "A senior Iranian official condemned the strike.", kind="statement")
    assert e.where is not None and e.where.country == "IR" and e.where.precision == "country"
    e = one("US Secretary of State Colin Powell urged China on Monday to exert its influence "
            "over North Korea.", kind="statement")
    assert e.where is not None and e.where.country == "US"


def test_a_meeting_is_where_it_was_held():
    e = one("Pakistan President Pervez Musharraf met Afghan President Hamid Karzai in Kabul on "
            "Saturday.", kind="statement")
    assert e.where is not None and e.where.name == "Kabul"


def test_statement_content_does_not_place_the_statement():
    e = one("The Iraqi government condemned the bombing of a market in Kirkuk on Monday, "
            "which killed five people.", kind="statement")
    assert e.where is not None and e.where.name == "Baghdad"


def test_no_place_in_the_sentence_is_the_country_of_focus():
    text = ("Iraqi security forces arrested five suspects on Monday. "
            "Gunmen killed a tribal leader on Tuesday.")
    e = next(x for x in events(text) if "tribal leader" in x.evidence.text)
    assert e.where is not None and e.where.country == "IQ" and e.where.precision == "country"


def test_a_report_referring_back_takes_the_earlier_place():
    text = ("Militias have carried out more than 40 attacks on US forces in Syria since "
            "October. These attacks have resulted in 60 injuries among US troops.")
    got = events(text)
    assert len(got) == 2
    assert all(a.where is not None and a.where.country == "SY" for a in got)


def test_seats_are_pack_data_inherited_through_offices_and_parents():
    from marsad.packs import load_pack

    p = load_pack()
    assert p.seat("iq-gov") == "gn:98182"  # Baghdad
    assert p.seat("iq-foreign-minister") == "gn:98182"  # office -> ministry -> government
    assert p.seat("krg-interior-minister") == "iq-kurdistan-region"
    assert [x.id for x in p.places_for_demonym("Kurdish")] == ["iq-kurdistan-region"]



@pytest.mark.parametrize(
    ("text", "kind", "field", "value"),
    [
        # "the Afghan capital", "the capital of Peru": the capital city
        ("A suicide bomber struck a busy shopping street in the Afghan capital on Monday.",
         None, "name", "Kabul"),
        ("Gunmen killed two policemen in the capital of Peru on Monday.", None, "name", "Lima"),
        # a weekday after a place name is not part of it
        ("A car bomb exploded outside a ministry in central Baghdad Tuesday, killing six.",
         None, "name", "Baghdad"),
        # Buenos Aires city is a unit of its own, not inside Buenos Aires province
        ("A bomb exploded at a bank in Buenos Aires on Monday, killing a guard.",
         None, "precision", "city"),
        # a statement with no place of its own is where the report was filed ...
        ("BEIJING (Reuters) - Secretary of State Colin Powell urged China on Monday to exert "
         "its influence over North Korea.", "statement", "name", "Beijing"),
        # ... unless its speaker speaks from home
        ("TOKYO (Reuters) - North Korea warned Japan that sanctions would mean war.",
         "statement", "country", "KP"),
        # a dateline does not place an incident told elsewhere
        ("ISLAMABAD (Reuters) - Gunmen killed two soldiers in Peshawar on Monday.",
         None, "name", "Peshawar"),
        # the place of the act beats one inside its victim's description
        ("Care International says its chief of operations in Iraq has been kidnapped in "
         "Baghdad.", None, "name", "Baghdad"),
        # a story told only through modifiers is still about that country
        ("Peru's interior minister said Wednesday that police acted in self-defense when "
         "they fired on the crowd.", "incident", "country", "PE"),
        # a speaker of a first-level unit is not placed in the country its name contains
        ("The UDA, Northern Ireland's largest loyalist paramilitary group, has pledged to "
         "end its violence.", "statement", "country", "GB"),
        # a name on a facility noun is its place
        ("A suicide car bomber struck an entrance to Baghdad's Green Zone government "
         "compound on Tuesday.", None, "name", "Green Zone"),
        # a city named only on the people involved is their city, when nothing else places it
        ("A London court backed an inquiry into claims a Basra hotel worker was beaten to "
         "death by UK soldiers.", "incident", "name", "Basrah"),
        ("US forces killed five militants on Monday, the military said.", "incident",
         "country", None),
        # a deployment is where the force goes, not where it set out from
        ("An elite contingent of 50 Nigerian soldiers left Nigeria on Thursday for Darfur, "
         "the first stage of an African Union deployment.", "incident", "name", "Darfur"),
        ("Britain sent 500 more troops to Basra on Monday.", "incident", "name", "Basrah"),
    ],
)
def test_wire_news_places(text: str, kind: str | None, field: str, value: str | None):
    e = one(text, kind=kind)
    if value is None:  # a country named only as a modifier ("US forces") places nothing
        assert e.where is None, e.where
        return
    assert e.where is not None and getattr(e.where, field) == value, e.where


def _first_incident_place(text: str):
    evs = [e for e in extract(text, published=date(2024, 3, 4)) if e.kind == "incident"]
    assert evs, text
    return evs[0].where


def test_an_act_placed_only_in_the_country_is_at_the_one_place_the_story_names_there():
    where = _first_incident_place(
        "Gunmen kidnapped three aid workers in Afghanistan on Monday. Their convoy had left "
        "Kabul at dawn, colleagues said.")
    assert where is not None and (where.name, where.precision) == ("Kabul", "city")


def test_two_places_of_the_story_leave_the_act_at_the_country():
    where = _first_incident_place(
        "Gunmen kidnapped three aid workers in Afghanistan on Monday. Their convoy had left "
        "Kabul at dawn for Herat, colleagues said.")
    assert where is not None and (where.name, where.precision) == ("Afghanistan", "country")


def test_a_place_and_the_site_in_it_give_the_site():
    where = _first_incident_place(
        "Gunmen attacked pilgrims in Iraq on Monday. The pilgrims had gathered at the Imam Ali "
        "Shrine in Najaf, police said.")
    assert where is not None and where.precision in ("facility", "city")
    assert where.lat is not None and abs(where.lat - 32.0) < 0.3


def _first_statement_place(text: str):
    evs = [e for e in extract(text, published=date(2024, 3, 4)) if e.kind == "statement"]
    assert evs, text
    return evs[0].where


@pytest.mark.parametrize(("text", "country", "name"), [
    # a capital or a town of the story's country in the speaker's own name is its seat,
    # before the dateline of a report filed elsewhere
    ("North Korea warns of war over sanctions\nSEOUL (Reuters) - North Korea said sanctions "
     "would be an act of war. Pyongyang warned South Korea on Friday that joining the "
     "sanctions would end all talks.", "KP", "Pyongyang"),
    ("Kabul court accuses warlord\nA Kabul court on Monday accused a former warlord of "
     "ordering the killings of villagers in northern Afghanistan, officials said.",
     "AF", "Kabul"),
])
def test_a_place_in_the_speakers_name_is_the_statements_seat(text, country, name):
    where = _first_statement_place(text)
    assert where is not None and (where.country, where.name) == (country, name)


def test_a_speaker_described_in_a_place_speaks_from_there():
    where = _first_statement_place(
        "Elders seek release of hostages\nISLAMABAD - Tribal elders in Pakistan's North "
        "Waziristan tribal area are negotiating with the kidnappers of two Turkish engineers, "
        "a government spokesman said on Sunday.")
    assert where is not None and where.name == "North Waziristan"


@pytest.mark.parametrize("day", ["17 June", "3 July", "Sept. 9"])
def test_a_month_name_after_a_date_is_no_place(day: str) -> None:
    # "June" and "July" are names of small towns; written after a day they are the date
    (event,) = extract(f"She was captured by the rebels on {day}.", date(2016, 9, 20))
    assert event.where is None or event.where.text not in {"June", "July", "Sept"}


@pytest.mark.parametrize(
    "text",
    [
        "The US president met Colombia's president during a stopover in the port of "
        "Cartagena on Monday.",
        "Bush met Uribe during a visit to Cartagena on Monday.",
    ],
)
def test_a_meeting_during_a_visit_is_one_act_where_the_visit_was(text: str) -> None:
    e = one(text)
    assert e.category == "CONSULT"
    assert e.where is not None and e.where.name == "Cartagena"


def test_a_visit_is_where_the_visitor_went() -> None:
    e = one("The Iraqi prime minister's visit to Paris ended on Monday.")
    assert e.category == "CONSULT"
    assert e.where is not None and e.where.name == "Paris"


def test_what_a_visiting_speaker_talks_about_still_does_not_place_the_statement() -> None:
    for e in events("During a visit to Paris, the minister urged Iran to halt enrichment.",
                    "statement"):
        assert e.where is None or e.where.country != "IR"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Rebel leaders held talks in Cairo on Monday.", "Cairo"),  # "in" on "talks"
        # the port is where, and Aden names it
        ("Rebel leaders held talks in the port of Aden on Monday.", "Aden"),
        ("Rebels plotted to kill the president during his brief stopover in the port of "
         "Cartagena last week.", "Cartagena"),
    ],
)
def test_talks_are_placed_by_the_place_their_phrase_names(text: str, place: str) -> None:
    e = one(text, "statement")
    assert e.category == "CONSULT"
    assert e.where is not None and e.where.name == place


def test_a_place_written_as_another_places_lies_in_it():
    # "Najaf's Old City": the gazetteer's only Old City is Jerusalem's; the owner says which
    # (and an AG News "#39;s" is read as "'s")
    e = one("At least 25 bodies were discovered in a court in Najaf #39;s Old City, police "
            "said.")
    assert e.category == "ASSAULT" and e.killed is not None and e.killed.value == 25
    assert e.where is not None and (e.where.name, e.where.country) == ("Najaf", "IQ")
    # a run of capitals holding the possessive is the owner and the place it owns
    e = one("A bomb killed three people in Baghdad's Sadr City on Monday.")
    assert e.where is not None and e.where.name == "Sadr City"
    assert e.where.country == "IQ" and e.where.precision == "neighbourhood"


@pytest.mark.parametrize(("text", "place"), [
    ("Police arrested three protesters in Lee's Summit on Monday.", "Lee's Summit"),
    ("Members of the Asian Citizen's Center for Environment protested in Seoul on Monday.",
     "Seoul"),
])
def test_a_possessive_inside_a_places_or_a_bodys_own_name_owns_nothing(text, place):
    assert one(text).where.name == place

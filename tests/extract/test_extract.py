"""End to end through `extract`: wire-style sentences, one behaviour each."""

from datetime import date

import pytest

from marsad.stages import document_extractor, events_many
from marsad.stages import events as extract
from marsad.types import Document, Event

PUB = date(2024, 3, 10)  # a Sunday


def one(text: str, published: date | None = PUB, kind: str | None = None) -> Event:
    events = [e for e in extract(text, published) if kind is None or e.kind == kind]
    assert len(events) == 1, events
    return events[0]


def names(refs) -> list[str]:
    return [r.text for r in refs]


def test_active_assault_with_agent_patient_and_toll():
    e = one("Gunmen opened fire on a police checkpoint in Kirkuk on Saturday, killing two "
            "policemen.")
    assert (e.kind, e.category, e.mode) == ("incident", "ASSAULT", "firearms")
    assert names(e.actors) == ["Gunmen"]
    assert "checkpoint" in names(e.recipients)[0]
    assert e.killed is not None and e.killed.value == 2
    assert (e.acled_type, e.acled_subtype) == ("Battles", "Armed clash")


def test_passive_with_weapon_by_phrase_has_no_actor():
    e = one("The airport was targeted by three rockets on Friday, causing no casualties.")
    assert e.mode == "heavy-weapons" and e.actors == ()
    assert names(e.recipients) == ["airport"]
    assert e.killed is not None and e.killed.value == 0
    assert e.acled_subtype == "Shelling/artillery/missile attack"


def test_passive_by_phrase_names_the_actor():
    e = one("A shepherd was abducted by armed men near the village of Tal Afar.")
    assert e.mode == "abduct" and names(e.actors) == ["armed men"]
    assert e.acled_subtype == "Abduction/forced disappearance"


def test_nominal_trigger_with_possessive_and_against():
    e = one("The army's airstrike against rebel positions killed 14 fighters on Monday.")
    assert e.mode == "aerial" and names(e.actors)[0].endswith("army")
    assert e.killed is not None and e.killed.value == 14


def test_member_of_and_headquarters_of_name_the_organisation():
    e = one("A drone struck the headquarters of the Kataib Hezbollah militia in Jurf al-Sakhar.")
    assert e.mode == "drone" and "Kataib Hezbollah" in names(e.recipients)[0]


def test_apposition_prefers_the_name():
    e = one("The defence minister, Ali Hassan, condemned the bombing.", kind="statement")
    assert e.category == "ACCUSE" and names(e.actors) == ["Ali Hassan"]


def test_aggregate_count_with_qualifier():
    e = one("Militants have carried out more than 40 attacks against security forces since "
            "January.", kind="aggregate")
    assert e.count is not None and (e.count.value, e.count.qualifier) == (40, "more_than")
    assert names(e.actors) == ["Militants"]


def test_claim_of_responsibility():
    e = one("The Islamic State group claimed responsibility for the bombing, which killed "
            "five people.")
    assert e.said_by is not None and e.said_by.kind == "claim"
    assert e.factuality == "claimed"


def test_according_to_sets_said_by():
    e = one("Two civilians were killed in a mortar attack on the market, according to local "
            "officials.")
    assert e.said_by is not None and "officials" in e.said_by.source.text
    assert e.mode == "heavy-weapons"


def test_negated_incident_is_not_reported():
    assert [e for e in extract("No attacks were reported in the province on Sunday.", PUB)
            if e.kind == "incident"] == []


def test_future_incident_is_not_reported_but_threat_is():
    events = extract("The group threatened to attack foreign bases in the coming days.", PUB)
    assert [e.category for e in events] == ["THREATEN"]


def test_denial_under_speaker_is_a_reject_statement():
    e = one("The ministry spokesman said the strike did not harm any civilians.",
            kind="statement")
    assert e.category == "REJECT"


def test_statement_request_with_addressee_and_stance():
    e = one("Lawmaker Ahmed Karim urged the government to end the presence of the "
            "international coalition in Iraq.", kind="statement")
    assert e.category == "REQUEST" and e.mode == "change"
    assert e.stance is not None and e.stance.position == "against"


def test_statement_support_negated_flips_stance():
    e = one("Kurdish leaders said they cannot support the withdrawal of US forces from Iraq.",
            kind="statement")
    assert e.category == "SUPPORT"
    assert e.stance is not None and e.stance.position == "for"


def test_protest_with_intervention():
    e = one("Hundreds of teachers protested outside parliament in Baghdad on Sunday over "
            "unpaid salaries. Police used tear gas to disperse them.")
    assert e.category == "PROTEST"
    assert (e.acled_type, e.acled_subtype) == ("Protests", "Protest with intervention")


def test_mob_violence_from_crowd_agent():
    e = one("A mob of villagers beat a suspected thief to death in Basra.")
    assert e.category == "PROTEST" and e.acled_subtype == "Mob violence"


def test_later_toll_sentence_merges_into_incident():
    events = extract("A car bomb exploded near a market in Mosul on Thursday. Three people "
                     "were killed and 12 wounded.", PUB)
    incidents = [e for e in events if e.kind == "incident"]
    assert len(incidents) == 1
    assert incidents[0].killed is not None and incidents[0].killed.value == 3
    assert incidents[0].acled_subtype == "Remote explosive/landmine/IED"


def test_headline_restating_the_lead_is_dropped():
    text = ("Rockets hit airbase in Anbar\n\nSeveral rockets hit the Ain al-Asad airbase in "
            "Anbar on Saturday, officials said.")
    events = extract(text, PUB)
    assert len(events) == 1 and events[0].evidence.start >= text.index("Several")


def test_every_event_has_evidence_spans_into_the_text():
    text = "Turkish warplanes struck PKK positions in Duhok province on Friday, killing four."
    for e in extract(text, PUB):
        assert text[e.evidence.start : e.evidence.end] == e.evidence.text
        for fe in e.field_evidence:
            assert text[fe.span.start : fe.span.end] == fe.span.text
        assert {"trigger"} <= {fe.field for fe in e.field_evidence}


def test_statement_without_date_gets_publication_date():
    e = one("The foreign minister condemned the attack on the embassy.", kind="statement")
    assert e.when is not None and e.when.start == PUB


def test_extract_document_and_many():
    from datetime import datetime

    doc = Document(id="doc-1", url=None, source=None, title=None, published=PUB, lang="en",
                   text="Protesters blocked the main road in Nasiriyah on Sunday.",
                   raw_format="text", fetched_at=datetime(2024, 3, 10), content_hash="x",
                   origin="test")
    assert [e.category for e in document_extractor()(doc)] == ["PROTEST"]
    out = events_many(["Police arrested two men in Basra.", "Nothing happened."], [PUB, None])
    assert [e.category for e in out[0]] == ["COERCE"] and out[1] == []


@pytest.mark.parametrize(
    ("text", "category", "mode"),
    [
        ("Security forces raided a house in Diyala and arrested a suspect.", "COERCE", None),
        ("The two sides agreed to a ceasefire on Tuesday.", "AGREE", None),
        ("Iraq deployed troops along the Syrian border.", "MOBILIZE", "troops"),
        ("A suicide bomber blew himself up at a checkpoint in Kabul.", "ASSAULT",
         "suicide-attack"),
        ("Fighters clashed with the army near the town of Hit.", "ASSAULT", "clash"),
    ],
)
def test_more_categories(text, category, mode):
    got = [(e.category, e.mode) for e in extract(text, PUB)]
    assert any(c == category and (mode is None or m == mode) for c, m in got), got

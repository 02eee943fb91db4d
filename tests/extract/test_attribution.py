"""Attribution and factuality: who says an event happened, and whether it did.

End to end through `extract` for sources (`said_by`), claims and denials; on parsed
sentences for factuality cues (`attribution.factuality`), since events that did not happen
(negated, future, hypothetical) are not emitted as incidents.
"""

from __future__ import annotations

from datetime import date

import pytest

from marsad.analyse import Sentence, analyse
from marsad.context import make_context
from marsad.extract import attribution as reading
from marsad.stages import events as extract
from marsad.types import Event

PUB = date(2024, 1, 10)
CTX = make_context()


def attribution(s: Sentence) -> dict[int, reading.Attributed]:
    return reading.attribution(CTX, s)


def factuality(s: Sentence, i: int, attributed: reading.Attributed | None = None) -> str:
    return reading.factuality(CTX, s, i, attributed)


def incidents(text: str) -> list[Event]:
    return [e for e in extract(text, PUB) if e.kind != "statement"]


def said_by(e: Event) -> tuple[str, str]:
    assert e.said_by is not None, e
    return e.said_by.source.text, e.said_by.kind


# --- sources ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Gunmen killed two policemen at a checkpoint in Kirkuk on Monday, police said.",
         "police"),
        ("A car bomb exploded in Mosul on Sunday, killing four civilians, sources said.",
         "sources"),
        ("Gunmen killed a shepherd near Tuz Khurmatu, a police officer told AFP.",
         "police officer"),
        ("Reuters reported that a drone struck a convoy near Al-Qaim on Friday.", "Reuters"),
        ("The Pentagon said a drone attacked US forces at al-Tanf on Thursday.", "Pentagon"),
        ("A statement from the Interior Ministry said a Turkish drone struck a car in "
         "Sulaymaniyah, killing two people.", "Interior Ministry"),
        ("According to security sources, a roadside bomb killed three soldiers in Diyala.",
         "security sources"),
    ],
)  # fmt: skip
def test_reported_incident_is_said_by_its_source(text: str, source: str) -> None:
    [e] = incidents(text)
    got, kind = said_by(e)
    assert source in got and kind == "report"
    assert e.factuality == "asserted"


def test_unattributed_incident_has_no_source() -> None:
    [e] = incidents("Gunmen killed two policemen at a checkpoint in Kirkuk on Monday.")
    assert e.said_by is None


# --- claims of responsibility -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The Islamic State claimed responsibility for the bombing in Baghdad that killed "
        "five people.",
        "The Islamic Resistance in Iraq said it had attacked a US base in Syria with drones.",
        "Harakat al-Nujaba said its fighters shelled a US base near Erbil on Tuesday.",
    ],
)
def test_claims_of_responsibility(text: str) -> None:
    [e] = incidents(text)
    source, kind = said_by(e)
    assert kind == "claim" and e.factuality == "claimed"
    assert source.split()[-1] in text.split(" said")[0].split(" claimed")[0]


def test_claimant_is_the_actor() -> None:
    [e] = incidents("The Islamic State claimed responsibility for the bombing in Baghdad that "
                    "killed five people.")
    assert [a.text for a in e.actors] == ["The Islamic State"] or e.actors[0].name == (
        "Islamic State")


def test_said_it_was_behind_is_a_claim() -> None:
    [s] = analyse(
        "The Islamic Resistance in Iraq said it was behind the drone attack on Erbil airport."
    ).sentences
    attack = _tok(s, "attack")
    got = attribution(s)[attack]
    assert "Islamic Resistance in Iraq" in got.source.text and got.kind == "claim"
    assert factuality(s, attack, got) == "claimed"


# --- denials ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("Kata'ib Hezbollah denied any role in the drone attack on Erbil airport.",
         "Kata'ib Hezbollah"),
        ("The PKK denied responsibility for the attack on the pipeline.", "PKK"),
        ("Asa'ib Ahl al-Haq rejected accusations that it shelled the Green Zone.",
         "Asa'ib Ahl al-Haq"),
    ],
)  # fmt: skip
def test_denials(text: str, who: str) -> None:
    events = extract(text, PUB)
    denials = [e for e in events if e.said_by is not None and e.said_by.kind == "denial"]
    assert denials, events
    assert who in denials[0].said_by.source.text  # type: ignore[union-attr]
    assert not [e for e in events if e.kind == "incident" and e.factuality == "asserted"
                and e.said_by is None]  # fmt: skip


def test_denied_content_is_denied() -> None:
    [s] = analyse("The militia said it had nothing to do with the attack on the base.").sentences
    attack = _tok(s, "attack")
    got = attribution(s).get(attack)
    assert got is not None and got.kind == "denial"
    assert factuality(s, attack, got) == "denied"


def test_the_denial_itself_is_asserted() -> None:
    [s] = analyse("The PKK denied responsibility for the attack on the pipeline.").sentences
    denied = _tok(s, "denied")
    assert factuality(s, denied, attribution(s)[denied]) == "asserted"


# --- factuality ---------------------------------------------------------------------------


def _tok(s: Sentence, word: str) -> int:
    return next(t.i for t in s.tokens if t.text == word)


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # a zero toll is not a negation of the event
        ("Rockets struck the embassy on Friday, causing no human casualties.", "struck",
         "asserted"),
        ("The drone strike did not harm civilians.", "harm", "negated"),
        ("Turkish forces did not attack the village, the ministry said.", "attack", "negated"),
        ("No attack took place in Kirkuk on Monday, police said.", "attack", "negated"),
        ("Gunmen did not carry out any attack on the checkpoint.", "attack", "negated"),
        ("The attack never happened.", "attack", "negated"),
        ("Militants failed to attack the base.", "attack", "negated"),
        ("No facility was hit.", "hit", "negated"),
        ("The group will attack US bases in Iraq, its spokesman said.", "attack", "future"),
        ("The militia plans to attack the airport next week.", "attack", "future"),
        ("Fighters are expected to launch an offensive on the town.", "launch", "future"),
        ("The group is going to attack the airport.", "attack", "future"),
        ("The militia threatened to attack US bases if the strikes continue.", "attack",
         "hypothetical"),
        ("The militia threatened to attack US bases.", "attack", "hypothetical"),
        ("Gunmen could attack the checkpoint again, officials warned.", "attack",
         "hypothetical"),
        ("If the strikes continue, the factions will target US bases.", "target",
         "hypothetical"),
        ("Gunmen killed two policemen in Kirkuk, police said.", "killed", "asserted"),
    ],
)  # fmt: skip
def test_factuality(text: str, trigger: str, expected: str) -> None:
    [s] = analyse(text).sentences
    i = _tok(s, trigger)
    att = attribution(s)
    assert factuality(s, i, att.get(i) or att.get(-1)) == expected


def test_negated_and_planned_acts_are_not_incidents() -> None:
    for text in (
        "Turkish forces did not attack the village, the ministry said.",
        "The militia plans to attack the airport next week.",
        "The militia threatened to attack US bases if the strikes continue.",
    ):
        assert not [e for e in extract(text, PUB) if e.category == "ASSAULT"
                    and e.kind == "incident"], text  # fmt: skip


def test_threat_is_a_threaten_statement() -> None:
    events = extract("The militia threatened to attack US bases if the strikes continue.", PUB)
    assert [e.category for e in events] == ["THREATEN"]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # the parser reads the sources as the last items of a list: "people, doctors and
        # witnesses"
        ("Gunmen killed 10 people, doctors and witnesses said.", "doctors"),
        ("Troops stormed the camp on Monday, killing 10 Palestinians including a boy, "
         "medics and witnesses said.", "medics"),
    ],
)
def test_sources_read_as_the_end_of_a_list_are_still_the_sources(text: str, source: str) -> None:
    event, = incidents(text)
    assert said_by(event) == (source, "report")


def test_a_list_of_victims_is_not_a_source() -> None:
    event, = incidents("Gunmen killed a soldier, a policeman and a civilian in Mosul on Monday.")
    assert event.said_by is None

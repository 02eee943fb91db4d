"""Trigger lexicons: every PLOVER category loads, patterns match on lemmas and forms."""

import pytest

from marsad.analyse import analyse
from marsad.analyse.profiles import profile_for
from marsad.extract import lexicon
from marsad.extract.lexicon import TRIGGER_FILES

EN = profile_for("en")


def triggers() -> lexicon.Lexicon:
    return lexicon.triggers(EN)


def parse_pattern(text: str) -> tuple[tuple[lexicon.Element, ...], tuple[str, ...]]:
    return lexicon.parse_pattern(text, lexicon.morphology(EN))


def _matches(text):
    s = analyse(text).sentences[0]
    return [(m.pattern.category, m.pattern.mode) for m in triggers().match(s)]


def test_all_sixteen_categories_have_triggers():
    cats = {p.category for p in triggers().patterns}
    assert len(TRIGGER_FILES) == 16 and len(cats) == 16


def test_pattern_syntax():
    elements, tags = parse_pattern("fire * rocket|mortar @clash")
    assert elements[0].words == {"fire"} and elements[1].gap
    assert elements[2].words == {"rocket", "mortar"} and tags == ("clash",)
    with pytest.raises(ValueError):
        parse_pattern("* attack")


def test_prefilter_sees_inflections():
    lx = triggers()
    assert lx.might_trigger("Rebels struck a convoy")
    assert lx.might_trigger("The village was shelled overnight")
    assert not lx.might_trigger("The weather was mild and sunny.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Insurgents shelled the town on Monday.", ("ASSAULT", "heavy-weapons")),
        ("A drone strike hit a car near the border.", ("ASSAULT", "drone")),
        ("Villagers staged a protest outside the governor's office.", ("PROTEST", "demonstrate")),
        ("The minister condemned the bombing.", ("ACCUSE", "disapprove")),
        ("The opposition accused the army of abuses.", ("ACCUSE", "allege")),
        ("The government rejected the proposal.", ("REJECT", None)),
        ("Police arrested three suspects.", ("COERCE", "arrest")),
        ("The army deployed reinforcements to the city.", ("MOBILIZE", "troops")),
        ("The envoy urged both sides to show restraint.", ("REQUEST", None)),
        ("The two leaders held talks in Ankara.", ("CONSULT", None)),
        ("The parties signed an agreement on Tuesday.", ("AGREE", None)),
        ("The party backs the reform plan.", ("SUPPORT", None)),
        ("The rebels released five hostages.", ("CONCEDE", "release")),
        ("The two armies conducted a joint patrol.", ("COOPERATE", None)),
        ("The agency delivered humanitarian aid to the camp.", ("AID", "humanitarian")),
        ("The militia withdrew its fighters from the town.", ("RETREAT", "withdraw")),
        ("The group threatened to attack the base.", ("THREATEN", "assault")),
        ("Washington imposed sanctions on the company.", ("SANCTION", None)),
    ],
)
def test_category_triggers(text, expected):
    assert expected in _matches(text)


def test_longer_pattern_wins_over_its_parts():
    found = _matches("A roadside bomb exploded near the convoy.")
    assert ("ASSAULT", "explosives") in found

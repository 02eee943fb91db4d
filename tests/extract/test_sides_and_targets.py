"""Who did what to whom where the parse says it in other ways than subject and object: both
sides named together ("clashes between X and Y"), the one a concession or request is
addressed to ("apologized to Egypt"), what was there when a bomb went off ("outside the
ministry"), and the people a folded participle tells ("..., killing six people")."""

from datetime import date

import pytest

from marsad.stages import events as extract

PUB = date(2004, 9, 1)


def sides(text: str) -> list[tuple[str, list[str], list[str]]]:
    return [(e.category, [a.text for a in e.actors], [r.text for r in e.recipients])
            for e in extract(text, PUB)]


@pytest.mark.parametrize(
    ("text", "first", "other"),
    [
        ("Clashes between police and protesters left three dead in Lagos on Monday.",
         "police", "protesters"),
        ("A fierce battle between US forces and Shiite militants raged in Najaf on Sunday.",
         "US forces", "Shiite militants"),
        ("Talks between the government and the rebels resumed in Abuja on Thursday.",
         "government", "rebels"),
    ],
)
def test_an_act_between_two_sides_gives_one_to_each_role(
    text: str, first: str, other: str
) -> None:
    (_, actors, recipients), = sides(text)
    assert actors == [first]
    assert recipients == [other]


def test_fighting_between_two_sides_that_killed_people_is_the_first_sides_act() -> None:
    (category, actors, recipients), = sides(
        "Fighting between the army and Tamil Tiger rebels killed 12 people on Friday.")
    assert category == "ASSAULT"
    assert actors == ["army"]
    assert recipients == ["people"]


def test_an_act_between_unnamed_sides_names_no_one() -> None:
    for _, actors, _ in sides("Fighting between the two sides killed 12 people on Friday."):
        assert actors == []


@pytest.mark.parametrize(
    ("text", "category", "addressee"),
    [
        ("The Israeli prime minister, Ariel Sharon, apologized to Egypt on Thursday.",
         "CONCEDE", "Egypt"),
        ("Kidnapped aid worker Margaret Hassan appealed to the British government on "
         "Friday to withdraw its troops from Iraq.", "REQUEST", "British government"),
    ],
)
def test_a_concession_or_request_is_to_the_one_it_is_addressed_to(
    text: str, category: str, addressee: str
) -> None:
    found = [recipients for c, _, recipients in sides(text) if c == category]
    assert found == [[addressee]]


def test_a_move_to_a_place_has_no_recipient() -> None:
    for _, _, recipients in sides("Iraqi troops moved to the outskirts of Najaf on Monday."):
        assert recipients == []


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("A bomb went off outside a police station in Kirkuk on Monday.", "police station"),
        ("A roadside bomb exploded near a US convoy in Baghdad on Sunday.", "US convoy"),
    ],
)
def test_a_bomb_that_went_off_by_a_site_targeted_it(text: str, target: str) -> None:
    (_, _, recipients), = sides(text)
    assert recipients == [target]


def test_a_bomb_that_went_off_near_a_city_targeted_no_one() -> None:
    (_, _, recipients), = sides("A bomb exploded near Baghdad on Monday.")
    assert recipients == []


def test_the_people_a_folded_participle_killed_are_the_targets() -> None:
    (_, _, recipients), = sides(
        "A car bomb exploded in central Baghdad on Tuesday, killing at least six people.")
    assert recipients == ["people"]


def test_a_day_before_the_target_does_not_hide_it() -> None:
    # "on Sunday" is an "on" object too: the target is the first that names someone
    (_, _, recipients), = sides("Gunmen opened fire on Sunday on a police patrol in Kirkuk.")
    assert recipients == ["police patrol"]


@pytest.mark.parametrize(
    "text",
    [
        "On 19 June 2022, hundreds of activists held a protest in Mansehra city against "
        "inflation.",
        "On 10 January 2022, over 20 cocoa suppliers demonstrated at the headquarters of a "
        "cocoa company in Douala city to demand their due payment.",
    ],
)
def test_a_protests_grievance_and_site_are_not_its_recipients(text: str) -> None:
    found = [r for c, _, r in sides(text) if c == "PROTEST"]
    assert found == [[]]


def test_who_did_the_main_act_did_what_its_participle_tells() -> None:
    # "stormed" is no trigger: the killing is the event, and the troops did it
    (_, actors, recipients), = sides(
        "Israeli troops stormed the camp on Monday, killing 10 Palestinians.")
    assert actors == ["Israeli troops"]
    assert recipients == ["Palestinians"]


def test_a_passive_main_act_lends_no_agent_to_its_participle() -> None:
    for _, actors, _ in sides("The camp was shelled on Monday, killing 10 Palestinians."):
        assert actors == []


@pytest.mark.parametrize(
    ("text", "recipients"),
    [
        # what is asked for or talked about names no one (CODING.md: actor2 null)
        ("The interior minister urged calm after riots in the capital on Sunday.", []),
        ("The foreign ministers held talks on an early revival of the peace process in Geneva.",
         []),
        # a country, and a noun of people with no sector, are parties
        ("The president urged Egypt to reopen the border crossing.", ["Egypt"]),
        ("Police negotiated with the kidnappers of three engineers on Monday.", ["kidnappers"]),
    ],
)
def test_the_one_an_act_is_done_to_is_someone_not_something(
    text: str, recipients: list[str]
) -> None:
    (_, _, got), = sides(text)
    assert got == recipients

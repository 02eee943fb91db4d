"""Numbers and casualty tolls, in wire-report sentences."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from marsad import events
from marsad.context import make_context
from marsad.extract import numbers, tolls
from marsad.types import Quantity

CTX = make_context()


def find_numbers(text: str, start: int = 0, end: int | None = None) -> list[numbers.NumberMention]:
    return numbers.find_numbers(CTX, text, start, end)


def find_toll(text: str, start: int = 0, end: int | None = None) -> tolls.Toll:
    return tolls.find_toll(CTX, text, start, end)

SEED = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seed"


def nums(text: str) -> list[tuple[str, int, str]]:
    return [(n.span.text, n.value, n.qualifier) for n in find_numbers(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("60 casualties", [("60", 60, "exact")]),
        ("about 2,500 troops", [("about 2,500", 2500, "about")]),
        ("1.5 million people fled", [("1.5 million", 1_500_000, "exact")]),
        ("twenty-three people", [("twenty-three", 23, "exact")]),
        ("one hundred and five rockets", [("one hundred and five", 105, "exact")]),
        ("over 70 attacks", [("over 70", 70, "more_than")]),
        ("more than 110 attacks", [("more than 110", 110, "more_than")]),
        ("at least 5 dead", [("at least 5", 5, "more_than")]),
        ("nearly 40 rockets", [("nearly 40", 40, "about")]),
        ("some 300 fighters", [("some 300", 300, "about")]),
        ("up to 12 wounded", [("up to 12", 12, "at_most")]),
        ("fewer than 10 people", [("fewer than 10", 10, "at_most")]),
        ("dozens of protesters", [("dozens", 12, "about")]),
        ("scores of militants", [("scores", 20, "about")]),
        ("hundreds of families", [("hundreds", 100, "about")]),
        ("a dozen rockets", [("a dozen", 12, "about")]),
        ("several rockets", [("several", 3, "about")]),
        ("between 16 and 25 people", [("between 16 and 25", 16, "more_than")]),
        ("10-12 gunmen", [("10-12", 10, "more_than")]),
    ],
)
def test_numbers(text: str, expected: list[tuple[str, int, str]]) -> None:
    assert nums(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "which occupied large areas of Iraq and Syria in 2014",
        "since October 17th",
        "On 17 October 2023, nothing happened",
        "at 12 noon Iraq time",
        "at around 9 pm",
        "the 3rd brigade",
        "a $5 million grant",
        "prices rose 12% and 40 percent",
        "M23 rebels and F-16 jets and Covid-19",
        "in the Cohab 3 neighborhood",
        "on Street No. 71",
        "an 80-year-old civilian",
        "[size=5]",
        "no one was hurt",
        "the test scores",
    ],
)
def test_not_counts(text: str) -> None:
    assert nums(text) == []


def test_offsets_are_absolute() -> None:
    text = "Intro. Gunmen killed 4 people."
    [n] = find_numbers(text, 7)
    assert text[n.span.start : n.span.end] == "4" == n.span.text


def toll(text: str) -> tuple[Quantity | None, Quantity | None, Quantity | None]:
    t = find_toll(text)
    return t.killed, t.injured, t.casualties


Q = Quantity


@pytest.mark.parametrize(
    ("text", "killed", "injured", "casualties"),
    [
        ("Two people were killed and five injured.", Q(2), Q(5), None),
        ("A roadside bomb exploded, killing two soldiers and wounding five.", Q(2), Q(5), None),
        ("A soldier was killed.", Q(1), None, None),
        ("An officer wounded in the blast was taken to hospital.", None, Q(1), None),
        ("An officer wounded in the blast later died.", Q(1), Q(1), None),
        ("The shelling left 3 dead.", Q(3), None, None),
        ("At least 12 people were killed.", Q(12, "more_than"), None, None),
        ("Nearly 40 were wounded.", None, Q(40, "about"), None),
        ("Dozens were killed.", Q(12, "about"), None, None),
        ("The airstrike killed Abu Taqwa and another element.", Q(2), None, None),
        ("Gunmen shot and killed a moto-taxi driver.", Q(1), None, None),
        (
            "Two policemen and one polio worker were killed and a child was left injured.",
            Q(3),
            Q(1),
            None,
        ),
        (
            "Nine military troops and a PDF member were killed and five PDF members were injured.",
            Q(10),
            Q(5),
            None,
        ),
        (
            "At least eight persons, including four policemen and three militants, were killed.",
            Q(8, "more_than"),
            None,
            None,
        ),
        ("They killed one FARDC, one civilian, and injured another.", Q(2), Q(1), None),
        ("The attack resulted in the death of a man.", Q(1), None, None),
        # two modifiers joined before the counted noun, but never two groups
        ("At least 25 charred and bloated bodies were found.", Q(25, "more_than"), None, None),
        ("The raid left 12 soldiers and civilian casualties.", None, None, None),
        ("The attacks have resulted in 60 casualties among US forces.", None, None, Q(60)),
        ("3 fatalities.", Q(3), None, None),
        ("1 fatality.", Q(1), None, None),
        ("Fatalities coded as 3 (NRF reported 4 Taliban fatalities).", Q(3), None, None),
        ("The death toll rose to 14.", Q(14), None, None),
        ("Russian forces shelled Izium, and three civilians were killed.", Q(3), None, None),
        ("Both CV members were killed.", Q(2), None, None),
        ("The two men were shot dead.", Q(2), None, None),
        ("A civilian lost his life in the strike.", Q(1), None, None),
        # explicit zeros
        (
            "The embassy was targeted by several rockets, causing no human casualties.",
            Q(0),
            Q(0),
            None,
        ),
        ("There were no casualties.", Q(0), Q(0), None),
        ("The base was shelled without casualties.", Q(0), Q(0), None),
        ("No one was hurt.", Q(0), Q(0), None),
        ("No injuries were reported.", None, Q(0), None),
        ("There were no fatalities.", Q(0), None, None),
        ("One man was injured; there were no fatalities.", Q(0), Q(1), None),
        # nothing said
        ("Casualties unknown.", None, None, None),
        ("The strike did not harm civilians and no infrastructure was hit.", None, None, None),
        ("No civilian casualties were reported.", None, None, None),
        ("The embassy was targeted by several rockets.", None, None, None),
        ("Approximately 900 US soldiers are stationed in Syria.", None, None, None),
        ("Gunmen killed civilians in the village.", None, None, None),
        ("He was killed 4 years ago.", None, None, None),
        ("Protesters demanded justice for a killed reporter.", None, None, None),
        ("In 2014 militants seized the city.", None, None, None),
    ],
)
def test_toll(text: str, killed: Q | None, injured: Q | None, casualties: Q | None) -> None:
    assert toll(text) == (killed, injured, casualties)


def test_toll_spans_are_evidence() -> None:
    text = "Intro sentence. Police said two people were killed and five injured in Kirkuk."
    start = text.index("Police")
    t = find_toll(text, start, len(text))
    assert t.spans["killed"].text == "two people were killed"
    assert t.spans["injured"].text == "five injured"
    for span in t.spans.values():
        assert text[span.start : span.end] == span.text


def test_seed_embassy_no_casualties() -> None:
    text = (SEED / "shafaq-kri-protection.txt").read_text(encoding="utf-8")
    sentence = "the US embassy in the Green Zone"
    a = text.index(sentence)
    b = text.index(".", text.index("causing no human casualties")) + 1
    t = find_toll(text, a, b)
    assert (t.killed, t.injured) == (Q(0), Q(0))
    assert t.spans["killed"].text == "no human casualties"


def test_seed_drone_strike_two_killed() -> None:
    text = (SEED / "baghdadtoday-kurdistan-coalition.txt").read_text(encoding="utf-8")
    a = text.index("The official added")
    t = find_toll(text, a, text.index(".", a) + 1)
    assert t.killed == Q(2)


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Militants killed a soldier and a civilian near Mosul.", 2),
        ("An airstrike killed him and two other commanders in Baghdad.", 3),
    ],
)
def test_conjoined_victims_are_counted_once_by_the_one_toll_reader(text: str, killed: int) -> None:
    # the toll reader is the only reader of conjoined victims: the event keeps its figure
    (event,) = events(text, published=date(2024, 3, 6))
    assert event.killed == Quantity(killed)



@pytest.mark.parametrize("text", [
    "Three soldiers were killed and seven others were wounded during clashes in Usulutan.",
    "Three soldiers were killed and seven were wounded during clashes in Usulutan.",
])
def test_the_wounded_of_a_second_clause_join_the_toll(text: str) -> None:
    (event,) = events(text)
    assert event.killed is not None and event.killed.value == 3
    assert event.injured is not None and event.injured.value == 7


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        # the acts counted before the toll are no dead of their own
        ("In one incident, a man was killed and five more were injured.", 1, 5),
        ("In one attack, two men were killed.", 2, None),
        ("In two separate attacks, four policemen were killed.", 4, None),
        # the wounded who later died are counted once as each (the blast is not one of them)
        ("Two officers wounded in the blast later died.", 2, 2),
    ],
)
def test_a_count_of_acts_is_not_added_to_the_toll(text: str, killed: int,
                                                  injured: int | None) -> None:
    toll = find_toll(text)
    assert toll.killed == Quantity(killed)
    assert (toll.injured.value if toll.injured else None) == injured


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("Dozens of people were killed when a car bomb exploded in Baghdad on Monday.",
         None, None),
        ("Several soldiers were wounded in an ambush near Mosul on Sunday.", None, None),
        ("At least 12 people were killed and dozens wounded when a car bomb exploded in "
         "Baghdad on Monday.", Quantity(12, "more_than"), None),
        ("A roadside bomb killed two soldiers near Kirkuk on Sunday, police said.",
         Quantity(2), None),
        # a headline's "dozens" leaves the lead's figure to be read (the lead wins)
        ("Dozens of Iraqi soldiers found executed\nThe corpses of 50 soldiers of the new army "
         "have been discovered northeast of Baghdad, a spokesman said they were executed.",
         Quantity(50), None),
    ],
)
def test_a_vague_amount_gives_no_toll(text: str, killed: Quantity | None,
                                      injured: Quantity | None) -> None:
    # CODING.md: "hundreds" and "several" are not integers; the number stays unknown (the
    # number readers still see "dozens" as a count: test_numbers)
    tolls = [(e.killed, e.injured) for e in events(text)]
    assert tolls and tolls[0] == (killed, injured)
    assert all(i is None or i.value != 12 for _, i in tolls)


def test_a_group_counted_as_subject_is_not_counted_again_as_object() -> None:
    (event,) = events("The bodies of 50 soldiers were found executed near Baghdad on Sunday.")
    assert event.killed == Quantity(50)


@pytest.mark.parametrize(("text", "killed"), [
    ("Gunmen killed policemen in Tikrit on Sunday.", None),  # a plural says no number
    ("Gunmen killed members of the police in Tikrit on Sunday.", None),
    ("Gunmen killed a policeman and his son in Tikrit on Sunday.", 2),  # each one told
])
def test_the_victims_a_killing_names_are_counted_only_one_by_one(text: str,
                                                                 killed: int | None) -> None:
    (event,) = events(text, published=date(2024, 3, 10))
    assert (event.killed.value if event.killed else None) == killed

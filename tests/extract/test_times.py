"""Finding time expressions and reading their shape."""

from __future__ import annotations

import pytest

from marsad.analyse.profiles import profile_for
from marsad.extract import times
from marsad.types import TimeMention, TimeParse

EN = profile_for("en")


def find_times(text: str, start: int = 0, end: int | None = None) -> list[TimeMention]:
    return times.find_times(EN, text, start, end)


def parse_time(expression: str) -> TimeParse | None:
    return times.parse_time(EN, expression)


def found(text: str) -> list[tuple[str, str]]:
    return [(m.kind, m.span.text) for m in find_times(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "urged the federal government on Sunday to provide protection",
            [("weekday", "on Sunday")],
        ),
        (
            "in the early hours of Friday, December 8th, causing no human casualties",
            [("date", "Friday, December 8th")],
        ),
        (
            "confirmed, on Saturday (January 6, 2024), that",
            [("date", "on Saturday (January 6, 2024)")],
        ),
        ("On 22 January 2022, the coalition", [("date", "22 January 2022")]),
        ("On January 22, 2022, the coalition", [("date", "January 22, 2022")]),
        ("dated 2022-01-22 in the file", [("date", "2022-01-22")]),
        ("over 70 attacks since October 17th due to", [("since", "since October 17th")]),
        ("attacks in Iraq and Syria since mid-October.", [("since", "since mid-October")]),
        ("resumed in early December.", [("month_part", "early December")]),
        ("Moreover, late last November, US strikes", [("month_part", "late last November")]),
        ("comes a day after a drone targeted", [("offset", "a day after")]),
        ("two days before the vote", [("offset", "two days before")]),
        ("the army said the previous day", [("offset", "the previous day")]),
        ("at 12 noon Iraq time, the US forces", [("time", "at 12 noon Iraq time")]),
        ("seized vast areas in 2014 before its defeat", [("year", "in 2014")]),
        ("clashes last week and yesterday", [("relative", "last week"), ("relative", "yesterday")]),
        ("three days ago", [("relative", "three days ago")]),
        (
            "Around 4 February 2022 (between 21 January - 11 February), Air Forces",
            [("date", "4 February 2022"), ("range", "between 21 January - 11 February")],
        ),
        ("between 17 - 22 January", [("range", "between 17 - 22 January")]),
        ("The strike in May", [("month", "in May")]),
        # not time expressions
        ("Officials may meet; a march was held", []),
        ("2500 in Iraq", []),
    ],
)
def test_find_times(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


def test_spans_are_absolute() -> None:
    text = "Header. Gunmen attacked on Friday."
    [m] = find_times(text, 8)
    assert text[m.span.start : m.span.end] == m.span.text == "on Friday"


@pytest.mark.parametrize(
    ("text", "kind", "day", "month", "weekday"),
    [
        ("يوم الأحد", "weekday", None, None, 6),
        ("في 6 كانون الثاني 2024", "date", 6, 1, None),
        ("منذ منتصف تشرين الأول", "since", None, None, None),
        ("15 شباط", "date", 15, 2, None),
        ("3 يناير 2024", "date", 3, 1, None),
    ],
)
def test_arabic(
    text: str, kind: str, day: int | None, month: int | None, weekday: int | None
) -> None:
    p = parse_time(text)
    assert p is not None and p.kind == kind
    assert (p.day, p.month, p.weekday) == (day, month, weekday)


def test_arabic_since_inner() -> None:
    p = parse_time("منذ منتصف تشرين الأول")
    assert p is not None and p.inner is not None
    assert (p.inner.kind, p.inner.month, p.inner.part) == ("month_part", 10, (11, 20))

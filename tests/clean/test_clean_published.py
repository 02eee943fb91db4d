from __future__ import annotations

import time
from datetime import UTC, date, datetime

import pytest

from marsad.clean.published import date_from_text, parse_date

FETCHED = date(2024, 2, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A Kurdish politician said, on Saturday (January 6, 2024), that ...", date(2024, 1, 6)),
        ("BAGHDAD, December 10, 2023 - Rockets hit the embassy.", date(2023, 12, 10)),
        ("Erbil, 10 December 2023: drones were shot down.", date(2023, 12, 10)),
        ("Published 2023-12-10. Rockets hit the embassy.", date(2023, 12, 10)),
        ("On Sept. 3rd, 2023 a convoy was attacked.", date(2023, 9, 3)),
        ("قال مصدر أمني يوم السبت 6 كانون الثاني 2024 إن ...", date(2024, 1, 6)),
        ("بغداد ١٠ ديسمبر ٢٠٢٣ - سقطت صواريخ", date(2023, 12, 10)),
    ],
)
def test_date_from_text(text: str, expected: date) -> None:
    assert date_from_text(text, FETCHED) == expected


def test_earliest_in_text_wins() -> None:
    text = "On January 5, 2024 officials said the attack of December 8, 2023 was the first."
    assert date_from_text(text, FETCHED) == date(2024, 1, 5)


def test_only_the_top_of_the_article_counts() -> None:
    text = "\n".join(["Officials spoke on Friday."] * 4 + ["The war began on October 7, 2023."])
    assert date_from_text(text, FETCHED) is None


def test_no_year_no_date() -> None:
    text = "The embassy was targeted in the early hours of Friday, December 8th, causing no harm."
    assert date_from_text(text, FETCHED) is None


def test_no_date_is_none_never_today() -> None:
    assert date_from_text("Rockets hit the base on Sunday, officials said.") is None


def test_future_dates_are_events_not_publication() -> None:
    text = "Elections are planned for June 5, 2024 and the vote was announced on January 3, 2024."
    assert date_from_text(text, FETCHED) == date(2024, 1, 3)


def test_impossible_date_is_skipped() -> None:
    assert date_from_text("Dated February 30, 2024.", FETCHED) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-01-06T10:00:00Z", date(2024, 1, 6)),
        ("2024-01-06", date(2024, 1, 6)),
        ("Sat, 06 Jan 2024 10:00:00 GMT", date(2024, 1, 6)),
        ("January 6, 2024", date(2024, 1, 6)),
        ("06.01.2024 10:00", date(2024, 1, 6)),  # dateparser, the last resort
        (1704535200, date(2024, 1, 6)),
        (1704535200000, date(2024, 1, 6)),
        (datetime(2024, 1, 6, 10, tzinfo=UTC), date(2024, 1, 6)),
        (time.strptime("2024-01-06", "%Y-%m-%d"), date(2024, 1, 6)),
        ("yesterday", None),  # relative: would resolve against today
        ("", None),
        ("not a date", None),
        (None, None),
    ],
)
def test_parse_date(value, expected) -> None:
    assert parse_date(value) == expected

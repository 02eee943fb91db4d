"""Resolving time expressions: every case checks the dates, the precision and that `how`
names the anchor it used."""

from __future__ import annotations

from datetime import date

import pytest

from marsad.analyse.profiles import profile_for
from marsad.extract import times
from marsad.resolve import when, year
from marsad.types import Span, TimeExpression, TimeMention, When

EN = profile_for("en")


# The resolve stage takes parsed expressions (the extract stage reads them); these read a
# string first, as extract does, so that each case can be written as the text says it.
def _expression(x: str | TimeMention) -> TimeExpression:
    mention = x if isinstance(x, TimeMention) else TimeMention(Span(0, len(x), x), "")
    return TimeExpression(mention, times.parse_time(EN, mention.span.text))


def resolve(x: str | TimeMention, published: date | None, *, text: str | None = None,
            **kw: object) -> When:
    reference = times.text_times(EN, text) if text is not None else None
    return when.resolve(_expression(x), published, reference_times=reference, **kw)  # type: ignore[arg-type]


def resolve_offset(expression: str, anchor: date, **kw: object) -> When:
    return when.resolve_offset(expression, times.parse_time(EN, expression), anchor, **kw)  # type: ignore[arg-type]


def infer_reference(text: str, today: date | None = None) -> year.Reference:
    return year.infer_reference(times.text_times(EN, text), today)


def infer_ref_year(text: str, today: date | None = None) -> int | None:
    return year.infer_ref_year(times.text_times(EN, text), today)


def find_times(text: str) -> list[TimeMention]:
    return times.find_times(EN, text)

D = date
SUN_10_DEC = D(2023, 12, 10)  # Shafaq seed article: a Sunday
SAT_6_JAN = D(2024, 1, 6)  # Baghdad Today seed article: a Saturday


@pytest.mark.parametrize(
    ("expression", "published", "start", "end", "precision", "anchor_in_how"),
    [
        # --- the seed articles (gold/seed.jsonl) ---
        ("on Sunday", SUN_10_DEC, D(2023, 12, 10), D(2023, 12, 10), "day", "2023-12-10"),
        ("Friday, December 8th", SUN_10_DEC, D(2023, 12, 8), D(2023, 12, 8), "day", "2023-12-10"),
        ("since October 17th", SUN_10_DEC, D(2023, 10, 17), SUN_10_DEC, "range", "2023-12-10"),
        ("late last November", SUN_10_DEC, D(2023, 11, 21), D(2023, 11, 30), "range", "2023-12-10"),
        ("early December", SUN_10_DEC, D(2023, 12, 1), D(2023, 12, 10), "range", "2023-12-10"),
        ("since mid-October", SAT_6_JAN, D(2023, 10, 15), SAT_6_JAN, "range", "2024-01-06"),
        ("on Friday", SAT_6_JAN, D(2024, 1, 5), D(2024, 1, 5), "day", "2024-01-06"),
        ("on Saturday (January 6, 2024)", SAT_6_JAN, SAT_6_JAN, SAT_6_JAN, "day", "explicit"),
        ("at 12 noon Iraq time", SAT_6_JAN, SAT_6_JAN, SAT_6_JAN, "time", "2024-01-06"),
        # --- weekdays ---
        ("on Monday", SUN_10_DEC, D(2023, 12, 4), D(2023, 12, 4), "day", "before publication"),
        ("Saturday", SUN_10_DEC, D(2023, 12, 9), D(2023, 12, 9), "day", "2023-12-10"),
        ("last Sunday", SUN_10_DEC, D(2023, 12, 3), D(2023, 12, 3), "day", "2023-12-10"),
        ("next Tuesday", SUN_10_DEC, D(2023, 12, 12), D(2023, 12, 12), "day", "2023-12-10"),
        ("on Thursday night", D(2024, 3, 1), D(2024, 2, 29), D(2024, 2, 29), "day", "2024-03-01"),
        # --- explicit dates, year from publication ---
        ("22 January 2022", None, D(2022, 1, 22), D(2022, 1, 22), "day", "explicit"),
        ("January 22, 2022", SUN_10_DEC, D(2022, 1, 22), D(2022, 1, 22), "day", "explicit"),
        ("2022-01-22", None, D(2022, 1, 22), D(2022, 1, 22), "day", "explicit"),
        ("December 30", D(2024, 1, 2), D(2023, 12, 30), D(2023, 12, 30), "day", "2024-01-02"),
        ("the 3rd of January", D(2024, 1, 2), D(2024, 1, 3), D(2024, 1, 3), "day", "2024-01-02"),
        # --- months and parts ---
        ("mid-October", SAT_6_JAN, D(2023, 10, 11), D(2023, 10, 20), "range", "2024-01-06"),
        ("late November 2022", SUN_10_DEC, D(2022, 11, 21), D(2022, 11, 30), "range", "given"),
        (
            "the end of February",
            D(2024, 3, 5),
            D(2024, 2, 21),
            D(2024, 2, 29),
            "range",
            "2024-03-05",
        ),
        ("in October", SUN_10_DEC, D(2023, 10, 1), D(2023, 10, 31), "month", "2023-12-10"),
        ("last December", SUN_10_DEC, D(2022, 12, 1), D(2022, 12, 31), "month", "2023-12-10"),
        ("in 2014", SUN_10_DEC, D(2014, 1, 1), D(2014, 12, 31), "year", "2014"),
        ("since 2014", SUN_10_DEC, D(2014, 1, 1), SUN_10_DEC, "range", "2023-12-10"),
        # --- relative to publication ---
        ("yesterday", SUN_10_DEC, D(2023, 12, 9), D(2023, 12, 9), "day", "2023-12-10"),
        ("this morning", SUN_10_DEC, SUN_10_DEC, SUN_10_DEC, "day", "2023-12-10"),
        ("tonight", SUN_10_DEC, SUN_10_DEC, SUN_10_DEC, "day", "2023-12-10"),
        ("three days ago", SUN_10_DEC, D(2023, 12, 7), D(2023, 12, 7), "day", "2023-12-10"),
        ("last week", SUN_10_DEC, D(2023, 11, 27), D(2023, 12, 3), "week", "2023-12-10"),
        ("last month", D(2024, 1, 15), D(2023, 12, 1), D(2023, 12, 31), "month", "2024-01-15"),
        ("earlier this month", SUN_10_DEC, D(2023, 12, 1), SUN_10_DEC, "range", "2023-12-10"),
        ("last year", SUN_10_DEC, D(2022, 1, 1), D(2022, 12, 31), "year", "2023-12-10"),
        # --- ranges ---
        (
            "between 21 January - 11 February",
            D(2022, 3, 1),
            D(2022, 1, 21),
            D(2022, 2, 11),
            "range",
            "2022-03-01",
        ),
        ("between 17 - 22 January 2022", None, D(2022, 1, 17), D(2022, 1, 22), "range", "explicit"),
        (
            "from 28 December to 3 January",
            D(2024, 1, 10),
            D(2023, 12, 28),
            D(2024, 1, 3),
            "range",
            "2024-01-10",
        ),
        # --- Arabic ---
        ("يوم الأحد", SUN_10_DEC, SUN_10_DEC, SUN_10_DEC, "day", "2023-12-10"),
        ("الجمعة", SUN_10_DEC, D(2023, 12, 8), D(2023, 12, 8), "day", "2023-12-10"),
        ("في 6 كانون الثاني 2024", None, SAT_6_JAN, SAT_6_JAN, "day", "explicit"),
        ("منذ منتصف تشرين الأول", SAT_6_JAN, D(2023, 10, 15), SAT_6_JAN, "range", "2024-01-06"),
        ("أمس", SUN_10_DEC, D(2023, 12, 9), D(2023, 12, 9), "day", "2023-12-10"),
    ],
)
def test_resolve(
    expression: str,
    published: date | None,
    start: date,
    end: date,
    precision: str,
    anchor_in_how: str,
) -> None:
    w = resolve(expression, published)
    assert (w.start, w.end, w.precision) == (start, end, precision), w.how
    assert anchor_in_how in w.how


def test_resolve_takes_a_mention() -> None:
    text = "Shafaq News / The minister urged the federal government on Sunday to act."
    [m] = find_times(text)
    w = resolve(m, SUN_10_DEC)
    assert w.start == SUN_10_DEC
    assert w.how == "'on Sunday' = publication day 2023-12-10 (a Sunday)"


def test_friday_before_publication_how() -> None:
    w = resolve("on Friday", SUN_10_DEC)
    assert w.start == D(2023, 12, 8)
    assert w.how == "'on Friday' = Friday before publication date 2023-12-10"


# --- offsets between events -------------------------------------------------------------


def test_seed_a_day_after() -> None:
    # "The formation of the committee [Jan 5] comes a day after a drone targeted ..."
    w = resolve_offset("a day after", D(2024, 1, 5))
    assert (w.start, w.precision) == (D(2024, 1, 4), "day")
    assert "2024-01-05" in w.how


@pytest.mark.parametrize(
    ("expression", "solve_for", "expected"),
    [
        ("a day after", "complement", D(2024, 1, 4)),  # X on the 5th, a day after Y: Y = 4th
        ("a day after", "subject", D(2024, 1, 6)),  # Y on the 5th: X = 6th
        ("two days before", "complement", D(2024, 1, 7)),  # X two days before Y: Y = X + 2
        ("two days before", "subject", D(2024, 1, 3)),
        ("a week later", "complement", D(2024, 1, 12)),  # no complement: always anchor + 7
        ("a week later", "subject", D(2024, 1, 12)),
        ("the previous day", "complement", D(2024, 1, 4)),
        ("the next day", "subject", D(2024, 1, 6)),
        ("three days earlier", "complement", D(2024, 1, 2)),
    ],
)
def test_offset_direction(expression: str, solve_for: str, expected: date) -> None:
    w = resolve_offset(expression, D(2024, 1, 5), solve_for=solve_for)  # type: ignore[arg-type]
    assert w.start == w.end == expected
    assert "anchor event date 2024-01-05" in w.how


def test_offset_through_resolve_uses_last_anchor() -> None:
    w = resolve("a day after", SAT_6_JAN, anchors=[D(2024, 1, 1), D(2024, 1, 5)])
    assert w.start == D(2024, 1, 4)
    assert resolve("a day after", SAT_6_JAN).start is None


def test_time_of_day_attaches_to_anchor() -> None:
    w = resolve("at 9 pm", SAT_6_JAN, anchors=[D(2024, 1, 4)])
    assert (w.start, w.precision) == (D(2024, 1, 4), "time")
    assert "2024-01-04" in w.how


# --- without a publication date ---------------------------------------------------------


def test_no_publication_date_no_year_is_unknown() -> None:
    for expression in ("December 8th", "mid-October", "on Sunday", "yesterday"):
        w = resolve(expression, None)
        assert w.start is None and w.precision is None, expression
        assert w.how


def test_year_from_other_dates_in_text() -> None:
    text = "On 3 January 2024, a drone struck. Two days later, on January 5, gunmen attacked."
    assert infer_ref_year(text) == 2024
    w = resolve("on January 5", None, text=text)
    assert (w.start, w.precision) == (D(2024, 1, 5), "day")
    assert "2024-01-03" in w.how and "full date in the text" in w.how


def test_weekday_picks_year_near_ref_year() -> None:
    w = resolve("Friday, December 8th", None, ref_year=2024)
    assert w.start == D(2023, 12, 8)
    assert "December 8 is a Friday" in w.how


NOV_2026 = D(2026, 11, 25)  # a fixed clock: weekday years must not move with the real one


def test_background_years_do_not_anchor() -> None:
    # an undated report whose only years are history: the weekday fixes the year
    text = (
        "Rockets hit the US embassy in Baghdad in the early hours of Friday, December 8th. "
        "Attacks on US forces began in mid-October; armed factions claimed over 70 of them "
        "since October 17th. US troops have been in Iraq since 2003, and ISIS seized vast "
        "areas in 2014 before its defeat."
    )
    assert infer_ref_year(text, NOV_2026) == 2023
    w = resolve("Friday, December 8th", None, text=text, today=NOV_2026)
    assert w.start == D(2023, 12, 8), w.how
    assert "Friday" in w.how and "2014" in w.how
    since = resolve("since October 17th", None, text=text, today=NOV_2026)
    assert since.start == D(2023, 10, 17) and since.end is None, since.how
    mid = resolve("mid-October", None, text=text, today=NOV_2026)
    assert (mid.start, mid.end) == (D(2023, 10, 11), D(2023, 10, 20)), mid.how


def test_weekday_year_is_the_latest_up_to_the_clock() -> None:
    # December 8th fell on a Friday in 2017, 2023 and 2028
    assert resolve("Friday, December 8th", None, today=NOV_2026).start == D(2023, 12, 8)
    assert resolve("Friday, December 8th", None, today=D(2029, 1, 1)).start == D(2028, 12, 8)
    text = "On Friday, December 8th, gunmen attacked a checkpoint. ISIS rose in 2014."
    assert resolve("Friday, December 8th", None, text=text, today=D(2022, 1, 1)).start == D(
        2017, 12, 8
    )


def test_weekday_year_not_after_the_latest_full_date() -> None:
    text = (
        "KIRKUK, March 3, 2018 - Police said on Saturday (March 3, 2018) that gunmen who "
        "attacked a checkpoint on Friday, December 8th had been arrested."
    )
    ref = infer_reference(text, NOV_2026)
    assert (ref.year, ref.ceiling) == (2018, D(2018, 3, 3))
    w = resolve("Friday, December 8th", None, text=text, today=NOV_2026)
    assert w.start == D(2017, 12, 8), w.how
    assert "2018-03-03" in w.how


def test_weekday_year_floor_relaxed_when_nothing_fits() -> None:
    # no Friday 8 December from 2024 up to the clock: the floor yields, the how says so
    text = "Friday, December 8th: a drone hit the base. The group was formed in 2024."
    w = resolve("Friday, December 8th", None, text=text, today=D(2026, 1, 1))
    assert w.start == D(2023, 12, 8)
    assert "2024" in w.how


def test_deadline_years_do_not_bound() -> None:
    text = "On Friday, December 8th, the minister said troops would leave by 2030."
    ref = infer_reference(text, NOV_2026)
    assert ref.floor is None and ref.year == 2023


def test_full_date_is_the_best_anchor() -> None:
    text = (
        "BAGHDAD, Dec. 29, 2023 - A drone struck a base on December 27. "
        "The ministry said talks would start on January 2. ISIS seized Mosul in June 2014."
    )
    ref = infer_reference(text, NOV_2026)
    assert (ref.year, ref.day) == (2023, D(2023, 12, 29))
    assert resolve("December 27", None, text=text).start == D(2023, 12, 27)
    jan = resolve("on January 2", None, text=text)
    assert jan.start == D(2024, 1, 2), jan.how  # across the year's end: nearest to the anchor
    assert "2023-12-29" in jan.how
    assert resolve("late last November", None, text=text).start == D(2023, 11, 21)


def test_only_history_years_leave_dates_unknown() -> None:
    text = (
        "Gunmen attacked a checkpoint near Kirkuk on December 8, police said. The city has "
        "been contested since 2003 and ISIS held nearby villages in June 2014."
    )
    assert infer_ref_year(text, NOV_2026) is None
    for expression in ("on December 8", "mid-October", "in November"):
        w = resolve(expression, None, text=text, today=NOV_2026)
        assert w.start is None, (expression, w.how)
        assert "full date" in w.how
    assert resolve("in June 2014", None, text=text).start == D(2014, 6, 1)


def test_never_today() -> None:
    assert resolve("today", None).start is None
    assert resolve("last week", None).start is None


def test_dateparser_fallback_for_numeric_dates() -> None:
    w = resolve("22.01.2022", None)
    assert (w.start, w.precision) == (D(2022, 1, 22), "day")
    assert "dateparser" in w.how

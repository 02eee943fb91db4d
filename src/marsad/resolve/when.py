"""Time expressions to dates, relative to the publication date or another event.

Every result says how it was reached (`When.how`), naming the anchor it used. Without a
publication date the year comes from the text itself (resolve/year.py); with none, the
answer is unknown - never today's date.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Literal

from marsad.resolve.year import (
    WEEKDAYS,
    Reference,
    clip,
    date_settings,
    infer_reference,
    nearest_year,
    no_reference,
    weekday_year,
)
from marsad.types import TimeExpression, TimeParse, When


def _month_year(p: TimeParse, published: date | None, ref: Reference) -> tuple[int, str]:
    """The year of a month named without one: the latest such month not after publication.

    "November" in an article of December 2023 is November 2023; "last November" in an
    article of November 2023 is November 2022 (the current month is "this November").
    Without a publication date: the year that puts the month nearest to the text's anchor.
    """
    assert p.month is not None
    if p.year is not None:
        return p.year, "year given"
    if published is None:
        if ref.day is not None:
            year = nearest_year(p.month, 15, ref.day, before=p.shift == -1)
            return year, f"year {year}: nearest to {ref.day} ({ref.how})"
        assert ref.year is not None
        return ref.year, f"year {ref.year} ({ref.how})"
    year = published.year
    if p.month > published.month or (p.shift == -1 and p.month == published.month):
        year -= 1
    if p.shift == 1 and p.month <= published.month:
        year += 1
    return year, f"latest {calendar.month_name[p.month]} by publication date {published}"


def _date(p: TimeParse, published: date | None, ref: Reference) -> When:
    assert p.day is not None and p.month is not None
    if p.year is not None:
        year, why = p.year, "explicit date"  # the text is added to `how` by resolve()
    elif published is not None:
        year, why = published.year, f"year of publication date {published}"
        tolerance = date_settings().future_tolerance_days
        try:
            if date(year, p.month, p.day) > published + timedelta(days=tolerance):
                year, why = year - 1, f"previous year: later than publication date {published}"
        except ValueError:
            pass
    elif p.weekday is not None:  # "Friday, December 8th": the weekday picks the year
        got, why = weekday_year(p.month, p.day, p.weekday, ref)
        if got is None:
            return When(None, how=why)
        year = got
    elif ref.day is not None:
        year = nearest_year(p.month, p.day, ref.day)
        why = f"year {year}: nearest to {ref.day} ({ref.how})"
    elif ref.year is not None:
        year, why = ref.year, f"year {ref.year} ({ref.how})"
    else:
        return When(None, how=ref.how)
    try:
        day = date(year, p.month, p.day)
    except ValueError:
        return When(None, how=f"no such date: {year}-{p.month:02d}-{p.day:02d}")
    if p.weekday is not None and day.weekday() != p.weekday:
        why += f"; note: {day} is a {WEEKDAYS[day.weekday()]}, text says {WEEKDAYS[p.weekday]}"
    return When(day, day, "day", why)


def _weekday(p: TimeParse, text: str, published: date | None) -> When:
    assert p.weekday is not None
    if published is None:
        return When(None, how=f"'{text}' needs a publication date")
    name = WEEKDAYS[p.weekday]
    back = (published.weekday() - p.weekday) % 7
    if p.shift == 1:
        ahead = (p.weekday - published.weekday()) % 7 or 7
        day = published + timedelta(days=ahead)
        return When(day, day, "day", f"'{text}' = next {name} after publication date {published}")
    if back == 0 and p.shift == 0:
        # an article of Sunday that says "on Sunday" means that very day
        how = f"'{text}' = publication day {published} (a {name})"
        return When(published, published, "day", how)
    back = back or 7
    day = published - timedelta(days=back)
    return When(day, day, "day", f"'{text}' = {name} before publication date {published}")


def _month_part(p: TimeParse, text: str, published: date | None, ref: Reference) -> When:
    assert p.part is not None and p.month is not None
    year, why = _month_year(p, published, ref)
    first, last = p.part
    start, end = clip(year, p.month, first), clip(year, p.month, last)
    return When(start, end, "range", f"'{text}' = days {first}-{end.day} of {start:%B %Y}; {why}")


def _month(p: TimeParse, text: str, published: date | None, ref: Reference) -> When:
    assert p.month is not None
    year, why = _month_year(p, published, ref)
    start = date(year, p.month, 1)
    end = clip(year, p.month, 31)
    return When(start, end, "month", f"'{text}' = {start:%B %Y}; {why}")


def _relative(p: TimeParse, text: str, published: date | None) -> When:
    if published is None:
        return When(None, how=f"'{text}' needs a publication date")
    unit, n = p.unit, p.amount
    anchor = f"publication date {published}"
    if unit == "day":
        day = published + timedelta(days=n)
        what = "publication day" if n == 0 else f"{-n} day(s) before publication" if n < 0 else ""
        return When(day, day, "day", f"'{text}' = {what} ({anchor})")
    if unit in ("week", "week_to_date"):
        monday = published - timedelta(days=published.weekday()) + timedelta(weeks=n)
        end = published if unit == "week_to_date" else monday + timedelta(days=6)
        return When(
            monday,
            end,
            "week" if unit == "week" else "range",
            f"'{text}' = week of {monday} ({anchor})",
        )
    if unit == "weekend":
        saturday = published - timedelta(days=(published.weekday() - 5) % 7)
        if n < 0 and published - saturday < timedelta(days=2):
            saturday -= timedelta(days=7)
        return When(
            saturday,
            saturday + timedelta(days=1),
            "range",
            f"'{text}' = weekend of {saturday} ({anchor})",
        )
    if unit in ("month", "month_to_date"):
        m = published.month + n
        year, month = published.year + (m - 1) // 12, (m - 1) % 12 + 1
        start = date(year, month, 1)
        if unit == "month_to_date":
            return When(start, published, "range", f"'{text}' = {start} to {published} ({anchor})")
        return When(start, clip(year, month, 31), "month", f"'{text}' = {start:%B %Y} ({anchor})")
    if unit in ("year", "year_to_date"):
        year = published.year + n
        end = published if unit == "year_to_date" else date(year, 12, 31)
        return When(
            date(year, 1, 1),
            end,
            "year" if unit == "year" else "range",
            f"'{text}' = {year} ({anchor})",
        )
    return When(None, how=f"'{text}': unknown relative unit {unit}")


def _year(p: TimeParse, text: str) -> When:
    assert p.year is not None
    return When(date(p.year, 1, 1), date(p.year, 12, 31), "year", f"'{text}' = year {p.year}")


def _point(w: When, p: TimeParse) -> date | None:
    """One day for the start of "since X": mid-October -> the 15th (see time_words.yaml)."""
    if p.kind == "month_part" and p.part_name and w.start is not None:
        point = date_settings().month_part_point[p.part_name]
        return w.start.replace(day=point)
    return w.start


def _since(
    p: TimeParse, text: str, published: date | None, ref: Reference, anchors: Sequence[date]
) -> When:
    assert p.inner is not None
    inner = _resolve_parse(p.inner, text, published, ref, anchors)
    start = _point(inner, p.inner)
    if start is None:
        return When(None, how=inner.how)
    if published is None:
        return When(start, None, "range", f"'{text}': from {start}, open end ({inner.how})")
    return When(
        start,
        published,
        "range",
        f"'{text}' = {start} to publication date {published} ({inner.how})",
    )


def _range(
    p: TimeParse, text: str, published: date | None, ref: Reference, anchors: Sequence[date]
) -> When:
    assert p.inner is not None and p.second is not None
    second = _resolve_parse(p.second, text, published, ref, anchors)
    first_parse = p.inner
    if first_parse.kind == "date" and first_parse.year is None and second.start is not None:
        # "between 17 and 22 January 2022": the first end borrows the second's year
        first_parse = TimeParse(
            "date", day=first_parse.day, month=first_parse.month, year=second.start.year
        )
    first = _resolve_parse(first_parse, text, published, ref, anchors)
    if first.start is None or second.start is None:
        return When(None, how=first.how if first.start is None else second.how)
    start, end = first.start, second.end or second.start
    if start > end:  # "between 28 December and 3 January": the start is last year's
        start = start.replace(year=start.year - 1)
    return When(start, end, "range", f"'{text}' = {start} to {end} ({first.how}; {second.how})")


def resolve_offset(
    expression: str,
    p: TimeParse | None,
    anchor: date,
    *,
    solve_for: Literal["complement", "subject"] = "complement",
) -> When:
    """Resolve "a day after", "two days before", "a week later" against a dated event.

    "X came a day after Y" relates two events. With solve_for="complement" (the default),
    `anchor` is X's date and the result is Y's: Y = X - 1 day. With solve_for="subject",
    `anchor` is Y's date and the result is X's: X = Y + 1 day. ("before" mirrors it.)
    Phrases with no complement ("two days later", "the previous day") place the event they
    describe relative to the anchor, whatever solve_for says: later = anchor + n.
    """
    if p is None or p.kind != "offset" or p.direction is None:
        return When(None, how=f"'{expression}' is not an offset")
    n = p.amount
    sign = {"after": 1, "later": 1, "before": -1, "earlier": -1}[p.direction]
    if p.direction in ("after", "before") and solve_for == "complement":
        sign = -sign
        role = "the event it is said to come " + p.direction
    else:
        role = "the event it describes"
    day = anchor + timedelta(days=sign * n)
    how = (
        f"'{expression}' from anchor event date {anchor}: {role} is {n} day(s) "
        f"{'later' if sign > 0 else 'earlier'}, {day}"
    )
    return When(day, day, "day", how)


resolve_relative = resolve_offset  # the name the frame builder's brief uses


def _time_of_day(p: TimeParse, text: str, published: date | None, anchors: Sequence[date]) -> When:
    if anchors:
        day, anchor = anchors[-1], f"anchor event date {anchors[-1]}"
    elif published is not None:
        day, anchor = published, f"publication date {published}"
    else:
        return When(None, how=f"'{text}' is a time of day with no day to put it on")
    return When(day, day, "time", f"'{text}' on {anchor}")


def _resolve_parse(
    p: TimeParse, text: str, published: date | None, ref: Reference, anchors: Sequence[date]
) -> When:
    if (
        published is None
        and ref.year is None
        and p.year is None
        and p.kind in ("month", "month_part")
    ):
        return When(None, how=ref.how)
    if p.kind == "date":
        return _date(p, published, ref)
    if p.kind == "weekday":
        return _weekday(p, text, published)
    if p.kind == "month_part":
        return _month_part(p, text, published, ref)
    if p.kind == "month":
        return _month(p, text, published, ref)
    if p.kind == "year":
        return _year(p, text)
    if p.kind == "relative":
        return _relative(p, text, published)
    if p.kind == "since":
        return _since(p, text, published, ref, anchors)
    if p.kind == "range":
        return _range(p, text, published, ref, anchors)
    if p.kind == "offset":
        if not anchors:
            return When(None, how=f"'{text}' needs an anchor event date")
        return resolve_offset(text, p, anchors[-1])
    if p.kind == "time":
        return _time_of_day(p, text, published, anchors)
    return When(None, how=f"'{text}': unknown kind {p.kind}")


def _dateparser_fallback(expression: str, published: date | None, lang: str) -> When:
    """Explicit dates our grammar does not know ("22.01.2022", other languages)."""
    import dateparser  # slow to import; only needed here

    settings: dict[str, object] = {
        "REQUIRE_PARTS": ["day", "month", "year"],
        "PREFER_DAY_OF_MONTH": "first",
        "DATE_ORDER": "DMY",
    }
    if published is not None:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    got = dateparser.parse(expression, languages=[lang], settings=settings)  # type: ignore[arg-type]
    if got is None:
        return When(None, how=f"'{expression}': no time expression found")
    day = got.date()
    return When(day, day, "day", f"'{expression}' read by dateparser ({lang}) as {day}")


def resolve(
    expression: TimeExpression,
    published: date | None,
    *,
    anchors: Sequence[date] = (),
    ref_year: int | None = None,
    reference_times: tuple[TimeExpression, ...] | None = None,
    lang: str = "en",
    today: date | None = None,
) -> When:
    """Dates for one time expression (read by extract/times.py).

    published: the article's publication date (None when unknown).
    anchors: dates of events already resolved in the document, latest last; offsets ("a day
        after") and times of day ("at 12 noon") attach to the last one.
    ref_year: the year to assume when the text names a day and month but no year and there
        is no publication date; else inferred from `reference_times` (the time expressions
        of the whole document) by `infer_reference`.
    today: the clock, only to bound the year of a weekday date in a text without a
        publication date or a full date (default: the real clock). Never returned.
    """
    text = expression.mention.span.text
    if published is not None:
        ref = no_reference(today)
    elif ref_year is not None:
        ref = Reference(year=ref_year, today=today, how=f"reference year {ref_year}")
    elif reference_times is not None:
        ref = infer_reference(reference_times, today)
    else:
        ref = no_reference(today)
    p = expression.parse
    if p is None:
        return _dateparser_fallback(text, published, lang)
    got = _resolve_parse(p, text.strip(), published, ref, anchors)
    if p.kind == "date" and not got.how.startswith("'"):
        got = When(got.start, got.end, got.precision, f"'{text.strip()}': {got.how}")
    return got

"""Time expressions to dates, relative to the publication date or another event.

Every result says how it was reached (`When.how`), naming the anchor it used. Without a
publication date the year comes from the text itself (`infer_reference`):

- a full date in the text (the dateline, "on Saturday (January 6, 2024)") is the anchor:
  a day and month without a year take the year that puts them nearest to it;
- a weekday with a day and month ("Friday, December 8th") fixes the year up to a 28-year
  cycle: the latest year, not after the latest full date in the text (else the clock), in
  which that day is that weekday, and not before the latest year the text names;
- years alone and months with a year ("in 2014", "since 2003", "in June 2014") are mostly
  history: they bound the year from below, they never anchor current events.

With none of these the answer is unknown - never today's date.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Literal

from marsad.extract.times import TimeMention, TimeParse, find_parsed, parse_time, words
from marsad.types import When

_WEEKDAY = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_NO_ANCHOR = "no publication date and no full date in the text to take the year from"


@dataclass(frozen=True, slots=True)
class Reference:
    """What a text without a publication date says about its own time.

    year: the year to give a day or month named without one (None: unknown).
    day: the anchor date the year came from (a full date, or a weekday-fixed date); a
        day-month without a year takes the year that puts it nearest to this day.
    floor: the latest year the text names as such ("in 2014"): the article is no older.
    ceiling: the latest full date in the text: "Friday, December 8th" is not after it.
    today: the clock, only as the upper bound of a weekday date's year when the text has
        no full date (articles are not from the future); never a date given out.
    """

    year: int | None = None
    day: date | None = None
    floor: int | None = None
    ceiling: date | None = None
    today: date | None = None
    how: str = _NO_ANCHOR


def _no_reference(today: date | None) -> Reference:
    return Reference(today=today)


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _clip(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, _last_day(year, month)))


def _nearest_year(month: int, day: int, anchor: date, before: bool = False) -> int:
    """The year that puts month/day nearest to `anchor` (strictly before it if `before`)."""
    best: tuple[int, int] | None = None
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        d = _clip(y, month, day)
        if before and (d.year, d.month) >= (anchor.year, anchor.month):
            continue
        gap = abs((d - anchor).days)
        if best is None or gap < best[0]:
            best = (gap, y)
    assert best is not None
    return best[1]


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
            year = _nearest_year(p.month, 15, ref.day, before=p.shift == -1)
            return year, f"year {year}: nearest to {ref.day} ({ref.how})"
        assert ref.year is not None
        return ref.year, f"year {ref.year} ({ref.how})"
    year = published.year
    if p.month > published.month or (p.shift == -1 and p.month == published.month):
        year -= 1
    if p.shift == 1 and p.month <= published.month:
        year += 1
    return year, f"latest {calendar.month_name[p.month]} by publication date {published}"


def _weekday_of(year: int, month: int, day: int) -> int | None:
    try:
        return date(year, month, day).weekday()
    except ValueError:
        return None


def _weekday_year(
    month: int, day: int, weekday: int, ref: Reference
) -> tuple[int | None, str]:
    """The year of "Friday, December 8th" in a text without a publication date."""
    name = f"{calendar.month_name[month]} {day} is a {_WEEKDAY[weekday]}"
    fits = [y for y in range(1900, 2200) if _weekday_of(y, month, day) == weekday]
    if ref.day is None and ref.ceiling is None and ref.year is not None:
        # a year given by the caller: the fitting year nearest to it (earlier on ties)
        y = min(fits, key=lambda y: (abs(y - ref.year), y))  # type: ignore[operator]
        return y, f"year {y}: nearest to {ref.year} in which {name}"
    tolerance = timedelta(days=int(words().raw["future_tolerance_days"]))
    if ref.ceiling is not None:
        hi, bound = ref.ceiling + tolerance, f"the latest full date in the text, {ref.ceiling}"
    else:
        hi = ref.today or date.today()
        bound = f"the clock ({hi})"
    fits = [y for y in fits if date(y, month, day) <= hi]
    if not fits:
        return None, f"no year up to {bound} in which {name}"
    floored = [y for y in fits if ref.floor is None or y >= ref.floor]
    if floored:
        y = floored[-1]
        floor = f", not before {ref.floor} (named in the text)" if ref.floor else ""
        return y, f"year {y}: the latest up to {bound}{floor} in which {name}"
    y = fits[-1]
    return y, f"year {y}: the latest up to {bound} in which {name} (text names {ref.floor})"


def _date(p: TimeParse, published: date | None, ref: Reference) -> When:
    assert p.day is not None and p.month is not None
    if p.year is not None:
        year, why = p.year, "explicit date"  # the text is added to `how` by resolve()
    elif published is not None:
        year, why = published.year, f"year of publication date {published}"
        tolerance = int(words().raw["future_tolerance_days"])
        try:
            if date(year, p.month, p.day) > published + timedelta(days=tolerance):
                year, why = year - 1, f"previous year: later than publication date {published}"
        except ValueError:
            pass
    elif p.weekday is not None:  # "Friday, December 8th": the weekday picks the year
        got, why = _weekday_year(p.month, p.day, p.weekday, ref)
        if got is None:
            return When(None, how=why)
        year = got
    elif ref.day is not None:
        year = _nearest_year(p.month, p.day, ref.day)
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
        why += f"; note: {day} is a {_WEEKDAY[day.weekday()]}, text says {_WEEKDAY[p.weekday]}"
    return When(day, day, "day", why)


def _weekday(p: TimeParse, text: str, published: date | None) -> When:
    assert p.weekday is not None
    if published is None:
        return When(None, how=f"'{text}' needs a publication date")
    name = _WEEKDAY[p.weekday]
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
    start, end = _clip(year, p.month, first), _clip(year, p.month, last)
    return When(start, end, "range", f"'{text}' = days {first}-{end.day} of {start:%B %Y}; {why}")


def _month(p: TimeParse, text: str, published: date | None, ref: Reference) -> When:
    assert p.month is not None
    year, why = _month_year(p, published, ref)
    start = date(year, p.month, 1)
    end = _clip(year, p.month, 31)
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
        return When(start, _clip(year, month, 31), "month", f"'{text}' = {start:%B %Y} ({anchor})")
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
        point = int(words().raw["month_part_point"][p.part_name])
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
    p = parse_time(expression)
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
        return resolve_offset(text, anchors[-1])
    if p.kind == "time":
        return _time_of_day(p, text, published, anchors)
    return When(None, how=f"'{text}': unknown kind {p.kind}")


def _floor_year(mention: TimeMention, p: TimeParse) -> int | None:
    """The year a mention names, as a lower bound of the article's time: not a deadline
    ("by 2030", "until 2026") nor a plan."""
    first = mention.span.text.split(maxsplit=1)[0].lower() if mention.span.text else ""
    if first in words().raw["deadline_words"]:
        return None
    inner = p.inner if p.kind in ("since", "range") and p.inner is not None else p
    return inner.year


@lru_cache(maxsize=64)
def infer_reference(text: str, today: date | None = None) -> Reference:
    """What `text` says about its own time, for resolving its dates without a publication
    date (see the module's docstring). `today` defaults to the clock."""
    today = today or date.today()
    found = find_parsed(text)
    full: list[date] = []
    weekday_dates: list[TimeParse] = []
    named: list[int] = []
    for m, p in found:
        inner = p.inner if p.kind == "since" and p.inner is not None else p
        if inner.kind == "date" and inner.year is not None and inner.day and inner.month:
            try:
                d = date(inner.year, inner.month, inner.day)
            except ValueError:
                continue
            if d <= today + timedelta(days=1):
                full.append(d)
        elif p.kind == "date" and p.weekday is not None and p.year is None:
            weekday_dates.append(p)
        year = _floor_year(m, p)
        if year is not None:
            named.append(year)
    ceiling = max(full) if full else None
    top = ceiling.year if ceiling else today.year
    floors = [y for y in named if y <= top]
    floor = max(floors) if floors else None
    if ceiling is not None:
        return Reference(
            ceiling.year, ceiling, floor, ceiling, today,
            f"the latest full date in the text, {ceiling}",
        )  # fmt: skip
    bare = Reference(None, None, floor, None, today)
    fixed: list[date] = []
    for p in weekday_dates:
        assert p.month is not None and p.day is not None and p.weekday is not None
        y, _ = _weekday_year(p.month, p.day, p.weekday, bare)
        if y is not None:
            fixed.append(date(y, p.month, p.day))
    if fixed:
        day = max(fixed)
        how = f"{day:%A, %B} {day.day} in the text fixes {day.year}"
        return Reference(day.year, day, floor, None, today, how)
    return bare


def infer_ref_year(text: str, today: date | None = None) -> int | None:
    """The year a text without a publication date is about (None: unknown)."""
    return infer_reference(text, today).year


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
    mention: TimeMention | str,
    published: date | None,
    *,
    anchors: Sequence[date] = (),
    ref_year: int | None = None,
    text: str | None = None,
    lang: str = "en",
    today: date | None = None,
) -> When:
    """Dates for one time expression.

    published: the article's publication date (None when unknown).
    anchors: dates of events already resolved in the document, latest last; offsets ("a day
        after") and times of day ("at 12 noon") attach to the last one.
    ref_year: the year to assume when the text names a day and month but no year and there
        is no publication date; else inferred from `text` (the whole document) by
        `infer_reference`.
    today: the clock, only to bound the year of a weekday date in a text without a
        publication date or a full date (default: the real clock). Never returned.
    """
    expression = mention if isinstance(mention, str) else mention.span.text
    if published is not None:
        ref = _no_reference(today)
    elif ref_year is not None:
        ref = Reference(year=ref_year, today=today, how=f"reference year {ref_year}")
    elif text is not None:
        ref = infer_reference(text, today)
    else:
        ref = _no_reference(today)
    p = parse_time(expression)
    if p is None:
        return _dateparser_fallback(expression, published, lang)
    got = _resolve_parse(p, expression.strip(), published, ref, anchors)
    if p.kind == "date" and not got.how.startswith("'"):
        got = When(got.start, got.end, got.precision, f"'{expression.strip()}': {got.how}")
    return got

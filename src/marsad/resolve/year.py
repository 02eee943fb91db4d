"""The year of a text without a publication date, from the text itself.

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
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache

from marsad.datafiles import load_data
from marsad.types import TimeExpression, TimeParse

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_NO_ANCHOR = "no publication date and no full date in the text to take the year from"


@dataclass(frozen=True, slots=True)
class DateSettings:
    """How dates are resolved, whatever the language (data/dates.yaml)."""

    future_tolerance_days: int  # a date this far after publication is still this year's
    month_part_point: dict[str, int]  # "since mid-October": the 15th


@cache
def date_settings() -> DateSettings:
    raw = load_data("dates.yaml")
    return DateSettings(int(raw["future_tolerance_days"]),
                        {str(k): int(v) for k, v in raw["month_part_point"].items()})


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


def no_reference(today: date | None) -> Reference:
    return Reference(today=today)


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def clip(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, last_day(year, month)))


def nearest_year(month: int, day: int, anchor: date, before: bool = False) -> int:
    """The year that puts month/day nearest to `anchor` (strictly before it if `before`)."""
    best: tuple[int, int] | None = None
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        d = clip(y, month, day)
        if before and (d.year, d.month) >= (anchor.year, anchor.month):
            continue
        gap = abs((d - anchor).days)
        if best is None or gap < best[0]:
            best = (gap, y)
    assert best is not None
    return best[1]



def _weekday_of(year: int, month: int, day: int) -> int | None:
    try:
        return date(year, month, day).weekday()
    except ValueError:
        return None


def weekday_year(
    month: int, day: int, weekday: int, ref: Reference
) -> tuple[int | None, str]:
    """The year of "Friday, December 8th" in a text without a publication date."""
    name = f"{calendar.month_name[month]} {day} is a {WEEKDAYS[weekday]}"
    fits = [y for y in range(1900, 2200) if _weekday_of(y, month, day) == weekday]
    if ref.day is None and ref.ceiling is None and ref.year is not None:
        # a year given by the caller: the fitting year nearest to it (earlier on ties)
        y = min(fits, key=lambda y: (abs(y - ref.year), y))  # type: ignore[operator]
        return y, f"year {y}: nearest to {ref.year} in which {name}"
    tolerance = timedelta(days=date_settings().future_tolerance_days)
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



def _floor_year(expression: TimeExpression, p: TimeParse) -> int | None:
    """The year an expression names, as a lower bound of the article's time: not a deadline
    ("by 2030", "until 2026") nor a plan."""
    if expression.deadline:
        return None
    inner = p.inner if p.kind in ("since", "range") and p.inner is not None else p
    return inner.year


@lru_cache(maxsize=64)
def infer_reference(times: tuple[TimeExpression, ...], today: date | None = None) -> Reference:
    """What a text says about its own time (`times`: its time expressions), for resolving its
    dates without a publication date (see the module's docstring). `today` defaults to the
    clock."""
    today = today or date.today()
    found = [(e, e.parse) for e in times if e.parse is not None]
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
        y, _ = weekday_year(p.month, p.day, p.weekday, bare)
        if y is not None:
            fixed.append(date(y, p.month, p.day))
    if fixed:
        day = max(fixed)
        how = f"{day:%A, %B} {day.day} in the text fixes {day.year}"
        return Reference(day.year, day, floor, None, today, how)
    return bare


def infer_ref_year(times: tuple[TimeExpression, ...], today: date | None = None) -> int | None:
    """The year a text without a publication date is about (None: unknown)."""
    return infer_reference(times, today).year



"""Time expressions in news text: where they are and what shape they have.

`find_times` locates expressions ("on Sunday", "Friday, December 8th", "late last November",
"since October 17th", "a day after", "at 12 noon Iraq time") and `parse_time` reads one
into a `TimeParse` (the parts it names, nothing resolved). Turning a parse into dates needs
the publication date and lives in `marsad.resolve.when`.

English and Arabic names come from data/time_words.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from marsad.types import Span

Kind = str  # "date", "weekday", "month_part", "month", "year", "relative", "offset",
# "time", "since", "range"


@dataclass(frozen=True, slots=True)
class TimeMention:
    span: Span
    kind: Kind


@dataclass(frozen=True, slots=True)
class TimeParse:
    """What an expression says, before any anchor is applied."""

    kind: Kind
    day: int | None = None
    month: int | None = None
    year: int | None = None
    weekday: int | None = None
    part: tuple[int, int] | None = None  # days of the month: (11, 20) for "mid"
    part_name: str | None = None  # "early" / "mid" / "late"
    shift: int = 0  # -1 "last", +1 "next", 0 none / "this"
    unit: str | None = None  # relative: day / week / month / year / ..._to_date; offset: day
    amount: int = 0  # relative: offset in units; offset: days (signed, see direction)
    direction: str | None = None  # offset: after / before / later / earlier
    clock: str | None = None  # "12 noon Iraq time"
    inner: TimeParse | None = None  # since: what it is since; range: the start
    second: TimeParse | None = None  # range: the end


@dataclass(frozen=True, eq=False)
class _Words:
    months: dict[str, int]
    weekdays: dict[str, int]
    parts: dict[str, tuple[int, int]]
    relative: dict[str, tuple[str, int]]
    small: dict[str, int]
    raw: dict[str, Any]


@cache
def words() -> _Words:
    text = resources.files("marsad.data").joinpath("time_words.yaml").read_text("utf-8")
    raw = yaml.safe_load(text)
    return _Words(
        months={str(k).lower(): int(v) for k, v in raw["months"].items()},
        weekdays={str(k).lower(): int(v) for k, v in raw["weekdays"].items()},
        parts={str(k).lower(): (int(a), int(b)) for k, (a, b) in raw["month_parts"].items()},
        relative={str(k).lower(): (str(u), int(n)) for k, (u, n) in raw["relative"].items()},
        small={str(k).lower(): int(v) for k, v in raw["small_numbers"].items()},
        raw=raw,
    )


def _alt(names: object) -> str:
    """A regex alternation, longest first so "تشرين الأول" beats a shorter prefix."""
    items = sorted({str(n) for n in names}, key=len, reverse=True)  # type: ignore[attr-defined]
    return "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in items)


_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")


@dataclass(frozen=True)
class _Grammar:
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    since: re.Pattern[str]
    range_open: re.Pattern[str]
    range_join: re.Pattern[str]
    day_range: re.Pattern[str]


@cache
def _grammar() -> _Grammar:
    w = words()
    # an abbreviation may end in a dot ("Dec."), a full name's dot ends the sentence
    month = rf"(?P<month>{_alt(w.months)})(?:(?<=(?<![^\W\d_])[A-Za-z]{{3}})\.|(?<=Sept)\.)?"
    full_days = [d for d in w.weekdays if len(d) > 4]
    wd = rf"(?P<wd>{_alt(full_days)})"
    # "on Saturday (January 6, 2024)": the closing bracket only when one was opened
    wd_prefix = rf"(?:(?:on\s+|يوم\s+)?{wd}\s*(?:,|(?P<paren>\())?\s*(?:the\s+)?)?"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    year = r"(?P<year>(?:1[89]|20)\d\d)"
    parts = rf"(?P<part>{_alt(w.parts)})"
    rel = rf"(?P<rel>{_alt(w.relative)})"
    small = rf"(?P<n>\d+|{_alt(w.small)})"
    clock = r"(?:noon|midnight|a\.?m\.?|p\.?m\.?|o'clock|hrs|GMT|UTC)"
    b = r"(?<![\w])"  # a word start that also works for Arabic
    e = r"(?![\w])"
    pats = [
        ("date", rf"{b}{year}-(?P<mon>[01]\d)-(?P<dd>[0-3]\d){e}"),
        ("date", rf"{b}(?P<dd>[0-3]?\d)/(?P<mon>[01]?\d)/{year}{e}"),
        ("date", rf"{b}{wd_prefix}{month}\s+{day}{e}(?:,?\s+{year})?(?(paren)\))"),
        ("date", rf"{b}{wd_prefix}{day}\s+(?:of\s+)?{month}{e}(?:,?\s+{year})?(?(paren)\))"),
        (
            "month_part",
            rf"{b}{parts}[\s-]+(?:(?P<shift>last|this|next)\s+)?{month}{e}"
            rf"(?:,?\s+{year})?",
        ),
        # "since" is left out of these spans: the since-wrapper takes it
        (
            "month",
            rf"{b}(?:(?P<prep>in|during|until|by|of|from|before|after|early|"
            rf"last|this|next|في|خلال)\s+)?{month}{e}(?:,?\s+{year})?",
        ),
        (
            "year",
            rf"{b}(?:(?P<prep>in|during|until|by|of|from|before|after|عام)\s+)?"
            rf"(?:the\s+year\s+)?{year}{e}",
        ),
        (
            "offset",
            rf"{b}{small}\s+(?P<unit>days?|weeks?)\s+(?P<dir>after|before|later|earlier|"
            rf"prior|ago){e}",
        ),
        (
            "offset",
            rf"{b}the\s+(?P<dir>next|following|previous|preceding)\s+(?P<unit>day|week)"
            rf"{e}",
        ),
        ("relative", rf"{b}{rel}{e}"),
        (
            "weekday",
            rf"{b}(?:(?P<shift>last|this|next|past|on|يوم)\s+)?{wd}{e}"
            rf"(?:\s+(?:morning|afternoon|evening|night))?",
        ),
        (
            "time",
            rf"{b}at\s+(?:around\s+|about\s+)?(?P<clock>\d{{1,2}}(?:[:.]\d\d)?\s*{clock}"
            rf"|\d{{1,2}}:\d\d)(?:\s+(?:\w+\s+time|local\s+time))?",
        ),
    ]
    return _Grammar(
        patterns=tuple((k, re.compile(p, re.I)) for k, p in pats),
        since=re.compile(r"(?:since|منذ)\s+$", re.I),
        range_open=re.compile(r"(?:between|from)\s+$", re.I),
        range_join=re.compile(r"^\s*(?:and|to|until|till|through|-|–)\s*$", re.I),
        day_range=re.compile(
            rf"{b}(?:between|from)\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s*"
            r"(?:and|to|-|–)\s*$",
            re.I,
        ),
    )


# --- finding ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int
    kind: Kind
    parse: TimeParse


def _month_ok(m: re.Match[str], text: str) -> bool:
    """English month names that are common words need a capital and some support."""
    name = m.group("month").lower()
    if name not in words().months or not name.isascii():
        return True
    if not m.group("month")[0].isupper():
        return False
    if name in words().raw["ambiguous_months"] or m.re.pattern.find("(?P<prep>") >= 0:
        groups = m.groupdict()
        return bool(
            groups.get("day")
            or groups.get("year")
            or groups.get("prep")
            or groups.get("part")
            or groups.get("shift")
            or _after_since(m, text)
        )
    return True


def _after_since(m: re.Match[str], text: str) -> bool:
    return _grammar().since.search(text[max(0, m.start() - 8) : m.start()]) is not None


def _int(s: str | None) -> int | None:
    return int(s.translate(_DIGITS)) if s else None


def _build(kind: Kind, m: re.Match[str]) -> TimeParse | None:
    w = words()
    g = {k: v for k, v in m.groupdict().items() if v is not None}
    month = w.months.get(re.sub(r"\s+", " ", g["month"].lower())) if "month" in g else None
    if "mon" in g:
        month = int(g["mon"])
    weekday = w.weekdays.get(g["wd"].lower()) if "wd" in g else None
    year = _int(g.get("year"))
    shift = {"last": -1, "past": -1, "next": 1}.get(g.get("shift", g.get("prep", "")).lower(), 0)
    if kind == "date":
        day = _int(g.get("day") or g.get("dd"))
        if not day or not month or not 1 <= day <= 31 or not 1 <= month <= 12:
            return None
        return TimeParse("date", day=day, month=month, year=year, weekday=weekday)
    if kind == "month_part":
        name = re.sub(r"\s+", " ", g["part"].lower())
        short = next(
            (p for p in ("early", "mid", "late") if w.parts[name] == tuple(w.parts[p])), None
        )
        return TimeParse(
            "month_part", month=month, year=year, part=w.parts[name], part_name=short, shift=shift
        )
    if kind == "month":
        return TimeParse("month", month=month, year=year, shift=shift)
    if kind == "year":
        return TimeParse("year", year=year)
    if kind == "weekday":
        return TimeParse("weekday", weekday=weekday, shift=shift)
    if kind == "relative":
        unit, amount = w.relative[re.sub(r"\s+", " ", g["rel"].lower())]
        return TimeParse("relative", unit=unit, amount=amount)
    if kind == "offset":
        n = g.get("n", "1").lower()
        amount = int(n) if n.isdigit() else w.small.get(n, 1)
        amount *= w.raw["units"][g["unit"].lower()]
        direction = g["dir"].lower()
        direction = {
            "next": "later",
            "following": "later",
            "previous": "earlier",
            "preceding": "earlier",
            "prior": "before",
        }.get(direction, direction)
        if direction == "ago":
            return TimeParse("relative", unit="day", amount=-amount)
        return TimeParse("offset", unit="day", amount=amount, direction=direction)
    if kind == "time":
        return TimeParse("time", clock=m.group(0)[2:].strip())
    return None


def _scan(text: str, start: int, end: int) -> list[_Found]:
    found: list[_Found] = []
    for kind, pattern in _grammar().patterns:
        for m in pattern.finditer(text, start, end):
            if "month" in m.groupdict() and m.group("month") and not _month_ok(m, text):
                continue
            if kind == "year" and not (m.group("prep") or _after_since(m, text)):
                continue  # a bare four-digit number is too often a count
            parse = _build(kind, m)
            if parse is not None and m.end() > m.start():
                found.append(_Found(m.start(), m.end(), parse.kind, parse))
    # keep the longest of overlapping matches; earlier patterns win ties (dates over months)
    found.sort(key=lambda f: (-(f.end - f.start), f.start))
    kept: list[_Found] = []
    for f in found:
        if all(f.end <= k.start or f.start >= k.end for k in kept):
            kept.append(f)
    return sorted(kept, key=lambda f: f.start)


def _combine(text: str, found: list[_Found], start: int) -> list[_Found]:
    """Wrap "since X" and "between X and Y" / "from X to Y" / "between 17 - 22 January"."""
    g = _grammar()
    out: list[_Found] = []
    i = 0
    while i < len(found):
        f = found[i]
        before = text[max(start, f.start - 12) : f.start]
        nxt = found[i + 1] if i + 1 < len(found) else None
        opener = g.range_open.search(before)
        if opener and nxt and g.range_join.match(text[f.end : nxt.start]):
            a = f.start - (len(before) - opener.start())
            out.append(
                _Found(a, nxt.end, "range", TimeParse("range", inner=f.parse, second=nxt.parse))
            )
            i += 2
            continue
        day_range = g.day_range.search(text[max(start, f.start - 24) : f.start])
        if day_range and f.kind == "date":
            a = f.start - (min(24, f.start - start) - day_range.start())
            first = TimeParse(
                "date", day=int(day_range.group("d1")), month=f.parse.month, year=f.parse.year
            )
            out.append(_Found(a, f.end, "range", TimeParse("range", inner=first, second=f.parse)))
            i += 1
            continue
        since = g.since.search(before)
        if since and f.kind not in ("offset", "time"):
            a = f.start - (len(before) - since.start())
            out.append(_Found(a, f.end, "since", TimeParse("since", inner=f.parse)))
        else:
            out.append(f)
        i += 1
    return out


def _find(text: str, start: int = 0, end: int | None = None) -> list[_Found]:
    end = len(text) if end is None else end
    return _combine(text, _scan(text, start, end), start)


def find_times(text: str, start: int = 0, end: int | None = None) -> list[TimeMention]:
    """Time expressions in text[start:end], in order; spans are offsets into text."""
    return [
        TimeMention(Span(f.start, f.end, text[f.start : f.end]), f.kind)
        for f in _find(text, start, end)
    ]


def parse_time(expression: str) -> TimeParse | None:
    """The parse of the longest time expression in `expression` (None if it has none)."""
    found = _find(expression)
    if not found:
        return None
    return max(found, key=lambda f: f.end - f.start).parse


def find_parsed(
    text: str, start: int = 0, end: int | None = None
) -> list[tuple[TimeMention, TimeParse]]:
    """Time expressions in text[start:end] with their parses ("since 2003" is one `since`
    whose inner parse is the year), in order."""
    return [
        (TimeMention(Span(f.start, f.end, text[f.start : f.end]), f.kind), f.parse)
        for f in _find(text, start, end)
    ]


def years_in(text: str) -> list[int]:
    """Explicit years of dates, months and years named in text ("January 6, 2024", "in 2014")."""
    return [f.parse.year for f in _scan(text, 0, len(text)) if f.parse.year is not None]

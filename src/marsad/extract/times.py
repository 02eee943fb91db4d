"""Time expressions in news text: where they are and what shape they have.

`find_times` locates expressions ("on Sunday", "Friday, December 8th", "late last November",
"since October 17th", "a day after", "at 12 noon Iraq time") and `parse_time` reads one
into a `TimeParse` (the parts it names, nothing resolved). Turning a parse into dates needs
the publication date and lives in `marsad.resolve.when`.

The words come from the language profile's time_words.yaml (English with the Arabic
month and weekday names for now).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from marsad.analyse.profiles import LanguageProfile
from marsad.types import Span, TimeExpression, TimeKind, TimeMention, TimeParse

Kind = TimeKind


@dataclass(frozen=True, eq=False)
class _Words:
    months: dict[str, int]
    weekdays: dict[str, int]
    parts: dict[str, tuple[int, int]]
    relative: dict[str, tuple[str, int]]
    small: dict[str, int]
    raw: dict[str, Any]

    def alternation(self, key: str) -> str:
        """The grammar's words for `key` as a regex alternation, in the order written."""
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in self.raw["grammar"][key])


@cache
def words(profile: LanguageProfile) -> _Words:
    raw = profile.data("time_words.yaml")
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
def _grammar(profile: LanguageProfile) -> _Grammar:
    w = words(profile)
    a = w.alternation  # the language's words for each slot of the grammar (time_words.yaml)
    # an abbreviation may end in a dot ("Dec."), a full name's dot ends the sentence
    month = rf"(?P<month>{_alt(w.months)})(?:(?<=(?<![^\W\d_])[A-Za-z]{{3}})\.|(?<=Sept)\.)?"
    full_days = [d for d in w.weekdays if len(d) > 4]
    wd = rf"(?P<wd>{_alt(full_days)})"
    # "on Saturday (January 6, 2024)": the closing bracket only when one was opened
    wd_prefix = (rf"(?:(?:(?:{a('weekday_preps')})\s+)?{wd}\s*(?:,|(?P<paren>\())?\s*"
                 rf"(?:(?:{a('article')})\s+)?)?")
    ordinal = rf"(?:{a('ordinal_suffixes')})?"
    day = rf"(?P<day>[0-3]?\d){ordinal}"
    year = r"(?P<year>(?:1[89]|20)\d\d)"
    parts = rf"(?P<part>{_alt(w.parts)})"
    rel = rf"(?P<rel>{_alt(w.relative)})"
    small = rf"(?P<n>\d+|{_alt(w.small)})"
    clock = rf"(?:{w.raw['grammar_patterns']['clock']})"
    b = r"(?<![\w])"  # a word start that also works for Arabic
    e = r"(?![\w])"
    pats = [
        ("date", rf"{b}{year}-(?P<mon>[01]\d)-(?P<dd>[0-3]\d){e}"),
        ("date", rf"{b}(?P<dd>[0-3]?\d)/(?P<mon>[01]?\d)/{year}{e}"),
        ("date", rf"{b}{wd_prefix}{month}\s+{day}{e}(?:,?\s+{year})?(?(paren)\))"),
        ("date", rf"{b}{wd_prefix}{day}\s+(?:(?:{a('day_of_month')})\s+)?{month}{e}"
                 rf"(?:,?\s+{year})?(?(paren)\))"),
        (
            "month_part",
            rf"{b}{parts}[\s-]+(?:(?P<shift>{a('month_part_shifts')})\s+)?{month}{e}"
            rf"(?:,?\s+{year})?",
        ),
        # "since" is left out of these spans: the since-wrapper takes it
        (
            "month",
            rf"{b}(?:(?P<prep>{a('month_preps')})\s+)?{month}{e}(?:,?\s+{year})?",
        ),
        (
            "year",
            rf"{b}(?:(?P<prep>{a('year_preps')})\s+)?"
            rf"(?:(?:{a('year_nouns')})\s+)?{year}{e}",
        ),
        (
            "offset",
            rf"{b}{small}\s+(?P<unit>{a('offset_units')})\s+(?P<dir>{a('offset_directions')})"
            rf"{e}",
        ),
        (
            "offset",
            rf"{b}(?:{a('article')})\s+(?P<dir>{a('adjacent_words')})\s+"
            rf"(?P<unit>{a('adjacent_units')}){e}",
        ),
        ("relative", rf"{b}{rel}{e}"),
        (
            "weekday",
            rf"{b}(?:(?P<shift>{a('weekday_shifts')})\s+)?{wd}{e}"
            rf"(?:\s+(?:{a('day_parts')}))?",
        ),
        (
            "time",
            rf"{b}(?:{a('clock_preps')})\s+(?:(?:{a('approximately')})\s+)?"
            rf"(?P<clock>\d{{1,2}}(?:[:.]\d\d)?\s*{clock}"
            rf"|\d{{1,2}}:\d\d)(?:\s+(?:{w.raw['grammar_patterns']['time_zone']}))?",
        ),
    ]
    return _Grammar(
        patterns=tuple((k, re.compile(p, re.I)) for k, p in pats),
        since=re.compile(rf"(?:{a('since')})\s+$", re.I),
        range_open=re.compile(rf"(?:{a('range_open')})\s+$", re.I),
        range_join=re.compile(rf"^\s*(?:{a('range_join')})\s*$", re.I),
        day_range=re.compile(
            rf"{b}(?:{a('range_open')})\s+(?P<d1>[0-3]?\d){ordinal}\s*"
            rf"(?:{a('day_range_join')})\s*$",
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


def _month_ok(profile: LanguageProfile, m: re.Match[str], text: str) -> bool:
    """English month names that are common words need a capital and some support."""
    name = m.group("month").lower()
    if name not in words(profile).months or not name.isascii():
        return True
    if not m.group("month")[0].isupper():
        return False
    if name in words(profile).raw["ambiguous_months"] or m.re.pattern.find("(?P<prep>") >= 0:
        groups = m.groupdict()
        return bool(
            groups.get("day")
            or groups.get("year")
            or groups.get("prep")
            or groups.get("part")
            or groups.get("shift")
            or _after_since(profile, m, text)
        )
    return True


def _after_since(profile: LanguageProfile, m: re.Match[str], text: str) -> bool:
    return _grammar(profile).since.search(text[max(0, m.start() - 8) : m.start()]) is not None


def _int(s: str | None) -> int | None:
    return int(s.translate(_DIGITS)) if s else None


def _build(profile: LanguageProfile, kind: Kind, m: re.Match[str]) -> TimeParse | None:
    w = words(profile)
    g = {k: v for k, v in m.groupdict().items() if v is not None}
    month = w.months.get(re.sub(r"\s+", " ", g["month"].lower())) if "month" in g else None
    if "mon" in g:
        month = int(g["mon"])
    weekday = w.weekdays.get(g["wd"].lower()) if "wd" in g else None
    year = _int(g.get("year"))
    shift = w.raw["shifts"].get(g.get("shift", g.get("prep", "")).lower(), 0)
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
        direction = w.raw["direction_synonyms"].get(direction, direction)
        if direction == "ago":
            return TimeParse("relative", unit="day", amount=-amount)
        return TimeParse("offset", unit="day", amount=amount, direction=direction)
    if kind == "time":
        return TimeParse("time", clock=m.group(0)[2:].strip())
    return None


def _scan(profile: LanguageProfile, text: str, start: int, end: int) -> list[_Found]:
    found: list[_Found] = []
    for kind, pattern in _grammar(profile).patterns:
        for m in pattern.finditer(text, start, end):
            if "month" in m.groupdict() and m.group("month") and not _month_ok(profile, m, text):
                continue
            if kind == "year" and not (m.group("prep") or _after_since(profile, m, text)):
                continue  # a bare four-digit number is too often a count
            parse = _build(profile, kind, m)
            if parse is not None and m.end() > m.start():
                found.append(_Found(m.start(), m.end(), parse.kind, parse))
    # keep the longest of overlapping matches; earlier patterns win ties (dates over months)
    found.sort(key=lambda f: (-(f.end - f.start), f.start))
    kept: list[_Found] = []
    for f in found:
        if all(f.end <= k.start or f.start >= k.end for k in kept):
            kept.append(f)
    return sorted(kept, key=lambda f: f.start)


def _combine(profile: LanguageProfile, text: str, found: list[_Found], start: int) -> list[_Found]:
    """Wrap "since X" and "between X and Y" / "from X to Y" / "between 17 - 22 January"."""
    g = _grammar(profile)
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


def _find(profile: LanguageProfile, text: str, start: int = 0,
          end: int | None = None) -> list[_Found]:
    end = len(text) if end is None else end
    return _combine(profile, text, _scan(profile, text, start, end), start)


def find_times(profile: LanguageProfile, text: str, start: int = 0,
               end: int | None = None) -> list[TimeMention]:
    """Time expressions in text[start:end], in order; spans are offsets into text."""
    return [
        TimeMention(Span(f.start, f.end, text[f.start : f.end]), f.kind)
        for f in _find(profile, text, start, end)
    ]


def parse_time(profile: LanguageProfile, expression: str) -> TimeParse | None:
    """The parse of the longest time expression in `expression` (None if it has none)."""
    found = _find(profile, expression)
    if not found:
        return None
    return max(found, key=lambda f: f.end - f.start).parse


def find_parsed(profile: LanguageProfile,
    text: str, start: int = 0, end: int | None = None
) -> list[tuple[TimeMention, TimeParse]]:
    """Time expressions in text[start:end] with their parses ("since 2003" is one `since`
    whose inner parse is the year), in order."""
    return [
        (TimeMention(Span(f.start, f.end, text[f.start : f.end]), f.kind), f.parse)
        for f in _find(profile, text, start, end)
    ]


def years_in(profile: LanguageProfile, text: str) -> list[int]:
    """Explicit years of dates, months and years named in text ("January 6, 2024", "in 2014")."""
    return [f.parse.year for f in _scan(profile, text, 0, len(text)) if f.parse.year is not None]


def _deadline(profile: LanguageProfile, mention: TimeMention) -> bool:
    """"by 2030", "until 2026": a limit, not a time the text has lived through."""
    first = mention.span.text.split(maxsplit=1)[0].lower() if mention.span.text else ""
    return first in words(profile).raw["deadline_words"]


def sentence_times(profile: LanguageProfile, text: str, start: int,
                   end: int) -> tuple[TimeExpression, ...]:
    """The time expressions of text[start:end], each parsed on its own."""
    return tuple(TimeExpression(m, parse_time(profile, m.span.text), _deadline(profile, m))
                 for m in find_times(profile, text, start, end))


def text_times(profile: LanguageProfile, text: str) -> tuple[TimeExpression, ...]:
    """Every time expression of a whole text with its parse in context (for the year of a
    text without a publication date)."""
    return tuple(TimeExpression(m, p, _deadline(profile, m)) for m, p in find_parsed(profile, text))

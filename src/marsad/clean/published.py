"""Publication dates: parse a given value, or find the dateline date in the text.

Never guesses: when no full date (day, month and year) is found the answer is None,
never today's date, so "unknown" stays visible downstream.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from functools import cache

from marsad.datafiles import load_data

_HEAD_CHARS = 800  # the dateline date is in the first lines; later dates are events
_HEAD_LINES = 3
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)"
_ISO = re.compile(rf"\b{_YEAR}[-/](?P<month>[01]\d)[-/]{_DAY}\b")

DateValue = date | datetime | time.struct_time | str | int | float


@dataclass(frozen=True, slots=True)
class _MonthPatterns:
    names: dict[str, int]
    regexes: tuple[re.Pattern[str], ...]


@cache
def _month_patterns() -> _MonthPatterns:
    # The month names are shared with the time expressions of the extract stage.
    raw = load_data("lang/en/time_words.yaml")["months"]
    names = {str(name).casefold(): int(num) for name, num in raw.items()}
    # Longest names first, so "sept" wins over "sep" and "كانون الثاني" is matched whole.
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    month = rf"(?P<month>{alternation})\.?"
    ordinal = r"(?:st|nd|rd|th)?"
    regexes = (
        re.compile(rf"\b{month} {_DAY}{ordinal},? {_YEAR}\b", re.IGNORECASE),  # January 6, 2024
        re.compile(rf"\b{_DAY}{ordinal}(?: of)? {month},? {_YEAR}\b", re.IGNORECASE),  # 6 Jan 2024
        _ISO,
    )
    return _MonthPatterns(names=names, regexes=regexes)


def dates_in(text: str, not_after: date | None = None) -> list[tuple[int, date]]:
    """Every full, valid date written in the text, with its offset, in text order."""
    text = text.translate(_ARABIC_DIGITS)  # same length: offsets stay valid
    patterns = _month_patterns()
    found: list[tuple[int, date]] = []
    for regex in patterns.regexes:
        for match in regex.finditer(text):
            month_text = match.group("month")
            month = (
                int(month_text) if month_text.isdigit() else patterns.names[month_text.casefold()]
            )
            try:
                value = date(int(match.group("year")), month, int(match.group("day")))
            except ValueError:
                continue  # "February 30"
            if not_after is None or value <= not_after:
                found.append((match.start(), value))
    return sorted(found)


def date_from_text(text: str, fetched: date | None = None) -> date | None:
    """The first full date near the top of the article: the dateline's date.

    A date after the fetch day (plus one, for time zones) is a future event, not the
    publication date, and is skipped.
    """
    head = "\n".join(line for line in text[:_HEAD_CHARS].split("\n") if line.strip())
    head = "\n".join(head.split("\n")[:_HEAD_LINES])
    limit = (fetched or datetime.now(UTC).date()) + timedelta(days=1)
    found = dates_in(head, not_after=limit)
    return found[0][1] if found else None


def parse_date(value: DateValue | None) -> date | None:
    """A date from a metadata value: date, datetime, epoch seconds, struct_time or string."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, time.struct_time):
        return date(value.tm_year, value.tm_mon, value.tm_mday)
    if isinstance(value, int | float):
        seconds = value / 1000 if value > 1e11 else value  # milliseconds, as JavaScript writes
        try:
            return datetime.fromtimestamp(seconds, UTC).date()
        except (OverflowError, OSError, ValueError):
            return None
    return _parse_date_string(str(value).strip())


def iso_date(text: str) -> date | None:
    """The day of an ISO 8601 date or timestamp ("2024-01-08", "2024-01-08T10:30:00Z")."""
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def _parse_date_string(text: str) -> date | None:
    if not text:
        return None
    if (day := iso_date(text)) is not None:
        return day
    try:
        return parsedate_to_datetime(text).date()  # RFC 2822, as in RSS pubDate
    except (TypeError, ValueError, IndexError):
        pass
    if found := dates_in(text):
        return found[0][1]
    return _dateparser(text)


def _dateparser(text: str) -> date | None:
    """Last resort for odd formats. Languages are named (auto-detection is slow);
    relative expressions ("yesterday") are off: they would resolve against today.
    Numeric dates are read day first (06.01.2024 is 6 January), as in the region's press."""
    import dateparser  # slow to import; most inputs never get here

    parsed = dateparser.parse(
        text,
        languages=["en", "ar", "fr"],
        settings={
            "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
            "REQUIRE_PARTS": ["day", "month", "year"],
            "DATE_ORDER": "DMY",
        },
    )
    return parsed.date() if parsed else None

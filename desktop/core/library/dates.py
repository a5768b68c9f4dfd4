"""Turn the date strings found in articles and their metadata into ISO dates.

Pure and standard-library only: the readers use it for publication dates, and the fact
matcher reuses it for dates mentioned in article text.
"""

from __future__ import annotations

import re
from datetime import date, datetime

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
    "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip

_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
# An optional leading weekday ("Tue, ", "Tuesday "), and after the date either nothing or
# a separator followed by a time/zone ("10:00:00 GMT", ", 10:00 a.m. ET"): the time is ignored.
_WEEKDAY = (
    r"(?:(?i:(?:mon|tues|wednes|thurs|fri|satur|sun)day"
    r"|(?:mon|tue|tues|wed|thu|thurs|fri|sat|sun)\.?),?\s+)?"
)
_TAIL = r"(?:[\sT,].*)?"

_PATTERNS = [
    # 2024-07-16, 2024-07-16T10:00:00Z, 2024-07-16 10:00, 2024/07/16
    re.compile(r"(?P<year>\d{4})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})" + _TAIL),
    # July 16, 2024 / Jul 16 2024 / Sept. 29, 2024 / Tuesday, July 16th, 2024
    re.compile(_WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + _TAIL),
    # 16 July 2024 / Tue, 16 Jul 2024 10:00:00 GMT (RFC 2822) / 16th of July, 2024
    re.compile(_WEEKDAY + _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR + _TAIL),
    # 07/16/2024 (US order; see _numeric_month_day)
    re.compile(r"(?P<first>\d{1,2})/(?P<second>\d{1,2})/" + _YEAR + _TAIL),
]


# the years an article's publication date can have (the years a year pattern in text reads, too);
# a publication date outside them is a placeholder ("0001-11-30" in the AllSides data): unknown
PLAUSIBLE_YEARS = range(1000, 3000)


def publication_date(value: object) -> str | None:
    """An article's publication date as ISO ("2024-07-16"), from text or a date, or None when it
    cannot be read or is a placeholder ("0001-11-30", "9999-12-31")."""
    if isinstance(value, datetime):  # YAML reads `date: 2024-07-16 10:00` as a datetime
        value = value.date()
    iso = value.isoformat() if isinstance(value, date) else parse_date(value) if isinstance(value, str) else None
    return iso if iso and int(iso[:4]) in PLAUSIBLE_YEARS else None


def readable_date(value: str | None) -> str | None:
    """``value`` when it is a publication date to reckon from (``publication_date`` reads it),
    else None."""
    return value if value and publication_date(value) else None


def parse_date(value: str) -> str | None:
    """Return ``value`` as an ISO date ("2024-07-16"), or None when it is not a date we can read.

    A datetime's time and time zone are ignored: the date is the one written, which is the
    publication's own local date. Slash dates are read month first (US order) unless only
    the day-first reading is a real date ("16/07/2024").
    """
    text = value.strip()
    for pattern in _PATTERNS:
        match = pattern.fullmatch(text)
        result = _from_match(match.groupdict()) if match else None
        if result is not None:
            return result
    return None


def _from_match(fields: dict[str, str]) -> str | None:
    if "first" in fields:
        month_day = _numeric_month_day(int(fields["first"]), int(fields["second"]))
        if month_day is None:
            return None
        month, day = month_day
    else:
        month, day = _month_number(fields["month"]), int(fields["day"])
    if month is None:
        return None
    try:
        return date(int(fields["year"]), month, day).isoformat()
    except ValueError:  # 2024-02-30, month 13, year 0
        return None


def _month_number(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    return MONTHS.get(token.lower())


def _numeric_month_day(first: int, second: int) -> tuple[int, int] | None:
    if first <= 12:
        return first, second
    if second <= 12:  # 16/07/2024 can only be day first
        return second, first
    return None



# ---------------------------------------------------------------------------- date ranges

_PREFIX = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")  # ASCII digits only: "２０２０" is no year


def date_prefix(text: str) -> str:
    """One end of a date range as a reader writes it: a year ("2020"), a month ("2020-06") or a
    day ("2020-06-30"), returned trimmed; ValueError saying what is wrong with anything else
    ("2020-6", "2019-13", "2020-02-30", "last week")."""
    value = (text or "").strip()
    found = _PREFIX.fullmatch(value)
    if found is None:
        raise ValueError(f"{text!r} is not a date: write a year (2020), a month (2020-06) or a day (2020-06-30)")
    year, month, day = found.groups()
    if not 1 <= int(year) <= 9998:
        raise ValueError(f"{text!r} is not a date: give a year from 0001 to 9998")
    if month is not None and not 1 <= int(month) <= 12:
        raise ValueError(f"{text!r} is not a date: there is no month {month}")
    if day is not None:
        try:
            date(int(year), int(month), int(day))
        except ValueError:
            raise ValueError(f"{text!r} is not a date: month {month} of {year} has no day {day}") from None
    return value


def first_day(prefix: str) -> str:
    """The first day a ``date_prefix`` takes in: "2020" -> "2020-01-01", "2020-06" -> "2020-06-01"."""
    value = date_prefix(prefix)
    return value + "-01-01"[len(value) - 4:] if len(value) < 10 else value


def last_day(prefix: str) -> str:
    """The last day a ``date_prefix`` takes in: "2020" -> "2020-12-31", "2020-02" -> "2020-02-29"."""
    value = date_prefix(prefix)
    if len(value) == 10:
        return value
    year, month = int(value[:4]), int(value[5:7]) if len(value) == 7 else 12
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return date.fromordinal(following.toordinal() - 1).isoformat()

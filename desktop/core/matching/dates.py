"""Dates in news text as comparable ISO values.

Owns :func:`normalize_date`: a date expression as one lexer token gives it ("Sept. 29",
"July 20, 2024", "last year", "2017") becomes ISO 8601: ``"2024-09-29"``, ``"2024-09"`` (a
month alone), ``"2024"`` (a year alone). A date without a year takes the year of its
occurrence nearest to the article's publication date; without a publication date it stays
yearless in the ISO 8601 truncated form, ``"--09-29"`` (``"--09"`` for a month alone), so
that two such dates still compare equal. Weekdays and vague relative words (``Monday``,
``this week``) are None; ``today``, ``last year``, ``this month``... are resolved against the
reference. Metadata dates (ISO, numeric) are read by :mod:`desktop.core.library.dates`.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from desktop.core.library.dates import MONTHS, parse_date

__all__ = ["normalize_date"]

_MONTHS = MONTHS  # one table for metadata dates and dates in the text

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# Words in front of a date that do not change it ("from July 20", "beginning in June").
_DATE_LEAD_RE = re.compile(
    r"^(?:(?:from|since|on|in|by|until|till|beginning|starting|after|before|during|of"
    r"|early|late|mid|the)[\s-]+)+"
)
_WEEKDAY_LEAD_RE = re.compile(r"^(?:" + "|".join(_WEEKDAYS) + r"),?\s+(?=\S)")
_ORDINAL = r"(?:st|nd|rd|th)?"
_MONTH_DAY_RE = re.compile(
    rf"^(?P<month>[a-z]+)\.?\s+(?P<day>\d{{1,2}}){_ORDINAL}(?:,?\s+(?P<year>\d{{4}}))?$"
)
_DAY_MONTH_RE = re.compile(
    rf"^(?P<day>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?(?P<month>[a-z]+)\.?(?:,?\s+(?P<year>\d{{4}}))?$"
)
_MONTH_YEAR_RE = re.compile(r"^(?P<month>[a-z]+)\.?,?\s+(?P<year>\d{4})$")
_MONTH_RE = re.compile(r"^(?P<month>[a-z]+)\.?$")
_YEAR_RE = re.compile(r"^(?P<year>1\d{3}|2\d{3})$")
_RELATIVE_RE = re.compile(
    r"^(?:(?P<day>today|tonight|yesterday|tomorrow)"
    r"|(?P<when>last|this|next|earlier this|later this)\s+(?P<period>year|month))$"
)


@lru_cache(maxsize=8192)  # a pure function of a short phrase and a date; both repeat
def normalize_date(text: str, reference: str | None = None) -> str | None:
    """``text`` (a date expression) as an ISO date, month or year; None when it is not one.

    ``reference`` is the article's publication date (ISO, a datetime is fine). It supplies
    the year of a date written without one: the occurrence nearest to the reference
    ("Dec. 30" in an article of 2025-01-03 is 2024-12-30), and resolves ``today``,
    ``yesterday``, ``last/this/next year`` and ``last/this/next month``. Without it a
    yearless date is ``"--MM-DD"`` (or ``"--MM"``) and relative words are None.
    """
    ref = _reference_date(reference)
    cleaned = " ".join(text.strip().lower().split())
    cleaned = _DATE_LEAD_RE.sub("", cleaned)
    cleaned = _WEEKDAY_LEAD_RE.sub("", cleaned)
    if not cleaned:
        return None
    relative = _RELATIVE_RE.match(cleaned)
    if relative:
        return _relative_date(relative, ref)
    for pattern in (_MONTH_DAY_RE, _DAY_MONTH_RE):
        match = pattern.match(cleaned)
        if match:
            return _month_day(match["month"], int(match["day"]), match["year"], ref)
    match = _MONTH_YEAR_RE.match(cleaned)
    if match:
        month = _MONTHS.get(match["month"])
        return f"{match['year']}-{month:02d}" if month else None
    match = _MONTH_RE.match(cleaned)
    if match and match["month"] in _MONTHS:
        return _month_alone(_MONTHS[match["month"]], ref)
    match = _YEAR_RE.match(cleaned)
    if match:
        return match["year"]
    return parse_date(text)  # ISO and numeric dates: 2024-07-16, 7/16/2024


def _reference_date(reference: str | None) -> date | None:
    if not reference:
        return None
    iso = parse_date(reference)  # None for a placeholder year ("0001-11-30"): no date to resolve against
    return date.fromisoformat(iso) if iso else None


def _month_day(month_name: str, day: int, year: str | None, ref: date | None) -> str | None:
    month = _MONTHS.get(month_name)
    if month is None:
        return None
    if year is not None:
        return _iso_or_none(int(year), month, day)
    if ref is None:
        if _iso_or_none(2000, month, day) is None:  # 2000 is a leap year: Feb. 29 is fine
            return None
        return f"--{month:02d}-{day:02d}"
    candidates = []
    for candidate_year in (ref.year - 1, ref.year, ref.year + 1):
        iso = _iso_or_none(candidate_year, month, day)
        if iso is not None:
            distance = abs((date.fromisoformat(iso) - ref).days)
            candidates.append((distance, candidate_year, iso))
    if not candidates:
        return None
    return min(candidates)[2]  # nearest; on a tie the earlier year


def _month_alone(month: int, ref: date | None) -> str:
    if ref is None:
        return f"--{month:02d}"
    candidates = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        if not 1 <= year < 9999:
            continue  # no calendar year around a reference at the calendar's edge
        first = date(year, month, 1)
        last = _add_months(first, 1) - timedelta(days=1)
        if first <= ref <= last:
            distance = 0
        else:
            distance = min(abs((first - ref).days), abs((last - ref).days))
        candidates.append((distance, year))
    year = min(candidates)[1]
    return f"{year}-{month:02d}"


def _relative_date(match: re.Match[str], ref: date | None) -> str | None:
    if ref is None:
        return None
    day_word = match["day"]
    if day_word is not None:
        offsets = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
        return (ref + timedelta(days=offsets[day_word])).isoformat()
    step = {"last": -1, "next": 1}.get(match["when"], 0)
    if match["period"] == "year":
        return str(ref.year + step)
    month = _add_months(date(ref.year, ref.month, 1), step)
    return f"{month.year}-{month.month:02d}"


def _add_months(first_of_month: date, months: int) -> date:
    index = first_of_month.year * 12 + first_of_month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _iso_or_none(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None

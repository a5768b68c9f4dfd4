"""Atomic values: the dates, numbers, money and percentages of one article, as mentions.

Owns the reading of the lexer's value tokens into :class:`~desktop.core.matching.atoms.AtomicMention`
records (:func:`value_mention`), and of ``all employees``, which the lexer has no token for
(:func:`whole_mentions`). Times (``10:30 a.m.``) are dropped: a time without its date is not
a fact the articles can share, and the date beside it is its own token. A mention may reach
past its lexer token: ``less than 50`` + `` of the company's employees`` (the lexer stops
before ``of``), ``several`` + ``hundred`` + `` Shiite hardliners``. Numbers that count nothing
are left out: bare magnitudes (``hundreds of``, ``thousands shouted``), small unitless
numbers, ranks (``No. 2 leader``), ratios (``one in ten``), times (``7 p.m.``), small spelled
counts of generic nouns (``two sides``). The values themselves are normalised by
:mod:`~desktop.core.matching.dates`, :mod:`~desktop.core.matching.quantities` and
:mod:`~desktop.core.matching.money`.
"""

from __future__ import annotations

import re
from datetime import date

from desktop.core.matching.atoms import AtomicMention
from desktop.core.matching.comparison import DATE, MONEY, NUMBER, PERCENT
from desktop.core.matching.counted_nouns import canonical_unit
from desktop.core.matching.dates import normalize_date
from desktop.core.matching.money import money_value
from desktop.core.matching.news_lexer import NewsToken
from desktop.core.matching.numbers import format_number
from desktop.core.matching.people import is_role
from desktop.core.matching.quantities import Quantity, percent_value, quantity_interval
from desktop.core.matching.relative_dates import year_of
from desktop.core.matching.text_units import fold, word_set

__all__ = ["value_mention", "whole_mentions"]


def value_mention(text: str, token: NewsToken, published: str | None) -> AtomicMention | None:
    """The mention a value token of ``text`` states, or None (a time, a quote, no fact).

    ``published`` (ISO) dates a date written without a year."""
    if token.kind == "date":
        return _date_mention(text, token, published)
    if token.kind == "quantity":
        return _number_mention(text, token)
    if token.kind == "money":
        return _money_mention(token)
    if token.kind == "percent":
        return _percent_mention(token)
    return None  # time, quote


_FIGURATIVE_DAY_RE = re.compile(r"[’']s\b")  # "today's digital landscape"
_YEAR_WRITTEN = re.compile(r"\d{4}")


def _real_day(year: int, yearless: str) -> bool:
    """Whether "--MM-DD" (or "--MM") is a day of ``year`` (February 29 is not, in most years)."""
    try:
        date.fromisoformat(f"{year}{yearless[1:]}" if len(yearless) > 4 else f"{year}{yearless[1:]}-01")
    except ValueError:
        return False
    return True


def _date_mention(
    text: str, token: NewsToken, published: str | None
) -> AtomicMention | None:
    if token.text.lower() in ("today", "tomorrow") and _FIGURATIVE_DAY_RE.match(text, token.end):
        return None
    value = normalize_date(token.text, published)
    if value is None:
        return None
    yearless = normalize_date(token.text) if published and not _YEAR_WRITTEN.search(token.text) else None
    if yearless and yearless.startswith("--"):  # "last December", "next November": the word before says which
        year = year_of(text, token.start, yearless, published)
        value = f"{year}{yearless[1:]}" if year and _real_day(year, yearless) else value
    return AtomicMention(DATE, token.start, token.end, token.text, value, f"{DATE}:{value}")


_NEXT_WORD_RE = re.compile(r"[ \t]*([^\W\d_]+(?:[’'][^\W\d_]+)*)")
# The words after a number that may hold its noun: only spaces or hyphens between them.
_ADJACENT_WORD_RE = re.compile(
    r"(?:[ \t]+|-)(?:(?:[A-Z]\.){2,}|[^\W\d_]+(?:[’'-][^\W\d_]+)*)"
)
_UNIT_LOOKAHEAD = 6  # words
_SMALL_BARE_NUMBER = 100  # a unitless exact number below this is noise ("3 Easy Steps")
_SMALL_COUNT = 10  # below this: unitless numbers, generic spelled counts ("two sides")
# Words the lexer leaves out in front of a scale word: "several hundred", "a hundred".
_VAGUE_BEFORE_RE = re.compile(
    r"(?<![\w’'-])(?:several|a few|a couple(?: of)?|an?)[ \t]+$", re.IGNORECASE
)
_SCALE_TOKEN_RE = re.compile(r"(?:dozen|hundred|thousand|million|billion)\b", re.IGNORECASE)
# A rank, not a count: "al Qaeda's No. 2 leader", "the #1-rated newsletter".
_RANK_BEFORE_RE = re.compile(r"(?:\b(?:No|Nos|Number)\.?|#)[ \t]*$")
# A ratio, not a count: "one in ten Americans", "seven out of 10 cyberattacks".
_RATIO_BEFORE_RE = re.compile(
    r"(?<![\w’'-])(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)[ \t]+"
    r"(?:in|out[ \t]+of)[ \t]+$",
    re.IGNORECASE,
)
_TIME_AFTER_RE = re.compile(r"[ \t]*[ap]\.?m\b\.?", re.IGNORECASE)  # "6.15 p.m."
_DIGIT_RE = re.compile(r"\d")
_DURATIONS = word_set("year month week day hour minute second")
_DIGIT_WORDS = word_set("one two three four five six seven eight nine")
# Nouns that a small spelled number does not make a fact of: "two sides", "one way".
_GENERIC_UNITS = word_set(
    "side way thing part kind sort type aspect respect sense hand end half bit"
)


def _number_mention(text: str, token: NewsToken) -> AtomicMention | None:
    start, end = token.start, token.end
    if _SCALE_TOKEN_RE.match(token.text):  # "several hundred": the lexer has "hundred"
        vague = _VAGUE_BEFORE_RE.search(text, max(0, start - 20), start)
        if vague is not None:
            start = vague.start()
    quantity = quantity_interval(text[start:end])
    if quantity is None:
        return None
    # The lexer stops before "of" and capitalised words, inside some words and noun
    # phrases: "less than 50 of the company's employees", "hundreds of Shiite followers",
    # "three iPads", "hundreds of migrant workers".
    word_end = _WORD_REST_RE.match(text, end)
    if quantity.unit is None and word_end is not None and word_end.end() > end:
        end = word_end.end()
        quantity = quantity_interval(text[start:end]) or quantity
    end, quantity = _with_unit_after(text, start, end, quantity)
    if _not_a_count(text, start, end, token, quantity):
        return None
    return _quantity_mention(text, start, end, quantity)


def _quantity_mention(text: str, start: int, end: int, quantity: Quantity) -> AtomicMention:
    return AtomicMention(
        NUMBER,
        start,
        end,
        text[start:end],
        quantity.label,
        f"{NUMBER}:{quantity.key}",
        unit=quantity.unit,
        low=quantity.low,
        high=quantity.high,
    )


def _with_unit_after(
    text: str, start: int, end: int, quantity: Quantity
) -> tuple[int, Quantity]:
    """The quantity read with the words after the token (same line, only spaces or hyphens
    between them), ending at the first word that gives it the unit it has with all of them:
    ``less than 50`` + `` of the company's employees``; ``33 uninjured`` + `` consulate
    personnel`` (employee). Unchanged when the words name no unit or the same one."""
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    ends = []
    position = end
    while len(ends) < _UNIT_LOOKAHEAD:
        word = _ADJACENT_WORD_RE.match(text, position, line_end)
        if word is None:
            break
        position = word.end()
        ends.append(position)
    if not ends:
        return end, quantity
    last = quantity_interval(text[start : ends[-1]])  # read with all the words first
    if last is None or last.unit in (None, quantity.unit):
        return end, quantity
    for stop in ends[:-1]:
        reading = quantity_interval(text[start:stop])
        if reading is not None and reading.unit == last.unit:
            return stop, reading
    return ends[-1], last


def _not_a_count(
    text: str, start: int, end: int, token: NewsToken, quantity: Quantity
) -> bool:
    """Numbers that are no facts: a bare magnitude ("hundreds of", "thousands shouted": no
    noun counted), a small or model-like unitless number ("3 Easy Steps", "Windows 10",
    "about 7 p.m."), a rank ("No. 2 leader"), a role after a small digit ("2 leader"), a
    small spelled count of a generic noun ("two sides", "one way")."""
    if _RANK_BEFORE_RE.search(text, max(0, start - 10), start):
        return True
    if _RATIO_BEFORE_RE.search(text, max(0, start - 20), start):
        return True
    if _TIME_AFTER_RE.match(text, _number_end(token)):
        return True
    written = _DIGIT_RE.search(token.text) is not None
    if quantity.unit is None:
        if not (written or quantity.exact) or quantity.high <= _SMALL_COUNT + 1:
            return True  # "hundreds of", "thousands shouted", "about 9"
        return quantity.exact and _bare_number_noise(text, token, quantity.low)
    small = quantity.exact and quantity.low < _SMALL_COUNT
    if small and written and quantity.low > 1 and is_role(quantity.unit):
        # "2 leader": a singular role after a digit is a list marker, "5 officers" a count
        return fold(text[start:end].split()[-1]) == quantity.unit
    if not written and quantity.unit not in _DURATIONS and _spelled_joined(text[start:end]):
        return True  # "two-state solution", "six-figure ad buy"; "three-year stay" stays
    return small and not written and quantity.unit in _GENERIC_UNITS


def _spelled_joined(surface: str) -> bool:
    """A spelled number hyphenated to the next word: "two-state", "four-and-a-half
    somersault" (not "twenty-five people")."""
    parts = surface.split()[0].split("-") if surface.strip() else []
    return len(parts) > 1 and parts[-1].lower() not in _DIGIT_WORDS


_NUMBER_END_RE = re.compile(r"[\d,.]*\d")
_WORD_REST_RE = re.compile(r"[^\W\d_]*")  # the rest of a word the lexer cut ("three i|Pads")


def _number_end(token: NewsToken) -> int:
    """The offset right after the last digit of a token ("6.15 p" -> after "6.15")."""
    found = list(_NUMBER_END_RE.finditer(token.text))
    return token.start + found[-1].end() if found else token.end


_CAPITALISED_BEFORE_RE = re.compile(r"[A-Z][\w.-]*[ \t]$")


def _bare_number_noise(text: str, token: NewsToken, value: float) -> bool:
    """A unitless exact number that is small or follows a capitalised word ("Windows 10")."""
    if value < _SMALL_BARE_NUMBER:
        return True
    before = text[max(0, token.start - 30) : token.start]
    return _CAPITALISED_BEFORE_RE.search(before) is not None


_ALL_RE = re.compile(r"(?<![\w’'-])[Aa]ll(?=[ \t])")
_ALL_FILLERS = word_set("of the its their our his her these those your my")


def whole_mentions(text: str) -> list[AtomicMention]:
    """``all [of] [the] [company's] [local] employees``: the lexer has no "all" quantity.

    Only for sets of people (employees, workers, staff, users, customers): "all options"
    is not a count. At most one ordinary word may stand between (``all local employees``).
    """
    mentions = []
    for match in _ALL_RE.finditer(text):
        position = match.end()
        free_words = 1
        for _ in range(4):
            word = _NEXT_WORD_RE.match(text, position)
            if word is None:
                break
            surface = word.group(1)
            if canonical_unit(surface) is not None:
                quantity = quantity_interval(text[match.start() : word.end(1)])
                if quantity is not None and quantity.whole:
                    end = word.end(1)
                    mentions.append(_quantity_mention(text, match.start(), end, quantity))
                break
            lowered = surface.lower()
            if lowered in _ALL_FILLERS or lowered.endswith(("’s", "'s")):
                pass
            elif free_words and surface[:1].islower():
                free_words -= 1
            else:
                break
            position = word.end()
    return mentions


def _money_mention(token: NewsToken) -> AtomicMention | None:
    money = money_value(token.text)
    if money is None:
        return None
    return AtomicMention(
        MONEY, token.start, token.end, token.text, money.label, f"{MONEY}:{money.key}",
        unit=money.currency,
    )  # fmt: skip


_POINTS_RE = re.compile(r"\bpoints?\b", re.IGNORECASE)


def _percent_mention(token: NewsToken) -> AtomicMention | None:
    value = percent_value(token.text)
    if value is None:
        return None
    number = format_number(value)
    if _POINTS_RE.search(token.text):
        display, key = f"{number} pp", f"{PERCENT}:{number}pp"
    else:
        display, key = f"{number}%", f"{PERCENT}:{number}"
    return AtomicMention(PERCENT, token.start, token.end, token.text, display, key, unit="%")

"""Normalise the values that news text states: dates, quantities, money, percentages, names.

Pure functions over strings, standard library only. They read the text of one
:mod:`desktop.core.matching.news_lexer` token (or a phrase like it) and return a value that two
articles can compare. Conventions:

Dates
    ISO 8601: ``"2024-09-29"``, ``"2024-09"`` (a month alone), ``"2024"`` (a year alone).
    A date without a year takes the year of its occurrence nearest to the article's
    publication date; without a publication date it stays yearless in the ISO 8601
    truncated form, ``"--09-29"`` (``"--09"`` for a month alone), so that two such dates
    still compare equal. Weekdays and vague relative words (``Monday``, ``this week``) are
    None; ``today``, ``last year``, ``this month``... are resolved against the reference.

Quantities
    A half-open interval ``[low, high)`` over the counted unit (see :class:`Quantity`).
    A number is read at its written precision: ``50`` is ``[50, 51)``, ``3.5`` is
    ``[3.5, 3.6)``, ``2 million`` is ``[2000000, 3000000)``. ``about``/``around`` widen
    it by 10% on each side; ``fewer than``/``more than``/``at least``/``up to`` open it.
    The unit is the lemma of the counted noun, mapped through a small synonym table
    (``workers``, ``staff``, ``jobs``, ``positions`` -> ``employee``; ``decades`` -> 10
    ``year``). The noun is read past adjectives, participles and capitalised words
    (``92,000 confirmed cases``, ``5,000 mostly Honduran migrants``); a verb or function
    word after the number leaves the unit None (``thousands shouted``, ``two most``).

Names
    Compared in a *folded* form (:func:`fold`): diacritics removed, case folded,
    apostrophes unified. Places have a canonical display name (``"United States"``),
    people a key with titles, possessives and transliteration variants removed
    (``person_key("Evgeniy Kaspersky") == "eugene kaspersky"``), organisations a core
    without country prefix and corporate suffix (``"kaspersky"`` for ``Kaspersky Labs``).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from desktop.core.library.dates import MONTHS, parse_date

__all__ = [
    "Money",
    "Quantity",
    "canonical_organization",
    "canonical_person",
    "canonical_place",
    "canonical_unit",
    "compatible",
    "entity_type",
    "fold",
    "format_number",
    "is_demonym",
    "is_first_name",
    "is_place",
    "is_role",
    "money_value",
    "names_match",
    "normalize_date",
    "percent_value",
    "person_key",
    "quantity_interval",
    "strip_possessive",
]

# ---------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------

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
    iso = parse_date(reference)
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


# ---------------------------------------------------------------------------------------
# Numbers: the shared reader behind quantities, money and percentages
# ---------------------------------------------------------------------------------------

_SMALL_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1,
}  # fmt: skip
_SCALES = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "tn": 1e12,
}  # fmt: skip
# Vague amounts: the interval each one stands for (qualifiers in front are ignored).
_VAGUE = {
    "tens of thousands": (2e4, 1e5),
    "hundreds of thousands": (2e5, 1e6),
    "a couple": (2, 3),
    "a few": (2, 10),
    "several": (3, 10),
    "a dozen": (12, 13),
    "dozens": (24, 100),
    "hundreds": (200, 1000),
    "thousands": (2000, 1e6),
    "millions": (2e6, 1e9),
    "billions": (2e9, 1e12),
}
_VAGUE_RE = re.compile(
    r"^(?P<vague>" + "|".join(sorted(_VAGUE, key=len, reverse=True)) + r")\b", re.IGNORECASE
)
# Qualifiers and how each one turns a number n into an interval (see _interval).
_QUALIFIERS = {
    "fewer than": "below", "less than": "below", "under": "below", "below": "below",
    "lower than": "below",
    "up to": "at_most", "at most": "at_most", "as many as": "at_most",
    "as much as": "at_most", "no more than": "at_most",
    "more than": "above", "over": "above", "greater than": "above", "higher than": "above",
    "above": "above", "just over": "above",
    "at least": "at_least", "as few as": "at_least", "as little as": "at_least",
    "no fewer than": "at_least", "no less than": "at_least",
    "about": "around", "around": "around", "approximately": "around", "roughly": "around",
    "some": "around", "an estimated": "around", "close to": "around", "circa": "around",
    "nearly": "almost", "almost": "almost", "just under": "almost",
}  # fmt: skip
_QUALIFIER_RE = re.compile(
    r"^(?P<qualifier>" + "|".join(sorted(_QUALIFIERS, key=len, reverse=True)) + r")\s+",
    re.IGNORECASE,
)
# Scale words may follow after a space ("5 million"), abbreviations only directly ("5bn").
_DIGITS_RE = re.compile(
    r"^(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?"
    r"(?:\s?(?P<word>hundred|thousand|million|billion|trillion)\b"
    r"|(?P<abbreviation>mln|mn|bn|tn|k|m|b)\b)?",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"[^\W\d_]+(?:[’'][^\W\d_]+)*")
# Scale words after a vague or spelled amount: "a few hundred", "two dozen".
_SCALE_WORDS = {
    "dozen": 12.0, "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9,
    "trillion": 1e12,
}  # fmt: skip
_SCALE_WORD_RE = re.compile(
    r"^(?:of\s+)?(?P<scale>dozen|hundred|thousand|million|billion|trillion)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class _Amount:
    """A number as written: its value, the step of its last written digit, what follows."""

    value: float
    step: float
    rest: str  # the text after the number, stripped
    vague: tuple[float, float] | None = None  # for "dozens", "hundreds": the range
    joined: bool = False  # a hyphen joins the number to the next word: "20-foot-high"


def _read_amount(text: str) -> _Amount | None:
    """The number at the start of ``text`` (digits, spelled or vague), or None."""
    vague = _VAGUE_RE.match(text)
    if vague:
        low, high = _VAGUE[vague["vague"].lower()]
        rest = text[vague.end() :].strip()
        scale = _SCALE_WORD_RE.match(rest)  # "a few hundred", "a couple of hundred"
        if scale:
            factor = _SCALE_WORDS[scale["scale"].lower()]
            low, high = low * factor, high * factor
            rest = rest[scale.end() :].strip()
        return _Amount(low, 1.0, rest, (low, high))
    digits = _DIGITS_RE.match(text)
    if digits:
        whole = digits["int"].replace(",", "")
        fraction = digits["frac"] or ""
        scale_word = digits["word"] or digits["abbreviation"]
        scale = _SCALES[scale_word.lower()] if scale_word else 1.0
        value = float(f"{whole}.{fraction}" if fraction else whole) * scale
        step = scale / 10 ** len(fraction)
        joined = text[digits.end() : digits.end() + 1] == "-"
        return _Amount(value, step, text[digits.end() :].strip(" -"), joined=joined)
    return _read_spelled(text)


def _read_spelled(text: str) -> _Amount | None:
    """A spelled number: "two", "twenty-five", "ten thousand", "a hundred" (step 1: a
    spelled number is read as exact)."""
    spans = [(match.group(), match.end()) for match in re.finditer(r"[^\s-]+", text)]
    words = [word for word, _end in spans]
    total = 0.0
    current = 0.0
    used = 0
    for word in words:
        lowered = word.lower()
        if lowered in _SMALL_NUMBERS and not (lowered in ("a", "an") and used):
            current += _SMALL_NUMBERS[lowered]
        elif lowered in _SCALE_WORDS and used:  # "two dozen", "ten thousand"
            scale = _SCALE_WORDS[lowered]
            current = max(current, 1.0) * scale
            if scale >= 1000:
                total += current
                current = 0.0
        else:
            break
        used += 1
    if used == 0 or (used == 1 and words[0].lower() in ("a", "an")):
        return None
    after = text[spans[used - 1][1] :]
    rest = after.strip(" -")  # "two terrorism-related cases"
    return _Amount(total + current, 1.0, rest.strip(), joined=after.startswith("-"))


def format_number(value: float) -> str:
    """A number for keys: ``50``, ``3.5``, ``721000000``, ``inf``."""
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    if float(value).is_integer():
        return str(int(value))
    return repr(round(value, 9))


# ---------------------------------------------------------------------------------------
# Quantities
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Quantity:
    """A count as an interval ``[low, high)`` of ``unit`` (None when no unit is written).

    ``exact`` is True when the text states one value ("50 employees"). ``whole`` marks
    "all employees": the whole set, of unknown size. Its interval is the empty marker
    ``[inf, inf)``, so that code comparing intervals sees it overlap no bounded count,
    which is how :func:`compatible` compares it.
    """

    low: float
    high: float
    unit: str | None
    exact: bool
    whole: bool = False

    @property
    def label(self) -> str:
        """``"[0, 50) employee"``, ``"all employee"``, ``"[50, 51)"``."""
        if self.whole:
            interval = "all"
        else:
            interval = f"[{format_number(self.low)}, {format_number(self.high)})"
        return f"{interval} {self.unit}" if self.unit else interval

    @property
    def key(self) -> str:
        """``"employee:[0,50)"``, ``"employee:all"``, ``":[50,51)"`` (no unit)."""
        if self.whole:
            interval = "all"
        else:
            interval = f"[{format_number(self.low)},{format_number(self.high)})"
        return f"{self.unit or ''}:{interval}"


# Canonical unit of each counted noun (after lemmatisation), and a factor for the value.
_UNITS: dict[str, tuple[str, float]] = {
    "employee": ("employee", 1), "worker": ("employee", 1), "staff": ("employee", 1),
    "staffer": ("employee", 1), "job": ("employee", 1), "position": ("employee", 1),
    "personnel": ("employee", 1),
    "person": ("person", 1), "people": ("person", 1),
    "year": ("year", 1), "yr": ("year", 1), "decade": ("year", 10), "century": ("year", 100),
    "month": ("month", 1), "week": ("week", 1), "day": ("day", 1),
    "hour": ("hour", 1), "hr": ("hour", 1), "minute": ("minute", 1), "min": ("minute", 1),
    "second": ("second", 1), "sec": ("second", 1),
    "time": ("time", 1),
    "app": ("app", 1), "application": ("app", 1),
    "user": ("user", 1), "customer": ("customer", 1), "country": ("country", 1),
    "company": ("company", 1), "firm": ("company", 1),
}  # fmt: skip
# Units "all <noun>" is read for: sets of people, whose size other sources may bound.
_WHOLE_UNITS = frozenset({"employee", "person", "user", "customer"})
_IRREGULAR_PLURALS = {
    "people": "people", "men": "man", "women": "woman", "children": "child", "staff": "staff",
    "personnel": "personnel", "series": "series", "news": "news", "times": "time",
    "mins": "min", "hrs": "hr", "yrs": "yr", "secs": "sec", "centuries": "century",
    "lives": "life", "wives": "wife",
}  # fmt: skip
# Words skipped between a number and its noun: "50 of the company's employees".
_UNIT_FILLERS = frozenset(
    "of the its their our his her these those whose this that all local new more other "
    "additional full-time part-time".split()
)


def canonical_unit(word: str) -> str | None:
    """The canonical unit of a counted noun: ``"workers"`` -> ``"employee"``; None if unknown."""
    entry = _UNITS.get(_lemma(word))
    return entry[0] if entry else None


def _lemma(word: str) -> str:
    """A noun's singular, by a few English rules: ``companies`` -> ``company``."""
    lowered = word.lower().strip(".,;:")
    if lowered in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[lowered]
    if len(lowered) > 5 and lowered.endswith("men") and lowered not in _MEN_SINGULARS:
        return lowered[:-3] + "man"  # "policemen", "gunmen"
    if len(lowered) > 4 and lowered.endswith("ies"):
        return lowered[:-3] + "y"
    if len(lowered) > 4 and lowered.endswith(("ches", "shes", "sses", "xes")):
        return lowered[:-2]
    if len(lowered) > 3 and lowered.endswith("s") and not lowered.endswith(("ss", "us", "is")):
        return lowered[:-1]
    return lowered


_MEN_SINGULARS = frozenset("specimen abdomen regimen acumen stamen omen".split())
# Words that are never the counted noun: "two most seriously wounded", "eight in 10 said",
# "Hundreds converged on", "two of them", "8 out of 10", "Hundreds perhaps thousands".
_NON_NOUNS = frozenset(
    """
    most least much many enough each every either neither both any some such same own
    the a an all first last next
    and or but nor so yet than then as if because while when where whether who whom whose
    which what that this these those there here to of in on at by for from with without into
    onto over under about above below after before between among through during against
    across along around toward towards upon per via is are was were be been being am have has
    had having do does did will would shall should can could may might must said says say
    told tell tells asked it its they them their we us our you your he him his she her me
    my not no yes also only just still even again ago away back down up out off too very
    well now soon later earlier already almost nearly perhaps maybe instead apiece
    remain remains require requires include includes including get gets got make makes go
    half halves third thirds quarter quarters fourth fourths fifth fifths tenth tenths
    goes went come comes came see saw know knew think thought want wants spent took made gave
    left fled ran fell rose won lost met sent held kept led began became stood sat brought
    bought found felt heard wrote struck fought
    """.split()
)
# Adjectives often written between a number and its noun ("270 electoral votes").
_NUMBER_ADJECTIVES = frozenset(
    """
    different major main key small large big bigger biggest largest smallest top recent
    possible black white young senior junior former current national federal political
    electoral illegal legal foreign domestic military civilian innocent potential separate
    similar various total extra unique independent public private special nuclear
    international regional rural urban social medical economic natural plus
    """.split()
)
# Participles used as adjectives before a noun ("92,000 confirmed cases"); other words in
# -ed after a number are verbs ("Hundreds converged on", "thousands shouted").
_PARTICIPLES = frozenset(
    """
    confirmed registered undocumented armed unarmed armored elected related scheduled recorded
    declared classified declassified contested captured kidnapped abducted
    estimated reported unidentified suspected accused licensed trained skilled unskilled
    paid unpaid insured uninsured unemployed employed retired married disabled qualified
    affected infected vaccinated unvaccinated documented named unnamed selected targeted
    uninjured injured wounded killed detained displaced arrested jailed imprisoned
    hospitalized hospitalised evacuated rescued expected planned proposed
    """.split()
)
_COMPARATIVES = frozenset({"fewer", "less"})
# Casualty words: a count on their own ("67 dead", "12 killed in the attack").
_CASUALTIES = frozenset(
    "dead killed injured wounded hurt missing arrested detained displaced evacuated "
    "hospitalized hospitalised rescued captured kidnapped abducted".split()
)
_LY_NOUNS = frozenset(
    "family ally rally assembly supply reply anomaly monopoly tally belly bully fly jelly "
    "lily folly homily butterfly".split()
)
_ING_NOUNS = frozenset(
    "building meeting hearing bombing shooting killing briefing ruling filing offering "
    "setting morning evening wedding funeral opening warning thing king wing ring string "
    "sibling spring ceiling earning outing rating recording painting".split()
)
# Words in front of the counted noun in "of" phrases: "hundreds of the company's workers".
_OF_DETERMINERS = frozenset("the its their our his her these those this that".split())
# A word, or an abbreviation of capitals with dots ("U.S.").
_UNIT_WORD_RE = re.compile(r"[ -]?((?:[A-Z]\.){2,}|[^\W\d_]+(?:['-][^\W\d_]+)*)")
_LONGEST_UNIT_PHRASE = 6  # words read after a number for its noun


def _verb_form(lowered: str) -> bool:
    """A word in -ed that is no noun nor a known participle ("converged", "shouted")."""
    return (
        len(lowered) > 4
        and lowered.endswith("ed")
        and not lowered.endswith("eed")
        and "-" not in lowered  # "Iranian-backed", "terrorism-related": adjectives
        and lowered not in _PARTICIPLES
    )


def _modifier(word: str) -> bool:
    """Whether ``word`` may stand between a number and its noun: an adjective, an adverb
    in -ly, a participle, a hyphenated compound ("terrorism-related"), a capitalised word
    ("Honduran"), an -ing form ("nursing home residents")."""
    lowered = word.lower()
    if word[:1].isupper() or "-" in lowered:
        return True
    if lowered in _NUMBER_ADJECTIVES or lowered in _PARTICIPLES or lowered in _UNIT_FILLERS:
        return True
    if lowered.endswith("ly") and lowered not in _LY_NOUNS:
        return True
    return lowered.endswith("ing") and lowered not in _ING_NOUNS


def _not_a_noun(lowered: str) -> bool:
    """A function word, a verb in -ed, a letter ("7 p.m.") or a scale word ("hundreds of
    billions"): never the counted noun."""
    if lowered in _NON_NOUNS or _verb_form(lowered) or len(lowered) < 2:
        return True
    return _lemma(lowered) in _SCALE_WORDS


def _counted_noun(rest: str, count: float | None) -> str | None:
    """The noun a number counts, read from the words right after it (only spaces or hyphens
    between them), lemmatised; None when what follows is no noun.

    ``of`` and a determiner may open the phrase (``hundreds of the protesters``); adjectives,
    -ly adverbs, participles, hyphenated and capitalised words are passed over when a noun
    follows (``1,390 likely voters``, ``5,000 mostly Honduran migrants``); a singular noun
    followed by a plural one is a compound (``nursing home residents``). Words that are
    verbs, pronouns, prepositions... after the number give None (``Hundreds converged on``,
    ``thousands shouted``, ``two most``).
    """
    words: list[str] = []
    position = 0
    while len(words) < _LONGEST_UNIT_PHRASE:
        match = _UNIT_WORD_RE.match(rest, position)
        if match is None:
            break
        words.append(match.group(1))
        position = match.end()
    index = 0
    if words and words[0].lower() == "of":
        index = 1
        while index < len(words) and (
            words[index].lower() in _OF_DETERMINERS or words[index].lower().endswith("'s")
        ):
            index += 1
    if 0 < index < len(words) and words[index][:1].isupper():
        if _plural_name(words[index].lower()):  # "thousands of Uyghurs"
            return _unit_form(words[index])
    return _noun_from(words, index, count, adjectival=index > 0)


def _noun_from(words: list[str], index: int, count: float | None, adjectival: bool) -> str | None:
    """The counted noun among ``words[index:]``. ``adjectival``: the word at ``index``
    follows an adjective or "of", so a word in -ed there is an adjective too ("hundreds of
    armored vehicles", "40 existing randomized experiments"), not a verb ("Hundreds
    converged")."""
    if index >= len(words):
        return None
    word = words[index]
    lowered = word.lower()
    following = words[index + 1] if index + 1 < len(words) else None
    if lowered in _COMPARATIVES:  # "about 1 million fewer people": a difference
        return lowered
    participle = adjectival and _verb_form(lowered)
    if word[:1].islower() and _not_a_noun(lowered) and not participle:
        return None  # capitalised words are names: "US" is no pronoun
    if word[:1].isupper() and _plural_name(lowered) and _people_word(lowered):
        return _unit_form(word)  # "2,264 Americans", "Christians fled", "four Marines"
    if participle or _modifier(word):
        if following is not None:
            found = _noun_from(words, index + 1, count, _adjective_like(word))
            if found is not None:
                return found
        # The modifier ends the phrase: a noun after all, or no count.
        if lowered in _CASUALTIES:  # "67 dead", "hundreds more injured"
            return lowered
        if "-" in lowered and _plural_name(lowered):  # "hard-liners protested"
            return _unit_form(word)
        if lowered.endswith("ing") and "-" not in lowered and count == 1:  # "one killing"
            return lowered
        return None
    if (
        following is not None
        and count != 1
        and _lemma(word) == lowered  # singular: a noun modifying the next one
        and following[:1].islower()
        and not _not_a_noun(following.lower())
        and (_lemma(following) != following.lower() or following.lower() in _UNITS
             or following.lower() in _IRREGULAR_PLURALS)
    ):
        word = following  # "consulate personnel", "heritage areas"
    return _unit_form(word)


def _adjective_like(word: str) -> bool:
    """A lower-case modifier that only an adjective or noun can follow (not a capitalised or
    hyphenated word, which may be a noun itself)."""
    lowered = word.lower()
    return word[:1].islower() and "-" not in lowered and _modifier(word) or _verb_form(lowered)


def _plural_name(lowered: str) -> bool:
    """A word that reads as a plural noun ("Republicans", not "Texas" nor "Hall's")."""
    return (
        len(lowered) > 4
        and lowered.endswith("s")
        and not lowered.endswith(("ss", "us", "is", "as", "'s"))
    )


_PEOPLE_GROUPS = frozenset(
    "democrats republicans independents conservatives liberals marines dreamers".split()
)


def _people_word(lowered: str) -> bool:
    """A capitalised plural that counts people ("Americans", "Democrats"), unlike the
    title-case words of headlines and captions ("6 Photos", "Five Habits")."""
    return lowered in _PEOPLE_GROUPS or lowered.endswith("ans") or is_demonym(lowered)


def _unit_form(word: str) -> str:
    """The unit key of a counted noun: known units canonical, others lemmatised without
    hyphens ("hard-liners" and "hardliners": "hardliner")."""
    lemma = _lemma(word)
    entry = _UNITS.get(lemma)
    return entry[0] if entry else lemma.replace("-", "")


def _find_unit(
    rest: str, count: float | None = None, *, joined: bool = False, determiners: bool = False
) -> tuple[str | None, float]:
    """The unit named in the words after a number, with its factor (decades: 10 years).

    The first word of a known unit within the next few words wins ("50 of the company's
    employees", "800,000 federal employees"); otherwise the noun right after the number
    (see :func:`_counted_noun`; ``count``, the number, tells "one killing" from "two
    killing"). A number hyphenated to the next word measures in it ("20-foot-high",
    ``joined``). Determiners count as fillers only after "of" ("2014 his firm" is no count)
    or, with ``determiners``, from the start ("all the company's workers"). None when no
    noun is counted.
    """
    words = _WORD_RE.findall(rest)
    seen_of = determiners
    for word in words[:5]:
        entry = _UNITS.get(_lemma(word))
        if entry:
            return entry
        lowered = word.lower()
        if lowered in _OF_DETERMINERS and not seen_of:
            break
        seen_of = seen_of or lowered == "of"
        skippable = (
            lowered in _UNIT_FILLERS
            or lowered.endswith("'s")
            or word[:1].isupper()  # "50 US workers"
            or lowered in _NUMBER_ADJECTIVES
            or lowered in _PARTICIPLES
            or (lowered.endswith("ly") and lowered not in _LY_NOUNS)
        )
        if not skippable:
            break
    if joined and words:  # "20-foot-high barrier", "10-step plan": the measure
        first = words[0].lower()
        if not _not_a_noun(first) and first not in _NUMBER_ADJECTIVES:
            return _lemma(first), 1.0
    return _counted_noun(rest, count), 1.0


_ALL_RE = re.compile(r"^all\s+(?P<rest>.+)$", re.IGNORECASE)


@lru_cache(maxsize=8192)  # a pure function of a short phrase; phrases repeat across articles
def quantity_interval(text: str) -> Quantity | None:
    """``text`` (a quantity phrase) as an interval; None when it holds no number.

    ``fewer than 50 employees`` -> [0, 50) employee; ``50 employees`` -> [50, 51) exact;
    ``around 300`` -> [270, 331); ``dozens of employees`` -> [24, 100); ``more than 50`` ->
    [51, inf); ``at least 50`` -> [50, inf); ``up to 50`` -> [0, 51); ``two decades`` ->
    [20, 21) year; ``all employees`` -> the whole set (``whole``; only for sets of people:
    employees, people, users, customers).
    """
    cleaned = " ".join(text.replace("’", "'").split())
    whole = _ALL_RE.match(cleaned)
    if whole:
        unit, _factor = _find_unit(whole["rest"], determiners=True)
        if unit not in _WHOLE_UNITS:  # "all these years" is no count
            return None
        return Quantity(math.inf, math.inf, unit, exact=False, whole=True)
    qualifier = None
    match = _QUALIFIER_RE.match(cleaned)
    if match:
        qualifier = _QUALIFIERS[match["qualifier"].lower()]
        cleaned = cleaned[match.end() :]
    amount = _read_amount(cleaned)
    if amount is None:
        return None
    unit, factor = _find_unit(amount.rest, amount.value, joined=amount.joined)
    if amount.vague is not None:
        low, high = amount.vague
        return Quantity(float(low * factor), float(high * factor), unit, exact=False)
    # "two decades" is 20 years at the precision of a year, not of a decade.
    step = amount.step if factor == 1 else 1.0
    low, high, exact = _interval(amount.value * factor, step, qualifier)
    return Quantity(low, high, unit, exact)


def _interval(value: float, step: float, qualifier: str | None) -> tuple[float, float, bool]:
    """``[low, high)`` for ``value`` written at precision ``step``, under a qualifier kind."""
    integral = float(value).is_integer()
    successor = value + 1 if integral else math.nextafter(value, math.inf)
    if qualifier is None:
        return value, value + step, True
    if qualifier == "below":
        return 0.0, value, False
    if qualifier == "at_most":
        return 0.0, successor, False
    if qualifier == "above":
        return successor, math.inf, False
    if qualifier == "at_least":
        return value, math.inf, False
    if qualifier == "almost":
        low = math.floor(value * 9 / 10) if integral else value * 9 / 10
        return float(low), value, False
    # around: 10% either side
    if integral:
        return float(math.floor(value * 9 / 10)), float(math.ceil(value * 11 / 10) + 1), False
    return value * 9 / 10, value * 11 / 10, False


def compatible(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities can describe the same count (for conflict detection).

    Quantities of different units are not the same slot and never conflict: True. "all"
    (``whole``) is compatible only with "all": "all employees" against "fewer than 50
    employees" is a conflict, since one source says everyone goes and another bounds the
    number. Otherwise the intervals must overlap.
    """
    if a.unit is not None and b.unit is not None and a.unit != b.unit:
        return True
    if a.whole or b.whole:
        return a.whole and b.whole
    return a.low < b.high and b.low < a.high


# ---------------------------------------------------------------------------------------
# Money and percentages
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Money:
    """An amount of money: ISO 4217 ``currency`` (None if unknown), ``amount`` in units.

    ``approximate`` is True when a qualifier stands in front ("about $5 million", "more
    than €2bn"): the amount is then the number written, not an exact figure.
    """

    currency: str | None
    amount: float
    approximate: bool = False

    @property
    def label(self) -> str:
        """``"USD 721,000,000"``."""
        if float(self.amount).is_integer():
            figure = f"{int(self.amount):,}"
        else:
            figure = f"{self.amount:,.2f}"
        return f"{self.currency or '?'} {figure}"

    @property
    def key(self) -> str:
        """``"USD:721000000"``."""
        return f"{self.currency or ''}:{format_number(self.amount)}"


_CURRENCY_SIGNS = {
    "us$": "USD", "a$": "AUD", "c$": "CAD", "hk$": "HKD", "nz$": "NZD", "s$": "SGD",
    "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₽": "RUB",
}  # fmt: skip
_CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
    "pounds": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "ruble": "RUB",
    "rubles": "RUB", "rouble": "RUB", "roubles": "RUB", "rupee": "INR", "rupees": "INR",
    "franc": "CHF", "francs": "CHF", "usd": "USD", "eur": "EUR", "gbp": "GBP", "rub": "RUB",
    "cny": "CNY", "jpy": "JPY", "inr": "INR", "chf": "CHF",
}  # fmt: skip
_SIGN_RE = re.compile(r"^(?P<sign>us\$|a\$|c\$|hk\$|nz\$|s\$|[$€£¥₹₽])\s?")


def money_value(text: str) -> Money | None:
    """``"$721 million"`` -> USD 721000000; ``"€5bn"``; ``"40 million euros"``; else None."""
    cleaned = " ".join(text.lower().split())
    approximate = False
    match = _QUALIFIER_RE.match(cleaned)
    if match:
        approximate = True
        cleaned = cleaned[match.end() :]
    currency = None
    sign = _SIGN_RE.match(cleaned)
    if sign:
        currency = _CURRENCY_SIGNS[sign["sign"]]
        cleaned = cleaned[sign.end() :]
    amount = _read_amount(cleaned)
    if amount is None or amount.vague is not None:
        return None
    if currency is None:
        words = amount.rest.split()
        if not words or words[0] not in _CURRENCY_WORDS:
            return None
        currency = _CURRENCY_WORDS[words[0]]
    return Money(currency, amount.value, approximate)


_PERCENT_RE = re.compile(
    r"(?P<number>\d+(?:\.\d+)?)\s?(?:%|percent\b|per cent\b|percentage points?\b|pct\b)"
)


def percent_value(text: str) -> float | None:
    """``"10%"``, ``"10 percent"``, ``"around 10%"`` -> 10.0; None when there is none."""
    match = _PERCENT_RE.search(text.lower())
    return float(match["number"]) if match else None


# ---------------------------------------------------------------------------------------
# Names: folding, places, people, organisations
# ---------------------------------------------------------------------------------------

_SPECIAL_LETTERS = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i"}
)


@lru_cache(maxsize=8192)  # names repeat: a pure function of a short string
def fold(text: str) -> str:
    """``text`` for comparison: diacritics removed, case folded, quotes and spaces unified.

    ``fold("Filip TRUȚĂ") == fold("Filip Truta") == "filip truta"``.
    """
    text = text.replace("’", "'").replace("‘", "'")
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    stripped = stripped.translate(_SPECIAL_LETTERS)
    return " ".join(stripped.split())


_POSSESSIVE_RE = re.compile(r"(?:[’']s|(?<=s)[’'])$")
_ARTICLE_RE = re.compile(r"^(?:the|The|THE)\s+")
_BASED_RE = re.compile(r"-based$")


@lru_cache(maxsize=16384)  # names repeat: a pure function of a short string
def strip_possessive(name: str) -> str:
    """``"Kaspersky’s"`` -> ``"Kaspersky"``; ``"Reuters’"`` -> ``"Reuters"``."""
    return _POSSESSIVE_RE.sub("", name.strip()).strip()


def _strip_article(name: str) -> str:
    return _ARTICLE_RE.sub("", name)


@lru_cache(maxsize=8192)  # names repeat: a pure function of a short string
def _place_form(name: str) -> str:
    """The lookup form of a place: folded, possessive, "the" and "-based" removed, no dots."""
    folded = fold(_strip_article(strip_possessive(name)))
    folded = _BASED_RE.sub("", folded)
    return folded.replace(".", "").strip()


# Lookup form -> canonical name. Every canonical name is also a key of itself.
_PLACE_ALIASES = {
    "us": "United States", "usa": "United States", "united states": "United States",
    "united states of america": "United States", "america": "United States",
    "uk": "United Kingdom", "united kingdom": "United Kingdom", "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "russia": "Russia", "russian federation": "Russia",
    "china": "China", "prc": "China", "people's republic of china": "China",
    "mainland china": "China",
    "south korea": "South Korea", "republic of korea": "South Korea",
    "north korea": "North Korea", "dprk": "North Korea",
    "uae": "United Arab Emirates", "united arab emirates": "United Arab Emirates",
    "czechia": "Czech Republic", "czech republic": "Czech Republic",
    "holland": "Netherlands", "the netherlands": "Netherlands",
    "eu": "European Union", "european union": "European Union",
    "dc": "Washington", "washington dc": "Washington", "washington, dc": "Washington",
    "kiev": "Kyiv", "nyc": "New York City", "new york city": "New York City",
}  # fmt: skip
_PLACE_NAMES = """
Afghanistan Albania Algeria Argentina Armenia Australia Austria Azerbaijan Bangladesh
Belarus Belgium Bolivia Brazil Bulgaria Cambodia Cameroon Canada Chile Colombia Croatia Cuba
Cyprus Denmark Ecuador Egypt Estonia Ethiopia Finland France Georgia Germany Ghana Greece
Hungary Iceland India Indonesia Iran Iraq Ireland Israel Italy Japan Jordan Kazakhstan Kenya
Kosovo Kuwait Latvia Lebanon Libya Lithuania Luxembourg Malaysia Mexico Moldova Mongolia
Morocco Myanmar Nepal Netherlands Nigeria Norway Pakistan Palestine Panama Peru Philippines
Poland Portugal Qatar Romania Serbia Singapore Slovakia Slovenia Somalia Spain Sudan Sweden
Switzerland Syria Taiwan Thailand Tunisia Turkey Uganda Ukraine Uruguay Uzbekistan
Venezuela Vietnam Yemen Zimbabwe Gaza Crimea Donbas Europe Asia Africa Antarctica
Alabama Alaska Arizona California Colorado Connecticut Florida Hawaii Idaho Illinois
Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota
Mississippi Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania Texas Utah
Vermont Virginia Wisconsin Wyoming
Washington Moscow Beijing Kyiv London Paris Berlin Brussels Tokyo Seoul Taipei Shanghai
Boston Chicago Seattle Atlanta Miami Toronto Ottawa Sydney Delhi Mumbai Dubai Jerusalem
Tehran Istanbul Ankara Warsaw Vienna Rome Madrid Geneva Zurich Amsterdam Stockholm Oslo
Helsinki Bucharest Minsk Tbilisi Baghdad Damascus Cairo Riyadh Hong Kong Kong
"""
_MULTIWORD_PLACES = (
    "New York", "New Jersey", "New Mexico", "New Hampshire", "North Carolina",
    "South Carolina", "North Dakota", "South Dakota", "West Virginia", "Rhode Island",
    "Los Angeles", "San Francisco", "Silicon Valley", "Hong Kong", "New Delhi",
    "Saudi Arabia", "South Africa", "New Zealand", "Sri Lanka", "Costa Rica",
    "Middle East", "Latin America", "North America", "South America", "Southeast Asia",
    "St. Petersburg", "Tel Aviv", "Abu Dhabi",
)  # fmt: skip


def _build_places() -> dict[str, str]:
    places = {_place_form(name): name for name in _PLACE_NAMES.split() if name != "Kong"}
    places.update({_place_form(name): name for name in _MULTIWORD_PLACES})
    places.update(_PLACE_ALIASES)
    for canonical in set(_PLACE_ALIASES.values()):
        places.setdefault(_place_form(canonical), canonical)
    return places


_PLACES = _build_places()


def canonical_place(name: str) -> str:
    """The canonical name of a place: ``"U.S."``, ``"the US"``, ``"USA"``, ``"America"`` ->
    ``"United States"``; ``"Britain"`` -> ``"United Kingdom"``. Unknown places come back
    cleaned (possessive, leading "the" and a trailing "-based" removed)."""
    cleaned = _BASED_RE.sub("", _strip_article(strip_possessive(name)))
    return _PLACES.get(_place_form(name), cleaned)


@lru_cache(maxsize=8192)
def is_place(name: str) -> bool:
    """Whether ``name`` is in the place table (countries, US states, major cities)."""
    return _place_form(name) in _PLACES


# Nationality and religion words: adjectives or groups of people ("Egyptian", "Swiss",
# "Shiite", "Americans"), neither places nor entities.
_DEMONYMS = frozenset(
    """
    russian russians american americans british briton britons chinese ukrainian ukrainians
    european europeans korean koreans japanese german germans french english italian
    italians spanish spaniard spaniards polish turkish turk turks arab arabs asian asians
    african africans malaysian pakistani pakistanis afghan afghans syrian syrians iraqi
    iraqis mexican mexicans soviet western swiss dutch danish dane danes swedish swede swedes
    norwegian norwegians finnish irish scottish scot scots welsh greek greeks thai filipino
    filipinos portuguese kurd kurds kurdish saudi saudis emirati emiratis texan texans
    israeli israelis iranian iranians indian indians canadian canadians australian
    australians palestinian palestinians egyptian egyptians yemeni yemenis libyan libyans
    latino latinos latina latinas hispanic hispanics arabic hebrew
    shiite shiites shia sunni sunnis muslim muslims islamic islamist islamists jewish jews
    christian christians catholic catholics evangelical evangelicals hindu hindus buddhist
    buddhists
    """.split()
)
_MULTIWORD_DEMONYMS = frozenset({"south korean", "north korean", "south african"})
# Demonym suffixes, and the endings that turn what is left into the place's name:
# Egypt-ian, Liby(a)-n, Chin(a)-ese, Leban(on)-ese, Turk(ey)-ish, Swed(en)-ish, Yemen-i.
_DEMONYM_SUFFIXES = {
    "ian": ("", "a", "ia", "y", "e", "ium"),  # Egypt, Canada, Indonesia, Italy, Ukraine
    "an": ("", "a", "o", "e"),  # Chile, Libya, Mexico
    "ese": ("", "a", "on", "e"),  # Japan, China, Lebanon
    "ish": ("ey", "en", "and"),  # Turkey, Sweden, Poland
    "i": ("", "ia"),  # Yemen, Somalia
}


@lru_cache(maxsize=8192)
def is_demonym(word: str) -> bool:
    """Whether ``word`` is a nationality or religion word used alone: ``Egyptian``,
    ``Swiss``, ``Libyans``, ``Shiite``, ``African-American``.

    A table of common ones, then a suffix rule for a single word: ``-ian``, ``-an``,
    ``-ese``, ``-ish``, ``-i`` (and their plurals) when the rest names a known place
    (``Jordanian``, ``Vietnamese``, ``Kuwaiti``). Known first names escape the suffix rule
    ("Roman"); "Brian" has no place in it.
    """
    folded = fold(strip_possessive(word)).replace(".", "")
    if folded in _DEMONYMS or folded in _MULTIWORD_DEMONYMS:
        return True
    if not folded or " " in folded:
        return False
    parts = folded.split("-")
    if len(parts) > 1:  # "African-American", "Israeli-Palestinian", "Sunni-Shiite"
        return all(part in _DEMONYMS or _place_demonym(part) for part in parts)
    return _place_demonym(folded) and not is_first_name(folded)


def _place_demonym(word: str) -> bool:
    singular = word[:-1] if word.endswith(("ans", "is")) else word  # "Libyans", "Israelis"
    for suffix, endings in _DEMONYM_SUFFIXES.items():
        if not singular.endswith(suffix) or len(singular) - len(suffix) < 3:
            continue
        base = singular[: -len(suffix)]
        if any(base + ending in _PLACES for ending in endings):
            return True
    return False


# People ---------------------------------------------------------------------------------

_HONORIFICS = frozenset(
    "mr mrs ms mx dr prof sir dame lord lady sen rep gov gen lt col capt sgt rev hon "
    "president pres".split()
)
_NAME_SUFFIXES = frozenset("jr sr ii iii iv phd md".split())
# Role words: a name that follows one belongs to a person ("Commerce Secretary Gina
# Raimondo"); in canonical_person everything up to the last of them is removed.
_ROLES = frozenset(
    """
    secretary president minister chancellor senator governor mayor judge justice chairman
    chairwoman chair director spokesperson spokesman spokeswoman ambassador commissioner
    prosecutor premier ceo cfo cto coo chief executive founder cofounder co-founder officer
    analyst editor correspondent journalist reporter researcher head leader king queen
    prince princess pope general admiral colonel representative congressman congresswoman
    lawmaker attorney lawyer professor economist scientist boss owner manager heir
    """.split()
)


def is_role(word: str) -> bool:
    """Whether ``word`` (or its singular) is a role or title: ``leader``, ``ministers``."""
    lowered = fold(word).strip(".,")
    return lowered in _ROLES or _lemma(lowered) in _ROLES


# Transliteration variants of first names (Russian mostly): variant -> canonical.
_TRANSLITERATIONS = {
    variant: group.split()[0]
    for group in (
        "eugene evgeniy evgeny evgenii yevgeny yevgeniy yevgenii jevgenij",
        "alexander aleksandr alexandr aleksander oleksandr",
        "alexey alexei aleksei aleksey alexej",
        "sergey sergei serguei sergiy serhiy",
        "dmitry dmitri dmitriy dmitrii",
        "vladimir wladimir vladimer",
        "yuri yury yuriy iurii jurij",
        "andrey andrei andriy",
        "nikolay nikolai",
        "mikhail mikhael",
        "maxim maksim",
        "natalia natalya nataliya",
        "tatiana tatyana tatjana",
        "yekaterina ekaterina",
        "arkady arkadiy arkadi",
        "gennady gennadiy gennadi",
        "vyacheslav viacheslav",
    )
    for variant in group.split()
}
# Common first names (folded): a capitalised pair starting with one is a person.
_FIRST_NAMES = frozenset(
    """
    aaron adam adrian alan albert alex alice alicia amanda amy andrew angela ann anna anne
    anthony antonio barack ben benjamin bernie beth bill bob boris brad brian bruce carl
    carlos carol catherine charles charlie chris christian christina christine christopher
    chuck claire craig dan daniel david deborah dennis diana diane donald doug douglas ed
    edward elizabeth ellen elon emily emma emmanuel eric erik frank fred gary george gina
    greg gregory hannah harry heather helen henry hillary ian jack jacob james jane janet
    jason jeff jeffrey jennifer jeremy jessica jim joe john jon jonathan jordan jose joseph
    josh joshua julia julie justin karen kate katherine kathy keir keith kelly kevin kim
    kristen kyle larry laura lauren linda lisa liz louis lucy luis marco margaret maria
    mario mark martin mary matt matthew max megan melissa michael michelle mike nancy
    nathan nicholas nick nicole oliver olaf olga patrick paul peter philip filip rachel
    ralph rebecca richard rick rishi robert robin ron ronald rose ruth ryan sam samuel sandra
    sara sarah scott sean sharon sophie stephen steve steven susan thomas tim timothy tom
    tony victor victoria vincent walter william xi yulia volodymyr ursula angela
    jens rafael pedro ana elena ivan igor oleg pavel boris viktor anton roman lee jae
    """.split()
) | frozenset(_TRANSLITERATIONS)


def is_first_name(word: str) -> bool:
    """Whether ``word`` is a common first name (or a transliteration variant of one)."""
    return fold(word).strip(".") in _FIRST_NAMES


@lru_cache(maxsize=8192)  # names repeat: a pure function of a short string
def canonical_person(name: str) -> str:
    """A person's name without titles, roles and possessive, all-capital words re-cased.

    ``"U.S. Commerce Secretary Gina Raimondo"`` -> ``"Gina Raimondo"``; ``"Mr. Zetter's"``
    -> ``"Zetter"``; ``"Filip TRUȚĂ"`` -> ``"Filip Truță"``. Everything up to the last
    honorific or role word is dropped, and so is a leading run of lower-case words
    (``"spokesperson Sawyer VanHorn"``); the last word is always kept.
    """
    words = strip_possessive(name).split()
    while len(words) > 1 and words[-1].lower().strip(".,") in _NAME_SUFFIXES:
        words.pop()
    cut = 0
    while cut < len(words) - 1 and words[cut][:1].islower():
        cut += 1
    for index in range(cut, len(words) - 1):
        bare = words[index].lower().strip(".,")
        if bare in _ROLES or bare in _HONORIFICS:
            cut = index + 1
    return " ".join(_recase(word) for word in words[cut:])


def _recase(word: str) -> str:
    letters = [char for char in word if char.isalpha()]
    if len(letters) > 1 and all(char.isupper() for char in letters) and "." not in word:
        return word[:1] + word[1:].lower()
    return word


@lru_cache(maxsize=8192)  # names repeat: a pure function of a short string
def person_key(name: str) -> str:
    """The comparison key of a person's name: folded, first-name transliteration unified.

    ``person_key("Evgeniy Kaspersky") == person_key("Eugene Kaspersky") ==
    "eugene kaspersky"``. A single word (a surname) is only folded.
    """
    words = fold(canonical_person(name)).split()
    if len(words) > 1:
        words[0] = _TRANSLITERATIONS.get(words[0], words[0])
    return " ".join(words)


def names_match(a: str, b: str) -> bool:
    """Whether two person names may be the same person: same key, or one is the other's
    surname alone ("Zetter" / "Kim Zetter"). Context decides the rest (see atomic)."""
    key_a, key_b = person_key(a), person_key(b)
    if not key_a or not key_b:
        return False
    if key_a == key_b:
        return True
    words_a, words_b = key_a.split(), key_b.split()
    if len(words_a) == 1 and len(words_b) > 1:
        return words_a[0] == words_b[-1]
    if len(words_b) == 1 and len(words_a) > 1:
        return words_b[0] == words_a[-1]
    return False


# Organisations ----------------------------------------------------------------------------

# A word of these in a name makes it an organisation.
_ORGANIZATION_WORDS = frozenset(
    """
    inc inc. corp corp. corporation co co. company companies ltd ltd. llc plc gmbh ag sa
    lab labs laboratory laboratories group holdings department ministry bureau agency
    commission treasury commerce council committee administration institute institution
    association foundation university college school party bank fund office service
    services court congress senate parliament police army navy force forces authority
    board union federation organization organisation times post news register journal
    tribune herald gazette media network networks technologies systems airlines airways
    motors pharmaceuticals studio studios reuters kremlin pentagon nato fbi cia nsa
    """.split()
)
# Corporate suffixes dropped from an organisation's core: Kaspersky Labs -> kaspersky.
_CORPORATE_SUFFIXES = frozenset(
    "inc corp corporation co ltd llc plc gmbh ag sa lab labs group holdings".split()
)
# A leading country is dropped from government bodies only ("U.S. Treasury"), never from
# companies ("American Airlines", "US Steel").
_COUNTRY_PREFIXES = ("united states", "us", "uk")
_GOVERNMENT_WORDS = frozenset(
    """
    department ministry treasury commerce government congress senate army navy embassy
    bureau agency administration commission office court justice state defense defence
    """.split()
)
# Core aliases after the rules below.
_ORGANIZATION_ALIASES = {
    "treasury": "department of treasury",
    "treasury department": "department of treasury",
    "commerce": "department of commerce",
}


@lru_cache(maxsize=8192)  # names repeat: a pure function of a short string
def canonical_organization(name: str) -> str:
    """The comparison core of an organisation's name (folded).

    Possessive, "the", a leading country (``U.S. Commerce Department``) and corporate
    suffixes (``Inc``, ``Lab``, ``Labs``, ``Group``) are removed; ``X Department`` is
    ``department of x``: ``"US Department of the Treasury"``, ``"U.S. Treasury"`` ->
    ``"department of treasury"``; ``"Kaspersky Labs"`` -> ``"kaspersky"``.
    """
    core = fold(_strip_article(strip_possessive(name))).replace(".", "")
    core = core.replace(",", " ")
    words = core.split()
    while len(words) > 1 and words[0] == "the":
        words = words[1:]
    for prefix in _COUNTRY_PREFIXES:
        size = len(prefix.split())
        rest = words[size:]
        if words[:size] == prefix.split() and rest and _GOVERNMENT_WORDS.intersection(rest):
            words = rest
            break
    while len(words) > 1 and words[-1] in _CORPORATE_SUFFIXES:
        words.pop()
    words = [word for index, word in enumerate(words) if not (word == "the" and index > 0)]
    if len(words) == 2 and words[1] in ("department", "ministry"):
        words = [words[1], "of", words[0]]
    core = " ".join(words)
    return _ORGANIZATION_ALIASES.get(core, core)


# Entity types -----------------------------------------------------------------------------

PERSON, ORGANIZATION, PLACE = "person", "organization", "place"
_SAID_RE = re.compile(r"^[,]?\s+(?:said|says|told|added|wrote|stated|explained|noted)\b")
_ACRONYM_RE = re.compile(r"[A-Z]{2,6}|(?:[A-Z]\.){2,5}")


def _role_before(before: str) -> bool:
    """Whether ``before`` ends with a role or honorific: ``"Commerce Secretary "``,
    ``"spokesperson "``, ``"Mr. "``, ``"its founder and head, "``."""
    words = before.rstrip().rstrip(",").split()
    if not words:
        return False
    last = fold(words[-1]).strip(".")
    if last in _ROLES or last in _HONORIFICS:
        return True
    if len(words) >= 3 and words[-2].lower() in ("and", "of"):
        return fold(words[-3]).strip(".") in _ROLES
    return False


def _the_before(before: str) -> bool:
    """Whether ``before`` ends with a capitalised "The" inside a sentence ("reported by
    The Register"): part of a title, as in newspapers' names."""
    if not before.endswith(("The ", "The\u00a0")):
        return False
    rest = before[:-4].rstrip()
    return bool(rest) and rest[-1] not in ".!?:\"“«\n"


def entity_type(name: str, before: str = "", after: str = "") -> str | None:
    """``"person"``, ``"organization"``, ``"place"`` or None (unknown), by small heuristics.

    ``before`` and ``after`` are the text right before and after the name in its article
    (a few words are enough). In order: a known place (or ``X-based``); an organisation
    word (``Lab``, ``Department``, ``Times``...), an acronym, or a mid-sentence ``The X``;
    a person: an honorific, a known first name in a two-to-four-word name, a role right
    before (``Secretary``, ``spokesperson``), or a two/three-word name followed by
    ``said``. A single word with none of these (``Kaspersky``) is None.
    """
    cleaned = _strip_article(strip_possessive(name))
    if not cleaned:
        return None
    intrinsic = _intrinsic_type(cleaned)
    if intrinsic in (PLACE, ORGANIZATION):
        return intrinsic
    if _the_before(before):
        return ORGANIZATION
    if intrinsic == PERSON:
        return PERSON
    words = len(cleaned.split())
    if words <= 4 and _role_before(before):
        return PERSON
    if 2 <= words <= 3 and _SAID_RE.match(after):
        return PERSON
    return None


@lru_cache(maxsize=8192)
def _intrinsic_type(cleaned: str) -> str | None:
    """The type ``cleaned`` has whatever its context: a known place, an organisation word or
    an acronym, an honorific or a known first name (a person)."""
    if is_place(cleaned) or _BASED_RE.search(cleaned):
        return PLACE
    words = cleaned.split()
    folded_words = [fold(word).strip(".,") for word in words]
    if any(word in _ORGANIZATION_WORDS for word in folded_words):
        return ORGANIZATION
    if len(words) == 1 and _ACRONYM_RE.fullmatch(cleaned):
        return ORGANIZATION
    if folded_words[0] in _HONORIFICS and len(words) > 1:
        return PERSON
    if 2 <= len(words) <= 4 and folded_words[0] in _FIRST_NAMES:
        return PERSON
    return None

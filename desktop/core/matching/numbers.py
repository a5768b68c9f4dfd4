"""Written numbers: digits, scale words, spelled and vague amounts, and their qualifiers.

Owns the reader behind quantities, money and percentages: :func:`read_amount` reads the number
at the start of a phrase as written (``"2.5 million"``, ``"twenty-five"``, ``"a few hundred"``,
``"dozens"``) with the step of its last written digit, so that callers can read it at its
written precision; :func:`split_qualifier` takes off a qualifier in front (``"fewer than"``,
``"about"``) and names its kind; :func:`format_number` writes a number for keys.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

__all__ = ["SCALE_WORDS", "Amount", "format_number", "read_amount", "split_qualifier"]

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
# Qualifiers, by the kind of interval each one makes of a number (see quantities).
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
    "nearly": "almost", "almost": "almost", "just under": "almost", "nearing": "almost", "approaching": "almost",
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
# Scale words after a vague or spelled amount: "a few hundred", "two dozen".
SCALE_WORDS = {
    "dozen": 12.0, "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9,
    "trillion": 1e12,
}  # fmt: skip
_SCALE_WORD_RE = re.compile(
    r"^(?:of\s+)?(?P<scale>dozen|hundred|thousand|million|billion|trillion)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class Amount:
    """A number as written: its value, the step of its last written digit, what follows."""

    value: float
    step: float
    rest: str  # the text after the number, stripped
    vague: tuple[float, float] | None = None  # for "dozens", "hundreds": the range
    joined: bool = False  # a hyphen joins the number to the next word: "20-foot-high"


def read_amount(text: str) -> Amount | None:
    """The number at the start of ``text`` (digits, spelled or vague), or None."""
    vague = _VAGUE_RE.match(text)
    if vague:
        low, high = _VAGUE[vague["vague"].lower()]
        rest = text[vague.end() :].strip()
        scale = _SCALE_WORD_RE.match(rest)  # "a few hundred", "a couple of hundred"
        if scale:
            factor = SCALE_WORDS[scale["scale"].lower()]
            low, high = low * factor, high * factor
            rest = rest[scale.end() :].strip()
        return Amount(low, 1.0, rest, (low, high))
    digits = _DIGITS_RE.match(text)
    if digits:
        whole = digits["int"].replace(",", "")
        fraction = digits["frac"] or ""
        scale_word = digits["word"] or digits["abbreviation"]
        scale = _SCALES[scale_word.lower()] if scale_word else 1.0
        value = float(f"{whole}.{fraction}" if fraction else whole) * scale
        step = scale / 10 ** len(fraction)
        joined = text[digits.end() : digits.end() + 1] == "-"
        return Amount(value, step, text[digits.end() :].strip(" -"), joined=joined)
    return _read_spelled(text)


def _read_spelled(text: str) -> Amount | None:
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
        elif lowered in SCALE_WORDS and used:  # "two dozen", "ten thousand"
            scale = SCALE_WORDS[lowered]
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
    return Amount(total + current, 1.0, rest.strip(), joined=after.startswith("-"))


def split_qualifier(text: str) -> tuple[str | None, str]:
    """The kind of the qualifier ``text`` opens with, and the text after it.

    Kinds: ``below`` ("fewer than"), ``at_most`` ("up to"), ``above`` ("more than"),
    ``at_least``, ``around`` ("about"), ``almost`` ("nearly"); ``(None, text)`` without one.
    """
    match = _QUALIFIER_RE.match(text)
    if match is None:
        return None, text
    return _QUALIFIERS[match["qualifier"].lower()], text[match.end() :]


def format_number(value: float) -> str:
    """A number for keys: ``50``, ``3.5``, ``721000000``, ``inf``."""
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    if float(value).is_integer():
        return str(int(value))
    return repr(round(value, 9))

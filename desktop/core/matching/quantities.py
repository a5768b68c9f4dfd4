"""Quantities: counts as half-open intervals of a unit, and percentages.

Owns :class:`Quantity` and :func:`quantity_interval`. A count is an interval ``[low, high)``
over the counted unit. A number is read at its written precision: ``50`` is ``[50, 51)``,
``3.5`` is ``[3.5, 3.6)``, ``2 million`` is ``[2000000, 3000000)``. ``about``/``around``
widen it by 10% on each side; ``fewer than``/``more than``/``at least``/``up to`` open it.
The unit is the canonical form of the counted noun (see
:mod:`desktop.core.matching.counted_nouns`; ``two decades`` is 20 ``year``); a verb or
function word after the number leaves it None. :func:`compatible` tells whether two counts
can describe the same thing; :func:`percent_value` reads a percentage.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from desktop.core.matching.counted_nouns import find_unit
from desktop.core.matching.numbers import format_number, read_amount, split_qualifier

__all__ = ["Quantity", "compatible", "percent_value", "quantity_interval"]


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


# Units "all <noun>" is read for: sets of people, whose size other sources may bound.
_WHOLE_UNITS = frozenset({"employee", "person", "user", "customer"})

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
        unit, _factor = find_unit(whole["rest"], determiners=True)
        if unit not in _WHOLE_UNITS:  # "all these years" is no count
            return None
        return Quantity(math.inf, math.inf, unit, exact=False, whole=True)
    qualifier, cleaned = split_qualifier(cleaned)
    amount = read_amount(cleaned)
    if amount is None:
        return None
    unit, factor = find_unit(amount.rest, amount.value, joined=amount.joined)
    if amount.vague is not None:
        low, high = float(amount.vague[0] * factor), float(amount.vague[1] * factor)
        if qualifier in ("below", "at_most", "almost"):  # "nearly a dozen": under 12, not 12
            low, high = (0.0, low + (qualifier == "at_most")) if qualifier != "almost" else \
                (float(math.floor(low * 9 / 10)), low)
        elif qualifier in ("above", "at_least"):  # "more than a dozen": 13 or more
            low, high = (high if qualifier == "above" else low), math.inf
        elif qualifier == "around":
            low, high = float(math.floor(low * 9 / 10)), float(math.ceil(high * 11 / 10))
        return Quantity(low, high, unit, exact=False)
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


_PERCENT_RE = re.compile(
    r"(?P<number>\d+(?:\.\d+)?)\s?(?:%|percent\b|per cent\b|percentage points?\b|pct\b)"
)


def percent_value(text: str) -> float | None:
    """``"10%"``, ``"10 percent"``, ``"around 10%"`` -> 10.0; None when there is none."""
    match = _PERCENT_RE.search(text.lower())
    return float(match["number"]) if match else None

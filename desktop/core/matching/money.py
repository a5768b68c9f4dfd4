"""Money: amounts with their currency, as comparable values.

Owns :class:`Money` and :func:`money_value`: ``"$721 million"`` -> USD 721000000,
``"€5bn"``, ``"40 million euros"``; currency signs and words are mapped to ISO 4217 codes.
A qualifier in front ("about $5 million") marks the amount approximate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.core.matching.numbers import format_number, read_amount, split_qualifier

__all__ = ["Money", "money_value"]


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
    qualifier, cleaned = split_qualifier(cleaned)
    approximate = qualifier is not None
    currency = None
    sign = _SIGN_RE.match(cleaned)
    if sign:
        currency = _CURRENCY_SIGNS[sign["sign"]]
        cleaned = cleaned[sign.end() :]
    amount = read_amount(cleaned)
    if amount is None or amount.vague is not None:
        return None
    if currency is None:
        words = amount.rest.split()
        if not words or words[0] not in _CURRENCY_WORDS:
            return None
        currency = _CURRENCY_WORDS[words[0]]
    return Money(currency, amount.value, approximate)

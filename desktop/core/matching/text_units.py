"""Small text helpers shared by the normalisers: folding, possessives, articles, singulars.

Owns the comparison form of a name (:func:`fold`), the removal of a possessive or a leading
"the", and the singular of an English noun (:func:`singular`: a dictionary word, unlike a
stem, so that tables of units and roles can be keyed by it). Standard library only; imports
nothing from the rest of the engine.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["IRREGULAR_PLURALS", "fold", "singular", "strip_article", "strip_possessive", "word_set"]


def word_set(words: str) -> frozenset[str]:
    """The words of a table written as one string, separated by white space."""
    return frozenset(words.split())


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


@lru_cache(maxsize=16384)  # names repeat: a pure function of a short string
def strip_possessive(name: str) -> str:
    """``"Kaspersky’s"`` -> ``"Kaspersky"``; ``"Reuters’"`` -> ``"Reuters"``."""
    return _POSSESSIVE_RE.sub("", name.strip()).strip()


def strip_article(name: str) -> str:
    """``name`` without a leading "the" (``"The Register"`` -> ``"Register"``)."""
    return _ARTICLE_RE.sub("", name)


# Plurals the rules of singular() get wrong, and words that are their own plural.
IRREGULAR_PLURALS = {
    "people": "people", "men": "man", "women": "woman", "children": "child", "staff": "staff",
    "personnel": "personnel", "series": "series", "news": "news", "times": "time",
    "mins": "min", "hrs": "hr", "yrs": "yr", "secs": "sec", "centuries": "century",
    "lives": "life", "wives": "wife",
}  # fmt: skip
_MEN_SINGULARS = word_set("specimen abdomen regimen acumen stamen omen")


def singular(word: str) -> str:
    """A noun's singular, lower case, by a few English rules: ``companies`` -> ``company``,
    ``policemen`` -> ``policeman``, ``workers`` -> ``worker``."""
    lowered = word.lower().strip(".,;:")
    if lowered in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[lowered]
    if len(lowered) > 5 and lowered.endswith("men") and lowered not in _MEN_SINGULARS:
        return lowered[:-3] + "man"  # "policemen", "gunmen"
    if len(lowered) > 4 and lowered.endswith("ies"):
        return lowered[:-3] + "y"
    if len(lowered) > 4 and lowered.endswith(("ches", "shes", "sses", "xes")):
        return lowered[:-2]
    if len(lowered) > 3 and lowered.endswith("s") and not lowered.endswith(("ss", "us", "is")):
        return lowered[:-1]
    return lowered

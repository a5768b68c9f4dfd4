"""Names of organisations, and what kind of entity a name is.

Owns :func:`canonical_organization`, the comparison core of an organisation's name
(``"Kaspersky Labs"`` -> ``"kaspersky"``, ``"U.S. Treasury"`` -> ``"department of
treasury"``), and :func:`entity_type`, which tells a person, an organisation and a place apart
by small heuristics over the name and the words around it. People are in
:mod:`desktop.core.matching.people`, places in :mod:`desktop.core.matching.places`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from desktop.core.matching.people import FIRST_NAMES, HONORIFICS, ROLES
from desktop.core.matching.places import is_place
from desktop.core.matching.text_units import fold, strip_article, strip_possessive, word_set

__all__ = ["ORGANIZATION", "PERSON", "PLACE", "canonical_organization", "entity_type"]

# Organisations ----------------------------------------------------------------------------

# A word of these in a name makes it an organisation.
_ORGANIZATION_WORDS = word_set(
    """
    inc inc. corp corp. corporation co co. company companies ltd ltd. llc plc gmbh ag sa
    lab labs laboratory laboratories group holdings department ministry bureau agency
    commission treasury commerce council committee administration institute institution
    association foundation university college school party bank fund office service
    services court congress senate parliament police army navy force forces authority
    board union federation organization organisation times post news register journal
    tribune herald gazette media network networks technologies systems airlines airways
    motors pharmaceuticals studio studios reuters kremlin pentagon nato fbi cia nsa
    """
)
# Corporate suffixes dropped from an organisation's core: Kaspersky Labs -> kaspersky.
_CORPORATE_SUFFIXES = word_set(
    "inc corp corporation co ltd llc plc gmbh ag sa lab labs group holdings"
)
# A leading country is dropped from government bodies only ("U.S. Treasury"), never from
# companies ("American Airlines", "US Steel").
_COUNTRY_PREFIXES = ("united states", "us", "uk")
_GOVERNMENT_WORDS = word_set(
    """
    department ministry treasury commerce government congress senate army navy embassy
    bureau agency administration commission office court justice state defense defence
    """
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
    core = fold(strip_article(strip_possessive(name))).replace(".", "")
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
_BASED_RE = re.compile(r"-based$")  # "Russia-based": a place


def _role_before(before: str) -> bool:
    """Whether ``before`` ends with a role or honorific: ``"Commerce Secretary "``,
    ``"spokesperson "``, ``"Mr. "``, ``"its founder and head, "``."""
    words = before.rstrip().rstrip(",").split()
    if not words:
        return False
    last = fold(words[-1]).strip(".")
    if last in ROLES or last in HONORIFICS:
        return True
    if len(words) >= 3 and words[-2].lower() in ("and", "of"):
        return fold(words[-3]).strip(".") in ROLES
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
    cleaned = strip_article(strip_possessive(name))
    if not cleaned:
        return None
    intrinsic = _intrinsic_type(cleaned)
    if intrinsic == ORGANIZATION and _shouted(cleaned, before, after):
        return None  # "WATCH THE FULL INTERVIEW WITH TRUMP ON FOX NEWS": a line in capitals, no acronym
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


def _shouted(cleaned: str, before: str, after: str) -> bool:
    """Whether a one-word name in capitals stands among words in capitals (a heading or a line
    written in capitals), where its capitals say nothing of an acronym."""
    if " " in cleaned or not _ACRONYM_RE.fullmatch(cleaned):
        return False
    around = re.findall(r"[^\W\d_]+", before[-30:]) + re.findall(r"[^\W\d_]+", after[:30])
    return len(around) >= 2 and all(word.isupper() for word in around) and any(len(w) > 2 for w in around)


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
    if folded_words[0] in HONORIFICS and len(words) > 1:
        return PERSON
    if 2 <= len(words) <= 4 and folded_words[0] in FIRST_NAMES:
        return PERSON
    return None

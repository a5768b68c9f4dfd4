"""Places and nationality words: the place table, canonical place names, demonyms.

Owns the table of countries, US states and major cities with their aliases, and
:func:`canonical_place` (``"U.S."``, ``"the US"``, ``"USA"``, ``"America"`` -> ``"United
States"``), :func:`is_place`, and :func:`is_demonym` for nationality and religion words used
alone (``Egyptian``, ``Swiss``, ``Libyans``, ``Shiite``), which are neither places nor entities.
"""

from __future__ import annotations

import re
from functools import lru_cache

from desktop.core.matching.people import is_first_name
from desktop.core.matching.text_units import fold, strip_article, strip_possessive, word_set

__all__ = ["canonical_place", "is_demonym", "is_place"]

_BASED_RE = re.compile(r"-based$")


@lru_cache(maxsize=8192)  # names repeat: a pure function of a short string
def _place_form(name: str) -> str:
    """The lookup form of a place: folded, possessive, "the" and "-based" removed, no dots."""
    folded = fold(strip_article(strip_possessive(name)))
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
    cleaned = _BASED_RE.sub("", strip_article(strip_possessive(name)))
    return _PLACES.get(_place_form(name), cleaned)


@lru_cache(maxsize=8192)
def is_place(name: str) -> bool:
    """Whether ``name`` is in the place table (countries, US states, major cities)."""
    return _place_form(name) in _PLACES


# Nationality and religion words: adjectives or groups of people ("Egyptian", "Swiss",
# "Shiite", "Americans"), neither places nor entities.
_DEMONYMS = word_set(
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
    """
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

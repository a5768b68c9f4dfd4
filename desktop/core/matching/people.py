"""People's names: titles, roles, first names, and the key two spellings of one person share.

Owns the tables of honorifics, roles and common first names (with Russian transliteration
variants), and the person functions: :func:`canonical_person` removes titles, roles and a
possessive and re-cases all-capital words (``"U.S. Commerce Secretary Gina Raimondo"`` ->
``"Gina Raimondo"``); :func:`person_key` is the comparison key, folded, with the first
name's transliteration unified (``person_key("Evgeniy Kaspersky") == "eugene kaspersky"``);
:func:`names_match` tells whether two names may be one person.
"""

from __future__ import annotations

from functools import lru_cache

from desktop.core.matching.text_units import fold, singular, strip_possessive, word_set

__all__ = [
    "FIRST_NAMES",
    "HONORIFICS",
    "ROLES",
    "canonical_person",
    "is_first_name",
    "is_role",
    "names_match",
    "person_key",
]

HONORIFICS = word_set(
    "mr mrs ms mx dr prof sir dame lord lady sen rep gov gen lt col capt sgt rev hon "
    "president pres"
)
_NAME_SUFFIXES = word_set("jr sr ii iii iv phd md")
# Role words: a name that follows one belongs to a person ("Commerce Secretary Gina
# Raimondo"); in canonical_person everything up to the last of them is removed.
ROLES = word_set(
    """
    secretary president minister chancellor senator governor mayor judge justice chairman
    chairwoman chair director spokesperson spokesman spokeswoman ambassador commissioner
    prosecutor premier ceo cfo cto coo chief executive founder cofounder co-founder officer
    analyst editor correspondent journalist reporter researcher head leader king queen
    prince princess pope general admiral colonel representative congressman congresswoman
    lawmaker attorney lawyer professor economist scientist boss owner manager heir
    """
)


def is_role(word: str) -> bool:
    """Whether ``word`` (or its singular) is a role or title: ``leader``, ``ministers``."""
    lowered = fold(word).strip(".,")
    return lowered in ROLES or singular(lowered) in ROLES


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
FIRST_NAMES = word_set(
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
    """
) | frozenset(_TRANSLITERATIONS)


def is_first_name(word: str) -> bool:
    """Whether ``word`` is a common first name (or a transliteration variant of one)."""
    return fold(word).strip(".") in FIRST_NAMES


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
        if bare in ROLES or bare in HONORIFICS:
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
    surname alone ("Zetter" / "Kim Zetter"). Context decides the rest (see name_resolution)."""
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

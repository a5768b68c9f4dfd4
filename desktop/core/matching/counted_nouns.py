"""What a number counts: the noun after it, and the canonical unit of that noun.

Owns the unit table (``workers``, ``staff``, ``jobs``, ``positions`` -> ``employee``;
``decades`` -> 10 ``year``) and the reading of the counted noun from the words after a
number: past adjectives, participles and capitalised words (``92,000 confirmed cases``,
``5,000 mostly Honduran migrants``), and never a verb or function word (``thousands
shouted``, ``two most``). :func:`find_unit` is what :mod:`desktop.core.matching.quantities`
asks; :func:`canonical_unit` maps one noun.
"""

from __future__ import annotations

import re

from desktop.core.matching.numbers import SCALE_WORDS
from desktop.core.matching.places import is_demonym
from desktop.core.matching.text_units import IRREGULAR_PLURALS, singular, word_set

__all__ = ["canonical_unit", "find_unit"]

_WORD_RE = re.compile(r"[^\W\d_]+(?:[’'][^\W\d_]+)*")

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
# Words skipped between a number and its noun: "50 of the company's employees".
_UNIT_FILLERS = word_set(
    "of the its their our his her these those whose this that all local new more other "
    "additional full-time part-time"
)


def canonical_unit(word: str) -> str | None:
    """The canonical unit of a counted noun: ``"workers"`` -> ``"employee"``; None if unknown."""
    entry = _UNITS.get(singular(word))
    return entry[0] if entry else None


# Words that are never the counted noun: "two most seriously wounded", "eight in 10 said",
# "Hundreds converged on", "two of them", "8 out of 10", "Hundreds perhaps thousands".
_NON_NOUNS = word_set(
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
    """
)
# Adjectives often written between a number and its noun ("270 electoral votes").
_NUMBER_ADJECTIVES = word_set(
    """
    different major main key small large big bigger biggest largest smallest top recent
    possible black white young senior junior former current national federal political
    electoral illegal legal foreign domestic military civilian innocent potential separate
    similar various total extra unique independent public private special nuclear
    international regional rural urban social medical economic natural plus
    """
)
# Participles used as adjectives before a noun ("92,000 confirmed cases"); other words in
# -ed after a number are verbs ("Hundreds converged on", "thousands shouted").
_PARTICIPLES = word_set(
    """
    confirmed registered undocumented armed unarmed armored elected related scheduled recorded
    declared classified declassified contested captured kidnapped abducted
    estimated reported unidentified suspected accused licensed trained skilled unskilled
    paid unpaid insured uninsured unemployed employed retired married disabled qualified
    affected infected vaccinated unvaccinated documented named unnamed selected targeted
    uninjured injured wounded killed detained displaced arrested jailed imprisoned
    hospitalized hospitalised evacuated rescued expected planned proposed
    """
)
_COMPARATIVES = frozenset({"fewer", "less"})
# Casualty words: a count on their own ("67 dead", "12 killed in the attack").
_CASUALTIES = word_set(
    "dead killed injured wounded hurt missing arrested detained displaced evacuated "
    "hospitalized hospitalised rescued captured kidnapped abducted"
)
_LY_NOUNS = word_set(
    "family ally rally assembly supply reply anomaly monopoly tally belly bully fly jelly "
    "lily folly homily butterfly"
)
_ING_NOUNS = word_set(
    "building meeting hearing bombing shooting killing briefing ruling filing offering "
    "setting morning evening wedding funeral opening warning thing king wing ring string "
    "sibling spring ceiling earning outing rating recording painting"
)
# Words in front of the counted noun in "of" phrases: "hundreds of the company's workers".
_OF_DETERMINERS = word_set("the its their our his her these those this that")
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
    return singular(lowered) in SCALE_WORDS


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
    if 0 < index < len(words) and words[index][:1].isupper() and _plural_name(words[index].lower()):
        return _unit_form(words[index])  # "thousands of Uyghurs"
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
        and singular(word) == lowered  # singular: a noun modifying the next one
        and following[:1].islower()
        and not _not_a_noun(following.lower())
        and (singular(following) != following.lower() or following.lower() in _UNITS
             or following.lower() in IRREGULAR_PLURALS)
    ):
        word = following  # "consulate personnel", "heritage areas"
    return _unit_form(word)


def _adjective_like(word: str) -> bool:
    """A lower-case modifier that only an adjective or noun can follow (not a capitalised or
    hyphenated word, which may be a noun itself)."""
    lowered = word.lower()
    return (word[:1].islower() and "-" not in lowered and _modifier(word)) or _verb_form(lowered)


def _plural_name(lowered: str) -> bool:
    """A word that reads as a plural noun ("Republicans", not "Texas" nor "Hall's")."""
    return (
        len(lowered) > 4
        and lowered.endswith("s")
        and not lowered.endswith(("ss", "us", "is", "as", "'s"))
    )


_PEOPLE_GROUPS = word_set(
    "democrats republicans independents conservatives liberals marines dreamers"
)


def _people_word(lowered: str) -> bool:
    """A capitalised plural that counts people ("Americans", "Democrats"), unlike the
    title-case words of headlines and captions ("6 Photos", "Five Habits")."""
    return lowered in _PEOPLE_GROUPS or lowered.endswith("ans") or is_demonym(lowered)


def _unit_form(word: str) -> str:
    """The unit key of a counted noun: known units canonical, others lemmatised without
    hyphens ("hard-liners" and "hardliners": "hardliner")."""
    lemma = singular(word)
    entry = _UNITS.get(lemma)
    return entry[0] if entry else lemma.replace("-", "")


def find_unit(
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
        entry = _UNITS.get(singular(word))
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
            return singular(first), 1.0
    return _counted_noun(rest, count), 1.0

"""Name resolution: entity mentions that name one person or organisation differently.

Owns :func:`resolve_entities`, used within one article and across the articles of a
comparison: names of unknown type join a typed person or organisation they name (``Trump``
joins ``Donald J. Trump`` when he is the set's only Trump, ``Donald Trump`` joins ``Donald J.
Trump``, ``Bloomberg`` joins ``Bloomberg News``, ``Kaspersky`` joins ``Kaspersky Lab``), and
surnames join the full name they belong to (``Zetter`` after ``Kim Zetter``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import replace

from desktop.core.matching.atoms import AtomicMention
from desktop.core.matching.comparison import ENTITY
from desktop.core.matching.names import ORGANIZATION, PERSON, PLACE
from desktop.core.matching.people import person_key

__all__ = ["resolve_entities"]


def _core(mention: AtomicMention) -> str:
    return mention.key.split(":", 2)[2]


def _bare_word(mention: AtomicMention) -> str | None:
    """The folded single word of a one-word name that may be a surname, else None."""
    if mention.entity_type in (PLACE, ORGANIZATION):
        return None
    words = person_key(mention.text).split()
    return words[0] if len(words) == 1 else None


def resolve_entities(
    items: list[tuple[int, AtomicMention]],
) -> list[tuple[int, AtomicMention]]:
    """Re-key entity mentions that name the same organisation or person differently.

    Rules, in order, for a name whose type is unknown or person:

    1. A name of unknown type equal to an organisation's core elsewhere in ``items`` is
       that organisation: ``Kaspersky`` with ``Kaspersky Lab`` around is the company.
    2. A full name without middle initials is the full name with them when only one such
       occurs: ``Donald Trump`` is ``Donald J. Trump`` (not when ``George H. W. Bush`` and
       ``George W. Bush`` both occur).
    3. A surname alone is the person whose full name ends with it when exactly one such
       full name occurs and no article uses the surname alone *before* the full name (a
       surname used before the person is introduced names something else: in a story
       where ``Kaspersky`` opens the article and ``Eugene Kaspersky`` comes late, the
       bare word is the company) -- unless the surname alone is itself typed as a person
       somewhere (``President Trump``, ``Mr. Trump``): then it names a person.
    4. A first name alone after the full name in the same article is that person.
    5. A name of unknown type equal to a person's key is that person: a full name, or a
       single word that is typed as a person elsewhere (``Trump`` beside ``President
       Trump``).
    """
    index = _NameIndex([(article, m) for article, m in items if m.kind == ENTITY])
    resolved = []
    for article, mention in items:
        if mention.kind == ENTITY:
            mention = index.resolve(article, mention)
        resolved.append((article, mention))
    return resolved


_OUTLET_WORDS = frozenset({"news", "media", "network"})
_INITIAL_RE = re.compile(r"^(?:[a-z]\.)+$|^[a-z]$")


def _without_initials(key: str) -> str:
    """A person key without middle initials: ``donald j. trump`` -> ``donald trump``."""
    words = key.split()
    if len(words) < 3:
        return key
    middle = [word for word in words[1:-1] if not _INITIAL_RE.match(word)]
    return " ".join([words[0], *middle, words[-1]])


class _NameIndex:
    """The organisations and people of a set of entity mentions, for :meth:`resolve`."""

    def __init__(self, entities: list[tuple[int, AtomicMention]]) -> None:
        self.organizations = {_core(m) for _a, m in entities if m.entity_type == ORGANIZATION}
        ordered = sorted(entities, key=lambda item: (item[0], item[1].start))
        full_keys = {
            _core(m) for _a, m in ordered if m.entity_type == PERSON and len(_core(m).split()) > 1
        }
        self.aliases = _initial_aliases(full_keys)
        # canonical person key -> its first full-name mention; (article, key) -> first offset
        self.people: dict[str, AtomicMention] = {}
        self.first_full: dict[tuple[int, str], int] = {}
        typed: dict[str, list[tuple[int, AtomicMention]]] = defaultdict(list)
        for article, mention in ordered:
            if mention.entity_type != PERSON:
                continue
            core = _core(mention)
            if len(core.split()) == 1:
                typed[core].append((article, mention))
                continue
            key = self.aliases.get(core, core)
            if key == core:
                self.people.setdefault(key, mention)
            self.first_full.setdefault((article, key), mention.start)
        self.by_surname: dict[str, set[str]] = defaultdict(set)
        self.by_first_word: dict[str, list[str]] = defaultdict(list)  # in key order, as resolved
        for key in sorted(self.people):
            self.by_surname[key.split()[-1]].add(key)
            self.by_first_word[key.split()[0]].append(key)
        # "Bloomberg" -> the organisations named "Bloomberg News", "Bloomberg Media", ...
        self.outlets_of: dict[str, list[str]] = defaultdict(list)
        for organization in sorted(self.organizations):
            head, _, tail = organization.rpartition(" ")
            if head and tail in _OUTLET_WORDS:
                self.outlets_of[head].append(organization)
        self.independent = _independent_surnames(entities, self.by_surname, self.first_full)
        self.attested = _attested_words(entities, typed)
        # Surnames that name a person in an article without the full name: "Trump" ("Now,
        # President Trump...") in an article that never writes "Donald J. Trump".
        self.standalone = {
            word
            for word, found in typed.items()
            if word in self.attested
            and any(
                (article, key) not in self.first_full
                for article, _m in found
                for key in self.by_surname.get(word, ())
            )
        }

    def resolve(self, article: int, mention: AtomicMention) -> AtomicMention:
        if mention.entity_type in (PLACE, ORGANIZATION):
            return mention
        core = _core(mention)
        organization = self._organization(mention, core)
        if organization is not None:
            return replace(mention, key=f"{ENTITY}:{ORGANIZATION}:{organization}",
                           entity_type=ORGANIZATION)  # fmt: skip
        word = _bare_word(mention)
        if word is not None:
            return self._resolve_word(article, mention, word)
        key = self.aliases.get(core, core)
        if key in self.people and (mention.entity_type is None or key != core):
            return _as_person(mention, self.people[key])
        return mention

    def _organization(self, mention: AtomicMention, core: str) -> str | None:
        """The organisation core an untyped name stands for: the same core ("Kaspersky"
        beside "Kaspersky Lab"), or the one outlet named "<name> News|Media|Network"
        ("Bloomberg" beside "Bloomberg News") unless the name is a person's surname."""
        if mention.entity_type is not None:
            return None
        if core in self.organizations:
            return core
        if core in self.by_surname or core in self.attested:
            return None
        outlets = self.outlets_of.get(core, [])
        return outlets[0] if len(outlets) == 1 else None

    def _resolve_word(self, article: int, mention: AtomicMention, word: str) -> AtomicMention:
        keys = self.by_surname.get(word, set())
        if len(keys) == 1 and (word not in self.independent or word in self.standalone):
            return _as_person(mention, self.people[next(iter(keys))])
        for key in self.by_first_word.get(word, ()):
            full_start = self.first_full.get((article, key))
            if full_start is not None and full_start < mention.start:
                return _as_person(mention, self.people[key])
        if mention.entity_type is None and word in self.attested:  # beside "President Trump"
            return _as_person(mention, self.attested[word])
        return mention


_ATTESTED_SHARE = 0.1  # of a word's mentions typed as a person, for the word to be one


def _attested_words(
    entities: list[tuple[int, AtomicMention]],
    typed: Mapping[str, list[tuple[int, AtomicMention]]],
) -> dict[str, AtomicMention]:
    """Single words typed as a person ("President Trump", "Mr. Cruz") often enough among
    their own mentions to name a person everywhere in the set -> the first such mention. A
    lone typing among many untyped uses is a fluke of context ("chief Brexit negotiator"
    beside thirty "Brexit")."""
    uses: Counter[str] = Counter()
    for _article, mention in entities:
        word = _bare_word(mention)
        if word is not None and len(_core(mention).split()) == 1:
            uses[word] += 1
    return {
        word: found[0][1]
        for word, found in typed.items()
        if len(found) >= _ATTESTED_SHARE * uses[word]
    }


def _initial_aliases(keys: set[str]) -> dict[str, str]:
    """Person keys that differ only by middle initials -> the one key with initials, when
    exactly one such key occurs (``donald trump`` -> ``donald j. trump``)."""
    by_reduced: dict[str, set[str]] = defaultdict(set)
    for key in keys:
        by_reduced[_without_initials(key)].add(key)
    aliases = {}
    for reduced, group in by_reduced.items():
        with_initials = group - {reduced}
        if len(with_initials) == 1 and reduced in group:
            aliases[reduced] = next(iter(with_initials))
    return aliases


def _independent_surnames(
    entities: list[tuple[int, AtomicMention]],
    by_surname: Mapping[str, set[str]],
    first_full: Mapping[tuple[int, str], int],
) -> set[str]:
    """Surnames some article uses alone before the full name it belongs to."""
    independent = set()
    for article, mention in entities:
        word = _bare_word(mention)
        if word is None or word not in by_surname:
            continue
        for key in by_surname[word]:
            full_start = first_full.get((article, key))
            if full_start is not None and mention.start < full_start:
                independent.add(word)
    return independent


def _as_person(mention: AtomicMention, full: AtomicMention) -> AtomicMention:
    return replace(mention, key=full.key, value=full.value, entity_type=PERSON)

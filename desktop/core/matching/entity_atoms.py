"""Atomic entities: the people, organisations and places an article names, as mentions.

Owns :func:`entity_mentions`, which reads the lexer's name tokens (cut by
:mod:`desktop.core.matching.name_pieces`) into entity
:class:`~desktop.core.matching.atoms.AtomicMention` records typed and keyed by
:mod:`~desktop.core.matching.people`, :mod:`~desktop.core.matching.places` and
:mod:`~desktop.core.matching.names`; :func:`join_and_names` (``Bureau of Industry and
Security``) and :func:`apply_acronyms` (``BIS`` after ``Bureau of Industry and Security
(BIS)``). Names on heading lines are kept only when the body names them too. Nationality and
religion words used alone (``Egyptian``, ``Swiss``, ``Libyans``, ``Shiite``) are no entities;
names containing them are (``Egyptian President Mohammed Morsi`` is the person ``Mohammed
Morsi``). Resolving names across mentions is :mod:`desktop.core.matching.name_resolution`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from desktop.core.matching.article_context import ArticleContext
from desktop.core.matching.atoms import UNKNOWN, AtomicMention
from desktop.core.matching.comparison import ENTITY
from desktop.core.matching.name_pieces import (
    AFFILIATIONS,
    CONNECTORS,
    ORGANIZATION_SUFFIX_WORDS,
    Piece,
    name_pieces,
    word_spans,
)
from desktop.core.matching.names import ORGANIZATION, PERSON, PLACE, canonical_organization, entity_type
from desktop.core.matching.news_lexer import NewsToken
from desktop.core.matching.people import canonical_person, is_first_name, person_key
from desktop.core.matching.places import canonical_place, is_demonym, is_place
from desktop.core.matching.text_units import fold, strip_possessive, word_set

__all__ = ["apply_acronyms", "clean_name", "entity_mentions", "join_and_names"]

# Capitalised words the lexer may take for a name: sentence openers, page widgets.
_STOPLIST = word_set(
    """
    independent initially additionally antivirus protect know users user response employees
    employee legal company posts bookmarks bookmark migrate share author tags loader recent
    advertisement breaking exclusive opinion analysis editorial home menu search login
    subscribe newsletter comments comment reply previous back top contact privacy terms
    cookies accept close skip content main watch live sponsored trending popular latest
    related stories story topics topic government officials critics experts analysts
    researchers customers consumers investors shares sales revenue overall separately
    speaking asked responding citing noting adding saying regarding concerning given using
    meanwhile however moreover furthermore nevertheless nonetheless instead therefore
    thus hence indeed together elsewhere congratulations welcome thanks yes okay more read
    byline someone somebody anyone everyone nobody seems few fewer multiple subsequent
    false true purpose overruled calculator update updates breaking state enlarge
    monday tuesday wednesday thursday friday saturday sunday
    """
)
# Suffixes of common words; a single capitalised word with one, opening a sentence, is
# not a name ("Gradually", "Reportedly", "Impact").
_COMMON_SUFFIXES = (
    "ly", "ness", "ment", "ments", "tion", "tions", "sion", "sions", "ity", "ities", "ing",
    "ings", "ed", "ive", "ives", "ous", "ful", "less", "ism",
)  # fmt: skip
_PARTY_RE = re.compile(r"^[DRI]-[A-Z][A-Za-z.]*$")  # "D-Md", "R-Ky": party and state


def entity_mentions(
    text: str, names: Sequence[NewsToken], context: ArticleContext
) -> list[AtomicMention]:
    """Entity mentions from the lexer's name tokens: body first, then headings."""
    body: list[AtomicMention] = []
    heading_pieces: list[Piece] = []
    pieces_of: dict[str, list[Piece]] = {}  # name token text -> its pieces (names repeat)
    for token in names:
        relative = pieces_of.get(token.text)
        if relative is None:
            relative = name_pieces(token.text, context)
            pieces_of[token.text] = relative
        for relative_piece in relative:
            piece = Piece(
                relative_piece.start + token.start,
                relative_piece.end + token.start,
                relative_piece.place,
            )
            if context.is_heading(piece.start):
                heading_pieces.append(piece)
            else:
                mention = _entity_mention(text, piece, context)
                if mention is not None:
                    body.append(mention)
    known = set()
    for mention in body:
        known.add(mention.key.split(":", 2)[2])
        known.add(fold(mention.value))
    headings: list[AtomicMention] = []
    for piece in heading_pieces:
        for sub_piece in _confirmed_pieces(text, piece, known):
            mention = _entity_mention(text, sub_piece, context)
            if mention is not None:
                headings.append(mention)
    return body + headings


def join_and_names(text: str, names: Sequence[NewsToken]) -> list[NewsToken]:
    """Join ``Bureau of Industry`` + `` and `` + ``Security``: the lexer does not take
    "and" inside a name. Only after an organisation named "X of Y", so ``Trump and Biden``
    stay two names."""
    joined: list[NewsToken] = []
    for token in names:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and text[previous.end : token.start] == " and "
            and " of " in previous.text
            and entity_type(previous.text) == ORGANIZATION
            and len(token.text.split()) <= 2
            and not is_place(token.text)
        ):
            surface = text[previous.start : token.end]
            joined[-1] = NewsToken(previous.start, token.end, "name", surface)
        else:
            joined.append(token)
    return joined


_ACRONYM_AFTER_RE = re.compile(r"[ \t]*\(([A-Z]{2,6})\)")


def apply_acronyms(text: str, mentions: list[AtomicMention]) -> list[AtomicMention]:
    """``Bureau of Industry and Security (BIS)``: later ``BIS`` mentions take the full
    name's key, when the acronym is the initials of the name's words (connectors aside)."""
    aliases: dict[str, AtomicMention] = {}
    for mention in mentions:
        match = _ACRONYM_AFTER_RE.match(text, mention.end)
        if match is None:
            continue
        words = [word for word in mention.text.split() if word.lower() not in CONNECTORS]
        initials = "".join(word[0] for word in words).upper()
        if initials == match.group(1):
            aliases.setdefault(match.group(1), mention)
    if not aliases:
        return mentions
    result = []
    for mention in mentions:
        full = aliases.get(mention.text)
        if full is not None and full is not mention:
            mention = replace(mention, key=full.key, value=full.value, entity_type=full.entity_type)
        result.append(mention)
    return result

_LONGEST_NAME = 8  # words; bounds the search for parts of long title-case runs


def _confirmed_pieces(text: str, piece: Piece, known: set[str]) -> list[Piece]:
    """The parts of a heading name that the body names too, longest first from the left.

    ``Kaspersky Labs Shuts Down US Division`` -> ``Kaspersky Labs``, ``US``. A part that
    looks like a person's full name is kept even when the body does not repeat it (a byline).
    """
    if piece.place:
        return [piece]
    words = [(piece.start + s, piece.start + e) for s, e in word_spans(text, piece.start, piece.end)]
    confirmed: list[Piece] = []
    index = 0
    while index < len(words):
        for stop in range(min(len(words), index + _LONGEST_NAME), index, -1):
            surface = text[words[index][0] : words[stop - 1][1]]
            before = text[max(0, words[index][0] - 60) : words[index][0]]
            after = text[words[stop - 1][1] : words[stop - 1][1] + 30]
            if _is_known(surface, known) or (
                stop - index >= 2 and entity_type(surface, before, after) == PERSON
            ):
                confirmed.append(Piece(words[index][0], words[stop - 1][1]))
                index = stop
                break
        else:
            index += 1
    return confirmed


def _is_known(surface: str, known: set[str]) -> bool:
    """Whether the body names ``surface`` in any of its canonical forms."""
    if fold(clean_name(surface)) in known:
        return True
    if fold(canonical_place(surface)) in known or canonical_organization(surface) in known:
        return True
    return person_key(surface) in known


_LEADING_THE_RE = re.compile(r"^(?:the|The)\s+")


@lru_cache(maxsize=16384)  # names repeat: a pure function of a short string
def clean_name(surface: str) -> str:
    """A name without possessive ("Kaspersky’s") or leading "the"."""
    return _LEADING_THE_RE.sub("", strip_possessive(surface))


def _entity_mention(text: str, piece: Piece, context: ArticleContext) -> AtomicMention | None:
    surface = text[piece.start : piece.end]
    cleaned = clean_name(surface)
    if len(cleaned) < 2 or not any(char.isalpha() for char in cleaned):
        return None
    if cleaned.count(" ") >= _LONGEST_NAME:  # a run of capitalised words, not a name
        return None
    if not piece.place and _not_a_name(cleaned, piece.start, context):
        return None
    if piece.place:
        kind = PLACE
    else:
        before = text[max(0, piece.start - 60) : piece.start]
        after = text[piece.end : piece.end + 30]
        kind = entity_type(cleaned, before, after)
    value, core = _entity_value(cleaned, kind)
    key = f"{ENTITY}:{kind or UNKNOWN}:{core}"
    return AtomicMention(
        ENTITY, piece.start, piece.end, surface, value, key, entity_type=kind
    )  # fmt: skip


def _not_a_name(cleaned: str, start: int, context: ArticleContext) -> bool:
    folded = fold(cleaned)
    if is_demonym(cleaned):  # "Egyptian", "Swiss", "Libyans", "South Korean"
        return True
    words = cleaned.split()
    if len(words) > 1 or is_place(cleaned):
        return False
    if folded in _STOPLIST or folded in ORGANIZATION_SUFFIX_WORDS:
        return True
    if folded in AFFILIATIONS or _PARTY_RE.match(cleaned):
        return True
    if is_first_name(cleaned):
        return False
    if context.is_common_word(cleaned):
        return True
    return context.at_sentence_start(start) and folded.endswith(_COMMON_SUFFIXES)


@lru_cache(maxsize=8192)
def _entity_value(cleaned: str, kind: str | None) -> tuple[str, str]:
    """The display value and the key core of a name of type ``kind``."""
    if kind == PLACE:
        value = canonical_place(cleaned)
        return value, fold(value)
    if kind == ORGANIZATION:
        return cleaned, canonical_organization(cleaned)
    if kind == PERSON:
        return canonical_person(cleaned), person_key(cleaned)
    return cleaned, fold(cleaned)

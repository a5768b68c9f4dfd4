"""Name tokens cut into the stretches that may be entities.

Owns :func:`name_pieces`: a lexer name token is cut at ``X-based`` / ``X-led`` words
(``US-based Salesforce``: the place ``US`` and ``Salesforce``) and at titles (``Florida Gov.
Jeb Bush``: ``Florida`` and ``Gov. Jeb Bush``); a run ending with a role is a title, not a
name (``U.S. Commerce Secretary``: only ``U.S.`` is kept); common words at the edges are
trimmed. Also the word sets that name filtering shares: connectors ("of", "van", "al"),
political affiliations, organisation suffix words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.core.matching.article_context import ArticleContext
from desktop.core.matching.people import is_first_name
from desktop.core.matching.places import is_demonym, is_place
from desktop.core.matching.text_units import word_set

__all__ = [
    "AFFILIATIONS",
    "CONNECTORS",
    "ORGANIZATION_SUFFIX_WORDS",
    "Piece",
    "name_pieces",
    "word_spans",
]

# The lexer's roles, which end a name token ("U.S. Commerce Secretary").
_ROLE_WORDS = word_set(
    """
    secretary president minister chancellor senator governor mayor judge justice chairman
    chairwoman chair director spokesperson spokesman spokeswoman ambassador commissioner
    prosecutor premier ceo cfo cto coo chief founder officer analyst editor correspondent
    """
)
# Political affiliations: "Mississippi Democrat" is no entity ("Mississippi" is).
AFFILIATIONS = word_set("democrat democrats republican republicans")
CONNECTORS = word_set(
    "of for de del della da di do dos du la le van von der den bin ibn al el and the"
)
ORGANIZATION_SUFFIX_WORDS = word_set(
    "inc corp corporation co ltd llc plc lab labs group holdings company department "
    "ministry bureau agency commission"
)


@dataclass(frozen=True)
class Piece:
    """A stretch of a name token that may be an entity; ``place`` for ``X-based``."""

    start: int
    end: int
    place: bool = False


_NON_SPACE_RE = re.compile(r"\S+")


def word_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The (start, end) of each run of non-space characters of ``text[start:end]``, relative
    to ``start``."""
    return [(match.start(), match.end()) for match in _NON_SPACE_RE.finditer(text[start:end])]


_HYPHEN_SUFFIX_RE = re.compile(
    r"^(?P<prefix>.+)-(?P<suffix>based|led|backed|owned|funded|run|born|made|controlled"
    r"|linked|aligned|affiliated|allied|headquartered)$"
)
# Titles that may stand inside a name token before a person's name ("Florida Gov. Jeb
# Bush", "Deputy Attorney General Rod Rosenstein"). Kept small: "General Motors" is no title.
_MIDDLE_TITLES = word_set(
    """
    secretary minister senator governor mayor spokesperson spokesman spokeswoman ceo
    chancellor ambassador commissioner prosecutor archbishop bishop cardinal rabbi attorney
    """
)
# "General" is a title only after one of these ("Attorney General", not "General Motors").
_GENERAL_TITLES = word_set("attorney surgeon inspector solicitor secretary postmaster")
_HONORIFIC_RE = re.compile(r"^(?:Mr|Mrs|Ms|Mx|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Rev)\.$")


def name_pieces(name: str, context: ArticleContext) -> list[Piece]:
    """The stretches of a name token's text that may be entities (offsets into ``name``).

    A token is cut at ``X-based`` / ``X-led`` words (``US-based Salesforce``: the place
    ``US`` and ``Salesforce``), and at titles (``Florida Gov. Jeb Bush``: ``Florida`` and
    ``Gov. Jeb Bush``); a run ending with a role is a title, not a name (``U.S. Commerce
    Secretary``: only ``U.S.`` is kept); common words at the edges are trimmed.
    """
    words = word_spans(name, 0, len(name))
    pieces: list[Piece] = []
    run: list[tuple[int, int]] = []
    for start, end in words:
        hyphenated = _HYPHEN_SUFFIX_RE.match(name[start:end])
        if hyphenated is None:
            run.append((start, end))
            continue
        pieces.extend(_run_pieces(name, run, context))
        run = []
        prefix = hyphenated.group("prefix")
        prefix_end = start + len(prefix)
        if is_place(prefix) or hyphenated.group("suffix") == "based":
            pieces.append(Piece(start, prefix_end, place=True))
        elif not is_demonym(prefix):
            pieces.append(Piece(start, prefix_end))  # "Kremlin-backed"
    pieces.extend(_run_pieces(name, run, context))
    return pieces


def _run_pieces(
    text: str, run: list[tuple[int, int]], context: ArticleContext
) -> list[Piece]:
    """Split a run of words at titles; a run that ends with a role keeps only a place."""
    if not run:
        return []
    words = [text[start:end] for start, end in run]
    if words[-1].lower().strip(".,") in _ROLE_WORDS:
        return _leading_place(run, words)
    markers = [index for index in range(len(words) - 1) if _is_title(words, index)]
    if not markers:
        return _trimmed(run, words, context)
    last = markers[-1]
    if words[last + 1].lower() in CONNECTORS:  # "Secretary of State": a title
        return _leading_place(run, words)
    person_start = last if _HONORIFIC_RE.match(words[last]) else last + 1
    pieces = _leading_place(run[: markers[0]], words[: markers[0]])
    pieces.append(Piece(run[person_start][0], run[-1][1]))
    return pieces


def _is_title(words: list[str], index: int) -> bool:
    word = words[index]
    lowered = word.lower()
    if _HONORIFIC_RE.match(word) is not None or lowered in _MIDDLE_TITLES:
        return True
    if lowered in AFFILIATIONS:  # "Arizona Republican John McCain"
        return True
    return word == "General" and index > 0 and words[index - 1].lower() in _GENERAL_TITLES


_LONGEST_PLACE = 5  # words ("United States of America")


def _leading_place(run: list[tuple[int, int]], words: list[str]) -> list[Piece]:
    """The first (longest) place among the words of a title ("U.S." of "U.S. Commerce
    Secretary", "Florida" of "Former Florida Gov.")."""
    for first in range(len(words)):
        for stop in range(min(len(words), first + _LONGEST_PLACE), first, -1):
            if is_place(" ".join(words[first:stop])):
                return [Piece(run[first][0], run[stop - 1][1], place=True)]
    return []


def _trimmed(
    run: list[tuple[int, int]], words: list[str], context: ArticleContext
) -> list[Piece]:
    """The run without common words at its edges ("Kaspersky Labs Layoffs": "Layoffs" is
    written "layoffs" elsewhere) nor connectors; names with an inner connector ("World of
    Warcraft"), places and names opening with a first name are kept whole."""
    name = " ".join(words)
    inner_connector = any(word.lower() in CONNECTORS for word in words[1:-1])
    protected = is_place(name) or is_first_name(words[0]) or inner_connector
    first, last = 0, len(run)
    if not protected and len(run) > 1:
        while first < last and _trimmable(words[first], context):
            first += 1
        while last > first and _trimmable(words[last - 1], context):
            last -= 1
    while first < last and words[first].lower() in CONNECTORS:
        first += 1
    while last > first and words[last - 1].lower() in CONNECTORS:
        last -= 1
    if first >= last:
        return []
    return [Piece(run[first][0], run[last - 1][1])]


def _trimmable(word: str, context: ArticleContext) -> bool:
    bare = word.lower().strip(".,")
    if bare in AFFILIATIONS:
        return True
    if bare in ORGANIZATION_SUFFIX_WORDS or is_place(word):
        return False
    return context.is_common_word(word)

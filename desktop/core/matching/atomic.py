"""Atomic facts: the dates, numbers, money, percentages and names each article states.

:func:`extract_atomic` reads one article through :func:`desktop.core.matching.news_lexer.tokenize`
and normalises each token with :mod:`desktop.core.matching.normalize`; :func:`group_atomic` groups
the mentions of several articles by key. Conventions:

* Kinds: ``date``, ``number``, ``money``, ``percent``, ``entity`` (the lexer's
  ``quantity`` is ``number``, ``name`` is ``entity``). Times (``10:30 a.m.``) are dropped:
  a time without its date is not a fact the articles can share, and the date beside it is
  its own token. Quotations are not atomic facts.
* Keys (equal key = same atomic fact):
  ``date:2024-09-29`` / ``date:--07-20`` (year unknown) / ``date:2024-06`` / ``date:2017``;
  ``number:employee:[0,50)``, ``number:employee:all``, ``number::[100000,100001)`` (no
  unit); ``money:USD:721000000``; ``percent:10`` (``percent:2pp`` for percentage points);
  ``entity:<type>:<core>`` with type ``person``, ``organization``, ``place`` or ``name``
  (type unknown): ``entity:person:kim zetter``, ``entity:organization:kaspersky``,
  ``entity:place:united states``, ``entity:name:bloomberg``.
* Offsets are half-open Python offsets into the text as given. A mention may reach past
  its lexer token: ``less than 50`` + `` of the company's employees`` (the lexer stops
  before ``of``), ``several`` + ``hundred`` + `` Shiite hardliners``, and ``all
  employees`` is found here (the lexer has no ``all``).
* Numbers that count nothing are left out: bare magnitudes (``hundreds of``, ``thousands
  shouted``), small unitless numbers, ranks (``No. 2 leader``), ratios (``one in ten``),
  times (``7 p.m.``), small spelled counts of generic nouns (``two sides``).
* Nationality and religion words used alone (``Egyptian``, ``Swiss``, ``Libyans``,
  ``Shiite``) are no entities; names containing them are (``Egyptian President Mohammed
  Morsi`` is the person ``Mohammed Morsi``).
* A yearless date (``--07-20``, article without a publication date) joins the full date
  with the same month and day in :func:`group_atomic` when exactly one year occurs for it
  in the set; the group's key is then the full date, the mention keeps its own key.
* Names of unknown type join a typed person or organisation they name (see
  :func:`_resolve_entities`): ``Trump`` joins ``Donald J. Trump`` when he is the set's only
  Trump, ``Donald Trump`` joins ``Donald J. Trump``, ``Bloomberg`` joins ``Bloomberg News``.
"""

from __future__ import annotations

from desktop.core.matching.verbatim import merged_spans

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from desktop.core.matching.comparison import DATE, ENTITY, MONEY, NUMBER, PERCENT
from desktop.core.matching.news_lexer import NewsToken, tokenize
from desktop.core.matching.normalize import (
    ORGANIZATION,
    PERSON,
    PLACE,
    Quantity,
    canonical_organization,
    canonical_person,
    canonical_place,
    canonical_unit,
    entity_type,
    fold,
    format_number,
    is_demonym,
    is_first_name,
    is_place,
    is_role,
    money_value,
    normalize_date,
    percent_value,
    person_key,
    quantity_interval,
    strip_possessive,
)

__all__ = ["ATOMIC_KINDS", "AtomicGroup", "AtomicMention", "extract_atomic", "group_atomic"]

ATOMIC_KINDS = (DATE, NUMBER, MONEY, PERCENT, ENTITY)
UNKNOWN = "name"  # the type part of an entity key when the type is unknown


@dataclass(frozen=True)
class AtomicMention:
    """One atomic fact as one article states it: ``text == article_text[start:end]``.

    ``value`` is the normalised value for display (``2024-09-29``, ``[0, 50) employee``,
    ``USD 721,000,000``, ``10%``, ``United States``); ``key`` groups mentions (see the
    module docstring). Numbers carry ``unit``, ``low`` and ``high`` (the interval
    ``[low, high)``; "all employees" is the marker ``[inf, inf)``, which overlaps no
    bounded count); money carries its currency as ``unit``, percentages ``"%"``; entities
    their ``entity_type`` (None when unknown).
    """

    kind: str
    start: int
    end: int
    text: str
    value: str
    key: str
    unit: str | None = None
    low: float | None = None
    high: float | None = None
    entity_type: str | None = None


@dataclass(frozen=True)
class AtomicGroup:
    """The mentions of one atomic fact across articles, as (article id, mention) pairs
    sorted by article and offset. ``label``: the most common surface form (the canonical
    name for places, the most common full name for people)."""

    kind: str
    key: str
    label: str
    mentions: tuple[tuple[int, AtomicMention], ...]

    @property
    def articles(self) -> tuple[int, ...]:
        return tuple(sorted({article for article, _mention in self.mentions}))

    @property
    def sources(self) -> int:
        return len(self.articles)


# ---------------------------------------------------------------------------------------
# Extraction
# ---------------------------------------------------------------------------------------


def extract_atomic(
    text: str,
    published: str | None = None,
    skip: Sequence[tuple[int, int]] = (),
    *,
    outlet: str | None = None,
) -> list[AtomicMention]:
    """All atomic mentions of one article outside the ``skip`` spans, sorted by offset.

    ``published`` (ISO) dates yearless dates; ``skip`` (half-open spans, e.g. boilerplate):
    a mention overlapping one is left out; ``outlet`` (the publisher's name, optional):
    names of the outlet itself are left out (its promotion and author box). Person surnames
    are resolved within the article (``Zetter`` after ``Kim Zetter``); :func:`group_atomic`
    resolves across articles. Ties on ``start`` put the longer mention first.

    Results are cached per (text, published, skip, outlet): comparing again after a change
    to one article reads only that one again.
    """
    spans = tuple((int(start), int(end)) for start, end in skip)
    return list(_extract_atomic(text, published, spans, outlet))


@lru_cache(maxsize=512)  # articles; about 30 kB each
def _extract_atomic(
    text: str, published: str | None, skip: tuple[tuple[int, int], ...], outlet: str | None
) -> tuple[AtomicMention, ...]:
    skipped = _Spans(skip)
    context = _ArticleContext(text)
    mentions: list[AtomicMention] = []
    names: list[NewsToken] = []
    covered = 0  # the end of the last value mention
    for token in tokenize(text):
        if skipped.overlaps(token.start, token.end):
            continue
        if token.kind == "name":
            names.append(token)
            continue
        if token.start < covered:  # read already: "twenty" + "-five people"
            continue
        mention = _value_mention(text, token, published)
        if mention is not None and not skipped.overlaps(mention.start, mention.end):
            mentions.append(mention)
            covered = mention.end
    taken = _Spans([(mention.start, mention.end) for mention in mentions])
    for mention in _whole_mentions(text):
        outside = not skipped.overlaps(mention.start, mention.end)
        if outside and not taken.overlaps(mention.start, mention.end):
            mentions.append(mention)
    entities = _entity_mentions(text, _join_and_names(text, names), context)
    if outlet:
        entities = [mention for mention in entities if fold(mention.value) != fold(outlet)]
    mentions.extend(_apply_acronyms(text, entities))
    resolved = [mention for _article, mention in _resolve_entities([(0, m) for m in mentions])]
    return tuple(sorted(resolved, key=_mention_order))


def _mention_order(mention: AtomicMention) -> tuple[int, int, int, str]:
    return (mention.start, -mention.end, ATOMIC_KINDS.index(mention.kind), mention.key)


class _Spans:
    """Sorted, merged half-open spans with an overlap test."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        merged = merged_spans(spans)
        self._starts = [span[0] for span in merged]
        self._ends = [span[1] for span in merged]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) shares a character with a span."""
        if end <= start:
            return False
        # The last span starting before ``end``: spans are disjoint, so it is the only
        # one that can reach past ``start``.
        index = bisect.bisect_left(self._starts, end) - 1
        return index >= 0 and self._ends[index] > start


# Values: dates, numbers, money, percentages ---------------------------------------------


def _value_mention(text: str, token: NewsToken, published: str | None) -> AtomicMention | None:
    if token.kind == "date":
        return _date_mention(text, token, published)
    if token.kind == "quantity":
        return _number_mention(text, token)
    if token.kind == "money":
        return _money_mention(token)
    if token.kind == "percent":
        return _percent_mention(token)
    return None  # time, quote


_FIGURATIVE_DAY_RE = re.compile(r"[’']s\b")  # "today's digital landscape"


def _date_mention(
    text: str, token: NewsToken, published: str | None
) -> AtomicMention | None:
    if token.text.lower() in ("today", "tomorrow") and _FIGURATIVE_DAY_RE.match(text, token.end):
        return None
    value = normalize_date(token.text, published)
    if value is None:
        return None
    return AtomicMention(DATE, token.start, token.end, token.text, value, f"{DATE}:{value}")


_NEXT_WORD_RE = re.compile(r"[ \t]*([^\W\d_]+(?:[’'][^\W\d_]+)*)")
# The words after a number that may hold its noun: only spaces or hyphens between them.
_ADJACENT_WORD_RE = re.compile(
    r"(?:[ \t]+|-)(?:(?:[A-Z]\.){2,}|[^\W\d_]+(?:[’'-][^\W\d_]+)*)"
)
_UNIT_LOOKAHEAD = 6  # words
_SMALL_BARE_NUMBER = 100  # a unitless exact number below this is noise ("3 Easy Steps")
_SMALL_COUNT = 10  # below this: unitless numbers, generic spelled counts ("two sides")
# Words the lexer leaves out in front of a scale word: "several hundred", "a hundred".
_VAGUE_BEFORE_RE = re.compile(
    r"(?<![\w’'-])(?:several|a few|a couple(?: of)?|an?)[ \t]+$", re.IGNORECASE
)
_SCALE_TOKEN_RE = re.compile(r"(?:dozen|hundred|thousand|million|billion)\b", re.IGNORECASE)
# A rank, not a count: "al Qaeda's No. 2 leader", "the #1-rated newsletter".
_RANK_BEFORE_RE = re.compile(r"(?:\b(?:No|Nos|Number)\.?|#)[ \t]*$")
# A ratio, not a count: "one in ten Americans", "seven out of 10 cyberattacks".
_RATIO_BEFORE_RE = re.compile(
    r"(?<![\w’'-])(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)[ \t]+"
    r"(?:in|out[ \t]+of)[ \t]+$",
    re.IGNORECASE,
)
_TIME_AFTER_RE = re.compile(r"[ \t]*[ap]\.?m\b\.?", re.IGNORECASE)  # "6.15 p.m."
_DIGIT_RE = re.compile(r"\d")
_DURATIONS = frozenset("year month week day hour minute second".split())
_DIGIT_WORDS = frozenset("one two three four five six seven eight nine".split())
# Nouns that a small spelled number does not make a fact of: "two sides", "one way".
_GENERIC_UNITS = frozenset(
    "side way thing part kind sort type aspect respect sense hand end half bit".split()
)


def _number_mention(text: str, token: NewsToken) -> AtomicMention | None:
    start, end = token.start, token.end
    if _SCALE_TOKEN_RE.match(token.text):  # "several hundred": the lexer has "hundred"
        vague = _VAGUE_BEFORE_RE.search(text, max(0, start - 20), start)
        if vague is not None:
            start = vague.start()
    quantity = quantity_interval(text[start:end])
    if quantity is None:
        return None
    # The lexer stops before "of" and capitalised words, inside some words and noun
    # phrases: "less than 50 of the company's employees", "hundreds of Shiite followers",
    # "three iPads", "hundreds of migrant workers".
    word_end = _WORD_REST_RE.match(text, end)
    if quantity.unit is None and word_end is not None and word_end.end() > end:
        end = word_end.end()
        quantity = quantity_interval(text[start:end]) or quantity
    end, quantity = _with_unit_after(text, start, end, quantity)
    if _not_a_count(text, start, end, token, quantity):
        return None
    return _quantity_mention(text, start, end, quantity)


def _quantity_mention(text: str, start: int, end: int, quantity: Quantity) -> AtomicMention:
    return AtomicMention(
        NUMBER,
        start,
        end,
        text[start:end],
        quantity.label,
        f"{NUMBER}:{quantity.key}",
        unit=quantity.unit,
        low=quantity.low,
        high=quantity.high,
    )


def _with_unit_after(
    text: str, start: int, end: int, quantity: Quantity
) -> tuple[int, Quantity]:
    """The quantity read with the words after the token (same line, only spaces or hyphens
    between them), ending at the first word that gives it the unit it has with all of them:
    ``less than 50`` + `` of the company's employees``; ``33 uninjured`` + `` consulate
    personnel`` (employee). Unchanged when the words name no unit or the same one."""
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    ends = []
    position = end
    while len(ends) < _UNIT_LOOKAHEAD:
        word = _ADJACENT_WORD_RE.match(text, position, line_end)
        if word is None:
            break
        position = word.end()
        ends.append(position)
    if not ends:
        return end, quantity
    last = quantity_interval(text[start : ends[-1]])  # read with all the words first
    if last is None or last.unit in (None, quantity.unit):
        return end, quantity
    for stop in ends[:-1]:
        reading = quantity_interval(text[start:stop])
        if reading is not None and reading.unit == last.unit:
            return stop, reading
    return ends[-1], last


def _not_a_count(
    text: str, start: int, end: int, token: NewsToken, quantity: Quantity
) -> bool:
    """Numbers that are no facts: a bare magnitude ("hundreds of", "thousands shouted": no
    noun counted), a small or model-like unitless number ("3 Easy Steps", "Windows 10",
    "about 7 p.m."), a rank ("No. 2 leader"), a role after a small digit ("2 leader"), a
    small spelled count of a generic noun ("two sides", "one way")."""
    if _RANK_BEFORE_RE.search(text, max(0, start - 10), start):
        return True
    if _RATIO_BEFORE_RE.search(text, max(0, start - 20), start):
        return True
    if _TIME_AFTER_RE.match(text, _number_end(token)):
        return True
    written = _DIGIT_RE.search(token.text) is not None
    if quantity.unit is None:
        if not (written or quantity.exact) or quantity.high <= _SMALL_COUNT + 1:
            return True  # "hundreds of", "thousands shouted", "about 9"
        return quantity.exact and _bare_number_noise(text, token, quantity.low)
    small = quantity.exact and quantity.low < _SMALL_COUNT
    if small and written and quantity.low > 1 and is_role(quantity.unit):
        # "2 leader": a singular role after a digit is a list marker, "5 officers" a count
        return fold(text[start:end].split()[-1]) == quantity.unit
    if not written and quantity.unit not in _DURATIONS and _spelled_joined(text[start:end]):
        return True  # "two-state solution", "six-figure ad buy"; "three-year stay" stays
    return small and not written and quantity.unit in _GENERIC_UNITS


def _spelled_joined(surface: str) -> bool:
    """A spelled number hyphenated to the next word: "two-state", "four-and-a-half
    somersault" (not "twenty-five people")."""
    parts = surface.split()[0].split("-") if surface.strip() else []
    return len(parts) > 1 and parts[-1].lower() not in _DIGIT_WORDS


_NUMBER_END_RE = re.compile(r"[\d,.]*\d")
_WORD_REST_RE = re.compile(r"[^\W\d_]*")  # the rest of a word the lexer cut ("three i|Pads")


def _number_end(token: NewsToken) -> int:
    """The offset right after the last digit of a token ("6.15 p" -> after "6.15")."""
    found = list(_NUMBER_END_RE.finditer(token.text))
    return token.start + found[-1].end() if found else token.end


_CAPITALISED_BEFORE_RE = re.compile(r"[A-Z][\w.-]*[ \t]$")


def _bare_number_noise(text: str, token: NewsToken, value: float) -> bool:
    """A unitless exact number that is small or follows a capitalised word ("Windows 10")."""
    if value < _SMALL_BARE_NUMBER:
        return True
    before = text[max(0, token.start - 30) : token.start]
    return _CAPITALISED_BEFORE_RE.search(before) is not None


_ALL_RE = re.compile(r"(?<![\w’'-])[Aa]ll(?=[ \t])")
_ALL_FILLERS = frozenset("of the its their our his her these those your my".split())


def _whole_mentions(text: str) -> list[AtomicMention]:
    """``all [of] [the] [company's] [local] employees``: the lexer has no "all" quantity.

    Only for sets of people (employees, workers, staff, users, customers): "all options"
    is not a count. At most one ordinary word may stand between (``all local employees``).
    """
    mentions = []
    for match in _ALL_RE.finditer(text):
        position = match.end()
        free_words = 1
        for _ in range(4):
            word = _NEXT_WORD_RE.match(text, position)
            if word is None:
                break
            surface = word.group(1)
            if canonical_unit(surface) is not None:
                quantity = quantity_interval(text[match.start() : word.end(1)])
                if quantity is not None and quantity.whole:
                    end = word.end(1)
                    mentions.append(_quantity_mention(text, match.start(), end, quantity))
                break
            lowered = surface.lower()
            if lowered in _ALL_FILLERS or lowered.endswith(("’s", "'s")):
                pass
            elif free_words and surface[:1].islower():
                free_words -= 1
            else:
                break
            position = word.end()
    return mentions


def _money_mention(token: NewsToken) -> AtomicMention | None:
    money = money_value(token.text)
    if money is None:
        return None
    return AtomicMention(
        MONEY, token.start, token.end, token.text, money.label, f"{MONEY}:{money.key}",
        unit=money.currency,
    )  # fmt: skip


_POINTS_RE = re.compile(r"\bpoints?\b", re.IGNORECASE)


def _percent_mention(token: NewsToken) -> AtomicMention | None:
    value = percent_value(token.text)
    if value is None:
        return None
    number = format_number(value)
    if _POINTS_RE.search(token.text):
        display, key = f"{number} pp", f"{PERCENT}:{number}pp"
    else:
        display, key = f"{number}%", f"{PERCENT}:{number}"
    return AtomicMention(PERCENT, token.start, token.end, token.text, display, key, unit="%")


# Entities --------------------------------------------------------------------------------

# The lexer's roles, which end a name token ("U.S. Commerce Secretary").
_ROLE_WORDS = frozenset(
    """
    secretary president minister chancellor senator governor mayor judge justice chairman
    chairwoman chair director spokesperson spokesman spokeswoman ambassador commissioner
    prosecutor premier ceo cfo cto coo chief founder officer analyst editor correspondent
    """.split()
)
# Capitalised words the lexer may take for a name: sentence openers, page widgets.
_STOPLIST = frozenset(
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
    """.split()
)
# Political affiliations: "Mississippi Democrat" is no entity ("Mississippi" is).
_AFFILIATIONS = frozenset("democrat democrats republican republicans".split())
_CONNECTORS = frozenset(
    "of for de del della da di do dos du la le van von der den bin ibn al el and the".split()
)
# Suffixes of common words; a single capitalised word with one, opening a sentence, is
# not a name ("Gradually", "Reportedly", "Impact").
_COMMON_SUFFIXES = (
    "ly", "ness", "ment", "ments", "tion", "tions", "sion", "sions", "ity", "ities", "ing",
    "ings", "ed", "ive", "ives", "ous", "ful", "less", "ism",
)  # fmt: skip
_ORGANIZATION_SUFFIX_WORDS = frozenset(
    "inc corp corporation co ltd llc plc lab labs group holdings company department "
    "ministry bureau agency commission".split()
)
_LOWER_WORD_RE = re.compile(r"(?<![\w’'-])[a-z]+(?:[’'-][a-z]+)*(?![\w’'-])")
_LETTER_WORD_RE = re.compile(r"[^\W\d_]{4,}")
_LINE_RE = re.compile(r"[^\r\n]+")


@lru_cache(maxsize=16384)
def _stem(word: str) -> str:
    """A crude stem for "is this capitalised word used as a common word here?"."""
    word = word.lower().replace("’", "'").removesuffix("'s")
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


def _is_heading_line(line: str, words: int, capitalised: int) -> bool:
    """Title case: three quarters of the words of four letters or more capitalised, at
    least two of them; a line ending like a sentence needs eight (a title-case promo line),
    so that "He met Deputy Attorney General Rod Rosenstein." stays a sentence."""
    if words < 2 or capitalised < 0.75 * words:
        return False
    ends_like_sentence = line.rstrip()[-1:] in tuple(".!?;,\"”’»)")
    return words >= 8 or not ends_like_sentence


class _ArticleContext:
    """What name filtering needs to know about the whole article.

    ``lower_stems``: stems of the words the article writes in lower case; a capitalised
    word whose stem is among them is a common word here ("Layoffs" after "layoffs").
    Heading lines (see :func:`_is_heading_line`: "Government Concerns Prompt Exit"): names
    on them are kept only when the article's body names them too (or they look like a
    person's name). When heading lines make up most of the text (all capitals, title
    case) there is no body to ask, and no line counts as a heading.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        # name token text -> its pieces, relative to the token's start (names repeat)
        self.pieces: dict[str, list[_Piece]] = {}
        self.lower_stems = {_stem(word) for word in set(_LOWER_WORD_RE.findall(text))}
        self._line_starts: list[int] = []
        self._headings: list[bool] = []
        heading_chars = 0
        for line in _LINE_RE.finditer(text):
            words = _LETTER_WORD_RE.findall(line.group())
            capitalised = sum(1 for word in words if word[0].isupper())
            heading = _is_heading_line(line.group(), len(words), capitalised)
            heading_chars += len(line.group()) if heading else 0
            self._line_starts.append(line.start())
            self._headings.append(heading)
        if heading_chars * 2 > len(text):  # all capitals or title case: no body to confirm
            self._headings = [False] * len(self._headings)

    def is_heading(self, position: int) -> bool:
        index = bisect.bisect_right(self._line_starts, position) - 1
        return index >= 0 and self._headings[index]

    def is_common_word(self, word: str) -> bool:
        """A title-case word (not an acronym) the article also writes in lower case."""
        if not (word[:1].isupper() and word[1:].islower()):
            return False
        return _stem(word) in self.lower_stems

    def at_sentence_start(self, position: int) -> bool:
        before = self.text[max(0, position - 4) : position].rstrip(" \t\"“‘'«(")
        return not before or before[-1] in ".!?:\n\r"


@dataclass(frozen=True)
class _Piece:
    """A stretch of a name token that may be an entity; ``place`` for ``X-based``."""

    start: int
    end: int
    place: bool = False


def _entity_mentions(
    text: str, names: Sequence[NewsToken], context: _ArticleContext
) -> list[AtomicMention]:
    """Entity mentions from the lexer's name tokens: body first, then headings."""
    body: list[AtomicMention] = []
    heading_pieces: list[_Piece] = []
    for token in names:
        relative = context.pieces.get(token.text)
        if relative is None:
            relative = _name_pieces(token.text, context)
            context.pieces[token.text] = relative
        for relative_piece in relative:
            piece = _Piece(
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


def _join_and_names(text: str, names: Sequence[NewsToken]) -> list[NewsToken]:
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


def _apply_acronyms(text: str, mentions: list[AtomicMention]) -> list[AtomicMention]:
    """``Bureau of Industry and Security (BIS)``: later ``BIS`` mentions take the full
    name's key, when the acronym is the initials of the name's words (connectors aside)."""
    aliases: dict[str, AtomicMention] = {}
    for mention in mentions:
        match = _ACRONYM_AFTER_RE.match(text, mention.end)
        if match is None:
            continue
        words = [word for word in mention.text.split() if word.lower() not in _CONNECTORS]
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


_NON_SPACE_RE = re.compile(r"\S+")


def _words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(match.start(), match.end()) for match in _NON_SPACE_RE.finditer(text[start:end])]


_HYPHEN_SUFFIX_RE = re.compile(
    r"^(?P<prefix>.+)-(?P<suffix>based|led|backed|owned|funded|run|born|made|controlled"
    r"|linked|aligned|affiliated|allied|headquartered)$"
)
# Titles that may stand inside a name token before a person's name ("Florida Gov. Jeb
# Bush", "Deputy Attorney General Rod Rosenstein"). Kept small: "General Motors" is no title.
_MIDDLE_TITLES = frozenset(
    """
    secretary minister senator governor mayor spokesperson spokesman spokeswoman ceo
    chancellor ambassador commissioner prosecutor archbishop bishop cardinal rabbi attorney
    """.split()
)
# "General" is a title only after one of these ("Attorney General", not "General Motors").
_GENERAL_TITLES = frozenset("attorney surgeon inspector solicitor secretary postmaster".split())
_HONORIFIC_RE = re.compile(r"^(?:Mr|Mrs|Ms|Mx|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Rev)\.$")
_PARTY_RE = re.compile(r"^[DRI]-[A-Z][A-Za-z.]*$")  # "D-Md", "R-Ky": party and state


def _name_pieces(name: str, context: _ArticleContext) -> list[_Piece]:
    """The stretches of a name token's text that may be entities (offsets into ``name``).

    A token is cut at ``X-based`` / ``X-led`` words (``US-based Salesforce``: the place
    ``US`` and ``Salesforce``), and at titles (``Florida Gov. Jeb Bush``: ``Florida`` and
    ``Gov. Jeb Bush``); a run ending with a role is a title, not a name (``U.S. Commerce
    Secretary``: only ``U.S.`` is kept); common words at the edges are trimmed.
    """
    words = _words(name, 0, len(name))
    pieces: list[_Piece] = []
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
            pieces.append(_Piece(start, prefix_end, place=True))
        elif not is_demonym(prefix):
            pieces.append(_Piece(start, prefix_end))  # "Kremlin-backed"
    pieces.extend(_run_pieces(name, run, context))
    return pieces


def _run_pieces(
    text: str, run: list[tuple[int, int]], context: _ArticleContext
) -> list[_Piece]:
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
    if words[last + 1].lower() in _CONNECTORS:  # "Secretary of State": a title
        return _leading_place(run, words)
    person_start = last if _HONORIFIC_RE.match(words[last]) else last + 1
    pieces = _leading_place(run[: markers[0]], words[: markers[0]])
    pieces.append(_Piece(run[person_start][0], run[-1][1]))
    return pieces


def _is_title(words: list[str], index: int) -> bool:
    word = words[index]
    lowered = word.lower()
    if _HONORIFIC_RE.match(word) is not None or lowered in _MIDDLE_TITLES:
        return True
    if lowered in _AFFILIATIONS:  # "Arizona Republican John McCain"
        return True
    return word == "General" and index > 0 and words[index - 1].lower() in _GENERAL_TITLES


_LONGEST_PLACE = 5  # words ("United States of America")


def _leading_place(run: list[tuple[int, int]], words: list[str]) -> list[_Piece]:
    """The first (longest) place among the words of a title ("U.S." of "U.S. Commerce
    Secretary", "Florida" of "Former Florida Gov.")."""
    for first in range(len(words)):
        for stop in range(min(len(words), first + _LONGEST_PLACE), first, -1):
            if is_place(" ".join(words[first:stop])):
                return [_Piece(run[first][0], run[stop - 1][1], place=True)]
    return []


def _trimmed(
    run: list[tuple[int, int]], words: list[str], context: _ArticleContext
) -> list[_Piece]:
    """The run without common words at its edges ("Kaspersky Labs Layoffs": "Layoffs" is
    written "layoffs" elsewhere) nor connectors; names with an inner connector ("World of
    Warcraft"), places and names opening with a first name are kept whole."""
    name = " ".join(words)
    inner_connector = any(word.lower() in _CONNECTORS for word in words[1:-1])
    protected = is_place(name) or is_first_name(words[0]) or inner_connector
    first, last = 0, len(run)
    if not protected and len(run) > 1:
        while first < last and _trimmable(words[first], context):
            first += 1
        while last > first and _trimmable(words[last - 1], context):
            last -= 1
    while first < last and words[first].lower() in _CONNECTORS:
        first += 1
    while last > first and words[last - 1].lower() in _CONNECTORS:
        last -= 1
    if first >= last:
        return []
    return [_Piece(run[first][0], run[last - 1][1])]


def _trimmable(word: str, context: _ArticleContext) -> bool:
    bare = word.lower().strip(".,")
    if bare in _AFFILIATIONS:
        return True
    if bare in _ORGANIZATION_SUFFIX_WORDS or is_place(word):
        return False
    return context.is_common_word(word)


_LONGEST_NAME = 8  # words; bounds the search for parts of long title-case runs


def _confirmed_pieces(text: str, piece: _Piece, known: set[str]) -> list[_Piece]:
    """The parts of a heading name that the body names too, longest first from the left.

    ``Kaspersky Labs Shuts Down US Division`` -> ``Kaspersky Labs``, ``US``. A part that
    looks like a person's full name is kept even when the body does not repeat it (a byline).
    """
    if piece.place:
        return [piece]
    words = [(piece.start + s, piece.start + e) for s, e in _words(text, piece.start, piece.end)]
    confirmed: list[_Piece] = []
    index = 0
    while index < len(words):
        for stop in range(min(len(words), index + _LONGEST_NAME), index, -1):
            surface = text[words[index][0] : words[stop - 1][1]]
            before = text[max(0, words[index][0] - 60) : words[index][0]]
            after = text[words[stop - 1][1] : words[stop - 1][1] + 30]
            if _is_known(surface, known) or (
                stop - index >= 2 and entity_type(surface, before, after) == PERSON
            ):
                confirmed.append(_Piece(words[index][0], words[stop - 1][1]))
                index = stop
                break
        else:
            index += 1
    return confirmed


def _is_known(surface: str, known: set[str]) -> bool:
    """Whether the body names ``surface`` in any of its canonical forms."""
    if fold(_clean_name(surface)) in known:
        return True
    if fold(canonical_place(surface)) in known or canonical_organization(surface) in known:
        return True
    return person_key(surface) in known


_LEADING_THE_RE = re.compile(r"^(?:the|The)\s+")


@lru_cache(maxsize=16384)  # names repeat: a pure function of a short string
def _clean_name(surface: str) -> str:
    """A name without possessive ("Kaspersky’s") or leading "the"."""
    return _LEADING_THE_RE.sub("", strip_possessive(surface))


def _entity_mention(text: str, piece: _Piece, context: _ArticleContext) -> AtomicMention | None:
    surface = text[piece.start : piece.end]
    cleaned = _clean_name(surface)
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


def _not_a_name(cleaned: str, start: int, context: _ArticleContext) -> bool:
    folded = fold(cleaned)
    if is_demonym(cleaned):  # "Egyptian", "Swiss", "Libyans", "South Korean"
        return True
    words = cleaned.split()
    if len(words) > 1 or is_place(cleaned):
        return False
    if folded in _STOPLIST or folded in _ORGANIZATION_SUFFIX_WORDS:
        return True
    if folded in _AFFILIATIONS or _PARTY_RE.match(cleaned):
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


# ---------------------------------------------------------------------------------------
# Name resolution across mentions (one article or many)
# ---------------------------------------------------------------------------------------


def _core(mention: AtomicMention) -> str:
    return mention.key.split(":", 2)[2]


def _bare_word(mention: AtomicMention) -> str | None:
    """The folded single word of a one-word name that may be a surname, else None."""
    if mention.entity_type in (PLACE, ORGANIZATION):
        return None
    words = person_key(mention.text).split()
    return words[0] if len(words) == 1 else None


def _resolve_entities(
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


# ---------------------------------------------------------------------------------------
# Grouping
# ---------------------------------------------------------------------------------------


def group_atomic(per_article: Mapping[int, Sequence[AtomicMention]]) -> list[AtomicGroup]:
    """Group the mentions of several articles by key, resolving names across articles.

    People, organisations and surnames are re-resolved over the whole set (see
    :func:`_resolve_entities`), so ``Zetter`` in one article joins ``Kim Zetter`` of
    another and ``Kaspersky`` joins ``Kaspersky Lab``. A yearless date joins the full date
    with the same month and day when only one year occurs for it. Groups are sorted by
    kind (date, number, money, percent, entity) and key; mentions by article and offset.
    """
    items = [
        (article, mention)
        for article in sorted(per_article)
        for mention in per_article[article]
    ]
    items = _resolve_entities(items)
    date_keys = _yearless_date_keys(mention.key for _article, mention in items)
    grouped: dict[str, list[tuple[int, AtomicMention]]] = defaultdict(list)
    for article, mention in items:
        grouped[date_keys.get(mention.key, mention.key)].append((article, mention))
    groups = []
    for key, members in grouped.items():
        members.sort(key=lambda item: (item[0], item[1].start, item[1].end))
        kind = members[0][1].kind
        groups.append(AtomicGroup(kind, key, _label(members), tuple(members)))
    groups.sort(key=lambda group: (ATOMIC_KINDS.index(group.kind), group.key))
    return groups


def _yearless_date_keys(keys) -> dict[str, str]:
    """``date:--07-20`` -> ``date:2024-07-20`` when 2024 is the only year for July 20."""
    years: dict[str, set[str]] = defaultdict(set)
    yearless = set()
    for key in keys:
        if not key.startswith(f"{DATE}:"):
            continue
        value = key[len(DATE) + 1 :]
        if value.startswith("--"):
            yearless.add(value)
        elif re.fullmatch(r"\d{4}-\d\d(?:-\d\d)?", value):
            years[value[4:]].add(value[:4])
    joined = {}
    for value in sorted(yearless):
        found = years.get(value[1:], set())  # "--07-20"[1:] == "-07-20"
        if len(found) == 1:
            joined[f"{DATE}:{value}"] = f"{DATE}:{next(iter(found))}{value[1:]}"
    return joined


def _label(members: Sequence[tuple[int, AtomicMention]]) -> str:
    """Most common surface form (first seen on a tie); places: the canonical name;
    people: the most common full name."""
    mentions = [mention for _article, mention in members]
    first = mentions[0]
    if first.kind == ENTITY and first.entity_type == PLACE:
        return first.value
    if first.kind == ENTITY:
        forms = [_clean_name(mention.text) for mention in mentions]
        if first.entity_type == PERSON:
            forms = [canonical_person(form) for form in forms]
            full = [form for form in forms if len(form.split()) > 1]
            forms = full or forms
    else:
        forms = [" ".join(mention.text.split()) for mention in mentions]
    counts = Counter(forms)
    best = max(counts.values())
    return next(form for form in forms if counts[form] == best)

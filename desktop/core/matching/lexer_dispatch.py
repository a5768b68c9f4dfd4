"""The fast dispatch behind :class:`~desktop.core.matching.news_lexer.NewsLexer`.

Pygments' ``RegexLexer`` tries a state's rules one by one at each position. :func:`first_chars`
reads a rule's regex (through CPython's regex parser) for the characters a match can start
with, :func:`state_tables` keeps per state each rule with that class and a cache from a
character to the rules worth trying there (:func:`rules_for`), and :func:`change_state` is
Pygments' state transition, so the lexer yields exactly the token stream of the rule-by-rule loop.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

__all__ = ["change_state", "first_chars", "rules_for", "state_tables"]

_Rule = tuple[Callable, object, object]  # Pygments' processed rule: (regex match, action, new state)


_StateTable = tuple[list[tuple[_Rule, "re.Pattern | None"]], dict[str, list[_Rule]]]


@cache
def state_tables(lexer_class: type) -> dict[str, _StateTable]:
    """Per state: its rules with their first characters (see :func:`first_chars`), and a
    cache from a character to the rules that may match where it stands."""
    return {
        # Pygments keeps each rule's compiled ``Pattern.match``
        state: ([(rule, first_chars(rule[0].__self__)) for rule in rules], {})
        for state, rules in lexer_class._tokens.items()
    }


def rules_for(firsts: list[tuple[_Rule, re.Pattern | None]], char: str) -> list[_Rule]:
    """The rules, in order, whose first character may be ``char``."""
    return [rule for rule, first in firsts if first is None or first.match(char)]


@cache
def first_chars(pattern: re.Pattern) -> re.Pattern | None:
    """A regex matching every character a match of ``pattern`` can start with (perhaps
    more), or None when any character may start one (a match may also be empty and need
    no character: "a*").

    Read from the parsed regex: assertions (lookbehinds, ``\\b``) take no character; a
    lookahead that must read a character bounds the first one; optional items add their
    first characters and the next item's. Anything not understood means "any character",
    which is always safe: that rule is then tried everywhere, as Pygments does.
    """
    if pattern.flags & re.IGNORECASE:
        return None
    try:
        items = _sequence_first(_sre_parse(pattern.pattern, pattern.flags))
    except (_Unknown, ValueError, TypeError, AttributeError, re.error):
        return None
    if items is None:
        return None
    return re.compile("|".join(items))


class _Unknown(Exception):
    """A regex construct :func:`first_chars` does not analyse."""


try:  # CPython's regex parser (re._parser since 3.11, sre_parse before)
    from re import _constants as _sre
    from re import _parser as _sre_parser
except ImportError:  # pragma: no cover - older or other Pythons
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parser  # type: ignore[no-redef]


def _sre_parse(pattern: str, flags: int) -> list:
    return list(_sre_parser.parse(pattern, flags))


_CATEGORIES = {
    _sre.CATEGORY_DIGIT: r"\d", _sre.CATEGORY_NOT_DIGIT: r"\D", _sre.CATEGORY_SPACE: r"\s",
    _sre.CATEGORY_NOT_SPACE: r"\S", _sre.CATEGORY_WORD: r"\w", _sre.CATEGORY_NOT_WORD: r"\W",
}  # fmt: skip
_ZERO_WIDTH = (_sre.AT, _sre.ASSERT_NOT)


def _sequence_first(items: list) -> list[str] | None:
    """One-character regexes for the first character of a sequence; None when it may match
    empty."""
    found: list[str] = []
    excluded = ""  # (?!X) for one-character lookaheads (?!X) passed: "(?![A-Z])[^\W\d_]"
    for op, value in items:
        if op is _sre.ASSERT_NOT and value[0] > 0:
            # The item after it starts where it stands, unless all items before it did.
            single = _single_char(list(value[1]))
            if single is not None:
                excluded += f"(?!{single})"
            continue
        if op in _ZERO_WIDTH or (op is _sre.ASSERT and value[0] < 0):  # lookbehind
            continue
        if op is _sre.ASSERT:  # a lookahead: the first character must also start its body
            try:
                ahead = _sequence_first(list(value[1]))
            except _Unknown:
                ahead = None  # no bound from it: the items after it still give one
            if ahead is not None:
                return found + [excluded + item for item in ahead]
            continue
        first, nullable = _item_first(op, value)
        found += [excluded + item for item in first]
        if not nullable:
            return found
    return None


def _single_char(items: list) -> str | None:
    """A one-character regex equivalent to ``items`` when they match exactly one character."""
    if len(items) != 1 or items[0][0] not in (_sre.LITERAL, _sre.NOT_LITERAL, _sre.IN):
        return None
    try:
        (single,), _nullable = _item_first(*items[0])
    except _Unknown:
        return None
    return single


def _item_first(op: object, value: object) -> tuple[list[str], bool]:
    """One-character regexes for the first character of one parsed item, and whether the
    item may match empty."""
    if op is _sre.LITERAL:
        return [re.escape(chr(value))], False
    if op is _sre.NOT_LITERAL:
        return [f"[^{re.escape(chr(value))}]"], False
    if op is _sre.IN:
        negated = bool(value) and value[0][0] is _sre.NEGATE
        items = []
        for kind, argument in value[1:] if negated else value:
            if kind is _sre.LITERAL:
                items.append(re.escape(chr(argument)))
            elif kind is _sre.RANGE:
                items.append(f"{re.escape(chr(argument[0]))}-{re.escape(chr(argument[1]))}")
            elif kind is _sre.CATEGORY and argument in _CATEGORIES:
                items.append(_CATEGORIES[argument])
            else:  # a locale category, a charset compiled otherwise
                raise _Unknown(kind)
        return [("[^" if negated else "[") + "".join(items) + "]"], False
    if op is _sre.SUBPATTERN:
        _group, add_flags, _del_flags, body = value
        if add_flags & re.IGNORECASE:
            raise _Unknown(op)
        return _nullable_first(list(body))
    if op is _sre.BRANCH:
        items, nullable = [], False
        for body in value[1]:
            first, empty = _nullable_first(list(body))
            items += first
            nullable = nullable or empty
        return items, nullable
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)):
        low, _high, body = value
        first, empty = _nullable_first(list(body))
        return first, empty or low == 0
    raise _Unknown(op)  # ANY, NOT_LITERAL, group references...


def _nullable_first(items: list) -> tuple[list[str], bool]:
    first = _sequence_first(items)
    if first is not None:
        return first, False
    # May match empty: the characters it may start with when it does not.
    found: list[str] = []
    for op, value in items:
        if op in _ZERO_WIDTH or op is _sre.ASSERT:
            continue
        first, _nullable = _item_first(op, value)
        found += first
    return found, True


def change_state(statestack: list[str], new_state: object) -> None:
    """Pygments' state transition for a processed ``new_state``, as RegexLexer does it."""
    if isinstance(new_state, tuple):
        for state in new_state:
            if state == "#pop":
                if len(statestack) > 1:
                    statestack.pop()
            elif state == "#push":
                statestack.append(statestack[-1])
            else:
                statestack.append(state)
    elif isinstance(new_state, int):
        if abs(new_state) >= len(statestack):
            del statestack[1:]
        else:
            del statestack[new_state:]
    elif new_state == "#push":
        statestack.append(statestack[-1])
    else:
        raise AssertionError(f"wrong state def: {new_state!r}")


"""A captured text's lines, split once for the two boilerplate signals of an import.

``split_lines`` gives the nonblank lines with their offsets, stripped text, phrase key and word
count, as ``boilerplate`` reads them. ``split_lines_keyed`` splits a text once for both
``boilerplate`` and ``outlet_lines``: the same lines, and ``outlet_lines.line_keys(text)``,
from one pass over the text (an import needs both for every article).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from desktop.core.library.outlet_lines import LONGEST_LINE, MAX_WORDS, MIN_CHARS, is_candidate

MAX_PHRASE_CHARS = 60  # longer lines are not looked up among the phrases


class Line(NamedTuple):
    start: int  # offset of the first character of the line
    end: int  # offset just past its last character, line break excluded
    text: str  # the line stripped of surrounding whitespace
    key: str  # ``phrase_key(text)``, looked up among the phrases ("" for a line too long to be one)
    words: int  # ``word_count(text)``


_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_new_line = tuple.__new__  # Line(...) without the Python-level constructor: one per line of every import


def phrase_key(s: str) -> str:
    """A line reduced for phrase lookup: casefolded, one space, no trailing punctuation/arrows."""
    if len(s) > MAX_PHRASE_CHARS:
        return ""
    s = " ".join(s.casefold().replace("’", "'").replace("‘", "'").split())
    return s.strip(" :.·|-–—•»›→>")


def word_count(s: str) -> int:
    return len(s.split())


def _has_lone_cr(text: str) -> bool:
    return "\r" in text and text.count("\r") != text.count("\r\n")


def split_lines(text: str) -> list[Line]:
    """The nonblank lines between "\n", "\r\n" or "\r" breaks, with their offsets and stripped text."""
    lines = []
    append = lines.append
    pos = 0
    if not _has_lone_cr(text):  # fast path: the breaks are "\n" and "\r\n"
        for piece in text.split("\n"):
            stripped = piece.strip()
            if stripped:
                end = pos + len(piece)
                key = phrase_key(stripped) if len(stripped) <= MAX_PHRASE_CHARS else ""
                append(_new_line(Line, (pos, end - 1 if piece[-1] == "\r" else end, stripped, key,
                                        len(stripped.split()))))
            pos += len(piece) + 1
        return lines
    for brk in _LINE_BREAK.finditer(text):
        stripped = text[pos : brk.start()].strip()
        if stripped:
            append(Line(pos, brk.start(), stripped, phrase_key(stripped), word_count(stripped)))
        pos = brk.end()
    stripped = text[pos:].strip()
    if stripped:
        append(Line(pos, len(text), stripped, phrase_key(stripped), word_count(stripped)))
    return lines


def split_lines_keyed(text: str) -> tuple[list[Line], list[tuple[int, int, str, bool]] | None]:
    """``split_lines(text)`` and ``outlet_lines.line_keys(text)`` from one pass; the keys are None
    for a text with a lone "\r" break (there the two split differently)."""
    if _has_lone_cr(text):
        return split_lines(text), None
    lines: list[Line] = []
    keys: list[tuple[int, int, str, bool]] = []
    append, keep = lines.append, keys.append
    pos = 0
    for piece in text.split("\n"):
        stripped = piece.strip()
        if stripped:
            n = len(stripped)
            end = pos + len(piece)
            start = pos if n == len(piece) or not piece[0].isspace() else pos + piece.index(stripped[0])
            words = stripped.split()
            if n > LONGEST_LINE:  # prose for the outlet signal: only compared whole
                keep((start, start + n, stripped, False))
            else:
                key = " ".join(words)
                if key.isascii():  # as in ``line_keys``
                    key = key.lower()
                    keep((start, start + n, key, n >= MIN_CHARS and len(words) <= MAX_WORDS and key.islower()))
                else:
                    keep((start, start + n, key.casefold(), is_candidate(stripped, words)))
            append(_new_line(Line, (pos, end - 1 if piece[-1] == "\r" else end, stripped,
                                    phrase_key(stripped) if n <= MAX_PHRASE_CHARS else "", len(words))))
        pos += len(piece) + 1
    return lines, keys


__all__ = ["MAX_PHRASE_CHARS", "Line", "phrase_key", "split_lines", "split_lines_keyed", "word_count"]

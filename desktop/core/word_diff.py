"""Word-level differences between two texts: what a reader sees changed between two wordings
(a re-imported article, a quote as two outlets give it). Pure standard library.

``word_diff(a, b)`` returns ``Piece``s in order; each says whether its words are ``equal`` in
both, only in ``a`` (``delete``), only in ``b`` (``insert``) or changed (``replace``), with the
exact text of each side, white space included, so the pieces of one side join back to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

_TOKEN = re.compile(r"\s+|\w+(?:[’'-]\w+)*|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class Piece:
    op: str  # "equal", "delete", "insert", "replace"
    a: str  # the text of this piece in ``a`` ("" for an insert)
    b: str  # the text in ``b`` ("" for a delete)


def tokens(text: str) -> list[str]:
    """Words, punctuation marks and runs of white space, in order; they join back to ``text``."""
    return _TOKEN.findall(text)


def word_diff(a: str, b: str) -> list[Piece]:
    """The differences between ``a`` and ``b``, word by word (white space runs compare equal)."""
    ta, tb = tokens(a), tokens(b)
    ka, kb = [" " if t.isspace() else t for t in ta], [" " if t.isspace() else t for t in tb]
    pieces: list[Piece] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, ka, kb, autojunk=False).get_opcodes():
        piece = Piece(op, "".join(ta[i1:i2]), "".join(tb[j1:j2]))
        if pieces and pieces[-1].op == op:
            last = pieces.pop()
            piece = Piece(op, last.a + piece.a, last.b + piece.b)
        pieces.append(piece)
    return pieces


def readable(pieces: list[Piece], max_words: int = 2) -> list[Piece]:
    """The pieces with every short equality between two changes taken into one change, the way a
    reader sees it: "examined and evaluated" -> "studied and assessed" is one changed phrase, not
    two words changed around an unchanged "and" (a run of at most ``max_words`` words, never
    longer than the changes on either side of it). Words dropped on both sides of a kept word, or
    added on both sides, stay apart: "words dropped" is not "words changed"."""
    out = list(pieces)
    merged = True
    while merged:
        merged = False
        for k in range(1, len(out) - 1):
            before, same, after = out[k - 1], out[k], out[k + 1]
            if same.op != "equal" or before.op == "equal" or after.op == "equal" or \
                    before.op == after.op != "replace":
                continue  # two drops (or two additions) around kept words stay two
            words = [t for t in tokens(same.a) if t.strip()]
            changed = min(len([t for t in tokens(p.a) + tokens(p.b) if t.strip()]) for p in (before, after))
            if len(words) > max_words or len(words) > changed:
                continue
            out[k - 1:k + 2] = [Piece("replace", before.a + same.a + after.a, before.b + same.b + after.b)]
            merged = True
            break
    return [part for piece in out for part in _run_on(piece)]


def _run_on(piece: Piece) -> list[Piece]:
    """A change whose one side runs on past a sentence end into more sentences is a change of the words
    before it and an addition (or a drop) of the rest: "are no longer viable," against "there are no
    opportunities … in the country. Kaspersky Lab's business remains resilient, …" is not one changed
    phrase of forty words."""
    if piece.op != "replace":
        return [piece]
    for long_side, short_side in ((piece.b, piece.a), (piece.a, piece.b)):
        end = _SENTENCE_END.search(long_side)
        if not end:
            continue
        head, tail = long_side[:end.start() + 1], long_side[end.start() + 1:]
        tail_words, short_words = _count(tail), _count(short_side)
        if tail_words < 4 or tail_words < 2 * short_words:
            continue
        if not _count(head):  # the long side opens on the sentence end: all of it is added (or dropped)
            head, tail = "", long_side
        if long_side is piece.b:
            first = Piece("replace", piece.a, head) if head else Piece("delete", piece.a, "")
            return [first, Piece("insert", "", tail)]
        first = Piece("replace", head, piece.b) if head else Piece("insert", "", piece.b)
        return [first, Piece("delete", tail, "")]
    return [piece]


_SENTENCE_END = re.compile(r"[.!?](?=\s+\S)")


def _count(text: str) -> int:
    return len([t for t in tokens(text) if t.strip() and re.match(r"\w", t)])


def changed_words(a: str, b: str) -> int:
    """How many words of ``a`` and ``b`` differ (a measure of drift between two wordings)."""
    return sum(len([t for t in tokens(p.a) + tokens(p.b) if t.strip()]) for p in word_diff(a, b) if p.op != "equal")


__all__ = ["Piece", "changed_words", "readable", "tokens", "word_diff"]

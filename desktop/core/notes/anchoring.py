"""Anchors that survive edits to an article's text (W3C Web Annotation / Hypothesis style).

An :class:`Anchor` keeps three selectors for one span of an article version:

* position: ``start``/``end``, half-open Python (code point) offsets;
* quote: ``exact`` plus up to ``CONTEXT_CHARS`` characters of ``prefix`` and ``suffix``;
* the version: ``content_hash``, the SHA-256 (hex) of the whole text.

:func:`reattach` finds the span again in a (possibly edited) text, in this order:

1. same content hash -> ``"exact"`` at the same offsets;
2. the exact quote still at the old offsets -> ``"moved"`` (same offsets);
3. exact occurrences of the quote elsewhere, ranked by context agreement (prefix/suffix
   similarity), then distance to the old position -> ``"moved"`` when unambiguous: a single
   occurrence, or context clearly better (by ``AMBIGUITY_MARGIN``) than the runner-up's, or
   full context agreement; a quote shorter than ``SHORT_QUOTE_CHARS`` also needs context
   agreement of at least ``SHORT_QUOTE_MIN_CONTEXT``;
4. fuzzy search: candidate windows from cheap probes (n-grams and words of the quote, the
   ends of the context, the old position; fewer windows for long quotes), aligned with
   :class:`difflib.SequenceMatcher`, edges widened to whole words, and scored ``0.7 * quote + 0.2 * context + 0.1 * proximity``; ``"moved"`` only when the
   quote similarity is at least ``MOVED_QUOTE_SIMILARITY`` and the score at least
   ``MOVED_MIN_SCORE`` with no close rival.

Anything else is an ``"orphan"`` (never dropped): ``candidate`` then holds the nearest
match, for the user to confirm or discard, if its quote similarity is at least
``CANDIDATE_MIN_SIMILARITY``. When in doubt the result is an orphan: a wrong silent
attachment is worse than asking.

Similarities are :func:`quote_similarity` (``SequenceMatcher.ratio`` without autojunk).
Pure standard library; never imports Qt.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

__all__ = [
    "AMBIGUITY_MARGIN",
    "CANDIDATE_MIN_SIMILARITY",
    "CONTEXT_CHARS",
    "MOVED_MIN_SCORE",
    "MOVED_QUOTE_SIMILARITY",
    "SHORT_QUOTE_CHARS",
    "Anchor",
    "Attachment",
    "Relocation",
    "content_hash",
    "make_anchor",
    "quote_similarity",
    "reattach",
    "reattach_all",
    "relocate",
    "same_words",
]

#: Quotes longer than this are found again only word for word (a fuzzy search of a quote of
#: several thousand characters takes seconds; a hostile file could hold one of megabytes).
MAX_FUZZY_CHARS = 2000
#: Characters of context kept on each side of the quote.
CONTEXT_CHARS = 32
#: A fuzzy match is attached ("moved") only if its text is at least this similar to the quote.
MOVED_QUOTE_SIMILARITY = 0.9
#: ... and its combined score (0.7 quote + 0.2 context + 0.1 proximity) at least this.
MOVED_MIN_SCORE = 0.8
#: An orphan's candidate is offered only if at least this similar to the quote.
CANDIDATE_MIN_SIMILARITY = 0.5
#: The best match must beat the runner-up (a different place) by this much to be attached.
AMBIGUITY_MARGIN = 0.05
#: An exact quote shorter than this, found away from its old place, needs matching context.
SHORT_QUOTE_CHARS = 16
#: Context agreement needed for a short quote found elsewhere.
SHORT_QUOTE_MIN_CONTEXT = 0.5

_W_QUOTE, _W_CONTEXT, _W_PROXIMITY = 0.7, 0.2, 0.1
_EXACT_W_CONTEXT, _EXACT_W_PROXIMITY = 0.75, 0.25
_MAX_OCCURRENCES = 2000  # occurrences of one probe we look at
_NEAREST_PER_PROBE = 16  # of those, kept nearest to the old position
_MAX_WINDOWS = 24  # candidate windows aligned in the fuzzy step
_REFINE_EXACT = 24  # exact occurrences re-scored with the full context similarity
_ALIGN_BUDGET = 2_000_000  # ~ characters squared aligned per fuzzy search
_MAX_SNAP = 24  # characters a fuzzy match's edge may be widened to reach a word edge
_WORD = re.compile(r"\w{4,}")


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    content_hash: str


@dataclass(frozen=True)
class Attachment:
    """Where an anchor lands in a text.

    ``status``: ``"exact"`` (same text), ``"moved"`` (found again confidently; ``start``/``end``
    set) or ``"orphan"`` (``start``/``end`` None; ``candidate`` the nearest match or None).
    """

    status: str
    start: int | None
    end: int | None
    score: float
    candidate: tuple[int, int] | None = None


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def quote_similarity(a: str, b: str) -> float:
    """``SequenceMatcher.ratio`` of two strings (1.0 for identical, 0.0 for disjoint)."""
    if a == b:
        return 1.0
    if a > b:  # SequenceMatcher is not quite symmetric; fix an order so this is
        a, b = b, a
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def make_anchor(text: str, start: int, end: int) -> Anchor:
    """The anchor of ``text[start:end]``; ValueError if the span is empty or out of range."""
    if not (isinstance(start, int) and isinstance(end, int)):
        raise TypeError("start and end must be integers")
    if start < 0 or end > len(text) or start >= end:
        raise ValueError(f"empty or out-of-range span {start}:{end} in a text of {len(text)} characters")
    return Anchor(
        start=start,
        end=end,
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS):start],
        suffix=text[end:end + CONTEXT_CHARS],
        content_hash=content_hash(text),
    )


@dataclass(frozen=True)
class Relocation:
    """Where an annotation goes when its article's text changed (see ``relocate``)."""

    status: str  # "same" (its words, maybe elsewhere), "changed" (other words there), "orphan"
    start: int | None = None
    end: int | None = None
    exact: str | None = None  # for "same": the words as now written (line breaks may differ)
    prefix: str | None = None  # fresh context, for "same" only: a "changed" note keeps its own
    suffix: str | None = None


def same_words(a: str, b: str) -> bool:
    """Whether two quotes say the same words (line breaks and runs of spaces aside)."""
    return a == b or a.split() == b.split()


def relocate(anchor: Anchor, text: str) -> Relocation:
    """Follow an annotation's anchor into a new ``text``.

    Found with the same words: "same", with fresh context. Found, but the words there differ
    from the quote (a fuzzy match: "more than 170" became "more than 260"): "changed" — the
    caller keeps the reader's quote and flags the note for review, never rewrites it silently.
    Not found: "orphan"."""
    found = reattach(anchor, text)
    if found.status not in ("exact", "moved"):
        return Relocation("orphan")
    fresh = make_anchor(text, found.start, found.end)
    if same_words(fresh.exact, anchor.exact):
        return Relocation("same", fresh.start, fresh.end, fresh.exact, fresh.prefix, fresh.suffix)
    return Relocation("changed", fresh.start, fresh.end)


def reattach_all(anchors: Sequence[Anchor], text: str) -> list[Attachment]:
    return [reattach(anchor, text) for anchor in anchors]


def reattach(anchor: Anchor, text: str) -> Attachment:
    """Find ``anchor`` again in ``text`` (see the module docstring). Never raises for any text."""
    quote = anchor.exact
    n = len(text)
    if not quote or n == 0:
        return Attachment("orphan", None, None, 0.0, None)
    start, end = anchor.start, anchor.end
    in_range = 0 <= start < end <= n
    # 1. Same version of the text.
    if in_range and content_hash(text) == anchor.content_hash and text[start:end] == quote:
        return Attachment("exact", start, end, 1.0)
    # 2. The quote is still where it was.
    if in_range and text[start:end] == quote:
        return Attachment("moved", start, end, 1.0)
    # 3. The quote, verbatim, elsewhere.
    exact = _exact_elsewhere(anchor, text)
    if exact is not None:
        return exact
    # 4. Fuzzy search.
    if len(anchor.exact) > MAX_FUZZY_CHARS:  # aligning costs about its length squared
        return Attachment("orphan", None, None, 0.0, None)
    return _fuzzy(anchor, text)


# ----------------------------------------------------------------------------- helpers


def _proximity(anchor: Anchor, s: int, n: int) -> float:
    return max(0.0, 1.0 - abs(s - anchor.start) / max(n, 1))


def _context_similarity(anchor: Anchor, text: str, s: int, e: int) -> float:
    before = text[max(0, s - len(anchor.prefix)):s]
    after = text[e:e + len(anchor.suffix)]
    return (quote_similarity(anchor.prefix, before) + quote_similarity(anchor.suffix, after)) / 2


def _cheap_context(anchor: Anchor, text: str, s: int, e: int) -> float:
    """Share of the context that still touches the span verbatim (an under-estimate)."""
    total = len(anchor.prefix) + len(anchor.suffix)
    if total == 0:
        return 1.0
    p = anchor.prefix
    k = 0
    while k < len(p) and s - k - 1 >= 0 and text[s - k - 1] == p[len(p) - k - 1]:
        k += 1
    q = anchor.suffix
    m = 0
    while m < len(q) and e + m < len(text) and text[e + m] == q[m]:
        m += 1
    return (k + m) / total


def _occurrences(text: str, needle: str, limit: int = _MAX_OCCURRENCES) -> list[int]:
    found = []
    i = text.find(needle)
    while i != -1 and len(found) < limit:
        found.append(i)
        i = text.find(needle, i + 1)
    return found


def _exact_elsewhere(anchor: Anchor, text: str) -> Attachment | None:
    quote = anchor.exact
    n, L = len(text), len(quote)
    starts = _occurrences(text, quote)
    if not starts:
        return None
    # Shortlist cheaply, then score the shortlist with the full context similarity.
    def cheap(s: int) -> float:
        return _EXACT_W_CONTEXT * _cheap_context(anchor, text, s, s + L) + _EXACT_W_PROXIMITY * _proximity(anchor, s, n)

    if len(starts) > _REFINE_EXACT:
        starts = sorted(starts, key=cheap, reverse=True)[:_REFINE_EXACT]
    scored = []
    for s in starts:
        ctx = max(_context_similarity(anchor, text, s, s + L), _cheap_context(anchor, text, s, s + L))
        total = _EXACT_W_CONTEXT * ctx + _EXACT_W_PROXIMITY * _proximity(anchor, s, n)
        scored.append((total, ctx, s))
    # Context decides between verbatim copies; distance only breaks ties of full agreement.
    scored.sort(key=lambda t: (-t[1], abs(t[2] - anchor.start)))
    best_total, best_ctx, best_s = scored[0]
    unambiguous = (
        len(scored) == 1
        or best_ctx - scored[1][1] >= AMBIGUITY_MARGIN
        or best_ctx >= 0.99  # full context agreement (a tie with another is a true duplicate)
    )
    trusted = L >= SHORT_QUOTE_CHARS or best_ctx >= SHORT_QUOTE_MIN_CONTEXT
    if unambiguous and trusted:
        return Attachment("moved", best_s, best_s + L, round(best_total, 4))
    return Attachment("orphan", None, None, round(best_total, 4), (best_s, best_s + L))


def _candidate_starts(anchor: Anchor, text: str) -> list[int]:
    """Votes for where the quote may start now, from cheap exact probes."""
    quote = anchor.exact
    L, n = len(quote), len(text)
    votes: list[int] = []

    def add(needle: str, shift: int) -> None:
        # shift: the quote starts ``shift`` characters after the needle's position
        if not needle:
            return
        occ = _occurrences(text, needle)
        if len(occ) > _NEAREST_PER_PROBE:
            occ = sorted(occ, key=lambda i: abs(i + shift - anchor.start))[:_NEAREST_PER_PROBE]
        votes.extend(i + shift for i in occ)

    g = min(12, max(3, L // 3), L)
    if L >= 3:
        count = min(8, max(1, L // g + 1))
        offsets = sorted({round(k * (L - g) / max(count - 1, 1)) for k in range(count)})
        for off in offsets:
            add(quote[off:off + g], -off)
    words: dict[str, int] = {}
    for m in _WORD.finditer(quote):
        words.setdefault(m.group(), m.start())
    for word, off in list(words.items())[:12]:
        add(word, -off)
    tail = anchor.prefix[-12:]
    if len(tail) >= 4:
        add(tail, len(tail))
    head = anchor.suffix[:12]
    if len(head) >= 4:
        add(head, -L)
    votes.append(min(max(anchor.start, 0), max(n - 1, 0)))
    return votes


def _is_word(c: str) -> bool:
    return c.isalnum() or c == "_"


def _snap(text: str, s: int, e: int, snap_start: bool, snap_end: bool) -> tuple[int, int]:
    """Widen a span cut inside a word to the whole word (at most ``_MAX_SNAP`` characters).

    Without it a trimmed match ("begin in Ju" for "begin in June" when the text now says
    "July") would look more similar than the words really are.
    """
    if snap_start:
        k = s
        while k > 0 and s - k < _MAX_SNAP and _is_word(text[k - 1]) and _is_word(text[k]):
            k -= 1
        if not (k > 0 and _is_word(text[k - 1]) and _is_word(text[k])):
            s = k
    if snap_end:
        k = e
        while k < len(text) and k - e < _MAX_SNAP and _is_word(text[k - 1]) and _is_word(text[k]):
            k += 1
        if not (k < len(text) and _is_word(text[k - 1]) and _is_word(text[k])):
            e = k
    return s, e


def _align(anchor: Anchor, text: str, ws: int, we: int) -> tuple[int, int, float] | None:
    """The best span of ``text[ws:we]`` for the quote: (start, end, estimated similarity).

    One ``SequenceMatcher`` pass gives the matching blocks; a few spans built from them
    (dropping stray edge blocks, or stretching to the quote's full extent) are compared by
    the similarity the blocks imply, ``2 * matched / (len(quote) + len(span))``. Edges are
    widened to whole words where the quote itself began or ended on a word edge.
    """
    quote = anchor.exact
    L = len(quote)
    window = text[ws:we]
    blocks = [b for b in SequenceMatcher(None, quote, window, autojunk=False).get_matching_blocks() if b.size]
    if not blocks:
        return None
    snap_start = _is_word(quote[0]) and not (anchor.prefix and _is_word(anchor.prefix[-1]))
    snap_end = _is_word(quote[-1]) and not (anchor.suffix and _is_word(anchor.suffix[0]))
    first, last = blocks[0], blocks[-1]
    starts = {ws + b.b for b in blocks[:3]} | {max(ws, ws + first.b - first.a)}
    ends = {ws + b.b + b.size for b in blocks[-3:]} | {min(we, ws + last.b + last.size + (L - last.a - last.size))}
    best = None
    for s in sorted(starts):
        for e in sorted(ends):
            if e <= s:
                continue
            s2, e2 = _snap(text, s, e, snap_start, snap_end)
            matched = sum(max(0, min(ws + b.b + b.size, e2) - max(ws + b.b, s2)) for b in blocks)
            q = 2 * matched / (L + e2 - s2)
            if best is None or q > best[2]:
                best = (s2, e2, q)
    return best


def _fuzzy(anchor: Anchor, text: str) -> Attachment:
    quote = anchor.exact
    L, n = len(quote), len(text)
    votes = sorted(_candidate_starts(anchor, text))
    # Cluster nearby votes; each cluster is one window to align.
    gap = max(4, L // 4)
    clusters: list[list[int]] = []
    for v in votes:
        if clusters and v - clusters[-1][-1] <= gap:
            clusters[-1].append(v)
        else:
            clusters.append([v])
    clusters.sort(key=lambda c: (-len(c), abs(c[len(c) // 2] - anchor.start)))
    slack = L // 4 + 8
    candidates = []
    seen = set()
    # Aligning costs about len(quote) ** 2: align fewer windows for long quotes.
    budget = max(2, min(_MAX_WINDOWS, _ALIGN_BUDGET // max(L * L, 1)))
    for c in clusters[:budget]:
        med = c[len(c) // 2]  # a long chain of votes is cut around its median
        ws = max(0, max(c[0], med - L // 4) - slack)
        we = min(n, min(c[-1], med + L // 4) + L + slack)
        if we <= ws:
            continue
        aligned = _align(anchor, text, ws, we)
        if aligned is None or aligned[:2] in seen:
            continue
        seen.add(aligned[:2])
        s, e, q = aligned
        ctx = _context_similarity(anchor, text, s, e)
        score = _W_QUOTE * q + _W_CONTEXT * ctx + _W_PROXIMITY * _proximity(anchor, s, n)
        candidates.append((score, q, s, e))
    if not candidates:
        return Attachment("orphan", None, None, 0.0, None)
    candidates.sort(key=lambda t: (-t[0], -t[1], abs(t[2] - anchor.start)))
    score, q, s, e = candidates[0]
    rival = next((c for c in candidates[1:] if c[3] <= s or c[2] >= e), None)  # a different place
    # The decision rests on the true similarity of the chosen words, not the estimate.
    true_q = quote_similarity(quote, text[s:e])
    score += _W_QUOTE * (true_q - q)
    q = true_q
    clear = rival is None or score - rival[0] >= AMBIGUITY_MARGIN
    if q >= MOVED_QUOTE_SIMILARITY and score >= MOVED_MIN_SCORE and clear:
        return Attachment("moved", s, e, round(score, 4))
    candidate = (s, e) if q >= CANDIDATE_MIN_SIMILARITY else None
    return Attachment("orphan", None, None, round(score, 4), candidate)

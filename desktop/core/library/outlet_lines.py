"""Lines an outlet repeats in its articles: the library-level boilerplate signal.

A publisher's widgets come back in every article it publishes ("Click here for reprint
permission.", "Read or Share this story: …", a newsletter box), while its reporting does not. So a
line found word for word in two or more *different* articles of the same outlet is taken for
that outlet's boilerplate (kind ``"repeated"``), whatever it says.

Two captures of the same story (an update, a wire story run twice) share most of their lines;
such near-duplicates count as one article here, or every line of an updated story would be
dimmed. Long lines are prose even when repeated (background paragraphs reused in follow-ups),
so only lines of at most ``MAX_WORDS`` words take part.

``recurring_lines(texts)`` works on plain data (article id -> text) and is fast: one pass over
the lines, a dictionary of line keys, and a near-duplicate check between the few articles that
share rare lines. ``refresh_outlets`` (in ``importing``) applies it to the library.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

KIND = "repeated"
MIN_ARTICLES = 2  # distinct articles of one outlet a line must appear in
MAX_WORDS = 30  # longer lines are prose, even when an outlet repeats them
MIN_CHARS = 4
NEAR_DUPLICATE_SHARE = 0.5  # two articles sharing this share of their lines are one story
RARE = 4  # lines found in at most this many articles are used to find near-duplicates
LONGEST_LINE = MAX_WORDS * 12  # characters: longer lines are prose


def is_candidate(line: str, words: list[str]) -> bool:
    """Whether a line may be an outlet's boilerplate: short, with letters."""
    return MIN_CHARS <= len(line) <= LONGEST_LINE and len(words) <= MAX_WORDS and any(c.isalpha() for c in line)


def line_keys(text: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, key, candidate) of every line of ``text``: offsets of the stripped line, its key
    (casefolded, spaces collapsed), and whether it is short enough to be boilerplate."""
    out = []
    append = out.append
    pos = 0
    for piece in text.split("\n"):
        stripped = piece.strip()
        if stripped:
            n = len(stripped)
            start = pos if n == len(piece) or not piece[0].isspace() else pos + piece.index(stripped[0])
            if n > LONGEST_LINE:  # prose: only compared whole, to find reused reporting
                append((start, start + n, stripped, False))
            else:
                words = stripped.split()
                key = " ".join(words)
                if key.isascii():  # lower() is casefold() here, and islower() says it has letters
                    key = key.lower()
                    candidate = n >= MIN_CHARS and len(words) <= MAX_WORDS and key.islower()
                else:
                    key = key.casefold()
                    candidate = is_candidate(stripped, words)
                append((start, start + n, key, candidate))
        pos += len(piece) + 1
    return out


def recurring_lines(texts: Mapping[int, str] | Iterable[tuple[int, str]],
                    known: Mapping[str, list[tuple[int, int, str, bool]]] | None = None
                    ) -> dict[int, list[tuple[int, int]]]:
    """For articles of ONE outlet (id -> text): the (start, end) of each line that recurs in at
    least ``MIN_ARTICLES`` different articles (near-duplicates counted once). Articles with no
    such line are left out of the result. ``known``: text -> its ``line_keys``, when an import
    has them already (``text_lines.split_lines_keyed``)."""
    items = list(texts.items() if isinstance(texts, Mapping) else texts)
    lines: dict[int, list[tuple[int, int, str, bool]]] = {}
    holders: dict[str, set[int]] = defaultdict(set)
    candidates: set[str] = set()
    for article_id, text in items:
        found = known.get(text) if known else None
        if found is None:
            found = line_keys(text)
        lines[article_id] = found
        for _, _, key, candidate in found:
            holders[key].add(article_id)
            if candidate:
                candidates.add(key)
    shared = {key: ids for key, ids in holders.items() if len(ids) >= MIN_ARTICLES}
    if not shared.keys() & candidates:
        return {}
    story_of = _near_duplicate_stories(lines, shared, candidates)
    recurring = {key for key, ids in shared.items()
                 if key in candidates and len({story_of.get(i, i) for i in ids}) >= MIN_ARTICLES}
    out: dict[int, list[tuple[int, int]]] = {}
    for article_id, found in lines.items():
        spans = [(start, end) for start, end, key, candidate in found if candidate and key in recurring]
        if spans:
            out[article_id] = spans
    return out


def _near_duplicate_stories(lines: dict[int, list[tuple[int, int, str, bool]]],
                            shared: dict[str, set[int]], candidates: set[str]) -> dict[int, int]:
    """Article id -> the id standing for its story, for articles that are near-duplicates of
    another, or reuse its reporting: they share more than ``NEAR_DUPLICATE_SHARE`` of their lines
    (counting rare lines), or a paragraph too long to be a widget (a fact box, background)."""
    pair_counts: dict[tuple[int, int], int] = defaultdict(int)
    for key, ids in shared.items():
        if len(ids) <= RARE:
            ordered = sorted(ids)
            weight = 1 if key in candidates else 1_000_000  # a shared paragraph of prose: same story
            for n, a in enumerate(ordered):
                for b in ordered[n + 1:]:
                    pair_counts[a, b] += weight
    distinct = {a: len({line[2] for line in found}) for a, found in lines.items()}
    parent: dict[int, int] = {}

    def root(i: int) -> int:
        while parent.get(i, i) != i:
            i = parent[i]
        return i

    for (a, b), count in pair_counts.items():
        smaller = min(distinct[a], distinct[b])
        if count >= 1_000_000 or (count >= 2 and count > NEAR_DUPLICATE_SHARE * smaller):
            ra, rb = root(a), root(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    return {i: root(i) for i in parent}


__all__ = ["KIND", "MAX_WORDS", "MIN_ARTICLES", "line_keys", "recurring_lines"]

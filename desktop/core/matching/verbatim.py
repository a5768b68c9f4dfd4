"""Verbatim reuse: word sequences that several articles share word for word.

``find_verbatim(articles, min_words=6)`` returns ``SharedPassage``s: a run of at least
``min_words`` words that occurs in two or more different articles, with one ``Mention`` per
article pointing into that article's original text.

Words and what counts as "the same"
    A word is a run of word characters (``\\w``), apostrophes inside it included ("Russia’s"),
    a dotted acronym ("U.S.", "e.g.") or a number with separators ("1,000", "3.5"). Words are
    compared after normalisation: Unicode NFKC, casefold, typographic apostrophes to ``'``,
    the dots of dotted acronyms dropped ("U.S." = "US" = "us"), thousands commas dropped
    ("1,000" = "1000"). Everything between words (quote marks “ ” " ‘ ’ ' « », commas, dashes,
    spaces, line breaks) is ignored, so a quotation matches the same words reported without
    quote marks, in another case, or wrapped over two lines.

Spans
    A mention runs from the first character of its first word to the last character of its
    last word (half-open offsets into the original text), so quote marks and punctuation
    around the passage are not part of it. A dotted acronym's final dot belongs to the word.

Skip spans (boilerplate)
    A word that overlaps a skip span takes no part, and a shared run never crosses a skip span:
    the words before and after it are not adjacent for this module.

What is reported
    Think of the pairwise maximal runs (two articles, a run of words that cannot grow on
    either side). Runs over more than two articles are combined where they overlap in a
    common article: an A–B run and an A–C run that overlap in A give one A–B–C passage over
    their intersection when that is ``min_words`` long or more; when it is shorter they stay
    two separate passages. Formally, the candidates are the *maximal shared sequences*: at
    least ``min_words`` words, occurring in two or more articles, not all occurrences preceded
    by the same word, not all followed by the same word. Two rules then drop redundant ones,
    so the typical case reads as one passage:
    1. a sequence lying inside a longer one shared by all the same articles goes (a fragment
       of the full quotation, or a shorter repeat elsewhere in an article);
    2. a sequence of fewer articles that only extends a sequence of more articles by fewer
       than ``min_words`` words on each side goes (A–B–C share 30 words, B–C share 33 of which
       these 30: one passage, A–B–C, 30 words). When it extends it by ``min_words`` or more
       on a side both stay, overlapping (A–B share 40 words, A–B–C 11 of them: two passages).
    One mention per article. All occurrences of a passage have the same words; when an article
    has it more than once, the first occurrence is used (a longer occurrence that belongs to a
    longer shared passage is reported by that passage, which absorbs the shorter one).

Algorithm (cost grows with the text and with what is shared, never with all pairs of articles)
    1. Tokenise every article, intern the normalised words as integers; a skip span becomes a
       break marker that equals nothing.
    2. Hash every window of ``min_words`` consecutive words (a shingle); keep the shingles that
       occur in two or more articles, with all their occurrences (an inverted index).
    3. From each such shingle whose occurrences do not all have the same previous word, grow
       the group of its occurrences word by word, all together while they agree; where they
       part, the group so far is a maximal shared sequence, and each branch that still spans
       two articles grows on. A shared quotation in m articles costs O(m × words), not O(m²).
    4. Apply the two rules (by looking sequences up by their words, not by comparing pairs).
    A shingle repeated more than ``MAX_REPEAT`` times inside one article (a text pasted over
    and over) starts nothing, which keeps degenerate input from exploding; passages still grow
    through it.

Output order: words descending, then the first mention's (article, start), then the text.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate, chain

from desktop.core.matching.comparison import Mention

DEFAULT_MIN_WORDS = 6
MAX_REPEAT = 10  # a shingle more often than this inside one article starts no passage

__all__ = [
    "DEFAULT_MIN_WORDS", "MAX_REPEAT", "SharedPassage", "Word", "find_verbatim", "normalize_text",
    "tokenize", "within_paragraphs",
]


@dataclass(frozen=True)
class SharedPassage:
    """One word sequence shared by two or more different articles, one mention per article."""

    mentions: tuple[Mention, ...]  # sorted by article id
    words: int  # number of shared words
    normalized: str  # the normalised words joined by single spaces

    @property
    def articles(self) -> tuple[int, ...]:
        return tuple(m.article for m in self.mentions)


@dataclass(frozen=True)
class Word:
    """One word of a text: its half-open character span and its normalised form."""

    start: int
    end: int
    norm: str


# Order matters: the first alternatives must win over plain \w+. One capturing group around
# the whole, so that ``split`` returns gap, word, gap, word, ..., gap.
_TOKEN = re.compile(
    r"""(
      [^\W\d_](?:\.[^\W\d_])+\.?(?!\w)   # dotted acronym: U.S.  U.S  e.g.  (not U.S.Then)
    | \d+(?:[.,]\d+)+(?!\w)             # number with separators: 1,000  3.5
    | \w+(?:['’ʼ]\w+)*                  # word, apostrophes inside: Russia’s  can't
    )""",
    re.VERBOSE,
)
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")


def _normalize_token(raw: str) -> str:
    if not raw.isascii():
        raw = unicodedata.normalize("NFKC", raw).replace("’", "'").replace("ʼ", "'")
    if "." in raw or "," in raw:
        if raw[0].isdigit():
            if _THOUSANDS.fullmatch(raw):
                raw = raw.replace(",", "")
        else:
            raw = raw.replace(".", "")  # dotted acronym
    return raw.casefold()


def tokenize(text: str) -> list[Word]:
    """The words of ``text`` with their spans and normalised forms (see the module docstring)."""
    raw, starts, ends = _words(text)
    return [Word(s, e, _normalize_token(w)) for w, s, e in zip(raw, starts, ends, strict=True)]


def normalize_text(text: str) -> str:
    """The normalised words of ``text`` joined by single spaces: what ``normalized`` holds."""
    return " ".join(w.norm for w in tokenize(text))


# ----------------------------------------------------------------------------- internals


class _Doc:
    """One article as a sequence of interned word ids; skip spans are unique negative breaks."""

    __slots__ = ("ends", "id", "seq", "starts")

    def __init__(self, article_id: int, seq: tuple[int, ...], starts: list[int], ends: list[int]):
        self.id = article_id
        self.seq = seq
        self.starts = starts
        self.ends = ends


def merged_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for start, end in sorted((int(s), int(e)) for s, e in spans):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def _words(text: str) -> tuple[list[str], list[int], list[int]]:
    """Raw words, their starts and their ends, without a Python-level loop per word."""
    pieces = _TOKEN.split(text)  # gap, word, gap, word, ..., gap
    cumulative = list(accumulate(map(len, pieces)))
    return pieces[1::2], cumulative[0:-1:2], cumulative[1::2]


def _build_doc(
    article_id: int, text: str, skips: Sequence[tuple[int, int]],
    vocab: dict[str, int], raw_ids: dict[str, int], next_break: list[int],
) -> _Doc:
    raw, starts, ends = _words(text)
    ids = list(map(raw_ids.get, raw))
    if None in ids:
        for i, wid in enumerate(ids):
            if wid is None:
                wid = raw_ids.get(raw[i])
                if wid is None:
                    wid = vocab.setdefault(_normalize_token(raw[i]), len(vocab))
                    raw_ids[raw[i]] = wid
                ids[i] = wid
    spans = merged_spans(skips) if skips else []
    if not spans:
        return _Doc(article_id, tuple(ids), starts, ends)
    # Words overlapping a skip span are dropped; one break marker replaces each skipped stretch
    # (a span with no word inside still separates the words around it).
    seq: list[int] = []
    out_starts: list[int] = []
    out_ends: list[int] = []
    kept_from = 0
    for s, e in spans:
        lo = bisect_right(ends, s)  # first word ending after the span starts
        hi = bisect_left(starts, e)  # first word starting at or after the span's end
        seq.extend(ids[kept_from:lo])  # empty when a word straddles two spans
        out_starts.extend(starts[kept_from:lo])
        out_ends.extend(ends[kept_from:lo])
        if seq and seq[-1] >= 0:
            seq.append(next_break[0])
            out_starts.append(-1)
            out_ends.append(-1)
            next_break[0] -= 1
        kept_from = max(kept_from, hi)
    seq.extend(ids[kept_from:])
    out_starts.extend(starts[kept_from:])
    out_ends.extend(ends[kept_from:])
    return _Doc(article_id, tuple(seq), out_starts, out_ends)


class _Node:
    """A maximal shared word sequence: its word ids and *all* its occurrences."""

    __slots__ = ("arts", "covered", "key", "occ")

    def __init__(self, key: tuple[int, ...], occ: dict[int, list[int]], covered: bool):
        self.key = key
        self.occ = occ  # document index -> sorted word starts
        self.arts = frozenset(occ)
        self.covered = covered  # the same articles share a longer sequence that starts here


def _maximal_repeats(docs: list[_Doc], k: int) -> list[_Node]:
    """Every shared word sequence of ``k`` words or more that cannot grow.

    A sequence is a node when it occurs in two or more documents, its occurrences are not all
    preceded by the same word (it would grow to the left: found from an earlier shingle) and
    not all followed by the same word (it would grow to the right). Found by growing, from
    each shingle whose occurrences have different predecessors, the group of its occurrences
    word by word, and splitting it where the occurrences go on differently.
    """
    seqs = [d.seq for d in docs]
    lens = [len(seq) for seq in seqs]
    # the hash of each window seq[i:i + k], from tuples zip builds in C
    hashes = [list(map(hash, zip(*(seq[j:] for j in range(k))))) for seq in seqs]
    # shingles present in two or more articles (repeats inside one article do not count)
    counts = Counter(chain.from_iterable(map(set, hashes)))
    shared = {h for h, c in counts.items() if c > 1}
    nodes: list[_Node] = []
    if not shared:
        return nodes
    occurrences: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for a, hs in enumerate(hashes):
        if shared.isdisjoint(hs):
            continue
        for i in [i for i, h in enumerate(hs) if h in shared]:
            occurrences[hs[i]].append((a, i))
    # A shingle repeated many times inside one article (a chant, a table, text pasted over and
    # over) would make the groups explode: it starts no passage, and the word before a passage
    # is compared only when the shingle there is not such a one.
    noisy = {h for h, occ in occurrences.items()
             if len(occ) > MAX_REPEAT and max(Counter(a for a, _ in occ).values()) > MAX_REPEAT}

    def before(a: int, i: int) -> int:
        """The word before position i, or a value unique to (a, i) where there is none."""
        if i and seqs[a][i - 1] >= 0 and hashes[a][i - 1] not in noisy:
            return seqs[a][i - 1]
        return -1 - ((a << 32) | i)

    def worth_growing(group: list[tuple[int, int, int]]) -> bool:
        return (len(group) > 1 and len({a for a, _, _ in group}) > 1
                and len({p for _, _, p in group}) > 1)

    for h, occ in occurrences.items():
        if h in noisy:
            continue
        first = [(a, i, before(a, i)) for a, i in occ]
        if len({p for _, _, p in first}) < 2:
            continue  # every occurrence continues a longer shared sequence: found from there
        roots: dict[tuple[int, ...], list[tuple[int, int, int]]] = defaultdict(list)
        for member in first:  # group by the words themselves: hash collisions split apart
            roots[seqs[member[0]][member[1]:member[1] + k]].append(member)
        stack = [(group, k) for group in roots.values() if worth_growing(group)]
        while stack:
            group, length = stack.pop()
            while True:
                nxt = [seqs[a][i + length] if i + length < lens[a] else -1 for a, i, _ in group]
                w0 = nxt[0]
                if w0 >= 0 and nxt.count(w0) == len(nxt):
                    length += 1  # all occurrences go on with the same word
                    continue
                break
            # some occurrence stops here: a maximal sequence
            branches: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
            for member, w in zip(group, nxt, strict=True):
                if w >= 0:
                    branches[w].append(member)
            occ_by_doc: dict[int, list[int]] = defaultdict(list)
            for a, i, _ in group:
                occ_by_doc[a].append(i)
            n_docs = len(occ_by_doc)
            covered = any(len({a for a, _, _ in sub}) == n_docs for sub in branches.values())
            a0, i0, _ = group[0]
            nodes.append(_Node(seqs[a0][i0:i0 + length], dict(occ_by_doc), covered))
            stack.extend((sub, length + 1) for sub in branches.values() if worth_growing(sub))
    return nodes


def _contains(outer: tuple[int, ...], inner: tuple[int, ...]) -> bool:
    n = len(inner)
    first = inner[0]
    return any(outer[i] == first and outer[i:i + n] == inner for i in range(len(outer) - n + 1))


def _drop_redundant(nodes: list[_Node], k: int) -> list[bool]:
    """keep[i] for each node; the two rules of the module docstring.

    Rule 1 (the words lie inside a longer sequence shared by all the same articles): a longer
    sequence that starts with these words is seen while growing (``covered``); one that holds
    them further in is only possible when an article repeats them (otherwise every occurrence
    would have the same predecessor), so only those nodes are compared with the others.
    Rule 2 (only extends a sequence of more articles by fewer than k words on each side): that
    sequence starts within the first k words and ends within the last k, so it is looked up
    by its words among the nodes (at most k * k lookups).
    """
    by_key = {node.key: node for node in nodes}
    by_article: dict[int, list[_Node]] = defaultdict(list)
    for node in nodes:
        for a in node.arts:
            by_article[a].append(node)
    keep = []
    for node in nodes:
        words = len(node.key)
        if node.covered:
            keep.append(False)
            continue
        if any(len(starts) > 1 for starts in node.occ.values()):
            pivot = min(node.arts)
            if any(len(other.key) > words and node.arts <= other.arts
                   and _contains(other.key, node.key) for other in by_article[pivot]):
                keep.append(False)
                continue
        absorbed = False
        n_arts = len(node.arts)
        for left in range(min(k, words - k + 1)):
            for right in range(min(k, words - k - left + 1)):
                if left == right == 0:
                    continue
                other = by_key.get(node.key[left:words - right])
                if other is not None and len(other.arts) > n_arts:
                    absorbed = True
                    break
            if absorbed:
                break
        keep.append(not absorbed)
    return keep


def find_verbatim(
    articles: Sequence[tuple[int, str, Sequence[tuple[int, int]]]],
    min_words: int = DEFAULT_MIN_WORDS,
) -> list[SharedPassage]:
    """Passages of ``min_words`` words or more shared word for word by two or more articles.

    ``articles``: (article id, full text, skip spans) triples; skip spans are half-open
    character ranges (boilerplate) whose words take no part. See the module docstring for what
    counts as the same word, how multi-article passages are formed, and the output order.
    """
    if min_words < 1:
        raise ValueError(f"min_words must be at least 1, not {min_words}")
    ids = [int(article_id) for article_id, _, _ in articles]
    if len(set(ids)) != len(ids):
        raise ValueError("article ids must be unique")
    if len(ids) < 2:
        return []
    vocab: dict[str, int] = {}
    raw_ids: dict[str, int] = {}
    next_break = [-1]
    docs = [
        _build_doc(article_id, text, skips or (), vocab, raw_ids, next_break)
        for article_id, (_, text, skips) in zip(ids, articles, strict=True)
    ]
    nodes = _maximal_repeats(docs, min_words)
    if not nodes:
        return []
    words_of = [""] * len(vocab)
    for norm, wid in vocab.items():
        words_of[wid] = norm
    passages: list[SharedPassage] = []
    for node, kept in zip(nodes, _drop_redundant(nodes, min_words), strict=True):
        if not kept:
            continue
        n = len(node.key)
        mentions = []
        for d, starts in node.occ.items():
            doc, text = docs[d], articles[d][1]
            s, e = doc.starts[starts[0]], doc.ends[starts[0] + n - 1]
            mentions.append(Mention(article=doc.id, start=s, end=e, text=text[s:e]))
        mentions.sort(key=lambda m: (m.article, m.start))
        passages.append(SharedPassage(mentions=tuple(mentions), words=n,
                                      normalized=" ".join(words_of[w] for w in node.key)))
    passages.sort(key=_passage_order)
    return passages


def _passage_order(p: SharedPassage) -> tuple:
    """Longest first, then by where they stand: the order ``find_verbatim`` reports passages in."""
    return (-p.words, p.mentions[0].article, p.mentions[0].start, p.normalized, [(m.article, m.start) for m in p.mentions])


# a paragraph ends between two words: a blank line, or a line break after the end of a sentence (a
# line broken inside a sentence, hard-wrapped text, is no paragraph break)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n|[.!?:;”\"’')\]][ \t\r]*\n")


def within_paragraphs(passages: Sequence[SharedPassage], texts: Mapping[int, str],
                      min_words: int = DEFAULT_MIN_WORDS) -> list[SharedPassage]:
    """The passages as a reader sees them: one that runs into the first word or two of the next
    paragraph in some article ("...until order is restored.\n\nThe") stops at the break, and one
    that starts with the last words of a paragraph starts after it, when that piece is shorter
    than ``min_words`` words; a passage left shorter than that goes. Two paragraphs copied whole
    stay one passage. (``find_verbatim`` itself reports the word runs as they are.)"""
    out = []
    for passage in passages:
        bounds = [_word_bounds(texts[m.article], m) for m in passage.mentions]
        n = min(len(b) for b in bounds)
        breaks = {i for b, m in zip(bounds, passage.mentions, strict=True) for i in range(1, n)
                  if _PARAGRAPH_BREAK.search(texts[m.article], max(0, b[i - 1][1] - 1), b[i][0])}
        first, last = 0, n
        if breaks:
            head, tail = min(breaks), max(breaks)
            first = head if head < min_words else 0
            last = tail if n - tail < min_words and tail > first else n
        if (first, last) == (0, n):
            out.append(passage)
            continue
        if last - first < min_words:
            continue
        mentions = tuple(Mention(article=m.article, start=b[first][0], end=b[last - 1][1],
                                 text=texts[m.article][b[first][0]:b[last - 1][1]])
                         for b, m in zip(bounds, passage.mentions, strict=True))
        words = passage.normalized.split()
        out.append(SharedPassage(mentions=mentions, words=last - first,
                                 normalized=" ".join(words[first:last]) if len(words) == n else passage.normalized))
    return sorted(out, key=_passage_order)  # a trimmed passage may now be shorter than the next


def _word_bounds(text: str, mention: Mention) -> list[tuple[int, int]]:
    """(start, end) in the text of each word of a mention, as ``find_verbatim`` counts words."""
    raw, starts, ends = _words(text[mention.start:mention.end])
    return [(mention.start + s, mention.start + e) for s, e in zip(starts, ends, strict=True)]

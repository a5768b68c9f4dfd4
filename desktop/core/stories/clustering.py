"""Group articles into stories about one *event* (not one topic).

Each article becomes a weighted bag of words from its headline (counted ``TITLE_WEIGHT`` times)
and its opening ``LEAD_WORDS`` words: names, numbers and key terms weigh by how rare they are
in news text (``-log p(word)`` from the shipped meaning-vector table, so the weights never
depend on the library and a new import is scored exactly like a full run). Two articles score
the cosine of those bags, blended with the cosine of their meaning vectors (#9), times a date
factor: full within ``SAME_DAYS`` days, falling to nothing at ``WINDOW_DAYS``. Articles without
a usable date are compared on text alone, against a stricter bar (``UNDATED_PENALTY``), and
the label says so.

Stories grow by average linkage over the scored pairs (a pair never scored counts 0): two
groups join only while the mean score over *every* pair across them clears ``threshold``, so a
chain A~B~C where A and C differ does not make one story (single linkage would).

The label is the most central headline of the group (the one most like the others).

Pure functions over :class:`StoryArticle`; numpy only.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

import numpy as np

from desktop.core.matching.meaning import packaged, tokenize

__all__ = [
    "Cancelled", "Settings", "StoryArticle", "StorySuggestion", "article_date", "find_stories", "pair_scores",
    "score_pairs",
]

TITLE_WEIGHT = 3
LEAD_WORDS = 150
LEAD_CHARS = 1100
BLOCK_DAYS = 14  # dated articles are scored a fortnight at a time against the days that follow
BLOCK_ARTICLES = 300  # at most this many rows (and columns) per block: memory stays bounded
UNDATED_NOTE = "undated: grouped by text alone"
SOME_UNDATED_NOTE = "some undated: grouped by text alone"
CHECK_EVERY = 256  # articles read (or merges made) between two looks at ``is_cancelled``


class Cancelled(Exception):
    """``is_cancelled()`` turned true: the work stopped early and its partial result is dropped."""


def _stop_if(is_cancelled: Callable[[], bool] | None) -> None:
    if is_cancelled is not None and is_cancelled():
        raise Cancelled


@dataclass(frozen=True)
class Settings:
    """The knobs ``benchmarks/story_quality.py`` tunes (defaults: the tuned values)."""

    threshold: float = 0.08  # average-linkage cut
    meaning_share: float = 0.3  # weight of the meaning-vector cosine in a pair's score
    meaning_floor: float = 0.5  # meaning cosine below this counts 0 (same-topic news sits near it)
    same_days: int = 1  # full date factor up to this many days apart
    window_days: int = 7  # no pair further apart than this
    undated_penalty: float = 0.8  # an undated pair's score is multiplied by this
    min_pair: float = 0.04  # pairs below this are dropped before clustering (keeps it sparse)
    undated_candidates: int = 15  # an undated article is scored against its nearest this many


@dataclass(frozen=True)
class StoryArticle:
    """What clustering needs of one article."""

    id: int
    title: str | None
    text: str
    published: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class StorySuggestion:
    """One found story: library article ids, most central first; ``first``/``last`` are ISO dates
    (None when no member has a date)."""

    label: str
    article_ids: tuple[int, ...]
    first: str | None
    last: str | None
    undated: int = 0  # members without a usable date

    def as_json(self) -> dict:
        return {"label": self.label, "articles": list(self.article_ids), "first": self.first, "last": self.last}


def article_date(published: str | None) -> date | None:
    """The calendar date of an ISO ``published`` value (date or date-time), else None."""
    if not published or len(published) < 10:
        return None
    try:
        day = date.fromisoformat(published[:10])
    except ValueError:
        return None
    return day if 1900 <= day.year <= 2200 else None


# ------------------------------------------------------------------ article vectors


@lru_cache(maxsize=1)
def _word_weights() -> tuple[dict[str, int], np.ndarray, float]:
    """(word -> index, weight per index, weight of an unknown word): ``-log p(word)``."""
    vectors = packaged()
    artefact = resources.files("desktop.core.matching").joinpath("meaning_vectors.npz")
    with resources.as_file(artefact) as path, np.load(path, allow_pickle=False) as data:
        probabilities = data["probabilities"].astype(np.float64)
    probabilities = np.clip(probabilities, 1e-9, 1.0)
    weights = -np.log(probabilities)
    unknown = float(weights.max()) + 1.0  # a word the table never saw: a rare name
    return vectors.index, weights, unknown


_STOP_WORDS = (
    "the a an and or of to in on for at by with from as is are was were be been has have had it its"
    " that this these those he she they we you i his her their our not but said says say will would"
    " could should can may might also than then there which who whom what when where how after before"
    " about into over more most some any all no one two new just like do does did so if up out"
)
_STOP = frozenset(_STOP_WORDS.split())


def _tokens(article: StoryArticle) -> tuple[list[str], list[str]]:
    """(headline tokens, tokens of the opening ``LEAD_WORDS`` words): tokenised once, used by
    both the term vector and the meaning vector."""
    return tokenize(article.title or ""), tokenize(article.text[:LEAD_CHARS])[:LEAD_WORDS]


def _terms(title: list[str], lead: list[str]) -> dict[str, float]:
    counts: dict[str, float] = {}
    for word in title:
        if word not in _STOP:
            counts[word] = counts.get(word, 0.0) + TITLE_WEIGHT
    for word in lead:
        if word not in _STOP and len(word) > 1:
            counts[word] = counts.get(word, 0.0) + 1.0
    return counts


def _weight(term: str, index: dict[str, int], weights: np.ndarray, unknown: float) -> float:
    """``-log p`` of a word (``unknown`` for a word the table lacks: a rare name)."""
    k = index.get(term)
    return float(weights[k]) if k is not None else unknown


class _Vectors:
    """Sparse weighted term vectors (unit length) and meaning vectors for a list of articles."""

    def __init__(self, articles: Sequence[StoryArticle], is_cancelled: Callable[[], bool] | None = None):
        index, weights, unknown = _word_weights()
        table = packaged()
        vocabulary: dict[str, int] = {}
        self.ids: list[np.ndarray] = []
        self.values: list[np.ndarray] = []
        self.meaning = np.zeros((len(articles), table.dim), dtype=np.float32)
        for row, article in enumerate(articles):
            if row % CHECK_EVERY == 0:
                _stop_if(is_cancelled)
            title, lead = _tokens(article)
            counts = _terms(title, lead)
            keys = np.fromiter((vocabulary.setdefault(w, len(vocabulary)) for w in counts), dtype=np.int64,
                               count=len(counts))
            idf = np.array([_weight(w, index, weights, unknown) for w in counts], dtype=np.float64)
            tf = 1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))
            value = tf * idf
            norm = float(np.sqrt(value @ value)) or 1.0
            order = np.argsort(keys)
            self.ids.append(keys[order])
            self.values.append((value / norm)[order].astype(np.float32))
            found = [i for i in map(index.get, (*title, *lead)) if i is not None]
            if found:
                vector = table.rows(np.array(found)).sum(axis=0)
                length = float(np.sqrt(vector @ vector))
                if length:
                    self.meaning[row] = vector / length

    def cosine(self, i: int, j: int) -> float:
        _, a, b = np.intersect1d(self.ids[i], self.ids[j], assume_unique=True, return_indices=True)
        return float(self.values[i][a] @ self.values[j][b]) if len(a) else 0.0

    def dense(self, rows: Sequence[int], vocab: np.ndarray) -> np.ndarray:
        out = np.zeros((len(rows), len(vocab)), dtype=np.float32)
        for r, row in enumerate(rows):
            out[r, np.searchsorted(vocab, self.ids[row])] = self.values[row]
        return out

    def term_cosines(self, rows: Sequence[int], cols: Sequence[int]) -> np.ndarray:
        vocab = np.unique(np.concatenate([self.ids[i] for i in (*rows, *cols)] or [np.zeros(0, np.int64)]))
        return self.dense(rows, vocab) @ self.dense(cols, vocab).T


def _blend(term: np.ndarray, meaning: np.ndarray, settings: Settings) -> np.ndarray:
    floor = settings.meaning_floor
    scaled = np.clip((meaning - floor) / (1.0 - floor), 0.0, 1.0)
    return (1.0 - settings.meaning_share) * term + settings.meaning_share * scaled


def _date_factor(gap: np.ndarray, settings: Settings) -> np.ndarray:
    span = max(1, settings.window_days - settings.same_days)
    return np.clip(1.0 - (gap - settings.same_days) / span, 0.0, 1.0) * (gap <= settings.window_days)


def score_pairs(articles: Sequence[StoryArticle], settings: Settings = Settings(),
                vectors: _Vectors | None = None,
                is_cancelled: Callable[[], bool] | None = None) -> dict[tuple[int, int], float]:
    """Scores of the pairs worth considering, keyed by (i, j) indices into ``articles``, i < j.
    Raises ``Cancelled`` (checked once per block) when ``is_cancelled()`` turns true."""
    vectors = vectors or _Vectors(articles, is_cancelled)
    days = [article_date(a.published) for a in articles]
    dated = sorted((d.toordinal(), i) for i, d in enumerate(days) if d is not None)
    undated = [i for i, d in enumerate(days) if d is None]
    pairs: dict[tuple[int, int], float] = {}

    def keep(i: int, j: int, value: float) -> None:
        if value >= settings.min_pair and i != j:
            key = (i, j) if i < j else (j, i)
            if value > pairs.get(key, 0.0):
                pairs[key] = value

    # dated: blocks of consecutive days against the days that follow, within the window
    ordinals = np.array([o for o, _ in dated], dtype=np.int64)
    order = [i for _, i in dated]
    start = 0
    while start < len(order):
        end = int(np.searchsorted(ordinals, ordinals[start] + BLOCK_DAYS, side="left"))
        end = min(end, start + BLOCK_ARTICLES)  # many articles on one day: smaller blocks, same pairs
        reach = int(np.searchsorted(ordinals, ordinals[end - 1] + settings.window_days, side="right"))
        rows = order[start:end]
        row_at = np.arange(start, end)
        for first in range(start, reach, BLOCK_ARTICLES):
            _stop_if(is_cancelled)
            last = min(first + BLOCK_ARTICLES, reach)
            cols = order[first:last]
            term = vectors.term_cosines(rows, cols)
            meaning = vectors.meaning[rows] @ vectors.meaning[cols].T
            gap = np.abs(ordinals[start:end, None] - ordinals[None, first:last]).astype(np.float64)
            score = _blend(term, meaning, settings) * _date_factor(gap, settings)
            score[np.arange(first, last)[None, :] <= row_at[:, None]] = 0.0  # each pair once, never itself
            for r, c in zip(*np.nonzero(score >= settings.min_pair), strict=True):
                keep(rows[r], cols[c], float(score[r, c]))
        start = end

    # undated: text alone, against the nearest articles by meaning (then scored in full)
    if undated:
        everyone = np.arange(len(articles))
        k = min(settings.undated_candidates, len(articles) - 1)
        for at in range(0, len(undated), 512):
            _stop_if(is_cancelled)
            rows = undated[at:at + 512]
            near = vectors.meaning[rows] @ vectors.meaning.T
            near[np.arange(len(rows)), rows] = -2.0
            if k <= 0:
                break
            best = np.argpartition(-near, k - 1, axis=1)[:, :k] if k < len(articles) else np.tile(everyone,
                                                                                                  (len(rows), 1))
            for r, row in enumerate(rows):
                cols = [int(c) for c in best[r] if c != row]
                if not cols:
                    continue
                term = np.array([vectors.cosine(row, c) for c in cols], dtype=np.float32)
                score = _blend(term, near[r, cols], settings) * settings.undated_penalty
                for c, value in zip(cols, score.tolist(), strict=True):
                    keep(row, c, value)
    return pairs


def pair_scores(rows: Sequence[StoryArticle], cols: Sequence[StoryArticle], settings: Settings = Settings(),
                is_cancelled: Callable[[], bool] | None = None) -> np.ndarray:
    """The score of every ``rows[i]`` × ``cols[j]`` pair (0 below ``min_pair``), as ``score_pairs``
    scores a pair, without scoring the pairs among ``rows`` or among ``cols``: a story's articles
    against the articles that might join it. A pair with an undated article is scored on text
    alone (every such pair: ``undated_candidates`` only keeps a whole-library run sparse)."""
    out = np.zeros((len(rows), len(cols)), dtype=np.float64)
    if not len(rows) or not len(cols):
        return out
    vectors = _Vectors([*rows, *cols], is_cancelled)
    days = [article_date(a.published) for a in (*rows, *cols)]
    ordinals = np.array([d.toordinal() if d is not None else -1 for d in days], dtype=np.int64)
    first_col = len(rows)
    for top in range(0, len(rows), BLOCK_ARTICLES):
        r = np.arange(top, min(top + BLOCK_ARTICLES, len(rows)))
        for left in range(0, len(cols), BLOCK_ARTICLES):
            _stop_if(is_cancelled)
            c = np.arange(first_col + left, first_col + min(left + BLOCK_ARTICLES, len(cols)))
            term = vectors.term_cosines(r.tolist(), c.tolist())
            score = _blend(term, vectors.meaning[r] @ vectors.meaning[c].T, settings)
            a, b = ordinals[r][:, None], ordinals[c][None, :]
            gap = np.abs(a - b).astype(np.float64)
            dated = (a >= 0) & (b >= 0)
            score = np.where(dated, score * _date_factor(gap, settings), score * settings.undated_penalty)
            score[score < settings.min_pair] = 0.0
            out[r[0]:r[-1] + 1, left:left + len(c)] = score
    return out


# ------------------------------------------------------------------ clustering


def average_linkage(count: int, pairs: dict[tuple[int, int], float], threshold: float,
                    is_cancelled: Callable[[], bool] | None = None) -> list[list[int]]:
    """Groups of 0..count-1 by average linkage over sparse ``pairs`` (absent pairs score 0).
    Raises ``Cancelled`` when ``is_cancelled()`` turns true."""
    size = [1] * count
    alive = [True] * count
    members: dict[int, list[int]] = {i: [i] for i in range(count)}
    sums: dict[int, dict[int, float]] = {}
    for (i, j), value in pairs.items():
        sums.setdefault(i, {})[j] = value
        sums.setdefault(j, {})[i] = value
    heap = [(-value, i, j) for (i, j), value in pairs.items() if value >= threshold]
    heapq.heapify(heap)
    popped = 0
    while heap:
        popped += 1
        if popped % (CHECK_EVERY * 16) == 0:
            _stop_if(is_cancelled)
        negative, a, b = heapq.heappop(heap)
        if not (alive[a] and alive[b]):
            continue
        current = sums[a].get(b, 0.0) / (size[a] * size[b])
        if abs(current + negative) > 1e-9:
            continue  # stale entry: a newer one for this pair is (or was) in the heap
        keep, gone = (a, b) if size[a] >= size[b] or (size[a] == size[b] and a < b) else (b, a)
        alive[gone] = False
        members[keep].extend(members.pop(gone))
        size[keep] += size[gone]
        row_keep, row_gone = sums[keep], sums.pop(gone)
        row_keep.pop(gone, None)
        row_gone.pop(keep, None)
        for other, value in row_gone.items():
            row_keep[other] = row_keep.get(other, 0.0) + value
            sums[other][keep] = row_keep[other]
            sums[other].pop(gone, None)
        for other, total in row_keep.items():
            mean = total / (size[keep] * size[other])
            if mean >= threshold:
                heapq.heappush(heap, (-mean, min(keep, other), max(keep, other)))
    return [sorted(group) for group in members.values()]


def _central(group: Sequence[int], pairs: dict[tuple[int, int], float]) -> list[int]:
    """The group ordered most central first (sum of scores with the others), ties by index."""
    def centrality(i: int) -> float:
        return sum(pairs.get((min(i, j), max(i, j)), 0.0) for j in group if j != i)

    return sorted(group, key=lambda i: (-centrality(i), i))


def label_of(articles: Sequence[StoryArticle], ordered: Sequence[int], undated: int) -> str:
    """The most central headline (else the opening words of the most central text), with a note
    when some or all members had no date."""
    head = articles[ordered[0]]
    text = (head.title or "").strip() or " ".join(head.text.split()[:12]) or "(untitled)"
    if len(text) > 120:
        text = text[:117].rstrip() + "…"
    if undated == len(ordered):
        return f"{text} ({UNDATED_NOTE})"
    if undated:
        return f"{text} ({SOME_UNDATED_NOTE})"
    return text


def suggestion_of(articles: Sequence[StoryArticle], ordered: Sequence[int]) -> StorySuggestion:
    days = sorted(d for d in (article_date(articles[i].published) for i in ordered) if d is not None)
    undated = len(ordered) - len(days)
    return StorySuggestion(
        label=label_of(articles, ordered, undated),
        article_ids=tuple(articles[i].id for i in ordered),
        first=days[0].isoformat() if days else None,
        last=days[-1].isoformat() if days else None,
        undated=undated,
    )


def in_window(articles: Iterable[StoryArticle], since: str | None, until: str | None) -> list[StoryArticle]:
    """Articles published inside since..until (ISO dates, inclusive); undated ones stay in."""
    low = date.fromisoformat(since) if since else None
    high = date.fromisoformat(until) if until else None
    kept = []
    for article in articles:
        day = article_date(article.published)
        if day is not None and ((low and day < low) or (high and day > high)):
            continue
        kept.append(article)
    return kept


def find_stories(
    articles: Sequence[StoryArticle],
    settings: Settings = Settings(),
    progress: Callable[[int, int, str], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> list[StorySuggestion]:
    """Stories of two or more articles, biggest first. Articles with the same text (one article
    under two URLs) score 1 and are grouped first. Stops early, finding nothing, once
    ``is_cancelled()`` is true (it is asked between stages and once per block of work)."""
    articles = list(articles)
    if len(articles) < 2:
        return []
    try:
        if progress:
            progress(0, 3, "Reading the articles")
        vectors = _Vectors(articles, is_cancelled)
        if progress:
            progress(1, 3, "Scoring pairs of articles")
        pairs = score_pairs(articles, settings, vectors, is_cancelled)
        if progress:
            progress(2, 3, "Grouping articles into stories")
        groups = [g for g in average_linkage(len(articles), pairs, settings.threshold, is_cancelled) if len(g) > 1]
        _stop_if(is_cancelled)
    except Cancelled:
        return []
    found = [suggestion_of(articles, _central(g, pairs)) for g in groups]
    found.sort(key=lambda s: (-len(s.article_ids), s.first or "9999", s.label))
    if progress:
        progress(3, 3, f"{len(found)} stories found")
    return found

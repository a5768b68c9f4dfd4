"""Which claims of different articles state the same thing: candidates, then a learned score.

1. **Candidates** come from two indexes, never from all pairs: an inverted index over the
   claims' rare stems (``lexical_candidates``: two outlets rarely share a rare word by chance)
   and the nearest neighbours by meaning vector (``semantic_candidates``: "exit the U.S.
   market" and "wind down operations in the United States" share no rare word). Only
   linkable claims take part (``ClaimUnit.linkable``: enough content, not a heading,
   question or attribution).
2. **Features** of a pair (``FEATURES``): a story-weighted cosine (words every outlet of this
   story uses count little), the cosine of the meaning vectors, the share of rare (high-IDF)
   weight the two share, agreement and clash of anchors (numbers, dates, amounts, people), the
   smaller content mass, whether both cite the same source, and how much of the words that are not
   names the two share (``predicate_cover``: two claims about the same people that say different
   things share the names and little else: "Trump fired Yates" / "Yates announced she would not
   defend the order"), and where the two stand in their articles (``lede``: both among the first
   ``LEDE`` sentences that hold a claim, where outlets tell the story's main facts, each in its own
   words; ``position``: how deep the later of the two is), and whether the two give one figure
   (``figure_shared``: the same amount, percentage or count of ten or more of the same thing:
   "fewer than 50 workers will be laid off" / "affects less than 50 employees"). (The MSRP paraphrase model's
   score added nothing to these on the dev groups, at the highest cost per pair: left out.)
3. **Score**: a logistic regression over them (``claim_links.json``, fitted by
   ``benchmarks/train_claim_links.py`` on the hand-labelled dev groups with cross-validation
   by group; the held-out groups and the bundled story are never used for fitting).

Everything is deterministic: ties break by unit index.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import chain

import numpy as np

from desktop.core.matching.claims import ClaimUnit
from desktop.core.matching.descriptors import without_descriptors
from desktop.core.matching.lexical import lexical_candidates
from desktop.core.matching.meaning import packaged
from desktop.core.matching.similarity import weighted_terms

__all__ = ["FEATURES", "LinkModel", "PairScorer", "candidate_pairs", "lexical_candidates", "link_model",
           "semantic_candidates"]

FEATURES = ("story_cosine", "meaning_cosine", "rare_cover", "anchors_shared", "anchors_clash", "min_mass",
            "same_source", "predicate_cover", "lede", "position", "figure_shared", "bias")
LEDE = 3  # the first claim sentences of an article: where its story's main facts are told
# An article of fewer claim sentences than this has no lede apart from its body: its claims count as
# standing at UNPLACED, the depth of the average pair the model was fitted on (no prior either way).
SHORT_ARTICLE = 2 * LEDE
UNPLACED = 19

# Semantic candidates: each unit's nearest neighbours in other articles by meaning cosine.
SEMANTIC_PER_UNIT = 10
SEMANTIC_MIN_COSINE = 0.35
BLOCK = 256  # rows of the similarity matrix computed at once (10 MB at 10,000 claims)


# ------------------------------------------------------------------------------ candidates


def semantic_candidates(units: Sequence[ClaimUnit], matrix: np.ndarray) -> set[tuple[int, int]]:
    """Each unit's nearest neighbours of other articles by meaning cosine (``matrix``: unit rows).

    A unit keeps its ``SEMANTIC_PER_UNIT`` best neighbours among those at or above
    ``SEMANTIC_MIN_COSINE``. Only those few scores are ranked (no partition of whole rows): when
    the last one kept ties with one left out, the row is partitioned whole as it always was, so
    the tie breaks the same way.
    """
    n = len(units)
    if n < 2:
        return set()
    articles = np.array([u.article for u in units])
    pairs: set[tuple[int, int]] = set()
    k = min(SEMANTIC_PER_UNIT, n - 1)
    for lo in range(0, n, BLOCK):
        hi = min(n, lo + BLOCK)
        scores = matrix[lo:hi] @ matrix.T
        rows, cols = np.divmod(np.flatnonzero(scores >= SEMANTIC_MIN_COSINE), n)
        other = articles[lo + rows] != articles[cols]  # same article: never
        rows, cols = rows[other], cols[other]
        values = scores[rows, cols]
        # by row, best first (exact: a row number times 4 minus a float32 cosine fits a float64)
        order = np.argsort(rows * 4.0 - values.astype(np.float64), kind="stable")
        rows, cols, values = rows[order], cols[order], values[order]
        counts = np.bincount(rows, minlength=hi - lo)
        rank = np.arange(len(rows)) - np.repeat(np.cumsum(counts) - counts, counts)
        keep = rank < k
        crowded = np.flatnonzero(counts > k)  # more than k above the cut: is the k-th best tied?
        if len(crowded):
            first = (np.cumsum(counts) - counts)[crowded]
            tied = crowded[values[first + k - 1] == values[first + k]]
            if len(tied):
                keep &= ~np.isin(rows, tied)
                block = scores[tied]
                block[articles[lo + tied, None] == articles[None, :]] = -1.0
                best = np.argpartition(-block, k - 1, axis=1)[:, :k]
                for at, (row, found) in enumerate(zip(tied.tolist(), best)):
                    i = lo + row
                    for j in found.tolist():
                        if block[at, j] >= SEMANTIC_MIN_COSINE:
                            pairs.add((min(i, j), max(i, j)))
        i = (lo + rows[keep]).tolist()
        j = cols[keep].tolist()
        pairs.update((a, b) if a < b else (b, a) for a, b in zip(i, j))
    return pairs


def candidate_pairs(units: Sequence[ClaimUnit], matrix: np.ndarray) -> list[tuple[int, int]]:
    return sorted(lexical_candidates(units) | semantic_candidates(units, matrix))


# ------------------------------------------------------------------------------ features


def _ordered_sum(values) -> float:
    """Left-to-right sum from 0.0: what ``sum`` did before Python 3.12 compensated it; the batch
    scorer (``PairScorer.score_pairs``) adds in this same order, so both give identical floats."""
    total = 0.0
    for value in values:
        total += value
    return total


class StoryWeights:
    """Stem vectors weighted by IDF within the story times IDF in news at large."""

    def __init__(self, units: Sequence[ClaimUnit]):
        general = [weighted_terms(u.text) for u in units]
        df = Counter(chain.from_iterable(general))
        count = max(len(units), 1)
        story_idf = {w: math.log((count + 1) / n) for w, n in df.items()}
        self.vectors = []
        for terms in general:
            vector = {w: story_idf[w] * idf for w, idf in terms.items()}
            norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
            self.vectors.append({w: v / norm for w, v in vector.items()})

    def cosine(self, i: int, j: int) -> float:
        a, b = self.vectors[i], self.vectors[j]
        if len(b) < len(a):
            a, b = b, a
        return _ordered_sum([v * b[w] for w, v in a.items() if w in b])


@dataclass(frozen=True)
class LinkModel:
    weights: tuple[float, ...]  # one per name in FEATURES (the last is the bias)
    threshold: float  # a pair at or above links two claims
    cluster_threshold: float  # a claim joins a fact when its mean score against the members clears it

    def probability(self, features: Sequence[float]) -> float:
        z = _ordered_sum([w * f for w, f in zip(self.weights, features)])  # as score_pairs adds (3.12's sum differs)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=1)
def link_model() -> LinkModel:
    data = json.loads(resources.files("desktop.core.matching").joinpath("claim_links.json").read_text("utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise RuntimeError("claim_links.json is stale: run benchmarks/train_claim_links.py")
    return LinkModel(tuple(data["weights"]), data["threshold"], data["cluster_threshold"])


class PairScorer:
    """Features and link probabilities of pairs of units of one story (per-unit work once).

    ``score_pairs`` scores many pairs at once with numpy and gives the very floats ``score``
    gives one pair at a time: every sum runs in the same order, every product and division is
    the same IEEE operation, and ``math.exp`` and the meaning-vector dot product are the same calls.
    """

    def __init__(self, units: Sequence[ClaimUnit], anchors: Sequence[frozenset[str]], matrix: np.ndarray,
                 model: LinkModel | None = None):
        self.units, self.anchors, self.matrix = units, anchors, matrix
        self.model = model
        self.story = StoryWeights(units)
        self.terms = [weighted_terms(u.text) for u in units]
        self.totals = [sum(t.values()) or 1.0 for t in self.terms]
        self.numeric = [frozenset(a for a in anchor if not a.startswith("entity:")) for anchor in anchors]
        self.figures = [frozenset(a for a in anchor if specific_figure(a)) for anchor in anchors]
        self.sources = [(u.attribution.source.casefold() if u.attribution else None) for u in units]
        self.predicates = [predicate_terms(u.text) for u in units]
        self.predicate_totals = [sum(t.values()) for t in self.predicates]
        self.ranks = sentence_ranks(units)
        self._cache: dict[tuple[int, int], float] = {}
        self._packed: _Packed | None = None

    def use_model(self, model: LinkModel) -> None:
        """Score with ``model`` from now on; the scores cached for another model are forgotten."""
        if model is not self.model:
            self.model = model
            self._cache = {}

    def features(self, i: int, j: int) -> tuple[float, ...]:
        u, v = self.units[i], self.units[j]
        anchored = len(self.anchors[i] & self.anchors[j])
        clash = float(bool(self.numeric[i]) and bool(self.numeric[j]) and not (self.numeric[i] & self.numeric[j]))
        ti, tj = self.terms[i], self.terms[j]
        if len(tj) < len(ti):
            ti, tj = tj, ti
        shared = _ordered_sum([w for s, w in ti.items() if s in tj])
        return (
            self.story.cosine(i, j),
            float(np.einsum("i,i->", self.matrix[i], self.matrix[j])),  # as _features_block adds it
            shared / min(self.totals[i], self.totals[j]),
            min(anchored, 2) / 2,
            clash,
            math.log1p(min(u.mass, v.mass)) / 5,
            float(self.sources[i] is not None and self.sources[i] == self.sources[j]),
            self.predicate_cover(i, j),
            *_position(max(self.ranks[i], self.ranks[j])),
            float(bool(self.figures[i] & self.figures[j])),
            1.0,
        )

    def predicate_cover(self, i: int, j: int) -> float:
        """The IDF weight of the non-name stems both share over the larger side's (0 when either has none)."""
        pi, pj = self.predicates[i], self.predicates[j]
        larger = max(self.predicate_totals[i], self.predicate_totals[j])
        if not pi or not pj or not larger:
            return 0.0
        if len(pj) < len(pi):
            pi, pj = pj, pi
        return _ordered_sum([w for s, w in pi.items() if s in pj]) / larger

    def score(self, i: int, j: int) -> float:
        key = (i, j) if i < j else (j, i)
        found = self._cache.get(key)
        if found is None:
            assert self.model is not None
            found = self._cache[key] = self.model.probability(self.features(*key))
        return found

    # -------------------------------------------------------------------------- many pairs at once

    def features_many(self, pairs: Sequence[tuple[int, int]]) -> np.ndarray:
        """``features(i, j)`` of every pair (each with i < j), one row each (float64, same values)."""
        out = np.empty((len(pairs), len(FEATURES)))
        for lo in range(0, len(pairs), PAIR_BLOCK):
            out[lo:lo + PAIR_BLOCK] = self._features_block(pairs[lo:lo + PAIR_BLOCK])
        return out

    def score_pairs(self, pairs: Sequence[tuple[int, int]]) -> list[float]:
        """``score(i, j)`` of every pair (each with i < j), computed together and cached."""
        assert self.model is not None
        weights = self.model.weights
        cache = self._cache
        if pairs and all(pair in cache for pair in pairs):  # compared again (the reader overruled a link)
            return [cache[pair] for pair in pairs]
        scores: list[float] = []
        for lo in range(0, len(pairs), PAIR_BLOCK):
            block = pairs[lo:lo + PAIR_BLOCK]
            features = self._features_block(block)
            z = weights[0] * features[:, 0]  # the order of LinkModel.probability's sum
            for k in range(1, len(weights)):
                z = z + weights[k] * features[:, k]
            exp = math.exp
            found = [1.0 / (1.0 + exp(-max(-30.0, min(30.0, value)))) for value in z.tolist()]
            cache.update(zip(block, found))
            scores.extend(found)
        return scores

    def release_blocks(self) -> None:
        """Drop the flat arrays of ``score_pairs`` (built again if more pairs come)."""
        self._packed = None

    def _pack(self) -> _Packed:
        packed = self._packed  # one read: another thread's release_blocks may set it to None meanwhile
        if packed is None:
            packed = self._packed = _Packed(self)
        return packed

    def _features_block(self, pairs: Sequence[tuple[int, int]]) -> np.ndarray:
        packed = self._pack()
        count = len(pairs)
        out = np.zeros((count, len(FEATURES)))
        if not count:
            return out
        both = np.array(pairs, dtype=np.int64).reshape(count, 2)
        first, second = both[:, 0], both[:, 1]
        pair_of, entry, match = packed.terms.hits(first, second)
        out[:, 0] = _sums(pair_of, packed.story[entry] * packed.story[match], count)
        out[:, 2] = _sums(pair_of, packed.terms.weights[entry], count)
        out[:, 2] /= np.minimum(packed.totals[first], packed.totals[second])
        out[:, 1] = np.einsum("ij,ij->i", packed.matrix[first], packed.matrix[second])  # each row as features()
        anchored = np.flatnonzero(packed.anchored[first] & packed.anchored[second])
        anchors, numeric, figures = self.anchors, self.numeric, self.figures
        for n in anchored.tolist():
            i, j = pairs[n]
            out[n, 3] = min(len(anchors[i] & anchors[j]), 2) / 2
            out[n, 4] = float(bool(numeric[i]) and bool(numeric[j]) and not (numeric[i] & numeric[j]))
            out[n, 10] = float(bool(figures[i] & figures[j]))
        out[:, 5] = np.where(packed.mass[second] < packed.mass[first], packed.log_mass[second],
                             packed.log_mass[first])
        out[:, 6] = (packed.source[first] >= 0) & (packed.source[first] == packed.source[second])
        pair_of, entry, _match = packed.predicates.hits(first, second)
        shared = _sums(pair_of, packed.predicates.weights[entry], count)
        larger = np.maximum(packed.predicate_totals[first], packed.predicate_totals[second])
        both = (packed.predicates.sizes[first] > 0) & (packed.predicates.sizes[second] > 0) & (larger > 0)
        out[:, 7] = np.where(both, shared / np.where(larger > 0, larger, 1.0), 0.0)
        deeper = np.maximum(packed.ranks[first], packed.ranks[second])
        out[:, 8] = deeper < LEDE
        out[:, 9] = packed.depth[deeper]
        out[:, 11] = 1.0
        return out


PAIR_BLOCK = 8192  # pairs whose features are computed at once (memory stays small)


class _Packed:
    """A scorer's per-unit quantities as flat arrays for ``PairScorer._features_block``."""

    def __init__(self, scorer: PairScorer):
        self.terms = _TermTable(scorer.terms)
        self.story = np.array([vector[stem] for terms, vector in zip(scorer.terms, scorer.story.vectors)
                               for stem in terms], dtype=np.float64)
        self.totals = np.array(scorer.totals, dtype=np.float64)
        self.matrix = scorer.matrix
        self.anchored = np.array([bool(a) for a in scorer.anchors], dtype=bool)
        self.mass = np.array([u.mass for u in scorer.units], dtype=np.float64)
        self.log_mass = np.array([math.log1p(u.mass) / 5 for u in scorer.units], dtype=np.float64)
        self.predicates = _TermTable(scorer.predicates)
        self.predicate_totals = np.array(scorer.predicate_totals, dtype=np.float64)
        self.ranks = np.array(scorer.ranks, dtype=np.int64)
        self.depth = np.array([_position(r)[1] for r in range(max(scorer.ranks, default=0) + 1)], dtype=np.float64)
        names: dict[str, int] = {}
        self.source = np.array([-1 if s is None else names.setdefault(s, len(names)) for s in scorer.sources],
                               dtype=np.int64)


class _TermTable:
    """Weighted term dicts (one per unit) as flat arrays, to find the stems two units share."""

    def __init__(self, terms: Sequence[dict[str, float]]):
        ids: dict[str, int] = {}
        stems = [ids.setdefault(stem, len(ids)) for t in terms for stem in t]
        self.weights = np.array([w for t in terms for w in t.values()], dtype=np.float64)
        self.sizes = np.array([len(t) for t in terms], dtype=np.int64)
        self.starts = np.cumsum(self.sizes) - self.sizes
        self.vocabulary = max(len(ids), 1)
        self.stems = np.array(stems, dtype=np.int64)
        keys = np.repeat(np.arange(len(terms), dtype=np.int64), self.sizes) * self.vocabulary + self.stems
        self.sorted_entries = np.argsort(keys, kind="stable")
        self.sorted_keys = keys[self.sorted_entries] if len(keys) else np.full(1, -1, dtype=np.int64)

    def hits(self, first: np.ndarray, second: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every stem two units share: (pair index, entry in the walked unit, entry in the other),
        walking the shorter unit (the first on a tie) in its own order, as ``features()`` does."""
        swap = self.sizes[second] < self.sizes[first]
        walk = np.where(swap, second, first)
        other = np.where(swap, first, second)
        lengths = self.sizes[walk]
        total = int(lengths.sum())
        if not total:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, empty
        pair_of = np.repeat(np.arange(len(first)), lengths)
        ends = np.cumsum(lengths)
        entry = np.arange(total) + np.repeat(self.starts[walk] - (ends - lengths), lengths)
        keys = other[pair_of] * self.vocabulary + self.stems[entry]
        at = np.minimum(np.searchsorted(self.sorted_keys, keys), len(self.sorted_keys) - 1)
        hit = self.sorted_keys[at] == keys
        return pair_of[hit], entry[hit], self.sorted_entries[at[hit]]


def _sums(pair_of: np.ndarray, values: np.ndarray, count: int) -> np.ndarray:
    """Per pair, its values added left to right from 0.0 (``_ordered_sum``'s order: same floats)."""
    return np.bincount(pair_of, weights=values, minlength=count).astype(np.float64, copy=False)


def sentence_ranks(units: Sequence[ClaimUnit]) -> list[int]:
    """Per unit, how many sentences holding one of ``units`` come before its own in its article
    (``UNPLACED`` in an article of fewer than ``SHORT_ARTICLE`` such sentences)."""
    sentences: dict[int, set[int]] = {}
    for u in units:
        sentences.setdefault(u.article, set()).add(u.sentence)
    order = {a: {s: (n if len(found) >= SHORT_ARTICLE else UNPLACED) for n, s in enumerate(sorted(found))}
             for a, found in sentences.items()}
    return [order[u.article][u.sentence] for u in units]


def _position(deeper: int) -> tuple[float, float]:
    """The ``lede`` and ``position`` features of a pair whose later claim sentence has rank ``deeper``."""
    return float(deeper < LEDE), math.log1p(deeper) / 4


_BOUNDS = re.compile(r"\[([\d.]+), ?([\d.]+)\)$")


def specific_figure(anchor: str) -> bool:
    """Whether an anchor key is a figure two outlets rarely share by chance: an amount of money, a
    percentage, or a count of ten or more ("number:employee:[0,50)": fewer than 50 employees), never
    a date, a name or a small count ("two people")."""
    kind = anchor.split(":", 1)[0]
    if kind in ("money", "percent"):
        return True
    bounds = _BOUNDS.search(anchor) if kind == "number" else None
    return bounds is not None and max(float(bounds.group(1)), float(bounds.group(2)) - 1) >= 10


_WORD = re.compile(r"[^\W\d_][\w'’-]*")


@lru_cache(maxsize=16384)  # a claim's terms are read again when its story is compared again (shared: read only)
def predicate_terms(text: str) -> dict[str, float]:
    """The weighted stems of a claim's words that are not capitalised and not the title of someone it
    names (what it says, not who of: "the US special envoy to the anti-ISIS coalition Brett McGurk
    said" says only "said")."""
    return weighted_terms(" ".join(w for w in _WORD.findall(without_descriptors(text)) if not w[0].isupper()))


def unit_matrix(units: Sequence[ClaimUnit]) -> np.ndarray:
    return packaged().sentence_matrix([u.text for u in units]) if units else np.zeros((0, 300), np.float32)


Anchors = Callable[[ClaimUnit], frozenset[str]]

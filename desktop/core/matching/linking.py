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
   smaller content mass, and whether both cite the same source. (The MSRP paraphrase model's
   score added nothing to these on the dev groups, at the highest cost per pair: left out.)
3. **Score**: a logistic regression over them (``claim_links.json``, fitted by
   ``benchmarks/train_claim_links.py`` on the hand-labelled dev groups with cross-validation
   by group; the held-out groups and the bundled story are never used for fitting).

Everything is deterministic: ties break by unit index.
"""

from __future__ import annotations

import heapq
import json
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import chain

import numpy as np

from desktop.core.matching.claims import ClaimUnit
from desktop.core.matching.meaning import packaged
from desktop.core.matching.similarity import weighted_terms

__all__ = ["FEATURES", "LinkModel", "PairScorer", "candidate_pairs", "lexical_candidates", "link_model",
           "semantic_candidates"]

FEATURES = ("story_cosine", "meaning_cosine", "rare_cover", "anchors_shared", "anchors_clash", "min_mass",
            "same_source", "bias")

# Lexical candidates: stems rarer than this IDF index units; a pair needs this share of the
# smaller unit's weight in common; each unit keeps its best few per article and overall.
INDEX_MIN_IDF = 2.0
CANDIDATE_MIN_COVER = 0.18
PROBE_STEMS = 3
SHORTLIST = 20
MAX_POSTING = 40
POSTINGS_PER_ARTICLE = 1
LEXICAL_PER_ARTICLE = 2
LEXICAL_PER_UNIT = 8
# Semantic candidates: each unit's nearest neighbours in other articles by meaning cosine.
SEMANTIC_PER_UNIT = 10
SEMANTIC_MIN_COSINE = 0.35
BLOCK = 1024  # rows of the similarity matrix computed at once (memory stays small)


# ------------------------------------------------------------------------------ candidates


def lexical_candidates(units: Sequence[ClaimUnit]) -> set[tuple[int, int]]:
    """Pairs of units from different articles that share enough rare, weighty stems."""
    terms = [{stem: w for stem, w in weighted_terms(u.text).items() if w >= INDEX_MIN_IDF} for u in units]
    postings: dict[str, list[int]] = defaultdict(list)
    for i, t in enumerate(terms):
        for stem in t:
            postings[stem].append(i)
    articles = len({u.article for u in units})
    cap = max(MAX_POSTING, POSTINGS_PER_ARTICLE * articles)
    rarity = {stem: (len(found), stem) for stem, found in postings.items() if len(found) <= cap}
    totals = [sum(t.values()) or 1.0 for t in terms]
    article_of = [u.article for u in units]
    pairs: set[tuple[int, int]] = set()
    for i, t in enumerate(terms):
        probes = sorted([stem for stem in t if stem in rarity], key=rarity.__getitem__)[:PROBE_STEMS]
        if not probes:
            continue
        hits: dict[int, float] = dict.fromkeys(postings[probes[0]], t[probes[0]])
        for stem in probes[1:]:
            weight = t[stem]
            for j in postings[stem]:
                hits[j] = hits.get(j, 0.0) + weight
        hits.pop(i, None)
        if len(hits) > SHORTLIST:
            cut = heapq.nlargest(SHORTLIST, hits.values())[-1]
            above = [j for j, w in hits.items() if w > cut]
            tied = sorted(j for j, w in hits.items() if w == cut)
            shortlist = above + tied[: SHORTLIST - len(above)]
        else:
            shortlist = list(hits)
        ranked = []
        own = article_of[i]
        for j in shortlist:
            if article_of[j] == own:
                continue
            other = terms[j]
            shared = sum([w for s, w in t.items() if s in other], 0.0)
            ranked.append((-(shared / min(totals[i], totals[j])), j))
        ranked.sort()
        per_article: dict[int, int] = defaultdict(int)
        kept = 0
        for negative_cover, j in ranked:
            if -negative_cover < CANDIDATE_MIN_COVER or kept >= LEXICAL_PER_UNIT:
                break
            if per_article[units[j].article] < LEXICAL_PER_ARTICLE:
                per_article[units[j].article] += 1
                kept += 1
                pairs.add((min(i, j), max(i, j)))
    return pairs


def semantic_candidates(units: Sequence[ClaimUnit], matrix: np.ndarray) -> set[tuple[int, int]]:
    """Each unit's nearest neighbours of other articles by meaning cosine (``matrix``: unit rows)."""
    n = len(units)
    if n < 2:
        return set()
    articles = np.array([u.article for u in units])
    pairs: set[tuple[int, int]] = set()
    k = min(SEMANTIC_PER_UNIT, n - 1)
    for lo in range(0, n, BLOCK):
        hi = min(n, lo + BLOCK)
        scores = matrix[lo:hi] @ matrix.T
        scores[articles[lo:hi, None] == articles[None, :]] = -1.0  # same article: never
        best = np.argpartition(-scores, k - 1, axis=1)[:, :k] if k < n else np.argsort(-scores, axis=1)
        for row, found in enumerate(best):
            i = lo + row
            for j in sorted(int(j) for j in found):
                if scores[row, j] >= SEMANTIC_MIN_COSINE:
                    pairs.add((min(i, j), max(i, j)))
    return pairs


def candidate_pairs(units: Sequence[ClaimUnit], matrix: np.ndarray) -> list[tuple[int, int]]:
    return sorted(lexical_candidates(units) | semantic_candidates(units, matrix))


# ------------------------------------------------------------------------------ features


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
        return sum([v * b[w] for w, v in a.items() if w in b], 0.0)


@dataclass(frozen=True)
class LinkModel:
    weights: tuple[float, ...]  # one per name in FEATURES (the last is the bias)
    threshold: float  # a pair at or above links two claims
    cluster_threshold: float  # a claim joins a fact when its mean score against the members clears it

    def probability(self, features: Sequence[float]) -> float:
        z = sum(w * f for w, f in zip(self.weights, features))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=1)
def link_model() -> LinkModel:
    data = json.loads(resources.files("desktop.core.matching").joinpath("claim_links.json").read_text("utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise RuntimeError("claim_links.json is stale: run benchmarks/train_claim_links.py")
    return LinkModel(tuple(data["weights"]), data["threshold"], data["cluster_threshold"])


class PairScorer:
    """Features and link probabilities of pairs of units of one story (per-unit work once)."""

    def __init__(self, units: Sequence[ClaimUnit], anchors: Sequence[frozenset[str]], matrix: np.ndarray,
                 model: LinkModel | None = None):
        self.units, self.anchors, self.matrix = units, anchors, matrix
        self.model = model
        self.story = StoryWeights(units)
        self.terms = [weighted_terms(u.text) for u in units]
        self.totals = [sum(t.values()) or 1.0 for t in self.terms]
        self.numeric = [frozenset(a for a in anchor if not a.startswith("entity:")) for anchor in anchors]
        self.sources = [(u.attribution.source.casefold() if u.attribution else None) for u in units]
        self._cache: dict[tuple[int, int], float] = {}

    def features(self, i: int, j: int) -> tuple[float, ...]:
        u, v = self.units[i], self.units[j]
        anchored = len(self.anchors[i] & self.anchors[j])
        clash = float(bool(self.numeric[i]) and bool(self.numeric[j]) and not (self.numeric[i] & self.numeric[j]))
        ti, tj = self.terms[i], self.terms[j]
        if len(tj) < len(ti):
            ti, tj = tj, ti
        shared = sum([w for s, w in ti.items() if s in tj], 0.0)
        return (
            self.story.cosine(i, j),
            float(self.matrix[i] @ self.matrix[j]),
            shared / min(self.totals[i], self.totals[j]),
            min(anchored, 2) / 2,
            clash,
            math.log1p(min(u.mass, v.mass)) / 5,
            float(self.sources[i] is not None and self.sources[i] == self.sources[j]),
            1.0,
        )

    def score(self, i: int, j: int) -> float:
        key = (i, j) if i < j else (j, i)
        found = self._cache.get(key)
        if found is None:
            assert self.model is not None
            found = self._cache[key] = self.model.probability(self.features(*key))
        return found


def unit_matrix(units: Sequence[ClaimUnit]) -> np.ndarray:
    return packaged().sentence_matrix([u.text for u in units]) if units else np.zeros((0, 300), np.float32)


Anchors = Callable[[ClaimUnit], frozenset[str]]

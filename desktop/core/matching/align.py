"""Claim alignment: which clauses of N articles state the same thing.

1. Each article's body (boilerplate blanked, offsets kept) is cut into sentences and
   clauses; a clause of four words or more is a *unit*.
2. Candidates come from an inverted index over IDF-weighted stems: two units of different
   articles become a candidate pair when the stems they share carry enough weight. Cost
   grows with the postings of the rarer stems, not with the square of all units.
3. Each candidate pair is scored as the mean of ``similarity`` (the MSRP-trained paraphrase
   model) and a *story-weighted cosine*: stems weighted by their IDF within this story times
   their IDF in news at large, so words every outlet of the story uses ("Kaspersky", "US")
   count for little and the words that tell claims apart count for much. Shared anchors
   (the same number, date or name, given by ``anchors_of``) lower the bar, since two outlets
   rarely repeat a figure by chance.
4. Links join units into claims greedily, strongest first, never putting two units of one
   article in one claim; a restatement within an article then joins its claim as a second
   mention when it links strongly to it.

Long work reports ``progress(done, total, message)`` and stops early when ``is_cancelled()``.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import Callable, Iterable, Mapping, Sequence

from desktop.core.matching.segment import segment_clauses, segment_sentences
from desktop.core.matching.similarity import profile, profile_similarity, weighted_terms

MIN_UNIT_WORDS = 4
# A link needs LINK_THRESHOLD on its own, or ANCHORED_THRESHOLD with a shared anchor
# (scores are the mean of similarity() and the story-weighted cosine, both in [0, 1]).
LINK_THRESHOLD = 0.27
ANCHORED_THRESHOLD = 0.15
# Candidate generation: stems rarer than this IDF index units; a pair needs this share
# of the smaller unit's weight in common; each unit keeps its best few candidates per article.
INDEX_MIN_IDF = 2.0
CANDIDATE_MIN_COVER = 0.18
CANDIDATES_PER_ARTICLE = 2
CANDIDATES_PER_UNIT = 8  # clustering is transitive: a few strong links per unit suffice
PROBE_STEMS = 3  # each unit looks up the postings of its rarest few stems
SHORTLIST = 20  # of the units found, this many (sharing the most rare weight) are scored
# a stem in more units than this (per article in the story) is too common to index
MAX_POSTING = 40
POSTINGS_PER_ARTICLE = 2
SECOND_MENTION_THRESHOLD = 0.6


@dataclass(frozen=True)
class Unit:
    """A clause that takes part in matching; ``sentence`` indexes its article's sentences."""

    article: int
    sentence: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class ArticleUnits:
    article: int
    sentences: tuple  # segment.Sentence, over the body text
    units: tuple[Unit, ...]


@dataclass(frozen=True)
class Link:
    a: Unit
    b: Unit
    score: float
    anchored: bool


@dataclass(frozen=True)
class Claim:
    """Units of several articles (or one, for an exclusive) that state one thing."""

    units: tuple[Unit, ...]
    score: float  # mean link score inside the claim (1.0 for a single unit)

    @property
    def articles(self) -> tuple[int, ...]:
        return tuple(sorted({u.article for u in self.units}))


@lru_cache(maxsize=1024)  # comparing again re-reads only the articles that changed
def split_units(article: int, body: str) -> ArticleUnits:
    """Sentences and clause units of one article's body text (boilerplate already blanked)."""
    sentences = segment_sentences(body)
    units = []
    for clause in segment_clauses(body, sentences):
        if len(clause.text.split()) < MIN_UNIT_WORDS:
            continue
        index = _sentence_index(sentences, clause.start)
        units.append(Unit(article, index, clause.start, clause.end, clause.text))
    return ArticleUnits(article, tuple(sentences), tuple(units))


def _sentence_index(sentences, offset: int) -> int:
    lo, hi = 0, len(sentences) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if sentences[mid].start <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo


def candidate_pairs(units: Sequence[Unit]) -> list[tuple[int, int]]:
    """Index pairs of units from different articles worth scoring.

    Each unit probes the postings of its few *rarest* stems in the story (a claim two
    outlets share almost always shares one of its rarest words), then every unit found is
    scored by the weight of all stems the two share. Stems in more units than a few per
    article are too common in the story to tell claims apart and are not indexed. The cost
    grows with the postings of rare stems, not with the square of all units.
    """
    terms = [
        {stem: w for stem, w in weighted_terms(u.text).items() if w >= INDEX_MIN_IDF} for u in units
    ]
    postings: dict[str, list[int]] = defaultdict(list)
    for i, t in enumerate(terms):
        for stem in t:
            postings[stem].append(i)
    articles = len({u.article for u in units})
    cap = max(MAX_POSTING, POSTINGS_PER_ARTICLE * articles)
    # the probe order of the stems that are indexed: rarest first, then by stem
    rarity = {stem: (len(found), stem) for stem, found in postings.items() if len(found) <= cap}
    totals = [sum(t.values()) or 1.0 for t in terms]
    unit_articles = [u.article for u in units]
    positions = [{stem: index for index, stem in enumerate(t)} for t in terms]
    stem_sets = [frozenset(t) for t in terms]
    pairs: set[tuple[int, int]] = set()
    for i, t in enumerate(terms):
        probes = sorted([stem for stem in t if stem in rarity], key=rarity.__getitem__)[:PROBE_STEMS]
        if not probes:
            continue
        article, total = unit_articles[i], totals[i]
        # the rare weight each unit shares with this one, summed in probe order (0.0 + w == w:
        # a unit's first probe sets its weight)
        hits: dict[int, float] = dict.fromkeys(postings[probes[0]], t[probes[0]])
        for stem in probes[1:]:
            weight = t[stem]
            for j in postings[stem]:
                hits[j] = hits.get(j, 0.0) + weight
        hits.pop(i, None)
        # full overlap only for the units that share the most rare weight
        # cover: the weight of t's stems that j has too, over the smaller total
        stems, weight_of, place_of = stem_sets[i], t.__getitem__, positions[i].__getitem__
        ranked = []
        for j in _shortlist(hits):
            if unit_articles[j] == article:
                continue
            shared = stems & stem_sets[j]
            if len(shared) > 2:  # summed in t's order, as ever (float addition is not associative)
                shared = sorted(shared, key=place_of)
            # (two or fewer terms need no order: addition is commutative)
            other = totals[j]
            ranked.append((-(sum(map(weight_of, shared)) / (total if total < other else other)), j))
        ranked.sort()  # by cover, most first, then by index
        per_article: dict[int, int] = defaultdict(int)
        kept = 0
        for negative_cover, j in ranked:
            if -negative_cover < CANDIDATE_MIN_COVER or kept >= CANDIDATES_PER_UNIT:
                break
            if per_article[unit_articles[j]] < CANDIDATES_PER_ARTICLE:
                per_article[unit_articles[j]] += 1
                kept += 1
                pairs.add((min(i, j), max(i, j)))
    return sorted(pairs)


def _shortlist(hits: dict[int, float]) -> list[int] | dict[int, float]:
    """The SHORTLIST units with the most weight, ties to the lower index (all when few)."""
    if len(hits) <= SHORTLIST:
        return hits
    cut = heapq.nlargest(SHORTLIST, hits.values())[-1]
    above = [j for j, weight in hits.items() if weight > cut]
    tied = sorted([j for j, weight in hits.items() if weight == cut])
    return above + tied[: SHORTLIST - len(above)]


class StoryWeights:
    """Stem vectors weighted by IDF within the story times IDF in news at large."""

    def __init__(self, units: Sequence[Unit]):
        general = [weighted_terms(u.text) for u in units]  # stems with their news IDF, cached
        df = Counter(chain.from_iterable(general))
        count = max(len(units), 1)
        story_idf = {w: math.log((count + 1) / n) for w, n in df.items()}  # once per stem
        self._vectors = []
        for terms in general:
            vector = {w: story_idf[w] * idf for w, idf in terms.items()}
            norm = math.sqrt(sum([v * v for v in vector.values()])) or 1.0
            self._vectors.append({w: v / norm for w, v in vector.items()})

    def cosine(self, i: int, j: int) -> float:
        return sparse_cosine(self._vectors[i], self._vectors[j])


def sparse_cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Dot product of two unit-length sparse vectors, iterating over the shorter.

    The stems of one only add 0.0 to the sum: they are left out, which changes nothing.
    """
    if len(b) < len(a):
        a, b = b, a
    return sum([v * b[w] for w, v in a.items() if w in b], 0.0)


def pair_score(model: float, story_cosine: float) -> float:
    return (model + story_cosine) / 2


def link_units(
    units: Sequence[Unit],
    anchors_of: Callable[[Unit], frozenset[str]] = lambda unit: frozenset(),
    progress: Callable[[int, int, str], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> list[Link]:
    """Score candidate pairs; keep those that clear the bar (lower with a shared anchor)."""
    pairs = candidate_pairs(units)
    anchors = [anchors_of(u) for u in units]
    weights = StoryWeights(units)
    profiles = [profile(u.text) for u in units]
    links = []
    for done, (i, j) in enumerate(pairs):
        if is_cancelled and done % 256 == 0 and is_cancelled():
            break
        if progress and done % 512 == 0:
            progress(done, len(pairs), "Comparing sentences")
        score = pair_score(profile_similarity(profiles[i], profiles[j]), weights.cosine(i, j))
        anchored = bool(anchors[i] & anchors[j])
        if score >= LINK_THRESHOLD or (anchored and score >= ANCHORED_THRESHOLD):
            links.append(Link(units[i], units[j], score, anchored))
    return links


def cluster_claims(units: Sequence[Unit], links: Iterable[Link]) -> list[Claim]:
    """Greedy clustering, strongest link first, at most one primary unit per article."""
    index = {u: i for i, u in enumerate(units)}
    parent = list(range(len(units)))
    articles: dict[int, set[int]] = {i: {u.article} for i, u in enumerate(units)}
    scores: dict[int, list[float]] = defaultdict(list)

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    ordered = sorted(links, key=lambda l: (-l.score, index[l.a], index[l.b]))
    deferred = []
    for link in ordered:
        ra, rb = find(index[link.a]), find(index[link.b])
        if ra == rb:
            scores[ra].append(link.score)
            continue
        if articles[ra] & articles[rb]:
            deferred.append(link)  # would put two units of one article together
            continue
        parent[rb] = ra
        articles[ra] |= articles.pop(rb)
        scores[ra].extend(scores.pop(rb, []))
        scores[ra].append(link.score)

    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(units)):
        members[find(i)].append(i)
    # a restatement: a lone unit that links strongly into a claim its article is already in
    for link in deferred:
        for lone, other in ((link.a, link.b), (link.b, link.a)):
            li, root = index[lone], find(index[other])
            if len(members[find(li)]) == 1 and link.score >= SECOND_MENTION_THRESHOLD and root != find(li):
                members[root].append(li)
                members.pop(find(li), None)
                parent[li] = root
                scores[root].append(link.score)
    claims = []
    for root, idx in members.items():
        group = tuple(sorted((units[i] for i in idx), key=lambda u: (u.article, u.start)))
        s = scores.get(root, [])
        claims.append(Claim(group, sum(s) / len(s) if s else 1.0))
    claims.sort(key=lambda c: (-len(c.articles), c.units[0].article, c.units[0].start))
    return claims


def align(
    bodies: Mapping[int, str],
    anchors_of: Callable[[Unit], frozenset[str]] = lambda unit: frozenset(),
    progress: Callable[[int, int, str], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> tuple[dict[int, ArticleUnits], list[Claim]]:
    """Split every body into units and cluster them into claims (shared and exclusive)."""
    split = {article: split_units(article, body) for article, body in bodies.items()}
    units = [u for a in split.values() for u in a.units]
    links = link_units(units, anchors_of, progress, is_cancelled)
    return split, cluster_claims(units, links)

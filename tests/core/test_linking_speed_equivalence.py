"""The fast paths of claim linking give what the plain per-pair and per-row code gives.

``PairScorer.score_pairs`` / ``features_many`` (numpy, many pairs at once) against
``PairScorer.score`` / ``features`` (one pair at a time), ``semantic_candidates`` against
the plain whole-row partition it replaced, and ``lexical_candidates`` (numpy) against the plain
per-unit posting loop it replaced, on real claims.
"""

from __future__ import annotations

import heapq
from collections import defaultdict

import numpy as np
import pytest

from desktop.core.library import open_library
from desktop.core.matching import align, lexical
from desktop.core.matching.linking import (
    FEATURES,
    SEMANTIC_MIN_COSINE,
    SEMANTIC_PER_UNIT,
    PairScorer,
    candidate_pairs,
    lexical_candidates,
    link_model,
    semantic_candidates,
    unit_matrix,
)
from desktop.core.matching.similarity import weighted_terms


@pytest.fixture(scope="module")
def prepared():
    with open_library(memory=True) as store:
        articles = [store.article(a) for a in store.stories()[0].article_ids]
    anchors_of = align.anchor_finder(articles)
    return align.prepare({a.id: a.body_text for a in articles}, anchors_of, link_model())


def _fresh(prepared) -> PairScorer:
    old = prepared.scorer
    return PairScorer(old.units, old.anchors, old.matrix, link_model())


def _pairs(prepared) -> list[tuple[int, int]]:
    """Every candidate, plus pairs that are not (as clustering scores them): same article too."""
    n = len(prepared.units)
    extra = {(i, j) for i in range(0, n, 7) for j in range(i + 1, n, 5)}
    cited = [i for i, source in enumerate(prepared.scorer.sources) if source]  # same_source
    extra |= {(i, j) for i in cited for j in cited if i < j}
    return sorted(set(prepared.candidates) | extra)


def test_batch_features_equal_per_pair_features(prepared):
    scorer = _fresh(prepared)
    pairs = _pairs(prepared)
    assert len(pairs) > 300
    batch = scorer.features_many(pairs)
    single = np.array([scorer.features(i, j) for i, j in pairs])
    assert batch.shape == (len(pairs), len(FEATURES))
    assert np.abs(batch - single).max() <= 1e-9
    # every feature is exercised on these real sentences (not all zeros)
    assert all(single[:, k].any() for k in range(len(FEATURES)))


def test_batch_scores_equal_per_pair_scores(prepared):
    pairs = _pairs(prepared)
    one, many = _fresh(prepared), _fresh(prepared)
    single = [one.score(i, j) for i, j in pairs]
    batch = many.score_pairs(pairs)
    assert max(abs(a - b) for a, b in zip(single, batch)) <= 1e-9
    threshold = link_model().threshold
    assert [s >= threshold for s in single] == [s >= threshold for s in batch]
    assert all(many.score(i, j) == s for (i, j), s in zip(pairs, batch))  # cached, as score() would


def test_group_scores_the_candidates_as_score_does(prepared):
    model = link_model()
    groups = align.group(prepared, model)
    scorer = _fresh(prepared)
    for i, j in prepared.candidates:
        assert abs(prepared.scorer.score(i, j) - scorer.score(i, j)) <= 1e-9
    assert sorted(g for grp in groups for g in grp.members + grp.restatements) == list(range(len(prepared.units)))


def _plain_semantic(units, matrix) -> set[tuple[int, int]]:
    """The whole-row partition ``semantic_candidates`` used before: the reference."""
    n = len(units)
    articles = np.array([u.article for u in units])
    k = min(SEMANTIC_PER_UNIT, n - 1)
    scores = matrix @ matrix.T
    scores[articles[:, None] == articles[None, :]] = -1.0
    best = np.argpartition(-scores, k - 1, axis=1)[:, :k]
    return {(min(i, int(j)), max(i, int(j))) for i, found in enumerate(best) for j in found
            if scores[i, j] >= SEMANTIC_MIN_COSINE}


def test_semantic_candidates_equal_the_whole_row_partition(prepared):
    assert semantic_candidates(prepared.units, prepared.matrix) == _plain_semantic(prepared.units, prepared.matrix)


def test_semantic_candidates_with_ties_at_the_cut():
    # one sentence copied into many articles: its rows tie far beyond the kept neighbours
    copied = "The governor signed the budget bill on Friday after weeks of talks with legislators.\n"
    bodies = {a: copied + ("Turnout in the county reached a record high this year.\n" if a % 2 else "")
              for a in range(1, 3 * SEMANTIC_PER_UNIT)}
    prepared = align.prepare(bodies)
    assert len(prepared.units) > SEMANTIC_PER_UNIT + 2
    assert semantic_candidates(prepared.units, prepared.matrix) == _plain_semantic(prepared.units, prepared.matrix)
    assert set(candidate_pairs(prepared.units, unit_matrix(prepared.units))) >= semantic_candidates(
        prepared.units, prepared.matrix)


def _plain_lexical(units) -> set[tuple[int, int]]:
    """The per-unit posting, shortlist and cover loop ``lexical_candidates`` used before: the reference."""
    terms = [{stem: w for stem, w in weighted_terms(u.text).items() if w >= lexical.INDEX_MIN_IDF} for u in units]
    postings: dict[str, list[int]] = defaultdict(list)
    for i, t in enumerate(terms):
        for stem in t:
            postings[stem].append(i)
    cap = max(lexical.MAX_POSTING, lexical.POSTINGS_PER_ARTICLE * len({u.article for u in units}))
    rarity = {stem: (len(found), stem) for stem, found in postings.items() if len(found) <= cap}
    totals = [sum(t.values()) or 1.0 for t in terms]
    pairs: set[tuple[int, int]] = set()
    for i, t in enumerate(terms):
        probes = sorted([stem for stem in t if stem in rarity], key=rarity.__getitem__)[:lexical.PROBE_STEMS]
        if not probes:
            continue
        hits: dict[int, float] = dict.fromkeys(postings[probes[0]], t[probes[0]])
        for stem in probes[1:]:
            for j in postings[stem]:
                hits[j] = hits.get(j, 0.0) + t[stem]
        hits.pop(i, None)
        if len(hits) > lexical.SHORTLIST:
            cut = heapq.nlargest(lexical.SHORTLIST, hits.values())[-1]
            above = [j for j, w in hits.items() if w > cut]
            tied = sorted(j for j, w in hits.items() if w == cut)
            shortlist = above + tied[: lexical.SHORTLIST - len(above)]
        else:
            shortlist = list(hits)
        ranked = []
        for j in shortlist:
            if units[j].article != units[i].article:
                shared = sum([w for s, w in t.items() if s in terms[j]], 0.0)
                ranked.append((-(shared / min(totals[i], totals[j])), j))
        ranked.sort()
        per_article: dict[int, int] = defaultdict(int)
        kept = 0
        for negative_cover, j in ranked:
            if -negative_cover < lexical.CANDIDATE_MIN_COVER or kept >= lexical.LEXICAL_PER_UNIT:
                break
            if per_article[units[j].article] < lexical.LEXICAL_PER_ARTICLE:
                per_article[units[j].article] += 1
                kept += 1
                pairs.add((min(i, j), max(i, j)))
    return pairs


def test_lexical_candidates_equal_the_posting_loop(prepared):
    found = lexical_candidates(prepared.units)
    assert len(found) > 20
    assert found == _plain_lexical(prepared.units)


def test_lexical_candidates_with_crowded_postings_and_ties():
    # the same rare words in many articles: long postings, shortlist ties, the per-article cap
    copied = "The governor signed the budget bill on Friday after weeks of talks with legislators.\n"
    bodies = {a: copied + ("Turnout in the county reached a record high this year.\n" * (a % 3))
              + f"Senator Okonkwo{a % 4} praised the Zylberstein amendment and the Quorvex tariff plan.\n"
              for a in range(1, 4 * lexical.SHORTLIST)}
    prepared = align.prepare(bodies)
    found = lexical_candidates(prepared.units)
    assert len(found) > lexical.SHORTLIST
    assert found == _plain_lexical(prepared.units)

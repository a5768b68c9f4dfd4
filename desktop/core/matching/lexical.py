"""Lexical candidates for claim linking: pairs of units that share enough rare, weighty stems.

Each unit probes an inverted index with its ``PROBE_STEMS`` rarest indexed stems (rarest first:
shortest posting, then the stem); the units found score the summed weight of the probes they
hold, and the best ``SHORTLIST`` of them (ties: lowest index) are ranked by the share of the
smaller unit's weight the two have in common (``cover``). A unit keeps its best few pairs per
article and overall among those covering at least ``CANDIDATE_MIN_COVER``.

All of it runs on flat numpy arrays, a block of units at a time (memory stays small); every sum
adds in the order the plain per-unit loop did (``np.bincount`` adds left to right from 0.0), so
the pairs are exactly those of that loop (``tests/core/test_linking_speed_equivalence.py``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from desktop.core.matching.claims import ClaimUnit
from desktop.core.matching.similarity import weighted_terms

# Stems rarer than this IDF index units; a pair needs this share of the smaller unit's weight in
# common; each unit keeps its best few per article and overall.
INDEX_MIN_IDF = 2.0
CANDIDATE_MIN_COVER = 0.18
PROBE_STEMS = 3
SHORTLIST = 20
MAX_POSTING = 40
POSTINGS_PER_ARTICLE = 1
LEXICAL_PER_ARTICLE = 2
LEXICAL_PER_UNIT = 8
UNIT_BLOCK = 2048  # units whose index hits are worked out at once


def lexical_candidates(units: Sequence[ClaimUnit]) -> set[tuple[int, int]]:
    """Pairs (i < j) of units from different articles that share enough rare, weighty stems."""
    terms = [{stem: w for stem, w in weighted_terms(u.text).items() if w >= INDEX_MIN_IDF} for u in units]
    n = len(units)
    ids: dict[str, int] = {}
    stems = np.array([ids.setdefault(stem, len(ids)) for t in terms for stem in t], dtype=np.int64)
    if not len(stems):
        return set()
    weights = np.array([w for t in terms for w in t.values()], dtype=np.float64)
    sizes = np.array([len(t) for t in terms], dtype=np.int64)
    owner = np.repeat(np.arange(n, dtype=np.int64), sizes)
    starts = np.cumsum(sizes) - sizes
    totals = np.array([sum(t.values()) or 1.0 for t in terms], dtype=np.float64)
    article = np.unique([u.article for u in units], return_inverse=True)[1].astype(np.int64).reshape(n)
    vocabulary = len(ids)

    # the inverted index: per stem, its units in index order
    by_stem = np.argsort(stems, kind="stable")
    posting = owner[by_stem]
    posting_size = np.bincount(stems, minlength=vocabulary)
    posting_start = np.cumsum(posting_size) - posting_size
    cap = max(MAX_POSTING, POSTINGS_PER_ARTICLE * (int(article.max()) + 1))
    # rarity order of the indexed stems: (posting length, stem)
    names = list(ids)
    indexed = [s for s in range(vocabulary) if posting_size[s] <= cap]
    rank = np.full(vocabulary, -1, dtype=np.int64)
    rank[sorted(indexed, key=lambda s: (int(posting_size[s]), names[s]))] = np.arange(len(indexed))

    # each unit's probes: its PROBE_STEMS rarest indexed stems, rarest first
    usable = np.flatnonzero(rank[stems] >= 0)
    usable = usable[np.lexsort((rank[stems[usable]], owner[usable]))]
    probes = usable[_within(owner[usable]) < PROBE_STEMS]  # entries (unit, stem, weight)

    # sorted keys of every (unit, stem) entry, to find the stems two units share
    sorted_keys = np.sort(owner * vocabulary + stems)

    pairs: set[tuple[int, int]] = set()
    for lo in range(0, n, UNIT_BLOCK):
        block = probes[(owner[probes] >= lo) & (owner[probes] < lo + UNIT_BLOCK)]
        first, second = _shortlist(block, owner, stems, weights, posting, posting_size, posting_start, n)
        other = article[first] != article[second]
        first, second = first[other], second[other]
        cover = _shared(first, second, starts, sizes, stems, weights, vocabulary, sorted_keys)
        cover /= np.minimum(totals[first], totals[second])
        good = cover >= CANDIDATE_MIN_COVER
        first, second, cover = first[good], second[good], cover[good]
        order = np.lexsort((second, -cover, first))  # per unit: best cover first, ties by index
        first, second = first[order], second[order]
        by_article = np.lexsort((np.arange(len(first)), article[second], first))
        per_article = np.empty(len(first), dtype=np.int64)
        per_article[by_article] = _within(first[by_article] * (int(article.max()) + 1) + article[second[by_article]])
        keep = per_article < LEXICAL_PER_ARTICLE
        first, second = first[keep], second[keep]
        keep = _within(first) < LEXICAL_PER_UNIT
        pairs.update((a, b) if a < b else (b, a) for a, b in zip(first[keep].tolist(), second[keep].tolist()))
    return pairs


def _within(groups: np.ndarray) -> np.ndarray:
    """Each element's place inside its run of equal values (``groups`` sorted into runs)."""
    if not len(groups):
        return np.zeros(0, dtype=np.int64)
    fresh = np.ones(len(groups), dtype=bool)
    fresh[1:] = groups[1:] != groups[:-1]
    run_start = np.flatnonzero(fresh)
    return np.arange(len(groups)) - np.repeat(run_start, np.diff(np.append(run_start, len(groups))))


def _shortlist(probes, owner, stems, weights, posting, posting_size, posting_start, n):
    """Per probing unit, the ``SHORTLIST`` units its probes hit with the most weight (ties: lowest
    index), itself left out: (unit, hit) arrays. A hit's weight adds its probes rarest first."""
    lengths = posting_size[stems[probes]]
    total = int(lengths.sum())
    if not total:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    row = np.repeat(np.arange(len(probes)), lengths)
    ends = np.cumsum(lengths)
    at = np.arange(total) + np.repeat(posting_start[stems[probes]] - (ends - lengths), lengths)
    unit, hit = owner[probes][row], posting[at]
    # one group per (unit, hit), in probe order inside it (a stable sort keeps it)
    key = unit * n + hit
    order = np.argsort(key, kind="stable")
    key, weight = key[order], weights[probes][row][order]
    fresh = np.ones(len(key), dtype=bool)
    fresh[1:] = key[1:] != key[:-1]
    group = np.cumsum(fresh) - 1
    summed = np.bincount(group, weights=weight)
    key = key[fresh]
    unit, hit = np.divmod(key, n)
    other = unit != hit
    unit, hit, summed = unit[other], hit[other], summed[other]
    order = np.lexsort((hit, -summed, unit))
    unit, hit = unit[order], hit[order]
    keep = _within(unit) < SHORTLIST
    return unit[keep], hit[keep]


def _shared(first, second, starts, sizes, stems, weights, vocabulary, sorted_keys):
    """Per pair, the weight of the first unit's stems the second also has, added in the first's order."""
    count = len(first)
    lengths = sizes[first]
    total = int(lengths.sum())
    if not total:
        return np.zeros(count)
    pair_of = np.repeat(np.arange(count), lengths)
    ends = np.cumsum(lengths)
    entry = np.arange(total) + np.repeat(starts[first] - (ends - lengths), lengths)
    keys = second[pair_of] * vocabulary + stems[entry]
    at = np.minimum(np.searchsorted(sorted_keys, keys), len(sorted_keys) - 1)
    hit = sorted_keys[at] == keys
    return np.bincount(pair_of[hit], weights=weights[entry[hit]], minlength=count).astype(np.float64)

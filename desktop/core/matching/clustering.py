"""Facts from scored links, without chaining.

Single-link clustering (join whatever links) lets a chain A~B~C~D pull unrelated claims into one
"fact" of 62 articles. Here a fact grows only when the claims agree as a group:

* links are taken strongest first;
* a fact holds at most one claim per article;
* two groups merge only when the **mean** score over every pair across them (average linkage;
  pairs that were not candidates are scored now) clears ``cluster_threshold`` and **most** of
  those pairs (more than half) clear the link threshold, or the mean itself clears the link
  threshold with no pair under ``cluster_threshold`` (a claim at 0.82 and 0.73 with the two
  wordings of a fact), so a claim that matches one member and not the others stays out: A~B
  and B~C with A and C unlike never make one fact;
* a claim of an article already in a fact is kept as a *restatement* of that fact when it
  links strongly to the claim of its own article there (listed apart, never a second mention);
* the reader has the last word: a ``forced`` pair ("Mark as Same Fact") joins its two facts, an
  ``apart`` pair ("Not the Same Fact") never ends up in one fact, however it would be reached.

Deterministic: ties break by unit index.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

__all__ = ["Group", "cluster"]


@dataclass(frozen=True)
class Group:
    members: tuple[int, ...]  # unit indices, one per article
    restatements: tuple[int, ...]  # more units of those articles that say the same
    score: float  # mean pair score inside the group (1.0 for a single unit)


def cluster(
    count: int,
    article_of: Sequence[int],
    links: Iterable[tuple[float, int, int]],
    score: Callable[[int, int], float],
    link_threshold: float,
    cluster_threshold: float,
    restatement_threshold: float | None = None,
    forced: frozenset[tuple[int, int]] = frozenset(),
    apart: frozenset[tuple[int, int]] = frozenset(),
) -> list[Group]:
    """Groups of unit indices 0..count-1 (singletons included) from ``links`` (score, i, j).
    A ``forced`` pair (i < j: the reader said they state the same fact) joins its two groups once
    the links have formed them, without the agreement test, still never two claims of one article.
    An ``apart`` pair (i < j: the reader said they state different facts) is never in one group,
    nor a claim restating one of them: it outranks a ``forced`` pair that would join them."""
    restatement_threshold = link_threshold if restatement_threshold is None else restatement_threshold
    group_of = list(range(count))
    members: dict[int, list[int]] = {i: [i] for i in range(count)}
    articles: dict[int, set[int]] = {i: {article_of[i]} for i in range(count)}
    ordered = sorted((-s, i, j) for s, i, j in links if s >= link_threshold)
    deferred: list[tuple[float, int, int]] = []
    for negative, i, j in ordered:
        gi, gj = group_of[i], group_of[j]
        if gi == gj:
            continue
        if articles[gi] & articles[gj]:
            deferred.append((-negative, i, j))
            continue
        a, b = members[gi], members[gj]
        if (min(i, j), max(i, j)) in forced:
            continue  # joined below, once the model's facts are formed
        if apart and _kept_apart(a, b, apart):
            continue
        scores = [score(x, y) for x in a for y in b]
        mean = sum(scores) / len(scores)
        agreeing = sum(1 for value in scores if value >= link_threshold)
        close = mean >= link_threshold and min(scores) >= cluster_threshold  # no pair far off
        if mean < cluster_threshold or (agreeing * 2 <= len(scores) and len(scores) > 1 and not close):
            continue  # the groups do not agree as a whole: a chain, not a fact
        _merge(gi, gj, group_of, members, articles)
    for i, j in sorted(forced):  # the reader's word: the two facts become one
        gi, gj = group_of[i], group_of[j]
        if gi != gj and not articles[gi] & articles[gj] and not (apart and _kept_apart(members[gi], members[gj], apart)):
            _merge(gi, gj, group_of, members, articles)
    restated: dict[int, list[int]] = {}
    for s, i, j in sorted(deferred, key=lambda t: (-t[0], t[1], t[2])):
        for lone, other in ((i, j), (j, i)):
            g = group_of[other]
            if len(members.get(group_of[lone], ())) != 1 or g == group_of[lone] or len(members[g]) < 2:
                continue
            own = next((x for x in members[g] if article_of[x] == article_of[lone]), None)
            if apart and _kept_apart([lone], members[g] + restated.get(g, []), apart):
                continue
            if own is not None and s >= restatement_threshold and score(lone, own) >= restatement_threshold:
                restated.setdefault(g, []).append(lone)
                members.pop(group_of[lone], None)
                group_of[lone] = g
                break
    groups = []
    for g, found in members.items():
        found = sorted(found)
        pairs = [(x, y) for n, x in enumerate(found) for y in found[n + 1:]]
        mean = sum(score(x, y) for x, y in pairs) / len(pairs) if pairs else 1.0
        groups.append(Group(tuple(found), tuple(sorted(restated.get(g, ()))), mean))
    groups.sort(key=lambda grp: (-len(grp.members), grp.members[0]))
    return groups


def _kept_apart(a: Sequence[int], b: Sequence[int], apart: frozenset[tuple[int, int]]) -> bool:
    """Whether joining groups ``a`` and ``b`` would put a pair the reader set apart in one fact."""
    return any((min(x, y), max(x, y)) in apart for x in a for y in b)


def _merge(gi: int, gj: int, group_of: list[int], members: dict[int, list[int]],
           articles: dict[int, set[int]]) -> None:
    """The smaller group joins the larger (the first on a tie)."""
    keep, gone = (gi, gj) if len(members[gi]) >= len(members[gj]) else (gj, gi)
    for x in members[gone]:
        group_of[x] = keep
    members[keep] = members[keep] + members.pop(gone)
    articles[keep] |= articles.pop(gone)

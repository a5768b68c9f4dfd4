"""Possible matches: where another article may state a fact in words the link model was not sure of.

The link model links two claims at its threshold; below it lie most paraphrases ("exit the U.S.
market" / "wind down operations in the United States" score 0.1-0.4). Rather than call such a
claim "only here", each fact keeps, for the articles that do not state it, the best-scoring claim
of that article among the pairs already scored (no extra scoring: the candidates of ``linking``),
when that score reaches :data:`POSSIBLE_FLOOR`. They are shown as "possibly also in", for the
reader to judge; they never count as coverage.

``benchmarks/possible_matches.py``: of the suggestions with both sides labelled, the labelled
partner for 161 of 230 on the AllSides dev groups (the floor was chosen there), 57 of 80 on the
held-out groups and 12 of 16 on the bundled story.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from desktop.core.matching.clustering import Group

__all__ = ["POSSIBLE_FLOOR", "POSSIBLE_PER_FACT", "possible_matches"]

POSSIBLE_FLOOR = 0.25  # chosen on the dev groups (tuned), between recall and precision
POSSIBLE_PER_FACT = 3  # the best few, one per article: a hint, not a list to wade through


def possible_matches(groups: Sequence[Group], article_of: Sequence[int],
                     links: Iterable[tuple[float, int, int]], floor: float = POSSIBLE_FLOOR,
                     per_fact: int = POSSIBLE_PER_FACT,
                     apart: Iterable[tuple[int, int]] = ()) -> list[tuple[tuple[int, float], ...]]:
    """Per group, its possible matches: ``(unit, score)`` of the best-scoring unit of each article
    outside the group linked to any member at ``floor`` or more, best first, at most
    ``per_fact``. A unit of a fact of several articles (member or restatement) is not suggested
    to another such fact (that fact explains it), only a member to a claim alone whose article the
    fact lacks ("cease operations", alone in A5, is possibly in A1, whose wording three outlets
    share: confirming it adds A5 to that fact); nor a unit the reader set apart from a member
    (``apart``, "Not the Same Fact"). Ties break by unit index, so the result is the same on every
    run."""
    group_of = {unit: n for n, g in enumerate(groups) for unit in g.members}
    shared = {unit for g in groups if len(g.members) > 1 for unit in g.members + g.restatements}
    articles = [{article_of[m] for m in g.members} for g in groups]
    kept_from: dict[int, set[int]] = {}  # unit -> the groups it was set apart from
    for i, j in apart:
        if i in group_of and j in group_of:
            kept_from.setdefault(i, set()).add(group_of[j])
            kept_from.setdefault(j, set()).add(group_of[i])
    best: dict[tuple[int, int], tuple[float, int]] = {}  # (group, article) -> (score, unit)
    for score, i, j in links:
        if score < floor:
            continue
        for here, there in ((i, j), (j, i)):
            g = group_of.get(here)
            if g is None or group_of.get(there) == g or g in kept_from.get(there, ()):
                continue
            if there in shared and (len(groups[g].members) > 1 or there not in group_of
                                    or article_of[here] in articles[group_of[there]]):
                continue  # explained by its own fact; or a restatement; or a fact the claim could never join
            key = (g, article_of[there])
            if key[1] in articles[g]:
                continue
            found = best.get(key)
            if found is None or (score, -there) > (found[0], -found[1]):
                best[key] = (score, there)
    per_group: list[list[tuple[float, int]]] = [[] for _ in groups]
    for (g, _article), (score, unit) in best.items():
        per_group[g].append((score, unit))
    return [tuple((unit, score) for score, unit in sorted(found, key=lambda t: (-t[0], t[1]))[:per_fact])
            for found in per_group]

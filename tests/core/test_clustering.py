"""Facts from links without chaining: one claim per article, the group must agree as a whole."""

from __future__ import annotations

import pytest

from desktop.core.matching.clustering import cluster


def run(scores: dict[tuple[int, int], float], articles: list[int], link=0.45, mean=0.3):
    def score(i, j):
        return scores.get((min(i, j), max(i, j)), 0.0)

    links = [(s, i, j) for (i, j), s in scores.items()]
    return [g.members for g in cluster(len(articles), articles, links, score, link, mean) if len(g.members) > 1]


def test_a_chain_a_b_c_where_a_and_c_differ_is_not_one_fact():
    groups = run({(0, 1): 0.9, (1, 2): 0.85, (0, 2): 0.05}, [1, 2, 3])
    assert groups == [(0, 1)]  # B~C would have chained C in; A and C do not agree


def test_a_claim_close_to_every_member_joins_though_only_one_pair_clears_the_link_threshold():
    # the bundled headline fact: A1's wording against A2's (0.73) and A4's (0.82), which link at 0.86
    scores = {(1, 2): 0.86, (0, 2): 0.82, (0, 1): 0.73}
    assert run(scores, [1, 2, 3], link=0.75, mean=0.65) == [(0, 1, 2)]


def test_a_strong_link_does_not_carry_a_claim_far_from_the_other_member():
    # 1 joins 0~2 at 0.99 and 0.58: the mean (0.785) clears the link threshold, the 0.58 is far off
    scores = {(0, 2): 0.99, (1, 2): 0.99, (0, 1): 0.58}
    assert run(scores, [1, 2, 3], link=0.75, mean=0.65) == [(0, 2)]


def test_claims_that_all_agree_make_one_fact():
    groups = run({(0, 1): 0.9, (1, 2): 0.8, (0, 2): 0.7, (2, 3): 0.6, (0, 3): 0.6, (1, 3): 0.5}, [1, 2, 3, 4])
    assert groups == [(0, 1, 2, 3)]


def test_a_long_chain_of_weak_neighbours_never_grows_a_fact_of_many_articles():
    n = 30
    scores = {(i, i + 1): 0.95 for i in range(n - 1)}  # each claim like the next one only
    groups = run(scores, list(range(n)))
    assert max(len(g) for g in groups) <= 2


def test_at_most_one_claim_per_article_and_restatements_apart():
    scores = {(0, 2): 0.9, (1, 2): 0.8, (0, 1): 0.9}  # units 0 and 1 are both in article 1
    [group] = cluster(3, [1, 1, 2], [(s, i, j) for (i, j), s in scores.items()],
                      lambda i, j: scores.get((min(i, j), max(i, j)), 0.0), 0.45, 0.3)[:1]
    assert group.members == (0, 2) and group.restatements == (1,)


@pytest.mark.parametrize("order", [0, 1])
def test_the_result_does_not_depend_on_the_order_of_the_links(order):
    scores = {(0, 1): 0.9, (1, 2): 0.85, (0, 2): 0.05, (2, 3): 0.7}
    items = list(scores.items())[::1 if order else -1]

    def score(i, j):
        return scores.get((min(i, j), max(i, j)), 0.0)

    groups = cluster(4, [1, 2, 3, 4], [(s, i, j) for (i, j), s in items], score, 0.45, 0.3)
    assert [g.members for g in groups if len(g.members) > 1] == [(0, 1), (2, 3)]


def test_a_pair_the_reader_marked_as_one_fact_joins_even_when_the_group_disagrees():
    scores = {(0, 1): 0.9, (1, 2): 0.05, (0, 2): 0.05}  # 0~1 a fact; 2 agrees with neither
    links = [(s, i, j) for (i, j), s in scores.items()]

    def score(i, j):
        return scores.get((min(i, j), max(i, j)), 0.0)

    plain = [g.members for g in cluster(3, [1, 2, 3], links, score, 0.45, 0.3) if len(g.members) > 1]
    assert plain == [(0, 1)]
    forced = frozenset({(1, 2)})
    joined = [g.members for g in cluster(3, [1, 2, 3], links + [(1.0, 1, 2)], score, 0.45, 0.3, forced=forced)
              if len(g.members) > 1]
    assert joined == [(0, 1, 2)]
    # still one claim per article: a forced pair inside one article joins nothing
    same_article = cluster(2, [1, 1], [(1.0, 0, 1)], lambda i, j: 1.0, 0.45, 0.3, forced=frozenset({(0, 1)}))
    assert all(len(g.members) == 1 for g in same_article)

"""Possible matches: the best claim of each other article scored below the link threshold, kept
as a hint on the fact ("possibly also in"), never as coverage."""

from __future__ import annotations

import json

import pytest

from desktop.core.interchange.report_json import comparison_dict
from desktop.core.matching.clustering import Group
from desktop.core.matching.compare import compare
from desktop.core.matching.possible import possible_matches


def _group(*members, restatements=()):
    return Group(tuple(members), tuple(restatements), 1.0)


# units 0..5 in articles 1, 2, 2, 3, 3, 4
ARTICLES = [1, 2, 2, 3, 3, 4]


def test_the_best_claim_of_each_other_article_above_the_floor_best_first():
    groups = [_group(0), _group(1), _group(2), _group(3), _group(4), _group(5)]
    links = [(0.30, 0, 1), (0.40, 0, 2), (0.20, 0, 3), (0.27, 0, 4), (0.10, 0, 5)]
    found = possible_matches(groups, ARTICLES, links, floor=0.25)
    assert found[0] == ((2, 0.40), (4, 0.27))  # unit 1 loses to unit 2 of article 2; 3 and 5 below the floor
    assert found[2] == ((0, 0.40),)  # both ways
    assert found[5] == ()


def test_a_claim_of_a_shared_fact_is_suggested_only_to_a_claim_alone_that_could_join_it():
    groups = [_group(0, 3), _group(1), _group(2), _group(4), _group(5)]  # units 0 and 3 are one fact
    links = [(0.35, 1, 0), (0.33, 1, 3), (0.30, 0, 4), (0.31, 0, 5), (0.3, 2, 4)]
    found = possible_matches(groups, ARTICLES, links, floor=0.25)
    assert found[1] == ((0, 0.35), (3, 0.33))  # unit 1 alone in article 2: possibly in the fact's articles
    assert found[0] == ((1, 0.35), (5, 0.31))  # not unit 4: article 3 is already in the fact
    assert found[3] == ((2, 0.3),)  # unit 4 (article 3) could never join the fact that holds unit 3
    assert found[4] == ((0, 0.31),)


def test_a_claim_of_a_shared_fact_is_never_suggested_to_another_shared_fact():
    groups = [_group(0, 5), _group(1, 3), _group(2), _group(4)]  # articles 1 and 4; 2 and 3
    found = possible_matches(groups, ARTICLES, [(0.4, 1, 0), (0.3, 0, 4)], floor=0.25)
    assert found[1] == () and found[0] == ((4, 0.3),)


def test_restatements_are_not_suggested_either():
    groups = [_group(0, 1, restatements=[2]), _group(3), _group(4), _group(5)]
    assert possible_matches(groups, ARTICLES, [(0.4, 3, 2)], floor=0.25)[1] == ()


def test_at_most_a_few_and_ties_break_the_same_way_every_time():
    groups = [_group(i) for i in range(6)]
    links = [(0.3, 0, 5), (0.3, 0, 3), (0.3, 0, 1), (0.3, 0, 2), (0.3, 0, 4)]
    found = possible_matches(groups, ARTICLES, links, floor=0.25, per_fact=2)
    assert found[0] == ((1, 0.3), (3, 0.3))
    assert possible_matches(groups, ARTICLES, list(reversed(links)), floor=0.25, per_fact=2)[0] == found[0]


@pytest.fixture(scope="module")
def bundled():
    from tests.core.fact_labels import bundled_story

    articles = bundled_story().articles
    return articles, compare(articles)


def _claim(comparison, article, words):
    return next(f for f in comparison.facts if f.kind == "claim" and any(
        m.article == article and words in m.text for m in f.mentions))


def test_the_headline_fact_worded_differently_is_offered_as_a_possible_match(bundled):
    articles, comparison = bundled
    shut_down = _claim(comparison, 1, "set to shut down its operations in the United States")
    assert set(shut_down.articles) == {1, 2, 4}  # "shut down" = "wind down" = "exit the U.S. market": linked ...
    offered = {p.mention.article: p.mention.text for p in shut_down.possible}
    assert "cease operations" in offered[5]  # ... and the reader is pointed to another wording
    forced_out = _claim(comparison, 1, "being forced out of the US market")
    assert forced_out.sources == 1  # not linked: the model is not sure ...
    offered = {p.mention.article: p.mention.text for p in forced_out.possible}
    assert "curtail its activities" in offered[5]  # ... but offered
    for fact in (shut_down, forced_out):
        scores = [p.score for p in fact.possible]
        assert scores == sorted(scores, reverse=True) and all(0.25 <= s < 1 for s in scores)
        for p in fact.possible:  # offsets index the article's text
            text = next(a.text for a in articles if a.id == p.mention.article)
            assert text[p.mention.start:p.mention.end] == p.mention.text


def test_possible_matches_are_in_the_json_and_never_counted_as_sources(bundled):
    _articles, comparison = bundled
    facts = comparison_dict(comparison)["facts"]
    with_possible = [f for f in facts if "possible" in f]
    assert with_possible and all(f["sources"] == len({m["article"] for m in f["mentions"]}) for f in with_possible)
    entry = with_possible[0]["possible"][0]
    assert list(entry) == ["article", "start", "end", "text", "score"]
    assert all(p["article"] not in {m["article"] for m in f["mentions"]} for f in with_possible for p in f["possible"])
    json.dumps(facts)  # plain data


def test_the_markdown_report_lists_possible_matches_under_their_claim(bundled):
    import re

    from desktop.core.interchange.report_markdown import render_markdown

    _articles, comparison = bundled
    lines = render_markdown(comparison).splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("- ") and "being forced out of the US" in line)
    below = []
    for line in lines[at + 1:]:
        if not line.startswith("  - *possibly also in*"):
            break
        below.append(line)
    possible = _claim(comparison, 1, "being forced out of the US market").possible
    assert len(below) == len(possible) >= 2
    assert f"({possible[0].score:.0%} match)" in below[0] and re.search(r"\(\d+% match\)", below[1])
    assert possible[0].mention.text[:30] in below[0]
    assert all(len(line) < 300 for line in below)  # long wordings are shortened


def test_each_summary_counts_its_lone_claims_that_may_be_worded_elsewhere(bundled):
    _articles, comparison = bundled
    for summary in comparison.summaries:
        lone = [f for f in comparison.facts if f.kind == "claim" and f.articles == (summary.article,)]
        assert summary.exclusive == len(lone)
        assert summary.possibly_elsewhere == sum(1 for f in lone if f.possible)
    assert sum(s.possibly_elsewhere for s in comparison.summaries) >= 3
    first = comparison_dict(comparison)["summaries"][0]
    assert first["possibly_elsewhere"] == comparison.summaries[0].possibly_elsewhere


def test_the_html_report_names_possible_matches_in_hover_titles_and_the_lone_claims_list(bundled):
    import html as html_module

    from desktop.core.interchange.report_html import render_html

    _articles, comparison = bundled
    page = render_html(comparison)
    assert "Possibly also A2" in html_module.unescape(page)  # the mark's hover title
    lone = _claim(comparison, 1, "being forced out of the US market")
    assert lone.sources == 1 and lone.possible
    letters = ", ".join(f"A{p.mention.article}" for p in lone.possible)
    assert f"(possibly also in {letters})" in page  # the "Only one source" list


def test_the_text_report_says_where_a_lone_claim_may_be_worded_differently(bundled):
    from desktop.core.interchange.report_text import render_text

    _articles, comparison = bundled
    report = " ".join(render_text(comparison).split())
    lone = _claim(comparison, 1, "being forced out of the US market")
    assert lone.sources == 1 and lone.possible
    letters = ", ".join(f"A{p.mention.article}" for p in lone.possible)
    assert f"(possibly also in {letters})" in report


def test_a_possible_match_the_reader_marked_as_the_same_fact_is_linked(bundled):
    articles, comparison = bundled
    lone = _claim(comparison, 1, "being forced out of the US market")
    other = lone.possible[0].mention
    mine = lone.mentions[0]
    again = compare(articles, same_facts=[((mine.article, mine.start + 10, mine.end - 10),
                                            (other.article, other.start, other.end))])
    fact = next(f for f in again.facts if f.kind == "claim" and f.sources > 1
                and any("being forced out of the US market" in m.text for m in f.mentions))
    assert other.article in fact.articles and mine.article in fact.articles
    assert other.article not in {p.mention.article for p in fact.possible}
    ones = {s.article: s.exclusive for s in comparison.summaries}
    assert {s.article: s.exclusive for s in again.summaries}[mine.article] == ones[mine.article] - 1
    # a span on no claim of its article (the byline, say) forces nothing
    assert compare(articles, same_facts=[((mine.article, 0, 0), (other.article, other.start, other.end))]) \
        .summaries == comparison.summaries


def test_a_claim_alone_points_to_a_fact_of_several_outlets_and_confirming_it_joins_that_fact(bundled):
    articles, comparison = bundled
    cease = _claim(comparison, 5, "Kaspersky Lab will completely cease operations in the United States")
    assert cease.sources == 1  # alone: 0.77 to A1's wording but 0.43 to A2's, so it stays out of their fact ...
    headline = _claim(comparison, 1, "set to shut down its operations in the United States")
    offered = cease.possible[0].mention
    assert (offered.article, offered.start) in {(m.article, m.start) for m in headline.mentions}  # ... and points to it
    mine = cease.mentions[0]
    again = compare(articles, same_facts=[((mine.article, mine.start, mine.end),
                                           (offered.article, offered.start, offered.end))])
    joined = _claim(again, 1, "set to shut down its operations in the United States")
    assert set(joined.articles) == set(headline.articles) | {5}

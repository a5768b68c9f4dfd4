"""Comparing the same texts again (the reader overruled a link or a conflict) reuses the story's
prepared claims and link scores: the result must be exactly what a comparison from scratch gives,
and a changed text must never be served from what was kept."""

from __future__ import annotations

import dataclasses

import pytest

from desktop.core.matching import align
from desktop.core.matching.compare import compare
from tests.core.fact_labels import bundled_story


def _fresh(articles, **overrides):
    align._last.clear()  # nothing kept: a comparison from scratch
    return compare(articles, **overrides)


def _shape(comparison):
    return ([(f.id, f.kind, f.score, tuple((m.article, m.start, m.end) for m in f.mentions),
              tuple((p.mention.article, p.mention.start, p.score) for p in f.possible)) for f in comparison.facts],
            [(c.id, c.label) for c in comparison.conflicts])


@pytest.fixture(scope="module")
def articles():
    return bundled_story().articles


def test_comparing_again_with_a_separation_gives_what_a_fresh_comparison_gives(articles):
    first = _fresh(articles)
    fact = next(f for f in first.facts if f.kind == "claim" and f.sources >= 3)
    a, b = fact.mentions[0], fact.mentions[1]
    apart = [((a.article, a.start, a.end), (b.article, b.start, b.end))]
    again = compare(articles, different_facts=apart)  # the story's prepared claims are reused
    assert align._last  # kept for the next comparison of these texts
    assert _shape(again) == _shape(_fresh(articles, different_facts=apart))
    assert _shape(again) != _shape(first)  # the separation did change the facts
    assert _shape(compare(articles)) == _shape(first)  # and taking it back restores them


def test_a_changed_text_is_never_served_from_the_kept_story(articles):
    compare(articles)
    edited = list(articles)
    edited[0] = dataclasses.replace(articles[0], text=articles[0].text.replace("Kaspersky", "Kaspersky Lab", 3))
    assert _shape(compare(edited)) == _shape(_fresh(edited))
    assert _shape(compare(edited)) != _shape(_fresh(articles))
    assert _shape(compare(articles)) == _shape(_fresh(articles))


def test_a_new_publication_date_is_a_new_story_for_the_kept_scores(articles):
    dated = list(articles)
    dated[0] = dataclasses.replace(articles[0], published="2024-07-15")
    compare(articles)
    assert _shape(compare(dated)) == _shape(_fresh(dated))

"""Comparing the same texts again (the reader overruled a link or a conflict) reuses the story's
prepared claims and link scores: the result must be exactly what a comparison from scratch gives,
and a changed text must never be served from what was kept."""

from __future__ import annotations

import dataclasses

import pytest

from desktop.core.matching import kept
from desktop.core.matching.compare import compare
from tests.core.fact_labels import bundled_story


def _fresh(articles, **overrides):
    kept.forget()  # nothing kept: a comparison from scratch
    return compare(articles, **overrides)


def _kept(articles, **overrides):
    """What the window does: keep the story for the reader's next word on it."""
    return compare(articles, keep_story=True, **overrides)


def _shape(comparison):
    return ([(f.id, f.kind, f.score, tuple((m.article, m.start, m.end) for m in f.mentions),
              tuple((p.mention.article, p.mention.start, p.score) for p in f.possible)) for f in comparison.facts],
            [(c.id, c.label) for c in comparison.conflicts])


@pytest.fixture(scope="module")
def articles():
    return bundled_story().articles


def test_comparing_again_with_a_separation_gives_what_a_fresh_comparison_gives(articles):
    first = _fresh(articles)
    assert kept.entry("prepare") is None  # a script's comparison keeps nothing
    assert _shape(_kept(articles)) == _shape(first)
    fact = next(f for f in first.facts if f.kind == "claim" and f.sources >= 3)
    a, b = fact.mentions[0], fact.mentions[1]
    apart = [((a.article, a.start, a.end), (b.article, b.start, b.end))]
    prepared, values = kept.entry("prepare"), kept.entry("conflict values")
    assert prepared is not None and values is not None and kept.entry("copied passages") is not None
    again = _kept(articles, different_facts=apart)  # the story's prepared claims are reused
    assert kept.entry("prepare") is prepared and kept.entry("conflict values") is values
    assert _shape(again) == _shape(_fresh(articles, different_facts=apart))
    assert _shape(again) != _shape(first)  # the separation did change the facts
    assert _shape(_kept(articles)) == _shape(first)  # and taking it back restores them


def test_a_changed_text_is_never_served_from_the_kept_story(articles):
    _kept(articles)
    edited = list(articles)
    edited[0] = dataclasses.replace(articles[0], text=articles[0].text.replace("Kaspersky", "Kaspersky Lab", 3))
    assert _shape(_kept(edited)) == _shape(_fresh(edited))
    _kept(edited)
    assert _shape(_kept(articles)) == _shape(_fresh(articles))
    assert _shape(_fresh(edited)) != _shape(_fresh(articles))


def test_a_new_publication_date_is_a_new_story_for_the_kept_scores(articles):
    dated = list(articles)
    dated[0] = dataclasses.replace(articles[0], published="2024-07-15")
    _kept(articles)
    assert _shape(_kept(dated)) == _shape(_fresh(dated))


def test_dismissing_a_conflict_when_compared_again_gives_what_a_fresh_comparison_gives(articles):
    from desktop.core.matching.dismissals import conflict_pairs

    first = _kept(articles)
    conflict = first.conflicts[0]
    dismissed = conflict_pairs(conflict)
    again = _kept(articles, dismissed_conflicts=dismissed)
    assert conflict.id in {c.id for c in again.dismissed}
    assert _shape(again) == _shape(_fresh(articles, dismissed_conflicts=dismissed))


def test_every_fact_set_apart_in_turn_gives_the_conflicts_of_a_fresh_comparison(articles):
    """The conflicts' kept value contexts get each new grouping's facts (percentages, for one, are
    compared only inside one aligned fact)."""
    first = _fresh(articles)
    _kept(articles)
    for fact in [f for f in first.facts if f.kind == "claim" and f.sources >= 2]:
        a, b = fact.mentions[0], fact.mentions[1]
        apart = [((a.article, a.start, a.end), (b.article, b.start, b.end))]
        assert _shape(_kept(articles, different_facts=apart)) == _shape(_fresh(articles, different_facts=apart))
        _kept(articles)

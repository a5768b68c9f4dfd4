"""Rules that keep false alarms out of conflicts, each against a control that does conflict.

From real false alarms on the AllSides dev groups: counts of arrests in different cities
(g066), an article that gives both figures another article sets against each other (g087,
g107), and a relative day against the year of the event (g052)."""

from __future__ import annotations

from desktop.core.matching.atomic import extract_atomic
from desktop.core.matching.compare import compare
from desktop.core.matching.conflicts import ValueMention, find_conflicts
from tests.core.fact_labels import _article

# unrelated articles of the story, so that shared context words weigh something
_OTHERS = ("The mayor spoke to reporters at city hall on the budget.",
           "Schools will reopen after the storm, the district said.")


def _labels(*texts: str) -> list[str]:
    """Conflicts between claims paired by subject and predicate only (no aligned facts)."""
    by_article = dict(enumerate(texts + _OTHERS, 1))
    values = [ValueMention(a, m.start, m.end, m.text, m.kind, m.value, m.key, m.unit, m.low, m.high, m.entity_type)
              for a, text in by_article.items() for m in extract_atomic(text)]
    return [c.label for c in find_conflicts(by_article, values)]


_FIFTEEN = "Even though police said 15 people were arrested, the gathering was peaceful."
_TWENTY_ONE = "Later, police said 21 people were arrested, mostly for failure to disperse."


def test_control_two_counts_of_one_arrest_conflict():
    assert _labels(_FIFTEEN, _TWENTY_ONE) == ["People arrested — 15 (A1) · 21 (A2)"]


def test_counts_in_sentences_naming_different_places_are_not_compared():
    boston = _FIFTEEN.replace("police said", "police in Boston said")
    assert _labels(boston, _TWENTY_ONE.replace("police said", "police in Atlanta said")) == []
    assert _labels(boston, _TWENTY_ONE.replace("police said", "police in Boston said")) == \
        ["People arrested — 15 (A1) · 21 (A2)"]


def test_an_article_listing_several_counts_of_one_predicate_is_not_contradicted():
    listing = _TWENTY_ONE + "\n\nIn all, 45 people were arrested, most for failure to disperse."
    assert _labels(_FIFTEEN, listing) == []


_MEMO = "The memos direct the agency to begin hiring {}."
_OTHER_MEMO = _MEMO.format("10,000 more immigration agents") + "\n\nThe Border Patrol union welcomed the memos."


def test_control_two_counts_of_one_hiring_conflict():
    assert _labels(_MEMO.format("5,000 Border Patrol agents"), _OTHER_MEMO) == \
        ["Number of agents — 5,000 Border Patrol agents (A1) · 10,000 (A2)"]


def test_an_article_giving_both_figures_does_not_contradict_one_of_them():
    both = _MEMO.format("5,000 Border Patrol agents") + "\n\nThe agency will also add 10,000 immigration agents."
    assert _labels(both, _OTHER_MEMO) == []


def test_a_figure_the_extractor_misses_still_counts_as_stated():
    both = _MEMO.format("5,000 Border Patrol agents") + \
        "\n\nHiring 10,000 Immigration and Customs Enforcement agents and officers"
    assert _labels(both, _OTHER_MEMO) == []


def test_a_relative_day_never_conflicts_with_a_year():
    def conflicts(first: str, second: str):
        return compare([_article(1, first, published="2019-09-06"), _article(2, second, published="2019-09-06")]).conflicts

    weekend = "Republicans will cancel their presidential primaries this weekend, party officials said."
    assert conflicts(weekend, "Republicans will cancel their 2020 presidential primaries, party officials said.") == ()
    [control] = conflicts(weekend, "Republicans will cancel their presidential primaries on Sept. 20, party officials said.")
    assert control.severity == "contradiction"

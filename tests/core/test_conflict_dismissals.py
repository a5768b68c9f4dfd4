"""The reader's "Not a Conflict": a false alarm, once dismissed, is not shown again until an
article brings a value nobody dismissed."""

from __future__ import annotations

import pytest

from desktop.core.interchange.report_json import comparison_dict
from desktop.core.library.store import Store
from desktop.core.matching.compare import compare
from desktop.core.matching.comparison import Conflict, Mention
from desktop.core.matching.dismissals import conflict_pairs, split_dismissed
from desktop.core.models import ParsedArticle


def _conflict(*mentions):
    return Conflict(id="c", label="People killed — nine (A1) · seven (A2)",
                    mentions=tuple(Mention(a, s, e, t, v) for a, s, e, t, v in mentions))


KILLED = _conflict((1, 10, 14, "nine", "9"), (2, 20, 25, "seven", "7"), (3, 5, 9, "nine", "9"))


def test_the_pairs_of_a_conflict_are_its_differing_values_in_different_articles():
    assert conflict_pairs(KILLED) == [((1, 10, 14), (2, 20, 25)), ((2, 20, 25), (3, 5, 9))]


def test_a_conflict_is_dismissed_only_while_every_pair_of_it_is():
    pairs = conflict_pairs(KILLED)
    assert split_dismissed([KILLED], pairs) == ([], [KILLED])
    assert split_dismissed([KILLED], [tuple(reversed(p)) for p in pairs]) == ([], [KILLED])  # either order
    assert split_dismissed([KILLED], pairs[:1]) == ([KILLED], [])  # A3 still disagrees with A2
    more = _conflict(*[(m.article, m.start, m.end, m.text, m.value) for m in KILLED.mentions],
                     (4, 0, 6, "eleven", "11"))
    assert split_dismissed([more], pairs) == ([more], [])  # a new value: shown again


TEXT = "Kaspersky will lay off fewer than 50 employees in the United States."
OTHER = "The firm is cutting its US staff and leaving the American market."


@pytest.fixture
def store(library_path):
    with Store(library_path) as s:
        yield s


def _article(store, text, origin):
    return store.save_article(ParsedArticle(text=text, origin=origin))[1]


def test_the_store_keeps_dismissals_per_pair_and_puts_them_back_under_their_ids(store):
    first, second = _article(store, TEXT, "/a.txt"), _article(store, OTHER, "/b.txt")
    pairs = [((second, 0, 3), (first, 20, 36)), ((first, 0, 9), (second, 4, 8))]
    ids, changes = store.dismiss_conflict(pairs)
    assert all(ids) and changes.touches("conflict_dismissals") and changes.ids == {first, second}
    assert store.dismissed_conflict_pairs([first, second]) == [((first, 20, 36), (second, 0, 3)),
                                                               ((first, 0, 9), (second, 4, 8))]
    again, nothing = store.dismiss_conflict(pairs[:1])
    assert again == [None] and not nothing.tables  # already dismissed: left as it is
    removed, changes = store.undismiss_conflict(pairs)
    assert sorted(d.id for d in removed) == sorted(ids) and store.dismissed_conflict_pairs([first, second]) == []
    back, _ = store.dismiss_conflict(pairs, ids)
    assert back == ids
    store.save_article(ParsedArticle(text=OTHER + " Staff were told on Monday.", origin="/b.txt"))
    assert store.dismissed_conflict_pairs([first, second]) == []  # a new text: the offsets no longer fit
    with pytest.raises(ValueError, match="two different articles"):
        store.dismiss_conflict([((first, 0, 3), (first, 5, 9))])


def test_deleting_an_article_takes_its_dismissals_and_undoing_it_brings_them_back(store):
    first, second = _article(store, TEXT, "/a.txt"), _article(store, OTHER, "/b.txt")
    store.dismiss_conflict([((first, 0, 9), (second, 4, 8))])
    snapshot = store.article_snapshot(first)
    assert store.delete_article(first).touches("conflict_dismissals")
    assert store.conflict_dismissals([first, second]) == []
    store.restore_article(snapshot)
    assert store.dismissed_conflict_pairs([first, second]) == [((first, 0, 9), (second, 4, 8))]


def test_a_dismissed_conflict_of_the_bundled_story_leaves_the_counts_the_timeline_and_the_json():
    from tests.core.fact_labels import bundled_story

    articles = bundled_story().articles
    plain = compare(articles)
    assert len(plain.conflicts) == 3
    dated = next(c for c in plain.conflicts if c.kind == "date")
    again = compare(articles, dismissed_conflicts=conflict_pairs(dated))
    assert [c.id for c in again.conflicts] == [c.id for c in plain.conflicts if c.id != dated.id]
    assert [c.id for c in again.dismissed] == [dated.id]
    assert sum(s.conflicts for s in again.summaries) < sum(s.conflicts for s in plain.summaries)
    assert not any(e.conflict == dated.id for e in again.timeline)
    assert any(e.conflict == dated.id for e in plain.timeline)
    report = comparison_dict(again)
    assert [c["id"] for c in report["dismissed_conflicts"]] == [dated.id]
    assert dated.id not in {c["id"] for c in report["conflicts"]}
    assert "dismissed_conflicts" not in comparison_dict(plain)

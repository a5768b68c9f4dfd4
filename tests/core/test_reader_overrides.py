"""The reader overrules the comparison.

"Not the Same Fact": a link the model made is broken and stays broken. Clustering never puts a
separated pair in one fact (not by a link, a chain, a restatement or the reader's own "same fact"
mark); the store keeps separations per article version; a comparison given them splits the fact
and offers neither claim to the other as a possible match.

"Not a Conflict": a false alarm, once dismissed, is not shown again until an article brings a value
nobody dismissed.
"""

from __future__ import annotations

import json

import pytest

from desktop.core.errors import NotFound
from desktop.core.interchange.report_json import comparison_dict
from desktop.core.library.store import Store
from desktop.core.matching.clustering import cluster
from desktop.core.matching.compare import compare
from desktop.core.matching.comparison import Conflict, Mention
from desktop.core.matching.dismissals import conflict_pairs, split_dismissed
from desktop.core.models import ParsedArticle


def _groups(scores, articles, apart=frozenset(), forced=frozenset(), link=0.45, mean=0.3):
    def score(i, j):
        if (min(i, j), max(i, j)) in apart:
            return 0.0
        return scores.get((min(i, j), max(i, j)), 0.0)

    links = [(s, i, j) for (i, j), s in scores.items()]
    found = cluster(len(articles), articles, links, score, link, mean, forced=forced, apart=apart)
    return found


def _shared(groups):
    return [g.members for g in groups if len(g.members) > 1]


def test_a_pair_set_apart_never_shares_a_fact_even_when_the_others_agree():
    scores = {(0, 1): 0.9, (1, 2): 0.9, (0, 2): 0.9, (2, 3): 0.8, (0, 3): 0.8, (1, 3): 0.8}
    assert _shared(_groups(scores, [1, 2, 3, 4])) == [(0, 1, 2, 3)]
    split = _shared(_groups(scores, [1, 2, 3, 4], apart=frozenset({(0, 2)})))
    assert split == [(0, 1, 3)]  # the strongest links form the fact; 2 would bring in the pair set apart


def test_separation_outranks_the_readers_own_same_fact_mark():
    scores = {(0, 1): 0.9}
    pair = frozenset({(0, 1)})
    assert _shared(_groups(scores, [1, 2], forced=pair)) == [(0, 1)]
    assert _shared(_groups(scores, [1, 2], forced=pair, apart=pair)) == []


def test_two_restatements_set_apart_never_join_one_fact():
    # units 0, 2 in article 1; 1, 3 in article 2: 0~1 a fact, 2 and 3 would both restate it
    scores = {(0, 1): 0.9, (0, 2): 0.9, (1, 3): 0.9}
    plain = _groups(scores, [1, 2, 1, 2])
    assert plain[0].members == (0, 1) and plain[0].restatements == (2, 3)
    kept = _groups(scores, [1, 2, 1, 2], apart=frozenset({(2, 3)}))
    assert kept[0].members == (0, 1) and len(kept[0].restatements) == 1


def test_a_claim_set_apart_is_not_kept_as_a_restatement_of_that_fact():
    # units 0 and 1 in article 1, unit 2 in article 2: 1 would be a restatement of the fact {0, 2}
    scores = {(0, 2): 0.9, (1, 2): 0.8, (0, 1): 0.9}
    plain = _groups(scores, [1, 1, 2])
    assert plain[0].members == (0, 2) and plain[0].restatements == (1,)
    kept = _groups(scores, [1, 1, 2], apart=frozenset({(1, 2)}))
    assert kept[0].members == (0, 2) and kept[0].restatements == ()


def test_a_claim_set_apart_from_a_member_is_not_offered_to_its_fact():
    from desktop.core.matching.clustering import Group
    from desktop.core.matching.possible import possible_matches

    groups = [Group((0, 1), (), 0.9), Group((2,), (), 1.0)]  # unit 2 (article 3) scored 0.4 with unit 1
    links = [(0.4, 1, 2)]
    assert possible_matches(groups, [1, 2, 3], links)[0] == ((2, 0.4),)
    assert possible_matches(groups, [1, 2, 3], links, apart=[(0, 2)])[0] == ()


# ------------------------------------------------------------------------- store


TEXT = "Kaspersky will lay off fewer than 50 employees in the United States."
OTHER = "The firm is cutting its US staff and leaving the American market."


@pytest.fixture
def store(library_path):
    with Store(library_path) as s:
        yield s


def _article(store, text, origin):
    return store.save_article(ParsedArticle(text=text, origin=origin))[1]


def test_the_store_keeps_a_separation_for_the_versions_the_reader_saw(store):
    first, second = _article(store, TEXT, "/a.txt"), _article(store, OTHER, "/b.txt")
    third = _article(store, "Nothing of the kind here.", "/c.txt")
    assert store.different_fact_pairs([first, second]) == []
    separation, changes = store.separate_facts((second, 0, 20), (first, 5, 30))
    assert changes.touches("fact_separations") and changes.ids == {first, second}
    # one order whichever end the reader started from; the same pair again changes nothing
    assert store.different_fact_pairs([first, second, third]) == [((first, 5, 30), (second, 0, 20))]
    again, nothing = store.separate_facts((first, 5, 30), (second, 0, 20))
    assert again == separation and not nothing.tables
    assert store.fact_separation_between((second, 0, 20), (first, 5, 30)).id == separation
    assert store.different_fact_pairs([first, third]) == []  # the other end is not compared
    # a new text of either article: the offsets no longer fit, the separation is left aside
    store.save_article(ParsedArticle(text=TEXT + " It said so on Monday.", origin="/a.txt"))
    assert store.different_fact_pairs([first, second]) == []


def test_removing_a_separation_and_putting_it_back_under_its_id(store):
    first, second = _article(store, TEXT, "/a.txt"), _article(store, OTHER, "/b.txt")
    separation, _ = store.separate_facts((first, 5, 30), (second, 0, 20))
    changes = store.remove_fact_separation(separation)
    assert changes.touches("fact_separations") and store.different_fact_pairs([first, second]) == []
    with pytest.raises(NotFound, match=f"No separation with id {separation}"):
        store.remove_fact_separation(separation)
    back, _ = store.separate_facts((first, 5, 30), (second, 0, 20), separation_id=separation)
    assert back == separation and len(store.fact_separations([first, second])) == 1
    fresh, _ = store.separate_facts((first, 0, 4), (second, 0, 3))
    assert fresh > separation  # ids are never handed out again


def test_a_claim_is_taken_out_of_a_fact_in_one_write_and_joined_again(store):
    first, second = _article(store, TEXT, "/a.txt"), _article(store, OTHER, "/b.txt")
    third = _article(store, "Kaspersky is leaving the United States market.", "/c.txt")
    pairs = [((second, 0, 20), (first, 5, 30)), ((second, 0, 20), (third, 0, 9))]
    ids, changes = store.separate_fact_pairs(pairs)
    assert all(ids) and changes.ids == {first, second, third}
    assert len(store.different_fact_pairs([first, second, third])) == 2
    again, nothing = store.separate_fact_pairs(pairs)
    assert again == [None, None] and not nothing.tables
    taken, changes = store.join_facts_again(pairs[:1])
    assert [t.id for t in taken] == ids[:1] and changes.touches("fact_separations")
    assert store.different_fact_pairs([first, second, third]) == [((second, 0, 20), (third, 0, 9))]
    assert store.join_facts_again(pairs[:1]) == ([], store.join_facts_again([])[1])  # nothing left to take back
    store.separate_fact_pairs(pairs[:1], ids[:1])  # undo: back under its id
    assert {s.id for s in store.fact_separations([first, second, third])} == set(ids)


@pytest.mark.parametrize("first, second, message", [
    ((1, 0, 5), (1, 6, 9), "two different articles"),
    ((1, 5, 5), (2, 0, 3), "Not a span"),
    ((1, 0, 5), (2, 0, 999), "past the end"),
])
def test_a_separation_that_cannot_be_is_refused_with_the_reason(store, first, second, message):
    _article(store, TEXT, "/a.txt"), _article(store, OTHER, "/b.txt")
    with pytest.raises(ValueError, match=message):
        store.separate_facts(first, second)
    with pytest.raises(NotFound, match="No article with id 77"):
        store.separate_facts((1, 0, 5), (77, 0, 3))
    assert store.fact_separations([1, 2, 77]) == []


def test_deleting_an_article_takes_its_separations_and_undoing_it_brings_them_back(store):
    first, second = _article(store, TEXT, "/a.txt"), _article(store, OTHER, "/b.txt")
    store.separate_facts((first, 5, 30), (second, 0, 20))
    snapshot = store.article_snapshot(second)
    changes = store.delete_article(second)
    assert changes.touches("fact_separations") and store.fact_separations([first, second]) == []
    store.restore_article(snapshot)
    assert store.different_fact_pairs([first, second]) == [((first, 5, 30), (second, 0, 20))]


# ------------------------------------------------------------------- comparison


@pytest.fixture(scope="module")
def bundled():
    from tests.core.fact_labels import bundled_story

    articles = bundled_story().articles
    return articles, compare(articles)


def test_a_shared_fact_the_reader_splits_becomes_two_and_neither_is_offered_to_the_other(bundled):
    articles, comparison = bundled
    fact = max((f for f in comparison.facts if f.kind == "claim" and f.sources > 1), key=lambda f: f.sources)
    one, two = fact.mentions[0], fact.mentions[1]
    pair = ((one.article, one.start, one.end), (two.article, two.start, two.end))
    split = compare(articles, different_facts=[pair])

    def holder(mention):
        return next(f for f in split.facts if f.kind == "claim" and any(
            (m.article, m.start) == (mention.article, mention.start) for m in f.mentions))

    first, second = holder(one), holder(two)
    assert first.id != second.id
    assert two.article not in {p.mention.article for p in first.possible if p.mention.start == two.start}
    assert one.article not in {p.mention.article for p in second.possible if p.mention.start == one.start}
    # the rest of the story is as it was, and the JSON lists the reader's pair
    others = {f.id for f in comparison.facts if f.id != fact.id and f.kind == "claim" and f.sources > 1}
    assert others <= {f.id for f in split.facts}
    assert [[m["text"] for m in pair] for pair in comparison_dict(split)["separated"]] == [[one.text, two.text]]
    assert "separated" not in comparison_dict(comparison)  # no separations: the output is as before
    json.dumps(comparison_dict(split))


def test_a_separation_on_no_claim_changes_nothing(bundled):
    articles, comparison = bundled
    fact = next(f for f in comparison.facts if f.kind == "claim" and f.sources > 1)
    two = fact.mentions[1]
    again = compare(articles, different_facts=[((fact.mentions[0].article, 0, 1), (two.article, two.start, two.end))])
    assert again.summaries == comparison.summaries


def test_a_schema_8_library_gains_separations_and_keeps_a_backup(tmp_path):
    from desktop.core.library import open_library
    from desktop.core.library.schema import SCHEMA_VERSION, user_version
    from tests.library_versions import library_at

    path = tmp_path / "library.sqlite"
    db = library_at(path, 8)
    db.conn.commit()
    db.conn.close()
    with open_library(path) as store:
        assert user_version(store.db) == SCHEMA_VERSION >= 9
        first, second = _article(store, TEXT, "/a.txt"), _article(store, OTHER, "/b.txt")
        store.separate_facts((first, 0, 9), (second, 4, 8))
        assert store.different_fact_pairs([first, second]) == [((first, 0, 9), (second, 4, 8))]
        assert store.integrity_check() == "ok"
    assert (tmp_path / "library.sqlite.v8.bak").exists()


# ------------------------------------------------------------------- Not a Conflict


def _conflict(*mentions):
    return Conflict(id="c", label="People killed — nine (A1) · seven (A2)",
                    mentions=tuple(Mention(a, s, e, t, v) for a, s, e, t, v in mentions))


KILLED = _conflict((1, 10, 14, "nine", "9"), (2, 20, 25, "seven", "7"), (3, 5, 9, "nine", "9"))


def test_the_pairs_of_a_conflict_are_its_differing_values_in_different_articles():
    assert conflict_pairs(KILLED) == [((1, 10, 14), (2, 20, 25)), ((2, 20, 25), (3, 5, 9))]


def test_a_conflict_is_dismissed_while_every_pair_of_its_values_is():
    pairs = conflict_pairs(KILLED)
    assert split_dismissed([KILLED], pairs) == ([], [KILLED])
    assert split_dismissed([KILLED], [tuple(reversed(p)) for p in pairs]) == ([], [KILLED])  # either order
    assert split_dismissed([KILLED], pairs[:1]) == ([], [KILLED])  # "nine" vs "seven" settled, A3 says nine too
    assert split_dismissed([KILLED], []) == ([KILLED], [])
    more = _conflict(*[(m.article, m.start, m.end, m.text, m.value) for m in KILLED.mentions],
                     (4, 0, 6, "eleven", "11"))
    assert split_dismissed([more], pairs) == ([more], [])  # a new value: shown again
    agreeing = _conflict(*[(m.article, m.start, m.end, m.text, m.value) for m in KILLED.mentions],
                         (5, 0, 5, "seven", "7"))
    assert split_dismissed([agreeing], pairs) == ([], [agreeing])  # a new article giving a known value


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


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_reports_say_which_conflicts_the_reader_dismissed(fmt):
    import html

    from desktop.core.interchange.reports import render
    from tests.core.fact_labels import bundled_story

    articles = bundled_story().articles
    plain = compare(articles)
    dated = next(c for c in plain.conflicts if c.kind == "date")
    report = render(compare(articles, dismissed_conflicts=conflict_pairs(dated)), fmt)
    flat = " ".join(html.unescape(report).replace("*", "").split())
    assert "Dismissed by the reader as no conflict: " + " ".join(dated.label.split()) in flat
    assert "Dismissed by the reader" not in render(plain, fmt)


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_reports_say_which_claims_the_reader_set_apart(fmt, bundled):
    import html

    from desktop.core.interchange.reports import render

    articles, plain = bundled
    fact = next(f for f in plain.facts if f.kind == "claim" and f.sources >= 2)
    a, b = fact.mentions[0], fact.mentions[1]
    split = compare(articles, different_facts=[((a.article, a.start, a.end), (b.article, b.start, b.end))])
    flat = " ".join(html.unescape(render(split, fmt)).replace("*", "").replace("\\", "").split())
    letters = {x.id: f"A{i}" for i, x in enumerate(articles, 1)}
    said = f"Set apart by the reader as not the same fact: {letters[a.article]} “{' '.join(a.text.split())[:30]}"
    assert said in flat and f" · {letters[b.article]} “" in flat
    assert "Set apart by the reader" not in render(plain, fmt)


# ------------------------------------------------------------------- links less sure


def test_a_shared_claim_below_the_weak_link_score_is_flagged_and_the_json_says_how_sure():
    from desktop.core.matching.comparison import WEAK_LINK, Fact

    two = (Mention(1, 0, 5, "a b c"), Mention(2, 0, 5, "a b c"))
    assert Fact("x", "claim", "a", two, score=WEAK_LINK - 0.01).weak
    assert not Fact("x", "claim", "a", two, score=WEAK_LINK).weak
    assert not Fact("x", "claim", "a", two[:1], score=0.2).weak  # a lone claim links nothing
    assert not Fact("x", "date", "a", two, score=0.2).weak

    from tests.core.fact_labels import bundled_story

    report = comparison_dict(compare(bundled_story().articles))
    shared = [f for f in report["facts"] if f["kind"] == "claim" and f["sources"] > 1]
    assert shared and all(0 < f["score"] <= 1 and f["weak"] == (f["score"] < WEAK_LINK) for f in shared)
    assert not any("score" in f for f in report["facts"] if f["sources"] == 1)


def test_the_readers_latest_word_is_found_across_spans_that_overlap_its_claims(store):
    first, second = _article(store, TEXT, "/a.txt"), _article(store, OTHER, "/b.txt")
    third = _article(store, "Kaspersky is leaving the United States market.", "/c.txt")
    separation, _ = store.separate_facts((first, 5, 30), (second, 0, 20))
    store.separate_facts((first, 5, 30), (third, 0, 9))
    # a "same fact" mark on a few words of each claim, in either order, lies over the separation
    assert [s.id for s in store.fact_separations_across([((second, 2, 8), (first, 10, 12))])] == [separation]
    assert store.fact_separations_across([((first, 30, 40), (second, 0, 20))]) == []  # touching is not sharing
    assert store.fact_separations_across([((first, 5, 30), (first, 0, 4))]) == []
    assert store.fact_separations_across([]) == []
    # the "same fact" links whose highlights lie over a pair of spans
    here, _ = store.add_annotation(first, 10, 20, TEXT[10:20], TEXT[:10], TEXT[20:30])
    there, _ = store.add_annotation(second, 0, 5, OTHER[0:5], "", OTHER[5:15])
    elsewhere, _ = store.add_annotation(third, 0, 9, "Kaspersky", "", " is leaving")
    link, _ = store.link_annotations(here, there, "same fact")
    store.link_annotations(here, elsewhere, "supports")  # another kind: not a "same fact" mark
    assert store.same_fact_link_spans(link) == ((first, 10, 20), (second, 0, 5))
    assert [x.id for x in store.same_fact_links_across([((second, 0, 20), (first, 5, 30))])] == [link]
    assert store.same_fact_links_across([((first, 5, 30), (third, 0, 9))]) == []
    assert store.same_fact_link_spans(store.annotation_links(elsewhere)[0].id) is None
    # a new text of an article: its offsets no longer fit, nothing is found on it
    store.save_article(ParsedArticle(text=TEXT + " It said so on Monday.", origin="/a.txt"))
    assert store.same_fact_links_across([((second, 0, 20), (first, 5, 30))]) == []
    assert store.same_fact_link_spans(link) is None


def test_removed_links_come_back_under_their_ids_unless_an_end_is_gone(store):
    first, second = _article(store, TEXT, "/a.txt"), _article(store, OTHER, "/b.txt")
    here, _ = store.add_annotation(first, 10, 20, TEXT[10:20], TEXT[:10], TEXT[20:30])
    there, _ = store.add_annotation(second, 0, 5, OTHER[0:5], "", OTHER[5:15])
    gone, _ = store.add_annotation(second, 6, 10, OTHER[6:10], OTHER[:6], OTHER[10:20])
    kept, _ = store.link_annotations(here, there, "same fact")
    lost, _ = store.link_annotations(here, gone, "supports")
    links = [store.annotation_link(kept), store.annotation_link(lost)]
    for link in links:
        store.unlink_annotations(link.id)
    store.delete_annotation(gone)
    changes = store.restore_annotation_links(links)
    assert store.annotation_links(here) == [links[0]] and changes.ids == {here, there}
    assert not store.restore_annotation_links(links).tables  # there already: nothing twice

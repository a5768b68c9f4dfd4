"""Annotating by quote, and annotations that follow their words when an article is re-imported."""

from __future__ import annotations

import json

import pytest

from desktop.cli import main
from desktop.core.errors import NotFound
from desktop.core.library import import_paths, open_library
from desktop.core.notes.annotating import annotate, find_quote

TEXT = ("Kaspersky will close its US business. The ban takes effect on Sept. 29, officials said.\n"
        "Kaspersky said fewer than 50 employees are affected.\n")


@pytest.fixture
def store(library_path):
    with open_library(library_path) as s:
        yield s


def imported(store, tmp_path, text=TEXT):
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    report = import_paths(store, [path])
    return path, (report.added + report.updated + report.unchanged)[0]


def test_find_quote_counts_occurrences():
    assert find_quote(TEXT, "Kaspersky") == (0, 9)
    assert TEXT[slice(*find_quote(TEXT, "Kaspersky", 2))] == "Kaspersky"
    assert find_quote(TEXT, "Kaspersky", 2)[0] > 9
    with pytest.raises(NotFound, match="occurs 2 times"):
        find_quote(TEXT, "Kaspersky", 3)
    with pytest.raises(NotFound, match="does not occur"):
        find_quote(TEXT, "Eugene")
    with pytest.raises(ValueError):
        find_quote(TEXT, "")


def test_annotate_stores_the_three_anchors(store, tmp_path):
    _, article_id = imported(store, tmp_path)
    annotation_id, changes = annotate(store, article_id, "Sept. 29", note="check", tags=["dates"], color="red")
    a = store.annotation(annotation_id)
    assert (a.exact, a.note, a.tags, a.color) == ("Sept. 29", "check", ("dates",), "red")
    assert TEXT[a.start:a.end] == "Sept. 29"
    assert TEXT[:a.start].endswith(a.prefix) and TEXT[a.end:].startswith(a.suffix)
    assert len(a.prefix) == 32 and a.version_id == store.article(article_id).version_id
    assert changes.touches("annotations")
    with pytest.raises(ValueError, match="colour"):
        annotate(store, article_id, "Sept. 29", color="mauve")


def test_reimported_edited_text_moves_annotations_and_orphans_the_lost_ones(store, tmp_path):
    path, article_id = imported(store, tmp_path)
    kept, _ = annotate(store, article_id, "fewer than 50 employees")
    lost, _ = annotate(store, article_id, "Sept. 29")
    edited = ("UPDATED: a correction was added at the top of this report.\n"
              + TEXT.replace("The ban takes effect on Sept. 29, officials said.", "The date is disputed."))
    path.write_text(edited, encoding="utf-8")
    report = import_paths(store, [path])
    assert report.updated == [article_id]
    moved = store.annotation(kept)
    assert not moved.orphaned and edited[moved.start:moved.end] == "fewer than 50 employees"
    assert moved.version_id == store.article(article_id).version_id
    orphan = store.annotation(lost)
    assert orphan.orphaned and orphan.exact == "Sept. 29"  # kept for the user, never dropped
    assert {a.id for a in store.annotations(article_id=article_id)} == {kept, lost}


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_annotate_list_and_tags(capsys, library_path, store, tmp_path):
    _, article_id = imported(store, tmp_path)
    store.close()
    lib = ["--library", str(library_path)]
    code, out, _ = run(capsys, *lib, "annotate", str(article_id), "--quote", "Kaspersky", "--occurrence", "2",
                       "--note", "a note, with \"quotes\"", "--tag", "names", "--tag", "Names2", "--json")
    created = json.loads(out)
    assert code == 0 and created["exact"] == "Kaspersky" and created["start"] > 9
    code, out, _ = run(capsys, *lib, "annotations", "--json", "--tag", "names")
    [row] = json.loads(out)
    assert {"id", "article", "start", "end", "exact", "note", "tags", "color", "orphaned"} <= row.keys()
    assert sorted(row["tags"], key=str.casefold) == ["names", "Names2"]
    assert row["orphaned"] is False
    code, out, _ = run(capsys, *lib, "tags", "--json")
    assert {t["name"]: t["count"] for t in json.loads(out)} == {"names": 1, "Names2": 1}
    code, out, err = run(capsys, *lib, "annotate", str(article_id), "--quote", "not in the text")
    assert code == 1 and "does not occur" in err
    code, out, err = run(capsys, *lib, "annotate", "999", "--quote", "x")
    assert code == 1 and "No article with id 999" in err
    code, out, _ = run(capsys, *lib, "annotations", "--story", "Kaspersky exits the US (July 2024)")
    assert code == 0 and "No annotations." in out


# ------------------------------------------------------------------ orphans, links, grouping

from desktop.core.notes.annotating import (  # noqa: E402
    NoteGroup,
    confirm_orphan,
    group_by_article,
    group_by_tag,
    link_candidates,
    linked_notes,
    order_by_articles,
    orphan_candidate,
)


def _orphan_by_reimport(store, tmp_path, old: str, new: str) -> tuple[int, int]:
    """An annotation on ``old`` made an orphan by re-importing the text with ``new`` instead."""
    path, article_id = imported(store, tmp_path)
    annotation_id, _ = annotate(store, article_id, old, note="keep me", tags=["dates"])
    path.write_text(TEXT.replace(old, new), encoding="utf-8")
    assert import_paths(store, [path]).updated == [article_id]
    assert store.annotation(annotation_id).orphaned
    return article_id, annotation_id


def test_orphan_candidate_is_the_nearest_passage_and_confirming_reanchors_it(store, tmp_path):
    article_id, orphan_id = _orphan_by_reimport(store, tmp_path, "on Sept. 29, officials", "on Sept. 30, officals")
    orphan = store.annotation(orphan_id)
    candidate = orphan_candidate(store, orphan)
    text = store.article(article_id).text
    assert candidate is not None and text[candidate.start:candidate.end] == candidate.text
    assert "Sept. 30" in candidate.text and 0.5 <= candidate.similarity < 1
    assert text[:candidate.start].endswith(candidate.before) and text[candidate.end:].startswith(candidate.after)

    changes = confirm_orphan(store, orphan_id, candidate.start, candidate.end)
    placed = store.annotation(orphan_id)
    assert changes.touches("annotations") and not placed.orphaned
    assert (placed.start, placed.end, placed.exact) == (candidate.start, candidate.end, candidate.text)
    assert placed.version_id == store.article(article_id).version_id
    assert text[:placed.start].endswith(placed.prefix) and len(placed.prefix) == 32
    assert (placed.note, placed.tags) == ("keep me", ("dates",))  # what the reader wrote stays


def test_orphan_without_a_similar_passage_has_no_candidate(store, tmp_path):
    _, orphan_id = _orphan_by_reimport(store, tmp_path, "fewer than 50 employees are affected",
                                       "a statement was issued at noon")
    assert orphan_candidate(store, store.annotation(orphan_id)) is None


def test_linked_notes_list_each_link_on_both_ends(library):
    first, second, third = library.stories()[0].article_ids[:3]
    a, _ = annotate(library, first, "Kaspersky")
    b, _ = annotate(library, second, "Kaspersky")
    c, _ = annotate(library, third, "Kaspersky")
    library.link_annotations(a, b, "supports")
    library.link_annotations(c, a, "contradicts")
    found = linked_notes(library, [a, b])
    assert [(n.other.id, n.verb, n.outgoing) for n in found[a]] == [(b, "supports", True),
                                                                     (c, "contradicts", False)]
    assert [(n.other.id, n.verb) for n in found[b]] == [(a, "supported by")]
    assert c not in found  # only the ids asked about


def test_link_candidates_are_other_articles_story_first_and_searchable(library, tmp_path):
    story = library.stories()[0]
    mine, _ = annotate(library, story.article_ids[0], "Kaspersky")
    same_article, _ = annotate(library, story.article_ids[0], "Kaspersky", occurrence=2)
    path = tmp_path / "other.txt"
    path.write_text("Kaspersky was in the news again.\n", encoding="utf-8")
    other_article = import_paths(library, [path]).added[0]
    elsewhere, _ = annotate(library, other_article, "in the news", note="outside the story")
    in_story, _ = annotate(library, story.article_ids[3], "Kaspersky")
    order = list(reversed(story.article_ids))
    keys = link_candidates(library, library.annotation(mine), story_article_ids=order)
    ids = [k[0] for k in keys]
    assert mine not in ids and same_article not in ids
    assert ids == [in_story, elsewhere]  # the story's articles first, whatever their ids
    assert [k[0] for k in link_candidates(library, library.annotation(mine), "outside")] == [elsewhere]


def test_order_and_grouping_by_article():
    keys = [(1, 10), (2, 10), (3, 20), (4, 30), (5, 30)]
    ordered = order_by_articles(keys, [30, 10])
    assert ordered == [(4, 30), (5, 30), (1, 10), (2, 10), (3, 20)]
    assert group_by_article(ordered) == [NoteGroup(30, (4, 5)), NoteGroup(10, (1, 2)), NoteGroup(20, (3,))]
    assert order_by_articles(keys, []) == keys and group_by_article([]) == []


def test_grouping_by_tag_lists_a_note_under_each_tag_and_untagged_last():
    keys = [(1, 10), (2, 10), (3, 20), (4, 20)]
    pairs = [(3, "beta"), (1, "Alpha"), (3, "alpha2"), (1, "beta"), (9, "unlisted")]
    groups = group_by_tag(keys, pairs)
    assert groups == [NoteGroup("Alpha", (1,)), NoteGroup("alpha2", (3,)), NoteGroup("beta", (1, 3)),
                      NoteGroup(None, (2, 4))]
    assert group_by_tag([], pairs) == []


def test_candidate_keeps_as_many_words_as_the_quote(store, tmp_path):
    # by similarity alone "Sept." is closest to "Sept. 29"; the reader means "Sept. 30"
    _, orphan_id = _orphan_by_reimport(store, tmp_path, "Sept. 29", "Sept. 30")
    candidate = orphan_candidate(store, store.annotation(orphan_id))
    assert candidate is not None and candidate.text == "Sept. 30"


LONG = ("The strike began at dawn. Officials said more than 170 people were detained across the city "
        "on the first day of the protests, and the police chief defended the arrests.\n")


def test_a_quote_whose_words_changed_is_kept_and_flagged_never_rewritten(store, tmp_path, capsys, library_path):
    from desktop.core.notes.annotating import accept_changed_words, changed_words

    path, article_id = imported(store, tmp_path, LONG)
    note, _ = annotate(store, article_id, "more than 170 people were detained across the city", note="count")
    edited = LONG.replace("more than 170", "more than 260")
    path.write_text(edited, encoding="utf-8")
    assert import_paths(store, [path]).updated == [article_id]
    a = store.annotation(note)
    assert (a.changed, a.orphaned, a.needs_review) == (True, False, True)
    assert a.exact == "more than 170 people were detained across the city"  # the reader's quote, kept
    assert edited[a.start:a.end] == "more than 260 people were detained across the city"
    assert changed_words(store, a) == "more than 260 people were detained across the city"
    assert store.annotation_count(review=True) == 1 and store.annotation_count(orphaned=True) == 0
    code = main(["--library", str(library_path), "annotations", "--json"])
    listed = {row["id"]: row for row in json.loads(capsys.readouterr().out)}
    assert code == 0 and listed[note]["changed"] is True and listed[note]["exact"].startswith("more than 170")

    accept_changed_words(store, note)  # the reader's OK
    a = store.annotation(note)
    assert (a.changed, a.exact) == (False, "more than 260 people were detained across the city")
    assert store.annotation_count(review=True) == 0


def test_a_changed_quote_is_cleared_when_its_words_come_back(store, tmp_path):
    path, article_id = imported(store, tmp_path, LONG)
    note, _ = annotate(store, article_id, "more than 170 people were detained across the city")
    path.write_text(LONG.replace("more than 170", "more than 260"), encoding="utf-8")
    import_paths(store, [path])
    assert store.annotation(note).changed
    path.write_text(LONG.replace("The strike", "Update: the strike"), encoding="utf-8")
    import_paths(store, [path])
    a = store.annotation(note)
    assert not a.changed and a.exact == "more than 170 people were detained across the city"


def test_whitespace_alone_does_not_count_as_changed_words(store, tmp_path):
    path, article_id = imported(store, tmp_path, LONG)
    note, _ = annotate(store, article_id, "more than 170 people were detained")
    path.write_text(LONG.replace("more than 170 people", "more than 170\npeople"), encoding="utf-8")
    import_paths(store, [path])
    assert not store.annotation(note).changed

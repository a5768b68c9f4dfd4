"""Tag management in the store: counts, snapshots and exact restore, merges, article and story tags."""

from __future__ import annotations

import pytest

from desktop.core.errors import NotFound
from desktop.core.notes.annotating import annotate


@pytest.fixture
def story(library):
    """The bundled story with its article ids."""
    return library.stories()[0]


def assignments(store, name):
    info = store.tag_assignments(name)
    return info.name, info.color, info.annotation_ids, info.article_ids, info.story_ids


def test_tags_count_annotations_articles_and_stories(library, story):
    first, second = story.article_ids[:2]
    annotate(library, first, "Kaspersky", tags=["company", "US"])
    annotate(library, second, "Kaspersky", tags=["Company"])
    library.set_article_tags(first, ["company", "read later"])
    library.set_story_tags(story.id, ["COMPANY"])
    counts = {t.name: (t.count, t.articles, t.stories) for t in library.tags()}
    assert counts == {"company": (2, 1, 1), "read later": (0, 1, 0), "US": (1, 0, 0)}
    assert all(t.annotation_ids == () for t in library.tags())  # tags() gives counts only


def test_tag_assignments_snapshot_lists_every_owner(library, story):
    first, second = story.article_ids[:2]
    a, _ = annotate(library, first, "Kaspersky", tags=["doubt"])
    b, _ = annotate(library, second, "Kaspersky", tags=["doubt", "other"])
    library.set_article_tags(second, ["Doubt"])
    library.set_story_tags(story.id, ["doubt"])
    library.set_tag_color("doubt", "#ff8800")
    info = library.tag_assignments("DOUBT")
    assert (info.name, info.color) == ("doubt", "#ff8800")
    assert info.annotation_ids == tuple(sorted((a, b)))
    assert info.article_ids == (second,) and info.story_ids == (story.id,)
    assert (info.count, info.articles, info.stories) == (2, 1, 1)
    with pytest.raises(NotFound):
        library.tag_assignments("missing")


def test_restore_after_delete_gives_back_tag_colour_and_every_assignment(library, story):
    first, second = story.article_ids[:2]
    a, _ = annotate(library, first, "Kaspersky", tags=["doubt", "keep"])
    b, _ = annotate(library, second, "Kaspersky", tags=["doubt"])
    library.set_article_tags(first, ["doubt", "keep"])
    library.set_story_tags(story.id, ["doubt"])
    library.set_tag_color("doubt", "red")
    before = assignments(library, "doubt")
    library.delete_tag("doubt")
    assert library.annotation(a).tags == ("keep",) and library.article_tags(first) == ["keep"]

    changes = library.restore_tag(*before[:2], *before[2:])
    assert {"tags", "annotation_tags", "article_tags", "story_tags"} <= changes.tables
    assert assignments(library, "doubt") == before
    assert library.annotation(a).tags == ("doubt", "keep") and library.annotation(b).tags == ("doubt",)
    assert library.article_tags(first) == ["doubt", "keep"] and library.story_tags(story.id) == ["doubt"]


def test_restore_sets_an_existing_tag_exactly_and_skips_owners_that_are_gone(library, story):
    first, second = story.article_ids[:2]
    a, _ = annotate(library, first, "Kaspersky", tags=["t"])
    b, _ = annotate(library, second, "Kaspersky", tags=["t"])
    library.delete_annotation(b)
    library.restore_tag("T", "blue", annotation_ids=[a, b], article_ids=[second, 99999], story_ids=[])
    # the spelling given wins; the deleted annotation and the unknown article are skipped, not an error
    assert assignments(library, "t") == ("T", "blue", (a,), (second,), ())
    library.restore_tag("t", None)
    assert assignments(library, "t") == ("t", None, (), (), ())
    assert library.integrity_check() == "ok"


def test_merge_tags_into_one_of_them_keeps_everything_once(library, story):
    first, second = story.article_ids[:2]
    a, _ = annotate(library, first, "Kaspersky", tags=["firm", "company"])
    b, _ = annotate(library, second, "Kaspersky", tags=["business"])
    library.set_article_tags(first, ["firm"])
    library.set_story_tags(story.id, ["business", "company"])
    library.set_tag_color("firm", "green")
    changes = library.merge_tags(["firm", "company", "business"], "company")
    assert {"tags", "annotation_tags", "article_tags", "story_tags"} <= changes.tables
    assert [(t.name, t.color, t.count, t.articles, t.stories) for t in library.tags()] == [
        ("company", "green", 2, 1, 1)  # the survivor had no colour: it takes the first merged one
    ]
    assert library.annotation(a).tags == ("company",) and library.annotation(b).tags == ("company",)


def test_merge_tags_into_a_new_name_and_case_of_the_survivor(library, story):
    first = story.article_ids[0]
    a, _ = annotate(library, first, "Kaspersky", tags=["x", "y"])
    library.merge_tags(["x", "Y"], "Letters")
    assert [(t.name, t.count) for t in library.tags()] == [("Letters", 1)]
    library.merge_tags(["letters"], "LETTERS")  # one tag, other case: a case rename
    assert library.annotation(a).tags == ("LETTERS",)
    with pytest.raises(NotFound):
        library.merge_tags(["LETTERS", "nothing"], "z")
    assert library.annotation(a).tags == ("LETTERS",)  # nothing half-done
    with pytest.raises(ValueError):
        library.merge_tags([], "z")
    with pytest.raises(ValueError):
        library.merge_tags(["LETTERS"], "  ")


def test_rename_tag_still_merges_onto_an_existing_tag(library, story):
    first = story.article_ids[0]
    a, _ = annotate(library, first, "Kaspersky", tags=["firm", "company"])
    library.set_tag_color("company", "blue")
    library.rename_tag("firm", "Company")
    assert [(t.name, t.color, t.count) for t in library.tags()] == [("company", "blue", 1)]
    assert library.annotation(a).tags == ("company",)


def test_article_and_story_tags_round_trip(library, story):
    first, second = story.article_ids[:2]
    changes = library.set_article_tags(first, ["Read later", " biased ", "read LATER"])
    assert changes.tables == {"article_tags", "tags"} and changes.ids == {first}
    assert library.article_tags(first) == ["biased", "Read later"]
    changes = library.set_article_tags(second, ["biased"])
    assert changes.tables == {"article_tags"}  # nothing created
    changes = library.set_story_tags(story.id, ["important", "Biased"])
    assert changes.tables == {"story_tags", "tags"} and changes.ids == {story.id}
    assert library.story_tags(story.id) == ["biased", "important"]
    assert library.article_tag_map() == {first: ["biased", "Read later"], second: ["biased"]}
    assert library.story_tag_map() == {story.id: ["biased", "important"]}

    library.set_article_tags(first, [])
    assert library.article_tags(first) == [] and first not in library.article_tag_map()
    assert {t.name for t in library.tags()} == {"biased", "Read later", "important"}  # tags stay
    with pytest.raises(NotFound):
        library.set_article_tags(99999, ["x"])
    with pytest.raises(NotFound):
        library.set_story_tags(99999, ["x"])
    with pytest.raises(ValueError):
        library.set_story_tags(story.id, ["ok", "  "])
    assert library.story_tags(story.id) == ["biased", "important"]  # the failed call changed nothing


def test_tag_writes_survive_reopening(library_path, library, story):
    from desktop.core.library import open_library

    first = story.article_ids[0]
    annotate(library, first, "Kaspersky", tags=["a"])
    library.set_article_tags(first, ["b"])
    library.merge_tags(["a", "b"], "c")
    library.close()
    with open_library(library_path) as again:
        assert [(t.name, t.count, t.articles) for t in again.tags()] == [("c", 1, 1)]


def test_untag_and_additive_restore(library, story):
    first, second = story.article_ids[:2]
    a, _ = annotate(library, first, "Kaspersky", tags=["t"])
    b, _ = annotate(library, second, "Kaspersky", tags=["t"])
    library.set_article_tags(first, ["t"])
    changes = library.untag("T", annotation_ids=[a], article_ids=[first, 99999])
    assert changes.touches("annotation_tags") and changes.touches("article_tags")
    assert assignments(library, "t") == ("t", None, (b,), (), ())
    library.restore_tag("t", "red", annotation_ids=[a], exact=False)  # adds, keeps b
    assert assignments(library, "t") == ("t", "red", tuple(sorted((a, b))), (), ())
    with pytest.raises(NotFound):
        library.untag("missing", annotation_ids=[a])

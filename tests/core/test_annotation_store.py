"""Annotations, tags and links in the library store (schema versions 3 and 4)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop.core.errors import NotFound
from desktop.core.library import open_library
from desktop.core.library.schema import SCHEMA_VERSION, user_version
from desktop.core.library.store import Store
from desktop.core.models import ParsedArticle

V2_LIBRARY = Path(__file__).parents[1] / "data" / "library-v2.sqlite"  # written by schema version 2

TEXT = "Kaspersky will lay off fewer than 50 employees in the United States."


@pytest.fixture
def store(library_path):
    with Store(library_path) as s:
        yield s


def add_article(store, text=TEXT, origin="/news/a.txt", **meta) -> int:
    _, article_id, _ = store.save_article(ParsedArticle(text=text, origin=origin, **meta))
    return article_id


def annotate(store, article_id, exact, text=TEXT, **kwargs):
    start = text.index(exact)
    end = start + len(exact)
    return store.add_annotation(
        article_id, start, end, exact, text[max(0, start - 32):start], text[end:end + 32], **kwargs
    )


# ------------------------------------------------------------------ migration


def test_v2_library_migrates_to_v3_with_its_data_and_a_backup(tmp_path):
    path = tmp_path / "library.sqlite"
    shutil.copy(V2_LIBRARY, path)
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == 2
        before_articles = raw.execute("SELECT id, title, text FROM articles ORDER BY id").fetchall()
    with open_library(path) as store:
        assert user_version(store.db) == SCHEMA_VERSION >= 3
        assert [(a.id, a.title, a.text) for a in (store.article(i) for i, _, _ in before_articles)] == [
            tuple(r) for r in before_articles
        ]
        assert len(before_articles) == 5
        [story] = store.stories()
        assert story.name == "Kaspersky exits the US (July 2024)"
        assert story.article_ids == (1, 2, 3, 4, 5)
        assert store.search("Kaspersky")  # the v2 search index survived
        article = store.article(1)
        exact = article.text.split()[0]
        start = article.text.index(exact)
        annotation_id, _ = store.add_annotation(
            1, start, start + len(exact), exact, "", article.text[start + len(exact):][:32],
            note="first note", tags=["Kaspersky"],
        )
        assert store.annotation(annotation_id).version_id == article.version_id
        assert [a.id for a in store.annotations(story_id=story.id)] == [annotation_id]
        assert [a.id for a in store.search_annotations("first")] == [annotation_id]
        assert store.integrity_check() == "ok"
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
    backup = tmp_path / "library.sqlite.v2.bak"
    assert backup.exists()
    with sqlite3.connect(backup) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == 2
        assert "annotations" not in {r[0] for r in raw.execute("SELECT name FROM sqlite_master")}


def test_fixture_file_itself_is_left_at_v2():
    with sqlite3.connect(f"file:{V2_LIBRARY}?mode=ro", uri=True) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == 2


def test_new_library_has_annotation_tables(store):
    names = set(store.db.table_names())
    assert {"annotations", "tags", "annotation_tags", "article_tags", "story_tags",
            "annotation_links", "annotations_fts"} <= names


# ---------------------------------------------------------------- annotations


def test_add_read_update_delete_annotation(store):
    article_id = add_article(store)
    annotation_id, changes = annotate(store, article_id, "fewer than 50 employees", note="check the number")
    assert changes.tables == {"annotations"} and changes.ids == {annotation_id}
    a = store.annotation(annotation_id)
    assert (a.article_id, a.exact, a.note, a.color, a.tags, a.orphaned) == (
        article_id, "fewer than 50 employees", "check the number", "yellow", (), False)
    assert TEXT[a.start:a.end] == a.exact
    assert a.prefix == "Kaspersky will lay off "
    assert a.suffix == " in the United States."
    assert a.version_id == store.article(article_id).version_id
    assert a.created and a.updated

    changes = store.update_annotation(annotation_id, note="confirmed", color="green")
    assert changes.tables == {"annotations"} and changes.ids == {annotation_id}
    a2 = store.annotation(annotation_id)
    assert (a2.note, a2.color, a2.exact) == ("confirmed", "green", a.exact)

    changes = store.update_annotation(annotation_id, orphaned=True)
    assert store.annotation(annotation_id).orphaned is True

    changes = store.delete_annotation(annotation_id)
    assert {"annotations", "annotation_tags", "annotation_links"} <= changes.tables
    assert annotation_id in changes.ids
    with pytest.raises(NotFound):
        store.annotation(annotation_id)
    assert store.annotations() == []


def test_annotations_are_ordered_and_filtered(store):
    first = add_article(store)
    other_text = "Sanctions were announced on Thursday."
    second = add_article(store, other_text, origin="/news/b.txt")
    story_id, _ = store.create_story("Story")
    store.add_to_story(story_id, [second])
    late, _ = annotate(store, first, "United States")
    early, _ = annotate(store, first, "Kaspersky", tags=["company"])
    other, _ = annotate(store, second, "Thursday", text=other_text, tags=["date"])
    assert [a.id for a in store.annotations()] == [early, late, other]
    assert [a.id for a in store.annotations(article_id=first)] == [early, late]
    assert [a.id for a in store.annotations(story_id=story_id)] == [other]
    assert [a.id for a in store.annotations(tag="COMPANY")] == [early]
    assert store.annotations(story_id=story_id, tag="company") == []


def test_annotation_records_the_version_it_was_made_on(store):
    article_id = add_article(store)
    old, _ = annotate(store, article_id, "Kaspersky")
    old_version = store.annotation(old).version_id
    new_text = "Update: " + TEXT
    store.save_article(ParsedArticle(text=new_text, origin="/news/a.txt"))
    new, _ = annotate(store, article_id, "Kaspersky", text=new_text)
    assert store.annotation(new).version_id == store.article(article_id).version_id != old_version
    assert store.annotation(old).version_id == old_version  # kept for re-anchoring
    # re-anchor the old one onto the new version
    start = new_text.index("Kaspersky")
    store.update_annotation(old, version_id=store.article(article_id).version_id,
                            start=start, end=start + len("Kaspersky"))
    assert store.annotation(old).start == start


@pytest.mark.parametrize(
    "start, end, exact",
    [(0, 9, "Kasparov"), (0, 9, "kaspersky"), (5, 3, ""), (0, 0, ""), (-1, 9, "Kaspersky"),
     (60, 999, TEXT[60:])],
)
def test_span_that_does_not_match_the_text_is_refused(store, start, end, exact):
    article_id = add_article(store)
    with pytest.raises(ValueError, match=r"span|quote"):
        store.add_annotation(article_id, start, end, exact, "", "")
    assert store.annotations() == []


def test_update_that_breaks_the_span_is_refused_unless_orphaned(store):
    article_id = add_article(store)
    annotation_id, _ = annotate(store, article_id, "Kaspersky")
    with pytest.raises(ValueError, match="does not match"):
        store.update_annotation(annotation_id, exact="Kasparov")
    assert store.annotation(annotation_id).exact == "Kaspersky"
    store.update_annotation(annotation_id, exact="Kasparov", orphaned=True)
    assert store.annotation(annotation_id).exact == "Kasparov"


def test_annotation_on_missing_article_is_an_error_and_foreign_keys_are_enforced(store):
    with pytest.raises(NotFound):
        store.add_annotation(999, 0, 1, "K", "", "")
    article_id = add_article(store)
    version_id = store.article(article_id).version_id
    with pytest.raises(sqlite3.IntegrityError):
        store.db["annotations"].insert({
            "article_id": 999, "version_id": version_id, "start": 0, "end": 1, "exact": "K",
            "created": "x", "updated": "x"})
    annotation_id, _ = annotate(store, article_id, "Kaspersky")
    with pytest.raises(sqlite3.IntegrityError):
        store.db.execute("INSERT INTO annotation_tags (annotation_id, tag_id) VALUES (?, 999)", [annotation_id])
    with pytest.raises(sqlite3.IntegrityError):
        store.db.execute("DELETE FROM articles WHERE id = ?", [article_id])
    store.db.conn.rollback()


def test_deleting_a_tagged_story_keeps_the_tag(store):
    story_id, _ = store.create_story("S")
    store.set_story_tags(story_id, ["important"])
    changes = store.delete_story(story_id)
    assert changes.touches("story_tags")
    assert [t.name for t in store.tags()] == ["important"]


# ----------------------------------------------------------------------- tags


def test_tags_autocreate_reuse_case_insensitively_and_count(store):
    article_id = add_article(store)
    a, changes = annotate(store, article_id, "Kaspersky", tags=["Company", "US"])
    assert {"annotations", "annotation_tags", "tags"} <= changes.tables
    b, _ = annotate(store, article_id, "employees", tags=["company", "COMPANY", " people "])
    assert store.annotation(a).tags == ("Company", "US")
    assert store.annotation(b).tags == ("Company", "people")  # first spelling kept, trimmed
    assert [(t.name, t.count) for t in store.tags()] == [("Company", 2), ("people", 1), ("US", 1)]

    changes = store.set_annotation_tags(a, ["us"])
    assert changes.tables == {"annotation_tags"} and changes.ids == {a}  # no tag created
    assert store.annotation(a).tags == ("US",)
    assert [(t.name, t.count) for t in store.tags()] == [("Company", 1), ("people", 1), ("US", 1)]
    with pytest.raises(ValueError):
        store.set_annotation_tags(a, ["  "])
    assert store.annotation(a).tags == ("US",)


def test_rename_tag_and_merge_on_rename(store):
    article_id = add_article(store)
    a, _ = annotate(store, article_id, "Kaspersky", tags=["firm"])
    b, _ = annotate(store, article_id, "employees", tags=["company", "firm"])
    store.set_tag_color("company", "blue")
    store.set_tag_color("firm", "red")

    changes = store.rename_tag("FIRM", "Firm")  # a case change is a rename, not a merge
    assert changes.tables == {"tags"}
    assert store.annotation(a).tags == ("Firm",)

    changes = store.rename_tag("Firm", "Company")
    assert {"tags", "annotation_tags"} <= changes.tables
    assert store.annotation(a).tags == ("company",)
    assert store.annotation(b).tags == ("company",)  # both tags on one annotation: one left
    assert store.tags()[0].name == "company" and store.tags()[0].count == 2
    assert [(t.name, t.color) for t in store.tags()] == [("company", "blue")]

    store.rename_tag("company", "organisation")
    assert store.annotation(a).tags == ("organisation",)
    with pytest.raises(NotFound):
        store.rename_tag("nothing", "x")
    with pytest.raises(ValueError):
        store.rename_tag("organisation", "")


def test_delete_tag_keeps_annotations(store):
    article_id = add_article(store)
    story_id, _ = store.create_story("S")
    a, _ = annotate(store, article_id, "Kaspersky", tags=["doubt", "keep"], note="n")
    store.set_article_tags(article_id, ["doubt"])
    store.set_story_tags(story_id, ["doubt"])
    changes = store.delete_tag("Doubt")
    assert {"tags", "annotation_tags", "article_tags", "story_tags"} <= changes.tables
    assert store.annotation(a).tags == ("keep",)
    assert store.annotation(a).note == "n"
    assert store.article_tags(article_id) == [] and store.story_tags(story_id) == []
    assert [t.name for t in store.tags()] == ["keep"]
    with pytest.raises(NotFound):
        store.delete_tag("doubt")


def test_tag_color(store):
    article_id = add_article(store)
    annotate(store, article_id, "Kaspersky", tags=["x"])
    changes = store.set_tag_color("X", "#ff0000")
    assert changes.tables == {"tags"}
    assert [(t.name, t.color, t.count) for t in store.tags()] == [("x", "#ff0000", 1)]
    with pytest.raises(NotFound):
        store.set_tag_color("missing", "red")


# ---------------------------------------------------------------------- links


@pytest.mark.parametrize("kind", ["same fact", "supports", "contradicts"])
def test_links_with_each_kind(store, kind):
    article_id = add_article(store)
    a, _ = annotate(store, article_id, "Kaspersky")
    b, _ = annotate(store, article_id, "employees")
    link_id, changes = store.link_annotations(a, b, kind)
    assert changes.tables == {"annotation_links"} and changes.ids == {a, b}
    [link] = store.annotation_links(a)
    assert (link.id, link.from_id, link.to_id, link.kind) == (link_id, a, b, kind)
    assert store.annotation_links(b) == [link]
    again, changes = store.link_annotations(a, b, kind)
    assert again == link_id and not changes.tables
    store.unlink_annotations(link_id)
    assert store.annotation_links(a) == []


def test_bad_links_are_rejected(store):
    article_id = add_article(store)
    a, _ = annotate(store, article_id, "Kaspersky")
    b, _ = annotate(store, article_id, "employees")
    with pytest.raises(ValueError, match="kind"):
        store.link_annotations(a, b, "refutes")
    with pytest.raises(ValueError, match="itself"):
        store.link_annotations(a, a, "supports")
    with pytest.raises(NotFound):
        store.link_annotations(a, 999, "supports")
    with pytest.raises(sqlite3.IntegrityError):  # the database refuses them too
        store.db.execute(
            "INSERT INTO annotation_links (from_id, to_id, kind, created) VALUES (?, ?, 'refutes', 'x')", [a, b])
    store.db.conn.rollback()
    assert store.annotation_links(a) == []


def test_deleting_an_annotation_removes_its_links_and_tag_rows(store):
    article_id = add_article(store)
    a, _ = annotate(store, article_id, "Kaspersky", tags=["t"])
    b, _ = annotate(store, article_id, "employees")
    store.link_annotations(b, a, "contradicts")
    store.delete_annotation(a)
    assert store.annotation_links(b) == []
    assert [(t.name, t.count) for t in store.tags()] == [("t", 0)]
    assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []


# --------------------------------------------------------------------- search


def test_search_finds_quote_and_note_words_by_prefix_and_follows_changes(store):
    article_id = add_article(store)
    a, _ = annotate(store, article_id, "fewer than 50 employees", note="Compare with Reuters")
    b, _ = annotate(store, article_id, "United States", note="naïve café")
    assert [x.id for x in store.search_annotations("employees")] == [a]
    assert [x.id for x in store.search_annotations("reuters")] == [a]
    assert [x.id for x in store.search_annotations("employ")] == [a]  # prefix
    assert [x.id for x in store.search_annotations("fewer reut")] == [a]  # every word
    assert [x.id for x in store.search_annotations("cafe naive")] == [b]  # diacritics folded
    assert store.search_annotations('"unbalanced') == []
    assert store.search_annotations("   ") == []

    store.update_annotation(a, note="Compare with the AP")
    assert store.search_annotations("reuters") == []
    assert [x.id for x in store.search_annotations("AP")] == [a]
    store.delete_annotation(a)
    assert store.search_annotations("employees") == []
    assert store.search_annotations("AP") == []
    assert [x.id for x in store.search_annotations("states")] == [b]


# ----------------------------------------------------------------- atomicity


def test_failed_batch_leaves_nothing(store):
    article_id = add_article(store)
    with pytest.raises(RuntimeError), store.batch():
        annotate(store, article_id, "Kaspersky", tags=["new tag"])
        store.set_article_tags(article_id, ["other"])
        raise RuntimeError("boom")
    assert store.annotations() == []
    assert store.tags() == []
    assert store.search_annotations("Kaspersky") == []


def test_failed_call_inside_a_batch_rolls_back_only_itself_and_batch_commits(store):
    article_id = add_article(store)
    with store.batch():
        a, _ = annotate(store, article_id, "Kaspersky")
        with pytest.raises(ValueError):
            store.add_annotation(article_id, 0, 3, "xyz", "", "")
    assert [x.id for x in store.annotations()] == [a]


def test_changes_are_committed_and_visible_to_another_connection(library_path):
    with Store(library_path) as store:
        article_id = add_article(store)
        a, _ = annotate(store, article_id, "Kaspersky", tags=["t"], note="n")
        with Store(library_path) as other:
            assert other.annotation(a).note == "n"
            assert other.annotation(a).tags == ("t",)


# ------------------------------------------------------------ unicode offsets

UNICODE_TEXTS = [
    "Flag 🇺🇸 and face 👩‍👩‍👧 then the quote: 🎉 party 🎉 ends.",
    "Cafe\u0301 nai\u0308ve — e\u0301le\u0300ve de\u0301couvre la re\u0301alite\u0301.",
    "قالت الشركة إن «كاسبرسكي» ستغلق مكاتبها في الولايات المتحدة.",
    "Line one.\r\nLine two has the quote.\r\nLine three.\r\n",
    "混合 text: עברית inside English, 🇺🇸 and\r\nCRLF with é\u0301.",
]


@pytest.mark.parametrize("text", UNICODE_TEXTS)
def test_unicode_offsets_and_quotes_round_trip(library_path, text):
    spans = [(0, len(text)), (1, len(text) - 1), (len(text) // 3, 2 * len(text) // 3)]
    with Store(library_path) as store:
        article_id = add_article(store, text)
        assert store.article(article_id).text == text
        ids = []
        for start, end in spans:
            exact = text[start:end]
            annotation_id, _ = store.add_annotation(
                article_id, start, end, exact, text[max(0, start - 32):start], text[end:end + 32],
                note=exact[::-1],
            )
            ids.append(annotation_id)
    with Store(library_path) as store:  # read back from the file
        for annotation_id, (start, end) in zip(ids, spans):
            a = store.annotation(annotation_id)
            assert (a.start, a.end) == (start, end)
            assert a.exact == text[start:end]
            assert a.prefix == text[max(0, start - 32):start]
            assert a.suffix == text[end:end + 32]
            assert a.note == text[start:end][::-1]
            assert store.article(article_id).text[a.start:a.end] == a.exact


# ------------------------------------------------------------- long lists (ids first, then pages)


@pytest.fixture
def listed(store):
    """Five annotations on two articles (one in a story), with tags, a link and an orphan."""
    first = add_article(store)
    other_text = "Sanctions were announced on Thursday by the Commerce Department."
    second = add_article(store, other_text, origin="/news/b.txt")
    story_id, _ = store.create_story("Story")
    store.add_to_story(story_id, [second])
    ids = {}
    ids["late"], _ = annotate(store, first, "United States", color="green", note="where")
    ids["early"], _ = annotate(store, first, "Kaspersky", tags=["company", "names"])
    ids["lay"], _ = annotate(store, first, "lay off", note="layoffs are confirmed")
    ids["thursday"], _ = annotate(store, second, "Thursday", text=other_text, tags=["date"], color="green")
    ids["commerce"], _ = annotate(store, second, "Commerce Department", text=other_text)
    store.update_annotation(ids["lay"], orphaned=True)
    store.link_annotations(ids["early"], ids["commerce"], "supports")
    return {"first": first, "second": second, "story": story_id, **ids}


def test_annotation_keys_filter_in_sql_and_keep_the_list_order(store, listed):
    first, second = listed["first"], listed["second"]
    assert store.annotation_keys() == [(listed["early"], first), (listed["lay"], first), (listed["late"], first),
                                       (listed["thursday"], second), (listed["commerce"], second)]
    assert [k[0] for k in store.annotation_keys(listed["story"])] == [listed["thursday"], listed["commerce"]]
    assert [k[0] for k in store.annotation_keys(color="green")] == [listed["late"], listed["thursday"]]
    assert [k[0] for k in store.annotation_keys(orphaned=True)] == [listed["lay"]]
    assert [k[0] for k in store.annotation_keys(tag="Names")] == [listed["early"]]
    assert [k[0] for k in store.annotation_keys(query="layoff")] == [listed["lay"]]  # notes, by prefix
    assert [k[0] for k in store.annotation_keys(query="commerce dep")] == [listed["commerce"]]  # quotes
    others = store.annotation_keys(exclude_article_id=first)
    assert [k[0] for k in others] == [listed["thursday"], listed["commerce"]]
    assert store.annotation_keys(listed["story"], color="green", query="Kaspersky") == []
    assert store.annotation_keys(query="   ") == store.annotation_keys()
    assert store.annotation_count() == 5 and store.annotation_count(orphaned=True) == 1
    assert store.annotation_count(listed["story"], orphaned=True) == 0


def test_annotations_by_ids_keep_the_order_given_and_skip_unknown_ids(store, listed):
    wanted = [listed["commerce"], 999, listed["early"]]
    found = store.annotations_by_ids(wanted)
    assert [a.id for a in found] == [listed["commerce"], listed["early"]]
    assert found[1] == store.annotation(listed["early"])  # the same fields, tags included
    assert store.annotations_by_ids([]) == []
    many = store.annotations_by_ids([listed["late"]] * 1200)  # more ids than one SQL statement takes
    assert len(many) == 1200 and {a.id for a in many} == {listed["late"]}


def test_tag_pairs_and_links_of_a_page(store, listed):
    pairs = store.annotation_tag_pairs()
    assert sorted(pairs) == sorted([(listed["early"], "company"), (listed["early"], "names"),
                                    (listed["thursday"], "date")])
    assert store.annotation_tag_pairs(listed["story"]) == [(listed["thursday"], "date")]
    [link] = store.links_of([listed["commerce"], listed["thursday"]])
    assert (link.from_id, link.to_id, link.kind) == (listed["early"], listed["commerce"], "supports")
    assert store.links_of([listed["early"], listed["commerce"]]) == [link]  # each link once
    assert store.links_of([listed["late"]]) == []
    assert store.annotation_link(link.id) == link
    with pytest.raises(NotFound):
        store.annotation_link(link.id + 100)


def test_restore_annotation_gives_back_the_same_id_tags_and_links(store, listed):
    early = store.annotation(listed["early"])
    links = store.annotation_links(early.id)
    store.delete_annotation(early.id)
    restored_id, changes = store.restore_annotation(early, links)
    assert restored_id == early.id and store.annotation(early.id) == early
    assert store.annotation_links(early.id) == links  # same link id, kind, ends and time
    assert {"annotations", "annotation_tags", "annotation_links"} <= changes.tables
    assert [a.id for a in store.annotations_by_ids([early.id])] == [early.id]
    assert [k[0] for k in store.annotation_keys(query="Kaspersky")] == [early.id]  # back in the search index


def test_restore_annotation_takes_a_new_id_when_the_old_one_is_used_and_skips_dead_links(store, listed):
    commerce = store.annotation(listed["commerce"])
    links = store.annotation_links(commerce.id)
    store.delete_annotation(commerce.id)
    store.delete_annotation(listed["early"])  # the link's other end goes too
    squatter, _ = annotate(store, listed["second"], "Sanctions", text="Sanctions were announced on Thursday by the"
                           " Commerce Department.")
    store.db.execute("UPDATE annotations SET id = ? WHERE id = ?", [commerce.id, squatter])
    restored_id, _ = store.restore_annotation(commerce, links)
    assert restored_id != commerce.id and store.annotation(commerce.id).exact == "Sanctions"
    assert store.annotation(restored_id).exact == "Commerce Department"
    assert store.annotation_links(restored_id) == []


def test_same_fact_pairs_are_the_readers_same_fact_links_between_current_highlights(store):
    other_text = "The firm is cutting its US staff and leaving the American market."
    first = add_article(store)
    second = add_article(store, other_text, origin="/news/b.txt")
    third = add_article(store, "Another outlet says nothing of the kind here.", origin="/news/c.txt")
    a, _ = annotate(store, first, "lay off fewer than 50 employees")
    b, _ = annotate(store, second, "leaving the American market", text=other_text)
    c, _ = annotate(store, first, "in the United States")
    assert store.same_fact_pairs([first, second]) == []
    store.link_annotations(a, b, "same fact")
    store.link_annotations(a, c, "same fact")  # both ends in one article: not a pair of articles
    store.link_annotations(b, c, "supports")  # another kind
    start = TEXT.index("lay off")
    other = other_text.index("leaving")
    assert store.same_fact_pairs([first, second, third]) == [
        ((first, start, start + len("lay off fewer than 50 employees")),
         (second, other, other + len("leaving the American market")))]
    assert store.same_fact_pairs([first, third]) == []  # the other end is not compared
    store.update_annotation(b, orphaned=True)
    assert store.same_fact_pairs([first, second]) == []  # an orphan's offsets fit no text

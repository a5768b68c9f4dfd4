"""Tags with structure: paths ("people/spokesperson"), parents, colours and memos in the store; renaming,
moving, merging and deleting whole branches; filters; and the hierarchy through QDPX, Markdown and CSV."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
import xmlschema

from desktop.core.interchange.formats import notes_document
from desktop.core.interchange.import_annotations import import_annotations
from desktop.core.interchange.qdpx import annotations_qdpx
from desktop.core.library import open_library
from desktop.core.notes.annotating import annotate

XSD = Path(__file__).parents[1] / "data" / "refi-qda" / "Project.xsd"
Q = "{urn:QDA-XML:project:1.0}"


@pytest.fixture
def tree(library):
    story = library.stories()[0]
    a1, a2 = story.article_ids[:2]
    ids = {
        "one": annotate(library, a1, "Kaspersky", tags=["people/spokesperson", "sanctions"])[0],
        "two": annotate(library, a2, "Kaspersky", tags=["people/ceo", " people / spokesperson "])[0],
    }
    library.set_article_tags(a1, ["people"])
    library.set_tag_color("people", "#4a90d9")
    library.set_tag_memo("people/spokesperson", "Who speaks for a company or a government.")
    return library, ids


def by_name(store):
    return {t.name: t for t in store.tags()}


def test_a_path_creates_the_tags_above_it(tree):
    store, ids = tree
    tags = by_name(store)
    assert list(tags) == ["people", "people/ceo", "people/spokesperson", "sanctions"]
    assert (tags["people/spokesperson"].parent, tags["people/spokesperson"].leaf) == ("people", "spokesperson")
    assert tags["people"].parent is None and tags["people"].articles == 1
    assert tags["people/spokesperson"].count == 2  # the spaced spelling is the same tag
    assert tags["people/spokesperson"].memo == "Who speaks for a company or a government."
    assert store.annotation(ids["one"]).tags == ("people/spokesperson", "sanctions")
    assert store.tag_subtree("people") == ["people", "people/ceo", "people/spokesperson"]


def test_a_parent_filters_the_notes_of_everything_inside_it(tree):
    store, ids = tree
    assert {a.id for a in store.annotations(tag="people")} == {ids["one"], ids["two"]}
    assert {a.id for a in store.annotations(tag="people/ceo")} == {ids["two"]}
    assert store.annotations(tag="peop") == []


def test_renaming_a_parent_renames_what_is_inside(tree):
    store, ids = tree
    store.rename_tag("people", "persons")
    assert list(by_name(store)) == ["persons", "persons/ceo", "persons/spokesperson", "sanctions"]
    assert store.annotation(ids["two"]).tags == ("persons/ceo", "persons/spokesperson")
    assert by_name(store)["persons/spokesperson"].memo.startswith("Who speaks")


def test_moving_creates_the_new_parent_and_refuses_to_go_inside_itself(tree):
    store, ids = tree
    store.move_tag("people/ceo", "roles/executives")
    tags = by_name(store)
    assert tags["roles/executives/ceo"].parent == "roles/executives" and tags["roles"].parent is None
    assert store.annotation(ids["two"]).tags == ("people/spokesperson", "roles/executives/ceo")
    store.move_tag("roles/executives/ceo", None)
    assert by_name(store)["ceo"].parent is None
    with pytest.raises(ValueError, match="inside itself"):
        store.move_tag("people", "people/spokesperson")


def test_merging_branches_merges_what_is_inside_part_by_part(tree):
    store, ids = tree
    a3 = store.stories()[0].article_ids[2]
    third = annotate(store, a3, "Kaspersky", tags=["sources/spokesperson", "sources/analyst"])[0]
    store.set_tag_memo("sources/spokesperson", "other memo")
    store.rename_tag("sources", "people")  # onto an existing tag: merge
    tags = by_name(store)
    assert "sources" not in tags and "sources/spokesperson" not in tags
    assert tags["people/spokesperson"].count == 3 and tags["people/analyst"].count == 1
    assert tags["people/spokesperson"].memo.startswith("Who speaks")  # the survivor keeps its memo
    assert store.annotation(third).tags == ("people/analyst", "people/spokesperson")
    store.merge_tags(["people/ceo", "sanctions"], "topics/money")
    assert by_name(store)["topics/money"].count == 2 and store.annotation(ids["one"]).tags == (
        "people/spokesperson", "topics/money")
    assert store.integrity_check() == "ok"


def test_deleting_a_parent_deletes_what_is_inside_and_restore_puts_it_back(tree):
    store, ids = tree
    saved = [store.tag_assignments(n) for n in store.tag_subtree("people")]
    store.delete_tag("people")
    assert list(by_name(store)) == ["sanctions"] and store.annotation(ids["one"]).tags == ("sanctions",)
    for s in saved:
        store.restore_tag(s.name, s.color, s.annotation_ids, s.article_ids, s.story_ids, memo=s.memo)
    assert [store.tag_assignments(n) for n in store.tag_subtree("people")] == saved


def test_tags_survive_reopening(tree, library_path):
    store, _ = tree
    before = store.tags()
    store.close()
    with open_library(library_path) as again:
        assert again.tags() == before


def _codes(data: bytes) -> ET.Element:
    root = ET.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("project.qde"))
    return root.find(f"{Q}CodeBook/{Q}Codes")


def test_qdpx_nests_codes_with_colour_and_memo_and_validates(tree):
    store, _ = tree
    data = annotations_qdpx(store)
    xmlschema.XMLSchema(str(XSD)).validate(zipfile.ZipFile(io.BytesIO(data)).read("project.qde"))
    codes = _codes(data)
    people = next(c for c in codes.findall(f"{Q}Code") if c.get("name") == "people")
    assert people.get("color") == "#4a90d9"
    children = {c.get("name"): c for c in people.findall(f"{Q}Code")}
    assert sorted(children) == ["ceo", "spokesperson"]
    assert children["spokesperson"].find(f"{Q}Description").text == "Who speaks for a company or a government."
    assert [c.get("name") for c in codes.findall(f"{Q}Code")] == ["people", "sanctions"]


def test_qdpx_round_trip_keeps_the_hierarchy_colours_and_memos(tree, tmp_path):
    store, _ = tree
    path = tmp_path / "notes.qdpx"
    path.write_bytes(annotations_qdpx(store))
    with open_library(tmp_path / "other.sqlite") as other:
        for tag in other.tags():
            other.delete_tag(tag.name)
        for annotation in other.annotations():
            other.delete_annotation(annotation.id)
        import_annotations(other, path)
        tags = by_name(other)
        assert {"people/spokesperson", "people/ceo", "sanctions"} <= set(tags)
        assert tags["people/spokesperson"].parent == "people"
        assert tags["people"].color == "#4a90d9"
        assert tags["people/spokesperson"].memo == "Who speaks for a company or a government."


def test_markdown_and_csv_show_paths(tree):
    store, _ = tree
    assert "#people/spokesperson" in notes_document(store, "markdown")
    assert "people/ceo, people/spokesperson" in notes_document(store, "csv")


def test_a_name_with_an_empty_part_is_not_a_path(library):
    article_id = library.stories()[0].article_ids[0]
    annotate(library, article_id, "Kaspersky", tags=["http://example.com/x", "/people/ceo/"])
    tags = by_name(library)
    assert tags["http://example.com/x"].parent is None and tags["http://example.com/x"].leaf == "http://example.com/x"
    assert tags["people/ceo"].parent == "people" and tags["people/ceo"].leaf == "ceo"

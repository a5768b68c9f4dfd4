"""Annotating by quote, and annotations that follow their words when an article is re-imported."""

from __future__ import annotations

import json

import pytest

from desktop.cli import main
from desktop.core.annotating import annotate, find_quote
from desktop.core.errors import NotFound
from desktop.core.library import import_paths, open_library

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

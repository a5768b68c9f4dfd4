"""The reader's edits to articles and stories: metadata by hand, delete and restore, the CLI's
edit, delete and story commands with their exit codes."""

from __future__ import annotations

import json

import pytest

from desktop.cli import main
from desktop.core.errors import NotFound
from desktop.core.library import import_paths
from desktop.core.library.store import ArticleInfo
from desktop.core.notes.annotating import annotate


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _ids(library) -> list[int]:
    return list(library.story(library.stories()[0].id).article_ids)


def test_edit_sets_fields_marks_them_edited_and_validates(library):
    article_id = _ids(library)[1]
    library.edit_article(article_id, source="The Record", published="2024-07-15", author="")
    info = library.article_info(article_id)
    assert (info.source, info.published, info.author) == ("The Record", "2024-07-15", None)
    assert info.edited == {"source", "published", "author"}
    assert library.article(article_id).source == "The Record"
    for field, value, message in (("published", "15/07/2024", "YYYY-MM-DD"), ("published", "2024-02-30", "calendar"),
                                  ("url", "ftp://x.org/a", "http"), ("title", "two\nlines", "one line"),
                                  ("origin", "x", "cannot be edited")):
        with pytest.raises(ValueError, match=message):
            library.edit_article(article_id, **{field: value})
    assert library.article_info(article_id) == info  # nothing half-written
    with pytest.raises(NotFound):
        library.edit_article(9999, title="x")


def test_reader_edits_win_over_a_later_import(library, tmp_path):
    page = tmp_path / "a.md"
    page.write_text("---\ntitle: From the file\nsource: File Outlet\nauthor: A. Writer\n---\nBody one.\n",
                    encoding="utf-8")
    [article_id] = import_paths(library, [page]).added
    library.edit_article(article_id, title="Reader's title")
    page.write_text("---\ntitle: Changed in the file\nsource: New Outlet\nauthor: B. Writer\n---\nBody two.\n",
                    encoding="utf-8")
    assert import_paths(library, [page]).updated == [article_id]
    article = library.article(article_id)
    assert article.title == "Reader's title"  # edited: kept
    assert (article.source, article.author, article.version) == ("New Outlet", "B. Writer", 2)


def test_set_article_info_restores_exactly(library):
    article_id = _ids(library)[0]
    before = library.article_info(article_id)
    library.edit_article(article_id, title="Other")
    library.set_article_info(article_id, before)
    assert library.article_info(article_id) == before


def test_delete_and_restore_bring_back_everything(library):
    ids = _ids(library)
    story = library.stories()[0]
    victim, other = ids[2], ids[0]
    note_id, _ = annotate(library, victim, "Kaspersky", note="first", tags=["ban"])
    other_note, _ = annotate(library, other, "Kaspersky", note="other")
    library.link_annotations(note_id, other_note, "same fact")
    library.set_article_tags(victim, ["wire"])
    snapshot = library.article_snapshot(victim)
    words = library.article(victim).word_count
    changes = library.delete_article(victim)
    assert changes.touches("articles") and changes.touches("story_articles")
    assert victim not in library.story(story.id).article_ids
    assert [a.id for a in library.annotations()] == [other_note]
    assert library.annotation_links(other_note) == []
    with pytest.raises(NotFound):
        library.article(victim)
    # ids are never handed out again while an undo may need them
    assert library._next_ids()[0] > victim
    library.restore_article(snapshot)
    assert list(library.story(story.id).article_ids) == ids
    restored = library.article(victim)
    assert restored.word_count == words and restored.boilerplate == library.article(victim).boilerplate
    note = library.annotation(note_id)
    assert note.note == "first" and note.tags == ("ban",)
    assert [link.to_id for link in library.annotation_links(note_id)] == [other_note]
    assert library.article_tags(victim) == ["wire"]
    assert library.search("Kaspersky")  # the full-text index has it again
    assert library.integrity_check() == "ok"


def test_restore_refuses_when_the_article_came_back_meanwhile(library, tmp_path):
    page = tmp_path / "a.txt"
    page.write_text("Some article text that is long enough.", encoding="utf-8")
    [article_id] = import_paths(library, [page]).added
    snapshot = library.article_snapshot(article_id)
    library.delete_article(article_id)
    [again] = import_paths(library, [page]).added
    assert again != article_id
    with pytest.raises(ValueError, match="imported again"):
        library.restore_article(snapshot)


# --------------------------------------------------------------------------- CLI


def test_cli_edit(capsys, library_path):
    lib = str(library_path)
    _, out, _ = run(capsys, "--library", lib, "articles", "--json")
    article_id = json.loads(out)[0]["id"]
    code, out, _ = run(capsys, "--library", lib, "edit", str(article_id), "--source", "The Record",
                       "--published", "2024-07-15", "--json")
    assert code == 0 and json.loads(out)["source"] == "The Record" and json.loads(out)["edited"] == ["published",
                                                                                                     "source"]
    assert run(capsys, "--library", lib, "edit", str(article_id))[0] == 2
    code, _, err = run(capsys, "--library", lib, "edit", str(article_id), "--published", "July 15")
    assert code == 1 and "YYYY-MM-DD" in err
    code, _, err = run(capsys, "--library", lib, "edit", "999", "--title", "x")
    assert code == 1 and "No article with id 999" in err
    with pytest.raises(SystemExit) as exit_:
        main(["--library", lib, "edit", "one", "--title", "x"])
    assert exit_.value.code == 2


def test_cli_delete_asks_for_yes_when_there_are_notes(capsys, library_path, monkeypatch):
    lib = str(library_path)
    _, out, _ = run(capsys, "--library", lib, "articles", "--json")
    first, second = (row["id"] for row in json.loads(out)[:2])
    run(capsys, "--library", lib, "annotate", str(first), "--quote", "Kaspersky")
    monkeypatch.setattr("sys.stdin.isatty", lambda: False, raising=False)
    code, _, err = run(capsys, "--library", lib, "delete", str(first))
    assert code == 1 and "has 1 note" in err and "--yes" in err
    code, out, _ = run(capsys, "--library", lib, "delete", str(first), "--yes")
    assert code == 0 and "Deleted article" in out and "1 note" in out
    assert run(capsys, "--library", lib, "delete", str(second))[0] == 0  # no notes: no question
    code, _, err = run(capsys, "--library", lib, "delete", str(first))
    assert code == 1 and f"No article with id {first}" in err


def test_cli_story_commands(capsys, library_path):
    lib = str(library_path)
    _, out, _ = run(capsys, "--library", lib, "articles", "--json")
    a, b, c = (row["id"] for row in json.loads(out)[:3])
    assert run(capsys, "--library", lib, "story", "new", "Trams")[0] == 0
    code, _, err = run(capsys, "--library", lib, "story", "new", "Trams")
    assert code == 1 and "already a story" in err
    assert run(capsys, "--library", lib, "story", "add", "Trams", str(a), str(b), str(c))[0] == 0
    assert run(capsys, "--library", lib, "story", "order", "Trams", str(c), str(a))[0] == 0
    _, out, _ = run(capsys, "--library", lib, "stories", "--json")
    assert next(s for s in json.loads(out) if s["name"] == "Trams")["articles"] == [c, a, b]
    assert run(capsys, "--library", lib, "story", "remove", "Trams", str(a))[0] == 0
    code, _, err = run(capsys, "--library", lib, "story", "remove", "Trams", str(a))
    assert code == 1 and f"Article {a} is not in the story 'Trams'" in err
    code, _, err = run(capsys, "--library", lib, "story", "add", "Trams", "9999")
    assert code == 1 and "No article with id 9999" in err
    code, _, err = run(capsys, "--library", lib, "story", "add", "Nope", str(a))
    assert code == 1 and "No story named 'Nope'" in err and "Trams" in err
    assert run(capsys, "--library", lib, "story", "rename", "Trams", "Trams 2024")[0] == 0
    assert run(capsys, "--library", lib, "story", "delete", "trams 2024")[0] == 0
    _, out, _ = run(capsys, "--library", lib, "stories", "--json")
    assert [s["name"] for s in json.loads(out)] == ["Kaspersky exits the US (July 2024)"]
    _, out, _ = run(capsys, "--library", lib, "articles", "--json")
    assert len(json.loads(out)) == 5  # the articles stayed
    for argv in (["story"], ["story", "add", "Trams"], ["story", "order", "Trams", "x"]):
        with pytest.raises(SystemExit) as exit_:
            main(["--library", lib, *argv])
        assert exit_.value.code == 2


def test_article_info_is_plain_data():
    info = ArticleInfo("t", "s", None, None, None)
    assert info.edited == frozenset()

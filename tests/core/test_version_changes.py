"""What changed between two versions of an article (a real re-import), what it did to the notes, and
``parallax diff`` in plain, coloured and JSON form."""

from __future__ import annotations

import json

import pytest

from desktop.cli import main
from desktop.core.errors import NotFound
from desktop.core.interchange.version_report import diff_json, diff_text
from desktop.core.library import import_paths
from desktop.core.models import BoilerplateSpan, ParsedArticle
from desktop.core.notes.annotating import annotate
from desktop.core.notes.version_changes import version_changes

FRONT = "---\ntitle: Ban takes effect\nsource: The Daily\nurl: https://example.com/ban\n---\n"
V1 = ("The ban takes effect on July 20. More than 170 people work there. The office closes.\n\n"
      "A second paragraph says nothing new about fewer than 50 employees.\n")
V2 = ("Update: The ban takes effect on July 20. More than 260 people work there. The office closes.\n\n"
      "A second paragraph says nothing new. A late addition here.\n")
V3 = V2.replace("The office closes.", "The office closed on Friday.")


@pytest.fixture
def edited(library, tmp_path):
    """An article imported three times with edits, with notes made on the first version."""
    path = tmp_path / "ban.md"
    path.write_text(FRONT + V1, encoding="utf-8")
    [article_id] = import_paths(library, [str(path)]).added
    notes = {
        "date": annotate(library, article_id, "July 20", note="when")[0],
        "count": annotate(library, article_id, "More than 170 people")[0],
        "gone": annotate(library, article_id, "fewer than 50 employees")[0],
        "same": annotate(library, article_id, "The office closes.")[0],
    }
    for text in (V2, V3):
        path.write_text(FRONT + text, encoding="utf-8")
        assert import_paths(library, [str(path)]).updated == [article_id]
    return library, article_id, notes


def test_versions_are_listed_and_read_from_the_store(edited):
    store, article_id, _ = edited
    versions = store.article_versions(article_id)
    assert [v.number for v in versions] == [1, 2, 3] and all(v.text == "" for v in versions)
    assert store.article_version(article_id, 1).text == V1
    assert store.article_version(article_id).text == V3 == store.article(article_id).text
    with pytest.raises(NotFound, match="has no version 7"):
        store.article_version(article_id, 7)


def test_word_changes_and_what_they_did_to_the_notes(edited):
    store, article_id, notes = edited
    changes = version_changes(store, article_id, 1, 2)
    assert [(c.op, c.old.strip(), c.new.strip()) for c in changes.changes if c.op != "equal"] == [
        ("insert", "", "Update:"), ("replace", "170", "260"),
        ("delete", "about fewer than 50 employees", ""), ("insert", "", "A late addition here.")]
    for change in changes.changes:  # offsets into each version's text
        assert V1[change.old_start:change.old_end] == change.old and V2[change.new_start:change.new_end] == change.new
    status = {n.annotation.id: n for n in changes.notes}
    assert status[notes["date"]].status == "moved"
    assert V2[slice(*status[notes["date"]].new)] == "July 20" and V1[slice(*status[notes["date"]].old)] == "July 20"
    assert (status[notes["count"]].status, status[notes["count"]].now) == ("changed", "More than 260 people")
    assert status[notes["gone"]].status == "orphaned" and status[notes["gone"]].new is None
    # words as the library counts them (punctuation is no word): "Update:" and "A late addition here." added
    assert (changes.words("insert"), changes.words("delete"), changes.words("replace")) == (5, 5, 1)


def test_versions_count_words_as_the_library_list_does(library):
    """Compare Versions, ``parallax diff`` and the library list give an article the same word count:
    boilerplate left out, hyphenated words, numbers and abbreviations one word each."""
    v1 = "The U.S.-based firm cut 1,200 jobs.\nShare this: Facebook | X | Email\n"
    v2 = ("Update — The U.S.-based firm cut 1,200 well-paid jobs (3.5% of staff), it said on Jan. 5.\n"
          "Share this: Facebook | X | Email\n")

    def save(text):
        share = BoilerplateSpan(text.index("Share"), len(text) - 1, "share")
        return library.save_article(ParsedArticle(text=text, origin="/firm.txt", title="Firm"), [share])[1]

    def listed(article_id):
        [row] = library.article_list_rows([article_id])
        return row.word_count

    article_id = save(v1)
    before = listed(article_id)
    assert save(v2) == article_id
    after = listed(article_id)
    assert (before, after) == (6, 17)
    assert [v.words for v in library.article_versions(article_id)] == [before, after]
    assert library.article_version(article_id).words == after == library.article(article_id).word_count
    changes = version_changes(library, article_id, 1, 2)
    assert (changes.old.words, changes.new.words) == (before, after)
    # only words were added: the words added are what the list's count grew by
    assert (changes.words("insert"), changes.words("delete"), changes.words("replace")) == (after - before, 0, 0)
    assert json.loads(diff_json(changes))["summary"] == {"added": 11, "removed": 0, "changed": 0}


def test_against_the_current_version_the_store_flags_win(edited):
    store, article_id, notes = edited
    changes = version_changes(store, article_id)  # 2 -> 3, the current one
    assert (changes.old.number, changes.new.number) == (2, 3)
    by_id = {n.annotation.id: n.status for n in changes.notes}
    assert store.annotation(notes["gone"]).orphaned and by_id.get(notes["gone"]) is None  # not in version 2
    assert by_id[notes["same"]] in ("changed", "orphaned")  # "The office closes." was rewritten
    assert by_id[notes["date"]] == "unchanged"
    first_to_last = {n.annotation.id: n.status for n in version_changes(store, article_id, 1, 3).notes}
    assert first_to_last[notes["gone"]] == "orphaned" and first_to_last[notes["count"]] == "changed"


def test_a_note_on_new_words_is_new_and_one_version_cannot_be_compared(edited, library, tmp_path):
    store, article_id, _ = edited
    added, _ = annotate(store, article_id, "closed on Friday")
    statuses = {n.annotation.id: n.status for n in version_changes(store, article_id, 1, 3).notes}
    assert statuses[added] == "added"
    single = import_paths(store, [str(_write(tmp_path / "one.txt", "Just once."))]).added[0]
    with pytest.raises(ValueError, match="one version only"):
        version_changes(store, single)


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_text_report_plain_and_coloured(edited):
    store, article_id, _ = edited
    changes = version_changes(store, article_id, 1, 2)
    plain = diff_text(changes)
    assert "The Daily — Ban takes effect" in plain
    assert "{+Update:+} The ban takes effect on July 20. More than [-170-] {+260+} people" in plain
    assert "5 words added, 5 removed, 1 changed" in plain
    assert "orphaned  note" in plain and "changed   note" in plain and "now “More than 260 people”" in plain
    assert "\x1b[" not in plain
    coloured = diff_text(changes, color=True)
    assert "\x1b[31;9m170\x1b[0m" in coloured and "\x1b[32;4m260\x1b[0m" in coloured


def test_json_report(edited):
    store, article_id, notes = edited
    data = json.loads(diff_json(version_changes(store, article_id, 1, 2)))
    assert (data["from"]["number"], data["to"]["number"], data["summary"]) == (1, 2, {"added": 5, "removed": 5,
                                                                                    "changed": 1})
    assert all(c["op"] != "equal" for c in data["changes"])
    gone = next(n for n in data["notes"] if n["id"] == notes["gone"])
    assert (gone["status"], gone["new_start"], V1[gone["old_start"]:gone["old_end"]]) == (
        "orphaned", None, "fewer than 50 employees")


def test_parallax_diff(capsys, edited, library_path):
    store, article_id, _ = edited
    store.close()
    base = ["diff", str(article_id), "--library", str(library_path)]
    assert main([*base, "--from", "1", "--to", "2"]) == 0
    out = capsys.readouterr()[0]
    assert "[-170-] {+260+}" in out and "\x1b[" not in out  # not a terminal: no colour
    assert main([*base, "--json"]) == 0
    assert json.loads(capsys.readouterr()[0])["to"]["number"] == 3
    assert main([*base, "--from", "9"]) == 1
    assert "has no version 9" in capsys.readouterr()[1]

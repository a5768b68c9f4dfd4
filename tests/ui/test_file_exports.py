"""File > Export Notes / Export Comparison / Import Notes from the window, in every format."""

from __future__ import annotations

import json
import os
import zipfile

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from desktop.core.notes.annotating import annotate
from desktop.ui.file_exports import NOTE_TYPES
from tests.conftest import fill_disk

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NOTE = 'Says "Sept. 29" </script> =1+1'


@pytest.fixture
def noted(window):
    first = window.comparison.panes[0].article_id
    annotate(window.store, first, "Kaspersky", note=NOTE, tags=["ban date", "Übernahme"], color="red")
    window.refresh_annotations()
    return window


def read_back(path, fmt: str) -> str:
    if fmt == "qdpx":
        with zipfile.ZipFile(path) as archive:
            return archive.read("project.qde").decode("utf-8")
    if fmt == "pdf":
        return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)
    return path.read_text(encoding="utf-8-sig")


@pytest.mark.parametrize("kind", NOTE_TYPES, ids=lambda k: k.label)
def test_export_notes_in_each_format_holds_the_note_and_tags(noted, tmp_path, kind):
    path = tmp_path / f"notes{kind.suffix}"
    assert noted.files.save_notes(str(path), kind)
    text = read_back(path, kind.name)
    if kind.name == "jsonld":
        collection = json.loads(text)
        assert collection["type"] == "AnnotationCollection"
        [annotation] = collection["first"]["items"]
        bodies = {b["purpose"]: b["value"] for b in annotation["body"] if b["purpose"] != "tagging"}
        assert bodies["commenting"] == NOTE
    elif kind.name == "csv":
        assert "'=1+1" not in text and NOTE.replace('"', '""') in text  # the note cell is quoted, not a formula
    elif kind.name in ("html", "qdpx"):
        assert "Says &quot;Sept. 29&quot; &lt;/script&gt;" in text or "Says \"Sept. 29\" &lt;/script&gt;" in text
    elif kind.name == "markdown":  # literal text: raw HTML in a note is escaped (issue #10, D6)
        assert "\\</script\\> =1+1" in text
    elif kind.name == "csl-json":  # a bibliography of the annotated article: the note in its annote
        [item] = json.loads(text)
        assert NOTE in item["annote"] and "Übernahme" in item["keyword"]
    elif kind.name in ("bibtex", "ris"):
        assert NOTE in text
    else:  # pdf
        assert "</script> =1+1" in text
    assert "Übernahme" in text
    assert text.startswith("\ufeff") is False  # read_back dropped any BOM...
    assert path.read_bytes().startswith(b"\xef\xbb\xbf") == kind.excel  # ...which only Excel's CSV has


def test_a_failed_export_says_so_and_leaves_the_old_file_alone(noted, tmp_path):
    target = tmp_path / "notes.md"
    target.write_text("older notes", encoding="utf-8")
    target.chmod(0o444)
    tmp_path.chmod(0o555)  # the folder refuses the new file
    try:
        ok = noted.save_notes(str(target))
    finally:
        tmp_path.chmod(0o755)
    if ok:  # root may write anywhere: then the export simply succeeded
        assert "Kaspersky" in target.read_text(encoding="utf-8")
    else:
        assert target.read_text(encoding="utf-8") == "older notes"
        assert "Cannot export the notes" in noted.last_message_box.windowTitle()
    assert not noted.save_notes(str(tmp_path / "missing-folder" / "notes.pdf"))
    assert list(tmp_path.glob(".*.part")) == []  # no temporary file left behind


@pytest.mark.parametrize("suffix, check", [
    (".html", lambda text: "<html" in text.lower()),
    (".md", lambda text: text.startswith("#")),
    (".json", lambda text: len(json.loads(text)["articles"]) == 5),
    (".txt", lambda text: "Kaspersky" in text),
    (".png", None),
    (".svg", lambda text: "<svg" in text),
])
def test_export_comparison_as_report_or_matrix_image(window, tmp_path, suffix, check):
    path = tmp_path / f"comparison{suffix}"
    assert window.save_comparison(str(path))
    if check is None:
        assert path.read_bytes().startswith(b"\x89PNG")
    else:
        assert check(path.read_text(encoding="utf-8"))


def test_import_notes_brings_exported_notes_back_with_undo_and_redo(noted, tmp_path, qtbot):
    store = noted.store
    path = tmp_path / "notes.jsonld"
    assert noted.save_notes(str(path))
    [before] = store.annotations()
    store.delete_annotation(before.id)
    noted.refresh_annotations()

    assert noted.files.load_notes(str(path))
    [back] = store.annotations()
    assert (back.exact, back.note, back.tags, back.color) == (before.exact, NOTE, before.tags, "red")
    assert "1 attached" in noted.statusBar().currentMessage()
    assert noted.annotations_panel.visible_ids() == [back.id]

    qtbot.keyClick(noted, Qt.Key.Key_Z, CTRL)
    assert store.annotations() == [] and noted.annotations_panel.visible_ids() == []
    qtbot.keyClick(noted, Qt.Key.Key_Z, CTRL | SHIFT)
    assert [(a.id, a.note, a.tags) for a in store.annotations()] == [(back.id, NOTE, back.tags)]


def test_a_malformed_notes_file_imports_nothing_and_says_why(noted, tmp_path):
    bad = tmp_path / "broken.jsonld"
    bad.write_text('{"type": "AnnotationCollection", "first": ', encoding="utf-8")
    count = noted.undo_stack.count()
    assert not noted.files.load_notes(str(bad))
    assert "nothing was imported" in noted.last_message_box.text()
    assert len(noted.store.annotations()) == 1 and noted.undo_stack.count() == count


@pytest.mark.parametrize("suffix", [".pdf", ".jsonld"])
def test_export_from_the_dialog_runs_in_the_background_and_says_when_done(noted, qtbot, tmp_path, suffix):
    path = tmp_path / f"notes{suffix}"
    task = noted.files.start_notes_export(str(path))
    assert "Exporting the notes" in noted.statusBar().currentMessage()
    qtbot.waitUntil(lambda: task not in noted.files.running, timeout=60_000)  # its finished signal came
    assert path.exists() and NOTE.split()[0] in read_back(path, suffix[1:])
    assert f"Saved the notes to {path}" in noted.statusBar().currentMessage()


def test_a_background_export_to_a_full_disk_says_disk_full_and_keeps_the_old_file(noted, qtbot, full_disk):
    target = full_disk / "notes.md"
    os.remove(full_disk / "filler")
    target.write_text("older notes", encoding="utf-8")
    fill_disk(full_disk)
    task = noted.files.start_notes_export(str(target))
    qtbot.waitUntil(lambda: task not in noted.files.running, timeout=30_000)
    assert noted.last_message_box.text() == f"Cannot write {target}: disk full"
    assert target.read_text(encoding="utf-8") == "older notes"
    assert list(full_disk.glob(".*.part")) == []


def test_a_background_export_that_fails_says_why(noted, qtbot, tmp_path):
    task = noted.files.start_notes_export(str(tmp_path / "missing-folder" / "notes.md"))
    qtbot.waitUntil(lambda: task not in noted.files.running, timeout=30_000)
    assert noted.last_message_box.windowTitle() == "Cannot export the notes"
    assert "missing-folder" in noted.last_message_box.text()


@pytest.mark.parametrize("label, suffix", [("CSV", ".csv"), ("Web Annotation JSON-LD", ".jsonld"),
                                           ("BibTeX", ".bib")])
def test_a_name_without_a_suffix_takes_the_type_chosen_in_the_dialog(noted, qtbot, tmp_path, monkeypatch,
                                                                     label, suffix):
    from PySide6.QtWidgets import QFileDialog

    chosen = next(kind.filter for kind in NOTE_TYPES if kind.label.startswith(label))
    monkeypatch.setattr(QFileDialog, "getSaveFileName",  # the reader picks the type and types a bare name
                        lambda *args, **kwargs: (str(tmp_path / "notes"), chosen))
    noted.files.export_notes()
    qtbot.waitUntil(lambda: not noted.files.running, timeout=60_000)
    assert (tmp_path / f"notes{suffix}").exists() and not (tmp_path / "notes.md").exists()


def test_export_comparison_with_a_bare_name_writes_the_type_chosen(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from desktop.ui.file_exports import COMPARISON_TYPES

    chosen = next(kind.filter for kind in COMPARISON_TYPES if kind.name == "json")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(tmp_path / "report"), chosen))
    window.export_comparison_action.trigger()
    written = tmp_path / "report.json"
    assert written.exists() and json.loads(written.read_text(encoding="utf-8"))["articles"]

"""Undo and redo of note commands: everything comes back, on the right words, even after edits."""

from __future__ import annotations

from desktop.core.models import Changes
from desktop.core.notes.annotating import annotate
from desktop.ui.notes.annotation_commands import DeleteAnnotationCommand


def test_undo_delete_restores_an_orphan_with_its_dates_version_and_links(library):
    first, second = library.stories()[0].article_ids[:2]
    kept, _ = annotate(library, first, "Kaspersky", note="n", tags=["t"])
    other, _ = annotate(library, second, "Kaspersky")
    link_id, _ = library.link_annotations(kept, other, "contradicts")
    library.update_annotation(kept, orphaned=True)
    before = library.annotation(kept)
    applied: list[Changes] = []

    command = DeleteAnnotationCommand(library, applied.append, kept)
    command.redo()
    assert [a.id for a in library.annotations(article_id=first)] == []
    assert library.annotation_links(other) == []

    command.undo()
    [restored] = library.annotations(article_id=first)
    assert (restored.exact, restored.note, restored.tags, restored.orphaned) == ("Kaspersky", "n", ("t",), True)
    assert (restored.created, restored.updated, restored.version_id) == (before.created, before.updated,
                                                                         before.version_id)
    [link] = library.annotation_links(other)
    assert (link.from_id, link.to_id, link.kind) == (restored.id, other, "contradicts")
    assert "annotations" in applied[-1].tables and "annotation_links" in applied[-1].tables

    command.redo()  # and again: the restored one goes, with its link
    assert library.annotations(article_id=first) == [] and library.annotation_links(other) == []


# ------------------------------------------------------------------ links and orphans

import pytest  # noqa: E402
from PySide6.QtGui import QUndoStack  # noqa: E402

from desktop.core.library import import_paths  # noqa: E402
from desktop.ui.notes.annotation_commands import (  # noqa: E402
    AddAnnotationCommand,
    ConfirmOrphanCommand,
    LinkAnnotationsCommand,
    UnlinkAnnotationsCommand,
)


@pytest.fixture
def stack(qapp):
    return QUndoStack()


@pytest.fixture
def two(library):
    first, second = library.stories()[0].article_ids[:2]
    a, _ = annotate(library, first, "Kaspersky", note="a")
    b, _ = annotate(library, second, "Kaspersky", note="b")
    return a, b


def _ends(library, annotation_id):
    return [(l.from_id, l.to_id, l.kind) for l in library.annotation_links(annotation_id)]


def test_link_command_links_and_undo_redo(library, stack, two):
    a, b = two
    applied: list[Changes] = []
    stack.push(LinkAnnotationsCommand(library, applied.append, a, b, "contradicts"))
    assert _ends(library, b) == [(a, b, "contradicts")] and applied[-1].touches("annotation_links")
    assert stack.undoText() == "Link Notes (contradicts)"
    stack.undo()
    assert _ends(library, a) == [] and applied[-1].touches("annotation_links")
    stack.redo()
    assert _ends(library, a) == [(a, b, "contradicts")]


def test_linking_an_existing_link_again_and_undoing_keeps_it(library, stack, two):
    a, b = two
    library.link_annotations(a, b, "supports")
    stack.push(LinkAnnotationsCommand(library, lambda c: None, a, b, "supports"))
    stack.undo()
    assert _ends(library, a) == [(a, b, "supports")]  # it was there before: undo leaves it


def test_unlink_command_and_undo_recreates_the_same_kind_and_ends(library, stack, two):
    a, b = two
    stack.push(LinkAnnotationsCommand(library, lambda c: None, a, b, "same fact"))
    [link] = library.annotation_links(a)
    stack.push(UnlinkAnnotationsCommand(library, lambda c: None, link.id))
    assert library.annotation_links(a) == []
    stack.undo()
    assert _ends(library, a) == [(a, b, "same fact")]
    stack.undo()  # and the link's own undo still finds it, whatever id it has now
    assert library.annotation_links(a) == []
    stack.redo()
    stack.redo()
    assert library.annotation_links(a) == []
    stack.undo()
    assert _ends(library, b) == [(a, b, "same fact")]


def test_undoing_a_delete_keeps_the_id_so_earlier_steps_still_undo(library, stack, two):
    a, b = two
    stack.push(LinkAnnotationsCommand(library, lambda c: None, a, b, "contradicts"))
    stack.push(DeleteAnnotationCommand(library, lambda c: None, a))
    stack.undo()
    assert library.annotation(a).note == "a" and _ends(library, b) == [(a, b, "contradicts")]
    stack.undo()
    assert library.annotation_links(b) == []


def test_confirm_orphan_command_attaches_and_undo_makes_it_the_orphan_it_was(library, stack, tmp_path):
    path = tmp_path / "report.txt"
    text = "The ban takes effect on Sept. 29, officials said. Kaspersky disagreed.\n"
    path.write_text(text, encoding="utf-8")
    article_id = import_paths(library, [path]).added[0]
    orphan_id, _ = annotate(library, article_id, "Sept. 29")
    path.write_text(text.replace("Sept. 29", "Sept. 30"), encoding="utf-8")
    import_paths(library, [path])
    before = library.annotation(orphan_id)
    assert before.orphaned
    current = library.article(article_id).text
    start = current.index("Sept. 30")
    end = start + len("Sept. 30")
    stack.push(ConfirmOrphanCommand(library, lambda c: None, orphan_id, start, end))
    placed = library.annotation(orphan_id)
    assert not placed.orphaned and placed.exact == "Sept. 30"
    assert placed.version_id == library.article(article_id).version_id != before.version_id
    stack.undo()
    again = library.annotation(orphan_id)
    assert (again.orphaned, again.exact, again.start, again.version_id, again.prefix) == (
        True, before.exact, before.start, before.version_id, before.prefix)
    stack.redo()
    assert library.annotation(orphan_id).exact == "Sept. 30"


# ------------------------------------------------------------ undo across edits of the article

WIRE = "Wire report.\n\nThe minister resigned on Monday after the vote. Parliament meets again in May.\n"


@pytest.fixture
def wire(library, tmp_path):
    """An imported article and a way to re-import it with edited text (as a new version)."""
    path = tmp_path / "wire.txt"
    path.write_text(WIRE, encoding="utf-8")
    article_id = import_paths(library, [path]).added[0]

    def edit(text: str) -> None:
        path.write_text(text, encoding="utf-8")
        import_paths(library, [path])

    return article_id, edit


def test_redo_of_a_highlight_after_the_text_changed_lands_on_the_same_words(library, stack, wire):
    article_id, edit = wire
    start = WIRE.index("resigned on Monday")
    stack.push(AddAnnotationCommand(library, lambda c: None, article_id, start, start + 18, "yellow", "key fact"))
    stack.undo()
    edit(WIRE.replace("Wire report.", "Wire report, updated at noon with more detail."))
    stack.redo()
    [note] = library.annotations(article_id=article_id)
    assert (note.exact, note.note, note.orphaned) == ("resigned on Monday", "key fact", False)
    assert library.article(article_id).text[note.start:note.end] == "resigned on Monday"


def test_redo_of_a_highlight_whose_words_are_gone_keeps_it_as_an_orphan(library, stack, wire):
    article_id, edit = wire
    start = WIRE.index("resigned on Monday")
    stack.push(AddAnnotationCommand(library, lambda c: None, article_id, start, start + 18, "yellow"))
    stack.undo()
    edit(WIRE.replace("The minister resigned on Monday after the vote. ", ""))
    stack.redo()
    [note] = library.annotations(article_id=article_id)
    assert note.orphaned and note.exact == "resigned on Monday"  # kept, never placed on other words


def test_undo_of_a_delete_after_the_text_changed_brings_the_note_back_on_its_words(library, stack, wire):
    article_id, edit = wire
    note_id, _ = annotate(library, article_id, "resigned on Monday", note="check")
    stack.push(DeleteAnnotationCommand(library, lambda c: None, note_id))
    edit(WIRE.replace("Wire report.", "Wire report (corrected)."))
    stack.undo()
    note = library.annotation(note_id)  # the same id
    assert (note.exact, note.note, note.orphaned) == ("resigned on Monday", "check", False)
    assert note.version_id == library.article(article_id).version_id


def test_attaching_an_orphan_refuses_when_the_offered_passage_changed_meanwhile(library, stack, wire):
    article_id, edit = wire
    note_id, _ = annotate(library, article_id, "resigned on Monday")
    edited = WIRE.replace("resigned on Monday", "quit on Tuesday")
    edit(edited)
    assert library.annotation(note_id).orphaned
    text = library.article(article_id).text
    start = text.index("quit on Tuesday")
    command = ConfirmOrphanCommand(library, lambda c: None, note_id, start, start + 15)
    edit(edited.replace("Wire report.", "A much longer headline pushes everything along."))
    with pytest.raises(ValueError, match="changed since"):
        command.redo()
    assert library.annotation(note_id).orphaned


def test_ids_of_deleted_notes_and_links_are_never_handed_out_again(library):
    first, second = library.stories()[0].article_ids[:2]
    a, _ = annotate(library, first, "Kaspersky")
    b, _ = annotate(library, second, "Kaspersky")
    link, _ = library.link_annotations(a, b, "supports")
    library.unlink_annotations(link)
    library.delete_annotation(b)
    c, _ = annotate(library, second, "Kaspersky")
    assert c > b
    assert library.link_annotations(a, c, "supports")[0] > link


def test_undoing_a_highlight_removes_the_tags_it_brought_in_but_not_older_ones(library, stack):
    first, second = library.stories()[0].article_ids[:2]
    annotate(library, first, "Kaspersky", tags=["known"])
    text = library.article(second).text
    start = text.index("Kaspersky")
    stack.push(AddAnnotationCommand(library, lambda c: None, second, start, start + 9, "yellow",
                                    tags=("known", "brand new")))
    assert {t.name for t in library.tags()} == {"known", "brand new"}
    stack.undo()
    assert [(t.name, t.count) for t in library.tags()] == [("known", 1)]
    stack.redo()
    assert library.annotations(article_id=second)[0].tags == ("brand new", "known")

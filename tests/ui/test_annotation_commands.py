"""Undoing the deletion of an annotation gives back everything it had."""

from __future__ import annotations

from desktop.core.annotating import annotate
from desktop.core.models import Changes
from desktop.ui.annotation_commands import DeleteAnnotationCommand


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
from desktop.ui.annotation_commands import (  # noqa: E402
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

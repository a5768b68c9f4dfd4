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

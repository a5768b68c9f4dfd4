"""Writing notes in any format of the registry, the PDF report included: the one path the window
and the command line both take. Qt is imported only for PDF."""

from __future__ import annotations

import os

from desktop.core.interchange.formats import NOTE_FORMATS, Format, format_named, notes_document
from desktop.core.interchange.safe_write import write_atomically


def notes_bytes(store, fmt: str | Format, story_id: int | None = None, tag: str | None = None, *,
                excel: bool = False) -> str | bytes:
    """The annotations as ``fmt`` (text for the text formats, bytes for QDPX and PDF)."""
    if isinstance(fmt, str):
        fmt = format_named(fmt, NOTE_FORMATS, excel)
    if fmt.name == "pdf":
        from desktop.core.interchange.notes_html import annotations_html
        from desktop.rendering.pdf import pdf_bytes

        return pdf_bytes(annotations_html(store, story_id, tag, for_print=True))
    return notes_document(store, fmt, story_id, tag)


def write_notes(store, path: str | os.PathLike, fmt: str | Format, story_id: int | None = None,
                tag: str | None = None, *, excel: bool = False, what: str = "Cannot write") -> None:
    """Export the annotations to ``path`` all at once (``WriteFailed`` naming it if it cannot)."""
    write_atomically(path, notes_bytes(store, fmt, story_id, tag, excel=excel), what=what)


__all__ = ["notes_bytes", "write_notes"]

"""``export_annotations(store, fmt, ...)``: the annotations in any of the note formats of the registry
(``formats``). Kept as the documented entry point; the formats live in their own modules.

All formats group or order by story, then article, then position. PDF is drawn from the HTML
report by Qt (``desktop.rendering``), so it is not made here.
"""

from __future__ import annotations

from desktop.core.interchange.formats import NOTE_FORMATS, notes_document
from desktop.core.interchange.notes_csv import CSV_COLUMNS, annotations_csv
from desktop.core.interchange.notes_markdown import annotations_markdown
from desktop.core.library.store import Store

FORMATS = tuple(dict.fromkeys(f.name for f in NOTE_FORMATS))
BINARY_FORMATS = tuple(dict.fromkeys(f.name for f in NOTE_FORMATS if f.binary))  # written as bytes


def export_annotations(store: Store, fmt: str, story_id: int | None = None, tag: str | None = None,
                       excel: bool = False) -> str | bytes:
    """The annotations in ``fmt``: text for every format but ``qdpx`` (a zip archive, bytes).

    ``pdf`` is not made here (Qt draws it from the ``html`` report): ValueError."""
    return notes_document(store, fmt, story_id, tag, excel=excel)


__all__ = ["BINARY_FORMATS", "CSV_COLUMNS", "FORMATS", "annotations_csv", "annotations_markdown",
           "export_annotations"]

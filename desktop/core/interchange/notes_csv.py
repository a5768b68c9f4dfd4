"""Notes as CSV for spreadsheets: one row per annotation, UTF-8 (with the byte-order mark Excel needs
when asked). Cells a spreadsheet would run as a formula (=, +, -, @ at the start) get an apostrophe.
"""

from __future__ import annotations

import csv
import io

from desktop.core.interchange.records import annotation_groups
from desktop.core.library.store import Store

CSV_COLUMNS = ("story", "article", "outlet", "date", "url", "quote", "note", "tags", "colour", "start", "end",
               "created", "orphaned")


def _cell(value) -> str:
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text  # never a formula in Excel, LibreOffice or Sheets
    return text


def _tags_cell(tags) -> str:
    """The tags joined with ", "; a tag holding a comma or a double quote is written in double
    quotes ("Smith, John" -> "\"Smith, John\""), so a cell always splits back into its tags."""
    return ", ".join('"' + t.replace('"', '""') + '"' if ("," in t or '"' in t) else t for t in tags)


def annotations_csv(store: Store, story_id: int | None = None, tag: str | None = None, excel: bool = False) -> str:
    """One row per annotation; ``excel`` adds the byte-order mark Excel needs to read UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for story, article, found in annotation_groups(store, story_id, tag):
        for a in found:
            writer.writerow([_cell(v) for v in (
                story, article.display_title, article.source, article.published, article.url, a.exact, a.note,
                _tags_cell(a.tags), a.color, a.start, a.end, a.created, "yes" if a.orphaned else "",
            )])
    return ("\ufeff" if excel else "") + buffer.getvalue()

"""The one registry of the files Parallax writes and reads besides articles, used by the window's
file dialogs and by the command line alike.

A ``Format`` says what a file dialog shows, its suffix, whether it is bytes, and whether Qt draws
it (``needs_qt``: the PDF report is drawn by ``desktop.rendering``, the coverage-matrix images by
the window). ``notes_document`` and ``comparison_document`` make every format that needs no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.library.store import Store


@dataclass(frozen=True)
class Format:
    name: str  # the format's name on the command line (--format) and in code
    label: str  # what a file dialog shows
    suffix: str
    binary: bool = False  # written as bytes
    needs_qt: bool = False  # drawn with Qt (desktop.rendering or the window), not by core
    excel: bool = False  # CSV with the byte-order mark Excel needs to read UTF-8
    suffixes: tuple[str, ...] = ()  # more suffixes read as this format

    @property
    def filter(self) -> str:
        """The file dialog's filter: ``Markdown notes (*.md)``."""
        return f"{self.label} ({' '.join('*' + s for s in (self.suffix, *self.suffixes))})"


NOTE_FORMATS = (
    Format("markdown", "Markdown notes", ".md"),
    Format("csv", "CSV", ".csv"),
    Format("csv", "CSV for Excel", ".csv", excel=True),
    Format("jsonld", "Web Annotation JSON-LD", ".jsonld"),
    Format("qdpx", "REFI-QDA project (QualCoder, MAXQDA, NVivo)", ".qdpx", binary=True),
    Format("html", "HTML report", ".html"),
    Format("pdf", "PDF report", ".pdf", binary=True, needs_qt=True),
    # the annotated articles as a bibliography, each with its quoted passages and notes
    Format("bibtex", "BibTeX bibliography of the annotated articles", ".bib"),
    Format("ris", "RIS bibliography (Zotero, EndNote, Mendeley)", ".ris"),
    Format("csl-json", "CSL-JSON bibliography (Zotero, pandoc)", ".json"),
)
COMPARISON_FORMATS = (
    Format("html", "HTML report", ".html"),
    Format("markdown", "Markdown", ".md"),
    Format("json", "JSON", ".json"),
    Format("text", "Plain text table", ".txt"),
    Format("png", "Coverage matrix image (PNG)", ".png", binary=True, needs_qt=True),
    Format("svg", "Coverage matrix drawing (SVG)", ".svg", binary=True, needs_qt=True),
)
NOTE_IMPORT_FORMATS = (
    Format("jsonld", "Web Annotation JSON-LD", ".jsonld", suffixes=(".json",)),
    Format("qdpx", "REFI-QDA project", ".qdpx", binary=True),
)


def names(formats: tuple[Format, ...]) -> tuple[str, ...]:
    """The distinct format names, in registry order (the command line's --format choices)."""
    return tuple(dict.fromkeys(f.name for f in formats))


def format_named(name: str, formats: tuple[Format, ...], excel: bool = False) -> Format:
    for fmt in formats:
        if fmt.name == name and fmt.excel == excel:
            return fmt
    for fmt in formats:
        if fmt.name == name:
            return fmt
    raise ValueError(f"Unknown format {name!r}; choose one of: {', '.join(names(formats))}.")


def format_for(path: str, formats: tuple[Format, ...], chosen_filter: str = "") -> Format:
    """The format of a file named in a dialog: the one the path's suffix names (the filter the
    reader chose when two share a suffix: CSV and CSV for Excel); a name without a known suffix
    ("notes") takes the filter chosen; else the first of ``formats``."""
    lower = path.lower()
    for fmt in formats:
        if chosen_filter == fmt.filter and lower.endswith((fmt.suffix, *fmt.suffixes)):
            return fmt
    for fmt in formats:
        if lower.endswith((fmt.suffix, *fmt.suffixes)):
            return fmt
    return next((fmt for fmt in formats if chosen_filter and fmt.filter == chosen_filter), formats[0])


def suffix_format(path: str, formats: tuple[Format, ...]) -> Format | None:
    """The first of ``formats`` whose suffix ``path`` ends in, or None."""
    lower = path.lower()
    return next((fmt for fmt in formats if lower.endswith((fmt.suffix, *fmt.suffixes))), None)


def output_format(path: str | None, chosen: str | None, formats: tuple[Format, ...], default: str) -> str:
    """The format to write ``path`` in: ``chosen`` (``--format``), else the one its suffix names,
    else ``default``. ValueError when the suffix names another format than the one chosen
    ("notes.pdf" with --format markdown), so a file never carries the wrong suffix."""
    named = suffix_format(path, formats) if path else None
    if chosen is None:
        return named.name if named is not None else default
    if named is not None and named.name != chosen:
        stem = path[: len(path) - len(next(s for s in (named.suffix, *named.suffixes) if path.lower().endswith(s)))]
        wanted = format_named(chosen, formats)
        raise ValueError(f"{path} ends in {named.suffix} ({named.label}), but --format is {chosen}: "
                         f"name it {stem}{wanted.suffix}, or leave --format out to write {named.name}")
    return chosen


def with_suffix(path: str, fmt: Format) -> str:
    """``path`` ending in the format's suffix (added when it has none of them)."""
    return path if path.lower().endswith((fmt.suffix, *fmt.suffixes)) else path + fmt.suffix


def notes_document(store: Store, fmt: str | Format, story_id: int | None = None, tag: str | None = None, *,
                   excel: bool = False) -> str | bytes:
    """The annotations in a note format that needs no Qt (every one but PDF: ValueError)."""
    if isinstance(fmt, Format):
        fmt, excel = fmt.name, fmt.excel
    if fmt == "markdown":
        from desktop.core.interchange.notes_markdown import annotations_markdown

        return annotations_markdown(store, story_id, tag)
    if fmt == "csv":
        from desktop.core.interchange.notes_csv import annotations_csv

        return annotations_csv(store, story_id, tag, excel)
    if fmt == "jsonld":
        from desktop.core.interchange.web_annotation import annotations_jsonld

        return annotations_jsonld(store, story_id, tag)
    if fmt == "qdpx":
        from desktop.core.interchange.qdpx import annotations_qdpx

        return annotations_qdpx(store, story_id, tag)
    if fmt == "html":
        from desktop.core.interchange.notes_html import annotations_html

        return annotations_html(store, story_id=story_id, tag=tag)
    if fmt in ("bibtex", "ris", "csl-json"):
        from desktop.core.interchange.citations import annotations_citations

        return annotations_citations(store, fmt, story_id, tag)
    if fmt == "pdf":
        raise ValueError("PDF is drawn from the HTML report by desktop.rendering (Qt), not by core.")
    raise ValueError(f"Unknown export format {fmt!r}; choose one of: {', '.join(names(NOTE_FORMATS))}.")


def comparison_document(comparison, fmt: str | Format) -> str:
    """A comparison as a report: ``json``, ``text``, ``markdown`` or ``html``."""
    from desktop.core.interchange.reports import render

    return render(comparison, fmt.name if isinstance(fmt, Format) else fmt)


__all__ = [
    "COMPARISON_FORMATS",
    "NOTE_FORMATS",
    "NOTE_IMPORT_FORMATS",
    "Format",
    "comparison_document",
    "format_for",
    "format_named",
    "names",
    "notes_document",
    "with_suffix",
]

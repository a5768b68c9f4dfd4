"""Copying citations from the window: a small "Cite" menu of formats for an article, a quote or a note.

``cite_menu(parent, article, quote, start, note)`` lists every format of
``desktop.core.interchange.citations.CITATION_FORMATS`` (Markdown, APA, Chicago, BibTeX, RIS,
CSL-JSON); choosing one puts the citation on the clipboard: the text, and for APA, Chicago and
Markdown also rich text (italics, a blockquote) for word processors. The selection toolbar's
"Cite" button, the reading pane's context menu, the library's article menu and the Notes tab's
row menu all use it, so they offer the same formats.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from desktop.core.interchange.citations import CITATION_FORMATS, cite, cite_html
from desktop.core.models import Annotation, Article

Copied = Callable[[str, str], None]  # (format, the text copied)


def copy_citation(article: Article, fmt: str, quote: str | None = None, start: int | None = None,
                  note: str = "") -> str:
    """Put the citation on the clipboard (plain text, plus HTML where the format has a rich form);
    returns the text."""
    text = cite(article, fmt, quote, start, note)
    rich = cite_html(article, fmt, quote, start)
    if not rich:  # plain text set by Qt itself (see reading_pane.keep_clipboard_text_only)
        QApplication.clipboard().setText(text)
        return text
    data = QMimeData()
    data.setText(text)
    data.setHtml(rich)
    QApplication.clipboard().setMimeData(data)
    return text


def fill_cite_menu(menu: QMenu, article: Article | Callable[[], Article | None], quote: str | None = None,
                   start: int | None = None, note: str = "", copied: Copied | None = None) -> QMenu:
    """Add one entry per citation format to ``menu``; ``article`` may be a callable asked when an
    entry is chosen (the library's menu reads the article only then)."""
    def choose(fmt: str) -> None:
        found = article() if callable(article) else article
        if found is None:
            return
        text = copy_citation(found, fmt, quote, start, note)
        if copied is not None:
            copied(fmt, text)

    for fmt, label in CITATION_FORMATS.items():
        action = menu.addAction(label)
        action.setObjectName(f"Cite-{fmt}")
        action.setData(fmt)
        action.triggered.connect(lambda _checked=False, f=fmt: choose(f))
    return menu


def cite_menu(parent: QWidget | None, article: Article | Callable[[], Article | None], quote: str | None = None,
              start: int | None = None, note: str = "", copied: Copied | None = None,
              title: str = "Cite") -> QMenu:
    """A menu (or submenu, once added to another) of the citation formats."""
    return fill_cite_menu(QMenu(title, parent), article, quote, start, note, copied)


def annotation_cite_menu(parent: QWidget | None, store, annotation: Annotation, copied: Copied | None = None,
                         title: str = "Cite") -> QMenu:
    """The formats for one note: its quote (with its paragraph, unless orphaned) and the reader's note."""
    return cite_menu(parent, lambda: store.article(annotation.article_id), annotation.exact,
                     None if annotation.orphaned else annotation.start, annotation.note, copied, title)


def copied_message(fmt: str) -> str:
    """What the status bar says once a citation is on the clipboard."""
    return f"Copied the citation as {CITATION_FORMATS.get(fmt, fmt)}."


__all__ = ["annotation_cite_menu", "cite_menu", "copied_message", "copy_citation", "fill_cite_menu"]

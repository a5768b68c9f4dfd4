"""Web pages into the library: File > Import from URL…, a link dropped or pasted on the window.

URLs go through the same background import as files (``ArticleImports.start`` runs an
``ImportTask``: ``import_paths`` fetches each URL), with progress and Cancel in the status bar
and a list of the pages that could not be imported, each with its one-line reason.

``UrlImports.install(window)`` adds the File menu's "Import from URL…" (Ctrl+Shift+U) right after
"Import…", and Ctrl+V on the window (outside text fields) imports the links on the clipboard.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QInputDialog, QLineEdit, QPlainTextEdit, QTextEdit

from desktop.core.library.fetching import looks_like_url

_URL_IN_TEXT = re.compile(r"""https?://[^\s<>"'`]+""", re.IGNORECASE)


def urls_in_text(text: str) -> list[str]:
    """The web addresses in pasted text: one or many, separated by spaces, commas or lines;
    an item that looks like another kind of address (ftp:, javascript:) is kept, to be refused
    with its reason."""
    found = []
    for item in re.split(r"[\s,]+", text.strip()):
        item = item.strip("<>()[]\"'")
        if item and looks_like_url(item):
            found.append(item.rstrip(".;"))
    return list(dict.fromkeys(found))


def dropped_urls(mime: QMimeData | None) -> list[str]:
    """The web links in a drag or on the clipboard (not local files)."""
    urls = []
    if mime is None:  # an empty clipboard on some platforms
        return urls
    if mime.hasUrls():
        urls = [u.toString() for u in mime.urls() if not u.isLocalFile() and u.scheme() in ("http", "https")]
    if not urls and mime.hasText():
        text = mime.text()
        if len(text) < 20_000 and _URL_IN_TEXT.search(text):
            urls = [u for u in urls_in_text(text) if u.lower().startswith(("http://", "https://"))]
    return list(dict.fromkeys(urls))


class UrlImports:
    """The window's URL import commands (they hand the URLs to ``window.imports``)."""

    def __init__(self, window):
        self.window = window

    @classmethod
    def install(cls, window) -> UrlImports:
        imports = cls(window)
        action = window.import_url_action = QAction("Import from &URL…", window)
        action.setShortcut(QKeySequence("Ctrl+Shift+U"))
        action.setStatusTip("Import web pages: paste one address or many")
        action.triggered.connect(imports.ask)
        window.addAction(action)
        for menu in window.import_action.associatedObjects():
            if hasattr(menu, "insertAction") and menu is not window:
                actions = menu.actions()
                at = actions.index(window.import_action) + 1 if window.import_action in actions else len(actions)
                menu.insertAction(actions[at] if at < len(actions) else None, action)
        paste = window.paste_links_action = QAction("Paste Links", window)
        paste.setShortcut(QKeySequence.StandardKey.Paste)
        paste.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        paste.triggered.connect(imports.paste)
        window.addAction(paste)
        return imports

    def ask(self) -> bool:
        """File > Import from URL…: one address or many (one a line)."""
        text, ok = QInputDialog.getMultiLineText(
            self.window, "Import from URL",
            "Web addresses of the articles to import (one a line, or separated by spaces):",
            "\n".join(dropped_urls(QGuiApplication.clipboard().mimeData())))
        if not ok or not text.strip():
            return False
        return self.start(text)

    def start(self, text: str) -> bool:
        urls = urls_in_text(text)
        if not urls:
            self.window.show_error("Nothing to import", "No web address found: they start with https:// or http://.")
            return False
        return self.window.imports.start(urls)

    def paste(self) -> bool:
        """Ctrl+V on the window: import the links on the clipboard; in a text field, paste as usual."""
        focus = QGuiApplication.focusObject()
        if isinstance(focus, (QLineEdit, QPlainTextEdit)) or (isinstance(focus, QTextEdit) and not focus.isReadOnly()):
            focus.paste()
            return False
        urls = dropped_urls(QGuiApplication.clipboard().mimeData())
        if not urls:
            self.window.statusBar().showMessage(
                "No link on the clipboard. To make an article of copied text: File > New Article from Clipboard.", 6000)
            return False
        return self.window.imports.start(urls)


__all__ = ["UrlImports", "dropped_urls", "urls_in_text"]

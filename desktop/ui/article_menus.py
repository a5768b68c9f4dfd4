"""The window's per-article commands that are not about stories: Copy Citation ▸ and Compare Versions….

Kept out of main_window.py and the library sidebar: the library's article menu and a pane's
"Compare Versions…" button call these with the window, which gives the store, the status bar and
error messages.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMenu

from desktop.core.errors import NotFound
from desktop.ui.compare.version_diff import show_version_diff
from desktop.ui.notes.citing import copied_message, fill_cite_menu


def compare_versions(window, article_id: int):
    """Open Compare Versions… for the article, or say why not (one version, gone meanwhile)."""
    try:
        dialog = show_version_diff(window, window.store, article_id)
    except NotFound as exc:
        window.show_error("Cannot compare versions", str(exc))
        return None
    if dialog is None:
        window.statusBar().showMessage(
            "This article has one version only: importing it again with changed text keeps a new version.", 8000)
    window.last_version_dialog = dialog
    return dialog


def add_article_entries(menu: QMenu, window, article_id: int | None) -> None:
    """Copy Citation ▸ (every citation format) and Compare Versions… for one article of the library."""
    if article_id is None:
        return
    menu.addSeparator()
    cite = menu.addMenu("Copy Citation")
    cite.setObjectName("CopyCitation")

    def article():
        try:
            return window.store.article(article_id)
        except NotFound as exc:
            window.show_error("Cannot cite the article", str(exc))
            return None

    fill_cite_menu(cite, article, copied=lambda fmt, _text: window.statusBar().showMessage(copied_message(fmt), 4000))
    try:
        versions = len(window.store.article_versions(article_id))
    except NotFound:
        versions = 0
    action = menu.addAction("Compare Versions…", lambda: compare_versions(window, article_id))
    action.setObjectName("CompareVersions")
    action.setEnabled(versions > 1)
    action.setStatusTip("What changed between the versions of this article" if versions > 1
                        else "This article has one version only")


__all__ = ["add_article_entries", "compare_versions"]

"""Driving a pane's context menu the way a reader does: right-click the text, pick from a submenu."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu


def right_click_and_pick(pane, qtbot, point, submenu: str, index: int = 0) -> list[str]:
    """Right-click the pane's text at ``point``; the entries of ``submenu`` (a submenu, or the
    menu's own entries, by object name), entry ``index`` triggered ([] when there is none)."""
    seen: list[str] = []

    def pick():
        menu = QApplication.activePopupWidget()
        try:
            sub = menu.findChild(QMenu, submenu) if menu is not None else None
            entries = sub.actions() if sub is not None else [
                a for a in (menu.actions() if menu is not None else []) if a.objectName() == submenu]
            if entries:
                seen.extend(a.text() for a in entries)
                entries[min(index, len(entries) - 1)].trigger()
        finally:  # an error here must fail the test, never leave the menu open (exec would wait forever)
            if menu is not None:
                menu.close()

    QTimer.singleShot(100, pick)
    QApplication.sendEvent(pane.view.viewport(), QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, point, pane.view.viewport().mapToGlobal(point)))
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None, timeout=3000)
    return seen

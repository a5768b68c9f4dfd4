"""Driving a pane's context menu the way a reader does: right-click the text, pick from a submenu."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu


def right_click_and_pick(pane, qtbot, point, submenu: str) -> list[str]:
    """Right-click the pane's text at ``point``; the entries of ``submenu`` (by object name), the
    first of them triggered ([] when the menu has no such submenu)."""
    seen: list[str] = []

    def pick():
        menu = QApplication.activePopupWidget()
        sub = menu.findChild(QMenu, submenu) if menu is not None else None
        if sub is not None and sub.actions():
            seen.extend(a.text() for a in sub.actions())
            sub.actions()[0].trigger()
        if menu is not None:
            menu.close()

    QTimer.singleShot(100, pick)
    QApplication.sendEvent(pane.view.viewport(), QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, point, pane.view.viewport().mapToGlobal(point)))
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None, timeout=3000)
    return seen

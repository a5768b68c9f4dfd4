"""The sidebar's tabs as a row of buttons that wraps onto a second line in a narrow sidebar, so
every tab (Library, Facts, Notes, Quotes, Timeline, Sources) is always in sight: a tab bar would
hide the last ones behind scroll arrows at 1280 px. The pages stay in the ``QTabWidget`` (its own
bar hidden); the buttons follow its current page and set it."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QButtonGroup, QTabWidget, QToolButton, QWidget

from desktop.ui.flow_layout import FlowLayout


class SidebarSwitcher(QWidget):
    def __init__(self, tabs: QTabWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("SidebarSwitcher")
        self.tabs = tabs
        tabs.tabBar().hide()
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: list[QToolButton] = []
        self.flow = FlowLayout(self, spacing=1, line_spacing=2)
        self.flow.setContentsMargins(3, 4, 3, 0)
        for index in range(tabs.count()):
            self._add(index)
        self.group.idClicked.connect(tabs.setCurrentIndex)
        tabs.currentChanged.connect(self._on_tabs_current_changed)
        self._on_tabs_current_changed(tabs.currentIndex())

    def _add(self, index: int) -> None:
        button = QToolButton(self)
        button.setText(self.tabs.tabText(index))
        button.setToolTip(self.tabs.tabToolTip(index) or self.tabs.tabText(index))
        button.setCheckable(True)
        button.setAutoRaise(True)
        button.setObjectName(f"SidebarTab_{self.tabs.tabText(index)}")
        bold = QFont(button.font())
        bold.setBold(True)  # the current tab is bold: as wide now as it will be then
        # compact (six tabs on one line from about 340 px), never narrower than its bold text
        button.setFixedWidth(QFontMetrics(bold).horizontalAdvance(button.text()) + 8)
        self.group.addButton(button, index)
        self.buttons.append(button)
        self.flow.addWidget(button)

    def button(self, text: str) -> QToolButton:
        return next(b for b in self.buttons if b.text() == text)

    def _on_tabs_current_changed(self, index: int) -> None:
        for number, button in enumerate(self.buttons):
            font = QFont(button.font())
            font.setBold(number == index)
            button.setFont(font)
            button.setChecked(number == index)


__all__ = ["SidebarSwitcher"]

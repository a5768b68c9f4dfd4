"""The legend of the comparison marks, drawn with the very formats the panes use."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QTextBrowser, QToolButton, QWidget

from desktop.ui.compare.fact_highlights import FactPalette, legend_entries
from desktop.ui.compare.reading_pane import annotation_format


class LegendWidget(QTextBrowser):
    """One line per mark: a sample word in the mark's format, then what it means."""

    def __init__(self, palette: FactPalette, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Legend")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.entries = legend_entries(palette)
        cursor = QTextCursor(self.document())
        plain = QTextCharFormat()
        for index, (label, fmt) in enumerate(self.entries):
            if index:
                cursor.insertBlock()
            cursor.insertText("  sample  ", fmt)
            cursor.insertText("  " + label, plain)
        cursor.insertBlock()
        cursor.insertText("  sample  ", annotation_format("yellow"))
        cursor.insertText("  Your highlight (keys 1-9)", plain)
        cursor.insertBlock()
        cursor.insertText("Colours pair shared facts across panes; ribbons join them. "
                          "Click a mark to line the panes up, F7 / Shift+F7 to step.", plain)
        self._fit_height()

    def _fit_height(self) -> None:
        self.document().setTextWidth(max(50, self.viewport().width()))
        self.setFixedHeight(int(self.document().size().height()) + 6)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_height()


class FirstRunHint(QFrame):
    """A dismissible banner explaining the marks, shown until the reader closes it."""

    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("FirstRunHint")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#FirstRunHint { background: palette(tool-tip-base); }")
        text = QLabel(
            "<b>Reading the comparison:</b> a fact several outlets report has one colour in every pane "
            "and a ribbon joins it across; <span style='color:#D62728'>red wavy underline</span> = the "
            "outlets give conflicting values (hover to see them); dotted underline = only this outlet says "
            "it; dimmed italic = boilerplate. Click a highlight to line the panes up; F7 goes to the next fact. "
            "Select text and press 1-9 to highlight it yourself, N to add a note, T to tag it."
        )
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        close = QToolButton(text="✕")
        close.setAutoRaise(True)
        close.setToolTip("Hide this hint (the legend stays in the Facts panel)")
        close.clicked.connect(self._on_close_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(text, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.close_button = close

    def _on_close_clicked(self) -> None:
        self.hide()
        self.dismissed.emit()

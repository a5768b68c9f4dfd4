"""The legend of the comparison marks, drawn with the very formats the panes use."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QTextBrowser, QToolButton, QWidget

from desktop.ui.compare.fact_highlights import (
    ALL,
    LESS_SURE_LABEL,
    SEVERAL,
    FactPalette,
    legend_entries,
    less_sure_swatch_formats,
    swatch_formats,
)
from desktop.ui.compare.reading_pane import annotation_format

SWATCH = "\u2003"  # an em space: a swatch is a square of the mark's background
EXCLUSIVES_OFF = "Only this source: not marked in the text (View > Mark Claims Only One Source Makes)"
LESS_SURE_OFF = "Less sure links: marked as only this source (View > Show Less Sure Links)"


class LegendWidget(QTextBrowser):
    """One line per mark: samples in the mark's format, then what it means. The shared facts'
    lines show every hue of the palette, as the panes paint them (``swatch_formats``: the same
    function the panes' formats come from), so the legend's colours are the panes' colours."""

    def __init__(self, palette: FactPalette, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Legend")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.palette_ = palette
        self.refresh()

    def refresh(self) -> None:
        """Rebuild the lines from the palette (after ``mark_exclusives`` or ``show_less_sure`` changed)."""
        palette = self.palette_
        self.entries = legend_entries(palette)
        self.document().clear()
        cursor = QTextCursor(self.document())
        plain = QTextCharFormat()
        swatches = {ALL: swatch_formats(palette, ALL), SEVERAL: swatch_formats(palette, SEVERAL),
                    LESS_SURE_LABEL: less_sure_swatch_formats(palette)}
        rows = {"Reported by all": ALL, "Reported by several": SEVERAL, LESS_SURE_LABEL: LESS_SURE_LABEL}
        for index, (label, fmt) in enumerate(self.entries):
            if index:
                cursor.insertBlock()
            if label == LESS_SURE_LABEL and not palette.show_less_sure:
                cursor.insertText("  sample  ", plain)
                cursor.insertText("  " + LESS_SURE_OFF, plain)
            elif label in rows:
                for swatch in swatches[rows[label]]:
                    cursor.insertText(SWATCH, swatch)
                    cursor.insertText("\u2009", plain)  # a thin space between swatches
                cursor.insertText(" " + label, plain)
            elif label == "Only this source" and not palette.mark_exclusives:
                cursor.insertText("  sample  ", plain)
                cursor.insertText("  " + EXCLUSIVES_OFF, plain)
            else:
                cursor.insertText("  sample  ", fmt)
                cursor.insertText("  " + label, plain)
        cursor.insertBlock()
        cursor.insertText("  sample  ", annotation_format("yellow"))
        cursor.insertText("  Your highlight (keys 1-9)", plain)
        cursor.insertBlock()
        cursor.insertText("Each shared fact has one of these colours, the same in every pane; ribbons "
                          "join them (dotted, and a pale ribbon with a dashed edge: a link Parallax is less sure of, "
                          "Story > Review Links). Click a mark to line the panes up, F7 / Shift+F7 to step.", plain)
        self._fit_height()

    def swatch_colours(self, agreement: str = "") -> list[QColor]:
        """The backgrounds of the legend's colour swatches, in order (what the reader sees), for
        one line ("all", "several" or ``LESS_SURE_LABEL``) or for the first two."""
        wanted = {ALL: "Reported by all", SEVERAL: "Reported by several", LESS_SURE_LABEL: LESS_SURE_LABEL}
        colours = []
        block = self.document().begin()
        while block.isValid():
            line = block.text()
            if (not agreement and any(line.endswith(wanted[w]) for w in (ALL, SEVERAL))) or (
                    agreement and line.endswith(wanted[agreement])):
                iterator = block.begin()
                while not iterator.atEnd():
                    fragment = iterator.fragment()
                    text = fragment.text()
                    if text and text == SWATCH * len(text):
                        colours += [fragment.charFormat().background().color()] * len(text)
                    iterator += 1
            block = block.next()
        return colours

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
            "outlets give conflicting values (hover to see them); a faint dotted underline = only this outlet "
            "says it (View > Mark Claims Only One Source Makes turns it off); paler and dotted in a fact's colour = "
            "a link Parallax is less sure of (View > Show Less Sure Links); dimmed italic = boilerplate. Click a highlight to line the panes up; F7 goes to the next fact. "
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

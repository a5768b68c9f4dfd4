"""The small toolbar that appears at a finished selection in a reading pane (Hypothesis' adder).

Colour swatches highlight at once; "Note…" and "Tags…" highlight and ask for more; "Cite"
copies the passage as a Markdown citation, and its arrow offers the other formats (APA, Chicago,
BibTeX, RIS, CSL-JSON: ``citation_format_requested``). The toolbar is a child of the text view, so it stays
inside the pane; its buttons never take keyboard focus, so the number keys, N, T and the
arrows keep working in the text while it shows.

It appears when a selection is finished: at mouse release, or once keyboard selecting
(Shift+arrows) has paused for ``SETTLE_MS``. It goes away on Escape, on a click anywhere
outside it, when the view scrolls or resizes, when the text loses focus, and when the
selection is cleared. The view decides what the buttons do (see ``ArticleTextView``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QMenu,
    QTextEdit,
    QToolButton,
    QWidget,
)

from desktop.core.interchange.citations import CITATION_FORMATS

SETTLE_MS = 350  # keyboard selecting counts as finished after this pause
MIN_SWATCHES = 5  # a narrow pane drops swatches from the end, down to this many
GAP = 6  # pixels between the selection's line and the toolbar
SWATCH_SIZE = 16


def swatch_icon(colour: QColor) -> QIcon:
    """A filled circle of the highlight colour with a darker rim."""
    pixmap = QPixmap(SWATCH_SIZE, SWATCH_SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(colour.darker(160), 1.2))
    painter.setBrush(colour)
    painter.drawEllipse(1, 1, SWATCH_SIZE - 2, SWATCH_SIZE - 2)
    painter.end()
    return QIcon(pixmap)


class SelectionToolbar(QFrame):
    """Floating buttons for the selection in ``view``; ``colours`` are (name, colour) in key order."""

    colour_picked = Signal(int)  # index into the colours (the number key minus one)
    note_requested = Signal()
    tags_requested = Signal()
    citation_requested = Signal()
    citation_format_requested = Signal(str)  # a format of ``citations.CITATION_FORMATS``

    def __init__(self, view: QTextEdit, colours: list[tuple[str, QColor]]):
        super().__init__(view)
        self.view = view
        self.setObjectName("SelectionToolbar")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.ArrowCursor)
        self.setAutoFillBackground(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#SelectionToolbar { background: palette(window); border: 1px solid palette(mid);"
            " border-radius: 6px; }"
            " #SelectionToolbar QToolButton { padding: 1px 4px; border-radius: 4px; }"
            " #SelectionToolbar QToolButton#Swatch { padding: 0px; }"
            " #SelectionToolbar QToolButton:hover { background: palette(midlight); }")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 3, 4, 3)
        layout.setSpacing(1)
        self.swatches: list[QToolButton] = []
        for index, (name, colour) in enumerate(colours):
            button = self._button("", f"Highlight {name} ({index + 1})" if index < 9 else f"Highlight {name}")
            button.setIcon(swatch_icon(colour))
            button.setIconSize(QSize(SWATCH_SIZE, SWATCH_SIZE))
            button.setObjectName("Swatch")
            button.setFixedSize(SWATCH_SIZE + 6, SWATCH_SIZE + 6)
            button.setAccessibleName(f"Highlight {name}")
            button.clicked.connect(lambda _checked=False, i=index: self.colour_picked.emit(i))
            layout.addWidget(button)
            self.swatches.append(button)
        self.separator = QFrame()
        self.separator.setFrameShape(QFrame.Shape.VLine)
        self.separator.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addSpacing(2)
        layout.addWidget(self.separator)
        layout.addSpacing(2)
        # words, or glyphs when the pane is narrow (see _fit)
        self.note_button = self._button("Note…", "Highlight and write a note (N)")
        self.note_button.clicked.connect(self.note_requested)
        self.tags_button = self._button("Tags…", "Highlight and add tags (T)")
        self.tags_button.clicked.connect(self.tags_requested)
        self.cite_button = self._button("Cite", "Copy citation (Ctrl+Shift+C): the passage as Markdown "
                                        "with outlet, title, date and URL")
        self.cite_button.setAccessibleName("Copy citation")
        self.cite_button.clicked.connect(self.citation_requested)
        self.cite_formats = QMenu(self.cite_button)
        for fmt, label in CITATION_FORMATS.items():
            action = self.cite_formats.addAction(label)
            action.setObjectName(f"Cite-{fmt}")
            action.triggered.connect(lambda _checked=False, f=fmt: self.citation_format_requested.emit(f))
        self.cite_button.setMenu(self.cite_formats)
        self.cite_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.cite_button.setToolTip("Copy citation (Ctrl+Shift+C): the passage as Markdown with outlet, title, "
                                    "date and URL; the arrow (or a long press) offers APA, Chicago, BibTeX, RIS and CSL-JSON")
        self._labels = {self.note_button: ("Note…", "✎"), self.tags_button: ("Tags…", "#"),
                        self.cite_button: ("Cite", "❝")}
        for button in self._labels:
            layout.addWidget(button)
        self.hide()

        self._mouse_down = False
        self._watching_app = False
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self._on_settled)
        view.selectionChanged.connect(self._on_view_selection_changed)
        view.verticalScrollBar().valueChanged.connect(lambda _value: self.dismiss())
        # kept here: while the view is being destroyed its filters still see events, and
        # asking the half-deleted view for its viewport would raise
        self._viewport = view.viewport()
        view.installEventFilter(self)
        self._viewport.installEventFilter(self)

    def _button(self, text: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip.split(" (")[0])
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        if text:
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        return button

    # ------------------------------------------------------------ when to show

    def allowed(self) -> bool:
        """False when the view says the reader turned the toolbar off."""
        return bool(getattr(self.view, "selection_toolbar_enabled", True))

    def _on_view_selection_changed(self) -> None:
        self.dismiss()
        if self.view.textCursor().hasSelection() and not self._mouse_down:
            self._settle.start(SETTLE_MS)  # keyboard (or code): show once it pauses

    def _on_settled(self) -> None:
        if not self._mouse_down and self.view.textCursor().hasSelection() and self.view.isVisible():
            self.show_at_selection()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self._viewport:
            if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
                self.dismiss()
                self._settle.stop()
                self._mouse_down = event.button() == Qt.MouseButton.LeftButton
            elif kind == QEvent.Type.MouseButtonRelease and event.button() == Qt.MouseButton.LeftButton:
                self._mouse_down = False
                self._settle.start(0)  # after the view has handled the release
            elif kind == QEvent.Type.Resize:
                self.dismiss()
        elif watched is self.view:
            if kind == QEvent.Type.FocusOut:
                self.dismiss()
            elif kind == QEvent.Type.Hide:
                self.dismiss()
                self._settle.stop()
            elif kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and self.isVisible() \
                    and event.key() == Qt.Key.Key_Escape:
                event.accept()
                if kind == QEvent.Type.KeyPress:
                    self.dismiss()
                return True
        elif kind == QEvent.Type.MouseButtonPress and self.isVisible() and isinstance(watched, QWidget) \
                and watched is not self and not self.isAncestorOf(watched):
            self.dismiss()  # a click anywhere else in the application
        return False

    # ----------------------------------------------------------- show, hide

    def show_at_selection(self) -> bool:
        """Show the toolbar next to the selection's moving end. False if there is nothing to
        show it for (no selection, or the reader turned the toolbar off)."""
        cursor = self.view.textCursor()
        if not cursor.hasSelection() or not self.allowed():
            return False
        viewport = self.view.viewport()
        bounds = QRect(0, 0, self.view.width(), self.view.height())
        bar = self.view.verticalScrollBar()
        if bar.isVisible():  # (the bar sits in a container: its own geometry is relative to that)
            bounds.setRight(bar.mapTo(self.view, QPoint(0, 0)).x() - 1)
        self._fit(bounds.width())
        self.adjustSize()
        focus = _cursor_at(self.view, cursor.position())
        line = self.view.cursorRect(focus).translated(viewport.pos())
        other = self.view.cursorRect(_cursor_at(self.view, cursor.anchor())).translated(viewport.pos())
        size = self.sizeHint()
        x = line.center().x() - size.width() // 2
        x = max(bounds.left() + 2, min(x, bounds.right() - size.width() - 2))
        above = line.top() - GAP - size.height()
        below = line.bottom() + GAP
        # stay off the selected words: above the line when the selection runs down from it,
        # below when it reaches up to it (several lines, selected forwards)
        prefer_below = other.top() < line.top()
        room_above = above >= bounds.top()
        room_below = below + size.height() <= bounds.bottom()
        if prefer_below:
            y = below if room_below or not room_above else above
        else:
            y = above if room_above or not room_below else below
        if not bounds.intersects(QRect(QPoint(x, y), size)):
            return False  # the selection's end is scrolled out of sight
        self.setGeometry(QRect(QPoint(x, y), size))
        self.raise_()
        self.show()
        if not self._watching_app:
            QApplication.instance().installEventFilter(self)
            self._watching_app = True
        return True

    def _fit(self, width: int) -> None:
        """As many swatches as the pane has room for (never fewer than ``MIN_SWATCHES``), and
        glyphs instead of words on the other buttons when even that is too wide."""
        for button, (label, _glyph) in self._labels.items():
            button.setText(label)
            button.setFont(self.font())
            button.setMinimumWidth(0)
            button.setMaximumWidth(16_777_215)
        # the format menu has its own arrow while there is room; a narrow pane holds the button instead
        self.cite_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        for button in self.swatches:
            button.setVisible(True)
        shown = len(self.swatches)

        def too_wide() -> bool:
            self.layout().invalidate()
            return self.layout().sizeHint().width() > width - 4

        while shown > MIN_SWATCHES and too_wide():
            shown -= 1
            self.swatches[shown].setVisible(False)
        if too_wide():
            self.cite_button.setPopupMode(QToolButton.ToolButtonPopupMode.DelayedPopup)
            for button, (_label, glyph) in self._labels.items():
                button.setText(glyph)
                font = self.font()
                font.setPointSizeF(font.pointSizeF() * 1.25)  # a lone glyph reads small
                button.setFont(font)
                button.setFixedWidth(SWATCH_SIZE + 8)

    def dismiss(self) -> None:
        if self._watching_app:
            QApplication.instance().removeEventFilter(self)
            self._watching_app = False
        if self.isVisible():
            self.hide()

    def visible_colours(self) -> int:
        return sum(1 for b in self.swatches if not b.isHidden())


def _cursor_at(view: QTextEdit, position: int) -> QTextCursor:
    cursor = QTextCursor(view.document())
    cursor.setPosition(position)
    return cursor

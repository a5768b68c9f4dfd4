"""One article in the comparison: a header (outlet, title, date, author) and its text."""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStyle,
    QTextEdit,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from desktop.core.labels import article_label, has_outlet
from desktop.core.models import Article, BoilerplateSpan
from desktop.core.notes.annotating import COLORS as ANNOTATION_COLORS
from desktop.core.notes.citation import citation_markdown
from desktop.ui.compare.offsets import OffsetMap
from desktop.ui.compare.overview_strip import OVERVIEW_STRIP_WIDTH, OverviewStripWidget
from desktop.ui.notes.citing import copy_citation, fill_cite_menu
from desktop.ui.notes.selection_toolbar import SelectionToolbar

SERIF_FAMILIES = ["Source Serif 4", "Georgia", "Charter", "DejaVu Serif", "Noto Serif", "serif"]
SANS_FAMILIES = ["Inter", "Segoe UI", "Helvetica Neue", "DejaVu Sans", "Noto Sans", "sans-serif"]
WINDOWED_SELECTIONS_ABOVE = 40_000  # characters: longer articles draw fact marks near the viewport only
MIN_PANE_WIDTH = 230  # about 27 characters of 12 pt text beside the overview strip: narrower is unreadable
READABLE_CHARS = 45  # the shortest comfortable line: a pane is never narrower than this many characters


def keep_clipboard_text_only() -> None:
    """Before the application ends: replace a rich citation on the clipboard by its plain text.

    A QMimeData handed to the clipboard from Python crashes PySide6 when the application is torn
    down (segmentation fault at exit); text set by Qt itself does not. The reader keeps the
    Markdown after quitting, only the HTML flavour goes.
    """
    clipboard = QApplication.clipboard()
    data = clipboard.mimeData()
    if data is not None and data.hasHtml():
        clipboard.setText(clipboard.text())


def readable_pane_width(style: ReadingStyle, chars: int = READABLE_CHARS) -> int:
    """The narrowest pane whose text still gets ``chars`` average characters a line at ``style``:
    the text plus the document's margins, the text's scroll bar, the overview strip and the frame."""
    metrics = QFontMetricsF(style.qfont())
    scroll_bar = QApplication.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
    frame = 2 * QApplication.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth)
    text = metrics.averageCharWidth() * chars + 2 * QTextDocument().documentMargin()
    return max(MIN_PANE_WIDTH, math.ceil(text + scroll_bar + OVERVIEW_STRIP_WIDTH + frame + 2))


@dataclass(frozen=True)
class ReadingStyle:
    font: str = "serif"  # "serif" or "sans"
    point_size: float = 12.0
    line_spacing: int = 150  # percent
    max_line_chars: int = 72

    def qfont(self) -> QFont:
        font = QFont()
        font.setFamilies(SERIF_FAMILIES if self.font == "serif" else SANS_FAMILIES)
        font.setStyleHint(QFont.StyleHint.Serif if self.font == "serif" else QFont.StyleHint.SansSerif)
        font.setPointSizeF(self.point_size)
        return font


class ArticleTextView(QTextEdit):
    """Read-only article text with bounded line length and dimmed boilerplate."""

    boilerplate_toggled = Signal(int, bool)  # span id, active
    fact_clicked = Signal(str)  # a click (not a drag-selection) on a highlighted fact
    # the reader asked to highlight the selection: start, end (Python offsets), colour index,
    # then what to ask for next: "" (nothing), "note" or "tags"
    highlight_requested = Signal(int, int, int, str)
    attach_requested = Signal(int, int, int)  # orphaned annotation id, start, end: "attach it here"
    annotation_clicked = Signal(int)  # a click (not a drag-selection) on one of the reader's highlights
    citation_copied = Signal(str)  # the Markdown put on the clipboard

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.article: Article | None = None
        self.offsets = OffsetMap("")
        self.style_ = ReadingStyle()
        self._search_selections: list[QTextEdit.ExtraSelection] = []
        self._fact_selections: list[QTextEdit.ExtraSelection] = []
        self._current_selection: list[QTextEdit.ExtraSelection] = []
        self._annotation_selections: list[QTextEdit.ExtraSelection] = []
        self.annotations: list = []  # desktop.core.models.Annotation shown in this view
        # a long article gets only the fact marks near the viewport: Qt's cost of setting
        # extra selections grows with their number (thousands in a 200,000-character text)
        self._window_timer = QTimer(self, singleShot=True, interval=15)
        self._window_timer.timeout.connect(self._apply_extra_selections)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled_for_window)
        # set by the comparison area: Python offset -> fact ids there, and a fact's tooltip
        self.facts_at = lambda offset: []
        self.fact_tooltip = lambda fact_id: ""
        # the floating toolbar at a finished selection; False keeps it from showing
        self.selection_toolbar_enabled = True
        # (annotation id, quote) of an orphan of this article the reader picked in the Notes tab:
        # the context menu then offers to attach it to the selected words
        self.orphan_to_attach: tuple[int, str] | None = None
        self.selection_toolbar = SelectionToolbar(
            self, [(name, highlight_tint(name)) for name in ANNOTATION_COLORS])
        self.selection_toolbar.colour_picked.connect(lambda index: self.request_highlight(index, ""))
        self.selection_toolbar.note_requested.connect(lambda: self.request_highlight(0, "note"))
        self.selection_toolbar.tags_requested.connect(lambda: self.request_highlight(0, "tags"))
        self.selection_toolbar.citation_requested.connect(self.copy_citation)
        self.selection_toolbar.citation_format_requested.connect(self.copy_citation)

    # ------------------------------------------------------------ content

    def show_article(self, article: Article, style: ReadingStyle) -> None:
        """Show the article's text. The document is built and formatted before the view gets
        it, so a long article is laid out once rather than after every formatting step."""
        self.article = article
        self.offsets = OffsetMap(article.text)
        self.style_ = style
        self.setFont(style.qfont())
        document = QTextDocument(self)
        document.setUndoRedoEnabled(False)
        document.setDefaultFont(style.qfont())
        document.setPlainText(article.text)
        self._format_blocks(document)
        self._format_boilerplate(document)
        self.setDocument(document)  # the previous document, ours too, is deleted by Qt
        # the document was replaced: selections made on the old text are meaningless now
        self._search_selections, self._fact_selections, self._current_selection = [], [], []
        self._annotation_selections = []
        self._apply_extra_selections()
        self._bound_line_length()

    def apply_style(self, style: ReadingStyle) -> None:
        """Change font, size or spacing, keeping the reader's place."""
        if self.article is None:
            self.style_ = style
            return
        bar = self.verticalScrollBar()
        fraction = bar.value() / bar.maximum() if bar.maximum() else 0.0
        self.show_article(self.article, style)
        bar.setValue(round(fraction * bar.maximum()))

    def _format_blocks(self, document: QTextDocument) -> None:
        cursor = QTextCursor(document)
        cursor.select(QTextCursor.SelectionType.Document)
        block = QTextBlockFormat()
        block.setLineHeight(float(self.style_.line_spacing), QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        block.setBottomMargin(self.style_.point_size * 0.5)
        cursor.mergeBlockFormat(block)

    def _format_boilerplate(self, document: QTextDocument) -> None:
        assert self.article is not None
        dim = QTextCharFormat()
        color = self.palette().color(QPalette.ColorRole.Text)
        color.setAlphaF(0.38)
        dim.setForeground(color)
        dim.setFontItalic(True)
        restored = QTextCharFormat()
        restored.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        restored.setUnderlineColor(QColor(128, 128, 128))
        for span in self.article.boilerplate:
            cursor = QTextCursor(document)
            cursor.setPosition(self.offsets.to_qt(span.start))
            cursor.setPosition(self.offsets.to_qt(span.end), QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(dim if span.active else restored)

    def cursor_for_span(self, start: int, end: int) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_qt(start))
        cursor.setPosition(self.offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    # ------------------------------------------------------------- search

    def highlight_terms(self, terms: list[str]) -> int:
        """Mark every occurrence of the terms; scroll to the first. Returns the count."""
        self._search_selections = []
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(255, 214, 0, 150))
        first = None
        for term in terms:
            cursor = QTextCursor(self.document())
            while term:
                cursor = self.document().find(term, cursor)
                if cursor.isNull():
                    break
                selection = QTextEdit.ExtraSelection()
                selection.cursor = cursor
                selection.format = fmt
                self._search_selections.append(selection)
                if first is None or cursor.position() < first.position():
                    first = QTextCursor(cursor)
        self._apply_extra_selections()
        if first is not None:
            self.scroll_to_position(first.selectionStart())
        return len(self._search_selections)

    def search_hits(self) -> list[str]:
        """The text of each search match marked in the view."""
        return [s.cursor.selectedText() for s in self._search_selections]

    def set_fact_selections(self, selections: list[QTextEdit.ExtraSelection]) -> None:
        self._fact_selections = selections
        self._apply_extra_selections()

    def mark_current(self, start: int | None, end: int | None) -> None:
        """Outline the fact the reader navigated to (None clears it)."""
        self._current_selection = []
        if start is not None and end is not None:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = self.cursor_for_span(start, end)
            fmt = QTextCharFormat()
            fmt.setBackground(self.palette().color(QPalette.ColorRole.Highlight).lighter(150))
            fmt.setForeground(self.palette().color(QPalette.ColorRole.HighlightedText))
            selection.format = fmt
            self._current_selection = [selection]
        self._apply_extra_selections()

    def _apply_extra_selections(self) -> None:
        # later selections paint over earlier ones: facts, the current fact, the reader's own
        # highlights, then search hits
        self.setExtraSelections(self._windowed(self._fact_selections) + self._current_selection
                                + self._annotation_selections + self._search_selections)

    def _windowed(self, selections: list) -> list:
        """All selections for a normal article; for a long one, those within a few screens."""
        if self.document().characterCount() <= WINDOWED_SELECTIONS_ABOVE or not selections:
            return selections
        first = self.cursorForPosition(self.viewport().rect().topLeft()).position()
        last = self.cursorForPosition(self.viewport().rect().bottomRight()).position()
        margin = max(2000, (last - first) * 3)
        low, high = first - margin, last + margin
        return [s for s in selections if s.cursor.selectionEnd() >= low and s.cursor.selectionStart() <= high]

    def _on_scrolled_for_window(self) -> None:
        if self.document().characterCount() > WINDOWED_SELECTIONS_ABOVE and self._fact_selections:
            self._window_timer.start()

    # ------------------------------------------------------------ annotations

    def set_annotations(self, annotations: list) -> None:
        """Draw the reader's highlights (orphans are not drawn: their words are gone)."""
        self.annotations = [a for a in annotations if not a.orphaned]
        self._annotation_selections = []
        for annotation in self.annotations:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = self.cursor_for_span(annotation.start, annotation.end)
            selection.format = annotation_format(annotation.color)
            self._annotation_selections.append(selection)
        self._apply_extra_selections()

    def annotation_at(self, offset: int):
        return next((a for a in self.annotations if a.start <= offset < a.end), None)

    def selected_span(self) -> tuple[int, int] | None:
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return self.offsets.to_py(cursor.selectionStart()), self.offsets.to_py(cursor.selectionEnd())

    def request_highlight(self, colour: int, then: str = "") -> bool:
        """Ask for the selection to be highlighted (what keys, menu and toolbar all do)."""
        span = self.selected_span()
        if span is None:
            return False
        self.selection_toolbar.dismiss()  # before a note or tags dialog opens
        self.highlight_requested.emit(*span, colour, then)
        return True

    def citation_text(self) -> str | None:
        """The selection as a Markdown citation (quote, outlet, title, date, URL)."""
        span = self.selected_span()
        if span is None or self.article is None:
            return None
        return citation_markdown(self.article, self.article.text[span[0]:span[1]])

    def copy_citation(self, fmt: str = "markdown") -> str | None:
        """Put the selection on the clipboard as a citation in ``fmt`` (Markdown by default; APA,
        Chicago, BibTeX, RIS, CSL-JSON: ``citing``), with rich text where the format has it.
        Returns the text (None with nothing selected)."""
        span = self.selected_span()
        if span is None or self.article is None:
            return None
        text = copy_citation(self.article, fmt or "markdown", self.article.text[span[0]:span[1]], span[0])
        self.selection_toolbar.dismiss()
        self.citation_copied.emit(text)
        return text

    def keyPressEvent(self, event) -> None:
        span = self.selected_span()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if span and modifiers == Qt.KeyboardModifier.NoModifier:
            key = event.key()
            if Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
                self.request_highlight(key - Qt.Key.Key_1, "")
                return
            if key in (Qt.Key.Key_N, Qt.Key.Key_T):
                self.request_highlight(0, "note" if key == Qt.Key.Key_N else "tags")
                return
        if span and _is_copy_citation(event):
            self.copy_citation()
            return
        super().keyPressEvent(event)

    def scroll_to_position(self, qt_position: int) -> None:
        """Put a document position a third of the way down the viewport."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(qt_position)
        top = self.cursorRect(cursor).top() + self.verticalScrollBar().value()
        self.verticalScrollBar().setValue(int(top - self.viewport().height() / 3))

    # ------------------------------------------------------ line length

    def _bound_line_length(self) -> None:
        metrics = QFontMetricsF(self.style_.qfont())
        text_width = metrics.averageCharWidth() * self.style_.max_line_chars
        spare = max(0.0, self.width() - text_width - self.verticalScrollBar().sizeHint().width() - 24)
        side = int(spare / 2)
        self.setViewportMargins(side, 0, side, 0)

    def resizeEvent(self, event) -> None:
        self._bound_line_length()
        super().resizeEvent(event)

    # ------------------------------------------- boilerplate interaction

    def span_at(self, viewport_pos) -> BoilerplateSpan | None:
        if self.article is None:
            return None
        offset = self.offsets.to_py(self.cursorForPosition(viewport_pos).position())
        for span in self.article.boilerplate:
            if span.start <= offset < span.end:
                return span
        return None

    def offset_at(self, viewport_pos) -> int:
        return self.offsets.to_py(self.cursorForPosition(viewport_pos).position())

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            offset = self.offset_at(event.position().toPoint())
            ids = self.facts_at(offset)
            if ids:
                self.fact_clicked.emit(ids[0])
            own = self.annotation_at(offset)
            if own is not None:
                self.annotation_clicked.emit(own.id)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and _is_copy_citation(event) and self.selected_span():
            event.accept()  # ours, even if a window action has the same keys
            return True
        if event.type() == QEvent.Type.ToolTip:
            pos = self.viewport().mapFromGlobal(event.globalPos())
            offset = self.offset_at(pos) if self.article is not None else -1
            note = self.annotation_at(offset)
            ids = self.facts_at(offset) if self.article is not None else []
            tip = self.fact_tooltip(ids[0]) if ids else ""
            if note is not None:
                own = html.escape(note.note or "(no note)") + (
                    "<br>" + " ".join("#" + html.escape(t) for t in note.tags) if note.tags else "")
                tip = f"<b>Your highlight</b>: {own}" + (f"<hr>{tip}" if tip else "")
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
                return True
            span = self.span_at(pos)
            if span is not None:
                state = "dimmed, left out of comparisons" if span.active else "restored as article text"
                QToolTip.showText(
                    event.globalPos(),
                    f"Boilerplate ({span.kind}): {state}.\nRight-click to change.",
                    self,
                )
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def contextMenuEvent(self, event) -> None:
        menu = self.createStandardContextMenu(event.pos())
        span = self.selected_span()
        if span:
            menu.addAction("Copy as Citation\tCtrl+Shift+C").triggered.connect(lambda: self.copy_citation())
            cite = menu.addMenu("Cite As")
            fill_cite_menu(cite, self.article, self.article.text[span[0]:span[1]], span[0],
                           copied=lambda _fmt, text: self.citation_copied.emit(text))
            menu.addSeparator()
            colours = menu.addMenu("Highlight")
            for index, name in enumerate(ANNOTATION_COLORS):
                action = colours.addAction(f"{name.title()}\t{index + 1}")
                action.triggered.connect(lambda _c=False, i=index: self.highlight_requested.emit(*span, i, ""))
            menu.addAction("Highlight with Note…\tN").triggered.connect(
                lambda: self.highlight_requested.emit(*span, 0, "note"))
            menu.addAction("Highlight and Tag…\tT").triggered.connect(
                lambda: self.highlight_requested.emit(*span, 0, "tags"))
            if self.orphan_to_attach is not None:
                orphan_id, quote = self.orphan_to_attach
                short = quote if len(quote) <= 30 else quote[:29] + "…"
                menu.addSeparator()
                menu.addAction(f"Attach Lost Note “{short}” Here").triggered.connect(
                    lambda: self.attach_requested.emit(orphan_id, *span))
        boilerplate = self.span_at(event.pos())  # its own name: the lambdas above read ``span`` later
        if boilerplate is not None:
            menu.addSeparator()
            if boilerplate.active:
                action = menu.addAction(f"Treat as Article Text ({boilerplate.kind})")
            else:
                action = menu.addAction(f"Mark as Boilerplate Again ({boilerplate.kind})")
            action.triggered.connect(lambda: self.boilerplate_toggled.emit(boilerplate.id, not boilerplate.active))
        menu.exec(event.globalPos())


_ANNOTATION_TINTS = {
    "yellow": "#FFE066", "green": "#8CE99A", "blue": "#74C0FC", "pink": "#FAA2C1", "purple": "#B197FC",
    "orange": "#FFA94D", "red": "#FF8787", "teal": "#63E6BE", "grey": "#CED4DA",
}


def _is_copy_citation(event) -> bool:
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return event.key() == Qt.Key.Key_C and modifiers == (
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)


def highlight_tint(color: str) -> QColor:
    """The colour a highlight of this name gets in the text (and on the toolbar's swatches)."""
    return QColor(_ANNOTATION_TINTS.get(color, "#FFE066"))


def annotation_format(color: str) -> QTextCharFormat:
    """A reader's highlight: a strong tint and a line above the text, so it stays apart from
    the comparison's marks (which use lighter tints and lines below)."""
    fmt = QTextCharFormat()
    tint = highlight_tint(color)
    tint.setAlpha(255)  # opaque: the reader's own mark wins over the comparison's tints
    fmt.setBackground(tint)
    fmt.setFontOverline(True)
    return fmt


class ElidedLabel(QLabel):
    """A one-line label that ends in "…" when it does not fit, with the full text as tooltip."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._full = ""
        self.setMinimumWidth(40)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def setFullText(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._elide()

    def fullText(self) -> str:
        return self._full

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, max(10, self.width())))


class ReadingPane(QFrame):
    """Header plus text view for one article; buttons move the pane or close it."""

    move_requested = Signal(int, int)  # article id, -1 (left) or +1 (right)
    close_requested = Signal(int)  # article id
    boilerplate_toggled = Signal(int, bool)
    fact_clicked = Signal(str)
    highlight_requested = Signal(int, int, int, int, str)  # article id, start, end, colour, follow-up
    attach_requested = Signal(int, int, int)  # orphaned annotation id, start, end
    annotation_clicked = Signal(int)  # annotation id
    citation_copied = Signal(int, str)  # article id, the Markdown copied
    versions_requested = Signal(int)  # article id: "Compare Versions…" (shown when it has several)
    info_requested = Signal(int)  # article id: "Edit Info…" (title, outlet, author, date, URL)

    def __init__(self, article: Article, style: ReadingStyle, parent: QWidget | None = None,
                 load_text: bool = True):
        super().__init__(parent)
        self.setObjectName("ReadingPane")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(readable_pane_width(style))
        self.article_id = article.id

        self.outlet = ElidedLabel()
        self.outlet.setObjectName("PaneOutlet")
        self.title = QLabel()
        self.title.setObjectName("PaneTitle")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.meta = QLabel()
        self.meta.setObjectName("PaneMeta")
        self.meta.setWordWrap(True)
        self.summary = QLabel()  # filled by the comparison (facts shared / exclusive / in conflict)
        self.summary.setObjectName("PaneSummary")
        self.summary.setWordWrap(True)
        self.summary.hide()

        self.left_button = self._tool_button("◀", "Move this pane left (Alt+Shift+Left)", -1)
        self.right_button = self._tool_button("▶", "Move this pane right (Alt+Shift+Right)", +1)
        self.close_button = QToolButton(text="✕")
        self.close_button.setToolTip("Remove this article from the story (Ctrl+Z brings it back)")
        self.close_button.setAccessibleName("Remove pane")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(lambda: self.close_requested.emit(self.article_id))

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        self.versions_button = QToolButton(text="⇄")
        self.versions_button.setAccessibleName("Compare Versions")
        self.versions_button.setAutoRaise(True)
        self.versions_button.clicked.connect(lambda: self.versions_requested.emit(self.article_id))
        self.info_button = QToolButton(text="✎")
        self.info_button.setToolTip("Edit Info: this article's title, outlet, author, date and URL")
        self.info_button.setAccessibleName("Edit Info")
        self.info_button.setAutoRaise(True)
        self.info_button.clicked.connect(lambda: self.info_requested.emit(self.article_id))
        top.addWidget(self.outlet, 1)
        top.addWidget(self.info_button)
        top.addWidget(self.versions_button)
        top.addWidget(self.left_button)
        top.addWidget(self.right_button)
        top.addWidget(self.close_button)

        header = self.header = QWidget()
        header.setObjectName("PaneHeader")
        header.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        header_layout = QVBoxLayout(header)
        header_layout.setContentsMargins(12, 8, 8, 8)
        header_layout.setSpacing(2)
        header_layout.addLayout(top)
        header_layout.addWidget(self.title)
        header_layout.addWidget(self.meta)
        header_layout.addWidget(self.summary)
        header_layout.addStretch(1)  # an equalised (taller) header keeps its lines at the top

        self.view = ArticleTextView()
        self.view.boilerplate_toggled.connect(self.boilerplate_toggled)
        self.view.fact_clicked.connect(self.fact_clicked)
        self.view.highlight_requested.connect(
            lambda start, end, colour, then: self.highlight_requested.emit(self.article_id, start, end, colour, then))
        self.view.attach_requested.connect(self.attach_requested)
        self.view.annotation_clicked.connect(self.annotation_clicked)
        self.view.citation_copied.connect(lambda text: self.citation_copied.emit(self.article_id, text))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(line)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.view, 1)
        self.overview = OverviewStripWidget()
        self.overview.set_view(self.view)
        self.overview.setToolTip("Where the facts sit in the whole article: click to jump")
        body.addWidget(self.overview)
        layout.addLayout(body, 1)
        self.show_article(article, style, load_text)

    def _tool_button(self, text: str, tip: str, delta: int) -> QToolButton:
        button = QToolButton(text=text)
        button.setToolTip(tip)
        button.setAccessibleName(tip.split(" (")[0])
        button.setAutoRaise(True)
        button.clicked.connect(lambda: self.move_requested.emit(self.article_id, delta))
        return button

    def show_article(self, article: Article, style: ReadingStyle, load_text: bool = True) -> None:
        """Header and text; ``load_text=False`` leaves the text for ``view.show_article`` later
        (a long article is laid out once, at its final width, instead of at every width the
        pane passes through while the splitter settles)."""
        self.article = article
        self._show_outlet()
        self.title.setText(article.display_title)
        self.title.setStyleSheet("font-size: 13pt; font-weight: 600;" + ("" if article.title else "font-style: italic;"))
        parts = [article.published or "date unknown"]
        if article.author:
            parts.append(article.author)
        parts.append(f"{article.word_count:,} words")
        if article.version > 1:
            parts.append(f"version {article.version}")
        self.meta.setText(" · ".join(parts))
        self.versions_button.setVisible(article.version > 1)
        self.versions_button.setToolTip(f"Compare Versions…: what changed between the {article.version} "
                                        "versions of this article, and what it did to your notes")
        if load_text:
            self.view.show_article(article, style)

    def _show_outlet(self) -> None:
        """The header's first line: "A2 · BITDEFENDER", or where the outlet is unknown the
        headline's first words, told apart from the other panes' ("A4 · Russian cybersecurity firm…",
        in italics: not an outlet's name)."""
        article = self.article
        peers = getattr(self, "_peers", ())
        label = article_label(article, peers)
        if has_outlet(article):
            label = label.upper()
        position = getattr(self, "_position", None)
        self.outlet.setFullText(f"A{position + 1} · {label}" if position is not None else label)
        self.outlet.setStyleSheet("font-weight: 600;" + ("" if has_outlet(article) else " font-style: italic;"))
        self._set_outlet_tip()

    def _set_outlet_tip(self) -> None:
        where = self.article.url or self.article.origin or ""
        known = "" if has_outlet(self.article) else "\nOutlet unknown: named by its first words (✎ sets the outlet)"
        self.outlet.setToolTip(self.outlet.fullText() + known + (f"\n{where}" if where else ""))

    def natural_header_height(self) -> int:
        """The header's height at its current width, before any equalising."""
        return self.header.layout().totalHeightForWidth(self.header.width())

    def show_summary(self, summary) -> None:
        """The comparison's figures for this article, under its title."""
        parts = [f"{summary.shared} shared", f"{summary.exclusive} only here"]
        if summary.conflicts:
            parts.append(f"{summary.conflicts} in conflict")
        if summary.omitted:
            parts.append(f"leaves out {len(summary.omitted)}")
        self.summary.setText(" · ".join(parts))
        self.summary.setToolTip(
            "Claims this article shares with others, claims only it makes, conflicts it takes "
            "part in, and claims most other articles make that it leaves out.")
        self.summary.show()

    def set_position(self, index: int, count: int, peers=()) -> None:
        """Where the pane stands: its letter (A1, A2...) matches the facts panel's outlet chips;
        ``peers``, the articles of the other panes, keep a label without an outlet unlike theirs."""
        self._position, self._peers = index, tuple(peers)
        self._show_outlet()
        self.left_button.setEnabled(index > 0)
        self.right_button.setEnabled(index < count - 1)

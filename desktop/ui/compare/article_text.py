"""The text of one article as the reader reads it: ``ArticleTextView`` (read-only text with a
bounded line length, dimmed boilerplate, fact marks, search hits and the reader's highlights,
the selection toolbar, citations and highlighting from keys and the context menu), the
``ReadingStyle`` it lays the text out in, and the look of the reader's highlights
(``highlight_tint``, ``annotation_format``)."""

from __future__ import annotations

import html
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
from PySide6.QtWidgets import QFrame, QTextEdit, QToolTip, QWidget

from desktop.core.models import Article, BoilerplateSpan
from desktop.core.notes.annotating import COLORS as ANNOTATION_COLORS
from desktop.core.notes.citation import citation_markdown
from desktop.ui.compare.offsets import OffsetMap
from desktop.ui.notes.citing import copy_citation, fill_cite_menu
from desktop.ui.notes.selection_toolbar import SelectionToolbar

SERIF_FAMILIES = ["Source Serif 4", "Georgia", "Charter", "DejaVu Serif", "Noto Serif", "serif"]
SANS_FAMILIES = ["Inter", "Segoe UI", "Helvetica Neue", "DejaVu Sans", "Noto Sans", "sans-serif"]
WINDOWED_SELECTIONS_ABOVE = 40_000  # characters: longer articles draw fact marks near the viewport only


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
    # the reader confirmed a possible match: start, end here; the other article's id, start, end
    same_fact_requested = Signal(int, int, int, int, int)
    # the reader overruled a link ("Not the Same Fact") or took that back ("Link Again"): the
    # pairs of claims [((article, start, end), (article, start, end)), ...]
    different_fact_requested = Signal(object)
    link_again_requested = Signal(object)
    # "Not a Conflict" / "Show as a Conflict Again": the conflict's pairs of differing values
    # [((article, start, end), (article, start, end)), ...]
    conflict_dismissed = Signal(object)
    conflict_restored = Signal(object)
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
        # a fact's mention here and its possible matches elsewhere: ((start, end) | None,
        # [(menu text, article id, start, end)])
        self.possible_of = lambda fact_id: (None, [])
        # the mentions of other articles a reader can take out of a shared claim, and the reader's
        # separations with one end at an offset here: [(menu text, pairs)] each
        self.linked_of = lambda fact_id: []
        self.separated_at = lambda offset: []
        # the conflicts (shown, and dismissed by the reader) with a value at an offset here:
        # [(menu text, pairs of differing values)]
        self.conflicts_at = lambda offset: []
        self.dismissed_at = lambda offset: []
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

    def mark_current(self, start: int | None, end: int | None, possible: bool = False) -> None:
        """Outline the fact the reader navigated to (None clears it); ``possible``: words that may
        state it (a possible match), marked apart: a dashed underline on a pale ground, not the
        filled mark of a mention the comparison is sure of."""
        self._current_selection = []
        if start is not None and end is not None:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = self.cursor_for_span(start, end)
            fmt = QTextCharFormat()
            highlight = self.palette().color(QPalette.ColorRole.Highlight)
            if possible:
                fmt.setBackground(highlight.lighter(185))
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
                fmt.setUnderlineColor(highlight)
                fmt.setToolTip("Possibly the same fact in other words (Story > Review Possible Matches)")
            else:
                fmt.setBackground(highlight.lighter(150))
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
        self._add_same_fact_entries(menu, event.pos())
        boilerplate = self.span_at(event.pos())  # its own name: the lambdas above read ``span`` later
        if boilerplate is not None:
            menu.addSeparator()
            if boilerplate.active:
                action = menu.addAction(f"Treat as Article Text ({boilerplate.kind})")
            else:
                action = menu.addAction(f"Mark as Boilerplate Again ({boilerplate.kind})")
            action.triggered.connect(lambda: self.boilerplate_toggled.emit(boilerplate.id, not boilerplate.active))
        menu.exec(event.globalPos())


    def _add_same_fact_entries(self, menu, pos) -> None:
        """The reader's word on the links of the claim under the mouse: "Mark as Same Fact ▸ A2 ·
        Outlet (29% match): “…”" for its possible matches, "Not the Same Fact ▸ A2 · Outlet: “…”"
        for the claims of other articles linked to it (the one picked is taken out of the fact),
        "Link Again ▸" for the claims set apart from it."""
        offset = self.offset_at(pos) if self.article is not None else -1
        if offset < 0:
            return
        fact_ids = self.facts_at(offset)
        for fact_id in fact_ids:
            here, options = self.possible_of(fact_id)
            if here is None or not options:
                continue
            same = self._submenu(menu, "Mark as Same Fact", "SameFact")
            for text, article_id, start, end in options:
                same.addAction(text).triggered.connect(
                    lambda _c=False, h=here, o=(article_id, start, end): self.same_fact_requested.emit(*h, *o))
            break
        linked = next((found for found in map(self.linked_of, fact_ids) if found), [])
        for title, name, signal, choices in (("Not the Same Fact", "NotSameFact", self.different_fact_requested, linked),
                                             ("Link Again", "LinkAgain", self.link_again_requested,
                                              self.separated_at(offset))):
            if choices:
                sub = self._submenu(menu, title, name)
                for text, pairs in choices:
                    sub.addAction(text).triggered.connect(lambda _c=False, p=pairs, s=signal: s.emit(p))
        self._add_conflict_entries(menu, offset)

    @staticmethod
    def _submenu(menu, title: str, name: str):
        menu.addSeparator()
        sub = menu.addMenu(title)
        sub.setObjectName(name)
        return sub

    def _add_conflict_entries(self, menu, offset: int) -> None:
        """"Not a Conflict: <label>" for each conflict with a value here; "Show as a Conflict Again:
        <label>" for each the reader dismissed."""
        entries = [("Not a Conflict: ", "NotAConflict", self.conflict_dismissed, self.conflicts_at(offset)),
                   ("Show as a Conflict Again: ", "ConflictAgain", self.conflict_restored, self.dismissed_at(offset))]
        for prefix, name, signal, found in entries:
            for text, pairs in found:
                if not pairs:
                    continue
                menu.addSeparator()
                action = menu.addAction(prefix + text)
                action.setObjectName(name)
                action.triggered.connect(lambda _c=False, p=pairs, s=signal: s.emit(p))


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

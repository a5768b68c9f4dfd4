"""The side-by-side area: one reading pane per article, scrolling together.

Panes sit in a horizontal splitter inside a scroll area: when N panes at their readable
minimum width do not fit, the area scrolls sideways instead of squeezing them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QScrollArea, QSplitter, QStackedWidget, QWidget

from desktop.core.models import Article
from desktop.ui.reading_pane import MIN_PANE_WIDTH, ReadingPane, ReadingStyle


class ScrollSync:
    """Keeps the panes' vertical scroll positions together (Meld's ``_sync_vscroll``).

    Proportional for now: the same fraction of each article. A re-entry guard stops the
    panes from echoing each other's moves.
    """

    def __init__(self) -> None:
        self.enabled = True
        self._bars: list = []
        self._syncing = False

    def set_scrollbars(self, bars: list) -> None:
        self._bars = list(bars)
        for bar in self._bars:
            bar.valueChanged.connect(lambda _value, source=bar: self._on_scrolled(source))

    def _on_scrolled(self, source) -> None:
        if not self.enabled or self._syncing:
            return
        self._syncing = True
        try:
            fraction = source.value() / source.maximum() if source.maximum() else 0.0
            for bar in self._bars:
                if bar is not source:
                    bar.setValue(round(fraction * bar.maximum()))
        finally:
            self._syncing = False


class ComparisonArea(QStackedWidget):
    """Shows the current story's articles side by side, or a hint when there is nothing to compare."""

    pane_close_requested = Signal(int)  # article id
    pane_move_requested = Signal(int, int)  # article id, delta
    boilerplate_toggled = Signal(int, bool)  # span id, active

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ComparisonArea")
        self.style_ = ReadingStyle()
        self.panes: list[ReadingPane] = []
        self.sync = ScrollSync()

        self.hint = QLabel()
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.hint.setObjectName("EmptyHint")
        self.hint.setStyleSheet("color: palette(mid); font-size: 13pt; padding: 40px;")
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(6)
        self.scroll.setWidget(self.splitter)
        # headers of equal height keep the article texts level across panes
        self._equalize_timer = QTimer(self, singleShot=True, interval=0)
        self._equalize_timer.timeout.connect(self.equalize_headers)
        self.splitter.splitterMoved.connect(lambda *_: self._equalize_timer.start())
        self.addWidget(self.hint)
        self.addWidget(self.scroll)
        self.set_articles([])

    def set_articles(self, articles: list[Article]) -> None:
        """Show these articles, left to right. Reuses nothing: cheap for a handful of panes."""
        for pane in self.panes:
            pane.setParent(None)
            pane.deleteLater()
        self.panes = []
        for article in articles:
            pane = ReadingPane(article, self.style_)
            pane.close_requested.connect(self.pane_close_requested)
            pane.move_requested.connect(self.pane_move_requested)
            pane.boilerplate_toggled.connect(self.boilerplate_toggled)
            self.splitter.addWidget(pane)
            self.panes.append(pane)
        for index, pane in enumerate(self.panes):
            pane.set_position(index, len(self.panes))
        self.splitter.setMinimumWidth(len(self.panes) * (MIN_PANE_WIDTH + self.splitter.handleWidth()))
        if self.panes:
            self.splitter.setSizes([10_000] * len(self.panes))  # equal shares
        self.sync.set_scrollbars([p.view.verticalScrollBar() for p in self.panes])
        self._equalize_timer.start()
        if not articles:
            self.hint.setText(
                "No articles in this story yet.\n\nDrag article files here, press Ctrl+O to import, "
                "or double-click an article in the library to add it."
            )
            self.setCurrentWidget(self.hint)
        else:
            self.setCurrentWidget(self.scroll)

    def equalize_headers(self) -> None:
        heights = [p.natural_header_height() for p in self.panes]
        for pane in self.panes:
            pane.header.setFixedHeight(max(heights))

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._equalize_timer.start()

    def pane_for(self, article_id: int) -> ReadingPane | None:
        return next((p for p in self.panes if p.article_id == article_id), None)

    def update_article(self, article: Article) -> None:
        pane = self.pane_for(article.id)
        if pane is not None:
            bar = pane.view.verticalScrollBar()
            value = bar.value()
            pane.show_article(article, self.style_)
            bar.setValue(value)
            self._equalize_timer.start()

    def set_reading_style(self, style: ReadingStyle) -> None:
        self.style_ = style
        self.sync.enabled, was = False, self.sync.enabled  # each pane keeps its own place
        for pane in self.panes:
            pane.view.apply_style(style)
        self.sync.enabled = was

    def set_link_scrolling(self, linked: bool) -> None:
        self.sync.enabled = linked

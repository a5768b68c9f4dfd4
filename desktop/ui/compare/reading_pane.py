"""One article in the comparison: a header (outlet, title, date, author) and its text.

The text itself is ``article_text.ArticleTextView``; its names (and ``ReadingStyle``,
``annotation_format``, ``highlight_tint``) are importable from here too.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontMetricsF, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.labels import article_label, has_outlet
from desktop.core.models import Article
from desktop.ui.compare.article_text import (
    SANS_FAMILIES,
    SERIF_FAMILIES,
    WINDOWED_SELECTIONS_ABOVE,
    ArticleTextView,
    ReadingStyle,
    annotation_format,
    highlight_tint,
)
from desktop.ui.compare.overview_strip import OVERVIEW_STRIP_WIDTH, OverviewStripWidget

__all__ = [
    "MIN_PANE_WIDTH", "READABLE_CHARS", "SANS_FAMILIES", "SERIF_FAMILIES", "WINDOWED_SELECTIONS_ABOVE",
    "ArticleTextView", "ElidedLabel", "ReadingPane", "ReadingStyle", "annotation_format", "highlight_tint",
    "keep_clipboard_text_only", "readable_pane_width",
]

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
    same_fact_requested = Signal(int, int, int, int, int, int)  # article id, start, end; the other's
    different_fact_requested = Signal(object)  # "Not the Same Fact": pairs of claims to keep apart
    link_again_requested = Signal(object)  # "Link Again": pairs to take back
    conflict_dismissed = Signal(object)  # "Not a Conflict": the conflict's pairs of differing values
    conflict_restored = Signal(object)  # "Show as a Conflict Again": the same
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
        self._build_labels()
        top = self._build_buttons()
        self._build_header(top)
        self._build_view()
        self._build_layout()
        self.show_article(article, style, load_text)

    def _build_labels(self) -> None:
        """The header's lines: outlet, title, date and author, and the comparison's figures."""
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

    def _build_buttons(self) -> QHBoxLayout:
        """The header's first row: the outlet, then Edit Info, Compare Versions, move and close."""
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
        return top

    def _build_header(self, top: QHBoxLayout) -> None:
        """The header: that first row, then the title, the date line and the summary."""
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

    def _build_view(self) -> None:
        """The article's text, its signals passed on with this pane's article id."""
        self.view = ArticleTextView()
        self.view.boilerplate_toggled.connect(self.boilerplate_toggled)
        self.view.fact_clicked.connect(self.fact_clicked)
        self.view.highlight_requested.connect(
            lambda start, end, colour, then: self.highlight_requested.emit(self.article_id, start, end, colour, then))
        self.view.attach_requested.connect(self.attach_requested)
        self.view.same_fact_requested.connect(lambda *spans: self.same_fact_requested.emit(self.article_id, *spans))
        self.view.different_fact_requested.connect(self.different_fact_requested)
        self.view.link_again_requested.connect(self.link_again_requested)
        self.view.conflict_dismissed.connect(self.conflict_dismissed)
        self.view.conflict_restored.connect(self.conflict_restored)
        self.view.annotation_clicked.connect(self.annotation_clicked)
        self.view.citation_copied.connect(lambda text: self.citation_copied.emit(self.article_id, text))

    def _build_layout(self) -> None:
        """The header above a rule, then the text with the overview strip at its right."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
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

    def show_summary(self, summary, less_sure: int = 0) -> None:
        """The comparison's figures for this article, under its title; ``less_sure``: how many of
        its shared facts are links Parallax is less sure of."""
        shared = f"{summary.shared} shared" + (f" ({less_sure} less sure)" if less_sure else "")
        parts = [shared, f"{summary.exclusive} only here"]
        if summary.conflicts:
            parts.append(f"{summary.conflicts} in conflict")
        if summary.omitted:
            parts.append(f"leaves out {len(summary.omitted)}")
        self.summary.setText(" · ".join(parts))
        maybe = summary.possibly_elsewhere
        self.summary.setToolTip(
            "Claims this article shares with others (less sure: links about half right on stories "
            "Parallax had not seen, paler and dotted), claims only it makes, conflicts it takes "
            "part in, and claims most other articles make that it leaves out."
            + (f"\n{maybe} of the {summary.exclusive} claims only here may be worded differently in another "
               "article: hover them to see where." if maybe else ""))
        self.summary.show()

    def set_position(self, index: int, count: int, peers=()) -> None:
        """Where the pane stands: its letter (A1, A2...) matches the facts panel's outlet chips;
        ``peers``, the articles of the other panes, keep a label without an outlet unlike theirs."""
        self._position, self._peers = index, tuple(peers)
        self._show_outlet()
        self.left_button.setEnabled(index > 0)
        self.right_button.setEnabled(index < count - 1)

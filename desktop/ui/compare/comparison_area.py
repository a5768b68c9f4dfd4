"""The side-by-side area: one reading pane per article, scrolling together.

Panes sit in a horizontal splitter inside a scroll area: when N panes at their readable
minimum width do not fit, the area scrolls sideways instead of squeezing them.
"""

from __future__ import annotations

from bisect import bisect_left

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QSplitterHandle,
    QStackedWidget,
    QWidget,
)

from desktop.core.matching.comparison import Conflict
from desktop.core.models import Article
from desktop.ui.compare.fact_highlights import CONFLICT, ONE, FactPalette, build_selections, fact_spans, fact_tooltip
from desktop.ui.compare.link_map import LINK_MAP_WIDTH, AnnotationRibbon, Link, LinkMapWidget
from desktop.ui.compare.overview_strip import Mark
from desktop.ui.compare.reading_pane import MIN_PANE_WIDTH, ReadingPane, ReadingStyle


def document_y(view, qt_position: int) -> float:
    """The y of a document position in the view's whole document (not the viewport)."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(min(qt_position, view.document().characterCount() - 1))
    return view.cursorRect(cursor).top() + view.verticalScrollBar().value()


class ScrollSync:
    """Keeps the panes level while one of them scrolls (Meld's ``_sync_vscroll``).

    The point at the middle of the leading pane's viewport is mapped into each other pane
    by interpolating between *anchors*: the y positions of facts both articles report. With
    no anchors between two panes, the mapping is proportional. A re-entry guard stops the
    panes from echoing each other's moves.
    """

    def __init__(self) -> None:
        self.enabled = True
        self._views: list = []
        self._syncing = False
        self._fact_positions: list[dict[str, int]] = []  # per view: fact id -> Qt position
        self._y_cache: dict[int, dict[str, float]] = {}  # per view: fact id -> document y

    def set_views(self, views: list) -> None:
        self._views = list(views)
        self._fact_positions = [{} for _ in self._views]
        self._y_cache = {}
        for index, view in enumerate(self._views):
            view.verticalScrollBar().valueChanged.connect(lambda _value, i=index: self._on_scrolled(i))

    def set_anchors(self, fact_positions: list[dict[str, int]]) -> None:
        """Per view, the Qt position of each shared fact's first mention in that view."""
        self._fact_positions = list(fact_positions)
        self.invalidate()

    def invalidate(self) -> None:
        """Layouts changed (resize, zoom): recompute anchor y positions when next needed."""
        self._y_cache = {}

    def _ys(self, index: int) -> dict[str, float]:
        if index not in self._y_cache:
            view = self._views[index]
            positions = self._fact_positions[index] if index < len(self._fact_positions) else {}
            self._y_cache[index] = {fact: document_y(view, pos) for fact, pos in positions.items()}
        return self._y_cache[index]

    def anchors(self, lead: int, other: int) -> list[tuple[float, float]]:
        """(y in lead, y in other) for the facts both report, in order down the lead pane,
        framed by the documents' tops and bottoms; points that would run backwards are dropped."""
        ys_lead, ys_other = self._ys(lead), self._ys(other)
        pairs = sorted((ys_lead[f], ys_other[f]) for f in ys_lead.keys() & ys_other.keys())
        height = lambda i: self._views[i].document().size().height()  # noqa: E731
        # outlets order facts differently: keep the largest set that can be level at once
        points = [(0.0, 0.0)] + _increasing_chain(pairs)
        end = (height(lead), height(other))
        if end[0] > points[-1][0] and end[1] > points[-1][1]:
            points.append(end)
        return points

    def _on_scrolled(self, lead: int) -> None:
        if not self.enabled or self._syncing:
            return
        self._syncing = True
        try:
            source = self._views[lead]
            lead_bar = source.verticalScrollBar()
            middle = lead_bar.value() + source.viewport().height() / 2
            for other, view in enumerate(self._views):
                if other == lead:
                    continue
                bar = view.verticalScrollBar()
                if lead_bar.value() in (0, lead_bar.maximum()):  # the ends meet the ends
                    bar.setValue(0 if lead_bar.value() == 0 else bar.maximum())
                    continue
                y = _interpolate(self.anchors(lead, other), middle)
                bar.setValue(max(0, min(bar.maximum(), round(y - view.viewport().height() / 2))))
        finally:
            self._syncing = False

    def align_to(self, positions: dict[int, int], viewport_fraction: float = 1 / 3) -> None:
        """Scroll every view so its given Qt position sits at the same height (a fraction of
        the viewport from its top). Views without a position keep their place."""
        self._syncing = True
        try:
            for index, pos in positions.items():
                view = self._views[index]
                bar = view.verticalScrollBar()
                target = document_y(view, pos) - view.viewport().height() * viewport_fraction
                bar.setValue(max(0, min(bar.maximum(), round(target))))
        finally:
            self._syncing = False


def _increasing_chain(pairs: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The longest run of pairs increasing in both coordinates (pairs sorted by the first)."""
    tails: list[float] = []  # smallest second coordinate ending a chain of each length
    tail_index: list[int] = []
    previous = [-1] * len(pairs)
    for i, (x, y) in enumerate(pairs):
        if x <= 0 or y <= 0:
            continue
        length = bisect_left(tails, y)
        if length and pairs[tail_index[length - 1]][0] >= x:
            continue  # equal x cannot both be level
        if length == len(tails):
            tails.append(y)
            tail_index.append(i)
        elif y < tails[length]:
            tails[length], tail_index[length] = y, i
        else:
            continue
        previous[i] = tail_index[length - 1] if length else -1
    chain, i = [], tail_index[-1] if tail_index else -1
    while i >= 0:
        chain.append(pairs[i])
        i = previous[i]
    return chain[::-1]


def _interpolate(points: list[tuple[float, float]], x: float) -> float:
    if len(points) < 2:
        return x
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        if x <= x1:
            return y0 + (y1 - y0) * ((x - x0) / (x1 - x0) if x1 > x0 else 0.0)
    (x0, y0), (x1, y1) = points[-2], points[-1]
    return y1 + (x - x1)


LONG_TEXT_CHARS = 40_000  # longer texts load one event-loop turn after their pane is built


class LinkMapHandle(QSplitterHandle):
    """A splitter handle that is also the link map between its two neighbouring panes."""

    def __init__(self, orientation, splitter):
        super().__init__(orientation, splitter)
        self.link_map = LinkMapWidget(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.link_map)


class ComparisonSplitter(QSplitter):
    def createHandle(self) -> QSplitterHandle:
        return LinkMapHandle(self.orientation(), self)


class ComparisonArea(QStackedWidget):
    """Shows the current story's articles side by side, or a hint when there is nothing to compare."""

    pane_close_requested = Signal(int)  # article id
    pane_move_requested = Signal(int, int)  # article id, delta
    pane_info_requested = Signal(int)  # article id: edit its title, outlet, author, date, URL
    boilerplate_toggled = Signal(int, bool)  # span id, active
    fact_navigated = Signal(str)  # fact or conflict id the panes were aligned on
    fact_clicked = Signal(str)  # the reader clicked a highlighted fact in a pane
    highlight_requested = Signal(int, int, int, int, str)  # article id, start, end, colour, follow-up
    attach_requested = Signal(int, int, int)  # orphaned annotation id, start, end
    annotation_clicked = Signal(int)  # the reader clicked one of their highlights in a pane: its id
    annotation_link_clicked = Signal(int)  # the reader clicked a link ribbon between highlights: its id
    citation_copied = Signal(int, str)  # article id, the Markdown citation put on the clipboard
    versions_requested = Signal(int)  # article id: its pane's "Compare Versions…" button

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ComparisonArea")
        self.style_ = ReadingStyle()
        self.panes: list[ReadingPane] = []
        self.sync = ScrollSync()
        self.comparison = None  # desktop.core.matching.comparison.Comparison of the panes, once computed
        self.current_fact: str | None = None
        self.visible_facts: set[str] | None = None  # None: every fact is highlighted
        self.annotations: dict[int, list] = {}  # article id -> the reader's highlights
        # (AnnotationLink, Annotation, Annotation): the reader's links, drawn between neighbours
        self.annotation_links: list[tuple] = []
        self.fact_palette = FactPalette.from_palette(self.palette())

        self.hint = QLabel()
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.hint.setObjectName("EmptyHint")
        self.hint.setStyleSheet("color: palette(mid); font-size: 13pt; padding: 40px;")
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.splitter = ComparisonSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(LINK_MAP_WIDTH)
        self.scroll.setWidget(self.splitter)
        # headers of equal height keep the article texts level across panes
        self._equalize_timer = QTimer(self, singleShot=True, interval=0)
        self._equalize_timer.timeout.connect(self.equalize_headers)
        self.splitter.splitterMoved.connect(lambda *_: self._equalize_timer.start())
        self.addWidget(self.hint)
        self.addWidget(self.scroll)
        self.set_articles([])

    def set_articles(self, articles: list[Article]) -> None:
        """Show these articles, left to right, keeping the place of those already shown."""
        places = {p.article_id: p.view.verticalScrollBar().value() for p in self.panes}
        for pane in self.panes:
            pane.setParent(None)
            pane.deleteLater()
        self.panes = []
        self.comparison = None
        self.current_fact = None
        for article in articles:
            pane = ReadingPane(article, self.style_, load_text=False)
            pane.close_requested.connect(self.pane_close_requested)
            pane.move_requested.connect(self.pane_move_requested)
            pane.info_requested.connect(self.pane_info_requested)
            pane.boilerplate_toggled.connect(self.boilerplate_toggled)
            pane.fact_clicked.connect(self._on_pane_fact_clicked)
            pane.highlight_requested.connect(self.highlight_requested)
            pane.attach_requested.connect(self.attach_requested)
            pane.annotation_clicked.connect(self.annotation_clicked)
            pane.citation_copied.connect(self.citation_copied)
            pane.versions_requested.connect(self.versions_requested)
            self.splitter.addWidget(pane)
            self.panes.append(pane)
        for index, pane in enumerate(self.panes):
            pane.set_position(index, len(self.panes))
            if index:
                link_map = self.link_map(index)
                link_map.set_views(self.panes[index - 1].view, pane.view)
                link_map.set_links([])
                link_map.link_clicked.connect(self._on_pane_fact_clicked)
                link_map.annotation_link_clicked.connect(self.annotation_link_clicked)
        self.splitter.setMinimumWidth(len(self.panes) * (MIN_PANE_WIDTH + self.splitter.handleWidth()))
        if self.panes:
            self.splitter.setSizes([10_000] * len(self.panes))  # equal shares
        # settle the panes' geometry first, so each text is laid out once at its final width
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        self.sync.set_views([p.view for p in self.panes])
        for pane in self.panes:
            if len(pane.article.text) > LONG_TEXT_CHARS:  # in a later turn of the event loop,
                QTimer.singleShot(0, pane, lambda p=pane: self._load_text(p, places))  # not all at once
            else:
                self._load_text(pane, places)
        self._update_annotation_links()
        self._equalize_timer.start()
        if not articles:
            self.hint.setText(
                "No articles in this story yet.\n\nDrag article files here, press Ctrl+O to import, "
                "or double-click an article in the library to add it."
            )
            self.setCurrentWidget(self.hint)
        else:
            self.setCurrentWidget(self.scroll)

    # ------------------------------------------------------------ the comparison

    def set_comparison(self, comparison) -> None:
        """Show what the comparison found (all at once; see ``comparison_steps``)."""
        for step in self.comparison_steps(comparison):
            step()

    def comparison_steps(self, comparison) -> list:
        """Showing a comparison as short steps (one per pane), so the caller can return to
        the event loop between them and a long story never freezes the window."""
        if {a.id for a in comparison.articles} != {p.article_id for p in self.panes}:
            return []  # computed for another set of articles: a newer one is on its way
        self.comparison = comparison
        steps = [self._show_summaries_and_anchors]
        steps += [lambda pane=pane: self._highlight_pane(pane) for pane in self.panes]
        steps.append(self._update_link_maps)
        return steps

    def _show_summaries_and_anchors(self) -> None:
        comparison = self.comparison
        names = {a.id: f"A{i + 1} · {a.display_source}" for i, a in enumerate(comparison.articles)}
        spans = fact_spans(comparison)
        anchors = []
        for pane in self.panes:
            pane.show_summary(comparison.summary(pane.article_id))
            pane.view.facts_at = lambda offset, a=pane.article_id: spans.at(a, offset)
            pane.view.fact_tooltip = lambda fact_id: fact_tooltip(comparison, fact_id, names)
            positions = {}
            for fact in comparison.facts:
                if fact.sources > 1 and fact.kind in ("claim", "quote"):
                    first = min((m for m in fact.mentions if m.article == pane.article_id),
                                key=lambda m: m.start, default=None)
                    if first is not None:
                        positions[fact.id] = pane.view.offsets.to_qt(first.start)
            anchors.append(positions)
        self.sync.set_anchors(anchors)
        self._equalize_timer.start()

    def set_annotations(self, by_article: dict[int, list]) -> None:
        """The reader's highlights, per article, drawn over the comparison's marks."""
        self.annotations = dict(by_article)
        for pane in self.panes:
            pane.view.set_annotations(self.annotations.get(pane.article_id, []))
        self._update_annotation_links()

    def set_annotation_links(self, links: list[tuple]) -> None:
        """The reader's links between highlights, as ``(AnnotationLink, Annotation, Annotation)``
        with the link's two ends in either order. Those joining neighbouring panes are drawn
        as ribbons in the link map between them; the others only in the notes sidebar."""
        self.annotation_links = list(links)
        self._update_annotation_links()

    def _update_annotation_links(self) -> None:
        index_of = {pane.article_id: index for index, pane in enumerate(self.panes)}
        # the highlights the panes show now (positions re-anchored after an edit) win
        current = {a.id: a for shown in self.annotations.values() for a in shown}
        ribbons: dict[int, list[AnnotationRibbon]] = {}
        for link, one, other in self.annotation_links:
            if any(end.id not in current and end.article_id in self.annotations for end in (one, other)):
                continue  # deleted since the links were handed over
            one, other = current.get(one.id, one), current.get(other.id, other)
            if one.orphaned or other.orphaned:
                continue
            first, second = index_of.get(one.article_id), index_of.get(other.article_id)
            if first is None or second is None or abs(first - second) != 1:
                continue
            if first > second:
                one, other, first, second = other, one, second, first
            left, right = self.panes[first].view, self.panes[second].view
            if left.article is None or right.article is None:  # text not loaded yet
                continue
            ribbons.setdefault(second, []).append(AnnotationRibbon(
                link.id, link.kind, (left.offsets.to_qt(one.start), left.offsets.to_qt(one.end)),
                (right.offsets.to_qt(other.start), right.offsets.to_qt(other.end)), one.exact, other.exact))
        for index in range(1, len(self.panes)):
            self.link_map(index).set_annotation_links(ribbons.get(index, []))

    def link_map(self, index: int) -> LinkMapWidget:
        """The link map between pane ``index - 1`` and pane ``index``."""
        return self.splitter.handle(index).link_map

    def apply_highlights(self) -> None:
        """(Re)build the highlights, overview marks and link ribbons from the comparison and
        the facts filter."""
        if self.comparison is None:
            return
        for pane in self.panes:
            self._highlight_pane(pane)
        self._update_link_maps()

    def _highlight_pane(self, pane: ReadingPane) -> None:
        if pane.view.article is None or pane not in self.panes:
            return
        spans, visible = fact_spans(self.comparison), self.visible_facts
        pane.view.set_fact_selections(build_selections(
            pane.view.offsets, pane.view.document(), pane.article_id, self.comparison,
            self.fact_palette, visible))
        to_qt = pane.view.offsets.to_qt
        pane.overview.set_marks([
            Mark(to_qt(span.start), to_qt(span.end), self._span_colour(span),
                 "conflict" if span.agreement == CONFLICT else "exclusive" if span.agreement == ONE else "shared")
            for span in spans.spans(pane.article_id) if visible is None or span.id in visible
        ])

    def _update_link_maps(self) -> None:
        spans, visible = fact_spans(self.comparison), self.visible_facts
        for index in range(1, len(self.panes)):
            left, right = self.panes[index - 1], self.panes[index]
            links = []
            for span in spans.spans(left.article_id):
                if span.agreement == ONE or (visible is not None and span.id not in visible):
                    continue
                other = spans.first_mention(span.id, right.article_id)
                if other is None or spans.first_mention(span.id, left.article_id) != (span.start, span.end):
                    continue  # one ribbon per fact: first mention to first mention
                links.append(Link(span.id, (left.view.offsets.to_qt(span.start), left.view.offsets.to_qt(span.end)),
                                  (right.view.offsets.to_qt(other[0]), right.view.offsets.to_qt(other[1])),
                                  self._span_colour(span)))
            self.link_map(index).set_links(links)

    def _span_colour(self, span) -> QColor:
        if span.agreement == CONFLICT:
            return QColor(self.fact_palette.conflict_colour)
        if span.colour >= 0:
            return self.fact_palette.colour_for(span.colour)
        return QColor(self.fact_palette.exclusive_colour)

    def set_visible_facts(self, fact_ids: set[str] | None) -> None:
        """Highlight only these facts (None: all), as the facts panel's filter says."""
        self.visible_facts = None if fact_ids is None else set(fact_ids)
        self.apply_highlights()

    def _on_pane_fact_clicked(self, fact_id: str) -> None:
        self.navigate_to_fact(fact_id)
        self.fact_clicked.emit(fact_id)

    def mentions_of(self, fact_id: str) -> dict[int, tuple[int, int]]:
        """Pane index -> (start, end) Python offsets of the fact's first mention in that pane."""
        if self.comparison is None:
            return {}
        item = next((f for f in self.comparison.facts if f.id == fact_id), None) or next(
            (c for c in self.comparison.conflicts if c.id == fact_id), None)
        if item is None:
            return {}
        found = {}
        for index, pane in enumerate(self.panes):
            mine = [m for m in item.mentions if m.article == pane.article_id]
            if mine:
                first = min(mine, key=lambda m: m.start)
                found[index] = (first.start, first.end)
        return found

    def navigate_to_fact(self, fact_id: str) -> bool:
        """Scroll every pane that reports the fact so its mention sits at the same height."""
        spans = self.mentions_of(fact_id)
        if not spans:
            return False
        self.current_fact = fact_id
        positions = {i: self.panes[i].view.offsets.to_qt(start) for i, (start, _end) in spans.items()}
        self.sync.align_to(positions)
        for index, (start, end) in spans.items():
            self.panes[index].view.mark_current(start, end)
        for index, pane in enumerate(self.panes):
            if index not in spans:
                pane.view.mark_current(None, None)
        self.fact_navigated.emit(fact_id)
        return True

    def navigable_facts(self, lead: int, visible: set[str] | None = None) -> list[str]:
        """Shared facts and conflicts in reading order of the lead pane (Meld's chunk order)."""
        if self.comparison is None or not self.panes:
            return []
        article = self.panes[lead].article_id
        ordered = []
        for item in list(self.comparison.facts) + list(self.comparison.conflicts):
            if not isinstance(item, Conflict) and (item.sources < 2 or item.kind not in ("claim", "quote")):
                continue
            if visible is not None and item.id not in visible:
                continue
            starts = [m.start for m in item.mentions if m.article == article]
            if starts:
                ordered.append((min(starts), item.id))
        return [fact_id for _start, fact_id in sorted(ordered)]

    def step_fact(self, step: int, lead: int = 0, visible: set[str] | None = None) -> str | None:
        """Go to the next (+1) or previous (-1) fact after the current one, in the lead pane."""
        order = self.navigable_facts(lead, visible)
        if not order:
            return None
        if self.current_fact in order:
            index = order.index(self.current_fact) + step
        else:  # from wherever the reader is: the first fact below (or above) the viewport's top third
            view = self.panes[lead].view
            here = view.verticalScrollBar().value() + view.viewport().height() / 3
            ys = [document_y(view, view.offsets.to_qt(self.mentions_of(f)[lead][0])) for f in order]
            below = [i for i, y in enumerate(ys) if y > here + 1]
            above = [i for i, y in enumerate(ys) if y < here - 1]
            index = (below[0] if below else len(order)) if step > 0 else (above[-1] if above else -1)
        if not 0 <= index < len(order):
            return None
        self.navigate_to_fact(order[index])
        return order[index]

    def equalize_headers(self) -> None:
        heights = [p.natural_header_height() for p in self.panes]
        for pane in self.panes:
            pane.header.setFixedHeight(max(heights))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.sync.invalidate()
        self._equalize_timer.start()

    def _load_text(self, pane: ReadingPane, places: dict[int, int]) -> None:
        if pane not in self.panes:
            return
        pane.view.show_article(pane.article, self.style_)
        pane.view.set_annotations(self.annotations.get(pane.article_id, []))
        if pane.article_id in places:
            self.sync.enabled, linked = False, self.sync.enabled
            pane.view.verticalScrollBar().setValue(places[pane.article_id])
            self.sync.enabled = linked
        if self.comparison is not None:
            self._highlight_pane(pane)
        self._update_annotation_links()

    def pane_for(self, article_id: int) -> ReadingPane | None:
        return next((p for p in self.panes if p.article_id == article_id), None)

    def update_article(self, article: Article) -> None:
        pane = self.pane_for(article.id)
        if pane is not None:
            bar = pane.view.verticalScrollBar()
            value = bar.value()
            pane.show_article(article, self.style_)
            pane.view.set_annotations(self.annotations.get(article.id, []))
            self._update_annotation_links()
            bar.setValue(value)
            self._equalize_timer.start()
            self.apply_highlights()

    def set_reading_style(self, style: ReadingStyle) -> None:
        self.style_ = style
        self.sync.enabled, was = False, self.sync.enabled  # each pane keeps its own place
        for pane in self.panes:
            pane.view.apply_style(style)
        self.sync.enabled = was
        self.sync.invalidate()
        for pane in self.panes:
            pane.view.set_annotations(self.annotations.get(pane.article_id, []))
        self.apply_highlights()

    def set_link_scrolling(self, linked: bool) -> None:
        self.sync.enabled = linked

"""The side-by-side area: one reading pane per open article, scrolling together.

Panes sit in a horizontal splitter inside a scroll area. A pane is never narrower than a
readable line (``readable_pane_width``: about 45 characters); when the open panes do not
fit, as many whole panes as fit share the width and the area scrolls sideways a pane at a
time. A strip of chips above (``PaneChooser``) lists every article of the story: the reader
swaps one in, opens one beside the others or closes a pane without leaving the story. Only
open articles have panes (and text documents): a 400-article story opens with the panes
that fit, and its comparison still covers every article. What the comparison draws over the
panes (overview marks, ribbons, scroll anchors, the order of the facts) is worked out in
``comparison_marks``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QSplitterHandle,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.labels import letter_names
from desktop.core.models import Article
from desktop.ui.compare.comparison_marks import (
    annotation_ribbons,
    fact_links,
    first_mentions,
    navigable_facts,
    overview_marks,
    scroll_anchors,
    span_colour,
)
from desktop.ui.compare.fact_highlights import FactPalette, build_selections, fact_spans, fact_tooltip
from desktop.ui.compare.link_map import LINK_MAP_WIDTH, LinkMapWidget
from desktop.ui.compare.pane_chooser import PaneChooser
from desktop.ui.compare.possible_lines import possible_choices
from desktop.ui.compare.reading_pane import ReadingPane, ReadingStyle, readable_pane_width
from desktop.ui.compare.scroll_sync import ScrollSync, document_y
from desktop.ui.compare.separation_choices import conflict_choices, linked_choices, separated_choices

LONG_TEXT_CHARS = 40_000  # longer texts load one event-loop turn after their pane is built
BIG_STORY = 12  # more articles than this open with only the panes that fit (and the overview)


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
    same_fact_requested = Signal(int, int, int, int, int, int)  # (article, start, end) twice
    different_fact_requested = Signal(object)  # "Not the Same Fact": pairs of claims to keep apart
    link_again_requested = Signal(object)  # "Link Again": pairs to take back
    conflict_dismissed = Signal(object)  # "Not a Conflict": the conflict's pairs of differing values
    conflict_restored = Signal(object)  # "Show as a Conflict Again": the same
    annotation_clicked = Signal(int)  # the reader clicked one of their highlights in a pane: its id
    annotation_link_clicked = Signal(int)  # the reader clicked a link ribbon between highlights: its id
    citation_copied = Signal(int, str)  # article id, the Markdown citation put on the clipboard
    versions_requested = Signal(int)  # article id: its pane's "Compare Versions…" button
    panes_changed = Signal()  # the reader opened, closed or swapped panes (the story is the same)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ComparisonArea")
        self.style_ = ReadingStyle()
        self.panes: list[ReadingPane] = []
        self.articles: list[Article] = []  # the story's articles, in story order; panes show the open ones
        self.open_ids: list[int] = []  # the open articles, left to right
        self.auto_fit = False  # the open panes are as many as fit, following the width (a big story)
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
        self.scroll.viewport().installEventFilter(self)
        self.splitter.installEventFilter(self)  # its size and place tell which panes are in view
        self._chips_timer = QTimer(self, singleShot=True, interval=0)
        self._chips_timer.timeout.connect(self._update_chips)
        # headers of equal height keep the article texts level across panes
        self._equalize_timer = QTimer(self, singleShot=True, interval=0)
        self._equalize_timer.timeout.connect(self.equalize_headers)
        self.splitter.splitterMoved.connect(self._on_splitter_moved)
        self._user_split = False  # the reader dragged a link map: keep their widths while they fit
        # the panes' widths follow the viewport's; the chips follow the sideways scrolling
        self._fit_timer = QTimer(self, singleShot=True, interval=0)
        self._fit_timer.timeout.connect(self.fit_panes)
        self._stride = 0  # pane width + link map when the panes scroll sideways a pane at a time
        self._snap_timer = QTimer(self, singleShot=True, interval=150)
        self._snap_timer.timeout.connect(self._snap)
        bar = self.scroll.horizontalScrollBar()
        bar.valueChanged.connect(self._on_sideways_scrolled)
        bar.sliderReleased.connect(self._snap)
        self._last_focused: int | None = None  # article id of the pane the reader was last in
        QApplication.instance().focusChanged.connect(self._on_focus_changed)
        self.chooser = PaneChooser()
        self.chooser.article_clicked.connect(self._on_chooser_article_clicked)
        self.chooser.close_requested.connect(self.close_pane)
        self.chooser.fit_requested.connect(lambda: self.show_articles(self.open_ids[:self.fit_count()]))
        self.chooser.all_requested.connect(lambda: self.show_articles([a.id for a in self.articles]))
        self.page = QWidget()
        page_layout = QVBoxLayout(self.page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.setSpacing(2)
        page_layout.addWidget(self.chooser)
        page_layout.addWidget(self.scroll, 1)
        self.addWidget(self.hint)
        self.addWidget(self.page)
        self.set_articles([])

    def set_articles(self, articles: list[Article], open_ids: Iterable[int] | None = None,
                     fit: bool = False) -> None:
        """The story's articles; ``open_ids`` (default: all) get panes, left to right in story
        order, keeping the place of those already shown. The comparison is dropped. ``fit``:
        open the first articles, as many as fit the width, and follow the width (a resize opens
        or closes panes) until the reader picks panes themselves."""
        self.articles = list(articles)
        known = {a.id for a in self.articles}
        self.auto_fit = fit
        if fit:
            open_ids = [a.id for a in self.articles[:self.fit_count()]]
        wanted = set(known if open_ids is None else open_ids) & known
        self.open_ids = [a.id for a in self.articles if a.id in wanted]
        names = self.article_names()
        self.chooser.chips.set_articles(
            [a.id for a in self.articles], names,
            {a.id: f"{names[a.id]}\n{a.display_title}" for a in self.articles})
        self.chooser.setVisible(len(self.articles) > 2)
        self.comparison = None
        self._build_panes()

    def article_names(self) -> dict[int, str]:
        """Per article of the story, its letter and label ("A2 · Bitdefender"), as pane headers say."""
        return letter_names(self.articles)

    def show_articles(self, ids: Iterable[int]) -> None:
        """Open exactly these articles of the story as panes, in the order given (at least one
        stays open); the comparison, which covers the whole story, is kept and drawn again."""
        known = {a.id for a in self.articles}
        ids = list(dict.fromkeys(i for i in ids if i in known))
        self.auto_fit = False  # the reader's choice from now on
        if not ids or ids == self.open_ids:
            return
        self.open_ids = ids
        self._build_panes()
        if self.comparison is not None:
            self.set_comparison(self.comparison)
        self.panes_changed.emit()

    def fit_count(self) -> int:
        """How many panes fit side by side in the area's width at a readable line length."""
        handle = self.splitter.handleWidth()
        width = self.scroll.viewport().width() if self.currentWidget() is self.page else self.width()
        return max(1, (width + handle) // (readable_pane_width(self.style_) + handle))

    def panes_in_view(self) -> list[ReadingPane]:
        """The panes at least half inside the area's viewport now."""
        left = self.scroll.horizontalScrollBar().value()
        right = left + self.scroll.viewport().width()
        return [p for p in self.panes
                if min(right, p.x() + p.width()) - max(left, p.x()) >= p.width() / 2]

    def show_article(self, article_id: int, beside: bool = False) -> ReadingPane | None:
        """Bring the article's pane into view. An article without a pane is swapped in for the
        focused pane (else the rightmost pane in view), or, ``beside``, opened as one more pane
        (also when there is room for one more). Returns its pane."""
        if article_id not in {a.id for a in self.articles}:
            return None
        pane = self.pane_for(article_id)
        if pane is None:
            in_view = self.panes_in_view()
            order = list(self.open_ids)
            if beside or not in_view or len(order) < self.fit_count():
                after = self._focused_pane() or (in_view[-1] if in_view else None)
                order.insert(order.index(after.article_id) + 1 if after else len(order), article_id)
            else:
                target = self._focused_pane()
                target = target if target in in_view else in_view[-1]
                order[order.index(target.article_id)] = article_id
            self.show_articles(order)
            pane = self.pane_for(article_id)
        if pane is not None:
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            self.reveal(pane)
        return pane

    def close_pane(self, article_id: int) -> None:
        """Close the article's pane; it stays in the story and its chip (one pane stays open)."""
        if article_id in self.open_ids and len(self.open_ids) > 1:
            self.show_articles([i for i in self.open_ids if i != article_id])

    def reveal(self, pane: ReadingPane) -> None:
        """Scroll sideways so the whole pane is in view (the least way)."""
        bar = self.scroll.horizontalScrollBar()
        width = self.scroll.viewport().width()
        if pane.x() < bar.value():
            bar.setValue(pane.x())
        elif pane.x() + pane.width() > bar.value() + width:
            bar.setValue(pane.x() + pane.width() - width)
        self._update_chips()

    def _focused_pane(self) -> ReadingPane | None:
        """The pane the reader is in, or was last in (a click on the strip takes the focus)."""
        widget = QApplication.focusWidget()
        pane = next((p for p in self.panes if widget is not None and (widget is p or p.isAncestorOf(widget))), None)
        return pane or self.pane_for(self._last_focused)

    def _on_focus_changed(self, _old, new) -> None:
        pane = next((p for p in self.panes if new is not None and (new is p or p.isAncestorOf(new))), None)
        if pane is not None:
            self._last_focused = pane.article_id

    def _on_chooser_article_clicked(self, article_id: int, beside: bool) -> None:
        pane = self.show_article(article_id, beside)
        if pane is not None:
            pane.view.setFocus()

    def _build_panes(self) -> None:
        """One pane per open article, left to right; the texts load at their final width."""
        places = {p.article_id: p.view.verticalScrollBar().value() for p in self.panes}
        for pane in self.panes:
            pane.setParent(None)
            pane.deleteLater()
        self.panes = []
        self.current_fact = None
        self._user_split = False
        by_id = {a.id: a for a in self.articles}
        index_of = {a.id: i for i, a in enumerate(self.articles)}
        for article_id in self.open_ids:
            pane = ReadingPane(by_id[article_id], self.style_, load_text=False)
            pane.close_requested.connect(self.pane_close_requested)
            pane.move_requested.connect(self.pane_move_requested)
            pane.info_requested.connect(self.pane_info_requested)
            pane.boilerplate_toggled.connect(self.boilerplate_toggled)
            pane.fact_clicked.connect(self._on_pane_fact_clicked)
            pane.highlight_requested.connect(self.highlight_requested)
            pane.attach_requested.connect(self.attach_requested)
            pane.same_fact_requested.connect(self.same_fact_requested)
            pane.different_fact_requested.connect(self.different_fact_requested)
            pane.link_again_requested.connect(self.link_again_requested)
            pane.conflict_dismissed.connect(self.conflict_dismissed)
            pane.conflict_restored.connect(self.conflict_restored)
            pane.annotation_clicked.connect(self.annotation_clicked)
            pane.citation_copied.connect(self.citation_copied)
            pane.versions_requested.connect(self.versions_requested)
            pane.installEventFilter(self)  # moved or resized: which panes are in view may change
            self.splitter.addWidget(pane)
            self.panes.append(pane)
        for index, pane in enumerate(self.panes):
            # letters follow the story (A3 stays A3 whichever panes are open)
            pane.set_position(index_of[pane.article_id], len(self.articles), self.articles)
            if index:
                link_map = self.link_map(index)
                link_map.set_views(self.panes[index - 1].view, pane.view)
                link_map.set_links([])
                link_map.link_clicked.connect(self._on_pane_fact_clicked)
                link_map.annotation_link_clicked.connect(self.annotation_link_clicked)
        self.setCurrentWidget(self.page if self.articles else self.hint)
        self.fit_panes()
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
        self._chips_timer.start()
        if not self.articles:
            self.hint.setText(
                "No articles in this story yet.\n\nDrag article files here, press Ctrl+O to import, "
                "or double-click an article in the library to add it."
            )

    def fit_panes(self) -> None:
        """Size the panes for the viewport: all open panes share it when they fit at a readable
        width; otherwise as many whole panes as fit fill it, and the rest are a sideways scroll
        away (a pane at a time)."""
        count = len(self.panes)
        if not count:
            self.splitter.setMinimumWidth(0)
            self._stride = 0
            return
        handle = self.splitter.handleWidth()
        readable = readable_pane_width(self.style_)
        if self.auto_fit and count != min(self.fit_count(), len(self.articles)):
            QTimer.singleShot(0, self, self._refit)  # not from inside a resize
        for pane in self.panes:
            pane.setMinimumWidth(readable)
        fit = self.fit_count()
        if count <= fit:
            self._stride = 0
            self.splitter.setMinimumWidth(count * readable + (count - 1) * handle)
            if self._user_split and min(self.splitter.sizes()) >= readable:
                self._chips_timer.start()
                return  # the reader's own split, still readable
            self.splitter.setSizes([10_000] * count)  # equal shares
        else:
            width = (self.scroll.viewport().width() - (fit - 1) * handle) // fit
            self._stride = width + handle
            self.splitter.setMinimumWidth(count * width + (count - 1) * handle)
            self.splitter.resize(count * width + (count - 1) * handle, self.splitter.height())
            self.splitter.setSizes([width] * count)
            bar = self.scroll.horizontalScrollBar()
            bar.setSingleStep(max(1, self._stride // 3))  # a wheel notch (3 lines) moves a pane
        self._chips_timer.start()
        self._equalize_timer.start()

    def settle(self) -> None:
        """Finish pending layout work now (sizes, header heights, chips): for screenshots and tests."""
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        for timer, work in ((self._fit_timer, self.fit_panes), (self._equalize_timer, self.equalize_headers),
                            (self._chips_timer, self._update_chips)):
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            if timer.isActive():
                timer.stop()
                work()
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        self._update_chips()

    def _refit(self) -> None:
        """An automatic choice of panes follows the width: the first articles, as many as fit."""
        wanted = [a.id for a in self.articles[:self.fit_count()]]
        if self.auto_fit and wanted != self.open_ids:
            self.open_ids = wanted
            self._build_panes()
            if self.comparison is not None:
                self.set_comparison(self.comparison)
            self.panes_changed.emit()

    def _on_splitter_moved(self, *_args) -> None:
        self._user_split = True
        self._equalize_timer.start()

    def _on_sideways_scrolled(self, _value: int) -> None:
        self._update_chips()
        if self._stride and not self.scroll.horizontalScrollBar().isSliderDown():
            self._snap_timer.start()

    def _snap(self) -> None:
        """After sideways scrolling, line the panes up so no pane is cut at the edge."""
        if not self._stride:
            return
        bar = self.scroll.horizontalScrollBar()
        bar.setValue(min(bar.maximum(), round(bar.value() / self._stride) * self._stride))

    def _update_chips(self) -> None:
        self.chooser.chips.set_state(self.open_ids, [p.article_id for p in self.panes_in_view()])

    # ------------------------------------------------------------ the comparison

    def set_comparison(self, comparison) -> None:
        """Show what the comparison found (all at once; see ``comparison_steps``)."""
        for step in self.comparison_steps(comparison):
            step()

    def comparison_steps(self, comparison) -> list:
        """Showing a comparison as short steps (one per pane), so the caller can return to
        the event loop between them and a long story never freezes the window."""
        if {a.id for a in comparison.articles} != {a.id for a in self.articles}:
            return []  # computed for another set of articles: a newer one is on its way
        self.comparison = comparison
        steps = [self._show_summaries_and_anchors]
        steps += [lambda pane=pane: self._highlight_pane(pane) for pane in self.panes]
        steps.append(self._update_link_maps)
        return steps

    def _show_summaries_and_anchors(self) -> None:
        comparison = self.comparison
        names = letter_names(comparison.articles)  # outlet, or the headline's first words
        spans = fact_spans(comparison)
        anchors = []
        less_sure = Counter(a for f in comparison.facts if f.weak and f.sources > 1 for a in f.articles)
        for pane in self.panes:
            pane.show_summary(comparison.summary(pane.article_id), less_sure[pane.article_id])
            pane.view.facts_at = lambda offset, a=pane.article_id: spans.at(a, offset)
            pane.view.fact_tooltip = lambda fact_id: fact_tooltip(comparison, fact_id, names)
            pane.view.possible_of = lambda fact_id, a=pane.article_id: possible_choices(comparison, fact_id, a, names)
            pane.view.linked_of = lambda fact_id, a=pane.article_id: linked_choices(comparison, fact_id, a, names)
            pane.view.separated_at = lambda offset, a=pane.article_id: separated_choices(comparison, a, offset, names)
            pane.view.conflicts_at = lambda offset, a=pane.article_id: conflict_choices(comparison.conflicts, a, offset)
            pane.view.dismissed_at = lambda offset, a=pane.article_id: conflict_choices(comparison.dismissed, a, offset)
            anchors.append(scroll_anchors(comparison, pane.article_id, pane.view.offsets.to_qt))
        self.sync.set_anchors(anchors)
        self.chooser.chips.set_marks({s.article: (s.shared, s.exclusive, s.conflicts) for s in comparison.summaries})
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
        ribbons = annotation_ribbons(self.panes, self.annotations, self.annotation_links)
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
        pane.overview.set_marks(overview_marks(spans, pane.article_id, visible, pane.view.offsets.to_qt,
                                               self._span_colour, self.fact_palette))

    def _update_link_maps(self) -> None:
        spans, visible = fact_spans(self.comparison), self.visible_facts
        for index in range(1, len(self.panes)):
            self.link_map(index).set_links(
                fact_links(spans, visible, self.panes[index - 1], self.panes[index], self._span_colour,
                           self.fact_palette))

    def _span_colour(self, span) -> QColor:
        return span_colour(self.fact_palette, span)

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
        return first_mentions(self.comparison, fact_id, [pane.article_id for pane in self.panes])

    def navigate_to_fact(self, fact_id: str) -> bool:
        """Scroll every pane that reports the fact so its mention sits at the same height; a pane
        that does not report it but possibly says it in other words goes to those words."""
        if self.comparison is None:
            return False
        spans = first_mentions(self.comparison, fact_id, [pane.article_id for pane in self.panes], True)
        if not spans:
            return False
        self.current_fact = fact_id
        positions = {i: self.panes[i].view.offsets.to_qt(start) for i, (start, _end) in spans.items()}
        self.sync.align_to(positions)
        reported = first_mentions(self.comparison, fact_id, [pane.article_id for pane in self.panes])
        for index, (start, end) in spans.items():
            self.panes[index].view.mark_current(start, end, possible=index not in reported)
        for index, pane in enumerate(self.panes):
            if index not in spans:
                pane.view.mark_current(None, None)
        self._keep_in_view(reported or spans)
        self.fact_navigated.emit(fact_id)
        return True

    def _keep_in_view(self, indexes) -> None:
        """When no pane in view holds what was lined up (the panes scroll sideways at a narrow
        width), scroll to the first pane that does, so a click never seems to do nothing."""
        in_view = {id(p) for p in self.panes_in_view()}
        if indexes and not any(id(self.panes[i]) in in_view for i in indexes):
            first = self.panes[min(indexes)]
            bar = self.scroll.horizontalScrollBar()
            bar.setValue(min(first.x(), bar.maximum()))  # it at the left: the ones after it in view too
            self._update_chips()

    def align_spans(self, spans) -> bool:
        """Line up the open panes on these (article id, start, end) spans and mark them, as a fact
        is lined up (Review Possible Matches shows each pair so); False when no pane shows one."""
        index_of = {pane.article_id: i for i, pane in enumerate(self.panes)}
        found = {index_of[a]: (start, end) for a, start, end in spans if a in index_of}
        if not found:
            return False
        self.sync.align_to({i: self.panes[i].view.offsets.to_qt(start) for i, (start, _end) in found.items()})
        for index, pane in enumerate(self.panes):
            pane.view.mark_current(*found.get(index, (None, None)))
        self._keep_in_view(found)
        return True

    def navigable_facts(self, lead: int, visible: set[str] | None = None) -> list[str]:
        """Shared facts and conflicts in reading order of the lead pane (Meld's chunk order)."""
        if self.comparison is None or not self.panes:
            return []
        return navigable_facts(self.comparison, self.panes[lead].article_id, visible,
                               self.fact_palette.show_less_sure)

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

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.scroll.viewport():
            self._fit_timer.start()
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Move) and (
                watched is self.splitter or isinstance(watched, ReadingPane)):
            self._chips_timer.start()
        return super().eventFilter(watched, event)

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
        self.articles = [article if a.id == article.id else a for a in self.articles]
        names = self.article_names()  # its outlet or title may be new: the strip's chips follow
        self.chooser.chips.set_labels(names, {a.id: f"{names[a.id]}\n{a.display_title}" for a in self.articles})
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
        self.fit_panes()  # a larger text needs wider panes

    def set_link_scrolling(self, linked: bool) -> None:
        self.sync.enabled = linked

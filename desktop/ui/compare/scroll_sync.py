"""Synchronized scrolling of the reading panes (Meld's ``_sync_vscroll``), level on shared facts."""

from __future__ import annotations

from bisect import bisect_left

from PySide6.QtGui import QTextCursor


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

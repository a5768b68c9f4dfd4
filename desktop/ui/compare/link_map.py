"""Meld's link map: ribbons joining the matched spans of two neighbouring text views.

The widget sits between a left and a right ``QTextEdit``. For every matched pair whose left
or right span is at least partly on screen it fills a ribbon: from the left span's top (x=0)
a cubic curve to the right span's top (x=width), down the right edge to the right span's
bottom, a cubic curve back to the left span's bottom. Scrolling either view repaints it.

Span geometry (the y extent of a position's line in document coordinates) is read from the
document layout once per layout state and cached, so a scroll only re-maps numbers: with
thousands of links the cost of a repaint is one pass over a list of floats plus a path per
visible ribbon.

The reader's own links between annotations ("same fact", "supports", "contradicts") are
drawn on top as ``AnnotationRibbon``s: hatched, with a solid edge in the kind's colour, so
they never read as one of the comparison's (filled, translucent) fact ribbons.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QTextEdit, QToolTip, QWidget

LINK_MAP_WIDTH = 30
FILL_ALPHA = 0.35
OUTLINE_ALPHA = 0.70
WEAK_FILL = 0.45  # a less sure link's ribbon: this much of the fill, and a dashed edge


@dataclass(frozen=True)
class Link:
    """One matched pair: a span in the left view's document and one in the right's.

    ``left`` and ``right`` are half-open Qt document positions ``(start, end)``: convert
    Python offsets with ``OffsetMap.to_qt`` first.
    """

    fact_id: str
    left: tuple[int, int]
    right: tuple[int, int]
    colour: QColor
    weak: bool = False  # a link Parallax is less sure of (Fact.weak): paler, with a dashed edge


# the reader's link kinds (desktop.core.library.schema.ANNOTATION_LINK_KINDS) and how they are drawn
ANNOTATION_LINK_COLOURS = {"same fact": "#1c7ed6", "supports": "#2f9e44", "contradicts": "#e03131"}
ANNOTATION_OUTLINE_WIDTH = 1.6


@dataclass(frozen=True)
class AnnotationRibbon:
    """A link the reader made between a highlight in the left view and one in the right.

    ``left``/``right`` are half-open Qt document positions, like ``Link``'s; the quotes are
    for the tooltip.
    """

    link_id: int
    kind: str
    left: tuple[int, int]
    right: tuple[int, int]
    left_quote: str = ""
    right_quote: str = ""

    @property
    def colour(self) -> QColor:
        return QColor(ANNOTATION_LINK_COLOURS.get(self.kind, "#868e96"))

    def tooltip(self) -> str:
        def quote(text: str) -> str:
            text = " ".join(text.split())
            return html.escape(text if len(text) <= 140 else text[:139].rstrip() + "…")

        return (f"<b>Your link: {html.escape(self.kind)}</b><br>“{quote(self.left_quote)}”<br>"
                f"↔ “{quote(self.right_quote)}”<br><i>Click to show it in the notes.</i>")


def ribbon_path(lt: float, lb: float, rt: float, rb: float, width: float) -> QPainterPath:
    """From the left span's top (x=0) to the right span's top (x=width) and back along the bottoms.

    The two curves share their x control points, so they never cross: the default odd-even
    fill is the ribbon's inside.
    """
    middle = width / 2
    path = QPainterPath(QPointF(0.0, lt))
    path.cubicTo(middle, lt, middle, rt, width, rt)
    path.lineTo(width, rb)
    path.cubicTo(middle, rb, middle, lb, 0.0, lb)
    path.closeSubpath()
    return path


class SpanGeometry:
    """The y extents of document positions in one text view, in document coordinates.

    ``line_extent(position)`` is the top and bottom of the laid-out line holding that
    position (the same numbers as ``view.cursorRect`` before scrolling). Results are cached
    per layout state: the document, its revision (which only grows, across ``setPlainText``
    too), its text width, its default font and its height. An edit, a re-wrap or a font
    change alters one of these, and the cache starts again. After ``view.setDocument`` call
    the widget's ``set_views``/``set_view`` again, so it listens to the new document.
    """

    def __init__(self, view: QTextEdit):
        self.view = view
        self._stamp: tuple | None = None
        self._lines: dict[int, tuple[float, float]] = {}
        self.lookups = 0  # positions read from the layout (not from the cache): for tests

    def stamp(self) -> tuple:
        document = self.view.document()
        return (
            id(document),
            document.revision(),
            document.textWidth(),
            document.defaultFont().key(),
            document.documentLayout().documentSize().height(),
        )

    def refresh(self) -> bool:
        """Drop the cache if the layout changed since it was filled. True if it was dropped."""
        stamp = self.stamp()
        if stamp == self._stamp:
            return False
        self._stamp = stamp
        self._lines = {}
        return True

    def line_extent(self, position: int) -> tuple[float, float]:
        """Top and bottom of the line that holds ``position``. Call ``refresh`` first."""
        cached = self._lines.get(position)
        if cached is not None:
            return cached
        self.lookups += 1
        document = self.view.document()
        clamped = max(0, min(position, document.characterCount() - 1))
        block = document.findBlock(clamped)
        rect = document.documentLayout().blockBoundingRect(block)
        extent = (rect.top(), rect.bottom())
        layout = block.layout()
        if layout is not None and layout.lineCount():
            line = layout.lineForTextPosition(clamped - block.position())
            if not line.isValid():  # past the last line of the block
                line = layout.lineAt(layout.lineCount() - 1)
            top = rect.top() + line.y()
            extent = (top, top + line.height())
        self._lines[position] = extent
        return extent

    def span_extent(self, start: int, end: int) -> tuple[float, float]:
        """Top of the first line to bottom of the last line of the half-open span."""
        top, bottom = self.line_extent(start)
        if end - 1 > start:
            bottom = max(bottom, self.line_extent(end - 1)[1])
        return top, bottom


def viewport_top_in(widget: QWidget, view: QTextEdit) -> float:
    """Where the top of ``view``'s viewport is, in ``widget``'s coordinates.

    Goes through global coordinates, so headers, frames and margins above the viewport are
    accounted for wherever the two widgets sit in the window.
    """
    return float(widget.mapFromGlobal(view.viewport().mapToGlobal(QPoint(0, 0))).y())


class LinkMapWidget(QWidget):
    """Ribbons between the matched spans of two neighbouring views; click one to pick its fact."""

    link_clicked = Signal(str)  # fact id
    annotation_link_clicked = Signal(int)  # annotation link id

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("LinkMap")
        self.setFixedWidth(LINK_MAP_WIDTH)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)  # pointing-hand cursor over ribbons
        self.setAccessibleName("Link map")
        self._left: QTextEdit | None = None
        self._right: QTextEdit | None = None
        self._left_geometry: SpanGeometry | None = None
        self._right_geometry: SpanGeometry | None = None
        self._connections: list[tuple[object, object]] = []  # (signal, slot) to undo in set_views
        self._watched: list[QObject] = []
        self._links: list[Link] = []
        # per link: (left top, left bottom, right top, right bottom) in document coordinates
        self._extents: list[tuple[float, float, float, float]] | None = None
        self._ribbons_state: tuple | None = None  # the scroll and layout state _ribbons were made for
        self._ribbons: list[tuple[Link, QPainterPath]] = []
        self._annotation_links: list[AnnotationRibbon] = []
        self._annotation_extents: list[tuple[float, float, float, float]] | None = None
        self._annotation_ribbons: list[tuple[AnnotationRibbon, QPainterPath]] = []

    # ------------------------------------------------------------------ setup

    def set_views(self, left: QTextEdit, right: QTextEdit) -> None:
        self._disconnect_views()
        self._left, self._right = left, right
        self._left_geometry, self._right_geometry = SpanGeometry(left), SpanGeometry(right)
        self._extents = self._annotation_extents = None
        self._ribbons_state = None
        for view in (left, right):
            bar = view.verticalScrollBar()
            layout = view.document().documentLayout()
            self._connect(bar.valueChanged, self._on_view_scrolled)
            self._connect(bar.rangeChanged, self._on_view_scrolled)
            self._connect(layout.documentSizeChanged, self._on_view_scrolled)
            self._connect(view.destroyed, self._on_view_destroyed)
            for watched in (view, view.viewport()):
                watched.installEventFilter(self)
                self._watched.append(watched)
        self.update()

    def set_links(self, links: list[Link]) -> None:
        self._links = list(links)
        self._extents = None
        self._ribbons_state = None
        self.update()

    def links(self) -> list[Link]:
        return list(self._links)

    def set_annotation_links(self, links: list[AnnotationRibbon]) -> None:
        """The reader's links between highlights in these two views, drawn over the fact ribbons."""
        self._annotation_links = list(links)
        self._annotation_extents = None
        self._ribbons_state = None
        self.update()

    def annotation_links(self) -> list[AnnotationRibbon]:
        return list(self._annotation_links)

    def _connect(self, signal, slot) -> None:
        signal.connect(slot)
        self._connections.append((signal, slot))

    def _disconnect_views(self) -> None:
        for signal, slot in self._connections:
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):  # the sender is already gone
                pass
        self._connections = []
        for watched in self._watched:
            try:
                watched.removeEventFilter(self)
            except RuntimeError:  # already deleted, and its filters with it
                pass
        self._watched = []

    def _on_view_scrolled(self, *_args) -> None:
        self.update()

    def _on_view_destroyed(self, *_args) -> None:
        self._disconnect_views()  # the other view may live on
        self._left = self._right = None
        self._left_geometry = self._right_geometry = None
        self._extents = self._annotation_extents = None
        self._ribbons_state = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Move, QEvent.Type.Show, QEvent.Type.Hide):
            self.update()
        return False

    # -------------------------------------------------------------- geometry

    def _ensure_extents(self) -> bool:
        """Measure the links' document extents if needed; True if they were measured just now."""
        assert self._left_geometry is not None and self._right_geometry is not None
        left_changed = self._left_geometry.refresh()
        right_changed = self._right_geometry.refresh()
        left_span = self._left_geometry.span_extent
        right_span = self._right_geometry.span_extent

        def measure(links) -> list[tuple[float, float, float, float]]:
            return [(*left_span(link.left[0], link.left[1]), *right_span(link.right[0], link.right[1]))
                    for link in links]

        measured = False
        if self._extents is None or left_changed or right_changed:
            self._extents, measured = measure(self._links), True
        if self._annotation_extents is None or left_changed or right_changed:
            self._annotation_extents, measured = measure(self._annotation_links), True
        return measured

    def _visible(self) -> list[tuple[Link, QPainterPath]]:
        """The fact ribbons on screen now (and, alongside, the annotation ribbons). Paint,
        click and hover share one computation per state."""
        left, right = self._left, self._right
        if left is None or right is None or not (self._links or self._annotation_links):
            self._annotation_ribbons = []
            return []
        measured = self._ensure_extents()
        left_scroll = left.verticalScrollBar().value()
        right_scroll = right.verticalScrollBar().value()
        left_height = left.viewport().height()
        right_height = right.viewport().height()
        # document y -> widget y: minus the scroll value, plus where the viewport starts here
        left_shift = viewport_top_in(self, left) - left_scroll
        right_shift = viewport_top_in(self, right) - right_scroll
        width = float(self.width())
        state = (left_scroll, right_scroll, left_height, right_height, left_shift, right_shift, width)
        if not measured and state == self._ribbons_state:
            return self._ribbons
        left_bottom = left_scroll + left_height
        right_bottom = right_scroll + right_height

        def on_screen(links, extents) -> list:
            ribbons = []
            for link, (lt, lb, rt, rb) in zip(links, extents):
                if (lb > left_scroll and lt < left_bottom) or (rb > right_scroll and rt < right_bottom):
                    path = ribbon_path(lt + left_shift, lb + left_shift, rt + right_shift, rb + right_shift, width)
                    ribbons.append((link, path))
            return ribbons

        self._ribbons_state, self._ribbons = state, on_screen(self._links, self._extents)
        self._annotation_ribbons = on_screen(self._annotation_links, self._annotation_extents)
        return self._ribbons

    def visible_ribbons(self) -> list[tuple[str, QPainterPath]]:
        """(fact id, filled path in this widget's coordinates) for each pair partly on screen."""
        return [(link.fact_id, path) for link, path in self._visible()]

    def visible_annotation_ribbons(self) -> list[tuple[AnnotationRibbon, QPainterPath]]:
        """(annotation ribbon, path in this widget's coordinates) for each link partly on screen."""
        self._visible()
        return list(self._annotation_ribbons)

    def link_at(self, point: QPointF | QPoint) -> str | None:
        """The fact id of the topmost fact ribbon under ``point``, if any."""
        point = QPointF(point)
        for link, path in reversed(self._visible()):
            if path.contains(point):
                return link.fact_id
        return None

    def annotation_link_at(self, point: QPointF | QPoint) -> AnnotationRibbon | None:
        """The topmost annotation ribbon under ``point`` (they are drawn over the fact ribbons)."""
        point = QPointF(point)
        for ribbon, path in reversed(self.visible_annotation_ribbons()):
            if path.contains(point):
                return ribbon
        return None

    # ---------------------------------------------------------- paint, mouse

    def paintEvent(self, event) -> None:
        ribbons = self._visible()
        annotation_ribbons = self._annotation_ribbons
        if not ribbons and not annotation_ribbons:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen()
        pen.setWidthF(1.0)
        for link, path in ribbons:
            fill = QColor(link.colour)
            fill.setAlphaF(FILL_ALPHA * (WEAK_FILL if link.weak else 1.0))
            painter.fillPath(path, fill)
            outline = QColor(link.colour)
            outline.setAlphaF(OUTLINE_ALPHA)
            pen.setColor(outline)
            pen.setStyle(Qt.PenStyle.DashLine if link.weak else Qt.PenStyle.SolidLine)
            painter.strokePath(path, pen)
            pen.setStyle(Qt.PenStyle.SolidLine)
        for ribbon, path in annotation_ribbons:
            # a pale wash so the hatching stands out over fact ribbons, then hatching and an edge
            colour = ribbon.colour
            wash = QColor(self.palette().color(self.backgroundRole()))
            wash.setAlphaF(0.75)
            painter.fillPath(path, wash)
            painter.fillPath(path, QBrush(colour, Qt.BrushStyle.BDiagPattern))
            edge = QPen(colour, ANNOTATION_OUTLINE_WIDTH)
            painter.strokePath(path, edge)
        painter.end()

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            ribbon = self.annotation_link_at(event.pos())
            if ribbon is not None:
                QToolTip.showText(event.globalPos(), ribbon.tooltip(), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            ribbon = self.annotation_link_at(event.position())
            if ribbon is not None:
                self.annotation_link_clicked.emit(ribbon.link_id)
                event.accept()
                return
            fact_id = self.link_at(event.position())
            if fact_id is not None:
                self.link_clicked.emit(fact_id)
                event.accept()
                return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        over = self.annotation_link_at(event.position()) is not None or self.link_at(event.position()) is not None
        if over:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        else:
            self.unsetCursor()
        super().mouseMoveEvent(event)

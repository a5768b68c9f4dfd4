"""Meld's overview strip: where the facts sit in the whole article, beside one text view.

The strip maps the whole document height onto its own height. Each mark is a small bar at
its proportional place; the bars are drawn once into a cached pixmap that is rebuilt only
when the marks, the strip's size or the document layout change. Every paint draws that
pixmap and, on top, the rectangle of the part of the article that is on screen. Clicking
or dragging scrolls the view so that point of the article is centred.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QTextEdit, QWidget

from desktop.ui.compare.link_map import SpanGeometry

OVERVIEW_STRIP_WIDTH = 14
CONFLICT_RED = QColor(214, 39, 40)
MIN_MARK_HEIGHT = 2.0
MIN_CONFLICT_HEIGHT = 4.0  # conflicts stand out even where a line is thinner than a pixel


@dataclass(frozen=True)
class Mark:
    """A span of the view's document (half-open Qt positions) to show on the strip.

    ``kind`` picks the shape as well as the layer, so the marks differ by more than colour:
    "shared" fills the strip's width, "exclusive" is a half-width bar on the right,
    "conflict" is a full-width red bar with a dark outline drawn over everything else.
    """

    start: int
    end: int
    colour: QColor
    kind: str = "shared"


class OverviewStripWidget(QWidget):
    """A thin strip beside a text view; click or drag to move through the whole article."""

    position_clicked = Signal(float)  # fraction of the document height, 0..1

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("OverviewStrip")
        self.setFixedWidth(OVERVIEW_STRIP_WIDTH)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Where the facts sit in the whole article. Click or drag to go there.")
        self.setAccessibleName("Overview strip")
        self._view: QTextEdit | None = None
        self._geometry: SpanGeometry | None = None
        self._connections: list[tuple[object, object]] = []
        self._watched: list[QObject] = []
        self._marks: list[Mark] = []
        self._marks_version = 0
        self._pixmap: QPixmap | None = None
        self._pixmap_key: tuple | None = None
        self.pixmap_builds = 0  # how often the mark layer was drawn: scrolling must not add to it

    # ------------------------------------------------------------------ setup

    def set_view(self, view: QTextEdit) -> None:
        self._disconnect_view()
        self._view = view
        self._geometry = SpanGeometry(view)
        bar = view.verticalScrollBar()
        for signal in (bar.valueChanged, bar.rangeChanged, view.document().documentLayout().documentSizeChanged):
            self._connect(signal, self._on_view_changed)
        self._connect(view.destroyed, self._on_view_destroyed)
        view.viewport().installEventFilter(self)
        self._watched.append(view.viewport())
        self._pixmap_key = None
        self.update()

    def set_marks(self, marks: list[Mark]) -> None:
        self._marks = list(marks)
        self._marks_version += 1
        self.update()

    def marks(self) -> list[Mark]:
        return list(self._marks)

    def _connect(self, signal, slot) -> None:
        signal.connect(slot)
        self._connections.append((signal, slot))

    def _disconnect_view(self) -> None:
        for signal, slot in self._connections:
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):
                pass
        self._connections = []
        for watched in self._watched:
            try:
                watched.removeEventFilter(self)
            except RuntimeError:
                pass
        self._watched = []

    def _on_view_changed(self, *_args) -> None:
        self.update()

    def _on_view_destroyed(self, *_args) -> None:
        self._disconnect_view()
        self._view = None
        self._geometry = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.update()
        return False

    # -------------------------------------------------------------- geometry

    def _document_height(self) -> float:
        assert self._view is not None
        return max(1.0, self._view.document().documentLayout().documentSize().height())

    def viewport_rect(self) -> QRectF:
        """The part of the article on screen, in the strip's coordinates."""
        if self._view is None:
            return QRectF()
        scale = self.height() / self._document_height()
        top = self._view.verticalScrollBar().value() * scale
        return QRectF(0.0, top, float(self.width()), self._view.viewport().height() * scale)

    def _mark_rect(self, mark: Mark, scale: float) -> QRectF:
        assert self._geometry is not None
        top, bottom = self._geometry.span_extent(mark.start, mark.end)
        y = top * scale
        height = max(MIN_CONFLICT_HEIGHT if mark.kind == "conflict" else MIN_MARK_HEIGHT, (bottom - top) * scale)
        y = max(0.0, min(y, self.height() - height))  # a mark on the last line stays on the strip
        width = float(self.width())
        if mark.kind == "exclusive":
            return QRectF(width / 2, y, width / 2 - 1, height)
        return QRectF(1.0, y, width - 2, height)

    # ----------------------------------------------------------------- paint

    def _layer_key(self) -> tuple:
        assert self._geometry is not None
        return (
            self._marks_version,
            self.size().toTuple(),
            self.devicePixelRatioF(),
            self.palette().cacheKey(),  # a theme change redraws the marks
            self._geometry.stamp(),
        )

    def _build_pixmap(self) -> QPixmap:
        self.pixmap_builds += 1
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(round(self.width() * ratio), round(self.height() * ratio))
        pixmap.setDevicePixelRatio(ratio)
        palette = self.palette()
        pixmap.fill(palette.color(QPalette.ColorRole.Base).darker(104))
        painter = QPainter(pixmap)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        painter.drawLine(0, 0, 0, self.height())  # a hairline separating the strip from the text
        if self._geometry is not None and self._marks:
            self._geometry.refresh()
            scale = self.height() / self._document_height()
            painter.setPen(Qt.PenStyle.NoPen)
            conflicts = []
            for mark in self._marks:  # shared and exclusive first, conflicts over them
                if mark.kind == "conflict":
                    conflicts.append(mark)
                    continue
                colour = QColor(mark.colour)
                colour.setAlphaF(0.85)
                painter.fillRect(self._mark_rect(mark, scale), colour)
            outline = QPen(CONFLICT_RED.darker(160), 1)
            for mark in conflicts:
                rect = self._mark_rect(mark, scale)
                painter.fillRect(rect, CONFLICT_RED)
                if rect.height() >= 6:  # an outline on a thin bar would hide its red
                    painter.setPen(outline)
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))
        painter.end()
        return pixmap

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        if self._view is None:
            painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Base).darker(104))
            painter.end()
            return
        key = self._layer_key()
        if self._pixmap is None or key != self._pixmap_key:
            self._pixmap = self._build_pixmap()
            self._pixmap_key = self._layer_key()  # building may have finished a lazy layout
        painter.drawPixmap(0, 0, self._pixmap)
        highlight = self.palette().color(QPalette.ColorRole.Highlight)
        fill = QColor(highlight)
        fill.setAlphaF(0.20)
        outline = QColor(self.palette().color(QPalette.ColorRole.Text))
        outline.setAlphaF(0.55)
        painter.setPen(QPen(outline, 1))
        painter.setBrush(fill)
        painter.drawRect(self.viewport_rect().adjusted(0.5, 0.5, -0.5, -0.5))
        painter.end()

    # ----------------------------------------------------------------- mouse

    def _jump_to(self, y: float) -> None:
        if self._view is None or self.height() <= 0:
            return
        fraction = min(1.0, max(0.0, y / self.height()))
        document_y = fraction * self._document_height()
        bar = self._view.verticalScrollBar()
        bar.setValue(round(document_y - self._view.viewport().height() / 2))
        self.position_clicked.emit(fraction)

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._jump_to(event.position().y())
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._jump_to(event.position().y())
            event.accept()
            return
        super().mouseMoveEvent(event)

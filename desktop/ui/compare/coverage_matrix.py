"""The coverage matrix: outlets (rows) x shared facts (columns), who reports what and who omits it.

Columns are the claims and quotes two or more outlets report, most widely reported first, then
the conflicts. A cell is a filled shape when the outlet reports the fact (a square for a claim,
a circle for a passage copied word for word), a hollow square when the outlet leaves it out,
and a warning triangle when the outlet takes part in a conflict. Shapes, not colours alone,
carry the meaning, so the matrix reads the same for colour-blind readers and in print.

The widget paints itself at its natural size (``sizeHint``); put it in a ``QScrollArea`` (or use
``CoverageMatrixArea``) where it may not fit. ``save_png`` and ``save_svg`` paint the whole
matrix, visible or not, through the same code as the screen.
"""


from __future__ import annotations

import html

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPalette, QPen
from PySide6.QtWidgets import QScrollArea, QSizePolicy, QToolTip, QWidget

from desktop.core.interchange.safe_write import WriteFailed, write_atomically
from desktop.core.labels import letter_names
from desktop.core.matching.comparison import CLAIM, QUOTE, Comparison
from desktop.ui.compare.coverage_columns import MatrixColumn, cell_tooltip, matrix_columns, row_tooltip
from desktop.ui.compare.coverage_paint import (
    CLAIM_COLOR,
    LEGEND,
    QUOTE_COLOR,
    Ink,
    cell_shape,
    legend_width,
    paint_legend,
    paint_outlet_chip,
    paint_rotated_label,
    paint_shape,
)
from desktop.ui.compare.facts_rows import CONFLICT_COLOR
from desktop.ui.image_files import image_bytes

__all__ = [  # the columns live in coverage_columns, the marks in coverage_paint; importable from here too
    "CLAIM_COLOR", "LEGEND", "MARGIN", "MAX_CACHED_PIXELS", "MAX_HEADER", "MAX_LABEL", "QUOTE_COLOR",
    "CoverageMatrixArea", "CoverageMatrixWidget", "MatrixColumn", "matrix_columns",
]

MARGIN = 12
MAX_HEADER = 190  # longest column label, in pixels, before it is elided
MAX_LABEL = 260  # widest outlet label
# a matrix larger than this (hundreds of outlets) is painted where it shows instead of cached whole:
# a 400-article story's whole image took 1.4 GB and 30 s
MAX_CACHED_PIXELS = 4096 * 4096


class CoverageMatrixWidget(QWidget):
    """Outlets x facts: filled = reports, hollow = leaves out, triangle = takes part in a conflict."""

    fact_selected = Signal(str)  # the reader clicked a fact's column (a cell or its header)
    article_selected = Signal(int)  # the reader clicked an outlet's row label: the article id

    def __init__(self, parent: QWidget | None = None, kinds=(CLAIM, QUOTE), min_sources: int = 2):
        super().__init__(parent)
        self.setObjectName("CoverageMatrix")
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Minimum)
        self.kinds = tuple(kinds)
        self.min_sources = min_sources
        self.comparison: Comparison | None = None
        self.columns: list[MatrixColumn] = []
        self.outlets: list[str] = []  # "A1 · Outlet" per row
        self._exclusive: list[int] = []  # per row: facts only this outlet reports
        self._hover: tuple[int, int] | None = None  # (row or -1, column or -1)
        self._selected = -1  # selected column
        self._cache: QImage | None = None  # the painted matrix, without hover and selection
        self._layout()

    # ------------------------------------------------------------ public API

    def set_comparison(self, comparison: Comparison | None) -> None:
        selected = self.selected_id()
        self.comparison = comparison
        self.columns = matrix_columns(comparison, self.kinds, self.min_sources)
        articles = list(comparison.articles) if comparison is not None else []
        self.outlets = list(letter_names(articles).values())  # "A2 · Bitdefender", labels made once
        summaries = {s.article: s for s in comparison.summaries} if comparison is not None else {}
        self._exclusive = [summaries[a.id].exclusive if a.id in summaries else 0 for a in articles]
        self._hover = None
        self._selected = self.column_of(selected) if selected else -1
        self._layout()
        self._invalidate()

    def column_ids(self) -> list[str]:
        return [c.id for c in self.columns]

    def column_of(self, fact_id: str | None) -> int:
        return next((i for i, c in enumerate(self.columns) if c.id == fact_id), -1)

    def selected_id(self) -> str | None:
        return self.columns[self._selected].id if 0 <= self._selected < len(self.columns) else None

    def select_fact(self, fact_id: str | None) -> bool:
        """Mark this fact's column and scroll it into view, without emitting ``fact_selected``.
        False when the matrix has no column for it (an exclusive, a date ...)."""
        self._selected = self.column_of(fact_id)
        self.update()
        if self._selected < 0:
            return False
        self._ensure_visible(self.column_rect(self._selected))
        return True

    def content_size(self) -> QSize:
        return QSize(self._width, self._height)

    def sizeHint(self) -> QSize:
        return self.content_size()

    def minimumSizeHint(self) -> QSize:
        return self.content_size()

    def cell_rect(self, row: int, fact_id: str) -> QRect:
        """The cell of the outlet at this row (its position in the comparison) and this fact."""
        column = self.column_of(fact_id)
        if column < 0 or not 0 <= row < len(self.outlets):
            return QRect()
        return QRect(self._column_x(column), self._grid_y + row * self._cell, self._cell, self._cell)

    def column_rect(self, column: int) -> QRect:
        """The whole column: its header, count and cells."""
        top = self._header_y
        return QRect(self._column_x(column), top, self._cell, self._grid_y + len(self.outlets) * self._cell - top)

    def hit(self, pos) -> tuple[int, int]:
        """(row, column) under a point: row -1 over the header, column -1 over the outlet labels;
        (-1, -1) elsewhere."""
        x, y = pos.x(), pos.y()
        rows = len(self.outlets)
        column = next((i for i in range(len(self.columns))
                       if self._column_x(i) <= x < self._column_x(i) + self._cell), -1)
        if self._grid_y <= y < self._grid_y + rows * self._cell:
            row = int((y - self._grid_y) // self._cell)
            if column >= 0:
                return row, column
            if MARGIN <= x < MARGIN + self._label_w:
                return row, -1
            return -1, -1
        if column >= 0 and self._header_y <= y < self._grid_y:
            return -1, column
        return -1, -1

    def hit_rect(self, row: int, column: int) -> QRect:
        """The rectangle of what ``hit`` found: a cell, a column header or an outlet label."""
        if column >= 0 and row >= 0:
            return QRect(self._column_x(column), self._grid_y + row * self._cell, self._cell, self._cell)
        if column >= 0:
            return QRect(self._column_x(column), self._header_y, self._cell, self._grid_y - self._header_y)
        if row >= 0:
            return QRect(MARGIN, self._grid_y + row * self._cell, self._label_w, self._cell)
        return QRect()

    def tooltip_at(self, pos) -> str:
        row, column = self.hit(pos)
        if (row, column) == (-1, -1):  # the count of exclusives at the right?
            x, y = pos.x(), pos.y()
            if (self._exclusive_x <= x < self._exclusive_x + self._exclusive_w
                    and self._grid_y <= y < self._grid_y + len(self.outlets) * self._cell):
                row = int((y - self._grid_y) // self._cell)
                count = self._exclusive[row] if row < len(self._exclusive) else 0
                return f"<b>{html.escape(self.outlets[row])}</b>: {count} facts only it reports"
            return ""
        if column >= 0 and row >= 0:
            return self._cell_tooltip(row, column)
        if column >= 0:
            return self.columns[column].tooltip
        if row >= 0:
            return self._row_tooltip(row)
        return ""

    # ------------------------------------------------------------ export

    def to_image(self, scale: float = 1.0) -> QImage:
        size = self.content_size()
        image = QImage(round(size.width() * scale), round(size.height() * scale),
                       QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(scale)
        dots_per_meter = round(self.logicalDpiX() / 0.0254)
        image.setDotsPerMeterX(dots_per_meter)
        image.setDotsPerMeterY(dots_per_meter)
        image.fill(self.palette().color(QPalette.ColorRole.Base))
        painter = QPainter(image)
        try:
            self.paint_matrix(painter)
        finally:
            painter.end()
        return image

    def png_bytes(self, scale: float = 1.0) -> bytes:
        """The whole matrix as a PNG of ``content_size() * scale`` pixels."""
        return image_bytes(self.to_image(scale), "PNG")

    def svg_bytes(self) -> bytes:
        """The whole matrix as an SVG (vector shapes, text kept as text)."""
        from PySide6.QtSvg import QSvgGenerator

        size = self.content_size()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        generator = QSvgGenerator()
        generator.setOutputDevice(buffer)
        generator.setSize(size)
        generator.setViewBox(QRect(0, 0, size.width(), size.height()))
        generator.setResolution(self.logicalDpiX())
        generator.setTitle("Coverage matrix")
        generator.setDescription(self._title())
        painter = QPainter()
        if not painter.begin(generator):
            raise RuntimeError("Qt could not start the SVG writer.")
        try:
            painter.fillRect(QRect(0, 0, size.width(), size.height()), self.palette().color(QPalette.ColorRole.Base))
            self.paint_matrix(painter)
        finally:
            painter.end()
            buffer.close()
        return bytes(data.data())

    def write(self, path, fmt: str) -> None:
        """Save the matrix as ``fmt`` ("png" or "svg") all at once; ``WriteFailed`` naming the path."""
        write_atomically(path, self.svg_bytes() if fmt == "svg" else self.png_bytes())

    def save_png(self, path, scale: float = 1.0) -> bool:
        try:
            write_atomically(path, self.png_bytes(scale))
        except WriteFailed:
            return False
        return True

    def save_svg(self, path) -> bool:
        try:
            self.write(path, "svg")
        except WriteFailed:
            return False
        return True

    # ------------------------------------------------------------ geometry

    def _layout(self) -> None:
        metrics = QFontMetrics(self.font())
        line = metrics.height()
        self._cell = max(24, line + 8)
        self._gap = self._cell // 2 if any(c.is_conflict for c in self.columns) else 0
        self._first_conflict = next((i for i, c in enumerate(self.columns) if c.is_conflict), len(self.columns))
        chip = self._chip_width(metrics)
        widest = max((metrics.horizontalAdvance(name) for name in self.outlets), default=80)
        self._label_w = min(MAX_LABEL, chip + 6 + widest + 12)
        labels = [self._header_text(c) for c in self.columns] + [self._exclusive_header()]
        self._header_h = min(MAX_HEADER, max(metrics.horizontalAdvance(t) for t in labels)) + 10
        self._title_h = line + 10
        self._count_h = line + 2
        self._header_y = MARGIN + self._title_h
        self._grid_y = self._header_y + self._header_h + self._count_h
        self._grid_x = MARGIN + self._label_w
        self._exclusive_w = max(metrics.horizontalAdvance("999") + 16, self._cell)
        grid_right = self._column_x(len(self.columns)) + (self._gap if not self.columns else 0)
        self._exclusive_x = grid_right + self._cell // 2
        self._legend_y = self._grid_y + max(1, len(self.outlets)) * self._cell + 14
        legend_w = self._legend_width(metrics)
        self._width = max(self._exclusive_x + self._exclusive_w, MARGIN + legend_w,
                          MARGIN + metrics.horizontalAdvance(self._title())) + MARGIN
        self._height = self._legend_y + self._cell + MARGIN
        self.updateGeometry()
        self.resize(self.size().expandedTo(self.content_size()))

    def _column_x(self, column: int) -> int:
        x = self._grid_x + column * self._cell
        return x + self._gap if column >= self._first_conflict else x

    @staticmethod
    def _chip_width(metrics: QFontMetrics) -> int:
        return metrics.horizontalAdvance("A10") + 4

    @staticmethod
    def _header_text(column: MatrixColumn) -> str:
        return ("⚠ " if column.is_conflict else "") + column.label

    @staticmethod
    def _exclusive_header() -> str:
        return "Facts only it reports"

    def _title(self) -> str:
        facts = sum(1 for c in self.columns if not c.is_conflict)
        conflicts = len(self.columns) - facts
        text = f"Who reports what: {len(self.outlets)} outlets × {facts} shared claims and quotes"
        return text + (f", {conflicts} conflicts" if conflicts else "")

    def _legend_width(self, metrics: QFontMetrics) -> int:
        return legend_width(metrics, self._cell)

    def _ensure_visible(self, rect: QRect) -> None:
        area = self.parentWidget()
        while area is not None and not isinstance(area, QScrollArea):
            area = area.parentWidget()
        content = area.widget() if area is not None else None
        if content is None or not (content is self or content.isAncestorOf(self)):
            return
        top_left = self.mapTo(content, rect.topLeft())
        area.ensureVisible(top_left.x() + rect.width() // 2, top_left.y() + rect.height() // 2,
                           rect.width() // 2 + 8, rect.height() // 2 + 8)

    # ------------------------------------------------------------ tooltips

    def _cell_tooltip(self, row: int, column: int) -> str:
        return cell_tooltip(self.columns[column], row, self.outlets[row])

    def _row_tooltip(self, row: int) -> str:
        article = self.comparison.articles[row] if self.comparison is not None else None
        exclusive = self._exclusive[row] if row < len(self._exclusive) else None
        return row_tooltip(self.columns, row, self.outlets[row], article, exclusive)

    # ------------------------------------------------------------ painting

    def paintEvent(self, event) -> None:
        """The matrix from a cached image, then the hover bands and the selected column on top:
        hovering repaints often, and the cache keeps each repaint to a few calls."""
        ratio = self.devicePixelRatioF()
        cached = self._width * self._height * ratio * ratio <= MAX_CACHED_PIXELS
        if cached and (self._cache is None or self._cache.devicePixelRatio() != ratio):
            self._cache = self.to_image(ratio)
        painter = QPainter(self)
        try:
            painter.fillRect(event.rect(), self.palette().color(QPalette.ColorRole.Base))
            if cached:
                painter.drawImage(0, 0, self._cache)
            else:
                painter.setClipRect(event.rect())
                self.paint_matrix(painter)  # only the rows and columns in the clip are drawn
            self._paint_overlays(painter)
        finally:
            painter.end()

    def _paint_overlays(self, painter: QPainter) -> None:
        highlight = self.palette().color(QPalette.ColorRole.Highlight)
        cell = self._cell
        right = self._exclusive_x + self._exclusive_w
        if self._hover is not None:
            band = QColor(highlight)
            band.setAlphaF(0.16)
            hover_row, hover_column = self._hover
            if hover_row >= 0:
                painter.fillRect(QRect(MARGIN, self._grid_y + hover_row * cell, right - MARGIN, cell), band)
            if hover_column >= 0:
                painter.fillRect(self.column_rect(hover_column), band)
        if 0 <= self._selected < len(self.columns):
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(highlight, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(self.column_rect(self._selected)).adjusted(1, 1, -1, -1), 4, 4)

    def _invalidate(self) -> None:
        self._cache = None
        self.update()

    def paint_matrix(self, painter: QPainter) -> None:
        """Paint the whole matrix at (0, 0) on any paint device (image, SVG, printer), without
        the hover and selection marks of the screen."""
        ink = Ink.of(self.palette(), self.font())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        cell, rows = self._cell, len(self.outlets)

        painter.setFont(ink.bold)
        painter.setPen(ink.text)
        painter.drawText(QRect(MARGIN, MARGIN, self._width - 2 * MARGIN, self._title_h),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, self._title())
        if not self.columns or not rows:
            painter.setFont(ink.font)
            painter.setPen(ink.faint)
            painter.drawText(QRect(MARGIN, self._grid_y, self._width - 2 * MARGIN, cell),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             "No facts shared by two or more outlets yet." if rows else "No comparison yet.")
            paint_legend(painter, ink.font, ink.text, MARGIN, self._legend_y, cell)
            return

        visible_columns, visible_rows = self._visible_ranges(painter)
        self._paint_row_bands(painter, ink)
        self._paint_column_headers(painter, ink, visible_columns)
        self._paint_outlet_labels(painter, ink, visible_rows)
        for i in visible_columns:  # the cells
            column = self.columns[i]
            for row in visible_rows:
                rect = QRectF(self._column_x(i), self._grid_y + row * cell, cell, cell)
                paint_shape(painter, cell_shape(column, row), rect, ink.text)

        paint_legend(painter, ink.font, ink.text, MARGIN, self._legend_y, cell)

    def _visible_ranges(self, painter: QPainter) -> tuple[range, range]:
        """(columns, rows) to paint: on screen, only those in the clip, so a big matrix is
        painted where it shows; everything on an image, SVG or printer."""
        cell, rows = self._cell, len(self.outlets)
        if not painter.hasClipping():
            return range(len(self.columns)), range(rows)
        clip = painter.clipBoundingRect()
        return (range(max(0, int((clip.left() - self._grid_x - self._gap) // cell) - 1),
                      min(len(self.columns), int((clip.right() - self._grid_x) // cell) + 2)),
                range(max(0, int((clip.top() - self._grid_y) // cell) - 1),
                      min(rows, int((clip.bottom() - self._grid_y) // cell) + 2)))

    def _paint_row_bands(self, painter: QPainter, ink: Ink) -> None:
        """Alternate rows shaded, and a thin rule between the facts and the conflicts."""
        cell, rows = self._cell, len(self.outlets)
        right = self._exclusive_x + self._exclusive_w
        alternate = self.palette().color(QPalette.ColorRole.AlternateBase)
        for row in range(rows):
            if row % 2:
                painter.fillRect(QRect(MARGIN, self._grid_y + row * cell, right - MARGIN, cell), alternate)
        if self._gap:
            x = self._column_x(self._first_conflict) - self._gap / 2
            painter.setPen(QPen(ink.faint, 1, Qt.PenStyle.DotLine))
            painter.drawLine(QPointF(x, self._header_y + 4), QPointF(x, self._grid_y + rows * cell))

    def _paint_column_headers(self, painter: QPainter, ink: Ink, visible_columns: range) -> None:
        """The column labels, rotated, the exclusives' header, and the n/N counts under them."""
        cell, rows = self._cell, len(self.outlets)
        metrics = QFontMetrics(ink.font)
        header_bottom = self._header_y + self._header_h
        for i in visible_columns:
            column = self.columns[i]
            paint_rotated_label(painter, self._column_x(i) + cell / 2, header_bottom, self._header_text(column),
                                ink.font, metrics, QColor(CONFLICT_COLOR) if column.is_conflict else ink.text,
                                self._header_h - 8)
        paint_rotated_label(painter, self._exclusive_x + self._exclusive_w / 2, header_bottom,
                            self._exclusive_header(), ink.font, metrics, ink.faint, self._header_h - 8)
        painter.setFont(ink.small)
        small_metrics = QFontMetrics(ink.small)
        for i in visible_columns:
            column = self.columns[i]
            count = f"{column.sources}/{rows}"
            if small_metrics.horizontalAdvance(count) > cell - 2:
                count = str(column.sources)
            painter.setPen(ink.faint)
            painter.drawText(QRect(self._column_x(i), header_bottom, cell, self._count_h),
                             Qt.AlignmentFlag.AlignCenter, count)

    def _paint_outlet_labels(self, painter: QPainter, ink: Ink, visible_rows: range) -> None:
        """Per outlet row: a chip with its letter, its name, and at the right the facts only it reports."""
        cell = self._cell
        metrics = QFontMetrics(ink.font)
        chip_w = self._chip_width(metrics)
        chip_font = QFont(ink.small)
        chip_font.setBold(True)
        for row in visible_rows:
            name, y = self.outlets[row], self._grid_y + row * cell
            chip = QRectF(MARGIN + 0.5, y + (cell - metrics.height()) / 2 + 0.5, chip_w - 1, metrics.height() - 1)
            paint_outlet_chip(painter, chip, row, chip_font)
            painter.setFont(ink.font)
            painter.setPen(ink.text)
            outlet = name.split(" · ", 1)[-1]
            label_x = MARGIN + chip_w + 6
            painter.drawText(QRect(label_x, y, self._grid_x - label_x - 8, cell),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             metrics.elidedText(outlet, Qt.TextElideMode.ElideRight, self._grid_x - label_x - 8))
            if row < len(self._exclusive):
                painter.setPen(ink.faint)
                painter.drawText(QRect(self._exclusive_x, y, self._exclusive_w, cell), Qt.AlignmentFlag.AlignCenter,
                                 str(self._exclusive[row]))

    # ------------------------------------------------------------ events

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            text = self.tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self, self.hit_rect(*self.hit(event.pos())))
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.PaletteChange):
            self._layout()
            self._invalidate()
        return super().event(event)

    def mouseMoveEvent(self, event) -> None:
        hover = self.hit(event.position().toPoint())
        hover = None if hover == (-1, -1) else hover
        if hover != self._hover:
            self._hover = hover
            clickable = hover is not None
            self.setCursor(Qt.CursorShape.PointingHandCursor if clickable else Qt.CursorShape.ArrowCursor)
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event) -> None:
        if self._hover is not None:
            self._hover = None
            self.update()
        super().leaveEvent(event)

    def mousePressEvent(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        row, column = self.hit(event.position().toPoint())
        if column >= 0:
            self._selected = column
            self.update()
            self.fact_selected.emit(self.columns[column].id)
        elif row >= 0 and self.comparison is not None:
            self.article_selected.emit(self.comparison.articles[row].id)
        event.accept()

    def keyPressEvent(self, event) -> None:
        step = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}.get(event.key())
        if step is None or not self.columns:
            super().keyPressEvent(event)
            return
        column = max(0, min(len(self.columns) - 1, (self._selected if self._selected >= 0 else -step) + step))
        if column != self._selected:
            self._selected = column
            self._ensure_visible(self.column_rect(column))
            self.update()
            self.fact_selected.emit(self.columns[column].id)
        event.accept()


class CoverageMatrixArea(QScrollArea):
    """The matrix in a scroll area, for a dock or a tab: ``area.matrix`` is the widget."""

    def __init__(self, parent: QWidget | None = None, **options):
        super().__init__(parent)
        self.setObjectName("CoverageMatrixArea")
        self.matrix = CoverageMatrixWidget(**options)
        self.setWidget(self.matrix)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.fact_selected = self.matrix.fact_selected
        self.article_selected = self.matrix.article_selected

    def set_comparison(self, comparison) -> None:
        self.matrix.set_comparison(comparison)

    def select_fact(self, fact_id: str | None) -> bool:
        return self.matrix.select_fact(fact_id)

    def sizeHint(self) -> QSize:
        hint = self.matrix.sizeHint()
        frame = 2 * self.frameWidth()
        return QSize(hint.width() + frame, hint.height() + frame)

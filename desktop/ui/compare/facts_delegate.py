"""The outlet chips of the facts table: ``OutletChipsDelegate`` paints, per row, one chip per
outlet (filled when it reports the row, hollow or dim when it leaves it out, outlined with dashes
in the outlet's colour when it possibly says it in other words), cached per pattern."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate

from desktop.ui.compare.facts_model import FactsModel
from desktop.ui.compare.facts_rows import outlet_color, outlet_letter, text_color_on


class OutletChipsDelegate(QStyledItemDelegate):
    """Paints one chip per outlet: filled in the outlet's colour when it reports the row,
    hollow when it leaves it out. The letter inside keeps them apart without colour.

    It reads the row straight from the Python model and paints a cached strip per pattern of
    chips. Besides speed, this keeps Python-side calls per repaint few: PySide6 6.12.0 on
    CPython 3.11 drops a reference to ``None`` on every call of a method returning nothing
    (and on every invalid QVariant returned to Python), which after some thousands of calls
    ends in "Fatal Python error: none_dealloc"."""

    GAP = 3

    def __init__(self, parent=None, compact: bool = False):
        super().__init__(parent)
        # compact: small chips numbered 1..N (pane A1 is chip 1), so the column fits a narrow sidebar
        self.compact = compact
        self.gap = 2 if compact else self.GAP
        self._strips: dict[tuple, QPixmap] = {}
        self._sizes: dict[tuple, QSize] = {}

    def chip_text(self, position: int) -> str:
        return str(position + 1) if self.compact else outlet_letter(position)

    @staticmethod
    def _row(index):
        model = index.model()
        if isinstance(model, QSortFilterProxyModel):
            index = model.mapToSource(index)
            model = model.sourceModel()
        if isinstance(model, FactsModel) and 0 <= index.row() < model.rowCount():
            return model.row_at(index.row())
        return None

    @classmethod
    def reported_of(cls, index) -> tuple[bool, ...]:
        row = cls._row(index)
        return row.reported if row is not None else ()

    @classmethod
    def possible_of(cls, index) -> tuple[bool, ...]:
        """Per outlet: whether it possibly states the row in other words (empty: none does)."""
        row = cls._row(index)
        return row.possible if row is not None else ()

    def _chip_font(self, font: QFont) -> QFont:
        chip_font = QFont(font)
        chip_font.setPointSizeF(max(6.5, font.pointSizeF() * (0.72 if self.compact else 0.8)))
        chip_font.setBold(True)
        return chip_font

    def _chip_size(self, font: QFont, count: int = 0) -> QSize:
        metrics = QFontMetrics(self._chip_font(font))
        if self.compact:
            widest = "10" if count >= 10 else "8"
            side = max(metrics.horizontalAdvance(widest) + 5, metrics.height())
            return QSize(side, metrics.height())
        return QSize(metrics.horizontalAdvance("A10") + 4, metrics.height() + 2)

    def paint(self, painter: QPainter, option, index) -> None:
        reported = self.reported_of(index)
        possible = self.possible_of(index)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(option.rect, option.palette.highlight())
        text = option.palette.highlightedText().color() if selected else option.palette.text().color()
        ratio = option.widget.devicePixelRatioF() if option.widget is not None else 1.0
        key = (reported, possible, text.rgba(), option.font.key(), ratio)
        strip = self._strips.get(key)
        if strip is None:
            if len(self._strips) > 512:
                self._strips.clear()
            strip = self._strips[key] = self._paint_strip(reported, text, option.font, ratio, possible)
        y = option.rect.top() + (option.rect.height() - round(strip.height() / ratio)) // 2
        painter.drawPixmap(option.rect.left() + 4, y, strip)

    def _paint_strip(self, reported: tuple[bool, ...], text: QColor, font: QFont, ratio: float,
                     possible: tuple[bool, ...] = ()) -> QPixmap:
        """The chips of one row, painted once per pattern and cached: a view repaints rows often."""
        chip = self._chip_size(font, len(reported))
        width = max(1, len(reported) * (chip.width() + self.gap))
        strip = QPixmap(round(width * ratio), round(chip.height() * ratio))
        strip.setDevicePixelRatio(ratio)
        strip.fill(Qt.GlobalColor.transparent)
        painter = QPainter(strip)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self._chip_font(font))
        x = 0
        for position, yes in enumerate(reported):
            rect = QRectF(x + 0.5, 0.5, chip.width() - 1, chip.height() - 1)
            color = outlet_color(position)
            if yes:
                painter.setPen(QPen(color.darker(130), 1))
                painter.setBrush(color)
                painter.drawRoundedRect(rect, 3, 3)
                painter.setPen(text_color_on(color))
            elif position < len(possible) and possible[position]:  # maybe, in other words: dashed
                painter.setPen(QPen(color.darker(115), 1.2, Qt.PenStyle.DashLine))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(rect, 3, 3)
                painter.setPen(color.darker(140))
            elif self.compact:  # left out: only a dim number, so the filled chips stand out
                dim = QColor(text)
                dim.setAlphaF(0.38)
                painter.setPen(dim)
            else:
                dim = QColor(text)
                dim.setAlphaF(0.4)
                painter.setPen(QPen(dim, 1, Qt.PenStyle.DotLine))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(rect, 3, 3)
                painter.setPen(dim)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.chip_text(position))
            x += chip.width() + self.gap
        painter.end()
        return strip

    def sizeHint(self, option, index) -> QSize:
        return self.size_for(len(self.reported_of(index)), option.font)

    def size_for(self, count: int, font: QFont) -> QSize:
        """The size of a row's chips for ``count`` outlets: the same for every row of a comparison."""
        key = (count, font.key())
        size = self._sizes.get(key)
        if size is None:  # asked for every row whenever the columns resize: computed once
            chip = self._chip_size(font, count)
            width = 8 + count * (chip.width() + self.gap)
            height = max(QFontMetrics(font).height() + 6, chip.height() + 4)
            size = self._sizes[key] = QSize(max(width, 40), height)
        return size

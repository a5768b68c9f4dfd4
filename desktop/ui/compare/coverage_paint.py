"""How the coverage matrix's marks are drawn: the shape of a cell (filled square, filled circle,
hollow square, warning triangle), the legend of those shapes, a rotated column label and an
outlet's lettered chip. Plain functions on a ``QPainter`` with the geometry handed in: the
widget (``coverage_matrix``) decides where things go, these decide how they look."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPalette, QPen

from desktop.core.matching.comparison import QUOTE
from desktop.ui.compare.coverage_columns import MatrixColumn
from desktop.ui.compare.facts_rows import CONFLICT_COLOR, outlet_color, outlet_letter, text_color_on

CLAIM_COLOR = "#0072B2"  # Okabe-Ito blue
QUOTE_COLOR = "#8E44AD"  # purple; quotes are also round, so colour is never the only cue
LEGEND = (("claim", "reports it"), ("less sure", "possibly (less sure)"), ("quote", "reports it word for word"),
          ("omitted", "leaves it out"), ("conflict", "takes part in a conflict"))
LESS_SURE_FILL = 0.35  # a less sure link's square: this much of the claim colour, and a dashed edge


class Ink(NamedTuple):
    """The colours and fonts one painting of the matrix uses."""

    text: QColor
    faint: QColor  # counts, the exclusives, the rule before the conflicts
    font: QFont
    small: QFont  # the n/N counts
    bold: QFont  # the title

    @classmethod
    def of(cls, palette: QPalette, font: QFont) -> Ink:
        text = palette.color(QPalette.ColorRole.Text)
        faint = QColor(text)
        faint.setAlphaF(0.55)
        font = QFont(font)
        small = QFont(font)
        small.setPointSizeF(max(6.5, font.pointSizeF() * 0.85))
        bold = QFont(font)
        bold.setBold(True)
        return cls(text, faint, font, small, bold)


def cell_shape(column: MatrixColumn, row: int) -> str:
    """The mark of the outlet at ``row`` in this column: "claim", "less sure" (a claim or quote whose
    link Parallax is less sure of), "quote", "conflict" or "omitted"."""
    if column.is_conflict:
        return "conflict" if column.reported[row] else "omitted"
    if column.reported[row]:
        return "less sure" if column.less_sure else "quote" if column.kind == QUOTE else "claim"
    return "omitted"


def legend_width(metrics: QFontMetrics, cell: int) -> int:
    return sum(cell + metrics.horizontalAdvance(text) + 18 for _shape, text in LEGEND)


def paint_legend(painter: QPainter, font: QFont, text: QColor, x: int, y: int, cell: int) -> None:
    """The shapes and what they mean, in a row from (x, y), each shape a ``cell`` square."""
    metrics = QFontMetrics(font)
    painter.setFont(font)
    for shape, label in LEGEND:
        paint_shape(painter, shape, QRectF(x, y, cell, cell), text)
        painter.setPen(text)
        painter.drawText(QRect(x + cell + 2, y, metrics.horizontalAdvance(label) + 4, cell),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
        x += cell + metrics.horizontalAdvance(label) + 18


def paint_rotated_label(painter: QPainter, centre_x: float, bottom: float, label: str, font: QFont,
                        metrics: QFontMetrics, color: QColor, room: int) -> None:
    """A column label written upwards, centred on ``centre_x``, ending at ``bottom``, elided to ``room``."""
    painter.save()
    painter.translate(centre_x + metrics.ascent() / 2 - 1, bottom - 4)
    painter.rotate(-90)
    painter.setFont(font)
    painter.setPen(color)
    painter.drawText(QPointF(0, 0), metrics.elidedText(label, Qt.TextElideMode.ElideRight, room))
    painter.restore()


def paint_outlet_chip(painter: QPainter, chip: QRectF, position: int, font: QFont) -> None:
    """The rounded chip in the outlet's colour with its letter (A1, A2 ...) inside."""
    color = outlet_color(position)
    painter.setPen(QPen(color.darker(130), 1))
    painter.setBrush(color)
    painter.drawRoundedRect(chip, 3, 3)
    painter.setFont(font)
    painter.setPen(text_color_on(color))
    painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, outlet_letter(position))


def paint_shape(painter: QPainter, shape: str, rect: QRectF, text: QColor) -> None:
    """One cell's mark, centred in rect: filled square (claim), pale square with a dashed edge (a
    less sure link), filled circle (quote), hollow square (omitted), warning triangle (conflict)."""
    side = rect.width() * 0.58
    box = QRectF(rect.center().x() - side / 2, rect.center().y() - side / 2, side, side)
    painter.save()
    if shape == "claim":
        color = QColor(CLAIM_COLOR)
        painter.setPen(QPen(color.darker(125), 1))
        painter.setBrush(color)
        painter.drawRoundedRect(box, 2, 2)
    elif shape == "less sure":
        color = QColor(CLAIM_COLOR)
        painter.setPen(QPen(color.darker(125), 1, Qt.PenStyle.DashLine))
        color.setAlphaF(LESS_SURE_FILL)
        painter.setBrush(color)
        painter.drawRoundedRect(box, 2, 2)
    elif shape == "quote":
        color = QColor(QUOTE_COLOR)
        painter.setPen(QPen(color.darker(125), 1))
        painter.setBrush(color)
        painter.drawEllipse(box)
    elif shape == "conflict":
        _paint_triangle(painter, box, side)
    else:  # omitted
        outline = QColor(text)
        outline.setAlphaF(0.5)
        painter.setPen(QPen(outline, 1.3))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(box.adjusted(0.5, 0.5, -0.5, -0.5), 2, 2)
    painter.restore()


def _paint_triangle(painter: QPainter, box: QRectF, side: float) -> None:
    """The conflict mark: a vermilion warning triangle with a white "!"."""
    color = QColor(CONFLICT_COLOR)
    grown = box.adjusted(-2, -2, 2, 1)
    path = QPainterPath()
    path.moveTo(grown.center().x(), grown.top())
    path.lineTo(grown.right(), grown.bottom())
    path.lineTo(grown.left(), grown.bottom())
    path.closeSubpath()
    painter.setPen(QPen(color.darker(125), 1))
    painter.setBrush(color)
    painter.drawPath(path)
    painter.setPen(QPen(QColor("#ffffff"), max(1.5, side / 9), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    cx = grown.center().x()
    painter.drawLine(QPointF(cx, grown.top() + grown.height() * 0.38),
                     QPointF(cx, grown.top() + grown.height() * 0.68))
    painter.drawPoint(QPointF(cx, grown.top() + grown.height() * 0.84))

"""Who cites whom, drawn: the story's outlets on the left, the sources they cite on the right,
an arrow per citation, painted with QPainter (no web view).

Arrows to the source the story traces back to are drawn thick in the accent colour and that
source carries "origin"; a citation about something else in the story (another company's
layoffs) is dashed and grey. Sources are shaped by kind so colour is never the only cue: a
rounded box for an outlet or agency, an ellipse for a journalist or a person, a plain box for an
organisation. Hovering a node or an arrow shows the wording of the citations.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desktop.core.labels import article_labels

ORIGIN = QColor("#0072B2")
OTHER = QColor(140, 140, 140)
NODE_H = 40  # two lines: a narrow sidebar (1280x800) wraps a name instead of cutting it
GAP = 12
MARGIN = 12


class AttributionGraphWidget(QWidget):
    """outlet -> cited source; ``citation_clicked`` with the citation's index on a click."""

    citation_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.comparison = None
        self.outlets: list[tuple[int, str]] = []  # (article id, "A1 · Bitdefender")
        self.sources: list[tuple[str, str]] = []  # (name, kind)
        self.edges: list[tuple[int, int, list[int]]] = []  # (outlet row, source row, citation indexes)
        self.setMouseTracking(True)
        self.setMinimumHeight(120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_comparison(self, comparison) -> None:
        self.comparison = comparison
        graph = comparison.attributions
        letters = {a.id: f"A{i}" for i, a in enumerate(comparison.articles, 1)}
        labels = article_labels(comparison.articles)  # outlet, or the headline's first words; made once
        citing = sorted({c.article for c in graph.citations}, key=lambda a: letters.get(a, ""))
        self.outlets = [(a, f"{letters.get(a, '?')} · {labels.get(a, 'Unknown outlet')}") for a in citing]
        names: dict[str, str] = {}
        for c in graph.citations:
            names.setdefault(c.source, c.source_kind)
        order = sorted(names, key=lambda n: (n != graph.origin, n))
        self.sources = [(n, names[n]) for n in order]
        edges: dict[tuple[int, int], list[int]] = {}
        for index, c in enumerate(graph.citations):
            key = (citing.index(c.article), order.index(c.source))
            edges.setdefault(key, []).append(index)
        self.edges = [(o, s, found) for (o, s), found in sorted(edges.items())]
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        rows = max(len(self.outlets), len(self.sources), 1)
        return QSize(360, MARGIN * 2 + rows * (NODE_H + GAP) + 24)

    # ------------------------------------------------------------------ geometry

    def _column(self, count: int, left: bool) -> list[QRectF]:
        # the sources' names are what is read; an outlet is known by its letter: more room on the right
        width = max(90.0 if left else 110.0, (self.width() - 2 * MARGIN) * (0.34 if left else 0.46))
        x = MARGIN if left else self.width() - MARGIN - width
        top = MARGIN + 20
        return [QRectF(x, top + i * (NODE_H + GAP), width, NODE_H) for i in range(count)]

    def node_rects(self) -> tuple[list[QRectF], list[QRectF]]:
        return self._column(len(self.outlets), True), self._column(len(self.sources), False)

    def edge_path(self, edge) -> QPainterPath:
        left, right = self.node_rects()
        a, b = left[edge[0]], right[edge[1]]
        start, end = QPointF(a.right(), a.center().y()), QPointF(b.left() - 6, b.center().y())
        path = QPainterPath(start)
        dx = (end.x() - start.x()) / 2
        path.cubicTo(QPointF(start.x() + dx, start.y()), QPointF(end.x() - dx, end.y()), end)
        return path

    def _is_origin(self, edge) -> bool:
        graph = self.comparison.attributions
        return self.sources[edge[1]][0] == graph.origin and any(
            graph.citations[i].about_story for i in edge[2])

    # ------------------------------------------------------------------ painting

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(palette.ColorRole.Text)
        painter.fillRect(self.rect(), palette.color(palette.ColorRole.Base))
        if self.comparison is None or not self.edges:
            painter.setPen(text)
            painter.drawText(self.rect().adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             "No outlet names a source." if self.comparison else "No comparison yet.")
            return
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(text)
        left, right = self.node_rects()
        painter.drawText(QRectF(left[0].left(), MARGIN - 2, left[0].width(), 18), "Outlet", )
        painter.drawText(QRectF(right[0].left(), MARGIN - 2, right[0].width(), 18), "cites")
        painter.setFont(self.font())
        for edge in self.edges:
            about = any(self.comparison.attributions.citations[i].about_story for i in edge[2])
            colour = ORIGIN if self._is_origin(edge) else (text if about else OTHER)
            pen = QPen(colour, 3.0 if self._is_origin(edge) else 1.5)
            if not about:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            path = self.edge_path(edge)
            painter.drawPath(path)
            tip = path.pointAtPercent(1.0)
            painter.setBrush(colour)
            painter.drawPolygon(QPolygonF([tip, tip + QPointF(-8, -4), tip + QPointF(-8, 4)]))
        small = QFont(self.font())
        small.setPointSizeF(max(6.0, self.font().pointSizeF() * 0.85))
        for rect, (_article, label) in zip(left, self.outlets):
            letter, _, outlet = label.partition(" · ")
            self._node(painter, rect, "outlet", False, text, (outlet or letter, letter if outlet else ""), small)
        origin = self.comparison.attributions.origin
        for rect, (name, kind) in zip(right, self.sources):
            self._node(painter, rect, kind, name == origin, text,
                       (name, kind + (" · origin" if name == origin else "")), small)

    def _node(self, painter, rect, kind, origin, text, lines: tuple[str, str], small: QFont) -> None:
        """A node: its shape by kind, the name on the first line (cut with "…" only when even
        the node's width cannot hold it), what it is on a second, smaller line."""
        painter.setPen(QPen(ORIGIN if origin else text, 2.0 if origin else 1.0))
        painter.setBrush(self.palette().color(self.palette().ColorRole.AlternateBase))
        if kind in ("journalist", "person"):
            painter.drawEllipse(rect)
        elif kind in ("outlet", "agency"):
            painter.drawRoundedRect(rect, 8, 8)
        else:
            painter.drawRect(rect)
        inset = 10 if kind in ("journalist", "person") else 6  # an ellipse is narrower at its top and foot
        inner = rect.adjusted(inset, 2, -inset, -2)
        name, what = lines
        centred = Qt.AlignmentFlag.AlignHCenter
        top, bottom = QRectF(inner.left(), inner.top(), inner.width(), inner.height() / 2 + 1), \
            QRectF(inner.left(), inner.center().y(), inner.width(), inner.height() / 2)
        painter.setPen(text)
        painter.setFont(self.font())
        metrics = QFontMetrics(self.font())
        painter.drawText(top, centred | Qt.AlignmentFlag.AlignBottom,
                         metrics.elidedText(name, Qt.TextElideMode.ElideRight, int(inner.width())))
        painter.setFont(small)
        painter.setPen(OTHER if not origin else ORIGIN)
        painter.drawText(bottom, centred | Qt.AlignmentFlag.AlignTop,
                         QFontMetrics(small).elidedText(what, Qt.TextElideMode.ElideRight, int(inner.width())))
        painter.setFont(self.font())

    # ------------------------------------------------------------------ hover, click

    def edge_at(self, point: QPointF) -> int | None:
        """The arrow nearest the point (within a few pixels), or None."""
        best, distance = None, 7.0
        for index, edge in enumerate(self.edges):
            path = self.edge_path(edge)
            for step in range(61):
                found = (path.pointAtPercent(step / 60) - point).manhattanLength()
                if found < distance:
                    best, distance = index, found
        return best

    def tooltip_at(self, point: QPointF) -> str:
        if self.comparison is None:
            return ""
        citations = self.comparison.attributions.citations
        _left, right = self.node_rects()
        for rect, (name, kind) in zip(right, self.sources):
            if rect.contains(point):
                lines = [f"<b>{html.escape(name)}</b> ({html.escape(kind)})"]
                lines += [f"{html.escape(self._letter(c.article))}: “{html.escape(c.text)}”"
                          for c in citations if c.source == name]
                if name == self.comparison.attributions.origin:
                    lines.append("<i>The story traces back to this source.</i>")
                return "<qt>" + "<br>".join(lines) + "</qt>"
        edge = self.edge_at(point)
        if edge is not None:
            found = [citations[i] for i in self.edges[edge][2]]
            return "<qt>" + "<br>".join(
                f"{html.escape(self._letter(c.article))} → {html.escape(c.source)} ({html.escape(c.verb)}): "
                f"“{html.escape(c.text)}”" + ("" if c.about_story else " <i>(about something else)</i>")
                for c in found) + "</qt>"
        return ""

    def _letter(self, article_id: int) -> str:
        return next((label for a, label in self.outlets if a == article_id), str(article_id))

    def mouseMoveEvent(self, event) -> None:
        tip = self.tooltip_at(event.position())
        if tip:
            QToolTip.showText(event.globalPosition().toPoint(), tip, self)
        else:
            QToolTip.hideText()

    def mousePressEvent(self, event) -> None:
        edge = self.edge_at(event.position())
        if edge is not None:
            self.citation_clicked.emit(self.edges[edge][2][0])

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
NODE_H = 40  # two lines: the name, then what it is
TALL_NODE_H = 56  # a name too wide for its node (a narrow sidebar, 1280x800) wraps onto a second line
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
        return QSize(360, MARGIN * 2 + rows * (self.node_height() + GAP) + 24)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.updateGeometry()  # a narrower diagram may need taller nodes

    def names(self) -> tuple[list[str], list[str]]:
        """The names shown on the outlet nodes and on the source nodes."""
        outlets = []
        for _article, label in self.outlets:
            letter, _, outlet = label.partition(" · ")
            outlets.append(outlet or letter)
        return outlets, [name for name, _kind in self.sources]

    def node_height(self) -> int:
        """Taller nodes when some name is wider than its node: it wraps rather than being cut
        (worked out once per width, font and story: every arrow asks for the node boxes)."""
        key = (self.width(), self.font().key(), tuple(self.outlets), tuple(self.sources))
        if getattr(self, "_height_key", None) != key:
            metrics = QFontMetrics(self.font())
            tall = any(metrics.horizontalAdvance(n) > width - 2 * inset
                       for names, width, inset in zip(self.names(), self._widths(), (6, 10), strict=True)
                       for n in names)
            self._height_key, self._height = key, TALL_NODE_H if tall else NODE_H
        return self._height

    # ------------------------------------------------------------------ geometry

    def _widths(self) -> tuple[float, float]:
        # the sources' names are what is read; an outlet is known by its letter: more room on the right
        return (max(90.0, (self.width() - 2 * MARGIN) * 0.34), max(110.0, (self.width() - 2 * MARGIN) * 0.46))

    def _column(self, count: int, left: bool) -> list[QRectF]:
        width = self._widths()[0 if left else 1]
        height = self.node_height()
        x = MARGIN if left else self.width() - MARGIN - width
        top = MARGIN + 20
        return [QRectF(x, top + i * (height + GAP), width, height) for i in range(count)]

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
        """A node: its shape by kind, the name on the first line (on two in a taller node when
        it is too wide, cut with "…" only when even two lines cannot hold it), what it is on a
        last, smaller line."""
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
        metrics = QFontMetrics(self.font())
        shown = wrapped_name(name, metrics, inner.width(), 2 if rect.height() >= TALL_NODE_H else 1)
        # the name's lines and the smaller line below them, centred together in the node
        name_h, small_h = metrics.height() * (shown.count("\n") + 1), QFontMetrics(small).height()
        y = inner.center().y() - (name_h + small_h) / 2
        top = QRectF(inner.left(), y, inner.width(), name_h)
        bottom = QRectF(inner.left(), y + name_h, inner.width(), small_h)
        painter.setPen(text)
        painter.setFont(self.font())
        painter.drawText(top, centred | Qt.AlignmentFlag.AlignVCenter, shown)
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


def wrapped_name(name: str, metrics: QFontMetrics, width: float, lines: int) -> str:
    """``name`` on at most ``lines`` lines of ``width`` (broken between words), the last line cut
    with "…" when the name does not fit."""
    words, out = name.split(), []
    while words and len(out) < lines - 1:
        line = words.pop(0)
        while words and metrics.horizontalAdvance(f"{line} {words[0]}") <= width:
            line += " " + words.pop(0)
        if metrics.horizontalAdvance(line) > width:  # one word too long: cut on the last line
            words.insert(0, line)
            break
        out.append(line)
    if words:
        out.append(metrics.elidedText(" ".join(words), Qt.TextElideMode.ElideRight, int(width)))
    return "\n".join(out)

"""The Notes list's view: note cards in a one-column table (``make_card_view``), painted by
``NoteCardDelegate`` (quote, note, first link, tags and date; group headers as bands).

Every row has the same fixed height, so laying out 100,000 rows needs none of their data and
scrolling reads only the rows it brings into sight. The "Link to…" dialog lists its
candidates with the same view.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from desktop.core.models import Annotation
from desktop.ui.notes.notes_model import AnnotationsModel, GroupHeader, color_swatch, first_line, link_text


def make_card_view(model: QAbstractListModel, parent: QWidget | None = None) -> QTableView:
    """A list of note cards: a one-column table without headers or grid whose rows all have the
    card's height, so it lays out 100,000 rows without asking for their data (a QListView asks
    every row for its size) and a row deep in the list can be scrolled to at once."""
    view = QTableView(parent)
    view.setModel(model)
    delegate = NoteCardDelegate(view)
    view.setItemDelegate(delegate)
    view.horizontalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    rows = view.verticalHeader()
    rows.hide()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setMinimumSectionSize(1)
    rows.setDefaultSectionSize(delegate.row_height(QFontMetrics(view.font())))
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.setCornerButtonEnabled(False)
    view.setTabKeyNavigation(False)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return view


def wrap_lines(fm: QFontMetrics, text: str, width: int, lines: int) -> list[str]:
    """``text`` broken at spaces into at most ``lines`` lines of ``width`` pixels, the last
    one elided."""
    words, out, current = text.split(), [], ""
    while words and len(out) < lines - 1:
        candidate = f"{current} {words[0]}".strip()
        if fm.horizontalAdvance(candidate) <= width or not current:
            current = candidate
            words.pop(0)
        else:
            out.append(current)
            current = ""
    rest = " ".join([current, *words]).strip() if current or words else ""
    if rest:
        out.append(fm.elidedText(rest, Qt.TextElideMode.ElideRight, width))
    return [fm.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in out]


class NoteCardDelegate(QStyledItemDelegate):
    """Paints a note as a card of ``LINES`` lines: the quote (the lines the others leave), the
    note's first line, its first link, then tags, article and date; a group header as a band
    under a gap: its name, the count, and a quieter detail (the article's title)."""

    LINES = 4
    PAD = 5

    def row_height(self, fm: QFontMetrics) -> int:
        return self.LINES * fm.lineSpacing() + 2 * self.PAD

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        return QSize(120, self.row_height(option.fontMetrics))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        model = index.model()
        entry = model.entry(index.row()) if isinstance(model, AnnotationsModel) else None
        painter.save()
        try:
            if isinstance(entry, GroupHeader):
                self._paint_header(painter, opt, entry)
            else:
                style = opt.widget.style() if opt.widget is not None else QApplication.style()
                style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, opt.widget)
                annotation = model.annotation_at(index.row()) if entry is not None else None
                if annotation is not None:
                    self._paint_card(painter, opt, model, annotation)
        finally:
            painter.restore()

    def _colors(self, opt: QStyleOptionViewItem) -> tuple[QColor, QColor, QColor]:
        """(text, quiet text, link text) for this row, selected or not."""
        palette = opt.palette
        if opt.state & QStyle.StateFlag.State_Selected:
            text = palette.color(QPalette.ColorRole.HighlightedText)
            quiet = QColor(text)
            quiet.setAlphaF(0.8)
            return text, quiet, text
        return (palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.PlaceholderText),
                palette.color(QPalette.ColorRole.Link))

    def _paint_card(self, painter: QPainter, opt: QStyleOptionViewItem, model: AnnotationsModel,
                    a: Annotation) -> None:
        fm = QFontMetrics(opt.font)
        ls = fm.lineSpacing()
        rect = opt.rect.adjusted(self.PAD, self.PAD, -self.PAD, -self.PAD)
        color_swatch(a.color).paint(painter, QRect(rect.left(), rect.top() + (ls - 14) // 2, 14, 14))
        x, width = rect.left() + 20, rect.right() - rect.left() - 20
        text, quiet, link = self._colors(opt)
        y = rect.top()

        def line(s: str, color: QColor, font: QFont | None = None) -> None:
            nonlocal y
            painter.setFont(font or opt.font)
            painter.setPen(color)
            metrics = QFontMetrics(font or opt.font)
            painter.drawText(QRect(x, y, width, ls), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             metrics.elidedText(s, Qt.TextElideMode.ElideRight, width))
            y += ls

        note = first_line(a.note)
        links = model.links_of_loaded(a.id)
        quote_lines = max(1, self.LINES - 1 - bool(note) - bool(links))
        for quote_line in wrap_lines(fm, f"“{' '.join(a.exact.split())}”", width, quote_lines):
            line(quote_line, text)
        if note:
            italic = QFont(opt.font)
            italic.setItalic(True)
            line(note, text, italic)
        if links:
            more = f"   +{len(links) - 1} more" if len(links) > 1 else ""
            line(link_text(links[0], model.article_name) + more, link)
        small = QFont(opt.font)
        small.setPointSizeF(max(6.0, opt.font.pointSizeF() * 0.9))
        line(model.meta_text(a), quiet, small)

    def _paint_header(self, painter: QPainter, opt: QStyleOptionViewItem, header: GroupHeader) -> None:
        fm = QFontMetrics(opt.font)
        ls = fm.lineSpacing()
        palette = opt.palette
        painter.fillRect(opt.rect, palette.color(QPalette.ColorRole.Base))
        band = opt.rect.adjusted(0, ls, 0, 0)  # a line's gap above: the groups stand apart
        painter.fillRect(band, palette.color(QPalette.ColorRole.Window).darker(104))
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(band.topLeft(), band.topRight())
        bold = QFont(opt.font)
        bold.setBold(True)
        inner = band.adjusted(self.PAD, self.PAD // 2, -self.PAD, 0)
        count = f"{header.count} note{'s' if header.count != 1 else ''}"
        painter.setFont(opt.font)
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        count_width = fm.horizontalAdvance(count)
        painter.drawText(QRect(inner.right() - count_width, inner.top(), count_width, ls),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, count)
        painter.setFont(bold)
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        label = f"{header.arrow}{header.label}"
        label_width = inner.width() - count_width - 8
        painter.drawText(QRect(inner.left(), inner.top(), label_width, ls),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         QFontMetrics(bold).elidedText(label, Qt.TextElideMode.ElideRight, label_width))
        if header.detail:
            plain = QFont(opt.font)
            plain.setBold(False)
            fm = QFontMetrics(plain)
            painter.setFont(plain)
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            indent = fm.horizontalAdvance(header.arrow)
            for n, detail_line in enumerate(wrap_lines(fm, header.detail, inner.width() - indent, self.LINES - 2)):
                box = QRect(inner.left() + indent, inner.top() + (n + 1) * ls, inner.width() - indent, ls)
                painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, detail_line)

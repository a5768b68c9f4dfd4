"""Draws a Find result as rich text: the title in bold, then the outlet and the words around the
match, each matching word in bold (``SearchHitsModel``'s ``HTML_ROLE``)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop.ui.library.library_models import HTML_ROLE

_PAD = 4


class SearchHitDelegate(QStyledItemDelegate):
    def _document(self, option: QStyleOptionViewItem, index, width: int) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setHtml(index.data(HTML_ROLE) or "")
        document.setTextWidth(max(40, width - 2 * _PAD))
        return document

    def paint(self, painter, option, index) -> None:
        options = QStyleOptionViewItem(option)
        self.initStyleOption(options, index)
        options.text = ""  # the background, selection and focus only: the words are drawn below
        style = options.widget.style() if options.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, options, painter, options.widget)
        document = self._document(option, index, option.rect.width())
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        painter.translate(option.rect.left() + _PAD, option.rect.top() + _PAD)
        painter.setClipRect(QRectF(0, 0, option.rect.width() - _PAD, option.rect.height() - _PAD))
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        width = option.rect.width() if option.rect.width() > 0 else 240
        document = self._document(option, index, width)
        return QSize(width, int(document.size().height()) + 2 * _PAD)


__all__ = ["SearchHitDelegate"]

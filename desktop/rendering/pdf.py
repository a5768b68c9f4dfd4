"""A PDF from an HTML document through Qt's PDF writer: A4, page numbers at the foot.

Meant for the print layout of the annotation report (``annotations_html(..., for_print=True)``),
which keeps to the HTML subset ``QTextDocument`` understands (tables, inline styles). Works
from the CLI too: without a running Qt application it starts a ``QGuiApplication``, on the
offscreen platform when there is no display and no platform was chosen.
"""

from __future__ import annotations

import os
import re
import sys
from html import unescape

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QMarginsF,
    QRectF,
    QSizeF,
    Qt,
)
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from desktop.core.interchange.safe_write import write_atomically

RESOLUTION = 300  # dots per inch of the PDF's coordinate system
MARGINS_MM = QMarginsF(18, 16, 18, 18)  # left, top, right, bottom; the page number sits in the bottom one
FONT_POINTS = 10
FOOTER_INCHES = 0.3  # the band under the text that holds the page number

_app: QGuiApplication | None = None  # the application this module started, kept alive


def ensure_gui_application() -> QGuiApplication:
    """The running QGuiApplication, or a new one (offscreen when there is no display)."""
    global _app
    app = QCoreApplication.instance()
    if app is not None:
        if not isinstance(app, QGuiApplication):
            raise RuntimeError("PDF export needs a QGuiApplication, but a QCoreApplication is running.")
        return app
    no_display = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if "QT_QPA_PLATFORM" not in os.environ and sys.platform.startswith("linux") and no_display:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    _app = QGuiApplication([sys.argv[0] if sys.argv and sys.argv[0] else "parallax"])
    return _app


def _page_layout() -> QPageLayout:
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, MARGINS_MM,
                       QPageLayout.Unit.Millimeter)


def layout_document(html: str, device: QPaintDevice, page_size: QSizeF) -> QTextDocument:
    """``html`` laid out for ``device`` (so point sizes are true points) in pages of ``page_size``."""
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)
    font = QFont("sans-serif")
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSizeF(FONT_POINTS)
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    document.setHtml(html)
    document.setPageSize(page_size)
    return document


def render_pages(document: QTextDocument, painter: QPainter, page_rect: QRectF, new_page) -> int:
    """Paint every page of ``document`` with a "n / N" footer; ``new_page()`` starts the next page."""
    pages = max(1, document.pageCount())
    height = page_rect.height()
    footer_font = QFont(document.defaultFont())
    footer_font.setPointSizeF(document.defaultFont().pointSizeF() * 0.8)
    for index in range(pages):
        if index:
            new_page()
        painter.save()
        painter.translate(page_rect.left(), page_rect.top() - index * height)
        document.drawContents(painter, QRectF(0, index * height, page_rect.width(), height))
        painter.restore()
        painter.save()
        painter.setFont(footer_font)
        painter.setPen("#777777")
        footer = QRectF(page_rect.left(), page_rect.bottom(), page_rect.width(), FOOTER_INCHES * RESOLUTION)
        painter.drawText(footer, Qt.AlignmentFlag.AlignCenter, f"{index + 1} / {pages}")
        painter.restore()
    return pages


def pdf_bytes(html: str) -> bytes:
    """The PDF of ``html`` (A4 portrait), as bytes; the document's <title> is the PDF's title."""
    ensure_gui_application()
    title = re.search(r"<title>(.*?)</title>", html, re.DOTALL | re.IGNORECASE)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(_page_layout())
    writer.setCreator("Parallax")
    if title:
        writer.setTitle(unescape(title.group(1)).strip())
    painter = QPainter()
    if not painter.begin(writer):
        raise RuntimeError("Qt could not start the PDF writer.")
    try:
        body = QRectF(writer.pageLayout().paintRectPixels(RESOLUTION))
        body.moveTo(0, 0)
        body.setHeight(body.height() - FOOTER_INCHES * RESOLUTION)
        document = layout_document(html, writer, body.size())
        render_pages(document, painter, body, writer.newPage)
    finally:
        painter.end()
        buffer.close()
    return bytes(data.data())


def write_pdf(html: str, path: str | os.PathLike) -> None:
    """Write the PDF of ``html`` to ``path`` all at once (a failure leaves any old file as it was);
    ``WriteFailed`` (an OSError) naming the path if it cannot be written."""
    write_atomically(path, pdf_bytes(html), what="Cannot write the PDF")

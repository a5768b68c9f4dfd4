"""Guards against a broken Qt binding release: PySide6 6.12.0 on Python 3.11 lost a reference
to None on every void call and aborted Python after a few thousand (pinned out in pyproject)."""

from __future__ import annotations

import sys

from PySide6.QtGui import QTextCursor, QTextDocument


def test_void_qt_calls_do_not_leak_references_to_none(qapp):
    document = QTextDocument()
    document.setPlainText("x" * 100)
    cursor = QTextCursor(document)
    before = sys.getrefcount(None)
    for i in range(2000):
        cursor.setPosition(i % 50)
    assert sys.getrefcount(None) - before > -100

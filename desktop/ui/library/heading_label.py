"""A heading whose middle part (a story's name) gives way when the sidebar is narrow, so its count
stays in view: "In “Kaspersky exits the…” (5)"; the whole heading is the tooltip then."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

MIN_NAME_CHARS = 4  # below this the name is unreadable anyway: the heading is clipped instead


class HeadingLabel(QLabel):
    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(text, parent)
        self._parts = ("", text, "")
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(40)

    def set_parts(self, before: str, name: str, after: str) -> None:
        """Show ``before + name + after``, shortening only ``name`` (with "…") to fit."""
        self._parts = (before, name, after)
        self._fit()

    def fullText(self) -> str:
        return "".join(self._parts)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        before, name, after = self._parts
        metrics = self.fontMetrics()
        margins = self.contentsMargins()
        padding = margins.left() + margins.right() + 2 * self.margin() + 8  # the style's padding
        room = self.width() - padding - metrics.horizontalAdvance(before + after)
        least = metrics.horizontalAdvance(name[:MIN_NAME_CHARS] + "…")
        shown = metrics.elidedText(name, Qt.TextElideMode.ElideRight, max(room, least))
        self.setText(before + shown + after)
        self.setToolTip(self.fullText() if shown != name else "")

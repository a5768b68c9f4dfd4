"""The orphan review box: shown under the notes list while an orphaned note is selected.

It says what the note marked, shows the nearest passage in the article's current text (from
``desktop.core.annotating.orphan_candidate``) with a little context, and offers "Attach here"
and "Discard". It only asks (signals); the panel carries the choice out through its actions,
so both can be undone.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.core.annotating import Candidate, orphan_candidate
from desktop.core.errors import NotFound
from desktop.core.models import Annotation


def _clip(text: str, limit: int, from_end: bool = False) -> str:
    """Runs of white space made one space (kept at the edges, where the pieces join), cut at
    ``limit`` characters from the start (or, ``from_end``, keeping the end)."""
    text = re.sub(r"\s+", " ", text)
    if len(text) <= limit:
        return text
    return "…" + text[-limit:] if from_end else text[:limit] + "…"


class OrphanReviewBox(QFrame):
    """What an orphan marked, its nearest candidate, and the two ways out."""

    attach_requested = Signal(int, int, int)  # annotation id, start, end in the current text
    discard_requested = Signal(int)  # annotation id

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("OrphanReviewBox")
        self.setStyleSheet(
            "#OrphanReviewBox { background: #fff8e6; border: 1px solid #e8c36a; border-radius: 4px; }"
            " #OrphanReviewBox QLabel { color: #3d3000; }")
        self.annotation: Annotation | None = None
        self.candidate: Candidate | None = None

        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.was = QLabel()
        self.was.setObjectName("OrphanWas")
        self.was.setWordWrap(True)
        self.was.setTextFormat(Qt.TextFormat.RichText)
        self.found = QLabel()
        self.found.setObjectName("OrphanCandidate")
        self.found.setWordWrap(True)
        self.found.setTextFormat(Qt.TextFormat.RichText)

        self.attach_button = QPushButton("Attach here")
        self.attach_button.setObjectName("OrphanAttach")
        self.attach_button.setToolTip("Move the note to this passage of the current text (Ctrl+Z undoes it)")
        self.attach_button.clicked.connect(self._on_attach_button_clicked)
        self.discard_button = QPushButton("Discard")
        self.discard_button.setObjectName("OrphanDiscard")
        self.discard_button.setToolTip("Delete this note (Ctrl+Z undoes it)")
        self.discard_button.clicked.connect(self._on_discard_button_clicked)

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addStretch(1)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.attach_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.was)
        layout.addWidget(self.found)
        layout.addLayout(buttons)

    def show_orphan(self, store, annotation: Annotation, article_name: str) -> Candidate | None:
        """Review this orphan: find its nearest candidate in the article's current text."""
        self.annotation = annotation
        try:
            self.candidate = orphan_candidate(store, annotation)
        except NotFound:  # the article went away under us; the next refresh drops the row
            self.candidate = None
        self.title.setText(f"<b>⚠ This note lost its place</b> in {html.escape(article_name)} "
                           "when the article's text changed.")
        self.was.setText(f"It marked: “{html.escape(_clip(annotation.exact, 160))}”")
        c = self.candidate
        if c is None:
            self.found.setText("<i>No similar passage in the current text.</i> "
                               "Discard the note, or keep it here as it is.")
        else:
            self.found.setText(
                f"Nearest match ({c.similarity:.0%} similar): {html.escape(_clip(c.before, 50, True))}"
                f"<b style='background:#ffe08a'>{html.escape(_clip(c.text, 200))}</b>"
                f"{html.escape(_clip(c.after, 50))}")
        self.attach_button.setEnabled(c is not None)
        return c

    def _on_attach_button_clicked(self) -> None:
        if self.annotation is not None and self.candidate is not None:
            self.attach_requested.emit(self.annotation.id, self.candidate.start, self.candidate.end)

    def _on_discard_button_clicked(self) -> None:
        if self.annotation is not None:
            self.discard_requested.emit(self.annotation.id)

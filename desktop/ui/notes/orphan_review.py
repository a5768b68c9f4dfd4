"""The orphan review box: shown under the notes list while an orphaned note is selected.

It says what the note marked, shows the nearest passage in the article's current text (from
``desktop.core.notes.annotating.orphan_candidate``) with a little context, and offers "Attach here"
and "Discard". It only asks (signals); the panel carries the choice out through its actions,
so both can be undone.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.core.errors import NotFound
from desktop.core.models import Annotation
from desktop.core.notes.anchoring import quote_similarity
from desktop.core.notes.annotating import Candidate, orphan_candidate
from desktop.core.word_diff import word_diff


def _clip(text: str, limit: int, from_end: bool = False) -> str:
    """Runs of white space made one space (kept at the edges, where the pieces join), cut at
    ``limit`` characters from the start (or, ``from_end``, keeping the end)."""
    text = re.sub(r"\s+", " ", text)
    if len(text) <= limit:
        return text
    return "…" + text[-limit:] if from_end else text[:limit] + "…"


def _diff_html(before: str, after: str, old: bool) -> str:
    """One side of a word diff as rich text: on the old side the words that went are struck
    through, on the new side the words that came are marked."""
    out = []
    for piece in word_diff(_clip(before, 400), _clip(after, 400)):
        text = html.escape(piece.a if old else piece.b)
        if piece.op == "equal" or not text:
            out.append(text)
        elif old:
            out.append(f"<s style='color:#8a1f11'>{text}</s>")
        else:
            out.append(f"<b style='background:#ffe08a'>{text}</b>")
    return "".join(out)


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
        """Review this orphan (its nearest candidate in the article's current text), or this
        changed note (its quote and the words now at its place)."""
        self.annotation = annotation
        if annotation.changed:
            return self._show_changed(store, annotation, article_name)
        self.attach_button.setText("Attach here")
        self.attach_button.setToolTip("Move the note to this passage of the current text (Ctrl+Z undoes it)")
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

    def _show_changed(self, store, annotation: Annotation, article_name: str) -> Candidate | None:
        try:
            text = store.article(annotation.article_id).text
        except NotFound:
            self.candidate = None
            return None
        now = text[annotation.start:annotation.end]
        self.candidate = Candidate(annotation.start, annotation.end, now, quote_similarity(annotation.exact, now),
                                   text[max(0, annotation.start - 60):annotation.start],
                                   text[annotation.end:annotation.end + 60])
        self.title.setText(f"<b>⚠ The passage this note marks was reworded</b> in {html.escape(article_name)} "
                           "when the article's text changed. Your quote is kept until you accept the new words.")
        self.was.setText(f"You highlighted: “{_diff_html(annotation.exact, now, old=True)}”")
        self.found.setText(f"It now reads: “{_diff_html(annotation.exact, now, old=False)}”")
        self.attach_button.setText("Accept new words")
        self.attach_button.setToolTip("Keep the note on the passage as it now reads (Ctrl+Z undoes it)")
        self.attach_button.setEnabled(True)
        return self.candidate

    def _on_attach_button_clicked(self) -> None:
        if self.annotation is not None and self.candidate is not None:
            self.attach_requested.emit(self.annotation.id, self.candidate.start, self.candidate.end)

    def _on_discard_button_clicked(self) -> None:
        if self.annotation is not None:
            self.discard_requested.emit(self.annotation.id)

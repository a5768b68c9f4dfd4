"""Review Possible Matches / Review Links: the reader settles, one pair at a time, the claims the
link model was not sure of ("possibly also in"), or checks the links it made (least sure first),
with the keyboard: Y the same fact, N not the same, S skip.

Most claims several outlets make in other words score below the link threshold (the headline fact
of the bundled story, told five ways, among them); the pane menu lets a reader confirm one when they
come across it; this walks them through all of a story's, best-scoring first. "Same" highlights and
links both wordings (as the pane menu's Mark as Same Fact does), "Not the same" sets them apart so
they are not offered again; each is one undo step in the window. The list is the comparison's when
the dialog opened: the comparisons the answers start meanwhile do not reshuffle it. In Review Links,
"Same" changes nothing (the link stands) and "Not the same" takes the second wording out of the fact.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

Span = tuple[int, int, int]  # (article id, start, end)
SAME, APART, SKIPPED = "same", "apart", "skipped"


@dataclass(frozen=True)
class Candidate:
    here: Span
    there: Span
    here_text: str
    there_text: str
    score: float
    linked: bool = False  # a link the model made (Review Links), not a possible match
    apart: tuple = ()  # the pairs "Not the same" keeps apart (by default: here and there)


def candidates(comparison) -> list[Candidate]:
    """The comparison's possible matches as pairs (a claim's first mention, the possible wording),
    each pair once, best score first (ties in story order)."""
    found: dict[frozenset, Candidate] = {}
    for fact in comparison.facts:
        if fact.kind != "claim" or not fact.possible:
            continue
        here = fact.mentions[0]
        for p in fact.possible:
            there = p.mention
            key = frozenset({(here.article, here.start, here.end), (there.article, there.start, there.end)})
            if key not in found or found[key].score < p.score:
                found[key] = Candidate((here.article, here.start, here.end), (there.article, there.start, there.end),
                                       here.text, there.text, p.score)
    return sorted(found.values(), key=lambda c: (-c.score, c.here, c.there))


def linked_pairs(comparison) -> list[Candidate]:
    """The links the model made: each shared claim's first mention with each other article's,
    the least sure facts first (then story order). "Not the same" takes that wording out of the fact."""
    found = []
    for order, fact in enumerate(comparison.facts):
        if fact.kind != "claim" or fact.sources < 2:
            continue
        here = fact.mentions[0]
        for there in fact.mentions:
            if there.article == here.article:
                continue
            span = (there.article, there.start, there.end)
            apart = tuple((span, (m.article, m.start, m.end)) for m in fact.mentions if m.article != there.article)
            found.append((fact.score, order, Candidate((here.article, here.start, here.end), span, here.text,
                                                       there.text, fact.score, True, apart)))
    return [c for _score, _order, c in sorted(found, key=lambda t: (t[0], t[1]))]


def in_sentence(text: str, start: int, end: int, reach: int = 240) -> str:
    """Rich text: the claim in bold inside the rest of its sentence (a claim may be one clause of
    it: "with fewer than 50 employees being laid off"), "" when the span does not fit the text."""
    if not 0 <= start < end <= len(text):
        return ""
    before = text[max(0, start - reach):start]
    cut = max((m.end() for m in re.finditer(r"[.!?][\"”’]?\s+|\n", before)), default=0)
    before = before[cut:]
    after = text[end:end + reach]
    stop = re.search(r"[.!?](?=[\"”’]?(?:\s|$))|\n", after)
    after = after[:stop.end()] if stop else after
    if re.search(r"[.!?][\"”’]?\s*$", text[start:end]):
        after = ""  # the claim ends its sentence
    return "".join((html.escape(" ".join(before.split()) + (" " if before[-1:].isspace() else "")),
                    "<b>", html.escape(" ".join(text[start:end].split())), "</b>",
                    html.escape((" " if after[:1].isspace() else "") + " ".join(after.split()))))


class _SentenceScroller(QScrollArea):
    """A sentence's scroll area that leaves ← and → to the dialog (back, skip), also after the
    reader clicked into the sentence to select words."""

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            event.ignore()
        else:
            super().keyPressEvent(event)


class MatchReviewDialog(QDialog):
    """One pair at a time; ``same_fact`` and ``different`` carry the reader's answers."""

    same_fact = Signal(int, int, int, int, int, int)  # (article, start, end) twice
    different = Signal(object)  # [(span, span)]: the pair to keep apart
    pair_shown = Signal(object)  # [span, span]: the pair on screen now, for the panes to line up on

    def __init__(self, comparison, names: Mapping[int, str], parent: QWidget | None = None, links: bool = False,
                 undo_stack=None):
        super().__init__(parent)
        self.setObjectName("LinkReview" if links else "MatchReview")
        self.setWindowTitle("Review Links" if links else "Review Possible Matches")
        self.links = links
        self.names = dict(names)
        self.texts_of = {a.id: a.text for a in comparison.articles}
        self.items = linked_pairs(comparison) if links else candidates(comparison)
        self.answers: dict[int, str] = {}
        # the window's undo stack: an answer undone there (Ctrl+Z) is no longer the reader's answer
        self.undo_stack = undo_stack
        self.steps: dict[int, tuple[object, str]] = {}  # pair index -> (its answer's step, the answer)
        if undo_stack is not None:
            undo_stack.indexChanged.connect(self._on_undo_index_changed)
        self.index = 0
        self._shown = False
        self._build()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._shown:  # the first pair, now someone listens (the panes line up on it); not again
            self._shown = True  # on a restore from minimised, which would move the panes the reader scrolled
            self._show()
        self.setFocus()  # the keys Y, N, S and the arrows are the dialog's, not a button's

    def _build(self) -> None:
        self.progress = QLabel()
        self.progress.setObjectName("ReviewProgress")
        self.question = QLabel("Do these two sentences state the same fact?")
        self.boxes, self.texts = [], []
        row = QGridLayout()
        for column in range(2):
            box = QGroupBox()
            text = QLabel()
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            text.setMinimumWidth(260)
            font = text.font()
            font.setPointSizeF(font.pointSizeF() * 1.2)  # the sentences are what the reader judges: readable
            text.setFont(font)
            text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            scroller = _SentenceScroller()  # a long sentence scrolls: never cut off mid-line
            holder = QWidget()  # a layout gives the wrapped label the height its width needs
            holding = QVBoxLayout(holder)
            holding.setContentsMargins(0, 0, 0, 0)
            holding.addWidget(text)
            holding.addStretch(1)
            scroller.setWidget(holder)
            scroller.setWidgetResizable(True)
            scroller.setFrameShape(QScrollArea.Shape.NoFrame)
            scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys stay the dialog's
            scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            inner = QVBoxLayout(box)
            inner.addWidget(scroller)
            row.addWidget(box, 0, column)
            self.boxes.append(box)
            self.texts.append(text)
        self.same_button = QPushButton("Same Fact (Y)")
        self.apart_button = QPushButton("Not the Same (N)")
        if self.links:
            self.same_button.setToolTip("The link is right: it stays")
            self.apart_button.setToolTip("Take the second wording out of this fact")
        self.skip_button = QPushButton("Skip (S)")
        self.back_button = QPushButton("Back (←)")
        buttons = QDialogButtonBox()
        for button in (self.same_button, self.apart_button, self.skip_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.back_button, QDialogButtonBox.ButtonRole.ResetRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        for button in (self.same_button, self.apart_button, self.skip_button, self.back_button, close):
            # keys go to the dialog (a focused button would take the arrows, Enter would press it)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAutoDefault(False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        buttons.rejected.connect(self.reject)
        self.same_button.clicked.connect(lambda: self.answer(SAME))
        self.apart_button.clicked.connect(lambda: self.answer(APART))
        self.skip_button.clicked.connect(lambda: self.answer(SKIPPED))
        self.back_button.clicked.connect(self.back)
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.question)
        layout.addLayout(row, 1)
        layout.addWidget(buttons)
        self.resize(760, 230)  # low: it sits below the panes' reading line, where the pair is lined up

    def _name(self, article: int) -> str:
        return self.names.get(article) or f"Article {article}"

    def _show(self) -> None:
        done = self.index >= len(self.items)
        for widget in (self.same_button, self.apart_button, self.skip_button):
            widget.setEnabled(not done)
        self.back_button.setEnabled(self.index > 0)
        if done:
            same = sum(1 for a in self.answers.values() if a == SAME)
            apart = sum(1 for a in self.answers.values() if a == APART)
            kept = f"{same} confirmed" if self.links else f"{same} marked the same fact"
            self.progress.setText(f"All {len(self.items)} reviewed: {kept}, "
                                  f"{apart} set apart. Ctrl+Z in the window undoes any of them.")
            self.question.hide()
            for box in self.boxes:
                box.hide()
            return
        item = self.items[self.index]
        earlier = self.answers.get(self.index)
        said = {SAME: " — you said: the same fact", APART: " — you said: not the same",
                SKIPPED: " — skipped"}.get(earlier, "")
        what = "Link" if self.links else "Possible match"
        self.progress.setText(f"{what} {self.index + 1} of {len(self.items)} ({item.score:.0%} match){said}")
        self.question.show()
        self.pair_shown.emit([item.here, item.there])
        for box, text, span, words in zip(self.boxes, self.texts, (item.here, item.there),
                                          (item.here_text, item.there_text), strict=True):
            box.show()
            box.setTitle(self._name(span[0]).replace("&", "&&"))  # "&" would mark a shortcut letter
            text.setText(in_sentence(self.texts_of.get(span[0], ""), span[1], span[2]) or html.escape(
                " ".join(words.split())))

    _KEYS = {Qt.Key.Key_Y: SAME, Qt.Key.Key_N: APART, Qt.Key.Key_S: SKIPPED, Qt.Key.Key_Right: SKIPPED}

    def keyPressEvent(self, event) -> None:
        """Y the same fact, N not the same, S or → skip, ← back (no modifier: Alt+S is a mnemonic)."""
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            super().keyPressEvent(event)
        elif event.key() in self._KEYS:
            self.answer(self._KEYS[event.key()])
        elif event.key() == Qt.Key.Key_Left:
            self.back()
        else:
            super().keyPressEvent(event)

    def answer(self, what: str) -> None:
        """The reader's answer on the current pair; then the next pair. A pair answered Y or N
        keeps that answer (S moves on): it was done in the window, where Ctrl+Z takes it back."""
        if self.index >= len(self.items):
            return
        item = self.items[self.index]
        earlier = self.answers.get(self.index)
        if earlier in (SAME, APART) and what != earlier and what != SKIPPED:
            self.progress.setText(self.progress.text().split(" — ")[0] + " — answered already: Ctrl+Z in the "
                                  "window takes that answer back")
            return
        if earlier not in (SAME, APART):
            before = self.undo_stack.index() if self.undo_stack is not None else None
            if what == SAME and not item.linked:  # a link the model made stands as it is
                self.same_fact.emit(*item.here, *item.there)
            elif what == APART:
                self.different.emit(list(item.apart) or [(item.here, item.there)])
            self.answers[self.index] = what
            after = self.undo_stack.index() if self.undo_stack is not None else None
            if before is not None and after > before:  # a step in the window
                self.steps[self.index] = (self.undo_stack.command(after - 1), what)
        self.index += 1
        self._show()

    def _on_undo_index_changed(self, index: int) -> None:
        """Ctrl+Z in the window took an answer's step back: that pair is unanswered again; Ctrl+Y
        (redo) makes it answered again. A step no longer on the stack (its history was cleared, or a
        new step replaced it after an undo) keeps the state it last had."""
        on_stack = {id(self.undo_stack.command(i)): i for i in range(self.undo_stack.count())}
        changed = False
        for pair, (step, what) in self.steps.items():
            position = on_stack.get(id(step))
            if position is None:
                continue
            done = position < index
            if done != (self.answers.get(pair) == what):
                changed = True
                if done:
                    self.answers[pair] = what
                else:
                    self.answers.pop(pair, None)
        if changed and self.isVisible():
            self._show()

    def back(self) -> None:
        """The pair before (its answer stands; Ctrl+Z in the window takes it back)."""
        if self.index > 0:
            self.index -= 1
            self._show()

"""The Quotes tab: speaker -> quotation -> the outlets quoting it, with each outlet's drift.

The tree lists speakers (most-quoted first), under each the quotations (those several outlets
give first, marked with how many and whether the wording drifts), under each quotation the
outlets with their drift ("truncated", "words changed"...). Selecting a quotation or an outlet
lines the panes up on it; the box below shows every outlet's wording word by word against the
reference: dropped words struck through in red, added words underlined in blue, changed words
on an amber background — never colour alone.
"""

from __future__ import annotations

import html
from collections import defaultdict

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QLabel, QSplitter, QTextBrowser, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from desktop.core.labels import letter_names
from desktop.core.word_diff import readable, word_diff

GROUP_ROLE = Qt.ItemDataRole.UserRole + 1
ARTICLE_ROLE = Qt.ItemDataRole.UserRole + 2
DRIFT_LABELS = {"": "same words", "truncated": "truncated", "words dropped": "words dropped",
                "words added": "words added", "words changed": "words changed",
                "paraphrase": "paraphrase presented as a quote", "another excerpt": "another excerpt of the statement"}


# what the box under the list says until a quotation is chosen: how to read it
DETAIL_HINT = ("Click a quotation to line the panes up on it and to see here how each outlet quoted it, "
               "word by word: dropped words struck through in red, added words underlined in blue, "
               "changed words on amber.")


class QuotesPanel(QWidget):
    quote_selected = Signal(str, int)  # quote group id, article id (0: every outlet quoting it)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.comparison = None
        self.letters: dict[int, str] = {}
        self.names: dict[int, str] = {}
        self.summary = QLabel("No comparison yet.")
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.tree.itemSelectionChanged.connect(self._on_tree_selection_changed)
        self.detail = QTextBrowser()
        self.detail.setOpenLinks(False)
        self._show_hint()
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.detail)
        splitter.setSizes([400, 220])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)

    def set_comparison(self, comparison) -> None:
        self.comparison = comparison
        self.letters = {a.id: f"A{i}" for i, a in enumerate(comparison.articles, 1)}
        self.names = letter_names(comparison.articles)  # outlet, or the headline's first words
        self.tree.clear()
        self._show_hint()
        by_speaker = defaultdict(list)
        for group in comparison.quotes:
            by_speaker[group.speaker or "Speaker not named"].append(group)
        shared = sum(1 for g in comparison.quotes if len(g.articles) > 1)
        drifting = sum(1 for g in comparison.quotes if len(g.articles) > 1 and g.drifted)
        self.summary.setText(f"{len(comparison.quotes)} quotations by {len(by_speaker)} speakers; "
                             f"{shared} quoted by several outlets, {drifting} with wording drift."
                             if comparison.quotes else "No direct quotations in these articles.")
        # a quotation on two lines (the second elided): a tree view sizes its rows without wrapping
        two_lines = QSize(1, 2 * self.tree.fontMetrics().lineSpacing() + 4)
        order = sorted(by_speaker, key=lambda s: (s == "Speaker not named",
                                                  -max(len(g.articles) for g in by_speaker[s]),
                                                  -len(by_speaker[s]), s))
        for speaker in order:
            groups = by_speaker[speaker]
            top = QTreeWidgetItem([f"{speaker} ({len(groups)})"])
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            self.tree.addTopLevelItem(top)
            for group in groups:
                who = ", ".join(self.letters.get(a, "?") for a in group.articles)
                mark = " ≠ drift" if len(group.articles) > 1 and group.drifted else ""
                text = " ".join(group.text.split())
                # who quotes it first: a long quotation is elided at its end, never the outlets
                item = QTreeWidgetItem([f"{who}{mark}: “{text[:140]}{'…' if len(text) > 140 else ''}”"])
                item.setData(0, GROUP_ROLE, group.id)
                item.setData(0, ARTICLE_ROLE, 0)
                item.setSizeHint(0, two_lines)
                item.setToolTip(0, f"<qt>“{html.escape(text)}”</qt>")
                top.addChild(item)
                if len(group.articles) > 1:
                    for m in group.mentions:
                        child = QTreeWidgetItem([f"{self.names.get(m.article, m.article)}: "
                                                 f"{DRIFT_LABELS.get(m.drift, m.drift)}"
                                                 + (f" (as written: {m.speaker_as_written})"
                                                    if m.speaker_as_written else "")])
                        child.setData(0, GROUP_ROLE, group.id)
                        child.setData(0, ARTICLE_ROLE, m.article)
                        item.addChild(child)
            top.setExpanded(True)

    def _show_hint(self) -> None:
        self.detail.setHtml(f"<p style='color:#666'><i>{html.escape(DETAIL_HINT)}</i></p>")

    def group(self, group_id: str):
        return next((g for g in self.comparison.quotes if g.id == group_id), None) if self.comparison else None

    def select_quote(self, group_id: str) -> bool:
        """Select the quotation's row (as a click would)."""
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            for j in range(top.childCount()):
                item = top.child(j)
                if item.data(0, GROUP_ROLE) == group_id:
                    self.tree.setCurrentItem(item)
                    return True
        return False

    def spans_for(self, group_id: str, article: int = 0) -> dict[int, tuple[int, int]]:
        group = self.group(group_id)
        spans: dict[int, tuple[int, int]] = {}
        for m in group.mentions if group else ():  # per outlet its fullest quotation of these words
            if (article == 0 or m.article == article) and (
                    m.article not in spans or m.end - m.start > spans[m.article][1] - spans[m.article][0]):
                spans[m.article] = (m.start, m.end)
        return spans

    def drift_html(self, group) -> str:
        """Each outlet's wording against the reference, word by word."""
        rows = [f"<p><b>{html.escape(group.speaker or 'Speaker not named')}</b> — reference wording:<br>"
                f"“{html.escape(' '.join(group.text.split()))}”</p>"]
        for m in group.mentions:
            label = DRIFT_LABELS.get(m.drift, m.drift)
            if not m.drift:
                body = html.escape(" ".join(m.text.split()))
            elif m.drift == "truncated":  # a part of the words: shown as quoted, the rest left out
                body = "… <u style='color:#0B5CAD'>" + html.escape(" ".join(m.text.split())) + "</u> …"
            else:
                body = "".join(_piece(p) for p in readable(word_diff(" ".join(group.text.split()),
                                                                     " ".join(m.text.split()))))
            rows.append(f"<p><b>{html.escape(self.names.get(m.article, str(m.article)))}</b> "
                        f"<i>({html.escape(label)})</i>:<br>“{body}”</p>")
        return "<qt>" + "".join(rows) + "</qt>"

    def _on_tree_selection_changed(self) -> None:
        items = self.tree.selectedItems()
        if not items or items[0].data(0, GROUP_ROLE) is None:
            return
        group = self.group(items[0].data(0, GROUP_ROLE))
        if group is None:
            return
        self.detail.setHtml(self.drift_html(group))
        self.quote_selected.emit(group.id, int(items[0].data(0, ARTICLE_ROLE) or 0))


def _piece(piece) -> str:
    if piece.op == "equal":
        return html.escape(piece.b)
    if piece.op == "delete":
        return f"<s style='color:#B00020' title='dropped'>{html.escape(piece.a)}</s>"
    if piece.op == "insert":
        return f"<u style='color:#0B5CAD' title='added'>{html.escape(piece.b)}</u>"
    return (f"<s style='color:#B00020'>{html.escape(piece.a)}</s>"
            f"<span style='background:#FFE08A' title='changed'>{html.escape(piece.b)}</span>")

"""Compare Versions…: what changed between two versions of an article, and what it did to the notes.

``VersionDiffDialog`` shows two chosen versions' words as one text with the changes marked as a
word processor's tracked changes do: removed words struck through on red, added words on green
(a changed word is both, old then new), each with a second cue besides colour (strike-through,
underline). Beside it, the notes that moved, were flagged changed, were orphaned or are new in
the newer version; clicking one scrolls the text to it. ◀ ▶ step through the changes. The work
is core's (``notes.version_changes``); the dialog only draws it.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import NotFound
from desktop.core.library.store import Store
from desktop.core.notes.version_changes import VersionChanges, version_changes

REMOVED_STYLE = "background:#ffd7d5; color:#82071e; text-decoration:line-through;"
ADDED_STYLE = "background:#ccffd8; color:#055d20; text-decoration:underline;"
NOTE_LABELS = {"moved": "Moved", "changed": "Changed", "orphaned": "Orphaned", "added": "New"}
NOTE_ROLE = Qt.ItemDataRole.UserRole + 1


def _text(value: str) -> str:
    """Article text as HTML: escaped, line breaks kept."""
    return html.escape(value).replace("\n", "<br>")


def diff_html(changes: VersionChanges) -> str:
    """The newer text with the older one's removed words in it, marked; anchors ``change-N`` at each
    change and ``note-ID`` where each listed note sits."""
    notes_at: dict[int, list[int]] = {}  # offset in the newer text -> note ids (orphans: at their old place)
    for note in changes.notes:
        if note.status == "unchanged":
            continue
        if note.new is not None:
            notes_at.setdefault(note.new[0], []).append(note.annotation.id)
    orphans_at: dict[int, list[int]] = {}
    for note in changes.notes_with("orphaned"):
        if note.old is not None:
            orphans_at.setdefault(note.old[0], []).append(note.annotation.id)

    def anchors(marks: dict[int, list[int]], start: int, end: int) -> list[tuple[int, str]]:
        return [(at, "".join(f'<a name="note-{i}"></a>' for i in ids)) for at, ids in marks.items() if start <= at < end]

    def with_anchors(text: str, start: int, marks: dict[int, list[int]]) -> str:
        out, last = [], 0
        for at, tag in sorted(anchors(marks, start, start + len(text))):
            out += [_text(text[last:at - start]), tag]
            last = at - start
        return "".join(out) + _text(text[last:])

    parts, number = [], 0
    for change in changes.changes:
        if change.op == "equal":
            parts.append(with_anchors(change.new, change.new_start, notes_at))
            continue
        parts.append(f'<a name="change-{number}"></a>')
        number += 1
        if change.op in ("delete", "replace"):
            parts.append(f'<span style="{REMOVED_STYLE}" title="removed">'
                         f"{with_anchors(change.old, change.old_start, orphans_at)}</span>")
        if change.op == "replace":
            parts.append(" ")  # between the old words and the new ones, so "170 260" does not read "170260"
        if change.op in ("insert", "replace"):
            parts.append(f'<span style="{ADDED_STYLE}" title="added">'
                         f"{with_anchors(change.new, change.new_start, notes_at)}</span>")
    return ('<div style="line-height:150%">' + "".join(parts) + "</div>")


class VersionDiffDialog(QDialog):
    """Two versions of one article side by side in time: choose them, read the marked changes."""

    def __init__(self, store: Store, article_id: int, parent: QWidget | None = None,
                 old: int | None = None, new: int | None = None):
        super().__init__(parent)
        self.store, self.article_id = store, article_id
        self.versions = store.article_versions(article_id)  # raises NotFound
        article = store.article(article_id)
        self.setWindowTitle(f"Compare Versions — {article.display_source}: {article.display_title}")
        self.changes: VersionChanges | None = None
        self.current_change = -1

        self.old_box, self.new_box = QComboBox(), QComboBox()
        for box in (self.old_box, self.new_box):
            for version in self.versions:
                when = version.imported[:16].replace("T", " ") if version.imported else "date unknown"
                box.addItem(f"Version {version.number} · {when} · {version.words:,} words", version.number)
        numbers = [v.number for v in self.versions]
        new = new if new in numbers else article.version
        old = old if old in numbers else (new - 1 if new - 1 in numbers else numbers[0])
        self.old_box.setCurrentIndex(numbers.index(old))
        self.new_box.setCurrentIndex(numbers.index(new))
        self.old_box.currentIndexChanged.connect(self._on_version_box_changed)
        self.new_box.currentIndexChanged.connect(self._on_version_box_changed)

        self.previous_button = QToolButton(text="◀")
        self.previous_button.setToolTip("Previous change")
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button = QToolButton(text="▶")
        self.next_button.setToolTip("Next change")
        self.next_button.clicked.connect(lambda: self.step(+1))
        choose = QHBoxLayout()
        choose.addWidget(QLabel("From"))
        choose.addWidget(self.old_box, 1)
        choose.addWidget(QLabel("to"))
        choose.addWidget(self.new_box, 1)
        choose.addWidget(self.previous_button)
        choose.addWidget(self.next_button)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        legend = QLabel(f'<span style="{REMOVED_STYLE}">&nbsp;removed&nbsp;</span>&nbsp; '
                        f'<span style="{ADDED_STYLE}">&nbsp;added&nbsp;</span>&nbsp; a changed word shows both')
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.setObjectName("VersionDiffText")
        self.notes = QListWidget()
        self.notes.setObjectName("VersionDiffNotes")
        self.notes.setWordWrap(True)
        self.notes.setSpacing(4)
        self.notes.setAlternatingRowColors(True)
        self.notes.itemActivated.connect(self._on_notes_item_activated)
        self.notes.itemClicked.connect(self._on_notes_item_activated)
        notes_box = QWidget()
        notes_layout = QVBoxLayout(notes_box)
        notes_layout.setContentsMargins(0, 0, 0, 0)
        self.notes_label = QLabel("Your notes")
        notes_layout.addWidget(self.notes_label)
        notes_layout.addWidget(self.notes, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.text)
        splitter.addWidget(notes_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([640, 260])

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(choose)
        layout.addWidget(self.summary)
        layout.addWidget(legend)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.resize(980, 680)
        self.show_versions(old, new)

    def show_versions(self, old: int, new: int) -> None:
        """Compare version ``old`` with version ``new`` and draw it."""
        try:
            self.changes = version_changes(self.store, self.article_id, old, new)
        except (NotFound, ValueError) as exc:
            self.summary.setText(str(exc))
            return
        changes = self.changes
        if old == new:
            self.summary.setText("The same version on both sides: choose another one to compare.")
        elif changes.identical:
            self.summary.setText("The two versions have the same words.")
        else:
            self.summary.setText(
                f"<b>{changes.words('insert'):,}</b> words added, <b>{changes.words('delete'):,}</b> removed, "
                f"<b>{changes.words('replace'):,}</b> changed between version {old} and version {new}.")
        self.text.setHtml(diff_html(changes))
        self.current_change = -1
        count = len([c for c in changes.changes if c.op != "equal"])
        self.previous_button.setEnabled(count > 0)
        self.next_button.setEnabled(count > 0)
        self.notes.clear()
        listed = [n for n in changes.notes if n.status != "unchanged"]
        for note in listed:
            quote = " ".join(note.annotation.exact.split())
            quote = quote if len(quote) <= 80 else quote[:79] + "…"
            line = f"{NOTE_LABELS[note.status]}: “{quote}”"
            if note.status == "changed" and note.now is not None:
                line += f"\nnow “{' '.join(note.now.split())}”"
            elif note.status == "orphaned":
                line += "\nits words are gone from the newer version"
            if note.annotation.note:
                line += f"\n{' '.join(note.annotation.note.split())[:120]}"
            item = QListWidgetItem(line)
            item.setData(NOTE_ROLE, note.annotation.id)
            item.setToolTip(line)
            self.notes.addItem(item)
        unchanged = len(changes.notes) - len(listed)
        self.notes_label.setText(f"Your notes: {len(listed)} affected" + (f", {unchanged} unchanged" if unchanged
                                                                          else ""))

    def change_count(self) -> int:
        return len([c for c in self.changes.changes if c.op != "equal"]) if self.changes else 0

    def step(self, delta: int) -> int:
        """Scroll to the next (+1) or previous (-1) change; returns its number (from 0)."""
        count = self.change_count()
        if not count:
            return -1
        self.current_change = (self.current_change + delta) % count
        self.text.scrollToAnchor(f"change-{self.current_change}")
        return self.current_change

    def _on_version_box_changed(self, _index: int) -> None:
        self.show_versions(self.old_box.currentData(), self.new_box.currentData())

    def _on_notes_item_activated(self, item: QListWidgetItem) -> None:
        self.text.scrollToAnchor(f"note-{item.data(NOTE_ROLE)}")


def show_version_diff(parent: QWidget, store: Store, article_id: int) -> VersionDiffDialog | None:
    """Open Compare Versions for the article (non-modal); None, with nothing opened, when it has one
    version only (the caller says so)."""
    if len(store.article_versions(article_id)) < 2:
        return None
    dialog = VersionDiffDialog(store, article_id, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


__all__ = ["VersionDiffDialog", "diff_html", "show_version_diff"]

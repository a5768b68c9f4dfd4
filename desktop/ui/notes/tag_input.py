"""Typing tags: a comma-separated line edit that completes known tags, and a small dialog around it.

``TagLineEdit`` completes the tag being typed (the text after the last comma before the
cursor) from the library's tags, case-insensitively and anywhere in the path (typing "spokes"
proposes "people/spokesperson"; "people/" proposes what is inside "people"), showing how
often each is used; a name that is not known simply becomes a new tag. ``TagsDialog`` asks for
the tags of an annotation, an article or a story without blocking (``open()`` + ``accepted``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QAbstractListModel, QModelIndex, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.library.store.tags import tag_name
from desktop.core.models import TagInfo

SEPARATOR = ", "


def tag_swatch(color: str | None, size: int = 14) -> QIcon:
    """A small rounded square in the tag's colour; a dashed outline when it has none."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    rect = QRectF(1.5, 1.5, size - 3, size - 3)
    fill = QColor(color) if color else QColor()
    if fill.isValid():
        painter.setPen(QPen(fill.darker(140), 1))
        painter.setBrush(fill)
    else:
        pen = QPen(QColor(150, 150, 150), 1, Qt.PenStyle.DotLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(rect, 3, 3)
    painter.end()
    return QIcon(pixmap)


def uses_text(tag: TagInfo) -> str:
    """"3 annotations and 1 article": what carries the tag, for tooltips and confirmations."""
    parts = [
        f"{n} {one if n == 1 else many}"
        for n, one, many in ((tag.count, "annotation", "annotations"), (tag.articles, "article", "articles"),
                             (tag.stories, "story", "stories"))
        if n
    ]
    if not parts:
        return "not used yet"
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def split_tags(text: str, known: Iterable[str] = ()) -> list[str]:
    """Comma-separated names, trimmed, without empties or case-insensitive duplicates; a name
    that matches a known tag but for case takes the known spelling."""
    spelling = {name.casefold(): name for name in known}
    names: dict[str, str] = {}
    for part in text.split(","):
        # as the store names tags: a path's parts trimmed ("people / ceo/" is "people/ceo")
        name = tag_name(part) if part.strip().strip("/").strip() else ""
        if name and name.casefold() not in names:
            names[name.casefold()] = spelling.get(name.casefold(), name)
    return list(names.values())


class TagCompletionModel(QAbstractListModel):
    """Known tags for the completer: the name to complete (EditRole), the name with its number of
    uses to show (DisplayRole). Tags already typed in the field are left out."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.show_counts = True
        self._tags: list[TagInfo] = []
        self._shown: list[TagInfo] = []
        self._excluded: frozenset[str] = frozenset()

    def set_tags(self, tags: Iterable[TagInfo]) -> None:
        self._tags = sorted(tags, key=lambda t: t.name.casefold())
        self._update()

    def set_excluded(self, names: Iterable[str]) -> None:
        excluded = frozenset(n.casefold() for n in names)
        if excluded != self._excluded:
            self._excluded = excluded
            self._update()

    def _update(self) -> None:
        self.beginResetModel()
        self._shown = [t for t in self._tags if t.name.casefold() not in self._excluded]
        self.endResetModel()

    def names(self) -> list[str]:
        return [t.name for t in self._tags]

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._shown)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._shown):
            return None
        tag = self._shown[index.row()]
        if role == Qt.ItemDataRole.EditRole:
            return tag.name
        if role == Qt.ItemDataRole.DisplayRole:
            uses = tag.count + tag.articles + tag.stories
            return f"{tag.name}  ({uses})" if self.show_counts else tag.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{tag.name}: {uses_text(tag)}" + (f"\n{tag.memo}" if tag.memo else "")
        if role == Qt.ItemDataRole.DecorationRole:
            return tag_swatch(tag.color)
        return None


class TagLineEdit(QLineEdit):
    """A line of comma-separated tags that completes the tag under the cursor from known tags."""

    def __init__(self, known: Iterable[TagInfo] = (), parent: QWidget | None = None, show_counts: bool = True):
        super().__init__(parent)
        self.setPlaceholderText("tag, another tag")
        self.setClearButtonEnabled(True)
        self.completion_model = TagCompletionModel(self)
        self.completion_model.show_counts = show_counts
        self.completion_model.set_tags(known)
        self.tag_completer = QCompleter(self.completion_model, self)
        self.tag_completer.setWidget(self)  # not setCompleter(): that would complete the whole line
        self.tag_completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.tag_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tag_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.tag_completer.setCompletionRole(Qt.ItemDataRole.EditRole)
        self.tag_completer.setMaxVisibleItems(10)
        self.tag_completer.activated[str].connect(self._on_tag_completer_activated)
        self.textEdited.connect(self._on_text_edited)

    # ------------------------------------------------------------------ tags

    def set_known_tags(self, known: Iterable[TagInfo]) -> None:
        self.completion_model.set_tags(known)

    def tags(self) -> list[str]:
        """The tags typed: trimmed, no duplicates ignoring case, known tags in their spelling."""
        return split_tags(self.text(), self.completion_model.names())

    def set_tags(self, names: Iterable[str]) -> None:
        names = split_tags(SEPARATOR.join(names))
        # a trailing separator lets the reader type the next tag straight away
        self.setText(SEPARATOR.join(names) + (SEPARATOR if names else ""))

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        # a list one adds to: start at its end rather than with everything selected (but leave
        # the cursor alone when a click placed it or the completer's popup gives focus back)
        if event.reason() not in (Qt.FocusReason.MouseFocusReason, Qt.FocusReason.PopupFocusReason):
            self.deselect()
            self.end(False)

    # ------------------------------------------------------------ completion

    def current_word(self) -> tuple[int, int]:
        """(start, end) of the tag the cursor is in: between the commas around the cursor."""
        text, cursor = self.text(), self.cursorPosition()
        start = text.rfind(",", 0, cursor) + 1
        end = text.find(",", cursor)
        return start, len(text) if end < 0 else end

    def proposals(self) -> list[str]:
        """The names the completer offers for the tag being typed."""
        model = self.tag_completer.completionModel()
        return [model.index(row, 0).data(Qt.ItemDataRole.EditRole) for row in range(model.rowCount())]

    def _on_text_edited(self, text: str) -> None:
        start, _end = self.current_word()
        prefix = text[start:self.cursorPosition()].strip()
        typing = text.count(",", 0, start)  # which of the comma-separated parts is being typed
        self.completion_model.set_excluded(
            part.strip() for i, part in enumerate(text.split(",")) if i != typing and part.strip())
        if not prefix:
            self.tag_completer.popup().hide()
            return
        self.tag_completer.setCompletionPrefix(prefix)
        if self.tag_completer.completionCount() == 0:
            self.tag_completer.popup().hide()
            return
        rect = self.cursorRect()
        rect.setWidth(max(self.width() // 2, 220))
        self.tag_completer.complete(rect)

    def complete_with(self, name: str) -> None:
        """Put ``name`` in place of the tag being typed, then a separator for the next one."""
        text = self.text()
        start, end = self.current_word()
        before = text[:start].rstrip()
        if before:
            before += " "
        after = text[end:].lstrip(", ")
        self.setText(before + name + SEPARATOR + after)
        self.setCursorPosition(len(before + name + SEPARATOR))
        self.tag_completer.popup().hide()

    def _on_tag_completer_activated(self, name: str) -> None:
        self.complete_with(name)


class TagsDialog(QDialog):
    """Asks for a list of tags; non-blocking: ``open()`` it and read ``tags()`` on ``accepted``."""

    def __init__(self, parent: QWidget | None, title: str, label: str, current: Iterable[str],
                 known: Iterable[TagInfo]):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.label = QLabel(label)
        self.label.setWordWrap(True)
        self.edit = TagLineEdit(known, self)
        self.edit.set_tags(current)
        self.label.setBuddy(self.edit)
        hint = QLabel("Separate tags with commas. Known tags are suggested as you type; "
                      "a new name makes a new tag.")
        hint.setWordWrap(True)
        hint.setEnabled(False)  # drawn in the muted text colour
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.edit)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(max(self.sizeHint().width(), 420), self.sizeHint().height())
        self.edit.setFocus()

    def tags(self) -> list[str]:
        return self.edit.tags()


def ask_tags(parent: QWidget | None, title: str, label: str, current: Iterable[str], known: Iterable[TagInfo],
             on_accepted: Callable[[list[str]], None]) -> TagsDialog:
    """Open a window-modal ``TagsDialog`` without blocking; ``on_accepted(tags)`` runs on OK."""
    dialog = TagsDialog(parent, title, label, current, known)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.accepted.connect(lambda: on_accepted(dialog.tags()))
    dialog.open()
    return dialog

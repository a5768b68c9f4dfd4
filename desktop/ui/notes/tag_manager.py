"""The tag manager: every tag with its colour and uses; rename, merge, colour and delete, with undo.

Modelled on Calibre's tag browser and Zotero's tag selector. A non-modal dialog over a table
of tags; every change is an undoable command pushed on the undo stack it is given (the main
window's), so Ctrl+Z undoes it here and in the window alike. Questions to the reader (confirm a
delete, pick the surviving name of a merge, pick a colour) go through replaceable callables, so
tests and scripts answer them without a modal loop.
"""

from __future__ import annotations

from typing import Callable, Iterable

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QColor, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import ParallaxError
from desktop.core.models import TagInfo
from desktop.core.library.store import Store
from desktop.ui.notes.tag_commands import (
    Apply,
    DeleteTagCommand,
    MergeTagsCommand,
    RenameTagCommand,
    SetTagColorCommand,
)
from desktop.ui.notes.tag_input import tag_swatch, uses_text

NAME_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


class TagTableModel(QAbstractTableModel):
    """Tags with their colour swatch and how many annotations, articles and stories carry them.
    Editing a name does not change the store: it emits ``rename_requested(old, new)``."""

    COLUMNS = ("Tag", "Annotations", "Articles", "Stories")
    rename_requested = Signal(str, str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._tags: list[TagInfo] = []

    def set_tags(self, tags: Iterable[TagInfo]) -> None:
        self.beginResetModel()
        self._tags = list(tags)
        self.endResetModel()

    def tag_at(self, row: int) -> TagInfo:
        return self._tags[row]

    def row_of(self, name: str) -> int:
        """The row of the tag with exactly this name, else of one differing only in case."""
        exact = next((i for i, t in enumerate(self._tags) if t.name == name), -1)
        if exact >= 0:
            return exact
        folded = name.casefold()
        return next((i for i, t in enumerate(self._tags) if t.name.casefold() == folded), -1)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._tags)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.COLUMNS[section]
            if role == Qt.ItemDataRole.TextAlignmentRole:
                side = Qt.AlignmentFlag.AlignRight if section else Qt.AlignmentFlag.AlignLeft
                return int(side | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._tags):
            return None
        tag, column = self._tags[index.row()], index.column()
        counts = (tag.count, tag.articles, tag.stories)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return tag.name if column == 0 else (str(counts[column - 1]) if counts[column - 1] else "–")
        if role == SORT_ROLE:
            return tag.name.casefold() if column == 0 else counts[column - 1]
        if role == NAME_ROLE:
            return tag.name
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return tag_swatch(tag.color)
        if role == Qt.ItemDataRole.ToolTipRole:
            colour = f"colour {tag.color}" if tag.color else "no colour"
            return f"{tag.name}: {uses_text(tag)}; {colour}.\nDouble-click to show the notes with this tag."
        if role == Qt.ItemDataRole.TextAlignmentRole and column:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index):
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsEditable if index.isValid() and index.column() == 0 else flags

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != 0:
            return False
        old, new = self._tags[index.row()].name, str(value).strip()
        if not new or new == old:
            return False
        self.rename_requested.emit(old, new)
        return True


def delete_question(tags: list[TagInfo]) -> str:
    """What the reader is asked before tags are deleted: how much uses them, and that undo works."""
    what = f"the tag “{tags[0].name}”" if len(tags) == 1 else f"{len(tags)} tags"
    total = TagInfo("", None, sum(t.count for t in tags), sum(t.articles for t in tags),
                    sum(t.stories for t in tags))
    if not (total.count or total.articles or total.stories):
        return f"Delete {what}? Nothing uses {'it' if len(tags) == 1 else 'them'}."
    return (f"Delete {what}?\n\n{'It is' if len(tags) == 1 else 'They are'} used by {uses_text(total)}. "
            "Those keep their notes and text; only the tag is taken off them. Ctrl+Z brings it back.")


class TagManagerDialog(QDialog):
    """Every tag, filterable; rename (F2), merge, colour and delete (Del), all undoable.

    ``tag_filter_requested(name)`` is emitted when the reader double-clicks a tag (or chooses
    "Show Notes with This Tag"). Call ``refresh()`` when the library changed elsewhere; the
    dialog refreshes itself whenever the undo stack moves.
    """

    tag_filter_requested = Signal(str)

    def __init__(self, store: Store, undo_stack: QUndoStack, apply: Apply, parent: QWidget | None = None):
        super().__init__(parent)
        self.store, self.undo_stack, self.apply = store, undo_stack, apply
        self.setWindowTitle("Tags")
        self.setModal(False)
        # the reader's answers; replaceable so tests and scripts need no modal loop
        self.confirm: Callable[[str, str], bool] = self._ask_confirmation
        self.choose_merge_target: Callable[[list[str]], str | None] = self._ask_merge_target
        self.choose_color: Callable[[QColor], QColor | None] = self._ask_color
        self._select_after: list[str] | None = None

        self.filter_box = QLineEdit()
        self.filter_box.setPlaceholderText("Filter tags")
        self.filter_box.setClearButtonEnabled(True)

        self.model = TagTableModel(self)
        self.model.rename_requested.connect(self._on_model_rename_requested, Qt.ConnectionType.QueuedConnection)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterKeyColumn(0)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter_box.textChanged.connect(self._on_filter_box_text_changed)

        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setShowGrid(False)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.view.doubleClicked.connect(self._on_view_double_clicked)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._on_view_context_menu)
        self.view.selectionModel().selectionChanged.connect(self._update_actions)

        self._build_actions()
        self.status = QLabel()
        self.status.setEnabled(False)  # muted
        buttons = QHBoxLayout()
        for action in (self.rename_action, self.merge_action, self.color_action, self.delete_action):
            button = QPushButton(action.text())
            button.setToolTip(action.toolTip())
            button.clicked.connect(action.trigger)
            action.enabledChanged.connect(button.setEnabled)
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QPushButton("Close")
        close.setAutoDefault(False)
        close.clicked.connect(self.close)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_box)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(560, 480)

        self._stale = True
        # how commands reach the stack: the window replaces it with its guarded push
        self.push: Callable[[QUndoCommand], None] = undo_stack.push
        undo_stack.indexChanged.connect(self.refresh)
        self.view.setFocus()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _build_actions(self) -> None:
        def action(text: str, slot, keys=None, tip: str = "", on_view: bool = False) -> QAction:
            act = QAction(text, self)
            if keys is not None:
                act.setShortcut(QKeySequence(keys))
                # Del and F2 belong to the table: in the filter box they edit the filter text
                act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut if on_view
                                       else Qt.ShortcutContext.WindowShortcut)
            act.setToolTip(tip or text.replace("&", "").rstrip("…"))
            act.triggered.connect(slot)
            (self.view if on_view else self).addAction(act)
            return act

        self.rename_action = action("&Rename", self.start_rename, Qt.Key.Key_F2, "Rename the tag (F2)", True)
        self.merge_action = action("&Merge…", self.merge_selected, None,
                                   "Merge the selected tags into one")
        self.color_action = action("&Colour…", self.choose_color_for_selected, None, "Choose the tags' colour")
        self.clear_color_action = action("Remove Colour", lambda: self.set_color(self.selected_names(), None))
        self.delete_action = action("&Delete", self.delete_selected, QKeySequence.StandardKey.Delete,
                                    "Delete the selected tags (Del); Ctrl+Z brings them back", True)
        self.show_notes_action = action("Show Notes with This Tag", self._emit_filter_for_current)
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence.StandardKey.Redo, QKeySequence("Ctrl+Shift+Z")])
        self.addActions([self.undo_action, self.redo_action])

    # ---------------------------------------------------------------- reading

    def refresh(self) -> None:
        """Re-read the tags from the store, keeping the selection (by name) and the filter.
        A hidden manager only notes that it is stale and re-reads when shown again."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        keep = self._select_after if self._select_after is not None else self.selected_names()
        current = self.current_name()
        self._select_after = None
        self.model.set_tags(self.store.tags())
        self.select_names(keep, current if current in keep else None)
        self._update_status()
        self._update_actions()

    def _update_status(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        text = f"{total} tag{'' if total == 1 else 's'}"
        if shown != total:
            text += f", {shown} shown"
        self.status.setText(text + " · double-click a tag to show its notes · F2 renames, Del deletes")

    def selected_names(self) -> list[str]:
        rows = sorted(self.view.selectionModel().selectedRows(), key=lambda i: i.row())
        return [i.data(NAME_ROLE) for i in rows]

    def current_name(self) -> str | None:
        index = self.view.currentIndex()
        return index.siblingAtColumn(0).data(NAME_ROLE) if index.isValid() else None

    def index_of(self, name: str) -> QModelIndex:
        """The view's index of a tag's name cell (invalid when unknown or filtered out)."""
        row = self.model.row_of(name)
        return self.proxy.mapFromSource(self.model.index(row, 0)) if row >= 0 else QModelIndex()

    def select_names(self, names: Iterable[str], current: str | None = None) -> None:
        selection = QItemSelection()
        indexes = [i for i in (self.index_of(n) for n in names) if i.isValid()]
        for index in indexes:
            selection.select(index, index.siblingAtColumn(self.proxy.columnCount() - 1))
        model = self.view.selectionModel()
        flags = QItemSelectionModel.SelectionFlag
        focus = self.index_of(current) if current else (indexes[0] if indexes else QModelIndex())
        if focus.isValid():
            model.setCurrentIndex(focus, flags.NoUpdate)
            self.view.scrollTo(focus)
        model.select(selection, flags.ClearAndSelect | flags.Rows)

    def _update_actions(self, *_args) -> None:
        count = len(self.selected_names())
        self.rename_action.setEnabled(count == 1)
        self.merge_action.setEnabled(count >= 2)
        for act in (self.color_action, self.clear_color_action, self.delete_action):
            act.setEnabled(count >= 1)
        self.show_notes_action.setEnabled(count == 1)

    # ---------------------------------------------------------------- changes

    def _push(self, make: Callable[[], QUndoCommand], select: list[str] | None = None) -> bool:
        """Build the command (it checks the tags exist) and push it; errors reach the reader."""
        try:
            command = make()
            self._select_after = select
            self.push(command)
        except (ParallaxError, ValueError) as exc:
            self._select_after = None
            self.refresh()  # the library may have changed under us (another window)
            self.status.setText(f"Not changed: {exc}")
            return False
        return True

    def start_rename(self) -> None:
        """Edit the current tag's name in place (F2); Enter renames, Escape cancels."""
        index = self.view.currentIndex()
        if index.isValid():
            self.view.edit(index.siblingAtColumn(0))

    def rename_tag(self, old: str, new: str) -> bool:
        """Rename; onto another existing tag it is a merge, which the reader confirms first."""
        new = new.strip()
        if not new or new == old:
            return False
        existing = next((t for t in self.store.tags() if t.name.casefold() == new.casefold()), None)
        if existing is not None and existing.name.casefold() != old.casefold():
            question = (f"There is already a tag “{existing.name}” ({uses_text(existing)}).\n\n"
                        f"Merge “{old}” into it? Ctrl+Z separates them again.")
            if not self.confirm("Merge Tags", question):
                return False
            new = existing.name
        return self._push(lambda: RenameTagCommand(self.store, self.apply, old, new), [new])

    def merge_tags(self, names: list[str], into: str) -> bool:
        return self._push(lambda: MergeTagsCommand(self.store, self.apply, names, into), [into.strip()])

    def merge_selected(self) -> bool:
        names = self.selected_names()
        if len(names) < 2:
            return False
        into = self.choose_merge_target(names)
        return bool(into and into.strip()) and self.merge_tags(names, into)

    def set_color(self, names: list[str], color: QColor | str | None) -> bool:
        """Colour the tags (None removes their colour)."""
        if not names:
            return False
        if isinstance(color, QColor):
            color = color.name() if color.isValid() else None
        return self._push(lambda: SetTagColorCommand(self.store, self.apply, names, color), names)

    def choose_color_for_selected(self) -> bool:
        names = self.selected_names()
        if not names:
            return False
        current = self.current_name()
        shown = self.model.tag_at(self.model.row_of(current if current in names else names[0]))
        color = self.choose_color(QColor(shown.color) if shown.color else QColor())
        return color is not None and color.isValid() and self.set_color(names, color)

    def delete_tags(self, names: list[str]) -> bool:
        """Delete the tags after the reader confirms, told how much uses them."""
        tags = [self.model.tag_at(r) for r in (self.model.row_of(n) for n in names) if r >= 0]
        if not tags:
            return False
        if not self.confirm("Delete Tag" if len(tags) == 1 else "Delete Tags", delete_question(tags)):
            return False
        names = [t.name for t in tags]
        return self._push(lambda: DeleteTagCommand(self.store, self.apply, names), self._neighbour_of(names))

    def _neighbour_of(self, names: list[str]) -> list[str]:
        """The tag to select once ``names`` are gone: the next one down the list, else the one above."""
        rows = [self.index_of(n).row() for n in names if self.index_of(n).isValid()]
        if not rows:
            return []
        order = [self.proxy.index(r, 0).data(NAME_ROLE) for r in range(self.proxy.rowCount())]
        gone = set(names)
        below = [n for n in order[max(rows) + 1:] if n not in gone]
        above = [n for n in order[:min(rows)] if n not in gone]
        return below[:1] or above[-1:]

    def delete_selected(self) -> bool:
        return self.delete_tags(self.selected_names())

    # ------------------------------------------------------------- questions

    def _ask_confirmation(self, title: str, text: str) -> bool:
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(self, title, text, buttons.Yes | buttons.Cancel, buttons.Cancel)
        return answer == buttons.Yes

    def _ask_merge_target(self, names: list[str]) -> str | None:
        tags = {t.name: t for t in self.store.tags()}
        def uses(name: str) -> int:
            tag = tags.get(name)
            return tag.count + tag.articles + tag.stories if tag else 0

        ranked = sorted(names, key=uses, reverse=True)  # propose the most used one as the survivor
        name, ok = QInputDialog.getItem(self, "Merge Tags", f"Merge {len(names)} tags into:", ranked, 0, True)
        return name if ok else None

    def _ask_color(self, initial: QColor) -> QColor | None:
        color = QColorDialog.getColor(initial if initial.isValid() else QColor("#ffd54f"), self, "Tag Colour")
        return color if color.isValid() else None

    # ----------------------------------------------------------------- slots

    def _on_model_rename_requested(self, old: str, new: str) -> None:
        self.rename_tag(old, new)

    def _on_filter_box_text_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self._update_status()

    def _on_view_double_clicked(self, index: QModelIndex) -> None:
        name = index.siblingAtColumn(0).data(NAME_ROLE)
        if name:
            self.tag_filter_requested.emit(name)

    def _emit_filter_for_current(self) -> None:
        name = self.current_name()
        if name:
            self.tag_filter_requested.emit(name)

    def _on_view_context_menu(self, pos) -> None:
        index = self.view.indexAt(pos)
        if index.isValid() and index.siblingAtColumn(0).data(NAME_ROLE) not in self.selected_names():
            self.select_names([index.siblingAtColumn(0).data(NAME_ROLE)])
        menu = QMenu(self)
        menu.addAction(self.show_notes_action)
        menu.addSeparator()
        for act in (self.rename_action, self.merge_action, self.color_action, self.clear_color_action):
            menu.addAction(act)
        menu.addSeparator()
        menu.addAction(self.delete_action)
        menu.popup(self.view.viewport().mapToGlobal(pos))
        self.context_menu = menu

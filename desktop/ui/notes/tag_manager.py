"""The tag manager: the tag tree with colours, memos and uses; rename, move, merge, colour, memo and
delete, with undo.

Modelled on Calibre's tag browser, Zotero's tag selector and QualCoder's code tree. A non-modal
dialog over the tree of tags (``tag_tree.TagTreeModel``: "people/spokesperson" under "people");
every change is an undoable command pushed on the undo stack it is given (the main window's), so
Ctrl+Z undoes it here and in the window alike. F2 renames a tag in its place, Move To… (or
dragging it onto another tag) puts it in another one, and a tag takes what is inside it along.
Questions to the reader (confirm a delete, pick the surviving name of a merge, the new place, a
colour, a memo) go through replaceable callables, so tests and scripts answer them without a modal
loop.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import (
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
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import ParallaxError
from desktop.core.library.store import Store
from desktop.core.library.store.tags import tag_name
from desktop.core.models import TagInfo
from desktop.ui.notes.tag_commands import (
    Apply,
    DeleteTagCommand,
    MergeTagsCommand,
    RenameTagCommand,
    SetTagColorCommand,
    SetTagMemoCommand,
)
from desktop.ui.notes.tag_input import uses_text
from desktop.ui.notes.tag_tree import NAME_ROLE, SORT_ROLE, TagTreeModel

# the tags and what counts their uses: a change to any of these changes a row
TAG_USE_TABLES = frozenset({"tags", "annotation_tags", "article_tags", "story_tags", "annotations"})
TagTableModel = TagTreeModel  # its name when the tags were a flat table
_NO_PARENT = QModelIndex()  # the tree's invisible root, as a default argument


def delete_question(tags: list[TagInfo], inside: list[TagInfo] = ()) -> str:
    """What the reader is asked before tags are deleted: how much uses them (and the tags inside
    them, deleted too), and that undo works."""
    what = f"the tag “{tags[0].name}”" if len(tags) == 1 else f"{len(tags)} tags"
    if inside:
        what += f" and the {len(inside)} tag{'' if len(inside) == 1 else 's'} inside " + \
            ("it" if len(tags) == 1 else "them")
    every = [*tags, *inside]
    total = TagInfo("", None, sum(t.count for t in every), sum(t.articles for t in every),
                    sum(t.stories for t in every))
    if not (total.count or total.articles or total.stories):
        return f"Delete {what}? Nothing uses {'it' if len(every) == 1 else 'them'}."
    return (f"Delete {what}?\n\n{'It is' if len(every) == 1 else 'They are'} used by {uses_text(total)}. "
            "Those keep their notes and text; only the tag is taken off them. Ctrl+Z brings it back.")


class TagManagerDialog(QDialog):
    """The tag tree, filterable; rename (F2), move, merge, colour, memo and delete (Del), all undoable.

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
        self.choose_parent: Callable[[list[str], list[str]], str | None] = self._ask_parent
        self.ask_memo: Callable[[str, str], str | None] = self._ask_memo
        self._select_after: list[str] | None = None

        self._build_model()
        self._build_view()
        self._build_actions()
        buttons = self._build_buttons()

        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_box)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.memo_label)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(640, 520)

        self._stale = True
        # how commands reach the stack: the window replaces it with its guarded push
        self.push: Callable[[QUndoCommand], None] = undo_stack.push
        undo_stack.indexChanged.connect(self.refresh)
        self.view.setFocus()

    def _build_model(self) -> None:
        """The filter box, the tag tree model and the proxy that sorts and filters it."""
        self.filter_box = QLineEdit()
        self.filter_box.setPlaceholderText("Filter tags")
        self.filter_box.setClearButtonEnabled(True)

        self.model = TagTreeModel(self)
        self.model.rename_requested.connect(self._on_model_rename_requested, Qt.ConnectionType.QueuedConnection)
        self.model.move_requested.connect(self._on_model_move_requested, Qt.ConnectionType.QueuedConnection)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterKeyColumn(0)
        self.proxy.setFilterRole(NAME_ROLE)  # the whole path: "people" finds what is inside it too
        self.proxy.setRecursiveFilteringEnabled(True)  # a match deep down keeps the tags above it
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter_box.textChanged.connect(self._on_filter_box_text_changed)

    def _build_view(self) -> None:
        """The tree of tags: sortable, several selected at once, dragged onto another tag to move."""
        self.view = QTreeView()
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setUniformRowHeights(True)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.view.doubleClicked.connect(self._on_view_double_clicked)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._on_view_context_menu)
        self.view.selectionModel().selectionChanged.connect(self._update_actions)
        self.view.selectionModel().currentChanged.connect(self._on_view_current_changed)

    def _build_buttons(self) -> QHBoxLayout:
        """The memo and status lines under the tree, and a button per action, then Close."""
        self.memo_label = QLabel()  # the current tag's memo, under the tree
        self.memo_label.setWordWrap(True)
        self.memo_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status = QLabel()
        self.status.setEnabled(False)  # muted
        buttons = QHBoxLayout()
        for action in (self.rename_action, self.move_action, self.merge_action, self.color_action,
                       self.memo_action, self.delete_action):
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
        return buttons

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _build_actions(self) -> None:
        def action(text: str, slot, keys=None, tip: str = "", on_view: bool = False) -> QAction:
            act = QAction(text, self)
            if keys is not None:
                act.setShortcut(QKeySequence(keys))
                # Del and F2 belong to the tree: in the filter box they edit the filter text
                act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut if on_view
                                       else Qt.ShortcutContext.WindowShortcut)
            act.setToolTip(tip or text.replace("&", "").rstrip("…"))
            act.triggered.connect(slot)
            (self.view if on_view else self).addAction(act)
            return act

        self.rename_action = action("&Rename", self.start_rename, Qt.Key.Key_F2, "Rename the tag (F2)", True)
        self.move_action = action("M&ove To…", self.move_selected, None,
                                  "Put the selected tags inside another tag, or at the top (or drag them there)")
        self.merge_action = action("&Merge…", self.merge_selected, None,
                                   "Merge the selected tags into one")
        self.color_action = action("&Colour…", self.choose_color_for_selected, None, "Choose the tags' colour")
        self.clear_color_action = action("Remove Colour", lambda: self.set_color(self.selected_names(), None))
        self.memo_action = action("M&emo…", self.edit_memo_of_current, None,
                                  "Describe the tag: what it is for, when to use it")
        self.delete_action = action("&Delete", self.delete_selected, QKeySequence.StandardKey.Delete,
                                    "Delete the selected tags and the tags inside them (Del); Ctrl+Z brings "
                                    "them back", True)
        self.show_notes_action = action("Show Notes with This Tag", self._emit_filter_for_current)
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence.StandardKey.Redo, QKeySequence("Ctrl+Shift+Z")])
        self.addActions([self.undo_action, self.redo_action])

    # ---------------------------------------------------------------- reading

    def refresh(self) -> None:
        """Re-read the tags from the store, keeping the selection (by path) and the filter.
        A hidden manager only notes that it is stale and re-reads when shown again."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        keep = self._select_after if self._select_after is not None else self.selected_names()
        current = self.current_name()
        self._select_after = None
        self.model.set_tags(self.store.tags())
        self.view.expandAll()
        self.select_names(keep, current if current in keep else None)
        self._update_status()
        self._update_actions()
        self._show_memo()

    def _update_status(self) -> None:
        total = len(self.model.tags())
        shown = self._shown_count()
        text = f"{total} tag{'' if total == 1 else 's'}"
        if shown != total:
            text += f", {shown} shown"
        self.status.setText(text + " · double-click a tag to show its notes · F2 renames, Del deletes · "
                                   "“a/b” makes b inside a")

    def _shown_count(self, parent: QModelIndex = _NO_PARENT) -> int:
        rows = self.proxy.rowCount(parent)
        return rows + sum(self._shown_count(self.proxy.index(r, 0, parent)) for r in range(rows))

    def selected_names(self) -> list[str]:
        rows = self.view.selectionModel().selectedRows()
        order = self._visible_order()
        names = [i.data(NAME_ROLE) for i in rows]
        return sorted(names, key=lambda n: order.index(n) if n in order else len(order))

    def _visible_order(self, parent: QModelIndex = _NO_PARENT) -> list[str]:
        """The paths in the order the tree shows them, top to bottom."""
        out = []
        for row in range(self.proxy.rowCount(parent)):
            index = self.proxy.index(row, 0, parent)
            out.append(index.data(NAME_ROLE))
            out += self._visible_order(index)
        return out

    def current_name(self) -> str | None:
        index = self.view.currentIndex()
        return index.siblingAtColumn(0).data(NAME_ROLE) if index.isValid() else None

    def index_of(self, name: str) -> QModelIndex:
        """The view's index of a tag's name cell (invalid when unknown or filtered out)."""
        return self.proxy.mapFromSource(self.model.index_of(name))

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
        self._show_memo()

    def _update_actions(self, *_args) -> None:
        count = len(self.selected_names())
        self.rename_action.setEnabled(count == 1)
        self.merge_action.setEnabled(count >= 2)
        for act in (self.color_action, self.clear_color_action, self.delete_action, self.move_action):
            act.setEnabled(count >= 1)
        self.memo_action.setEnabled(count == 1)
        self.show_notes_action.setEnabled(count == 1)

    def _show_memo(self) -> None:
        tag = self.model.tag_named(self.current_name() or "") if self.current_name() else None
        self.memo_label.setText(f"{tag.name}: {tag.memo}" if tag is not None and tag.memo else "")
        self.memo_label.setVisible(bool(self.memo_label.text()))

    # ---------------------------------------------------------------- changes

    def follow(self, bus) -> None:
        """Refresh whenever a change published on ``bus`` (a ``ChangeBus``) touches ``TAG_USE_TABLES``."""
        bus.changed.connect(self._on_change_bus_changed)

    def _on_change_bus_changed(self, changes, _source) -> None:
        if changes.tables & TAG_USE_TABLES:
            self.refresh()

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
        """Rename (a new path moves it); onto another existing tag it is a merge, which the reader
        confirms first."""
        new = new.strip()
        if not new or new == old:
            return False
        try:
            new = tag_name(new)
        except ValueError:
            return False
        existing = next((t for t in self.store.tags() if t.name.casefold() == new.casefold()), None)
        if existing is not None and existing.name.casefold() != old.casefold():
            question = (f"There is already a tag “{existing.name}” ({uses_text(existing)}).\n\n"
                        f"Merge “{old}” into it? Ctrl+Z separates them again.")
            if not self.confirm("Merge Tags", question):
                return False
            new = existing.name
        return self._push(lambda: RenameTagCommand(self.store, self.apply, old, new), [new])

    def move_tags(self, names: list[str], parent: str | None) -> bool:
        """Put the tags inside ``parent`` (None or "": at the top), each with what is inside it."""
        moved = False
        targets = []
        self.undo_stack.beginMacro("Move Tags" if len(names) > 1 else "Move Tag")
        try:
            for name in names:
                leaf = name.rpartition("/")[2]
                target = f"{parent}/{leaf}" if parent else leaf
                if target.casefold() != name.casefold() and self.rename_tag(name, target):
                    moved = True
                    targets.append(target)
        finally:
            self.undo_stack.endMacro()
        if targets:
            self._select_after = targets
            self.refresh()
        return moved

    def move_selected(self) -> bool:
        names = self.selected_names()
        if not names:
            return False
        inside = {t.name.casefold() for n in names for t in self.model.inside(n)} | {n.casefold() for n in names}
        places = [t.name for t in self.model.tags() if t.name.casefold() not in inside]
        parent = self.choose_parent(names, sorted(places, key=str.casefold))
        return parent is not None and self.move_tags(names, parent.strip().strip("/"))

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
        shown = self.model.tag_named(current if current in names else names[0])
        color = self.choose_color(QColor(shown.color) if shown is not None and shown.color else QColor())
        return color is not None and color.isValid() and self.set_color(names, color)

    def set_memo(self, name: str, memo: str) -> bool:
        return self._push(lambda: SetTagMemoCommand(self.store, self.apply, name, memo), [name])

    def edit_memo_of_current(self) -> bool:
        names = self.selected_names()
        if len(names) != 1:
            return False
        tag = self.model.tag_named(names[0])
        memo = self.ask_memo(names[0], tag.memo if tag is not None else "")
        return memo is not None and self.set_memo(names[0], memo)

    def delete_tags(self, names: list[str]) -> bool:
        """Delete the tags (and the tags inside them) after the reader confirms, told how much uses them."""
        tags = [t for t in (self.model.tag_named(n) for n in names) if t is not None]
        if not tags:
            return False
        chosen = {t.name for t in tags}
        # a tag inside another chosen one is deleted with it: asked about once
        tags = [t for t in tags if not any(t.name.startswith(c + "/") for c in chosen)]
        inside = [i for t in tags for i in self.model.inside(t.name)]
        if not self.confirm("Delete Tag" if len(tags) == 1 else "Delete Tags", delete_question(tags, inside)):
            return False
        names = [t.name for t in tags]
        gone = names + [i.name for i in inside]
        return self._push(lambda: DeleteTagCommand(self.store, self.apply, names), self._neighbour_of(gone))

    def _neighbour_of(self, names: list[str]) -> list[str]:
        """The tag to select once ``names`` are gone: the next one down the tree, else the one above."""
        order = self._visible_order()
        rows = [order.index(n) for n in names if n in order]
        if not rows:
            return []
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

    def _ask_parent(self, names: list[str], places: list[str]) -> str | None:
        top = "(top level)"
        what = f"“{names[0]}”" if len(names) == 1 else f"{len(names)} tags"
        name, ok = QInputDialog.getItem(self, "Move Tags", f"Put {what} inside (a new path is created):",
                                        [top, *places], 0, True)
        return ("" if name == top else name) if ok else None

    def _ask_memo(self, name: str, current: str) -> str | None:
        memo, ok = QInputDialog.getMultiLineText(self, "Tag Memo", f"What “{name}” is for, when to use it:",
                                                 current)
        return memo if ok else None

    def _ask_color(self, initial: QColor) -> QColor | None:
        color = QColorDialog.getColor(initial if initial.isValid() else QColor("#ffd54f"), self, "Tag Colour")
        return color if color.isValid() else None

    # ----------------------------------------------------------------- slots

    def _on_model_rename_requested(self, old: str, new: str) -> None:
        self.rename_tag(old, new)

    def _on_model_move_requested(self, names: list, parent: str) -> None:
        self.move_tags([n for n in names if not parent.startswith(n + "/")], parent or None)

    def _on_view_current_changed(self, *_args) -> None:
        self._show_memo()

    def _on_filter_box_text_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self.view.expandAll()
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
        for act in (self.rename_action, self.move_action, self.merge_action, self.color_action,
                    self.clear_color_action, self.memo_action):
            menu.addAction(act)
        menu.addSeparator()
        menu.addAction(self.delete_action)
        menu.popup(self.view.viewport().mapToGlobal(pos))
        self.context_menu = menu

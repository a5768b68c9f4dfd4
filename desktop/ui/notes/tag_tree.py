"""The tags as a tree for the tag manager: ``TagTreeModel`` (a ``QAbstractItemModel``).

Rows are tags, nested as their paths are ("people/spokesperson" under "people"); columns are the
tag (its last name part, with its colour swatch), and how many annotations, articles and stories
carry it. Editing a name does not change the store: it emits ``rename_requested(old path, new
path)``, the new path inside the same parent. Dragging tags onto another tag (or onto the empty
space below, for the top) emits ``move_requested(paths, parent path or "")``.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QAbstractItemModel, QByteArray, QMimeData, QModelIndex, Qt, Signal

from desktop.core.models import TAG_PATH_SEPARATOR, TagInfo
from desktop.ui.notes.tag_input import tag_swatch, uses_text

NAME_ROLE = Qt.ItemDataRole.UserRole + 1  # the tag's whole path
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
MIME_TYPE = "application/x-parallax-tag-paths"
_NO_PARENT = QModelIndex()  # the invisible root, as a default argument


class _Node:
    __slots__ = ("children", "info", "parent")

    def __init__(self, info: TagInfo | None, parent: _Node | None):
        self.info, self.parent = info, parent
        self.children: list[_Node] = []

    def row(self) -> int:
        return self.parent.children.index(self) if self.parent is not None else 0


class TagTreeModel(QAbstractItemModel):
    """The library's tags as a tree, with their colour, memo (tooltip) and uses."""

    COLUMNS = ("Tag", "Annotations", "Articles", "Stories")
    rename_requested = Signal(str, str)
    move_requested = Signal(list, str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._root = _Node(None, None)
        self._by_name: dict[str, _Node] = {}

    # ------------------------------------------------------------- contents

    def set_tags(self, tags: Iterable[TagInfo]) -> None:
        self.beginResetModel()
        self._root = _Node(None, None)
        self._by_name = {}
        tags = list(tags)
        folded = {t.name.casefold(): t.name for t in tags}
        for tag in sorted(tags, key=lambda t: (t.name.count(TAG_PATH_SEPARATOR), t.name.casefold())):
            parent_name = folded.get((tag.parent or "").casefold())
            parent = self._by_name.get(parent_name, self._root) if parent_name else self._root
            node = _Node(tag, parent)
            parent.children.append(node)
            self._by_name[tag.name] = node
        self.endResetModel()

    def tags(self) -> list[TagInfo]:
        return [node.info for node in self._by_name.values()]

    def tag_named(self, name: str) -> TagInfo | None:
        """The tag with exactly this path, else one differing only in case."""
        node = self._node_named(name)
        return node.info if node is not None else None

    def _node_named(self, name: str) -> _Node | None:
        node = self._by_name.get(name)
        if node is None:
            folded = name.casefold()
            node = next((n for key, n in self._by_name.items() if key.casefold() == folded), None)
        return node

    def index_of(self, name: str, column: int = 0) -> QModelIndex:
        node = self._node_named(name)
        return self.createIndex(node.row(), column, node) if node is not None else QModelIndex()

    def inside(self, name: str) -> list[TagInfo]:
        """The tags inside ``name`` (all levels), each before what it holds."""
        node = self._node_named(name)
        out, todo = [], list(node.children) if node is not None else []
        while todo:
            child = todo.pop(0)
            out.append(child.info)
            todo += child.children
        return out

    def _node(self, index: QModelIndex) -> _Node:
        return index.internalPointer() if index.isValid() else self._root

    # ---------------------------------------------------------- structure

    def index(self, row: int, column: int, parent=_NO_PARENT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        node = self._node(parent)
        return self.createIndex(row, column, node.children[row])

    def parent(self, index=_NO_PARENT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        node = index.internalPointer().parent
        if node is None or node is self._root:
            return QModelIndex()
        return self.createIndex(node.row(), 0, node)

    def rowCount(self, parent=_NO_PARENT) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent=_NO_PARENT) -> int:
        return len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.COLUMNS[section]
            if role == Qt.ItemDataRole.TextAlignmentRole:
                side = Qt.AlignmentFlag.AlignRight if section else Qt.AlignmentFlag.AlignLeft
                return int(side | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        tag, column = index.internalPointer().info, index.column()
        counts = (tag.count, tag.articles, tag.stories)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return tag.leaf if column == 0 else (str(counts[column - 1]) if counts[column - 1] else "–")
        if role == SORT_ROLE:
            return tag.leaf.casefold() if column == 0 else counts[column - 1]
        if role == NAME_ROLE:
            return tag.name
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return tag_swatch(tag.color)
        if role == Qt.ItemDataRole.ToolTipRole:
            colour = f"colour {tag.color}" if tag.color else "no colour"
            memo = f"\n\n{tag.memo}" if tag.memo else ""
            return f"{tag.name}: {uses_text(tag)}; {colour}.{memo}\nDouble-click to show the notes with this tag."
        if role == Qt.ItemDataRole.TextAlignmentRole and column:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index):
        flags = super().flags(index)
        if not index.isValid():
            return flags | Qt.ItemFlag.ItemIsDropEnabled
        flags |= Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == 0 else flags

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != 0:
            return False
        tag = index.internalPointer().info
        leaf = str(value).strip().strip(TAG_PATH_SEPARATOR).strip()
        if not leaf or leaf == tag.leaf:
            return False
        self.rename_requested.emit(tag.name, f"{tag.parent}{TAG_PATH_SEPARATOR}{leaf}" if tag.parent else leaf)
        return True

    # -------------------------------------------------------- drag and drop

    def supportedDropActions(self):
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes) -> QMimeData:
        names = list(dict.fromkeys(i.data(NAME_ROLE) for i in indexes if i.isValid()))
        data = QMimeData()
        data.setData(MIME_TYPE, QByteArray("\n".join(names).encode("utf-8")))
        return data

    def dropMimeData(self, data, action, row, column, parent) -> bool:
        if action == Qt.DropAction.IgnoreAction:
            return True
        if not data.hasFormat(MIME_TYPE):
            return False
        names = [n for n in bytes(data.data(MIME_TYPE)).decode("utf-8").split("\n") if n]
        target = parent.data(NAME_ROLE) if parent.isValid() else ""
        names = [n for n in names if n != target]
        if names:
            self.move_requested.emit(names, target or "")
        return False  # the store moves them; the model is re-read afterwards


__all__ = ["MIME_TYPE", "NAME_ROLE", "SORT_ROLE", "TagTreeModel"]

"""The annotations sidebar: the reader's highlights, notes and tags, filtered and edited in place.

``AnnotationsModel`` is a list model over ``Annotation`` rows (quote, note, tags, article, date,
colour swatch). ``AnnotationsPanel`` puts a full-text search, a tag filter, a colour filter and a
scope toggle (current story / whole library) above the list, tells the window which annotation the
reader picked (``annotation_activated``) and edits annotations through an injectable ``actions``
object, so the window can route edits through its undo stack. ``DirectActions`` calls the store.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QMessageBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.annotating import COLORS
from desktop.core.errors import NotFound
from desktop.core.models import Annotation

ANNOTATION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ARTICLE_ID_ROLE = Qt.ItemDataRole.UserRole + 2

ALL_TAGS = "All tags"
ALL_COLOURS = "All colours"
ORPHANED = "⚠ orphaned"

# Light tints of the highlight colours: pleasant behind text, and told apart by name in tooltips.
TINTS = {
    "yellow": "#fff1a8",
    "green": "#c9efc4",
    "blue": "#c7ddff",
    "pink": "#ffd0e6",
    "purple": "#e1d2ff",
    "orange": "#ffd8ad",
    "red": "#ffc4c4",
    "teal": "#bfeae5",
    "grey": "#dedede",
}


def color_tint(name: str) -> QColor:
    """The light tint for a highlight colour name (grey for an unknown name)."""
    return QColor(TINTS.get((name or "").lower(), TINTS["grey"]))


_SWATCHES: dict[str, QIcon] = {}


def color_swatch(name: str) -> QIcon:
    """A small rounded square of the colour's tint with a darker outline (cached per colour)."""
    icon = _SWATCHES.get(name)
    if icon is None:
        tint = color_tint(name)
        pixmap = QPixmap(14, 14)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(tint.darker(150), 1))
        painter.setBrush(tint)
        painter.drawRoundedRect(1, 1, 12, 12, 3, 3)
        painter.end()
        icon = _SWATCHES[name] = QIcon(pixmap)
    return icon


def trim(text: str, limit: int = 160) -> str:
    """Whitespace collapsed, cut at ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def first_line(text: str) -> str:
    for line in (text or "").splitlines():
        if line.strip():
            return line.strip()
    return ""


def parse_tags(text: str) -> list[str]:
    """Comma-separated tag names, trimmed, a leading # dropped, empty and repeated ones skipped."""
    names: list[str] = []
    for part in text.split(","):
        name = part.strip().lstrip("#").strip()
        if name and name.casefold() not in (n.casefold() for n in names):
            names.append(name)
    return names


# ------------------------------------------------------------------------ actions


class AnnotationActions(Protocol):
    """What the panel asks for when the reader edits; the window may route it through undo."""

    def edit_note(self, annotation_id: int, text: str) -> object: ...

    def edit_tags(self, annotation_id: int, names: list[str]) -> object: ...

    def delete(self, annotation_id: int) -> object: ...


class DirectActions:
    """Edits straight to the store (no undo)."""

    def __init__(self, store):
        self.store = store

    def edit_note(self, annotation_id: int, text: str):
        return self.store.update_annotation(annotation_id, note=text)

    def edit_tags(self, annotation_id: int, names: list[str]):
        return self.store.set_annotation_tags(annotation_id, names)

    def delete(self, annotation_id: int):
        return self.store.delete_annotation(annotation_id)


# -------------------------------------------------------------------------- model


class AnnotationsModel(QAbstractListModel):
    """One row per annotation: quote, first line of the note, tags, article and date."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._annotations: list[Annotation] = []
        self._names: dict[int, str] = {}
        self._rows: dict[int, int] = {}

    def set_annotations(self, annotations: list[Annotation], names: dict[int, str] | None = None) -> None:
        self.beginResetModel()
        self._annotations = list(annotations)
        if names is not None:
            self._names = dict(names)
        self._rows = {a.id: row for row, a in enumerate(self._annotations)}
        self.endResetModel()

    def annotation_at(self, row: int) -> Annotation | None:
        return self._annotations[row] if 0 <= row < len(self._annotations) else None

    def row_of(self, annotation_id: int | None) -> int:
        return self._rows.get(annotation_id, -1)

    def ids(self) -> list[int]:
        return [a.id for a in self._annotations]

    def article_name(self, article_id: int) -> str:
        return self._names.get(article_id, f"Article {article_id}")

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._annotations)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._annotations):
            return None
        a = self._annotations[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display_text(a)
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = f"“{a.exact}”"
            if a.note.strip():
                tip += f"\n\n{a.note.strip()}"
            if a.tags:
                tip += "\n\n" + " ".join(f"#{t}" for t in a.tags)
            tip += f"\n\n{self.article_name(a.article_id)} · {a.color}"
            if a.orphaned:
                tip += f"\n{ORPHANED}: its words are no longer in the article's text"
            return tip
        if role == Qt.ItemDataRole.DecorationRole:
            return color_swatch(a.color)
        if role == ANNOTATION_ID_ROLE:
            return a.id
        if role == ARTICLE_ID_ROLE:
            return a.article_id
        return None

    def display_text(self, a: Annotation) -> str:
        lines = [f"“{trim(a.exact)}”"]
        note = first_line(a.note)
        if note:
            lines.append(trim(note, 120))
        meta = []
        if a.orphaned:
            meta.append(ORPHANED)
        if a.tags:
            meta.append(" ".join(f"#{t}" for t in a.tags))
        meta.append(self.article_name(a.article_id))
        if a.created:
            meta.append(a.created[:10])
        lines.append(" · ".join(meta))
        return "\n".join(lines)


# -------------------------------------------------------------------------- panel


class AnnotationsPanel(QWidget):
    """Search and filters above the list of annotations, and a count below it."""

    annotation_activated = Signal(int)  # the reader clicked a row or pressed Enter on it

    def __init__(self, store=None, actions: AnnotationActions | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("AnnotationsPanel")
        self._store = None
        self._actions = actions
        self._story_id: int | None = None
        self._names: dict[int, str] = {}
        self._library_names: dict[int, str] | None = None  # article titles, read when first needed
        self._selecting = False  # re-entry guard: selection made by code, not by the reader

        self.model = AnnotationsModel(self)

        self.search = QLineEdit()
        self.search.setObjectName("AnnotationsSearch")
        self.search.setPlaceholderText("Search quotes and notes…")
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip("Full-text search over the quotes and notes (every word must match)")
        self.search.textChanged.connect(self._on_search_text_changed)

        self.tag_filter = QComboBox()
        self.tag_filter.setObjectName("AnnotationsTagFilter")
        self.tag_filter.setToolTip("Show only the annotations with this tag")
        self.tag_filter.addItem(ALL_TAGS, None)
        self.tag_filter.currentIndexChanged.connect(self._on_tag_filter_current_index_changed)

        self.color_filter = QComboBox()
        self.color_filter.setObjectName("AnnotationsColorFilter")
        self.color_filter.setToolTip("Show only the annotations of this colour")
        self.color_filter.addItem(ALL_COLOURS, None)
        for name in COLORS:
            self.color_filter.addItem(color_swatch(name), name.capitalize(), name)
        self.color_filter.currentIndexChanged.connect(self._on_color_filter_current_index_changed)

        self.scope_button = QToolButton()
        self.scope_button.setObjectName("AnnotationsScope")
        self.scope_button.setText("Whole library")
        self.scope_button.setCheckable(True)
        self.scope_button.setToolTip("Show the annotations of every story, not only the current one")
        self.scope_button.toggled.connect(self._on_scope_button_toggled)

        self.view = QListView()
        self.view.setObjectName("AnnotationsView")
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSpacing(1)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setLayoutMode(QListView.LayoutMode.Batched)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._on_view_custom_context_menu_requested)
        self.view.clicked.connect(self._on_view_clicked)
        self.view.installEventFilter(self)

        self.count = QLabel()
        self.count.setObjectName("AnnotationsCount")
        self.count.setStyleSheet("color: palette(placeholder-text);")

        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.tag_filter, 1)
        filters.addWidget(self.color_filter, 1)
        filters.addWidget(self.scope_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count)

        self._update_scope_button()
        if store is not None:
            self.set_store(store)
        else:
            self._update_count()

    # ------------------------------------------------------------ public API

    @property
    def actions(self) -> AnnotationActions | None:
        return self._actions

    def set_actions(self, actions: AnnotationActions | None) -> None:
        self._actions = actions

    def set_store(self, store) -> None:
        """Read annotations from this store (a ``DirectActions`` on it, unless actions were given)."""
        self._store = store
        self._library_names = None
        if self._actions is None or isinstance(self._actions, DirectActions):
            self._actions = DirectActions(store) if store is not None else None
        self.refresh()

    def set_story(self, story_id: int | None, names: dict[int, str] | None = None) -> None:
        """Show this story's annotations (None: the whole library); ``names`` maps article ids
        to what the rows show (e.g. "A2 · Bitdefender")."""
        self._story_id = story_id
        self._names = dict(names or {})
        self._update_scope_button()
        self.refresh()

    def story_id(self) -> int | None:
        return self._story_id

    def library_scope(self) -> bool:
        return self._story_id is None or self.scope_button.isChecked()

    def refresh(self) -> None:
        """Re-read tags and annotations from the store, keeping the filters and the selected id."""
        selected = self.selected_id()
        self._reload_tags()
        annotations = self._query()
        self._selecting = True
        try:
            self.model.set_annotations(annotations, self._row_names(annotations))
            self._select(selected)
        finally:
            self._selecting = False
        self._update_count()

    def select_annotation(self, annotation_id: int | None) -> bool:
        """Select and scroll to this annotation's row without emitting ``annotation_activated``.
        False (and nothing selected) when it is not listed."""
        self._selecting = True
        try:
            return self._select(annotation_id)
        finally:
            self._selecting = False

    def selected_id(self) -> int | None:
        selection = self.view.selectionModel()
        index = selection.currentIndex()
        if not index.isValid() or not selection.isRowSelected(index.row(), QModelIndex()):
            return None
        return index.data(ANNOTATION_ID_ROLE)

    def visible_ids(self) -> list[int]:
        return self.model.ids()

    # ------------------------------------------------------------ editing (also what the menu calls)

    def edit_note(self, annotation_id: int) -> bool:
        annotation = self._annotation(annotation_id)
        if annotation is None:
            return False
        text, ok = QInputDialog.getMultiLineText(
            self, "Edit Note", f"Note on “{trim(annotation.exact, 60)}”:", annotation.note
        )
        if not ok or text == annotation.note:
            return False
        return self._run(self._actions.edit_note, annotation_id, text)

    def edit_tags(self, annotation_id: int) -> bool:
        annotation = self._annotation(annotation_id)
        if annotation is None:
            return False
        text, ok = QInputDialog.getText(
            self, "Edit Tags", "Tags, separated by commas:", QLineEdit.EchoMode.Normal, ", ".join(annotation.tags)
        )
        if not ok:
            return False
        names = parse_tags(text)
        if names == list(annotation.tags):
            return False
        return self._run(self._actions.edit_tags, annotation_id, names)

    def delete(self, annotation_id: int) -> bool:
        if self._annotation(annotation_id) is None:
            return False
        row = self.model.row_of(annotation_id)
        ok = self._run(self._actions.delete, annotation_id)
        if ok and self.selected_id() is None and self.model.rowCount():
            # the next row (or the last) takes the deleted one's place, so Delete can repeat
            self.select_annotation(self.model.annotation_at(min(row, self.model.rowCount() - 1)).id)
        return ok

    def context_menu(self, annotation_id: int) -> QMenu:
        """The row's menu: Edit Note…, Edit Tags…, Delete."""
        menu = QMenu(self)
        menu.addAction("Edit Note…", lambda: self.edit_note(annotation_id)).setObjectName("EditNote")
        menu.addAction("Edit Tags…", lambda: self.edit_tags(annotation_id)).setObjectName("EditTags")
        menu.addSeparator()
        menu.addAction("Delete", lambda: self.delete(annotation_id)).setObjectName("Delete")
        return menu

    # ------------------------------------------------------------ internals

    def _annotation(self, annotation_id: int) -> Annotation | None:
        row = self.model.row_of(annotation_id)
        return self.model.annotation_at(row) if row >= 0 else None

    def _run(self, action, *args) -> bool:
        if self._actions is None:
            return False
        try:
            action(*args)
        except (NotFound, ValueError) as exc:
            QMessageBox.warning(self, "Annotation not changed", str(exc))
            self.refresh()
            return False
        self.refresh()
        return True

    def _query(self) -> list[Annotation]:
        if self._store is None:
            return []
        query = self.search.text().strip()
        tag = self.tag_filter.currentData()
        color = self.color_filter.currentData()
        story = None if self.library_scope() else self._story_id
        if query:
            annotations = self._store.search_annotations(query)
            if story is not None:
                members = set(self._store.story(story).article_ids)
                annotations = [a for a in annotations if a.article_id in members]
            if tag is not None:
                wanted = tag.casefold()
                annotations = [a for a in annotations if any(t.casefold() == wanted for t in a.tags)]
        else:
            annotations = self._store.annotations(story_id=story, tag=tag)
        if color is not None:
            annotations = [a for a in annotations if a.color == color]
        return annotations

    def _row_names(self, annotations: list[Annotation]) -> dict[int, str]:
        names = dict(self._names)
        missing = {a.article_id for a in annotations if a.article_id not in names}
        if missing:
            if self._library_names is None or not missing <= self._library_names.keys():
                self._library_names = {s.id: s.display_title for s in self._store.articles()}
            for a in annotations:
                if a.article_id not in names:
                    names[a.article_id] = trim(self._library_names.get(a.article_id, f"Article {a.article_id}"), 60)
        return names

    def _reload_tags(self) -> None:
        current = self.tag_filter.currentData()
        names = [t.name for t in self._store.tags()] if self._store is not None else []
        if current is not None and current not in names:
            names.append(current)  # keep the reader's filter even if the tag went away
        self.tag_filter.blockSignals(True)
        try:
            self.tag_filter.clear()
            self.tag_filter.addItem(ALL_TAGS, None)
            for name in names:
                self.tag_filter.addItem(f"#{name}", name)
            self.tag_filter.setCurrentIndex(max(0, self.tag_filter.findData(current)) if current else 0)
        finally:
            self.tag_filter.blockSignals(False)

    def _select(self, annotation_id: int | None) -> bool:
        selection = self.view.selectionModel()
        row = self.model.row_of(annotation_id) if annotation_id is not None else -1
        if row < 0:
            selection.clear()
            return False
        index = self.model.index(row, 0)
        selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.view.scrollTo(index)
        return True

    def _update_scope_button(self) -> None:
        no_story = self._story_id is None
        self.scope_button.setEnabled(not no_story)
        self.scope_button.setToolTip(
            "No story is open: every annotation in the library is listed" if no_story
            else "Show the annotations of every story, not only the current one"
        )

    def _update_count(self) -> None:
        n = self.model.rowCount()
        where = "in the library" if self.library_scope() else "in this story"
        filtered = bool(self.search.text().strip()) or self.tag_filter.currentIndex() > 0 \
            or self.color_filter.currentIndex() > 0
        self.count.setText(
            f"{n} annotation{'s' if n != 1 else ''} {where}" + (" (filtered)" if filtered else "")
        )

    def eventFilter(self, watched, event) -> bool:
        if watched is self.view and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                annotation_id = self.selected_id()
                if annotation_id is not None:
                    self.annotation_activated.emit(annotation_id)
                    return True
            elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                annotation_id = self.selected_id()
                if annotation_id is not None:
                    self.delete(annotation_id)
                    return True
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------ slots

    def _on_search_text_changed(self, _text: str) -> None:
        self.refresh()

    def _on_tag_filter_current_index_changed(self, _index: int) -> None:
        self.refresh()

    def _on_color_filter_current_index_changed(self, _index: int) -> None:
        self.refresh()

    def _on_scope_button_toggled(self, _checked: bool) -> None:
        self.refresh()

    def _on_view_clicked(self, index: QModelIndex) -> None:
        if index.isValid() and not self._selecting:
            self.annotation_activated.emit(index.data(ANNOTATION_ID_ROLE))

    def _on_view_custom_context_menu_requested(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        annotation_id = index.data(ANNOTATION_ID_ROLE)
        self.select_annotation(annotation_id)
        self.context_menu(annotation_id).exec(self.view.viewport().mapToGlobal(pos))

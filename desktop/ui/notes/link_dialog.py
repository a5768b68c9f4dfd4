"""The "Link to…" dialog: pick a note in another article and how the two relate.

Non-blocking (``show()``; the reader can keep reading the panes while choosing). Candidates are
the notes of the other articles, the current story's first, grouped by article and read lazily
like the sidebar's list; the filter box is a full-text search over their quotes and notes. On
"Link" it emits ``link_chosen(from_id, to_id, kind)``; the panel makes the link through its
actions, so it can be undone.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.library.store import Store
from desktop.core.notes.annotating import LINK_KINDS, group_by_article, link_candidates
from desktop.ui.notes.note_cards import make_card_view
from desktop.ui.notes.notes_model import ANNOTATION_ID_ROLE, IS_HEADER_ROLE, AnnotationsModel, GroupHeader, trim

KIND_HINTS = {
    "same fact": "Both passages report the same fact",
    "supports": "This note supports the other one",
    "contradicts": "The two passages disagree",
}


class LinkDialog(QDialog):
    """Choose the other end and the kind of a link from one annotation."""

    link_chosen = Signal(int, int, str)  # from annotation id, to annotation id, kind

    def __init__(self, store: Store, annotation_id: int, story_article_ids=(), names: dict[int, str] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("LinkDialog")
        self.setWindowTitle("Link Note")
        self.setModal(False)
        self.store = store
        self.annotation = store.annotation(annotation_id)
        self.story_article_ids = tuple(story_article_ids)
        self.names = dict(names or {})
        self._titles: dict[int, tuple[str, str]] | None = None

        source = QLabel(f"Link “{trim(self.annotation.exact, 90)}” ({self._name(self.annotation.article_id)}) "
                        "to a note in another article:")
        source.setWordWrap(True)

        self.filter = QLineEdit()
        self.filter.setObjectName("LinkFilter")
        self.filter.setPlaceholderText("Search the other notes…")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._on_filter_text_changed)

        self.model = AnnotationsModel(self)
        self.model.set_name_lookup(self._name)
        self.model.show_article = False
        self.view = make_card_view(self.model)
        self.view.setObjectName("LinkCandidates")
        self.view.selectionModel().currentChanged.connect(self._on_view_current_changed)
        self.view.doubleClicked.connect(self._on_view_double_clicked)

        self.kind = QComboBox()
        self.kind.setObjectName("LinkKind")
        for kind in LINK_KINDS:
            self.kind.addItem(kind.capitalize(), kind)
            self.kind.setItemData(self.kind.count() - 1, KIND_HINTS[kind], Qt.ItemDataRole.ToolTipRole)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.link_button = self.buttons.addButton("Link", QDialogButtonBox.ButtonRole.AcceptRole)
        self.link_button.setObjectName("LinkButton")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow("Relation:", self.kind)
        layout = QVBoxLayout(self)
        layout.addWidget(source)
        layout.addWidget(self.filter)
        layout.addWidget(self.view, 1)
        self.empty = QLabel()  # says why the list is empty, in its place
        self.empty.setObjectName("LinkCandidatesEmpty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.empty, 1)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(520, 560)
        self.refresh()

    # ------------------------------------------------------------ public API

    def refresh(self) -> None:
        """Re-list the candidates matching the filter."""
        keys = link_candidates(self.store, self.annotation, self.filter.text().strip() or None,
                               self.story_article_ids)
        rows: list[int | GroupHeader] = []
        for group in group_by_article(keys):
            rows.append(GroupHeader(group.key, self._name(group.key), len(group.ids),
                                    detail=self._detail(group.key), foldable=False))
            rows.extend(group.ids)
        self.model.set_rows(rows, lambda ids: (self.store.annotations_by_ids(ids), {}), self.names)
        if not rows:
            self.empty.setText(
                f"No note matches “{self.filter.text().strip()}”." if self.filter.text().strip() else
                "No notes in other articles yet. Highlight the passage this one agrees or disagrees "
                "with in another pane, then link them.")
        self.view.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        self._update_button()

    def candidate_ids(self) -> list[int]:
        return self.model.ids()

    def select_candidate(self, annotation_id: int) -> bool:
        row = self.model.row_of(annotation_id)
        if row < 0:
            return False
        index = self.model.index(row, 0)
        self.view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.view.scrollTo(index)
        return True

    def set_kind(self, kind: str) -> None:
        self.kind.setCurrentIndex(self.kind.findData(kind))

    def chosen_id(self) -> int | None:
        index = self.view.selectionModel().currentIndex()
        if not index.isValid() or not self.view.selectionModel().isSelected(index):
            return None
        return index.data(ANNOTATION_ID_ROLE)

    def accept(self) -> None:
        to_id = self.chosen_id()
        if to_id is None:
            return
        self.link_chosen.emit(self.annotation.id, to_id, self.kind.currentData())
        super().accept()

    # ------------------------------------------------------------ internals

    def _about(self, article_id: int) -> tuple[str, str]:
        """(title, outlet) of an article."""
        if self._titles is None:
            self._titles = {}
        if article_id not in self._titles:  # read only the articles asked about, not the whole library
            self._titles.update({a.id: (a.display_title, a.display_source)
                                 for a in self.store.articles(ids=[article_id])})
        return self._titles.get(article_id, (f"Article {article_id}", ""))

    def _title(self, article_id: int) -> str:
        return self._about(article_id)[0]

    def _detail(self, article_id: int) -> str:
        """Under a header: the title when the header names the pane, else the outlet."""
        title, outlet = self._about(article_id)
        return title if article_id in self.names else outlet

    def _name(self, article_id: int) -> str:
        if article_id in self.names:
            return self.names[article_id]
        title = trim(self._title(article_id), 60)
        if article_id in self.story_article_ids:
            return f"A{self.story_article_ids.index(article_id) + 1} · {title}"
        return title

    def _update_button(self) -> None:
        self.link_button.setEnabled(self.chosen_id() is not None)

    def _on_filter_text_changed(self, _text: str) -> None:
        self.refresh()

    def _on_view_current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_button()

    def _on_view_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid() and not index.data(IS_HEADER_ROLE):
            self.accept()


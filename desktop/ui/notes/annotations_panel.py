"""The annotations sidebar ("Notes"): the reader's highlights, notes, tags and links, filtered,
grouped and edited in place.

``AnnotationsPanel`` puts a full-text search, a tag filter, a colour filter (with "orphans only"),
a grouping choice and a scope toggle (current story / whole library) above the list, a banner
when notes lost their place, and the orphan review box under it. It asks the store which
annotations the filters let through, groups them, and hands the rows to the list's model, which
reads the annotations only when they are painted. It tells the window which annotation the
reader picked (``annotation_activated``) and edits through an injectable ``actions`` object, so
the window can route edits through its undo stack. ``DirectActions`` calls the store (no undo).

The parts live in their own modules: ``notes_model`` (the lazy list model and row text),
``note_cards`` (the card view and its painting), ``notes_filters`` (the controls above the list)
and ``note_editing`` (the actions and the edit commands and menu). The names other code imported
from here before the split can still be imported from here (``__all__``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.core.models import Annotation
from desktop.core.notes.annotating import (
    LinkedNote,
    NoteGroup,
    group_by_article,
    group_by_tag,
    linked_notes,
    order_by_articles,
)
from desktop.ui.notes.note_cards import make_card_view
from desktop.ui.notes.note_editing import AnnotationActions, DirectActions, NoteEditingMixin, parse_tags
from desktop.ui.notes.notes_filters import (
    GROUP_ARTICLE,
    GROUP_NONE,
    GROUP_TAG,
    ORPHANS_FILTER,
    OrphanBanner,
    fill_tag_filter,
    make_color_filter,
    make_group_by,
    make_scope_button,
    make_search_box,
    make_tag_filter,
)
from desktop.ui.notes.notes_model import (
    ANNOTATION_ID_ROLE,
    ARTICLE_ID_ROLE,
    GROUP_ROLE,
    IS_HEADER_ROLE,
    LINKS_ROLE,
    ORPHANED,
    AnnotationsModel,
    GroupHeader,
    trim,
)
from desktop.ui.notes.orphan_review import OrphanReviewBox

__all__ = [
    "ANNOTATION_ID_ROLE", "ARTICLE_ID_ROLE", "GROUP_ROLE", "IS_HEADER_ROLE", "LINKS_ROLE", "ORPHANED",
    "ORPHANS_FILTER", "AnnotationActions", "AnnotationsModel", "AnnotationsPanel", "DirectActions",
    "GroupHeader", "make_card_view", "parse_tags", "trim",
]

UNTAGGED = "Untagged"
NOTE_TABLES = frozenset({"annotations", "annotation_tags", "annotation_links", "tags"})  # what the panel shows


class AnnotationsPanel(NoteEditingMixin, QWidget):
    """Search, filters and grouping above the list of annotations, orphan review under it."""

    annotation_activated = Signal(int)  # the reader clicked a row or pressed Enter on it

    def __init__(self, store=None, actions: AnnotationActions | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("AnnotationsPanel")
        self._store = None
        self._actions = actions
        self._story_id: int | None = None
        self._story_articles: tuple[int, ...] = ()
        self._names: dict[int, str] = {}
        self._library_names: dict[int, str] | None = None  # article titles, read when first needed
        self._selecting = False  # re-entry guard: selection made by code, not by the reader
        self._groups: list[NoteGroup] = []
        self._article_of: dict[int, int] = {}  # annotation id -> article id, for tag headers
        self._collapsed: set[tuple[str, object]] = set()  # (grouping, group key) folded by the reader
        self._listed = 0  # annotations listed (each once), for the count
        self.link_dialog = None  # the open "Link to…" dialog, if any

        self.model = AnnotationsModel(self)
        self.model.set_name_lookup(self._article_name)

        self.search = make_search_box()
        self.search.textChanged.connect(self._on_search_text_changed)
        self.tag_filter = make_tag_filter()
        self.tag_filter.currentIndexChanged.connect(self._on_tag_filter_current_index_changed)
        self.color_filter = make_color_filter()
        self.color_filter.currentIndexChanged.connect(self._on_color_filter_current_index_changed)
        self.group_by = make_group_by()
        self.group_by.currentIndexChanged.connect(self._on_group_by_current_index_changed)
        self.scope_button = make_scope_button()
        self.scope_button.toggled.connect(self._on_scope_button_toggled)

        self.orphan_banner = OrphanBanner()
        self.orphan_label, self.orphan_button = self.orphan_banner.label, self.orphan_banner.button
        self.orphan_button.clicked.connect(self._on_orphan_button_clicked)

        self.view = make_card_view(self.model)
        self.view.setObjectName("AnnotationsView")
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._on_view_custom_context_menu_requested)
        self.view.clicked.connect(self._on_view_clicked)
        self.view.selectionModel().currentChanged.connect(self._on_view_current_changed)
        self.view.installEventFilter(self)

        self.review = OrphanReviewBox()
        self.review.attach_requested.connect(self._on_review_attach_requested)
        self.review.discard_requested.connect(self._on_review_discard_requested)
        self.review.hide()

        self.count = QLabel()
        self.count.setObjectName("AnnotationsCount")
        self.count.setStyleSheet("color: palette(placeholder-text);")

        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.tag_filter, 1)
        filters.addWidget(self.color_filter, 1)
        arrange = QHBoxLayout()
        arrange.setContentsMargins(0, 0, 0, 0)
        arrange.addWidget(self.group_by, 1)
        arrange.addWidget(self.scope_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addLayout(arrange)
        layout.addWidget(self.orphan_banner)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.review)
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

    def set_names(self, names: dict[int, str]) -> None:
        """The articles' names changed (an outlet edited): the rows and group headers follow."""
        if dict(names) != self._names:
            self._names = dict(names)
            self.refresh()

    def story_id(self) -> int | None:
        return self._story_id

    def library_scope(self) -> bool:
        return self._story_id is None or self.scope_button.isChecked()

    def grouping(self) -> str:
        return self.group_by.currentData()

    def set_grouping(self, grouping: str) -> None:
        """``GROUP_NONE``, ``GROUP_ARTICLE`` or ``GROUP_TAG`` ("none", "article", "tag")."""
        index = self.group_by.findData(grouping)
        if index < 0:
            raise ValueError(f"Unknown grouping {grouping!r}")
        self.group_by.setCurrentIndex(index)

    def refresh(self) -> None:
        """Re-read tags and annotations from the store, keeping the filters, the selected id
        and the place in the list."""
        self._reload(keep_place=True)

    def follow(self, bus) -> None:
        """Refresh whenever a change published on ``bus`` (a ``ChangeBus``) touches ``NOTE_TABLES``."""
        bus.changed.connect(self._on_change_bus_changed)

    def _reload(self, keep_place: bool, filters_only: bool = False) -> None:
        """Re-list; ``filters_only``: only a filter changed, so the tags and the story's
        articles read last time still hold."""
        selected = self.selected_id()
        if not filters_only:
            self._reload_tags()
            self._story_articles = self._read_story_articles()
        keys = self._query()
        self._listed = len({k[0] for k in keys})
        self._groups = self._group(keys)
        self._article_of = dict(keys) if self.grouping() == GROUP_TAG else {}
        self._show_groups(selected, keep_place)
        self._update_count()
        self._update_orphan_banner()

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
        """Every listed annotation id (including rows not read yet and folded groups' members)."""
        return list(dict.fromkeys(i for g in self._groups for i in g.ids))

    def toggle_group(self, key) -> None:
        """Fold or unfold the group with this key (article id, tag name, None for untagged)."""
        mark = (self.grouping(), key)
        self._collapsed.symmetric_difference_update({mark})
        self._show_groups(self.selected_id(), keep_place=True)

    def review_orphans(self) -> None:
        """List only the orphans and select the first one (the banner's Review button)."""
        self.color_filter.setCurrentIndex(self.color_filter.findData(ORPHANS_FILTER))
        first = self.model.annotation_near(0)
        if first is not None:
            self.select_annotation(first.id)
            self._update_review()

    # ------------------------------------------------------------ internals

    def _read_story_articles(self) -> tuple[int, ...]:
        if self._store is None or self._story_id is None:
            return ()
        return tuple(a.id for a in self._store.articles(self._story_id))  # cheaper than story()

    def _filters(self) -> dict:
        color = self.color_filter.currentData()
        return {
            "story_id": None if self.library_scope() else self._story_id,
            "tag": self.tag_filter.currentData(),
            "color": color if color != ORPHANS_FILTER else None,
            "review": True if color == ORPHANS_FILTER else None,
            "query": self.search.text().strip() or None,
        }

    def _query(self) -> list[tuple[int, int]]:
        """(annotation id, article id) of what the filters let through, the story's articles first."""
        if self._store is None:
            return []
        return order_by_articles(self._store.annotation_keys(**self._filters()), self._story_articles)

    def _group(self, keys: list[tuple[int, int]]) -> list[NoteGroup]:
        grouping = self.grouping()
        if grouping == GROUP_ARTICLE:
            return group_by_article(keys)
        if grouping == GROUP_TAG:
            story = None if self.library_scope() else self._story_id
            return group_by_tag(keys, self._store.annotation_tag_pairs(story) if keys else [])
        return [NoteGroup(None, tuple(k[0] for k in keys))]

    def _show_groups(self, selected: int | None, keep_place: bool) -> None:
        grouping = self.grouping()
        rows: list[int | GroupHeader] = []
        if grouping == GROUP_NONE:
            rows = list(self._groups[0].ids) if self._groups else []
        else:
            for group in self._groups:
                collapsed = (grouping, group.key) in self._collapsed
                rows.append(GroupHeader(group.key, self._group_label(group.key), len(group.ids), collapsed,
                                        self._group_detail(group)))
                if not collapsed:
                    rows.extend(group.ids)
        self.model.show_article = grouping != GROUP_ARTICLE
        place = self.view.verticalScrollBar().value()
        self._selecting = True
        try:
            self.model.set_rows(rows, self._load, self._names)
            if not self._select(selected) and keep_place:
                self.view.doItemsLayout()  # now, so the old place is within the scroll range
                self.view.verticalScrollBar().setValue(place)
        finally:
            self._selecting = False
        self._update_review()

    def _load(self, ids: list[int]) -> tuple[list[Annotation], dict[int, list[LinkedNote]]]:
        return self._store.annotations_by_ids(ids), linked_notes(self._store, ids)

    def _group_label(self, key) -> str:
        if self.grouping() == GROUP_ARTICLE:
            return self._article_name(key)
        return UNTAGGED if key is None else f"#{key}"

    def _group_detail(self, group: NoteGroup) -> str:
        """Under an article's header its title (when the header names it by pane and outlet),
        under a tag's the articles its notes are in."""
        if self.grouping() == GROUP_ARTICLE:
            return trim(self._article_title(group.key), 120) if group.key in self._names else ""
        articles = {self._article_of.get(i) for i in group.ids}
        where = f"in {len(articles)} article{'s' if len(articles) != 1 else ''}"
        return where if group.key is not None else f"Notes without a tag, {where}"

    def _article_title(self, article_id: int) -> str:
        if self._library_names is None or article_id not in self._library_names:
            wanted = {a for a in self._article_of.values() if a is not None} | {article_id}
            self._library_names = {s.id: s.display_title for s in self._store.articles(ids=wanted)}
        return self._library_names.get(article_id, f"Article {article_id}")

    def _article_name(self, article_id: int) -> str:
        name = self._names.get(article_id)
        if name is not None:
            return name
        if self._store is None:
            return f"Article {article_id}"
        title = self._article_title(article_id)
        if article_id in self._story_articles:
            return f"A{self._story_articles.index(article_id) + 1} · " + trim(title, 50)
        return trim(title, 60)

    def _reload_tags(self) -> None:
        fill_tag_filter(self.tag_filter, [t.name for t in self._store.tags()] if self._store is not None else [])

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
        n = self._listed
        where = "in the library" if self.library_scope() else "in this story"
        filtered = bool(self.search.text().strip()) or self.tag_filter.currentIndex() > 0 \
            or self.color_filter.currentIndex() > 0
        self.count.setText(
            f"{n} annotation{'s' if n != 1 else ''} {where}" + (" (filtered)" if filtered else "")
        )

    def _update_orphan_banner(self) -> None:
        if self.color_filter.currentData() == ORPHANS_FILTER:
            self.orphan_banner.show_orphans_listed()
            return
        story = None if self.library_scope() else self._story_id
        if self._store is None:
            self.orphan_banner.show_orphan_count(0)
            return
        orphans = self._store.annotation_count(story, orphaned=True)
        self.orphan_banner.show_orphan_count(orphans, self._store.annotation_count(story, review=True) - orphans)

    def _update_review(self) -> None:
        """Show the orphan review box under the list while an orphan is selected."""
        annotation_id = self.selected_id()
        annotation = self.model.annotation(annotation_id) if annotation_id is not None else None
        if annotation is None or not annotation.needs_review or self._store is None:
            self.review.hide()
            return
        self.review.show_orphan(self._store, annotation, self._article_name(annotation.article_id))
        self.review.show()

    def eventFilter(self, watched, event) -> bool:
        if watched is self.view and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            current = self.view.currentIndex()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and current.data(IS_HEADER_ROLE):
                self.toggle_group(current.data(GROUP_ROLE))
                return True
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

    def _on_change_bus_changed(self, changes, _source) -> None:
        if changes.tables & NOTE_TABLES:
            self.refresh()

    def _on_search_text_changed(self, _text: str) -> None:
        self._reload(keep_place=False, filters_only=True)

    def _on_tag_filter_current_index_changed(self, _index: int) -> None:
        self._reload(keep_place=False, filters_only=True)

    def _on_color_filter_current_index_changed(self, _index: int) -> None:
        self._reload(keep_place=False, filters_only=True)

    def _on_group_by_current_index_changed(self, _index: int) -> None:
        self._reload(keep_place=False, filters_only=True)

    def _on_scope_button_toggled(self, _checked: bool) -> None:
        self._reload(keep_place=False, filters_only=True)

    def _on_orphan_button_clicked(self) -> None:
        if self.color_filter.currentData() == ORPHANS_FILTER:
            self.color_filter.setCurrentIndex(0)
        else:
            self.review_orphans()

    def _on_view_clicked(self, index: QModelIndex) -> None:
        if not index.isValid() or self._selecting:
            return
        if index.data(IS_HEADER_ROLE):
            self.toggle_group(index.data(GROUP_ROLE))
            return
        self.annotation_activated.emit(index.data(ANNOTATION_ID_ROLE))

    def _on_view_current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_review()

    def _on_view_custom_context_menu_requested(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid() or index.data(IS_HEADER_ROLE):
            return
        annotation_id = index.data(ANNOTATION_ID_ROLE)
        self.select_annotation(annotation_id)
        self.context_menu(annotation_id).exec(self.view.viewport().mapToGlobal(pos))

    def _on_review_attach_requested(self, annotation_id: int, start: int, end: int) -> None:
        self.attach_orphan(annotation_id, start, end)

    def _on_review_discard_requested(self, annotation_id: int) -> None:
        self.delete(annotation_id)

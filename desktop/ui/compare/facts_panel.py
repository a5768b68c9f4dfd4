"""The facts panel: every fact and conflict of a comparison in a sortable, filterable table.

One row per fact and one per conflict (kind ``"conflict"``). Columns: the fact, its kind, its
coverage ``n/N``, the outlets that report it (chips A1..AN, filled when the outlet reports it,
hollow when it leaves it out) and a ⚠ flag when the fact takes part in a conflict.

``FactsModel`` is a plain table model over a ``Comparison``; ``FactsFilterProxy`` filters it
by kind, by coverage (all / some / one / conflicts) and by a search over label and wording;
``FactsPanel`` puts the filters above a tree view and tells the window which fact the reader
picked (``fact_selected``) and which facts the filters leave visible (``filter_changed``).

The rows live in ``facts_rows``, the models in ``facts_model`` and the outlet chips in
``facts_delegate``; this module holds the panel and re-exports their names.
"""


from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.matching.comparison import FACT_KINDS, Comparison
from desktop.ui.compare.facts_delegate import OutletChipsDelegate
from desktop.ui.compare.facts_model import (
    COL_CONFLICT,
    COL_COVERAGE,
    COL_KIND,
    COL_LABEL,
    COL_OUTLETS,
    COLUMN_TIPS,
    COLUMNS,
    FACT_ID_ROLE,
    HEADERS,
    KIND_ROLE,
    OUTLETS_ROLE,
    SORT_ROLE,
    FactsFilterProxy,
    FactsModel,
)
from desktop.ui.compare.facts_rows import (
    CONFLICT,
    CONFLICT_COLOR,
    COVERAGE_NAMES,
    COVERAGES,
    KIND_NAMES,
    KIND_ORDER,
    KIND_PLURALS,
    OUTLET_COLORS,
    FactRow,
    fact_rows,
    outlet_color,
    outlet_letter,
    outlet_name,
    overlaps,
    row_passes,
    text_color_on,
    trim,
)
from desktop.ui.compare.leaning_filter import LeaningFilterButton, side_mask
from desktop.ui.flow_layout import FlowLayout

__all__ = [  # the table's pieces live in facts_rows, facts_model and facts_delegate; importable from here too
    "COLUMNS", "COLUMN_TIPS", "COL_CONFLICT", "COL_COVERAGE", "COL_KIND", "COL_LABEL", "COL_OUTLETS", "CONFLICT",
    "CONFLICT_COLOR", "COVERAGES", "COVERAGE_NAMES", "FACT_ID_ROLE", "HEADERS", "KIND_NAMES", "KIND_ORDER",
    "KIND_PLURALS", "KIND_ROLE", "OUTLETS_ROLE", "OUTLET_COLORS", "SORT_ROLE", "FactRow", "FactsFilterProxy",
    "FactsModel", "FactsPanel", "OutletChipsDelegate", "fact_rows", "outlet_color", "outlet_letter", "outlet_name",
    "overlaps", "row_passes", "text_color_on", "trim",
]


# a Fact column narrower than this wraps each fact onto two lines, while this many two-line rows fit
WRAP_BELOW = 240
MIN_ROWS = 8


class FactsPanel(QWidget):
    """Search, kind and coverage filters above the table of facts, and a count below it."""

    fact_selected = Signal(str)  # the reader picked this fact or conflict (mouse or keyboard)
    filter_changed = Signal(object)  # set[str]: the fact and conflict ids the filters leave visible
    # the reader right-clicked a conflict's row > Not a Conflict: its pairs of differing values
    conflict_dismissed = Signal(object)
    # the reader right-clicked a shared claim's row > Not the Same Fact ▸ an outlet's wording: the
    # pairs that take that wording out of the fact
    fact_separated = Signal(object)
    # ... > Dismissed Conflicts ▸ Show Again / Claims Set Apart ▸ Link Again: the pairs to take back
    conflict_restored = Signal(object)
    link_again_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("FactsPanel")
        self._selecting = False  # re-entry guard: selection made by code, not by the reader
        self._picked: str | None = None  # the selected fact, kept while a filter hides it
        self._announced: str | None = None  # id emitted by the current-row change of this press
        self._coverage_width = 0  # the n/N column's width (hidden while the facts wrap)

        self.model = FactsModel(self)
        self.proxy = FactsFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self._build_search()
        self._build_kinds_button()
        coverage_row = self.coverage_row = self._build_coverage_row()
        self._build_view()

        self.count = QLabel()
        self.count.setObjectName("FactsCount")
        self.count.setStyleSheet("color: palette(placeholder-text);")

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.search, 1)
        top.addWidget(self.kinds_button)
        top.addWidget(self.leaning_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addLayout(coverage_row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count)
        self._update_kinds_button()
        self._update_count([])

    def _build_search(self) -> None:
        self.search = QLineEdit()
        self.search.setObjectName("FactsSearch")
        self.search.setPlaceholderText("Search facts…")
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip("Show the facts whose label or wording contains these words")
        self.search.textChanged.connect(self._on_search_text_changed)

    def _build_kinds_button(self) -> None:
        """The kind filter's menu button, and beside it the leaning filter."""
        self.kinds_button = QToolButton()
        self.kinds_button.setObjectName("FactsKinds")
        self.kinds_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.kinds_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.kinds_button.setToolTip("Show only some kinds of facts")
        self.kinds_menu = QMenu(self.kinds_button)
        self.all_kinds_action = QAction("All kinds", self.kinds_menu, checkable=True, checked=True)
        self.kinds_menu.addAction(self.all_kinds_action)
        self.kinds_menu.addSeparator()
        self.kind_actions: dict[str, QAction] = {}
        for kind in (*FACT_KINDS, CONFLICT):
            if kind == CONFLICT:
                self.kinds_menu.addSeparator()
            action = QAction(KIND_PLURALS[kind], self.kinds_menu, checkable=True)
            action.setData(kind)
            self.kinds_menu.addAction(action)
            self.kind_actions[kind] = action
        self.kinds_menu.triggered.connect(self._on_kinds_menu_triggered)
        self.kinds_button.setMenu(self.kinds_menu)
        self.leaning_button = LeaningFilterButton()
        self.leaning_button.side_changed.connect(self._on_leaning_side_changed)
        self._leanings: dict[int, str | None] = {}  # article id -> its outlet's leaning
        self.leaning_button.setEnabled(False)

    def _build_coverage_row(self) -> FlowLayout:
        """The coverage filter: one checkable segment per ``COVERAGES`` entry, "Any" checked; the
        segments wrap onto a second line in a narrow sidebar rather than being cut off."""
        self.coverage_group = QButtonGroup(self)
        self.coverage_group.setExclusive(True)
        self.coverage_buttons: dict[str, QToolButton] = {}
        coverage_row = FlowLayout()
        for number, (name, text, tip) in enumerate(COVERAGES):
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.setCheckable(True)
            button.setAutoRaise(False)
            button.setObjectName(f"FactsCoverage_{name}")
            bold = QFont(button.font())
            bold.setBold(True)  # the checked segment is bold: a cue beside the style's shading
            button.setMinimumWidth(QFontMetrics(bold).horizontalAdvance(text) + 16)
            button.toggled.connect(self._on_coverage_button_toggled)
            self.coverage_group.addButton(button, number)
            self.coverage_buttons[name] = button
            coverage_row.addWidget(button)
        self.coverage_buttons["any"].setChecked(True)
        self.coverage_group.idClicked.connect(self._on_coverage_group_id_clicked)
        return coverage_row

    def _build_view(self) -> None:
        """The table of facts over the filter proxy, with the outlet chips in their column."""
        self.view = QTreeView()
        self.view.setObjectName("FactsView")
        self.view.setModel(self.proxy)
        self.view.setRootIsDecorated(False)
        self.view.setItemsExpandable(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setAllColumnsShowFocus(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.chips = OutletChipsDelegate(self.view, compact=True)
        self.view.setItemDelegateForColumn(COL_OUTLETS, self.chips)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_LABEL, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_KIND, QHeaderView.ResizeMode.ResizeToContents)
        for column in (COL_COVERAGE, COL_OUTLETS, COL_CONFLICT):  # sized by _fit_narrow_columns: every
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)  # row the same, no row read
        self._fit_narrow_columns()
        header.sectionResized.connect(self._on_header_section_resized)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # comparison order until the reader sorts
        self.view.setSortingEnabled(True)
        self.view.selectionModel().currentRowChanged.connect(self._on_selection_current_row_changed)
        self.view.pressed.connect(self._on_view_pressed)
        self.view.viewport().installEventFilter(self)
        self.context_menu: QMenu | None = None  # the last row menu shown
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._on_view_context_menu_requested)

    def _on_view_context_menu_requested(self, pos) -> None:
        """The reader's word on the row's conflict or shared claim, and their earlier corrections
        (see ``overrule_menu``)."""
        from desktop.ui.compare.overrule_menu import overrule_menu

        comparison = self.model.comparison
        if comparison is None:
            return
        index = self.view.indexAt(pos)
        menu = overrule_menu(self.view, comparison, index.data(FACT_ID_ROLE) if index.isValid() else None,
                             self.conflict_dismissed.emit, self.fact_separated.emit, self.conflict_restored.emit,
                             self.link_again_requested.emit)
        if menu is None:
            return
        menu.popup(self.view.viewport().mapToGlobal(pos))
        self.context_menu = menu  # kept for tests and so it is not collected while open

    # ------------------------------------------------------------ public API

    def set_comparison(self, comparison: Comparison | None) -> None:
        """Show this comparison's facts, keeping the filters, the sort and (if it still exists)
        the selected fact; emits ``filter_changed`` with the new visible set."""
        self._selecting = True
        try:
            self.model.set_comparison(comparison)
            leanings = self._article_leanings()
            self.leaning_button.setEnabled(any(leanings) or self.leaning_button.side() != "any")
            self.proxy.set_side_mask(side_mask(self.leaning_button.side(), leanings))
            self._fit_narrow_columns()
            self._update_kind_counts()
            self._select(self._picked)
        finally:
            self._selecting = False
        self._filters_changed()

    def select_fact(self, fact_id: str | None) -> bool:
        """Select and scroll to the row of this fact or conflict without emitting
        ``fact_selected``. False (and nothing selected) when it is filtered out or unknown;
        the row is selected again once the filters show it."""
        self._picked = fact_id
        self._selecting = True
        try:
            return self._select(fact_id)
        finally:
            self._selecting = False

    def selected_id(self) -> str | None:
        index = self.view.selectionModel().currentIndex()
        if not index.isValid() or not self.view.selectionModel().isRowSelected(index.row(), QModelIndex()):
            return None
        return index.data(FACT_ID_ROLE)

    def visible_ids(self) -> set[str]:
        return self.proxy.visible_ids()

    def set_coverage(self, name: str) -> None:
        """ "any", "all", "some", "one", "conflicts" or "unsure" (ValueError otherwise)."""
        if name not in self.coverage_buttons:
            raise ValueError(f"unknown coverage filter {name!r}; expected one of {COVERAGE_NAMES}")
        self.coverage_buttons[name].setChecked(True)
        self._apply(lambda: self.proxy.set_coverage(name))

    def set_kinds(self, kinds) -> None:
        """Show only these kinds ("claim", "quote", "date", "number", "money", "percent",
        "entity", "conflict"); None or an empty set shows every kind."""
        kinds = frozenset(kinds or ())
        self._apply(lambda: self.proxy.set_kinds(kinds))
        self._sync_kind_actions()

    def set_search(self, text: str) -> None:
        if self.search.text() != text:
            self.search.blockSignals(True)
            self.search.setText(text)
            self.search.blockSignals(False)
        self._apply(lambda: self.proxy.set_search(text))

    def coverage(self) -> str:
        return self.proxy.coverage()

    def kinds(self) -> frozenset[str]:
        return self.proxy.kinds()

    # ------------------------------------------------------------ internals

    def _fit_narrow_columns(self) -> None:
        """Coverage and the ⚠ flag: as wide as "N/N" or their header, without the room a sort
        arrow would need (they rarely show one), so the facts keep the width of a narrow sidebar;
        the outlet chips as wide as a row's chips (or their header). Computed, not measured over
        the rows: 23,000 rows of a 400-article story took a quarter of a second to measure."""
        metrics = QFontMetrics(self.view.font())
        count = max(9, self.model.article_count)
        header = self.view.header()
        chips = self.chips.size_for(self.model.article_count, self.view.font()).width()
        widths = ((COL_COVERAGE, metrics.horizontalAdvance(f"{count}/{count}") + 16),
                  (COL_OUTLETS, max(chips, metrics.horizontalAdvance(HEADERS[COL_OUTLETS]) + 16)),
                  (COL_CONFLICT, metrics.horizontalAdvance("⚠") + 16))
        for column, width in widths:
            width = max(width, metrics.horizontalAdvance(HEADERS[column]) + 16)
            if column == COL_COVERAGE:
                self._coverage_width = width
                if self.view.isColumnHidden(column):
                    continue  # hidden in a narrow panel: its width is kept for when it shows again
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)

    def _fit_label_lines(self, width: int) -> None:
        """A Fact column narrower than ``WRAP_BELOW`` shows each fact on two lines (the second
        elided) and gives it the room of the n/N column (the chips show how many outlets report
        it, and sort by it), so a narrow sidebar reads "the measure will affect less than 50 of
        the…" rather than "the measure …"; wider, one line a row, as many rows as fit."""
        if self.view.isColumnHidden(COL_COVERAGE):
            width -= self._coverage_width  # as wide as it would be with n/N
        metrics = QFontMetrics(self.view.font())
        tall = 2 * metrics.lineSpacing() + 6
        # two lines only while MIN_ROWS of them fit: a short list shows more facts on one line each
        wrap = 0 < width < WRAP_BELOW and self.view.viewport().height() >= MIN_ROWS * tall
        if wrap == self.view.wordWrap():
            return
        self.model.row_size = QSize(1, tall) if wrap else None
        self.view.setWordWrap(wrap)
        self.view.setColumnHidden(COL_COVERAGE, wrap)
        self._fit_narrow_columns()  # the fixed columns keep their widths
        self.view.doItemsLayout()  # uniform row heights: the first row's new size is every row's

    def _select(self, fact_id: str | None) -> bool:
        selection = self.view.selectionModel()
        row = self.proxy.proxy_row_of(fact_id) if fact_id else -1
        if row < 0:
            selection.clear()
            return False
        index = self.proxy.index(row, 0)
        selection.setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.view.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        return True

    def set_leanings(self, leanings: dict[int, str | None], apply: bool = True) -> None:
        """The leaning of each compared article's outlet (article id -> "left" ... "right" or None),
        for the leaning filter; it is enabled while at least one compared outlet has one.
        ``apply=False``: only kept, for the comparison about to be shown (``set_comparison``)."""
        self._leanings = dict(leanings)
        if apply:
            self._on_leaning_side_changed(self.leaning_button.side())

    def _article_leanings(self) -> list[str | None]:
        articles = self.model.comparison.articles if self.model.comparison is not None else ()
        return [self._leanings.get(a.id) for a in articles]

    def _on_leaning_side_changed(self, side: str) -> None:
        leanings = self._article_leanings()
        self.leaning_button.setEnabled(any(leanings) or side != "any")
        self._apply(lambda: self.proxy.set_side_mask(side_mask(side, leanings)))

    def _apply(self, change) -> None:
        before = (self.proxy.kinds(), self.proxy.coverage(), self.proxy.search(), self.proxy.side_mask())
        self._selecting = True  # rows leaving the view move the current row: not the reader's pick
        try:
            change()
            self._select(self._picked)  # the reader's pick stays selected while visible, and only it
        finally:
            self._selecting = False
        if (self.proxy.kinds(), self.proxy.coverage(), self.proxy.search(), self.proxy.side_mask()) != before:
            self._filters_changed()

    def _filters_changed(self) -> None:
        visible = self.proxy.visible_rows()  # one pass in Python, not a Qt call per row
        self._update_count(visible)
        self.filter_changed.emit({row.id for row in visible})

    def _update_count(self, visible) -> None:
        rows = self.model.rows()
        facts = sum(1 for r in rows if not r.is_conflict)
        conflicts = len(rows) - facts
        visible_conflicts = sum(1 for r in visible if r.is_conflict)
        text = f"{len(visible) - visible_conflicts} of {facts} facts"
        if conflicts:
            text += f" · {visible_conflicts} of {conflicts} conflicts"
        self.count.setText(text)

    def _update_kind_counts(self) -> None:
        counts: dict[str, int] = {}
        for row in self.model.rows():
            counts[row.kind] = counts.get(row.kind, 0) + 1
        for kind, action in self.kind_actions.items():
            action.setText(f"{KIND_PLURALS[kind]} ({counts.get(kind, 0)})")
        total = self.model.article_count
        coverage_counts = dict.fromkeys(COVERAGE_NAMES, 0)
        for r in self.model.rows():  # one pass over the rows, each coverage asked of it
            for name in COVERAGE_NAMES:
                coverage_counts[name] += row_passes(r, total, coverage=name)
        for name, _text, tip in COVERAGES:
            self.coverage_buttons[name].setToolTip(f"{tip} ({coverage_counts[name]})")

    def _sync_kind_actions(self) -> None:
        kinds = self.proxy.kinds()
        self.all_kinds_action.setChecked(not kinds)
        for kind, action in self.kind_actions.items():
            action.setChecked(kind in kinds)
        self._update_kinds_button()

    def _update_kinds_button(self) -> None:
        kinds = self.proxy.kinds()
        if not kinds:
            text = "All kinds"
        elif len(kinds) <= 2:
            text = ", ".join(KIND_PLURALS[k] for k in sorted(kinds, key=KIND_ORDER.get))
        else:
            text = f"{len(kinds)} kinds"
        self.kinds_button.setText(text + " ")

    def eventFilter(self, watched, event) -> bool:
        if watched is self.view.viewport() and event.type() == QEvent.Type.MouseButtonPress:
            self._announced = None  # a new press: let _on_view_pressed see what it changes
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._refit_label_lines()
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------ slots

    def _on_header_section_resized(self, column: int, _old: int, new: int) -> None:
        if column == COL_LABEL:
            self._refit_label_lines()

    def _refit_label_lines(self) -> None:
        # after the header's own layout pass: hiding a column inside it mixes up the widths
        QTimer.singleShot(0, self, lambda: self._fit_label_lines(self.view.header().sectionSize(COL_LABEL)))

    def _on_search_text_changed(self, text: str) -> None:
        self._apply(lambda: self.proxy.set_search(text))

    def _on_kinds_menu_triggered(self, action: QAction) -> None:
        if action is self.all_kinds_action:
            kinds: frozenset[str] = frozenset()
        else:
            kinds = frozenset(k for k, a in self.kind_actions.items() if a.isChecked())
        self.set_kinds(kinds)

    def _on_coverage_button_toggled(self, checked: bool) -> None:
        button = self.sender()
        if isinstance(button, QToolButton):
            font = QFont(button.font())
            font.setBold(checked)
            button.setFont(font)

    def _on_coverage_group_id_clicked(self, number: int) -> None:
        self.set_coverage(COVERAGES[number][0])

    def _on_selection_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._selecting or not current.isValid():
            return
        fact_id = current.data(FACT_ID_ROLE)
        self._announced = self._picked = fact_id
        self.fact_selected.emit(fact_id)

    def _on_view_pressed(self, index: QModelIndex) -> None:
        """A click on the row that is already current navigates to it again."""
        if self._selecting or not index.isValid():
            return
        fact_id = index.data(FACT_ID_ROLE)
        if fact_id != self._announced:
            self._announced = self._picked = fact_id
            self.fact_selected.emit(fact_id)

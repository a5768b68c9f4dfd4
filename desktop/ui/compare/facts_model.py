"""The facts table's Qt models: ``FactsModel`` serves the rows of a comparison (``facts_rows``)
as a five-column table, and ``FactsFilterProxy`` filters them by kind, coverage, search and
leaning and sorts every column by ``SORT_ROLE``."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSize, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QFont

from desktop.core.matching.comparison import Comparison
from desktop.ui.compare.facts_rows import (
    CONFLICT_COLOR,
    COVERAGE_NAMES,
    KIND_NAMES,
    KIND_ORDER,
    FactRow,
    fact_rows,
    row_passes,
)
from desktop.ui.compare.leaning_filter import passes

FACT_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the fact or conflict id
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # a Python value the proxy sorts by
KIND_ROLE = Qt.ItemDataRole.UserRole + 3  # "claim" ... "entity" or "conflict"
OUTLETS_ROLE = Qt.ItemDataRole.UserRole + 4  # list[bool]: per outlet (A1..AN), does it report the row

COL_LABEL, COL_KIND, COL_COVERAGE, COL_OUTLETS, COL_CONFLICT = range(5)
COLUMNS = ("Fact", "Kind", "Coverage", "Outlets", "⚠")
HEADERS = ("Fact", "Kind", "n/N", "Outlets", "⚠")  # what the header shows: short, for a narrow sidebar
COLUMN_TIPS = (
    "What the articles say: a representative sentence, the date, the number, the name",
    "Claim, quote (copied word for word), date, number, money, percentage, name, or conflict",
    "Coverage: how many of the N compared articles report it",
    "Which outlets report it (filled chip) and which leave it out (hollow chip); chip 1 is pane A1",
    "⚠: the outlets disagree on this (a conflict, or a fact whose wording takes part in one)",
)


class FactsModel(QAbstractTableModel):
    """One row per fact and per conflict of a comparison."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.comparison: Comparison | None = None
        self._rows: list[FactRow] = []
        self._row_of: dict[str, int] = {}
        self.row_size: QSize | None = None  # every row's size when set (FactsPanel: two-line rows)

    def set_comparison(self, comparison: Comparison | None) -> None:
        self.beginResetModel()
        self.comparison = comparison
        self._rows = fact_rows(comparison)
        self._row_of = {row.id: i for i, row in enumerate(self._rows)}
        self.endResetModel()

    @property
    def article_count(self) -> int:
        return len(self.comparison.articles) if self.comparison is not None else 0

    def row_at(self, row: int) -> FactRow:
        return self._rows[row]

    def row_of(self, fact_id: str) -> int:
        return self._row_of.get(fact_id, -1)

    def rows(self) -> list[FactRow]:
        return list(self._rows)

    def sort_key(self, row_number: int, column: int):
        """What the proxy sorts by (also served as SORT_ROLE)."""
        row = self._rows[row_number]
        if column == COL_LABEL:
            return row.label.casefold()
        if column == COL_KIND:
            return KIND_ORDER.get(row.kind, len(KIND_ORDER))
        if column == COL_COVERAGE:
            return row.sources
        if column == COL_OUTLETS:  # by how many, then which (A1 first)
            return (row.sources, tuple(-i for i, yes in enumerate(row.reported) if yes))
        return (2 if row.is_conflict else 1) if row.in_conflict else 0

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return COLUMN_TIPS[section]
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.SizeHintRole:  # rows of two lines when the panel wraps the facts
            return self.row_size if column == COL_LABEL and self.row_size is not None else None
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_LABEL:
                return row.label
            if column == COL_KIND:
                return KIND_NAMES.get(row.kind, row.kind)
            if column == COL_COVERAGE:
                return f"{row.sources}/{row.total}"
            if column == COL_OUTLETS:
                return row.outlets
            return "⚠" if row.in_conflict else ""
        if role == SORT_ROLE:
            return self.sort_key(index.row(), column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tooltip
        if role == FACT_ID_ROLE:
            return row.id
        if role == KIND_ROLE:
            return row.kind
        if role == OUTLETS_ROLE:
            return list(row.reported)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COL_COVERAGE, COL_CONFLICT):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ForegroundRole and (
                column == COL_CONFLICT or (row.is_conflict and column == COL_KIND)):
            return QColor(CONFLICT_COLOR)
        if role == Qt.ItemDataRole.FontRole and column == COL_LABEL and (row.is_conflict or row.weak):
            font = QFont()
            font.setBold(row.is_conflict)
            font.setItalic(row.weak)  # a link or conflict Parallax is less sure of
            return font
        if role == Qt.ItemDataRole.AccessibleTextRole and column == COL_CONFLICT:
            return "in conflict" if row.in_conflict else ""
        return None


class FactsFilterProxy(QSortFilterProxyModel):
    """Filters facts by kind, by coverage and by a search; sorts every column by SORT_ROLE."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._kinds: frozenset[str] = frozenset()  # empty: every kind
        self._coverage = "any"
        self._needle = ""
        self._side_mask = None  # leaning_filter.side_mask: None shows every side
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    # ------------------------------------------------------------ filters

    def kinds(self) -> frozenset[str]:
        return self._kinds

    def coverage(self) -> str:
        return self._coverage

    def search(self) -> str:
        return self._needle

    def set_kinds(self, kinds) -> None:
        """Show only these kinds ("claim" ... "entity", "conflict"); None or empty shows all."""
        kinds = frozenset(kinds or ())
        unknown = kinds - set(KIND_ORDER)
        if unknown:
            raise ValueError(f"unknown fact kinds: {sorted(unknown)}")
        if kinds != self._kinds:
            self._change(lambda: setattr(self, "_kinds", kinds))

    def set_coverage(self, name: str) -> None:
        """One of "any", "all", "some", "one", "conflicts", "unsure" (less sure links and conflicts)."""
        if name not in COVERAGE_NAMES:
            raise ValueError(f"unknown coverage filter {name!r}; expected one of {COVERAGE_NAMES}")
        if name != self._coverage:
            self._change(lambda: setattr(self, "_coverage", name))

    def set_search(self, text: str) -> None:
        needle = " ".join((text or "").split()).casefold()
        if needle != self._needle:
            self._change(lambda: setattr(self, "_needle", needle))

    def side_mask(self):
        return self._side_mask

    def set_side_mask(self, mask) -> None:
        """Show only the rows that outlets of one leaning report (``leaning_filter.side_mask``)."""
        if mask != self._side_mask:
            self._change(lambda: setattr(self, "_side_mask", mask))

    def _change(self, apply) -> None:
        if hasattr(self, "endFilterChange"):  # Qt 6.10+; invalidateFilter() is deprecated there
            self.beginFilterChange()
            apply()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            apply()
            self.invalidateRowsFilter()

    def accepts(self, row: FactRow, total: int) -> bool:
        return row_passes(row, total, self._kinds, self._coverage, self._needle) and passes(row.reported,
                                                                                         self._side_mask)

    def filterAcceptsRow(self, source_row, source_parent) -> bool:
        model = self.sourceModel()
        if source_parent.isValid() or not isinstance(model, FactsModel):
            return super().filterAcceptsRow(source_row, source_parent)
        return self.accepts(model.row_at(source_row), model.article_count)

    def lessThan(self, left, right) -> bool:
        model = self.sourceModel()
        if isinstance(model, FactsModel):  # straight to Python: no QVariant round trip per comparison
            a, b = model.sort_key(left.row(), left.column()), model.sort_key(right.row(), right.column())
        else:
            a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        try:
            return a < b
        except TypeError:
            return str(a) < str(b)

    # ------------------------------------------------------------ reading

    def ids_in_order(self) -> list[str]:
        return [self.index(row, 0).data(FACT_ID_ROLE) for row in range(self.rowCount())]

    def visible_rows(self) -> list[FactRow]:
        """The rows the filters let through, in the source model's order: what
        ``filterAcceptsRow`` accepts, read straight from Python (no Qt call per row)."""
        model = self.sourceModel()
        if not isinstance(model, FactsModel):
            return []
        total = model.article_count
        return [row for row in model.rows() if self.accepts(row, total)]

    def visible_ids(self) -> set[str]:
        model = self.sourceModel()
        if not isinstance(model, FactsModel):
            return set(self.ids_in_order())
        return {row.id for row in self.visible_rows()}

    def proxy_row_of(self, fact_id: str) -> int:
        model = self.sourceModel()
        source_row = model.row_of(fact_id) if isinstance(model, FactsModel) else -1
        if source_row < 0:
            return -1
        return self.mapFromSource(model.index(source_row, 0)).row()

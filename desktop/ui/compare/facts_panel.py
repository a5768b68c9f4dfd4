"""The facts panel: every fact and conflict of a comparison in a sortable, filterable table.

One row per fact and one per conflict (kind ``"conflict"``). Columns: the fact, its kind, its
coverage ``n/N``, the outlets that report it (chips A1..AN, filled when the outlet reports it,
hollow when it leaves it out) and a ⚠ flag when the fact takes part in a conflict.

``FactsModel`` is a plain table model over a ``Comparison``; ``FactsFilterProxy`` filters it
by kind, by coverage (all / some / one / conflicts) and by a search over label and wording;
``FactsPanel`` puts the filters above a tree view and tells the window which fact the reader
picked (``fact_selected``) and which facts the filters leave visible (``filter_changed``).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QRectF,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QColor, QFont, QFontMetrics, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.labels import article_label, letter_names
from desktop.core.matching.comparison import FACT_KINDS, Comparison, Conflict, Fact, Mention
from desktop.ui.compare.leaning_filter import LeaningFilterButton, passes, side_mask

CONFLICT = "conflict"  # the kind of a conflict row
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

KIND_NAMES = {  # singular, for the Kind column
    "claim": "Claim", "quote": "Quote", "date": "Date", "number": "Number", "money": "Money",
    "percent": "Percentage", "entity": "Name", CONFLICT: "Conflict",
}
KIND_PLURALS = {  # for the kind filter
    "claim": "Claims", "quote": "Quotes", "date": "Dates", "number": "Numbers", "money": "Money",
    "percent": "Percentages", "entity": "Names", CONFLICT: "Conflicts",
}
KIND_ORDER = {kind: i for i, kind in enumerate((*FACT_KINDS, CONFLICT))}

# coverage filters: (name, button text, tooltip)
COVERAGES = (
    ("any", "Any", "Every fact and conflict"),
    ("all", "All", "Facts every outlet reports"),
    ("some", "Several", "Facts two or more outlets report, but not all"),
    ("one", "One", "Facts only one outlet reports (exclusives)"),
    ("conflicts", "Conflicts", "Conflicts, and the facts that take part in them"),
)
COVERAGE_NAMES = tuple(name for name, _text, _tip in COVERAGES)

# Okabe-Ito colours (distinguishable with the common colour-vision deficiencies); vermilion is
# kept for conflicts. Chips always carry the outlet's letter too, so colour is never the only cue.
OUTLET_COLORS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#F0E442", "#7F7F7F")
CONFLICT_COLOR = "#D55E00"


def outlet_letter(position: int) -> str:
    """A1, A2 ... for the article at this position (0-based) of the comparison."""
    return f"A{position + 1}"


def outlet_name(article, position: int, peers=()) -> str:
    """ "A2 · Bitdefender", or where the outlet is unknown "A4 · Russian cybersecurity firm…": the
    headline's first words, told apart from those of ``peers`` (the other compared articles)."""
    return f"{outlet_letter(position)} · {article_label(article, peers)}"


def outlet_color(position: int) -> QColor:
    return QColor(OUTLET_COLORS[position % len(OUTLET_COLORS)])


def text_color_on(background: QColor) -> QColor:
    """Black or white, whichever reads better on this background."""
    r, g, b = background.redF(), background.greenF(), background.blueF()
    return QColor("#000000") if 0.299 * r + 0.587 * g + 0.114 * b > 0.55 else QColor("#ffffff")


def trim(text: str, limit: int = 240) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def overlaps(a: Mention, b: Mention) -> bool:
    return a.article == b.article and a.start < b.end and b.start < a.end


@dataclass(frozen=True)
class FactRow:
    """What the table shows of one fact or conflict."""

    id: str
    kind: str  # a fact kind, or "conflict"
    label: str
    reported: tuple[bool, ...]  # per outlet (comparison order): does it report this
    conflict_ids: tuple[str, ...]  # conflicts it takes part in (itself, for a conflict row)
    make_tooltip: Callable[[], str] = field(repr=False, compare=False)  # built on first hover
    haystack: str = ""  # casefolded label and wording, for the search
    verbatim: bool = False

    @property
    def tooltip(self) -> str:
        """Rich text: who reports it and in which words (cached: thousands of rows, few hovers)."""
        cached = _TOOLTIPS.get(self.id)
        if cached is None:
            cached = _TOOLTIPS[self.id] = self.make_tooltip()
        return cached

    @property
    def sources(self) -> int:
        return sum(self.reported)

    @property
    def total(self) -> int:
        return len(self.reported)

    @property
    def is_conflict(self) -> bool:
        return self.kind == CONFLICT

    @property
    def in_conflict(self) -> bool:
        return bool(self.conflict_ids)

    @property
    def outlets(self) -> str:
        return " ".join(outlet_letter(i) for i, yes in enumerate(self.reported) if yes)


_TOOLTIPS: dict[str, str] = {}
_ROWS_CACHE: list = [None, []]  # [comparison, rows]: the panel and the matrix share one build


def fact_rows(comparison: Comparison | None) -> list[FactRow]:
    """The facts, in comparison order, then the conflicts, as table rows."""
    if comparison is None:
        return []
    if _ROWS_CACHE[0] is comparison:
        return _ROWS_CACHE[1]
    _TOOLTIPS.clear()
    rows = _build_rows(comparison)
    _ROWS_CACHE[:] = [comparison, rows]
    return rows


def _build_rows(comparison: Comparison) -> list[FactRow]:
    articles = list(comparison.articles)
    position = {article.id: i for i, article in enumerate(articles)}
    names = letter_names(articles)

    def reported(mentions) -> tuple[bool, ...]:
        present = {position[m.article] for m in mentions if m.article in position}
        return tuple(i in present for i in range(len(articles)))

    def by_article(mentions) -> dict[int, list[Mention]]:
        grouped: dict[int, list[Mention]] = {}
        for m in mentions:
            grouped.setdefault(m.article, []).append(m)
        return dict(sorted(grouped.items(), key=lambda item: position.get(item[0], 0)))

    conflict_spans: dict[int, list[tuple[Mention, str]]] = {}  # per article: the conflicts' mentions
    for c in comparison.conflicts:
        for n in c.mentions:
            conflict_spans.setdefault(n.article, []).append((n, c.id))
    rows = []
    for fact in comparison.facts:
        hit = {cid for m in fact.mentions for n, cid in conflict_spans.get(m.article, ()) if overlaps(m, n)}
        conflicts = tuple(c.id for c in comparison.conflicts if c.id in hit)
        rows.append(FactRow(
            id=fact.id,
            kind=fact.kind,
            label=" ".join(fact.label.split()),
            reported=reported(fact.mentions),
            conflict_ids=conflicts,
            make_tooltip=lambda fact=fact, conflicts=conflicts: _fact_tooltip(
                fact, by_article(fact.mentions), names, len(articles), comparison, conflicts),
            haystack=" ".join([fact.label, *(m.text for m in fact.mentions)]).casefold(),
            verbatim=fact.verbatim,
        ))
    for conflict in comparison.conflicts:
        rows.append(FactRow(
            id=conflict.id,
            kind=CONFLICT,
            label=" ".join(conflict.label.split()),
            reported=reported(conflict.mentions),
            conflict_ids=(conflict.id,),
            make_tooltip=lambda conflict=conflict: _conflict_tooltip(
                conflict, by_article(conflict.mentions), names),
            haystack=" ".join(
                [conflict.label, *(m.text for m in conflict.mentions), *(m.value or "" for m in conflict.mentions)]
            ).casefold(),
        ))
    return rows


def _fact_tooltip(fact: Fact, grouped, names, total: int, comparison, conflicts) -> str:
    kind = KIND_NAMES.get(fact.kind, fact.kind)
    if fact.verbatim and fact.kind != "quote":
        kind += ", copied word for word"
    lines = [f"<b>{html.escape(trim(fact.label, 160))}</b>",
             f"{kind} · reported by {len(grouped)} of {total}"]
    for article, mentions in grouped.items():
        words = "; ".join(f"“{html.escape(trim(m.text, 200))}”" for m in mentions[:2])
        more = f" (+{len(mentions) - 2} more)" if len(mentions) > 2 else ""
        lines.append(f"<b>{html.escape(names.get(article, str(article)))}</b>: {words}{more}")
    for conflict_id in conflicts:
        conflict = next(c for c in comparison.conflicts if c.id == conflict_id)
        lines.append(f"<span style='color:{CONFLICT_COLOR}'>⚠ In conflict: {html.escape(conflict.label)}</span>")
    return "<br>".join(lines)


def _conflict_tooltip(conflict: Conflict, grouped, names) -> str:
    severity = ("precision: the values overlap but are given more or less precisely"
                if conflict.severity == "precision" else "contradiction: the values cannot both be true")
    lines = [f"<b>⚠ {html.escape(conflict.label)}</b>", f"Conflict · {severity}"]
    for v in conflict.values:
        if v.normalized and v.normalized != v.text:
            lines.append(f"{html.escape(v.text)} = <span style='color:gray'>{html.escape(v.normalized)}</span>")
    for article, mentions in grouped.items():
        said = "; ".join(
            f"“{html.escape(trim(m.text, 80))}”" + (f" ({html.escape(m.value)})" if m.value and m.value != m.text else "")
            for m in mentions)
        lines.append(f"<b>{html.escape(names.get(article, str(article)))}</b>: {said}")
    return "<br>".join(lines)


def row_passes(row: FactRow, total: int, kinds=frozenset(), coverage: str = "any", needle: str = "") -> bool:
    """Whether a row passes the filters. Coverage: "all" reported by every outlet, "some" by two
    or more but not all, "one" by exactly one (conflict rows are none of these: a conflict is a
    disagreement, not coverage), "conflicts" conflict rows and the facts taking part in one."""
    if kinds and row.kind not in kinds:
        return False
    if coverage == "conflicts":
        if not row.in_conflict:
            return False
    elif coverage != "any":
        if row.is_conflict:
            return False
        if coverage == "all" and row.sources != total:
            return False
        if coverage == "some" and not 2 <= row.sources < total:
            return False
        if coverage == "one" and row.sources != 1:
            return False
    return not needle or needle in row.haystack


class FactsModel(QAbstractTableModel):
    """One row per fact and per conflict of a comparison."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.comparison: Comparison | None = None
        self._rows: list[FactRow] = []
        self._row_of: dict[str, int] = {}

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
        if role == Qt.ItemDataRole.FontRole and row.is_conflict and column == COL_LABEL:
            font = QFont()
            font.setBold(True)
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
        """One of "any", "all", "some", "one", "conflicts"."""
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

    def visible_ids(self) -> set[str]:
        return set(self.ids_in_order())

    def proxy_row_of(self, fact_id: str) -> int:
        model = self.sourceModel()
        source_row = model.row_of(fact_id) if isinstance(model, FactsModel) else -1
        if source_row < 0:
            return -1
        return self.mapFromSource(model.index(source_row, 0)).row()


class OutletChipsDelegate(QStyledItemDelegate):
    """Paints one chip per outlet: filled in the outlet's colour when it reports the row,
    hollow when it leaves it out. The letter inside keeps them apart without colour.

    It reads the row straight from the Python model and paints a cached strip per pattern of
    chips. Besides speed, this keeps Python-side calls per repaint few: PySide6 6.12.0 on
    CPython 3.11 drops a reference to ``None`` on every call of a method returning nothing
    (and on every invalid QVariant returned to Python), which after some thousands of calls
    ends in "Fatal Python error: none_dealloc"."""

    GAP = 3

    def __init__(self, parent=None, compact: bool = False):
        super().__init__(parent)
        # compact: small chips numbered 1..N (pane A1 is chip 1), so the column fits a narrow sidebar
        self.compact = compact
        self.gap = 2 if compact else self.GAP
        self._strips: dict[tuple, QPixmap] = {}
        self._sizes: dict[tuple, QSize] = {}

    def chip_text(self, position: int) -> str:
        return str(position + 1) if self.compact else outlet_letter(position)

    @staticmethod
    def reported_of(index) -> tuple[bool, ...]:
        model = index.model()
        if isinstance(model, QSortFilterProxyModel):
            index = model.mapToSource(index)
            model = model.sourceModel()
        if isinstance(model, FactsModel) and 0 <= index.row() < model.rowCount():
            return model.row_at(index.row()).reported
        return ()

    def _chip_font(self, font: QFont) -> QFont:
        chip_font = QFont(font)
        chip_font.setPointSizeF(max(6.5, font.pointSizeF() * (0.72 if self.compact else 0.8)))
        chip_font.setBold(True)
        return chip_font

    def _chip_size(self, font: QFont, count: int = 0) -> QSize:
        metrics = QFontMetrics(self._chip_font(font))
        if self.compact:
            widest = "10" if count >= 10 else "8"
            side = max(metrics.horizontalAdvance(widest) + 5, metrics.height())
            return QSize(side, metrics.height())
        return QSize(metrics.horizontalAdvance("A10") + 4, metrics.height() + 2)

    def paint(self, painter: QPainter, option, index) -> None:
        reported = self.reported_of(index)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(option.rect, option.palette.highlight())
        text = option.palette.highlightedText().color() if selected else option.palette.text().color()
        ratio = option.widget.devicePixelRatioF() if option.widget is not None else 1.0
        key = (reported, text.rgba(), option.font.key(), ratio)
        strip = self._strips.get(key)
        if strip is None:
            if len(self._strips) > 512:
                self._strips.clear()
            strip = self._strips[key] = self._paint_strip(reported, text, option.font, ratio)
        y = option.rect.top() + (option.rect.height() - round(strip.height() / ratio)) // 2
        painter.drawPixmap(option.rect.left() + 4, y, strip)

    def _paint_strip(self, reported: tuple[bool, ...], text: QColor, font: QFont, ratio: float) -> QPixmap:
        """The chips of one row, painted once per pattern and cached: a view repaints rows often."""
        chip = self._chip_size(font, len(reported))
        width = max(1, len(reported) * (chip.width() + self.gap))
        strip = QPixmap(round(width * ratio), round(chip.height() * ratio))
        strip.setDevicePixelRatio(ratio)
        strip.fill(Qt.GlobalColor.transparent)
        painter = QPainter(strip)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self._chip_font(font))
        x = 0
        for position, yes in enumerate(reported):
            rect = QRectF(x + 0.5, 0.5, chip.width() - 1, chip.height() - 1)
            color = outlet_color(position)
            if yes:
                painter.setPen(QPen(color.darker(130), 1))
                painter.setBrush(color)
                painter.drawRoundedRect(rect, 3, 3)
                painter.setPen(text_color_on(color))
            elif self.compact:  # left out: only a dim number, so the filled chips stand out
                dim = QColor(text)
                dim.setAlphaF(0.38)
                painter.setPen(dim)
            else:
                dim = QColor(text)
                dim.setAlphaF(0.4)
                painter.setPen(QPen(dim, 1, Qt.PenStyle.DotLine))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(rect, 3, 3)
                painter.setPen(dim)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.chip_text(position))
            x += chip.width() + self.gap
        painter.end()
        return strip

    def sizeHint(self, option, index) -> QSize:
        key = (len(self.reported_of(index)), option.font.key())
        size = self._sizes.get(key)
        if size is None:  # asked for every row whenever the columns resize: computed once
            chip = self._chip_size(option.font, key[0])
            width = 8 + key[0] * (chip.width() + self.gap)
            height = max(QFontMetrics(option.font).height() + 6, chip.height() + 4)
            size = self._sizes[key] = QSize(max(width, 40), height)
        return size


class FactsPanel(QWidget):
    """Search, kind and coverage filters above the table of facts, and a count below it."""

    fact_selected = Signal(str)  # the reader picked this fact or conflict (mouse or keyboard)
    filter_changed = Signal(object)  # set[str]: the fact and conflict ids the filters leave visible

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("FactsPanel")
        self._selecting = False  # re-entry guard: selection made by code, not by the reader
        self._picked: str | None = None  # the selected fact, kept while a filter hides it
        self._announced: str | None = None  # id emitted by the current-row change of this press

        self.model = FactsModel(self)
        self.proxy = FactsFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit()
        self.search.setObjectName("FactsSearch")
        self.search.setPlaceholderText("Search facts…")
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip("Show the facts whose label or wording contains these words")
        self.search.textChanged.connect(self._on_search_text_changed)

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

        self.coverage_group = QButtonGroup(self)
        self.coverage_group.setExclusive(True)
        self.coverage_buttons: dict[str, QToolButton] = {}
        coverage_row = QHBoxLayout()
        coverage_row.setSpacing(0)
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
        coverage_row.addStretch(1)
        self.coverage_buttons["any"].setChecked(True)
        self.coverage_group.idClicked.connect(self._on_coverage_group_id_clicked)

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
        for column in (COL_KIND, COL_OUTLETS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in (COL_COVERAGE, COL_CONFLICT):  # sized to their content by _fit_narrow_columns
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        self._fit_narrow_columns()
        header.setSortIndicatorShown(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # comparison order until the reader sorts
        self.view.setSortingEnabled(True)
        self.view.selectionModel().currentRowChanged.connect(self._on_selection_current_row_changed)
        self.view.pressed.connect(self._on_view_pressed)
        self.view.viewport().installEventFilter(self)

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
        self._update_count()

    # ------------------------------------------------------------ public API

    def set_comparison(self, comparison: Comparison | None) -> None:
        """Show this comparison's facts, keeping the filters, the sort and (if it still exists)
        the selected fact; emits ``filter_changed`` with the new visible set."""
        self._selecting = True
        try:
            self.model.set_comparison(comparison)
            self.proxy.set_side_mask(side_mask(self.leaning_button.side(), self._article_leanings()))
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
        """ "any", "all", "some", "one" or "conflicts" (ValueError otherwise)."""
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
        arrow would need (they rarely show one), so the facts keep the width of a narrow sidebar."""
        metrics = QFontMetrics(self.view.font())
        count = max(9, self.model.article_count)
        header = self.view.header()
        for column, widest in ((COL_COVERAGE, f"{count}/{count}"), (COL_CONFLICT, "⚠")):
            header.resizeSection(column, max(metrics.horizontalAdvance(widest),
                                             metrics.horizontalAdvance(HEADERS[column])) + 16)

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

    def set_leanings(self, leanings: dict[int, str | None]) -> None:
        """The leaning of each compared article's outlet (article id -> "left" ... "right" or None),
        for the leaning filter; it is enabled while at least one compared outlet has one."""
        self._leanings = dict(leanings)
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
        self._update_count()
        self.filter_changed.emit(self.visible_ids())

    def _update_count(self) -> None:
        rows = self.model.rows()
        facts = sum(1 for r in rows if not r.is_conflict)
        conflicts = len(rows) - facts
        visible = [self.model.row_at(self.proxy.mapToSource(self.proxy.index(i, 0)).row())
                   for i in range(self.proxy.rowCount())]
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
        coverage_counts = {
            name: sum(1 for r in self.model.rows() if row_passes(r, total, coverage=name))
            for name in COVERAGE_NAMES
        }
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
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------ slots

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

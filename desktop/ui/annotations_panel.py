"""The annotations sidebar ("Notes"): the reader's highlights, notes, tags and links, filtered,
grouped and edited in place.

``AnnotationsModel`` is a list model over annotation rows (colour swatch, quote, note, tags,
article, date, links) and, when the list is grouped by article or by tag, header rows. It is
lazy: it holds the ids of every listed annotation (cheap even for 100,000) and reads the
annotations of a page of rows only when the view first paints one of them. The view
(``make_card_view``) is a one-column table with fixed row heights, painted by
``NoteCardDelegate`` as cards (quote, note, first link, tags and date): laying out 100,000
rows needs none of their data, and scrolling reads only the rows it brings into sight.

``AnnotationsPanel`` puts a full-text search, a tag filter, a colour filter (with "orphans only"),
a grouping choice and a scope toggle (current story / whole library) above the list, a banner
when notes lost their place, and the orphan review box under it. It tells the window which
annotation the reader picked (``annotation_activated``) and edits through an injectable
``actions`` object, so the window can route edits through its undo stack. ``DirectActions``
calls the store (no undo).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Protocol

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QGuiApplication, QIcon, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.annotating import (
    TINTS,
    COLORS,
    LinkedNote,
    NoteGroup,
    confirm_orphan,
    group_by_article,
    group_by_tag,
    linked_notes,
    order_by_articles,
)
from desktop.core.errors import NotFound, ParallaxError
from desktop.core.models import Annotation
from desktop.ui.orphan_review import OrphanReviewBox

ANNOTATION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ARTICLE_ID_ROLE = Qt.ItemDataRole.UserRole + 2
GROUP_ROLE = Qt.ItemDataRole.UserRole + 3  # a header row's group key (article id, tag name, None)
LINKS_ROLE = Qt.ItemDataRole.UserRole + 4  # an annotation row's links: ((link id, text), ...)
IS_HEADER_ROLE = Qt.ItemDataRole.UserRole + 5

ALL_TAGS = "All tags"
ALL_COLOURS = "All colours"
ORPHANED = "⚠ orphaned"
ORPHANS_ONLY = "⚠ Orphans only"
ORPHANS_FILTER = "__orphans__"  # the colour filter's data for "orphans only"
UNTAGGED = "Untagged"

GROUP_NONE, GROUP_ARTICLE, GROUP_TAG = "none", "article", "tag"
GROUPINGS = ((GROUP_NONE, "No grouping"), (GROUP_ARTICLE, "By article"), (GROUP_TAG, "By tag"))




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


def short_name(name: str) -> str:
    """"A3" from a pane name like "A3 · BITDEFENDER"; other names trimmed."""
    head = name.split(" · ", 1)[0]
    return head if head[:1] == "A" and head[1:].isdigit() else trim(name, 32)


def link_text(linked: LinkedNote, name_of: Callable[[int], str]) -> str:
    """How a row lists one of its links: ``↔ contradicts · A3 “quote…”``."""
    arrow = "↔" if linked.link.kind != "supports" else ("→" if linked.outgoing else "←")
    where = short_name(name_of(linked.other.article_id))
    return f"{arrow} {linked.verb} · {where} “{trim(linked.other.exact, 48)}”"


def _mix(a: QColor, b: QColor, amount: float) -> QColor:
    return QColor.fromRgbF(*(x * (1 - amount) + y * amount for x, y in zip(a.getRgbF()[:3], b.getRgbF()[:3])))


# ------------------------------------------------------------------------ actions


class AnnotationActions(Protocol):
    """What the panel asks for when the reader edits; the window may route it through undo."""

    def edit_note(self, annotation_id: int, text: str) -> object: ...

    def edit_tags(self, annotation_id: int, names: list[str]) -> object: ...

    def delete(self, annotation_id: int) -> object: ...

    def link(self, from_id: int, to_id: int, kind: str) -> object: ...

    def unlink(self, link_id: int) -> object: ...

    def confirm_orphan(self, annotation_id: int, start: int, end: int) -> object: ...


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

    def link(self, from_id: int, to_id: int, kind: str):
        return self.store.link_annotations(from_id, to_id, kind)[1]

    def unlink(self, link_id: int):
        return self.store.unlink_annotations(link_id)

    def confirm_orphan(self, annotation_id: int, start: int, end: int):
        return confirm_orphan(self.store, annotation_id, start, end)


# -------------------------------------------------------------------------- model


@dataclass(frozen=True)
class GroupHeader:
    """A header row: the group's key, what it says, how many rows it holds, whether folded."""

    key: int | str | None
    label: str
    count: int
    collapsed: bool = False
    detail: str = ""  # a second, quieter line (the article's title)
    foldable: bool = True

    @property
    def arrow(self) -> str:
        return ("▸ " if self.collapsed else "▾ ") if self.foldable else ""

    @property
    def text(self) -> str:
        return f"{self.arrow}{self.label}  ({self.count})"


Loader = Callable[[list[int]], tuple[list[Annotation], dict[int, list[LinkedNote]]]]


class AnnotationsModel(QAbstractListModel):
    """Annotation rows, and header rows when grouped; read lazily, a page at a time.

    ``set_rows`` takes every row (annotation ids and headers: cheap) and a loader that reads
    the annotations (and their links) of given ids; the annotations of ``READ`` rows are
    read when the view first asks for the data of one of them, so nothing is read that is not
    shown. ``set_annotations`` lists annotations already read.
    """

    READ = 50  # annotations read from the store at a time

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[int | GroupHeader] = []
        self._cache: dict[int, Annotation] = {}
        self._links: dict[int, list[LinkedNote]] = {}
        self._loader: Loader | None = None
        self._names: dict[int, str] = {}
        self._name_lookup: Callable[[int], str] | None = None
        self.show_article = True  # False when grouped by article: the header names it

    # ------------------------------------------------------------ filling

    def set_annotations(self, annotations: list[Annotation], names: dict[int, str] | None = None) -> None:
        """List these annotations (already read), one row each, no headers."""
        annotations = list(annotations)
        cache = {a.id: a for a in annotations}
        self.set_rows([a.id for a in annotations], lambda ids: ([cache[i] for i in ids], {}), names)

    def set_rows(self, rows: list[int | GroupHeader], loader: Loader, names: dict[int, str] | None = None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._loader = loader
        self._cache, self._links = {}, {}
        self._pages: set[int] = set()
        if names is not None:
            self._names = dict(names)
        self.endResetModel()

    def set_name_lookup(self, lookup: Callable[[int], str] | None) -> None:
        """Names for articles not in ``names`` (e.g. the other end of a link)."""
        self._name_lookup = lookup

    def _read_page_of(self, row: int) -> None:
        page = row // self.READ
        if page in self._pages or self._loader is None:
            return
        self._pages.add(page)
        entries = self._rows[page * self.READ:(page + 1) * self.READ]
        wanted = [e for e in entries if not isinstance(e, GroupHeader) and e not in self._cache]
        if wanted:
            annotations, links = self._loader(list(dict.fromkeys(wanted)))
            self._cache.update((a.id, a) for a in annotations)
            self._links.update(links)

    # ------------------------------------------------------------ reading


    def loaded_count(self) -> int:
        """How many annotations have been read so far."""
        return len(self._cache)

    def entry(self, row: int) -> int | GroupHeader | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def annotation_at(self, row: int) -> Annotation | None:
        entry = self.entry(row)
        if entry is None or isinstance(entry, GroupHeader):
            return None
        if entry not in self._cache:
            self._read_page_of(row)
        return self._cache.get(entry)

    def annotation(self, annotation_id: int) -> Annotation | None:
        """A listed annotation (read if it was not yet)."""
        row = self.row_of(annotation_id)
        return self.annotation_at(row) if row >= 0 else None

    def annotation_near(self, row: int) -> Annotation | None:
        """The annotation at ``row``, else the next one below it, else the one above."""
        count = len(self._rows)
        for candidate in [*range(max(row, 0), count), *range(min(row, count) - 1, -1, -1)]:
            a = self.annotation_at(candidate)
            if a is not None:
                return a
        return None

    def links_of(self, annotation_id: int) -> list[LinkedNote]:
        self.annotation(annotation_id)  # read with its page
        return list(self._links.get(annotation_id, ()))

    def row_of(self, annotation_id: int | None) -> int:
        """The first row of the annotation, or -1."""
        if annotation_id is None:
            return -1
        try:
            return self._rows.index(annotation_id)
        except ValueError:
            return -1

    def header_row(self, key) -> int:
        for row, entry in enumerate(self._rows):
            if isinstance(entry, GroupHeader) and entry.key == key:
                return row
        return -1

    def ids(self) -> list[int]:
        """Every listed annotation id, each once, in list order."""
        return list(dict.fromkeys(e for e in self._rows if not isinstance(e, GroupHeader)))

    def article_name(self, article_id: int) -> str:
        name = self._names.get(article_id)
        if name is None and self._name_lookup is not None:
            name = self._name_lookup(article_id)
        return name or f"Article {article_id}"

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if isinstance(self.entry(index.row()), GroupHeader):
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        entry = self.entry(index.row())
        if entry is None:
            return None
        if isinstance(entry, GroupHeader):
            return self._header_data(entry, role)
        a = self.annotation_at(index.row())
        if a is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display_text(a)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(a)
        if role == Qt.ItemDataRole.DecorationRole:
            return color_swatch(a.color)
        if role == ANNOTATION_ID_ROLE:
            return a.id
        if role == ARTICLE_ID_ROLE:
            return a.article_id
        if role == LINKS_ROLE:
            return tuple((l.link.id, link_text(l, self.article_name)) for l in self._links.get(a.id, ()))
        if role == IS_HEADER_ROLE:
            return False
        if role == Qt.ItemDataRole.BackgroundRole and a.orphaned:
            palette = QGuiApplication.palette()
            return _mix(palette.color(QPalette.ColorRole.Base), QColor("#ffb000"), 0.16)
        return None

    def _header_data(self, header: GroupHeader, role):
        if role == Qt.ItemDataRole.DisplayRole:
            return header.text
        if role == GROUP_ROLE:
            return header.key
        if role == IS_HEADER_ROLE:
            return True
        if role == Qt.ItemDataRole.FontRole:
            font = QFont(QGuiApplication.font())
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole:
            return QGuiApplication.palette().color(QPalette.ColorRole.Window).darker(104)
        if role == Qt.ItemDataRole.ToolTipRole and header.foldable:
            return "Click to fold or unfold this group"
        return None

    def tooltip(self, a: Annotation) -> str:
        tip = f"“{a.exact}”"
        if a.note.strip():
            tip += f"\n\n{a.note.strip()}"
        if a.tags:
            tip += "\n\n" + " ".join(f"#{t}" for t in a.tags)
        tip += f"\n\n{self.article_name(a.article_id)} · {a.color}"
        for linked in self._links.get(a.id, ()):
            tip += "\n" + link_text(linked, self.article_name)
        if a.orphaned:
            tip += f"\n{ORPHANED}: its words are no longer in the article's text"
        return tip

    def meta_text(self, a: Annotation) -> str:
        """The row's quiet line: orphan mark, tags, article (unless grouped by it), date."""
        meta = []
        if a.orphaned:
            meta.append(ORPHANED)
        if a.tags:
            meta.append(" ".join(f"#{t}" for t in a.tags))
        if self.show_article:
            meta.append(self.article_name(a.article_id))
        if a.created:
            meta.append(a.created[:10])
        return " · ".join(meta)

    def links_of_loaded(self, annotation_id: int) -> list[LinkedNote]:
        """The links of an annotation already read (painting never reads)."""
        return self._links.get(annotation_id, [])

    def display_text(self, a: Annotation) -> str:
        lines = [f"“{trim(a.exact)}”"]
        note = first_line(a.note)
        if note:
            lines.append(trim(note, 120))
        lines.append(self.meta_text(a))
        lines.extend(link_text(linked, self.article_name) for linked in self._links.get(a.id, ()))
        return "\n".join(lines)


# ----------------------------------------------------------------------- delegate


def make_card_view(model: QAbstractListModel, parent: QWidget | None = None) -> QTableView:
    """A list of note cards: a one-column table without headers or grid whose rows all have the
    card's height, so it lays out 100,000 rows without asking for their data (a QListView asks
    every row for its size) and a row deep in the list can be scrolled to at once."""
    view = QTableView(parent)
    view.setModel(model)
    delegate = NoteCardDelegate(view)
    view.setItemDelegate(delegate)
    view.horizontalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    rows = view.verticalHeader()
    rows.hide()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setMinimumSectionSize(1)
    rows.setDefaultSectionSize(delegate.row_height(QFontMetrics(view.font())))
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.setCornerButtonEnabled(False)
    view.setTabKeyNavigation(False)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return view


def wrap_lines(fm: QFontMetrics, text: str, width: int, lines: int) -> list[str]:
    """``text`` broken at spaces into at most ``lines`` lines of ``width`` pixels, the last
    one elided."""
    words, out, current = text.split(), [], ""
    while words and len(out) < lines - 1:
        candidate = f"{current} {words[0]}".strip()
        if fm.horizontalAdvance(candidate) <= width or not current:
            current = candidate
            words.pop(0)
        else:
            out.append(current)
            current = ""
    rest = " ".join([current, *words]).strip() if current or words else ""
    if rest:
        out.append(fm.elidedText(rest, Qt.TextElideMode.ElideRight, width))
    return [fm.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in out]


class NoteCardDelegate(QStyledItemDelegate):
    """Paints a note as a card of ``LINES`` lines: the quote (the lines the others leave), the
    note's first line, its first link, then tags, article and date; a group header as a band
    under a gap: its name, the count, and a quieter detail (the article's title)."""

    LINES = 4
    PAD = 5

    def row_height(self, fm: QFontMetrics) -> int:
        return self.LINES * fm.lineSpacing() + 2 * self.PAD

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        return QSize(120, self.row_height(option.fontMetrics))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        model = index.model()
        entry = model.entry(index.row()) if isinstance(model, AnnotationsModel) else None
        painter.save()
        try:
            if isinstance(entry, GroupHeader):
                self._paint_header(painter, opt, entry)
            else:
                style = opt.widget.style() if opt.widget is not None else QApplication.style()
                style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, opt.widget)
                annotation = model.annotation_at(index.row()) if entry is not None else None
                if annotation is not None:
                    self._paint_card(painter, opt, model, annotation)
        finally:
            painter.restore()

    def _colors(self, opt: QStyleOptionViewItem) -> tuple[QColor, QColor, QColor]:
        """(text, quiet text, link text) for this row, selected or not."""
        palette = opt.palette
        if opt.state & QStyle.StateFlag.State_Selected:
            text = palette.color(QPalette.ColorRole.HighlightedText)
            quiet = QColor(text)
            quiet.setAlphaF(0.8)
            return text, quiet, text
        return (palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.PlaceholderText),
                palette.color(QPalette.ColorRole.Link))

    def _paint_card(self, painter: QPainter, opt: QStyleOptionViewItem, model: "AnnotationsModel",
                    a: Annotation) -> None:
        fm = QFontMetrics(opt.font)
        ls = fm.lineSpacing()
        rect = opt.rect.adjusted(self.PAD, self.PAD, -self.PAD, -self.PAD)
        color_swatch(a.color).paint(painter, QRect(rect.left(), rect.top() + (ls - 14) // 2, 14, 14))
        x, width = rect.left() + 20, rect.right() - rect.left() - 20
        text, quiet, link = self._colors(opt)
        y = rect.top()

        def line(s: str, color: QColor, font: QFont | None = None) -> None:
            nonlocal y
            painter.setFont(font or opt.font)
            painter.setPen(color)
            metrics = QFontMetrics(font or opt.font)
            painter.drawText(QRect(x, y, width, ls), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             metrics.elidedText(s, Qt.TextElideMode.ElideRight, width))
            y += ls

        note = first_line(a.note)
        links = model.links_of_loaded(a.id)
        quote_lines = max(1, self.LINES - 1 - bool(note) - bool(links))
        for quote_line in wrap_lines(fm, f"“{' '.join(a.exact.split())}”", width, quote_lines):
            line(quote_line, text)
        if note:
            italic = QFont(opt.font)
            italic.setItalic(True)
            line(note, text, italic)
        if links:
            more = f"   +{len(links) - 1} more" if len(links) > 1 else ""
            line(link_text(links[0], model.article_name) + more, link)
        small = QFont(opt.font)
        small.setPointSizeF(max(6.0, opt.font.pointSizeF() * 0.9))
        line(model.meta_text(a), quiet, small)

    def _paint_header(self, painter: QPainter, opt: QStyleOptionViewItem, header: GroupHeader) -> None:
        fm = QFontMetrics(opt.font)
        ls = fm.lineSpacing()
        palette = opt.palette
        painter.fillRect(opt.rect, palette.color(QPalette.ColorRole.Base))
        band = opt.rect.adjusted(0, ls, 0, 0)  # a line's gap above: the groups stand apart
        painter.fillRect(band, palette.color(QPalette.ColorRole.Window).darker(104))
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(band.topLeft(), band.topRight())
        bold = QFont(opt.font)
        bold.setBold(True)
        inner = band.adjusted(self.PAD, self.PAD // 2, -self.PAD, 0)
        count = f"{header.count} note{'s' if header.count != 1 else ''}"
        painter.setFont(opt.font)
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        count_width = fm.horizontalAdvance(count)
        painter.drawText(QRect(inner.right() - count_width, inner.top(), count_width, ls),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, count)
        painter.setFont(bold)
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        label = f"{header.arrow}{header.label}"
        label_width = inner.width() - count_width - 8
        painter.drawText(QRect(inner.left(), inner.top(), label_width, ls),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         QFontMetrics(bold).elidedText(label, Qt.TextElideMode.ElideRight, label_width))
        if header.detail:
            plain = QFont(opt.font)
            plain.setBold(False)
            fm = QFontMetrics(plain)
            painter.setFont(plain)
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            indent = fm.horizontalAdvance(header.arrow)
            for n, detail_line in enumerate(wrap_lines(fm, header.detail, inner.width() - indent, self.LINES - 2)):
                box = QRect(inner.left() + indent, inner.top() + (n + 1) * ls, inner.width() - indent, ls)
                painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, detail_line)


# -------------------------------------------------------------------------- panel


class AnnotationsPanel(QWidget):
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
        self.color_filter.setToolTip("Show only the annotations of this colour, or only the orphans")
        self.color_filter.addItem(ALL_COLOURS, None)
        for name in COLORS:
            self.color_filter.addItem(color_swatch(name), name.capitalize(), name)
        self.color_filter.addItem(ORPHANS_ONLY, ORPHANS_FILTER)
        self.color_filter.currentIndexChanged.connect(self._on_color_filter_current_index_changed)

        self.group_by = QComboBox()
        self.group_by.setObjectName("AnnotationsGroupBy")
        self.group_by.setToolTip("Group the notes by article or by tag (a note with two tags is under both)")
        for key, label in GROUPINGS:
            self.group_by.addItem(label, key)
        self.group_by.currentIndexChanged.connect(self._on_group_by_current_index_changed)

        self.scope_button = QToolButton()
        self.scope_button.setObjectName("AnnotationsScope")
        self.scope_button.setText("Whole library")
        self.scope_button.setCheckable(True)
        self.scope_button.setToolTip("Show the annotations of every story, not only the current one")
        self.scope_button.toggled.connect(self._on_scope_button_toggled)

        self.orphan_banner = QFrame()
        self.orphan_banner.setObjectName("AnnotationsOrphanBanner")
        self.orphan_banner.setStyleSheet(
            "#AnnotationsOrphanBanner { background: #fff3d6; border: 1px solid #e8c36a; border-radius: 4px; }"
            " #AnnotationsOrphanBanner QLabel { color: #5c4300; }")
        self.orphan_label = QLabel()
        self.orphan_label.setWordWrap(True)
        self.orphan_button = QPushButton("Review")
        self.orphan_button.setObjectName("AnnotationsReviewOrphans")
        self.orphan_button.clicked.connect(self._on_orphan_button_clicked)
        banner = QHBoxLayout(self.orphan_banner)
        banner.setContentsMargins(6, 3, 3, 3)
        banner.addWidget(self.orphan_label, 1)
        banner.addWidget(self.orphan_button)
        self.orphan_banner.hide()

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
        if ok and self.selected_id() is None:
            # the next row (or the last) takes the deleted one's place, so Delete can repeat
            near = self.model.annotation_near(row)
            if near is not None:
                self.select_annotation(near.id)
        return ok

    def link(self, from_id: int, to_id: int, kind: str) -> bool:
        return self._run(self._action("link"), from_id, to_id, kind)

    def unlink(self, link_id: int) -> bool:
        return self._run(self._action("unlink"), link_id)

    def attach_orphan(self, annotation_id: int, start: int, end: int) -> bool:
        """Place an orphan at ``start``..``end`` of its article's current text."""
        ok = self._run(self._action("confirm_orphan"), annotation_id, start, end)
        if ok:
            self.select_annotation(annotation_id)
        return ok

    def open_link_dialog(self, annotation_id: int):
        """Open the (non-blocking) "Link to…" dialog for this annotation; returns it."""
        from desktop.ui.link_dialog import LinkDialog  # it lists candidates with this module's model

        if self._store is None or self._annotation(annotation_id) is None:
            return None
        if self.link_dialog is not None:
            self.link_dialog.close()
        try:
            dialog = LinkDialog(self._store, annotation_id, self._story_articles, self._names, parent=self)
        except NotFound:  # deleted by another window a moment ago
            self.refresh()
            return None
        dialog.link_chosen.connect(self._on_link_dialog_link_chosen)
        dialog.finished.connect(lambda _result, d=dialog: self._forget_link_dialog(d))
        self.link_dialog = dialog
        dialog.show()
        return dialog

    def context_menu(self, annotation_id: int) -> QMenu:
        """The row's menu: Edit Note…, Edit Tags…, Link to…, Remove Link ▸, (orphans: Review), Delete."""
        menu = QMenu(self)
        menu.addAction("Edit Note…", lambda: self.edit_note(annotation_id)).setObjectName("EditNote")
        menu.addAction("Edit Tags…", lambda: self.edit_tags(annotation_id)).setObjectName("EditTags")
        menu.addSeparator()
        menu.addAction("Link to…", lambda: self.open_link_dialog(annotation_id)).setObjectName("LinkTo")
        links = self.model.links_of(annotation_id)
        if links:
            remove = menu.addMenu("Remove Link")
            remove.setObjectName("RemoveLink")
            for linked in links:
                remove.addAction(link_text(linked, self._article_name),
                                 lambda link_id=linked.link.id: self.unlink(link_id))
        menu.addSeparator()
        menu.addAction("Delete", lambda: self.delete(annotation_id)).setObjectName("Delete")
        return menu

    # ------------------------------------------------------------ internals

    def _annotation(self, annotation_id: int) -> Annotation | None:
        return self.model.annotation(annotation_id)

    def _action(self, name: str):
        """The actions' method ``name``; the store's own (no undo) for actions written before
        links and orphan review existed."""
        method = getattr(self._actions, name, None)
        if method is None and self._actions is not None and self._store is not None:
            method = getattr(DirectActions(self._store), name)
        return method

    def _run(self, action, *args) -> bool:
        if self._actions is None or action is None:
            return False
        try:
            action(*args)
        except (ParallaxError, ValueError) as exc:
            QMessageBox.warning(self, "Annotation not changed", str(exc))
            self.refresh()
            return False
        self.refresh()
        return True

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
            "orphaned": True if color == ORPHANS_FILTER else None,
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
            self._library_names = {s.id: s.display_title for s in self._store.articles()}
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
        n = self._listed
        where = "in the library" if self.library_scope() else "in this story"
        filtered = bool(self.search.text().strip()) or self.tag_filter.currentIndex() > 0 \
            or self.color_filter.currentIndex() > 0
        self.count.setText(
            f"{n} annotation{'s' if n != 1 else ''} {where}" + (" (filtered)" if filtered else "")
        )

    def _update_orphan_banner(self) -> None:
        if self.color_filter.currentData() == ORPHANS_FILTER:
            self.orphan_label.setText("Showing only the notes that lost their place.")
            self.orphan_button.setText("Show all")
            self.orphan_banner.show()
            return
        story = None if self.library_scope() else self._story_id
        orphans = self._store.annotation_count(story, orphaned=True) if self._store is not None else 0
        if orphans:
            self.orphan_label.setText(f"⚠ {orphans} note{'s' if orphans != 1 else ''} lost "
                                      f"{'their' if orphans != 1 else 'its'} place when the text changed.")
            self.orphan_button.setText("Review")
        self.orphan_banner.setVisible(bool(orphans))

    def _update_review(self) -> None:
        """Show the orphan review box under the list while an orphan is selected."""
        annotation_id = self.selected_id()
        annotation = self.model.annotation(annotation_id) if annotation_id is not None else None
        if annotation is None or not annotation.orphaned or self._store is None:
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

    def _forget_link_dialog(self, dialog) -> None:
        if self.link_dialog is dialog:
            self.link_dialog = None

    # ------------------------------------------------------------ slots

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

    def _on_link_dialog_link_chosen(self, from_id: int, to_id: int, kind: str) -> None:
        if self.link(from_id, to_id, kind):
            self.select_annotation(from_id)

    def _on_review_attach_requested(self, annotation_id: int, start: int, end: int) -> None:
        self.attach_orphan(annotation_id, start, end)

    def _on_review_discard_requested(self, annotation_id: int) -> None:
        self.delete(annotation_id)

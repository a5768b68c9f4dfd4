"""The Notes list's model: one row per annotation (colour swatch, quote, note, tags, article,
date, links) and, when the list is grouped by article or by tag, header rows (``GroupHeader``).

``AnnotationsModel`` is lazy: it holds the ids of every listed annotation (cheap even for
100,000) and reads the annotations of a page of rows only when the view first asks for one of
them. The text helpers here (``trim``, ``first_line``, ``link_text``) and the colour swatches
are what rows, cards and tooltips show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QIcon, QPainter, QPalette, QPen, QPixmap

from desktop.core.models import Annotation
from desktop.core.notes.annotating import TINTS, LinkedNote

ANNOTATION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ARTICLE_ID_ROLE = Qt.ItemDataRole.UserRole + 2
GROUP_ROLE = Qt.ItemDataRole.UserRole + 3  # a header row's group key (article id, tag name, None)
LINKS_ROLE = Qt.ItemDataRole.UserRole + 4  # an annotation row's links: ((link id, text), ...)
IS_HEADER_ROLE = Qt.ItemDataRole.UserRole + 5
ORPHANED = "⚠ orphaned"
CHANGED = "⚠ words changed"


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

    def rowCount(self, parent=QModelIndex()) -> int:
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
        if role == Qt.ItemDataRole.BackgroundRole and a.needs_review:
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
        if a.changed:
            tip += f"\n{CHANGED}: the passage it marks now reads differently; select it to review"
        return tip

    def meta_text(self, a: Annotation) -> str:
        """The row's quiet line: orphan mark, tags, article (unless grouped by it), date."""
        meta = []
        if a.orphaned:
            meta.append(ORPHANED)
        if a.changed:
            meta.append(CHANGED)
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

"""The controls above the Notes list: the search box, the tag filter, the colour filter (which
also offers "orphans only"), the grouping choice and the scope toggle (current story / whole
library), built with their object names and tooltips, and the values they carry; and the banner
that offers to list only the notes that lost their place. The panel connects their signals and
reads them when it lists annotations.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QWidget,
)

from desktop.core.notes.annotating import COLORS
from desktop.ui.notes.notes_model import color_swatch

ALL_TAGS = "All tags"
ALL_COLOURS = "All colours"
ORPHANS_ONLY = "⚠ Needs review"
ORPHANS_FILTER = "__orphans__"  # the colour filter's data for "orphans only"

GROUP_NONE, GROUP_ARTICLE, GROUP_TAG = "none", "article", "tag"
GROUPINGS = ((GROUP_NONE, "No grouping"), (GROUP_ARTICLE, "By article"), (GROUP_TAG, "By tag"))

ORPHAN_BANNER_STYLE = (
    "#AnnotationsOrphanBanner { background: #fff3d6; border: 1px solid #e8c36a; border-radius: 4px; }"
    " #AnnotationsOrphanBanner QLabel { color: #5c4300; }"
)


def make_search_box() -> QLineEdit:
    return QLineEdit(objectName="AnnotationsSearch", placeholderText="Search quotes and notes…",
                     clearButtonEnabled=True,
                     toolTip="Full-text search over the quotes and notes (every word must match)")


def _combo(object_name: str, tooltip: str, items: list[tuple]) -> QComboBox:
    """A combo box with these ``addItem`` arguments: (text, data) or (icon, text, data)."""
    combo = QComboBox(objectName=object_name, toolTip=tooltip)
    for item in items:
        combo.addItem(*item)
    return combo


def make_tag_filter() -> QComboBox:
    """"All tags" (data None); ``fill_tag_filter`` adds the tags (data: the tag's name)."""
    return _combo("AnnotationsTagFilter", "Show only the annotations with this tag", [(ALL_TAGS, None)])


def fill_tag_filter(tag_filter: QComboBox, names: list[str]) -> None:
    """List "All tags" and these tags, keeping the chosen tag, without emitting a change."""
    current = tag_filter.currentData()
    names = list(names)
    if current is not None and current not in names:
        names.append(current)  # keep the reader's filter even if the tag went away
    tag_filter.blockSignals(True)
    try:
        tag_filter.clear()
        tag_filter.addItem(ALL_TAGS, None)
        for name in names:
            tag_filter.addItem(f"#{name}", name)
        tag_filter.setCurrentIndex(max(0, tag_filter.findData(current)) if current else 0)
    finally:
        tag_filter.blockSignals(False)


def make_color_filter() -> QComboBox:
    """"All colours" (data None), each highlight colour (data: its name), then "orphans only"
    (data ``ORPHANS_FILTER``)."""
    colours = [(color_swatch(name), name.capitalize(), name) for name in COLORS]
    return _combo("AnnotationsColorFilter", "Show only the annotations of this colour, or only the orphans",
                  [(ALL_COLOURS, None), *colours, (ORPHANS_ONLY, ORPHANS_FILTER)])


def make_group_by() -> QComboBox:
    """The groupings (data ``GROUP_NONE``, ``GROUP_ARTICLE``, ``GROUP_TAG``)."""
    tooltip = "Group the notes by article or by tag (a note with two tags is under both)"
    return _combo("AnnotationsGroupBy", tooltip, [(label, key) for key, label in GROUPINGS])


def make_scope_button() -> QToolButton:
    """Checked: list the whole library, not only the current story."""
    return QToolButton(objectName="AnnotationsScope", text="Whole library", checkable=True,
                       toolTip="Show the annotations of every story, not only the current one")


class OrphanBanner(QFrame):
    """The amber strip above the list while notes have lost their place: how many, and a button
    ("Review" to list only them; while only they are listed, "Show all")."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("AnnotationsOrphanBanner")
        self.setStyleSheet(ORPHAN_BANNER_STYLE)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.button = QPushButton("Review")
        self.button.setObjectName("AnnotationsReviewOrphans")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 3, 3, 3)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.hide()

    def show_orphans_listed(self) -> None:
        """Say that only the notes to review are listed, and offer to list all notes again."""
        self.label.setText("Showing only the notes that lost their place or whose words changed.")
        self.button.setText("Show all")
        self.show()

    def show_orphan_count(self, orphans: int, changed: int = 0) -> None:
        """Say how many notes lost their place, or were re-attached to changed words, and offer
        to review them; hidden when there are none."""
        parts = []
        if orphans:
            parts.append(f"{orphans} note{'s' if orphans != 1 else ''} lost {'their' if orphans != 1 else 'its'} place")
        if changed:
            who = f"{changed} note{'s' if changed != 1 else ''}" if not orphans else f"{changed}"
            parts.append(f"{who} found {'their' if changed != 1 else 'its'} passage reworded")
        if parts:
            self.label.setText(f"⚠ {' and '.join(parts)} when the text changed.")
            self.button.setText("Review")
        self.setVisible(bool(parts))

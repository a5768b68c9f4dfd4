"""Library > Outlet Leanings…: the reader sets each outlet's political leaning, or imports a CSV
of ratings, in the window (the same as ``parallax leanings set|import``), with undo.

The leanings feed the leaning bar, the blindspot flag and the facts panel's leaning filter.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QUndoCommand
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop.core.errors import ParallaxError
from desktop.core.library.store.outlets import LEANINGS
from desktop.core.models import Changes
from desktop.core.stories.leanings import import_csv

UNKNOWN = "unknown"
CHOICES = (UNKNOWN, *LEANINGS)


class SetLeaningsCommand(QUndoCommand):
    """Set some outlets' leanings (source id -> leaning or None); undo puts the old ones back."""

    def __init__(self, store, apply, after: dict, before: dict, origins: dict, text: str, done: bool = False,
                 after_origins: dict | None = None):
        super().__init__(text)
        self.store, self.apply = store, apply
        self.after, self.before, self.origins = after, before, origins
        self.after_origins = after_origins or dict.fromkeys(after, "reader")  # who set each new leaning
        self._done = done  # already applied (a CSV import): the first redo only tells the views

    def redo(self) -> None:
        if self._done:
            self._done = False
            self.apply(Changes(frozenset({"sources"}), frozenset(self.after)))
            return
        self.apply(self._set(self.after, self.after_origins))

    def undo(self) -> None:
        self.apply(self._set(self.before, self.origins))

    def _set(self, leanings: dict, origins: dict) -> Changes:
        """Set ``leanings``, each with its origin (a hand edit, or the CSV file it came from)."""
        changes = Changes(frozenset({"sources"}), frozenset(leanings))
        for origin in set(origins.values()):
            changes = changes | self.store.set_leanings(
                {s: v for s, v in leanings.items() if origins.get(s) == origin}, origin)
        return changes


class OutletLeaningsDialog(QDialog):
    """One row per outlet: its name, how many articles, and a leaning menu; Import CSV… fills it."""

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle("Outlet Leanings")
        self.resize(560, 520)
        self.imported: list[str] = []  # CSV files imported while the dialog was open
        self.filter_box = QLineEdit(placeholderText="Filter outlets")
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.textChanged.connect(self._on_filter_box_text_changed)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Outlet", "Articles", "Leaning"])
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.import_button = QPushButton("Import CSV…")
        self.import_button.setToolTip("A CSV with an outlet column (outlet, source or name) and a leaning column "
                                      "(leaning, bias or rating); leanings you set by hand are kept")
        self.import_button.clicked.connect(self.import_file)
        self.message = QLabel(wordWrap=True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("The political leaning of each outlet, for the leaning bar, blindspots and the "
                                "facts filter. Parallax ships no ratings: set them here or import yours.",
                                wordWrap=True))
        layout.addWidget(self.filter_box)
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.load()

    def load(self) -> None:
        """(Re)read the outlets and their leanings from the library."""
        self.outlets = self.store.outlets()
        self.table.setRowCount(len(self.outlets))
        self.menus: list[QComboBox] = []
        for row, outlet in enumerate(self.outlets):
            name = QTableWidgetItem(outlet.name)
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            name.setToolTip(f"{outlet.name}: leaning set by {outlet.origin}" if outlet.origin else outlet.name)
            count = QTableWidgetItem(f"{outlet.articles:,}")
            count.setFlags(count.flags() & ~Qt.ItemFlag.ItemIsEditable)
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            menu = QComboBox()
            menu.addItems(CHOICES)
            menu.setCurrentText(outlet.leaning or UNKNOWN)
            menu.setAccessibleName(f"Leaning of {outlet.name}")
            self.table.setItem(row, 0, name)
            self.table.setItem(row, 1, count)
            self.table.setCellWidget(row, 2, menu)
            self.menus.append(menu)
        self._on_filter_box_text_changed(self.filter_box.text())

    def chosen(self) -> dict[int, str | None]:
        """The outlets whose leaning the reader changed: source id -> leaning (None: unknown)."""
        out = {}
        for outlet, menu in zip(self.outlets, self.menus):
            leaning = None if menu.currentText() == UNKNOWN else menu.currentText()
            if leaning != outlet.leaning:
                out[outlet.id] = leaning
        return out

    def import_file(self, path: str | None = None) -> bool:
        """Import a CSV of ratings now (asks for the file when none is given); errors name the file and line."""
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, "Import Outlet Ratings", "", "CSV files (*.csv);;All files (*)")
            if not path:
                return False
        try:
            imported, _changes = import_csv(self.store, path)
        except (ParallaxError, OSError, ValueError) as exc:
            self.message.setText(f"<span style='color:#b00020'>{_escape(str(exc))}</span>")
            return False
        self.imported.append(path)
        missing = f"; {len(imported.not_in_library)} outlets of the file are not in this library" \
            if imported.not_in_library else ""
        self.message.setText(_escape(f"{imported.set} outlets set from {imported.rows} rows of {path}{missing}. "
                                     "Leanings you set by hand were kept."))
        pending = self.chosen()  # what the reader changed here and has not applied yet survives the import
        self.load()
        for outlet, menu in zip(self.outlets, self.menus):
            if outlet.id in pending:
                menu.setCurrentText(pending[outlet.id] or UNKNOWN)
        return True

    def _on_filter_box_text_changed(self, text: str) -> None:
        needle = text.strip().casefold()
        for row, outlet in enumerate(self.outlets):
            self.table.setRowHidden(row, bool(needle) and needle not in outlet.name.casefold())


def _escape(text: str) -> str:
    return html.escape(text)


class OutletLeanings:
    """The Library menu's Outlet Leanings… action and its undoable steps."""

    def __init__(self, window):
        self.window = window

    @classmethod
    def install(cls, window, menu) -> OutletLeanings:
        self = cls(window)
        self.action = QAction("Outlet &Leanings…", window)
        self.action.setStatusTip("Set each outlet's political leaning, or import a CSV of ratings")
        self.action.triggered.connect(self.edit)
        menu.addSeparator()
        menu.addAction(self.action)
        return self

    def edit(self) -> OutletLeaningsDialog:
        store = self.window.store
        before_all = {o.id: (o.leaning, o.origin) for o in store.outlets()}
        dialog = OutletLeaningsDialog(store, self.window)
        dialog.finished.connect(lambda result: self._finish(dialog, result, before_all))
        dialog.open()
        return dialog

    def _finish(self, dialog: OutletLeaningsDialog, result: int, before_all: dict) -> None:
        store = self.window.store
        if dialog.imported:  # already written: one undo step puts back what the import changed
            now = {o.id: (o.leaning, o.origin) for o in store.outlets()}
            changed = [s for s in now if s in before_all and now[s][0] != before_all[s][0]]
            if changed:
                self.window._run(SetLeaningsCommand(
                    store, self.window.apply_changes, {s: now[s][0] for s in changed},
                    {s: before_all[s][0] for s in changed}, {s: before_all[s][1] for s in changed},
                    "Import Outlet Leanings", done=True, after_origins={s: now[s][1] for s in changed}))
        if result != QDialog.DialogCode.Accepted:
            return
        chosen = dialog.chosen()
        if chosen:
            current = {o.id: (o.leaning, o.origin) for o in store.outlets()}
            self.window._run(SetLeaningsCommand(
                store, self.window.apply_changes, chosen, {s: current[s][0] for s in chosen},
                {s: current[s][1] for s in chosen}, "Set Outlet Leanings"))

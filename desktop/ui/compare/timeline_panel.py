"""The Timeline tab: the story's dated events in order, what happened, which outlets say so.

One row per event ("July 20, 2024 — Ban comes into effect (A4, A5)"); a date that takes part in a
conflict carries ⚠ and the conflict's colour, a year taken from the story's other dates says so,
and a relative date of an undated article reads "date unknown". An event two or more outlets give
is in bold, and **Only dates several outlets give** (Alt+O) hides the others (on a real story most
dates are one outlet's background). Selecting a row lines the panes up on the event's dates.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QCheckBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop.ui.compare.possible_lines import LESS_SURE_CONFLICT_NOTE

EVENT_ROLE = Qt.ItemDataRole.UserRole + 1
CONFLICT_COLOUR = "#D62728"


class TimelinePanel(QWidget):
    event_selected = Signal(str)  # event id

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.comparison = None
        self.summary = QLabel("No comparison yet.")
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.itemSelectionChanged.connect(self._on_list_selection_changed)
        self.shared_only = QCheckBox("&Only dates several outlets give")
        self.shared_only.setToolTip("Hide the dates only one outlet gives (background, one outlet's details)")
        self.shared_only.toggled.connect(self._apply_filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.shared_only)
        layout.addWidget(self.list, 1)

    def set_comparison(self, comparison) -> None:
        self.comparison = comparison
        letters = {a.id: f"A{i}" for i, a in enumerate(comparison.articles, 1)}
        self.list.clear()
        conflicts = {c.id: c for c in comparison.conflicts}
        for event in comparison.timeline:
            who = ", ".join(letters.get(a, "?") for a in event.articles)
            flag = "⚠ " if event.conflict else ""
            item = QListWidgetItem(f"{flag}{event.display} — {event.label} ({who})")
            item.setData(EVENT_ROLE, event.id)
            tip = [f"<b>{html.escape(event.display)}</b>: {html.escape(event.label)}",
                   "Stated by " + who]
            if event.year_inferred:
                tip.append("<i>The year comes from the story's other dates: these articles give none.</i>")
            if event.date is None:
                tip.append("<i>A relative date in an article without a publication date: it cannot be placed.</i>")
            for m in event.mentions:
                tip.append(f"{letters.get(m.article, '?')}: “{html.escape(m.text)}”"
                           + (f" = {html.escape(m.value)}" if m.value and m.value != m.text else ""))
            if event.conflict and event.conflict in conflicts:
                conflict = conflicts[event.conflict]
                tip.append(f"<span style='color:{CONFLICT_COLOUR}'>⚠ The dates conflict: "
                           f"{html.escape(conflict.label)}</span>")
                if conflict.weak:  # a conflict to check: its colour, not its weight
                    tip.append(f"<i>{html.escape(LESS_SURE_CONFLICT_NOTE)}</i>")
                item.setForeground(QColor(CONFLICT_COLOUR))
            item.setToolTip("<qt>" + "<br>".join(tip) + "</qt>")
            if len(event.articles) > 1:
                font = QFont(item.font())
                font.setBold(True)  # several outlets give it: the story's own dates stand out
                item.setFont(font)
            self.list.addItem(item)
        dated = sum(1 for e in comparison.timeline if e.date)
        marked = sum(1 for e in comparison.timeline if e.conflict)
        shared = sum(1 for e in comparison.timeline if len(e.articles) > 1)
        self.summary.setText(f"{dated} dated events, {shared} given by two or more outlets (bold)"
                             + (f", {marked} with conflicting dates (⚠)" if marked else "")
                             + "." if comparison.timeline else "No dates in these articles.")
        self.shared_only.setText(f"&Only dates several outlets give ({shared})")
        self._apply_filter()

    def _apply_filter(self) -> None:
        if self.comparison is None:
            return
        only = self.shared_only.isChecked()
        for row, event in enumerate(self.comparison.timeline):
            self.list.item(row).setHidden(only and len(event.articles) < 2)

    def timeline_event(self, event_id: str):
        return next((e for e in self.comparison.timeline if e.id == event_id), None) if self.comparison else None

    def spans_for(self, event_id: str) -> dict[int, tuple[int, int]]:
        event = self.timeline_event(event_id)
        spans: dict[int, tuple[int, int]] = {}
        for m in event.mentions if event else ():
            spans.setdefault(m.article, (m.start, m.end))
        return spans

    def _on_list_selection_changed(self) -> None:
        items = self.list.selectedItems()
        if items:
            self.event_selected.emit(items[0].data(EVENT_ROLE))

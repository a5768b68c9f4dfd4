"""The Facts tab's context menu: the reader's word on the comparison.

On a conflict's row, "Not a Conflict"; on a shared claim's row, "Not the Same Fact ▸ A2 · Outlet:
“…”" (that wording is taken out of the fact). Anywhere, the reader's earlier corrections to review
and take back: "Dismissed Conflicts ▸" and "Claims Set Apart ▸", so none is lost from sight.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMenu, QWidget

from desktop.core.labels import letter_names
from desktop.core.matching.dismissals import conflict_pairs
from desktop.ui.compare.separation_choices import linked_choices, menu_text

Emit = Callable[[list], None]


def overrule_menu(parent: QWidget, comparison, fact_id: str | None, dismiss: Emit, separate: Emit,
                  restore: Emit, link_again: Emit) -> QMenu | None:
    """The menu for a right-click on ``fact_id``'s row (None: no row), or None when it would be empty."""
    menu = QMenu(parent)
    names = letter_names(comparison.articles)
    conflict = next((c for c in comparison.conflicts if c.id == fact_id), None)
    pairs = conflict_pairs(conflict) if conflict is not None else []
    if pairs:
        action = menu.addAction("Not a Conflict")
        action.setObjectName("NotAConflict")
        action.setToolTip(conflict.label)
        action.triggered.connect(lambda: dismiss(pairs))
    choices = linked_choices(comparison, fact_id, None, names) if fact_id else []
    if choices:
        sub = menu.addMenu("Not the Same Fact")
        sub.setObjectName("NotSameFact")
        for text, taken_out in choices:
            sub.addAction(text).triggered.connect(lambda _c=False, p=taken_out: separate(p))
    if comparison.dismissed:
        menu.addSeparator()
        sub = menu.addMenu(f"Dismissed Conflicts ({len(comparison.dismissed)})")
        sub.setObjectName("DismissedConflicts")
        for gone in comparison.dismissed:
            action = sub.addAction("Show Again: " + " ".join(gone.label.split()).replace("&", "&&"))
            action.triggered.connect(lambda _c=False, p=conflict_pairs(gone): restore(p))
    if comparison.separated:
        if not comparison.dismissed:
            menu.addSeparator()
        sub = menu.addMenu(f"Claims Set Apart ({len(comparison.separated)})")
        sub.setObjectName("ClaimsSetApart")
        for first, second in comparison.separated:
            text = (menu_text(names.get(first.article) or f"Article {first.article}", first.text, 40) + "  ≠  "
                    + menu_text(names.get(second.article) or f"Article {second.article}", second.text, 40))
            pair = [((first.article, first.start, first.end), (second.article, second.start, second.end))]
            sub.addAction("Link Again: " + text).triggered.connect(lambda _c=False, p=pair: link_again(p))
    return None if menu.isEmpty() else menu

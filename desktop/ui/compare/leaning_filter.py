"""Filter the facts panel by the leaning of the outlets that report each fact (Ground News'
"coverage by side", per claim): facts the left reports, facts only the right reports...

``SIDES`` are the choices; ``side_mask(side, leanings)`` turns one into a per-outlet mask over the
comparison's articles, and ``passes(reported, mask, only)`` applies it to a row. The button is a
small menu beside the kind filter; it is disabled while no compared outlet has a leaning.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QToolButton

# (name, menu text, leanings on that side, only that side)
SIDES = (
    ("any", "Any leaning", (), False),
    ("left", "Reported by the left", ("left", "lean left"), False),
    ("center", "Reported by the center", ("center",), False),
    ("right", "Reported by the right", ("lean right", "right"), False),
    ("only-left", "Reported only by the left", ("left", "lean left"), True),
    ("only-right", "Reported only by the right", ("lean right", "right"), True),
)
SIDE_NAMES = tuple(name for name, *_ in SIDES)
_BY_NAME = {name: (text, leanings, only) for name, text, leanings, only in SIDES}


def side_mask(side: str, leanings: Sequence[str | None]) -> tuple[tuple[bool, ...], bool] | None:
    """(per-outlet mask of the outlets on ``side``, whether only they may report) for outlets of
    these leanings in comparison order; None for "any"."""
    if side not in _BY_NAME:
        raise ValueError(f"unknown side {side!r}; expected one of {SIDE_NAMES}")
    _text, wanted, only = _BY_NAME[side]
    if not wanted:
        return None
    return tuple(leaning in wanted for leaning in leanings), only


def passes(reported: Sequence[bool], mask: tuple[tuple[bool, ...], bool] | None) -> bool:
    """Whether a row reported by ``reported`` (per outlet) passes the side filter ``mask``."""
    if mask is None:
        return True
    sides, only = mask
    on_side = any(r and s for r, s in zip(reported, sides))
    if not only:
        return on_side
    return on_side and not any(r and not s for r, s in zip(reported, sides))


class LeaningFilterButton(QToolButton):
    """A menu button choosing one of ``SIDES``; ``side_changed`` gives its name."""

    side_changed = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("FactsLeaning")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolTip("Show the facts outlets of one leaning report (set outlet leanings in Library > Outlet Leanings…)")
        self.menu_ = QMenu(self)
        group = QActionGroup(self)
        self.actions_: dict[str, QAction] = {}
        for name, text, _leanings, _only in SIDES:
            action = QAction(text, self.menu_, checkable=True, checked=name == "any")
            action.setData(name)
            group.addAction(action)
            self.menu_.addAction(action)
            self.actions_[name] = action
            if name == "right":
                self.menu_.addSeparator()
        self.menu_.triggered.connect(lambda action: self.set_side(action.data()))
        self.setMenu(self.menu_)
        self._side = "any"
        self._update_text()

    def side(self) -> str:
        return self._side

    def set_side(self, side: str) -> None:
        if side not in _BY_NAME:
            raise ValueError(f"unknown side {side!r}; expected one of {SIDE_NAMES}")
        self.actions_[side].setChecked(True)
        if side != self._side:
            self._side = side
            self._update_text()
            self.side_changed.emit(side)

    def _update_text(self) -> None:
        self.setText(("Any leaning" if self._side == "any" else _BY_NAME[self._side][0].replace("Reported ", ""))
                     + " ")


__all__ = ["SIDES", "SIDE_NAMES", "LeaningFilterButton", "passes", "side_mask"]

"""The View menu's switches of a kind of mark in the panes (View > Mark Claims Only One Source
Makes, View > Show Less Sure Links): one palette flag, its checkable action, the legend, the
panes, and the choice remembered in QSettings."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


def set_mark_toggle(window: MainWindow, flag: str, action_name: str, setting: str, on: bool,
                    remember: bool = True) -> bool:
    """Set ``FactPalette.<flag>``, check ``window.<action_name>`` to match, redraw the legend and
    the panes, and remember the choice under ``setting`` when ``remember``; returns ``on``."""
    on = bool(on)
    setattr(window.comparison.fact_palette, flag, on)
    action = getattr(window, action_name, None)
    if action is not None and action.isChecked() != on:
        action.setChecked(on)
    window.legend.refresh()
    window.comparison.apply_highlights()
    if remember:
        window.settings.set(setting, on)
    return on

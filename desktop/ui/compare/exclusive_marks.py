"""View > Mark Claims Only One Source Makes: the in-text mark of exclusive claims, on or off.

Most sentences of an article are its own, so their dotted underline is faint by default and the
reader can switch it off; the choice is remembered (``reading/mark_exclusives`` in QSettings).
Exclusives stay visible where they do not drown anything: the overview strip beside each text,
the facts panel's "One" filter, the pane headers' "n only here" and the hover tooltips.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.ui.compare.mark_toggles import set_mark_toggle

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

SETTING = "reading/mark_exclusives"
ACTION_TEXT = "&Mark Claims Only One Source Makes"
ACTION_TIP = "Underline (faintly) the claims only one outlet makes; they stay in the overview strip and Facts tab"


def set_exclusive_marks(window: MainWindow, on: bool, remember: bool = True) -> None:
    """Mark exclusive claims in the panes (or not), and say so in the legend and the View menu."""
    set_mark_toggle(window, "mark_exclusives", "mark_exclusives_action", SETTING, on, remember)

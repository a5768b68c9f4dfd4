"""View > Show Less Sure Links: the links Parallax is less sure of, shown as possible links or not.

A shared claim whose link score is low (``Fact.weak``) was right about half the time on stories
Parallax had not seen, against three in four for the others. Shown (the default), its mentions
have their fact's colour, paler and dotted, and a pale dashed ribbon; hidden, they are marked as
claims only their source makes: no colour, no ribbon, F7 passes them by. Either way they stay in
the Facts tab (in italics, "Less sure" filter), the tooltips and Story > Review Links. The choice
is remembered (``reading/show_less_sure_links`` in QSettings).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.ui.compare.mark_toggles import set_mark_toggle

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

SETTING = "reading/show_less_sure_links"
ACTION_TEXT = "Show L&ess Sure Links"
ACTION_TIP = ("Colour the links Parallax is less sure of (about half were right on unseen stories), paler and "
              "dotted; off, they are marked as claims only one source makes")


def set_less_sure_links(window: MainWindow, on: bool, remember: bool = True) -> None:
    """Show the less sure links in the panes, ribbons and overview strips (or not), and say so
    in the legend, the status bar and the View menu."""
    on = set_mark_toggle(window, "show_less_sure", "less_sure_action", SETTING, on, remember)
    comparison = window.comparison.comparison
    weak = sum(1 for f in comparison.facts if f.weak) if comparison is not None else 0
    if remember and weak:
        window.statusBar().showMessage(
            f"{weak} less sure link{'s' if weak > 1 else ''} "
            + ("shown, paler and dotted." if on else "marked as claims only one source makes "
               "(View > Show Less Sure Links shows them)."), 6000)

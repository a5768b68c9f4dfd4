"""The main window's state between sessions: what is restored at start and saved at close.

Functions of the window (a ``MainWindow``) rather than its methods, so the window stays an assembly of
widgets; the values live in ``Settings``.
"""

from __future__ import annotations


def restore_window_state(window) -> None:
    """Bring back what the reader left: geometry (first launch: most of the screen, centred),
    docks, splitters, reading style, the sidebar and linked scrolling."""
    try:
        window.annotations_panel.set_grouping(str(window.settings.get("notes/grouping")))
    except ValueError:  # a settings file from elsewhere: keep the default
        window.annotations_panel.set_grouping("article")
    geometry = window.settings.get("window/geometry")
    if geometry:
        window.restoreGeometry(geometry)
    elif window.screen() is not None:
        # first launch: most of the screen, centred, so the five bundled panes fit
        available = window.screen().availableGeometry()
        window.resize(int(available.width() * 0.94), int(available.height() * 0.92))
        frame = window.frameGeometry()
        frame.moveCenter(available.center())
        window.move(frame.topLeft())
    state = window.settings.get("window/state")
    if state:
        window.restoreState(state)
    for key, splitter in (("window/main_splitter", window.main_splitter),
                          ("window/sidebar_splitter", window.sidebar_splitter)):
        sizes = window.settings.get(key)
        if sizes and len(sizes) == splitter.count():
            splitter.setSizes(sizes)
    style = window.reading_style()
    window.comparison.style_ = style
    (window.serif_action if style.font == "serif" else window.sans_action).setChecked(True)
    if style.line_spacing in window.spacing_actions:
        window.spacing_actions[style.line_spacing].setChecked(True)
    window.first_run_hint.setVisible(not window.settings.get("ui/first_run_hint_dismissed"))
    shown = window.settings.get("window/sidebar_visible")
    window.sidebar.setVisible(shown)
    window.sidebar_action.setChecked(shown)
    linked = window.settings.get("reading/link_scrolling")
    window.link_action.setChecked(linked)
    window.comparison.set_link_scrolling(linked)

def save_window_state(window) -> None:
    """Keep the window's geometry, docks, splitters, last story and notes grouping."""
    window.settings.set("window/geometry", window.saveGeometry())
    window.settings.set("window/state", window.saveState())
    if not window.sidebar.isHidden():  # a hidden sidebar's width is 0: keep the one it comes back with
        window.settings.set("window/main_splitter", window.main_splitter.sizes())
    window.settings.set("window/sidebar_splitter", window.sidebar_splitter.sizes())
    window.settings.set("library/last_story_id", window.current_story_id)
    window.settings.set("notes/grouping", window.annotations_panel.grouping())
    window.settings.sync()

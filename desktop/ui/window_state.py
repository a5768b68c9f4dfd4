"""The main window's state between sessions: what is restored at start and saved at close.

Functions of the window (a ``MainWindow``) rather than its methods, so the window stays an assembly of
widgets; the values live in ``Settings``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject

SIDEBAR_WIDTH = 270  # the sidebar's width on screens up to WIDE
WIDE = 1700  # from this window width the sidebar takes SIDEBAR_SHARE of it, up to SIDEBAR_MAX
SIDEBAR_SHARE, SIDEBAR_MAX = 0.19, 380


def sidebar_width(window_width: int) -> int:
    """The sidebar's width for a window this wide, until the reader drags it: wide screens give the
    Facts, Quotes and Sources tabs room; narrow ones keep every pixel for the panes."""
    if window_width < WIDE:
        return SIDEBAR_WIDTH
    return max(SIDEBAR_WIDTH, min(SIDEBAR_MAX, int(window_width * SIDEBAR_SHARE)))


class SidebarFollowsWindow(QObject):
    """Keeps the sidebar at ``sidebar_width`` of the window while the reader has never set it (no
    saved width, no drag of the splitter); a drag hands the width to the reader for good."""

    def __init__(self, window, active: bool):
        super().__init__(window)
        self.window, self.active = window, active
        self.last: int | None = None  # the width this object last gave the sidebar
        window.main_splitter.splitterMoved.connect(self._on_main_splitter_moved)
        window.installEventFilter(self)

    def _on_main_splitter_moved(self, *_args) -> None:
        self.active = False

    def eventFilter(self, watched, event) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Resize:
            self.fit(event.size().width())
        return False

    def fit(self, window_width: int) -> None:
        splitter = self.window.main_splitter
        total = sum(splitter.sizes())
        if not self.active or total <= 0 or self.window.sidebar.isHidden():
            return
        current = splitter.sizes()[0]
        if self.last is not None and abs(current - self.last) > 2:  # set by other means: the reader's now
            self.active = False
            return
        width = sidebar_width(window_width)
        if current != width:
            splitter.setSizes([width, max(0, total - width)])
        self.last = splitter.sizes()[0]


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
    restored = set()
    for key, splitter in (("window/main_splitter", window.main_splitter),
                          ("window/sidebar_splitter", window.sidebar_splitter)):
        sizes = window.settings.get(key)
        if sizes and len(sizes) == splitter.count():
            splitter.setSizes(sizes)
            restored.add(key)
    window.sidebar_follows = SidebarFollowsWindow(window, active="window/main_splitter" not in restored)
    window.sidebar_follows.fit(window.width())
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

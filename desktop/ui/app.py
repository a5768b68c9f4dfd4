"""Starting the GUI: the QApplication, the library, the main window, ``--screenshot``."""

from __future__ import annotations

import os
import sys
import tempfile
from importlib import resources
from pathlib import Path

from desktop.core.errors import LibraryError, NotFound

DEFAULT_SCREENSHOT_SIZE = (1600, 900)


def _has_display() -> bool:
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM"))


def run_app(library=None, story: str | None = None, screenshot: str | None = None,
            size: tuple[int, int] | None = None, settings_path: str | None = None) -> int:
    if screenshot and not _has_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a screenshot needs no screen
    if not _has_display():
        print("parallax: no display to open a window on (DISPLAY is not set). "
              "Use --screenshot PATH, or set QT_QPA_PLATFORM=offscreen.", file=sys.stderr)
        return 1

    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop.core.library import open_library
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings import Settings

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Parallax")
    app.setOrganizationName("Parallax")
    app.setDesktopFileName("parallax")
    res = resources.files("desktop.resources")
    app.setWindowIcon(QIcon(str(res.joinpath("icons/parallax.svg"))))
    app.setStyleSheet(res.joinpath("themes/parallax.qss").read_text(encoding="utf-8"))

    try:
        store = open_library(library)
    except LibraryError as exc:
        print(f"parallax: {exc}", file=sys.stderr)
        if not screenshot:
            QMessageBox.critical(None, "Parallax cannot open the library", str(exc))
        return 1

    scratch = None
    if screenshot and settings_path is None:
        # a screenshot is reproducible: it ignores (and never changes) the user's settings
        scratch = tempfile.TemporaryDirectory()
        settings_path = str(Path(scratch.name) / "settings.ini")
    window = MainWindow(store, Settings(settings_path))
    try:
        if story:
            window.open_story_by_name(story)
    except NotFound as exc:
        print(f"parallax: {exc}", file=sys.stderr)
        if not screenshot:
            QMessageBox.warning(window, "No such story", str(exc))
        else:
            store.close()
            return 1

    if screenshot:
        return _take_screenshot(app, window, screenshot, size or DEFAULT_SCREENSHOT_SIZE, store)
    if os.environ.get("PARALLAX_REPORT_FIRST_PAINT"):  # for benchmarks/startup.py
        _quit_after_first_paint(app, window)
    window.show()
    from desktop.ui.compare.reading_pane import keep_clipboard_text_only

    app.aboutToQuit.connect(keep_clipboard_text_only)
    code = app.exec()
    store.close()
    from desktop.ui.tasks import shutdown_comparison_pool

    shutdown_comparison_pool()
    return code


def _quit_after_first_paint(app, window) -> None:
    """Print "painted" when the window has first been painted, then quit."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def eventFilter(self, watched, event) -> bool:
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                print("painted", flush=True)
                QTimer.singleShot(0, app.quit)
            return False

    window._first_paint_filter = FirstPaint(window)
    window.installEventFilter(window._first_paint_filter)


def _take_screenshot(app, window, path: str, size: tuple[int, int], store) -> int:
    window.resize(*size)
    window.show()
    for _ in range(5):  # layout settles over a few rounds of events
        app.processEvents()
    window.wait_until_ready()
    image = window.grab()
    target = Path(path).expanduser()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"parallax: cannot create {target.parent}: {exc.strerror}", file=sys.stderr)
        return 1
    from desktop.core.interchange.safe_write import WriteFailed, write_atomically
    from desktop.ui.image_files import image_bytes

    try:
        write_atomically(target, image_bytes(image, "PNG"))
        ok, problem = True, ""
    except WriteFailed as exc:
        ok, problem = False, str(exc)
    window.close()
    store.close()
    from desktop.ui.tasks import shutdown_comparison_pool

    shutdown_comparison_pool()
    if not ok:
        print(f"parallax: could not write the screenshot: {problem}", file=sys.stderr)
        return 1
    print(f"Saved a {image.width()}x{image.height()} screenshot to {target}")
    return 0

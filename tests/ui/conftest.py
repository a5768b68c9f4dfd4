from __future__ import annotations

import pytest

from desktop.core.library import open_library


@pytest.fixture(scope="session", autouse=True)
def _clipboard_safe_at_exit():
    """As the app does when it quits: a rich citation left on the clipboard would crash PySide6
    while Python exits (see reading_pane.keep_clipboard_text_only)."""
    yield
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is not None:
        from desktop.ui.compare.reading_pane import keep_clipboard_text_only

        keep_clipboard_text_only()


@pytest.fixture
def settings_path(tmp_path) -> str:
    return str(tmp_path / "settings.ini")


@pytest.fixture
def make_window(qtbot, library_path, settings_path):
    """Open main windows on one real library file, as the app does at launch."""
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings import Settings

    stores, windows = [], []

    def make(size=(1600, 900)):
        store = open_library(library_path)
        stores.append(store)
        window = MainWindow(store, Settings(settings_path))
        qtbot.addWidget(window)
        windows.append(window)
        if size is not None:  # None: keep the geometry restored from settings
            window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        window.wait_until_ready()
        return window

    yield make
    for window in windows:  # as the app does: the window (and its dialogs) close before the library
        window.close()
    for store in stores:
        store.close()


@pytest.fixture
def window(make_window):
    return make_window()


@pytest.fixture(scope="module")
def comparison():
    """The bundled story's comparison, computed once per test module."""
    from desktop.core.matching.compare import compare

    store = open_library(memory=True)
    try:
        articles = [store.article(a) for a in store.stories()[0].article_ids]
    finally:
        store.close()
    return compare(articles)

"""Big stories open fast (issue 15 item 5): a story too big to read side by side opens on its
overview with only the panes that fit; only open panes hold text documents; the comparison of
the whole story arrives from the worker; no Qt warnings even at 400 articles."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication

from desktop.core.library import import_paths, open_library
from desktop.ui.compare.comparison_area import BIG_STORY
from desktop.ui.compare.reading_pane import ArticleTextView
from desktop.ui.comparing import StoryComparison

OUTLETS = ["Daily Ledger", "Morning Post", "City Wire", "The Courier", "Evening Star", "Harbor Times"]


def write_story(tmp_path, count: int):
    """``count`` short reports of one event, each in its own words, as a JSON Lines file."""
    rows = []
    for i in range(count):
        laid_off = 40 + i % 7
        rows.append({
            "title": f"Plant {i} closes after regulator order",
            "source": f"{OUTLETS[i % len(OUTLETS)]} {i}",
            "date": f"2024-07-{10 + i % 15:02d}",
            "text": (f"The Riverside plant will close on July 20, the company said on Monday. "
                     f"About {laid_off} employees will lose their jobs, according to report {i}. "
                     f"Mayor Ana Ruiz called the decision \"a hard day for the town\". "
                     f"Paragraph {i} adds that the regulator cited safety failures in 2023."),
        })
    path = tmp_path / f"story{count}.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def big_library(library_path, tmp_path):
    def make(count: int) -> str:
        store = open_library(library_path)
        try:
            import_paths(store, [write_story(tmp_path, count)], story=f"Big {count}")
        finally:
            store.close()
        return f"Big {count}"

    return make


class QtMessages:
    """Every Qt message while installed (qInstallMessageHandler), as the issue asks."""

    def __init__(self):
        self.messages: list[tuple[QtMsgType, str]] = []

    def __enter__(self):
        self.previous = qInstallMessageHandler(lambda kind, _context, text: self.messages.append((kind, text)))
        return self

    def __exit__(self, *exc):
        qInstallMessageHandler(self.previous)

    def warnings(self) -> list[str]:
        return [text for kind, text in self.messages if kind != QtMsgType.QtDebugMsg
                and "propagateSizeHints" not in text]  # the offscreen platform's own note


def test_a_big_story_opens_on_its_overview_with_the_panes_that_fit(make_window, big_library, qtbot):
    name = big_library(BIG_STORY + 4)
    window = make_window(size=(1600, 900))
    area = window.comparison
    with qtbot.waitSignal(window.comparison_finished, timeout=60_000):
        window.open_story_by_name(name)
    window.wait_until_ready()
    assert len(area.articles) == BIG_STORY + 4
    assert 2 <= len(area.panes) == area.fit_count() < len(area.articles)
    assert area.panes_in_view() == area.panes  # the panes that are open all fit
    # only the open panes hold text documents
    assert len(window.findChildren(ArticleTextView)) == len(area.panes)
    documents = [d for d in window.findChildren(QTextDocument) if "The Riverside plant" in d.toPlainText()]
    assert len(documents) == len(area.panes)
    # the overview: the coverage matrix and the facts of the whole story
    assert window.coverage_dock.isVisible() and window.sidebar_tabs.currentIndex() == 1
    assert {a.id for a in area.comparison.articles} == {a.id for a in area.articles}
    assert window.facts_panel.view.model().rowCount() > 0
    assert "pick the ones to read side by side" in window.statusBar().currentMessage()
    # the strip names every article and draws its marks once the comparison is in
    chips = area.chooser.chips
    assert chips.rowCount() == len(area.articles) and len(chips.marks) == len(area.articles)
    # the reader picks one to read: it is swapped in with its highlights and summary
    last = area.articles[-1].id
    area.chooser.reveal(last)
    qtbot.mouseClick(area.chooser.viewport(), Qt.MouseButton.LeftButton, pos=area.chooser.chip_rect(last).center())
    area.settle()
    pane = area.pane_for(last)
    assert pane in area.panes_in_view() and pane.summary.isVisible()
    assert len(window.findChildren(ArticleTextView)) == len(area.panes)
    # a resize no longer changes the reader's choice
    chosen = list(area.open_ids)
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: area.scroll.viewport().width() > 1400)
    area.settle()
    assert area.open_ids == chosen


def test_an_untouched_big_story_follows_the_window_width(make_window, big_library, qtbot, monkeypatch):
    monkeypatch.setattr(StoryComparison, "start_comparison", lambda self, articles: None)
    name = big_library(BIG_STORY + 8)
    window = make_window(size=(1280, 800))
    window.open_story_by_name(name)
    window.comparison.settle()
    narrow = len(window.comparison.panes)
    window.set_sidebar_visible(False)
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: len(window.comparison.panes) > narrow)
    window.comparison.settle()
    area = window.comparison
    assert len(area.panes) == area.fit_count() and area.panes_in_view() == area.panes


def test_four_hundred_articles_open_with_few_panes_and_no_qt_warnings(make_window, big_library, qtbot, monkeypatch):
    started = []  # the comparison is the worker's (minutes for 400 articles): only its request is checked
    monkeypatch.setattr(StoryComparison, "start_comparison", lambda self, articles: started.append(len(articles)))
    name = big_library(400)
    with QtMessages() as qt:
        window = make_window(size=(1920, 1080))
        window.open_story_by_name(name)
        window.comparison.settle()
        QApplication.processEvents()
        area = window.comparison
        for article in area.articles[100:400:60]:  # the reader picks a few, far apart
            area.show_article(article.id)
        area.settle()
    assert started[-1] == 400  # the whole story is compared
    assert len(area.articles) == 400 and len(area.panes) <= area.fit_count() + 1
    assert len(window.findChildren(ArticleTextView)) == len(area.panes)
    assert area.splitter.width() < 20_000  # no splitter of 400 panes
    assert qt.warnings() == []


def test_a_matrix_too_big_to_cache_paints_the_same_where_it_shows(qtbot, comparison, monkeypatch):
    """Hundreds of outlets: the coverage matrix is painted where it shows, not cached whole
    (1.4 GB for 400 articles); what the reader sees is the same."""
    from desktop.ui.compare import coverage_matrix
    from desktop.ui.compare.coverage_matrix import CoverageMatrixWidget

    widget = CoverageMatrixWidget()
    qtbot.addWidget(widget)
    widget.set_comparison(comparison)
    widget.resize(widget.sizeHint())
    widget.show()
    cached = widget.grab().toImage()
    assert widget._cache is not None
    monkeypatch.setattr(coverage_matrix, "MAX_CACHED_PIXELS", 100)
    widget._invalidate()
    direct = widget.grab().toImage()
    assert widget._cache is None  # painted straight to the screen
    assert direct.size() == cached.size()
    differing = sum(direct.pixel(x, y) != cached.pixel(x, y)
                    for x in range(0, direct.width(), 3) for y in range(0, direct.height(), 3))
    assert differing <= direct.width() * direct.height() / 9 * 0.01  # antialiased edges at most


def test_a_long_story_is_compared_in_the_worker_process_with_its_stages_told(qtbot):
    """Past IN_THREAD_CHARS the comparison runs in the worker process; the stages it reaches
    come back as progress (the status bar's label and bar), then the result."""
    from desktop.core.models import Article
    from desktop.ui.tasks import IN_THREAD_CHARS, ComparisonTask, shutdown_comparison_pool

    paragraph = ("The Riverside plant will close on July 20, the company said on Monday. About 45 employees "
                 "will lose their jobs. Mayor Ana Ruiz called it a hard day for the town. ")
    repeat = IN_THREAD_CHARS // (2 * len(paragraph)) + 2
    articles = [Article(id=i, title=f"Report {i}", source=f"Outlet {i}", author=None, published=None, url=None,
                        origin=None, text="\n\n".join([paragraph] * repeat) + f" Report {i}.", version=1,
                        version_id=i, content_hash=str(i), word_count=0) for i in (1, 2)]
    assert sum(len(a.text) for a in articles) > IN_THREAD_CHARS
    task = ComparisonTask(articles, generation=7)
    told, results = [], []
    task.signals.progressed.connect(lambda done, total, message: told.append((done, total, message)))
    task.signals.succeeded.connect(results.append)
    try:
        with qtbot.waitSignal(task.signals.finished, timeout=120_000):
            task.run()  # on this thread: it only waits for the process
        assert results and results[0][0] == 7 and {a.id for a in results[0][1].articles} == {1, 2}
        stages = [message for done, total, message in told if total]
        assert any(message.startswith("Aligning claims") and "(2 articles)" in message for message in stages), told
        assert told[-1][:2] == (4, 4)
    finally:
        shutdown_comparison_pool()


def test_a_big_story_at_1280x800_leaves_the_facts_list_and_the_panes_room_to_read(make_window, big_library, qtbot):
    name = big_library(15)
    window = make_window(size=(1280, 800))
    window.open_story(window.store.story_by_name(name).id)
    window.wait_until_ready()
    assert window.coverage_dock.isVisible() and window.coverage_dock.height() <= window.height() // 3 + 30
    assert not window.legend.isVisible() and not window.legend_toggle.isChecked()  # folded for the list
    view = window.facts_panel.view
    assert view.viewport().height() >= 8 * view.sizeHintForRow(0)  # eight facts or more in sight
    assert window.comparison.panes[0].view.viewport().height() >= 200
    assert window.settings.get("ui/legend_shown")  # folded for this overview only, not for good
    qtbot.mouseClick(window.legend_toggle, Qt.MouseButton.LeftButton)  # the reader unfolds it
    assert window.legend.isVisible() and window.settings.get("ui/legend_shown")
    qtbot.mouseClick(window.legend_toggle, Qt.MouseButton.LeftButton)  # and folds it: remembered
    assert not window.legend.isVisible() and window.settings.get("ui/legend_shown") is False


def test_the_legend_folded_for_a_big_story_unfolds_again_when_a_smaller_story_opens(make_window, big_library):
    name = big_library(15)
    window = make_window(size=(1280, 800))
    big = window.store.story(window.store.story_by_name(name).id)
    small, _ = window.store.create_story("Two of them")
    window.store.add_to_story(small, list(big.article_ids[:2]))
    window.open_story(big.id)
    window.wait_until_ready()
    assert not window.legend.isVisible()  # folded for the big story's Facts list
    window.open_story(small)
    window.wait_until_ready()
    assert window.legend.isVisible() and window.legend_toggle.isChecked()  # the reader's saved choice again
    window.open_story(big.id)
    window.wait_until_ready()
    assert not window.legend.isVisible()  # and folded again for the big one

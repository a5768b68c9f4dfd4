"""Background tasks when the window that listened to them is gone (the app quitting mid-work)."""

from __future__ import annotations

import shiboken6

from desktop.core.models import Article
from desktop.ui.tasks import ComparisonTask, Task


def _article(n: int, text: str) -> Article:
    return Article(id=n, title=f"Article {n}", source=f"Outlet {n}", author=None, published=None, url=None,
                   origin=f"/a/{n}.txt", text=text, version=1, version_id=n, content_hash=str(n),
                   word_count=len(text.split()))


def test_a_comparison_whose_window_closed_stops_quietly(qtbot, capsys):
    articles = [_article(1, "The council approved the new budget of $2 million on Monday."),
                _article(2, "On Monday the council approved a $2 million budget.")]
    task = ComparisonTask(articles, generation=1)
    shiboken6.delete(task.signals)  # what closing the window does to the listeners

    task.run()  # in this thread: no exception may escape into Qt's worker thread

    assert task._cancel.is_set()  # the work was stopped: nobody is left to show it to
    assert "Signal source has been deleted" not in capsys.readouterr().err


def test_a_task_with_listeners_still_reports_its_result(qtbot):
    class Double(Task):
        def run(self) -> None:
            self.report(lambda: 21 * 2, "Doubling")

    task = Double()
    with qtbot.waitSignal(task.signals.succeeded) as got:
        task.run()
    assert got.args == [42]
    assert not task._cancel.is_set()

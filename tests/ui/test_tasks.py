"""Background tasks when the window that listened to them is gone (the app quitting mid-work)."""

from __future__ import annotations

import time

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


# ------------------------------------------------------- the worker process


def _long_articles(count: int, paragraphs: int) -> list[Article]:
    """``count`` long reports, each paragraph its own: past IN_THREAD_CHARS, compared in the process."""
    return [_article(n, "\n\n".join(
        f"The Riverside plant {k} will close on July {k % 28 + 1}, the company said on Monday. About {40 + k} "
        f"employees will lose their jobs. Mayor Ana Ruiz {k} called it a hard day for town {k}."
        for k in range(paragraphs)) + f" Report {n}.") for n in range(1, count + 1)]


def _listen(task):
    told, results, failures = [], [], []
    task.signals.progressed.connect(lambda done, total, message: told.append((done, total, message)))
    task.signals.succeeded.connect(results.append)
    task.signals.failed.connect(failures.append)
    return told, results, failures


def test_a_comparison_cancelled_in_the_worker_process_stops_it_and_the_next_one_succeeds(qtbot):
    """The reader leaves a big story mid-comparison: the task finishes at once, reporting nothing,
    and the process is stopped, so the next story's comparison does not wait behind it."""
    from desktop.ui import tasks

    slow = _long_articles(6, 300)  # tens of seconds of comparing
    assert sum(len(a.text) for a in slow) > tasks.IN_THREAD_CHARS
    task = ComparisonTask(slow, generation=1)
    told, results, failures = _listen(task)
    stopped = {}

    def leave(done, total, _message) -> None:
        if total and not stopped:  # a stage from the process: it is comparing
            stopped.update(at=time.monotonic(), processes=list(tasks._POOL._processes.values()))
            task.cancel()

    task.signals.progressed.connect(leave)
    try:
        with qtbot.waitSignal(task.signals.finished, timeout=120_000):
            task.run()  # on this thread: it only waits for the process
        assert stopped and time.monotonic() - stopped["at"] < 5
        assert not results and not failures
        assert tasks._POOL is None
        qtbot.waitUntil(lambda: not any(p.is_alive() for p in stopped["processes"]), timeout=5000)

        following = ComparisonTask(_long_articles(2, 200), generation=2)
        _told, results, failures = _listen(following)
        with qtbot.waitSignal(following.signals.finished, timeout=120_000):
            following.run()
        assert not failures and results and results[0][0] == 2
        assert {a.id for a in results[0][1].articles} == {1, 2}
    finally:
        tasks.shutdown_comparison_pool()


def test_a_comparison_sent_to_a_process_another_cancel_stopped_is_sent_again(qtbot):
    """The next story's comparison may reach the process before the one it supersedes stops it:
    it goes to a new process instead of failing or comparing on a thread."""
    from PySide6.QtCore import QThreadPool

    from desktop.ui import tasks

    first = ComparisonTask(_long_articles(6, 300), generation=1)
    told, first_results, first_failures = _listen(first)
    second = ComparisonTask(_long_articles(2, 200), generation=2)
    told_second, results, failures = _listen(second)
    threads = QThreadPool.globalInstance()
    try:
        threads.start(first)
        qtbot.waitUntil(lambda: any(total for _done, total, _message in told), timeout=120_000)
        pool = tasks._POOL
        threads.start(second)
        qtbot.waitUntil(lambda: len(pool._pending_work_items) >= 2, timeout=10_000)  # queued behind it
        with qtbot.waitSignals([first.signals.finished, second.signals.finished], timeout=120_000):
            first.cancel()
        assert not first_results and not first_failures
        assert not failures and results and results[0][0] == 2
        assert tasks._POOL not in (None, pool)  # a new process compared it, not this thread
        assert any(total and message.endswith("(2 articles)") for _done, total, message in told_second)
    finally:
        first.cancel()
        second.cancel()
        threads.waitForDone(30_000)
        tasks.shutdown_comparison_pool()

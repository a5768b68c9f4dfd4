"""Background work: core functions run on QThreadPool, results come back as signals.

The work function is core code and never touches a widget; the GUI thread applies the
result. Each task opens its own connection to the library (SQLite connections are not
shared across threads), which WAL mode lets run beside the window's.
"""

from __future__ import annotations

import itertools
import threading
import traceback
from concurrent.futures import CancelledError
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from desktop.core.errors import ParallaxError
from desktop.core.library import import_paths
from desktop.core.library.store import Store


class TaskSignals(QObject):
    progressed = Signal(int, int, str)  # done, total, message
    succeeded = Signal(object)  # the work's result
    failed = Signal(str)  # a message for the user
    finished = Signal()


class Task(QRunnable):
    """Background work the window keeps until it finishes, so it can cancel it."""

    def __init__(self) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.signals = TaskSignals()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def emit(self, signal: str, *args) -> None:
        """Emit one of ``signals``; if the window that listened is gone (the app is quitting), stop
        the work instead of raising in the worker thread: nobody is left to tell."""
        try:
            getattr(self.signals, signal).emit(*args)
        except RuntimeError:  # "Signal source has been deleted"
            self._cancel.set()

    def progressed(self, done: int, total: int, message: str) -> None:
        """A progress callback for core code (see ``emit``)."""
        self.emit("progressed", done, total, message)

    def report(self, work, what: str) -> None:
        """Run ``work()`` and emit its result; any error becomes a message naming ``what`` failed
        (the signals always end with ``finished``)."""
        try:
            self.emit("succeeded", work())
        except ParallaxError as exc:  # before OSError: a WriteFailed is both, and names its file
            self.emit("failed", str(exc))
        except OSError as exc:
            self.emit("failed", f"{exc.filename or what}: {exc.strerror or exc}")
        except Exception as exc:  # a bug: still tell the user, with the details
            self.emit("failed", f"{what} failed unexpectedly: {exc!r}\n\n{traceback.format_exc()}")
        finally:
            self.emit("finished")


class ImportTask(Task):
    """Import files into the library at ``library_path``, optionally into a story."""

    def __init__(self, library_path: Path, paths: list[str], story: str | None):
        super().__init__()
        self.library_path = library_path
        self.paths = paths
        self.story = story

    def run(self) -> None:
        def work():
            with Store(self.library_path) as store:
                return import_paths(store, self.paths, story=self.story,
                                    progress=self.progressed, is_cancelled=self._cancel.is_set)

        self.report(work, "Import")


_POOL = None  # one worker process for comparisons, started on first use, kept for the session
_PROGRESS = None  # a queue the worker process reports its progress on (a Manager's), made on first use
_STARTING = threading.Lock()  # the first tasks may start together, in pool threads: one pool, one manager
_TOKENS = itertools.count(1)  # tells each comparison's progress apart on the shared queue
# Stories up to this many characters are compared in a thread: it takes tens of milliseconds,
# less than handing the articles to another process. Longer ones go to the process.
IN_THREAD_CHARS = 60_000


def comparison_pool():
    """A process for comparisons. A thread would share the GIL with the GUI thread, and every
    Qt event that reaches Python code would wait for it: a long story would freeze the window."""
    global _POOL
    with _STARTING:
        if _POOL is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            from desktop.core.matching.compare import warm_up

            _POOL = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
            _POOL.submit(warm_up)  # the process loads the lexer and model while nothing waits for it
        return _POOL


def drop_comparison_pool(pool=None) -> None:
    """Stop the comparison process now, even mid-comparison, without waiting for it; the next
    comparison starts a new one. With ``pool``, only if that is still the current one."""
    global _POOL
    with _STARTING:
        if _POOL is None or (pool is not None and pool is not _POOL):
            return  # already dropped (by another task, or the app quitting)
        pool, _POOL = _POOL, None
    processes = list((getattr(pool, "_processes", None) or {}).values())  # shutdown forgets them
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:  # else it would finish its comparison first (and quitting would wait)
        try:
            process.terminate()
        except (OSError, ValueError, AttributeError):  # already gone
            pass


def shutdown_comparison_pool() -> None:
    """Stop the comparison process (see ``drop_comparison_pool``) and the progress queue's manager."""
    global _PROGRESS
    drop_comparison_pool()
    with _STARTING:
        progress, _PROGRESS = _PROGRESS, None
    if progress is not None:
        progress[0].shutdown()


def progress_queue():
    """A queue the comparison process can put its progress on (plain queues cannot be handed
    to a pool's process); its manager is a small process of its own, started once."""
    global _PROGRESS
    with _STARTING:
        if _PROGRESS is None:
            import multiprocessing

            manager = multiprocessing.get_context("spawn").Manager()
            _PROGRESS = (manager, manager.Queue())
        return _PROGRESS[1]


def compare_reporting(articles, queue, token: int, overrides=None):
    """``compare`` in the worker process, telling each stage on ``queue`` as (token, done, total, message);
    ``overrides``: the reader's word on links and conflicts, as ``compare``'s keyword arguments."""
    from desktop.core.matching.compare import compare

    return compare(articles, progress=lambda done, total, message: queue.put((token, done, total, message)),
                   **(overrides or {}))


class _Cancelled(Exception):
    """The comparison was cancelled while the worker process had it: nothing to report."""


class ComparisonTask(Task):
    """Compare a story's articles off the GUI thread; a newer task makes older results stale.

    The work runs in a separate process (see ``comparison_pool``); this runnable only waits
    for it, without holding the GIL. If no process can be started, it compares in this thread.
    Cancelled, it drops the process's comparison (stopping the process if it has begun), so
    the next story's comparison does not wait behind it.
    """

    def __init__(self, articles: list, generation: int, same_facts=(), different_facts=(), dismissed_conflicts=()):
        super().__init__()
        self.articles = articles
        self.generation = generation
        # the reader's word: "same fact" links (Store.same_fact_pairs), separations
        # (Store.different_fact_pairs) and dismissed conflicts (Store.dismissed_conflict_pairs)
        self.overrides = {"same_facts": tuple(same_facts), "different_facts": tuple(different_facts),
                          "dismissed_conflicts": tuple(dismissed_conflicts),
                          "keep_story": True}  # the reader's next word on it is compared quickly

    def run(self) -> None:
        from desktop.core.matching.compare import compare

        try:
            comparison = None
            if sum(len(a.text) for a in self.articles) > IN_THREAD_CHARS:
                self.emit("progressed", 0, 0, f"Comparing {len(self.articles)} articles")
                try:
                    comparison = self._compare_in_process()
                except (OSError, RuntimeError, BrokenProcessPool, CancelledError, EOFError):
                    shutdown_comparison_pool()  # no process to be had: compare here instead
            if comparison is None and not self._cancel.is_set():
                # small stories, in this thread: a paused collector would catch up on the GUI thread
                comparison = compare(self.articles, progress=self.progressed, is_cancelled=self._cancel.is_set,
                                     pause_collector=False, **self.overrides)
            if not self._cancel.is_set():
                self.emit("succeeded", (self.generation, comparison))
        except _Cancelled:
            pass  # the reader moved on: only ``finished`` is told
        except Exception as exc:  # a bug in matching must not take the window down
            self.emit("failed", f"Comparing the articles failed: {exc!r}\n\n{traceback.format_exc()}")
        finally:
            self.emit("finished")

    def _compare_in_process(self):
        """Compare in the worker process, passing on its progress (stages of the comparison) while
        waiting. If another task stopped the process meanwhile (see ``drop_comparison_pool``),
        submit once more to a new one."""
        progress = progress_queue()
        token = next(_TOKENS)
        pool = comparison_pool()
        try:
            return self._wait(pool, pool.submit(compare_reporting, self.articles, progress, token,
                                          self.overrides), progress, token)
        except (BrokenProcessPool, CancelledError, RuntimeError):
            if pool is _POOL:
                raise  # the process failed on its own
        pool = comparison_pool()  # a new process: the one this was sent to was stopped
        return self._wait(pool, pool.submit(compare_reporting, self.articles, progress, token,
                                          self.overrides), progress, token)

    def _wait(self, pool, future, progress, token: int):
        """The result of ``future``, telling its progress meanwhile; on cancel, raise ``_Cancelled``
        and stop the process if it has begun comparing (a future running cannot be cancelled)."""
        import queue as queues

        count = len(self.articles)
        while not future.done():
            if self._cancel.is_set():
                if not future.cancel() and not future.done():  # the process has begun it
                    drop_comparison_pool(pool)
                raise _Cancelled
            try:
                sender, done, total, message = progress.get(timeout=0.2)
            except queues.Empty:
                continue
            if sender == token and not self._cancel.is_set():  # not a superseded comparison's
                self.emit("progressed", done, total, f"{message} ({count} articles)")
        return future.result()


class ExportNotesTask(Task):
    """Export annotations to a file from the library at ``library_path`` (its own connection):
    100,000 notes take seconds to a minute, which the window must not freeze for."""

    def __init__(self, library_path: Path, path: str, kind, story_id: int | None, tag: str | None = None):
        super().__init__()
        self.library_path, self.path, self.kind = library_path, path, kind
        self.story_id, self.tag = story_id, tag

    def run(self) -> None:
        from desktop.rendering.documents import write_notes  # Qt's PDF writer works in a thread

        def work() -> str:
            with Store(self.library_path) as store:
                write_notes(store, self.path, self.kind, self.story_id, self.tag)
            return self.path

        self.report(work, self.path)

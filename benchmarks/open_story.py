"""Opening big stories (issue 15 item 5), offscreen Qt, figures printed, never asserted.

For stories of 50, 200 and 400 articles from the shared AllSides sample (imported into a
temporary library), each in a fresh process so peak memory is its own:
- time to first paint: from asking for the story to the first paint of a pane's text;
- the longest event-loop stall until then, and until the comparison of the whole story
  (computed in the worker process) is shown in the panes, facts panel and coverage matrix;
- peak RSS of the window's process (and of the comparison worker process, separately).
Goals: first paint <= 2 s and <= 300 MB for 400 articles.
Run: python benchmarks/open_story.py [SIZE ...]
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "data" / "allsides-sample" / "articles.jsonl"
SIZES = (50, 200, 400)
COMPARISON_TIMEOUT_S = 600


def vm_hwm_mb(pid: int) -> float:
    """Peak resident memory of a live process (Linux), in MB; 0 if unknown."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def measure(size: int) -> None:
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from desktop.core.library import import_paths, open_library
    from desktop.ui import tasks
    from desktop.ui.compare.reading_pane import ArticleTextView
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings import Settings

    app = QApplication.instance() or QApplication(sys.argv[:1])

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from view_speed import StallMeter  # the same 2 ms event-loop meter as the view benchmark

    class FirstPaint(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.at = None

        def eventFilter(self, watched, event) -> bool:
            if (self.at is None and event.type() == QEvent.Type.Paint
                    and isinstance(watched.parent(), ArticleTextView) and watched.parent().article is not None):
                self.at = time.perf_counter()
            return False

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / f"story{size}.jsonl"
        lines = SAMPLE.read_text(encoding="utf-8").splitlines()[:size]
        source.write_text("\n".join(lines), encoding="utf-8")
        library = Path(tmp) / "library.sqlite"
        store = open_library(library)
        import_paths(store, [source], story=f"Big {size}")
        store.close()

        store = open_library(library)
        window = MainWindow(store, Settings(str(Path(tmp) / "settings.ini")))
        window.resize(1600, 900)
        window.show()
        window.wait_until_ready()  # the bundled story first, as at launch
        painted = FirstPaint()
        app.installEventFilter(painted)
        finished = []
        window.comparison_finished.connect(lambda _c: finished.append(time.perf_counter()))
        meter = StallMeter()
        meter.start()
        start = time.perf_counter()
        window.open_story_by_name(f"Big {size}")
        while painted.at is None and time.perf_counter() - start < 60:
            app.processEvents()
        first_paint = (painted.at or time.perf_counter()) - start
        stall_to_paint = meter.longest
        rss_at_paint = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        while not finished and time.perf_counter() - start < COMPARISON_TIMEOUT_S:
            app.processEvents()
        compared = (finished[0] - start) if finished else None
        stall_total = meter.longest
        meter.timer.stop()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        worker = max((vm_hwm_mb(pid) for pid in (getattr(tasks._POOL, "_processes", None) or {})), default=0.0)
        panes = len(window.comparison.panes)
        window.close()
        store.close()
        tasks.shutdown_comparison_pool()
    shown = f"{compared:.1f} s" if compared is not None else f"not within {COMPARISON_TIMEOUT_S} s"
    print(f"{size:4d} articles: first paint {first_paint:.2f} s ({panes} panes), longest stall to first paint "
          f"{stall_to_paint} ms; peak RSS at first paint {rss_at_paint:.0f} MB | comparison shown after {shown}, "
          f"longest stall overall {stall_total} ms, peak RSS {rss:.0f} MB (worker process {worker:.0f} MB)",
          flush=True)


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        measure(int(sys.argv[2]))
        return
    sizes = [int(a) for a in sys.argv[1:]] or list(SIZES)
    print("Opening big stories (goal for 400: first paint <= 2 s, <= 300 MB)", flush=True)
    for size in sizes:  # a fresh process each: peak memory is the story's own
        subprocess.run([sys.executable, __file__, "--one", str(size)], check=False)


if __name__ == "__main__":
    main()

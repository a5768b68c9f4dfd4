"""The window's side of the soak: what MainWindow does to the library, without the widgets.

One connection stays open for the whole run (the window's), while the import task and the
notes-export task open their own connections in threads, and highlights go through the undo
command path. Every write that returned without error is printed as one JSON line ("ack").
Usage: python window_process.py LIBRARY FILES_DIR SECONDS SEED
"""

from __future__ import annotations

import json
import os
import random
import sys
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication, QUndoStack

from desktop.core.library import open_library
from desktop.ui.file_exports import NOTE_TYPES
from desktop.ui.notes.annotation_commands import AddAnnotationCommand
from desktop.ui.tasks import ExportNotesTask, ImportTask

LOCK = threading.Lock()


def say(**record) -> None:
    with LOCK:
        print(json.dumps(record), flush=True)


def run_import(library: Path, path: Path) -> None:
    task = ImportTask(library, [str(path)], None)
    task.signals.succeeded.connect(
        lambda report: [say(kind="article", id=i, writer="window") for i in report.added + report.updated])
    task.signals.failed.connect(lambda message: say(kind="failure", writer="window", what="import",
                                                    message=message[:300]))
    task.run()


def run_export(library: Path, target: Path, number: int) -> None:
    kind = NOTE_TYPES[number % 4]  # Markdown, CSV, CSV for Excel, JSON-LD: the quick ones
    task = ExportNotesTask(library, str(target), kind, None)
    task.signals.succeeded.connect(lambda path: say(kind="export", writer="window"))
    task.signals.failed.connect(lambda message: say(kind="failure", writer="window", what="export",
                                                    message=message[:300]))
    task.run()


def main() -> int:
    library, files, seconds, seed = Path(sys.argv[1]), Path(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
    app = QGuiApplication([])  # noqa: F841 - the undo stack lives in a Qt application
    rng = random.Random(seed)
    store = open_library(library)  # the window's connection, open for the whole run
    article = store.stories()[0].article_ids[0]
    text = store.article(article).text
    stack = QUndoStack()
    threads: list[threading.Thread] = []
    deadline = time.monotonic() + seconds
    number = 0
    while time.monotonic() < deadline:
        number += 1
        choice = rng.random()
        threads = [t for t in threads if t.is_alive()]
        if choice < 0.25 and len(threads) < 3:
            path = files / f"window-{seed}-{number}.txt"
            path.write_text(f"Window import {seed}-{number}.\n\nA report on item {number} of the soak.\n",
                            encoding="utf-8")
            threads.append(threading.Thread(target=run_import, args=(library, path)))
            threads[-1].start()
        elif choice < 0.35 and len(threads) < 3:
            target = files / f"window-export-{number % 3}.out"
            threads.append(threading.Thread(target=run_export, args=(library, target, number)))
            threads[-1].start()
        else:
            start = rng.randrange(0, max(1, len(text) - 40))
            note = f"window note {seed}-{number}"
            try:
                command = AddAnnotationCommand(store, lambda changes: None, article, start, start + 20,
                                               "yellow", note)
                stack.push(command)
                if rng.random() < 0.2:  # the reader changes their mind, then changes it back
                    stack.undo()
                    stack.redo()
                if command.annotation_id is not None:
                    say(kind="annotation", id=command.annotation_id, note=note, writer="window")
            except Exception as exc:  # a failed write is counted, not acknowledged
                say(kind="failure", writer="window", what="annotate", message=repr(exc)[:300])
        store.data_version()  # the window polls for other programs' changes
        time.sleep(rng.uniform(0.0, 0.02))
    for thread in threads:
        thread.join()
    store.close()
    say(kind="done", writer="window")
    return 0


if __name__ == "__main__":
    sys.exit(main())

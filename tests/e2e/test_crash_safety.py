"""Killing Parallax in the middle of a burst of writes loses nothing that was committed."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest

pytestmark = pytest.mark.slow

WRITER = textwrap.dedent("""
    import sys
    from desktop.core.notes.annotating import annotate
    from desktop.core.library import open_library

    store = open_library(sys.argv[1])
    article = store.stories()[0].article_ids[0]
    for i in range(1000):
        annotation_id, _ = annotate(store, article, "Kaspersky", occurrence=1 + i % 3, note=f"note {i}")
        print(annotation_id, flush=True)  # printed only after the write committed
""")


def test_sigkill_during_1000_annotation_writes_keeps_every_committed_one(tmp_path):
    library = tmp_path / "library.sqlite"
    process = subprocess.Popen([sys.executable, "-c", WRITER, str(library)], stdout=subprocess.PIPE, text=True)
    committed = []
    deadline = time.monotonic() + 60
    while len(committed) < 300 and time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        committed.append(int(line))
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    assert len(committed) >= 300, "the writer did not get going"
    connection = sqlite3.connect(library)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = {row[0] for row in connection.execute("SELECT id FROM annotations")}
    assert set(committed) <= stored
    assert len(stored) < 1000  # it really was killed mid-burst
    connection.close()
    from desktop.core.library import open_library

    with open_library(library) as store:  # and Parallax opens it again as usual
        assert len(store.annotations()) == len(stored)

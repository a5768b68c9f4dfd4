"""Run the soak and check the library afterwards (see the package docstring)."""

from __future__ import annotations

import json
import os
import queue
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).parent


@dataclass
class SoakResult:
    acknowledged: Counter = field(default_factory=Counter)  # writer -> writes acknowledged
    lost: list = field(default_factory=list)  # acknowledged writes missing afterwards
    failures: Counter = field(default_factory=Counter)  # message -> how many
    kills: int = 0
    integrity: str = ""
    fts: str = ""
    reopened: str = ""
    window_finished: bool = False

    def lines(self) -> list[str]:
        total = sum(self.acknowledged.values())
        out = [f"writes acknowledged: {total}, present: {total - len(self.lost)}, lost: {len(self.lost)}",
               f"CLI writers killed: {self.kills}",
               f"integrity_check: {self.integrity}; FTS: {self.fts}; reopened by Parallax: {self.reopened}"]
        out += [f"  {writer}: {count} acknowledged" for writer, count in sorted(self.acknowledged.items())]
        out += [f"  failed {count}x: {message}" for message, count in self.failures.most_common(8)]
        return out


def _reader(process: subprocess.Popen, name: str, out: queue.Queue) -> None:
    for line in process.stdout:
        try:
            out.put((name, json.loads(line)))
        except json.JSONDecodeError:
            pass  # half a line, cut by SIGKILL


def _spawn(args: list[str], name: str, out: queue.Queue) -> subprocess.Popen:
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    process = subprocess.Popen([sys.executable, *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               text=True, env=env)
    threading.Thread(target=_reader, args=(process, name, out), daemon=True).start()
    return process


def run_soak(library: Path, seconds: float, workdir: Path, *, cli_writers: int = 2, seed: int = 0) -> SoakResult:
    from desktop.core.library import open_library

    rng = random.Random(seed)
    files = workdir / "files"
    files.mkdir(parents=True, exist_ok=True)
    open_library(library).close()  # made, with the bundled story, before anyone races
    records: queue.Queue = queue.Queue()
    window = _spawn([str(HERE / "window_process.py"), str(library), str(files), str(seconds), str(seed)],
                    "window", records)
    writers = {}
    generation = 0

    def start_writer(slot: int) -> None:
        nonlocal generation
        generation += 1
        writers[slot] = _spawn([str(HERE / "cli_process.py"), str(library), str(files),
                                str(seed * 1000 + generation)], f"cli{slot}", records)

    for slot in range(cli_writers):
        start_writer(slot)
    result = SoakResult()
    deadline = time.monotonic() + seconds
    next_kill = time.monotonic() + rng.uniform(0.5, 3.0)
    while time.monotonic() < deadline:
        time.sleep(0.05)
        if time.monotonic() >= next_kill:
            slot = rng.randrange(cli_writers)
            writers[slot].send_signal(signal.SIGKILL)
            writers[slot].wait()
            result.kills += 1
            start_writer(slot)
            next_kill = time.monotonic() + rng.uniform(0.5, 3.0)
    for process in writers.values():
        process.send_signal(signal.SIGKILL)
        process.wait()
    try:
        window.wait(timeout=120)
    except subprocess.TimeoutExpired:
        window.kill()
        window.wait()
    time.sleep(0.2)  # the reader threads drain the last lines
    acked = []
    while not records.empty():
        _name, record = records.get()
        if record["kind"] in ("annotation", "article"):
            acked.append(record)
            result.acknowledged[record["writer"].split("-")[0]] += 1
        elif record["kind"] == "failure":
            result.failures[f"{record['what']}: {record['message']}"] += 1
        elif record["kind"] == "done":
            result.window_finished = True
    _check(library, acked, result)
    return result


def _check(library: Path, acked: list[dict], result: SoakResult) -> None:
    connection = sqlite3.connect(library)
    notes: dict = {}
    articles: set = set()
    try:
        result.integrity = "; ".join(row[0] for row in connection.execute("PRAGMA integrity_check"))[:500]
        try:
            for table in ("articles_fts", "annotations_fts"):
                connection.execute(f"INSERT INTO {table}({table}) VALUES('integrity-check')")
            result.fts = "ok"
        except sqlite3.DatabaseError as exc:
            result.fts = str(exc)
        notes = dict(connection.execute("SELECT id, note FROM annotations"))
        articles = {row[0] for row in connection.execute("SELECT id FROM articles")}
    except sqlite3.DatabaseError as exc:  # a damaged library: every acknowledged write counts as lost
        result.integrity = result.integrity or str(exc)
    finally:
        connection.close()
    for record in acked:
        if (record["kind"] == "annotation" and notes.get(record["id"]) != record["note"]) or (record["kind"] == "article" and record["id"] not in articles):
            result.lost.append(record)
    from desktop.core.library import open_library

    try:
        open_library(library).close()
        result.reopened = "ok"
    except Exception as exc:  # the figure to report, whatever went wrong
        result.reopened = str(exc)

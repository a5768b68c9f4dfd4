"""The installed ``parallax`` command, run as a user runs it, on a temporary library."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

PARALLAX = shutil.which("parallax", path=str(Path(sys.executable).parent)) or "parallax"


def run(*argv, env_extra=None, timeout=120):
    env = {**os.environ, **(env_extra or {})}
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    env.pop("QT_QPA_PLATFORM", None)  # --screenshot must manage without a display by itself
    return subprocess.run([PARALLAX, *argv], capture_output=True, text=True, env=env, timeout=timeout)


def test_screenshot_of_the_bundled_story(tmp_path):
    shot = tmp_path / "shots" / "story.png"
    result = run("--library", str(tmp_path / "lib.sqlite"), "--screenshot", str(shot), "--size", "1280x800")
    assert result.returncode == 0, result.stderr
    from PySide6.QtGui import QImage

    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1280, 800)
    colours = {image.pixel(x, y) for x in range(0, 1280, 16) for y in range(0, 800, 16)}
    assert len(colours) > 20  # text and panes, not a blank window


def test_screenshot_of_a_missing_story_fails_clearly(tmp_path):
    result = run("--library", str(tmp_path / "lib.sqlite"), "--screenshot", str(tmp_path / "x.png"),
                 "--story", "No such story")
    assert result.returncode == 1
    assert "No story named 'No such story'" in result.stderr
    assert not (tmp_path / "x.png").exists()


def test_window_without_a_display_explains_itself(tmp_path):
    result = run("--library", str(tmp_path / "lib.sqlite"))
    assert result.returncode == 1 and "no display" in result.stderr


def test_python_dash_m_lists_stories(tmp_path):
    result = subprocess.run([sys.executable, "-m", "desktop", "--library", str(tmp_path / "lib.sqlite"),
                             "stories", "--json"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert json.loads(result.stdout)[0]["name"] == "Kaspersky exits the US (July 2024)"


def test_two_instances_importing_into_one_library_lose_nothing(tmp_path):
    library = tmp_path / "lib.sqlite"
    run("--library", str(library), "stories")  # create it
    batches = []
    for name in ("a", "b"):
        folder = tmp_path / name
        folder.mkdir()
        for i in range(30):
            (folder / f"{i}.txt").write_text(f"Report {name}{i}: the article text of batch {name}, number {i}.")
        batches.append(folder)
    procs = [subprocess.Popen([PARALLAX, "--library", str(library), "import", str(f)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for f in batches]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    listing = json.loads(run("--library", str(library), "articles", "--json").stdout)
    assert len(listing) == 5 + 60
    import sqlite3

    assert sqlite3.connect(library).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_window_on_a_damaged_library_fails_clearly_and_leaves_it(tmp_path):
    library = tmp_path / "lib.sqlite"
    library.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    result = run("--library", str(library), "--screenshot", str(tmp_path / "x.png"))
    assert result.returncode == 1
    assert "damaged" in result.stderr or "not a Parallax library" in result.stderr
    assert library.read_bytes() == b"SQLite format 3\x00" + b"\xff" * 4000


def test_compare_json_is_byte_identical_across_processes_and_hash_seeds(tmp_path):
    """Same input, same bytes: even Python's per-process string hashing must not leak into the output."""
    from tests.conftest import ALLSIDES, require_shared

    sample = require_shared(ALLSIDES)
    articles = tmp_path / "twelve.jsonl"
    articles.write_text("".join(sample.read_text(encoding="utf-8").splitlines(keepends=True)[:12]), encoding="utf-8")
    outputs = {run("compare", str(articles), "--format", "json", env_extra={"PYTHONHASHSEED": seed}).stdout
               for seed in ("0", "1", "77")}
    [only] = outputs
    assert len(json.loads(only)["articles"]) == 12

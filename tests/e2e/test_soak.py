"""The window's objects and killed command-line writers share one library for a minute:
nothing acknowledged is lost, and the library stays intact (issue: never lose a note)."""

from __future__ import annotations

import os

import pytest

from tests.e2e.soak.runner import run_soak

pytestmark = pytest.mark.slow

SECONDS = float(os.environ.get("PARALLAX_SOAK_SECONDS", "60"))


def test_window_and_killed_cli_writers_lose_nothing_and_keep_the_library_intact(tmp_path):
    result = run_soak(tmp_path / "library.sqlite", SECONDS, tmp_path, seed=7)
    print("\n".join(result.lines()))
    assert result.window_finished, "the window's side did not finish"
    assert result.kills >= 5 and result.acknowledged["window"] >= 50 and result.acknowledged["cli"] >= 50
    assert result.integrity == "ok"
    assert result.fts == "ok"
    assert result.reopened == "ok"
    assert result.lost == []
    assert not [m for m in result.failures if "disk I/O" in m or "malformed" in m or "corrupt" in m]

"""Shared fixtures. Qt runs offscreen so the suite needs no display."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
ALLSIDES = SHARED / "data" / "allsides-sample" / "articles.jsonl"


@pytest.fixture(autouse=True)
def _no_user_library(monkeypatch, tmp_path):
    """No test may touch the real user library: point the default into tmp_path."""
    monkeypatch.setenv("PARALLAX_LIBRARY", str(tmp_path / "default-library" / "library.sqlite"))


@pytest.fixture
def library_path(tmp_path) -> Path:
    return tmp_path / "library.sqlite"


@pytest.fixture
def library(library_path):
    """A real library file with the bundled story imported, as at first launch."""
    from desktop.core.library import open_library

    store = open_library(library_path)
    yield store
    store.close()

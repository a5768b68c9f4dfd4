"""Shared fixtures. Qt runs offscreen so the suite needs no display."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
ALLSIDES = SHARED / "data" / "allsides-sample" / "articles.jsonl"


def require_shared(path: Path) -> Path:
    """``path`` inside ../shared (the data beside the repository). Without ../shared the test is
    skipped and says why; with it (CI has it) a missing file fails the test: never a silent skip."""
    if path.exists():
        return path
    if SHARED.is_dir():
        pytest.fail(f"{path} is missing from ../shared")
    pytest.skip(f"needs {path.relative_to(REPO.parent)} beside the repository (../shared; CI has it)")


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


@pytest.fixture
def full_disk(tmp_path):
    """A real folder on a small file system with no space left (a 256 KiB tmpfs, filled).

    Mounting needs root, which the CI machine has; elsewhere the test is skipped with that reason."""
    import subprocess

    folder = tmp_path / "full-disk"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(folder)],
                             capture_output=True).returncode == 0
    if not mounted:
        pytest.skip("simulating a full disk needs root (to mount a small tmpfs)")
    try:
        fill_disk(folder)
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def fill_disk(folder: Path) -> None:
    """Fill the file system under ``folder`` (a tmpfs from ``full_disk``) to the last byte."""
    descriptor = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        for size in (65536, 4096, 512, 1):
            try:
                while True:
                    os.write(descriptor, b"\0" * size)
            except OSError:
                pass
    finally:
        os.close(descriptor)


@pytest.fixture
def small_disk(tmp_path):
    """A real folder on its own small file system (a 2 MiB tmpfs), for disks that fill up or
    turn read-only under a library. Mounting needs root (CI has it); elsewhere: skipped."""
    import subprocess

    folder = tmp_path / "small-disk"
    folder.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(folder)],
                      capture_output=True).returncode != 0:
        pytest.skip("a file system of its own needs root (to mount a small tmpfs)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def make_read_only(folder: Path) -> None:
    """Remount the ``small_disk`` file system read-only (as a write-protected drive)."""
    import subprocess

    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True, capture_output=True)

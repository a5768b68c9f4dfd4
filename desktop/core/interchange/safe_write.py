"""Writing a file so that a failure never destroys what was there.

Every file Parallax writes for the reader (exports, reports, screenshots) goes through
``write_atomically``: the data is written to a temporary file in the target's folder, flushed
to disk (fsync), then renamed over the target in one step. A full disk, a missing folder or a
crash mid-write leaves the previous file exactly as it was and no half file behind.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from desktop.core.errors import ParallaxError

_WORDS = {
    errno.ENOSPC: "disk full",
    errno.EDQUOT: "disk quota exceeded",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the disk is read-only",
    errno.ENOENT: "the folder does not exist",
    errno.ENOTDIR: "the folder does not exist",
    errno.EISDIR: "it is a folder",
    errno.ENAMETOOLONG: "the name is too long",
    errno.EFBIG: "the file is too large for this disk",
}


def os_error_words(exc: OSError) -> str:
    """What went wrong, in the words a person would use ("disk full", not "Errno 28")."""
    return _WORDS.get(exc.errno or 0) or (exc.strerror or str(exc)).rstrip(".")


class WriteFailed(OSError, ParallaxError):
    """A file could not be written; the previous file at that path is untouched."""

    def __init__(self, path: str | os.PathLike, cause: OSError, what: str = "Cannot write"):
        self.reason = os_error_words(cause)
        super().__init__(cause.errno, f"{what} {os.fspath(path)}: {self.reason}", os.fspath(path))

    def __str__(self) -> str:
        return self.strerror or ""


def write_atomically(path: str | os.PathLike, data: str | bytes, *, what: str = "Cannot write") -> None:
    """Write ``data`` (str as UTF-8, no newline translation) to ``path`` all at once, or not at
    all. Raises ``WriteFailed`` (an ``OSError`` and a ``ParallaxError``) naming the path."""
    target = Path(path).expanduser()
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if target.is_dir():
        raise WriteFailed(target, IsADirectoryError(errno.EISDIR, "Is a directory"), what)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name[:40]}.", suffix=".part", dir=target.parent)
    except OSError as exc:
        raise WriteFailed(target, exc, what) from exc
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        _keep_mode(target, temporary)
        os.replace(temporary, target)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise WriteFailed(target, exc, what) from exc
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)


def _keep_mode(target: Path, temporary: str) -> None:
    """A replaced file keeps its permissions; a new one gets the usual ones (mkstemp makes 0600)."""
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(temporary, mode)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (where the platform allows opening a folder)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass  # some file systems cannot sync a folder; the data itself is already on disk
    finally:
        os.close(descriptor)


__all__ = ["WriteFailed", "os_error_words", "write_atomically"]

"""A zip archive from elsewhere read within bounds (zip bombs, lying sizes, too many members).

:class:`ArchiveReader` checks the declared member count and table of contents before ``zipfile``
opens the archive, the declared unpacked size of the text members, and counts the real bytes while
unpacking, in chunks. Used to read .qdpx projects (:mod:`desktop.core.interchange.qdpx_reader`).
"""

from __future__ import annotations

import io
import zipfile
import zlib

from desktop.core.interchange.records import AnnotationFileError

__all__ = ["MAX_ARCHIVE_BYTES", "MAX_ARCHIVE_MEMBERS", "MAX_DIRECTORY_BYTES", "ArchiveReader"]

MAX_ARCHIVE_MEMBERS = 10_000
MAX_ARCHIVE_BYTES = 200 * 1024 * 1024  # unpacked, all that is read from one archive
MAX_DIRECTORY_BYTES = 16 * 1024 * 1024  # the archive's table of contents
_CHUNK = 64 * 1024


class ArchiveReader:
    """A zip archive (its bytes) read within bounds; every failure is an ``AnnotationFileError``.

    Before the archive is opened, its end record must declare at most ``MAX_ARCHIVE_MEMBERS``
    members and a table of contents within ``MAX_DIRECTORY_BYTES``; the text members (.qde,
    .txt) must declare at most ``MAX_ARCHIVE_BYTES`` in all. ``read`` unpacks one member in
    chunks, counting the real bytes against its own limit and what is left of the archive's.
    """

    def __init__(self, data: bytes, name: str):
        self.name = name
        self.left = MAX_ARCHIVE_BYTES
        count, directory = _declared_directory(data)
        if count > MAX_ARCHIVE_MEMBERS:
            self.fail(f"the archive holds {count:,} members; Parallax reads archives of up to "
                      f"{MAX_ARCHIVE_MEMBERS:,}")
        if directory > MAX_DIRECTORY_BYTES:
            self.fail(f"the archive's table of contents is {directory / 2**20:.0f} MB, more than "
                      f"{MAX_DIRECTORY_BYTES // 2**20} MB")
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
            reason = "" if isinstance(exc, zipfile.BadZipFile) and "not a zip" in str(exc) else f" ({exc})"
            self.fail(f"not a QDPX project (a .qdpx is a zip archive, and this is not one{reason})")
        members = self.zip.infolist()
        if len(members) > MAX_ARCHIVE_MEMBERS:
            self.fail(f"the archive holds {len(members):,} members; Parallax reads archives of up to "
                      f"{MAX_ARCHIVE_MEMBERS:,}")
        text = sum(m.file_size for m in members if m.filename.lower().endswith((".qde", ".txt")))
        if text > MAX_ARCHIVE_BYTES:
            self.fail(f"its project and texts would unpack to {text / 2**20:,.0f} MB; Parallax reads up to "
                      f"{MAX_ARCHIVE_BYTES // 2**20} MB from one archive")

    def fail(self, reason: str):
        raise AnnotationFileError(self.name, reason)

    def __enter__(self) -> ArchiveReader:
        return self

    def __exit__(self, *exc) -> None:
        zip_file = getattr(self, "zip", None)
        if zip_file is not None:
            zip_file.close()

    def read(self, member: str, limit: int, what: str) -> bytes:
        """The unpacked bytes of ``member``, at most ``limit`` of them (and what the archive has left);
        ``what`` names the member in messages ("source X: its text")."""
        info = self.zip.getinfo(member)
        label = member if what == member else f"{what} ({member})"
        cap = min(limit, self.left)
        if info.flag_bits & 0x1:
            self.fail(f"{label} is encrypted")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            self.fail(f"{label} is packed with compression method {info.compress_type}; "
                      "Parallax reads stored and deflated members, as REFI-QDA programs write them")
        if info.file_size > cap:
            self.too_large(label, info.file_size, limit)
        chunks, size = [], 0
        try:
            with self.zip.open(info) as file:
                while chunk := file.read(_CHUNK):
                    size += len(chunk)
                    if size > cap:  # the declared size lied
                        self.too_large(label, size, limit)
                    chunks.append(chunk)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, RuntimeError,
                NotImplementedError) as exc:
            self.fail(f"cannot unpack {member} ({exc})")
        self.left -= size
        return b"".join(chunks)

    def too_large(self, label: str, size: int, limit: int):
        if size > limit:
            self.fail(f"{label} unpacks to more than {limit // 2**20} MB, the limit")
        self.fail(f"the archive unpacks to more than {MAX_ARCHIVE_BYTES // 2**20} MB, the limit "
                  f"(reached at {label})")


def _declared_directory(data: bytes) -> tuple[int, int]:
    """(members, size of the table of contents) as the zip's end record declares them, read
    before ``zipfile`` builds an object per member; (0, 0) when there is no end record."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 22 - 65535))
    if end < 0 or end + 22 > len(data):
        return 0, 0
    count = int.from_bytes(data[end + 10:end + 12], "little")
    directory = int.from_bytes(data[end + 12:end + 16], "little")
    locator = end - 20
    if (count == 0xFFFF or directory == 0xFFFFFFFF) and locator >= 0 and data[locator:locator + 4] == b"PK\x06\x07":
        offset = int.from_bytes(data[locator + 8:locator + 16], "little")
        if data[offset:offset + 4] == b"PK\x06\x06":  # the Zip64 end record
            count = int.from_bytes(data[offset + 32:offset + 40], "little")
            directory = int.from_bytes(data[offset + 40:offset + 48], "little")
    return count, directory

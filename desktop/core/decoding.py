"""Turn a text file's bytes into str, guessing the encoding the way a careful person would."""

from __future__ import annotations

import codecs
import re

from desktop.core.errors import ReadError

_BINARY = "looks like a binary file, not text"

# Checked longest first: a UTF-32 LE BOM begins with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Control characters other than tab, newline, form feed and carriage return: rare in text,
# common in binary formats that happen to contain no NUL byte.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SAMPLE_CHARS = 64 * 1024
_MAX_CONTROL_SHARE = 0.05


def decode_bytes(data: bytes, path: str, *, declared: str | None = None) -> str:
    """Decode ``data`` (read from ``path``) and return the text without its BOM.

    Tries, in order: a byte-order mark (UTF-8, UTF-16, UTF-32), strict UTF-8, the
    ``declared`` encoding (an HTML ``<meta charset>``), cp1252, and latin-1, which never
    fails. Newlines are left as they are. Raises ``ReadError`` for binary data.
    """
    text = _decode_bom(data, path)
    if text is None:
        if b"\x00" in data:
            raise ReadError(path, _BINARY)
        text = _decode_without_bom(data, declared)
    sample = text[:_SAMPLE_CHARS]
    if sample and len(_CONTROL.findall(sample)) / len(sample) > _MAX_CONTROL_SHARE:
        raise ReadError(path, _BINARY)
    return text


def _decode_bom(data: bytes, path: str) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                name = encoding.upper()
                raise ReadError(path, f"starts like {name} text but is not valid {name}") from None
    return None


def _decode_without_bom(data: bytes, declared: str | None) -> str:
    for encoding in ("utf-8", declared, "cp1252"):
        if not encoding:
            continue
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):  # LookupError: an unknown declared charset
            continue
    return data.decode("latin-1")

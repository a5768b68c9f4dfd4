"""Turn a text file's bytes into str, guessing the encoding the way a careful person would.

In order: a byte-order mark (UTF-8, UTF-16, UTF-32); for data with NUL bytes, UTF-16 without a
byte-order mark (long enough, the NULs of its ASCII characters all on one side), else it is binary;
strict UTF-8; UTF-8 with some damage (each bad byte becomes U+FFFD and a warning says where, rather
than the whole file being read in another encoding); the charset an HTML page declares; then a
guess, where charset-normalizer recognises other scripts (KOI8-R, Shift JIS, Greek...) and the
language picks among the Latin code pages (cp1252, the Western default, cp1250...); latin-1, which
reads any byte, last. ``benchmarks/decoding_quality.py`` measures these choices against the
hand-written guess they replace (UTF-8, else cp1252, else latin-1).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

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

# Damaged UTF-8: the text stays UTF-8 when nearly all of its non-ASCII sequences are valid. In a
# cp1252 or latin-1 file almost none are (an accented letter is one byte, followed by ASCII).
_MIN_VALID_SHARE = 0.99
_FEW_DAMAGED, _MAX_BYTES_PER_PLACE = 3, 4  # a few damaged places, each at most a character long

# UTF-16 without a BOM: at least this many bytes, and the NULs of its ASCII characters (spaces,
# digits, punctuation at the least) all in the high byte of their code units.
_MIN_UTF16_BYTES = 64
_MIN_UTF16_NUL_SHARE = 0.1
_MAX_UTF16_OTHER_NUL_SHARE = 0.01  # U+0100, U+3000 ... have a NUL low byte

# charset-normalizer reads a sample, not a 25 MB file, and only one with enough non-ASCII bytes to
# go on (on fewer it guesses wildly: "naïve résumé" as Farsi).
_DETECT_SAMPLE_BYTES = 64 * 1024
_MIN_HIGH_BYTES = 5
_MIN_NON_LATIN_SHARE = 0.3  # of non-ASCII bytes among them and the ASCII letters, for a non-Latin script
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
_ASCII_LETTER = re.compile(rb"[A-Za-z]")
# (charset-normalizer's names of Unicode blocks; Vietnamese cp1258 writes its accents as combining marks)
_LATIN_ALPHABETS = frozenset({"Basic Latin", "Latin-1 Supplement", "Latin Extended-A", "Latin Extended-B",
                              "Latin Extended Additional", "General Punctuation", "Currency Symbols",
                              "Letterlike Symbols", "Spacing Modifier Letters", "Combining Diacritical Marks",
                              "Number Forms", "Superscripts and Subscripts", "Control character"})
_REPLACEMENT = "\ufffd"
_DAMAGED_PLACE = re.compile("\ufffd(?:[^\ufffd]{0,3}\ufffd)*", re.DOTALL)


@dataclass
class Decoded:
    """The text, the encoding it was read with, and what was wrong with the bytes (warnings)."""

    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def decode_bytes(data: bytes, path: str, *, declared: str | None = None) -> str:
    """Decode ``data`` (read from ``path``) and return the text without its BOM.

    See the module's docstring for the order of guesses. Newlines are left as they are.
    Raises ``ReadError`` for binary data. ``decode_report`` also says what was repaired.
    """
    return decode_report(data, path, declared=declared)[0]


def decode_report(data: bytes, path: str, *, declared: str | None = None) -> tuple[str, list[str]]:
    """``decode_bytes``, and warnings about damage that was repaired (damaged UTF-8 bytes)."""
    decoded = detect(data, path, declared=declared)
    return decoded.text, decoded.warnings


def detect(data: bytes, path: str, *, declared: str | None = None) -> Decoded:
    """The text of ``data`` with the encoding chosen; ``ReadError`` for binary data."""
    decoded = _decode_bom(data, path)
    if decoded is None:
        if b"\x00" in data:
            decoded = _decode_bomless_utf16(data)
            if decoded is None:
                raise ReadError(path, _BINARY)
        else:
            decoded = _decode_without_bom(data, declared)
    if looks_binary(decoded.text):
        raise ReadError(path, _BINARY)
    return decoded


def looks_binary(text: str) -> bool:
    """Too many control characters (other than tab, newlines, form feed) at the start of ``text``."""
    sample = text[:_SAMPLE_CHARS]
    return bool(sample) and len(_CONTROL.findall(sample)) / len(sample) > _MAX_CONTROL_SHARE


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """(encoding, length of the BOM) when ``data`` starts with a byte-order mark."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def _decode_bom(data: bytes, path: str) -> Decoded | None:
    found = bom_encoding(data)
    if found is None:
        return None
    encoding, skip = found
    try:
        return Decoded(data[skip:].decode(encoding), encoding)
    except UnicodeDecodeError as error:
        if encoding == "utf-8":  # marked as UTF-8, so UTF-8 with damage, however much
            scan = Utf8Scan()
            scan.feed(data[skip:], final=True)
            return Decoded(data[skip:].decode("utf-8", "replace"), encoding, [scan.warning()])
        name = encoding.upper()
        raise ReadError(path, f"starts like {name} text but is not valid {name}") from error


class Utf8Scan:
    """How much of a text read as UTF-8 is damaged, fed in chunks (a file too large to hold).

    Each byte that is not UTF-8 becomes U+FFFD when decoded; a damaged place is a stretch of
    them, those a few characters apart counted as one (a byte overwritten in the middle of a
    character leaves stray bytes on both sides of it). U+FFFD written as such is valid.
    """

    def __init__(self) -> None:
        self.valid = self.replaced = self.places = 0  # non-ASCII characters; U+FFFD; damaged places
        self.first_line: int | None = None  # of the first damage
        self._lines = 0
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")

    def feed(self, data: bytes, final: bool = False) -> None:
        text = self._decoder.decode(data, final)
        written = data.count(b"\xef\xbf\xbd")
        replaced = text.count(_REPLACEMENT) - written
        if replaced > 0:
            self.places += max(1, len(_DAMAGED_PLACE.findall(text)) - written)
            if self.first_line is None:
                bad = next(m.start() for m in re.finditer(_REPLACEMENT, text))
                self.first_line = self._lines + text.count("\n", 0, bad) + 1
        self.replaced += max(replaced, 0)
        self.valid += len(text) - len(text.encode("ascii", "ignore")) - max(replaced, 0)
        self._lines += text.count("\n")

    def mostly_utf8(self) -> bool:
        """UTF-8 with some damage, rather than another encoding: nearly all the non-ASCII
        characters are valid, or a few small damaged places among at least as many valid ones
        (a cp1252 or latin-1 text has almost no valid UTF-8 sequences; a Shift JIS one many
        damaged bytes)."""
        if not self.replaced:
            return True
        if self.valid / (self.valid + self.replaced) >= _MIN_VALID_SHARE:
            return True
        few = self.places <= _FEW_DAMAGED and self.replaced <= _MAX_BYTES_PER_PLACE * self.places
        return few and self.valid >= self.places

    def warning(self) -> str:
        where = f" (the first on line {self.first_line})" if self.first_line else ""
        what = "a damaged place" if self.places == 1 else f"{self.places} damaged places"
        return f"the UTF-8 text has {what}{where}; shown as \ufffd"


def _decode_without_bom(data: bytes, declared: str | None) -> Decoded:
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    scan = Utf8Scan()
    scan.feed(data, final=True)
    if scan.mostly_utf8():
        return Decoded(data.decode("utf-8", "replace"), "utf-8", [scan.warning()])
    if declared:
        try:
            return Decoded(data.decode(declared), declared)
        except (UnicodeDecodeError, LookupError):  # LookupError: an unknown declared charset
            pass
    encoding = guess_encoding(data)
    return Decoded(data.decode(encoding), encoding)


def guess_encoding(data: bytes) -> str:
    """The encoding of text that is neither UTF-8 nor marked.

    charset-normalizer names the script and the language. A non-Latin script (Cyrillic, Greek,
    Hebrew, Arabic, CJK...) is read in the encoding it found. For a Latin script its encoding is
    often a code page one letter apart (cp1250 or cp1257 for French), so Parallax picks itself:
    cp1252, the Western default browsers use, unless the language needs another code page
    (Central European, Baltic, Turkish) and that code page gives more of the language's own
    letters. latin-1 (which reads any byte) when nothing else can.
    """
    sample = data[:_DETECT_SAMPLE_BYTES]
    high = len(_HIGH_BYTE.findall(sample))
    # too few non-ASCII bytes to tell anything: charset-normalizer would guess wildly
    best = _normalizer_best(sample) if high >= _MIN_HIGH_BYTES else None
    if best is not None and not set(best.alphabets) <= _LATIN_ALPHABETS:
        # a text in a non-Latin script has mostly non-ASCII bytes; a Western one a few accents
        if high / (high + len(_ASCII_LETTER.findall(sample))) >= _MIN_NON_LATIN_SHARE:
            try:
                data.decode(best.encoding)
                return best.encoding  # a non-Latin script, read as found
            except (UnicodeDecodeError, LookupError):
                pass
        best = None
    language = best.language if best is not None else ""
    candidates, letters = _LATIN_CODE_PAGES.get(language, (["cp1252"], ""))
    scored = []
    for rank, encoding in enumerate([*candidates, "latin-1"]):
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        text = sample.decode(encoding, "replace")  # the sample may end inside a character
        own = sum(text.count(letter) for letter in letters)  # the language's letters cp1252 lacks
        scored.append((own, _letter_score(text), -rank, encoding))
    return max(scored)[-1]


# Latin-script languages with letters cp1252 lacks: the code pages to try (the first wins a tie),
# and those letters (lower case: an all-capitals text is rare and short).
_CENTRAL = ["cp1252", "cp1250", "iso8859_2"]  # latin-1 comes last in any case
_LATIN_CODE_PAGES = {
    "Polish": (_CENTRAL, "ąęłśźżńć"),
    "Czech": (_CENTRAL, "řěůčďňť"),
    "Slovak": (_CENTRAL, "ľĺŕčďňť"),
    "Hungarian": (_CENTRAL, "őű"),
    "Croatian": (_CENTRAL, "čćđ"),
    "Slovene": (_CENTRAL, "čćđ"),
    "Serbian": (_CENTRAL, "čćđ"),
    "Romanian": (_CENTRAL, "ăşţșț"),
    "Lithuanian": (["cp1252", "cp1257", "iso8859_13"], "ąčęėįųū"),
    "Turkish": (["cp1252", "cp1254"], "ğış"),
    "Vietnamese": (["cp1252", "cp1258"], "ăđơư"),
}


def _letter_score(text: str) -> int:
    """Non-ASCII letters and common punctuation, less the other non-ASCII characters: a wrong code
    page turns letters into symbols (Polish ą into ¹ in cp1252) or C1 control characters."""
    non_ascii = _NON_ASCII.findall(text)
    good = sum(char.isalpha() or char in _PUNCTUATION for char in non_ascii)
    return good - (len(non_ascii) - good)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_PUNCTUATION = frozenset("\u2018\u2019\u201a\u201c\u201d\u201e\u2013\u2014\u2026\u20ac\u00ab\u00bb\u00a0\u00b0\u00a3")


def _normalizer_best(sample: bytes):
    """charset-normalizer's best reading of ``sample`` (None when it has none or finds UTF-8)."""
    from charset_normalizer import from_bytes  # imported when needed: most files are UTF-8

    # a cut in the middle of a multi-byte character would count against the right encoding
    cut = sample.rfind(b"\n")
    if len(sample) == _DETECT_SAMPLE_BYTES and cut > 0:
        sample = sample[:cut]
    best = from_bytes(sample).best()
    if best is None or best.encoding in ("utf_8", "ascii"):
        return None
    return best


def _decode_bomless_utf16(data: bytes) -> Decoded | None:
    """UTF-16 without a BOM, when the NUL bytes say so; None when the data looks binary."""
    if len(data) < _MIN_UTF16_BYTES or len(data) % 2:
        return None
    sample = data[:_SAMPLE_CHARS * 2]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    units = len(sample) // 2
    for nuls, others, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if nuls / units >= _MIN_UTF16_NUL_SHARE and others / units <= _MAX_UTF16_OTHER_NUL_SHARE:
            try:
                return Decoded(data.decode(encoding), encoding)
            except UnicodeDecodeError:
                return None
    return None

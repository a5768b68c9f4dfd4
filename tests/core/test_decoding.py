"""decode_bytes: encodings, byte-order marks and binary data."""

import codecs

import pytest

from desktop.core.errors import ReadError
from desktop.core.library.decoding import decode_bytes

SAMPLE = "“Prices rose 5%,” she said — €12 café\n"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (SAMPLE.encode("utf-8"), SAMPLE),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), SAMPLE),
        (codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"), SAMPLE),
        (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), SAMPLE),
        (codecs.BOM_UTF32_LE + SAMPLE.encode("utf-32-le"), SAMPLE),
        (SAMPLE.encode("cp1252"), SAMPLE),
        ("naïve résumé".encode("latin-1"), "naïve résumé"),
        # 0x81 and 0x9d are undefined in cp1252, so only latin-1 can read this
        (b"caf\xe9 \x81\x9d", "café \x81\x9d"),
        (b"", ""),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf32-bom", "cp1252", "latin1",
         "latin1-fallback", "empty"],
)
def test_decodes(data: bytes, expected: str) -> None:
    assert decode_bytes(data, "a.txt") == expected


def test_strips_only_the_bom() -> None:
    text = decode_bytes(codecs.BOM_UTF8 + b"\xef\xbb\xbfx", "a.txt")
    assert text == "\ufeffx"  # a second BOM is content, not a marker


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_keeps_newlines_as_they_are(newline: str) -> None:
    text = f"one{newline}two{newline}"
    assert decode_bytes(text.encode("utf-8"), "a.txt") == text
    assert decode_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"), "a.txt") == text


def test_declared_charset_is_used_when_not_utf8() -> None:
    data = "Привет, мир".encode("koi8-r")
    assert decode_bytes(data, "a.html", declared="koi8-r") == "Привет, мир"
    assert decode_bytes(data, "a.html") != "Привет, мир"  # cp1252 would have been guessed


def test_valid_utf8_wins_over_declared_charset() -> None:
    assert decode_bytes("é".encode(), "a.html", declared="cp1252") == "é"


@pytest.mark.parametrize("declared", ["no-such-charset", "base64"])
def test_unusable_declared_charset_is_ignored(declared: str) -> None:
    assert decode_bytes("€5".encode("cp1252"), "a.html", declared=declared) == "€5"


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"text with a \x00 NUL in the middle",
        "hello".encode("utf-16-le"),  # UTF-16 without a BOM is not recognised
        bytes(range(1, 32)) * 20,  # control characters, no NUL
    ],
    ids=["png", "nul", "utf16-no-bom", "control-chars"],
)
def test_rejects_binary(data: bytes) -> None:
    with pytest.raises(ReadError) as caught:
        decode_bytes(data, "/tmp/x.txt")
    assert caught.value.path == "/tmp/x.txt"
    assert caught.value.reason == "looks like a binary file, not text"


def test_tolerates_a_few_control_characters() -> None:
    text = "A form feed\f and a tab\t and an escape \x1b in a long enough text." * 3
    assert decode_bytes(text.encode("utf-8"), "a.txt") == text


def test_broken_utf16_after_bom_is_an_error() -> None:
    with pytest.raises(ReadError, match="not valid UTF-16"):
        decode_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8", "a.txt")  # lone surrogate

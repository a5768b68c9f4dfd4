"""Write Parallax's corpus of hostile files into a folder (issue #10, "Never lose a note").

Each file is built to break a reader: empty or blank files, binary data with a text extension,
broken encodings, JSON nested 100,000 levels deep, unpaired surrogates, 5,000-digit numbers, wrong
types in every field, invalid dates, YAML bombs, HTML without a body, JSON Lines with 10,000
records, zip bombs, path traversal and XML entity attacks in REFI-QDA projects, absurd offsets...
``make(folder)`` writes them and returns one ``Hostile`` per file, saying how it is imported and
what Parallax must do with it: refuse it with a reason naming the file (``refused``, the reason
holding ``reason``), import it (``imported``), or either (``either``: both are sound). Nothing is
committed: tests/core/test_hostile_corpus.py writes the files into a temporary folder at test time.

Run: python tests/data/hostile/make_hostile.py FOLDER   (prints one line per file)
"""

from __future__ import annotations

import codecs
import io
import json
import os
import struct
import sys
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parents[3]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

ARTICLES, ANNOTATIONS = "articles", "annotations"
DEEP = 100_000
TEXT = ("The ministry said on Tuesday that the ban would start on Sept. 29, 2024. "
        "“We acted on the evidence,” a spokesperson said — shares fell 5%.\n")


@dataclass(frozen=True)
class Hostile:
    name: str  # the file name in the folder
    kind: str  # ARTICLES: imported with import_paths; ANNOTATIONS: with import_annotations
    expect: str  # "refused", "imported" or "either"
    reason: str = ""  # refused: words the reason must hold
    what: str = ""  # what makes the file hostile
    count: int | None = None  # imported: how many articles (ARTICLES) or notes (ANNOTATIONS)


# ------------------------------------------------------------------------- zip archives by hand


def deflated_zeros(size: int) -> bytes:
    """Raw deflate of ``size`` zero bytes (a multiple of 1 MiB), built in milliseconds: 1 MiB of
    zeros compresses to the same bytes each time after a full flush, so one block is repeated."""
    block = 1 << 20
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    segment = compressor.compress(bytes(block)) + compressor.flush(zlib.Z_FULL_FLUSH)
    return segment * (size // block) + compressor.flush(zlib.Z_FINISH)


def raw_zip(members: list[tuple[str, bytes, int, int, int]], flags: int = 0) -> bytes:
    """A zip archive written byte by byte, so that it can lie: each member is (name, stored bytes
    (already compressed), compression method, CRC-32, declared unpacked size)."""
    out, directory = bytearray(), bytearray()
    for name, payload, method, crc, size in members:
        encoded = name.encode("utf-8")
        offset = len(out)
        header = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, method, 0, 0x21, crc,
                             len(payload), size, len(encoded), 0)
        out += header + encoded + payload
        directory += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, flags, method, 0, 0x21, crc,
                                 len(payload), size, len(encoded), 0, 0, 0, 0, 0, offset) + encoded
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(directory), len(out), 0)
    return bytes(out + directory + end)


def zip_bomb(member: str = "project.qde", size: int = 1 << 30, declared: int | None = None,
             extra: list[tuple[str, bytes, int, int, int]] = ()) -> bytes:
    """About 1 MB holding ``size`` zero bytes in one deflated member; ``declared``: the size the
    archive says it has (honest by default), to lie with."""
    payload = deflated_zeros(size)
    crc = 0  # unknown: computing it would read the gigabyte; a reader must refuse before checking it
    return raw_zip([*extra, (member, payload, zipfile.ZIP_DEFLATED, crc, size if declared is None else declared)])


def too_much_text(texts: int = 12, size: int = 20 << 20) -> bytes:
    """A project reading ``texts`` sources of ``size`` zero bytes each (each within the article limit)."""
    names = [f"sources/big{n}.txt" for n in range(texts)]
    members = [(name, deflated_zeros(size), zipfile.ZIP_DEFLATED, zlib.crc32(bytes(size)), size) for name in names]
    return raw_zip([stored("project.qde", project_of_texts(names).encode()), *members])


def stored(name: str, data: bytes) -> tuple[str, bytes, int, int, int]:
    return name, data, zipfile.ZIP_STORED, zlib.crc32(data), len(data)


def qdpx(members: dict[str, bytes | str], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


SOURCE_GUID = "33333333-3333-4333-8333-333333333333"


def project(start: str | int = 0, end: str | int = 10, text_path: str = f"internal://{SOURCE_GUID}.txt",
            doctype: str = "", body: str = "") -> str:
    """A small REFI-QDA project: one text source with one coded selection."""
    return f"""<?xml version="1.0" encoding="utf-8"?>{doctype}
<Project xmlns="urn:QDA-XML:project:1.0" name="Hostile" origin="make_hostile">{body}
<CodeBook><Codes><Code guid="22222222-2222-4222-8222-222222222222" name="Hostile" isCodable="true"/></Codes></CodeBook>
<Sources><TextSource guid="{SOURCE_GUID}" name="hostile source" plainTextPath="{text_path}">
<PlainTextSelection guid="44444444-4444-4444-8444-444444444444" startPosition="{start}" endPosition="{end}">
<Coding guid="55555555-5555-4555-8555-555555555555"><CodeRef targetGUID="22222222-2222-4222-8222-222222222222"/>
</Coding></PlainTextSelection></TextSource></Sources></Project>"""


SOURCE_TEXT = "A transcript that no library holds yet, about sanctions and a ban.\n"


def project_of_texts(paths: list[str]) -> str:
    """A REFI-QDA project whose text sources are the archive members ``paths``, one selection each."""
    sources = "".join(
        f'<TextSource guid="{n:08d}-0000-4000-8000-000000000000" name="text {n}" plainTextPath="internal://{path}">'
        f'<PlainTextSelection guid="{n:08d}-1111-4111-8111-111111111111" startPosition="0" endPosition="1"/>'
        "</TextSource>" for n, path in enumerate(paths))
    return ('<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="Texts">'
            f"<Sources>{sources}</Sources></Project>")


def good_qdpx(**members: bytes | str) -> bytes:
    return qdpx({"project.qde": project(), f"sources/{SOURCE_GUID}.txt": SOURCE_TEXT, **members})


# ------------------------------------------------------------------------- Web Annotation JSON-LD


def bundled_target() -> tuple[str, str]:
    """(the source IRI of the bundled story's first article, a quote from it)."""
    from desktop.core.library import bundled_story

    article = bundled_story()[1][0]
    source = article.url or "urn:parallax:article:" + quote(article.origin, safe="")
    words = article.text.split()
    return source, " ".join(words[5:9])


def annotation(source: str, exact: str | None = None, start=None, end=None, note: str = "a note",
               **extra) -> dict:
    selectors = []
    if exact is not None:
        selectors.append({"type": "TextQuoteSelector", "exact": exact})
    if start is not None:
        selectors.append({"type": "TextPositionSelector", "start": start, "end": end})
    return {"id": f"urn:hostile:{zlib.crc32(repr((exact, start, note)).encode())}", "type": "Annotation",
            "body": [{"type": "TextualBody", "value": note, "purpose": "commenting"}],
            "target": {"source": source, "selector": selectors}, **extra}


def collection(items: list, context: object = "http://www.w3.org/ns/anno.jsonld") -> str:
    return json.dumps({"@context": context, "id": "urn:hostile", "type": "AnnotationCollection",
                       "first": {"id": "urn:hostile:page", "type": "AnnotationPage", "items": items}})


# ------------------------------------------------------------------------- the corpus


def make(folder: str | os.PathLike) -> list[Hostile]:
    """Write every hostile file into ``folder`` (created if needed); one ``Hostile`` per file."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    made: list[Hostile] = []

    def put(name: str, content: bytes | str, kind: str, expect: str, reason: str = "", what: str = "",
            count: int | None = None) -> None:
        data = content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content
        (folder / name).write_bytes(data)
        made.append(Hostile(name, kind, expect, reason, what, count))

    def article(name, content, expect, reason="", what="", count=None):
        put(name, content, ARTICLES, expect, reason, what, count)

    def notes(name, content, expect, reason="", what="", count=None):
        put(name, content, ANNOTATIONS, expect, reason, what, count)

    deep = "[" * DEEP + "]" * DEEP
    # --- empty, blank, binary, broken encodings
    for extension in (".txt", ".md", ".html", ".json", ".jsonl"):
        article(f"empty{extension}", b"", "refused", "the file is empty", "0 bytes")
    article("whitespace.txt", " \n\t\r\n   \n", "refused", "no text", "only blank space")
    article("whitespace.jsonl", "\n \n\t\n", "refused", "contains no articles", "blank lines only")
    article("whitespace-body.md", "---\ntitle: Only a title\n---\n\n \n", "refused", "no text", "front matter, no body")
    article("binary-png.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "refused", "binary",
            "a PNG named .txt")
    article("binary-random.html", bytes((i * 7919 + 13) % 256 for i in range(20_000)), "refused", "binary",
            "noise bytes named .html")
    article("nul-bytes.md", b"# Title\n\nSome text\x00 with\x00 NUL\x00 bytes in it.\n" * 20, "refused", "binary",
            "NUL bytes in Markdown")
    article("control-chars.txt", bytes(range(1, 9)) * 200 + b"text", "refused", "binary", "control characters")
    article("truncated-utf16.txt", codecs.BOM_UTF16_LE + (TEXT * 3).encode("utf-16-le")[:-1], "refused",
            "not valid UTF-16", "UTF-16 cut in the middle of a character")
    article("utf16-lone-surrogate.txt", codecs.BOM_UTF16_LE + "ok ".encode("utf-16-le") + b"\x00\xd8" +
            " then text".encode("utf-16-le"), "refused", "not valid UTF-16", "UTF-16 with a lone surrogate")
    article("utf16-without-bom.txt", (TEXT * 4).encode("utf-16-le"), "imported", what="UTF-16 LE, no BOM", count=1)
    damaged = bytearray((TEXT * 20).encode("utf-8"))
    damaged[damaged.index("—".encode()) + 1] = 0x41  # one byte of an em dash overwritten
    article("damaged-utf8.txt", bytes(damaged), "imported", what="UTF-8 with one damaged byte", count=1)
    article("cp1252.txt", (TEXT * 3).encode("cp1252"), "imported", what="Windows-1252", count=1)
    article("koi8-r.txt", ("Правительство объявило о новых мерах поддержки экономики. По словам министра, на "
                           "эти цели будет направлено более 500 миллиардов рублей.\n" * 3).encode("koi8-r"),
            "imported", what="KOI8-R Russian", count=1)
    article("mixed-newlines.txt", "one\rtwo\r\nthree\nfour\u2028five\u0085six\n", "imported", what="every newline",
            count=1)
    article("bidi-and-zero-width.txt", "Price \u202e€5\u202c rose\u200b\u200b\ufeff again.\n", "imported",
            what="bidi overrides, zero-width characters", count=1)
    article("huge-single-line.txt", "word " * 1_000_000, "imported", what="5 MB on one line", count=1)
    article("unsupported.docx", b"PK\x03\x04 not really a document", "refused", "unsupported file type",
            "an extension Parallax does not read")
    article("no-extension", TEXT, "refused", "unsupported file type", "no extension")
    # --- JSON
    article("deep.json", deep, "refused", "nested too deeply", f"{DEEP:,} nested lists")
    article("deep-object.json", '{"a":' * DEEP + "1" + "}" * DEEP, "refused", "nested too deeply",
            f"{DEEP:,} nested objects")
    article("deep-in-record.json", '{"text": "Some text.", "extra": ' + deep + "}", "refused", "nested too deeply",
            "an article with a deep field")
    article("deep-but-fine.json", '{"text": "Some text.", "extra": ' + "[" * 200 + "]" * 200 + "}", "imported",
            what="200 levels: deep, but readable", count=1)
    article("surrogate.json", '{"title": "Bad \\ud800 title", "text": "Text with \\udfff a lone surrogate."}',
            "imported", what="lone surrogates as JSON escapes", count=1)
    article("surrogate-pair-split.json", '{"text": "Half an emoji: \\ud83d and the other half: \\ude00."}',
            "imported", what="a surrogate pair split apart", count=1)
    article("huge-number.json", '{"title": ' + "9" * 5000 + ', "date": ' + "1" * 5000 + ', "text": "Body."}',
            "imported", what="5,000-digit numbers as title and date", count=1)
    article("nan-infinity.json", '{"title": NaN, "date": Infinity, "url": -Infinity, "text": "Body."}', "imported",
            what="NaN and Infinity", count=1)
    article("duplicate-keys.json", '{"text": "First.", "text": "Second.", "title": "A", "title": "B"}', "imported",
            what="duplicate keys (the last wins)", count=1)
    article("wrong-types.json", json.dumps({"title": [1, {"x": 2}], "source": {"name": ["nested"]}, "author": 5,
                                            "date": {"year": 2024}, "url": 7, "published": True,
                                            "text": "Every field has the wrong type but this one."}),
            "imported", what="wrong types for every metadata field", count=1)
    article("wrong-type-text.json", json.dumps({"title": "T", "text": 12345, "body": {"p": "x"}}), "refused",
            "no article text", "article text as a number and an object")
    article("text-list-mixed.json", json.dumps({"text": ["para", 2, None]}), "refused", "no article text",
            "a paragraph list with non-strings")
    article("invalid-dates.json", json.dumps([{"text": "A.", "date": "2024-13-45"}, {"text": "B.", "date": "0000-00-00"},
                                              {"text": "C.", "published": "31/31/2024"},
                                              {"text": "D.", "pubDate": "Feb 30, 2024"}]),
            "imported", what="dates that do not exist", count=4)
    article("json-null.json", "null", "refused", "not articles", "null")
    article("json-string.json", '"just a string"', "refused", "not articles", "a string")
    article("json-numbers.json", json.dumps(list(range(1000))), "refused", "not an article object", "numbers")
    article("json-utf16-bom.json", codecs.BOM_UTF16_BE + json.dumps({"text": "UTF-16 JSON."}).encode("utf-16-be"),
            "imported", what="JSON in UTF-16 with a BOM", count=1)
    article("json-trailing-garbage.json", '{"text": "x"} and then some', "refused", "not valid JSON", "extra data")
    article("very-long-title.json", json.dumps({"title": "T" * 1_000_000, "text": "Short body."}), "imported",
            what="a 1 MB title", count=1)
    # --- JSON Lines
    article("deep.jsonl", '{"text": "fine"}\n' + deep + "\n", "refused", "nested too deeply", "a deep line")
    article("tiny-records.jsonl", "".join(json.dumps({"text": f"Tiny record {n}."}) + "\n" for n in range(10_000)),
            "imported", what="10,000 tiny records", count=10_000)
    article("no-text-records.jsonl", "".join(json.dumps({"title": f"No text {n}"}) + "\n" for n in range(10_000)),
            "refused", "no article text", "10,000 records, none with text")
    article("one-bad-line.jsonl", "".join(json.dumps({"text": f"Good {n}."}) + "\n" for n in range(500)) +
            '{"text": "broken\n', "refused", "line 501 is not valid JSON", "500 good lines, then a broken one")
    article("surrogate.ndjson", '{"text": "ok"}\r\n\r\n{"text": "bad \\udc80 byte", "title": "\\ud800"}\r\n',
            "imported", what="CRLF, blank lines, lone surrogates", count=2)
    article("huge-number.jsonl", '{"text": "x", "title": ' + "7" * 5000 + "}\n", "imported",
            what="a 5,000-digit number", count=1)
    article("jsonl-array-line.jsonl", '{"text": "a"}\n[1, 2, 3]\n', "refused", "not an article object",
            "a list among records")
    # --- Markdown and YAML front matter
    article("yaml-deep.md", "---\ntitle: " + "[" * 20_000 + "]" * 20_000 + "\n---\nBody.\n", "refused",
            "nested too deeply", "front matter nested 20,000 levels")
    laughs = "".join(f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]\n"
                     for i in range(8))
    article("yaml-bomb.md", "---\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + laughs +
            "title: *i\nauthor: *i\n---\nThe body survives the bomb.\n", "imported",
            what="billion laughs with YAML anchors and aliases", count=1)
    merges = "".join(f"m{i}: &m{i} {{<<: [" + ", ".join([f"*m{i - 1}"] * 9) + f"], k{i}: {i}}}\n" for i in range(1, 9))
    article("yaml-merge-bomb.md", "---\nm0: &m0 {k0: 0}\n" + merges + "title: Merged\n---\nBody.\n", "imported",
            what="YAML merge keys nested 8 times", count=1)
    article("yaml-invalid-date.md", "---\ndate: 2024-13-45\npublished: 2024-02-30 10:00:00\ntitle: Dates\n---\n"
            "Body with impossible dates.\n", "imported", what="dates YAML reads as timestamps, but impossible",
            count=1)
    article("yaml-huge-number.md", "---\ntitle: " + "9" * 5000 + "\n---\nBody.\n", "imported",
            what="a 5,000-digit number", count=1)
    article("yaml-python-tag.md", "---\ntitle: !!python/object/apply:os.system ['echo pwned']\n---\nBody.\n",
            "refused", "not valid YAML", "a YAML tag that would run a command")
    article("yaml-binary.md", "---\ntitle: !!binary aGVsbG8=\n---\nBody.\n", "either", what="a !!binary value")
    article("yaml-surrogate.md", '---\ntitle: "half \\ud800 a character"\n---\nBody.\n', "imported",
            what="a YAML escape of a lone surrogate", count=1)
    article("yaml-huge.md", "---\n" + "".join(f"k{n}: {'v' * 100}\n" for n in range(12_000)) + "---\nBody.\n",
            "refused", "front matter is longer", "1.2 MB of front matter")
    article("yaml-unclosed.md", "---\ntitle: never closed\nBody.\n", "refused", "never closed",
            "front matter without its closing line")
    # --- HTML
    article("html-no-body.html", "<html><head><title>Only a title</title></head></html>", "refused",
            "no readable text", "no body")
    article("html-script-only.html", "<html><body><script>" + "var x = 1;" * 1000 + "</script></body></html>",
            "refused", "no readable text", "only a script")
    article("html-deep.html", "<div>" * 20_000 + "<p>Deep text at the bottom.</p>", "imported",
            what="20,000 unclosed divs", count=1)
    article("html-many-tags.html", "<i>" * 500_000, "refused", "tags", "500,000 tags")
    article("html-jsonld-deep.html", '<script type="application/ld+json">' + deep + "</script><p>Body text.</p>",
            "imported", what="JSON-LD nested 100,000 levels", count=1)
    article("html-jsonld-wide.html", '<script type="application/ld+json">[' + "1," * 300_000 + "1]</script>"
            "<p>Body text.</p>", "imported", what="JSON-LD list of 300,001 numbers", count=1)
    article("html-jsonld-surrogate.html", '<script type="application/ld+json">{"headline": "Bad \\ud800", '
            '"datePublished": ' + "9" * 5000 + '}</script><p>Body text.</p>', "imported",
            what="JSON-LD with a lone surrogate and a huge number", count=1)
    article("html-entities.html", "<p>Entities: &#xD800; &#0; &#x110000; &#99999999999999999999; &bogus;</p>",
            "imported", what="character references that are no characters", count=1)
    article("html-bad-charset.html", '<meta charset="x-no-such-charset"><p>Caf\xe9 \x80 5</p>'.encode("latin-1"),
            "imported", what="an unknown declared charset", count=1)
    article("html-unclosed-comment.html", "<p>Visible text.</p><!-- never closed " + "x" * 10_000, "either",
            what="a comment that never ends")
    fifo = folder / "fifo.txt"
    if hasattr(os, "mkfifo"):
        os.mkfifo(fifo)
        made.append(Hostile("fifo.txt", ARTICLES, "refused", "not a regular file", "a named pipe"))

    # --- Web Annotation JSON-LD
    source, quoted = bundled_target()
    notes("empty.jsonld", b"", "refused", "empty", "0 bytes")
    notes("deep.jsonld", deep, "refused", "nested too deeply", f"{DEEP:,} nested lists")
    deep_item = json.dumps(annotation(source, quoted))[:-1] + ', "extra": ' + deep + "}"
    notes("deep-in-note.jsonld", '{"type": "AnnotationPage", "items": [' + deep_item + "]}", "refused",
          "nested too deeply", "an annotation with a deep field")
    # json.dumps writes the lone surrogate as the escape "\\ud800"
    notes("surrogate.jsonld", collection([annotation(source, quoted, note="note \ud800 here")]), "imported",
          what="a note with a lone surrogate", count=1)
    notes("bigint-offset.jsonld", collection([annotation(source, start=0, end=5)]).replace(
        '"start": 0', '"start": ' + "9" * 5000), "refused", "needs whole numbers", "a 5,000-digit offset")
    notes("absurd-offset.jsonld", collection([annotation(source, start=10**15, end=10**15 + 5)]), "refused",
          "needs whole numbers", "offsets of a quadrillion")
    notes("negative-offset.jsonld", collection([annotation(source, start=-5, end=3)]), "refused",
          "needs whole numbers", "a negative offset")
    notes("float-offset.jsonld", collection([annotation(source, start=1.5, end=3e300)]), "refused",
          "needs whole numbers", "offsets that are not whole numbers")
    notes("wrong-context.jsonld", collection([annotation(source, quoted)], context="http://example.org/not-anno"),
          "imported", what="a @context that is not the Web Annotation one", count=1)
    notes("wrong-types.jsonld", json.dumps({"type": [{"a": 1}, ["Annotation"]], "target": 5, "body": "x"}),
          "refused", "not a W3C Web Annotation", "types that are objects and lists")
    notes("wrong-types-fields.jsonld", collection([{"type": "Annotation", "target": {
        "source": ["x"], "selector": {"type": "TextQuoteSelector", "exact": "x"}}}]),
          "refused", "no source", "a source that is a list")
    notes("items-not-list.jsonld", json.dumps({"type": "AnnotationPage", "items": {"a": 1}}), "refused",
          "no list of items", "items as an object")
    notes("not-json.jsonld", bytes(range(256)) * 4, "refused", "not", "binary noise")
    notes("null.jsonld", "null", "refused", "no Web Annotation", "null")
    notes("duplicate-keys.jsonld", collection([annotation(source, quoted)])[:-1] + ', "type": "Nonsense"}',
          "refused", "not a W3C Web Annotation", "the type given twice, the second time wrong")
    notes("huge-note.jsonld", collection([annotation(source, quoted, note="n" * 5_000_000)]), "imported",
          what="a 5 MB note", count=1)
    notes("many-notes.jsonld", collection([annotation(source, quoted, note=f"note {n}") for n in range(2000)]),
          "imported", what="2,000 notes", count=2000)

    # --- REFI-QDA projects (.qdpx)
    notes("empty.qdpx", b"", "refused", "empty", "0 bytes")
    notes("not-a-zip.qdpx", b"PK\x03\x04 this is not a zip archive at all", "refused", "not a QDPX project",
          "a zip signature and nothing else")
    notes("truncated.qdpx", good_qdpx()[:-40], "refused", "not a QDPX project", "an archive cut short")
    notes("good.qdpx", good_qdpx(), "imported", what="a sound project, for comparison", count=1)
    notes("zip-bomb.qdpx", zip_bomb(), "refused", "200 MB", "1 GB of zeros in 1 MB (honest sizes)")
    notes("zip-bomb-lying.qdpx", zip_bomb(declared=1000), "refused", "", "1 GB of zeros that says it is 1 KB")
    notes("zip-bomb-source.qdpx", zip_bomb(f"sources/{SOURCE_GUID}.txt", extra=[stored("project.qde",
          project().encode())]), "refused", "200 MB", "a source text of 1 GB")
    notes("zip-bomb-source-lying.qdpx", zip_bomb(f"sources/{SOURCE_GUID}.txt", declared=20 << 20, extra=[
        stored("project.qde", project().encode())]), "refused", "", "a source text of 1 GB that says 20 MB")
    many = [stored(f"sources/{n}.txt", b"x") for n in range(10_001)]
    notes("too-many-members.qdpx", raw_zip([stored("project.qde", project().encode()),
                                            stored(f"sources/{SOURCE_GUID}.txt", SOURCE_TEXT.encode()), *many]),
          "refused", "members", "10,003 members")
    notes("too-much-text.qdpx", too_much_text(), "refused", "200 MB", "twelve texts of 20 MB: 240 MB in all")
    notes("traversal.qdpx", qdpx({"project.qde": project(text_path="internal://../../escaped.txt"),
                                  "../../escaped.txt": SOURCE_TEXT}), "refused", "outside",
          "a text path ../../escaped.txt")
    notes("traversal-unused.qdpx", good_qdpx(**{"../../../evil.txt": "written nowhere", "/etc/evil": "x"}),
          "imported", what="members named ../../../evil.txt and /etc/evil", count=1)
    notes("missing-project.qdpx", qdpx({"sources/readme.txt": "no project here"}), "refused", "no project.qde",
          "no project.qde")
    notes("missing-source.qdpx", qdpx({"project.qde": project()}), "refused", "not in the archive",
          "a source text missing")
    notes("wrong-root.qdpx", qdpx({"project.qde": "<Codebook/>"}), "refused", "not a REFI-QDA project",
          "another XML document")
    notes("bad-xml.qdpx", qdpx({"project.qde": "<Project xmlns='urn:QDA-XML:project:1.0'><Sources>"}), "refused",
          "not well-formed XML", "unclosed XML")
    notes("xxe.qdpx", qdpx({"project.qde": project(doctype='<!DOCTYPE Project [<!ENTITY x SYSTEM '
                                                    '"file:///etc/passwd">]>', body="&x;"),
                            f"sources/{SOURCE_GUID}.txt": SOURCE_TEXT}),
          "refused", "external entity", "an entity that reads /etc/passwd")
    notes("billion-laughs.qdpx", qdpx({"project.qde": project(doctype="<!DOCTYPE Project [<!ENTITY a \"lol\">" + "".join(
        f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">' for i in range(9)) + "]>", body="&j;"),
                                       f"sources/{SOURCE_GUID}.txt": SOURCE_TEXT}),
          "refused", "entity", "a billion laughs")
    notes("external-dtd.qdpx", qdpx({"project.qde": project(doctype='<!DOCTYPE Project SYSTEM '
                                                             '"http://example.invalid/project.dtd">'),
                                     f"sources/{SOURCE_GUID}.txt": SOURCE_TEXT}),
          "refused", "external DTD", "a DTD on a server")
    notes("parameter-entity.qdpx", qdpx({"project.qde": project(doctype='<!DOCTYPE Project [<!ENTITY % p SYSTEM '
                                                                 '"file:///etc/passwd"> %p;]>'),
                                         f"sources/{SOURCE_GUID}.txt": SOURCE_TEXT}),
          "refused", "entity", "a parameter entity reading a local file")
    notes("bigint-offset.qdpx", good_qdpx(**{"project.qde": project(start="9" * 5000, end=5)}), "refused",
          "invalid offset", "a 5,000-digit startPosition")
    notes("absurd-offset.qdpx", good_qdpx(**{"project.qde": project(start=10**12, end=10**12 + 5)}), "refused",
          "not a stretch", "offsets of a trillion")
    notes("negative-offset.qdpx", good_qdpx(**{"project.qde": project(start=-3, end=4)}), "refused",
          "not a stretch", "a negative offset")
    notes("word-offset.qdpx", good_qdpx(**{"project.qde": project(start="ten", end="1e3")}), "refused",
          "invalid offset", "offsets that are words")
    notes("bzip2.qdpx", qdpx({"project.qde": project(), f"sources/{SOURCE_GUID}.txt": SOURCE_TEXT},
                             zipfile.ZIP_BZIP2), "refused", "compression method", "bzip2 members")
    encrypted = raw_zip([stored("project.qde", project().encode()),
                         stored(f"sources/{SOURCE_GUID}.txt", SOURCE_TEXT.encode())], flags=0x1)
    notes("encrypted.qdpx", encrypted, "refused", "encrypted", "members marked as encrypted")
    notes("not-utf8-source.qdpx", good_qdpx(**{f"sources/{SOURCE_GUID}.txt": "caf\xe9 \x81".encode("latin-1")}),
          "refused", "not UTF-8", "a source text in latin-1")
    notes("deep-xml.qdpx", good_qdpx(**{"project.qde": project(body="<Description>" + "<x>" * DEEP + "</x>" * DEEP +
                                                               "</Description>")}),
          "either", what=f"XML nested {DEEP:,} levels")
    return made


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    for hostile in make(argv[1]):
        print(f"{hostile.name:32} {hostile.kind:12} {hostile.expect:9} {hostile.what}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

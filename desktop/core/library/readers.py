"""Turn files on disk (and pasted text) into ParsedArticles. No database here.

Every failure is a ``ReadError`` naming the file and a reason a person can act on, whatever the
file holds (nesting 100,000 levels deep, 5,000-digit numbers, invalid dates, broken bytes): never
another exception. A file is read whole or not at all: a malformed record in a JSON or JSON Lines
file fails the file, so nothing is half-imported. Only records that are well formed but carry no
article text are skipped, and ``read_file_report`` says which, beside what was repaired (damaged
UTF-8 bytes, unpaired surrogates, each replaced by U+FFFD so that the text can be stored).

Files are read whole, up to ``MAX_FILE_BYTES``; a JSON Lines file may be larger (up to
``MAX_STREAM_BYTES``), and is read line by line, each record within ``MAX_FILE_BYTES``.
``list_folder`` lists the files a folder import reads, without leaving the folder.
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from desktop.core.errors import ReadError
from desktop.core.library.dates import publication_date
from desktop.core.library.decoding import Utf8Scan, bom_encoding, decode_report, guess_encoding, looks_binary
from desktop.core.library.html_extract import sniff_charset
from desktop.core.library.page_extract import extract_page
from desktop.core.models import ParsedArticle

MAX_FILE_BYTES = 25 * 1024 * 1024  # a file read whole, and one article (a JSON Lines record)
MAX_STREAM_BYTES = 1024 * 1024 * 1024  # a JSON Lines file, read line by line
MAX_FRONT_MATTER_CHARS = 1024 * 1024
MAX_HTML_TAGS = 400_000  # "<" in a page; a long news page has a few thousand
MAX_WARNINGS = 100  # about skipped records; the rest are counted in one more
MAX_INT_DIGITS = 4000  # Python refuses to convert longer numbers (sys.get_int_max_str_digits)
SUPPORTED_EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl", ".ndjson")

# Field names in JSON records and Markdown front matter; the first one with a value wins.
TITLE_FIELDS = ("title", "headline", "name")
SOURCE_FIELDS = ("source", "outlet", "publisher", "site_name", "source_name")
AUTHOR_FIELDS = ("author", "authors", "byline", "creator")
PUBLISHED_FIELDS = ("published", "date", "published_at", "publish_date", "datePublished", "pubDate")
URL_FIELDS = ("url", "link", "source_url")
TEXT_FIELDS = ("content_original", "content", "text", "body", "article", "articleBody")
LIST_KEYS = ("articles", "items", "data")

Result = tuple[list[ParsedArticle], list[str]]
_STREAMED = (".jsonl", ".ndjson")


def read_file(path: str | os.PathLike[str]) -> list[ParsedArticle]:
    """The articles in the file at ``path``. Raises ``ReadError`` when it cannot be read."""
    articles, _warnings = read_file_report(path)
    return articles


def read_file_report(path: str | os.PathLike[str]) -> Result:
    """The articles in the file at ``path``, and warnings: records that were skipped, and damage
    that was repaired (each bad byte sequence or unpaired surrogate became U+FFFD)."""
    origin = os.path.abspath(os.fspath(path))
    extension = os.path.splitext(origin)[1].lower()
    try:
        size = _check_file(origin, extension)
        if extension in _STREAMED and size > MAX_FILE_BYTES:
            articles, warnings = _read_jsonl_stream(origin)
        else:
            articles, warnings = _READERS[extension](_read_bytes(origin), origin)
        return _storable(articles, warnings, origin)
    except ReadError:
        raise
    except RecursionError:
        raise ReadError(origin, "nested too deeply to read") from None
    except MemoryError:
        raise ReadError(origin, "not enough memory to read it") from None
    except Exception as error:  # a bug of ours, but still one bad file: say which, and go on
        raise ReadError(origin, f"unexpected error: {type(error).__name__}: {error}") from None


def read_text(text: str, origin: str) -> ParsedArticle:
    """An article from pasted text, kept exactly as given."""
    if not text.strip():
        raise ReadError(origin, "there is no text to import")
    return ParsedArticle(text=text, origin=origin)


def _check_file(path: str, extension: str) -> int:
    """The size of the file at ``path``, once it is known to be a regular file Parallax reads."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise ReadError(path, "file not found") from None
    except PermissionError:
        raise ReadError(path, "permission denied: Parallax cannot open this file") from None
    except OSError as error:
        raise ReadError(path, f"cannot open the file ({error.strerror})") from None
    if stat.S_ISDIR(info.st_mode):
        raise ReadError(path, "is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise ReadError(path, "is not a regular file")
    if extension not in _READERS:
        raise ReadError(path, _unsupported(extension))
    if info.st_size == 0:
        raise ReadError(path, "the file is empty")
    limit = MAX_STREAM_BYTES if extension in _STREAMED else MAX_FILE_BYTES
    if info.st_size > limit:
        size, shown = info.st_size / 1024 / 1024, limit // 1024 // 1024
        kind = " for JSON Lines" if extension in _STREAMED else ""
        raise ReadError(path, f"file too large: {size:.1f} MB; the limit is {shown} MB{kind}")
    return info.st_size


def _read_bytes(path: str) -> bytes:
    try:
        with open(path, "rb") as file:
            return file.read(MAX_FILE_BYTES + 1)
    except PermissionError:
        raise ReadError(path, "permission denied: Parallax cannot read this file") from None
    except OSError as error:
        raise ReadError(path, f"cannot read the file ({error.strerror})") from None


def _unsupported(extension: str) -> str:
    kind = f"'{extension}'" if extension else "(no file extension)"
    return f"unsupported file type {kind}; Parallax reads {', '.join(SUPPORTED_EXTENSIONS)}"


def _require_text(text: str, path: str) -> None:
    if not text.strip():
        raise ReadError(path, "the file contains no text, only blank space")


# --- Plain text and Markdown ---------------------------------------------------------------


def _read_txt(data: bytes, path: str) -> Result:
    # Kept exactly as decoded: annotations and highlights are offsets into this text.
    text, warnings = decode_report(data, path)
    _require_text(text, path)
    return [ParsedArticle(text=text, origin=path)], warnings


def _read_markdown(data: bytes, path: str) -> Result:
    text, warnings = decode_report(data, path)
    fields, body = _split_front_matter(text, path)
    _require_text(body, path)
    metadata = _metadata(fields)
    if metadata["title"] is None:
        metadata["title"] = _leading_heading(body)
    warnings += _date_warnings(fields, metadata, "the front matter")
    return [ParsedArticle(text=body, origin=path, **metadata)], warnings


def _split_front_matter(text: str, path: str) -> tuple[Mapping[str, object], str]:
    """YAML front matter between a first line '---' and a later '---' (or '...') line."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return {}, text
    for index, line in enumerate(lines[1:], start=1):  # noqa: B007 (index is used after the loop)
        if line.rstrip() in ("---", "..."):
            break
    else:
        raise ReadError(path, "the front matter opened by '---' on line 1 is never closed")
    front = "".join(lines[1:index])
    if len(front) > MAX_FRONT_MATTER_CHARS:
        limit = MAX_FRONT_MATTER_CHARS // 1024
        raise ReadError(path, f"the front matter is longer than {limit} KB; front matter holds a few fields")
    try:
        fields = yaml.load(front, Loader=_FrontMatterLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" on line {mark.line + 2}" if mark else ""  # +2: 0-based, after the '---' line
        raise ReadError(path, f"the front matter is not valid YAML{where}") from None
    except RecursionError:
        raise ReadError(path, "the front matter is nested too deeply to read") from None
    except (ValueError, TypeError, OverflowError) as error:  # 2024-13-45, a 5,000-digit number...
        raise ReadError(path, f"the front matter has a value that cannot be read ({_short(error)})") from None
    if fields is None:
        fields = {}
    if not isinstance(fields, dict):
        raise ReadError(path, "the front matter is not a list of 'name: value' fields")
    return fields, "".join(lines[index + 1 :]).lstrip("\r\n")


class _FrontMatterLoader(yaml.SafeLoader):
    """YAML's safe loader, except that a date that is no date (2024-13-45) or a number Python
    will not convert (over 4,300 digits) stays the text it is, instead of failing the file."""


def _lenient(construct):
    def constructor(loader: yaml.SafeLoader, node: yaml.Node):
        try:
            return construct(loader, node)
        except (ValueError, OverflowError):
            return loader.construct_scalar(node)
    return constructor


for _tag, _construct in (("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_timestamp),
                         ("tag:yaml.org,2002:int", yaml.SafeLoader.construct_yaml_int)):
    _FrontMatterLoader.add_constructor(_tag, _lenient(_construct))


def _leading_heading(body: str) -> str | None:
    """The text of a '# Heading' on the first line, the Markdown way of giving a title."""
    first_line = body.lstrip().split("\n", 1)[0].strip()
    if first_line.startswith("# "):
        return first_line[2:].strip(" #") or None
    return None


# --- HTML ----------------------------------------------------------------------------------


def _read_html(data: bytes, path: str) -> Result:
    if data.count(b"<") > MAX_HTML_TAGS:
        raise ReadError(path, f"the page has more than {MAX_HTML_TAGS:,} tags; a news page has a few thousand")
    text, warnings = decode_report(data, path, declared=sniff_charset(data))
    article = extract_page(text, path).article
    if not article.text.strip():
        raise ReadError(path, "no readable text in this page (only scripts, styles or menus)")
    return [article], warnings


# --- JSON and JSON Lines -------------------------------------------------------------------


def _int(digits: str) -> int | str:
    """A JSON integer; one too long for Python to convert stays its digits (no ValueError)."""
    return int(digits) if len(digits.lstrip("-")) <= MAX_INT_DIGITS else digits


def _json(text: str, path: str, where: str = "") -> object:
    """``json.loads`` whose failures are ``ReadError``s; ``where`` ("line 3 ") names the line."""
    try:
        return json.loads(text, parse_int=_int)
    except json.JSONDecodeError as error:
        if where:
            problem = f"{error.msg} at column {error.colno}"
            raise ReadError(path, f"{where}is not valid JSON: {problem}") from None
        raise ReadError(path, f"not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}") from None
    except RecursionError:
        raise ReadError(path, f"{where or 'the JSON '}is nested too deeply to read") from None


def _read_json(data: bytes, path: str) -> Result:
    text, decoded = decode_report(data, path)
    document = _json(text, path)
    if isinstance(document, dict):
        listed = [document[key] for key in LIST_KEYS if isinstance(document.get(key), list)]
        if not listed or _text_field(document) is not None:
            # A single article: its origin is the file itself.
            articles, warnings = _articles_from_records([(None, document)], path, "the JSON object")
            return articles, decoded + warnings
        document = listed[0]
    if not isinstance(document, list):
        raise ReadError(path, f"the JSON holds {_json_kind(document)}, not articles")
    records = ((f"record {number}", record) for number, record in enumerate(document, start=1))
    articles, warnings = _articles_from_records(records, path, "the JSON")
    return articles, decoded + warnings


def _read_jsonl(data: bytes, path: str) -> Result:
    text, decoded = decode_report(data, path)
    # split("\n"), not splitlines(): JSON strings may hold U+2028 and other line separators.
    articles, warnings = _articles_from_records(_jsonl_records(text.split("\n"), path), path, "the file")
    return articles, decoded + warnings


def _jsonl_records(lines: Iterable[str], path: str) -> Iterator[tuple[str, object]]:
    for line_number, line in enumerate(lines, start=1):
        if len(line) > MAX_FILE_BYTES:
            limit = MAX_FILE_BYTES // 1024 // 1024
            raise ReadError(path, f"line {line_number} is longer than {limit} MB, the limit for one article")
        if line.strip():
            yield f"line {line_number}", _json(line, path, f"line {line_number} ")


def _read_jsonl_stream(path: str) -> Result:
    """A JSON Lines file too large to read whole: checked once for its encoding, then read line
    by line. Each record becomes its article as it is read, so memory holds the articles, not
    the file; still nothing is returned before every line has been read and checked."""
    encoding, errors, decoded = _stream_encoding(path)
    try:
        with open(path, encoding=encoding, errors=errors, newline="\n") as file:
            # each line without its "\n", as split("\n") gives them for a file read whole
            lines = (line[:-1] if line.endswith("\n") else line
                     for line in iter(lambda: file.readline(MAX_FILE_BYTES + 2), ""))
            articles, warnings = _articles_from_records(_jsonl_records(lines, path), path, "the file")
    except UnicodeDecodeError as error:
        name = error.encoding.upper()
        raise ReadError(path, f"starts like {name} text but is not valid {name} throughout") from None
    except OSError as error:
        raise ReadError(path, f"cannot read the file ({error.strerror})") from None
    return articles, decoded + warnings


_STREAM_CHUNK = 256 * 1024
_BOM_CODECS = {"utf-8": "utf-8-sig", "utf-16-le": "utf-16", "utf-16-be": "utf-16",
               "utf-32-le": "utf-32", "utf-32-be": "utf-32"}


def _stream_encoding(path: str) -> tuple[str, str, list[str]]:
    """(encoding, error handler, warnings) for reading the large text file at ``path``: a pass over
    its bytes for a BOM, NUL bytes (binary) and how much of it is valid UTF-8."""
    scan = Utf8Scan()
    head = b""
    bom = None
    try:
        with open(path, "rb") as file:
            while chunk := file.read(_STREAM_CHUNK):
                if not head:
                    head = chunk
                    found = bom_encoding(chunk)
                    if found is not None and found[0] != "utf-8":
                        return _BOM_CODECS[found[0]], "strict", []  # the codec reads the BOM and drops it
                    bom = found
                    if b"\x00" in chunk or looks_binary(chunk[:_STREAM_CHUNK // 4].decode("utf-8", "replace")):
                        raise ReadError(path, "looks like a binary file, not text")
                elif b"\x00" in chunk:
                    raise ReadError(path, "looks like a binary file, not text")
                scan.feed(chunk)
            scan.feed(b"", final=True)
    except OSError as error:
        raise ReadError(path, f"cannot read the file ({error.strerror})") from None
    encoding = "utf-8-sig" if bom else "utf-8"
    if not scan.replaced:
        return encoding, "strict", []
    if bom or scan.mostly_utf8():
        return encoding, "replace", [scan.warning()]
    return guess_encoding(head), "strict", []


def _articles_from_records(
    records: Iterable[tuple[str | None, object]], path: str, what: str
) -> Result:
    """Articles from (label, record) pairs; label None means the file holds just this record.

    Record N (1-based, blank lines not counted) gets the origin "path#N". The records may be
    a generator: each becomes its article (or a warning) as it comes.
    """
    articles: list[ParsedArticle] = []
    warnings: list[str] = []
    count = skipped = bad_dates = 0
    for number, (label, record) in enumerate(records, start=1):
        count = number
        if not isinstance(record, dict):
            raise ReadError(path, f"{label or what} is {_json_kind(record)}, not an article object")
        text = _text_field(record)
        if text is None:
            skipped += 1
            if skipped <= MAX_WARNINGS:
                warnings.append(f"{label or what}: no article text; skipped")
            continue
        origin = path if label is None else f"{path}#{number}"
        metadata = _metadata(record)
        undated = _date_warnings(record, metadata, label or what)
        if undated:
            bad_dates += 1
            if bad_dates <= MAX_WARNINGS:
                warnings += undated
        articles.append(ParsedArticle(text=text, origin=origin, **metadata))
    if not count:
        raise ReadError(path, f"{what} contains no articles")
    if not articles:
        fields = ", ".join(TEXT_FIELDS[:-1]) + " or " + TEXT_FIELDS[-1]
        subject = "the record has no" if count == 1 else f"none of the {count} records has a"
        raise ReadError(path, f"no article text: {subject} non-empty {fields} field")
    if skipped > MAX_WARNINGS:
        warnings.append(f"{skipped - MAX_WARNINGS} more records without article text; skipped")
    if bad_dates > MAX_WARNINGS:
        warnings.append(f"{bad_dates - MAX_WARNINGS} more records with a date Parallax cannot read; imported "
                        "without a date")
    return articles, warnings


def _json_kind(value: object) -> str:
    kinds = {dict: "an object", list: "a list", str: "a string", bool: "true/false"}
    return "null" if value is None else kinds.get(type(value), "a number")


# --- Text that can be stored --------------------------------------------------------------

# A JSON "\\ud800" escape or a YAML one gives a lone surrogate: not a character, and neither
# UTF-8 nor SQLite can hold it. Each becomes U+FFFD, and the warning says where.
_SURROGATE = re.compile("[\ud800-\udfff]")
_FIELDS = ("text", "title", "source", "author", "published", "url")


def _storable(articles: list[ParsedArticle], warnings: list[str], path: str) -> Result:
    out = []
    for article in articles:
        found = {name: len(_SURROGATE.findall(value)) for name in _FIELDS
                 if isinstance(value := getattr(article, name), str) and not _utf8(value)}
        if found:
            article = replace(article, **{name: _SURROGATE.sub("\ufffd", getattr(article, name)) for name in found})
            where = "the file" if article.origin == path else f"record {article.origin[len(path) + 1:]}"
            count = sum(found.values())
            what = "an unpaired surrogate" if count == 1 else f"{count} unpaired surrogates"
            warnings.append(f"{where}: {what} (as in \\ud800, not a character) in its "
                            f"{', '.join(found)}; shown as \ufffd")
        out.append(article)
    return out, warnings


def _utf8(value: str) -> bool:
    """Whether UTF-8 (and so SQLite) can hold ``value``; a few times faster than searching it."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _short(error: BaseException, limit: int = 120) -> str:
    text = " ".join(str(error).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- Record fields -------------------------------------------------------------------------


def _text_field(record: Mapping[str, object]) -> str | None:
    for name in TEXT_FIELDS:
        value = record.get(name)
        if isinstance(value, list) and all(isinstance(part, str) for part in value):
            value = "\n\n".join(value)  # some exports keep the paragraphs as a list
        if isinstance(value, str) and value.strip():
            return value  # as given: no stripping, offsets stay valid
    return None


def _metadata(record: Mapping[str, object]) -> dict[str, str | None]:
    return {
        "title": _first(record, TITLE_FIELDS, _plain),
        "source": _first(record, SOURCE_FIELDS, _named),
        "author": _first(record, AUTHOR_FIELDS, _names),
        "published": _first(record, PUBLISHED_FIELDS, _iso_date),
        "url": _first(record, URL_FIELDS, _http_url),
    }


def _date_warnings(record: Mapping[str, object], metadata: Mapping[str, str | None], where: str) -> list[str]:
    """A date the record gives that is no date ("2020-02-30", "0001-11-30", "yesterday"): said, not
    dropped in silence; the article is imported without a date (Article Info or ``edit`` sets one)."""
    if metadata.get("published") is not None:
        return []
    given = next((record[name] for name in PUBLISHED_FIELDS if record.get(name) not in (None, "")), None)
    if given is None or isinstance(given, (dict, list)):
        return []
    return [f"{where}: the date {str(given)[:40]!r} is not one Parallax can read; imported without a date"]


def _first(
    record: Mapping[str, object], names: tuple[str, ...], convert: Callable[[object], str | None]
) -> str | None:
    """The first of ``names`` whose value ``convert`` accepts (returns non-None)."""
    for name in names:
        value = convert(record.get(name))
        if value is not None:
            return value
    return None


def _plain(value: object) -> str | None:
    """Text, a number or a date as one line of text; None for anything else (lists, objects,
    YAML's !!binary bytes and !!set sets, true/false, NaN and infinities)."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float, date)):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return " ".join(str(value).split()) or None


def _named(value: object) -> str | None:
    """A name given as a string or as an object with a "name" ({"name": "Reuters"})."""
    return _plain(value.get("name")) if isinstance(value, dict) else _plain(value)


def _names(value: object) -> str | None:
    if isinstance(value, list):
        return ", ".join(name for name in map(_named, value) if name) or None
    return _named(value)


def _iso_date(value: object) -> str | None:
    """A front matter or JSON date (text, or a date or datetime YAML read), None for a placeholder."""
    return publication_date(value)


def _http_url(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    parts = urlsplit(value.strip())
    return value.strip() if parts.scheme in ("http", "https") and parts.netloc else None


# --- Folders -------------------------------------------------------------------------------


def list_folder(folder: str | os.PathLike[str]) -> tuple[list[Path], list[tuple[str, str]]]:
    """The files a folder import reads, and (path, reason) for the links it skips.

    Files with a supported extension anywhere below ``folder``, sorted; names starting with "."
    (hidden files and folders) are left out. Symbolic links are followed only where they lead
    to a place inside ``folder``: a link (to a file or a folder) that leads outside it, nowhere
    (broken) or round in a loop is skipped and reported. A file reached twice (through a link to
    a place inside) is listed once, by the first path found, real paths before links. Never
    hangs on a loop of links: each real folder is read once.
    """
    root = Path(folder)
    try:
        root_real = root.resolve(strict=True)
    except (OSError, RuntimeError) as error:
        return [], [(str(root), f"cannot open the folder ({_os_reason(error)})")]
    if not root_real.is_dir():
        return [], [(str(root), "is not a folder")]
    files: dict[Path, Path] = {}  # real path -> the path it was found by
    skipped: list[tuple[str, str]] = []
    unread: list[Path] = []  # files of other types: said once, by type, so a folder of PDFs is not silent
    seen = {root_real}
    folders: deque[tuple[Path, Path]] = deque([(root, root_real)])  # (path as found, real path)
    links: deque[Path] = deque()
    while folders or links:
        if folders:  # every folder reachable without links first, so that real paths win
            path, real = folders.popleft()
            found: list[tuple[Path, Path]] = []
            _scan_folder(path, real, files, links, found, skipped, unread)
            for sub_path, sub_real in found:
                if sub_real not in seen:
                    seen.add(sub_real)
                    folders.append((sub_path, sub_real))
            continue
        link = links.popleft()
        target = _follow(link, root_real, skipped)
        if target is None:
            continue
        if target.is_dir():
            if target not in seen:  # else already read (a link back up is no loop for us)
                seen.add(target)
                folders.append((link, target))
        elif target.is_file() and link.suffix.lower() in SUPPORTED_EXTENSIONS:
            files.setdefault(target, link)
    if unread:
        kinds = Counter(p.suffix.lower() or "without an extension" for p in unread)
        listed = ", ".join(f"{kind} ×{n}" if n > 1 else kind for kind, n in kinds.most_common())
        count = f"{len(unread)} file{'s' if len(unread) > 1 else ''}"
        skipped.append((str(root), f"{count} of a type Parallax does not read ({listed}); it reads "
                                   f"{', '.join(SUPPORTED_EXTENSIONS)}"))
    return sorted(files.values()), skipped


def _scan_folder(path: Path, real: Path, files: dict[Path, Path], links: list[Path],
                 folders: list[tuple[Path, Path]], skipped: list[tuple[str, str]],
                 passed_over: list[Path]) -> None:
    """One folder's entries: files into ``files``, sub-folders into ``folders``, links into ``links``,
    files of a type Parallax does not read into ``passed_over``."""
    try:
        with os.scandir(path) as entries:
            found = sorted(entries, key=lambda entry: entry.name)
    except OSError as error:
        skipped.append((str(path), f"cannot open the folder ({_os_reason(error)})"))
        return
    for entry in found:
        if entry.name.startswith("."):
            continue
        child = path / entry.name
        try:
            if entry.is_symlink():
                links.append(child)
            elif entry.is_dir(follow_symlinks=False):
                folders.append((child, real / entry.name))
            elif entry.is_file(follow_symlinks=False) and child.suffix.lower() in SUPPORTED_EXTENSIONS:
                files.setdefault(real / entry.name, child)
            elif entry.is_file(follow_symlinks=False):
                passed_over.append(child)
        except OSError as error:
            skipped.append((str(child), f"cannot read it ({_os_reason(error)})"))


def _follow(link: Path, root_real: Path, skipped: list[tuple[str, str]]) -> Path | None:
    """Where ``link`` leads, if that is inside the imported folder; else None, and why in ``skipped``."""
    try:
        target = link.resolve(strict=True)
    except RuntimeError:  # Python before 3.13: "Symlink loop"
        skipped.append((str(link), "a link that leads round in a loop; skipped"))
        return None
    except OSError as error:
        if error.errno == 40:  # ELOOP
            skipped.append((str(link), "a link that leads round in a loop; skipped"))
        else:
            skipped.append((str(link), "a broken link (what it points to does not exist); skipped"))
        return None
    if target != root_real and root_real not in target.parents:
        skipped.append((str(link), f"a link to {target}, outside the imported folder; skipped"))
        return None
    return target


def _os_reason(error: BaseException) -> str:
    return getattr(error, "strerror", None) or str(error)


_READERS: dict[str, Callable[[bytes, str], Result]] = {
    ".txt": _read_txt,
    ".md": _read_markdown,
    ".markdown": _read_markdown,
    ".html": _read_html,
    ".htm": _read_html,
    ".json": _read_json,
    ".jsonl": _read_jsonl,
    ".ndjson": _read_jsonl,
}

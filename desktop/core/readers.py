"""Turn files on disk (and pasted text) into ParsedArticles. No database here.

Every failure is a ``ReadError`` naming the file and a reason a person can act on. A file is
read whole or not at all: a malformed record in a JSON or JSON Lines file fails the file, so
nothing is half-imported. Only records that are well formed but carry no article text are
skipped, and ``read_file_report`` says which.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable, Mapping
from datetime import date, datetime
from urllib.parse import urlsplit

import yaml

from desktop.core.dates import parse_date
from desktop.core.decoding import decode_bytes
from desktop.core.errors import ReadError
from desktop.core.html_extract import extract_article, sniff_charset
from desktop.core.models import ParsedArticle

MAX_FILE_BYTES = 25 * 1024 * 1024
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


def read_file(path: str | os.PathLike[str]) -> list[ParsedArticle]:
    """The articles in the file at ``path``. Raises ``ReadError`` when it cannot be read."""
    articles, _warnings = read_file_report(path)
    return articles


def read_file_report(path: str | os.PathLike[str]) -> Result:
    """The articles in the file at ``path``, and warnings about records that were skipped."""
    origin = os.path.abspath(os.fspath(path))
    extension = os.path.splitext(origin)[1].lower()
    data = _read_bytes(origin, extension)
    return _READERS[extension](data, origin)


def read_text(text: str, origin: str) -> ParsedArticle:
    """An article from pasted text, kept exactly as given."""
    if not text.strip():
        raise ReadError(origin, "there is no text to import")
    return ParsedArticle(text=text, origin=origin)


def _read_bytes(path: str, extension: str) -> bytes:
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
    if info.st_size > MAX_FILE_BYTES:
        size, limit = info.st_size / 1024 / 1024, MAX_FILE_BYTES // 1024 // 1024
        raise ReadError(path, f"file too large: {size:.1f} MB; the limit is {limit} MB")
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
    text = decode_bytes(data, path)
    _require_text(text, path)
    return [ParsedArticle(text=text, origin=path)], []


def _read_markdown(data: bytes, path: str) -> Result:
    text = decode_bytes(data, path)
    fields, body = _split_front_matter(text, path)
    _require_text(body, path)
    metadata = _metadata(fields)
    if metadata["title"] is None:
        metadata["title"] = _leading_heading(body)
    return [ParsedArticle(text=body, origin=path, **metadata)], []


def _split_front_matter(text: str, path: str) -> tuple[Mapping[str, object], str]:
    """YAML front matter between a first line '---' and a later '---' (or '...') line."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return {}, text
    for index, line in enumerate(lines[1:], start=1):
        if line.rstrip() in ("---", "..."):
            break
    else:
        raise ReadError(path, "the front matter opened by '---' on line 1 is never closed")
    try:
        fields = yaml.safe_load("".join(lines[1:index]))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" on line {mark.line + 2}" if mark else ""  # +2: 0-based, after the '---' line
        raise ReadError(path, f"the front matter is not valid YAML{where}") from None
    if fields is None:
        fields = {}
    if not isinstance(fields, dict):
        raise ReadError(path, "the front matter is not a list of 'name: value' fields")
    return fields, "".join(lines[index + 1 :]).lstrip("\r\n")


def _leading_heading(body: str) -> str | None:
    """The text of a '# Heading' on the first line, the Markdown way of giving a title."""
    first_line = body.lstrip().split("\n", 1)[0].strip()
    if first_line.startswith("# "):
        return first_line[2:].strip(" #") or None
    return None


# --- HTML ----------------------------------------------------------------------------------


def _read_html(data: bytes, path: str) -> Result:
    article = extract_article(decode_bytes(data, path, declared=sniff_charset(data)), path)
    if not article.text.strip():
        raise ReadError(path, "no readable text in this page (only scripts, styles or menus)")
    return [article], []


# --- JSON and JSON Lines -------------------------------------------------------------------


def _read_json(data: bytes, path: str) -> Result:
    try:
        document = json.loads(decode_bytes(data, path))
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise ReadError(path, f"not valid JSON: {error.msg} at {where}") from None
    if isinstance(document, dict):
        listed = [document[key] for key in LIST_KEYS if isinstance(document.get(key), list)]
        if not listed or _text_field(document) is not None:
            # A single article: its origin is the file itself.
            return _articles_from_records([(None, document)], path, "the JSON object")
        document = listed[0]
    if not isinstance(document, list):
        raise ReadError(path, f"the JSON holds {_json_kind(document)}, not articles")
    records = [(f"record {number}", record) for number, record in enumerate(document, start=1)]
    return _articles_from_records(records, path, "the JSON")


def _read_jsonl(data: bytes, path: str) -> Result:
    records: list[tuple[str | None, object]] = []
    # split("\n"), not splitlines(): JSON strings may hold U+2028 and other line separators.
    for line_number, line in enumerate(decode_bytes(data, path).split("\n"), start=1):
        if not line.strip():
            continue
        try:
            records.append((f"line {line_number}", json.loads(line)))
        except json.JSONDecodeError as error:
            problem = f"{error.msg} at column {error.colno}"
            raise ReadError(path, f"line {line_number} is not valid JSON: {problem}") from None
    return _articles_from_records(records, path, "the file")


def _articles_from_records(
    records: list[tuple[str | None, object]], path: str, what: str
) -> Result:
    """Articles from (label, record) pairs; label None means the file holds just this record.

    Record N (1-based, blank lines not counted) gets the origin "path#N".
    """
    if not records:
        raise ReadError(path, f"{what} contains no articles")
    articles: list[ParsedArticle] = []
    warnings: list[str] = []
    for number, (label, record) in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise ReadError(path, f"{label or what} is {_json_kind(record)}, not an article object")
        text = _text_field(record)
        if text is None:
            warnings.append(f"{label or what}: no article text; skipped")
            continue
        origin = path if label is None else f"{path}#{number}"
        articles.append(ParsedArticle(text=text, origin=origin, **_metadata(record)))
    if not articles:
        fields = ", ".join(TEXT_FIELDS)
        count = len(records)
        subject = "the record has" if count == 1 else f"none of the {count} records has"
        raise ReadError(path, f"no article text: {subject} a non-empty {fields} field")
    return articles, warnings


def _json_kind(value: object) -> str:
    kinds = {dict: "an object", list: "a list", str: "a string", bool: "true/false"}
    return "null" if value is None else kinds.get(type(value), "a number")


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
    if isinstance(value, bool) or value is None or isinstance(value, (dict, list)):
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
    if isinstance(value, datetime):  # YAML reads `date: 2024-07-16 10:00` as a datetime
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return parse_date(value) if isinstance(value, str) else None


def _http_url(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    parts = urlsplit(value.strip())
    return value.strip() if parts.scheme in ("http", "https") and parts.netloc else None


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

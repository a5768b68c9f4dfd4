"""read_file / read_file_report / read_text on real files in tmp_path."""

import codecs
import json
import os
from pathlib import Path

import pytest

from desktop.core.errors import ReadError
from desktop.core.library import readers
from desktop.core.library.readers import (
    MAX_FILE_BYTES,
    SUPPORTED_EXTENSIONS,
    read_file,
    read_file_report,
    read_text,
)
from desktop.core.models import ParsedArticle

ALLSIDES = Path(__file__).parents[2].parent / "shared/data/allsides-sample/articles.jsonl"


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def read_error(path: Path | str) -> ReadError:
    with pytest.raises(ReadError) as caught:
        read_file(path)
    return caught.value


# --- Plain text ----------------------------------------------------------------------------

TEXT = "  Headline?\r\n\r\n“Quoted,” she said — it cost €5.\n\tIndented line  \n\n"


@pytest.mark.parametrize(
    ("encoded", "expected"),
    [
        (TEXT.encode("utf-8"), TEXT),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), TEXT),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), TEXT),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), TEXT),
        (TEXT.encode("cp1252"), TEXT),
        ("Le café de l'été\n".encode("latin-1"), "Le café de l'été\n"),
    ],
    ids=["utf8", "utf8-bom", "utf16le", "utf16be", "cp1252", "latin1"],
)
def test_txt_is_kept_exactly(tmp_path: Path, encoded: bytes, expected: str) -> None:
    path = write(tmp_path, "story.txt", encoded)
    assert read_file(path) == [ParsedArticle(text=expected, origin=str(path.resolve()))]


def test_txt_origin_is_absolute_even_for_relative_paths(tmp_path: Path, monkeypatch) -> None:
    write(tmp_path, "story.txt", "Text.")
    monkeypatch.chdir(tmp_path)
    [article] = read_file("story.txt")
    assert article.origin == str(tmp_path / "story.txt")
    assert os.path.isabs(article.origin)


@pytest.mark.parametrize(
    ("name", "content"),
    [("STORY.TXT", "Some text."), ("story.Md", "Some text."), ("page.HTM", "<p>Some text.</p>"),
     ("feed.JSONL", '{"text": "Some text."}')],
)
def test_extension_is_case_insensitive(tmp_path: Path, name: str, content: str) -> None:
    [article] = read_file(write(tmp_path, name, content))
    assert article.text == "Some text."


# --- Markdown ------------------------------------------------------------------------------


def test_markdown_front_matter(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "story.md",
        "---\n"
        "title: Storm hits coast\n"
        "outlet: Coastal News\n"
        "authors: [Ann Smith, Bo Li]\n"
        "date: 2024-07-16\n"  # YAML reads this as a date object
        "link: https://coastal.example/storm\n"
        "---\n"
        "\n"
        "The storm *arrived* at dawn.\n\nIt left by noon.\n",
    )
    [article] = read_file(path)
    assert article == ParsedArticle(
        text="The storm *arrived* at dawn.\n\nIt left by noon.\n",
        origin=str(path),
        title="Storm hits coast",
        source="Coastal News",
        author="Ann Smith, Bo Li",
        published="2024-07-16",
        url="https://coastal.example/storm",
    )


@pytest.mark.parametrize(
    ("content", "title", "text"),
    [
        ("Just text, no front matter.\n", None, "Just text, no front matter.\n"),
        ("# A Heading\n\nBody.\n", "A Heading", "# A Heading\n\nBody.\n"),
        ("---\n---\nBody only.", None, "Body only."),
        ("---\ntitle: From YAML\n...\n# Heading\nBody.", "From YAML", "# Heading\nBody."),
        ("---\r\ntitle: CRLF\r\n---\r\nBody.\r\n", "CRLF", "Body.\r\n"),
        ("Intro\n\n---\n\nA horizontal rule is not front matter.", None,
         "Intro\n\n---\n\nA horizontal rule is not front matter."),
    ],
)
def test_markdown_variants(tmp_path: Path, content: str, title: str | None, text: str) -> None:
    [article] = read_file(write(tmp_path, "story.markdown", content))
    assert (article.title, article.text) == (title, text)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("---\ntitle: [unclosed\n---\nBody.", "the front matter is not valid YAML on line"),
        ("---\n- just\n- a list\n---\nBody.", "not a list of 'name: value' fields"),
        ("---\ntitle: Never closed\nBody.", "never closed"),
        ("---\ntitle: No body\n---\n\n  \n", "contains no text"),
    ],
)
def test_markdown_errors(tmp_path: Path, content: str, reason: str) -> None:
    assert reason in read_error(write(tmp_path, "bad.md", content)).reason


# --- HTML ----------------------------------------------------------------------------------


def test_html_file(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "page.html",
        '<html><head><meta property="og:site_name" content="Planet">'
        '<meta property="og:title" content="Headline">'
        '<meta property="article:published_time" content="2024-07-16T10:00:00Z">'
        '<meta property="og:url" content="https://planet.example/a"></head>'
        "<body><nav>Menu</nav><article><p>Para one.</p><p>Para two.</p></article></body></html>",
    )
    assert read_file(path) == [
        ParsedArticle(
            text="Para one.\n\nPara two.",
            origin=str(path),
            title="Headline",
            source="Planet",
            published="2024-07-16",
            url="https://planet.example/a",
        )
    ]


@pytest.mark.parametrize(
    ("charset", "text"),
    [
        ("windows-1251", "Новости дня"),
        ("iso-8859-1", "“Smart” quotes cost €5"),  # labelled latin-1, really cp1252
        ("koi8-r", "Привет"),
    ],
)
def test_html_meta_charset_is_honoured(tmp_path: Path, charset: str, text: str) -> None:
    encoding = "cp1252" if charset == "iso-8859-1" else charset
    html = f'<html><head><meta charset="{charset}"></head><body><p>{text}</p></body></html>'
    [article] = read_file(write(tmp_path, "page.htm", html.encode(encoding)))
    assert article.text == text


def test_html_utf8_ignores_wrong_meta_charset(tmp_path: Path) -> None:
    html = '<meta charset="iso-8859-1"><p>Café €5</p>'
    [article] = read_file(write(tmp_path, "page.html", html.encode("utf-8")))
    assert article.text == "Café €5"


def test_html_unclosed_tags_still_yield_text(tmp_path: Path) -> None:
    html = "<html><body><div><p>First<p>Second <b>bold <i>and italic"
    [article] = read_file(write(tmp_path, "broken.html", html))
    assert article.text == "First\n\nSecond bold and italic"


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><script>var a = 1;</script><style>p {}</style></head><body></body></html>",
        "<html><body><nav>Home</nav><footer>© 2024</footer></body></html>",
        "<html><body>   </body></html>",
    ],
)
def test_html_without_readable_text_is_an_error(tmp_path: Path, html: str) -> None:
    assert "no readable text" in read_error(write(tmp_path, "empty.html", html)).reason


# --- JSON ----------------------------------------------------------------------------------

RECORD = {
    "headline": "Storm hits coast",
    "publisher": {"name": "Coastal News", "url": "https://coastal.example"},
    "byline": ["Ann Smith", "Bo Li"],
    "pubDate": "Tue, 16 Jul 2024 10:00:00 GMT",
    "source_url": "https://coastal.example/storm",
    "articleBody": "  The storm arrived.\n\nIt left.  ",
}
EXPECTED = dict(
    text="  The storm arrived.\n\nIt left.  ",  # as given, not stripped
    title="Storm hits coast",
    source="Coastal News",
    author="Ann Smith, Bo Li",
    published="2024-07-16",
    url="https://coastal.example/storm",
)


def test_json_single_object(tmp_path: Path) -> None:
    path = write(tmp_path, "one.json", json.dumps(RECORD))
    assert read_file(path) == [ParsedArticle(origin=str(path), **EXPECTED)]


@pytest.mark.parametrize("wrapper", [None, "articles", "items", "data"])
def test_json_list_of_objects(tmp_path: Path, wrapper: str | None) -> None:
    records = [RECORD, {"title": "Second", "text": "Second text."}]
    document = records if wrapper is None else {"status": "ok", wrapper: records}
    path = write(tmp_path, "many.json", json.dumps(document))
    assert read_file(path) == [
        ParsedArticle(origin=f"{path}#1", **EXPECTED),
        ParsedArticle(text="Second text.", origin=f"{path}#2", title="Second"),
    ]


def test_json_object_with_text_and_a_data_list_is_one_article(tmp_path: Path) -> None:
    path = write(tmp_path, "a.json", json.dumps({"text": "The story.", "data": [1, 2, 3]}))
    assert read_file(path) == [ParsedArticle(text="The story.", origin=str(path))]


@pytest.mark.parametrize(
    ("record", "field", "expected"),
    [
        ({"title": "T", "headline": "H"}, "title", "T"),  # first field wins
        ({"title": "", "headline": "H"}, "title", "H"),  # an empty value is no value
        ({"name": "  Spaced\n  title "}, "title", "Spaced title"),
        ({"source": {"name": "Reuters"}}, "source", "Reuters"),
        ({"source_name": "AP"}, "source", "AP"),
        ({"authors": [{"name": "A"}, "B"]}, "author", "A, B"),
        ({"creator": "C"}, "author", "C"),
        ({"date": "July 16, 2024"}, "published", "2024-07-16"),
        ({"published": "garbage", "date": "2024-07-16"}, "published", "2024-07-16"),
        ({"published_at": "whenever"}, "published", None),
        ({"source_url": "www.theguardian.com", "link": "https://x.example/a"}, "url",
         "https://x.example/a"),
        ({"url": "www.theguardian.com"}, "url", None),  # a bare domain is not a URL
        ({"url": "ftp://x.example/a"}, "url", None),
    ],
)
def test_json_fields(tmp_path: Path, record: dict, field: str, expected: str | None) -> None:
    [article] = read_file(write(tmp_path, "a.json", json.dumps({**record, "content": "Text."})))
    assert getattr(article, field) == expected


@pytest.mark.parametrize(
    ("record", "text"),
    [
        ({"content_original": "Original.", "content": "Cleaned."}, "Original."),
        ({"content_original": "", "body": "Body."}, "Body."),
        ({"article": ["Para one.", "Para two."]}, "Para one.\n\nPara two."),
    ],
)
def test_json_text_field(tmp_path: Path, record: dict, text: str) -> None:
    [article] = read_file(write(tmp_path, "a.json", json.dumps(record)))
    assert article.text == text


def test_json_records_without_text_are_skipped_with_a_warning(tmp_path: Path) -> None:
    records = [{"text": "One."}, {"title": "No text"}, {"text": "   "}, {"text": "Four."}]
    path = write(tmp_path, "a.json", json.dumps(records))
    articles, warnings = read_file_report(path)
    assert [(a.text, a.origin) for a in articles] == [("One.", f"{path}#1"), ("Four.", f"{path}#4")]
    assert warnings == ["record 2: no article text; skipped", "record 3: no article text; skipped"]
    assert read_file(path) == articles


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('{"title": "x", "text": "y",}', "not valid JSON: Expecting property name enclosed in "
                                         "double quotes at line 1, column 28"),
        ('[\n  {"text": "a"},\n  {"text": \n', "not valid JSON"),
        ('{"title": "No text here"}', "no article text: the record has no non-empty content_original, "),
        ('[{"title": "a"}, {"text": ""}]', "no article text: none of the 2 records has a non-empty"),
        ("[]", "contains no articles"),
        ('{"articles": []}', "contains no articles"),
        ('"just a string"', "the JSON holds a string, not articles"),
        ("42", "the JSON holds a number, not articles"),
        ('[{"text": "ok"}, "stray"]', "record 2 is a string, not an article object"),
    ],
)
def test_json_errors(tmp_path: Path, content: str, reason: str) -> None:
    assert reason in read_error(write(tmp_path, "bad.json", content)).reason


def test_json_error_gives_line_and_column(tmp_path: Path) -> None:
    error = read_error(write(tmp_path, "bad.json", '[\n  {"text": "a"},\n  {"text" "b"}\n]'))
    assert error.reason == "not valid JSON: Expecting ':' delimiter at line 3, column 11"


# --- JSON Lines ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["feed.jsonl", "feed.ndjson"])
def test_jsonl(tmp_path: Path, name: str) -> None:
    lines = [json.dumps(RECORD), "", "   ", json.dumps({"title": "Two", "text": "Line\u2028sep"})]
    path = write(tmp_path, name, "\r\n".join(lines) + "\r\n")
    articles, warnings = read_file_report(path)
    assert articles == [
        ParsedArticle(origin=f"{path}#1", **EXPECTED),
        # record 2, though on line 4: blank lines are not records
        ParsedArticle(text="Line\u2028sep", origin=f"{path}#2", title="Two"),
    ]
    assert warnings == []


def test_jsonl_warns_about_lines_without_text(tmp_path: Path) -> None:
    content = '{"text": "a"}\n\n{"title": "b"}\n{"text": "c"}\n'
    articles, warnings = read_file_report(write(tmp_path, "f.jsonl", content))
    assert [a.text for a in articles] == ["a", "c"]
    assert [a.origin.rsplit("#")[1] for a in articles] == ["1", "3"]
    assert warnings == ["line 3: no article text; skipped"]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('{"text": "a"}\n{"text": "b"\n{"text": "c"}\n',
         "line 2 is not valid JSON: Expecting ',' delimiter at column 13"),
        ('{"text": "a"}\n\n[1, 2]\n', "line 3 is a list, not an article object"),
        ('{"title": "a"}\n{"title": "b"}\n', "no article text: none of the 2 records has"),
        ("\n\n  \n", "the file contains no articles"),
    ],
)
def test_jsonl_errors_fail_the_whole_file(tmp_path: Path, content: str, reason: str) -> None:
    assert read_error(write(tmp_path, "f.jsonl", content)).reason.startswith(reason)


def test_allsides_sample() -> None:
    from tests.conftest import require_shared

    require_shared(ALLSIDES)
    articles, warnings = read_file_report(ALLSIDES)
    assert len(articles) == 400 and warnings == []
    for number, article in enumerate(articles, start=1):
        assert article.origin == f"{ALLSIDES}#{number}"
        assert article.title and article.source and article.text.strip()
        assert article.published and len(article.published) == 10
        assert article.published[4] == "-" and article.published[7] == "-"
        assert article.url and article.url.startswith("http")
    first = articles[0]
    assert first.source == "The Guardian"
    assert (first.author, first.published) == ("Lloyd Green", "2018-01-29")
    assert first.url.startswith("https://www.theguardian.com/")  # url, not the bare source_url


# --- Files that cannot be read -------------------------------------------------------------


def test_not_found(tmp_path: Path) -> None:
    error = read_error(tmp_path / "missing.txt")
    assert (error.path, error.reason) == (str(tmp_path / "missing.txt"), "file not found")
    assert str(error) == f"{tmp_path / 'missing.txt'}: file not found"


def test_directory(tmp_path: Path) -> None:
    (tmp_path / "folder.txt").mkdir()
    assert read_error(tmp_path / "folder.txt").reason == "is a folder, not a file"


@pytest.mark.parametrize("name", ["a.txt", "a.json", "a.jsonl", "a.md", "a.html"])
def test_empty_file(tmp_path: Path, name: str) -> None:
    assert read_error(write(tmp_path, name, b"")).reason == "the file is empty"


@pytest.mark.parametrize("content", ["   \n\t\r\n", "\ufeff\n"])
def test_blank_txt(tmp_path: Path, content: str) -> None:
    assert "contains no text" in read_error(write(tmp_path, "blank.txt", content)).reason


def test_too_large_is_refused_before_reading(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as file:
        file.truncate(int(52.4 * 1024 * 1024))  # sparse: instant, no disk used
    monkeypatch.setattr(readers, "open", lambda *a, **k: pytest.fail("opened a too-large file"),
                        raising=False)
    assert read_error(path).reason == "file too large: 52.4 MB; the limit is 25 MB"


def test_exactly_the_limit_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "limit.txt"
    with open(path, "wb") as file:
        file.write(b"x")
        file.seek(MAX_FILE_BYTES - 2)
        file.write(b"y")  # the hole reads as NULs, so it is "binary", but not "too large"
    assert read_error(path).reason == "looks like a binary file, not text"


@pytest.mark.parametrize(
    ("name", "shown"),
    [("report.docx", "'.docx'"), ("photo.PNG", "'.png'"), ("README", "(no file extension)")],
)
def test_unsupported_extension(tmp_path: Path, name: str, shown: str) -> None:
    error = read_error(write(tmp_path, name, "text"))
    assert error.reason == (
        f"unsupported file type {shown}; Parallax reads "
        ".txt, .md, .markdown, .html, .htm, .json, .jsonl, .ndjson"
    )


@pytest.mark.parametrize("name", ["data.txt", "data.json", "data.html", "data.md"])
def test_binary_file(tmp_path: Path, name: str) -> None:
    path = write(tmp_path, name, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
    assert read_error(path).reason == "looks like a binary file, not text"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path, "secret.txt", "Text.")
    path.chmod(0)
    try:
        assert read_error(path).reason == "permission denied: Parallax cannot read this file"
    finally:
        path.chmod(0o644)


def test_permission_error_while_reading(tmp_path: Path, monkeypatch) -> None:
    """The same path as test_unreadable_file, for runs as root."""
    path = write(tmp_path, "secret.txt", "Text.")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(readers, "open", refuse, raising=False)
    assert read_error(path).reason == "permission denied: Parallax cannot read this file"


def test_fifo_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    assert read_error(path).reason == "is not a regular file"  # and did not block


def test_supported_extensions_match_the_readers() -> None:
    assert set(SUPPORTED_EXTENSIONS) == set(readers._READERS)


# --- Pasted text ---------------------------------------------------------------------------


def test_read_text_keeps_text_exactly() -> None:
    text = "  Pasted\r\nheadline\n\n body  "
    assert read_text(text, "clipboard") == ParsedArticle(text=text, origin="clipboard")


@pytest.mark.parametrize("text", ["", "  \n\t "])
def test_read_text_refuses_blank(text: str) -> None:
    with pytest.raises(ReadError) as caught:
        read_text(text, "clipboard")
    assert (caught.value.path, caught.value.reason) == ("clipboard", "there is no text to import")


def test_a_date_that_is_no_date_is_said_and_the_article_comes_in_without_one(tmp_path):
    records = tmp_path / "dated.json"
    records.write_text(json.dumps([{"title": "a", "text": "Some article text here.", "date": "2020-02-30"},
                                   {"title": "b", "text": "More text, fine.", "date": "2020-03-01"},
                                   {"title": "c", "text": "Third text.", "published": "0001-11-30"}]),
                       encoding="utf-8")
    articles, warnings = read_file_report(records)
    assert [a.published for a in articles] == [None, "2020-03-01", None]
    assert warnings == ["record 1: the date '2020-02-30' is not one Parallax can read; imported without a date",
                        "record 3: the date '0001-11-30' is not one Parallax can read; imported without a date"]
    front = tmp_path / "front.md"
    front.write_text("---\ntitle: X\ndate: 2020-13-45\n---\nBody text of the thing.\n", encoding="utf-8")
    [article], warnings = read_file_report(front)
    assert article.published is None and warnings == [
        "the front matter: the date '2020-13-45' is not one Parallax can read; imported without a date"]


def test_past_the_first_warnings_the_rest_of_the_unreadable_dates_are_counted(tmp_path):
    from desktop.core.library.readers import MAX_WARNINGS

    records = tmp_path / "many.jsonl"
    records.write_text("\n".join(json.dumps({"title": f"t{n}", "text": f"Text number {n}.", "date": "2020-02-30"})
                                 for n in range(MAX_WARNINGS + 50)), encoding="utf-8")
    articles, warnings = read_file_report(records)
    assert len(articles) == MAX_WARNINGS + 50 and len(warnings) == MAX_WARNINGS + 1
    assert warnings[-1] == "50 more records with a date Parallax cannot read; imported without a date"

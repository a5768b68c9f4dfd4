"""Readers against hostile files (issue #10): real files in tmp_path, real libraries, no mocks.

Deep nesting, unpaired surrogates, damaged UTF-8, encodings other than UTF-8, 5,000-digit numbers,
JSON Lines larger than the single-file limit, and folders whose links lead elsewhere.
"""

from __future__ import annotations

import codecs
import json
import os
import time
import tracemalloc
from pathlib import Path

import pytest

from desktop.core.errors import ReadError
from desktop.core.interchange.import_annotations import AnnotationFileError, import_annotations
from desktop.core.library import import_paths, open_library
from desktop.core.library.decoding import decode_bytes, decode_report
from desktop.core.library.readers import (
    MAX_FILE_BYTES,
    MAX_HTML_TAGS,
    list_folder,
    read_file,
    read_file_report,
    read_text,
)

DEEP = 100_000
NEWS = ("The ministry said on Tuesday that the ban would start on Sept. 29. “We acted on the evidence,” "
        "a spokesperson said — shares fell 5% to €42.10.\n")


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content)
    return path


def refusal(path: Path) -> ReadError:
    with pytest.raises(ReadError) as caught:
        read_file(path)
    error = caught.value
    assert error.path == str(path) and str(error).startswith(str(path))
    assert "\n" not in str(error)
    return error


# --------------------------------------------------------------------------- D3: deep nesting


@pytest.mark.parametrize(("name", "content", "reason"), [
    ("deep.json", "[" * DEEP + "]" * DEEP, "the JSON is nested too deeply to read"),
    ("deep-object.json", '{"a":' * DEEP + "1" + "}" * DEEP, "the JSON is nested too deeply to read"),
    ("deep.jsonl", '{"text": "fine"}\n' + "[" * DEEP + "]" * DEEP + "\n", "line 2 is nested too deeply to read"),
    ("deep.ndjson", '{"text": "x", "more": ' + "[" * DEEP + "]" * DEEP + "}\n", "line 1 is nested too deeply to read"),
])
def test_json_nested_100000_levels_is_one_clear_error(tmp_path, name, content, reason):
    assert refusal(write(tmp_path, name, content)).reason == reason


def test_jsonld_nested_100000_levels_is_one_clear_error(library, tmp_path):
    path = write(tmp_path, "deep.jsonld", "[" * DEEP + "]" * DEEP)
    with pytest.raises(AnnotationFileError) as caught:
        import_annotations(library, path)
    assert str(caught.value) == f"{path}: the JSON is nested too deeply to read; nothing was imported."


def test_yaml_front_matter_nested_deeply_is_one_clear_error(tmp_path):
    path = write(tmp_path, "deep.md", "---\ntitle: " + "[" * 20_000 + "]" * 20_000 + "\n---\nBody.\n")
    assert refusal(path).reason == "the front matter is nested too deeply to read"


def test_deep_json_ld_inside_a_page_is_ignored_like_any_broken_json_ld(tmp_path):
    page = '<script type="application/ld+json">' + "[" * DEEP + "]" * DEEP + "</script><p>The story.</p>"
    [article] = read_file(write(tmp_path, "page.html", page))
    assert article.text == "The story."


def test_a_wide_json_ld_list_inside_a_page_is_read_in_linear_time(tmp_path):
    page = '<script type="application/ld+json">[' + "1," * 300_000 + '{"headline": "Found"}]</script><p>Body.</p>'
    started = time.perf_counter()
    [article] = read_file(write(tmp_path, "page.html", page))
    assert article.title == "Found" and time.perf_counter() - started < 5


# ------------------------------------------------------------------ D3: unpaired surrogates


def test_lone_surrogates_in_json_become_replacement_characters_with_a_warning(tmp_path):
    path = write(tmp_path, "a.json", '{"title": "Bad \\ud800 title", "text": "Text \\udfff and \\ud83d\\ude00."}')
    [article], warnings = read_file_report(path)
    assert article.title == "Bad \ufffd title"
    assert article.text == "Text \ufffd and 😀."  # a proper pair stays one character
    assert warnings == ["the file: 2 unpaired surrogates (as in \\ud800, not a character) in its text, title; "
                        "shown as \ufffd"]
    article.text.encode("utf-8")


def test_lone_surrogates_in_json_lines_are_reported_by_record(tmp_path):
    path = write(tmp_path, "a.jsonl", '{"text": "fine"}\n{"text": "half \\ud800"}\n')
    articles, warnings = read_file_report(path)
    assert [a.text for a in articles] == ["fine", "half \ufffd"]
    assert warnings == ["record 2: an unpaired surrogate (as in \\ud800, not a character) in its text; shown as \ufffd"]


def test_lone_surrogates_in_yaml_and_in_json_ld_metadata_are_replaced(tmp_path):
    [md] = read_file(write(tmp_path, "a.md", '---\ntitle: "x\\ud800"\n---\nBody.\n'))
    page = '<script type="application/ld+json">{"headline": "y\\udbff"}</script><p>Body.</p>'
    [html] = read_file(write(tmp_path, "a.html", page))
    assert (md.title, html.title) == ("x\ufffd", "y\ufffd")


def test_text_with_lone_surrogates_is_stored_in_a_real_library(library, tmp_path):
    path = write(tmp_path, "a.json", '{"title": "T\\ud800", "text": "Stored \\udc00 text."}')
    report = import_paths(library, [path])
    assert report.failures == [] and len(report.added) == 1
    stored = library.article(report.added[0])
    assert (stored.title, stored.text) == ("T\ufffd", "Stored \ufffd text.")
    assert library.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_a_note_with_a_lone_surrogate_is_imported_with_a_warning(library, tmp_path):
    article = library.article(library.stories()[0].article_ids[0])
    quote = article.text[100:130]
    item = {"type": "Annotation", "body": {"type": "TextualBody", "value": "half \ud800 a character"},
            "target": {"source": "urn:parallax:article:" + __import__("urllib.parse").parse.quote(article.origin, safe=""),
                       "selector": {"type": "TextQuoteSelector", "exact": quote}}}
    path = write(tmp_path, "note.jsonld", json.dumps(item))  # json.dumps writes the escape \ud800
    report = import_annotations(library, path)
    assert report.attached == 1
    assert report.warnings == ["an unpaired surrogate (as in \\ud800, not a character) shown as \ufffd"]
    assert library.annotation(report.annotation_ids[0]).note == "half \ufffd a character"


# ------------------------------------------------------------- D3 / D9: numbers and dates


def test_a_5000_digit_number_in_json_is_no_crash(tmp_path):
    path = write(tmp_path, "a.json", '{"title": ' + "9" * 5000 + ', "date": ' + "1" * 5000 + ', "text": "Body."}')
    [article] = read_file(path)
    assert article.title == "9" * 5000 and article.published is None


def test_impossible_dates_and_huge_numbers_in_front_matter_stay_text(tmp_path):
    path = write(tmp_path, "a.md", "---\ndate: 2024-13-45\ntitle: " + "7" * 5000 + "\n---\nBody.\n")
    [article] = read_file(path)
    assert (article.title, article.published, article.text) == ("7" * 5000, None, "Body.\n")


def test_a_5000_digit_offset_in_json_ld_is_an_invalid_offset(library, tmp_path):
    item = {"type": "Annotation", "target": {"source": "urn:x", "selector": {
        "type": "TextPositionSelector", "start": 0, "end": 5}}}
    path = write(tmp_path, "a.jsonld", json.dumps(item).replace('"start": 0', '"start": ' + "9" * 5000))
    with pytest.raises(AnnotationFileError) as caught:
        import_annotations(library, path)
    assert str(caught.value) == (f"{path}: annotation 1: the TextPositionSelector needs whole numbers "
                                 "0 <= start < end, not a 5,000-digit number..5; nothing was imported.")


def test_values_that_are_not_text_give_no_metadata(tmp_path):
    [md] = read_file(write(tmp_path, "a.md", "---\ntitle: !!binary aGVsbG8=\nauthor: !!set {a, b}\n---\nBody.\n"))
    [js] = read_file(write(tmp_path, "a.json", '{"title": NaN, "author": Infinity, "source": 12, "text": "Body."}'))
    assert (md.title, md.author) == (None, None)
    assert (js.title, js.author, js.source) == (None, None, "12")


def test_front_matter_that_would_run_code_is_refused(tmp_path):
    path = write(tmp_path, "a.md", "---\ntitle: !!python/object/apply:os.system ['echo pwned']\n---\nBody.\n")
    assert refusal(path).reason.startswith("the front matter is not valid YAML")


def test_a_yaml_bomb_in_front_matter_expands_nothing(tmp_path):
    laughs = "".join(f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(8))
    path = write(tmp_path, "bomb.md", "---\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + laughs +
                 "title: *i\nauthor: *i\n---\nThe body.\n")
    started = time.perf_counter()
    [article] = read_file(path)
    assert (article.title, article.author, article.text) == (None, None, "The body.\n")
    assert time.perf_counter() - started < 2


def test_front_matter_over_a_megabyte_is_refused(tmp_path):
    path = write(tmp_path, "a.md", "---\n" + "".join(f"k{n}: {'v' * 100}\n" for n in range(12_000)) + "---\nB.\n")
    assert refusal(path).reason == "the front matter is longer than 1024 KB; front matter holds a few fields"


def test_a_page_with_too_many_tags_is_refused_before_parsing(tmp_path):
    path = write(tmp_path, "a.html", "<i>" * (MAX_HTML_TAGS + 1))
    started = time.perf_counter()
    assert refusal(path).reason == "the page has more than 400,000 tags; a news page has a few thousand"
    assert time.perf_counter() - started < 1


def test_ten_thousand_records_without_text_give_a_bounded_list_of_warnings(tmp_path):
    lines = [json.dumps({"title": f"no text {n}"}) for n in range(10_000)] + ['{"text": "the one article"}']
    articles, warnings = read_file_report(write(tmp_path, "a.jsonl", "\n".join(lines)))
    assert [a.text for a in articles] == ["the one article"]
    assert len(warnings) == 101 and warnings[0] == "line 1: no article text; skipped"
    assert warnings[-1] == "9900 more records without article text; skipped"


# ------------------------------------------------------------------ D8: damaged UTF-8


def damaged(text: str, times: int = 1) -> bytes:
    """UTF-8 of ``text`` with the second byte of the first ``times`` em dashes overwritten."""
    data = bytearray(text.encode("utf-8"))
    start = 0
    for _ in range(times):
        start = data.index("—".encode(), start) + 1
        data[start] = ord("A")
    return bytes(data)


def test_a_utf8_file_with_one_damaged_byte_stays_utf8(tmp_path):
    path = write(tmp_path, "a.txt", damaged(NEWS * 30))
    [article], warnings = read_file_report(path)
    assert article.text.count("€") == 30 and article.text.count("“") == 30  # not cp1252 mojibake
    assert article.text.count("\ufffdA\ufffd") == 1  # the broken dash: its two stray bytes, and the "A"
    assert article.text.count("\ufffd") == 2
    assert warnings == ["the UTF-8 text has a damaged place (the first on line 1); shown as \ufffd"]


def test_a_short_utf8_text_with_a_damaged_byte_stays_utf8():
    text, warnings = decode_report(damaged("Prices — and “quotes” rose."), "a.txt")
    assert text.startswith("Prices \ufffdA") and "“quotes”" in text
    assert len(warnings) == 1


def test_damage_is_counted_by_place_and_located_by_line():
    data = ("ascii line\n" * 4).encode() + damaged("é — é\n" * 300, times=3)
    text, [warning] = decode_report(data, "a.txt")
    assert warning == "the UTF-8 text has 3 damaged places (the first on line 5); shown as \ufffd"
    assert text.count("é") == 600


def test_a_file_marked_as_utf8_with_a_bom_is_utf8_whatever_the_damage(tmp_path):
    [article], warnings = read_file_report(write(tmp_path, "a.txt", codecs.BOM_UTF8 + b"caf\xe9 \xff and \xe9"))
    assert article.text == "caf\ufffd \ufffd and \ufffd"
    assert warnings == ["the UTF-8 text has 2 damaged places (the first on line 1); shown as \ufffd"]


def test_a_shift_jis_file_is_not_taken_for_damaged_utf8(tmp_path):
    text = "政府は水曜日、新たな経済対策を発表した。総額は約十七兆円に上る。\n"
    [article], warnings = read_file_report(write(tmp_path, "a.txt", text.encode("shift_jis")))
    assert article.text == text and warnings == []


def test_a_cp1252_file_is_still_read_as_cp1252(tmp_path):
    [article], warnings = read_file_report(write(tmp_path, "a.txt", (NEWS * 5).encode("cp1252")))
    assert article.text == NEWS * 5 and warnings == []


@pytest.mark.parametrize(("text", "encoding"), [
    ("Правительство объявило о новых мерах поддержки экономики. По словам министра, на эти цели "
     "будет направлено более 500 миллиардов рублей. Эксперты сомневаются в эффективности мер.\n", "koi8-r"),
    ("Η κυβέρνηση ανακοίνωσε την Τετάρτη νέα μέτρα στήριξης για τα νοικοκυριά που πλήττονται από την "
     "ακρίβεια. Η αντιπολίτευση χαρακτήρισε τα μέτρα ανεπαρκή.\n", "iso-8859-7"),
    ("政府は水曜日、物価高騰に対応するための新たな経済対策を発表した。総額は約十七兆円に上り、低所得世帯への"
     "給付金や電気料金の負担軽減策が含まれる。\n", "shift_jis"),
    ("Rząd przyjął we wtorek projekt ustawy o obniżeniu podatku dochodowego dla najmniej zarabiających. "
     "Według ministra finansów zmiany obejmą ponad dziesięć milionów podatników.\n", "cp1250"),
])
def test_other_encodings_are_recognised(tmp_path, text, encoding):
    [article] = read_file(write(tmp_path, "a.txt", text.encode(encoding)))
    assert article.text == text


def test_long_utf16_without_a_bom_is_read_and_short_stays_binary(tmp_path):
    [article] = read_file(write(tmp_path, "a.txt", (NEWS * 2).encode("utf-16-le")))
    assert article.text == NEWS * 2
    assert refusal(write(tmp_path, "b.txt", "hello".encode("utf-16-le"))).reason == "looks like a binary file, not text"


def test_boms_and_binary_refusal_are_kept(tmp_path):
    assert decode_bytes(codecs.BOM_UTF8 + "é".encode(), "a.txt") == "é"
    assert decode_bytes(codecs.BOM_UTF16_BE + "é".encode("utf-16-be"), "a.txt") == "é"
    assert refusal(write(tmp_path, "a.txt", b"\x89PNG\r\n\x1a\n\x00\x00")).reason == "looks like a binary file, not text"
    truncated = codecs.BOM_UTF16_LE + NEWS.encode("utf-16-le")[:-1]
    assert refusal(write(tmp_path, "b.txt", truncated)).reason == "starts like UTF-16-LE text but is not valid UTF-16-LE"


def test_read_text_keeps_pasted_text_exactly():
    assert read_text("  x\r\n", "clipboard").text == "  x\r\n"


# ------------------------------------------------------------ JSON Lines over the file limit


def big_jsonl(path: Path, records: int, filler: int, last: str = "") -> Path:
    """``records`` lines of about ``filler`` bytes each, mostly an unused field; the text is short."""
    with open(path, "w", encoding="utf-8", newline="\n") as file:
        for n in range(records):
            file.write(json.dumps({"title": f"Record {n}", "text": f"Article text {n} — “ok”.",
                                   "html": "x" * filler}, ensure_ascii=False) + "\n")
        file.write(last)
    return path


def test_json_lines_over_the_file_limit_are_streamed_with_bounded_memory(tmp_path):
    path = big_jsonl(tmp_path / "big.jsonl", records=2_700, filler=10_000)
    assert path.stat().st_size > MAX_FILE_BYTES
    tracemalloc.start()
    try:
        articles, warnings = read_file_report(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(articles) == 2_700 and warnings == []
    assert articles[-1].text == "Article text 2699 — “ok”." and articles[-1].origin == f"{path}#2700"
    assert peak < path.stat().st_size / 4  # the articles, not the file: each line is let go when read


def test_streamed_json_lines_with_one_bad_line_import_nothing(library, tmp_path):
    path = big_jsonl(tmp_path / "big.ndjson", records=2_700, filler=10_000, last='{"text": "broken\n')
    before = [a.id for a in library.articles()]
    report = import_paths(library, [path])
    [(failed, reason)] = report.failures
    assert failed == str(path) and reason.startswith("line 2701 is not valid JSON: Unterminated string")
    assert [a.id for a in library.articles()] == before


def test_a_streamed_record_over_the_article_limit_is_refused(tmp_path):
    path = big_jsonl(tmp_path / "big.jsonl", records=1, filler=10,
                     last=json.dumps({"text": "y" * (MAX_FILE_BYTES + 10)}) + "\n")
    assert refusal(path).reason == "line 2 is longer than 25 MB, the limit for one article"


def test_streamed_json_lines_keep_utf8_damage_and_bom_handling(tmp_path):
    path = big_jsonl(tmp_path / "big.jsonl", records=2_700, filler=10_000)
    data = bytearray(codecs.BOM_UTF8 + path.read_bytes())
    data[data.index("—".encode()) + 1] = ord("A")  # damage one dash
    path.write_bytes(bytes(data))
    articles, warnings = read_file_report(path)
    assert len(articles) == 2_700 and articles[0].text.startswith("Article text 0 ")
    assert articles[0].title == "Record 0"  # the BOM is not part of the first record


def test_streamed_json_lines_in_utf16_with_a_bom(tmp_path):
    text = "".join(json.dumps({"text": f"Record {n} é", "pad": "x" * 5000}) + "\n" for n in range(2_700))
    path = write(tmp_path, "big.jsonl", codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    assert path.stat().st_size > MAX_FILE_BYTES
    articles = read_file(path)
    assert len(articles) == 2_700 and articles[-1].text == "Record 2699 é"


# ----------------------------------------------------------------------- D7: folders and links


def tree(tmp_path: Path) -> tuple[Path, Path]:
    """An imported folder beside an outside folder, each with a text."""
    inside, outside = tmp_path / "inside", tmp_path / "outside"
    (inside / "sub").mkdir(parents=True)
    outside.mkdir()
    write(inside, "a.txt", "A.")
    write(inside / "sub", "b.md", "B.")
    write(inside, "skip.docx", "not read")
    write(inside, ".hidden.txt", "hidden")
    write(outside, "secret.txt", "Outside the folder.")
    return inside, outside


def test_list_folder_lists_supported_files_sorted_and_says_which_it_does_not_read(tmp_path):
    inside, _ = tree(tmp_path)
    files, skipped = list_folder(inside)
    assert files == [inside / "a.txt", inside / "sub" / "b.md"]
    # a .docx is not read, and the import says so once, by type (hidden files are left out silently)
    assert skipped == [(str(inside), "1 file of a type Parallax does not read (.docx); it reads .txt, .md, "
                                     ".markdown, .html, .htm, .json, .jsonl, .ndjson")]


def _links(skipped):
    """The skipped entries about links (not the one line about file types Parallax does not read)."""
    return [entry for entry in skipped if "does not read" not in entry[1]]


def test_links_that_lead_outside_the_folder_are_skipped_and_reported(tmp_path):
    inside, outside = tree(tmp_path)
    (inside / "secret.txt").symlink_to(outside / "secret.txt")
    (inside / "elsewhere").symlink_to(outside, target_is_directory=True)
    (inside / "passwd.txt").symlink_to("/etc/passwd")
    files, skipped = list_folder(inside)
    assert files == [inside / "a.txt", inside / "sub" / "b.md"]
    assert sorted(_links(skipped)) == [
        (str(inside / "elsewhere"), f"a link to {outside}, outside the imported folder; skipped"),
        (str(inside / "passwd.txt"), f"a link to {Path('/etc/passwd').resolve()}, outside the imported folder; skipped"),
        (str(inside / "secret.txt"), f"a link to {outside / 'secret.txt'}, outside the imported folder; skipped"),
    ]


def test_links_inside_the_folder_are_followed_once(tmp_path):
    inside, _ = tree(tmp_path)
    (inside / "again.txt").symlink_to(inside / "a.txt")
    (inside / "sub-link").symlink_to(inside / "sub", target_is_directory=True)
    (inside / "sub" / "up").symlink_to(inside, target_is_directory=True)  # back up: a loop for a naive walk
    (inside / "extra").mkdir()
    write(inside / "extra", "c.txt", "C.")
    (inside / "c-link.txt").symlink_to(inside / "extra" / "c.txt")
    files, skipped = list_folder(inside)
    assert files == [inside / "a.txt", inside / "extra" / "c.txt", inside / "sub" / "b.md"]  # real paths win
    assert _links(skipped) == []


def test_link_loops_and_broken_links_do_not_hang(tmp_path):
    inside, _ = tree(tmp_path)
    os.symlink(inside / "loop-b", inside / "loop-a")
    os.symlink(inside / "loop-a", inside / "loop-b")
    os.symlink(inside / "nowhere.txt", inside / "broken.txt")
    started = time.perf_counter()
    files, skipped = list_folder(inside)
    assert time.perf_counter() - started < 1
    assert files == [inside / "a.txt", inside / "sub" / "b.md"]
    assert sorted(_links(skipped)) == [
        (str(inside / "broken.txt"), "a broken link (what it points to does not exist); skipped"),
        (str(inside / "loop-a"), "a link that leads round in a loop; skipped"),
        (str(inside / "loop-b"), "a link that leads round in a loop; skipped"),
    ]


def test_a_folder_that_is_itself_a_link_is_read_where_it_leads(tmp_path):
    inside, _ = tree(tmp_path)
    alias = tmp_path / "alias"
    alias.symlink_to(inside, target_is_directory=True)
    files, skipped = list_folder(alias)
    assert (files, _links(skipped)) == ([alias / "a.txt", alias / "sub" / "b.md"], [])


def test_a_deep_folder_tree_is_listed_without_recursion(tmp_path):
    folder = tmp_path / "deep"
    current = folder
    for _ in range(300):
        current = current / "d"
    current.mkdir(parents=True)
    write(current, "bottom.txt", "Bottom.")
    files, skipped = list_folder(folder)
    assert files == [current / "bottom.txt"] and skipped == []


def test_a_missing_folder_is_reported_not_raised(tmp_path):
    assert list_folder(tmp_path / "missing")[1][0][0] == str(tmp_path / "missing")


def test_what_list_folder_finds_imports_into_a_real_library(tmp_path):
    inside, outside = tree(tmp_path)
    (inside / "secret.txt").symlink_to(outside / "secret.txt")
    files, skipped = list_folder(inside)
    with open_library(tmp_path / "lib.sqlite") as store:
        report = import_paths(store, files)
        assert report.failures == [] and len(report.added) == 2
        assert "Outside the folder." not in {store.article(i).text for i in report.added}

"""Importing files into a library: batches, versions, duplicates, bad files, progress, cancel."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.core.library import import_pasted_text, import_paths, open_library
from tests.conftest import ALLSIDES


@pytest.fixture
def store(library_path):
    with open_library(library_path) as s:
        yield s


def write(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


def test_every_format_imports_into_a_story(store, tmp_path):
    files = [
        write(tmp_path / "a.txt", "Plain text article about a sales ban.\n"),
        write(tmp_path / "b.md", "---\ntitle: From Markdown\nsource: Blog\ndate: 2024-07-16\n---\nBody of the note.\n"),
        write(tmp_path / "c.html", "<html><head><title>From HTML</title><meta property='og:site_name' content='Site'>"
              "</head><body><article><p>Paragraph one of the story.</p><p>Two.</p></article></body></html>"),
        write(tmp_path / "d.json", json.dumps({"title": "From JSON", "source": "Wire", "content": "JSON body text."})),
        write(tmp_path / "e.jsonl", "\n".join(json.dumps({"title": f"Line {i}", "text": f"Record {i} text."})
                                           for i in range(3))),
    ]
    report = import_paths(store, files, story="Mixed")
    assert report.failures == []
    assert len(report.added) == 7
    story = store.story_by_name("Mixed")
    titles = {store.article(a).display_title for a in story.article_ids}
    assert {"From Markdown", "From HTML", "From JSON", "Line 0", "Line 2"} <= titles
    md = next(store.article(a) for a in story.article_ids if store.article(a).title == "From Markdown")
    assert (md.source, md.published) == ("Blog", "2024-07-16")


def test_cp1252_file_keeps_its_curly_quotes(store, tmp_path):
    path = write(tmp_path / "w.txt", "“Sad and difficult,” Kaspersky said — €5.\n", encoding="cp1252")
    report = import_paths(store, [path])
    assert store.article(report.added[0]).text.startswith("“Sad and difficult,” Kaspersky said — €5.")


def test_reimporting_an_edited_file_stores_a_new_version(store, tmp_path):
    path = write(tmp_path / "a.txt", "First capture of the article.")
    first = import_paths(store, [path])
    again = import_paths(store, [path])
    write(path, "Second capture, with a correction.")
    edited = import_paths(store, [path])
    assert again.unchanged == first.added
    assert edited.updated == first.added
    assert store.article(first.added[0]).version == 2


def test_bad_files_are_reported_and_the_rest_still_imports(store, tmp_path):
    good = write(tmp_path / "good.txt", "A perfectly good article.")
    empty = write(tmp_path / "empty.txt", "")
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 20)
    unknown = write(tmp_path / "doc.docx", "whatever")
    broken = write(tmp_path / "broken.json", '{"title": "x", "content": ')
    missing = tmp_path / "missing.txt"
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as f:
        f.truncate(50 * 1024 * 1024)
    report = import_paths(store, [empty, binary, good, unknown, broken, missing, huge])
    assert len(report.added) == 1
    reasons = dict(report.failures)
    assert set(reasons) == {str(p) for p in (empty, binary, unknown, broken, missing, huge)}
    assert "empty" in reasons[str(empty)]
    assert "binary" in reasons[str(binary)]
    assert ".docx" in reasons[str(unknown)]
    assert "JSON" in reasons[str(broken)]
    assert "not found" in reasons[str(missing)] or "no such" in reasons[str(missing)].lower()
    assert "MB" in reasons[str(huge)]


def test_malformed_jsonl_line_imports_nothing_from_that_file(store, tmp_path):
    path = write(tmp_path / "feed.jsonl", '{"title": "ok", "text": "fine text"}\n{not json}\n')
    before = len(store.articles())
    report = import_paths(store, [path])
    assert report.added == [] and len(report.failures) == 1
    assert "line 2" in report.failures[0][1]
    assert len(store.articles()) == before


def test_folders_import_their_supported_files(store, tmp_path):
    folder = tmp_path / "clips"
    (folder / "sub").mkdir(parents=True)
    write(folder / "one.txt", "One article text.")
    write(folder / "sub" / "two.md", "Two article text.")
    write(folder / "notes.pdf", "not an article")
    report = import_paths(store, [folder])
    assert len(report.added) == 2 and report.failures == []


def test_progress_is_reported_and_cancel_stops_between_files(store, tmp_path):
    files = [write(tmp_path / f"{i}.txt", f"Article number {i}.") for i in range(5)]
    seen = []
    report = import_paths(store, files, progress=lambda d, t, m: seen.append((d, t)))
    assert len(report.added) == 5
    assert seen[0] == (0, 5) and seen[-1] == (5, 5)
    calls = []
    cancelled = import_paths(store, [write(tmp_path / f"n{i}.txt", f"New {i}.") for i in range(5)],
                             is_cancelled=lambda: len(calls) >= 2, progress=lambda d, t, m: calls.append(d))
    assert cancelled.cancelled and len(cancelled.added) == 2


def test_pasted_text_becomes_an_article_in_the_story(store):
    story = store.stories()[0]
    status, article_id, changes = import_pasted_text(store, "Clipboard text of a new report.", story.id)
    assert status == "added"
    assert store.story(story.id).article_ids[-1] == article_id
    assert changes.touches("story_articles")


def test_allsides_sample_imports_all_400_articles(store):
    from tests.conftest import require_shared

    require_shared(ALLSIDES)
    report = import_paths(store, [ALLSIDES], story="AllSides")
    assert report.failures == [] and len(report.added) == 400
    guardian = [a for a in store.articles() if a.source == "The Guardian"]
    assert guardian and all(a.url.startswith("https://") for a in guardian)
    assert all(a.published and len(a.published) == 10 for a in store.articles(store.story_by_name("AllSides").id))


def _records(n: int, prefix: str = "r") -> list[dict]:
    return [{"title": f"{prefix} {i}", "url": f"https://example.com/{prefix}/{i}",
             "text": f"Report {prefix} number {i} says the council met on Monday.\n"} for i in range(n)]


def test_a_large_file_imports_in_batches_with_article_progress_into_a_story(store, tmp_path):
    from desktop.core.library import WRITE_BATCH

    path = tmp_path / "many.jsonl"
    count = WRITE_BATCH * 2 + 345
    path.write_text("\n".join(json.dumps(r) for r in _records(count)), encoding="utf-8")
    seen = []
    report = import_paths(store, [path], story="Many", progress=lambda d, t, m: seen.append((d, t)))
    assert len(report.added) == count and not report.failures
    assert list(store.story_by_name("Many").article_ids) == report.added  # in file order
    assert seen[0] == (0, 1)  # reading the one file, then its articles as they are written
    assert seen[-1] == (count, count) and {t for _, t in seen[1:]} == {count}
    assert [d for d, _ in seen[1:]] == sorted(d for d, _ in seen[1:]) and len(seen) > 5
    assert store.article(report.added[-1]).title == f"r {count - 1}"
    store.db.execute("INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')")
    assert [h.article_id for h in store.search("number 1234")] == [report.added[1234]]


def test_repeats_inside_one_file_are_updates_or_unchanged_as_one_by_one(store, tmp_path):
    records = _records(5)
    records.append(dict(records[1], text="Report r number 1 was corrected: the council met on Tuesday.\n"))
    records.append(dict(records[2]))  # the very same record again
    records.append(dict(records[3], url="https://example.com/elsewhere"))  # same text, other URL
    path = tmp_path / "repeats.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    report = import_paths(store, [path])
    assert len(report.added) == 5 and len(report.updated) == 1 and len(report.unchanged) == 2
    article = store.article(report.updated[0])
    assert article.version == 2 and "Tuesday" in article.text


def test_cancel_stops_a_large_import_between_transactions(store, tmp_path):
    from desktop.core.library import WRITE_BATCH

    path = tmp_path / "many.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in _records(WRITE_BATCH * 3)), encoding="utf-8")
    calls = []
    report = import_paths(store, [path], progress=lambda d, t, m: calls.append(d),
                          is_cancelled=lambda: bool(calls) and calls[-1] >= WRITE_BATCH)
    assert report.cancelled and len(report.added) == WRITE_BATCH


def test_a_folder_import_skips_links_out_of_the_folder_and_says_so(store, tmp_path, capsys):
    from desktop.cli import main

    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "secret.txt").write_text("Private notes that are not news.", encoding="utf-8")
    folder = tmp_path / "clips"
    folder.mkdir()
    (folder / "report.txt").write_text("A report on the council meeting.", encoding="utf-8")
    (folder / "sneaky.txt").symlink_to(outside / "secret.txt")
    (folder / "elsewhere").symlink_to(outside)
    report = import_paths(store, [folder])
    assert len(report.added) == 1 and not report.failures
    assert sorted(Path(p).name for p, _ in report.skipped) == ["elsewhere", "sneaky.txt"]
    assert all("outside the imported folder" in reason for _, reason in report.skipped)
    assert not store.search("Private")
    code = main(["--library", str(store.path), "import", str(folder), "--json"])
    out, err = capsys.readouterr()
    assert code == 0 and "skipped" in err and len(json.loads(out)["skipped"]) == 2


def test_repairs_made_while_reading_are_reported_with_the_file(store, tmp_path):
    path = tmp_path / "damaged.txt"
    path.write_bytes("Caf\u00e9 owners said the new rules start Monday. ".encode() * 20 + b"One bad byte: \xff here.\n")
    report = import_paths(store, [path])
    assert len(report.added) == 1
    [(where, warning)] = report.warnings
    assert where == str(path) and "damaged" in warning
    assert "Café" in store.article(report.added[0]).text

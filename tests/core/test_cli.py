"""The parallax command: readable output, --json contracts, exit codes 0 / 1 / 2."""

from __future__ import annotations

import json

import pytest

from desktop.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_stories_lists_the_bundled_story(capsys, library_path):
    code, out, _ = run(capsys, "--library", str(library_path), "stories")
    assert code == 0 and "Kaspersky exits the US (July 2024)" in out and "5 articles" in out


def test_listings_have_the_json_contract(capsys, library_path):
    code, out, _ = run(capsys, "articles", "--library", str(library_path), "--json",
                       "--story", "kaspersky exits the us (july 2024)")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 5
    for row in rows:
        assert {"id", "title", "source", "published"} <= row.keys()
    assert {r["source"] for r in rows} == {"Bitdefender", None}
    code, out, _ = run(capsys, "stories", "--library", str(library_path), "--json")
    [story] = json.loads(out)
    assert story["name"] == "Kaspersky exits the US (July 2024)" and len(story["articles"]) == 5


def test_show_prints_metadata_and_text(capsys, library_path):
    _, out, _ = run(capsys, "--library", str(library_path), "articles", "--json")
    bitdefender = next(r for r in json.loads(out) if r["source"] == "Bitdefender")
    code, out, _ = run(capsys, "--library", str(library_path), "show", str(bitdefender["id"]))
    assert code == 0
    assert out.startswith("Kaspersky Closes US Offices, Lays Off Staff Following Sales Ban\n")
    assert "Filip TRUȚĂ" in out and "2024-07-16" in out and "2 min read" in out
    code, out, _ = run(capsys, "--library", str(library_path), "show", str(bitdefender["id"]), "--body")
    assert "2 min read" not in out and "Stay protected" in out
    code, out, _ = run(capsys, "--library", str(library_path), "show", str(bitdefender["id"]), "--json")
    data = json.loads(out)
    assert data["text"].startswith("2 min read") and data["boilerplate"][0]["kind"]


def test_import_reports_outcome_and_fails_on_bad_files(capsys, library_path, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("An article that imports fine.")
    bad = tmp_path / "bad.json"
    bad.write_text("{oops")
    code, out, err = run(capsys, "--library", str(library_path), "import", str(good), str(bad), "--story", "New")
    assert code == 1
    assert "1 added" in out and "1 failed" in out
    assert "bad.json" in err and "JSON" in err
    code, out, _ = run(capsys, "--library", str(library_path), "articles", "--story", "New")
    assert "An article that imports fine." in out
    code, out, _ = run(capsys, "--library", str(library_path), "import", str(good), "--json")
    assert code == 0 and json.loads(out)["unchanged"]


@pytest.mark.parametrize("argv, message", [
    (["show", "9999"], "No article with id 9999"),
    (["articles", "--story", "Nope"], "No story named 'Nope'"),
])
def test_failures_exit_1_with_a_message(capsys, library_path, argv, message):
    code, out, err = run(capsys, "--library", str(library_path), *argv)
    assert code == 1 and out == "" and message in err and err.startswith("parallax: ")


def test_unusable_library_exits_1_and_is_left_alone(capsys, tmp_path):
    path = tmp_path / "lib.sqlite"
    path.write_text("not a database")
    code, _, err = run(capsys, "--library", str(path), "stories")
    assert code == 1 and "not a Parallax library" in err
    assert path.read_text() == "not a database"


@pytest.mark.parametrize("argv", [["frobnicate"], ["show"], ["show", "abc"], ["--size", "huge"], ["import"],
                                  ["stories", "--size", "100x100"]])
def test_usage_errors_exit_2(capsys, argv):
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_compare_defaults_to_the_bundled_story_as_a_text_table(capsys, library_path):
    code, out, _ = run(capsys, "--library", str(library_path), "compare")
    assert code == 0
    assert out.startswith("Parallax comparison: 5 articles")
    assert "Conflicts" in out and "fewer than 50" in out


def test_compare_json_to_a_file_is_stable(capsys, library_path, tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    for target in (first, second):
        code, out, _ = run(capsys, "--library", str(library_path), "compare", "--format", "json", "-o", str(target))
        assert code == 0 and "Wrote a JSON comparison of 5 articles" in out
    assert first.read_bytes() == second.read_bytes()
    data = json.loads(first.read_text())
    assert {"articles", "facts", "conflicts", "boilerplate"} <= data.keys()


@pytest.mark.parametrize("fmt, marker", [("markdown", "# Comparison: 5 articles"), ("html", "<!DOCTYPE html>")])
def test_compare_other_formats(capsys, library_path, fmt, marker):
    code, out, _ = run(capsys, "--library", str(library_path), "compare", "--story",
                       "Kaspersky exits the US (July 2024)", "--format", fmt)
    assert code == 0 and marker in out


def test_compare_files_without_a_library(capsys, tmp_path, monkeypatch):
    from tests.conftest import SEEDS, require_shared

    monkeypatch.setenv("PARALLAX_LIBRARY", str(tmp_path / "never-created" / "lib.sqlite"))
    files = sorted(str(p) for p in require_shared(SEEDS).glob("*.txt"))[:2]
    code, out, _ = run(capsys, "compare", *files, "--format", "json")
    assert code == 0 and len(json.loads(out)["articles"]) == 2
    assert not (tmp_path / "never-created").exists()


def test_compare_needs_two_articles(capsys, tmp_path):
    one = tmp_path / "one.txt"
    one.write_text("A single article cannot be compared with anything.")
    code, out, err = run(capsys, "compare", str(one))
    assert code == 1 and out == "" and "nothing to compare" in err


def test_compare_with_paths_and_story_is_a_usage_error(capsys, tmp_path):
    with pytest.raises(SystemExit) as exit_info:
        main(["compare", str(tmp_path / "x.txt"), "--story", "S"])
    assert exit_info.value.code == 2


def test_compare_bad_file_fails_clearly(capsys, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Some text.")
    code, _, err = run(capsys, "compare", str(good), str(tmp_path / "missing.txt"))
    assert code == 1 and "missing.txt" in err


def _annotate_bitdefender(capsys, library_path) -> None:
    _, out, _ = run(capsys, "--library", str(library_path), "articles", "--json")
    bitdefender = next(r for r in json.loads(out) if r["source"] == "Bitdefender")
    code, _, _ = run(capsys, "--library", str(library_path), "annotate", str(bitdefender["id"]), "--quote",
                     "Sept. 29", "--note", "Ban date, \"quoted\"\n</script>", "--tag", "ban date", "--color", "red")
    assert code == 0


@pytest.mark.parametrize("fmt", ["jsonld", "qdpx"])
def test_annotations_go_out_and_come_back_in_through_the_cli(capsys, library_path, tmp_path, fmt):
    import zipfile

    _annotate_bitdefender(capsys, library_path)
    target = tmp_path / f"notes.{fmt}"
    code, out, _ = run(capsys, "--library", str(library_path), "export", "annotations", "--format", fmt,
                       "-o", str(target), "--tag", "ban date")
    assert code == 0 and out == f"Wrote {fmt} annotations to {target}\n"
    assert zipfile.is_zipfile(target) == (fmt == "qdpx")
    other = tmp_path / "other.sqlite"
    code, out, err = run(capsys, "--library", str(other), "import", "annotations", str(target), "--json",
                         "--story", "Imported notes")
    assert code == 0 and err == ""
    report = json.loads(out)
    assert report == {"format": fmt, "attached": 1, "orphaned": 0, "duplicates": 0, "unplaced": 0, "links": 0,
                      "articles_added": [], "problems": []}
    code, out, _ = run(capsys, "--library", str(other), "annotations", "--json", "--story", "Imported notes")
    [imported] = json.loads(out)
    assert imported["exact"] == "Sept. 29" and imported["note"] == "Ban date, \"quoted\"\n</script>"
    assert imported["tags"] == ["ban date"] and imported["color"] == ("red" if fmt == "jsonld" else "yellow")
    code, out, _ = run(capsys, "--library", str(other), "import", "annotations", str(target))
    assert code == 0 and out == "0 attached, 0 orphaned, 1 duplicates skipped, 0 unplaced\n"


def test_import_annotations_reports_articles_it_cannot_find(capsys, tmp_path):
    target = tmp_path / "notes.jsonld"
    target.write_text(json.dumps({"type": "Annotation", "target": {
        "source": "https://example.org/not-here", "selector": {"type": "TextQuoteSelector", "exact": "gone"}}}))
    code, out, err = run(capsys, "--library", str(tmp_path / "lib.sqlite"), "import", "annotations", str(target))
    assert code == 0 and out.startswith("0 attached, 0 orphaned, 0 duplicates skipped, 1 unplaced")
    assert "not imported: \u201cgone\u201d (https://example.org/not-here): its article is not in the library" \
        in err


def test_import_annotations_bad_file_exits_1_and_changes_nothing(capsys, tmp_path):
    library = str(tmp_path / "lib.sqlite")
    bad = tmp_path / "broken.qdpx"
    bad.write_bytes(b"not a zip")
    code, out, err = run(capsys, "--library", library, "import", "annotations", str(bad), "--story", "New")
    assert code == 1 and out == ""
    assert err.startswith(f"parallax: {bad}: not a QDPX project") and "nothing was imported" in err
    code, out, _ = run(capsys, "--library", library, "stories")
    assert "New" not in out  # the story was not left behind either


def test_import_annotations_takes_exactly_one_file(capsys, tmp_path):
    with pytest.raises(SystemExit) as exit_info:
        main(["--library", str(tmp_path / "lib.sqlite"), "import", "annotations", "a.jsonld", "b.qdpx"])
    assert exit_info.value.code == 2 and "one FILE" in capsys.readouterr().err


def test_export_annotations_rejects_an_unknown_format(capsys, tmp_path):
    with pytest.raises(SystemExit) as exit_info:
        main(["export", "annotations", "--format", "docx", "-o", str(tmp_path / "x.docx")])
    assert exit_info.value.code == 2 and "jsonld" in capsys.readouterr().err


def test_export_annotations_as_html_and_pdf(capsys, library_path, tmp_path):
    """HTML in this process; PDF in a fresh one, as a user runs it (Qt starts offscreen, no window)."""
    import os
    import subprocess
    import sys

    from pypdf import PdfReader

    code, out, _ = run(capsys, "--library", str(library_path), "articles", "--json")
    bitdefender = next(r for r in json.loads(out) if r["source"] == "Bitdefender")
    assert run(capsys, "--library", str(library_path), "annotate", str(bitdefender["id"]), "--quote", "Sept. 29",
               "--note", "Ban date </script>", "--tag", "dates")[0] == 0
    html = tmp_path / "notes.html"
    assert run(capsys, "--library", str(library_path), "export", "annotations", "--format", "html",
               "-o", str(html))[0] == 0
    page = html.read_text(encoding="utf-8")
    assert "Sept. 29" in page and "Ban date &lt;/script&gt;" in page and "</script>" not in page.lower()

    pdf = tmp_path / "notes.pdf"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    done = subprocess.run([sys.executable, "-m", "desktop", "--library", str(library_path), "export", "annotations",
                           "--format", "pdf", "-o", str(pdf)], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages)
    assert "Sept. 29" in text and "Ban date </script>" in text and "dates" in text


def _import_on_a_terminal(library_path, *extra):
    """Run ``parallax import`` with its standard error on a pseudo-terminal; what it drew there."""
    import os
    import subprocess
    import sys

    from tests.conftest import ALLSIDES

    leader, follower = os.openpty()
    process = subprocess.Popen([sys.executable, "-m", "desktop", "import", str(ALLSIDES), "--library",
                                str(library_path), *extra], stderr=follower, stdout=subprocess.PIPE, text=True)
    os.close(follower)
    drawn = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        drawn += chunk
    out = process.communicate()[0]
    os.close(leader)
    return process.returncode, out, drawn.decode("utf-8", "replace")


def test_import_draws_a_progress_bar_on_a_terminal_and_quiet_draws_nothing(library_path):
    from tests.conftest import ALLSIDES, require_shared

    require_shared(ALLSIDES)
    code, out, drawn = _import_on_a_terminal(library_path)
    assert code == 0 and "400 added" in out
    assert "[########################] 400/400" in drawn and "Import finished" in drawn
    code, out, drawn = _import_on_a_terminal(library_path.with_name("other.sqlite"), "--quiet")
    assert code == 0 and out == "" and drawn == ""


def test_compare_uses_the_readers_same_fact_links(capsys, library_path):
    from desktop.core.library import open_library
    from desktop.core.library.store import Store

    open_library(library_path).close()  # the bundled story
    with Store(library_path) as store:
        story = store.stories()[0]
        first, second = (store.article(a) for a in story.article_ids[:2])
        ones = ("Existing users may encounter issues with updates", "will be vulnerable to new and emerging threats")
        ids = []
        for article, words in zip((first, second), ones, strict=True):
            start = article.text.index(words)
            end = start + len(words)
            ids.append(store.add_annotation(article.id, start, end, words, article.text[max(0, start - 32):start],
                                            article.text[end:end + 32])[0])
        code, out, _ = run(capsys, "--library", str(library_path), "compare", "--format", "json")
        apart = next(f for f in json.loads(out)["facts"] if any(
            "Existing users may encounter issues" in m["text"] for m in f["mentions"]))
        assert code == 0 and second.id not in {m["article"] for m in apart["mentions"]}  # not linked by the model
        store.link_annotations(ids[0], ids[1], "same fact")
    code, out, _ = run(capsys, "--library", str(library_path), "compare", "--format", "json")
    joined = next(f for f in json.loads(out)["facts"] if any(
        "Existing users may encounter issues" in m["text"] for m in f["mentions"]) and f["sources"] > 1)
    assert code == 0 and {first.id, second.id} <= {m["article"] for m in joined["mentions"]}


def test_compare_keeps_apart_the_claims_the_reader_set_apart(capsys, library_path):
    from desktop.core.library import open_library
    from desktop.core.library.store import Store

    open_library(library_path).close()  # the bundled story
    code, out, _ = run(capsys, "--library", str(library_path), "compare", "--format", "json")
    fact = max((f for f in json.loads(out)["facts"] if f["kind"] == "claim" and f["sources"] > 1),
               key=lambda f: f["sources"])
    one, two = fact["mentions"][:2]
    with Store(library_path) as store:
        store.separate_facts((one["article"], one["start"], one["end"]), (two["article"], two["start"], two["end"]))
    code, out, _ = run(capsys, "--library", str(library_path), "compare", "--format", "json")
    report = json.loads(out)
    assert code == 0 and [[m["text"] for m in pair] for pair in report["separated"]] == [[one["text"], two["text"]]]
    assert not any({(one["article"], one["start"]), (two["article"], two["start"])}
                   <= {(m["article"], m["start"]) for m in f["mentions"]} for f in report["facts"])


@pytest.mark.parametrize("name, marker", [("r.html", "<!DOCTYPE html>"), ("r.json", '{\n  "articles"'),
                                          ("r.md", "# Comparison: 5 articles"), ("r.txt", "Parallax comparison")])
def test_compare_writes_the_format_its_file_name_says(capsys, library_path, tmp_path, name, marker):
    code, out, _ = run(capsys, "--library", str(library_path), "compare", "-o", str(tmp_path / name))
    assert code == 0 and (tmp_path / name).read_text(encoding="utf-8").startswith(marker)


def test_a_format_that_contradicts_the_file_name_is_refused_and_nothing_written(capsys, library_path, tmp_path):
    target = tmp_path / "report.html"
    with pytest.raises(SystemExit) as exited:
        run(capsys, "--library", str(library_path), "compare", "--format", "markdown", "-o", str(target))
    err = capsys.readouterr().err
    assert exited.value.code == 2 and "report.html ends in .html (HTML report), but --format is markdown" in err
    assert "name it " + str(tmp_path / "report.md") in err and not target.exists()
    code, _, _ = run(capsys, "--library", str(library_path), "compare", "--format", "markdown", "-o",
                     str(tmp_path / "report.notes"))  # a suffix no format has: the format chosen stands
    assert code == 0 and (tmp_path / "report.notes").read_text(encoding="utf-8").startswith("# Comparison")


def test_export_annotations_writes_the_format_its_file_name_says(capsys, library_path, tmp_path):
    run(capsys, "--library", str(library_path), "annotate", "1", "--quote", "employees")
    for name, marker in (("n.jsonld", b"{"), ("n.csv", b"story,article,"), ("n.md", b"# "), ("n.qdpx", b"PK")):
        code, out, _ = run(capsys, "--library", str(library_path), "export", "annotations", "-o", str(tmp_path / name))
        assert code == 0 and (tmp_path / name).read_bytes().startswith(marker), name


def test_an_import_that_brings_nothing_leaves_no_empty_story(capsys, library_path, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    code, out, err = run(capsys, "--library", str(library_path), "import", str(empty), "--story", "Ghost")
    assert code == 1 and "empty.txt" in err and "no story made: nothing came in for 'Ghost'" in out
    _, out, _ = run(capsys, "--library", str(library_path), "stories", "--json")
    assert "Ghost" not in {s["name"] for s in json.loads(out)}
    good = tmp_path / "good.txt"
    good.write_text("Title\n\nThe council voted on Tuesday to close the bridge for repairs.\n", encoding="utf-8")
    code, _, _ = run(capsys, "--library", str(library_path), "import", str(good), str(empty), "--story", "Ghost")
    _, out, _ = run(capsys, "--library", str(library_path), "stories", "--json")
    assert code == 1 and len(next(s for s in json.loads(out) if s["name"] == "Ghost")["articles"]) == 1


def test_an_empty_story_name_is_refused_not_ignored(capsys, library_path, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Title\n\nThe council voted on Tuesday to close the bridge for repairs.\n", encoding="utf-8")
    for blank in ("", "   "):
        code, _, err = run(capsys, "--library", str(library_path), "import", str(good), "--story", blank)
        assert code == 1 and "A story needs a name" in err
    _, out, _ = run(capsys, "--library", str(library_path), "articles", "--json")
    assert all(a["title"] != "Title" for a in json.loads(out))  # nothing was imported


def test_counts_read_as_english():
    from desktop.core.labels import counted

    assert [counted(n, "article") for n in (0, 1, 2, 1204)] == ["0 articles", "1 article", "2 articles",
                                                                 "1,204 articles"]
    assert counted(1, "story", "stories") == "1 story" and counted(3, "story", "stories") == "3 stories"


@pytest.mark.parametrize("name", ["coverage.png", "report.pdf", "matrix.svg"])
def test_compare_refuses_a_file_type_only_the_window_draws(capsys, library_path, tmp_path, name):
    with pytest.raises(SystemExit) as exited:
        run(capsys, "--library", str(library_path), "compare", "-o", str(tmp_path / name))
    assert exited.value.code == 2 and "is drawn by the window" in capsys.readouterr().err
    assert not (tmp_path / name).exists()

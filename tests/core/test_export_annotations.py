"""Annotations exported to Markdown and CSV, with awkward notes and tags escaped correctly."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from desktop.cli import main
from desktop.core.interchange.export_annotations import annotations_csv, annotations_markdown
from desktop.core.library import open_library
from desktop.core.notes.annotating import annotate

NASTY_NOTE = 'A note, with "quotes", a\ttab,\nnew lines, emoji 😀 and </script> **bold**'
FORMULAS = ["=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)"]


@pytest.fixture
def store(library_path):
    with open_library(library_path) as s:
        yield s


@pytest.fixture
def annotated(store):
    articles = [store.article(a) for a in store.stories()[0].article_ids]
    bitdefender = next(a for a in articles if a.source == "Bitdefender")
    annotate(store, bitdefender.id, "Sept. 29", note=NASTY_NOTE, tags=["ban date", "conflict"], color="red")
    annotate(store, bitdefender.id, "$721 million", note=FORMULAS[0], tags=[FORMULAS[1]])
    other = next(a for a in articles if a.source != "Bitdefender")
    annotate(store, other.id, other.text.split()[3], note="-2 is not a formula")
    return store, bitdefender


def test_markdown_groups_by_story_and_article_with_quotes_notes_and_tags(annotated):
    store, bitdefender = annotated
    text = annotations_markdown(store)
    assert text.startswith("# Parallax notes\n\n## Kaspersky exits the US (July 2024)")
    assert "### Kaspersky Closes US Offices, Lays Off Staff Following Sales Ban" in text
    assert "*Bitdefender · 2024-07-16* · by Filip TRUȚĂ" in text
    assert "> Sept. 29" in text and "#ban-date #conflict" in text
    # the note's words and line breaks are kept, but nothing in it can run or restyle: raw HTML and
    # emphasis are escaped (issue #10, D6; notes used to be copied in as Markdown)
    assert 'A note, with "quotes", a\ttab,\nnew lines, emoji 😀 and \\</script\\> \\*\\*bold\\*\\*' in text
    assert text.count("### ") == 2


def test_markdown_escapes_everything_that_came_from_outside(store, tmp_path):
    from desktop.core.library import import_paths

    path = tmp_path / "page.json"
    path.write_text(json.dumps({
        "title": "<img src=x onerror=alert(1)> [click](javascript:alert(2))",
        "source": "Evil *Outlet* <b>", "author": "Mal\u202eicious <script>",
        "url": "javascript:alert(3)", "text": "The quote <iframe src=evil> and [a](javascript:x) here.\n"}))
    [article_id] = import_paths(store, [path], story="Hostile").added
    annotate(store, article_id, "The quote <iframe src=evil> and [a](javascript:x) here",
             note="# not a heading\n<img src=y onerror=alert(4)>\n[link](javascript:alert(5))\nRLO\u202ehere")
    text = annotations_markdown(store, store.story_by_name("Hostile").id)
    body = text.split("## Hostile", 1)[1]
    assert "<img" not in body.replace("\\<img", "") and "<iframe" not in body.replace("\\<iframe", "")
    assert "<script" not in body.replace("\\<script", "") and "<b>" not in body
    assert not re.search(r"(?<!\\)\]\(<?javascript:", body)  # never a link
    assert "\\[click\\](javascript:alert(2))" in body  # shown as text
    assert "alert(3)" not in body  # a javascript: URL is not even kept at import
    assert "\n\\# not a heading" in body and "\u202e" not in body and "\\[U+202E\\]" in body
    assert "Evil \\*Outlet\\* \\<b\\>" in body


def test_only_http_urls_become_links_in_markdown(store, tmp_path):
    from desktop.core.library import import_paths

    path = tmp_path / "ok.json"
    path.write_text(json.dumps({"title": "Fine", "url": "https://example.com/a b>c", "text": "Some words here.\n"}))
    [article_id] = import_paths(store, [path], story="Fine").added
    annotate(store, article_id, "Some words")
    text = annotations_markdown(store, store.story_by_name("Fine").id)
    assert "[Fine](<https://example.com/a%20b%3Ec>)" in text


def test_markdown_keeps_multiline_quotes_inside_the_blockquote(store, tmp_path):
    from desktop.core.library import import_paths

    path = tmp_path / "lines.txt"
    path.write_text("First line of a quote\nsecond line of it\n\nAfter.")
    [article_id] = import_paths(store, [path], story="Lines").added
    annotate(store, article_id, "First line of a quote\nsecond line of it")
    text = annotations_markdown(store, store.story_by_name("Lines").id)
    assert "> First line of a quote\n> second line of it" in text


def test_csv_round_trips_every_character_and_defuses_formulas(annotated):
    store, _ = annotated
    rows = list(csv.DictReader(io.StringIO(annotations_csv(store))))
    assert len(rows) == 3
    by_quote = {r["quote"]: r for r in rows}
    assert by_quote["Sept. 29"]["note"] == NASTY_NOTE
    assert by_quote["Sept. 29"]["tags"] == "ban date, conflict"
    assert by_quote["Sept. 29"]["outlet"] == "Bitdefender" and by_quote["Sept. 29"]["colour"] == "red"
    assert by_quote["$721 million"]["note"] == "'" + FORMULAS[0]
    assert by_quote["$721 million"]["tags"] == "'" + FORMULAS[1]
    assert [r["note"] for r in rows if r["note"].startswith("'-2")] == ["'-2 is not a formula"]
    assert set(rows[0]) >= {"story", "article", "outlet", "date", "url", "quote", "note", "tags", "colour",
                            "start", "end", "created"}
    assert annotations_csv(store, excel=True).startswith("\ufeffstory,")


def test_tag_filter_and_empty_export(annotated):
    store, _ = annotated
    assert "Sept. 29" in annotations_markdown(store, tag="conflict")
    assert "$721 million" not in annotations_markdown(store, tag="conflict")
    assert "No annotations tagged 'nothing'" in annotations_markdown(store, tag="nothing")


def test_cli_export(annotated, library_path, tmp_path, capsys):
    store, _ = annotated
    store.close()
    target = tmp_path / "out" / "notes.csv"
    assert main(["--library", str(library_path), "export", "annotations", "--format", "csv", "-o", str(target)]) == 1
    assert "cannot write" in capsys.readouterr().err
    target.parent.mkdir()
    assert main(["--library", str(library_path), "export", "annotations", "--format", "csv", "-o", str(target),
                 "--story", "Kaspersky exits the US (July 2024)", "--excel"]) == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbfstory,")
    assert len(list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))) == 4
    md = tmp_path / "notes.md"
    assert main(["--library", str(library_path), "export", "annotations", "-o", str(md)]) == 0
    assert "> Sept. 29" in md.read_text(encoding="utf-8")


def test_dispatcher_gives_text_or_bytes_per_format(annotated):
    import json
    import zipfile

    from desktop.core.interchange.export_annotations import (
        BINARY_FORMATS,
        FORMATS,
        export_annotations,
    )

    store, _ = annotated
    assert FORMATS == ("markdown", "csv", "jsonld", "qdpx", "html", "pdf", "bibtex", "ris", "csl-json") and BINARY_FORMATS == ("qdpx", "pdf")
    assert export_annotations(store, "markdown") == annotations_markdown(store)
    assert export_annotations(store, "csv", excel=True) == annotations_csv(store, excel=True)
    collection = json.loads(export_annotations(store, "jsonld", tag="conflict"))
    assert [i["target"]["selector"][0]["exact"] for i in collection["first"]["items"]] == ["Sept. 29"]
    qdpx = export_annotations(store, "qdpx")
    assert isinstance(qdpx, bytes) and zipfile.ZipFile(io.BytesIO(qdpx)).namelist()[0] == "project.qde"
    with pytest.raises(ValueError, match="PDF is drawn from the HTML report"):
        export_annotations(store, "pdf")
    with pytest.raises(ValueError, match="Unknown export format 'docx'"):
        export_annotations(store, "docx")


def test_groups_list_each_annotated_article_once_in_story_order(annotated):
    from desktop.core.interchange.records import annotation_groups
    from desktop.core.models import ParsedArticle

    store, bitdefender = annotated
    _, loose, _ = store.save_article(ParsedArticle(text="An article in no story.", origin="loose.txt"))
    annotate(store, loose, "no story")
    story = store.stories()[0]
    store.create_story("Second")  # the same article in two stories is still exported once
    store.add_to_story(store.story_by_name("Second").id, [bitdefender.id])
    groups = list(annotation_groups(store, None, None))
    assert [article.id for _, article, _ in groups] == [a for a in story.article_ids
                                                         if store.annotations(article_id=a)] + [loose]
    assert [len(found) for _, article, found in groups if article.id == bitdefender.id] == [2]
    assert [name for name, _, _ in groups][-2:] == [story.name, "Not in a story"]
    assert [article.id for _, article, _ in annotation_groups(store, story.id, "conflict")] == [bitdefender.id]


def test_markdown_tags_without_letters_or_with_symbols_are_kept_whole(library):
    article = library.stories()[0].article_ids[0]
    annotate(library, article, "Kaspersky", tags=["🔥", "!!!", "C++", "C", "a b", "Übernahme"])
    text = annotations_markdown(library)
    [line] = [l for l in text.splitlines() if "Übernahme" in l]
    assert not line.startswith("# ")  # never a heading
    assert set(line.split(" ")) == {"`🔥`", "`!!!`", "`C++`", "#C", "#a-b", "#Übernahme"}


def test_a_csv_tag_holding_a_comma_or_a_quote_splits_back_into_the_tags_given(annotated):
    store, bitdefender = annotated
    tags = ["people/Smith, John", 'the "deal"', "plain"]
    annotate(store, bitdefender.id, "Bitdefender", tags=tags)
    row = next(r for r in csv.DictReader(io.StringIO(annotations_csv(store))) if r["quote"] == "Bitdefender")
    assert row["tags"] == '"people/Smith, John", plain, "the ""deal"""'
    assert sorted(next(csv.reader([row["tags"]], skipinitialspace=True))) == sorted(tags)

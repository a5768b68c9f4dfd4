"""The annotation report as a PDF through Qt's PDF writer, read back with pypdf."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.core.interchange.notes_html import TINTS, annotations_html
from desktop.core.notes.annotating import annotate
from desktop.rendering.pdf import write_pdf

REPO = Path(__file__).resolve().parents[2]


def pdf_text(path) -> str:
    """All pages' text, ligatures unfolded (fi, ffi) and whitespace runs made single spaces."""
    reader = PdfReader(path)
    text = " ".join(page.extract_text() for page in reader.pages)
    return " ".join(unicodedata.normalize("NFKC", text).split())


def fill_colours(path) -> set[str]:
    """The fill colours the pages paint with, as #rrggbb."""
    colours = set()
    for page in PdfReader(path).pages:
        content = page.get_contents().get_data().decode("latin-1")
        for r, g, b in re.findall(r"([\d.]+) ([\d.]+) ([\d.]+) (?:scn|rg)\b", content):
            colours.add("#" + "".join(f"{round(float(c) * 255):02x}" for c in (r, g, b)))
    return colours


@pytest.fixture
def annotated(library):
    articles = [library.article(a) for a in library.stories()[0].article_ids]
    bitdefender = next(a for a in articles if a.source == "Bitdefender")
    annotate(library, bitdefender.id, "Sept. 29", note="The ban date, per Bitdefender", tags=["Übernahme"],
             color="red")
    annotate(library, bitdefender.id, "$721 million", note="Revenue <in> 2023 & before", tags=["санкции"],
             color="green")
    other = articles[3]
    orphan, _ = annotate(library, other.id, "gradually wind down", note="Orphaned note text", tags=["lost"])
    library.update_annotation(orphan, orphaned=True)
    return library


def test_pdf_has_quotes_notes_tags_and_highlight_colours(qapp, annotated, tmp_path):
    path = tmp_path / "notes.pdf"
    write_pdf(annotations_html(annotated, for_print=True), path)
    reader = PdfReader(path)
    assert len(reader.pages) >= 1
    assert reader.metadata.title == "Parallax annotations"
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    text = pdf_text(path)
    for expected in ("Parallax annotations", "Kaspersky Closes US Offices", "Bitdefender", "Sept. 29",
                     "$721 million", "The ban date, per Bitdefender", "Revenue <in> 2023 & before",
                     "Übernahme", "санкции", "No longer in the text (1)", "gradually wind down",
                     "Orphaned note text", "lost", f"1 / {len(reader.pages)}"):
        assert expected in text, expected
    assert {TINTS["red"], TINTS["green"]} <= fill_colours(path)
    assert TINTS["yellow"] not in fill_colours(path)  # the orphan is not highlighted


def test_a_long_report_runs_over_several_numbered_pages(qapp, library, tmp_path):
    story = library.stories()[0]
    for article_id in story.article_ids:
        for word in library.article(article_id).text.split()[:400:20]:
            annotate(library, article_id, word, note=f"note on {word}")
    path = tmp_path / "long.pdf"
    write_pdf(annotations_html(library, for_print=True), path)
    pages = len(PdfReader(path).pages)
    assert pages >= 3
    text = pdf_text(path)
    assert all(f"{n} / {pages}" in text for n in range(1, pages + 1))


@pytest.mark.parametrize("where", ["missing folder", "a folder"])
def test_unwritable_path_is_a_clear_error_naming_it(qapp, tmp_path, where):
    path = tmp_path / "nowhere" / "x.pdf" if where == "missing folder" else tmp_path
    with pytest.raises(OSError) as error:
        write_pdf("<p>Hello</p>", path)
    assert str(path) in str(error.value)
    assert "Cannot write the PDF" in str(error.value)
    assert error.value.filename == str(path)


def test_works_from_a_script_without_a_qt_application(library_path, tmp_path):
    from desktop.core.library import open_library

    with open_library(library_path) as store:
        article = store.article(store.stories()[0].article_ids[1])
        annotate(store, article.id, "Sept. 29", note="from the CLI")
    path = tmp_path / "cli.pdf"
    script = ("import sys\nfrom desktop.core.library import open_library\n"
              "from desktop.core.interchange.notes_html import annotations_html\n"
              "from desktop.rendering.pdf import write_pdf\n"
              "from PySide6.QtCore import QCoreApplication\n"
              "assert QCoreApplication.instance() is None\n"
              "with open_library(sys.argv[1]) as store:\n"
              "    write_pdf(annotations_html(store, for_print=True), sys.argv[2])\n")
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    done = subprocess.run([sys.executable, "-c", script, str(library_path), str(path)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "from the CLI" in pdf_text(path)

"""Citations of an article, a quote or a note: BibTeX, RIS and CSL-JSON parsed back with the parsers
people use (bibtexparser, rispy, citeproc-py), APA and Chicago formatted by citeproc-py with the
shipped CSL styles, Markdown as before; the notes' bibliography export and ``parallax cite``."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from importlib import resources

import bibtexparser
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors, SplitNameParts
from citeproc.source.json import CiteProcJSON

from desktop.cli import main
from desktop.core.interchange.citation_styles import STYLE_FILES
from desktop.core.interchange.citations import (
    CITATION_FORMATS,
    annotations_citations,
    citation_key,
    cite,
    cite_html,
    paragraph_number,
    person_names,
)
from desktop.core.interchange.formats import notes_document
from desktop.core.notes.annotating import annotate
from desktop.core.notes.citation import citation_markdown

ACCESSED = date(2026, 12, 4)


@pytest.fixture
def bitdefender(library):
    story = library.stories()[0]
    return next(a for a in (library.article(i) for i in story.article_ids) if a.source == "Bitdefender")


def with_url(article):
    return replace(article, url="https://www.bitdefender.com/en-us/blog/hotforsecurity/kaspersky?x=1&y={2}")


def parse_bibtex(text: str):
    library = bibtexparser.parse_string(
        text, append_middleware=[LatexDecodingMiddleware(), SeparateCoAuthors(), SplitNameParts()])
    assert not library.failed_blocks
    return library


def test_bibtex_parses_back_with_every_field(bitdefender):
    text = cite(with_url(bitdefender), "bibtex", "Sept. 29", bitdefender.text.index("Sept. 29"), note="the date",
                accessed=ACCESSED)
    [entry] = parse_bibtex(text).entries
    assert entry.entry_type == "article" and entry.key == "truta2024kaspersky" == citation_key(bitdefender)
    fields = {k: v.value for k, v in entry.fields_dict.items()}
    assert fields["title"] == "Kaspersky Closes US Offices, Lays Off Staff Following Sales Ban"
    assert fields["journal"] == "Bitdefender"
    assert [(n.last, n.first) for n in fields["author"]] == [(["TRUȚĂ"], ["Filip"])]
    assert (fields["year"], fields["month"], fields["date"]) == ("2024", "jul", "2024-07-16")
    raw = bibtexparser.parse_string(text).entries[0].fields_dict  # a URL is verbatim: no LaTeX decoding
    assert raw["url"].value == "https://www.bitdefender.com/en-us/blog/hotforsecurity/kaspersky?x=1&y=%7B2%7D"
    assert fields["urldate"] == "2026-12-04"
    paragraph = paragraph_number(bitdefender.text, bitdefender.text.index("Sept. 29"))
    assert fields["annote"] == f"“Sept. 29” (para. {paragraph}) — the date"
    assert "{US}" in text  # the capitals are kept from a style's re-casing


def test_bibtex_escapes_what_latex_would_run(bitdefender):
    tricky = replace(bitdefender, title="50% of {all} staff & the $721m #cut_off ~ ^ \\ end", author=None)
    text = cite(tricky, "bibtex")
    [entry] = parse_bibtex(text).entries
    decoded = entry.fields_dict["title"].value.replace("{", "").replace("}", "").replace("\u02c6", "^")
    assert decoded == "50% of all staff & the $721m #cut_off ~ ^ \\ end"
    assert "\\%" in text and "\\&" in text and "\\$" in text and "\\#" in text and "\\_" in text
    assert "author" not in entry.fields_dict


def test_ris_parses_back(bitdefender):
    quote = "Sept. 29"
    text = cite(with_url(bitdefender), "ris", quote, bitdefender.text.index(quote), note="check\nthis",
                accessed=ACCESSED)
    [record] = rispy.loads(text)
    assert record["type_of_reference"] == "NEWS"
    assert record["title"] == bitdefender.title and record["secondary_title"] == "Bitdefender"
    assert record["authors"] == ["TRUȚĂ, Filip"]
    assert (record["year"], record["date"], record["access_date"]) == ("2024", "2024/07/16/", "2026/12/04/")
    assert record["urls"] == ["https://www.bitdefender.com/en-us/blog/hotforsecurity/kaspersky?x=1&y={2}"]
    assert record["notes"][0].startswith("“Sept. 29” (para.") and record["notes"][0].endswith("check this")
    assert text.endswith("ER  - \n") and all("\n" not in line for line in text.splitlines())


def test_csl_json_loads_into_a_csl_processor(bitdefender):
    text = cite(with_url(bitdefender), "csl-json", accessed=ACCESSED)
    items = json.loads(text)
    assert isinstance(items, list) and len(items) == 1
    item = items[0]
    assert item["type"] == "article-newspaper" and item["container-title"] == "Bitdefender"
    assert item["issued"] == {"date-parts": [[2024, 7, 16]]} and item["accessed"] == {"date-parts": [[2026, 12, 4]]}
    assert item["author"] == [{"family": "TRUȚĂ", "given": "Filip"}]
    source = CiteProcJSON(items)  # citeproc-py reads it: the CSL-JSON schema's fields and types
    reference = source[item["id"]]
    assert str(reference.title) == bitdefender.title and reference.issued.year == 2024


def test_apa_and_chicago_with_the_quote_and_its_paragraph(bitdefender):
    start = bitdefender.text.index("Sept. 29")
    paragraph = paragraph_number(bitdefender.text, start)
    article = with_url(bitdefender)
    assert cite(article, "apa", "Sept. 29", start) == (
        f"“Sept. 29” (TRUȚĂ, 2024, para. {paragraph})\n\n"
        "TRUȚĂ, F. (2024, July 16). Kaspersky Closes US Offices, Lays Off Staff Following Sales Ban. Bitdefender. "
        f"{article.url}\n")
    chicago = cite(article, "chicago", "Sept. 29", start)
    assert chicago.startswith(f"“Sept. 29” (TRUȚĂ 2024, para. {paragraph})\n\n")
    # punctuation inside the closing quotation mark, as American English and Chicago want it
    assert chicago.endswith("TRUȚĂ, Filip. 2024. “Kaspersky Closes US Offices, Lays Off Staff Following Sales "
                            f"Ban.” Bitdefender, July 16. {article.url}.\n")
    assert "<i>Bitdefender</i>" in cite_html(article, "apa", "Sept. 29", start)
    assert cite(article, "apa") == cite(article, "apa", None)  # an article alone: the reference only


def test_a_styled_citation_without_author_names_the_title_once(library):
    article = library.article(library.stories()[0].article_ids[0])
    assert article.author is None and article.source is None
    apa = cite(article, "apa")
    assert apa.count(article.title.rstrip(".")) == 1 and "(n.d.)" in apa
    chicago = cite(article, "chicago")
    assert chicago.count(article.title.rstrip(".")) == 1


def test_markdown_stays_the_markdown_citation(bitdefender):
    assert cite(bitdefender, "markdown", "Sept. 29") == citation_markdown(bitdefender, "Sept. 29")
    assert cite(bitdefender, "markdown").startswith("Bitdefender, \"Kaspersky Closes")


@pytest.mark.parametrize(("byline", "names"), [
    ("By Jane Doe and John Smith", [{"family": "Doe", "given": "Jane"}, {"family": "Smith", "given": "John"}]),
    ("Doe, Jane; Smith, John", [{"family": "Doe", "given": "Jane"}, {"family": "Smith", "given": "John"}]),
    ("Jane Doe, John Smith", [{"family": "Doe", "given": "Jane"}, {"family": "Smith", "given": "John"}]),
    ("Ursula von der Leyen", [{"family": "von der Leyen", "given": "Ursula"}]),
    ("Reuters Staff", [{"literal": "Reuters Staff"}]),
    ("AP", [{"literal": "AP"}]),
    ("", []),
    (None, []),
])
def test_bylines_become_names(byline, names):
    assert person_names(byline) == names


def test_paragraphs_count_blank_line_blocks():
    text = "First one.\n\nSecond, with a quote.\n\nThird."
    assert [paragraph_number(text, text.index(w)) for w in ("First", "quote", "Third")] == [1, 2, 3]
    assert paragraph_number("One line.\nTwo line.", 12) == 2 and paragraph_number(text, None) is None


def test_the_notes_export_as_a_bibliography_holds_each_article_once_with_its_passages(library, bitdefender):
    annotate(library, bitdefender.id, "Sept. 29", note="when the ban starts")
    annotate(library, bitdefender.id, "Kaspersky", tags=["company"])
    other = library.stories()[0].article_ids[0]
    annotate(library, other, "Kaspersky")
    entries = parse_bibtex(notes_document(library, "bibtex")).entries
    assert len(entries) == 2 and len({e.key for e in entries}) == 2
    mine = next(e for e in entries if "journal" in e.fields_dict)
    assert mine.fields_dict["journal"].value == "Bitdefender"
    assert "“Sept. 29”" in mine.fields_dict["annote"].value and "when the ban starts" in mine.fields_dict["annote"].value
    assert len(rispy.loads(notes_document(library, "ris"))) == 2
    assert len(json.loads(notes_document(library, "csl-json", tag="company"))) == 1
    assert "TRUȚĂ, F. (2024" in annotations_citations(library, "apa")


def test_the_two_styles_ship_in_the_package_with_their_licence():
    styles = resources.files("desktop.core.interchange").joinpath("styles")
    for name in STYLE_FILES.values():
        text = styles.joinpath(name).read_text(encoding="utf-8")
        assert "creativecommons.org/licenses/by-sa/3.0" in text
    assert "CC BY-SA" in styles.joinpath("README.md").read_text(encoding="utf-8") or \
        "Attribution-ShareAlike" in styles.joinpath("README.md").read_text(encoding="utf-8")
    assert sorted(p.name for p in styles.iterdir() if p.name.endswith(".csl")) == sorted(STYLE_FILES.values())


def test_parallax_cite(capsys, library_path, library, bitdefender):
    library.close()
    code = main(["cite", str(bitdefender.id), "--library", str(library_path), "--quote", "Sept. 29",
                 "--format", "bibtex"])
    out, _ = capsys.readouterr()
    assert code == 0 and parse_bibtex(out).entries[0].fields_dict["annote"].value.startswith("“Sept. 29”")
    assert main(["cite", str(bitdefender.id), "--library", str(library_path)]) == 0  # APA by default
    assert capsys.readouterr()[0].startswith("TRUȚĂ, F. (2024, July 16).")
    for fmt in CITATION_FORMATS:
        assert main(["cite", str(bitdefender.id), "--library", str(library_path), "--format", fmt]) == 0
        assert capsys.readouterr()[0].strip()
    assert main(["cite", str(bitdefender.id), "--library", str(library_path), "--quote", "not in it"]) == 1
    assert "does not occur" in capsys.readouterr()[1]
    with pytest.raises(SystemExit) as exit_info:
        main(["cite", str(bitdefender.id), "--library", str(library_path), "--format", "mla"])
    assert exit_info.value.code == 2

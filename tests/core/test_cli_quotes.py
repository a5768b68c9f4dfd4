"""``parallax quotes``: who said what in a story, and how each outlet quoted it."""

from __future__ import annotations

import json

from desktop.cli import main
from desktop.core.interchange.report_disagreements import quotes_section
from desktop.core.matching.compare import compare


def run(capsys, library_path, *args) -> tuple[int, str, str]:
    code = main(["--library", str(library_path), "quotes", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_quotes_lists_the_company_statement_with_its_outlets_and_drift(library, library_path, capsys):
    library.close()
    code, out, _ = run(capsys, library_path)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("A1  ") and lines[5] == "" and lines[6].startswith("Quotes (")
    statement = next(line for line in lines if "carefully examined and evaluated" in line)
    assert statement.startswith("  Kaspersky") and "(A1, A2" in statement
    # every quotation whole: the CLI never cuts one short
    assert all("…”" not in line for line in lines if line.startswith("  ") and "“" in line)


def test_quotes_json_is_the_quotes_section_of_compare(library, library_path, capsys):
    library.close()
    code, out, _ = run(capsys, library_path, "--json")
    data = json.loads(out)
    assert code == 0 and set(data) == {"articles", "quotes"} and len(data["articles"]) == 5
    assert set(data["articles"][0]) == {"id", "title", "source", "published"}
    assert any("carefully examined" in q["text"] for q in data["quotes"])


def test_an_unknown_story_is_named_with_the_stories_there_are(library, library_path, capsys):
    library.close()
    code, _, err = run(capsys, library_path, "--story", "No such story")
    assert code == 1 and "No story named 'No such story'" in err and "Kaspersky" in err


def test_a_report_cuts_a_long_quotation_at_a_word_and_says_so(library):
    articles = [library.article(a) for a in library.stories()[0].article_ids]
    comparison = compare(articles)
    longest = max(comparison.quotes, key=lambda q: len(q.text))
    assert len(longest.text) > 120
    cut = next(i for i in quotes_section(comparison, width=120).items if i.line.split(": “")[1][:40] in longest.text)
    quoted = cut.line.split("“", 1)[1].rsplit("”", 1)[0]
    assert quoted.endswith("…") and len(quoted) <= 120 and " ".join(longest.text.split()).startswith(quoted[:-1])
    whole = next(i for i in quotes_section(comparison, width=None).items if quoted[:40] in i.line)
    assert "…”" not in whole.line

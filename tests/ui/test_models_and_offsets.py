"""Item models pass Qt's model checks; Python offsets and Qt positions agree."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCursor, QTextDocument

from desktop.ui.compare.offsets import OffsetMap
from desktop.ui.library.library_models import ArticlesModel, SearchHitsModel, StoriesModel, article_ids_from_mime


def test_stories_model(qtmodeltester, library):
    model = StoriesModel()
    model.set_stories(library.stories())
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    assert model.data(model.index(1)).startswith("Kaspersky exits the US")


def test_articles_model_and_drag_payload(qtmodeltester, library):
    model = ArticlesModel()
    model.set_articles(library.articles())
    qtmodeltester.check(model)
    assert [model.headerData(c, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Horizontal)
            for c in range(4)] == ["Title", "Outlet", "Date", "Words"]
    mime = model.mimeData([model.index(0, 0), model.index(2, 1)])
    assert article_ids_from_mime(mime) == sorted([model.article_at(0).id, model.article_at(2).id])


def test_search_hits_model(qtmodeltester, library):
    model = SearchHitsModel()
    model.set_hits(library.search("Kaspersky"))
    qtmodeltester.check(model)
    assert model.rowCount() == 5


TEXTS = [
    "Plain ASCII text.",
    "Emoji 😀 and flags 🇺🇸 before the fact: 50 employees.",
    "Combining marks: Trut\u0326a\u0306 and Zoe\u0308 said so.",
    "Right to left: \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627 then English.",
    "Windows lines\r\nsecond line 🙂\r\nthird line\r\n",
    "Mixed \U0001F600\r\n\u202eRTL override\u202c and \u00e9",
]


@pytest.mark.parametrize("text", TEXTS)
def test_python_spans_select_the_same_characters_in_qt(text):
    document = QTextDocument()
    document.setPlainText(text)
    offsets = OffsetMap(text)
    for start in range(len(text) + 1):
        for end in range(start, min(len(text), start + 6) + 1):
            if text[start - 1:start + 1] == "\r\n":
                continue  # a span that starts inside a CRLF pair has no Qt equivalent
            cursor = QTextCursor(document)
            cursor.setPosition(offsets.to_qt(start))
            cursor.setPosition(offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
            piece = text[start:end]
            if end > start and text[end - 1:end + 1] == "\r\n":
                piece = piece[:-1]  # half a CRLF pair is not yet a line break
            expected = piece.replace("\r\n", "\u2029").replace("\n", "\u2029").replace("\r", "\u2029")
            assert cursor.selectedText() == expected, (start, end)
            assert offsets.to_py(offsets.to_qt(start)) == start


def test_identity_map_for_plain_text():
    offsets = OffsetMap("nothing special here")
    assert offsets.identity and offsets.to_qt(7) == 7 and offsets.to_py(7) == 7


def test_stories_model_lists_the_readers_stories_before_suggestions_largest_first(qtmodeltester):
    from desktop.core.models import Story

    model = StoriesModel()
    model.set_stories([Story(1, "Alpha", (1, 2), "suggested"), Story(2, "Budget", (3,)),
                       Story(3, "Beta", (4, 5, 6), "suggested"), Story(4, "Zoo", (7, 8))])
    qtmodeltester.check(model)
    assert [model.story_at(row).name for row in range(1, 5)] == ["Budget", "Zoo", "Beta", "Alpha"]


def test_search_hits_show_matches_in_bold_and_titles_cut_at_a_word(library):
    from desktop.core.models import SearchHit
    from desktop.ui.library.library_models import HTML_ROLE, hit_title

    model = SearchHitsModel()
    model.set_hits(library.search("Zetter"))
    assert model.rowCount() >= 2
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        shown = index.data()
        assert "[" not in shown and "\ue000" not in shown and "Zetter" in shown
        assert "<b>Zetter</b>" in index.data(HTML_ROLE)
        assert "Unknown outlet" not in shown  # an article whose outlet is unknown names none
    long = SearchHit(1, "Kaspersky, a prominent name in the cybersecurity industry known for its antivirus "
                        "solutions, is facing a significant shift", None, "x")
    assert hit_title(long).endswith("…") and hit_title(long)[:-1] in long.title and len(hit_title(long)) <= 90
    assert not hit_title(long)[:-1].endswith(" ")

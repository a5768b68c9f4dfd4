"""The library's article list, driven as a reader drives it: header clicks sort, the filter bar and
Find narrow, scrolling reads more rows, a re-sort keeps the selection."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from desktop.core.library.store import Store
from desktop.core.library.store.article_list import LEANINGS
from desktop.core.models import ParsedArticle
from desktop.ui.library.library_models import (
    ALL_ARTICLES,
    ID_ROLE,
    LEANING_SHORT,
    TAGS_ROLE,
    ArticlesModel,
    article_ids_from_mime,
)
from desktop.ui.library.sidebar import LibrarySidebar
from tests.core.test_article_list import fill

COUNT = 300
SHORT_RANK = {LEANING_SHORT[name]: rank for rank, name in enumerate(LEANINGS)}


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "library.sqlite")
    fill(s, COUNT)
    yield s
    s.close()


def open_sidebar(qtbot, store) -> LibrarySidebar:
    """The sidebar on every article of ``store``, shown."""
    widget = LibrarySidebar(store)
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.reload()
    widget.show_story(ALL_ARTICLES)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def sidebar(qtbot, store):
    widget = open_sidebar(qtbot, store)
    for column in range(len(ArticlesModel.COLUMNS)):  # the reader turned every column on (header menu)
        widget.articles_view.header().setSectionHidden(column, False)
    return widget


def click_header(qtbot, sidebar, column: int) -> Qt.SortOrder:
    header = sidebar.articles_view.header()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    return header.sortIndicatorOrder()


def column_texts(sidebar, column: int) -> list[str]:
    model = sidebar.articles_model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def click_row(qtbot, sidebar, row: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    view = sidebar.articles_view
    index = sidebar.articles_model.index(row, 0)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, view.visualRect(index).center())


def test_the_list_is_lazy_and_passes_the_model_checks(qtmodeltester, sidebar):
    model = sidebar.articles_model
    assert model.rowCount() == COUNT
    assert sidebar.articles_heading.text() == f"All articles ({COUNT})"
    assert model.loaded_rows() <= 2 * model.PAGE  # only what was shown was read
    qtmodeltester.check(model)
    sidebar.filter_bar.leaning_box.setCurrentIndex(sidebar.filter_bar.leaning_box.findData("center"))
    model.sort(2, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)


def test_the_outlet_choices_follow_the_library_and_keep_the_choice(qtbot, sidebar, store):
    box = sidebar.filter_bar.outlet_box
    assert [box.itemData(i) for i in range(box.count())] == [
        None, "Alpha Post", "Bravo Daily", "Charlie Wire", "Delta Herald", "Echo Times", "Foxtrot Blog", ""]
    assert box.itemText(7).startswith("Unknown outlet (")
    box.setCurrentIndex(box.findData("Charlie Wire"))
    shown = sidebar.articles_model.rowCount()
    store.save_article(ParsedArticle(text="Another wire report.", origin="/w.txt", source="Charlie Wire"))
    store.save_article(ParsedArticle(text="A new outlet's report.", origin="/n.txt", source="Golf Gazette"))
    sidebar.reload()
    sidebar.refresh_articles()
    assert box.currentData() == "Charlie Wire" and box.findData("Golf Gazette") >= 0
    assert sidebar.articles_model.rowCount() == shown + 1


@pytest.mark.parametrize(("column", "key"), [
    (0, lambda text: text.lower()),
    (1, lambda text: text),
    (2, lambda text: text),
    (3, lambda text: int(text.replace(",", ""))),
    (4, lambda text: SHORT_RANK[text]),
    (5, lambda text: text.split(" +")[0].lower()),  # "Alpha story +1": the first of its stories
])
def test_clicking_a_header_sorts_by_that_column_both_ways(qtbot, sidebar, column, key):
    missing = {0: None, 1: None, 2: "—", 3: None, 4: "", 5: ""}[column]
    for _ in range(2):
        order = click_header(qtbot, sidebar, column)
        texts = column_texts(sidebar, column)
        assert len(texts) == COUNT
        model = sidebar.articles_model
        if column == 0:  # untitled articles show their opening words, after the titled ones
            texts = [t if model.article_at(row).title else None for row, t in enumerate(texts)]
        if column == 1:  # articles without an outlet, after the others
            texts = [t if model.article_at(row).source else None for row, t in enumerate(texts)]
        present = [t for t in texts if t != missing]
        if column != 4:  # missing values (no title, outlet, date, story) come last either way
            assert texts[len(present):] == [missing] * (len(texts) - len(present))
        values = [key(t) for t in present]
        assert values == sorted(values, reverse=order == Qt.SortOrder.DescendingOrder), (column, order)
        assert len(set(values)) >= 2
    assert order == Qt.SortOrder.DescendingOrder  # the second click turned the order round


def test_header_clicks_sort_dates_as_dates_and_words_as_numbers(qtbot, tmp_path):
    """Not by the text shown: "900" words before "1,200" and "10,000", dates by day, undated last."""
    with Store(tmp_path / "few.sqlite") as few:
        for n, (published, words) in enumerate([("2024-07-16", 1200), (None, 900), ("2023-12-01", 10000),
                                                ("2024-07-02", 95)]):
            few.save_article(ParsedArticle(text=" ".join(["word"] * words), origin=f"/{n}.txt", title=f"Report {n}",
                                           published=published))
        widget = open_sidebar(qtbot, few)
        widget.articles_view.header().setSectionHidden(3, False)
        model = widget.articles_model
        assert click_header(qtbot, widget, 3) == Qt.SortOrder.AscendingOrder
        assert column_texts(widget, 3) == ["95", "900", "1,200", "10,000"]
        click_header(qtbot, widget, 3)
        assert column_texts(widget, 3) == ["10,000", "1,200", "900", "95"]
        assert click_header(qtbot, widget, 2) == Qt.SortOrder.AscendingOrder
        assert column_texts(widget, 2) == ["2023-12-01", "2024-07-02", "2024-07-16", "—"]
        click_header(qtbot, widget, 2)
        assert column_texts(widget, 2) == ["2024-07-16", "2024-07-02", "2023-12-01", "—"]
        # the sort keys are the model's own: no item role offers others a proxy could sort by
        roles = range(Qt.ItemDataRole.UserRole, Qt.ItemDataRole.UserRole + 8)
        assert {role: model.index(0, 3).data(role) is not None for role in roles} == {
            role: role in (ID_ROLE, TAGS_ROLE) for role in roles}


def test_the_filter_bar_narrows_the_rows(qtbot, sidebar, store):
    bar, model = sidebar.filter_bar, sidebar.articles_model
    assert not bar.clear_button.isEnabled()
    bar.outlet_box.setCurrentIndex(bar.outlet_box.findData("Bravo Daily"))
    bravo = model.rowCount()
    assert 0 < bravo < COUNT and set(column_texts(sidebar, 1)) == {"Bravo Daily"}
    assert sidebar.articles_heading.text() == f"All articles ({bravo:,} shown)"

    bar.outlet_box.setCurrentIndex(0)
    bar.leaning_box.setCurrentIndex(bar.leaning_box.findData("right"))
    assert 0 < model.rowCount() < COUNT and set(column_texts(sidebar, 1)) == {"Echo Times"}
    assert set(column_texts(sidebar, 4)) == {"R"}

    bar.leaning_box.setCurrentIndex(0)
    qtbot.keyClicks(bar.since_box, "2020-02")
    qtbot.keyClick(bar.since_box, Qt.Key.Key_Return)
    qtbot.keyClicks(bar.until_box, "2020")
    qtbot.keyClick(bar.until_box, Qt.Key.Key_Return)
    dates = column_texts(sidebar, 2)
    assert dates and all("2020-02-01" <= d <= "2020-12-31" for d in dates) and len(dates) < COUNT

    qtbot.mouseClick(bar.clear_button, Qt.MouseButton.LeftButton)
    assert model.rowCount() == COUNT and bar.since_box.text() == ""
    bar.story_box.setCurrentIndex(bar.story_box.findText("In no story"))
    loose = model.rowCount()
    assert loose == COUNT - len(set(range(0, COUNT, 5)) | set(range(0, COUNT, 7)))
    assert set(column_texts(sidebar, 5)) == {""}

    # inside a story the bar narrows the story's articles
    bar.story_box.setCurrentIndex(0)
    sidebar.show_story(store.story_by_name("Beta story").id)
    assert model.rowCount() == len(range(0, COUNT, 5))
    assert not bar.story_box.isEnabled()  # "In no story" means nothing inside a story
    bar.outlet_box.setCurrentIndex(bar.outlet_box.findData("Alpha Post"))
    assert 0 < model.rowCount() < len(range(0, COUNT, 5))
    assert set(column_texts(sidebar, 1)) == {"Alpha Post"}
    assert all("Beta story" in model.article_at(row).stories for row in range(model.rowCount()))


def test_a_bad_date_is_marked_and_ignored(qtbot, sidebar):
    bar = sidebar.filter_bar
    qtbot.keyClicks(bar.since_box, "last spring")
    qtbot.keyClick(bar.since_box, Qt.Key.Key_Return)
    assert sidebar.articles_model.rowCount() == COUNT
    assert "is not a date: write a year (2020)" in bar.since_box.toolTip()
    bar.since_box.clear()
    qtbot.keyClicks(bar.since_box, "2019-13")  # looks like a month, is none
    qtbot.keyClick(bar.since_box, Qt.Key.Key_Return)
    assert sidebar.articles_model.rowCount() == COUNT and "there is no month 13" in bar.since_box.toolTip()


def test_find_narrows_the_article_list(qtbot, sidebar):
    zeppelins = len(range(3, COUNT, 11))
    qtbot.keyClicks(sidebar.search_box, "zeppelin")
    qtbot.waitUntil(lambda: sidebar.hits_model.rowCount() == zeppelins)
    assert "List all" in sidebar.hits_label.text()
    sidebar.hits_label.linkActivated.emit("list")  # the reader clicks "List all in the article list"
    assert sidebar.lower_stack.currentIndex() == 0
    assert sidebar.articles_model.rowCount() == zeppelins
    assert sidebar.articles_heading.text() == f"All articles matching “zeppelin” ({zeppelins} shown)"
    order = click_header(qtbot, sidebar, 2)  # the found articles sort like the others
    dates = [d for d in column_texts(sidebar, 2) if d != "—"]
    assert dates == sorted(dates, reverse=order == Qt.SortOrder.DescendingOrder)
    sidebar.search_box.clear()
    assert sidebar.articles_model.rowCount() == COUNT


def test_scrolling_to_the_end_reads_the_rows_shown_and_forgets_far_ones(qtbot, sidebar, store):
    model, view = sidebar.articles_model, sidebar.articles_view
    model.PAGE, model.KEPT_PAGES = 40, 3
    sidebar.filter_bar.story_box.setCurrentIndex(1)  # a new listing, read with the small pages
    sidebar.filter_bar.story_box.setCurrentIndex(0)
    qtbot.wait(10)
    assert model.loaded_rows() <= 2 * model.PAGE
    last = model.rowCount() - 1
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert view.currentIndex().row() == last
    assert view.visualRect(model.index(last, 0)).isValid()
    title = model.index(last, 0).data()
    expected = store.article_list_rows([model.index(last, 0).data(ID_ROLE)])[0].display_title
    assert title.startswith(expected)
    assert model.loaded_rows() <= model.KEPT_PAGES * model.PAGE  # the first pages were let go
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert model.index(0, 0).data()  # read again when shown again


def test_the_selection_survives_a_re_sort(qtbot, sidebar, store):
    click_row(qtbot, sidebar, 3)
    click_row(qtbot, sidebar, 10, Qt.KeyboardModifier.ControlModifier)
    chosen = sorted(sidebar.selected_article_ids())
    current = sidebar.current_article_id()
    assert len(chosen) == 2
    for column in (2, 1, 4):
        click_header(qtbot, sidebar, column)
        assert sorted(sidebar.selected_article_ids()) == chosen
        assert sidebar.current_article_id() == current
    # and a refresh from the store keeps it too: the same rows, or new ones among them
    sidebar.refresh_articles()
    assert sorted(sidebar.selected_article_ids()) == chosen
    _, added, _ = store.save_article(ParsedArticle(text="A late report.", origin="/late.txt", title="Aaa late"))
    sidebar.refresh_articles()
    assert sidebar.articles_model.rowCount() == COUNT + 1
    assert sorted(sidebar.selected_article_ids()) == chosen and added not in chosen
    assert sidebar.current_article_id() == current
    # what a drag onto the panes carries: the selected articles' ids
    rows = sidebar.articles_view.selectionModel().selectedRows()
    assert article_ids_from_mime(sidebar.articles_model.mimeData(rows)) == chosen

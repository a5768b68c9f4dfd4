"""The Quotes, Timeline and Sources tabs driven as a reader would (issue 13)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.ui.compare.quotes_panel import GROUP_ROLE


@pytest.fixture
def shown(window, qtbot):
    """The bundled story compared and shown (the window fixture opens it)."""
    window.wait_until_ready()
    assert window.comparison.comparison is not None
    return window


def _tab(window, name):
    tabs = window.sidebar_tabs
    tabs.setCurrentIndex([tabs.tabText(i) for i in range(tabs.count())].index(name))
    return tabs.currentWidget()


def _current(window):
    """(article id, start, end) of each pane's outlined span, from its extra selections."""
    found = {}
    for pane in window.comparison.panes:
        current = pane.view._current_selection
        if current:
            cursor = current[0].cursor
            found[pane.article_id] = (pane.view.offsets.to_py(cursor.selectionStart()),
                                      pane.view.offsets.to_py(cursor.selectionEnd()))
    return found


def test_clicking_a_quote_aligns_the_panes_on_it_and_marks_the_drift(shown, qtbot):
    panel = _tab(shown, "Quotes")
    comparison = shown.comparison.comparison
    statement = next(g for g in comparison.quotes if "carefully" in g.text and len(g.articles) >= 3)
    item = next(panel.tree.topLevelItem(i).child(j) for i in range(panel.tree.topLevelItemCount())
                for j in range(panel.tree.topLevelItem(i).childCount())
                if panel.tree.topLevelItem(i).child(j).data(0, GROUP_ROLE) == statement.id)
    rect = panel.tree.visualItemRect(item)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    outlined = _current(shown)
    assert set(statement.articles) <= set(outlined)
    texts = {a.id: a.text for a in comparison.articles}
    for article, (start, end) in outlined.items():
        assert "carefully" in texts[article][start:end] or len(texts[article][start:end].split()) <= 4
    # the outlined quotations sit at the same height in every pane
    ys = []
    for pane in shown.comparison.panes:
        if pane.article_id in statement.articles:
            start = outlined[pane.article_id][0]
            ys.append(pane.view.cursorRect(pane.view.cursor_for_span(start, start + 1)).top())
    assert max(ys) - min(ys) <= 40
    # the drift box marks the changed words of the translated statement
    html = panel.detail.toHtml()
    assert "studied" in html and "examined" in html
    assert "line-through" in html or "<s" in html
    assert "words changed" in panel.detail.toPlainText()


def test_a_quote_row_names_the_outlets_and_the_drift(shown):
    panel = _tab(shown, "Quotes")
    rows = []
    for i in range(panel.tree.topLevelItemCount()):
        top = panel.tree.topLevelItem(i)
        rows.append(top.text(0))
        for j in range(top.childCount()):
            rows.append(top.child(j).text(0))
            rows += [top.child(j).child(k).text(0) for k in range(top.child(j).childCount())]
    text = "\n".join(rows)
    assert "Kaspersky" in rows[0]
    assert "≠ drift" in text and "words changed" in text and "truncated" in text
    assert "Gina Raimondo (1)" in text
    # each quotation on two lines, the outlets first: a long one is cut at its end, never who quotes it
    statement = next(panel.tree.topLevelItem(0).child(j) for j in range(panel.tree.topLevelItem(0).childCount())
                     if "carefully" in panel.tree.topLevelItem(0).child(j).text(0))
    assert statement.text(0).startswith("A1, A2, A4, A5 ≠ drift: “The company has carefully")
    line = panel.tree.fontMetrics().lineSpacing()
    assert panel.tree.visualItemRect(statement).height() >= 2 * line
    assert panel.tree.visualItemRect(panel.tree.topLevelItem(0)).height() < 2 * line  # the speaker: one line


def test_timeline_rows_and_click_aligns_on_the_dates(shown, qtbot):
    panel = _tab(shown, "Timeline")
    rows = [panel.list.item(i).text() for i in range(panel.list.count())]
    assert any(r.startswith("June 2024") and "Commerce" in r for r in rows)
    assert any("July 20, 2024" in r for r in rows)
    assert any(r.startswith("⚠ September 29, 2024") and "takes effect" in r for r in rows)
    september = panel.list.item(next(i for i, r in enumerate(rows) if r.startswith("⚠ September 29, 2024")))
    assert "The dates conflict" in september.toolTip() and "A conflict to check" in september.toolTip()  # less sure
    index = next(i for i, r in enumerate(rows) if "July 20, 2024" in r and r.startswith("⚠"))
    rect = panel.list.visualItemRect(panel.list.item(index))
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    outlined = _current(shown)
    texts = {a.id: a.text for a in shown.comparison.comparison.articles}
    assert len(outlined) >= 2
    assert all(texts[a][s:e] == "July 20" for a, (s, e) in outlined.items())


def test_attribution_diagram_shows_the_origin_and_a_click_aligns(shown, qtbot):
    panel = _tab(shown, "Sources")
    assert "Kim Zetter" in panel.origin.text()
    graph = panel.graph
    graph.resize(420, 320)
    names = [n for n, _kind in graph.sources]
    assert names[0] == "Kim Zetter" and "The Register" in names and "Bloomberg" in names
    image = graph.grab().toImage()
    assert not image.isNull()
    # the thick blue origin arrow is painted somewhere between the columns
    blue = sum(1 for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)
               if image.pixelColor(x, y).blue() > 150 and image.pixelColor(x, y).red() < 60)
    assert blue > 20
    edge = next(i for i, e in enumerate(graph.edges) if graph.sources[e[1]][0] == "The Register")
    point = graph.edge_path(graph.edges[edge]).pointAtPercent(0.9)
    assert "The Register" in graph.tooltip_at(point)
    qtbot.mouseClick(graph, Qt.MouseButton.LeftButton, pos=point.toPoint())
    outlined = _current(shown)
    [(article, (start, end))] = outlined.items()
    assert "The Register" in shown.comparison.comparison.articles[article - 1].text[start:end]
    bloomberg = next(i for i, e in enumerate(graph.edges) if graph.sources[e[1]][0] == "Bloomberg")
    assert "about something else" in graph.tooltip_at(graph.edge_path(graph.edges[bloomberg]).pointAtPercent(0.5))


def test_a_name_too_wide_for_its_node_wraps_onto_a_taller_node_instead_of_being_cut(shown, qtbot):
    from PySide6.QtGui import QFontMetrics

    from desktop.ui.compare.attribution_view import NODE_H, TALL_NODE_H, AttributionGraphWidget, wrapped_name

    graph = AttributionGraphWidget()  # the Sources tab's diagram, on its own to set its width
    qtbot.addWidget(graph)
    graph.set_comparison(shown.comparison.comparison)
    graph.resize(900, 320)  # a wide sidebar: every name fits on one line
    assert graph.node_height() == NODE_H, graph.names()
    graph.resize(250, 320)  # 1280x800: "Russian cybersecurity ..." does not
    assert graph.node_height() == TALL_NODE_H
    assert all(r.height() == TALL_NODE_H for column in graph.node_rects() for r in column)
    assert graph.sizeHint().height() >= len(graph.outlets) * TALL_NODE_H
    assert not graph.grab().toImage().isNull()
    metrics = QFontMetrics(graph.font())
    shown_name = wrapped_name("The Register Online Edition", metrics, metrics.horizontalAdvance("The Register") + 2, 2)
    assert shown_name.split("\n")[0] == "The Register" and len(shown_name.split("\n")) == 2
    assert wrapped_name("Bloomberg", metrics, 300, 2) == "Bloomberg"
    cut = wrapped_name("A very long outlet name indeed that never ends", metrics, 60, 2)
    assert cut.count("\n") == 1 and cut.endswith("…")


def test_precision_conflicts_are_amber_dotted_contradictions_red_wavy(shown):
    from PySide6.QtGui import QTextCharFormat

    from desktop.ui.compare.fact_highlights import FACT_ID_PROPERTY

    comparison = shown.comparison.comparison
    kinds = {c.id: c.severity for c in comparison.conflicts}
    assert sorted(kinds.values()) == ["contradiction", "precision", "precision"]
    styles = {}
    for pane in shown.comparison.panes:
        for selection in pane.view._fact_selections:
            fact = selection.format.property(FACT_ID_PROPERTY)
            if fact in kinds:
                styles.setdefault(kinds[fact], set()).add(selection.format.underlineStyle())
    assert styles["contradiction"] == {QTextCharFormat.UnderlineStyle.WaveUnderline}
    assert styles["precision"] == {QTextCharFormat.UnderlineStyle.DotLine}
    labels = [shown.legend.toPlainText()]
    assert "Values differ in precision" in labels[0]


def test_the_timeline_can_show_only_the_dates_several_outlets_give(shown, qtbot):
    panel = _tab(shown, "Timeline")
    timeline = shown.comparison.comparison.timeline
    shared = [row for row, e in enumerate(timeline) if len(e.articles) > 1]
    alone = [row for row, e in enumerate(timeline) if len(e.articles) == 1]
    assert shared and alone
    assert panel.list.item(shared[0]).font().bold() and not panel.list.item(alone[0]).font().bold()
    assert f"{len(shared)} given by two or more outlets" in panel.summary.text()
    panel.shared_only.setFocus()
    qtbot.keyClick(panel.shared_only, Qt.Key.Key_Space)  # as a reader ticks it
    assert panel.shared_only.isChecked()
    assert [row for row in range(panel.list.count()) if not panel.list.item(row).isHidden()] == shared
    qtbot.keyClick(panel.shared_only, Qt.Key.Key_Space)
    assert not any(panel.list.item(row).isHidden() for row in range(panel.list.count()))


def test_the_drift_box_says_how_to_use_it_until_a_quote_is_chosen(shown, qtbot):
    panel = _tab(shown, "Quotes")
    assert panel.detail.toPlainText().startswith("Click a quotation")
    item = panel.tree.topLevelItem(0).child(0)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=panel.tree.visualItemRect(item).center())
    shown_text = panel.detail.toPlainText()
    assert "Click a quotation" not in shown_text and "reference wording" in shown_text
    panel.set_comparison(shown.comparison.comparison)  # compared again: back to the hint
    assert panel.detail.toPlainText().startswith("Click a quotation")

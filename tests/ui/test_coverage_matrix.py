"""The coverage matrix: who reports what, who leaves it out, exported as PNG and SVG."""

from __future__ import annotations

import html

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QHelpEvent, QImage
from PySide6.QtWidgets import QApplication, QToolTip

from desktop.ui.compare.coverage_matrix import (
    CLAIM_COLOR,
    CoverageMatrixArea,
    CoverageMatrixWidget,
)


@pytest.fixture
def matrix(qtbot, comparison):
    matrix = CoverageMatrixWidget()
    qtbot.addWidget(matrix)
    matrix.set_comparison(comparison)
    matrix.show()
    qtbot.waitExposed(matrix)
    return matrix


def first_cell(matrix, comparison, reported: bool, conflict: bool = False):
    """(row, fact id) of the first cell that is (or is not) reported, in a fact or conflict column."""
    for column in matrix.columns:
        if column.is_conflict != conflict:
            continue
        for row, yes in enumerate(column.reported):
            if yes == reported:
                return row, column.id
    raise AssertionError("no such cell")


def test_columns_are_shared_claims_and_quotes_by_coverage_then_conflicts(matrix, comparison):
    shared = [f for f in comparison.facts if f.kind in ("claim", "quote") and f.sources >= 2]
    facts = [c for c in matrix.columns if not c.is_conflict]
    assert {c.id for c in facts} == {f.id for f in shared}
    assert [c.sources for c in facts] == sorted((c.sources for c in facts), reverse=True)
    assert [c.id for c in matrix.columns[len(facts):]] == [c.id for c in comparison.conflicts]
    assert matrix.outlets[1] == "A2 · Bitdefender"
    assert len(matrix.outlets) == len(comparison.articles)


def test_size_hint_fits_the_content(matrix):
    hint = matrix.sizeHint()
    assert hint == matrix.content_size()
    last = matrix.columns[-1].id
    assert hint.width() > matrix.cell_rect(len(matrix.outlets) - 1, last).right()
    assert hint.height() > matrix.cell_rect(len(matrix.outlets) - 1, last).bottom()


def test_save_png_renders_the_whole_matrix(matrix, comparison, tmp_path):
    path = tmp_path / "coverage.png"
    assert matrix.save_png(path)
    image = QImage(str(path))
    assert not image.isNull()
    assert image.size() == matrix.content_size()
    # filled for "reports", hollow for "leaves it out": the centre pixel tells them apart
    row, fact_id = first_cell(matrix, comparison, reported=True)
    centre = image.pixelColor(matrix.cell_rect(row, fact_id).center())
    claim = QColor(CLAIM_COLOR)
    assert abs(centre.red() - claim.red()) + abs(centre.green() - claim.green()) + abs(centre.blue() - claim.blue()) < 40
    row, fact_id = first_cell(matrix, comparison, reported=False)
    hollow = image.pixelColor(matrix.cell_rect(row, fact_id).center())
    background = image.pixelColor(matrix.cell_rect(row, fact_id).topLeft() + QPoint(1, 1))
    assert hollow == background
    assert matrix.save_png(tmp_path / "coverage@2x.png", scale=2)
    assert QImage(str(tmp_path / "coverage@2x.png")).width() == 2 * matrix.content_size().width()


def test_save_png_renders_what_is_scrolled_away(qtbot, comparison, tmp_path):
    area = CoverageMatrixArea()
    qtbot.addWidget(area)
    area.set_comparison(comparison)
    area.resize(200, 120)
    area.show()
    qtbot.waitExposed(area)
    assert area.viewport().width() < area.matrix.content_size().width()
    path = tmp_path / "whole.png"
    assert area.matrix.save_png(path)
    assert QImage(str(path)).size() == area.matrix.content_size()


def test_save_svg_writes_vector_text(matrix, tmp_path):
    path = tmp_path / "coverage.svg"
    assert matrix.save_svg(path)
    svg = path.read_text(encoding="utf-8")
    assert "<svg" in svg
    assert "Bitdefender" in svg
    assert "Who reports what" in svg
    assert not matrix.save_svg(tmp_path / "missing-folder" / "coverage.svg")
    assert not matrix.save_png(tmp_path / "missing-folder" / "coverage.png")


def test_clicking_a_cell_emits_its_fact(matrix, qtbot, comparison):
    row, fact_id = first_cell(matrix, comparison, reported=True)
    with qtbot.waitSignal(matrix.fact_selected, timeout=1000) as blocker:
        qtbot.mouseClick(matrix, Qt.MouseButton.LeftButton, pos=matrix.cell_rect(row, fact_id).center())
    assert blocker.args == [fact_id]
    assert matrix.selected_id() == fact_id

    conflict = comparison.conflicts[-1].id
    with qtbot.waitSignal(matrix.fact_selected, timeout=1000) as blocker:
        qtbot.mouseClick(matrix, Qt.MouseButton.LeftButton, pos=matrix.cell_rect(0, conflict).center())
    assert blocker.args == [conflict]


def test_clicking_a_column_header_emits_its_fact(matrix, qtbot):
    column = matrix.column_rect(2)
    with qtbot.waitSignal(matrix.fact_selected, timeout=1000) as blocker:
        qtbot.mouseClick(matrix, Qt.MouseButton.LeftButton, pos=QPoint(column.center().x(), column.top() + 20))
    assert blocker.args == [matrix.columns[2].id]


def test_clicking_an_outlet_emits_its_article(matrix, qtbot, comparison):
    rect = matrix.hit_rect(1, -1)
    with qtbot.waitSignal(matrix.article_selected, timeout=1000) as blocker:
        qtbot.mouseClick(matrix, Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [comparison.articles[1].id]


def test_arrow_keys_walk_the_columns(matrix, qtbot):
    matrix.setFocus()
    with qtbot.waitSignal(matrix.fact_selected, timeout=1000) as blocker:
        qtbot.keyClick(matrix, Qt.Key.Key_Right)
    assert blocker.args == [matrix.columns[0].id]
    with qtbot.waitSignal(matrix.fact_selected, timeout=1000) as blocker:
        qtbot.keyClick(matrix, Qt.Key.Key_Right)
    assert blocker.args == [matrix.columns[1].id]


def test_select_fact_does_not_emit(matrix, qtbot):
    with qtbot.assertNotEmitted(matrix.fact_selected):
        assert matrix.select_fact(matrix.columns[3].id)
        assert not matrix.select_fact("date-not-a-column")
    assert matrix.selected_id() is None


def test_tooltips_say_who_reports_and_who_leaves_it_out(matrix, comparison):
    row, fact_id = first_cell(matrix, comparison, reported=False)
    tip = matrix.tooltip_at(matrix.cell_rect(row, fact_id).center())
    assert "leaves this out" in tip
    assert matrix.outlets[row] in tip

    bitdefender = 1
    column = next(c for c in matrix.columns if not c.is_conflict and c.reported[bitdefender])
    tip = matrix.tooltip_at(matrix.cell_rect(bitdefender, column.id).center())
    assert "Bitdefender</b> reports" in tip
    wording = next(m.text for m in comparison.fact(column.id).mentions if m.article == comparison.articles[1].id)
    assert " ".join(wording.split())[:25] in html.unescape(tip)  # the tooltip is rich text: quotes are escaped

    conflict = next(c for c in matrix.columns if c.is_conflict and c.reported[bitdefender])
    tip = matrix.tooltip_at(matrix.cell_rect(bitdefender, conflict.id).center())
    assert "takes part in a conflict" in tip and "⚠" in tip

    header = matrix.column_rect(0)
    assert matrix.tooltip_at(QPoint(header.center().x(), header.top() + 10)) == matrix.columns[0].tooltip


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen tooltips
def test_hovering_an_omitted_cell_shows_the_tooltip(matrix, qtbot, comparison):
    row, fact_id = first_cell(matrix, comparison, reported=False)
    pos = matrix.cell_rect(row, fact_id).center()
    QApplication.sendEvent(matrix, QHelpEvent(QEvent.Type.ToolTip, pos, matrix.mapToGlobal(pos)))
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    assert "leaves this out" in QToolTip.text()
    QToolTip.hideText()


def test_the_area_scrolls_to_the_selected_column(qtbot, comparison):
    area = CoverageMatrixArea()
    qtbot.addWidget(area)
    area.set_comparison(comparison)
    area.resize(260, 200)
    area.show()
    qtbot.waitExposed(area)
    assert area.horizontalScrollBar().value() == 0
    last = area.matrix.columns[-1].id
    assert area.select_fact(last)
    assert area.horizontalScrollBar().value() > 0
    rect = area.matrix.cell_rect(0, last)
    visible = area.viewport().rect().translated(area.horizontalScrollBar().value(), area.verticalScrollBar().value())
    assert visible.intersects(rect)


def test_empty_matrix_still_renders(qtbot, tmp_path):
    matrix = CoverageMatrixWidget()
    qtbot.addWidget(matrix)
    matrix.set_comparison(None)
    assert matrix.columns == []
    assert matrix.save_png(tmp_path / "empty.png")
    assert matrix.save_svg(tmp_path / "empty.svg")


def test_a_less_sure_link_is_a_pale_square_with_its_own_tooltip(matrix, comparison):
    weak = {f.id for f in comparison.facts if f.weak and f.sources > 1}
    assert weak  # the bundled story has some
    pale = next(c for c in matrix.columns if c.id in weak)
    sure = next(c for c in matrix.columns if not c.is_conflict and c.id not in weak and c.kind == "claim")
    assert pale.less_sure and not sure.less_sure

    def centre_colour(column):
        row = column.reported.index(True)
        image = matrix.grab().toImage()
        return QColor(image.pixel(matrix.cell_rect(row, column.id).center())), row

    (pale_colour, pale_row), (sure_colour, _row) = centre_colour(pale), centre_colour(sure)
    assert sure_colour.rgb() == QColor(CLAIM_COLOR).rgb()  # the claim blue, opaque
    assert pale_colour.rgb() != sure_colour.rgb() and pale_colour.lightness() > sure_colour.lightness()
    tip = matrix.tooltip_at(matrix.cell_rect(pale_row, pale.id).center())
    assert "less sure" in tip

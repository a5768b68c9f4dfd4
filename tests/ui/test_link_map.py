"""The link map joins matched spans of two neighbouring views with ribbons, as the reader sees them."""

from __future__ import annotations

import random
import sys
import time

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QHelpEvent, QTextBlockFormat, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QTextEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.compare.link_map import (
    ANNOTATION_LINK_COLOURS,
    LINK_MAP_WIDTH,
    AnnotationRibbon,
    Link,
    LinkMapWidget,
)


def void_calls_drop_none() -> bool:
    """PySide6 6.12.0 on CPython 3.11 takes a reference from None on every call of a method
    that returns nothing; after a few thousand such calls the interpreter aborts
    ("none_dealloc"). 6.11.3 does not; on 3.12+ None is immortal."""
    point = QPointF()
    before = sys.getrefcount(None)
    for _ in range(20):
        point.setX(1.0)
    return sys.getrefcount(None) <= before - 10


BROKEN_BINDING = void_calls_drop_none()
BLUE = QColor(0, 110, 255)
ORANGE = QColor(255, 140, 0)


def article_text(seed: int, paragraphs: int = 200) -> str:
    """Paragraphs of varied length: most wrap over several lines in a narrow view."""
    rng = random.Random(seed)
    words = ["the", "minister", "said", "on", "Tuesday", "that", "forty", "workers", "had", "left", "the", "plant", "before", "noon"]
    return "\n".join(
        f"Paragraph {i}: " + " ".join(rng.choice(words) for _ in range(rng.randint(4, 40)))
        for i in range(paragraphs)
    )


def make_view(text: str) -> QTextEdit:
    """A read-only view laid out like the reading pane: 150% line height, space after paragraphs."""
    view = QTextEdit()
    view.setReadOnly(True)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setPlainText(text)
    cursor = QTextCursor(view.document())
    cursor.select(QTextCursor.SelectionType.Document)
    block = QTextBlockFormat()
    block.setLineHeight(150.0, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    block.setBottomMargin(6)
    cursor.mergeBlockFormat(block)
    return view


def column(header_height: int, view: QTextEdit) -> QWidget:
    """A header above the view, so the viewport does not start at the top of the window."""
    widget = QWidget()
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    header = QLabel("Outlet header")
    header.setFixedHeight(header_height)
    layout.addWidget(header)
    layout.addWidget(view, 1)
    return widget


def span_in_paragraph(view: QTextEdit, paragraph: int, start: int, end: int) -> tuple[int, int]:
    block = view.document().findBlockByNumber(paragraph)
    return block.position() + start, block.position() + end


def seen_span(view: QTextEdit, widget: QWidget, span: tuple[int, int]) -> tuple[float, float] | None:
    """Where the user sees the span (top of first line, bottom of last), in ``widget``'s
    coordinates, measured with the view's own cursor rectangles; None when off screen."""
    first, last = QTextCursor(view.document()), QTextCursor(view.document())
    first.setPosition(span[0])
    last.setPosition(max(span[0], span[1] - 1))
    top, bottom = view.cursorRect(first).top(), view.cursorRect(last).bottom() + 1
    if bottom <= 0 or top >= view.viewport().height():
        return None
    origin = widget.mapFromGlobal(view.viewport().mapToGlobal(QPoint(0, 0))).y()
    return top + origin, bottom + origin


class Comparison:
    def __init__(self, qtbot):
        self.left = make_view(article_text(1))
        self.right = make_view(article_text(2))
        self.link_map = LinkMapWidget()
        self.window = QWidget()
        layout = QHBoxLayout(self.window)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(column(40, self.left), 1)  # headers of different heights on purpose
        layout.addWidget(self.link_map)
        layout.addWidget(column(64, self.right), 1)
        self.window.resize(800, 500)
        qtbot.addWidget(self.window)
        self.link_map.set_views(self.left, self.right)

    def link(self, fact_id, left_paragraph, right_paragraph, colour=BLUE, left=(3, 30), right=(5, 25)):
        return Link(
            fact_id,
            span_in_paragraph(self.left, left_paragraph, *left),
            span_in_paragraph(self.right, right_paragraph, *right),
            colour,
        )

    def expected_visible(self) -> set[str]:
        return {
            link.fact_id
            for link in self.link_map.links()
            if seen_span(self.left, self.link_map, link.left) or seen_span(self.right, self.link_map, link.right)
        }

    def ribbons(self) -> dict:
        return dict(self.link_map.visible_ribbons())


@pytest.fixture
def comparison(qtbot):
    comparison = Comparison(qtbot)
    comparison.link_map.set_links(
        [
            comparison.link("top", 2, 3),
            comparison.link("left-top-to-right-end", 1, 190),
            comparison.link("middle", 100, 100),
            comparison.link("end", 195, 197, ORANGE),
            comparison.link("left-middle-to-right-top", 120, 1, ORANGE),
        ]
    )
    comparison.window.show()
    qtbot.waitExposed(comparison.window)
    return comparison


def test_link_map_sits_between_the_views_at_its_fixed_width(comparison):
    link_map = comparison.link_map
    assert link_map.width() == LINK_MAP_WIDTH
    assert comparison.left.mapTo(comparison.window, QPoint(comparison.left.width(), 0)).x() <= link_map.x()
    assert link_map.x() + link_map.width() <= comparison.right.mapTo(comparison.window, QPoint(0, 0)).x()


def test_ribbons_only_for_pairs_on_screen(comparison):
    assert set(comparison.ribbons()) == comparison.expected_visible()
    assert set(comparison.ribbons()) == {"top", "left-top-to-right-end", "left-middle-to-right-top"}


def test_scrolling_left_view_to_bottom_changes_ribbons_and_they_follow_the_text(comparison, qtbot):
    bar = comparison.left.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.wait(10)
    ribbons = comparison.ribbons()
    assert set(ribbons) == comparison.expected_visible()
    # the right view stayed at the top: "top" stays through its right end
    assert set(ribbons) == {"top", "end", "left-middle-to-right-top"}

    end = next(link for link in comparison.link_map.links() if link.fact_id == "end")
    left_top, left_bottom = seen_span(comparison.left, comparison.link_map, end.left)
    path = ribbons["end"]
    start_point, left_end = path.elementAt(0), path.elementAt(7)
    assert (start_point.x, left_end.x) == (0, 0)
    assert start_point.y == pytest.approx(left_top, abs=2)
    assert left_end.y == pytest.approx(left_bottom, abs=2)

    top = next(link for link in comparison.link_map.links() if link.fact_id == "top")
    right_top, right_bottom = seen_span(comparison.right, comparison.link_map, top.right)
    path = ribbons["top"]
    assert path.elementAt(3).x == LINK_MAP_WIDTH and path.elementAt(4).x == LINK_MAP_WIDTH
    assert path.elementAt(3).y == pytest.approx(right_top, abs=2)
    assert path.elementAt(4).y == pytest.approx(right_bottom, abs=2)


def test_ribbon_ends_match_the_text_after_scrolling_both_views(comparison, qtbot):
    comparison.left.verticalScrollBar().setValue(37)
    comparison.right.verticalScrollBar().setValue(11)
    qtbot.wait(10)
    top = next(link for link in comparison.link_map.links() if link.fact_id == "top")
    path = comparison.ribbons()["top"]
    assert path.elementAt(0).y == pytest.approx(seen_span(comparison.left, comparison.link_map, top.left)[0], abs=2)
    assert path.elementAt(3).y == pytest.approx(seen_span(comparison.right, comparison.link_map, top.right)[0], abs=2)


def test_resizing_rewraps_and_ribbons_follow(comparison, qtbot):
    comparison.window.resize(520, 500)  # narrower views: paragraphs wrap over more lines
    qtbot.waitUntil(lambda: comparison.left.width() < 260)
    comparison.left.verticalScrollBar().setValue(comparison.left.verticalScrollBar().maximum())
    qtbot.wait(10)
    assert set(comparison.ribbons()) == comparison.expected_visible()
    end = next(link for link in comparison.link_map.links() if link.fact_id == "end")
    path = comparison.ribbons()["end"]
    assert path.elementAt(0).y == pytest.approx(seen_span(comparison.left, comparison.link_map, end.left)[0], abs=2)


def ribbon_middle(path) -> QPoint:
    """A point inside a ribbon: halfway across, halfway between its top and bottom curves."""
    top = (path.elementAt(0).y + path.elementAt(3).y) / 2
    bottom = (path.elementAt(4).y + path.elementAt(7).y) / 2
    return QPoint(LINK_MAP_WIDTH // 2, round((top + bottom) / 2))


def test_clicking_a_ribbon_names_its_fact(comparison, qtbot):
    point = ribbon_middle(comparison.ribbons()["top"])
    assert comparison.ribbons()["top"].contains(QPointF(point))
    with qtbot.waitSignal(comparison.link_map.link_clicked, timeout=1000) as blocker:
        qtbot.mouseClick(comparison.link_map, Qt.MouseButton.LeftButton, pos=point)
    assert blocker.args == ["top"]


def test_clicking_between_ribbons_names_nothing(comparison, qtbot):
    empty = QPoint(LINK_MAP_WIDTH // 2, comparison.link_map.height() - 3)
    assert not any(path.contains(QPointF(empty)) for path in comparison.ribbons().values())
    with qtbot.assertNotEmitted(comparison.link_map.link_clicked):
        qtbot.mouseClick(comparison.link_map, Qt.MouseButton.LeftButton, pos=empty)


def test_ribbon_colour_is_painted_between_the_views(comparison):
    link_map = comparison.link_map
    point = ribbon_middle(comparison.ribbons()["top"])
    image = comparison.window.grab().toImage()
    at = link_map.mapTo(comparison.window, point)
    background = image.pixelColor(link_map.mapTo(comparison.window, QPoint(LINK_MAP_WIDTH // 2, link_map.height() - 3)))
    seen = image.pixelColor(at)
    for channel in ("red", "green", "blue"):  # 35% of the fact's colour over the background
        expected = 0.35 * getattr(BLUE, channel)() + 0.65 * getattr(background, channel)()
        assert getattr(seen, channel)() == pytest.approx(expected, abs=10), channel
    assert seen.blue() > seen.red() + 40


def test_scrolling_does_not_read_the_layout_again(comparison, qtbot):
    comparison.link_map.visible_ribbons()
    lookups = comparison.link_map._left_geometry.lookups
    bar = comparison.left.verticalScrollBar()
    for value in range(0, bar.maximum(), 97):
        bar.setValue(value)
        comparison.link_map.visible_ribbons()
    assert comparison.link_map._left_geometry.lookups == lookups


def test_changed_text_is_measured_again(comparison, qtbot):
    top = next(link for link in comparison.link_map.links() if link.fact_id == "top")
    before = comparison.ribbons()["top"].elementAt(0).y
    cursor = QTextCursor(comparison.left.document())
    cursor.insertText("A new first paragraph.\n")  # pushes the left text down one paragraph
    shifted = Link(top.fact_id, (top.left[0] + 23, top.left[1] + 23), top.right, top.colour)
    comparison.link_map.set_links([shifted])
    qtbot.wait(10)
    after = comparison.ribbons()["top"].elementAt(0).y
    assert after > before
    assert after == pytest.approx(seen_span(comparison.left, comparison.link_map, shifted.left)[0], abs=2)


def test_empty_and_out_of_range_spans_still_get_a_ribbon(comparison):
    end_of_left = comparison.left.document().characterCount()
    comparison.link_map.set_links(
        [
            Link("empty", (10, 10), (12, 12), BLUE),  # a point: one line high
            Link("past-the-end", (end_of_left + 50, end_of_left + 90), (0, 5), ORANGE),
        ]
    )
    ribbons = comparison.ribbons()
    assert set(ribbons) == {"empty", "past-the-end"}  # the right ends are on screen
    empty = ribbons["empty"]
    assert empty.elementAt(7).y - empty.elementAt(0).y > 5  # the height of the line


def test_a_closed_pane_leaves_an_empty_link_map(comparison, qtbot):
    comparison.left.setParent(None)
    comparison.left.deleteLater()
    qtbot.waitUntil(lambda: comparison.link_map._left is None)
    assert comparison.link_map.visible_ribbons() == []
    comparison.link_map.repaint()  # no error from a deleted view
    comparison.right.verticalScrollBar().setValue(100)


def test_a_new_font_moves_the_ribbons_with_the_text(comparison, qtbot):
    font = comparison.left.document().defaultFont()
    font.setPointSizeF(font.pointSizeF() * 1.6)
    revision = comparison.left.document().revision()
    comparison.left.document().setDefaultFont(font)  # no edit: the revision stays
    assert comparison.left.document().revision() == revision
    qtbot.wait(10)
    top = next(link for link in comparison.link_map.links() if link.fact_id == "top")
    path = comparison.ribbons()["top"]
    assert path.elementAt(0).y == pytest.approx(seen_span(comparison.left, comparison.link_map, top.left)[0], abs=2)
    assert path.elementAt(7).y == pytest.approx(seen_span(comparison.left, comparison.link_map, top.left)[1], abs=2)


def annotation_ribbon(comparison, link_id, kind, left_paragraph, right_paragraph) -> AnnotationRibbon:
    return AnnotationRibbon(link_id, kind, span_in_paragraph(comparison.left, left_paragraph, 3, 30),
                            span_in_paragraph(comparison.right, right_paragraph, 5, 25),
                            "the minister said on Tuesday", "forty <workers> had left")


def test_annotation_links_get_their_own_ribbons_that_follow_the_text(comparison, qtbot):
    comparison.link_map.set_annotation_links([annotation_ribbon(comparison, 7, "supports", 4, 6),
                                              annotation_ribbon(comparison, 8, "contradicts", 150, 160)])
    shown = {ribbon.link_id: path for ribbon, path in comparison.link_map.visible_annotation_ribbons()}
    assert set(shown) == {7}  # link 8 is far down both texts
    assert set(comparison.ribbons()) == {"top", "left-top-to-right-end", "left-middle-to-right-top"}  # facts kept
    seven = comparison.link_map.annotation_links()[0]
    assert shown[7].elementAt(0).y == pytest.approx(
        seen_span(comparison.left, comparison.link_map, seven.left)[0], abs=2)
    assert shown[7].elementAt(3).y == pytest.approx(
        seen_span(comparison.right, comparison.link_map, seven.right)[0], abs=2)
    comparison.left.verticalScrollBar().setValue(comparison.left.verticalScrollBar().maximum())
    comparison.right.verticalScrollBar().setValue(comparison.right.verticalScrollBar().maximum())
    qtbot.wait(10)
    assert comparison.link_map.visible_annotation_ribbons() == []


def inside(path) -> list[QPoint]:
    """Whole-pixel points well inside a ribbon (a pixel in from its edge)."""
    box = path.boundingRect().toRect()
    return [QPoint(x, y) for x in range(box.left(), box.right() + 1) for y in range(box.top(), box.bottom() + 1)
            if all(path.contains(QPointF(x + dx, y + dy)) for dx in (-2, 2) for dy in (-2, 2))]


@pytest.mark.parametrize("kind", ["same fact", "supports", "contradicts"])
def test_an_annotation_ribbon_is_hatched_in_its_kinds_colour_over_the_fact_ribbons(comparison, kind):
    link_map = comparison.link_map
    fact = comparison.link_map.links()[0]  # "top": the same spans as the annotation link below
    link_map.set_annotation_links([AnnotationRibbon(3, kind, fact.left, fact.right)])
    [(_ribbon, path)] = link_map.visible_annotation_ribbons()
    image = link_map.grab().toImage()
    colour = QColor(ANNOTATION_LINK_COLOURS[kind])
    pixels = [image.pixelColor(point) for point in inside(path)]
    assert len(pixels) > 30

    def near(seen, wanted, tolerance=40):
        return all(abs(getattr(seen, c)() - getattr(wanted, c)()) <= tolerance for c in ("red", "green", "blue"))

    hatch = sum(near(p, colour) for p in pixels)
    # hatching: lines of the kind's colour with lighter gaps, not a solid (or a translucent) fill
    assert 0.07 * len(pixels) < hatch < 0.5 * len(pixels)
    assert not any(near(p, BLUE, 25) for p in pixels)  # the fact ribbon under it is washed out
    edge = path.elementAt(0)  # the ribbon's top-left corner lies on its solid edge
    assert near(image.pixelColor(QPoint(1, round(edge.y))), colour, 60)


def test_clicking_an_annotation_ribbon_names_the_link_not_the_fact_under_it(comparison, qtbot):
    link_map = comparison.link_map
    fact = link_map.links()[0]
    link_map.set_annotation_links([AnnotationRibbon(42, "same fact", fact.left, fact.right, "a", "b")])
    point = ribbon_middle(comparison.ribbons()[fact.fact_id])
    with qtbot.assertNotEmitted(link_map.link_clicked), \
            qtbot.waitSignal(link_map.annotation_link_clicked, timeout=1000) as blocker:
        qtbot.mouseClick(link_map, Qt.MouseButton.LeftButton, pos=point)
    assert blocker.args == [42]
    assert link_map.annotation_link_at(QPointF(LINK_MAP_WIDTH // 2, link_map.height() - 3)) is None
    link_map.set_annotation_links([])
    with qtbot.waitSignal(link_map.link_clicked, timeout=1000) as blocker:  # the fact ribbon again
        qtbot.mouseClick(link_map, Qt.MouseButton.LeftButton, pos=point)
    assert blocker.args == [fact.fact_id]


def test_an_annotation_ribbons_tooltip_gives_the_kind_and_both_quotes_escaped(comparison):
    ribbon = annotation_ribbon(comparison, 5, "contradicts", 4, 6)
    tip = ribbon.tooltip()
    assert "contradicts" in tip and "the minister said on Tuesday" in tip
    assert "forty &lt;workers&gt; had left" in tip and "<workers>" not in tip
    long = AnnotationRibbon(6, "supports", (0, 1), (0, 1), "word " * 100, "x")
    assert "…" in long.tooltip() and len(long.tooltip()) < 400


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen tooltips
def test_hovering_an_annotation_ribbon_shows_its_tooltip(comparison, qtbot):
    link_map = comparison.link_map
    fact = link_map.links()[0]
    link_map.set_annotation_links(
        [AnnotationRibbon(9, "contradicts", fact.left, fact.right, "left words", "right")])
    point = ribbon_middle(comparison.ribbons()[fact.fact_id])
    QApplication.sendEvent(link_map, QHelpEvent(QEvent.Type.ToolTip, point, link_map.mapToGlobal(point)))
    qtbot.waitUntil(QToolTip.isVisible, timeout=1000)
    assert "contradicts" in QToolTip.text() and "left words" in QToolTip.text()
    QToolTip.hideText()


@pytest.mark.skipif(
    BROKEN_BINDING, reason="this PySide6 drops a reference to None per void call: pin PySide6-Essentials!=6.12.0"
)
@pytest.mark.parametrize("pairing", ["random", "level"])
def test_two_thousand_links(qtbot, pairing):
    """Prints the figures; asserts only that the right ribbons are there."""
    comparison = Comparison(qtbot)
    rng = random.Random(7)
    left_blocks = comparison.left.document().blockCount()
    right_blocks = comparison.right.document().blockCount()
    links = []
    for i in range(2000):
        lp = rng.randrange(left_blocks)
        if pairing == "random":  # the worst case: most ribbons cross the whole map
            rp = rng.randrange(right_blocks)
        else:  # matched facts near the same height, as with scrolling aligned by facts
            rp = min(right_blocks - 1, max(0, lp + rng.randint(-3, 3)))
        links.append(comparison.link(f"fact-{i}", lp, rp, BLUE, left=(0, 8), right=(2, 9)))
    comparison.link_map.set_links(links)
    comparison.window.show()
    qtbot.waitExposed(comparison.window)

    comparison.link_map.set_links(links)  # forget what the first paint measured
    started = time.perf_counter()
    first = comparison.link_map.visible_ribbons()
    cold = time.perf_counter() - started
    timings, paints = [], []
    left_bar, right_bar = comparison.left.verticalScrollBar(), comparison.right.verticalScrollBar()
    for value in range(0, left_bar.maximum(), max(1, left_bar.maximum() // 50)):
        left_bar.setValue(value)
        right_bar.setValue(value)
        started = time.perf_counter()
        comparison.link_map.visible_ribbons()
        timings.append(time.perf_counter() - started)
        if len(timings) % 10 == 0:
            started = time.perf_counter()
            comparison.link_map.grab()  # runs paintEvent into a pixmap
            paints.append(time.perf_counter() - started)
    print(
        f"\nlink map, 2,000 links paired {pairing}: first visible_ribbons {cold * 1000:.1f} ms "
        f"({len(first)} visible, layout read for {len(links) * 4:,} positions); after a scroll median "
        f"{sorted(timings)[len(timings) // 2] * 1000:.2f} ms, max {max(timings) * 1000:.2f} ms over "
        f"{len(timings)} scrolls; paint max {max(paints) * 1000:.1f} ms"
    )
    assert {fact_id for fact_id, _ in comparison.link_map.visible_ribbons()} == comparison.expected_visible()

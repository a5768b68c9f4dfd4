"""Line the panes up on arbitrary spans (a quotation, a dated event), as the facts panel does
for a fact: every pane showing one of the spans scrolls so it sits at the same height and is
outlined; panes without one lose their outline."""

from __future__ import annotations

from collections.abc import Mapping


def align_on_spans(area, spans: Mapping[int, tuple[int, int]]) -> bool:
    """``spans``: article id -> (start, end) Python offsets. False when no pane shows any."""
    by_pane = {}
    for index, pane in enumerate(area.panes):
        if pane.article_id in spans and pane.view.article is not None:
            by_pane[index] = spans[pane.article_id]
    if not by_pane:
        return False
    positions = {i: area.panes[i].view.offsets.to_qt(start) for i, (start, _end) in by_pane.items()}
    area.sync.align_to(positions)
    for index, pane in enumerate(area.panes):
        if index in by_pane:
            pane.view.mark_current(*by_pane[index])
        else:
            pane.view.mark_current(None, None)
    return True

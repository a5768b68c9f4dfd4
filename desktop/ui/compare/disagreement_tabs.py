"""The Quotes, Timeline and Sources tabs, wired to the comparison area.

``DisagreementViews`` owns the three views, gives each comparison to them, and lines the panes
up when the reader picks a quotation (on every outlet's wording, or on one outlet's), a dated
event, or a citation in the who-cites-whom diagram. The window only adds the tabs.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from desktop.ui.compare.attribution_view import AttributionGraphWidget
from desktop.ui.compare.quotes_panel import QuotesPanel
from desktop.ui.compare.span_navigation import align_on_spans
from desktop.ui.compare.timeline_panel import TimelinePanel


class SourcesPanel(QWidget):
    """The who-cites-whom diagram with a line saying where the story comes from."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.origin = QLabel("No comparison yet.")
        self.origin.setWordWrap(True)
        self.graph = AttributionGraphWidget()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.graph)
        legend = QLabel("Thick blue arrow: the source the story traces back to. Dashed grey: a citation "
                        "about something else. Rounded box: outlet or agency; ellipse: journalist or person; "
                        "box: organisation. Hover for the wording, click to line the panes up.")
        legend.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.origin)
        layout.addWidget(scroll, 1)
        layout.addWidget(legend)

    def set_comparison(self, comparison) -> None:
        graph = comparison.attributions
        letters = {a.id: f"A{i}" for i, a in enumerate(comparison.articles, 1)}
        if graph.origin:
            who = ", ".join(letters.get(a, "?") for a in graph.origin_articles)
            self.origin.setText(f"<b>The story traces back to {graph.origin}</b> ({who}).")
        elif graph.citations:
            self.origin.setText("The outlets cite sources, but none as the origin of the news.")
        else:
            self.origin.setText("No outlet names a source for the news.")
        self.graph.set_comparison(comparison)


class DisagreementViews(QObject):
    def __init__(self, area, status=None, parent: QObject | None = None):
        super().__init__(parent)
        self.area = area
        self.status = status  # callable(message) or None
        self.quotes = QuotesPanel()
        self.timeline = TimelinePanel()
        self.sources = SourcesPanel()
        self.quotes.quote_selected.connect(self._on_quotes_quote_selected)
        self.timeline.event_selected.connect(self._on_timeline_event_selected)
        self.sources.graph.citation_clicked.connect(self._on_graph_citation_clicked)

    def set_comparison(self, comparison) -> None:
        self.comparison = comparison
        for view in (self.quotes, self.timeline, self.sources):
            view.set_comparison(comparison)

    def _align(self, spans) -> None:
        if not align_on_spans(self.area, spans) and self.status:
            self.status("No pane shows that passage.")

    def _on_quotes_quote_selected(self, group_id: str, article: int) -> None:
        spans = self.quotes.spans_for(group_id)
        if article and article in spans:  # one outlet's row: that outlet's wording, the others beside it
            spans = {**spans, article: self.quotes.spans_for(group_id, article)[article]}
        self._align(spans)

    def _on_timeline_event_selected(self, event_id: str) -> None:
        self._align(self.timeline.spans_for(event_id))

    def _on_graph_citation_clicked(self, index: int) -> None:
        citation = self.comparison.attributions.citations[index]
        self._align({citation.article: (citation.start, citation.end)})

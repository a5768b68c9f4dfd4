"""One entry point for every report format of a comparison."""

from __future__ import annotations

from desktop.core.matching.comparison import Comparison


def render(comparison: Comparison, fmt: str) -> str:
    """The comparison as ``json``, ``text`` (an aligned terminal table), ``markdown`` or ``html``."""
    if fmt == "json":
        from desktop.core.interchange.report_json import to_json

        return to_json(comparison)
    if fmt == "text":
        from desktop.core.interchange.report_text import render_text

        return render_text(comparison)
    if fmt == "markdown":
        from desktop.core.interchange.report_markdown import render_markdown

        return render_markdown(comparison)
    if fmt == "html":
        from desktop.core.interchange.report_html import render_html

        return render_html(comparison)
    raise ValueError(f"unknown report format {fmt!r}; choose json, text, markdown or html")

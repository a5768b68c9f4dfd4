"""Interchange: every file Parallax writes or reads besides articles, behind one registry.

Notes out (Markdown, CSV, W3C JSON-LD, REFI-QDA, HTML, PDF via ``desktop.rendering``), notes in
(JSON-LD, QDPX), comparison reports (JSON, text, Markdown, HTML), escaping of outside text, and
atomic file writing. ``formats`` is the one registry the CLI and the window both use.
"""

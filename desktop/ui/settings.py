"""User preferences in QSettings, with every default in one place."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

DEFAULTS: dict[str, object] = {
    "reading/font": "serif",  # "serif" or "sans"
    "reading/point_size": 12.0,
    "reading/line_spacing": 150,  # percent of the font's line height
    "reading/max_line_chars": 72,  # bounded line length, in average characters
    "reading/link_scrolling": True,
    "reading/mark_exclusives": True,  # the faint dotted underline of claims only one source makes
    "reading/show_less_sure_links": True,  # links Parallax is less sure of: coloured (paler, dotted) or not
    "window/geometry": QByteArray(),
    "window/state": QByteArray(),
    "window/main_splitter": [],
    "window/sidebar_splitter": [],
    "window/sidebar_visible": True,  # View > Show Sidebar (F9)
    "library/last_story_id": 0,
    "ui/first_run_hint_dismissed": False,
    "ui/legend_shown": True,  # the Facts tab's legend unfolded
    "notes/grouping": "article",  # the Notes tab: "none", "article" or "tag"
}

MIN_POINT_SIZE, MAX_POINT_SIZE = 7.0, 32.0


class Settings:
    """Typed access to QSettings. Tests and ``--screenshot`` pass their own ini file."""

    def __init__(self, path: str | None = None):
        if path is None:
            self._qs = QSettings("Parallax", "Parallax")
        else:
            self._qs = QSettings(path, QSettings.Format.IniFormat)

    def get(self, key: str):
        default = DEFAULTS[key]
        value = self._qs.value(key, default)
        if value is None:
            return default
        # QSettings' ini backend hands back strings; coerce to the default's type
        if isinstance(default, bool):
            return value if isinstance(value, bool) else str(value).lower() in ("true", "1")
        if isinstance(default, float):
            return float(value)
        if isinstance(default, int):
            return int(value)
        if isinstance(default, list):
            if not isinstance(value, list):
                value = [value]
            return [int(v) for v in value]
        return value

    def set(self, key: str, value) -> None:
        if key not in DEFAULTS:
            raise KeyError(key)
        self._qs.setValue(key, value)

    def sync(self) -> None:
        self._qs.sync()

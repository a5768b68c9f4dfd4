"""The one place where Python string offsets meet Qt document positions.

Core offsets are Python ``str`` indices (code points). A QTextDocument counts UTF-16 code
units, so every character outside the Basic Multilingual Plane (emoji, some CJK) takes two
positions; and it turns a CRLF pair into a single paragraph break. ``OffsetMap`` converts
both ways; for the common text with neither, both conversions are the identity.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_SHIFTERS = re.compile(r"[\U00010000-\U0010FFFF]|\r\n")


class OffsetMap:
    def __init__(self, text: str):
        self._py_points: list[int] = []  # python index from which a new shift applies
        self._qt_points: list[int] = []  # the same points in Qt positions
        self._shifts: list[int] = []  # cumulative shift (qt - py) from that point on
        shift = 0
        for match in _SHIFTERS.finditer(text):
            crlf = match.group() == "\r\n"
            shift += -1 if crlf else 1
            # forward: the shift applies just after the pair's first unit; backward, a
            # position on the paragraph break maps to the "\r", so selections never
            # swallow half of the pair
            self._py_points.append(match.start() + 1)
            self._qt_points.append(match.start() + (2 if crlf else 1) + shift)
            self._shifts.append(shift)
        self.identity = not self._py_points

    def to_qt(self, offset: int) -> int:
        if self.identity:
            return offset
        i = bisect_right(self._py_points, offset)
        return offset + (self._shifts[i - 1] if i else 0)

    def to_py(self, position: int) -> int:
        if self.identity:
            return position
        i = bisect_right(self._qt_points, position)
        return position - (self._shifts[i - 1] if i else 0)

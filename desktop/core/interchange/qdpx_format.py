"""What the REFI-QDA project writer and reader share: the namespace, the variables that carry an
article's metadata, the two kinds of source text, and how times and code colours are read.
See :mod:`desktop.core.interchange.qdpx` for the format as Parallax writes it.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

__all__ = ["CURRENT_TEXT", "HIGHLIGHT_HEX", "NS", "ORPHANED_PASSAGES", "PASSAGE_SEPARATOR", "VARIABLES", "code_color",
           "utc_moment"]

NS = "urn:QDA-XML:project:1.0"
VARIABLES = ("Title", "Outlet", "Published", "URL", "Author", "Parallax article", "Parallax text")
CURRENT_TEXT, ORPHANED_PASSAGES = "current", "orphaned passages"
PASSAGE_SEPARATOR = "\n\n"
# the highlight colours' tints (as in the reader), for tags whose colour is a highlight colour's name
HIGHLIGHT_HEX = {"yellow": "#FFF1A8", "green": "#C9EFC4", "blue": "#C7DDFF", "pink": "#FFD0E6",
                 "purple": "#E1D2FF", "orange": "#FFD8AD", "red": "#FFC4C4", "teal": "#BFEAE5", "grey": "#DEDEDE"}


def utc_moment(value: str | None) -> datetime | None:
    """An ISO 8601 time (xsd:dateTime) in UTC (a time without zone is taken as UTC); None if not one."""
    try:
        moment = datetime.fromisoformat(value or "")
    except ValueError:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)


def code_color(color: str | None) -> str | None:
    """A code's ``color``: ``#RGB``/``#RRGGBB`` as written, or the tint of a highlight colour's name; else None."""
    if color and re.fullmatch(r"#(?:[0-9A-Fa-f]{3}){1,2}", color):
        return color
    return HIGHLIGHT_HEX.get((color or "").lower())

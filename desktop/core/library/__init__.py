"""The library: one SQLite file and everything that brings articles into it.

Owns the store (the only SQL), the schema and its migrations, reading files (readers, decoding,
HTML extraction, dates), fetching web pages (fetching, page_extract, web_import), boilerplate
detection (boilerplate, widgets, outlet_lines) and importing. Imports nothing from matching,
interchange or the UI. What ``importing`` offers (``open_library``, ``import_paths``...) is
reachable here too, so ``from desktop.core.library import open_library`` keeps working.
"""

from desktop.core.library import importing as _importing
from desktop.core.library.importing import *  # noqa: F403 - the package's public face


def __getattr__(name: str):
    return getattr(_importing, name)  # the rest of importing's names (BUNDLED_MARK, WRITE_BATCH...)

"""Kept for scripts: ``desktop.core.citation`` is ``desktop.core.notes.citation`` (the same module)."""

import sys

from desktop.core.notes.citation import __name__ as _real  # noqa: F401 - imports the module

sys.modules[__name__] = sys.modules["desktop.core.notes.citation"]

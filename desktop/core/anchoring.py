"""Kept for scripts: ``desktop.core.anchoring`` is ``desktop.core.notes.anchoring`` (the same module)."""

import sys

from desktop.core.notes.anchoring import __name__ as _real  # noqa: F401 - imports the module

sys.modules[__name__] = sys.modules["desktop.core.notes.anchoring"]

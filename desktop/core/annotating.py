"""Kept for scripts: ``desktop.core.annotating`` is ``desktop.core.notes.annotating`` (the same module)."""

import sys

from desktop.core.notes.annotating import __name__ as _real  # noqa: F401 - imports the module

sys.modules[__name__] = sys.modules["desktop.core.notes.annotating"]

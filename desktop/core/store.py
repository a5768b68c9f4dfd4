"""Kept for scripts: ``desktop.core.store`` is ``desktop.core.library.store`` (the same module)."""

import sys

from desktop.core.library.store import __name__ as _real  # noqa: F401 - imports the module

sys.modules[__name__] = sys.modules["desktop.core.library.store"]

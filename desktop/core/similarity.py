"""Kept for scripts: ``desktop.core.similarity`` is ``desktop.core.matching.similarity`` (the same module)."""

import sys

from desktop.core.matching.similarity import __name__ as _real  # noqa: F401 - imports the module

sys.modules[__name__] = sys.modules["desktop.core.matching.similarity"]

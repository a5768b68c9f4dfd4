"""Kept for scripts: ``desktop.core.compare`` is ``desktop.core.matching.compare`` (the same module)."""

import sys

from desktop.core.matching.compare import __name__ as _real  # noqa: F401 - imports the module

sys.modules[__name__] = sys.modules["desktop.core.matching.compare"]

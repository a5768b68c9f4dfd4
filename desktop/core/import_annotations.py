"""Kept for scripts: ``desktop.core.import_annotations`` is ``desktop.core.interchange.import_annotations`` (the same module)."""

import sys

from desktop.core.interchange.import_annotations import __name__ as _real  # noqa: F401 - imports the module

sys.modules[__name__] = sys.modules["desktop.core.interchange.import_annotations"]

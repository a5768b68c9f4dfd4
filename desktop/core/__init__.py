"""The product: articles, library, matching. Never imports Qt; the UI and the CLI are its clients.

``desktop.core.similarity(a, b)`` is the public sentence score. The name is the function: it
shadows the submodule of the same name, so reach the module's other names with
``from desktop.core.similarity import MATCH_THRESHOLD, features``.
"""

from desktop.core.similarity import similarity

__all__ = ["similarity"]

"""The product: articles, library, matching, notes and interchange. Never imports Qt; the UI and
the CLI are its clients.

Packages: ``library`` (the store and bringing articles in), ``matching`` (comparing articles),
``notes`` (highlights, notes, tags, citations), ``interchange`` (files in and out). ``models`` holds
the records they share, ``labels`` the short names articles are told apart by (the outlet, else the
headline's first words), ``errors`` the errors a person reads.

``desktop.core.similarity(a, b)`` is the public sentence score. The name is the function: it
shadows the module of the same name, so reach the module's other names with
``from desktop.core.matching.similarity import MATCH_THRESHOLD, features``.
"""

import desktop.core.similarity  # noqa: F401 - registers the old module path first...
from desktop.core.matching.similarity import similarity  # ...then the name is the function

__all__ = ["similarity"]

"""Parallax: read news coverage side by side.

``desktop.core`` is the product and never imports Qt; ``desktop.ui`` and ``desktop.cli``
are its two clients.
"""

__version__ = "0.1.0"

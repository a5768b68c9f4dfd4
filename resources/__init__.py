"""Icons, themes and the desktop entry, shipped inside the package as ``desktop.resources``."""

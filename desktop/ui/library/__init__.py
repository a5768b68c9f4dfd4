"""The library sidebar: stories and articles lists and the story commands (undoable)."""

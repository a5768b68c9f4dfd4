"""The library in the window: the sidebar widget (find box, stories and articles lists, search hits),
its item models, and the story commands (undoable pane and membership changes, story menus)."""

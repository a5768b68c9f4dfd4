"""The reader's notes in the window: the Notes tab, its list model and cards, the selection
toolbar, tags (input, manager, commands), links and orphan review, all undoable."""

"""Notes: the reader's highlights, notes, tags and links, and citations of what they quote.

Owns anchoring (anchors that survive edits), annotating (by quote, re-attaching, orphans and
changed quotes, grouping) and citations. Uses the library's store; knows nothing of file formats
or the UI.
"""

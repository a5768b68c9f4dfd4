"""Stories found in a library: clustering articles into events, related coverage, outlet leanings.

Owns ``clustering`` (group articles that report one event: text similarity with date
proximity, average linkage, readable labels: pure functions over plain data), ``finding`` (Find
Stories over a library, and placing new imports among the suggestions incrementally), ``related``
(articles about a story's event that are not in it yet) and ``leanings`` (the outlets'
political leaning: reader edits, CSV import, counts per story and the blindspot flag).

Qt-free. Reads and writes the library only through ``Store``; imports ``matching.meaning``
for its tokenizer and word statistics, never the UI or the CLI.
"""

"""Matching: what several articles share, what only one says, where they disagree.

Owns segmentation, the news lexer (dates, numbers, money, names), normalisation, atomic facts,
sentence similarity, claim alignment, verbatim passages, conflicts, and ``compare()`` with the
``Comparison`` it returns. Pure functions over plain data: it never touches the store, files or Qt.
"""

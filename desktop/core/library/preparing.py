"""Getting parsed articles ready for the store: boilerplate spans, content hash, word count, and
the line keys the outlet signal reads (``outlet_lines.line_keys``), from the same split.

``prepare`` does one article, ``prepare_all`` many, lazily. (Preparing in a second thread while
SQLite writes was measured slower: the writer then waits for the interpreter lock after every
statement. A second process would need every script that imports to guard its ``__main__``.)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from desktop.core.library.boilerplate import detect_boilerplate_counted
from desktop.core.library.text_lines import split_lines_keyed
from desktop.core.models import BoilerplateSpan, ParsedArticle


@dataclass(frozen=True)
class Prepared:
    spans: tuple[BoilerplateSpan, ...]
    content_hash: str
    words: int  # words of the article without its active boilerplate
    line_keys: list[tuple[int, int, str, bool]] | None = None  # ``line_keys(text)``, when the split gave them


def prepare(parsed: ParsedArticle) -> Prepared:
    from desktop.core.library.store import content_hash

    lines, keys = split_lines_keyed(parsed.text)
    found, words = detect_boilerplate_counted(parsed.text, parsed.title, lines)  # words: ``body_word_count``
    spans = tuple(sorted(found, key=lambda s: s.start))
    return Prepared(spans, content_hash(parsed.text), words, keys)


def prepare_all(articles: Iterable[ParsedArticle]) -> Iterator[tuple[ParsedArticle, Prepared]]:
    """Each article with what the store needs, in order, one at a time (a generator)."""
    for parsed in articles:
        yield parsed, prepare(parsed)


__all__ = ["Prepared", "prepare", "prepare_all"]

"""What name filtering needs to know about one whole article.

Owns :class:`ArticleContext`: the words the article writes in lower case, as singulars (a
capitalised word among them is a common word here: "Layoffs" after "layoffs"),
its heading lines (title case: names on them are kept only when the body names them too),
and whether an offset opens a sentence.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from desktop.core.matching.text_units import singular

__all__ = ["ArticleContext"]

_LOWER_WORD_RE = re.compile(r"(?<![\w’'-])[a-z]+(?:[’'-][a-z]+)*(?![\w’'-])")
_LETTER_WORD_RE = re.compile(r"[^\W\d_]{4,}")
_LINE_RE = re.compile(r"[^\r\n]+")


@lru_cache(maxsize=16384)
def _common_form(word: str) -> str:
    """The form the spellings of one common noun share: lower case, no possessive, singular
    ("Layoffs", "layoffs", "layoff's" -> "layoff"). Not the engine's stemmer: a stem joins
    derived words, and "Senate" is no common word for an article that writes "senator"."""
    return singular(word.lower().replace("’", "'").removesuffix("'s"))


def _is_heading_line(line: str, words: int, capitalised: int) -> bool:
    """Title case: three quarters of the words of four letters or more capitalised, at
    least two of them; a line ending like a sentence needs eight (a title-case promo line),
    so that "He met Deputy Attorney General Rod Rosenstein." stays a sentence."""
    if words < 2 or capitalised < 0.75 * words:
        return False
    ends_like_sentence = line.rstrip()[-1:] in tuple(".!?;,\"”’»)")
    return words >= 8 or not ends_like_sentence


class ArticleContext:
    """What name filtering needs to know about the whole article.

    ``lower_forms``: the words the article writes in lower case, as singulars; a capitalised
    word among them is a common word here ("Layoffs" after "layoffs").
    Heading lines (see :func:`_is_heading_line`: "Government Concerns Prompt Exit"): names
    on them are kept only when the article's body names them too (or they look like a
    person's name). When heading lines make up most of the text (all capitals, title
    case) there is no body to ask, and no line counts as a heading.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.lower_forms = {_common_form(word) for word in set(_LOWER_WORD_RE.findall(text))}
        self._line_starts: list[int] = []
        self._headings: list[bool] = []
        heading_chars = 0
        for line in _LINE_RE.finditer(text):
            words = _LETTER_WORD_RE.findall(line.group())
            capitalised = sum(1 for word in words if word[0].isupper())
            heading = _is_heading_line(line.group(), len(words), capitalised)
            heading_chars += len(line.group()) if heading else 0
            self._line_starts.append(line.start())
            self._headings.append(heading)
        if heading_chars * 2 > len(text):  # all capitals or title case: no body to confirm
            self._headings = [False] * len(self._headings)

    def is_heading(self, position: int) -> bool:
        index = bisect.bisect_right(self._line_starts, position) - 1
        return index >= 0 and self._headings[index]

    def is_common_word(self, word: str) -> bool:
        """A title-case word (not an acronym) the article also writes in lower case."""
        if not (word[:1].isupper() and word[1:].islower()):
            return False
        return _common_form(word) in self.lower_forms

    def at_sentence_start(self, position: int) -> bool:
        before = self.text[max(0, position - 4) : position].rstrip(" \t\"“‘'«(")
        return not before or before[-1] in ".!?:\n\r"

"""Sentence and clause segmentation of news text, with offsets into the original text.

Rules, in order:

* Every line break ends a segment. News captures put headlines, bylines, datelines and
  crossheads on lines of their own, usually without final punctuation.
* Inside a line, a sentence ends at ``.``, ``!``, ``?`` or an ellipsis (``...`` / ``…``),
  together with any closing quotes or brackets right after it (``threats.”``), when
  whitespace follows and the next word starts like a sentence: a capital letter or a digit,
  possibly behind an opening quote or bracket. ``viable,” Kaspersky said`` therefore does
  not split (a comma is not a sentence end) and neither does ``“Why?” he asked``.
* A period does not end a sentence after a title or a word that always takes a
  complement (``Mr.``, ``Dr.``, ``Gov.``, ``No. 3``, ``Sept. 29``), nor after an
  initial (``J. R. R. Tolkien``). After a dotted acronym or a company suffix (``U.S.``,
  ``a.m.``, ``Inc.``) it ends one only when the next word is a typical sentence opener
  (``... in the U.S. The company said`` splits, ``U.S. Commerce Department`` does not).
  Decimals (``$1.5 billion``, ``3.5%``) never split: no whitespace follows their period.

Spans are half-open character offsets into the text as given (CRLF included) and never
include leading or trailing whitespace. Pure Python; one regular-expression pass per line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Clause", "Sentence", "segment_clauses", "segment_sentences"]


@dataclass(frozen=True)
class Sentence:
    """A stretch of text: ``text == article_text[start:end]``, without outer whitespace."""

    start: int
    end: int
    text: str


Clause = Sentence  # a clause is the same plain span, one level finer

# Words after which a period never ends a sentence (lower-cased, without the period).
_NEVER_FINAL = frozenset(
    ["mr", "mrs", "ms", "messrs", "mme", "mlle", "dr", "prof", "sen", "sens", "rep", "reps", "gov", "lt", "col", "gen", "maj", "capt", "cmdr", "adm", "sgt", "cpl", "pvt", "rev", "hon", "pres", "supt", "insp", "atty", "amb", "sec", "st", "ste", "mt", "ft", "vol", "vols", "fig", "figs", "pp", "sect", "approx", "dept", "univ", "assn", "vs", "cf"]
)

# Words after which a period ends a sentence only before a typical sentence opener.
_MAYBE_FINAL = frozenset(
    ["inc", "corp", "co", "ltd", "llc", "plc", "jr", "sr", "bros", "etc", "al", "ave", "blvd", "rd", "hwy", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"]
)

# Capitalised words that typically open a sentence (used after an ambiguous period).
_SENTENCE_OPENERS = frozenset(
    ["a", "an", "the", "this", "that", "these", "those", "it", "its", "he", "she", "they", "we", "i", "you", "his", "her", "their", "our", "my", "your", "there", "here", "but", "and", "or", "so", "yet", "however", "meanwhile", "still", "also", "in", "on", "at", "as", "after", "before", "when", "while", "if", "although", "though", "because", "since", "during", "for", "from", "with", "without", "by", "under", "over", "according", "despite", "following", "once", "then", "now", "today", "yesterday", "last", "earlier", "later", "what", "who", "why", "how", "where", "which", "some", "many", "most", "several", "all", "both", "each", "other", "others", "no", "not", "nor", "only", "even", "just", "more"]
)

_LINE_RE = re.compile(r"[^\r\n]+")
# A candidate end: terminal punctuation, closing quotes/brackets, then whitespace.
_END_RE = re.compile(r"(?:\.{2,}|…|[.!?])+[\"'”’»)\]]*(?=\s)")
_NEXT_RE = re.compile(r"\s+[\"'“‘«(\[$€£]*(\w+)")
_WORD_BEFORE_RE = re.compile(r"([\w.]*\w)\.$")
_DOTTED_ACRONYM_RE = re.compile(r"(?:\w\.)+\w")  # "U.S" of "U.S.", "a.m" of "a.m."
_CLAUSE_BREAK_RE = re.compile(
    r"(?<=\S)(?:;|:(?!\d|//)|\s[–—]\s|\s--\s)\s*"
    r"|,\s+(?=(?:but|while|whereas|although|though|which|saying|according to|citing)\b)"
)
_MIN_CLAUSE_WORDS = 3
_WORD_RE = re.compile(r"\w+")


def segment_sentences(text: str) -> list[Sentence]:
    """Split news text into sentences and one-line segments (headings, bylines)."""
    sentences: list[Sentence] = []
    for line in _LINE_RE.finditer(text):
        start = line.start()
        for end in _line_ends(text, line.start(), line.end()):
            _append_stripped(sentences, text, start, end)
            start = end
        _append_stripped(sentences, text, start, line.end())
    return sentences


def segment_clauses(text: str, sentences: list[Sentence] | None = None) -> list[Clause]:
    """Split each sentence further at ``;``, ``:``, spaced dashes and ``, but/while/which...``.

    A piece shorter than three words stays attached to its neighbour, so ``He said: yes``
    remains one clause. ``sentences`` may be passed when they are already known.
    """
    if sentences is None:
        sentences = segment_sentences(text)
    clauses: list[Clause] = []
    for sentence in sentences:
        cuts = [sentence.start]
        for match in _CLAUSE_BREAK_RE.finditer(text, sentence.start, sentence.end):
            cut = match.end() if match.group().strip(" ,") else match.start() + 1
            if _word_count(text, cuts[-1], cut) >= _MIN_CLAUSE_WORDS:
                cuts.append(cut)
        if len(cuts) > 1 and _word_count(text, cuts[-1], sentence.end) < _MIN_CLAUSE_WORDS:
            cuts.pop()
        cuts.append(sentence.end)
        for start, end in zip(cuts, cuts[1:]):
            _append_stripped(clauses, text, start, end, strip=" \t\r\n,;:–—-")
    return clauses


def _line_ends(text: str, start: int, end: int) -> list[int]:
    """Offsets inside one line where a sentence ends."""
    ends = []
    for match in _END_RE.finditer(text, start, end):
        following = _NEXT_RE.match(text, match.end(), end)
        if following is None:
            continue
        next_word = following.group(1)
        if not (next_word[0].isupper() or next_word[0].isdigit()):
            continue
        punctuation = match.group().rstrip("\"'”’»)]")
        closed = len(punctuation) < len(match.group())  # "... in the U.S.” According"
        if punctuation == "." and not _period_ends(text, start, match.start(), next_word, closed):
            continue
        ends.append(match.end())
    return ends


def _period_ends(text: str, line_start: int, period: int, next_word: str, closed: bool) -> bool:
    """Whether a single period at ``period`` ends the sentence, given the following word.

    ``closed``: a closing quote or bracket follows the period, which settles an ambiguous
    abbreviation in favour of a sentence end.
    """
    before = _WORD_BEFORE_RE.search(text, max(line_start, period - 40), period + 1)
    if before is None:
        return True
    word = before.group(1)
    lowered = word.lower()
    if lowered in _NEVER_FINAL:
        return False
    if lowered in ("no", "nos"):  # "No. 3", but "He said no. Then..."
        return not next_word[0].isdigit()
    opener = closed or next_word.lower() in _SENTENCE_OPENERS
    if len(word) == 1 and word.isalpha():  # an initial: "J. R. R. Tolkien", "Plan B."
        return opener
    if lowered in _MAYBE_FINAL or _DOTTED_ACRONYM_RE.fullmatch(word):
        return opener
    return True


def _append_stripped(
    spans: list[Sentence], text: str, start: int, end: int, strip: str = " \t\r\n\f\v\u00a0"
) -> None:
    piece = text[start:end]
    left = len(piece) - len(piece.lstrip(strip))
    right = len(piece.rstrip(strip))
    if right > left:
        spans.append(Sentence(start + left, start + right, piece[left:right]))


def _word_count(text: str, start: int, end: int) -> int:
    return len(_WORD_RE.findall(text, start, end))

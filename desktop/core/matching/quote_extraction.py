"""The quotations of one article: where they stand, and who said each.

Finds the quoted words between any mix of quotation marks, paragraph by paragraph (a mark left
open ends at the paragraph break and may be ``continued`` by the next paragraph), drops scare
quotes and titles, gives each quotation its speaker (:mod:`desktop.core.matching.quote_speakers`)
and picks out ‘single-quoted’ words inside a quotation as nested quotations. See
:mod:`desktop.core.matching.quotes` for the whole.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from desktop.core.matching.quote_speakers import (
    QUOTATION_GAP,
    SENTENCE_BREAK,
    clean_name,
    find_attribution,
    lead_speaker,
    near_speech,
    reported_speaker,
    resolve_speaker,
    sentence_speaker,
    usable_speaker,
    widgets_removed,
)

__all__ = ["CLOSERS", "MIN_WORDS", "OPENERS", "RawQuote", "extract_quotes", "quotations_blanked"]

OPENERS = "“«„\""
CLOSERS = "”»\"“"
MIN_WORDS = 3  # a shorter quotation needs a speech verb next to it
_MARKS = re.compile("[" + re.escape("".join(sorted(set(OPENERS + CLOSERS)))) + "]")


@dataclass(frozen=True)
class RawQuote:
    """One quotation of one article, before matching across articles."""

    article: int
    start: int
    end: int
    text: str
    speaker: str | None
    speaker_as_written: str | None
    speaker_kind: str = ""  # "person", "organisation", "" (unknown)
    continued: bool = False
    nested: bool = False
    attributed: bool = False  # a speech verb stands next to it


def _spans(text: str, skip: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int, bool]]:
    """(start, end, continued) of the quoted words, marks excluded, paragraph by paragraph."""
    out = []
    carried = False
    position = 0
    for paragraph in re.finditer(r"[^\n]+", text):
        p_start, p_end = paragraph.span()
        if any(s <= p_start and p_end <= e for s, e in skip):
            carried = False
            continue
        opened = None
        continued_here = False
        for mark in _MARKS.finditer(text, p_start, p_end):  # only the marks: every other character is passed by
            i = mark.start()
            ch = text[i]
            if opened is None:
                if ch in OPENERS and _opens(text, i, p_start):
                    opened = i + 1
                    continued_here = carried and not out_in_paragraph(out, p_start)
            elif ch in CLOSERS and _closes(text, i, p_end) and i > opened:
                out.append((opened, i, continued_here))
                opened = None
                continued_here = False
        carried = False
        if opened is not None and p_end - opened > 1:
            out.append((opened, p_end, continued_here))  # no closing mark: ends at the paragraph break
            carried = True
        position = p_end
    del position
    return out


def out_in_paragraph(out, p_start) -> bool:
    return bool(out) and out[-1][0] >= p_start


def _opens(text: str, i: int, line_start: int) -> bool:
    ch = text[i]
    if ch in "“«„":
        return True
    before = text[i - 1] if i > line_start else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([—–-:;,/") and not after.isspace()


def _closes(text: str, i: int, line_end: int) -> bool:
    ch = text[i]
    if ch in "”»":
        return True
    if ch == "“":  # a closing mark written as an opening one (seen in the wild), only before a space
        return i + 1 >= line_end or text[i + 1] in " ,.;:)"
    before = text[i - 1]
    after = text[i + 1] if i + 1 < line_end else " "
    return not before.isspace() and (after.isspace() or after in ",.;:!?)—–-'’")


def extract_quotes(article: int, text: str, skip: Sequence[tuple[int, int]] = (),
                   organisations: frozenset[str] = frozenset(), main_org: str | None = None,
                   people: Sequence[tuple[int, str]] = (), orgs: Sequence[tuple[int, str]] = ()) -> list[RawQuote]:
    """The quotations of one article with their speakers (see the module docstring).

    ``organisations``: lower-case names known to be organisations; ``main_org``: the article's
    most named organisation ("the company" before any other); ``people`` and ``orgs``: (offset,
    canonical name) of the people and organisations the article names (from the atomic facts),
    to resolve "he", "the Louisiana Republican" and a surname to a full name."""
    clean, removed = widgets_removed(text)  # a web page's headline list run into a name is read past
    if not removed:
        return list(_extract(article, text, tuple((s, e) for s, e in skip), frozenset(organisations), main_org,
                             tuple((o, n) for o, n in sorted(people)), tuple((o, n) for o, n in sorted(orgs))))

    def inward(offset: int) -> int:  # an offset of ``text`` in ``clean`` (inside a run: where it was)
        shift = 0
        for start, end in removed:
            if offset >= end:
                shift += end - start
            elif offset > start:
                return start - shift
        return offset - shift

    def outward(offset: int) -> int:  # an offset of ``clean`` in ``text``
        shift = 0
        for start, end in removed:
            if offset + shift >= start:
                shift += end - start
        return offset + shift

    found = _extract(article, clean, tuple((inward(s), inward(e)) for s, e in skip), frozenset(organisations),
                     main_org, tuple((inward(o), n) for o, n in sorted(people)),
                     tuple((inward(o), n) for o, n in sorted(orgs)))
    return [replace(q, start=outward(q.start), end=outward(q.end), text=text[outward(q.start):outward(q.end)])
            for q in found]


@lru_cache(maxsize=1024)  # articles: comparing again re-reads only the articles that changed
def _extract(article: int, text: str, skip: tuple[tuple[int, int], ...], organisations: frozenset[str],
             main_org: str | None, people: tuple[tuple[int, str], ...],
             orgs: tuple[tuple[int, str], ...]) -> tuple[RawQuote, ...]:
    """:func:`extract_quotes` on hashable arguments (``people`` and ``orgs`` sorted)."""
    quotes: list[RawQuote] = []
    last_person: str | None = None
    last_org: str | None = main_org
    last_speaker: str | None = None
    spans = _spans(text, skip)
    blanked = _blank(text, spans)  # names inside quotations are no speakers: "he" never refers to them
    title_end = -1  # where the last title of a work ended: "the anthologies “Secret Identities” and “Shattered.”"
    for start, end, continued in spans:
        words = text[start:end].split()
        if not words:
            continue
        if is_title(text, start, end):
            title_end = end
            continue  # "said on NBC's “Meet the Press.”": a programme, not anyone's words
        if work_title(text, start, end, title_end):
            title_end = end
            continue  # "the author of “Cooking with Grease: Stirring the Pots in America.”": a book
        who, _verb, _kind = find_attribution(text, start, end)
        attributed = who is not None
        if len(words) < MIN_WORDS and not attributed and not near_speech(text, start, end):
            continue  # a scare quote, a title, a term
        if len(words) > 400:
            continue  # an unbalanced mark run wild
        if not any(ch.isalnum() for ch in text[start:end]):
            continue  # marks around a comma or a full stop: no words
        speaker, kind, as_written = None, "", who
        if who is not None:
            speaker, kind = resolve_speaker(who, start, blanked, people, orgs, organisations, last_person,
                                            last_org, last_speaker)
        else:
            lead = lead_speaker(text, start)
            previous = next((q for q in reversed(quotes) if not q.nested), None)  # not a quotation inside one
            if lead:
                as_written = lead
                speaker, kind = resolve_speaker(lead, start, blanked, people, orgs, organisations, last_person,
                                                last_org, last_speaker)
            elif (found := sentence_speaker(text, start, end)) is not None:
                as_written = found
                speaker, kind = resolve_speaker(found, start, blanked, people, orgs, organisations, last_person,
                                                last_org, last_speaker)
            elif previous is not None and (
                    continued or _same_or_next_paragraph(text, previous.end, start, previous.attributed)):
                # the same speaker goes on: later in the paragraph, or a paragraph that is only a quotation
                speaker, as_written, kind = previous.speaker, previous.speaker_as_written, previous.speaker_kind
            elif (found := reported_speaker(text, start, end)) is not None:
                as_written = found  # “...” alone after "Mair said she could not foresee ..."
                speaker, kind = resolve_speaker(found, start, blanked, people, orgs, organisations, last_person,
                                                last_org, last_speaker)
        speaker = usable_speaker(speaker)
        if _CHANTED.search(text, max(0, start - 30), start) or _TERM_BEFORE.search(text, max(0, start - 40), start):
            # “Trump! Trump! Trump!” after "chants of": a crowd's; "so-called “loopholes”", "a program called
            # “Prism.”": a term, no one's words
            speaker, kind, as_written = None, "", None
        if speaker:
            if kind == "person":
                last_person = speaker
            elif kind == "organisation":
                last_org = speaker
            last_speaker = speaker
        quotes.append(RawQuote(article, start, end, text[start:end], speaker, as_written, kind, continued,
                               False, attributed))
        quotes.extend(_nested(article, text, start, end, speaker))
    return tuple(quotes)


# a crowd's words: "a crowd chanting “", "broke into chants of “", "as they chanted, “"
_CHANTED = re.compile(r"\b(?:chant|chants|chanting|chanted)(?:\s+of)?[,:]?\s*[“\"‘']$")
_TERM_BEFORE = re.compile(r"(?:\bso-called|\bknown\s+as|\bnicknamed|\bwhat(?:\s+is|['’]s)\s+called(?:\s+an?)?|"
                          r"\b(?:program|programme|group|operation|plan|bill|policy|campaign|movement|website|app|"
                          r"book|film|show|initiative|coalition)\s+(?:called|named|dubbed))(?:\s+tax)?\s*[“\"‘']$")
TITLE_MAX_WORDS = 6
_SMALL_WORDS = frozenset({"a", "an", "the", "of", "on", "in", "and", "for", "to", "at", "with", "about", "from", "by"})
# what stands before a programme's or a work's title: "on NBC's", "on CBS’", "on", "in his", "of"
_TITLE_BEFORE = re.compile(r"(?:\b(?:on|in|of|at|from|to|told|during|appeared\s+on)\s+(?:(?:his|her|their|the|a)\s+)?"
                           r"(?:[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,2}(?:['’]s?)?\s+)?"
                           r"|[A-Z][\w&.-]*['’]s?\s+)$")


def is_title(text: str, start: int, end: int) -> bool:
    """Whether the quoted words are a title in its own words, capitalised as titles are ("Meet the
    Press", "Fox News Sunday", "State of the Union"), after "on NBC's", "on", "in his"..."""
    words = text[start:end].strip(" .,;:!").split()
    if not words or len(words) > TITLE_MAX_WORDS or re.search(r"[.!?;:,]\S|[!?;:]", text[start:end].rstrip(" .,")):
        return False
    if not all(w[:1].isupper() or (w.lower() in _SMALL_WORDS and n) for n, w in enumerate(words)):
        return False
    return _TITLE_BEFORE.search(text, max(0, start - 40), max(0, start - 1)) is not None


# what names a work before its title: "the author of", "co-author of", "editor of the graphic novel anthologies",
# "his book", "a report titled", "entitled" (never "the author of the bill said")
_WORK_BEFORE = re.compile(
    r"(?:\b(?:author|co-?author|editor|creator|director|producer|writer|publisher)\s+of\s+(?:the\s+)?"
    r"(?:(?!(?:said|says|told|wrote|writes|added|asked|stated|argued|explained)\b)[\w-]+\s+){0,4}?"
    r"|\b(?:books?|novels?|memoirs?|films?|movies?|documentar(?:y|ies)|songs?|albums?|antholog(?:y|ies)|podcasts?|"
    r"essays?|op-eds?|plays?|poems?|reports?|studies|study|papers?)\s*,?\s+(?:(?:titled|entitled|called)\s+)?"
    r"|\b(?:titled|entitled)\s+)$", re.I)
_TITLE_WORDS_MAX = 20


def work_title(text: str, start: int, end: int, title_end: int = -1) -> bool:
    """Whether the quoted words are the title of a book, film, report... capitalised as titles are,
    named as one ("He is the co-author of “I Am Jackie Chan: My Life in Action”"), or listed after
    one (``title_end``: where the title before it ended: "“Secret Identities” and “Shattered.”")."""
    words = [w.strip(".,;:!?'’\"“”()") for w in text[start:end].split()]
    words = [w for w in words if w]
    if not words or len(words) > _TITLE_WORDS_MAX:
        return False
    if not all(w[:1].isupper() or w[:1].isdigit() or (n and (w.lower() in _SMALL_WORDS or len(w) < 4))
               for n, w in enumerate(words)):
        return False
    opening = start - 1 if start and _MARKS.match(text, start - 1) else start
    if title_end >= 0 and _MARKS.sub("", text[title_end:opening]).strip(" ,") in ("", "and", "or", "&"):
        return True
    if len(words) > 1 and _BY_AUTHOR.match(text, end + 1):
        return True  # “Spirit in the Sky” by Norman Greenbaum: a song, a book, a film, by its author
    return _WORK_BEFORE.search(text, max(0, opening - 80), opening) is not None


# after a title's closing mark: its author ("by Bob Marley", "by Norman Greenbaum,")
_BY_AUTHOR = re.compile(r"[,.]?\s+by\s+(?:the\s+)?[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){0,3}\s*(?:[,.;)]|and\b|$)")


@lru_cache(maxsize=256)  # an article's labels all read it: blanked once per article
def quotations_blanked(text: str) -> str:
    """``text`` with its quotations, marks and words, blanked out (same offsets): what resolves a
    pronoun outside quotations ("He will testify ..." in a timeline label) reads, so that a name
    inside a quotation is never taken for the one the pronoun stands for (as in :func:`_extract`)."""
    return _blank(text, [(max(0, start - 1), min(len(text), end + 1), False) for start, end, _ in _spans(text)])


def _blank(text: str, spans) -> str:
    """The text with the quoted words blanked out (same offsets)."""
    chars = list(text)
    for start, end, _continued in spans:
        chars[start:end] = re.sub(r"[^\n]", " ", text[start:end])
    return "".join(chars)


def _same_or_next_paragraph(text: str, previous_end: int, start: int, attributed: bool = False) -> bool:
    """Whether a quotation without an attribution of its own goes on from the previous one: later in
    its paragraph, or a paragraph that is only a quotation right after it. Between the two may stand
    a short remark, or the previous quotation's whole attribution (",” said Michael Rubin, an Iran
    analyst at the American Enterprise Institute.") when that is one sentence."""
    between = text[previous_end + 1:start - 1]
    if "\n" not in between:
        return len(between) < QUOTATION_GAP and not re.search(r"(?<=[a-z]{3})[.!?]\s+[A-Z][^“”\"]{60,}", between)
    paragraph_start = text.rfind("\n", 0, start) + 1
    own_line = not text[paragraph_start:start - 1].strip()  # the paragraph opens with the quotation
    rest = between.replace("\n", " ").strip(" ,.")
    one_attribution = attributed and len(rest) < ATTRIBUTION_CHARS and \
        not SENTENCE_BREAK.search(rest) and not re.search(r"[“”\"«»]", rest)
    return own_line and between.count("\n") <= 2 and (len(rest) < 80 or one_attribution)


ATTRIBUTION_CHARS = 240


def _nested(article: int, text: str, start: int, end: int, outer: str | None) -> list[RawQuote]:
    """‘Single-quoted’ words inside a quotation: a nested quotation (its speaker, when not named
    inside, is unknown: the outer speaker is quoting someone)."""
    found = []
    for match in re.finditer(r"‘([^‘’]{3,}?)’(?!\w)", text[start:end]):
        s, e = start + match.start(1), start + match.end(1)
        if len(match.group(1).split()) < 2:
            continue
        who, _verb, kind = find_attribution(text, s, e)
        found.append(RawQuote(article, s, e, text[s:e], clean_name(who) if who else None, who, kind, False, True,
                              who is not None))
    return found

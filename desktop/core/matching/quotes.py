"""Direct quotations: who said what, and how each outlet quoted it.

:func:`extract_quotes` finds the quotations of one article:

* between straight (``"``) or curly (“ ”) double quotes, guillemets (« ») or low quotes („ “),
  in any mix ("«The Company has carefully studied … partners,” Kaspersky Lab said");
  single curly quotes (‘ ’) inside a quotation are a nested quotation of their own;
* a quotation broken by "she said" is two quotations with one speaker; an opening mark without
  a closing one ends at the paragraph break, and the next paragraph opening a mark continues it
  (``continued``); unbalanced marks never make a quotation swallow the rest of the article;
* scare quotes and titles (one or two words without a speech verb next to them) are left out.

Each quotation gets its **speaker**: the attribution next to it (``,” she said``, ``said Gina
Raimondo``, ``Raimondo said: “``, ``according to the company``), a pronoun resolved to the last
named speaker, an organisation as speaker ("the company" -> the last organisation named as one).
Titles and roles are dropped ("U.S. Commerce Secretary Gina Raimondo" -> "Gina Raimondo").

:func:`find_quotes` matches the quotations of several articles: the same words (one quotation
the sub-span of another, or most content words shared in order) are one :class:`QuoteGroup`,
whatever the outlets' marks; each quotation's **drift** from the group's reference wording is
classified word by word (:mod:`desktop.core.word_diff`): ``truncated``, ``words dropped``,
``words added``, ``words changed``, or ``paraphrase`` (few words in common, the same meaning).
Speakers named two ways ("Eugene Kaspersky" / "Evgeniy Kaspersky") are one speaker: the same
surname and first initial.

This module matches the outlets' quotations (:func:`find_quotes`); the parts live in
:mod:`~desktop.core.matching.quote_extraction` (one article's quotations),
:mod:`~desktop.core.matching.quote_speakers` (speaker attribution) and
:mod:`~desktop.core.matching.quote_matching` (grouping across outlets, drift).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence

from desktop.core.matching.comparison import QuoteGroup, QuoteMention
from desktop.core.matching.quote_extraction import RawQuote, extract_quotes
from desktop.core.matching.quote_matching import (
    closest_quote,
    drift_of,
    group_quotes,
    reference_quote,
    unify_speakers,
)
from desktop.core.matching.quote_speakers import speaker_key

__all__ = ["RawQuote", "extract_quotes", "find_quotes", "group_quotes", "speaker_key"]

def find_quotes(articles: Sequence, skips: Mapping[int, Sequence[tuple[int, int]]],
                atomic: Mapping[int, Sequence] | None = None) -> tuple[QuoteGroup, ...]:
    """Every article's quotations, and the groups of the same words quoted by several outlets
    (with each quotation's drift). Quotations only one outlet gives are groups of one."""
    organisations = frozenset(
        m.value.lower() for mentions in (atomic or {}).values() for m in mentions
        if m.kind == "entity" and m.entity_type == "organization")
    raw: list[RawQuote] = []
    for article in articles:
        orgs = Counter(m.value for m in (atomic or {}).get(article.id, ())
                       if m.kind == "entity" and m.entity_type == "organization")
        main_org = orgs.most_common(1)[0][0] if orgs else None
        entities = [m for m in (atomic or {}).get(article.id, ()) if m.kind == "entity"]
        people = [(m.start, m.value) for m in entities if m.entity_type == "person"]
        named_orgs = [(m.start, m.value) for m in entities if m.entity_type == "organization"]
        raw += extract_quotes(article.id, article.text, skips.get(article.id, ()), organisations, main_org,
                              people, named_orgs)
    raw = unify_speakers(raw)
    grouped = group_quotes(raw)
    taken = {(q.article, q.start) for g in grouped for q in g}
    groups = []
    for members in grouped:
        reference = reference_quote(members)
        speakers = Counter(q.speaker for q in members if q.speaker)
        speaker = speakers.most_common(1)[0][0] if speakers else None
        mentions = []
        for q in members:
            closest = closest_quote(q, members, reference)
            drift, changes = ("", ()) if q is reference else drift_of(closest.text, q.text)
            mentions.append(_mention(q, drift, changes))
        groups.append(_group(speaker, reference.text, mentions))
    for q in raw:
        if (q.article, q.start) not in taken:
            groups.append(_group(q.speaker, q.text, [_mention(q, "", ())]))
    groups.sort(key=lambda g: (-len(g.articles), g.mentions[0].article, g.mentions[0].start))
    return tuple(groups)


def _mention(q: RawQuote, drift: str, changes: tuple) -> QuoteMention:
    return QuoteMention(q.article, q.start, q.end, q.text, q.speaker, q.speaker_as_written, drift, changes,
                        q.continued, q.nested)


def _group(speaker: str | None, text: str, mentions: list[QuoteMention]) -> QuoteGroup:
    key = "|".join(f"{m.article}:{m.start}:{m.end}" for m in mentions)
    return QuoteGroup(f"quote-{hashlib.sha1(key.encode()).hexdigest()[:10]}", speaker, text, tuple(mentions))

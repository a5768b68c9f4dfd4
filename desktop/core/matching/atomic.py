"""Atomic facts: extract the dates, numbers, money, percentages and names each article states.

:func:`extract_atomic` reads one article through :func:`desktop.core.matching.news_lexer.tokenize`:
value tokens become mentions in :mod:`desktop.core.matching.value_atoms`, name tokens in
:mod:`desktop.core.matching.entity_atoms`, and names are resolved within the article by
:mod:`desktop.core.matching.name_resolution`. :func:`group_atomic` groups the mentions of
several articles by key. The records and their keys are :mod:`desktop.core.matching.atoms`.

* A yearless date (``--07-20``, article without a publication date) joins the full date
  with the same month and day in :func:`group_atomic` when exactly one year occurs for it
  in the set; the group's key is then the full date, the mention keeps its own key.
* Names of unknown type join a typed person or organisation they name, across the set (see
  :func:`desktop.core.matching.name_resolution.resolve_entities`).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from functools import lru_cache

from desktop.core.matching.article_context import ArticleContext
from desktop.core.matching.atoms import ATOMIC_KINDS, AtomicGroup, AtomicMention
from desktop.core.matching.comparison import DATE, ENTITY
from desktop.core.matching.entity_atoms import apply_acronyms, clean_name, entity_mentions, join_and_names
from desktop.core.matching.name_resolution import resolve_entities
from desktop.core.matching.names import PERSON, PLACE
from desktop.core.matching.news_lexer import NewsToken, tokenize
from desktop.core.matching.people import canonical_person
from desktop.core.matching.text_units import fold
from desktop.core.matching.value_atoms import value_mention, whole_mentions
from desktop.core.matching.verbatim import merged_spans

__all__ = ["ATOMIC_KINDS", "AtomicGroup", "AtomicMention", "extract_atomic", "group_atomic", "yearless_date_keys"]


def extract_atomic(
    text: str,
    published: str | None = None,
    skip: Sequence[tuple[int, int]] = (),
    *,
    outlet: str | None = None,
) -> list[AtomicMention]:
    """All atomic mentions of one article outside the ``skip`` spans, sorted by offset.

    ``published`` (ISO) dates yearless dates; ``skip`` (half-open spans, e.g. boilerplate):
    a mention overlapping one is left out; ``outlet`` (the publisher's name, optional):
    names of the outlet itself are left out (its promotion and author box). Person surnames
    are resolved within the article (``Zetter`` after ``Kim Zetter``); :func:`group_atomic`
    resolves across articles. Ties on ``start`` put the longer mention first.

    Results are cached per (text, published, skip, outlet): comparing again after a change
    to one article reads only that one again.
    """
    spans = tuple((int(start), int(end)) for start, end in skip)
    return list(_extract_atomic(text, published, spans, outlet))


@lru_cache(maxsize=512)  # articles; about 30 kB each
def _extract_atomic(
    text: str, published: str | None, skip: tuple[tuple[int, int], ...], outlet: str | None
) -> tuple[AtomicMention, ...]:
    skipped = _Spans(skip)
    context = ArticleContext(text)
    mentions: list[AtomicMention] = []
    names: list[NewsToken] = []
    covered = 0  # the end of the last value mention
    for token in tokenize(text):
        if skipped.overlaps(token.start, token.end):
            continue
        if token.kind == "name":
            names.append(token)
            continue
        if token.start < covered:  # read already: "twenty" + "-five people"
            continue
        mention = value_mention(text, token, published)
        if mention is not None and not skipped.overlaps(mention.start, mention.end):
            mentions.append(mention)
            covered = mention.end
    taken = _Spans([(mention.start, mention.end) for mention in mentions])
    for mention in whole_mentions(text):
        outside = not skipped.overlaps(mention.start, mention.end)
        if outside and not taken.overlaps(mention.start, mention.end):
            mentions.append(mention)
    entities = entity_mentions(text, join_and_names(text, names), context)
    if outlet:
        entities = [mention for mention in entities if fold(mention.value) != fold(outlet)]
    mentions.extend(apply_acronyms(text, entities))
    resolved = [mention for _article, mention in resolve_entities([(0, m) for m in mentions])]
    return tuple(sorted(resolved, key=_mention_order))


def _mention_order(mention: AtomicMention) -> tuple[int, int, int, str]:
    return (mention.start, -mention.end, ATOMIC_KINDS.index(mention.kind), mention.key)


class _Spans:
    """Sorted, merged half-open spans with an overlap test."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        merged = merged_spans(spans)
        self._starts = [span[0] for span in merged]
        self._ends = [span[1] for span in merged]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) shares a character with a span."""
        if end <= start:
            return False
        # The last span starting before ``end``: spans are disjoint, so it is the only
        # one that can reach past ``start``.
        index = bisect.bisect_left(self._starts, end) - 1
        return index >= 0 and self._ends[index] > start


# ---------------------------------------------------------------------------------------
# Grouping
# ---------------------------------------------------------------------------------------


def group_atomic(per_article: Mapping[int, Sequence[AtomicMention]]) -> list[AtomicGroup]:
    """Group the mentions of several articles by key, resolving names across articles.

    People, organisations and surnames are re-resolved over the whole set (see
    :func:`resolve_entities`), so ``Zetter`` in one article joins ``Kim Zetter`` of
    another and ``Kaspersky`` joins ``Kaspersky Lab``. A yearless date joins the full date
    with the same month and day when only one year occurs for it. Groups are sorted by
    kind (date, number, money, percent, entity) and key; mentions by article and offset.
    """
    items = [
        (article, mention)
        for article in sorted(per_article)
        for mention in per_article[article]
    ]
    items = resolve_entities(items)
    date_keys = yearless_date_keys(mention.key for _article, mention in items)
    grouped: dict[str, list[tuple[int, AtomicMention]]] = defaultdict(list)
    for article, mention in items:
        grouped[date_keys.get(mention.key, mention.key)].append((article, mention))
    groups = []
    for key, members in grouped.items():
        members.sort(key=lambda item: (item[0], item[1].start, item[1].end))
        kind = members[0][1].kind
        groups.append(AtomicGroup(kind, key, _label(members), tuple(members)))
    groups.sort(key=lambda group: (ATOMIC_KINDS.index(group.kind), group.key))
    return groups


def yearless_date_keys(keys) -> dict[str, str]:
    """``date:--07-20`` -> ``date:2024-07-20`` when 2024 is the only year for July 20."""
    years: dict[str, set[str]] = defaultdict(set)
    yearless = set()
    for key in keys:
        if not key.startswith(f"{DATE}:"):
            continue
        value = key[len(DATE) + 1 :]
        if value.startswith("--"):
            yearless.add(value)
        elif re.fullmatch(r"\d{4}-\d\d(?:-\d\d)?", value):
            years[value[4:]].add(value[:4])
    joined = {}
    for value in sorted(yearless):
        found = years.get(value[1:], set())  # "--07-20"[1:] == "-07-20"
        if len(found) == 1:
            joined[f"{DATE}:{value}"] = f"{DATE}:{next(iter(found))}{value[1:]}"
    return joined


def _label(members: Sequence[tuple[int, AtomicMention]]) -> str:
    """Most common surface form (first seen on a tie); places: the canonical name;
    people: the most common full name."""
    mentions = [mention for _article, mention in members]
    first = mentions[0]
    if first.kind == ENTITY and first.entity_type == PLACE:
        return first.value
    if first.kind == ENTITY:
        forms = [clean_name(mention.text) for mention in mentions]
        if first.entity_type == PERSON:
            forms = [canonical_person(form) for form in forms]
            full = [form for form in forms if len(form.split()) > 1]
            forms = full or forms
    else:
        forms = [" ".join(mention.text.split()) for mention in mentions]
    counts = Counter(forms)
    best = max(counts.values())
    return next(form for form in forms if counts[form] == best)

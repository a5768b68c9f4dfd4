"""Atomic facts: the records of the dates, numbers, money, percentages and names articles state.

Owns :class:`AtomicMention` (one value as one article states it) and :class:`AtomicGroup`
(the mentions of one value across articles), and the conventions of their keys:

* Kinds: ``date``, ``number``, ``money``, ``percent``, ``entity`` (the lexer's
  ``quantity`` is ``number``, ``name`` is ``entity``).
* Keys (equal key = same atomic fact):
  ``date:2024-09-29`` / ``date:--07-20`` (year unknown) / ``date:2024-06`` / ``date:2017``;
  ``number:employee:[0,50)``, ``number:employee:all``, ``number::[100000,100001)`` (no
  unit); ``money:USD:721000000``; ``percent:10`` (``percent:2pp`` for percentage points);
  ``entity:<type>:<core>`` with type ``person``, ``organization``, ``place`` or ``name``
  (type unknown): ``entity:person:kim zetter``, ``entity:organization:kaspersky``,
  ``entity:place:united states``, ``entity:name:bloomberg``.
* Offsets are half-open Python offsets into the text as given.

Extraction is :mod:`desktop.core.matching.atomic`; the values come from
:mod:`desktop.core.matching.value_atoms`, the names from
:mod:`desktop.core.matching.entity_atoms`.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.matching.comparison import DATE, ENTITY, MONEY, NUMBER, PERCENT

__all__ = ["ATOMIC_KINDS", "UNKNOWN", "AtomicGroup", "AtomicMention"]

ATOMIC_KINDS = (DATE, NUMBER, MONEY, PERCENT, ENTITY)
UNKNOWN = "name"  # the type part of an entity key when the type is unknown


@dataclass(frozen=True)
class AtomicMention:
    """One atomic fact as one article states it: ``text == article_text[start:end]``.

    ``value`` is the normalised value for display (``2024-09-29``, ``[0, 50) employee``,
    ``USD 721,000,000``, ``10%``, ``United States``); ``key`` groups mentions (see the
    module docstring). Numbers carry ``unit``, ``low`` and ``high`` (the interval
    ``[low, high)``; "all employees" is the marker ``[inf, inf)``, which overlaps no
    bounded count); money carries its currency as ``unit``, percentages ``"%"``; entities
    their ``entity_type`` (None when unknown).
    """

    kind: str
    start: int
    end: int
    text: str
    value: str
    key: str
    unit: str | None = None
    low: float | None = None
    high: float | None = None
    entity_type: str | None = None


@dataclass(frozen=True)
class AtomicGroup:
    """The mentions of one atomic fact across articles, as (article id, mention) pairs
    sorted by article and offset. ``label``: the most common surface form (the canonical
    name for places, the most common full name for people)."""

    kind: str
    key: str
    label: str
    mentions: tuple[tuple[int, AtomicMention], ...]

    @property
    def articles(self) -> tuple[int, ...]:
        return tuple(sorted({article for article, _mention in self.mentions}))

    @property
    def sources(self) -> int:
        return len(self.articles)


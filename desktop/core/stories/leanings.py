"""Outlet leanings: the reader's edits, a CSV of outlet ratings, and coverage by leaning.

``LEANINGS`` are left, lean left, center, lean right, right; an outlet without one is
"unknown". A story's coverage by leaning counts its articles per leaning of their outlets; it
is a *blindspot* when at least ``BLINDSPOT_SHARE`` of the articles whose outlet leaning is known
come from one side (left + lean left, or right + lean right), with at least ``BLINDSPOT_MIN``
such articles.

No default table ships with Parallax: the only outlet labels at hand (the AllSides dataset of
Baly et al.) are AllSides Media Bias Ratings, which AllSides licenses for non-commercial use
only (CC BY-NC 4.0), and they are three-way (left, center, right). The reader imports their
own ratings (``parallax leanings import FILE.csv``); see the README.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from pathlib import Path

from desktop.core.library.store.outlets import LEANINGS
from desktop.core.models import Changes

__all__ = [
    "BLINDSPOT_MIN", "BLINDSPOT_SHARE", "LEANINGS", "UNKNOWN", "Coverage", "ImportedLeanings", "coverage_by_story",
    "coverage_from_leanings", "coverage_of", "import_csv",
    "parse_leaning", "set_leaning",
]

UNKNOWN = "unknown"
BLINDSPOT_SHARE = 0.8
BLINDSPOT_MIN = 3
LEFT_SIDE = ("left", "lean left")
RIGHT_SIDE = ("lean right", "right")

_SPELLINGS = {
    "left": "left", "l": "left", "far left": "left", "liberal": "left",
    "lean left": "lean left", "leans left": "lean left", "left leaning": "lean left", "center left": "lean left",
    "centre left": "lean left", "left center": "lean left", "left centre": "lean left", "ll": "lean left",
    "center": "center", "centre": "center", "c": "center", "centrist": "center", "least biased": "center",
    "lean right": "lean right", "leans right": "lean right", "right leaning": "lean right",
    "center right": "lean right", "centre right": "lean right", "right center": "lean right",
    "right centre": "lean right", "lr": "lean right",
    "right": "right", "r": "right", "far right": "right", "conservative": "right",
    "unknown": None, "": None, "none": None, "mixed": None, "not rated": None,
}


def parse_leaning(text: str) -> str | None:
    """One of ``LEANINGS`` or None (unknown) from a rating as people write it ("Lean Left",
    "lean-left", "centre", "Right"). Raises ValueError naming the accepted values."""
    key = " ".join(text.strip().casefold().replace("-", " ").replace("_", " ").split())
    if key in _SPELLINGS:
        return _SPELLINGS[key]
    raise ValueError(f"{text!r} is not a leaning: use one of {', '.join(LEANINGS)} or {UNKNOWN}")


def set_leaning(store, outlet: str, leaning: str) -> Changes:
    """The reader sets one outlet's leaning by name (``leaning`` as :func:`parse_leaning` reads it)."""
    found = store.outlet_by_name(outlet)
    return store.set_leanings({found.id: parse_leaning(leaning)}, "reader")


@dataclass(frozen=True)
class ImportedLeanings:
    rows: int  # data rows read
    set: int  # outlets of this library whose leaning was set
    not_in_library: tuple[str, ...]  # outlets named in the file that this library does not have


_OUTLET_COLUMNS = ("outlet", "source", "name", "news source", "publication")
_LEANING_COLUMNS = ("leaning", "bias", "rating", "bias rating", "lean")


def import_csv(store, path: str | os.PathLike, *, overwrite_reader: bool = False) -> tuple[ImportedLeanings, Changes]:
    """Set outlets' leanings from a CSV of outlet ratings: a header with an outlet column
    (outlet/source/name) and a leaning column (leaning/bias/rating), one outlet per row.
    Outlets are matched by name, ignoring case. A leaning the reader set by hand is kept
    unless ``overwrite_reader``. Errors name the file and the line."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ValueError(f"{path}: cannot read it ({exc.strerror or exc})") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not UTF-8 text (byte {exc.start}); save the CSV as UTF-8") from exc
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t") if sample.strip() else csv.excel
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        header = next(reader)
    except StopIteration:
        raise ValueError(f"{path}: the file is empty; expected a header such as 'outlet,leaning'") from None
    names = [h.strip().casefold() for h in header]
    outlet_col = next((names.index(c) for c in _OUTLET_COLUMNS if c in names), None)
    leaning_col = next((names.index(c) for c in _LEANING_COLUMNS if c in names), None)
    if outlet_col is None or leaning_col is None:
        raise ValueError(f"{path}:1: the header must name an outlet column ({'/'.join(_OUTLET_COLUMNS[:3])}) and a "
                         f"leaning column ({'/'.join(_LEANING_COLUMNS[:3])}); found {', '.join(header) or 'nothing'}")
    wanted: dict[str, tuple[str | None, int]] = {}
    rows = 0
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        rows += 1
        if len(row) <= max(outlet_col, leaning_col):
            raise ValueError(f"{path}:{line}: expected at least {max(outlet_col, leaning_col) + 1} columns, "
                             f"found {len(row)}")
        outlet = row[outlet_col].strip()
        if not outlet:
            raise ValueError(f"{path}:{line}: the outlet name is empty")
        try:
            leaning = parse_leaning(row[leaning_col])
        except ValueError as exc:
            raise ValueError(f"{path}:{line}: {exc}") from None
        wanted[outlet.casefold()] = (leaning, line)
    by_name = {o.name.casefold(): o for o in store.outlets()}
    updates = {}
    for key, (leaning, _line) in wanted.items():
        outlet = by_name.get(key)
        if outlet is None or (outlet.origin == "reader" and not overwrite_reader):
            continue
        updates[outlet.id] = leaning
    changes = store.set_leanings(updates, path.name) if updates else Changes()
    missing = tuple(sorted(k for k in wanted if k not in by_name))
    return ImportedLeanings(rows=rows, set=len(updates), not_in_library=missing), changes


@dataclass(frozen=True)
class Coverage:
    """How many of a story's articles come from outlets of each leaning."""

    counts: dict[str, int]  # every leaning of LEANINGS plus "unknown", in that order
    blindspot: str | None  # "left" or "right": the side that covers ≥ BLINDSPOT_SHARE of it, else None

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def as_json(self) -> dict:
        return {"leaning": dict(self.counts), "blindspot": self.blindspot}

    @property
    def described(self) -> str:
        """e.g. "3 left · 1 center · 2 unknown" (leanings with no article left out)."""
        return " · ".join(f"{n} {k}" for k, n in self.counts.items() if n) or "no articles"


def coverage_from_leanings(leanings: list[str | None]) -> Coverage:
    counts = {k: 0 for k in (*LEANINGS, UNKNOWN)}
    for leaning in leanings:
        counts[leaning if leaning in LEANINGS else UNKNOWN] += 1
    known = sum(counts[k] for k in LEANINGS)
    blindspot = None
    if known >= BLINDSPOT_MIN:
        left = sum(counts[k] for k in LEFT_SIDE)
        right = sum(counts[k] for k in RIGHT_SIDE)
        if left >= BLINDSPOT_SHARE * known:
            blindspot = "left"
        elif right >= BLINDSPOT_SHARE * known:
            blindspot = "right"
    return Coverage(counts, blindspot)


def coverage_by_story(store) -> dict[int, Coverage]:
    """Every story's coverage by leaning, from one query (for the sidebar's blindspot marks)."""
    out = {}
    for story_id, counts in store.story_leaning_counts().items():
        out[story_id] = coverage_from_leanings([leaning for leaning, n in counts.items() for _ in range(n)])
    return out


def coverage_of(store, article_ids) -> Coverage:
    """Coverage by leaning of these articles (a story's ``article_ids``)."""
    leanings = store.leanings_of_articles(article_ids)
    return coverage_from_leanings([leanings.get(a) for a in article_ids])

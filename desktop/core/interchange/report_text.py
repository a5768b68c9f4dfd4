"""The text form of a comparison: an aligned table a journalist can read in a terminal.

Plain text only (no ANSI colour), so pipes and files stay clean. Deterministic: the same
comparison gives the same output.

The sections come from :mod:`desktop.core.interchange.report_plan`, shared with the Markdown and HTML reports.
"""

from __future__ import annotations

import textwrap
import unicodedata

from desktop.core.interchange.report_plan import (
    Report,
    article_date,
    clean,
    letters_of,
    mention_context,
    separation_lines,
)
from desktop.core.labels import has_outlet, outlet_column
from desktop.core.matching.comparison import Comparison, Fact

EXCLUSIVE_CAP = 10  # "Only one source": at most this many claims per article in the text report
MIN_WIDTH = 40

# ---------------------------------------------------------------------------- layout


def display_width(text: str) -> int:
    """Terminal columns: wide East Asian characters take two, combining marks none."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return width


def fit(text: str, width: int, pad: bool = True) -> str:
    """``text`` cut to ``width`` terminal columns (with "…" when cut), padded when ``pad``."""
    if width <= 0:
        return ""
    if display_width(text) > width:
        out, used = [], 0
        for char in text:
            w = display_width(char)
            if used + w > width - 1:
                break
            out.append(char)
            used += w
        text = "".join(out).rstrip() + "…"
    if pad:
        text += " " * (width - display_width(text))
    return text


def _wrap(text: str, width: int, max_lines: int = 3) -> list[str]:
    lines = textwrap.wrap(text, max(10, width), max_lines=max_lines, placeholder=" …",
                          break_on_hyphens=False)
    return [fit(line, width, pad=False) for line in lines] or [""]


class _TextReport(Report):
    def __init__(self, comparison: Comparison, width: int):
        super().__init__(comparison)
        self.width = max(MIN_WIDTH, width)
        count = self.plan.count
        self.cov_width = len(f"{count}/{count}")
        self.letter_width = len(f"A{count}")
        full = count * (self.letter_width + 1) - 1
        # A column of all letters (with "." for the absent ones) while it fits a third of
        # the width; else only the letters present, cut short.
        self.dotted = full <= max(14, self.width // 3)
        self.letters_width = full if self.dotted else max(14, self.width // 3)
        self.lines: list[str] = []

    # -- pieces

    def emit(self, line: str = "") -> None:
        self.lines.append(line.rstrip())

    def heading(self, title: str) -> None:
        if self.lines and self.lines[-1]:
            self.emit()
        self.emit(title)
        self.emit("-" * min(self.width, display_width(title)))

    def letters_column(self, fact) -> str:
        present = set(fact.articles)
        if self.dotted:
            cells = [
                (letter if a in present else ".").ljust(self.letter_width)
                for a, letter in self.plan.letters.items()
            ]
            return " ".join(cells).rstrip().ljust(self.letters_width)
        names = letters_of(fact, self.plan.letters)
        text = " ".join(names)
        if len(text) > self.letters_width:
            kept: list[str] = []
            for i, name in enumerate(names):
                rest = f" +{len(names) - i}"
                if len(" ".join(kept + [name])) + len(rest) > self.letters_width:
                    text = " ".join(kept) + rest
                    break
                kept.append(name)
        return text.ljust(self.letters_width)

    def fact_row(self, fact: Fact, label: str, max_lines: int = 3, indent: str = "  ") -> None:
        """One fact: coverage, letters, then ``label`` (one line of clean text) wrapped."""
        coverage = f"{fact.sources}/{self.plan.count}".rjust(self.cov_width)
        prefix = f"{indent}{coverage}  {self.letters_column(fact)}  "
        room = self.width - len(prefix)
        if room < 24:  # too narrow for a label beside the columns: put it below
            self.emit(prefix)
            prefix, room = indent + "    ", self.width - len(indent) - 4
        lines = _wrap(label, room, max_lines)
        self.emit(prefix + lines[0])
        for line in lines[1:]:
            self.emit(" " * len(prefix) + line)

    def article_line(self, article_id: int, indent: str = "", suffix: str = "") -> str:
        """``A2  Outlet  Title`` cut to fit, then ``suffix``."""
        article = self.articles[article_id]
        letter = self.plan.letters[article_id]
        outlet = f"{clean(article.source)}  " if has_outlet(article) else ""  # else the headline tells it apart
        head = f"{indent}{letter}  {outlet}{clean(article.display_title)}"
        return fit(head, self.width - display_width(suffix), pad=False) + suffix

    # -- sections

    def header(self) -> None:
        comparison = self.comparison
        count = self.plan.count
        self.emit(f"Parallax comparison: {count} article{'s' if count != 1 else ''}")
        if not count:
            return
        self.emit()
        outlet_width = min(22, max(display_width(clean(outlet_column(a))) for a in
                                   comparison.articles))
        date_width = 10
        for article in comparison.articles:
            letter = self.plan.letters[article.id].ljust(self.letter_width)
            date = article_date(article) or "no date"
            head = (f"  {letter}  {fit(clean(outlet_column(article)), outlet_width)}  "
                    f"{fit(date, date_width)}  ")
            self.emit(head + fit(clean(article.display_title), self.width - display_width(head),
                                 pad=False))

    def summary(self) -> None:
        plan = self.plan
        exclusive = sum(len(v) for v in plan.exclusive.values())
        parts = [
            f"{len(plan.shared_by_all)} shared by all",
            f"{len(plan.shared_by_several)} by several",
            f"{len(self.comparison.conflicts)} conflict"
            + ("s" if len(self.comparison.conflicts) != 1 else "")
            + (f" ({unsure} less sure)" if (unsure := sum(1 for c in self.comparison.conflicts if c.weak)) else ""),
            f"{len(plan.verbatim)} verbatim",
            f"{exclusive} in one source only",
        ]
        self.emit()
        for line in textwrap.wrap(" · ".join(parts), self.width):
            self.emit(line)

    def facts_section(self, title: str, facts) -> None:
        self.heading(f"{title} ({len(facts)})")
        if not facts:
            self.emit("  (none)")
        for fact in facts:
            label = clean(fact.label) + ("  [verbatim]" if fact.verbatim else "") + ("  [less sure]" if fact.weak else "")
            self.fact_row(fact, label)

    def conflicts(self) -> None:
        conflicts = self.comparison.conflicts
        self.heading(f"Conflicts ({len(conflicts)})")
        if not conflicts:
            self.emit("  (none)")
        for conflict in conflicts:
            label = clean(conflict.label) or "Conflict"
            if conflict.severity:
                label += f"  [{conflict.severity}{', less sure' if conflict.weak else ''}]"
            for line in _wrap(label, self.width - 2, 2):
                self.emit("  " + line)
            mentions = [m for m in conflict.mentions if m.article in self.articles]
            value_width = min(28, max((display_width(clean(m.value or m.text)) for m in mentions),
                                      default=0))
            for m in mentions:
                letter = self.plan.letters[m.article].ljust(self.letter_width)
                value = fit(clean(m.value or m.text), value_width)
                head = f"    {letter}  {value}  "
                room = self.width - display_width(head)
                quote = mention_context(self.articles[m.article], m, limit=max(20, room - 2))
                self.emit(head + fit(f"“{quote}”", room, pad=False))
            self.emit()
        for gone in self.comparison.dismissed:  # said, so a report never hides the reader's judgement
            for line in _wrap(f"Dismissed by the reader as no conflict: {clean(gone.label)}", self.width - 2, 2):
                self.emit("  " + line)

    def disagreements(self) -> None:
        from desktop.core.interchange.report_disagreements import sections

        for section in sections(self.comparison):
            self.heading(section.title)
            if not section.items:
                self.emit("  " + section.empty)
            for item in section.items:
                for line in _wrap(item.line, self.width - 2, 2):
                    self.emit("  " + line)
                for sub in item.sub:
                    for line in _wrap(sub, self.width - 6, 6):
                        self.emit("      " + line)
            self.emit()

    def verbatim(self) -> None:
        facts = self.plan.verbatim
        self.heading(f"Verbatim passages ({len(facts)})")
        if not facts:
            self.emit("  (none)")
        for fact in facts:
            self.fact_row(fact, f"“{clean(fact.label)}”")

    def exclusive(self) -> None:
        total = sum(len(v) for v in self.plan.exclusive.values())
        self.heading(f"Only one source ({total})")
        if not total:
            self.emit("  (none)")
        for article_id, facts in self.plan.exclusive.items():
            if not facts:
                continue
            self.emit(self.article_line(article_id, "  ", f"  ({len(facts)})"))
            for fact in facts[:EXCLUSIVE_CAP]:
                maybe = ", ".join(self.plan.letters.get(p.mention.article, "?") for p in fact.possible)
                lines = _wrap(clean(fact.label) + (f" (possibly also in {maybe})" if maybe else ""),
                              self.width - 8, 3 if maybe else 2)
                self.emit("      - " + lines[0])
                for line in lines[1:]:
                    self.emit("        " + line)
            if len(facts) > EXCLUSIVE_CAP:
                self.emit(f"      … and {len(facts) - EXCLUSIVE_CAP} more")
            self.emit()

    def atomic(self) -> None:
        facts = self.plan.atomic
        self.heading(f"Dates, numbers and names ({len(facts)})")
        if not facts:
            self.emit("  (none)")
        kind_width = max((len(f.kind) for f in facts), default=0)
        for fact in facts:
            label = clean(fact.label)
            variants = [v for v in dict.fromkeys(clean(m.text) for m in fact.mentions)
                        if v.casefold() != label.casefold()]
            if variants:
                label += "  (also: " + ", ".join(variants[:4]) + (", …" if len(variants) > 4
                                                                  else "") + ")"
            self.fact_row(fact, f"{fact.kind.ljust(kind_width)}  {label}", max_lines=2)

    def omitted(self) -> None:
        self.heading("Leaves out")
        if not self.comparison.summaries:
            self.emit("  (not computed)")
            return
        any_omitted = False
        for article_id, facts in self.plan.omitted.items():
            if not facts:
                continue
            any_omitted = True
            self.emit(self.article_line(article_id, "  ", f"  ({len(facts)})"))
            for fact in facts:
                self.fact_row(fact, clean(fact.label), max_lines=2, indent="      ")
            self.emit()
        if not any_omitted:
            self.emit("  Every source reports what most others report.")

    def render(self) -> str:
        self.header()
        count = self.plan.count
        if count < 2:
            self.emit()
            self.emit("Nothing to compare: add at least two articles about the same event.")
            return "\n".join(self.lines) + "\n"
        self.summary()
        self.facts_section(f"Shared by all {count}", self.plan.shared_by_all)
        self.facts_section("Shared by several", self.plan.shared_by_several)
        for line in separation_lines(self.comparison, self.plan.letters):  # the reader's judgement, said
            for part in _wrap(line, self.width - 2, 3):
                self.emit("  " + part)
        self.conflicts()
        self.disagreements()
        self.verbatim()
        self.exclusive()
        self.atomic()
        self.omitted()
        while self.lines and not self.lines[-1]:
            self.lines.pop()
        return "\n".join(self.lines) + "\n"


def render_text(comparison: Comparison, width: int = 100) -> str:
    """The comparison as an aligned plain-text table, at most ``width`` columns wide
    (``width`` below 40 counts as 40)."""
    return _TextReport(comparison, width).render()

"""The Markdown form of a comparison: a report a journalist can paste into notes
(Obsidian, Zotero, any CommonMark / GitHub-flavoured renderer).

User text (titles, outlets, labels, quoted wording) goes through :func:`escaping.md_escape`, so a
``|`` cannot break a table, a leading ``#`` cannot make a heading, ``*``/``_``/backticks
cannot start emphasis or code, ``[ ]`` cannot make a link, ``<`` cannot open raw HTML and
``$`` cannot start Obsidian's inline maths. Deterministic: same comparison, same output.
"""

from __future__ import annotations

from desktop.core.interchange.escaping import md_escape, md_link
from desktop.core.interchange.report_plan import (
    Report,
    article_date,
    article_words,
    clean,
    letters_of,
    mention_context,
    separation_lines,
)
from desktop.core.labels import article_labels
from desktop.core.matching.comparison import Comparison, Fact

POSSIBLE_CHARS = 160  # a possible match's words, as long as a fact's label


def _link(title: str, url: str | None) -> str:
    """``title`` (escaped), as a link when the article has an http(s) URL."""
    return md_link(title, url)


class _MarkdownReport(Report):
    def __init__(self, comparison: Comparison):
        super().__init__(comparison)
        self.out: list[str] = []
        self._labels: dict[int, str] | None = None  # outlet, or the headline's first words

    def emit(self, *lines: str) -> None:
        self.out.extend(lines)

    def who(self, article_id: int) -> str:
        """``A2 (Outlet)``, or where the outlet is unknown ``A3 (Headline's first words…)``."""
        if self._labels is None:
            self._labels = article_labels(self.comparison.articles)
        return f"{self.plan.letters[article_id]} ({md_escape(self._labels[article_id])})"

    def coverage(self, fact: Fact) -> str:
        return f"{fact.sources}/{self.plan.count} · " + ", ".join(
            letters_of(fact, self.plan.letters))

    def sources_table(self) -> None:
        self.emit("| | Outlet | Title | Date | Words |", "|---|---|---|---|--:|")
        for article in self.comparison.articles:
            cells = [
                self.plan.letters[article.id],
                md_escape(article.display_source),
                _link(md_escape(article.display_title), article.url),
                md_escape(article_date(article)) or "—",
                str(article_words(article)),
            ]
            self.emit("| " + " | ".join(cells) + " |")

    def fact_list(self, facts, with_coverage: bool = True, empty: str = "Nothing.") -> None:
        if not facts:
            self.emit(f"*{empty}*")
        for fact in facts:
            coverage = f"**{self.coverage(fact)}**: " if with_coverage else ""
            verbatim = " *(partly word for word)*" if fact.verbatim else ""
            verbatim += " *(a link Parallax is less sure of)*" if fact.weak else ""
            self.emit(f"- {coverage}{md_escape(fact.label)}{verbatim}")
            for p in fact.possible:  # worded differently elsewhere, below the link threshold
                if p.mention.article in self.articles:
                    words = " ".join(p.mention.text.split())
                    words = words if len(words) <= POSSIBLE_CHARS else words[:POSSIBLE_CHARS - 1].rstrip() + "…"
                    self.emit(f"  - *possibly also in* {self.who(p.mention.article)} ({p.score:.0%} match): "
                              f"“{md_escape(words)}”")

    def conflicts(self) -> None:
        if not self.comparison.conflicts:
            self.emit("*No conflicting values found.*")
        for conflict in self.comparison.conflicts:
            label = md_escape(conflict.label) or "Conflict"
            severity = conflict.severity + (", less sure" if conflict.severity and conflict.weak else "")
            self.emit(f"- **{label}**" + (f" ({severity})" if severity else ""))
            for m in conflict.mentions:
                if m.article not in self.articles:
                    continue
                value = md_escape(m.value or m.text)
                context = md_escape(mention_context(self.articles[m.article], m, 240))
                self.emit(f"  - **{self.who(m.article)}**: {value} — “{context}”")
        for gone in self.comparison.dismissed:  # said, so a report never hides the reader's judgement
            self.emit(f"- *Dismissed by the reader as no conflict:* {md_escape(gone.label)}")

    def disagreements(self) -> None:
        from desktop.core.interchange.report_disagreements import sections

        for section in sections(self.comparison):
            self.emit("", f"## {section.title}", "")
            if not section.items:
                self.emit(f"*{section.empty}*")
            for item in section.items:
                self.emit(f"- {md_escape(item.line)}")
                for sub in item.sub:
                    self.emit(f"  - {md_escape(sub)}")

    def verbatim(self) -> None:
        if not self.plan.verbatim:
            self.emit("*No passage is shared word for word.*")
        for fact in self.plan.verbatim:
            who = ", ".join(self.who(a) for a in fact.articles)
            self.emit(f"- “{md_escape(fact.label)}” — {who}")

    def atomic(self) -> None:
        if not self.plan.atomic:
            self.emit("*None shared.*")
        for fact in self.plan.atomic:
            label = md_escape(fact.label)
            variants = [v for v in dict.fromkeys(clean(m.text) for m in fact.mentions)
                        if v.casefold() != clean(fact.label).casefold()]
            also = f" (also: {', '.join(md_escape(v) for v in variants)})" if variants else ""
            self.emit(f"- **{label}**{also} — {fact.kind}, {self.coverage(fact)}")

    def per_article(self, facts_by_article: dict, empty: str, with_coverage: bool) -> None:
        for article in self.comparison.articles:
            facts = facts_by_article.get(article.id, ())
            self.emit(f"### {self.who(article.id)}: {md_escape(article.display_title)}", "")
            self.fact_list(facts, with_coverage, empty)
            self.emit("")

    def render(self) -> str:
        count = self.plan.count
        self.emit(f"# Comparison: {count} article{'s' if count != 1 else ''}", "")
        if count:
            self.sources_table()
            self.emit("")
        if count < 2:
            self.emit("Nothing to compare: add at least two articles about the same event.")
            return "\n".join(self.out) + "\n"
        self.emit("## What all sources agree on", "")
        self.fact_list(self.plan.shared_by_all, False, "No claim is reported by every source.")
        self.emit("", "## Reported by several", "")
        self.fact_list(self.plan.shared_by_several, True,
                       "No claim is shared by some sources only.")
        for line in separation_lines(self.comparison, self.plan.letters):  # the reader's judgement, said
            self.emit(f"- *{md_escape(line)}*")
        self.emit("", "## Conflicts", "")
        self.conflicts()
        self.disagreements()
        self.emit("", "## Copied word for word", "")
        self.verbatim()
        self.emit("", "## Dates, numbers and names", "")
        self.atomic()
        self.emit("", "## Only one source", "")
        self.per_article(self.plan.exclusive, "Nothing only this source reports.", False)
        self.emit("## What each source leaves out", "")
        if self.comparison.summaries:
            self.per_article(self.plan.omitted, "Nothing that most others report.", True)
        else:
            self.emit("*Not computed.*", "")
        while self.out and not self.out[-1]:
            self.out.pop()
        return "\n".join(self.out) + "\n"


def render_markdown(comparison: Comparison) -> str:
    """The comparison as a Markdown report (CommonMark with GFM tables)."""
    return _MarkdownReport(comparison).render()

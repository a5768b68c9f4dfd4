"""The HTML form of a comparison: a self-contained side-by-side page.

One column per article, its text run through a Pygments ``HtmlFormatter`` over the
:class:`~desktop.core.matching.news_lexer.NewsLexer` tokens (dates, numbers, money, quotations,
names: classes to style or search by, left uncoloured but for quotations in italics), with the
comparison's spans on top as ``<mark>`` elements. The marks keep the window's restraint, so
that colour means "several sources say this" and nothing else:

* shared claims: tinted, one colour per fact (Okabe-Ito, colour-blind safe), with a second
  cue: a stronger tint and a solid underline for "all sources", a light tint for "several";
  a small grey number (CSS generated content, so the text itself is untouched) ties the same
  fact across columns;
* claims only one source reports: no colour, only a faint dotted underline (the tooltip says
  who reports it; the "Only one source" list names them all);
* passages copied word for word: a double underline;
* conflicts: a red wavy underline, the competing values in the tooltip;
* boilerplate (active spans): dimmed, never marked.

Columns are named as in the window: the outlet, or where it is unknown the headline's first
words (:func:`desktop.core.labels.article_labels`).

The text is cut at every span boundary; each piece is formatted on its own, so marks nest
properly however the spans overlap (a mark crossing another's end is closed and reopened).
Inline CSS only: no script, no external resource. Deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import ClassVar

import pygments
from pygments.formatters import HtmlFormatter
from pygments.style import Style
from pygments.token import Text, Token

from desktop.core.interchange.escaping import html_escape, neutralize_bidi
from desktop.core.interchange.report_plan import (
    Report,
    article_date,
    article_words,
    clean,
    letters_of,
    mention_context,
    separation_lines,
)
from desktop.core.labels import article_labels, counted
from desktop.core.matching.comparison import CLAIM, QUOTE, Comparison, Conflict, Fact
from desktop.core.matching.news_lexer import (
    CLOSE_QUOTE,
    DATE,
    MONEY,
    NAME,
    OPEN_QUOTE,
    PERCENT,
    QUANTITY,
    TIME,
    NewsLexer,
)
from desktop.core.matching.news_lexer import (
    QUOTE as QUOTE_TOKEN,
)

# Okabe-Ito without black and without vermillion (red is kept for conflicts): the order and the
# hues of the window's FactPalette (desktop.ui.compare.fact_highlights.OKABE_ITO).
PALETTE = (
    (230, 159, 0),  # orange
    (86, 180, 233),  # sky blue
    (0, 158, 115),  # bluish green
    (240, 228, 66),  # yellow
    (0, 114, 178),  # blue
    (204, 121, 167),  # reddish purple
)
ALL_TINT, SEVERAL_TINT = ".38", ".18"  # background alphas: reported by all / by several
TITLE_WORDING = 180  # characters of each source's wording in a tooltip
TITLE_SOURCES = 8  # sources whose wording a tooltip quotes


class ReportStyle(Style):
    """No token colours: the marks carry the comparison. Quotations are set in italics; dates,
    numbers, money and names keep their classes (``tok-ld``...) and the text's colour."""

    name = "parallax-report"
    background_color = "#ffffff"
    styles: ClassVar[dict] = {
        Token: "",
        DATE: "",
        TIME: "",
        MONEY: "",
        PERCENT: "",
        QUANTITY: "",
        QUOTE_TOKEN: "italic",
        OPEN_QUOTE: "italic",
        CLOSE_QUOTE: "italic",
        NAME: "",
    }


def _esc(text: str | None) -> str:
    return html_escape(text)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _attr(text: str) -> str:
    """An attribute value: escaped, line breaks kept as character references."""
    return _esc(text).replace("\r", "").replace("\n", "&#10;")


# ------------------------------------------------------------------------- spans


@dataclass(frozen=True)
class Span:
    """Something to wrap around a stretch of one article's text."""

    start: int
    end: int
    rank: int  # among spans with the same extent: lower is outer
    seq: int  # creation order, the last tie-break
    open_first: str  # the opening tag on the span's first piece
    open_rest: str  # the opening tag on later pieces (when cut and reopened)
    close: str


def _subtract(start: int, end: int, holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """[start, end) without the (sorted) holes."""
    pieces = []
    for lo, hi in holes:
        if hi <= start or lo >= end:
            continue
        if lo > start:
            pieces.append((start, lo))
        start = max(start, hi)
    if start < end:
        pieces.append((start, end))
    return pieces


def nest_spans(text: str, spans: list[Span], tokens, formatter) -> str:
    """``text`` as highlighted HTML with ``spans`` wrapped around it, properly nested."""
    bounds = {0, len(text)}
    for span in spans:
        bounds.update((span.start, span.end))
    bounds = sorted(b for b in bounds if 0 <= b <= len(text))
    by_start: dict[int, list[Span]] = {}
    for span in spans:
        by_start.setdefault(span.start, []).append(span)
    opened: set[Span] = set()  # spans that have had their first piece
    active: list[Span] = []
    stack: list[Span] = []
    out: list[str] = []
    token_index = 0
    for lo, hi in pairwise(bounds):
        active = [s for s in active if s.end > lo] + by_start.get(lo, [])
        wanted = sorted(active, key=lambda s: (s.start, -s.end, s.rank, s.seq))
        keep = 0
        while keep < min(len(stack), len(wanted)) and stack[keep] is wanted[keep]:
            keep += 1
        for span in reversed(stack[keep:]):
            out.append(span.close)
        for span in wanted[keep:]:
            out.append(span.open_rest if span in opened else span.open_first)
            opened.add(span)
        stack = wanted
        # The tokens of [lo, hi), cut at the edges.
        pieces = []
        while token_index < len(tokens) and tokens[token_index][1] <= lo:
            token_index += 1
        i = token_index
        while i < len(tokens) and tokens[i][0] < hi:
            start, end, token_type = tokens[i]
            pieces.append((token_type, text[max(start, lo):min(end, hi)]))
            i += 1
        chunk = text[lo:hi]
        formatted = pygments.format(pieces, formatter)
        if not chunk.endswith("\n") and formatted.endswith("\n"):
            formatted = formatted[:-1]  # the formatter ends every last line with a newline
        out.append(neutralize_bidi(formatted))  # after the offsets are used: shown, never obeyed
    for span in reversed(stack):
        out.append(span.close)
    return "".join(out)


def lexer_tokens(text: str) -> list[tuple[int, int, object]]:
    """The lexer's tokens as (start, end, type), covering ``text`` exactly."""
    tokens, position = [], 0
    for start, token_type, value in NewsLexer().get_tokens_unprocessed(text):
        if not value:
            continue
        if start != position:  # never expected: keep every character anyway
            tokens.append((position, start, Text))
        tokens.append((start, start + len(value), token_type))
        position = start + len(value)
    if position < len(text):
        tokens.append((position, len(text), Text))
    return tokens


# ------------------------------------------------------------------------ report


class _HtmlReport(Report):
    def __init__(self, comparison: Comparison):
        super().__init__(comparison)
        self.count = len(comparison.articles)
        self.formatter = HtmlFormatter(nowrap=True, classprefix="tok-", style=ReportStyle)
        # Shared claims numbered 1.., in the comparison's order; copied passages v1...
        self.numbers: dict[str, str] = {}
        self.colours: dict[str, int] = {}
        shared = [f for f in comparison.facts if f.kind == CLAIM and f.sources >= 2]
        for i, fact in enumerate(shared):
            self.numbers[fact.id] = str(i + 1)
        # colours counted as the window counts them (shared claims and quotes in comparison order),
        # so a fact has the same colour in the report as in the panes
        coloured = [f for f in comparison.facts if f.kind in (CLAIM, QUOTE) and f.sources >= 2]
        for i, fact in enumerate(coloured):
            self.colours[fact.id] = i % len(PALETTE)
        quotes = [f for f in comparison.facts if f.kind == QUOTE and f.sources >= 2]
        for i, fact in enumerate(quotes):
            self.numbers[fact.id] = f"v{i + 1}"
        self._styles: dict[str, tuple] = {}
        self.mentions_by_article = self._index_mentions()
        self.labels = article_labels(comparison.articles)  # outlet, or the headline's first words

    # -- helpers

    def _index_mentions(self) -> dict[int, list]:
        """Article id -> (fact or conflict, mention) to mark: claims, quotes, conflicts."""
        index: dict[int, list] = {}
        items = [f for f in self.comparison.facts if f.kind in (CLAIM, QUOTE)]
        for item in [*items, *self.comparison.conflicts]:
            for m in item.mentions:
                if m.article in self.articles:
                    index.setdefault(m.article, []).append((item, m))
        return index

    def mark_style(self, item) -> tuple[int, str, str, str | None]:
        """(nesting rank, classes, escaped tooltip, badge) of a fact's or conflict's marks."""
        style = self._styles.get(item.id)
        if style is None:
            if isinstance(item, Fact):
                style = (1 if item.kind == CLAIM else 2, self.fact_classes(item),
                         _attr(self.fact_title(item)), self.numbers.get(item.id))
            else:
                style = (3, "conflict", _attr(self.conflict_title(item)), "≠")
            self._styles[item.id] = style
        return style

    def who(self, article_id: int) -> str:
        return f"{self.plan.letters[article_id]} ({clean(self.labels[article_id])})"

    def letters(self, item) -> str:
        return ", ".join(letters_of(item, self.plan.letters))

    def fact_title(self, fact: Fact) -> str:
        if fact.kind == QUOTE:
            head = f"Copied word for word by {fact.sources} sources: {self.letters(fact)}"
        elif fact.sources >= self.count:
            head = f"Reported by all {self.count} sources"
        elif fact.sources >= 2:
            head = f"Reported by {fact.sources} of {self.count} sources: {self.letters(fact)}"
        else:
            head = f"Only {self.letters(fact)} reports this"
        if fact.verbatim and fact.kind == CLAIM:
            head += " (partly word for word)"
        lines = [head]
        if fact.sources >= 2:
            seen = set()
            for m in fact.mentions:
                if m.article in self.articles and m.article not in seen:
                    seen.add(m.article)
                    if len(seen) > TITLE_SOURCES:
                        lines.append(f"… and {fact.sources - TITLE_SOURCES} more")
                        break
                    wording = clean(m.text)
                    if len(wording) > TITLE_WORDING:
                        wording = wording[: TITLE_WORDING - 1].rstrip() + "…"
                    lines.append(f"{self.who(m.article)}: “{wording}”")
        for p in fact.possible:  # worded differently elsewhere: a hint, not coverage
            if p.mention.article in self.articles:
                wording = clean(p.mention.text)
                wording = wording if len(wording) <= TITLE_WORDING else wording[: TITLE_WORDING - 1].rstrip() + "…"
                lines.append(f"Possibly also {self.who(p.mention.article)} ({p.score:.0%} match): “{wording}”")
        return "\n".join(lines)

    def conflict_title(self, conflict: Conflict) -> str:
        lines = [f"Conflict: {clean(conflict.label)}"]
        for m in conflict.mentions:
            if m.article in self.articles:
                lines.append(f"{self.who(m.article)}: {clean(m.value or m.text)}")
        return "\n".join(lines)

    def fact_classes(self, fact: Fact) -> str:
        if fact.kind == QUOTE:
            return "fact quote verbatim"
        if fact.sources >= self.count:
            coverage = "all"
        elif fact.sources >= 2:
            coverage = "several"
        else:
            coverage = "exclusive"
        classes = ["fact", "claim", coverage]
        if fact.id in self.colours:
            classes.append(f"c{self.colours[fact.id]}")
        if fact.verbatim:
            classes.append("verbatim")
        return " ".join(classes)

    # -- the columns

    def spans_of(self, article) -> list[Span]:
        text = article.text
        length = len(text)
        boilerplate = sorted((max(0, s.start), min(length, s.end))
                             for s in article.boilerplate if s.active and s.start < s.end)
        spans: list[Span] = []

        def add(start, end, rank, open_first, open_rest, close):
            spans.append(Span(start, end, rank, len(spans), open_first, open_rest, close))

        for item, m in self.mentions_by_article.get(article.id, ()):
            rank, classes, title, number = self.mark_style(item)
            start, end = max(0, m.start), min(length, m.end)
            if start >= end:
                continue
            common = (f'data-fact="{_attr(item.id)}" data-span="{start}-{end}" '
                      f'title="{title}"')
            badge = f' data-n="{_attr(number)}"' if number else ""
            first = f'<mark class="{classes} first" {common}{badge}>'
            rest = f'<mark class="{classes}" {common}>'
            for lo, hi in _subtract(start, end, boilerplate):
                while lo < hi and text[lo].isspace():  # no mark on a bare line break
                    lo += 1
                while hi > lo and text[hi - 1].isspace():
                    hi -= 1
                if lo >= hi:
                    continue
                add(lo, hi, rank, first, rest, "</mark>")
                first = rest  # a piece after boilerplate does not repeat the badge
        for start, end in boilerplate:
            kinds = sorted({s.kind for s in article.boilerplate
                            if s.active and max(0, s.start) == start and s.end >= end})
            title = "Boilerplate" + (f" ({', '.join(kinds)})" if kinds else "")
            title += ": not part of the comparison"
            tag = f'<span class="boilerplate" title="{_attr(title)}">'
            add(start, end, 0, tag, tag, "</span>")
        return spans

    def column(self, article) -> str:
        letter = self.plan.letters[article.id]
        summary = next((s for s in self.comparison.summaries if s.article == article.id), None)
        meta = [article_date(article) or "no date"]
        if article.author:
            meta.append(f"by {clean(article.author)}")
        meta.append(counted(article_words(article), "word"))
        title = _esc(clean(article.display_title))
        if article.url and article.url.strip().lower().startswith(("http://", "https://")):
            title = f'<a href="{_attr(article.url.strip())}">{title}</a>'
        parts = [
            f'<section class="column" id="{_attr(letter)}">',
            '<header class="column-head">',
            (f'<p class="outlet"><span class="letter">{_esc(letter)}</span> '
             f"{_esc(clean(self.labels[article.id]))}</p>"),
            f'<h2 class="title">{title}</h2>',
            f'<p class="meta">{_esc(" · ".join(meta))}</p>',
        ]
        if summary is not None:
            counts = (f"{summary.shared} shared · {summary.exclusive} only here · "
                      f"{summary.conflicts} in conflicts · leaves out {len(summary.omitted)}")
            parts.append(f'<p class="counts">{_esc(counts)}</p>')
        body = nest_spans(article.text, self.spans_of(article), lexer_tokens(article.text), self.formatter)
        parts += ["</header>", f'<div class="text">{body}</div>', "</section>"]
        return "\n".join(parts)

    # -- the lists under the columns

    def legend(self) -> str:
        samples = [
            ('<mark class="fact claim all c0 first" data-n="1">shared by all</mark>',
             "a claim every source reports (stronger tint, solid underline)"),
            ('<mark class="fact claim several c1 first" data-n="2">shared by several</mark>',
             "reported by some sources (light tint); same colour and number = same fact"),
            ('<mark class="fact claim exclusive">only one source</mark>',
             "a claim only this source reports (not coloured; a faint dotted underline)"),
            ('<mark class="fact quote verbatim first" data-n="v1">word for word</mark>',
             "a passage copied word for word (double underline)"),
            ('<mark class="conflict first" data-n="≠">conflict</mark>',
             "a value other sources contradict (red wavy underline)"),
            ('<span class="boilerplate">boilerplate</span>',
             "promotion, bylines, widgets: not part of the comparison"),
        ]
        tokens = [(DATE, "July 20"), (QUANTITY, "fewer than 50 employees"),
                  (MONEY, "$721 million"), (PERCENT, "10%"), (NAME, "Gina Raimondo"),
                  (QUOTE_TOKEN, "“a quotation”")]
        token_html = " · ".join(pygments.format([t], self.formatter).rstrip("\n")
                                for t in tokens)
        items = "".join(f"<li>{sample} <span class=\"explain\">{_esc(explain)}</span></li>"
                        for sample, explain in samples)
        return ('<section class="legend" id="legend"><h2>Legend</h2>'
                f'<ul class="legend-list">{items}</ul>'
                f'<p class="tokens">Dates, numbers, money, percentages, names and quotations: '
                f"{token_html}</p>"
                "<p class=\"explain\">Hover a highlight to see which sources report it and "
                "in what words.</p></section>")

    def shared_list(self) -> str:
        facts = self.plan.shared_by_all + self.plan.shared_by_several
        apart = "".join(f'<p class="dismissed">{_esc(line)}</p>'  # the reader's judgement, said
                        for line in separation_lines(self.comparison, self.plan.letters))
        if not facts:
            return f'<section id="shared">{apart}</section>' if apart else ""
        rows = []
        for fact in sorted(facts, key=lambda f: int(self.numbers.get(f.id, "0") or 0)):
            number = self.numbers.get(fact.id, "")
            badge = (f'<mark class="{self.fact_classes(fact)} first swatch" '
                     f'data-n="{_attr(number)}">&#8203;</mark>')
            rows.append(f"<li>{badge} <b>{fact.sources}/{self.count}</b> "
                        f"<span class=\"who\">{_esc(self.letters(fact))}</span> "
                        f"{_esc(clean(fact.label))}"
                        + (' <span class="explain">(a link Parallax is less sure of)</span>' if fact.weak else "")
                        + "</li>")
        return (f'<section id="shared"><h2>Reported by several sources ({len(facts)})</h2>'
                f'<ul class="facts">{"".join(rows)}</ul>{apart}</section>')

    def conflicts_list(self) -> str:
        conflicts = self.comparison.conflicts
        # said, so a report never hides the reader's judgement
        dismissed = "".join(f'<p class="dismissed">Dismissed by the reader as no conflict: '
                            f"{_esc(clean(gone.label))}</p>" for gone in self.comparison.dismissed)
        if not conflicts:
            return ('<section id="conflicts"><h2>Conflicts</h2><p>No conflicting values found.</p>'
                    f"{dismissed}</section>")
        items = []
        for conflict in conflicts:
            severity = (f' <span class="severity">({_esc(conflict.severity)}'
                        f'{", less sure" if conflict.weak else ""})</span>' if conflict.severity else "")
            rows = []
            for m in conflict.mentions:
                if m.article not in self.articles:
                    continue
                context = mention_context(self.articles[m.article], m, 280)
                rows.append(f"<li><b>{_esc(self.who(m.article))}</b>: "
                            f'<span class="value">{_esc(clean(m.value or m.text))}</span> — '
                            f"“{_esc(context)}”</li>")
            items.append(f"<li><b>{_esc(clean(conflict.label) or 'Conflict')}</b>{severity}"
                         f"<ul>{''.join(rows)}</ul></li>")
        return (f'<section id="conflicts"><h2>Conflicts ({len(conflicts)})</h2>'
                f'<ul class="conflicts">{"".join(items)}</ul>{dismissed}</section>')

    def disagreement_lists(self) -> str:
        from desktop.core.interchange.report_disagreements import sections

        out = []
        for n, section in enumerate(sections(self.comparison)):
            ident = ("quotes", "attributions", "timeline")[n]
            if not section.items:
                out.append(f'<section id="{ident}"><h2>{_esc(section.title)}</h2><p>{_esc(section.empty)}</p>'
                           "</section>")
                continue
            rows = "".join(f"<li>{_esc(item.line)}" + (f"<ul>{''.join(f'<li>{_esc(s)}</li>' for s in item.sub)}</ul>"
                                                       if item.sub else "") + "</li>" for item in section.items)
            out.append(f'<section id="{ident}"><h2>{_esc(section.title)}</h2><ul>{rows}</ul></section>')
        return "".join(out)

    def verbatim_list(self) -> str:
        facts = self.plan.verbatim
        if not facts:
            return ""
        rows = [f'<li><b>{_esc(self.numbers.get(f.id, ""))}</b> “{_esc(clean(f.label))}” — '
                f'<span class="who">{_esc(", ".join(self.who(a) for a in f.articles))}</span></li>'
                for f in facts]
        return (f'<section id="verbatim"><h2>Copied word for word ({len(facts)})</h2>'
                f'<ul class="facts">{"".join(rows)}</ul></section>')

    def per_article_list(self, heading: str, facts_by_article: dict, empty: str) -> str:
        blocks = []
        for article in self.comparison.articles:
            facts = facts_by_article.get(article.id, ())
            body = ("".join(f"<li>{_esc(clean(f.label))}"
                            + (f' <span class="who">({f.sources}/{self.count}: '
                               f'{_esc(self.letters(f))})</span>' if f.sources > 1 else "")
                            + (' <span class="who">(possibly also in '
                               + _esc(", ".join(self.plan.letters.get(p.mention.article, "?") for p in f.possible))
                               + ")</span>" if f.possible else "")
                            + "</li>" for f in facts)
                    if facts else f'<li class="none">{_esc(empty)}</li>')
            blocks.append(f"<div><h3>{_esc(self.who(article.id))} ({len(facts)})</h3>"
                          f"<ul>{body}</ul></div>")
        return (f'<section><h2>{_esc(heading)}</h2>'
                f'<div class="per-article">{"".join(blocks)}</div></section>')

    # -- the page

    def css(self) -> str:
        palette = "\n".join(
            f".report mark.c{i} {{ background: rgba({r},{g},{b},{SEVERAL_TINT}); "
            f"--edge: rgb({int(r * .62)},{int(g * .62)},{int(b * .62)}); }}\n"
            f".report mark.all.c{i} {{ background: rgba({r},{g},{b},{ALL_TINT}); }}"
            for i, (r, g, b) in enumerate(PALETTE)
        )
        return _CSS + palette + "\n" + self.formatter.get_style_defs(".report") + "\n"

    def render(self) -> str:
        count = self.count
        heading = f"Comparison: {count} article{'s' if count != 1 else ''}"
        body: list[str] = [f"<h1>{_esc(heading)}</h1>"]
        if count < 2:
            body.append('<p class="note">Nothing to compare: add at least two articles about '
                        "the same event.</p>")
        if count:
            plan = self.plan
            exclusive = sum(len(v) for v in plan.exclusive.values())
            summary = " · ".join([
                _plural(len(plan.shared_by_all), "claim") + " shared by all",
                f"{len(plan.shared_by_several)} by several",
                _plural(len(self.comparison.conflicts), "conflict"),
                _plural(len(plan.verbatim), "passage") + " copied word for word",
                _plural(exclusive, "claim") + " in one source only",
            ])
            body.append(f'<p class="summary">{_esc(summary)}</p>')
            body.append(f'<div class="columns" style="--n: {count}">')
            body.extend(self.column(a) for a in self.comparison.articles)
            body.append("</div>")
        if count >= 2:
            body.append('<div class="lists">')
            body.append(self.legend())
            body.append(self.shared_list())
            body.append(self.conflicts_list())
            body.append(self.disagreement_lists())
            body.append(self.verbatim_list())
            body.append(self.per_article_list("Only one source", plan.exclusive,
                                              "Nothing only this source reports."))
            if self.comparison.summaries:
                body.append(self.per_article_list("What each source leaves out", plan.omitted,
                                                  "Nothing that most others report."))
            body.append("</div>")
        page_title = heading
        if count:
            page_title += " — " + clean(self.comparison.articles[0].display_title)[:80]
        return (
            "<!DOCTYPE html>\n"
            '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<meta name="generator" content="Parallax">\n'
            f"<title>{_esc(page_title)}</title>\n"
            f"<style>\n{self.css()}</style>\n</head>\n"
            '<body class="report">\n' + "\n".join(b for b in body if b) + "\n</body>\n</html>\n"
        )


_CSS = """\
.report { margin: 0; padding: 1rem 1.25rem 3rem; font: 15px/1.55 system-ui, -apple-system,
  "Segoe UI", Roboto, "Noto Sans", sans-serif; color: #1d1d1d; background: #ffffff; }
.report h1 { font-size: 1.35rem; margin: 0 0 .2rem; }
.report .summary, .report .note { color: #555; margin: 0 0 1rem; }
.report .columns { display: grid; grid-template-columns: repeat(var(--n), minmax(17rem, 1fr));
  gap: 1rem; overflow-x: auto; padding-bottom: .5rem; align-items: start; }
.report .column { border: 1px solid #d9d9d9; border-radius: 6px; background: #fcfcfc;
  min-width: 0; }
.report .column-head { padding: .6rem .8rem; border-bottom: 1px solid #e3e3e3;
  background: #f3f4f6; border-radius: 6px 6px 0 0; }
.report .outlet { margin: 0; font-weight: 600; color: #333; }
.report .letter { display: inline-block; min-width: 1.8em; padding: 0 .3em; margin-right: .2em;
  border-radius: 3px; background: #333; color: #fff; text-align: center; font-size: .85em; }
.report .title { font-size: 1rem; margin: .25rem 0; line-height: 1.3; }
.report .title a { color: inherit; }
.report .meta, .report .counts { margin: 0; font-size: .85em; color: #555; }
.report .text { padding: .6rem .8rem; white-space: pre-wrap; overflow-wrap: anywhere; }
.report mark { background: none; color: inherit; padding: 0 1px; border-radius: 2px;
  -webkit-box-decoration-break: clone; box-decoration-break: clone; }
.report mark.claim.all { text-decoration: underline solid var(--edge, #444); text-underline-offset: 3px; }
.report mark.claim.exclusive { border-bottom: 1px dotted #d0d0d0; }
.report mark.verbatim, .report mark.claim.verbatim { text-decoration: underline double #222; text-underline-offset: 3px; }
.report mark.conflict { text-decoration: underline wavy #c8102e; text-decoration-thickness: 1.5px;
  text-decoration-skip-ink: none; text-underline-offset: 3px; }
.report mark.first[data-n]::before { content: attr(data-n); font: 600 .62em/1 system-ui,
  sans-serif; vertical-align: super; margin-right: 2px; color: #767676; }
.report mark.conflict.first::before { color: #c8102e; }
.report mark.swatch { display: inline-block; min-width: 1.6em; }
.report .boilerplate { opacity: .45; }
.report .lists { max-width: 70rem; margin-top: 1.5rem; }
.report .lists h2 { font-size: 1.1rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; }
.report .lists h3 { font-size: .95rem; margin: .8rem 0 .3rem; }
.report .legend-list { list-style: none; padding: 0; margin: 0; }
.report .legend-list li { margin: .35rem 0; }
.report .explain, .report .who, .report .severity { color: #555; font-size: .9em; }
.report .value { font-weight: 600; color: #8c0a1f; }
.report ul.facts li, .report ul.conflicts > li { margin: .3rem 0; }
.report li.none { color: #777; list-style: none; font-style: italic; }
"""


def render_html(comparison: Comparison) -> str:
    """The comparison as one self-contained HTML page (inline CSS, no script)."""
    return _HtmlReport(comparison).render()

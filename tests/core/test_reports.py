"""The text, Markdown and HTML reports of a comparison (desktop.core.report_*)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from desktop.core.interchange.escaping import md_escape as _md_escape
from desktop.core.interchange.report_html import render_html
from desktop.core.interchange.report_markdown import render_markdown
from desktop.core.interchange.report_text import display_width, render_text
from desktop.core.interchange.reports import render
from desktop.core.matching.comparison import (
    CLAIM,
    DATE,
    NUMBER,
    QUOTE,
    ArticleSummaryFacts,
    Comparison,
    Conflict,
    Fact,
    Mention,
)
from desktop.core.models import Article, BoilerplateSpan

CORPUS = Path(__file__).resolve().parents[2] / "corpus"

PROMO = "Promo: subscribe now & save!\n"
TEXT_1 = (
    PROMO
    + "The ban takes effect on July 20, officials said. "
    "Fewer than 50 workers will lose their jobs. "
    "A reader wrote <script>alert('x')</script> & \"quoted\" text. "
    "The company said it was a sad and difficult decision for everyone involved."
)
TEXT_2 = (
    "The ban takes effect on Sept. 29, officials said.\r\n"
    "Less than 50 employees will be laid off. "
    "The company said it was a sad and difficult decision for everyone involved. "
    "Only here: the CEO resigned."
)
TEXT_3 = "Officials said the ban takes effect soon. Dozens of staff will be laid off."


def _article(article_id, text, **meta):
    meta.setdefault("title", None)
    meta.setdefault("source", None)
    return Article(
        id=article_id, author=meta.pop("author", None), published=meta.pop("published", None),
        url=meta.pop("url", None), origin=None, text=text, version=1, version_id=article_id,
        content_hash=f"hash{article_id}", word_count=len(text.split()), **meta)


def _m(article, text, phrase, value=None, occurrence=0):
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return Mention(article.id, start, start + len(phrase), phrase, value)


def _comparison() -> Comparison:
    promo = BoilerplateSpan(0, len(PROMO) - 1, "promo")
    a1 = _article(11, TEXT_1, title="Ban #1 *starts* | today", source="Daily_Wire",
                  published="2024-07-16T09:30:00", author="Jo <b>Smith</b>", boilerplate=(promo,))
    a2 = _article(22, TEXT_2, title="The ban, in `code` [link](x)", source="Pipe | Times",
                  published="2024-07-17")
    a3 = _article(33, TEXT_3, source=None)
    ban = Fact("claim-ban", CLAIM, "The ban takes effect on a date, officials said", (
        _m(a1, TEXT_1, "The ban takes effect on July 20, officials said."),
        _m(a2, TEXT_2, "The ban takes effect on Sept. 29, officials said."),
        _m(a3, TEXT_3, "Officials said the ban takes effect soon."),
    ))
    layoffs = Fact("claim-layoffs", CLAIM, "Fewer than 50 workers will lose their jobs.", (
        _m(a1, TEXT_1, "Fewer than 50 workers will lose their jobs."),
        _m(a2, TEXT_2, "Less than 50 employees will be laid off."),
    ))
    statement = Fact("claim-statement", CLAIM, "The company said it was a sad decision", (
        _m(a1, TEXT_1, "The company said it was a sad and difficult decision for everyone involved."),
        _m(a2, TEXT_2, "The company said it was a sad and difficult decision for everyone involved."),
    ), verbatim=True)
    quote = Fact("quote-sad", QUOTE, "a sad and difficult decision for everyone involved", (
        _m(a1, TEXT_1, "a sad and difficult decision for everyone involved"),
        _m(a2, TEXT_2, "a sad and difficult decision for everyone involved"),
    ), verbatim=True)
    script = Fact("claim-script", CLAIM, "A reader wrote <script>alert('x')</script> & \"quoted\"", (
        _m(a1, TEXT_1, "A reader wrote <script>alert('x')</script> & \"quoted\" text."),
    ))
    # Starts inside the boilerplate and ends in the article: only the article part is marked.
    straddle = Fact("claim-straddle", CLAIM, "save! The ban", (
        Mention(a1.id, TEXT_1.index("save!"), TEXT_1.index(" takes effect on July"), "save!\nThe ban"),
    ))
    ceo = Fact("claim-ceo", CLAIM, "Only here: the CEO resigned.", (
        _m(a2, TEXT_2, "Only here: the CEO resigned."),))
    dozens = Fact("claim-dozens", CLAIM, "Dozens of staff will be laid off.", (
        _m(a3, TEXT_3, "Dozens of staff will be laid off."),))
    date = Fact("date-0720", DATE, "July 20", (_m(a1, TEXT_1, "July 20", "2024-07-20"),))
    fifty = Fact("number-50", NUMBER, "fewer than 50 employees", (
        _m(a1, TEXT_1, "Fewer than 50 workers", "[0, 50) employee"),
        _m(a2, TEXT_2, "Less than 50 employees", "[0, 50) employee"),
    ))
    when = Conflict("conflict-when", "When the ban takes effect", (
        _m(a1, TEXT_1, "July 20", "2024-07-20"),
        _m(a2, TEXT_2, "Sept. 29", "2024-09-29"),
    ), kind="date", weak=True)
    staff = Conflict("conflict-staff", "How many are laid off", (
        _m(a1, TEXT_1, "Fewer than 50 workers", "[0, 50) employee"),
        _m(a3, TEXT_3, "Dozens of staff", "[24, 100) employee"),
    ), kind="number", severity="discrepancy")
    summaries = (
        ArticleSummaryFacts(a1.id, shared=4, exclusive=2, conflicts=2),
        ArticleSummaryFacts(a2.id, shared=4, exclusive=1, conflicts=1),
        ArticleSummaryFacts(a3.id, shared=1, exclusive=1, conflicts=1,
                            omitted=("claim-layoffs", "claim-statement")),
    )
    return Comparison(
        articles=(a1, a2, a3),
        facts=(ban, layoffs, statement, quote, script, straddle, ceo, dozens, date, fifty),
        conflicts=(when, staff),
        summaries=summaries,
        timings={"total": 0.1},
    )


@pytest.fixture
def comparison() -> Comparison:
    return _comparison()


# ----------------------------------------------------------------------------- text


def test_text_lists_articles_and_sections(comparison):
    out = render_text(comparison)
    for heading in ("Shared by all 3 (1)", "Shared by several (2)", "Conflicts (2)",
                    "Verbatim passages (1)", "Only one source", "Dates, numbers and names (1)",
                    "Leaves out"):
        assert heading in out
    assert "A1  Daily_Wire" in out and "2024-07-16" in out and "09:30" not in out
    assert "A2  Pipe | Times" in out
    assert re.search(r"A3  —\s+no date\s+\S", out)  # a dash, never "Unknown outlet": the headline follows
    assert "Unknown outlet" not in out
    assert "3/3  A1 A2 A3  The ban takes effect on a date, officials said" in out
    assert "2/3  A1 A2 .   Fewer than 50 workers will lose their jobs." in out
    assert "[verbatim]" in out


def test_text_shows_every_shared_label(comparison):
    out = " ".join(render_text(comparison, width=200).split())
    for fact in comparison.facts:
        if fact.sources >= 2:
            assert " ".join(fact.label.split()) in out


def test_text_conflicts_show_letter_value_and_quote(comparison):
    out = render_text(comparison)
    block = out.split("Conflicts (2)")[1].split("Verbatim passages")[0]
    assert "When the ban takes effect" in block
    assert re.search(r"A1\s+2024-07-20\s+“The ban takes effect on July 20, officials said.”", block)
    assert re.search(r"A2\s+2024-09-29\s+“The ban takes effect on Sept. 29, officials said.”", block)
    assert "How many are laid off  [discrepancy]" in block
    assert "When the ban takes effect  [contradiction, less sure]" in block  # a conflict to check
    assert "· 2 conflicts (1 less sure) ·" in out
    assert re.search(r"A3\s+\[24, 100\) employee\s+“Dozens of staff", block)


def test_text_leaves_out_uses_summaries(comparison):
    block = render_text(comparison).split("Leaves out")[1]
    assert re.search(r"A3  \S", block) and "A3  —" not in block  # no outlet: the headline names it
    assert "Fewer than 50 workers will lose their jobs." in block
    assert "A1  Daily_Wire" not in block


@pytest.mark.parametrize("width", [40, 60, 100, 140])
def test_text_fits_width_and_is_plain(comparison, width):
    out = render_text(comparison, width=width)
    assert all(display_width(line) <= width for line in out.splitlines())
    assert "\x1b" not in out
    assert not any(line != line.rstrip() for line in out.splitlines())


def test_text_caps_exclusive_claims():
    text = " ".join(f"Claim number {i} is here." for i in range(14))
    a1, a2 = _article(1, text), _article(2, "Nothing.")
    facts = tuple(Fact(f"claim-{i}", CLAIM, f"Claim number {i} is here.",
                       (_m(a1, text, f"Claim number {i} is here."),)) for i in range(14))
    out = render_text(Comparison((a1, a2), facts, ()))
    assert "Claim number 9 is here." in out
    assert "Claim number 10 is here." not in out
    assert "… and 4 more" in out


def test_text_strips_control_characters():
    a1 = _article(1, "Evil \x1b[31mred\x1b[0m text.", title="Title\x1b[2J")
    a2 = _article(2, "Other text.")
    fact = Fact("claim-x", CLAIM, "Evil \x1b[31mred", (Mention(1, 0, 8, "Evil"), Mention(2, 0, 5, "Other")))
    out = render_text(Comparison((a1, a2), (fact,), ()))
    assert "\x1b" not in out


# ------------------------------------------------------------------------- markdown


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("plain words", "plain words"),
        ("# not a heading", r"\# not a heading"),
        ("> not a quote", r"\> not a quote"),
        ("- not an item", r"\- not an item"),
        ("2017. Not a list", r"2017\. Not a list"),
        ("a | b", r"a \| b"),
        ("*bold* and _em_", r"\*bold\* and \_em\_"),
        ("[link](http://x)", r"\[link\](http://x)"),
        ("`code`", r"\`code\`"),
        ("<script>", r"\<script\>"),
        ("$721 million and $5", r"\$721 million and \$5"),
        ("back\\slash", r"back\\slash"),
        ("AT&T and &amp;", r"AT&T and \&amp;"),
        ("line one\nline two\r\n\tthree", "line one line two three"),
        (None, ""),
    ],
)
def test_md_escape(raw, escaped):
    assert _md_escape(raw) == escaped


def _table_rows(md: str) -> list[str]:
    return [line for line in md.splitlines() if line.startswith("|")]


def _cells(row: str) -> list[str]:
    return re.split(r"(?<!\\)\|", row)[1:-1]


def test_markdown_sources_table(comparison):
    md = render_markdown(comparison)
    assert md.startswith("# Comparison: 3 articles\n")
    rows = _table_rows(md)
    assert len(rows) == 2 + len(comparison.articles)
    assert rows[0] == "| | Outlet | Title | Date | Words |"
    assert all(len(_cells(row)) == 5 for row in rows)
    assert r"| A1 | Daily\_Wire | Ban #1 \*starts\* \| today | 2024-07-16 |" in md
    assert r"Pipe \| Times" in md and r"The ban, in \`code\` \[link\](x)" in md
    # words exclude the active boilerplate
    assert rows[2].endswith(f"| {len(TEXT_1[len(PROMO):].split())} |")


def test_markdown_sections_and_conflicts(comparison):
    md = render_markdown(comparison)
    headings = [line.split(" (")[0] for line in md.splitlines() if line.startswith("## ")]
    assert headings == [
        "## What all sources agree on", "## Reported by several", "## Conflicts", "## Quotes",
        "## Who cites whom", "## Timeline", "## Copied word for word", "## Dates, numbers and names",
        "## Only one source", "## What each source leaves out",
    ]
    assert "- The ban takes effect on a date, officials said" in md
    assert "- **2/3 · A1, A2**: Fewer than 50 workers will lose their jobs." in md
    assert "- **When the ban takes effect** (contradiction, less sure)" in md
    assert "- **How many are laid off** (discrepancy)" in md
    assert "  - **A1 (Daily\\_Wire)**: 2024-07-20 — “The ban takes effect on July 20, officials said.”" in md
    assert "  - **A2 (Pipe \\| Times)**: 2024-09-29 — “The ban takes effect on Sept. 29" in md
    assert "“a sad and difficult decision for everyone involved” — A1 (Daily\\_Wire), A2 (Pipe \\| Times)" in md
    only = md.split("## Only one source")[1].split("## What each")[0]
    assert only.count("### ") == 3
    assert "- A reader wrote \\<script\\>alert('x')\\</script\\> & \"quoted\"" in md
    assert "<script>" not in md


def test_markdown_no_line_breaks_inside_items(comparison):
    md = render_markdown(comparison)
    assert "save!\nThe ban" not in md
    assert "\r" not in md


# ----------------------------------------------------------------------------- html

VOID = {"meta", "br", "hr", "img", "input", "link", "wbr", "col", "area", "base", "source"}


class _Checker(HTMLParser):
    """Checks nesting, and collects each mark's text and each column's text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.errors: list[str] = []
        self.mark_opens = self.mark_closes = 0
        self.marks: dict[tuple, list[str]] = {}  # (column, fact, span) -> text pieces
        self.mark_classes: dict[tuple, str] = {}
        self.columns: dict[str, list[str]] = {}
        self.boilerplate: list[str] = []
        self.column = None
        self.in_text = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in VOID:
            return
        if tag == "section" and attrs.get("class") == "column":
            self.column = attrs["id"]
        if tag == "div" and attrs.get("class") == "text":
            self.in_text = len(self.stack) + 1
            self.columns[self.column] = []
        if tag == "mark":
            self.mark_opens += 1
            if self.in_text:
                key = (self.column, attrs["data-fact"], attrs["data-span"])
                self.marks.setdefault(key, [])
                self.mark_classes[key] = attrs["class"]
        if tag == "span" and attrs.get("class") == "boilerplate" and self.in_text:
            if any(t == "mark" for t, _ in self.stack):
                self.errors.append("boilerplate inside a mark")
            self.boilerplate.append("")
        self.stack.append((tag, attrs))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1][0] if self.stack else None}")
            return
        if tag == "mark":
            self.mark_closes += 1
        self.stack.pop()
        if self.in_text and len(self.stack) < self.in_text:
            self.in_text = 0

    def handle_data(self, data):
        if not self.in_text:
            return
        self.columns[self.column].append(data)
        for tag, attrs in self.stack:
            if tag == "mark":
                self.marks[(self.column, attrs["data-fact"], attrs["data-span"])].append(data)
            if tag == "span" and attrs.get("class") == "boilerplate":
                self.boilerplate[-1] += data


def _check(page: str) -> _Checker:
    checker = _Checker()
    checker.feed(page)
    checker.close()
    assert checker.errors == []
    assert [t for t, _ in checker.stack] == []
    assert checker.mark_opens == checker.mark_closes
    return checker


def test_html_is_self_contained(comparison):
    page = render_html(comparison)
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in page
    assert "<title>Comparison: 3 articles" in page
    assert "<script" not in page.lower()
    assert "<link" not in page and " src=" not in page and "url(" not in page
    assert ".report .tok-" in page  # the Pygments formatter's CSS


def test_html_nests_marks_and_keeps_every_character(comparison):
    checker = _check(render_html(comparison))
    letters = {"A1": comparison.articles[0], "A2": comparison.articles[1],
               "A3": comparison.articles[2]}
    for letter, article in letters.items():
        assert "".join(checker.columns[letter]) == article.text
    assert checker.mark_opens > 10


def test_html_mark_text_equals_article_slice(comparison):
    checker = _check(render_html(comparison))
    letters = {f"A{i}": a for i, a in enumerate(comparison.articles, 1)}
    assert checker.marks
    for (letter, fact_id, span), pieces in checker.marks.items():
        article = letters[letter]
        start, end = map(int, span.split("-"))
        promo_end = len(PROMO) - 1 if article.boilerplate else 0
        expected = article.text[max(start, promo_end):end].strip()
        assert "".join(pieces) == expected, (letter, fact_id)
    # the conflict inside the "ban" claim and the quote inside the statement are marked
    keys = {(letter, fact) for letter, fact, _ in checker.marks}
    assert {("A1", "conflict-when"), ("A2", "conflict-when"), ("A1", "claim-ban"),
            ("A1", "quote-sad"), ("A2", "claim-statement")} <= keys
    # atomic facts are left to the lexer's tokens
    assert not any(fact.startswith(("date-", "number-")) for _, fact, _ in checker.marks)


def test_html_classes_per_kind(comparison):
    checker = _check(render_html(comparison))
    classes = {fact: cls for (_, fact, _), cls in checker.mark_classes.items()}
    assert "all" in classes["claim-ban"].split()
    assert "several" in classes["claim-layoffs"].split()
    assert "exclusive" in classes["claim-ceo"].split()
    assert "verbatim" in classes["quote-sad"].split()
    assert classes["conflict-when"].split()[0] == "conflict"
    page = render_html(comparison)
    assert "underline wavy" in page and "underline double" in page
    assert "dotted" in page and "opacity: .45" in page


def _css_rules(page: str) -> dict[str, str]:
    """Selector -> declarations of the page's inline style sheet."""
    css = page.split("<style>", 1)[1].split("</style>", 1)[0]
    return {selector.strip(): body for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css)}


def _grey_level(colour: str) -> int:
    value = colour.lstrip("#")
    return min(int(value[i:i + 2], 16) for i in (0, 2, 4))


def test_html_tints_only_shared_facts_and_marks_exclusives_faintly(comparison):
    """The window's restraint: colour means "several sources say this"; a claim only one source
    makes gets no colour, only a faint dotted line; conflicts keep their red wavy underline."""
    page = render_html(comparison)
    rules = _css_rules(page)
    exclusive = rules[".report mark.claim.exclusive"]
    assert "background" not in exclusive
    line = re.search(r"dotted (#[0-9a-fA-F]{6})", exclusive)
    assert line and _grey_level(line.group(1)) >= 0xC0  # light grey on white: faint
    tinted = {sel for sel, body in rules.items() if sel.startswith(".report mark") and "background: rgba" in body}
    assert tinted and all(re.fullmatch(r"\.report mark(\.all)?\.c\d", sel) for sel in tinted)
    alpha = {sel: float(re.search(r"rgba\([^)]*,([.\d]+)\)", rules[sel]).group(1)) for sel in tinted}
    assert alpha[".report mark.all.c0"] > alpha[".report mark.c0"]  # "all" reads stronger than "several"
    assert "underline wavy #c8102e" in rules[".report mark.conflict"]
    # the lexer's tokens are not coloured: only the marks carry colour
    token_rules = [body for sel, body in rules.items() if ".tok-" in sel]
    assert token_rules and not any("color" in body for body in token_rules)
    # the exclusive claims are still marked (their tooltip says who reports them), without a colour class
    checker = _check(page)
    classes = {fact: cls.split() for (_, fact, _), cls in checker.mark_classes.items()}
    assert not any(c.startswith("c") and c[1:].isdigit() for c in classes["claim-ceo"])
    assert any(c.startswith("c") and c[1:].isdigit() for c in classes["claim-layoffs"])


def test_html_names_an_unknown_outlet_by_its_first_words(comparison):
    page = render_html(comparison)
    assert "Unknown outlet" not in page
    assert '<span class="letter">A3</span> Officials said the…</p>' in page
    assert "A3 (Officials said the…)" in page  # in the lists and tooltips too
    assert "A3 (Officials said the…)" in render_markdown(comparison)  # as in the Markdown report's lists


def test_html_conflict_title_lists_values(comparison):
    page = render_html(comparison)
    match = re.search(r'<mark class="conflict first" data-fact="conflict-when"[^>]*title="([^"]*)"', page)
    assert match
    title = match.group(1)
    assert "When the ban takes effect" in title
    assert "A1 (Daily_Wire): 2024-07-20" in title and "A2 (Pipe | Times): 2024-09-29" in title
    section = page.split('<section id="conflicts">')[1].split("</section>")[0]
    assert '<b>When the ban takes effect</b> <span class="severity">(contradiction, less sure)</span>' in section
    assert '<b>How many are laid off</b> <span class="severity">(discrepancy)</span>' in section


def test_html_escapes_user_text(comparison):
    page = render_html(comparison)
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(" in page
    assert "Jo &lt;b&gt;Smith&lt;/b&gt;" in page
    # attribute values stay inside their quotes
    assert 'title="Only A1 reports this"' in page
    for match in re.finditer(r'title="([^"]*)"', page):
        assert "<" not in match.group(1) and ">" not in match.group(1)


def test_html_boilerplate_is_dimmed_not_marked(comparison):
    checker = _check(render_html(comparison))
    assert checker.boilerplate == [PROMO[:-1]]
    # the claim that starts inside the promo is marked only from the article text on
    straddle = [("".join(p)) for (letter, fact, _), p in checker.marks.items()
                if fact == "claim-straddle"]
    assert straddle == ["The ban"]


def test_html_partial_overlaps_reopen_marks():
    text = "alpha beta gamma delta epsilon"
    a1, a2 = _article(1, text), _article(2, text)
    first = Fact("claim-first", CLAIM, "alpha beta gamma",
                 (Mention(1, 0, 16, text[0:16]), Mention(2, 0, 16, text[0:16])))
    second = Fact("claim-second", CLAIM, "gamma delta epsilon",
                  (Mention(1, 11, 30, text[11:30]), Mention(2, 6, 22, text[6:22])))
    page = render_html(Comparison((a1, a2), (first, second), ()))
    checker = _check(page)
    joined = {key[:2]: "".join(p) for key, p in checker.marks.items()}
    assert joined[("A1", "claim-first")] == "alpha beta gamma"
    assert joined[("A1", "claim-second")] == "gamma delta epsilon"
    assert joined[("A2", "claim-second")] == "beta gamma delta"
    # the badge is shown once per mention, on its first piece
    assert page.count('data-fact="claim-second" data-span="11-30"') == 2
    assert len(re.findall(r'class="[^"]*first"[^>]*data-fact="claim-second" data-span="11-30"',
                          page)) == 1


def test_html_uses_pygments_tokens(comparison):
    page = render_html(comparison)
    assert '<span class="tok-ld">July 20</span>' in page
    assert "tok-m-Quantity" in page or "tok-m tok-m-Quantity" in page


def test_html_many_articles_scroll(comparison):
    page = render_html(comparison)
    assert "overflow-x: auto" in page and "--n: 3" in page


# ---------------------------------------------------------------------- all formats


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_deterministic(fmt):
    assert render(_comparison(), fmt) == render(_comparison(), fmt)


@pytest.mark.parametrize("count", [0, 1])
@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_nothing_to_compare(fmt, count):
    articles = tuple(_article(i, "Just one article.") for i in range(1, count + 1))
    out = render(Comparison(articles, (), ()), fmt)
    assert "Nothing to compare" in out
    if fmt == "html":
        _check(out)


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_out_of_range_mentions_do_not_crash(fmt):
    a1, a2 = _article(1, "Short."), _article(2, "Tiny.")
    fact = Fact("claim-bad", CLAIM, "bad", (Mention(1, 3, 999, "x"), Mention(2, 5, 2, "y"),
                                             Mention(7, 0, 3, "unknown article")))
    conflict = Conflict("conflict-bad", "Bad", (Mention(1, -5, 2, "Sh", "a"), Mention(9, 0, 1, "?", "b")))
    out = render(Comparison((a1, a2), (fact,), (conflict,)), fmt)
    if fmt == "html":
        _check(out)


def _bundled_comparison():
    compare = pytest.importorskip("desktop.core.matching.compare").compare
    from desktop.core.library import open_library

    store = open_library(memory=True)
    try:
        story = store.stories()[0]
        articles = [store.article(i) for i in story.article_ids]
    finally:
        store.close()
    return compare(articles)


def test_bundled_story_in_all_formats():
    comparison = _bundled_comparison()
    assert len(comparison.articles) == 5
    text = render_text(comparison)
    md = render_markdown(comparison)
    page = render_html(comparison)
    for out in (text, md, page):
        assert "fewer than 50" in out.lower()
        assert "Bitdefender" in out
    assert "Shared by all 5" in text and "A5" in text
    assert "# Comparison: 5 articles" in md and len(_table_rows(md)) == 7
    checker = _check(page)
    for i, article in enumerate(comparison.articles, 1):
        assert "".join(checker.columns[f"A{i}"]) == article.text
    assert "July 20" in page and "Sept. 29" in page


def test_every_report_says_which_shared_claims_are_less_sure_links():
    from dataclasses import replace

    base = _comparison()
    facts = tuple(replace(f, score=0.5) if f.id == "claim-layoffs" else f for f in base.facts)
    comparison = replace(base, facts=facts)
    assert [f.id for f in comparison.facts if f.weak] == ["claim-layoffs"]
    markdown = render_markdown(comparison)
    lines = [line for line in markdown.splitlines()
             if line.startswith("- **2/3") and "Fewer than 50 workers will lose their jobs" in line]
    assert lines and all("less sure" in line for line in lines)
    assert all("Fewer than 50 workers" in line for line in markdown.splitlines() if "less sure of" in line)
    text = render_text(comparison)
    assert any("Fewer than 50 workers" in line and "[less sure]" in line for line in text.splitlines())
    html_report = render_html(comparison)
    row = next(item for item in html_report.split("<li>") if "Fewer than 50 workers will lose their jobs" in item
               and "/3</b>" in item)
    assert "less sure" in row
    # and nothing says it of a sure link
    assert "less sure" not in render_markdown(base).split("## Conflicts")[0]

"""Fact highlights: what a reader sees in the panes for the bundled story's real comparison."""

from __future__ import annotations

import random
import time
from collections import Counter
from dataclasses import replace

import pytest
from PySide6.QtGui import QColor, QPalette, QTextCharFormat, QTextDocument

from desktop.core.library import open_library
from desktop.core.matching.compare import compare
from desktop.core.matching.comparison import Comparison, Conflict, Fact, Mention
from desktop.core.models import Article
from desktop.ui.compare.fact_highlights import (
    AGREEMENT_PROPERTY,
    ALL,
    CONFLICT,
    FACT_ID_PROPERTY,
    MIN_TEXT_CONTRAST,
    ONE,
    SEVERAL,
    FactPalette,
    FactSpans,
    blend,
    build_selections,
    contrast_ratio,
    fact_tooltip,
    legend_entries,
)
from desktop.ui.compare.offsets import OffsetMap
from desktop.ui.compare.reading_pane import ArticleTextView, ReadingStyle

Underline = QTextCharFormat.UnderlineStyle


@pytest.fixture(scope="module")
def story():
    store = open_library(memory=True)
    articles = [store.article(a) for a in store.stories()[0].article_ids]
    store.close()
    return articles, compare(articles)


#: One closing sentence per article, worded five ways (none copies another), so the story has a
#: claim reported by all. The bundled headline claim is worded five ways too but is not yet linked
#: in all five (issue 12's closing note); rendering full agreement must not wait for that.
AGREED = (
    "Kaspersky will shut its Woburn office in Massachusetts on December 31, ending 20 years of American operations.",
    "The Woburn, Massachusetts office of Kaspersky shuts on December 31 after 20 years of American operations.",
    "On December 31 Kaspersky shuts the Woburn office in Massachusetts, ending its 20 years of American operations.",
    "Its Woburn office in Massachusetts will be shut on December 31, closing 20 years of Kaspersky's American operations.",
    "Kaspersky's 20 years of American operations end on December 31, when the Woburn, Massachusetts office shuts.",
)


@pytest.fixture(scope="module")
def agreeing(story):
    articles, _comparison = story
    extended = [replace(a, text=a.text.rstrip() + "\n\n" + extra) for a, extra in zip(articles, AGREED)]
    return extended, compare(extended)


def reported_by_all(comparison, articles):
    return next(f for f in comparison.facts if f.kind == "claim" and f.sources == len(articles))


def make_panes(qtbot, story):
    articles, comparison = story
    palette = FactPalette()
    views = {}
    for article in articles:
        view = ArticleTextView()
        qtbot.addWidget(view)
        view.resize(520, 800)
        view.show_article(article, ReadingStyle())
        view.setExtraSelections(build_selections(view.offsets, view.document(), article.id, comparison, palette))
        views[article.id] = view
    return views


@pytest.fixture
def panes(qtbot, story):
    """One ArticleTextView per article with its fact highlights, as the comparison view shows them."""
    return make_panes(qtbot, story)


@pytest.fixture
def agreeing_panes(qtbot, agreeing):
    return make_panes(qtbot, agreeing)


def fact_id(selection) -> str:
    return selection.format.property(FACT_ID_PROPERTY)


def format_of(selection) -> QTextCharFormat:
    """A copy: ``selection.format`` lives only as long as the selection wrapper."""
    return QTextCharFormat(selection.format)


def selections_of(view, fid: str) -> list:
    return [s for s in view.extraSelections() if fact_id(s) == fid]


def shown(selection) -> str:
    return selection.cursor.selectedText().replace("\u2029", "\n")


def names_of(articles) -> dict[int, str]:
    return {a.id: f"A{a.id} · {a.display_source}" for a in articles}


def plain(rich: str) -> str:
    document = QTextDocument()
    document.setHtml(rich)
    return document.toPlainText()


# ------------------------------------------------------------------ selections


def test_every_selection_selects_exactly_its_mention(story, panes):
    articles, comparison = story
    spans = FactSpans(comparison)
    total = 0
    for article in articles:
        selections = panes[article.id].extraSelections()
        order = spans.paint_order(article.id)
        assert len(selections) == len(order) > 0
        for selection, span in zip(selections, order):
            assert fact_id(selection) == span.id
            assert shown(selection) == article.text[span.start:span.end]
            total += 1
    # every highlighted mention of the comparison is there, by its own text
    mentions = Counter()
    for item in [f for f in comparison.facts if f.kind in ("claim", "quote")] + list(comparison.conflicts):
        for m in item.mentions:
            mentions[(m.article, item.id, m.text)] += 1
    seen = Counter((a.id, fact_id(s), shown(s)) for a in articles for s in panes[a.id].extraSelections())
    assert seen == mentions and total == sum(mentions.values())


def test_atomic_facts_are_not_highlighted_but_conflicts_are(story, panes):
    _articles, comparison = story
    ids = {fact_id(s) for view in panes.values() for s in view.extraSelections()}
    atomic = {f.id for f in comparison.facts if f.kind not in ("claim", "quote")}
    assert atomic and not ids & atomic
    assert {c.id for c in comparison.conflicts} <= ids


def test_a_shared_fact_has_the_same_colour_in_every_pane(story, panes):
    _articles, comparison = story
    shared = [f for f in comparison.facts if f.kind in ("claim", "quote") and f.sources >= 2]
    assert len(shared) >= 2
    hues = {FactPalette().colour_for(i).rgb() for i in range(6)}
    colours = []
    for fact in shared:
        backgrounds = {
            s.format.background().color().rgba()
            for article in fact.articles
            for s in selections_of(panes[article], fact.id)
        }
        assert len(backgrounds) == 1, fact.label  # same colour and strength in every pane
        colour = QColor.fromRgba(backgrounds.pop())
        assert QColor(colour.red(), colour.green(), colour.blue()).rgb() in hues
        colours.append(colour.rgb())
    assert colours[0] != colours[1]  # neighbouring facts are told apart


def test_agreement_is_shown_by_strength_and_underline_not_only_colour(agreeing, agreeing_panes):
    articles, comparison = agreeing
    panes = agreeing_panes
    everyone = reported_by_all(comparison, articles)
    several = next(f for f in comparison.facts
                   if f.kind == "claim" and 1 < f.sources < len(articles) and not f.verbatim and not f.weak)
    fmt_all = format_of(selections_of(panes[everyone.articles[0]], everyone.id)[0])
    fmt_several = format_of(selections_of(panes[several.articles[0]], several.id)[0])
    assert fmt_all.property(AGREEMENT_PROPERTY) == ALL and fmt_several.property(AGREEMENT_PROPERTY) == SEVERAL
    assert fmt_all.underlineStyle() == Underline.SingleUnderline
    assert fmt_several.underlineStyle() == Underline.NoUnderline
    assert fmt_all.background().color().alphaF() > fmt_several.background().color().alphaF() + 0.1
    for fmt in (fmt_all, fmt_several):  # highlighting never reflows the text
        assert not fmt.hasProperty(QTextCharFormat.Property.FontWeight)
        assert not fmt.hasProperty(QTextCharFormat.Property.FontPointSize)


def test_conflict_mentions_have_a_red_wavy_underline(story, panes):
    _articles, comparison = story
    conflict = next(c for c in comparison.conflicts if any(m.text == "Sept. 29" for m in c.mentions))
    assert conflict.weak  # a date given outside one aligned fact: a conflict to check
    selection = next(s for s in selections_of(panes[2], conflict.id) if shown(s) == "Sept. 29")
    fmt = format_of(selection)
    assert fmt.underlineStyle() == Underline.WaveUnderline
    red = fmt.underlineColor()
    assert red.red() > 180 and red.green() < 80 and red.blue() < 80
    assert not fmt.hasProperty(QTextCharFormat.Property.BackgroundBrush)  # less sure: the underline only
    # painted on top of the claim around it
    order = [(fact_id(s), shown(s)) for s in panes[2].extraSelections()]
    claim = next(i for i, (fid, text) in enumerate(order) if fid.startswith("claim") and "Sept. 29" in text)
    assert order.index((conflict.id, "Sept. 29")) > claim


def test_a_sure_conflict_has_a_faint_background_too(story, panes):
    _articles, comparison = story
    conflict = next(c for c in comparison.conflicts if c.slot == "Employees affected")
    assert not conflict.weak and conflict.severity == "precision"
    article = next(m.article for m in conflict.mentions)
    fmt = format_of(selections_of(panes[article], conflict.id)[0])
    assert fmt.underlineStyle() == Underline.DotLine  # a difference in precision: amber dots
    background = fmt.background().color()
    assert 0 < background.alphaF() < 0.3 and background.red() > background.blue()


def test_exclusive_claims_are_dotted_grey_without_background(story, panes):
    _articles, comparison = story
    exclusive = [f for f in comparison.facts if f.kind == "claim" and f.sources == 1]
    assert exclusive
    for fact in exclusive:
        for selection in selections_of(panes[fact.articles[0]], fact.id):
            fmt = selection.format
            assert fmt.property(AGREEMENT_PROPERTY) == ONE
            assert not fmt.hasProperty(QTextCharFormat.Property.BackgroundBrush)
            assert fmt.underlineStyle() == Underline.DotLine
            grey = fmt.underlineColor()
            assert grey.red() == grey.green() == grey.blue()


def test_verbatim_passages_have_a_dashed_underline(story, panes):
    _articles, comparison = story
    verbatim = [f for f in comparison.facts if f.verbatim and f.sources > 1]
    assert verbatim
    for fact in verbatim:
        for article in fact.articles:
            for selection in selections_of(panes[article], fact.id):
                assert selection.format.underlineStyle() == Underline.DashUnderline
                assert selection.format.hasProperty(QTextCharFormat.Property.BackgroundBrush)


def test_larger_spans_are_painted_first(story, panes):
    articles, _comparison = story
    for article in articles:
        seen_conflict = False
        lengths = []
        for selection in panes[article.id].extraSelections():
            is_conflict = selection.format.property(AGREEMENT_PROPERTY) == CONFLICT
            assert is_conflict or not seen_conflict  # conflicts come last, on top
            seen_conflict |= is_conflict
            if not is_conflict:
                lengths.append(selection.cursor.selectionEnd() - selection.cursor.selectionStart())
        assert lengths == sorted(lengths, reverse=True)


def test_visible_filter_removes_hidden_facts(qtbot, story, panes):
    _articles, comparison = story
    palette = FactPalette()
    view = panes[2]
    everything = build_selections(view.offsets, view.document(), 2, comparison, palette)
    conflict_ids = {c.id for c in comparison.conflicts}
    without_conflicts = {fact_id(s) for s in everything} - conflict_ids
    filtered = build_selections(view.offsets, view.document(), 2, comparison, palette, visible=without_conflicts)
    assert {fact_id(s) for s in filtered} == without_conflicts
    assert len(filtered) == len(everything) - sum(
        1 for c in comparison.conflicts for m in c.mentions if m.article == 2)
    view.setExtraSelections(filtered)
    assert not any(fact_id(s) in conflict_ids for s in view.extraSelections())
    assert build_selections(view.offsets, view.document(), 2, comparison, palette, visible=set()) == []


def test_building_leaves_the_document_untouched(story, qtbot):
    articles, comparison = story
    view = ArticleTextView()
    qtbot.addWidget(view)
    view.show_article(articles[1], ReadingStyle())
    document = view.document()
    heard = []
    document.contentsChanged.connect(lambda: heard.append("contentsChanged"))
    document.contentsChange.connect(lambda *args: heard.append(args))
    steps, modified = document.availableUndoSteps(), document.isModified()
    selections = build_selections(view.offsets, document, articles[1].id, comparison, FactPalette())
    assert selections and heard == [] and document.isModified() == modified
    assert document.availableUndoSteps() == steps and document.toPlainText() == articles[1].text.replace("\r\n", "\n")


def test_highlights_are_painted_where_the_facts_are(agreeing, agreeing_panes):
    """Look at the pane as a reader does: the most common colour behind a fact reported by
    all is its tinted background; behind an exclusive claim it is the page."""
    articles, comparison = agreeing
    panes = agreeing_panes
    palette = FactPalette()
    everyone = reported_by_all(comparison, articles)
    article = everyone.articles[0]
    view = panes[article]
    view.show()
    selection = selections_of(view, everyone.id)[0]
    fmt = format_of(selection)
    view.scroll_to_position(selection.cursor.selectionStart())
    image = view.viewport().grab().toImage()

    def dominant(start: int, end: int) -> QColor:
        cursor = view.cursor_for_span(start, end)
        cursor.setPosition(cursor.selectionStart())
        rect = view.cursorRect(cursor)
        counts = Counter(
            image.pixelColor(x, y).rgb()
            for x in range(rect.left() + 2, min(image.width(), rect.left() + 120))
            for y in range(rect.top(), rect.bottom())
        )
        return QColor.fromRgb(counts.most_common(1)[0][0])

    mention = next(m for m in everyone.mentions if m.article == article)
    page = view.palette().color(QPalette.ColorRole.Base)
    expected = blend(fmt.background().color(), page)

    def near(a: QColor, b: QColor) -> bool:
        return max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue())) <= 4

    seen = dominant(mention.start, mention.end)
    assert near(seen, expected), (seen.name(), expected.name())
    exclusive = next(f for f in comparison.facts if f.kind == "claim" and f.sources == 1 and f.articles == (article,))
    mention = exclusive.mentions[0]
    view.scroll_to_position(view.offsets.to_qt(mention.start))
    image = view.viewport().grab().toImage()
    seen = dominant(mention.start, mention.end)
    assert near(seen, page), (seen.name(), page.name())
    assert not palette.dark


# ------------------------------------------------------------------ spans index


def test_at_finds_the_conflict_and_the_claim_around_sept_29(story):
    articles, comparison = story
    bitdefender = next(a for a in articles if a.source == "Bitdefender")
    offset = bitdefender.text.index("Sept. 29") + 2
    spans = FactSpans(comparison)
    conflict = next(c for c in comparison.conflicts if any(m.text == "Sept. 29" for m in c.mentions))
    claims = [f for f in comparison.facts if f.kind in ("claim", "quote") and any(
        m.article == bitdefender.id and m.start <= offset < m.end for m in f.mentions)]
    assert claims
    found = spans.at(bitdefender.id, offset)
    assert found[0] == conflict.id  # innermost first
    assert set(found) == {conflict.id} | {f.id for f in claims}
    assert spans.at(bitdefender.id, len(bitdefender.text) + 10) == []
    assert spans.at(bitdefender.id, -1) == []
    start, end = spans.first_mention(conflict.id, bitdefender.id)
    # the ban-date conflict holds Bitdefender's "Sept. 29" only: its "July 20" dates the wind-down (issue 13)
    assert bitdefender.text[start:end] == "Sept. 29"
    assert spans.first_mention(conflict.id, 3) is None
    assert spans.agreement(conflict.id) == CONFLICT


def test_at_agrees_with_a_linear_scan_and_is_fast_on_10k_spans():
    rnd = random.Random(7)
    length = 200_000
    text = "x" * length
    article = Article(1, "t", "S", None, None, None, None, text, 1, 1, "", 0)
    facts = []
    for i in range(10_000):
        start = rnd.randrange(length - 5_000)
        end = start + (rnd.randint(5, 400) if i % 100 else rnd.randint(900, 5_000))  # a few long ones
        facts.append(Fact(f"claim-{i}", "claim", "x", (Mention(1, start, end, text[start:end]),)))
    spans = FactSpans(Comparison((article,), tuple(facts), ()))
    probes = [rnd.randrange(length) for _ in range(10_000)]
    began = time.perf_counter()
    spans.at(1, 0)  # the first lookup in an article indexes it
    indexed = time.perf_counter()
    answers = [spans.at(1, p) for p in probes]
    took = time.perf_counter() - indexed
    print(f"\nFactSpans.at over 10,000 spans: first lookup (indexing) {(indexed - began) * 1000:.0f} ms, "
          f"then 10,000 lookups in {took * 1000:.1f} ms")
    for probe, answer in list(zip(probes, answers))[:500]:
        covering = sorted((f for f in facts if f.mentions[0].start <= probe < f.mentions[0].end),
                          key=lambda f: (f.mentions[0].end - f.mentions[0].start, f.mentions[0].start))
        assert answer == [f.id for f in covering]


# ------------------------------------------------------------------ tooltips


def test_fact_tooltip_names_the_sources_and_their_wording(agreeing):
    articles, comparison = agreeing
    fact = reported_by_all(comparison, articles)
    text = plain(fact_tooltip(comparison, fact.id, names_of(articles)))
    assert f"Reported by {len(articles)} of {len(articles)}:" in text
    assert "A2 · Bitdefender" in text
    wording = next(m.text for m in fact.mentions if m.article == 2)
    assert wording[:100] in text
    several = next(f for f in comparison.facts if f.kind == "claim" and 1 < f.sources < len(articles))
    text = plain(fact_tooltip(comparison, several.id, names_of(articles)))
    assert f"Reported by {several.sources} of {len(articles)}:" in text
    absent = next(a for a in articles if a.id not in several.articles)
    assert names_of(articles)[absent.id] + ":" not in text


def test_conflict_tooltip_shows_each_value_as_conflicting(story):
    articles, comparison = story
    conflict = next(c for c in comparison.conflicts if any(m.text == "Sept. 29" for m in c.mentions))
    text = plain(fact_tooltip(comparison, conflict.id, names_of(articles)))
    assert "Conflicting values" in text and conflict.label in text
    # issue 13: Bitdefender's "July 20" dates the wind-down, not the ban; A4 and A5 date the ban July 20
    assert "Sept. 29 (normalised: 2024-09-29) — A2 · Bitdefender" in text
    assert f"July 20 (normalised: --07-20) — {names_of(articles)[4]}, {names_of(articles)[5]}" in text
    assert "A2 · Bitdefender" not in text.split("July 20 (normalised")[1].splitlines()[0]
    assert "until Sept. 29, when the ban officially takes effect" in text  # the wording around it
    assert sum(line.startswith("A") for line in text.splitlines() if not line.startswith("A conflict to check")) \
        == len({(m.article, m.value) for m in conflict.mentions})
    assert "A conflict to check: dates, amounts and sources given outside one shared claim" in text  # less sure
    sure = next(c for c in comparison.conflicts if not c.weak)
    assert "A conflict to check" not in plain(fact_tooltip(comparison, sure.id, names_of(articles)))


def test_tooltips_escape_html(story):
    articles, comparison = story
    fact = next(f for f in comparison.facts if f.kind == "claim" and f.sources > 1)
    names = {a.id: f"<b>A{a.id}</b> & Sons" for a in articles}
    text = plain(fact_tooltip(comparison, fact.id, names))
    assert f"<b>A{fact.articles[0]}</b> & Sons" in text
    assert fact_tooltip(comparison, "no-such-fact", names) == ""


def test_long_wording_is_shortened():
    text = "word " * 100
    article = Article(1, "t", "Outlet", None, None, None, None, text, 1, 1, "", 0)
    fact = Fact("claim-1", "claim", "x", (Mention(1, 0, len(text), text),))
    shown_text = plain(fact_tooltip(Comparison((article,), (fact,), ()), "claim-1", {1: "A1"}))
    wording = shown_text.split("A1: ")[1]
    assert wording.endswith("…”") and len(wording) <= 165
    assert "Only this source" in shown_text


# ------------------------------------------------------------------ offsets


def test_emoji_and_crlf_before_a_span_still_select_the_right_characters(qtbot):
    first = "Flags 🇺🇸 and 😀 lead.\r\nOfficials said the ban starts on July 20 😀 in full.\r\nMore text."
    second = "Another 😀 outlet says the ban starts on Sept. 29.\r\nEnd."

    def mention(article_id, text, piece, value=None):
        start = text.index(piece)
        return Mention(article_id, start, start + len(piece), piece, value)

    articles = (
        Article(1, "One", "Outlet One", None, None, None, None, first, 1, 1, "", 0),
        Article(2, "Two", "Outlet Two", None, None, None, None, second, 1, 2, "", 0),
    )
    claim = Fact("claim-ban", "claim", "the ban starts", (
        mention(1, first, "the ban starts on July 20 😀 in full.\r\nMore"),
        mention(2, second, "the ban starts on Sept. 29."),
    ))
    conflict = Conflict("conflict-date", "When the ban starts", (
        mention(1, first, "July 20", "--07-20"), mention(2, second, "Sept. 29", "--09-29")), kind="date")
    lead = Fact("claim-lead", "claim", "lead", (mention(1, first, "😀 lead."),))
    comparison = Comparison(articles, (claim, lead), (conflict,))
    palette = FactPalette()
    for article in articles:
        view = ArticleTextView()
        qtbot.addWidget(view)
        view.show_article(article, ReadingStyle())
        selections = build_selections(view.offsets, view.document(), article.id, comparison, palette)
        assert not view.offsets.identity
        expected = {(item.id, m.text) for item in (claim, conflict, lead) for m in item.mentions
                    if m.article == article.id}
        got = {(fact_id(s), s.cursor.selectedText()) for s in selections}
        assert got == {(fid, t.replace("\r\n", "\u2029")) for fid, t in expected}
    assert FactSpans(comparison).at(1, first.index("July 20")) == ["conflict-date", "claim-ban"]


# ------------------------------------------------------------------ palette and legend


@pytest.mark.parametrize("dark", [False, True])
def test_palette_keeps_text_readable(dark):
    palette = FactPalette(dark=dark)
    for index in range(6):
        for agreement in (ALL, SEVERAL, CONFLICT):
            background = blend(palette.background_for(index, agreement), palette.base)
            assert contrast_ratio(background, palette.text) >= MIN_TEXT_CONTRAST - 0.1
        assert palette.background_for(index, ONE) is None
    assert palette.colour_for(0).rgb() == palette.colour_for(6).rgb()
    assert len({palette.colour_for(i).rgb() for i in range(6)}) == 6


def test_palette_follows_the_widget_theme(qtbot):
    qpalette = QPalette()
    qpalette.setColor(QPalette.ColorRole.Base, QColor("#202124"))
    qpalette.setColor(QPalette.ColorRole.Text, QColor("#EEEEEE"))
    assert FactPalette.from_palette(qpalette).dark
    qpalette.setColor(QPalette.ColorRole.Base, QColor("#FAFAFA"))
    assert not FactPalette.from_palette(qpalette).dark


def test_legend_entries():
    entries = legend_entries(FactPalette())
    assert [label for label, _fmt in entries] == [
        "Reported by all", "Reported by several", "Possibly shared (less sure)", "Only this source",
        "Conflicting values (contradiction)", "Values differ in precision", "Conflict to check (less sure)",
        "Copied word for word"]
    styles = [fmt.underlineStyle() for _label, fmt in entries]
    assert styles == [Underline.SingleUnderline, Underline.NoUnderline, Underline.DotLine, Underline.DotLine,
                      Underline.WaveUnderline, Underline.DotLine, Underline.WaveUnderline, Underline.DashUnderline]
    backgrounds = [fmt.hasProperty(QTextCharFormat.Property.BackgroundBrush) for _label, fmt in entries]
    assert backgrounds == [True, True, True, False, True, True, False, True]


# ------------------------------------------------------------------ figures (printed, not asserted)


def test_print_build_time_for_five_large_panes(qtbot, story):
    articles, _comparison = story
    rnd = random.Random(3)
    words = ["the", "ban", "starts", "on", "July", "20", "and", "affects", "fewer", "than", "50", "employees", "said", "Kaspersky", "in", "a", "statement"]
    length, panes_count = 200_000, 5
    texts = []
    for _ in range(panes_count):
        parts, size = [], 0
        while size < length:
            sentence = " ".join(rnd.choice(words) for _ in range(rnd.randint(8, 24))).capitalize() + ". "
            if rnd.random() < 0.2:
                sentence += "\n"
            parts.append(sentence)
            size += len(sentence)
        texts.append("".join(parts)[:length])
    fake = tuple(replace(articles[0], id=i + 1, text=t, boilerplate=()) for i, t in enumerate(texts))
    facts, conflicts = [], []
    for i in range(7_000):  # about 5,000 spans per article
        ids = rnd.sample(range(1, panes_count + 1), rnd.choice([1, 2, 3, 5]))
        mentions = []
        for a in ids:
            start = rnd.randrange(length - 200)
            end = start + rnd.randint(40, 180)
            mentions.append(Mention(a, start, end, texts[a - 1][start:end]))
        facts.append(Fact(f"claim-{i}", "claim", "x", tuple(mentions), verbatim=rnd.random() < 0.1))
    for i in range(1_000):
        mentions = []
        for a in range(1, panes_count + 1):
            start = rnd.randrange(length - 20)
            end = start + rnd.randint(5, 20)
            mentions.append(Mention(a, start, end, texts[a - 1][start:end], "v"))
        conflicts.append(Conflict(f"conflict-{i}", "x", tuple(mentions)))
    comparison = Comparison(fake, tuple(facts), tuple(conflicts))
    began = time.perf_counter()
    spans = FactSpans(comparison)
    index_ms = (time.perf_counter() - began) * 1000
    palette = FactPalette()
    views = []
    for article in fake:
        view = ArticleTextView()
        qtbot.addWidget(view)
        view.resize(520, 900)
        view.show_article(article, ReadingStyle())
        view.show()
        views.append(view)
    qtbot.waitExposed(views[-1])
    lines = [f"\nFactSpans for 5 x 200,000 characters: {index_ms:.0f} ms"]
    for label in ("first highlight", "rebuild (filter)"):
        for view, article in zip(views, fake):
            began = time.perf_counter()
            selections = build_selections(view.offsets, view.document(), article.id, comparison, palette, spans=spans)
            built = time.perf_counter()
            view.setExtraSelections(selections)
            applied = time.perf_counter()
            lines.append(f"{label}, pane {article.id}: {len(selections)} spans, build {(built - began) * 1000:.0f} ms, "
                         f"setExtraSelections {(applied - built) * 1000:.0f} ms")
    assert all(len(view.extraSelections()) > 4_000 for view in views)
    print("\n".join(lines))


def test_build_survives_many_void_calls(qtbot, story):
    """PySide6 6.12.0 on Python 3.11 drops a reference to None per void call; tens of
    thousands of cursor moves must not abort the interpreter."""
    articles, comparison = story
    document = QTextDocument()
    document.setPlainText(articles[1].text)
    offsets = OffsetMap(articles[1].text)
    palette = FactPalette()
    first = [(s.cursor.selectionStart(), s.cursor.selectionEnd())
             for s in build_selections(offsets, document, articles[1].id, comparison, palette)]
    for _ in range(59):
        again = build_selections(offsets, document, articles[1].id, comparison, palette)
    assert first and [(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in again] == first

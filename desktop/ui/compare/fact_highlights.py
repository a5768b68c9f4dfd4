"""Fact highlights in the reading panes: the visual language of a comparison.

What the reader sees in every pane, built from a :class:`~desktop.core.matching.comparison.Comparison`
as ``QTextEdit.ExtraSelection`` objects (cheap to swap when the user filters; user
annotations are separate selections that the view appends after these, so they paint on
top):

========================  ==================================================================
Mark                      Meaning
========================  ==================================================================
coloured background,      **Reported by all** the articles in the comparison. The colour is
solid underline in the    the fact's own: the same fact has the same colour in every pane.
same colour               The stronger background and the underline are the second cue, so
                          agreement reads without telling colours apart.
lighter background of     **Reported by several** (two or more, not all). Same colour as in
the fact's colour         the other panes that report it; no underline.
faint grey dotted        **Only this source**: a claim or quote no other article reports.
underline, no background  Subtle by design (most sentences are exclusive: the mark must not
                          drown the shared facts) and can be switched off
                          (``FactPalette.mark_exclusives``, View > Mark Claims Only One Source
                          Makes); the overview strip and the facts panel still show them.
red wavy underline on a   **Conflicting values**: the articles give the same fact slot
faint red background      incompatible values (a date, a number, a name); hover for them.
amber dotted underline    **Values differ in precision**: the values overlap but are given
on a faint amber          more or less precisely ("dozens" / "fewer than 50"); both may be
background                true.
dashed underline in the   **Copied word for word**: a shared passage that is verbatim in
fact's colour             several articles (replaces the solid underline; the background
                          strength still tells "all" from "several").
dotted underline in the   **A link Parallax is less sure of** (``Fact.weak``): possibly the
fact's colour on a pale   same fact as its other mentions, about half right on stories it
background of it          had not seen. View > Show Less Sure Links off
                          (``FactPalette.show_less_sure``) marks them as claims only this
                          source makes: no colour, no ribbon, not stepped to with F7.
========================  ==================================================================

Only claims and quotes get backgrounds: atomic facts (dates, numbers, money, percentages,
names) sit inside them and are not highlighted themselves, except where they take part in a
conflict. Conflict marks paint over the claim around them.

Colours come from the Okabe-Ito palette (safe for the common colour-vision deficiencies),
without its vermillion and black (red is kept for conflicts, black for text): orange, sky
blue, bluish green, yellow, blue, reddish purple, cycled over the *shared* claims and quotes
in the order of ``Comparison.facts``, so a comparison always colours the same fact the same
way. Background alphas are tuned per hue and theme so that the text keeps at least a 7:1
contrast (WCAG AAA) against the tinted background: black text on the light theme, white
text on the dark one. Nothing changes the font (no bold): highlighting never reflows text.

Offsets: spans are half-open Python offsets into ``Article.text`` (core), turned into Qt
positions only through :class:`~desktop.ui.compare.offsets.OffsetMap`.
"""

from __future__ import annotations

import html
import weakref
from bisect import bisect_right
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import NamedTuple

from PySide6.QtGui import (
    QColor,
    QPalette,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QTextEdit

from desktop.core.matching.comparison import CLAIM, QUOTE, Comparison, Conflict, Fact
from desktop.ui.compare.offsets import OffsetMap
from desktop.ui.compare.possible_lines import LESS_SURE_CONFLICT_NOTE, WEAK_NOTE, possible_lines

# Where a selection's format says what it marks (read them back with ``fmt.property(...)``).
FACT_ID_PROPERTY = int(QTextFormat.Property.UserProperty.value)  # the fact or conflict id
AGREEMENT_PROPERTY = FACT_ID_PROPERTY + 1  # "all", "several", "one" or "conflict"
LESS_SURE_PROPERTY = FACT_ID_PROPERTY + 2  # True on a link Parallax is less sure of (Fact.weak)

# Agreement levels (Span.agreement): how many of the compared articles report the fact.
ALL, SEVERAL, ONE, CONFLICT = "all", "several", "one", "conflict"
HIGHLIGHTED_KINDS = (CLAIM, QUOTE)
CONFLICT_KIND = "conflict"

# Okabe-Ito, minus vermillion (too close to the conflict red) and black.
OKABE_ITO = (
    ("orange", "#E69F00"),
    ("sky blue", "#56B4E9"),
    ("bluish green", "#009E73"),
    ("yellow", "#F0E442"),
    ("blue", "#0072B2"),
    ("reddish purple", "#CC79A7"),
)

LESS_SURE_SHARE = 0.5  # a less sure link's background: this much of the "several" one
EXCLUSIVE_UNDERLINE_ALPHA = 0.28  # how much of the text colour an exclusive's dotted line has
MIN_TEXT_CONTRAST = 7.0  # WCAG AAA for body text, against the tinted background
WORDING_CHARS = 160  # a source's wording in a tooltip is shortened to about this
LONG_SPAN = 1_000  # FactSpans.at() scans spans longer than this in full (there are few)


# ---------------------------------------------------------------------------- colour


def _linear(channel: float) -> float:
    channel /= 255.0
    return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4


def _luminance(rgb: tuple[float, float, float]) -> float:
    r, g, b = (_linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two opaque colours (1 to 21)."""
    la = _luminance((a.red(), a.green(), a.blue()))
    lb = _luminance((b.red(), b.green(), b.blue()))
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def blend(colour: QColor, base: QColor) -> QColor:
    """``colour`` (with its alpha) painted over the opaque ``base``."""
    a = colour.alphaF()
    return QColor.fromRgbF(
        colour.redF() * a + base.redF() * (1 - a),
        colour.greenF() * a + base.greenF() * (1 - a),
        colour.blueF() * a + base.blueF() * (1 - a),
    )


def _with_alpha(colour: QColor, alpha: float) -> QColor:
    result = QColor(colour)
    result.setAlphaF(alpha)
    return result


class FactPalette:
    """Colours and character formats of the highlights, for a light or a dark theme.

    ``colour_for(i)`` is the opaque hue of the i-th shared fact (``FactSpans`` numbers the facts);
    ``format_for(agreement, i, verbatim)`` the (shared, do not modify) format of its mentions.
    """

    LIGHT_BASE, LIGHT_TEXT = QColor("#FFFFFF"), QColor("#000000")
    DARK_BASE, DARK_TEXT = QColor("#1E1E1E"), QColor("#FFFFFF")

    def __init__(self, dark: bool = False, base: QColor | None = None, text: QColor | None = None):
        self.dark = dark
        self.base = QColor(base) if base is not None else QColor(self.DARK_BASE if dark else self.LIGHT_BASE)
        self.text = QColor(text) if text is not None else QColor(self.DARK_TEXT if dark else self.LIGHT_TEXT)
        self.hues = [QColor(code) for _name, code in OKABE_ITO]
        self.hue_names = [name for name, _code in OKABE_ITO]
        # target alphas; lowered per hue where the text would lose contrast
        strong_target, light_share = (0.50, 0.50) if dark else (0.45, 0.55)
        self._strong: list[QColor] = []
        self._light: list[QColor] = []
        for hue in self.hues:
            strong = self._readable_alpha(hue, strong_target)
            self._strong.append(_with_alpha(hue, strong))
            self._light.append(_with_alpha(hue, max(0.12, strong * light_share)))
        self.conflict_colour = QColor("#FF6B6B") if dark else QColor("#D62728")
        self.conflict_background = _with_alpha(self.conflict_colour, 0.22 if dark else 0.16)
        self.precision_colour = QColor("#F0B429") if dark else QColor("#A66300")
        self.precision_background = _with_alpha(self.precision_colour, 0.20 if dark else 0.14)
        self.exclusive_colour = QColor(150, 150, 150) if dark else QColor(120, 120, 120)  # overview marks
        # the in-text underline of an exclusive claim: the text colour faded into the page
        self.exclusive_underline = blend(_with_alpha(self.text, EXCLUSIVE_UNDERLINE_ALPHA), self.base)
        self.mark_exclusives = True  # False: exclusive claims get no mark in the text
        self.show_less_sure = True  # False: links Parallax is less sure of are marked as exclusives
        self._formats: dict[tuple[str, int, bool, bool], QTextCharFormat] = {}

    @classmethod
    def from_palette(cls, palette: QPalette) -> FactPalette:
        """The palette matching a widget's colours (dark when its base colour is dark)."""
        base = palette.color(QPalette.ColorRole.Base)
        return cls(dark=base.lightness() < 128, base=base, text=palette.color(QPalette.ColorRole.Text))

    def _readable_alpha(self, hue: QColor, target: float) -> float:
        alpha = target
        while alpha > 0.1 and contrast_ratio(blend(_with_alpha(hue, alpha), self.base), self.text) < MIN_TEXT_CONTRAST:
            alpha -= 0.01
        return round(alpha, 2)

    # ------------------------------------------------------------ colours

    def colour_for(self, index: int) -> QColor:
        """The opaque hue of the shared fact with this colour index (cycles after six)."""
        return QColor(self.hues[index % len(self.hues)])

    def background_for(self, index: int, agreement: str) -> QColor | None:
        """The translucent background of a fact's mentions, or None (one source: no background)."""
        if agreement == CONFLICT:
            return QColor(self.conflict_background)
        if agreement == ALL:
            return QColor(self._strong[index % len(self.hues)])
        if agreement == SEVERAL:
            return QColor(self._light[index % len(self.hues)])
        return None

    def underline_for(self, index: int) -> QColor:
        """The fact's hue, shifted to stand out from its own background on this theme."""
        hue = self.colour_for(index)
        return hue.lighter(135) if self.dark else hue.darker(135)

    # ------------------------------------------------------------ formats

    def format_for(self, agreement: str, index: int = 0, verbatim: bool = False,
                   less_sure: bool = False) -> QTextCharFormat:
        """The shared format of a style: copy it before setting anything on it. For a conflict,
        ``verbatim`` means the values differ only in precision (amber dotted, not red wavy).
        ``less_sure``: a shared fact whose link Parallax is less sure of (a dotted underline in
        its colour on a pale background of it, verbatim or not)."""
        if agreement == ONE:
            index, verbatim, less_sure = 0, False, False
        elif agreement == CONFLICT:
            index = 1 if index == 1 else 0  # 1: a conflict Parallax is less sure of (no background)
            less_sure = False
        elif less_sure:
            verbatim = False
        index %= len(self.hues)
        key = (agreement, index, verbatim, less_sure)
        fmt = self._formats.get(key)
        if fmt is None:
            fmt = self._formats[key] = self._make_format(agreement, index, verbatim, less_sure)
        return fmt

    def _make_format(self, agreement: str, index: int, verbatim: bool, less_sure: bool = False) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setProperty(AGREEMENT_PROPERTY, agreement)
        Style = QTextCharFormat.UnderlineStyle
        if less_sure:  # paler than "several", whoever reports it, and dotted: "possibly the same"
            fmt.setProperty(LESS_SURE_PROPERTY, True)
            background = self._light[index]
            fmt.setBackground(_with_alpha(background, background.alphaF() * LESS_SURE_SHARE))
            fmt.setUnderlineStyle(Style.DotLine)
            fmt.setUnderlineColor(self.underline_for(index))
        elif agreement == CONFLICT and verbatim:  # a difference in precision
            if index != 1:  # a conflict Parallax is less sure of: its underline only
                fmt.setBackground(self.precision_background)
            fmt.setUnderlineStyle(Style.DotLine)
            fmt.setUnderlineColor(self.precision_colour)
        elif agreement == CONFLICT:
            if index != 1:
                fmt.setBackground(self.conflict_background)
            fmt.setUnderlineStyle(Style.WaveUnderline)
            fmt.setUnderlineColor(self.conflict_colour)
        elif agreement == ONE:
            fmt.setUnderlineStyle(Style.DotLine)
            fmt.setUnderlineColor(self.exclusive_underline)
        else:
            fmt.setBackground(self.background_for(index, agreement))
            if verbatim:
                fmt.setUnderlineStyle(Style.DashUnderline)
                fmt.setUnderlineColor(self.underline_for(index))
            elif agreement == ALL:
                fmt.setUnderlineStyle(Style.SingleUnderline)
                fmt.setUnderlineColor(self.underline_for(index))
        return fmt


def swatch_formats(palette: FactPalette, agreement: str) -> list[QTextCharFormat]:
    """One format per hue of the palette, as the panes paint a fact shared by all or by several
    (the legend's swatches: the same function, so the legend shows the colours the panes use)."""
    return [QTextCharFormat(palette.format_for(agreement, index)) for index in range(len(palette.hues))]


def less_sure_swatch_formats(palette: FactPalette) -> list[QTextCharFormat]:
    """One format per hue, as the panes paint a link Parallax is less sure of (the legend's swatches)."""
    return [QTextCharFormat(palette.format_for(SEVERAL, index, less_sure=True)) for index in range(len(palette.hues))]


LESS_SURE_LABEL = "Possibly shared (less sure)"


def legend_entries(palette: FactPalette) -> list[tuple[str, QTextCharFormat]]:
    """Short labels with the format that shows each mark, for a legend (in display order)."""
    return [
        ("Reported by all", QTextCharFormat(palette.format_for(ALL, 0))),
        ("Reported by several", QTextCharFormat(palette.format_for(SEVERAL, 0))),
        (LESS_SURE_LABEL, QTextCharFormat(palette.format_for(SEVERAL, 0, less_sure=True))),
        ("Only this source", QTextCharFormat(palette.format_for(ONE))),
        ("Conflicting values (contradiction)", QTextCharFormat(palette.format_for(CONFLICT))),
        ("Values differ in precision", QTextCharFormat(palette.format_for(CONFLICT, 0, True))),
        ("Conflict to check (less sure)", QTextCharFormat(palette.format_for(CONFLICT, 1))),
        ("Copied word for word", QTextCharFormat(palette.format_for(SEVERAL, 0, verbatim=True))),
    ]


# ---------------------------------------------------------------------------- spans


class Span(NamedTuple):
    """One highlighted mention in one article (read by field name)."""

    start: int  # half-open Python offsets into Article.text
    end: int
    id: str  # fact or conflict id
    kind: str  # "claim", "quote" or "conflict"
    agreement: str  # ALL, SEVERAL, ONE or CONFLICT
    verbatim: bool = False
    colour: int = -1  # colour index for shared facts, -1 otherwise
    less_sure: bool = False  # a shared fact whose link Parallax is less sure of (Fact.weak)


def as_shown(span: Span, palette: FactPalette) -> Span:
    """The span as the panes show it: a less sure link is shown as a claim only this source
    makes while View > Show Less Sure Links is off (``FactPalette.show_less_sure``)."""
    if span.less_sure and not palette.show_less_sure:
        return span._replace(agreement=ONE, verbatim=False, colour=-1, less_sure=False)
    return span


def agreement_of(fact: Fact, article_count: int) -> str:
    if fact.sources <= 1:
        return ONE
    return ALL if fact.sources >= article_count else SEVERAL


class FactSpans:
    """Per article, the highlighted mentions of a comparison: claims and quotes (reported by
    one source or more) and conflict mentions. Atomic facts are left out."""

    def __init__(self, comparison: Comparison):
        self.comparison = comparison
        count = len(comparison.articles)
        self._by_article: dict[int, list[Span]] = {}
        self._colours: dict[str, int] = {}
        self._agreement: dict[str, str] = {}
        self._first: dict[tuple[str, int], tuple[int, int]] = {}
        # links and conflicts Parallax is less sure of
        self.weak = frozenset([f.id for f in comparison.facts if f.weak]
                              + [c.id for c in comparison.conflicts if c.weak])
        for fact in comparison.facts:
            if fact.kind not in HIGHLIGHTED_KINDS:
                continue
            agreement = agreement_of(fact, count)
            self._agreement[fact.id] = agreement
            colour = -1
            if agreement != ONE:
                colour = self._colours[fact.id] = len(self._colours)
            verbatim = fact.verbatim and agreement != ONE
            less_sure = fact.weak and agreement != ONE
            for m in fact.mentions:
                self._add(Span(m.start, m.end, fact.id, fact.kind, agreement, verbatim, colour, less_sure), m.article)
        for conflict in comparison.conflicts:
            self._agreement[conflict.id] = CONFLICT
            precision = conflict.severity == "precision"  # Span.verbatim: a difference in precision
            less_sure = 1 if conflict.weak else -1  # Span.colour 1: a conflict Parallax is less sure of
            for m in conflict.mentions:
                self._add(Span(m.start, m.end, conflict.id, CONFLICT_KIND, CONFLICT, precision, less_sure), m.article)
        for spans in self._by_article.values():
            spans.sort(key=lambda s: (s.start, -s.end))
        self._paint: dict[int, list[Span]] = {}
        # for at(): per article, the short spans and the (few) long ones, each with its starts
        self._short: dict[int, tuple[list[int], list[Span], list[int], list[Span]]] = {}
        for article_id, spans in self._by_article.items():
            short = [s for s in spans if s.end - s.start <= LONG_SPAN]
            long = [s for s in spans if s.end - s.start > LONG_SPAN]
            self._short[article_id] = ([s.start for s in short], short, [s.start for s in long], long)
        self._formats: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def _add(self, span: Span, article_id: int) -> None:
        if span.end <= span.start:
            return
        self._by_article.setdefault(article_id, []).append(span)
        key = (span.id, article_id)
        first = self._first.get(key)
        if first is None or (span.start, span.end) < first:
            self._first[key] = (span.start, span.end)

    # ------------------------------------------------------------ queries

    def spans(self, article_id: int) -> list[Span]:
        """The article's highlighted spans by start (longest first at the same start)."""
        return list(self._by_article.get(article_id, ()))

    def paint_order(self, article_id: int) -> list[Span]:
        """The spans in the order to paint them: facts longest first (nested ones later,
        verbatim after plain at equal length), then conflicts on top."""
        order = self._paint.get(article_id)
        if order is None:
            order = self._paint[article_id] = sorted(
                self._by_article.get(article_id, ()),
                key=lambda s: (s.kind == CONFLICT_KIND, s.start - s.end, s.verbatim, s.start),
            )
        return order

    def at(self, article_id: int, offset: int) -> list[str]:
        """Ids of the facts and conflicts whose span contains the Python offset, innermost
        (shortest) first. A short span containing the offset starts at most LONG_SPAN
        characters before it: bisect to that window, then check each span in it."""
        index = self._short.get(article_id)
        if index is None:
            return []
        starts, short, long_starts, long = index
        lo = bisect_right(starts, offset - LONG_SPAN)
        hi = bisect_right(starts, offset)
        hits = [s for s in short[lo:hi] if s.end > offset]
        hits.extend(s for s in long[:bisect_right(long_starts, offset)] if s.end > offset)
        hits.sort(key=lambda s: (s.end - s.start, s.start))
        return list(dict.fromkeys(s.id for s in hits))

    def first_mention(self, fact_id: str, article_id: int) -> tuple[int, int] | None:
        """(start, end) of the fact's or conflict's first mention in the article, or None."""
        return self._first.get((fact_id, article_id))

    def agreement(self, fact_id: str) -> str | None:
        """ALL, SEVERAL, ONE or CONFLICT for a highlighted id, else None."""
        return self._agreement.get(fact_id)

    def formats(self, palette: FactPalette) -> dict[str, QTextCharFormat]:
        """Per (fact id, agreement shown), the format its selections share under this palette
        (filled by build_selections, so filtering reuses them)."""
        cache = self._formats.get(palette)
        if cache is None:
            cache = self._formats[palette] = {}
        return cache


_last_spans: tuple[weakref.ref, FactSpans] | None = None


def fact_spans(comparison: Comparison) -> FactSpans:
    """The FactSpans of a comparison, reused while the same comparison object is current."""
    global _last_spans
    if _last_spans is not None and _last_spans[0]() is comparison:
        return _last_spans[1]
    spans = FactSpans(comparison)
    _last_spans = (weakref.ref(comparison), spans)
    return spans


# ---------------------------------------------------------------------------- selections


def build_selections(
    document_offsets: OffsetMap,
    qt_document: QTextDocument,
    article_id: int,
    comparison: Comparison,
    palette: FactPalette,
    visible: set[str] | None = None,
    spans: FactSpans | None = None,
) -> list[QTextEdit.ExtraSelection]:
    """One extra selection per highlighted mention in this article, in paint order.

    ``visible``: the fact and conflict ids to show (None: all). ``spans``: a FactSpans of
    this comparison to reuse (by default the one cached for the comparison object). Each
    format carries the id in ``FACT_ID_PROPERTY`` (``QTextFormat.UserProperty``) and the
    agreement level in ``AGREEMENT_PROPERTY``.
    """
    if spans is None:
        spans = fact_spans(comparison)
    order = spans.paint_order(article_id)
    if visible is not None:
        order = [span for span in order if span.id in visible]
    if not palette.show_less_sure:
        order = [as_shown(span, palette) for span in order]
    if not palette.mark_exclusives:
        order = [span for span in order if span.agreement != ONE]
    if not order:
        return []
    formats = spans.formats(palette)
    to_qt = None if document_offsets.identity else document_offsets.to_qt
    last = max(0, qt_document.characterCount() - 1)
    keep_anchor = QTextCursor.MoveMode.KeepAnchor
    new_selection = QTextEdit.ExtraSelection
    selections: list[QTextEdit.ExtraSelection] = []
    append = selections.append
    cursor = QTextCursor(qt_document)  # one cursor, moved per span: a selection keeps a copy
    with _cursor_batch(qt_document):
        for span in order:
            key = (span.id, span.agreement)  # a less sure link shown as an exclusive has its own
            fmt = formats.get(key)
            if fmt is None:
                fmt = QTextCharFormat(palette.format_for(span.agreement, max(span.colour, 0), span.verbatim,
                                                         span.less_sure))
                fmt.setProperty(FACT_ID_PROPERTY, span.id)
                formats[key] = fmt
            start, end = (span.start, span.end) if to_qt is None else (to_qt(span.start), to_qt(span.end))
            if end > last:
                end = last
                start = min(start, last)
            cursor.setPosition(start)
            cursor.setPosition(end, keep_anchor)
            selection = new_selection()
            selection.cursor = cursor
            selection.format = fmt
            append(selection)
    return selections


@contextmanager
def _cursor_batch(document: QTextDocument) -> Iterator[None]:
    """Create many cursors cheaply: inside an (empty) edit block QTextCursor.setPosition
    skips computing the cursor's x, a layout query that would otherwise force the whole
    document to be laid out and cost several microseconds per call. Nothing is edited, so
    the document is left as it was: not modified, no undo step, and no contentsChanged
    (Qt emits it at the end of any edit block, even an empty one)."""
    guard = QTextCursor(document)
    modified = document.isModified()
    guard.beginEditBlock()
    try:
        yield
    finally:
        was_blocked = document.blockSignals(True)
        try:
            guard.endEditBlock()
        finally:
            document.blockSignals(was_blocked)
        if document.isModified() != modified:
            document.setModified(modified)


# ---------------------------------------------------------------------------- tooltips


def _shorten(text: str, limit: int = WORDING_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip(" ,;:") + "…"


def _context(article_text: str | None, mention_text: str, start: int, end: int,
             limit: int = WORDING_CHARS) -> str:
    """The mention in its paragraph, about ``limit`` characters, the mention underlined (HTML)."""
    if article_text is None or article_text[start:end] != mention_text:
        return f"<u>{html.escape(_shorten(mention_text))}</u>"
    room = max(0, (limit - (end - start)) // 2)
    paragraph_start = article_text.rfind("\n", 0, start) + 1
    paragraph_end = article_text.find("\n", end)
    if paragraph_end < 0:
        paragraph_end = len(article_text)
    left_edge, right_edge = max(paragraph_start, start - room), min(paragraph_end, end + room)
    left, right = article_text[left_edge:start], article_text[end:right_edge]
    if left_edge > paragraph_start:  # cut inside the paragraph: start at a word
        left = "…" + (left[left.find(" ") + 1:] if " " in left else left)
    if right_edge < paragraph_end:
        right = (right[: right.rfind(" ")] if " " in right else right) + "…"
    return (html.escape(" ".join(left.split()) + (" " if left[-1:].isspace() else ""))
            + "<u>" + html.escape(_shorten(mention_text)) + "</u>"
            + html.escape((" " if right[:1].isspace() else "") + " ".join(right.split())))


def _name(names: Mapping[int, str], article_id: int) -> str:
    return names.get(article_id) or f"Article {article_id}"


def fact_tooltip(comparison: Comparison, fact_or_conflict_id: str, names: Mapping[int, str]) -> str:
    """Rich-text tooltip for a fact (who reports it, in what words) or a conflict (who
    says what). ``names``: article id -> display name such as "A2 · Bitdefender"."""
    order = [a.id for a in comparison.articles]
    texts = {a.id: a.text for a in comparison.articles}
    item = next((c for c in comparison.conflicts if c.id == fact_or_conflict_id), None)
    if item is None:
        item = next((f for f in comparison.facts if f.id == fact_or_conflict_id), None)
    if item is None:
        return ""
    rank = {article: i for i, article in enumerate(order)}
    mentions = sorted(item.mentions, key=lambda m: (rank.get(m.article, len(order)), m.start))
    if isinstance(item, Conflict):
        return _conflict_tooltip(item, mentions, names, texts)
    return _fact_tooltip(item, mentions, names, len(order))


def _fact_tooltip(fact: Fact, mentions, names, total: int) -> str:
    first: dict[int, object] = {}
    more: dict[int, int] = {}
    for m in mentions:
        if m.article in first:
            more[m.article] = more.get(m.article, 0) + 1
        else:
            first[m.article] = m
    sources = ", ".join(html.escape(_name(names, a)) for a in first)
    lines = [f"<p><b>Reported by {len(first)} of {total}:</b> {sources}</p>"]
    notes = []
    if len(first) <= 1:
        notes.append("Only this source reports it" + (" in words Parallax is sure of." if fact.possible else "."))
    if fact.verbatim and len(first) > 1:
        notes.append("Copied word for word.")
    if fact.weak:
        notes.append(WEAK_NOTE)
    if notes:
        lines.append("<p><i>" + " ".join(notes) + "</i></p>")
    for article, m in first.items():
        extra = f" <i>(+{more[article]} more)</i>" if article in more else ""
        lines.append(f"<p><b>{html.escape(_name(names, article))}:</b> "
                     f"“{html.escape(_shorten(m.text))}”{extra}</p>")
    maybe = possible_lines(fact, names)
    if maybe:
        lines.append("<p>" + "<br>".join(maybe) + "</p>")
    return "<qt>" + "".join(lines) + "</qt>"


def _conflict_tooltip(conflict: Conflict, mentions, names, texts) -> str:
    precision = conflict.severity == "precision"
    meaning = ("the values overlap but are given more or less precisely: both may be true" if precision
               else "the values cannot both be true")
    colour = "#A66300" if precision else "#D62728"
    title = "Values differ in precision" if precision else "Conflicting values"
    lines = [
        f"<p><b><span style='color:{colour}'>⚠ {title}:</span> {html.escape(conflict.label)}</b></p>",
        f"<p><i>{'Precision' if precision else 'Contradiction'}: {meaning}.</i></p>",
    ]
    if conflict.weak:
        lines.append(f"<p><i>{LESS_SURE_CONFLICT_NOTE}</i></p>")
    for v in conflict.values:
        who = ", ".join(html.escape(_name(names, a)) for a in v.articles)
        normalised = f" <span style='color:gray'>(normalised: {html.escape(v.normalized)})</span>" \
            if v.normalized and v.normalized != v.text else (f" <span style='color:gray'>({html.escape(v.note)})</span>"
                                                             if v.note else "")
        lines.append(f"<p><b>{html.escape(v.text)}</b>{normalised} — {who}</p>")
    seen = set()
    for m in mentions:
        value = m.value or m.text
        if (m.article, value) in seen:
            continue
        seen.add((m.article, value))
        lines.append(f"<p><b>{html.escape(_name(names, m.article))}:</b> "
                     f"“{_context(texts.get(m.article), m.text, m.start, m.end, 120)}”</p>")
    return "<qt>" + "".join(lines) + "</qt>"

"""Find the stretches of a captured article that are not the article.

``detect_boilerplate(text, title)`` returns ``BoilerplateSpan``s over the text; it never edits it.
Captures keep what the page showed around the story: a "2 min read" line, a promo box, a second
copy of the headline, share buttons, an author box, a "Recent Posts" list of teasers. The
comparison should skip those, so they are marked, and the user can toggle any span back.

Rules, conservative on purpose (a false positive hides real reporting from the comparison):

* A span covers whole lines: from the first character of its first line to the last character of
  its last line, never including the final line break (``\\n``, ``\\r\\n`` or ``\\r``). Spans of the
  same kind separated only by blank lines are merged into one span (which then includes those
  blank lines). Spans are sorted and never overlap.
* A line is marked for a strong signal only: an exact widget phrase ("Share", "Published by",
  "admin", "tags", "Bookmarks", "loader"), a reading-time estimate, a "Promo ..." or trial offer, a
  newsletter or cookie pitch, the publisher pitching its own products ("our solutions ..." said to
  "you", "Check out our ..."), never a line that is merely short. Lines containing double
  quotation marks are never taken for a pitch (quoted statements say "our customers" too).
* Teaser sections: a heading such as "Recent Posts", "Related" or "You might also like" is marked,
  and so is the run of short lines after it (headlines, "…"-truncated teasers, "8 hours ago"). When
  that run goes on to the end of the text and contains a teaser signal (a time, a truncated
  teaser, a widget line) everything to the end is marked. When prose follows, the section stops
  after the last teaser signal; with no signal at all only headline-like lines (no closing
  punctuation) right after the heading are marked.
* Author boxes: an "Author" / "About the author" heading followed by a name, a biography
  ("... has 15 years of experience ...") and "View all posts"; or, above a "View all posts" link,
  a name followed by at most three biography lines (without the name only the link is marked).
* The headline is the first unmarked line at the top (25 words at most); it stays. Later copies
  of it, or of ``title``, are "duplicate-title". Right under the headline, a run of
  name / date / "By ..." lines is "byline", but only if it has a date or a "By": a lone name is
  too easy to confuse with a sub-heading.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from desktop.core.library.text_lines import MAX_PHRASE_CHARS as _MAX_PHRASE_CHARS
from desktop.core.library.text_lines import Line as _Line
from desktop.core.library.text_lines import phrase_key as _key
from desktop.core.library.text_lines import split_lines as _split_lines
from desktop.core.library.text_lines import word_count as _word_count
from desktop.core.library.widgets import (
    CAPS_LINK,
    WIDGET_KINDS,
    inline_widgets,
    is_highlights_start,
    is_list_heading,
    is_lone_credit,
    widget_kind,
)
from desktop.core.models import BoilerplateSpan, count_words, mask_spans

KINDS: dict[str, str] = {
    "reading-time": 'a reading-time estimate such as "2 min read"',
    "byline": "the author-name and date lines right under the headline",
    "duplicate-title": "a second copy of the headline",
    "promo": "ads, trial offers, newsletter pitches, the publisher promoting its own products",
    "notice": "cookie and JavaScript notices",
    "widget": 'share buttons, tags, bookmarks, loaders, "Published by admin" lines',
    "navigation": '"Skip to content", "Next article" and similar links',
    "author-bio": 'an author box: "Author", name, biography, "View all posts"',
    "teaser": '"Recent Posts" / "Related" / "You might also like" sections, "Read more:" links, related headlines',
    **WIDGET_KINDS,
    "repeated": "a line this outlet repeats word for word in other articles (its widgets)",
}
"""Every ``kind`` detect_boilerplate can return, with what it means."""

# --- exact whole-line phrases, compared after _key() -------------------------------------------


def _phrases(table: str) -> frozenset[str]:
    return frozenset(phrase.strip() for phrase in table.split("|"))


_WIDGET_PHRASES = _phrases(
    """share|share this|share this article|share this story|share this post|share article|
    share story|share via|share on|tweet|email|e-mail|print|copy link|copy url|link copied|
    facebook|twitter|linkedin|whatsapp|reddit|pinterest|telegram|flipboard|
    published by|posted by|posted in|filed under|admin|tags|tag|topics|categories|category|
    bookmark|bookmarks|save|save article|save story|saved|loader|loading|
    comments|comment|leave a comment|leave a reply|add comment|add a comment|no comments|
    0 comments|1 comment|listen to this article|font size|text size|close"""
)
_NAVIGATION_PHRASES = _phrases(
    """skip to content|skip to main content|skip to navigation|back to top|go to top|
    scroll to top|next article|previous article|next post|previous post|next story|
    previous story|continue reading|close menu|open menu"""
)
_PROMO_PHRASES = _phrases(
    """advertisement|advertisements|ad|sponsored|sponsored content|paid content|
    partner content|paid post|promo|promoted|story continues below advertisement|
    article continues below advertisement|continue reading below|subscribe|subscribe now|
    subscribe today|newsletter|sign up|sign up now|sign up for free|free trial"""
)
_TEASER_HEADINGS = _phrases(
    """recent posts|recent articles|recent news|recent stories|related|related posts|
    related articles|related stories|related news|related content|related reading|
    related coverage|you might also like|you may also like|you might like|you may like|
    you may be interested in|you might be interested in|read more|read next|more to read|
    more stories|more news|more articles|latest news|latest posts|latest articles|
    latest stories|most read|most popular|popular posts|popular stories|popular now|
    trending now|trending stories|recommended for you|recommended stories|
    recommended articles|don't miss|also read|see also|editor's picks|top stories|
    more on this story|more on this topic"""
)
_AUTHOR_HEADINGS = _phrases("author|authors|about the author|about the authors|about author|the author")
_KNOWN_PHRASES = _WIDGET_PHRASES | _NAVIGATION_PHRASES | _PROMO_PHRASES | _TEASER_HEADINGS | _AUTHOR_HEADINGS

# --- patterns, matched against the stripped line (casefolded where the flag says so) -----------

_READING_TIME = re.compile(
    r"(?:⏱\s*)?(?:about\s+|~\s*)?\d{1,3}\s*(?:-\s*)?(?:min|mins|minute|minutes)\.?\s+read(?:ing)?"
    r"|(?:estimated\s+)?(?:reading\s+time|read\s+time|time\s+to\s+read)\s*:?\s*(?:about\s+|~\s*)?"
    r"\d{1,3}\s*(?:min|mins|minute|minutes)\.?",
    re.IGNORECASE,
)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = re.compile(
    r"(?:(?:published|updated|posted|last\s+updated)(?:\s+on)?\s*:?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})"
    r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[a-z]{2,5})?)?",
    re.IGNORECASE,
)
_RELATIVE_TIME = re.compile(
    r"(?:\d{1,3}\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?"
    r"|mo|months?|y|yrs?|years?)|an?\s+(?:minute|hour|day|week|month|year))\s+ago|yesterday|just\s+now",
    re.IGNORECASE,
)
_BY_LINE = re.compile(r"(?:by|written\s+by|words\s+by|author\s*:)\s+(?P<who>\S.{0,80})", re.IGNORECASE)
_BYLINE_SEPARATORS = re.compile(r"\s+[|·•—–]\s+|\s*[|·•]\s*")
_QUOTES = re.compile(r"[\"“”«»„]")
_OUR_PRODUCT = re.compile(
    r"\bour\s+(?:[\w-]+\s+){0,2}?(?:solutions?|products?|services?|software|suites?|apps?|plans?"
    r"|offers?|tools?|subscriptions?|antivirus|vpn|experts)\b",
    re.IGNORECASE,
)
_SECOND_PERSON = re.compile(r"\byou(?:r|rs|['’](?:re|ll|ve|d))?\b", re.IGNORECASE)
_OUR_PITCH = re.compile(
    r"(?:check\s+out|read|download|explore|discover|try|visit|see|get|learn\s+more\s+(?:about|in|with))"
    r"\s+our\b",
    re.IGNORECASE,
)
_TRIAL = re.compile(
    r"\bfree\s+(?:\d{1,3}[-\s]day\s+)?trial\b|\b\d{1,3}[-\s]day\s+free\s+trial\b|\btry\s+(?:it\s+)?"
    r"(?:for\s+)?free\b|\bstart\s+(?:your\s+)?(?:free\s+)?trial\b|\bbuy\s+now\b|\bget\s+\d{1,3}\s*%\s+off\b",
    re.IGNORECASE,
)
_SUBSCRIBE = re.compile(
    r"(?:subscribe|sign\s*-?\s*up|join|get|enter\s+your\s+email|stay\s+(?:informed|updated|in\s+the\s+loop))"
    r"\b.*\b(?:newsletters?|inbox|subscribe|subscription|updates|e-?mail)\b",
    re.IGNORECASE,
)
_NOTICE = re.compile(
    r"\b(?:we|this\s+(?:web)?site|our\s+(?:web)?site)\s+uses?\s+cookies\b"
    r"|^(?:accept|allow|reject|decline|manage)(?:\s+all)?\s+cookies$|\bcookie\s+(?:policy|settings|preferences)$"
    r"|\bby\s+(?:continuing\s+to\s+(?:use|browse)|using)\s+(?:this|our)\s+(?:web)?site\b"
    r"|\b(?:please\s+)?enable\s+javascript\b|\bjavascript\s+is\s+(?:disabled|required)\b",
    re.IGNORECASE,
)
_INLINE_TEASER = re.compile(
    r"(?:read\s+more|also\s+read|read\s+also|related|see\s+also|read\s+next|don['’]t\s+miss|must\s+read)"
    r"\s*:\s*\S",
    re.IGNORECASE,
)
_VIEW_ALL = re.compile(
    r"(?:view|see|read|browse|more)\s+(?:all\s+)?(?:posts|articles|stories)(?:\s+by\s+.{1,60})?"
    r"|more\s+(?:from|by)\s+this\s+author|view\s+(?:author\s+)?profile|author\s+profile",
    re.IGNORECASE,
)
_BIO = re.compile(
    r"\bhas\s+(?:over\s+|more\s+than\s+|nearly\s+|almost\s+|about\s+)?\d{1,2}\+?\s+years?\s+of\s+experience\b"
    r"|\b(?:is|was)\s+an?\s+(?:[\w-]+\s+){0,4}?(?:writer|journalist|reporter|editor|analyst|correspondent"
    r"|contributor|columnist|blogger)\b|\b(?:writes|has\s+written|covers|has\s+covered)\s+(?:about\s+)?",
    re.IGNORECASE,
)
_NAME_PARTICLES = frozenset(["van", "von", "de", "der", "den", "da", "di", "del", "della", "du", "la", "le", "bin", "ibn", "al", "y", "dos", "das", "ter"])
_SENTENCE_END = ".!?;:,\"”»'’"
_ELLIPSES = ("…", "...")
_MAX_RULE_CHARS = 2000  # longer lines are prose: no rule looks at them
_MAX_HEADLINE_WORDS = 25
_TAG_LIST = re.compile(r"(?:tags?|topics|categories|filed under|posted in)\s*:.*")
_PUBLISHED_BY = re.compile(r"(?:published|posted)\s+by\s+[^.!?]+")
_REPORTED_SPEECH = re.compile(r"\b(?:said|says|told|tells|according\s+to|stated|added|wrote|announced)\b", re.I)
_SUBSCRIBE_OPENERS = ("subscribe", "sign", "join", "get", "enter", "stay")
_PITCH_OPENERS = ("check", "read", "download", "explore", "discover", "try", "visit", "see", "get", "learn")


def detect_boilerplate(text: str, title: str | None = None) -> list[BoilerplateSpan]:
    """Return the spans of ``text`` that are not the article, sorted and non-overlapping.

    ``title``, when known, helps find a repeated headline. See the module docstring for the rules
    and ``KINDS`` for the vocabulary.
    """
    return detect_boilerplate_counted(text, title)[0]


def detect_boilerplate_counted(text: str, title: str | None = None,
                               lines: list[_Line] | None = None) -> tuple[list[BoilerplateSpan], int]:
    """``detect_boilerplate`` and the words of the text outside its spans (``body_word_count``),
    counted from the lines it has split already: an import needs both for every article.
    ``lines``: ``text_lines.split_lines(text)``, when the caller has split it."""
    if lines is None:
        lines = _split_lines(text)
    kinds: list[str | None] = [_line_kind(line.text, line.key, line.words) for line in lines]
    nonblank = list(range(len(lines)))  # blank lines are never marked and never break a run
    if nonblank and kinds[nonblank[0]] == CAPS_LINK:  # an ALL-CAPS headline, not a link
        kinds[nonblank[0]] = None
    _mark_author_boxes(lines, kinds, nonblank)
    _mark_teaser_sections(lines, kinds, nonblank)
    headline = next((i for i in nonblank if kinds[i] is None), None)
    if headline is not None and lines[headline].words > _MAX_HEADLINE_WORDS:
        headline = None
    if headline is not None:
        _mark_byline(lines, kinds, nonblank, headline)
    _mark_duplicate_titles(lines, kinds, nonblank, headline, title)
    _mark_widget_neighbours(lines, kinds, nonblank)
    kinds = ["teaser" if kind == CAPS_LINK else kind for kind in kinds]
    return _with_inline(text, lines, kinds, _spans(lines, kinds))


def active_spans(spans: Iterable[BoilerplateSpan]) -> list[BoilerplateSpan]:
    """The spans still hiding text: those the user has not toggled back into the article."""
    return [span for span in spans if span.active]


# --- lines (split by ``text_lines``) --------------------------------------------------------


def _line_kind(s: str, key: str, words: int) -> str | None:
    """The kind a line has on its own, from exact phrases and patterns; None for article text.

    Cheap tests (length, word count, a keyword) gate every pattern, so prose lines cost little.
    """
    n = len(s)
    if n > _MAX_RULE_CHARS:
        return None
    if n <= _MAX_PHRASE_CHARS:
        if key in _WIDGET_PHRASES:
            return "widget"
        if key in _NAVIGATION_PHRASES:
            return "navigation"
        if key in _PROMO_PHRASES:
            return "promo"
        if _READING_TIME.fullmatch(s):
            return "reading-time"
    if words > 120:  # no rule below looks at a line this long (the longest look at 120 words)
        return None
    low = s.casefold()
    if words <= 12 and _TAG_LIST.fullmatch(low):
        return "widget"
    if words <= 6 and _PUBLISHED_BY.fullmatch(low):
        return "widget"
    if n <= 120 and _VIEW_ALL.fullmatch(s):
        return "author-bio"
    if words <= 30 and ":" in s[:20] and _INLINE_TEASER.match(s):
        return "teaser"
    widget = widget_kind(s, words, low)
    if widget is not None:
        return widget
    if ('"' in s if s.isascii() else _QUOTES.search(s)):  # a quoted statement: its "our" and "you" are the speaker's
        return None
    if words <= 25 and _is_promo_label(s):
        return "promo"
    if words <= 10 and _TRIAL.search(s):
        return "promo"
    if words <= 20 and low.startswith(_SUBSCRIBE_OPENERS) and _SUBSCRIBE.match(s):
        return "promo"
    if words <= 100 and _is_pitch(s, low):
        return "promo"
    if words <= 80 and ("cookie" in low or "javascript" in low) and _NOTICE.search(s):
        return "notice"
    return None


def _is_pitch(s: str, low: str) -> bool:
    """The publisher selling its own products: "Check out our ...", "our solutions ..." + "you"."""
    if low.startswith(_PITCH_OPENERS) and _OUR_PITCH.match(s):
        return True
    return (
        "our " in low
        and "you" in low
        and _OUR_PRODUCT.search(s) is not None
        and _SECOND_PERSON.search(s) is not None
        and _REPORTED_SPEECH.search(s) is None
    )


def _is_promo_label(s: str) -> bool:
    """'Promo Protect all your devices...': a label word, then a capitalised pitch."""
    if s[0] not in "PSA":  # every label starts so
        return False
    head, _, rest = s.partition(" ")
    if head.rstrip(":|") not in ("Promo", "PROMO", "Sponsored", "SPONSORED", "Advertisement", "ADVERTISEMENT"):
        return False
    rest = rest.lstrip(" :|-–—")
    return bool(rest) and rest[0].isupper()


def _is_name(s: str) -> bool:
    """'Filip TRUȚĂ', 'Kim Zetter', 'Ludwig van Beethoven': 2-4 capitalised words, letters only."""
    if len(s) > 60 or _key(s) in _KNOWN_PHRASES:
        return False
    words = s.split()
    if not 2 <= len(words) <= 4 or words[0].casefold() in _NAME_PARTICLES:
        return False
    for word in words:
        if word.casefold() in _NAME_PARTICLES:
            continue
        if not word[0].isupper() or not all(c.isalpha() or c in ".-'’" for c in word):
            return False
    return True


def _is_date(s: str) -> bool:
    return len(s) <= 80 and _DATE.fullmatch(s) is not None


def _is_by(s: str) -> bool:
    match = _BY_LINE.fullmatch(s) if len(s) <= 100 else None
    if not match:
        return False
    who = match["who"].strip()
    return who[0].isupper() and _word_count(who) <= 10 and not who.endswith((".", "!", "?"))


def _is_headline_like(s: str) -> bool:
    return 2 <= _word_count(s) <= 20 and s[-1] not in _SENTENCE_END and not _QUOTES.match(s)


def _is_teaser_signal(s: str, kind: str | None) -> bool:
    return (
        kind in ("widget", "navigation", "promo", "teaser", "note", "video", "caption", CAPS_LINK)
        or s.endswith(_ELLIPSES)
        or _RELATIVE_TIME.fullmatch(s) is not None
        or _is_date(s)
        or _key(s) in _TEASER_HEADINGS
    )


# --- passes over the whole text ----------------------------------------------------------------


def _mark_author_boxes(lines: list[_Line], kinds: list[str | None], nonblank: list[int]) -> None:
    for k, i in enumerate(nonblank):
        if kinds[i] is None and lines[i].key in _AUTHOR_HEADINGS:  # heading, then name, bio...
            box = []
            for j in nonblank[k + 1 :]:
                text = lines[j].text
                if kinds[j] == "author-bio" or (kinds[j] is None and (_is_name(text) or _is_bio(text))):
                    box.append(j)
                else:
                    break
            if box or k == len(nonblank) - 1:
                for j in [i, *box]:
                    kinds[j] = "author-bio"
        elif kinds[i] == "author-bio":  # "View all posts": the box above it, if it starts with a name
            for j in _author_box_above(lines, kinds, nonblank[:k]):
                kinds[j] = "author-bio"


def _author_box_above(lines: list[_Line], kinds: list[str | None], before: list[int]) -> list[int]:
    """[heading] name [bio lines] directly above a "View all posts" link; [] without the name."""
    box: list[int] = []
    upward = reversed(before)
    for j in upward:
        text = lines[j].text
        if kinds[j] is not None:
            break
        if _is_name(text):
            box.append(j)
            heading = next(upward, None)
            if heading is not None and kinds[heading] is None and lines[heading].key in _AUTHOR_HEADINGS:
                box.append(heading)
            return box
        if len(box) == 3 or not _is_bio(text):
            break
        box.append(j)
    return []


def _is_bio(s: str) -> bool:
    return _word_count(s) <= 120 and _BIO.search(s) is not None


def _mark_teaser_sections(lines: list[_Line], kinds: list[str | None], nonblank: list[int]) -> None:
    k = 0
    while k < len(nonblank):
        i = nonblank[k]
        if kinds[i] not in (None, "teaser") or lines[i].key not in _TEASER_HEADINGS:
            k += 1
            continue
        kinds[i] = "teaser"
        m = k + 1
        while m < len(nonblank) and _is_teaser_like(lines[nonblank[m]].text):
            m += 1
        run = nonblank[k + 1 : m]
        signals = [j for j in run if _is_teaser_signal(lines[j].text, kinds[j])]
        if signals:
            section = run if m == len(nonblank) else [j for j in run if j <= signals[-1]]
        else:
            section = []
            for j in run:
                if not _is_headline_like(lines[j].text):
                    break
                section.append(j)
        for j in section:
            kinds[j] = "teaser" if kinds[j] in (None, "note", CAPS_LINK) else kinds[j]
        k = max(m, k + 1)


def _is_teaser_like(s: str) -> bool:
    words = _word_count(s)
    return (words <= 30 and len(s) <= 300) or (words <= 80 and s.endswith(_ELLIPSES))


def _mark_byline(lines: list[_Line], kinds: list[str | None], nonblank: list[int], headline: int) -> None:
    run: list[int] = []
    dated = False
    for j in nonblank[nonblank.index(headline) + 1 :]:
        if kinds[j] == "reading-time":
            continue
        parts = _BYLINE_SEPARATORS.split(lines[j].text) if kinds[j] is None else []
        parts = [p.strip() for p in parts if p.strip()]
        if not parts or not all(
            _is_date(p) or _is_by(p) or _is_name(p) or _READING_TIME.fullmatch(p) for p in parts
        ):
            break
        run.append(j)
        dated = dated or any(_is_date(p) or _is_by(p) for p in parts)
    if dated:
        for j in run:
            kinds[j] = "byline"


_NON_WORD = re.compile(r"\W+")


def _normalize_title(s: str) -> str:
    return " ".join(_NON_WORD.sub(" ", s.casefold()).split())


def _mark_duplicate_titles(
    lines: list[_Line], kinds: list[str | None], nonblank: list[int], headline: int | None, title: str | None
) -> None:
    keys = {_normalize_title(t) for t in (title or "", lines[headline].text if headline is not None else "")}
    keys = {key for key in keys if len(key.split()) >= 3 or len(key) >= 20}
    if not keys:
        return
    # normalizing drops punctuation and spacing, so a copy's length is close to its key's
    shortest, longest = min(len(key) for key in keys) * 2 // 3, max(len(key) for key in keys) * 3 // 2 + 10
    ends = tuple({(key.split(" ", 1)[0], key.rsplit(" ", 1)[-1]) for key in keys})  # a cheap test first
    seen: set[str] = set()
    for i in nonblank:
        text = lines[i].text
        if not shortest <= len(text) <= longest:
            continue
        low = text.casefold()
        if not any(first in low and last in low for first, last in ends):
            continue
        key = _normalize_title(text)
        if key in keys:
            if key in seen and kinds[i] in (None, CAPS_LINK):
                kinds[i] = "duplicate-title"
            seen.add(key)


def _spans(lines: list[_Line], kinds: list[str | None]) -> list[BoilerplateSpan]:
    """One span per run of same-kind lines; blank lines between them do not break the run."""
    spans: list[BoilerplateSpan] = []
    kind: str | None = None
    start = end = 0
    for line, line_kind in zip(lines, kinds):
        if line_kind is None and not line.text:
            continue
        if line_kind is not None and line_kind == kind:
            end = line.end
            continue
        if kind is not None:
            spans.append(BoilerplateSpan(start, end, kind))
        kind, start, end = line_kind, line.start, line.end
    if kind is not None:
        spans.append(BoilerplateSpan(start, end, kind))
    return spans


# --- publisher widgets that span lines or sit inside them (see ``widgets``) --------------------

_MAX_CAPTION_WORDS = 80
_MAX_HIGHLIGHTS = 5


def _mark_widget_neighbours(lines: list[_Line], kinds: list[str | None], nonblank: list[int]) -> None:
    """A caption right above a lone "(Photo: …)" credit; the bullet lines under "Story highlights"
    (short, no closing full stop); the short links under a "What to know about …:" heading."""
    for k, i in enumerate(nonblank):
        text = lines[i].text
        if kinds[i] == "caption" and k and is_lone_credit(text):
            above = nonblank[k - 1]
            if kinds[above] is None and lines[above].words <= _MAX_CAPTION_WORDS:
                kinds[above] = "caption"
        elif kinds[i] == "summary" and is_highlights_start(text):
            for j in nonblank[k + 1 : k + 1 + _MAX_HIGHLIGHTS]:
                line = lines[j].text
                if kinds[j] is not None or _word_count(line) > 25 or line[-1] in ".!?" or line.startswith("("):
                    break
                kinds[j] = "summary"
        elif kinds[i] is None and is_list_heading(text):
            run = []
            for j in nonblank[k + 1 :]:
                line = lines[j].text
                if kinds[j] not in (None, "teaser") or _word_count(line) > 15 or line[-1] in ".!?\"”":
                    break
                run.append(j)
            if run:
                for j in [i, *run]:
                    kinds[j] = "teaser"


def _with_inline(text: str, lines: list[_Line], kinds: list[str | None],
                 spans: list[BoilerplateSpan]) -> tuple[list[BoilerplateSpan], int]:
    """The whole-line spans plus widgets found inside lines of article text, in order; and the
    words outside them (a line of article text has its words, but for its inline widgets')."""
    inline = []
    words = 0
    for line, kind in zip(lines, kinds):
        if kind is not None:
            continue
        stripped = line.text
        if "(" in stripped or "<" in stripped or " MORE" in stripped:
            found = inline_widgets(stripped)
            if found:
                offset = text.index(stripped[0], line.start)  # past the line's leading whitespace
                inline += [BoilerplateSpan(offset + a, offset + b, k) for a, b, k in found]
                words += count_words(mask_spans(stripped, [BoilerplateSpan(a, b, k) for a, b, k in found]))
                continue
        words += line.words
    if not inline:
        return spans, words
    return sorted([*spans, *inline], key=lambda span: span.start), words

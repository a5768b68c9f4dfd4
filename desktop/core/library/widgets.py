"""Publisher widgets in plain-text captures: the families news sites leave in copied text.

``widget_kind(line)`` names the kind of a whole line (or None); ``inline_widgets(line)`` finds
widgets inside a line of article text (``(RELATED: …)``, The Hill's name hover-cards, raw link
markup) as (start, end, kind) offsets into the line. Both are called by ``boilerplate`` for
every line, so each test is gated by something cheap (the first word, the last characters, a
keyword) before any pattern runs.

The families, learnt from real AllSides captures (tests/data/widget_lines.md):

* video and audio players: CNN "JUST WATCHED … Replay More Videos … MUST WATCH", BBC "Media playback
  is unsupported on your device", NPR "Listen · 4:07", "WATCH: …", "Related Video …";
* photo captions and credits: NPR "Enlarge this image toggle caption …", BBC "Image copyright …
  Image caption …", "FILE PHOTO: …", "FILE - In this … photo", lines ending in "(AP Photo/…)",
  "REUTERS/Name", "Name/Getty Images", a lone "(Photo: …)" line and the caption right above it;
* related links: "(RELATED: …)", "( Also on POLITICO: …)", USA TODAY "More:…" and "ANALYSIS:…",
  "Related Articles …", "READ: …", "Read Anthony's full analysis", ALL-CAPS link lines, The Hill's
  hover-cards ("Donald John TrumpGOP senators balk … MORE");
* share prompts and separators: "Share This Story Tweet Share", "Follow us on Twitter", "Follow X
  on Twitter", "Read or Share this story: …", "CLOSE", "___" / "******";
* author taglines: "Write to … at …@wsj.com", "Editor's note: …", "… Follow him on Twitter …";
* notices: "Click here for reprint permission.", "Copyright © …", the Daily Caller News
  Foundation licence, "All rights reserved";
* promotions: "Story Continued Below", "Tune into ABC at …", podcasts, "Newsletter Sign-up",
  "Add … as an interest";
* notes: corrections ("Correction: …", "(Note: An earlier version …)"), "Updated at 7:45 p.m.
  ET", "5 years ago" alone on a line;
* summaries that repeat the text: CNN "Story highlights" and the lines under it, pull quotes
  ("“…” Name, role"), "[pullquote]".

Conservative like the rest of ``boilerplate``: a family needs its own marker, never only a
short line.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

# --- whole lines ----------------------------------------------------------------------------

_VIDEO = re.compile(
    r"JUST WATCHED\b.*\bReplay\b|Media playback is unsupported on your device"
    r"|(?:WATCH|Watch|VIDEO|Video|LISTEN)\s*:(?:\s.{0,150})?$|Related Video\b"
    r"|(?:YouTube|Video|Play Video|Replay)$"
)
_LISTEN = re.compile(r"\bListen\s*·\s*\d{1,2}:\d{2}\b")
_POSTED = re.compile(r"\bA (?:video|photo) posted by .{1,80}\(@\w+\)", _I)
_CAPTION_START = re.compile(
    r"(?:Enlarge this image\s+)?(?:toggle|hide)\s+caption\b|Image copyright\b|Image caption\b"
    r"|FILE PHOTO\s*:|FILE\s+[-–—]\s|In this (?:\w+ ){0,6}?(?:file )?photo\b|Slideshow \(\d+ Images?\)$"
    r"|(?:next|prev|previous)\s+Image \d+ of \d+$",
    _I,
)
_AGENCY = (
    r"(?:Getty\s*Images|AP(?:\s+Photo)?|Reuters|REUTERS|AFP|EPA(?:-EFE)?|Landov|Shutterstock|Bloomberg|UPI"
    r"|Pool|Sipa(?:\s+USA)?|ZUMA(?:\s+Wire|\s+Press)?|NurPhoto|Redux|TNS|Polaris|Xinhua|Anadolu Agency"
    r"|Corbis|Alamy|dpa|Kyodo|Yonhap|Invision)"
)
_CREDIT_END = re.compile(
    r"(?:\(AP Photo(?:/[^)]{1,80})?\)|\bREUTERS/[A-Z][\w.'’ -]{1,40}"
    rf"|[A-Za-z.]\s?/\s?(?:[A-Z][\w.&'’ -]{{0,40}}/)*{_AGENCY}(?:\s+via\s+[A-Z][\w ]{{1,30}})?"
    rf"|\b[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){{0,3}}\s(?:for|via)\s{_AGENCY}"
    r"|\((?:Photo|Photos|Credit|Image|Illustration|Graphic)s?\s*:[^)]{1,120}\))\.?$"
)
_CREDIT_LINE = re.compile(r"\((?:Photo|Photos|Credit|Image|Illustration|Graphic)s?\s*:[^)]{1,120}\)$", _I)
_SOURCES = re.compile(r"Sources?\s*:\s+\S", _I)
_CAPS_COLON = r"[A-Z][A-Z ]{2,20}:(?=[A-Z'\"‘“])"  # "WATCH IT:Headline", the colon at index 3-21
_TEASER = re.compile(
    r"More\s*:\s*\S|" + _CAPS_COLON + r"|READ\s*:\s|Related Articles\b|Full Coverage\s*:"
    r"|Read [A-Z][\w’']*(?:['’]s)? full (?:analysis|story|report|coverage)\b"
    r"|\(\s*(?:Also on [A-Z]+|PHOTOS?|VIDEOS?|RELATED|READ MORE|SEE ALSO|MORE)\s*:[^)]*\)$"
    r"|Read or Share this story\s*:",
)
_LIST_HEADING = re.compile(
    r"(?:What (?:to|you need to) know about .{3,60}|Other (?:key |top )?.{0,40}stories(?: from .{1,30})?"
    r"|More (?:on|about) .{3,60}|Related(?: coverage| stories)?)\s*:$",
    _I,
)
_ALL_CAPS = re.compile(r"[A-Z0-9][A-Z0-9'’,.&:!?$%-]*(?:\s+[A-Z0-9'’,.&:!?$%-]+){2,14}")
_SHARE_WORDS = frozenset(
    ["share", "this", "story", "article", "tweet", "pin", "email", "e-mail", "print", "facebook", "twitter", "linkedin", "whatsapp", "reddit", "comment", "comments", "save", "copy", "link", "sms", "messenger", "flipboard"]
)
_SHARE_STARTS = frozenset(".,:|" + "".join(word[0] for word in _SHARE_WORDS))  # how such a line can start
_SHARE = re.compile(
    r"(?:Follow|Join|Like|Find)\s+us\s+on\s+(?:Twitter|Facebook|Instagram|Flipboard|LinkedIn)|Facebook\.com/\w"
    r"|Flipboard magazine|Follow\s+@\w+"
    r"|Follow\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s+on\s+(?:Twitter|Facebook|Instagram)\b",
)
_SEPARATOR = re.compile(r"[_*=~#•·^-]{3,}|\[pullquote\]", _I)
_GRAPHIC = re.compile(r"\[?(?:Graphic|Interactive|Infographic)\s*(?::|ID\b)|Key Findings$", _I)
_BIO = re.compile(r"Write to .{2,80}\bat\s+\S+@\S+|Editor['’]s note\s*:", _I)
_FOLLOW_ME = re.compile(r"\bFollow (?:him|her|them) on (?:Twitter|Facebook|Instagram)\b", _I)
_STAFF_LINE = re.compile(
    r"[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){0,3} is (?:a |an |the )?(?:[A-Z][\w.&'’-]*['’]s? )?(?:[\w'’-]+ ){0,4}"
    r"(?:writer|reporter|columnist|correspondent|editor|contributor|analyst)\b[^.!?]{0,80}\.$"
)
_NOTICE = re.compile(
    r"Click here for reprint permission|available without charge to any eligible news publisher"
    r"|may not be (?:re)?published, broadcast, rewritten,? or redistributed|\bAll rights reserved\b"
    r"|Copyright\s*(?:©|\(c\)|\d{4})|©\s*\d{4}",
    _I,
)
_PROMO = re.compile(
    r"Story Continued Below|Advertisement Continue reading the main story"
    r"|Tune in(?:to)?\b.{0,200}\b(?:ET|PT|live|coverage|weeknights|weekdays?)\b"
    r"|(?:Catch up|Listen|Subscribe)\b.{0,120}\bpodcast\b|Newsletter Sign-?up|Sign up for .{0,40}Newsletters?\b"
    r"|\bas an interest to stay up to date\b|CLICK HERE (?:TO|FOR) (?:GET|DOWNLOAD|SIGN)",
    _I,
)
_NAV = re.compile(
    r"Don['’]t see the (?:graphic|video|chart) above\?"
    r"|\(?Click here to (?:jump|see|view|read)\b|This article (?:is )?tagged under\s*:",
    _I,
)
_NOTICE_HINTS = ("©", "copyright", "reprint", "eligible news", "redistributed", "rights reserved")  # casefolded
_NAV_HINTS = re.compile("refresh this page|click here|see the|tagged under")
_AGENCY_ENDINGS = ("Getty Images", "AP", "Reuters", "REUTERS", "AFP", "EPA", "Photo", "Shutterstock", "Bloomberg",
                   "UPI", "Pool", "USA", "Wire", "Press", "NurPhoto", "Redux", "TNS", "Polaris", "Xinhua", "Agency",
                   "Corbis", "Alamy", "dpa", "Kyodo", "Yonhap", "Invision", "Landov", "EFE", "Sipa", "ZUMA")
_TIP = re.compile(r"Do you have (?:more )?information about this\b", _I)
_NOTE = re.compile(
    r"\(?(?:Note|Correction|Clarification|Editor['’]s note)s?\s*:\s*(?:An?|The) (?:earlier|previous) version"
    r"|Corrections?\s*(?:&|and)\s*Amplifications|Correction\s*:|\(This .{3,40} story (?:corrects|adds|updates)"
    r"|A corrected version of (?:the|this) story is below"
    r"|(?:Updated|Update|Last updated)(?:\s+at|\s+on)?\s*:?\s*\d{1,2}(?::\d{2})?\s*[ap]\.?m\.?"
    r"(?:\s*(?:ET|EST|EDT|PT|PST|PDT|CT|CST|CDT|GMT|UTC|BST))?\.?$"
    r"|\d{1,2}\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\s+ago$",
    _I,
)
_AP_CORRECTION = re.compile(r"\bIn a story .{3,40}\babout\b.{0,300}\bThe Associated Press\b", _I)
_HIGHLIGHTS = re.compile(r"Story highlights\b", _I)
_PULL_QUOTE = re.compile(
    r"[“\"].{10,300}[”\"]\s*[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){0,3},\s+[a-z][\w ,'’-]{2,60}$"
)

CAPS_LINK = "caps-link"  # an ALL-CAPS link line; boilerplate keeps it when it is the headline or a copy of it
WIDGET_KINDS: dict[str, str] = {
    "video": "a video or audio player: its title, duration, \"Replay\", \"Media playback is unsupported\"",
    "caption": "a photo caption or credit: \"toggle caption\", \"Image copyright\", \"(AP Photo/…)\", \"Getty Images\"",
    "note": "a correction or update note, or a bare timestamp such as \"Updated at 7:45 p.m. ET\"",
    "summary": "\"Story highlights\" or a pull quote: words repeated from the article",
}


_ANY_START = re.compile("|".join(f"(?:{p.pattern})" for p in (
    _VIDEO, _CAPTION_START, _TEASER, _BIO, _PROMO, _NAV, _TIP, _NOTE, _HIGHLIGHTS, _SEPARATOR, _GRAPHIC, _SOURCES,
    _SHARE)), _I)
# The same families by the ASCII character a line starts with (casefolded), the ones that can
# start so: a prose line is tried against a few of them, not all (tests check these sets against
# the patterns). The ALL-CAPS "WORD:" teaser starts with any letter and is tried apart.
_FAMILY_STARTS = (
    (_VIDEO.pattern, "jmwvlrpy"), (_CAPTION_START.pattern, "ethifsnp"),
    (_TEASER.pattern.replace(_CAPS_COLON + "|", "", 1), "mrf("), (_BIO.pattern, "we"), (_PROMO.pattern, "satcln"),
    (_NAV.pattern, "d(ct"), (_TIP.pattern, "d"), (_NOTE.pattern, "(ncedaul0123456789"), (_HIGHLIGHTS.pattern, "s"),
    (_SEPARATOR.pattern, "_*=~#^-["), (_GRAPHIC.pattern, "[gik"), (_SOURCES.pattern, "s"), (_SHARE.pattern, "fjl"),
)
_STARTS_WITH = {c: re.compile("|".join(f"(?:{p})" for p, starts in _FAMILY_STARTS if c in starts), _I)
                for c in {c for _, starts in _FAMILY_STARTS for c in starts}}
_CAPS_COLON_START = re.compile(_CAPS_COLON, _I)


def _starts_a_family(s: str) -> bool:
    """``_ANY_START.match(s) is not None``, trying only the families that can start with s[0]."""
    first = s[0]
    if not first.isascii():  # "K" (Kelvin) and "ſ" match "k" and "s" ignoring case: all families
        return _ANY_START.match(s) is not None
    families = _STARTS_WITH.get(first.lower())
    if families is not None and families.match(s) is not None:
        return True
    return first.isalpha() and ":" in s[3:22] and _CAPS_COLON_START.match(s) is not None


def _notice_hint(low: str) -> bool:
    return ("©" in low or "copyright" in low or "reprint" in low or "eligible news" in low
            or "redistributed" in low or "rights reserved" in low)


def widget_kind(s: str, words: int, low: str | None = None) -> str | None:
    """The kind of a whole (stripped) line that is a publisher widget, else None (``low``: the
    line casefolded, when the caller has it)."""
    first = s[0]
    low = s.casefold() if low is None else low
    if not _starts_a_family(s):  # no family starts this line: only the ones found anywhere in it
        return _anywhere_kind(s, words, first, low)
    if first in "_*=~#•·^-[" and _SEPARATOR.fullmatch(s):
        return "widget"
    if words <= 40 and first in "[GIiK" and _GRAPHIC.match(s):
        return "caption" if first != "K" else "summary"
    if _VIDEO.match(s) and (words <= 80):
        return "video"
    if words <= 80 and (("Listen" in s and _LISTEN.search(s)) or ("posted by" in s and _POSTED.search(s))):
        return "video"
    if words <= 120 and _CAPTION_START.match(s):
        return "caption"
    if words <= 90 and ("/" in s[-120:] or s[-1] == ")" or s.rstrip(". ").endswith(_AGENCY_ENDINGS)) \
            and _CREDIT_END.search(s[-200:]):
        return "caption"
    if words <= 20 and first == "S" and _SOURCES.match(s):
        return "caption"
    if words <= 120 and _notice_hint(low) and _NOTICE.search(s) and (
            words <= 60 or "eligible news publisher" in s):
        return "notice"
    if words <= 40 and _TEASER.match(s):
        return "teaser"
    if words <= 120 and ((s[0] in "WwEe" and _BIO.match(s)) or ("Follow " in s and _FOLLOW_ME.search(s))):
        return "author-bio"
    if words <= 20 and s[-1] == "." and " is " in s and _STAFF_LINE.fullmatch(s):
        return "author-bio"
    if words <= 25 and _SHARE.match(s):
        return "widget"
    if 2 <= words <= 12 and _only_share_words(s, low):
        return "widget"
    if words <= 60 and _PROMO.match(s):
        return "promo"
    if words <= 40 and first in "DdTt(CcHh" and _TIP.match(s):
        return "widget"
    if words <= 40 and _NAV_HINTS.search(low) and (_NAV.match(s) or "refresh this page" in low):
        return "navigation"
    if words <= 60 and _NOTE.match(s):
        return "note"
    if words <= 120 and "Associated Press" in s and _AP_CORRECTION.search(s):
        return "note"
    if words <= 40 and first == "S" and _HIGHLIGHTS.match(s):
        return "summary"
    if words <= 60 and first in "“\"" and s[-1].isalpha() and _PULL_QUOTE.fullmatch(s):
        return "summary"
    return _anywhere_kind(s, words, first, low)


def _only_share_words(s: str, low: str) -> bool:
    """Whether every word of the line is a share-button word ("Share", "Tweet", "Email", ...)."""
    if low[0] not in _SHARE_STARTS:  # the first word is not one
        return False
    return all(w.strip(".,:|").casefold() in _SHARE_WORDS for w in s.split())


def _anywhere_kind(s: str, words: int, first: str, low: str) -> str | None:
    """The families recognised by what a line ends with or holds, not by how it starts."""
    if words <= 80 and (("Listen" in s and _LISTEN.search(s)) or ("posted by" in s and _POSTED.search(s))):
        return "video"
    if words <= 90 and ("/" in s[-120:] or s[-1] == ")" or s.rstrip(". ").endswith(_AGENCY_ENDINGS)) \
            and _CREDIT_END.search(s[-200:]):
        return "caption"
    if words <= 120 and _notice_hint(low) and _NOTICE.search(s) and (
            words <= 60 or "eligible news publisher" in s):
        return "notice"
    if words <= 40 and "refresh this page" in low:
        return "navigation"
    if words <= 120 and "Follow " in s and _FOLLOW_ME.search(s):
        return "author-bio"
    if words <= 20 and s[-1] == "." and " is " in s and _STAFF_LINE.fullmatch(s):
        return "author-bio"
    if 2 <= words <= 12 and _only_share_words(s, low):
        return "widget"
    if words <= 120 and "Associated Press" in s and _AP_CORRECTION.search(s):
        return "note"
    if words <= 60 and first in "“\"" and s[-1].isalpha() and _PULL_QUOTE.fullmatch(s):
        return "summary"
    if 3 <= words <= 15 and first.isupper() and (s.isupper() if s.isascii() else s.upper() == s) \
            and _ALL_CAPS.fullmatch(s) and sum(
            c.isalpha() for c in s) >= 10:
        return CAPS_LINK
    return None


def is_list_heading(s: str) -> bool:
    """A heading that introduces a list of related links ("What to know about the virus:")."""
    return s.endswith(":") and len(s) <= 90 and _LIST_HEADING.fullmatch(s) is not None


def is_lone_credit(s: str) -> bool:
    """A line holding only a photo credit ("(Photo: Phil Sears, AP)"): its caption is the line above."""
    return s.startswith("(") and _CREDIT_LINE.fullmatch(s) is not None


def is_highlights_start(s: str) -> bool:
    return s.startswith(("Story highlights", "STORY HIGHLIGHTS"))


# --- inside a line --------------------------------------------------------------------------

_INLINE_RELATED = re.compile(
    r"\(\s*(?:RELATED|Also on [A-Z]+|PHOTOS?|VIDEOS?|READ MORE|SEE ALSO|WATCH)\s*:[^()\n]{1,300}\)"
)
_LINK_MARKUP = re.compile(r"</?a\b[^<>\n]{0,400}>")
_HOVER_MORE = re.compile(r" MORE\b")
_GLUE = re.compile(r"(?<=[a-z)])(?=[A-Z])")
_GLUE_PREFIXES = ("Mc", "Mac", "De", "Di", "Du", "La", "Le", "O", "Van", "Von", "i", "e")


def inline_widgets(s: str) -> list[tuple[int, int, str]]:
    """Widgets inside a line of article text: (start, end, kind), sorted, non-overlapping."""
    found: list[tuple[int, int, str]] = []
    if "(" in s and ":" in s:
        found += [(m.start(), m.end(), "teaser") for m in _INLINE_RELATED.finditer(s)]
    if "<" in s and ">" in s:
        found += [(m.start(), m.end(), "widget") for m in _LINK_MARKUP.finditer(s)]
    if " MORE" in s:
        found += _hover_cards(s)
    found.sort()
    out: list[tuple[int, int, str]] = []
    for start, end, kind in found:
        if out and start < out[-1][1]:
            continue
        out.append((start, end, kind))
    return out


def _hover_cards(s: str) -> list[tuple[int, int, str]]:
    """The Hill: "Sen. Angus King Angus KingOvernight Energy: … MORE": the full name glued to three
    headlines and "MORE". The widget starts after the name as written in the sentence."""
    cards = []
    after = 0
    for more in _HOVER_MORE.finditer(s):
        region_start = max(after, more.start() - 700)
        glue = None
        for m in _GLUE.finditer(s, region_start, more.start()):
            word_start = s.rfind(" ", region_start, m.start()) + 1
            word = s[word_start:m.start()]
            if len(word) >= 3 and not word.startswith("(") and word not in _GLUE_PREFIXES and word[0].isupper():
                glue = (word_start, m.start(), word)
                break
        if glue is None:
            continue
        word_start, _glue_at, last_name = glue
        previous = s.rfind(last_name, max(region_start, word_start - 90), word_start)
        if previous >= 0:
            start = previous + len(last_name)
            while start < word_start and s[start] in " ,":
                start += 1
        else:
            start = word_start
            for _ in range(4):  # up to four more capitalised words of the full name
                before = s.rfind(" ", region_start, start - 1) + 1
                token = s[before:start - 1]
                if before >= start - 1 or not token or not (token[0].isupper() or token[0] == "("):
                    break
                start = before
        end = more.end()
        if end - start >= 25:
            cards.append((start, end, "teaser"))
            after = end
    return cards


__all__ = ["CAPS_LINK", "WIDGET_KINDS", "inline_widgets", "is_highlights_start", "is_list_heading",
           "is_lone_credit", "widget_kind"]

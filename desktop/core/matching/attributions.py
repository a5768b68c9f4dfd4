"""Who cites whom: the outlets, journalists, agencies and people each article credits.

:func:`find_attributions` reads every article for attribution phrases — "first reported by",
"as (originally) reported by", "according to", "citing", "told", "confirmed to", "said in a
statement to", "with reference to", "X first reported", "X reported the news" — and turns them
into an :class:`~desktop.core.matching.comparison.AttributionGraph`: one edge per article and
cited source (outlet -> source), the source's kind (an outlet of this story, another outlet or
agency, a journalist, a person, an organisation) and whether the sentence is about the story
at all ("Bloomberg, citing an insider, reported the layoffs" of another company is not).

The **origin** is the source most articles trace the news itself to ("first reported",
"originally reported", "reported the news", "confirmed ... to", "reported by"), ties broken by
"first"/"originally" and then by the earliest article.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from functools import lru_cache

from desktop.core.matching.comparison import AttributionGraph, Citation
from desktop.core.matching.people import FIRST_NAMES
from desktop.core.matching.text_units import fold

__all__ = ["KNOWN_OUTLETS", "find_attributions"]

_NAME = r"(?:the\s+)?[A-Z][\w.&'’-]*(?:\s+(?:of(?:\s+the)?|and|&|for|de|to(?=\s+[A-Z])|[A-Z][\w.&'’-]*)){0,5}"
_PATTERNS = [
    # (verb, regex with a "source" group); the verb says how the source is credited
    ("first reported by", re.compile(rf"\b(?:first|originally|initially)\s+reported\s+by\s+(?:journalist\s+|reporter\s+)?"
                                     rf"(?P<source>{_NAME})")),
    ("reported by", re.compile(rf"\b(?:as\s+)?(?:was\s+)?reported\s+by\s+(?:journalist\s+|reporter\s+)?(?P<source>{_NAME})")),
    ("first reported", re.compile(rf"(?P<source>{_NAME})\s+(?:first|originally|initially)\s+reported\b")),
    ("reported the news", re.compile(rf"(?P<source>{_NAME})\s+(?:reported|broke)\s+the\s+(?:news|story)\b")),
    ("according to", re.compile(rf"\b[Aa]ccording\s+to\s+(?P<source>{_NAME})")),
    ("as reported", re.compile(rf"\b[Aa]s\s+(?P<source>{_NAME})\s+(?:first\s+)?reported\b")),
    ("citing", re.compile(rf"\b[Cc]iting\s+(?P<source>{_NAME})")),
    ("confirmed to", re.compile(rf"\bconfirmed\s+(?:by\s+[\w\s]{{1,40}}?\s+)?(?:the\s+news\s+|it\s+|this\s+)?to\s+"
                                rf"(?P<source>{_NAME})")),
    ("said in a statement to", re.compile(rf"\bsaid\s+in\s+a\s+statement\s+to\s+(?P<source>{_NAME})")),
    # "told CNN affiliate WCVB": the station that did the interview
    ("told", re.compile(rf"\btold\s+(?:(?:the\s+)?[A-Z][\w.&-]*\s+affiliate\s+)?(?P<source>{_NAME})")),
    ("with reference to", re.compile(rf"\bwith\s+reference\s+to\s+(?P<source>{_NAME})")),
    ("reported", re.compile(rf"(?:^|[.!?]\s+|\n)(?P<source>{_NAME}),?\s+(?:citing\s+[^,]{{1,60}},\s+)?reported\b")),
]
# the words (as written) a pattern cannot match without: a text holding none of them is not searched
_NEEDS = {"first reported by": ("reported",), "reported by": ("reported",), "first reported": ("reported",),
          "reported the news": ("reported", "broke"), "according to": ("ccording",), "as reported": ("reported",),
          "citing": ("iting",), "confirmed to": ("confirmed",), "said in a statement to": ("statement",),
          "told": ("told",), "with reference to": ("reference",), "reported": ("reported",)}
_ORIGIN_VERBS = ("first reported by", "first reported", "reported the news", "reported by", "confirmed to",
                 "as reported")
KNOWN_OUTLETS = frozenset({"reuters", "associated press", "ap", "afp", "bloomberg", "the register", "register",
    "zero day", "the verge", "techcrunch", "wired", "cnn", "fox news", "nbc news", "abc news", "cbs news", "npr",
    "bbc", "the guardian", "guardian", "the new york times", "new york times", "the washington post",
    "washington post", "wall street journal", "the wall street journal", "politico", "axios", "the hill",
    "usa today", "los angeles times", "financial times", "cnbc", "msnbc", "vox", "slate", "breitbart",
    "the intercept", "national review", "nro", "the daily beast", "huffpost", "buzzfeed news", "yahoo news",
    "the atlantic", "newsweek", "the economist", "al jazeera", "bfmtv", "le monde", "der spiegel",
    "the globe and mail", "cbc", "tass", "ria novosti", "interfax", "xinhua", "kyodo", "yonhap", "dpa", "ansa",
    "efe", "abc", "nbc", "cbs", "fox", "fox business network", "vanity fair", "gq", "rolling stone", "time",
    "the new yorker", "new yorker", "stars and stripes", "nhk", "le figaro", "bbc radio", "mother jones",
    "the nation", "propublica", "the free beacon", "washington free beacon", "daily caller", "the daily caller",
    "townhall", "mediaite", "the blaze", "newsmax", "c-span", "buzzfeed", "the beast", "daily beast", "the beacon",
    "free beacon", "fivethirtyeight", "538"})
_OUTLET_WORDS = re.compile(r"\b(?:news|times|post|journal|press|register|tribune|herald|gazette|daily|weekly|"
                           r"magazine|radio|tv|television|network|wire|agency|newsletter|blog|outlet)\b", re.I)
_AGENCIES = frozenset({"reuters", "associated press", "ap", "afp", "tass", "ria novosti", "interfax", "xinhua",
                       "kyodo", "yonhap", "dpa", "ansa", "efe", "bloomberg"})
_JOURNALIST = re.compile(r"\b(?:journalist|reporter|correspondent|columnist|editor|writer)\s+$", re.I)
_NOT_SOURCES = re.compile(r"^(?:the\s+)?(?:company|firm|government|report|reports|news|media|sources?|officials?|"
                          r"statement|he|she|it|they|this|that|an?\b.*|insiders?|people|person|one|some|as|and|but|so|while|"
                          r"when|if|after|before|in|on|at|by|we|i|i['’]ll|i['’]m|you|republicans|democrats|"
                          r"households|investors|analysts|economists|experts|voters|americans)$", re.I)
# a title before the name ("according to Rep. Devin Nunes", "the Rev. Marcos Miranda"), a sentence's
# opening word ("As Cortney reported"), and what may follow the name ("told CNN Tuesday", "David
# Bowdich of the FBI's LA office", "CNN Farook logged on"): none of it is the source's name
_TITLE = re.compile(r"^(?:the\s+)?(?:Rep|Reps|Sen|Sens|Mr|Mrs|Ms|Dr|Gov|Rev|Gen|Lt|Col|Sgt|Prof|Capt|Adm)\.\s+")
_OPENING = re.compile(r"^(?:As|And|But|So|Yet|Also|Then|Now)\s+(?=[A-Z])")
_TRAILING = re.compile(r"\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Today|Tonight|of)$")
# a verb that cites a source only when the source is news media: "Jordan told Taylor", "Kelly told
# Mueller", "Ford told the Senate Judiciary Committee" name who heard it, not whom the article cites
_MEDIA_ONLY = ("told", "reported", "confirmed to")  # "confirmed to the Supreme Court": a nomination
_MEDIA = ("outlet", "agency", "journalist")
# "X reported from Washington", "Y reported and wrote from Atlanta": a byline, not a citation
_BYLINE = re.compile(r"\s*(?:from\b|and\s+wrote\b|and\s+contributed\b)")
# "This story was reported by Dana Bash, ...": the article's own credits
_CREDIT_LINE = re.compile(r"(?:[Tt]his|[Tt]he)\s+(?:story|report|article)\s+(?:was\s+)?$")
# a role before a name: "San Bernardino Police Chief Jarrod Burguan", "Treasury Secretary Jack Lew"
_TITLED_PERSON = re.compile(r"\b(?:Chief|Secretary|Director|Spokes\w+|President|Minister|Commissioner|Sheriff|Mayor|"
                            r"Governor|Senator|Attorney|General|Chairman|Chairwoman|Ambassador|Adviser|Advisor)\s+"
                            r"[A-Z][\w'’-]+(?:\s+[A-Z][\w.'’-]+)+$")
# American broadcasters' call letters: "WSET", "KDFW", "WCVB-TV"
_CALL_LETTERS = re.compile(r"\b(?!(?:WHO|WTO|WWF|WWE|WFP)\b)[KW][A-Z]{2,3}(?:-TV|-FM|-AM)?$")
# "CNN's Jake Tapper" (a journalist), "ABC's “This Week”", "CNN's State of the Union" (a programme)
_POSSESSIVE = re.compile(r"^(?:the\s+)?(?P<outlet>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3})['’]s?\s+(?P<rest>.+)$")
_ROLE = re.compile(r"^(?:the\s+)?(?:president|prime\s+minister|governor|mayor|senator|secretary|chancellor)$", re.I)
_ORG_WORDS = re.compile(r"\b(?:department|ministry|inc|corp|lab|labs|group|company|agency|bureau|office|"
                        r"commission|council|committee|university|police|government|administration|analytics|"
                        r"parenthood|institute|center|centre|foundation|association|project|fund|coalition|"
                        r"alliance|society|bank|research|partners|poll|survey|house|media|museum|hospital|medical|clinic)\b", re.I)


def _clean(source: str) -> str:
    source = _OPENING.sub("", _TITLE.sub("", " ".join(source.split())))
    # a full stop ends the name, unless it ends an initial or a dotted abbreviation ("U.S. Capitol Police")
    source = re.split(r"(?<!\b[A-Z])\.\s", source + " ")[0]
    source = source.strip(" ,.;:’'\"")
    source = re.sub(r"\s+(?:on|in|at|that|who|which|with|as|citing|said|says|reported|first)\b.*$", "", source)
    source = re.sub(r"\s+and\b(?!\s+[A-Z]).*$", "", source)  # "the Department of Health and Human Services" stays whole
    source = re.sub(r"(?:'s|’s)$", "", source)
    person_of = re.match(r"([A-Z][\w'’-]+(?:\s+[A-Z][\w.'’-]+){1,2})\s+of\s", source)
    if person_of and fold(person_of.group(1).split()[0]) in FIRST_NAMES:
        source = person_of.group(1)  # "David Bowdich of the FBI's LA office"
    while _TRAILING.search(source):
        source = _TRAILING.sub("", source)
    return source


def _kind(source: str, before: str, people: set[str], outlets: Mapping[str, int],
          surnames: set[str] = frozenset()) -> str:
    lowered = source.lower()
    bare = re.sub(r"^the\s+", "", lowered)
    if bare in outlets or lowered in outlets:
        return "outlet"
    if bare in _AGENCIES:
        return "agency"
    if re.sub(r"\s+news$", "", bare) in _AGENCIES:
        return "agency"  # "Bloomberg News"
    possessive = _POSSESSIVE.match(source)
    if possessive and _kind(possessive.group("outlet"), "", people, outlets) in ("outlet", "agency"):
        rest = possessive.group("rest").split()  # "CNN's Jake Tapper", or a programme: "CNN's State of the Union"
        named = 2 <= len(rest) <= 3 and all(w[:1].isupper() or w in ("van", "de", "von") for w in rest)
        return "journalist" if named else "outlet"
    if lowered in KNOWN_OUTLETS or bare in KNOWN_OUTLETS or _OUTLET_WORDS.search(source) or \
            re.search(r"\.(?:com|org|net|co\.uk)$", lowered) or _CALL_LETTERS.search(source):
        return "outlet"
    if _JOURNALIST.search(before):
        return "journalist"
    if _ROLE.match(source) or _TITLED_PERSON.search(source) or (
            not lowered.startswith("the ") and (lowered in people or bare in people)):
        return "person"
    words = source.split()
    if len(words) == 1 and (lowered in surnames or fold(source) in FIRST_NAMES):
        return "person"  # "according to Priebus": a surname of someone the story names; "according to Nina"
    if _ORG_WORDS.search(source) or lowered.startswith("the "):
        return "organisation"
    return "person" if len(words) in (2, 3) and all(w[:1].isupper() for w in words) else "organisation"


def find_attributions(articles: Sequence, split: Mapping | None = None,
                      atomic: Mapping[int, Sequence] | None = None) -> AttributionGraph:
    """The story's attribution graph (see the module docstring). ``articles``: Article objects
    (``text``, ``source``, ``boilerplate``); ``atomic``: their atomic facts (people's names, and
    the names only one article uses, which mark a sentence about something else)."""
    atomic = atomic or {}
    people = {m.value.lower() for ms in atomic.values() for m in ms if m.kind == "entity"
              and m.entity_type == "person"}
    # surnames of names of unknown type written in full ("Alexios Mantzarlis"): "according to Mantzarlis"
    surnames = {m.value.lower().split()[-1] for ms in atomic.values() for m in ms if m.kind == "entity"
                and m.entity_type in ("person", None) and len(m.value.split()) in (2, 3)}
    journalists = set()
    names_of: dict[str, set[int]] = defaultdict(set)
    for article, ms in atomic.items():
        for m in ms:
            if m.kind == "entity" and m.entity_type != "place":
                names_of[m.key].add(article)
    outlets = {a.source.lower(): a.id for a in articles if a.source}
    citations: list[Citation] = []
    for article in articles:
        text = article.text
        skip = [(s.start, s.end) for s in article.boilerplate if s.active]
        own = sorted((m.start, m.value.lower()) for m in atomic.get(article.id, ())
                     if m.kind == "entity" and m.entity_type != "place" and len(names_of[m.key]) == 1)
        own_starts = [o for o, _name in own]
        seen = set()
        for verb, m_start, m_end, start, end, written in _found(text):
            if any(s < end and start < e for s, e in skip):
                continue
            source = _clean(written)
            if not source or _NOT_SOURCES.match(source) or len(source) < 2 or (article.id, start) in seen:
                continue
            if not any(ch.isupper() for ch in source):
                continue
            possessive = _POSSESSIVE.match(source)
            if article.source and (_same_outlet(source, article.source) or (
                    possessive and _same_outlet(possessive.group("outlet"), article.source))):
                continue  # the article's own outlet, or its own reporter ("told NPR's Liz Halloran" in NPR)
            before = text[max(0, m_start - 40):start]
            kind = _kind(source, before + " ", people, outlets, surnames)
            if verb in _MEDIA_ONLY and kind not in _MEDIA and not _known_journalist(source, journalists) \
                    and not (verb == "reported" and kind == "organisation" and _ORG_WORDS.search(source)):
                continue  # "Kelly told Mueller", "Households reported": no one cited (a police report is)
            if verb == "reported" and _BYLINE.match(text, m_end):
                continue
            if verb == "reported by" and _CREDIT_LINE.search(text, max(0, m_start - 40), m_start):
                continue
            seen.add((article.id, start))
            if kind == "journalist":
                journalists.add(source.lower())
            sentence = _sentence(text, m_start)
            first = bisect_left(own_starts, sentence[0])
            about = not any(name not in source.lower() for offset, name in own[first:bisect_left(own_starts,
                                                                                                 sentence[1])])
            at = min(m_start, start) if verb == "reported" else m_start
            at = start if verb in ("reported", "first reported", "reported the news") else at
            stop = m_end
            if text.startswith(source, start):
                stop = max(stop if verb in ("reported", "first reported", "reported the news") else 0,
                           start + len(source))
            citations.append(Citation(article.id, at, stop, text[at:stop],
                                      source, kind, verb, about,
                                      outlets.get(source.lower(), outlets.get(re.sub(r"^the\s+", "",
                                                                                      source.lower())))))
    citations = _merge_names(citations, journalists)
    citations.sort(key=lambda c: (c.article, c.start))
    return AttributionGraph(tuple(citations), *_origin(citations))


def _outlet_core(name: str) -> str:
    """"NPR Online News", "CNN (Web News)", "The Fox News" -> "npr", "cnn", "fox"."""
    words = re.findall(r"[a-z0-9]+", name.lower())
    return " ".join(w for w in words if w not in ("the", "online", "web", "news", "com"))


def _same_outlet(a: str, b: str) -> bool:
    return bool(_outlet_core(a)) and _outlet_core(a) == _outlet_core(b)


def _known_journalist(source: str, journalists: set[str]) -> bool:
    """Whether ``source`` is a journalist named so elsewhere ("told Crowley" after "CNN's Candy Crowley")."""
    last = source.lower().split()[-1]
    return any(j.split()[-1] == last for j in journalists)


@lru_cache(maxsize=1024)  # articles: comparing again re-reads only the articles that changed
def _found(text: str) -> tuple[tuple[str, int, int, int, int, str], ...]:
    """Every pattern's matches in the text, pattern by pattern: (verb, start, end, the source's
    start, end and words as written)."""
    return tuple((verb, match.start(), match.end(), match.start("source"), match.end("source"), match.group("source"))
                 for verb, pattern in _PATTERNS if any(word in text for word in _NEEDS[verb])
                 for match in pattern.finditer(text))


def _merge_names(citations: list[Citation], journalists: set[str]) -> list[Citation]:
    """"Zetter" is "Kim Zetter"; "Register" is "The Register"; a journalist stays one."""
    full = {}
    for c in citations:
        words = c.source.split()
        if len(words) > 1:
            full.setdefault(words[-1].lower(), c.source)
    out = []
    for c in citations:
        source = c.source
        if len(source.split()) == 1 and source.lower() in full:
            source = full[source.lower()]
        kind = "journalist" if source.lower() in journalists or (any(
            j.split()[-1] == source.lower().split()[-1] for j in journalists) and c.source_kind == "person") \
            else c.source_kind
        out.append(Citation(c.article, c.start, c.end, c.text, source, kind, c.verb, c.about_story, c.in_story))
    return out


def _origin(citations: Sequence[Citation]) -> tuple[str | None, tuple[int, ...]]:
    by_source: dict[str, set[int]] = defaultdict(set)
    first: Counter = Counter()
    for c in citations:
        if c.about_story and c.verb in _ORIGIN_VERBS:
            by_source[c.source].add(c.article)
            if c.verb.startswith("first") or "originally" in c.text.lower() or "first" in c.text.lower():
                first[c.source] += 1
    if not by_source:
        return None, ()
    best = max(by_source, key=lambda s: (len(by_source[s]), first[s], -min(by_source[s])))
    return best, tuple(sorted(by_source[best]))


def _sentence(text: str, offset: int) -> tuple[int, int]:
    start = max(text.rfind(". ", 0, offset) + 2, text.rfind("\n", 0, offset) + 1, 0)
    ends = [i for i in (text.find(". ", offset), text.find("\n", offset)) if i >= 0]
    return start, (min(ends) if ends else len(text))

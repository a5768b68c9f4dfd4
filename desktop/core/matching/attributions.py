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

__all__ = ["KNOWN_OUTLETS", "find_attributions"]

_NAME = r"(?:the\s+)?[A-Z][\w.&'’-]*(?:\s+(?:of|and|&|for|de|[A-Z][\w.&'’-]*)){0,5}"
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
    ("told", re.compile(rf"\btold\s+(?P<source>{_NAME})")),
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
KNOWN_OUTLETS = frozenset(name.strip() for name in ["reuters", " associated press", " ap", " afp", " bloomberg", " the register", " register", " zero day", " the verge", " techcrunch", " wired", " cnn", " fox news", " nbc news", " abc news", " cbs news", " npr", " bbc", " the guardian", " guardian", " the new york times", " new york times", " the washington post", " washington post", " wall street journal", " the wall street journal", " politico", " axios", " the hill", " usa today", " los angeles times", " financial times", " cnbc", " msnbc", " vox", " slate", " breitbart", " the intercept", " national review", " nro", " the daily beast", " huffpost", " buzzfeed news", " yahoo news", " the atlantic", " newsweek", " the economist", " al jazeera", " bfmtv", " le monde", " der spiegel", " the globe and mail", " cbc", " tass", " ria novosti", " interfax", " xinhua", " kyodo", " yonhap", " dpa", " ansa", " efe"])
_OUTLET_WORDS = re.compile(r"\b(?:news|times|post|journal|press|register|tribune|herald|gazette|daily|weekly|"
                           r"magazine|radio|tv|television|network|wire|agency|newsletter|blog|outlet)\b", re.I)
_AGENCIES = frozenset({"reuters", "associated press", "ap", "afp", "tass", "ria novosti", "interfax", "xinhua",
                       "kyodo", "yonhap", "dpa", "ansa", "efe", "bloomberg"})
_JOURNALIST = re.compile(r"\b(?:journalist|reporter|correspondent|columnist|editor|writer)\s+$", re.I)
_NOT_SOURCES = re.compile(r"^(?:the\s+)?(?:company|firm|government|report|reports|news|media|sources?|officials?|"
                          r"statement|he|she|it|they|this|that|an?\b.*|insiders?|people|person|one|some|as|and|but|so|while|"
                          r"when|if|after|before|in|on|at|by)$", re.I)
_ORG_WORDS = re.compile(r"\b(?:department|ministry|inc|corp|lab|labs|group|company|agency|bureau|office|"
                        r"commission|council|committee|university|police|government|administration)\b", re.I)


def _clean(source: str) -> str:
    source = re.split(r"\.\s", " ".join(source.split()) + " ")[0]
    source = source.strip(" ,.;:’'\"")
    source = re.sub(r"\s+(?:on|in|at|that|who|which|with|and|as|citing|said|says|reported|first)\b.*$", "", source)
    source = re.sub(r"(?:'s|’s)$", "", source)
    return source


def _kind(source: str, before: str, people: set[str], outlets: Mapping[str, int]) -> str:
    lowered = source.lower()
    bare = re.sub(r"^the\s+", "", lowered)
    if bare in outlets or lowered in outlets:
        return "outlet"
    if bare in _AGENCIES:
        return "agency"
    if lowered in KNOWN_OUTLETS or bare in KNOWN_OUTLETS or _OUTLET_WORDS.search(source):
        return "outlet"
    if _JOURNALIST.search(before):
        return "journalist"
    if lowered in people or bare in people:
        return "person"
    if _ORG_WORDS.search(source):
        return "organisation"
    return "person" if len(source.split()) in (2, 3) and all(w[:1].isupper() for w in source.split()) else \
        "organisation"


def find_attributions(articles: Sequence, split: Mapping | None = None,
                      atomic: Mapping[int, Sequence] | None = None) -> AttributionGraph:
    """The story's attribution graph (see the module docstring). ``articles``: Article objects
    (``text``, ``source``, ``boilerplate``); ``atomic``: their atomic facts (people's names, and
    the names only one article uses, which mark a sentence about something else)."""
    atomic = atomic or {}
    people = {m.value.lower() for ms in atomic.values() for m in ms if m.kind == "entity"
              and m.entity_type == "person"}
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
            if article.source and source.lower() == article.source.lower():
                continue
            seen.add((article.id, start))
            before = text[max(0, m_start - 40):start]
            kind = _kind(source, before + " ", people, outlets)
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

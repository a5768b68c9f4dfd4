"""The story's timeline: dated events, what happened, which outlets state it.

:func:`build_timeline` takes the date mentions of a comparison (the atomic dates and the
relative dates of :mod:`desktop.core.matching.relative_dates`) and groups them into events: the
same date (a yearless date joins the full one) whose clauses say the same thing (the same aligned
fact, or most content words in common). Each event gets its label from its clause
(:mod:`desktop.core.matching.timeline_labels`: "Ban officially takes effect", "Tom Barrett was
defeated by Walker") and is marked when one of its dates takes part in a conflict. Left out: dates
that are only when someone spoke ("said on Monday", "on Tuesday night, Palmieri denied"), the
publication line, repeats, widget headlines, years inside names ("the 2012 nominee"), the bounds of
a count ("from April 2018 to January 2019"), a speaker's own "today", a "tomorrow", and rows whose
label names who but not what happened. Dates without a year take the year the story's
other dates give it (``year_inferred``); a relative date in an undated article is listed as
"date unknown".
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from functools import lru_cache

from desktop.core.library.dates import readable_date
from desktop.core.matching.comparison import Mention, TimelineEvent
from desktop.core.matching.conflicts import ValueMention
from desktop.core.matching.relative_dates import relative_dates
from desktop.core.matching.similarity import weighted_terms
from desktop.core.matching.timeline_labels import event_label, sentence_around, without_caption_titles
from desktop.core.matching.value_roles import SPEAKERS_NOW, STATEMENT, value_role

__all__ = ["build_timeline", "display_date", "relative_values"]

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_WORD = re.compile(r"[^\W\d_][\w’'.-]*[\w’']|[^\W\d_]")


def relative_values(texts: Mapping[int, str], published: Mapping[int, str | None],
                    skips: Mapping[int, Sequence[tuple[int, int]]]) -> list[ValueMention]:
    """The relative dates of each article as value mentions (value "" when the article is undated)."""
    out = []
    for article, text in texts.items():
        for r in relative_dates(text, published.get(article), skips.get(article, ())):
            out.append(ValueMention(article, r.start, r.end, r.text, "date", r.value or "",
                                    f"date:{r.value}" if r.value else f"date:?{r.text.lower()}", first=r.first,
                                    last=r.last))
    return out


def display_date(value: str | None, year: int | None = None) -> str:
    """"2024-07-20" -> "July 20, 2024"; "--07-20" + 2024 -> "July 20, 2024"; "2024-06" -> "June 2024"."""
    if not value:
        return "date unknown"
    week = re.fullmatch(r"(\d{4})-W(\d{2})", value)
    if week:
        monday = date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1)
        return f"week of {_MONTHS[monday.month - 1]} {monday.day}, {monday.year}"
    match = re.fullmatch(r"(\d{4}|-)-?(\d{2})?(?:-(\d{2}))?", value)
    if not match:
        return value
    y, m, d = match.groups()
    y = y if y != "-" else (str(year) if year else "")
    if m and d:
        return f"{_MONTHS[int(m) - 1]} {int(d)}" + (f", {y}" if y else "")
    if m:
        return f"{_MONTHS[int(m) - 1]}" + (f" {y}" if y else "")
    return y


def build_timeline(articles: Sequence, values: Sequence[ValueMention], split: Mapping | None = None,
                   facts_of: Mapping[tuple[int, int], int] | None = None,
                   conflicts: Sequence = ()) -> tuple[TimelineEvent, ...]:
    """Dated events of the story, in date order (undated relative dates last)."""
    texts = {a.id: a.text for a in articles}
    published = {a.id: readable_date(a.published) for a in articles}
    facts_of = facts_of or {}
    units = {a: sorted((u.start, u.end) for u in s.units) for a, s in (split or {}).items()}
    skips = {a.id: [(s.start, s.end) for s in a.boilerplate if s.active] for a in articles}
    years = Counter(int(v.value[:4]) for v in values if v.kind == "date" and re.match(r"\d{4}-\d\d", v.value or ""))
    years.update(int(p[:4]) for p in published.values() if p and p[:4].isdigit())
    story_year = years.most_common(1)[0][0] if years else None
    conflict_of = {(m.article, m.start): c.id for c in conflicts for m in c.mentions}
    items = []
    for v in values:
        if v.kind != "date" or v.article not in texts:
            continue
        text = texts[v.article]
        if any(s < v.end and v.start < e for s, e in skips.get(v.article, ())):
            continue
        bounds = _clause(units.get(v.article, ()), text, v.start, v.end)
        label, terms = _event_of(text, v, bounds, published.get(v.article))
        if not label:
            continue
        key = _date_key(v.value, story_year)
        fact = facts_of.get((v.article, bounds[0]))
        items.append((key, v, label, terms, fact, bounds))
    by_date: dict[str, list] = defaultdict(list)
    for item in _without_repeats(items):
        by_date[item[0]].append(item)
    events = []
    for key, group in by_date.items():
        for cluster in _clusters(group):
            mentions = tuple(sorted((Mention(v.article, v.start, v.end, v.text, v.value or None)
                                     for _k, v, _l, _t, _f, _b in cluster), key=lambda m: (m.article, m.start)))
            label = _best_label(cluster)
            value = cluster[0][1].value or None
            inferred = bool(value and value.startswith("--") and story_year)
            conflict = next((conflict_of[(m.article, m.start)] for m in mentions if (m.article, m.start)
                             in conflict_of), None)
            iso = key if not key.startswith("?") else None
            shown = display_date(iso if iso else None) if iso else f"{cluster[0][1].text} (date unknown: no " \
                                                                      "publication date)"
            digest = hashlib.sha1("|".join(f"{m.article}:{m.start}" for m in mentions).encode()).hexdigest()[:10]
            events.append(TimelineEvent(f"event-{digest}", iso, shown, label, mentions, conflict, inferred))
    events = without_caption_titles(events)
    events.sort(key=lambda e: (e.date is None, _sortable(e.date), -len(e.articles), e.label))
    return tuple(events)


def _without_repeats(items: list) -> list:
    """One item per event of an article: a caption or sentence printed twice ("Cruz holds a news
    conference ... March 13, 2013" in a gallery and again below it) is listed once, and a year
    given beside the full date in one clause ("Aug. 28, 2012 ... (2012 photo)") is not an event
    of its own."""
    finer = {(v.article, bounds, key[:4]) for key, v, _l, _t, _f, bounds in items if len(key) > 4}
    seen = set()
    kept = []
    for item in items:
        key, v, label, _clause_terms, _fact, bounds = item
        if len(key) == 4 and (v.article, bounds, key) in finer:
            continue
        repeat = (key, v.article, label.lower())
        if repeat in seen:
            continue
        seen.add(repeat)
        kept.append(item)
    return kept


@lru_cache(maxsize=65536)  # the dates of the articles: comparing again re-reads only the articles that changed
def _event_of(text: str, v: ValueMention, bounds: tuple[int, int], published: str | None) -> tuple[str, set[str]]:
    """What happened at the date ``v`` (label, the clause's rarer terms); no label ("") when the
    date is only when something was said, a dateline, or its clause says too little."""
    sentence = _clause((), text, v.start, v.end)
    if STATEMENT in (value_role(text, v.start, v.end, "date", None, v.value, bounds, published),
                     value_role(text, v.start, v.end, "date", None, v.value, sentence, published)):
        return "", set()  # the sentence's too: a claim may start after "... told CNN"
    if _STATEMENT_AFTER.match(text, v.end):
        return "", set()  # "Pelosi last week said", "on Tuesday night, Palmieri denied"
    if _is_dateline(text, v) or _WIDGET_AFTER.match(text, v.end) or _year_in_a_name(text, v):
        return "", set()
    if (_RANGE_BEFORE.search(text, max(0, v.start - 12), v.start) and _RANGE_AFTER.match(text, v.end)) or \
            _RANGE_END.search(text, max(0, v.start - 45), v.start):
        return "", set()  # "from April 2018 to January 2019": the bounds of a count, not events
    if value_role(text, v.start, v.end, "date") == SPEAKERS_NOW:
        return "", set()  # "the issues we are still discussing today": a speaker's own now
    if _COMPARED_BEFORE.search(text, max(0, v.start - 50), v.start):
        return "", set()  # "a higher turnout than in 2008", "compared to the 2016 election results": a yardstick
    if _is_tomorrow(v):
        return "", set()
    label = event_label(text, bounds, _clause((), text, v.start, v.end), v)
    return (label, _terms(_WORD.findall(text[bounds[0]:bounds[1]]))) if label else ("", set())


# a related-headline widget run into the text: "... 12 candidates qualify for October Democratic debate MORE",
# "2020 race heats up Read more", "FRIDAY'S MOST CLICKED", "Wednesday's related stories include"
_WIDGET_AFTER = re.compile(r"[^.!?\n]{0,100}?(?:\s(?:MORE|Read\s+more|READ\s+MORE)\b)|['’]S\s+MOST\s+|['’]s\s+related\s+stor",
                           re.S)
# the date, then the one who spoke: "Pelosi last week said", "on Tuesday night, Palmieri denied"
_STATEMENT_AFTER = re.compile(r"\s*(?:morning|afternoon|evening|night)?\s*,\s*(?:[A-Z][\w.’'-]*\s+){1,3}"
                              r"(?:said|says|told|denied|stressed|noted|argued|insisted|explained|tweeted|"
                              r"added|acknowledged|declined\s+to\s+(?:comment|say))\b")
_RANGE_BEFORE = re.compile(r"\b(?:from|between)\s+$", re.I)
_RANGE_END = re.compile(r"\b(?:from|between)\s+(?:[A-Z][a-z]+\.?\s+)?\d[\d,]*\s+(?:to|and|through|until|till|–|-)\s+$")
_RANGE_AFTER = re.compile(r"\s*(?:to|and|through|until|till|–|-)\s+(?:[A-Z][a-z]+\.?\s+)?(?:\d|[A-Z][a-z]+\s+\d)")
# a date only measured against: "than in 2008", "compared to the 2016 election results", "up from ... in 2016"
# (not a bound, "more than 1,200 Wednesday", "no later than Wednesday", "other than his address Tuesday night", nor
# "fewer jobs than expected last month")
_COMPARED_BEFORE = re.compile(r"(?<!\bno later )(?<!\bother )(?<!\brather )\b(?:than(?!\s+(?:expected|anticipated|forecast|"
                              r"predicted|planned|scheduled)\b)(?!\s+[$€£]?\d)|compared\s+(?:to|with)|versus|vs\.?|"
                              r"relative\s+to|up\s+from|down\s+from)\s+(?:(?:in|the|that\s+of|those\s+of|its|their|his|her)\s+)*"
                              r"(?:\S+\s+){0,2}$", re.I)


def _is_tomorrow(v: ValueMention) -> bool:
    """Whether the date is a "tomorrow": read against the publication date it is more often wrong than
    right (rhetoric, "whether war breaks out today or tomorrow"; a generic "will tax you tomorrow"; a
    speaker's "tomorrow" said the day before; an article written the evening before its date). Judged
    after the rule was written (held out): 81 of 136 such rows of fresh stories were wrong."""
    return v.text.strip().lower() == "tomorrow"


# a year that names someone or something rather than dating an event: "the 2012 presidential nominee",
# "the party's 2008 Republican nominee", "the 2018 legislative class", "Trump 2016", "Sanders 2020"
_YEAR_TITLE_AFTER = re.compile(r"\s+(?:(?:Republican|Democratic|GOP|presidential|vice[- ]presidential|party['’]s|"
                               r"legislative|freshman|senatorial|gubernatorial)\s+){0,2}(?:nominee|candidate|contender|"
                               r"hopeful|class|runner-up|standard-bearer|nominees|candidates)\b")
_YEAR_AFTER_NAME = re.compile(r"(?<![.!?])\b(?!(?:In|On|By|Since|Until|Before|After|From|Through|During|Of|And|Or|"
                              r"January|February|March|April|May|June|July|August|September|October|November|December|"
                              r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b)[A-Z][a-z]+\s+$")


def _year_in_a_name(text: str, v: ValueMention) -> bool:
    if not re.fullmatch(r"\d{4}", v.text.strip()):
        return False
    return bool(_YEAR_TITLE_AFTER.match(text, v.end) or _YEAR_AFTER_NAME.search(text[max(0, v.start - 20):v.start]))


def _sortable(value: str | None) -> str:
    if not value:
        return "9999"
    week = re.fullmatch(r"(\d{4})-W(\d{2})", value)
    if week:
        return date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1).isoformat()
    return value


def _date_key(value: str, story_year: int | None) -> str:
    if not value:
        return "?"
    if value.startswith("--") and story_year:
        return f"{story_year}{value[1:]}"
    return value


def _clause(units, text: str, start: int, end: int) -> tuple[int, int]:
    for s, e in units:
        if s <= start and end <= e:
            return s, e
    return sentence_around(text, start, end)


def _is_dateline(text: str, v: ValueMention) -> bool:
    """A date alone on its line (a byline's date, "Published July 16, 2024")."""
    line_start = text.rfind("\n", 0, v.start) + 1
    line_end = text.find("\n", v.end)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    most = len(v.text.split()) + 2
    return len(line.split(None, most + 1)) <= most  # counting stops past ``most`` words: a long line is no dateline


def _terms(words: Sequence[str]) -> set[str]:
    out = set()
    for w in words:
        weights = weighted_terms(w)
        if weights:
            stem = next(iter(weights))
            if weights[stem] >= 3.0:
                out.add(stem)
    return out


def _clusters(group: list) -> list[list]:
    """Mentions of one date that say the same thing: one aligned fact, or half their rarer words."""
    clusters: list[list] = []
    for item in sorted(group, key=lambda i: (i[1].article, i[1].start)):
        for cluster in clusters:
            if any(item[1].article != other[1].article and _same_event(item, other) for other in cluster):
                cluster.append(item)
                break
        else:
            clusters.append([item])
    return clusters


def _same_event(a, b) -> bool:
    if a[4] is not None and a[4] == b[4]:
        return True
    ta, tb = a[3], b[3]
    if not ta or not tb:
        return False
    return len(ta & tb) / min(len(ta), len(tb)) >= 0.34


def _best_label(cluster: list) -> str:
    """The label most like the others (shortest on a tie), as the outlets wrote it."""
    if len(cluster) == 1:
        return cluster[0][2]
    shared = Counter(t for item in cluster for t in item[3])
    scored = [(-sum(shared[t] for t in _terms(_WORD.findall(item[2]))), len(item[2]), item[2]) for item in cluster]
    return min(scored)[2]

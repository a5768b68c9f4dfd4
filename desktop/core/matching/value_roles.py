"""What a value in a sentence is *for*: the figure reported, or a figure it is compared with.

A conflict finder must never set "113,000 jobs" (reported) against "178,000" (what economists
expected) or "8.7 million" (lost in the crisis), nor "5.9%" against "7.2% a year ago". This
module reads the words around a value mention and says which role it plays:

* ``None``: the value the sentence reports;
* ``"forecast"``: an expectation, estimate, projection or target ("expected", "had been
  expecting", "forecast", "economists predicted", "would reach");
* ``"baseline"``: a figure the reported one is compared with ("compared with", "up from",
  "down from", "from 5.9% to", "a year ago", "last year", "previous", "average", "revised");
* ``"historical"``: a figure of another time ("in 2008", "the 1986 tax reform bill", "since
  1987", "the worst since"), or a year far from the article's date;
* ``"period"``: a duration that frames another value ("$1 trillion over 10 years",
  "in the past 30 days");
* ``"hypothetical"``: a figure of what would, might or must happen, or of some cases only
  ("would have hired 2 million teachers", "will need to show leads of around five points",
  "if 60 percent vote", "in some cases, by 90 percent"): no report of the fact;
* ``"subset"``: a count of the others, of the rest or of more ("the other three candidates",
  "the remaining 12 seats", "two other men", "five more cases"), which depends on who is left out;
* ``"margin of error"``: a poll's own margin of error, which belongs to that poll;
* ``"sample"``: how many people a poll or survey asked ("a survey of 1,003 adults", "1,001 likely
  voters were interviewed"), which belongs to that poll too;
* ``"whole"``: the total a part is counted out of ("51 of the upper chamber's 100 seats"), not
  the count the sentence reports;
* ``"conversion"``: the same amount in another currency or unit, in brackets after it ("$100bn
  (£72bn)", "37,000ft (11,270 metres)"): the writer's conversion at that day's rate or a rounded
  one, never a figure of its own;
* ``"combined"``: a count of two groups together ("17 students and educators", "the 16 states and
  territories"), never set against a count of one of them ("Fourteen students");
* ``"multiplier"``: "three times as likely", "five times more": a ratio between two things;
* ``"editorial"``: the size of the writer's own list ("11 takeaways", "five things to know");
* ``"name"``: a figure naming a subway line or a route in a list ("the A, L and 1 lines"), no count;
* ``"speaker's now"``: a "today" or "now" inside a quotation ("the issues we are still discussing
  today"): the day the speaker spoke or a manner of speaking, not the article's date.

It also gives each value a hedge-aware interval (:func:`value_interval`: "about 8%" is
7.2-8.8, "nearly 10%" 9-10, "9.51%" 9.505-9.515), so that two values can be told to
*contradict* (disjoint) or differ only in *precision* (overlapping), and the time the sentence
speaks of (:func:`time_marks`: "Wednesday morning", "around midnight", "on Friday"), so that
two counts of different moments are not compared. Pure functions over strings.
"""

from __future__ import annotations

import math
import re

__all__ = ["BASELINE", "COMBINED", "CONVERSION", "EDITORIAL", "FORECAST", "HISTORICAL", "HYPOTHETICAL", "MARGIN", "MULTIPLIER", "NAME", "PERIOD",
           "SAMPLE", "SPEAKERS_NOW", "SUBSET", "WHOLE", "inside_quotation", "time_marks", "value_interval",
           "value_role"]


class _Needled:
    """A pattern tried only on text holding one of ``needles`` (lower case), words every match of it
    holds: most values have none of them near, and a pattern anchored at the end is otherwise tried
    from every position of the text. The same matches as the pattern alone, found faster."""

    __slots__ = ("needles", "pattern")

    def __init__(self, pattern: re.Pattern, *needles: str):
        self.pattern, self.needles = pattern, needles

    def _may(self, text: str) -> bool:
        low = text.lower()
        return any(n in low for n in self.needles)

    def search(self, text: str):
        return self.pattern.search(text) if self._may(text) else None

    def match(self, text: str):
        return self.pattern.match(text) if self._may(text) else None


FORECAST, BASELINE, HISTORICAL, PERIOD = "forecast", "baseline", "historical", "period"
HYPOTHETICAL = "hypothetical"
SUBSET = "subset"
WHOLE = "whole"
MARGIN = "margin of error"
SAMPLE = "sample"
SPEAKERS_NOW = "speaker's now"
CONVERSION = "conversion"
COMBINED = "combined"
# the counted noun (in the mention or right after it), then "and" and a second group with no count of its own
_COMBINED_AFTER = re.compile(
    r"^(?:\s+[a-z][\w-]*)?\s+(?:and|or|&)\s+(?:other\s+)?"
    r"(?!(?:one|two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?|thousands?|more|counting)\b)"
    r"(?:[a-z][a-z-]*[^s]s|people|staff|personnel|children|(?:wo)?men)\b")
# an amount or a measure, then an opening bracket: what follows in the bracket converts it
_UNITS = (r"(?:dollars|euros|pounds|yen|yuan|rupees|ft|feet|foot|miles?|mi|km|kilomet(?:re|er)s|met(?:re|er)s|m|kg|"
          r"kilograms?|lbs?|acres|hectares|sq\.?\s?(?:ft|miles|km)|square\s+(?:feet|miles|kilomet(?:re|er)s|met(?:re|er)s)|"
          r"mph|km/h|kph|°\s?[CF]|degrees(?:\s+(?:Fahrenheit|Celsius))?|inches|in|cm|centimet(?:re|er)s|gallons|"
          r"lit(?:re|er)s|tonnes|tons)")
_CONVERSION_BEFORE = re.compile(
    r"(?:(?:US|A|C|NZ|HK)?[$€£¥]\s?\d[\d,.]*(?:\s*(?:[mb]n|[mbk]|million|billion|trillion))?|"
    r"\d[\d,.]*\s*(?:(?:million|billion|trillion)\s+)?-?" + _UNITS + r")"
    r"\s*\(\s*(?:about\s+|around\s+|roughly\s+|approximately\s+|approx\.\s*|some\s+|nearly\s+|almost\s+|c\.\s*)?$",
    re.I)
_CLOSING_AFTER = re.compile(r"^(?:\s*-?(?:" + _UNITS + r"|[mb]n|million|billion|trillion)\b\.?)?\s*\)", re.I)
# "tonight", "yesterday" in a quotation are that day's
_NOW = re.compile(r"(?i:today|now)")
# a poll's sample: "a survey of 1,003 adults", "interviews with 1,001 registered voters", "polled 800 people",
# "1,002 adults were surveyed"
_SAMPLE_BEFORE = re.compile(r"\b(?:(?:poll|survey|sample|interviews?|study)\s+(?:\w+\s+){0,2}?(?:of|with|among)|"
                            r"(?:polled|surveyed|interviewed|sampled))\s+(?:a\s+)?"
                            r"(?:(?:random|representative|national|nationwide)\s+)*(?:sample\s+of\s+)?$", re.I)
_SAMPLE_AFTER = re.compile(r"^(?:\s+[\w-]+){0,4}?\s+(?:were|was)\s+(?:\w+ly\s+)?(?:polled|surveyed|interviewed|"
                           r"questioned|sampled|contacted)\b", re.I)
RATE, DIFFERENCE, STATEMENT = "rate", "difference", "statement"
NAME = "name"
MULTIPLIER, EDITORIAL = "multiplier", "editorial"
# "three times as likely", "five times more", "twice the rate": a ratio between two things, no count
_MULTIPLIER = re.compile(r"^\S+(?:\s+\S+)?\s+times$", re.I)
_MULTIPLIER_AFTER = re.compile(r"^\s+(?:as|more|less|fewer|higher|lower|larger|smaller|greater|bigger|faster|"
                               r"slower|the|that|what|over)\b", re.I)
# a count of a writer's own list ("11 takeaways", "five things to know", "3 reasons"): the article's form,
# not a fact of the story
_EDITORIAL_NOUN = re.compile(r"\b(?:takeaways?|things|reasons|ways|lessons|tips|questions|moments|facts|"
                             r"highlights|observations)\s*$", re.I)
# a figure naming a line or route, not counting them: "the A, L and 1 lines", "the 4, 5 and 6 trains", "the
# 1 lines" (a count of one takes no plural)
_ROUTE_FIGURE = re.compile(r"\d{1,2}(?:\s+\w+)?\s+(?:lines?|trains?|routes?|buses|bus)\b")
_ROUTE_LIST_BEFORE = re.compile(r"\b[A-Z0-9]{1,2}(?:,\s*[A-Z0-9]{1,2})*,?\s+(?:and|or|&)\s+$")
_ONE_PLURAL = re.compile(r"^\s*(?:1|one)\s+(?:[a-z]+\s+)?(?:lines|trains|routes|buses)\b", re.I)

_W = r"(?:\S+\s+){0,%d}"  # up to n words

_FORECAST_BEFORE = _Needled(re.compile(
    r"\b(?:expect(?:ed|ing|ations?|s)?|forecasts?|forecasted|forecasting|forecasters?|projected|projections?|projecting|"
    r"predict(?:ed|ing|ions?|s)?|estimated?|anticipated?|anticipating|consensus|target(?:ed|ing|s)?|"
    r"hoped?|hoping|aims?|aimed|goal|plans? to (?:cut|add|hire|raise|reach)|would (?:reach|hit|be)|"
    r"could (?:reach|hit|rise|fall)|surveyed|polled by|had been looking for|looking for|called for|"
    r"outlook|guidance|predicts?)\b" + r"[^.;]{0,60}$", re.I),
    "expect", "forecast", "project", "predict", "estimat", "anticipat", "consensus", "target", "hope", "hoping", "aim",
    "goal", "plan", "would", "could", "surveyed", "polled by", "looking for", "called for", "outlook", "guidance")
_FORECAST_AFTER = _Needled(re.compile(
    r"^[^.;]{0,40}?\b(?:expected|forecast|predicted|projected|estimated|anticipated|economists (?:had )?"
    r"(?:expected|predicted|forecast)|analysts (?:had )?(?:expected|predicted)|had been expecting)\b", re.I),
    "expect", "forecast", "predict", "project", "estimat", "anticipat")

_BASELINE_BEFORE = _Needled(re.compile(
    r"(?:\b(?:compared (?:with|to)|up from|down from|from a(?:n)? (?:revised|previous|earlier)|versus|vs\.?|"
    r"than (?:the )?(?:previous|prior|earlier)|revised (?:up|down)?\w*(?: to| from)?|revised|previously|"
    r"previous|prior|(?:an? |the )?average(?: of)?|record(?: of)?|the most since|the least since|"
    r"(?:highest|lowest|biggest|largest|worst|best|smallest) (?:level |point |day |drop |since)?since|"
    r"down|up|rose|fell|dropped|climbed|jumped|declined|increased|decreased) (?:\S+\s+){0,2}from)\s*$"
    r"|\b(?:compared (?:with|to)|up from|down from|versus|vs\.?|revised|previously|average(?: of)?|"
    r"the prior|the previous|a year earlier|a year ago)\s+(?:\S+\s+){0,3}$",
    re.I), "from", "compared", "versus", "vs", "revised", "previous", "average", "prior", "year")
_FROM_TO = _Needled(re.compile(r"\bfrom\s+$", re.I), "from")  # "from 6.1% to 5.9%": the first is the baseline
_TO_AFTER = re.compile(r"^\s*(?:\S+\s+){0,2}?to\s+(?:about |around |nearly |almost )?[$€£]?\d", re.I)
_BASELINE_AFTER = _Needled(re.compile(
    r"^[,\s]*(?:\S+\s+){0,4}?(?:a year (?:ago|earlier|before)|the (?:year|month|week|quarter) before|"
    r"last (?:year|month|quarter)|in the (?:previous|prior|same) (?:year|month|quarter|period)|"
    r"(?:the )?previous (?:year|month|week|quarter)|earlier this year|before the (?:crisis|recession|pandemic)|"
    r"at the (?:start|beginning|end) of (?:the year|last year))\b", re.I),
    "year", "month", "week", "quarter", "period", "before the")
_HISTORICAL_BEFORE = re.compile(
    r"\b(?:since|in|of|during|back in|as of)\s+(?:early |late |mid-?)?(?:\w+\s+)?$|"
    r"\b(?:the most|the least|the highest|the lowest|the worst|the best|the biggest|the largest|first time)"
    r"\b[^.;]{0,40}\bsince\s+(?:\S+\s+){0,2}$", re.I)
_SINCE = _Needled(re.compile(r"\bsince\s+(?:\S+\s+){0,2}$", re.I), "since")
_LOST_IN = re.compile(r"^[^.;]{0,40}\b(?:during|in) the (?:crisis|recession|great recession|depression|"
                      r"pandemic|war)\b", re.I)
_YEAR = re.compile(r"\b(1[6-9]\d\d|20\d\d)\b")
_PERIOD_BEFORE = re.compile(r"\b(?:over|within|during|in|for|across|throughout)\s+(?:the\s+)?(?:next\s+|past\s+|"
                            r"last\s+|first\s+|coming\s+)?$", re.I)
_DURATION_UNITS = frozenset({"year", "month", "week", "day", "hour", "minute", "decade", "quarter"})
_DURATION_WORD = re.compile(r"\b(?:years?|months?|weeks?|days?|hours?|minutes?|decades?)\b", re.I)


def inside_quotation(text: str, at: int) -> bool:
    """Whether ``at`` stands between quotation marks of its paragraph."""
    start = text.rfind("\n", 0, at) + 1
    before = text[start:at]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def value_role(text: str, start: int, end: int, kind: str, unit: str | None = None,
               value: str | None = None, bounds: tuple[int, int] | None = None,
               published: str | None = None) -> str | None:
    """The role of the value ``text[start:end]`` in its sentence (``bounds``; the whole text
    when None): None for the figure the sentence reports, else ``forecast``, ``baseline``,
    ``historical`` or ``period`` (see the module docstring)."""
    lo, hi = bounds if bounds else (max(0, start - 200), min(len(text), end + 200))
    if kind == "date" and _NOW.fullmatch(text[start:end].strip()) and inside_quotation(text, start):
        return SPEAKERS_NOW  # "what happened today", quoted a day later by another outlet
    before = text[max(lo, start - 120):start]
    after = text[end:min(hi, end + 120)]
    if kind in ("money", "number") and _CONVERSION_BEFORE.search(before[-60:]) and _CLOSING_AFTER.match(after):
        return CONVERSION  # "$100bn (£72bn)": the first amount again, at the day's rate
    if kind == "number" and (_ONE_PLURAL.match(text[start:end]) or
                             (_ROUTE_FIGURE.fullmatch(text[start:end].strip())
                              and _ROUTE_LIST_BEFORE.search(before[-40:]))):
        return NAME  # "traveling on the A, L and 1 lines": three subway lines named, no count of them
    if kind == "number" and _MULTIPLIER.match(text[start:end].strip()) and _MULTIPLIER_AFTER.match(after):
        return MULTIPLIER  # "three times as likely to be killed by police": a ratio, not three of anything
    if kind == "number" and _EDITORIAL_NOUN.search(text[start:end]):
        return EDITORIAL  # "CNN's 11 takeaways" / "Politico's five takeaways": each outlet's own list
    if kind == "number" and unit and _COMBINED_AFTER.match(after):
        return COMBINED  # "17 students and educators were killed": not the students alone
    if kind == "date" and not _POSSESSIVE_AFTER.match(after):
        spoke = _STATEMENT_BEFORE.search(before)
        if spoke and not _SENTENCE_END.search(before, spoke.start()):
            return STATEMENT  # "the police said on Friday morning that ...": when it was said
    if _HYPOTHETICAL_BEFORE.search(_last_clause(before)):
        return HYPOTHETICAL
    if _MARGIN_NEAR.search(_last_clause(before)[-60:]) or _MARGIN_NEAR.match(after[:40]):
        return MARGIN  # "a margin of error of 3.46 percentage points": each poll has its own
    if kind == "number" and (_SAMPLE_BEFORE.search(before[-60:]) or _SAMPLE_AFTER.match(after)):
        return SAMPLE  # "a survey of 1,003 adults": each poll asks its own
    if kind == "number" and (_SUBSET_BEFORE.search(before[-30:]) or _SUBSET_AFTER.match(after)
                             or _SUBSET_AFTER.search(text[start:end])
                             or _SEPARATE_AFTER.match(after)):
        return SUBSET  # "the other three candidates", "two other men", "five more cases": besides someone
    if kind == "number" and _WHOLE_BEFORE.search(before[-60:]):
        return WHOLE  # "51 of the upper chamber's 100 seats": the total, not what is counted
    if _FORECAST_BEFORE.search(_last_clause(before)) or _FORECAST_AFTER.search(_first_clause(after)):
        return FORECAST
    if _REVISED.search(_last_clause(before)) or _AVERAGE.search(_last_clause(before)) or _AVERAGE_AFTER.match(after) \
            or _REVISION_AFTER.match(after):
        return BASELINE  # a revised figure or an average: "the economy added 183,000 jobs on average"
    if kind == "number" and unit in _DURATION_UNITS and re.match(r"^\s*(?:ago|earlier|before|later|from now)\b",
                                                                 after, re.I):
        return HISTORICAL  # "a pledge you signed 20 years ago": a point in time, not a count
    if kind != "date" and _RATE_AFTER.match(after):
        return RATE  # "200,000 jobs a month"
    if kind == "number" and _DIFFERENCE.search(text[start:end]) and re.search(r"\bthan\b", after[:80]):
        return DIFFERENCE  # "69,000 more jobs than it reported"
    if _BASELINE_BEFORE.search(before) or _BASELINE_AFTER.search(after):
        return BASELINE
    if _FROM_TO.search(before) and _TO_AFTER.search(after):
        return BASELINE
    if kind == "date":
        if _SINCE.search(before):
            return HISTORICAL
        year = _year_of(value)
        reference = _year_of(published)
        if year is not None and reference is not None and year < reference - 1:
            return HISTORICAL
        if year is not None and reference is None and re.fullmatch(r"\d{4}", value or "") and \
                re.match(r"^\s*[A-Za-z-]", after) and not re.match(r"^\s*(?:,|\.|and\b|to\b)", after):
            return HISTORICAL  # "the 1986 tax reform bill": a year naming something of its own time
        return None
    if _LOST_IN.search(after):
        return HISTORICAL
    # a value in a sentence about another year: "19,827 points in 2017"
    window = text[max(lo, start - 40):min(hi, end + 40)]
    reference = _year_of(published)
    if reference is not None:
        for match in _YEAR.finditer(window):
            absolute = max(lo, start - 40) + match.start()
            if start <= absolute < end:
                continue
            if int(match.group(1)) < reference - 1 and not _YEAR.fullmatch(text[start:end].strip()):
                return HISTORICAL
    if unit in _DURATION_UNITS and (_PERIOD_BEFORE.search(before[-25:]) or
                                    re.match(r"(?:over|within|during|for|across)\s", text[start:end], re.I)):
        return PERIOD
    return None


# "said on Friday", "cautioned Friday", "told reporters Thursday", "told MSNBC on Thursday", "said in a
# statement Friday": the date is when someone spoke
_STATEMENT_BEFORE = re.compile(
    r"\b(?:said|says|told|announced|reported|confirmed|stated|added|tweeted|wrote|testified|declared|cautioned|"
    r"warned|argued|insisted|noted|posted|explained|acknowledged|admitted|claimed|suggested|predicted|urged|"
    r"responded|replied|countered|conceded|vowed|pledged|promised|remarked|commented|stressed|denied|"
    r"declined\s+to\s+(?:comment|say)(?:\s+on\s+the\s+\w+)?|"
    # the same words as the one who spoke goes on: "telling reporters on Monday", "Carney reiterating on Tuesday"
    r"saying|telling|adding|noting|stressing|arguing|insisting|explaining|reiterating|tweeting|writing|"
    r"declining\s+to\s+(?:comment|say|specify|elaborate))"
    r"(?:\s+(?:reporters|journalists|supporters|as\s+much|[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3}|"
    r"in\s+(?:an?|his|her|their|its)\s+(?:statement|interview|tweet|post|letter|email|speech))"
    r"(?:\s+(?:in|at)\s+[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,2})?)?"  # "told supporters in West Palm Beach"
    r"\s+(?:on\s+|late\s+|early\s+)?$"
    # "In remarks Tuesday night", "in an interview Sunday", "at a news conference Friday"
    r"|\b(?:[Ii]n|[Aa]t|[Dd]uring)\s+(?:(?:an?|his|her|their|its)\s+)?(?:remarks|interview|speech|statement|"
    r"news\s+conference|press\s+conference|press\s+briefing|briefing|appearance)\s+(?:on\s+|late\s+|early\s+)?$"
    # "said on CNN's Erin Burnett OutFront on Thursday", "said during a conference call Monday", "wrote in an
    # opinion column published Tuesday", "told The New York Times on Saturday": where, then when, someone spoke
    # (not "said in a 5-4 decision Monday", "wrote in his ruling Tuesday": a ruling is an event)
    r"|\b(?:said|says|told|tweeted|wrote|stressed|noted|explained|emphasi[sz]ed|argued|insisted|remarked|"
    r"commented|reiterated)\s+(?:on|in|at|during)\s+(?:(?!that\b|ruling\b|decision\b|filing\b|report\b|order\b|"
    r"opinion\b(?!\s+(?:column|piece|essay|article)))[\w’'.&-]+\s+){0,6}?"
    r"(?:on\s+|late\s+|early\s+)?$")
# "Friday's announcement", "Monday's conference": the day of a thing named, never when someone spoke
_POSSESSIVE_AFTER = re.compile(r"['’]s?\b")
# "... said in a statement. Friday's ...", "said at a news conference. Also Wednesday": another sentence
_SENTENCE_END = re.compile(r"[.!?][\"”’]?\s+(?=[\"“‘]?[A-Z]|$)")
_HYPOTHETICAL_BEFORE = _Needled(re.compile(
    r"(?:\b(?:would|could|might|should)(?:\s+not)?\s+have\s+(?:been\s+)?\w+|"  # "would have hired"
    r"\b(?:will|would|'ll|’ll)\s+(?:need|have)\s+to|"  # "will need to show"
    r"\b(?:if|unless)\b[^,]{0,50}?)[^.;,]{0,50}$"  # "if he wins 60 percent"
    r"|\bin\s+(?:some|many|a\s+few|certain)\s+(?:cases|places|areas|instances),?\s+(?:\S+\s+){0,2}$", re.I),
    "would", "could", "might", "should", "will", "'ll", "’ll", "if", "unless", "cases", "places", "areas", "instances")
_MARGIN_NEAR = _Needled(re.compile(r"\bmargin\s+of\s+(?:sampling\s+)?error\b|^\s*(?:\S+\s+){0,3}?(?:margin\s+of\s+error|"
                                   r"sampling\s+error)\b", re.I), "error")
_SUBSET_BEFORE = re.compile(r"\b(?:other|remaining|rest of the|the last|another)\s+$", re.I)
# "three soldiers were wounded in a separate strike": a count of another event
_SEPARATE_AFTER = re.compile(r"^[^.;]{0,60}?\bin\s+(?:a|another|an)\s+(?:separate|different|earlier|later)\s+"
                             r"(?:strike|attack|incident|vote|case|shooting|raid|bombing|operation|crash|blast|"
                             r"explosion|fire|storm|race|election|poll|survey|lawsuit)\b", re.I)
_SMALL_NUMBER = (r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
                 r"fifteen|sixteen|seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|"
                 r"ninety)(?:-\w+)?)")
_WHOLE_BEFORE = re.compile(rf"\b{_SMALL_NUMBER}\s+(?:out\s+)?of\s+(?:the\s+|its\s+|their\s+|all\s+)?(?:[\w’'-]+\s+){{0,3}}$",
                           re.I)
# the number, then "other", "more", "additional": a count besides some already told ("more than" is a bound)
_SUBSET_AFTER = re.compile(r"(?:^|(?<=\w)\s)\s*(?:other|additional|further|extra|more(?!\s+than\b))\s+\w", re.I)
_REVISED = _Needled(re.compile(r"\brevis(?:ed|ion|ions|ing)\b", re.I), "revis")
# the figure a revision gives: "the economy created 132,000 jobs, down from an earlier estimate of 148,000"
_REVISION_AFTER = _Needled(re.compile(r"^[\w\s-]{0,30}?,?\s+(?:down|up|lowered|raised)\s+from\s+(?:an?|the|its)\s+"
                             r"(?:earlier|previous|initial|prior|first|original)\s+(?:estimate|reading|report|"
                             r"figure|count|tally)\b", re.I), "from")
_AVERAGE = _Needled(re.compile(r"\b(?:on average|an average|the average|averag(?:ed|ing))\b", re.I), "averag")
_AVERAGE_AFTER = _Needled(re.compile(r"^\s*(?:[\w’'-]+\s+){0,3}?(?:on average|on an average)\b", re.I), "average")
_RATE_AFTER = re.compile(r"^\s*(?:a|per|each|every)\s+(?:year|month|week|day|hour|quarter|minute|second|"
                         r"person|capita|head)\b(?!\s+(?:ago|earlier|before|later))", re.I)
_DIFFERENCE = re.compile(r"\d[\d,.]*\s+(?:\w+\s+)?(?:more|fewer|less|additional|extra)\b", re.I)


def _last_clause(before: str) -> str:
    cut = max(before.rfind(";"), before.rfind(". "), before.rfind("—"), before.rfind(" - "))
    return before[cut + 1:] if cut >= 0 else before


def _first_clause(after: str) -> str:
    cuts = [i for i in (after.find(";"), after.find(". "), after.find("—")) if i >= 0]
    return after[:min(cuts)] if cuts else after


def _year_of(value: str | None) -> int | None:
    if not value:
        return None
    match = re.match(r"(\d{4})", value)
    return int(match.group(1)) if match else None


# ------------------------------------------------------------------------------ intervals

_HEDGES = [
    (re.compile(r"\b(?:about|around|roughly|approximately|some|an estimated|estimated|close to|nearly|almost|"
                r"just under|just below|barely)\b", re.I), None),
]
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


def value_interval(surface: str, kind: str, value: str, low: float | None = None,
                   high: float | None = None) -> tuple[float, float] | None:
    """A closed-open interval for the value as written, hedges and rounding included; None
    when the value has no number (dates, names) or cannot be read."""
    if kind == "number" and low is not None and high is not None and not math.isinf(low):
        return low, high
    if kind not in ("percent", "money", "number"):
        return None
    match = _NUMBER.search(surface)
    if not match:
        return None
    digits = match.group().replace(",", "")
    try:
        x = float(digits)
    except ValueError:
        return None
    scale = 1.0
    for word, factor in _SCALES.items():
        if re.search(rf"\b{word}\b", surface, re.I):
            scale = factor
            break
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    half = 0.5 * 10 ** (-decimals) * scale
    x *= scale
    text = surface.lower()
    if re.search(r"\b(?:nearly|nearing|approaching|almost|just under|just below|close to|barely)\b", text):
        return x * 0.9, x + half
    if re.search(r"\b(?:about|around|roughly|approximately|some|an estimated|estimated)\b", text):
        return x * 0.9, x * 1.1
    if re.search(r"\b(?:more than|over|above|at least|upwards of|in excess of)\b", text):
        return x, math.inf
    if re.search(r"\b(?:less than|fewer than|under|below|up to|at most|no more than|as many as|as much as)\b", text):
        return 0.0, x + half
    return x - half, x + half


# ------------------------------------------------------------------------------ times

_TIME_MARKS = re.compile(
    r"\b(?:(?:early|late|on|by|as of|around|until|through)\s+)?(?:(?:monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday)(?:\s+(?:morning|afternoon|evening|night))?|(?:this|last|yesterday|tomorrow)\s+"
    r"(?:morning|afternoon|evening|night)|midnight|noon|overnight|tonight|yesterday|today)\b", re.I)


def time_marks(text: str, bounds: tuple[int, int]) -> frozenset[str]:
    """The words of a sentence that say at what moment it speaks ("wednesday morning",
    "midnight"), lower case, without the leading preposition."""
    found = set()
    for match in _TIME_MARKS.finditer(text, bounds[0], bounds[1]):
        words = match.group().lower().split()
        while words and words[0] in ("early", "late", "on", "by", "as", "of", "around", "until", "through"):
            words.pop(0)
        if words:
            found.add(" ".join(words))
    return frozenset(found)

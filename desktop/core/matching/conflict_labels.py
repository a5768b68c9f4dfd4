"""The label in words of a conflict's slot: what its values are about.

"Employees laid off" for counts of one unit (the noun and a participle the clauses share),
"Ban takes effect" for dates and amounts (the words after ", when", else the clause around the
value cut to a few words). Used by :mod:`desktop.core.matching.conflicts`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from desktop.core.matching.conflict_context import (
    STOP_WORDS,
    WHEN_AFTER,
    WORD_RE,
    Candidate,
    context_term,
    own_verb_match,
)
from desktop.core.matching.conflict_values import ValueMention
from desktop.core.matching.counted_nouns import canonical_unit
from desktop.core.matching.text_units import singular
from desktop.core.matching.timeline_labels import event_label, sentence_around

__all__ = ["COUNT_WITHOUT_VERB", "slot_label"]

# the label of counts no verb of theirs ties together ("Number of states"): what was counted, not what happened
COUNT_WITHOUT_VERB = "Number of "

_LABEL_WORDS = 6
_MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                     "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
                     "nov", "dec"})
# words a label neither opens nor ends with
_LEADING = frozenset({"of", "to", "for", "with", "in", "on", "at", "by", "from", "during", "than", "while", "who",
                      "which", "that", "whose", "this", "these", "those", "its", "their", "his", "her"}) | _MONTHS
_OPENERS = frozenset({"also", "instead", "still", "yet", "now", "then", "however", "meanwhile", "so", "and", "but",
                      "further", "moreover", "separately", "overall"})
# a label's words: "S&P" stays whole
_LABEL_WORD = re.compile(r"\w(?:[\w’'.&-]|,(?=\d{3}))*")  # "S&P" and "13,000" stay whole


def slot_label(members: Sequence[Candidate], texts: Mapping[int, str]) -> str:
    """What the values are about, in a few words: "Employees laid off", "Ban takes effect"."""
    first = members[0].value
    shared = Counter(p for c in members for p in c.predicates)
    common = {p for p, n in shared.items() if n >= 2}
    if first.kind == "number" and first.unit:
        if first.unit == "year" and any(_AGE.search(_window(texts[c.value.article], c.value)) for c in members):
            return "Age"  # "ranged in age from 5 to 72 years old"
        if first.unit in _MEASURES:
            # a span of time with the verb it is the object of ("sentenced to 10 years", "served 20 years",
            # "suspended for six months"): "Years sentenced"; else what it measures: "Distance", not
            # "Distance landed"
            verb = _measured_by(members, texts) if first.unit in _SPANS else ""
            return f"{_plural(first.unit).capitalize()} {verb}" if verb else _MEASURES[first.unit]
        verb = _own_participle(members, texts) or _participle(members, texts, common)
        noun = _written_noun(members, texts)
        return f"{noun.capitalize()} {verb}" if verb else f"{COUNT_WITHOUT_VERB}{noun}"
    if first.kind == "number":
        verb = _own_participle(members, texts)
        if verb:
            return f"Number {verb}"  # "killed three people and wounded more than 260": "Number wounded"
    if first.kind == "date":
        label = _date_label(members, texts, common)
        if label:
            return label
    if first.kind == "money":
        noun = _money_noun(members, texts)
        if noun:
            return noun
    phrases = [_event_phrase(texts[c.value.article], c.bounds, c.value) for c in members]
    scored = []
    for phrase in phrases:
        if not phrase:
            continue
        terms = {t[0] for t in (context_term(w) for w in WORD_RE.findall(phrase)) if t}
        scored.append((-len(terms & common), len(phrase), phrase))
    if scored:
        return min(scored)[2]
    noun = {"date": "Date", "money": "Amount", "percent": "Share", "number": "Number"}.get(first.kind, "Value")
    return noun


def _written_noun(members: Sequence[Candidate], texts: Mapping[int, str]) -> str:
    """What the values count, in the outlets' word, plural: "jobs" for "146,000 jobs" (whose unit is
    "employee", so that "jobs" and "workers" compare), the word most members write; a name of a
    people or a party keeps its capital ("Kurds", "Republicans": never written in lower case in
    those articles), a headline's "Jobs" does not."""
    unit = members[0].value.unit
    written = Counter()
    for c in members:
        words = _LABEL_WORD.findall(c.value.text)
        if not words:
            continue
        word = words[-1].lower()
        if (canonical_unit(word) or singular(word)) != unit:
            continue
        plural = word if singular(word) != word or word in _PLURALS else _plural(word)
        if words[-1][:1].isupper() and not any(re.search(rf"\b{re.escape(w)}\b", texts[m.value.article])
                                               for m in members for w in {word, plural}):
            plural = plural.capitalize()
        written[plural] += 1
    return written.most_common(1)[0][0] if written else _plural(unit)


def _window(text: str, v: ValueMention, reach: int = 40) -> str:
    return text[max(0, v.start - reach):v.end + reach]


_AGE = re.compile(r"\b(?:aged?|ages|years?[\s-]+old)\b", re.I)


def _own_participle(members: Sequence[Candidate], texts: Mapping[int, str]) -> str:
    """The verb the counts are told by, right beside them: the one a count is the subject of ("six
    people, including a police officer, were injured"), or a participle just before or after it
    ("wounded more than 260", "14 people killed"); the one most members share."""
    found: Counter = Counter()
    complements: dict[str, Counter] = defaultdict(Counter)
    for c in members:
        text, v = texts[c.value.article], c.value
        own = own_verb_match(text, v.end, min(len(text), v.end + 160))
        verb = _PARTICIPLE_AFTER.match(text, v.end, min(len(text), v.end + 40)) or \
            _PARTICIPLE_BEFORE.search(text, max(0, v.start - 40), v.start) or \
            _GERUND_BEFORE.search(text, max(0, v.start - 40), v.start)
        if own or verb:
            word = (own.group("passive") or own.group("active")).lower() if own else verb.group("verb").lower()
            word = _GERUND_PARTICIPLES.get(word, word)  # "killing three and injuring about 180 others": injured
            after = not own and verb.start() >= v.end  # "52,000 people remained under evacuation orders"
            verb = own or verb
            if word in ("died", "die", "dies"):
                word = "killed"
            if word not in _EMPTY_PARTICIPLES and word not in _NOT_COUNT_VERBS:
                said = word + (f" {verb.group('particle').lower()}" if verb.group("particle") else "")
                found[said] += 1
                if after and word not in _COMPLETE_VERBS and not verb.group("particle"):
                    complements[said][_complement(text, verb.end())] += 1
    if not found:
        return ""
    said = found.most_common(1)[0][0]
    told = [(-n, len(words), words) for words, n in complements[said].items() if words]
    return f"{said} {min(told)[2]}" if told else said


_PARTICIPLE = (r"(?P<verb>[a-z]+ed|hurt|shot|struck|held|laid|left|cut|hit|sold|paid|won|lost|killed|died|die|dies)"
               r"(?:\s+(?P<particle>off|up|out|away))?")
_PARTICIPLE_AFTER = re.compile(r"\s+" + _PARTICIPLE + r"\b")  # "14 people killed", "200 schoolgirls kidnapped"
_PARTICIPLE_BEFORE = re.compile(r"\b" + _PARTICIPLE + r"\s+(?:(?:at\s+least|more\s+than|nearly|about|some|"
                                r"almost|roughly|over|around)\s+)?$")  # "wounded more than 260", "laid off 50"
# what a count is of when a verb in -ing stands right before it ("killing three and injuring about 180
# others", "adding 200,000 jobs"): the verbs told of counts, as their participle
_GERUND_PARTICIPLES = {
    "killing": "killed", "injuring": "injured", "wounding": "wounded", "hurting": "hurt", "arresting": "arrested",
    "detaining": "detained", "kidnapping": "kidnapped", "abducting": "abducted", "rescuing": "rescued",
    "evacuating": "evacuated", "displacing": "displaced", "firing": "fired", "hiring": "hired",
    "infecting": "infected", "hospitalizing": "hospitalized", "deporting": "deported", "releasing": "released",
    "affecting": "affected", "sickening": "sickened", "stranding": "stranded", "jailing": "jailed",
    "charging": "charged", "convicting": "convicted", "indicting": "indicted", "stabbing": "stabbed",
    "murdering": "murdered", "executing": "executed", "capturing": "captured", "freeing": "freed",
    "laying": "laid", "granting": "granted", "destroying": "destroyed", "damaging": "damaged", "adding": "added",
    "cutting": "cut", "creating": "created", "eliminating": "eliminated", "shedding": "shed",
}
_GERUND_BEFORE = re.compile(r"\b(?P<verb>" + "|".join(_GERUND_PARTICIPLES) + r")(?:\s+(?P<particle>off|up|out|away))?"
                            r"\s+(?:(?:at\s+least|more\s+than|nearly|about|some|almost|roughly|over|around)\s+)?$", re.I)
# what happened to those counted, whole without more words ("14 people killed"); any other verb right
# after a count takes the words it governs: "People remained under evacuation orders", "Republicans
# voted against", not "People remained", "Republicans voted"
_COMPLETE_VERBS = frozenset({"killed", "injured", "wounded", "hurt", "arrested", "detained", "kidnapped", "abducted",
                             "rescued", "evacuated", "displaced", "fired", "hired", "infected", "hospitalized",
                             "hospitalised", "deported", "released", "affected", "sickened", "stranded", "jailed",
                             "charged", "convicted", "indicted", "sentenced", "shot", "stabbed", "missing", "dead",
                             "slain", "murdered", "executed", "captured", "freed"})
# time words: the verb's words end before them ("filed for unemployment benefits last week")
_TIME_WORDS = frozenset({"last", "this", "next", "yesterday", "today", "tomorrow", "earlier", "later", "monday",
                         "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
_CONJUNCTIONS = frozenset({"and", "but", "or", "that", "which", "who", "whom", "when", "while", "after", "before",
                           "because", "since", "as", "than", "if", "said", "says", "according", "including"})
# a preposition ends the words a verb governs unless it is the first of them: "voted against the bill",
# "expelled Russian diplomats" (not "... in solidarity with Britain")
_COMPLEMENT_INNER_STOPS = frozenset({"in", "to", "on", "at", "by", "from", "with", "during", "over", "for", "amid"})
_COMPLEMENT_WORDS = 4


def _complement(text: str, start: int) -> str:
    """The few words a verb governs, up to the clause's end: "under evacuation orders", "for unemployment
    benefits"; never a number, a date or what a conjunction adds."""
    clause = re.split(r"[,;:.!?()\n—–]", text[start:start + 120], maxsplit=1)[0]
    words = []
    for word in _LABEL_WORD.findall(clause):
        lowered = word.lower()
        when = lowered in _TIME_WORDS or lowered in _MONTHS or word[:1].isdigit()
        if when and words and words[0].lower() in _COMPLEMENT_INNER_STOPS:
            return ""  # a time: "allocated on Super Tuesday", "remained in place until Monday"
        if when or lowered in _CONJUNCTIONS or (words and lowered in _COMPLEMENT_INNER_STOPS) \
                or len(words) == _COMPLEMENT_WORDS:
            break
        words.append(word)
    while words and (words[-1].lower() in STOP_WORDS or words[-1].lower() in _LEADING):
        words.pop()  # "voted against the" -> "voted against"; "filed for" stays only with what follows
    if len(words) == 1 and words[0].lower() in _LEADING:
        return ""
    return " ".join(words)


# past forms that are not what happened to what was counted ("were based", "were needed")
_NOT_COUNT_VERBS = frozenset({"based", "needed", "reported", "said", "believed", "confirmed", "feared", "known",
                              "thought", "asked", "added", "noted", "estimated", "expected", "red", "need"})


_SPANS = frozenset({"year", "month", "week", "day", "hour", "minute"})
_SPAN_VERB = re.compile(r"\b(?P<verb>sentenced|jailed|imprisoned|served|suspended|banned|barred|detained)\s+"
                        r"(?:(?:to|for)\s+)?(?:(?:at\s+least|more\s+"
                        r"than|nearly|about|almost|up\s+to|some|over)\s+)?$", re.I)


def _measured_by(members: Sequence[Candidate], texts: Mapping[int, str]) -> str:
    """The verb right before a span of time that says what the span is ("sentenced to", "served"), the
    one most members share; "" when none."""
    found = Counter(m.group("verb").lower() for c in members
                    if (m := _SPAN_VERB.search(texts[c.value.article], max(0, c.value.start - 40), c.value.start)))
    return found.most_common(1)[0][0] if found else ""


# a label that leans on words before it ("Which holds its first hearing", "Well as the tragedy in Nevada") or
# opens on a page's widget word ("CLOSE A federal judge ..."): another member's wording says more
_LEANS_BACK = re.compile(r"(?:which|who|whom|whose|well\s+as|as\s+well|close)\b", re.I)


def _date_label(members: Sequence[Candidate], texts: Mapping[int, str], common: set[str]) -> str:
    """What happens at the dates, as the Timeline words it (the date's clause without the date,
    :func:`~desktop.core.matching.timeline_labels.event_label`): of the members' labels, the one
    sharing most predicates with the others, then the shortest."""
    scored = []
    for c in members:
        text, v = texts[c.value.article], c.value
        label = event_label(text, c.bounds, sentence_around(text, v.start, v.end), v)
        if label and not _LEANS_BACK.match(label) and not re.search(r"\s\d{1,2}…?$", label):
            terms = {t[0] for t in (context_term(w) for w in WORD_RE.findall(label)) if t}
            scored.append((-len(terms & common), len(label), label))
    return min(scored)[2] if scored else ""


_IRREGULAR = {"person": "people", "child": "children", "man": "men", "woman": "women", "gunman": "gunmen",
              "mph": "mph", "percent": "percent", "foot": "feet"}
_PLURALS = frozenset(_IRREGULAR.values())


def _plural(unit: str) -> str:
    if unit in _PLURALS:  # "feet", "people": already plural
        return unit
    if unit in _IRREGULAR:
        return _IRREGULAR[unit]
    if re.search(r"[^aeiou]y$", unit):
        return unit[:-1] + "ies"  # "embassy": "embassies"
    if re.search(r"(?:s|x|z|ch|sh)$", unit):
        return unit + "es"
    return unit + "s"


# what a count of a measuring unit is, when no shared verb says more: "Speed" rather than "Number of mphs"
_MEASURES = {"percent": "Share", "point": "Margin in points", "mph": "Speed", "mile": "Distance",
             "kilometer": "Distance", "kilometre": "Distance", "foot": "Height or length", "feet": "Height or length",
             "hour": "Hours",
             "minute": "Minutes", "day": "Days", "week": "Weeks", "month": "Months", "year": "Years",
             "degree": "Temperature"}


_IRREGULAR_PARTICIPLES = frozenset({"laid", "paid", "held", "won", "lost", "shot", "struck", "taken", "hurt",
                                    "left", "sold", "cut", "killed", "hit", "put", "set", "built", "kept"})


# participles that say nothing of what was counted ("Documents dubbed", "Years ranged", "Evacuees packed",
# "States set up", "Lines traveled"): "Number of documents" says more
_EMPTY_PARTICIPLES = frozenset({"dubbed", "ranged", "packed", "locked", "set", "traveled", "travelled", "showed",
                                "called", "named", "listed", "included", "involved", "located", "compared", "ranked",
                                "aged", "labeled", "labelled", "termed", "described", "used", "needed", "required",
                                "expected", "estimated", "put", "kept", "left", "faced", "handed", "given", "seen",
                                "made"})


def _participle(members: Sequence[Candidate], texts: Mapping[int, str], common: set[str]) -> str:
    """A past participle near the values that their clauses share ("laid off", "killed",
    "injured"), with its particle; only a verb a count is said of (``_COUNT_VERBS``)."""
    best: Counter = Counter()
    for c in members:
        text = texts[c.value.article]
        window = text[max(c.bounds[0], c.value.start - 60):min(c.bounds[1], c.value.end + 60)]
        for match in re.finditer(r"\b([a-z]+)(?:\s+(off|up|down|out|away))?\b", window, re.I):
            word, particle = match.group(1).lower(), (match.group(2) or "").lower()
            if not (word.endswith("ed") or word in _IRREGULAR_PARTICIPLES) or word in ("need", "based", "red"):
                continue
            if word in _EMPTY_PARTICIPLES:
                continue
            term = context_term(word)
            if term and (term[0] in common or term[0] in c.predicates):
                best[word + (f" {particle}" if particle else "")] += 2 if term[0] in common else 1
    return best.most_common(1)[0][0] if best else ""


# what an amount is of, written after it ("a $1.5 trillion tax bill", "$25m (£19m) settlement", "$66,500 in
# commission", "$400 million of military aid") or before it ("at a cost of $1 trillion", "a fee of $1,000")
_MONEY_NOUN_AFTER = re.compile(r"(?:\s*\([^()\n]{1,20}\))?\s+(?:(?P<of>in|of)\s+(?:(?:the|its|his|her|their)\s+)?)?"
                               r"(?P<noun>[A-Za-z][\w.-]*(?:\s+[A-Za-z][\w.-]*){0,3})")
_MONEY_NOUN_BEFORE = re.compile(r"\b(?P<noun>[a-z][\w-]*(?:\s+[a-z][\w-]*)?)\s+of\s+$")
_NOT_MONEY_NOUN = STOP_WORDS | _CONJUNCTIONS | _COMPLEMENT_INNER_STOPS | _TIME_WORDS | _MONTHS | frozenset(
    {"each", "every", "annually", "apiece", "total", "up", "down", "plus", "million", "billion",
     "trillion", "thousand", "dollars", "cash", "worth", "less", "fewer", "around", "nearly", "roughly", "form",
     "part", "addition", "exchange", "return", "excess", "terms", "amount", "sum", "range", "order", "lieu"})


def _money_noun(members: Sequence[Candidate], texts: Mapping[int, str]) -> str:
    """What the amounts are of, in the outlets' words: "Tax bill" for "the $1.5 trillion tax bill",
    "Commission" for "$66,500 in commission", "Cost" for "at a cost of $1 trillion"; the words
    most members write, then the shortest; "" when no member names it."""
    found: Counter = Counter()
    for c in members:
        text, v = texts[c.value.article], c.value
        noun = ""
        after = _MONEY_NOUN_AFTER.match(text, v.end, min(len(text), v.end + 60))
        if after and not (after.group("of") and after.group("noun")[:1].isupper()):  # "$5 million in Florida"
            words = []
            for word in after.group("noun").split():
                ends = word.endswith(".") and not re.fullmatch(r"(?:[A-Z]\.)+", word)
                word = word.rstrip(".") if ends else word  # "fines." ends the sentence; "U.S." stays whole
                if word.lower() in _NOT_MONEY_NOUN:
                    break
                words.append(word)
                if ends:
                    break
            while words and re.search(r"(?:ed|ing|ly)$", words[-1].lower()):
                words.pop()  # "$250 million raised for ...": a verb, not what the money is
            noun = " ".join(words)
        if not noun:
            before = _MONEY_NOUN_BEFORE.search(text, max(0, v.start - 30), v.start)
            words = before.group("noun").split() if before else []
            while words and words[0].lower() in _NOT_MONEY_NOUN:
                words = words[1:]  # "a fee of": "fee"
            if words and not any(w.lower() in _NOT_MONEY_NOUN for w in words):
                noun = " ".join(words)
        if noun:
            found[noun[0].upper() + noun[1:]] += 1
    if not found:
        return ""
    # the words most members write: "Tax bill" of "the $1.5 trillion tax bill", "Republican tax bill", "tax
    # legislation" and "$1.5 trillion in cuts"; then the shortest
    words_of = {noun: set(noun.lower().split()) for noun in found}

    def support(noun: str) -> int:
        return sum(n for other, n in found.items() if words_of[noun] & words_of[other])
    return min(found, key=lambda noun: (-support(noun), len(noun), noun))


def _event_phrase(text: str, bounds: tuple[int, int], m: ValueMention) -> str:
    """What happens at a date or to an amount, from its clause: the words after ", when",
    else the clause without the value, cut to a few words around its verb."""
    after = text[m.end:bounds[1]]
    when = WHEN_AFTER.match(after)
    if when:
        words = _LABEL_WORD.findall(when.group(1))
    else:
        before_words = _LABEL_WORD.findall(text[bounds[0]:m.start])
        after_words = _LABEL_WORD.findall(after)
        while before_words and before_words[-1].lower() in ("from", "since", "on", "in", "by", "until", "till",
                                                            "beginning", "starting", "after", "before", "of",
                                                            "the", "at", "as"):
            before_words.pop()
        while before_words and before_words[0].lower() in _OPENERS:
            before_words = before_words[1:]
        # the subject and verb before the value ("The S&P 500 closed at 1,893"), else what follows it
        words = before_words if len(before_words) >= 3 else after_words
        if words is before_words:
            words = words[-_LABEL_WORDS - 2:]
    while words and words[0].lower() in ("the", "a", "an", "it", "and", "that", "will", "would"):
        words = words[1:]
    while words and (words[0].lower() in _LEADING or words[0].lower() in ("the", "a", "an")
                     or words[0][:1].isdigit()):
        words = words[1:]  # "Of consistent conservatives who talk", "15 that killed three people"
    words = [w.rstrip(".,;:") for w in words[:_LABEL_WORDS]]
    while words and (words[-1].lower() in STOP_WORDS or words[-1].lower() in _LEADING):
        words.pop()  # "... Al Franken during"
    if not words:
        return ""
    phrase = " ".join(words)
    return phrase[0].upper() + phrase[1:]

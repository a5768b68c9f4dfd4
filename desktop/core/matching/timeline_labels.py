"""How a Timeline row is worded: what happened at a date, in the words of the date's clause.

:func:`event_label` is the row's label: the date's own clause without the date, up to
``CLAUSE_WORDS`` words ("Tom Barrett was defeated by Walker", "Head of the Ministry of Commerce
Gina Raimondo announced the ban…"), or the words after ", when" ("Ban officially takes effect");
"" when the clause names who but not what happened. The date leaves the words a reader needs:
one in the possessive stays as "the" ("The coup was the culmination ..." for "Wednesday's coup
was ..."), a bound the clause needs as "then" ("gave processors until then to begin"), and a label
opening on its verb gets the subject its sentence opens with across an aside ("Booker made his
remark ..." for "Booker, the New Jersey senator, made his remark on Sunday ...").
:func:`without_caption_titles` takes a photo gallery's title off its captions. Used by
:mod:`desktop.core.matching.timeline`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from desktop.core.matching.comparison import TimelineEvent
from desktop.core.matching.conflict_values import ValueMention

__all__ = ["CLAUSE_WORDS", "LABEL_WORDS", "clause_label", "event_label", "sentence_around", "short_label",
           "without_caption_titles"]

_LEAD = frozenset(["from", "since", "on", "in", "by", "until", "till", "beginning", "starting", "after", "before", "during", "of", "the", "at", "as", "when", "and", "that", "will", "would", "it", "its", "a", "an"])
LABEL_WORDS = 7  # a short label's words (the first reading, kept when the clause says too little)


def event_label(text: str, bounds: tuple[int, int], sentence: tuple[int, int], v: ValueMention) -> str:
    """The row's label for the date ``v`` in its claim ``bounds`` (``sentence``: its whole sentence),
    "" when there is nothing to say."""
    label = short_label(text, bounds, v)
    if not label or re.match(r"^[,\s]*(?:when|as)\s", text[v.end:bounds[1]]):
        return label  # "until Sept. 29, when the ban officially takes effect": what the date brings
    label = clause_label(text, bounds, v) or clause_label(text, sentence, v) or label
    if not _verb_like(_LABEL_WORD.findall(label)):
        return ""  # "McConnell and House Speaker Nancy Pelosi": who, but not what happened
    return _named_pronoun(_with_subject(label, text, sentence), text, sentence)


_PRONOUN_OPENING = re.compile(r"(He|She)\s")


def _named_pronoun(label: str, text: str, sentence: tuple[int, int]) -> str:
    """A label opening on "He" or "She" names the person the pronoun stands for, by surname, as
    a quotation's "he said" is resolved (:func:`~desktop.core.matching.quote_speakers.pronoun_referent`:
    the last person named as a speaker or opening a sentence before it): "He will testify before
    the House Financial Services Committee" -> "Bernanke will testify ..."; kept as written when
    nobody is found."""
    from desktop.core.matching.quote_extraction import quotations_blanked
    from desktop.core.matching.quote_speakers import pronoun_referent

    opening = _PRONOUN_OPENING.match(label)
    if not opening:
        return label
    at = re.search(rf"\b{opening.group(1)}\b", text[sentence[0]:sentence[1]])
    if not at:
        return label
    position = sentence[0] + at.start()
    who = pronoun_referent(quotations_blanked(text)[:position], position, opening.group(1).lower())
    words = (who or "").split()
    if not words or not words[-1][:1].isupper() or re.match(r"(?:A|An|One)\s", who) or \
            re.search(rf"\b{re.escape(words[-1])}\b", label):
        return label  # nobody, someone unnamed, or one the label names already ("She and Trump": not Trump)
    return words[-1] + label[len(opening.group(1)):]


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence (or line) holding ``text[start:end]``, read from its full stops."""
    stop = text.rfind(". ", 0, start)
    lo = max(stop + 2 if stop >= 0 else 0, text.rfind("\n", 0, start) + 1)
    ends = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    return lo, (min(ends) if ends else len(text))


def _with_subject(label: str, text: str, sentence: tuple[int, int]) -> str:
    """A label that opens on its verb ("Made his remark in response to a question") gets the subject its
    sentence opens with, when an aside stands between them ("Booker, the New Jersey senator, made his
    remark ..." -> "Booker made his remark ..."; "The agency, however, gave processors ...")."""
    words = label.split()
    first = words[0].lower()
    if first in ("which", "who"):
        return _with_antecedent(label, text, sentence)
    if not _VERB_LIKE.fullmatch(first) or not re.search(rf"(?<![\w’'-]){re.escape(first)}\b", text[sentence[0]:sentence[1]]):
        return label  # it opens on a name or a noun, or its first word is not the sentence's in lower case
    subject = _SUBJECT_ASIDE.match(text, sentence[0], sentence[1])
    if not subject or not text.startswith(words[0].lower(), subject.end()):
        return _with_name_before(label, text, sentence)  # no aside opening the sentence: one before the verb?
    who = subject.group("who")
    if not who[:1].isupper() or any(w[:1].islower() and _VERB_LIKE.fullmatch(w) for w in who.split()) \
            or _NOT_SUBJECT.match(who):
        return label  # "When it became clear, ...": a clause, not a subject
    return f"{who} {first}{label[len(words[0]):]}"


def _with_name_before(label: str, text: str, sentence: tuple[int, int]) -> str:
    """A label opening on its verb gets the name an aside separates from it anywhere in the sentence:
    "Bannon — who worked as the CEO of Trump's campaign — said that ..." -> "Bannon said that ...",
    "Rob Portman (R-Ohio) said his office ...", "..., Ned Price, a spokesman for the council, said ..."."""
    words = label.split()
    first = words[0]
    if first.lower() in _NO_SUBJECT_WORDS or (len(words) > 1 and words[1] in ("by", "for", "as")):
        return label  # "Including ...", "According to ...", "Passed by Congress": no verb waiting for its subject
    at = re.search(rf"(?<![\w’'-]){re.escape(first.lower())}\b", text[sentence[0]:sentence[1]])
    if not at:
        return label
    name = _NAME_ASIDE_BEFORE.search(text, sentence[0], sentence[0] + at.start())
    if not name or _NOT_SUBJECT.fullmatch(name.group("who").split()[0]) or \
            any(w.isupper() and len(w) > 1 for w in name.group("who").split()) or \
            re.search(r"(?:[A-Z][\w.’'-]*,|\b(?:in|of|at|from|for|to|by|on|with|and|or)|[-\d])\s*$",
                      text[max(0, name.start() - 40):name.start()]):
        return label  # "MORE" (a link's text run into the article), "Turlock, California": no subject read with confidence
    return f"{name.group('who')} {first.lower()}{label[len(first):]}"


def _with_antecedent(label: str, text: str, sentence: tuple[int, int]) -> str:
    """A label opening on "which" or "who" names what the clause is about instead: "the 2020 budget year,
    which began Oct. 1" -> "The 2020 budget year began"; "Bannon — who worked as ..." -> "Bannon worked as
    ..."; unchanged when the words before the comma are no noun phrase."""
    first = label.split()[0]
    at = re.search(rf"(?<![\w’'-]){re.escape(first.lower())}\b", text[sentence[0]:sentence[1]])
    if not at:
        return label
    rest = label.split()[1:2]
    if rest and rest[0].lower() in _PRONOUNS:
        return label  # "which he did": "which" is the object, not the subject
    noun = _ANTECEDENT_BEFORE.search(text, sentence[0], sentence[0] + at.start())
    if not noun:
        return label
    who = noun.group("who")
    return f"{who[0].upper()}{who[1:]}{label[len(first):]}"


_NO_SUBJECT_WORDS = frozenset({"including", "according", "following", "thanks", "regarding", "concerning", "excluding",
                               "given", "compared", "amid", "despite"})
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "the", "a", "an", "his", "her", "their", "its"})
# a name, then an aside between commas, dashes or brackets right before a verb: "Bannon — who ran the campaign
# — said"
_NAME_ASIDE_BEFORE = re.compile(r"(?<![\w’'.-])(?P<who>(?:[A-Z][\w.’'-]+\s+){0,3}[A-Z][\w.’'-]+)(?:\s*,\s[^,]{1,120},|\s+[—–]\s*[^—–]{1,160}?"
                                r"\s*[—–]|\s+--\s*[^-]{1,160}?\s*--|\s*\([^)]{1,40}\))\s+$")
# what a relative clause is about, right before its ", which" / " — who": "the current fiscal year", "Bannon"
_ANTECEDENT_BEFORE = re.compile(r"(?<![\w’'-])(?P<who>(?:the|a|an|its|his|her|their|this|The|A|An|Its|His|Her|Their|This)"
                                r"\s+(?:[\w’'-]+\s+){0,3}?[\w’'-]+|(?:[A-Z][\w.’'-]+\s+){0,3}[A-Z][\w.’'-]+)"
                                r"(?:,|\s+[—–]|\s+--)\s+$")


# the subject a sentence opens with, then an aside between commas: "Booker, the New Jersey senator, made"
_SUBJECT_ASIDE = re.compile(r"\s*(?P<who>(?:(?:The|A|An|This|That|These|Those|His|Her|Its|Their)\s+)?[A-Z]?[\w.’'-]+"
                            r"(?:\s+[\w.’'-]+){0,4}?),\s+[^,]{1,120},\s+")
_NOT_SUBJECT = re.compile(r"(?:When|If|After|Before|While|As|In|On|At|For|Since|But|And|Still|However|Yet|So|Though|"
                          r"Although|Because|Until|During|Under|With|Without|Despite|By|From|Last|Next|This\s+week|"
                          r"Today|Yesterday|Meanwhile|Instead|Also|Then|Now|Here|There|Taken|Together|Overall|Separately|Similarly|"
                          r"Likewise|Earlier|Later|Asked|Speaking|Indeed|Again|Once|Finally|Ultimately)\b")


def without_caption_titles(events: list) -> list:
    """A photo gallery's title repeated before each of its captions ("Donald Trump in the public eye Trump
    speaks to a crowd…") is taken off the labels: four words or more that open three labels or more."""
    openings = Counter(" ".join(e.label.split()[:4]) for e in events if len(e.label.split()) > 6)
    titles = [o for o, n in openings.items() if n >= 3]
    if not titles:
        return events
    out = []
    for e in events:
        label = e.label
        for title in titles:
            if label.startswith(title):
                words = label.split()
                # the title runs to the first word repeated from it ("Donald Trump ... Trump speaks")
                rest = words[4:]
                for n, word in enumerate(rest):
                    if word in words[:4] or word[:1].isupper():
                        rest = rest[n:]
                        break
                if len(rest) >= 2:
                    label = " ".join(rest)
        out.append(e if label == e.label else TimelineEvent(e.id, e.date, e.display, label, e.mentions, e.conflict,
                                                            e.year_inferred))
    return out


CLAUSE_WORDS = 12  # a clause label's length: enough for who did what ("Kaspersky will gradually wind down its
# U.S. operations"), short enough for one or two lines of the Timeline tab
# the date with the words that lead to it: "on Tuesday", "in June 2024", "starting July 20", "since 2008", "Tuesday's"
_DATE_LEAD = re.compile(r"(?:\b(?:on|in|since|by|until|till|from|starting|beginning|as\s+of|through|before|after|during|"
                        r"at|of|early|late|earlier|later|last|next|this|the)\s+)*$", re.I)
_DATE_TAIL = re.compile(r"^(?:['’]s?\b|\s*(?:morning|afternoon|evening|night)\b)?,?")


def clause_label(text: str, bounds: tuple[int, int], v: ValueMention) -> str:
    """What happened at the date, as its clause says it without the date: "Beginning July 20, the US
    government has banned the sale of Kaspersky software" -> "The US government has banned the sale of
    Kaspersky software"; "The company, which in 2023 reported global earnings of $721 million, says ..."
    -> "The company reported global earnings of $721 million". The date's own stretch between commas,
    or the clause it opens; at most ``CLAUSE_WORDS`` words (a name kept whole, never ending on a word
    that leads on); "" when that says too little (under three words, no verb-like word, or a start
    that leans on the words before)."""
    lo, hi = bounds
    before, after = _without_date(text, lo, hi, v)
    own_before = _CLAUSE_END.split(before)[-1]
    own_after = _CLAUSE_END.split(after)[0] if not re.match(r"\s*[,;:]", text[v.end:hi]) else ""
    words = _LABEL_WORD.findall(own_before + " " + own_after)
    if len(words) < 3 and re.match(r"\s*,", text[v.end:hi]):
        # "Beginning July 20, the US ...": the clause the date opens, across an aside ("In June, the head of
        # the Ministry of Commerce, Gina Raimondo, announced the ban")
        for segment in _CLAUSE_END.split(after.lstrip(" ,"))[:4]:
            words += _LABEL_WORD.findall(segment)
            if _verb_like(words):
                break
    while words and (words[0].lower() in _LEAD or words[0].lower() in _CONJUNCTION):
        words = words[1:]
    if words and words[0].lower() in ("who", "which"):
        # "The company, which in 2023 reported ...": the company reported
        antecedent = _last(_ANTECEDENT.finditer(text, max(0, lo - 80), v.start))
        if antecedent is None:
            return ""
        words = _LABEL_WORD.findall(antecedent.group(1)) + words[1:]
    if len(words) < 3 or words[0].lower() in _WEAK_START or not _verb_like(words):
        return ""
    cut = min(len(words), CLAUSE_WORDS)
    while cut < min(len(words), CLAUSE_WORDS + 3) and words[cut - 1][:1].isupper() and words[cut][:1].isupper():
        cut += 1
    shown = words[:cut]
    while shown and (shown[-1] in _SENTINELS or shown[-1].lower() in _LEAD or shown[-1].lower() in _LEADS_ON):
        shown = shown[:-1]
    if len(shown) < 3:
        return ""
    return _phrase(shown, len(shown) < len(words))


def _without_date(text: str, lo: int, hi: int, v: ValueMention) -> tuple[str, str]:
    """The clause ``text[lo:hi]`` before and after the date ``v``, without the date and the words that
    lead to it ("on", "in June", "starting"). A date in the possessive names a thing of that day, which
    stays, as "the" ("Wednesday's coup was ..." -> "the coup was ...", "his disapproval of Wednesday's
    violence" -> "his disapproval of the violence"): ``THE_DATE`` stands for it until the label is
    worded (so that no rule takes it for a word leading to a date)."""
    before, after = text[lo:v.start], text[v.end:hi]
    possessive = _POSSESSIVE.match(after)
    if possessive:
        modifier = _DATE_MODIFIER.search(before)
        return (before[:modifier.start()] if modifier else before), f" {THE_DATE} {after[possessive.end():]}"
    tail = _DATE_TAIL.match(after)
    after = after[tail.end():] if tail else after
    bound = _bound_in_clause(before, after)
    if bound:  # "gave processors until Feb. 15 to begin" -> "gave processors until then to begin"; a date
        # naming what follows is "the" ("soon after the raids on his home", "before the primary")
        word = THE_DATE if bound.group("the") else THEN
        return f"{before[:bound.start()]}{bound.group(1)} {word}", after
    lead = _DATE_LEAD.search(before)
    return (before[:lead.start()] if lead else before), after


def _bound_in_clause(before: str, after: str) -> re.Match | None:
    """"until", "by", "since", "before" or "after" leading to a date inside its clause (words on both sides):
    the date is a bound the clause needs, which a label keeps as "then" ("until Feb. 15 to begin"), or as
    "the" when it names the thing that follows ("until the May 10 agreement")."""
    bound = _BOUND.search(before)
    if bound and re.search(r"[A-Za-z]\W*$", before[:bound.start()]) and re.match(r"\s*[a-z]", after) and \
            (bound.group("the") or _GOES_ON.match(after)):
        return bound  # "until the May 10 agreement", "until Feb. 15 to begin"; not "since mid-April began"
    return None


THEN = "thenforthedate"
_BOUND = re.compile(r"\b(until|till|by|since|before|after)\s+(?:(?:early|late|mid|last|next|this)\s+)*"
                    r"(?P<the>the\s+)?$", re.I)
# the words that go on after a whole date ("until Feb. 15 to begin", "since 1987 and bans"), not a noun it names
_GOES_ON = re.compile(r"\s*(?:to|and|or|but|that|when|as|in|on|at|for|with|while|because|if|the|a|an|his|her|their|its|"
                      r"from|of|so|than|then|unless|whereas)\b")


def _phrase(words: Sequence[str], cut: bool = False) -> str:
    phrase = " ".join(words).replace(THE_DATE, "the").replace(THEN, "then") + ("…" if cut else "")
    return phrase[0].upper() + phrase[1:]


THE_DATE = "thedatesthing"
_SENTINELS = frozenset({THE_DATE, THEN})  # never the last word of a label: "... since the" says nothing
_POSSESSIVE = re.compile(r"['’]s?(?![\w’'])")
_DATE_MODIFIER = re.compile(r"\b(?:(?:last|next|this|early|late|earlier|later|the)\s+)*"
                            r"(?:(?:summer|winter|spring|fall|autumn)\s+)?$", re.I)  # "summer 2011's drama"


def _last(matches):
    """The last of an iterator's items (None when it has none)."""
    found = None
    for found in matches:  # noqa: B007 - the loop is how the last one is reached
        pass
    return found


def _verb_like(words: Sequence[str]) -> bool:
    """Whether one of the words may be a verb (the first read in lower case: "Endorsed the plan")."""
    return any(_VERB_LIKE.fullmatch(w.lower() if n == 0 else w) for n, w in enumerate(words))


# who or what a relative clause is about: "The company, which", "Gov. Lynn Frazier of North Dakota, who"
_ANTECEDENT = re.compile(r"((?:[Tt]he\s+[a-z]+(?:\s+[a-z]+)?)|[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){0,2})"
                         r"(?:\s+(?:of|from)\s+[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+)?)?,\s+(?:who|which)\s")


# a word that may be a clause's verb: a past or -ing form, or a common verb of news
_VERB_LIKE = re.compile(r"[a-z]+(?:ed|ing|es)|is|was|are|were|will|would|has|have|had|won|lost|said|says|told|"
                        r"made|took|came|went|met|held|began|left|set|ran|got|gave|won|fell|rose|hit|cut|"
                        r"shut|put|sent|paid|spent|sold|bought|led|beat|built|wrote|spoke|chose|became|"
                        r"can|could|may|might|must|should|did|does|do|announce[sd]?|[a-z]+s|[a-z]+n['’]t")


def short_label(text: str, bounds: tuple[int, int], v: ValueMention) -> str:
    """What happened at the date, from its clause: the words after ", when", else the side of
    the clause with more words, cut near the date. A side ends at the clause's punctuation ("...
    earnings of $721 million, says only ..." stops at the comma); amounts stay in ("$721 million");
    a name the cut would split is kept whole ("Gina Raimondo"); no label ends in a word that leads
    on ("to", "says", "being")."""
    if _POSSESSIVE.match(text, v.end, bounds[1]) or _bound_in_clause(text[bounds[0]:v.start], text[v.end:bounds[1]]):
        before, after = _without_date(text, bounds[0], bounds[1], v)
    else:
        after = text[v.end:bounds[1]]
        before = text[bounds[0]:v.start]
    when = re.match(r"^[,\s]*(?:when|as)\s+(.+)$", after, re.S)
    if when:
        words = _LABEL_WORD.findall(_CLAUSE_END.split(when.group(1))[0])
    else:
        b = _LABEL_WORD.findall(_CLAUSE_END.split(before)[-1])
        a = _LABEL_WORD.findall(_CLAUSE_END.split(after.lstrip(" ,"))[0])
        if len(a) >= 3 and (len(a) >= len(b) or (before.rstrip().endswith(",") is False and len(b) < 3)):
            words = a
        else:  # the clause before the date, from its subject
            words = b
    while words and (words[0].lower() in _LEAD or words[0].lower() in _CONJUNCTION or words[0][:1].isdigit()
                     or words[0] in ("s", "S")):  # "Tuesday's": the possessive's s
        words = words[1:]
    if words and words[0].lower() in ("who", "which"):
        # "Tom Barrett, who was defeated by Walker in 2010": Barrett was defeated (a claim may start at "who")
        antecedent = _last(_WHO.finditer(text, max(0, bounds[0] - 80), v.start))
        if antecedent is not None:
            words = antecedent.group(1).split() + words[1:]
    if words and words[0].lower() in _WEAK_START:
        # "Is going to need", "Where she will head": the clause from its start (its subject) says what happened
        whole = _LABEL_WORD.findall(_CLAUSE_END.split(text[bounds[0]:v.start])[0]) or words
        while whole and (whole[0].lower() in _LEAD or whole[0].lower() in _CONJUNCTION or whole[0][:1].isdigit()):
            whole = whole[1:]
        words = whole if len(whole) >= 2 and whole[0].lower() not in _WEAK_START else words
    cut = LABEL_WORDS
    while cut < min(len(words), LABEL_WORDS + 2) and words[cut - 1][:1].isupper() and words[cut][:1].isupper():
        cut += 1  # "... of Commerce Gina" goes on to "Raimondo"
    words = words[:cut]
    while words and (words[-1] in _SENTINELS or words[-1].lower() in _LEAD or words[-1].lower() in _LEADS_ON):
        words = words[:-1]
    if len(words) < 2:
        return ""
    return _phrase(words)


# a label cannot start with these: they lean on words before them ("Is going to need", "Which votes")
_WEAK_START = frozenset(["is", "was", "are", "were", "which", "where", "whom", "whose", "s", "has", "have", "had",
                         "could", "would", "should", "may", "might", "can", "do", "does", "did", "been", "being",
                         "be", "than", "whether", "who"])
# nor with a conjunction, which is dropped ("Though Barrett didn't enter the race" -> "Barrett didn't ...")
_CONJUNCTION = frozenset(["though", "although", "while", "because", "but", "so", "then", "also", "yet", "whereas"])
# "Gov. Lynn Frazier of North Dakota, who ...": the person, not the place
_WHO = re.compile(r"([A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){0,2})(?:\s+(?:of|from)\s+[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+)?)?"
                  r",\s+(?:who|which)\s")
# a label's words: words and amounts ("$721 million", "50", "10%"); a clause ends at , ; : or a dash
_LABEL_WORD = re.compile(r"[$€£]?\d[\d,.]*\d%?|[$€£]?\d%?|[^\W\d_][\w’'.-]*[\w’']|[^\W\d_]")
_CLAUSE_END = re.compile(r"[;:()]|,(?!\d{3}(?!\d))|\s[–—-]\s|\s--\s")  # "13,000" is no clause end
_LEADS_ON = frozenset(["to", "says", "said", "say", "only", "being", "be", "is", "are", "was", "were", "has", "have",
                       "had", "than", "who", "which", "for", "with", "they", "he", "she", "we", "not", "no", "also",
                       "about", "around", "nearly", "some", "through", "into", "over", "under", "after", "before",
                       "during", "until", "or", "but", "if", "so", "even", "our", "their", "his", "her"])

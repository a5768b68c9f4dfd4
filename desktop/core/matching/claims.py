"""Claim units: the pieces of an article that state one thing, with who says so kept apart.

``claim_units(article_id, body)`` cuts each sentence of an article's body (boilerplate blanked,
offsets kept) into claims and returns them with what matching needs:

* **Attribution is data, not claim.** "…, Kaspersky said in a statement", "According to the New
  York Times, …", "…, as first reported by Kim Zetter" are cut off the claim's span; the claim
  keeps them as ``attribution`` (its span, text and the source named). Two outlets citing
  different papers for different facts no longer look alike, and #13's who-cites-whom reads
  the attributions from here.
* **A sentence that carries several claims is split**: at ``;``, a spaced dash, ``, while``,
  ``, whereas``, ``, but``, a relative clause that asserts a fact (``, which …``, ``, who …``),
  and ``, and`` / ``and`` joining two clauses that each have a subject and a verb. A piece
  of fewer than ``MIN_CLAIM_WORDS`` content words stays with its neighbour.
* **What never links**: headings (short lines without final punctuation), questions, datelines
  (``WASHINGTON (Reuters) -`` is cut off the first claim), bylines, embedded posts and photo
  captions ("(@handle)", "Hide Caption 3 of 40 Photos"), names and titles that say nothing
  about them ("House Speaker Paul Ryan, R-Wis."), and pure attribution. They are kept as units of ``kind`` other than ``"claim"`` so exclusives and
  headers can still be shown, but matching skips them.
* **Content mass**: the summed news IDF of a claim's content stems. A claim needs
  ``MIN_LINK_MASS`` to be linked at all, so "should be part of it." never matches "It should be at
  the top of the post.".

Pure functions over plain strings; deterministic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from desktop.core.matching.segment import Sentence, segment_sentences
from desktop.core.matching.verb_forms import finite_form, has_verb

__all__ = ["MIN_CLAIM_WORDS", "MIN_LINK_MASS", "Attribution", "ClaimUnit", "claim_units", "split_attribution"]

MIN_CLAIM_WORDS = 3  # content words a piece needs to stand as a claim of its own
MIN_LINK_MASS = 9.0  # summed news IDF of content stems a claim needs to be linked
HEADING_MAX_WORDS = 12
QUOTED_HEADING_MAX_WORDS = 6
# A short line that is nothing but a quoted phrase, without a sentence's punctuation inside.
_QUOTED_HEADING = re.compile(r"[\"“‘«'][^\"“”‘’«».!?;:]+[\"”’»']")

CLAIM, HEADING, QUESTION, ATTRIBUTION_ONLY, FRAGMENT = "claim", "heading", "question", "attribution", "fragment"


@dataclass(frozen=True)
class Attribution:
    """Who a claim is attributed to: "Kaspersky said", "according to The Register"."""

    start: int
    end: int
    text: str
    source: str  # the named source: "Kaspersky", "The Register", "a company spokesperson"
    verb: str  # "said", "according to", "reported", "told", "confirmed to"...


@dataclass(frozen=True)
class ClaimUnit:
    """One claim of one article. ``start``/``end`` cover the claim without its attribution."""

    article: int
    sentence: int  # index into the article's sentences
    start: int
    end: int
    text: str
    kind: str = CLAIM  # "claim", or what kind of text that is never linked
    attribution: Attribution | None = None
    mass: float = 0.0

    @property
    def linkable(self) -> bool:
        return self.kind == CLAIM and self.mass >= MIN_LINK_MASS


# ------------------------------------------------------------------------------- attribution

_SPEECH = (r"(?:said|says|say|told|tells|stated|states|added|adds|noted|notes|explained|wrote|writes|reported|"
           r"reports|announced|announces|confirmed|confirms|claimed|claims|argued|argues|insisted|insists|"
           r"warned|warns|acknowledged|acknowledges|admitted|admits|asserted|asserts|declared|"
           r"maintained|maintains|replied|responded|stressed|emphasized|emphasised|revealed|reveals|"
           r"predicted|estimated|estimates|tweeted|posted|suggested|suggests|contended|observed)")
_SOURCE = r"(?P<source>(?:[A-Z][\w.'’&-]*|the|a|an|an?other|one|two|three|several|his|her|their|its|our)(?:[ \t]+[\w.'’&-]+){0,9}?)"
_TAIL = r"(?P<tail>(?:[ \t]+(?:in|on|at|to|during|via|through|on\s+\w+|last\s+\w+|this\s+\w+)[\w\s.'’,-]{0,60})?)"

_OBJECT = r"(?:[ \t]+(?:the[ \t]+)?[A-Z][\w.'’&-]*(?:[ \t]+[A-Z][\w.'’&-]*){0,3})?"  # "told Reuters"

# ", Kaspersky said in a statement." / ", said Kaspersky." / ", according to the Times." at the end
_TRAILING = [
    re.compile(rf",\s+(?P<verb>{_SPEECH}){_OBJECT}\s+{_SOURCE}{_TAIL}\s*[.!]?[\"”’]?$"),  # , said the company.
    re.compile(rf",\s+{_SOURCE}\s+(?P<verb>{_SPEECH}){_OBJECT}{_TAIL}\s*[.!]?[\"”’]?$"),  # , a spokesman told Reuters.
    re.compile(r",?\s+(?P<verb>according\s+to|citing|as\s+(?:first\s+|originally\s+|previously\s+)?"
               r"(?:reported|stated|noted|announced)\s+by)\s+(?P<source>[^,.;]{2,90}?)\s*[.!]?[\"”’]?$", re.I),
    re.compile(r",\s+(?P<verb>(?:first\s+|originally\s+)?reported\s+by|confirmed\s+to)\s+"
               r"(?P<source>[A-Z][^,.;]{1,80}?)\s*[.!]?$"),
]
# ',” Kaspersky said in a statement.' / '," said Kaspersky.': the same after a quotation's closing mark
_QUOTED_TRAILING = [
    re.compile(rf",(?P<close>[\"”’])\s+(?P<verb>{_SPEECH}){_OBJECT}\s+{_SOURCE}{_TAIL}\s*[.!]?$"),
    re.compile(rf",(?P<close>[\"”’])\s+{_SOURCE}\s+(?P<verb>{_SPEECH}){_OBJECT}{_TAIL}\s*[.!]?$"),
]
_COUNT_WORDS = r"one|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|thousands"  # "said five people died"
_APPOSED = r"(?P<source>[A-Z][^,;:“”\"]{1,60}?,\s+[^,;:“”\"]{1,100}?)"  # "Rep. Peter Welch, a Vermont Democrat"
# "According to the Times, ..." / "As Bloomberg reported, ..." / "Kaspersky said (that) ..." at the start
_LEADING = [
    re.compile(r"^(?P<verb>according\s+to|as\s+(?:first\s+|originally\s+)?(?:reported|noted)\s+by|citing)\s+"
               r"(?P<source>[^,]{2,90}?),\s+", re.I),
    re.compile(rf"^(?P<verb>as)\s+{_SOURCE}\s+(?:first\s+|originally\s+)?(?:{_SPEECH}),\s+", re.I),
    # "Rep. Peter Welch, a Vermont Democrat, says the debt ceiling has become ...": a name and what it is
    # ("..., told the newspaper that ...": whom they told, then what)
    re.compile(rf"^{_APPOSED},\s+(?P<verb>told|tells)\s+(?:[\w'’.&-]+\s+){{1,5}}?that\s+"),
    _APPOSED_SAID := re.compile(
        rf"^{_APPOSED},\s+(?P<verb>{_SPEECH})(?<!told)(?<!tells){_OBJECT}"
        r"(?:\s+(?:in\s+a\s+statement|on\s+\w+|last\s+\w+|\w+day))?"
        r"(?:\s+that|:|(?=\s+(?:it|its|he|she|they|the|a|an|there|this|his|her|their|\d|" + _COUNT_WORDS + r")\b))\s+"),
    _SAID := re.compile(
        rf"^{_SOURCE}\s+(?P<verb>{_SPEECH}){_OBJECT}(?:\s+(?:in\s+a\s+statement|on\s+\w+|last\s+\w+))?"
        r"(?:\s+that|:|(?=\s+(?:it|its|he|she|they|the|a|an|there|this|his|her|their|\d|" + _COUNT_WORDS + r")\b))\s+"),
]
# what a clause has and a source never does: ", said the family has already forgiven the gunman." names no
# source "the family has already forgiven the gunman"; the sentence's subject said it
_CLAUSE_WORDS = re.compile(r"\b(?:would|will|could|can|may|might|must|should|shall|is|are|was|were|has|have|had|"
                           r"did|does)\b")
# a clause has a verb: an auxiliary, a modal or a past form ("said it will close", "said sales fell")
_FINITE = re.compile(r"\b(?:is|are|was|were|be|been|has|have|had|will|would|could|can|may|might|must|should|shall|"
                     r"did|does|do|[a-z]{2,}ed|\w+[’'](?:ll|d|re|ve)|\w+n[’']t)\b")
_NOT_A_SOURCE = re.compile(r"^(?:it|this|that|which|who|there|he|she|they|we|i|you)$", re.I)
# a subordinate clause's subject ("When Obama announced his DACA policy, a surge ... came"): no source
_SUBORDINATE = re.compile(r"(?:When|Whenever|If|After|Before|While|As|Since|Because|Although|Though|Until|Once|Unless)\s")


def split_attribution(text: str) -> tuple[int, int, Attribution | None]:
    """The claim part of ``text`` as (start, end) offsets into it, and the attribution cut off
    (offsets relative to ``text``), if any. Only one attribution, at the start or the end."""
    for pattern in (*_TRAILING, *_QUOTED_TRAILING):
        match = pattern.search(text)
        if match and match.start() > 0 and _plausible_source(match.group("source")) and \
                not _CLAUSE_WORDS.search(match.group("source")):
            end = match.start()
            if pattern in _QUOTED_TRAILING:
                end = match.start("close") + 1  # the quotation keeps its closing mark
                rest = text[:end]
            else:
                rest = text[:end].rstrip(" ,\t")
            if _content_words(rest) >= MIN_CLAIM_WORDS:
                lead = match.group().lstrip(" ,\t\"”’") if pattern in _QUOTED_TRAILING else match.group().lstrip(" ,\t")
                attribution = Attribution(match.end() - len(lead),
                                          len(text), lead.strip(" ,\t"), _clean_source(match.group("source")),
                                          " ".join(match.group("verb").lower().split()))
                return 0, len(rest), attribution
    for pattern in _LEADING:
        match = pattern.match(text)
        if match and _plausible_source(match.group("source")):
            rest_start = match.end()
            if pattern in (_APPOSED_SAID, _SAID) and not re.search(r"(?:\bthat|:)\s*$", match.group()) and \
                    not _reports_a_clause(text, rest_start, match.group("verb")):
                continue  # "VanHorn confirmed the company's statement and the layoffs.": an object, no clause
            if _content_words(text[rest_start:]) >= MIN_CLAIM_WORDS:
                attribution = Attribution(0, len(match.group().rstrip(" ,:\t")), match.group().strip(" ,:\t"),
                                          _clean_source(match.group("source")),
                                          " ".join(match.group("verb").lower().split()))
                return rest_start, len(text), attribution
    return 0, len(text), None


# where the clause after "X announced ..." ends: a verb past it is another clause's ("announced the ban in
# June, though details were not disclosed": "the ban" is its object, "were" the "though" clause's verb)
_NEXT_CLAUSE = re.compile(r",\s+(?:though|although|while|but|whereas|because|since|even\s+though|despite|according|"
                          r"after|before|as|when|with|along|amid|like|[a-z]+ing|"
                          r"and\s+(?:in|on|at|for|with|from|by|after|before|during|under|then|now|so))\b"
                          r"|;|\s[—–]\s|\s--?\s")
# the attribution a sentence ends with (", the White House said."): no verb of the clause reported before it
_SAID_LAST = re.compile(r",[^,]*\b(?:said|says|told|tells|added|adds|wrote|writes|reported|reports)\b[^,]*$")
# a relative clause or an aside inside the reported clause ("confirmed the man, who was 45, had died"): read past;
# one that runs to the end ("wrote a short dissent, which Justice Elena Kagan joined.") ends it
_ASIDE = re.compile(r",\s+(?:who|which|whose|whom|where|when)\b[^,]*,")
_RELATIVE = re.compile(r",\s+(?:who|which|whose|whom|where|when)\b")


# verbs as often followed by a thing as by a clause ("announced the ban", "wrote a short dissent"); after
# "said", "told" and the like a clause is far likelier, whatever verb it has
_OBJECT_VERBS = frozenset({
    "announced", "announces", "confirmed", "confirms", "revealed", "reveals", "reported", "reports", "posted",
    "predicted", "estimated", "estimates", "acknowledged", "acknowledges", "admitted", "admits", "wrote", "writes",
    "tweeted", "suggested", "suggests", "maintained", "maintains", "observed"})


def _reports_a_clause(text: str, start: int, verb: str) -> bool:
    """Whether the words after a speech ``verb`` (from ``start``) are a clause, not the verb's object:
    after "said" any verb to the end will do; after a verb that often takes a thing ("announced",
    "wrote"), a verb of the same clause (an aside read past), an irregular past ("grew") or a
    present form ("costs") included."""
    if verb.lower() not in _OBJECT_VERBS:
        return _FINITE.search(text, start) is not None
    found = _NEXT_CLAUSE.search(text, start)
    clause = _SAID_LAST.sub("", _ASIDE.sub(" ", text[start:found.start() if found else len(text)]))
    relative = _RELATIVE.search(clause)
    clause = clause[:relative.start()] if relative else clause
    return _FINITE.search(clause) is not None or finite_form(clause)


def _plausible_source(source: str) -> bool:
    words = source.split()
    return bool(words) and len(words) <= 10 and not _NOT_A_SOURCE.match(source.strip()) and \
        not _SUBORDINATE.match(source.strip())


def _clean_source(source: str) -> str:
    source = re.sub(r"(?:\s+(?:has|have|had|also|later|then|previously|repeatedly))+$", "", source.strip())
    return " ".join(source.strip(" ,.\"“”'’").split())  # "The CDC has [said]": the CDC


# ------------------------------------------------------------------------------- splitting

_CLAUSE_BREAKS = re.compile(
    r";\s+"  # a semicolon
    r"|:(?!\d|//)\s+"  # a colon (not in a time or a URL)
    r"|\s[–—]\s|\s--\s"  # a spaced dash
    r"|,\s+(?=(?:while|whereas|but|although|though|which|who|where|as|after|following|leaving|bringing|"
    r"meaning|with|including|prompting|amid|despite|because|since|forcing|making|saying)\s)"  # a second clause
    r"|,?\s+(?=and\s+(?:the|a|an|it|he|she|they|we|its|his|her|their|this|that|these|those|[A-Z]\w+)\s+"
    r"(?:\w+\s+){0,3}?(?:is|are|was|were|has|have|had|will|would|could|can|may|might|must|said|says|"
    r"\w+ed|\w+s)\b)"  # ", and the company will ..." joining two clauses with their own subject and verb
)
# a clause that ends on what someone said of a name: the "and" after it joins a second name to the subject of
# the reported clause ("said Mr. Boehner and his fellow House Republican leaders haven't accepted ...")
_SAID_NAME = re.compile(r"\b(?:said|says|told|tells|believes|believed|thinks|thought|argued|argues|insisted|insists|noted|"
                        r"added|warned|claimed|claims)\s+(?:that\s+)?(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Sens|Reps)\.\s+)?"
                        r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}\s*$")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_STOP = frozenset(
    ["a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as", "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these", "those", "he", "she", "they", "them", "his", "her", "their", "we", "our", "you", "your", "i", "me", "my", "not", "no", "so", "than", "then", "there", "here", "which", "who", "whom", "whose", "what", "when", "where", "why", "how", "will", "would", "could", "should", "can", "may", "might", "must", "do", "does", "did", "has", "have", "had", "also", "just", "about", "into", "over", "under", "after", "before", "more", "most", "such", "very", "said", "says", "say"]
)
_DATELINE = re.compile(r"^[A-Z][A-Z .,'’-]{2,40}(?:\s*\([\w .&-]{1,40}\))?\s*[-–—]+\s*")
_BYLINE = re.compile(r"^(?:by|written by|reporting by|editing by)\s+[A-Z]", re.I)


_EMBED = re.compile(r"\(@\w{1,30}\)|pic\.twitter\.com/|\bHide Caption\b|\b\d+ of \d+ Photos\b", re.I)


def _content_words(text: str) -> int:
    return sum(1 for w in _WORD.findall(text) if w.lower() not in _STOP)


def _says_something(text: str) -> bool:
    """A claim says something about its names: at least two content words that are not names
    ("House Speaker Paul Ryan, R-Wis." and "Pennsylvania's 18th Congressional District" do not)."""
    return sum(1 for w in _WORD.findall(text) if w[0].islower() and w not in _STOP) >= 2


@lru_cache(maxsize=1024)  # comparing again re-reads only the articles that changed
def claim_units(article: int, body: str) -> tuple[tuple[Sentence, ...], tuple[ClaimUnit, ...]]:
    """The sentences of ``body`` and its claim units (see the module docstring)."""
    from desktop.core.matching.similarity import weighted_terms

    sentences = tuple(segment_sentences(body))
    units: list[ClaimUnit] = []
    for index, sentence in enumerate(sentences):
        for unit in _sentence_units(article, index, sentence, first=index == 0):
            if unit.kind == CLAIM:
                mass = sum(weighted_terms(unit.text).values())
                unit = ClaimUnit(unit.article, unit.sentence, unit.start, unit.end, unit.text, unit.kind,
                                 unit.attribution, mass)
            units.append(unit)
    return sentences, tuple(units)


def _sentence_units(article: int, index: int, sentence: Sentence, first: bool) -> list[ClaimUnit]:
    text, offset = sentence.text, sentence.start
    kind = _sentence_kind(text)
    if kind != CLAIM:
        return [ClaimUnit(article, index, sentence.start, sentence.end, text, kind)]
    dateline = _DATELINE.match(text)
    if dateline and _content_words(text[dateline.end():]) >= MIN_CLAIM_WORDS:
        text, offset = text[dateline.end():], offset + dateline.end()
    start, end, attribution = split_attribution(text)
    if attribution is not None:
        attribution = Attribution(offset + attribution.start, offset + attribution.end, attribution.text,
                                  attribution.source, attribution.verb)
    claim_text = text[start:end]
    pieces = _clauses(claim_text)
    if not pieces:
        return [ClaimUnit(article, index, sentence.start, sentence.end, sentence.text, ATTRIBUTION_ONLY,
                          attribution)]
    units = []
    for number, (piece_start, piece_end) in enumerate(pieces):
        piece = claim_text[piece_start:piece_end]
        kind = CLAIM if _says_something(piece) and not _EMBED.search(piece) else FRAGMENT
        if kind == CLAIM and number < len(pieces) - 1 and not has_verb(piece):
            kind = FRAGMENT  # a subject cut off its verb: "Eight-year-old Martin Richard" [, who was ... died]
        units.append(ClaimUnit(article, index, offset + start + piece_start, offset + start + piece_end, piece,
                               kind, attribution))
    return units


def _sentence_kind(text: str) -> str:
    words = text.split()
    if _BYLINE.match(text) and len(words) <= 12:
        return FRAGMENT
    if text.rstrip("\"”’'») ").endswith("?"):
        return QUESTION
    if _content_words(text) < MIN_CLAIM_WORDS or _EMBED.search(text):
        return FRAGMENT
    if len(words) <= HEADING_MAX_WORDS and text.rstrip()[-1:] not in ".!?\"”’»:;)":
        return HEADING
    if len(words) <= QUOTED_HEADING_MAX_WORDS and _QUOTED_HEADING.fullmatch(text.strip()):
        return HEADING  # a subheading in quotation marks: ‘Gradually wind down’
    return CLAIM


def _clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) of each clause of a claim, pieces too small to stand kept with a neighbour."""
    cuts = [0]
    for match in _CLAUSE_BREAKS.finditer(text):
        cut = match.end() if match.group().strip() else match.start()
        if not match.group().strip(" ,") and text.startswith("and", match.end()) and \
                not has_verb(text[cuts[-1]:cut]):
            continue  # "A cease-fire between Israel | and Hamas ... was holding": one subject, not two clauses
        if not match.group().strip(" ,") and text.startswith("and", match.end()) and \
                _SAID_NAME.search(text, cuts[-1], cut):
            continue  # "Carney said Mr. Boehner | and his fellow leaders haven't accepted ...": one clause said
        if _content_words(text[cuts[-1]:cut]) >= MIN_CLAIM_WORDS:
            cuts.append(cut)
    if len(cuts) > 1 and _content_words(text[cuts[-1]:]) < MIN_CLAIM_WORDS:
        cuts.pop()
    cuts.append(len(text))
    out = []
    for start, end in zip(cuts, cuts[1:]):
        piece = text[start:end]
        left = len(piece) - len(piece.lstrip(" \t,;:–—-"))
        right = len(piece.rstrip(" \t,;:–—-"))
        if right > left and _content_words(piece) >= 1:
            out.append((start + left, start + right))
    return out

"""Who said a quotation: the attribution next to it and the speaker it names.

The attribution patterns (``,” she said``, ``said Gina Raimondo``, ``Raimondo said: “``,
``according to the company``), the speaker found further away in the quotation's sentence or in
the paragraph before, and the resolution of what is written to one canonical speaker: "he" / "she"
to the last person named as a speaker or sentence subject (never a name inside a quotation, a
plural, an organisation or a "Mr." for "she"), "the company" to the last organisation named as
one, "the prime minister" to the person named with that title, "the statement" to who issued it,
"a senior official" left unnamed, a surname to the full name, titles and roles dropped ("U.S.
Commerce Secretary Gina Raimondo" -> "Gina Raimondo"). :func:`speaker_key` makes one key of a
speaker named two ways. The patterns themselves are in :mod:`desktop.core.matching.quote_patterns`.
Used by :mod:`desktop.core.matching.quote_extraction`.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

from desktop.core.matching.quote_patterns import (
    AFTER,
    BEFORE,
    DESCRIPTOR,
    GROUP,
    NAME,
    NOT_SPEAKER,
    ORG_WORDS,
    PARTY,
    PRONOUN,
    ROLE,
    ROLE_NAME,
    ROLE_NAMED,
    SPEECH,
    SPEECH_BY,
    TITLES,
    WHO,
)
from desktop.core.matching.verb_forms import has_verb

__all__ = ["QUOTATION_GAP", "SENTENCE_BREAK", "clean_name", "find_attribution", "lead_speaker", "near_speech",
           "reported_speaker", "resolve_speaker", "sentence_speaker", "speaker_key", "usable_speaker"]

def resolve_speaker(who: str, start: int, text: str, people, orgs, organisations, last_person, last_org,
                    last_speaker, pronoun: str | None = None) -> tuple[str | None, str]:
    """A speaker as written, resolved: (canonical name, "person" / "organisation" / ""); ``pronoun``:
    the "he" or "she" the name was read from."""
    lowered = who.lower()
    own = _OWN_DOCUMENT.fullmatch(lowered)
    if own:  # “...,” his statement said: the pronoun's person
        who = lowered = _POSSESSIVE[own.group(1)]
    if lowered in ("he", "she"):
        named = pronoun_referent(text, start, lowered, people, organisations)
        if named and not re.fullmatch(PRONOUN, named, re.I):
            return resolve_speaker(named, start, text, people, orgs, organisations, last_person, last_org,
                                   last_speaker, pronoun=lowered)
    if lowered in ("he", "she", "i"):
        men = _titled(text, r"(?:Mr|Sir|Lord)") if lowered != "i" else frozenset()
        women = _titled(text, r"(?:Mrs|Ms|Miss|Lady|Dame)") if lowered != "i" else frozenset()
        other, own = (men, women) if lowered == "she" else (women, men)

        def fits(name: str | None) -> bool:  # "she" is never Dick Durbin, nor "Mr. Boehner"
            if not name or lowered == "i":
                return True
            first = _first_name(name.split(), people)
            if first in first_name_pronouns():
                return first_name_pronouns()[first] == lowered
            # unless another of that surname has this pronoun: Mr. and Mrs. Clinton
            return name.split()[-1] not in other or name.split()[-1] in own
        found = _subject_person(people, start, text, fits=fits) or (last_person if fits(last_person) else None) or \
            _nearest(people, start, text, fits=fits)
        return found, ("person" if found else "")
    if lowered in ("they", "it", "we"):
        found = last_org or last_speaker
        return found, "organisation" if found and found == last_org else ("person" if found else "")
    descriptor = re.match(r"(?:the|a|an|one|another|its|his|her|their)\s", who, re.I)
    rest = who[descriptor.end():] if descriptor else ""
    if descriptor and _NAMED_ORG.match(rest):
        return rest, "organisation"  # "the Department of Justice", "the Club for Growth"
    if descriptor and _ARTICLE.sub("", rest)[:1].isupper() and not _PERSON_ROLE.search(rest):
        tail = next((n for _offset, n in people if len(n.split()) > 1 and rest.endswith(" " + n)), None)
        if tail:
            return tail, "person"  # "the United Nations Nikki Haley"
        arabic = re.search(r"\s(?P<name>[A-Z][\w’'-]+\s+(?:al|el)-[A-Z][\w’'-]+)$", rest)
        if arabic:
            return arabic.group("name"), "person"  # "[Ambassador to] the United States Adel al-Jubeir"
        return rest, "organisation"  # "the White House", "The Associated Press", "the BIS"
    if descriptor or re.match(DESCRIPTOR, who, re.I) or lowered in _DOCUMENTS:
        return _resolve_descriptor(who, bool(descriptor), start, text, people, orgs, organisations, last_org)
    name = clean_name(who)
    if name and "'s " in name.replace("’", "'"):
        name = re.split(r"['’]s\s+", name)[-1]  # "NPR's John Ydstie"
    if _is_org(name, organisations):
        return name, "organisation"
    if name and len(name.split()) > 2:  # "French Foreign Minister Laurent Fabius": the person named at its end
        tail = next((n for _offset, n in people if len(n.split()) > 1 and name.endswith(" " + n)), None)
        if tail:
            return tail, "person"
    honorific = re.search(r"\b(Mr|Mrs|Ms)\.?\s+[\w’'-]+[.,]?$", who)
    if honorific:  # "Ms. Delsignore" is the woman of that name, "Mr. Delsignore" the man
        pronoun = pronoun or ("he" if honorific.group(1) == "Mr" else "she")
    if name and len(name.split()) > 1 and name.split()[0].rstrip(".") in ("Mr", "Mrs", "Ms", "Dr", "Prof"):
        name = name.split()[-1]  # "Mr. Bullus": the surname, resolved below
    if name and len(name.split()) == 1:
        full = _surname(people, name, start, pronoun, text)
        if full:
            return full, "person"
        org = next((o for _s, o in orgs if o.lower().split()[0] == name.lower()), None)
        if org:
            return org, "organisation"
    return name, "person"


# an Arabic article opening a name or a surname: "al Qassam Brigades", "al-Jaafari"
_ARTICLE = re.compile(r"^(?:al|el)[-\s](?=[A-Z])")
_POSSESSIVE = {"his": "he", "her": "she", "their": "they", "its": "it"}
_OWN_DOCUMENT = re.compile(r"(his|her|their|its)\s+(?:statement|letter|post|tweet|email)")
_DOCUMENTS = ("statement", "letter", "report", "post", "tweet", "email")
_PERSON_NOUN = re.compile(r"(?:aide|adviser|advisor|reporter|official|officials|source|sources|witness|president|"
                          r"authorities|man|woman|resident|survivor|rebels|demonstrators|protesters|gunmen|"
                          r"prosecutor|senator|minister|secretary|governor|mayor|judge|justice|chairman|chairwoman|"
                          r"director|leader|lawmaker|congressman|congresswoman|ambassador|commissioner|chief|"
                          r"attorney|economist|analyst)$", re.I)
# "Romney, meanwhile, swiftly issued a statement": an aside and an adverb may stand between
_ISSUED = re.compile(rf"(?P<who>{ROLE_NAME}|{NAME})(?:['’]s)?(?:,\s+[^,“”\"]{{1,40}},)?\s+(?:\w+ly\s+)?"
                     rf"(?:said\s+in|released|issued|put\s+out|posted|"
                     rf"sent|published|in)\s+(?:a|an|the|its|his|her|their)\s+(?:[\w-]+\s+){{0,2}}?"
                     rf"(?:statement|letter|tweet|post|email)\b"
                     # "In a statement, Kaspersky Labs described the decision ...": the statement's issuer
                     rf"|\b[Ii]n\s+(?:a|an|its|his|her|their)\s+(?:[\w-]+\s+){{0,2}}?(?:statement|letter|tweet|post|email)"
                     rf"(?:\s+\w+){{0,3}},\s+(?P<who2>{NAME})\s+(?!(?:is|was|are|were)\b)[a-z]+")


# who wrote a report, memo or study: "Mueller's report", "the Mueller report", "Cummings's 10-page memo",
# "a memo ... released by Cummings", "a study by M.J. Bradley & Associates"
_AUTHORED = re.compile(rf"(?P<who>{NAME})['’]s?\s+(?:[\w-]+\s+){{0,2}}?(?:report|memo|study|analysis)\b"
                       rf"|\b[Tt]he\s+(?P<who2>{NAME})\s+(?:report|memo|study)\b"
                       rf"|\b(?:report|memo|study|analysis)\s+(?:[\w-]+\s+){{0,6}}?(?:by|from)\s+(?:the\s+)?(?P<who3>{NAME})")


# whose spokesperson: "a spokesperson for Google", "A Microsoft spokesperson", "the Pentagon's spokesman"
_SPOKESPERSON_OF = re.compile(r"\b(?:[Aa]n?|[Tt]he)\s+spokes\w+\s+(?:for|of|from|at)\s+(?:the\s+)?"
                              r"(?P<who>[A-Z][\w&.’'-]*(?:\s+(?:of\s+|for\s+|and\s+)?[A-Z][\w&.’'-]*){0,4})"
                              r"|\b(?:[Aa]n?|[Tt]he)\s+(?P<who2>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})(?:['’]s)?"
                              r"\s+spokes\w+(?!\s+[A-Z])")


def _resolve_descriptor(who: str, definite: bool, start: int, text: str, people, orgs, organisations,
                        last_org) -> tuple[str | None, str]:
    """"the company", "a senior House Democratic aide", "the prime minister", "the statement"."""
    lowered = who.lower()
    named = _descriptor_name(text, start, who)
    if named and not definite:
        return named
    if re.search(r"\b(?:statement|letter|tweet|post|email)$", lowered):
        issuer = _last_match(_ISSUED, text, start)
        if issuer:  # "London Metropolitan Police said in a statement. “...” the statement said."
            name = clean_name(_trim_who(issuer))
            return name, "organisation" if _is_org(name, organisations) else "person"
    if re.search(r"\b(?:report|memo|study|analysis)$", lowered):
        author = _last_match(_AUTHORED, text, start)
        if author:  # "Mueller's report ... “...” the report stated": the words are Mueller's
            name = clean_name(_trim_who(author))
            return name, "organisation" if _is_org(name, organisations) else "person"
    if re.search(r"\b(?:resolution|report|bill|ruling|order|complaint|indictment|lawsuit|memo|letter|statement)$",
                 lowered):
        return _clean_descriptor(who), "organisation"  # "the impeachment resolution said the president ..."
    if re.fullmatch(GROUP, who):
        return _clean_descriptor(who), ""  # "The rebels also shout", "the gunmen said"
    if re.match(r"(?:a|an|one|another)\s", who, re.I) and _PERSON_NOUN.search(who) \
            and not re.search(r"spokes\w+|representative", lowered):
        return _clean_descriptor(who), ""  # someone unnamed: "a senior military official"
    if ORG_WORDS.search(lowered):
        if re.search(r"spokes\w+|representative", lowered):
            person = _nearest(people, start, text, 300)
            if person:
                return person, "person"
            employer = _last_match(_SPOKESPERSON_OF, text, start, 800)
            if employer:  # "A spokesperson for Google says ... “...” the spokesperson said"
                return clean_name(employer), "organisation"
        found = _nearest(orgs, start, text) or last_org
        inner = re.search(r"(?:from|of)\s+(?:the\s+)?([A-Z][\w&.-]*(?:\s+(?:of|and|for|[A-Z][\w&.-]*))*)", who)
        if inner:
            return inner.group(1), "organisation"
        if named and named[1] == "organisation":
            return named
        return found or _clean_descriptor(who), "organisation"
    unnamed = _unnamed_before(text, who, start)
    if unnamed:
        return unnamed, ""
    referent = pronoun_referent(text, start, "", people, organisations)
    if referent and re.match(r"(?:A|An|One)\s", referent) and not _PERSON_NOUN.search(referent):
        return _clean_descriptor(who), ""  # "One U.S. intelligence official told ...": unnamed, cut short
    if referent and _PERSON_NOUN.search(_clean_descriptor(who)) and _is_org(referent, organisations):
        # "the senator" is a person, never the company the sentence before was about: the role's
        # holder if the article names one, else unnamed (not whoever is named nearest)
        found = _role_holder(text, who, start)
        return (found, "person") if found else (_clean_descriptor(who), "")
    found = _role_holder(text, who, start) or referent or _nearest(people, start, text)
    return (found, "person") if found else (_clean_descriptor(who), "")


def _last_match(pattern: re.Pattern, text: str, start: int, reach: int = 1500) -> str | None:
    found = None
    for match in pattern.finditer(text, max(0, start - reach), start):
        found = match.group("who") or match.groupdict().get("who2") or match.groupdict().get("who3")
    return found


def _unnamed_before(text: str, who: str, start: int, reach: int = 1500) -> str | None:
    """"the official" right after "a senior military official told ...": that unnamed official,
    when no one was named with the role since."""
    role = _clean_descriptor(who).split()
    if not role or not _PERSON_NOUN.search(role[-1]):
        return None
    intro = None
    pattern = re.compile(rf"\b(?:[Aa]n?|[Oo]ne)\s+(?P<d>(?:[\w’'-]+\s+){{0,4}}?{re.escape(role[-1])})\b")
    for match in pattern.finditer(text, max(0, start - reach), start):
        intro = match
    if intro is None:
        return None
    named = re.search(rf"(?i:{re.escape(role[-1])})\s+[A-Z]|[A-Z][\w’'-]+,\s+(?:the\s+)?(?:[\w’'-]+\s+){{0,3}}?"
                      rf"{re.escape(role[-1])}\b", text[intro.end():start])
    return None if named else " ".join(intro.group("d").split())


def _role_holder(text: str, who: str, start: int) -> str | None:
    """The person named with the descriptor's role before ``start``: "the prime minister" ->
    "Prime Minister Theresa May", "the prosecutor" -> "Paris Prosecutor Francois Molins"."""
    role = " ".join(_clean_descriptor(who).split())
    if not role or not re.fullmatch(r"[\w -]+", role):
        return None
    escaped = re.escape(role)
    found = []
    # (not "Taking to Twitter, the president said": the role opening a clause, after an opening phrase)
    for pattern in (rf"(?<!Vice )(?i:{escaped}),?\s+(?P<who>{NAME})",
                    rf"(?P<who>{NAME}),\s+(?:the\s+)?(?:[\w’'-]+\s+){{0,3}}?(?i:{escaped})\b"
                    rf"(?!\s+(?:{SPEECH_BY}|told|has|had|was|is|will|would|did|does)\b)"):
        # "President Donald Trump. Taking to ...": the name ends with its sentence
        found += [(m.start(), _first_sentence(m.group("who"))) for m in re.finditer(pattern, text[:start])]
    for _at, who in sorted(found, reverse=True):
        name = clean_name(_trim_who(who))
        if name and name[:1].isupper() and not NOT_SPEAKER.match(name.split()[0]) and \
                (len(name.split()) > 1 or _surname_like(name, text)):
            return name
    return None


def _first_sentence(name: str) -> str:
    """A name as matched cut where its sentence ends: "Donald Trump. Taking" -> "Donald Trump" (not
    "Rep. Mike Rogers")."""
    for stop in re.finditer(r"(\S+)\.\s+(?=[A-Z])", name):
        if not _ABBREVIATION.fullmatch(stop.group(1)):
            return name[:stop.end(1)]
    return name


_PERSON_ROLE = re.compile(r"\b(?:Republican|Democrat|Democratic|[Ss]enator|[Cc]ongress\w+|[Ll]awmaker|[Ll]eader|"
                          r"[Oo]fficial|[Ss]pokes\w+|[Pp]resident|[Cc]hairman|[Mm]inister|[Ss]ecretary|[Oo]fficer|"
                          r"[Cc]hief|[Dd]irector|[Mm]ayor|[Gg]overnor|[Jj]ustice|[Jj]udge|[Cc]andidate|[Ff]ounder|"
                          r"CEO|[Ee]conomist|[Aa]nalyst|[Ww]itness|[Mm]an|[Ww]oman|Speaker)\b")


_QUANTIFIER = re.compile(r"(?:Some|Many|Most|All|Other|Few|Several|Two|Three|Both|Fellow|House|Senate|What|Who|"
                         r"Why|How|Where|No|Any|Every|Each)$")
_APPOSED = re.compile(rf"(?P<who>{NAME}){PARTY}(?:,\s[^,“”\"]{{1,80}}){{1,3}},\s+(?:\w+ly\s+)?(?:{SPEECH})\b")
# an opening phrase before the subject ("Speaking at rallies in her home state of New York, Clinton
# touted", "Later that night, at a big rally in Cedar Rapids, Cornel West"): words, no figure, no speech
_OPENER_WORD = r"(?:\s+(?!(?:said|says|told|tells|added|adds|wrote|writes)\b)[A-Za-z’']+)"
_OPENING = rf"(?:[A-Z][\w’']*{_OPENER_WORD}{{0,9}},\s+(?:[a-z][\w’']*{_OPENER_WORD}{{0,10}},\s+)?)"
_OPENS_SENTENCE = re.compile(rf"(?:^|[.!?][\"”’]?\s+|\n)(?:(?:And|But|So|Yet|Still|Also|Then)\s+)?{_OPENING}?(?P<who>{NAME})"
                             r"(?=,|\s+[a-z(])(?!\s+(?:the|a|an|his|her|their|its|to|of|in|on|for|with|at|by|from)\b)")

# the subject of a second clause: "Cruz headed into the contest ..., but Trump made a final push"
# (not a possessive: "..., and Trump’s subsequent threats")
_OPENS_CLAUSE = re.compile(rf"(?:,\s+(?:but|and|while|as|yet)\s+|;\s+)(?P<who>{NAME})(?<!['’]s)"
                           r"(?=\s+[a-z])(?!\s+(?:the|a|an|his|her|their|its|to|of|in|on|for|with|at|by|from|and|or|"
                           r"who|which|that|campaign|administration|officials?|aides?|supporters)\b)")


def pronoun_referent(text: str, start: int, pronoun: str, people=(), organisations=frozenset(),
                     reach: int = 1500) -> str | None:
    """The person "he" or "she" at ``start`` stands for, read from the text before it (pass the
    text with the quotations blanked out): the last person named as a speaker ("Pelosi said",
    "said Jerry Nadler", "Remi Jouti, head of the bureau, said") or opening a sentence ("Ken
    Hooper, 62, wiped away tears."); never an organisation, nor a man for "she" ("Mr. Trump"), nor
    a name news writes with the other pronoun (``first_name_pronouns``: "Jennifer Mercieca" is no "he")."""
    lo = max(0, start - reach)
    other = r"(?:Mr|Sir|Lord)" if pronoun == "she" else r"(?:Mrs|Ms|Miss|Lady|Dame)"
    wrong = _titled(text, other) if pronoun else frozenset()
    answered = _ANSWERED_BY.search(text[max(0, start - 300):start].rstrip(" \n“\"«"))
    if answered and pronoun:  # "That drew a sharp response from Senator Amy Klobuchar. “...,” she said"
        name = answered.group("who")
        first = _first_name(name.split(), people)
        if name.split()[-1] not in wrong and first and first_name_pronouns().get(first) == pronoun:
            return name
    for _end, who, opens in _referent_candidates(text, lo, start):
        if re.match(r"(?:A|An|One)\s", who):
            return " ".join(who.split())  # someone unnamed, resolved as a descriptor
        name = clean_name(re.sub(r"^(?:(?:And|But|So|Yet|Still|Also|Then)\s+)+", "", _trim_who(who)))
        words = (name or "").split()
        if not words or not _plausible(name, text) or NOT_SPEAKER.match(words[0]) or re.fullmatch(PRONOUN, name, re.I):
            continue
        if words[-1] in wrong or not _ARTICLE.sub("", words[-1])[:1].isupper():
            continue  # (a surname may open with an Arabic article: "al-Jaafari")
        first = _first_name(words, people) if pronoun else None
        if first and first_name_pronouns().get(first, pronoun) != pronoun:
            continue  # "Mercieca said" of Dr. Jennifer Mercieca, then "“...,” he said"
        if len(words) > 1 and re.search(r"(?:an|at|er|ist|ian)s$", words[-1]) and \
                not any(n.split()[-1] == words[-1] for _offset, n in people):
            continue  # "Iowa Democrats", "Senate Republicans": a group
        known = any(n == name or n.split()[-1] == words[-1] for _offset, n in people)
        if _is_org(name, organisations) and not known:
            continue
        if _QUANTIFIER.match(words[0]) or (len(words) == 1 and not known and not _surname_like(name, text, opens)):
            continue  # "Witnesses", "Some Democrats", "No Republicans", "London terror attack: ..."
        return name
    return None


# the sentence right before a quotation ends with the person it is from: "That drew a sharp response from
# Senator Amy Klobuchar." (only when the pronoun after the quotation fits the first name)
_ANSWERED_BY = re.compile(r"\b(?:from|by)\s+(?:[A-Z][\w.]*\s+){0,2}?(?P<who>[A-Z][\w’'-]+(?:\s+[A-Z]\.)?\s+[A-Z][\w’'-]+)"
                          r"\.$")


def _first_name(words: list[str], people) -> str | None:
    """The first name of a person written ``words`` ("Jennifer Mercieca", or "Mercieca" when the
    article's people name her in full), titles skipped."""
    if len(words) == 1:
        firsts = {n.split()[0] for _offset, n in people if len(n.split()) > 1 and n.split()[-1] == words[0]}
        if len(firsts) != 1:
            return None  # nobody, or Beto and Amy O'Rourke
        words = [firsts.pop(), words[0]]
    words = [w for w in words if not re.fullmatch(r"(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Prof)\.?", w)]
    if len(words) > 1 and words[0] in _SURNAME_FIRST and \
            ("-" in words[1] or (len(words) == 3 and all(len(w) <= 5 for w in words[1:]))):
        return None  # "Kim Jong Un", "Kim Kwan-jin": a Korean surname first (not "Lee Harvey Oswald")
    return words[0] if len(words) > 1 else None


# surnames written first in East Asian names that are also Western first names ("Kim Davis")
_SURNAME_FIRST = frozenset({"Kim", "Lee", "Park", "Moon", "Chung", "Lim", "Ho", "Li", "Wang", "Lin", "Chan"})


@lru_cache(maxsize=1)
def first_name_pronouns() -> dict[str, str]:
    """First name -> "he" or "she", as news writes of people of that name (first_names.json, built by
    tools/names/first_name_pronouns.py from the AllSides corpus), and for a name the news corpus did
    not tell, as the 1990 US Census lists it (first_names_census.json: "Patty", "Tammy", "Bernie");
    a name neither can tell ("Jordan"... "Kelly") is absent."""
    folder = resources.files("desktop.core.matching")
    census, news = (json.loads(folder.joinpath(name).read_text("utf-8"))["names"]
                    for name in ("first_names_census.json", "first_names.json"))
    return {**census, **news}


@lru_cache(maxsize=256)  # the same article's text for every "he" / "she" in it
def _titled(text: str, titles: str) -> frozenset[str]:
    """The surnames written after one of ``titles`` ("Mr. Trump" -> "Trump")."""
    return frozenset(m.group(1) for m in re.finditer(rf"\b{titles}\.?\s+([A-Z][\w’'-]+)", text))


def _referent_candidates(text: str, lo: int, start: int) -> list[tuple[int, str, bool]]:
    """(end, name as written, whether it only opens a sentence) of the people named between
    ``lo`` and ``start``, the last first."""
    found = []
    for pattern in (_SPEAKS, _APPOSED, _OPENS_SENTENCE, _OPENS_CLAUSE, _UNNAMED_SPEAKS):
        for match in pattern.finditer(text, lo, start):
            group = "who" if "who" in pattern.groupindex else ("who1" if match.group("who1") else "who2")
            if group == "who2" and _reported_clause(text, match):
                continue
            if pattern is _OPENS_SENTENCE and _after_abbreviation(text, match.start()):
                continue
            found.append((match.end(group), match.group(group), pattern in (_OPENS_SENTENCE, _OPENS_CLAUSE)))
    return sorted(found, reverse=True)


_UNNAMED_SPEAKS = re.compile(rf"(?:^|[.!?][\"”’]?\s+|\n)(?P<who>(?:A|An|One)\s+(?:[\w’'-]+\s+){{0,3}}?(?:witness|"
                             rf"official|aide|adviser|source|resident|survivor|neighbou?r|man|woman|student|"
                             rf"officer|worker|employee|passenger|friend))\b[^.!?]{{0,120}}?\b(?:{SPEECH})\b")
_ABBREVIATION = re.compile(r"(?:[A-Z]\.?)+|Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Sen|Sens|Rep|Reps|Gov|Lt|Col|No|Inc|Corp|Co|Prof|"
                           r"Rev|Sgt|Capt|Maj|Mt|Ft|Adm|Supt|vs|Sec|Amb|Atty|Fr")


def _surname_like(word: str, text: str, strict: bool = False) -> bool:
    """A capitalised word standing for a person: after a first name somewhere ("Nancy Pelosi"),
    or (unless ``strict``) never written in lower case nor a plural ("Hoyer", not "Officials")."""
    if re.search(r"[^s]s$", word):
        return False  # a plural ("Officials", "Republicans") unless the article names a person so
    if any(not NOT_SPEAKER.match(first) and not _QUANTIFIER.match(first) and re.search(r"\w\w$|^[A-Z]\.$", first)
           for first in re.findall(rf"\b([A-Z][\w’'.-]*)\s+{re.escape(word)}\b", text)):
        return True
    return not strict and re.search(rf"\b{re.escape(word.lower())}\b", text) is None


def _after_abbreviation(text: str, at: int) -> bool:
    """Whether the full stop at ``at`` ends an abbreviation ("Reps. Debbie Dingell"), not a sentence."""
    words = text[max(0, at - 12):at].split()
    return bool(words) and text[at:at + 1] == "." and _ABBREVIATION.fullmatch(words[-1]) is not None


def _subject_person(people, start: int, text: str, reach: int = 700, fits=lambda name: True) -> str | None:
    """The last person named at the start of a sentence or paragraph before ``start`` (the
    subject "he" refers to): "Rep. Jodey Arrington, R-Texas, also attacked ...", not a name
    inside a quotation or the object of a sentence."""
    best = None
    for offset, name in people:
        if offset >= start:
            break
        if start - offset > reach:
            continue
        lead = text[max(0, offset - 30):offset]
        sentence_start = re.search(r"(?:^|[.!?][\"”’]?\s+|\n)(?:[A-Z][\w.]*\s+){0,4}$", lead)
        inside_quote = text.count("“", offset - 300 if offset > 300 else 0, offset) > \
            text.count("”", offset - 300 if offset > 300 else 0, offset)
        if sentence_start and not inside_quote and fits(name):
            best = name
    return best


def _nearest(mentions, start: int, text: str, reach: int = 900, fits=lambda name: True) -> str | None:
    """The last mention before ``start`` within ``reach`` characters (that ``fits``)."""
    best = None
    for offset, name in mentions:
        if offset >= start:
            break
        if start - offset <= reach and fits(name):
            best = name
    return best


_KIN = re.compile(r"\b(?:first lady|wife|husband|son|daughter|brother|sister|mother|father|widow|"
                  r"spouse|grandson|granddaughter|nephew|niece|cousin)\b,?\s*$", re.I)


SURNAME_ALONE = 3


def _surname(people, name: str, start: int, pronoun: str | None = None, text: str = "") -> str | None:
    """The full name of the person ``name`` (a surname) stands for: the first named before ``start``
    (a bare surname is the story's principal, introduced first: "Clinton" after "Hillary Clinton"
    and then "Bill Clinton" is Hillary; a relative is called by first name), else the first named
    after; one the ``pronoun`` fits when it is "he" or "she" ("he" of O'Rourke: Beto, not Amy
    O'Rourke; "Ms. Delsignore": Alisha, not her husband Nick)."""
    lowered = name.lower()
    found = [n for offset, n in people if n.lower().split()[-1] == lowered and len(n.split()) > 1]
    named = set(found)
    if pronoun in ("he", "she"):
        fits = [n for n in found if first_name_pronouns().get(n.split()[0], pronoun) == pronoun]
        found = fits or found
    picked = len(set(found)) < len(named)  # "Mr." or "he" picked someone out ("said Mr. Delsignore": Joe)
    relatives = {n for offset, n in people if n in named and _KIN.search(text[max(0, offset - 30):offset])}
    if relatives and not picked:
        # "first lady Michelle Obama", "her husband, Bill Clinton": a bare "Obama" is someone else
        found = [n for n in found if n not in relatives]
        if not found:
            return None
    before = [n for offset, n in people if offset < start and n in found]
    if not picked and text and found:
        first_full = min(offset for offset, n in people if n in found)
        if len(re.findall(rf"\b{re.escape(name)}\b(?![ \t]+[A-Z])", text[:first_full])) >= SURNAME_ALONE:
            # the bare surname stands alone again and again before any full name ("Trump said ..."
            # long before "Members of Trump's family, including Eric Trump"): a figure the article
            # never introduces, not the relative named later (a headline's "Clinton" before
            # "Hillary Clinton" in the lede is one or two)
            return None
    return (before or found or [None])[0]


def find_attribution(text: str, start: int, end: int) -> tuple[str | None, str | None, str]:
    """(who, verb, kind) from the words right after the closing mark or before the opening one."""
    after = text[end + 1:min(len(text), end + 700)].split("\n")[0]  # widgets removed already (widgets_removed)
    ended = text[start:end].rstrip().endswith(".")  # “... patriots.” The Chicago Sun-Times said it believed ...
    passive = _BY_AFTER.match(after) if _NAMED_AS_BEFORE.search(text, max(0, start - 60), start) else None
    by = re.sub(r"(?<=[a-z]{2})\.$", "", _trim_who(passive.group("who"), after=True)) if passive else None
    if by and _plausible(by, text):
        return by, "by", ""  # described as “sick and depraved” by Theresa May
    for pattern in AFTER:
        match = pattern.match(after)
        if match and _plausible(_trim_who(match.group("who"), after=True), text) and match.group("who") not in _NEW_SENTENCE and \
                not re.match(r"[^.“”\"]{0,40}:\s*$", after[match.end():]) and \
                not (ended and (_CLAUSE_AFTER_VERB.match(after, match.end()) or (
                    _QUOTE_AFTER_VERB.match(after, match.end()) and not re.fullmatch(PRONOUN, match.group("who").strip())))):
            if (match.groupdict().get("verb") or "").lower() == "according to":
                direct = _direct_before(text, start)
                if direct:  # Pence said, “...,” according to Rep. Dave Reichert: Pence's words, Reichert's account
                    return direct, "said", ""
            named = _described_name(match.group("who"), after, match.end("who"))
            if named:  # ,” said a young man named Rusty Pearce / said Mr. Reid's girlfriend, Kailyn Leckie
                return named, match.groupdict().get("verb"), ""
            if re.search(r"['’]s$", match.group("who")) and re.match(r"[^\S\n]+[a-z]", after[match.end("who"):]):
                continue  # ,” said Mr. Reid's girlfriend.: someone of Mr. Reid's, not named
            return _whole_organisation(_named_in_apposition(match, after=True), after, match), match.groupdict().get("verb"), ""
    line_start = _sentence_start(text, start - 1)
    before = text[max(line_start, start - 600):max(line_start, start - 1)]
    whole = line_start >= start - 600 and len(before) <= 200  # the sentence from its start
    before = before[-200:]
    if whole:  # "Likewise, Rep. Emanuel Cleaver, Missouri Democrat, tweeted that “"
        opener = _SENTENCE_OPENER.match(before)
        before = " " * opener.end() + before[opener.end():] if opener else before
    ends_with = before.rstrip()[-1:]
    subordinate = None  # "When Clinton said she had “": Clinton, unless the main clause names a speaker
    for pattern, needs in zip(BEFORE, _BEFORE_NEEDS, strict=True):
        if not needs(before, ends_with):
            continue  # a cheap test the pattern passes whenever it matches: not searched in vain
        match = pattern.search(before)
        for _retry in range(3):  # "In October, Amgen CEO Robert Bradway, ..., said": not "October"
            if match is None or _speaker_before(match, before, text):
                break
            named = _possessed_named(match)
            if named:  # "Meanwhile, Ukraine's acting interior minister, Arsen Avakhov, said": not "Meanwhile"
                return named, match.groupdict().get("verb"), ""
            words = _trim_who(match.group("who")).split()
            verb_end = match.end("verb") if "verb" in pattern.groupindex and match.group("verb") else match.end()
            if subordinate is None and len(words) > 1 and _CONJUNCTION.match(words[0]) and \
                    "," not in before[verb_end:].rstrip(" ,") and _plausible(" ".join(words[1:]), text):
                # (the clause runs on to the quotation: not "Since Trump said ..., his supporters have repeated “")
                subordinate = " ".join(words[1:]), match.groupdict().get("verb")
            match = pattern.search(before, match.end("who"))
        if match and _speaker_before(match, before, text):
            return _whole_organisation(_named_in_apposition(match), before, match), match.groupdict().get("verb"), ""
    if subordinate:
        return subordinate[0], subordinate[1], ""
    return None, None, ""


# a lawmaker's state and party in apposition ("Patty Murray, Washington Democrat,"): no name
_PARTY_DESCRIPTION = re.compile(r"(?:[A-Z][\w.’'-]*\s+){1,2}(?:Democrat|Republican|Independent)")
# "Pence said, “" / "The Speaker told members that “": who speaks, right before the quotation
_DIRECT_BEFORE = re.compile(rf"(?P<who>{NAME}|[Tt]he\s+(?:Speaker|[Pp]resident|[Ss]enator|[Gg]overnor|[Mm]ayor|"
                            rf"[Cc]hairman|[Cc]hairwoman))\s+(?:said|says|told\s+\w+(?:\s+\w+)?)(?:,|:|\s+that)?\s*[“\"]$")


def _direct_before(text: str, start: int) -> str | None:
    direct = _DIRECT_BEFORE.search(text, max(0, start - 80), start)
    who = _trim_who(direct.group("who")) if direct else None
    return who if who and _plausible(who, text) else None


# words called something by someone: "an act described as “sick and depraved” by Prime Minister Theresa May"
# (a passive or a noun's description, never after its subject: not "what he called the “witch hunt” by Mueller")
_NAMED_AS_BEFORE = re.compile(r"(?:\b(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+)?|\b(?!(?:he|she|they|it|we|i|who|"
                              r"that|which|what|you)\s)[a-z]+\s+)(?:described|called|labell?ed|dubbed|branded|termed)"
                              r"\s+(?:as\s+)?(?:(?:a|an|the)\s+)?[“\"]$")
_BY_AFTER = re.compile(rf"^[,.]?\s*by\s+(?P<who>{ROLE_NAME}|(?:the\s+)?{NAME})")


# the name of someone described ("a young man named Rusty Pearce", "the congressman Ben Ray Luján,") or
# of someone's relation ("Mr. Reid's girlfriend, Kailyn Leckie,")
_FULL_NAME = r"(?P<name>[A-Z][\w’'-]+(?:[^\S\n]+[A-Z]\.)?(?:[^\S\n]+[A-Z][\w’'-]+){1,2})\b(?![^\S\n]+[A-Z])"
_NAMED = re.compile(rf"[^\S\n]+(?:named|called)[^\S\n]+{_FULL_NAME}")
_RELATION_NAMED = re.compile(rf"[^\S\n]+(?:[a-z-]+[^\S\n]+){{0,2}}[a-z-]+,[^\S\n]+{_FULL_NAME}")
_DESCRIPTOR_NAMED = re.compile(rf"[^\S\n]+{_FULL_NAME}[,.]")


def _described_name(who: str, text: str, end: int) -> str | None:
    """The name right after a description of someone (``who`` ends at ``end`` of ``text``)."""
    named = _NAMED.match(text, end)
    if named is None and re.search(r"['’]s$", who):
        named = _RELATION_NAMED.match(text, end)
    if named is None and re.fullmatch(r"(?:the|a|an)\s+(?:[a-z-]+\s+){0,3}[a-z-]+", who):
        named = _DESCRIPTOR_NAMED.match(text, end)
    return named.group("name") if named else None


# a web page's list of headlines run into a lawmaker's name up to its "MORE" link, as The Hill's pages
# are read: "Sen. Marco Rubio Marco Antonio RubioGOP senators plan to ... colleagues MORE (R-Fla.) said"
# (the name is written again in full, then the headlines: "Ron Johnson Ronald (Ron) Harold JohnsonOvernight ...")
_WIDGET = re.compile(r"(?<![\w’'-])(?P<surname>[A-Z][\w’'-]+)(?:[^\S\n]+[A-Z][\w’'.-]*(?:[^\S\n]+(?:\([\w’'. -]+\)|"
                     r"[A-Z][\w’'.-]*)){0,4}?[^\S\n]*(?P=surname)[A-Z][^“”\"\n]{0,600}?[^\S\n]MORE)(?=[\s,.;:])")


# a page's advertisement line, as The New York Times's and The Hill's pages are read, and a photo's share bar
# or enlarge button with its caption (The Guardian's, NPR's): never a name ("He" after it was "Advertisement
# Continue", "Enlarge")
_AD_LINE = re.compile(r"^[^\S\n]*(?:advertisement(?:[^\S\n]+continue[^\S\n]+reading[^\S\n]+the[^\S\n]+main[^\S\n]+story)?"
                      r"[^\S\n]*|Facebook[^\S\n]+Twitter[^\S\n]+Pinterest\b[^\n]*|Enlarge[^\S\n]+this[^\S\n]+image\b[^\n]*)"
                      r"(?:\n|$)", re.I | re.M)


def widgets_removed(text: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """``text`` with such headline runs and advertisement lines left out, and the (start, end) of each
    run left out (offsets in ``text``): every reading of the words around a quotation then sees "Sen. Tim
    Kaine (D-Va.) tweeted that", and no sentence starts inside the headlines ("... Kaine, Lee: 'We
    should not be ...'")."""
    removed = [(m.start(), m.end()) for m in _AD_LINE.finditer(text)] if "dvertisement" in text or "DVERTISEMENT" in text \
        or "Pinterest" in text or "Enlarge this" in text \
        else []
    if "MORE" in text:
        removed += [(m.end("surname"), m.end()) for m in _WIDGET.finditer(text)]
    if not removed:
        return text, ()
    removed.sort()
    kept_spans: list[tuple[int, int]] = []
    for span in removed:
        if not kept_spans or span[0] >= kept_spans[-1][1]:
            kept_spans.append(span)
    removed = tuple(kept_spans)
    kept, at = [], 0
    for start, end in removed:
        kept.append(text[at:start])
        at = end
    kept.append(text[at:])
    return "".join(kept), removed


def _speaker_before(match: re.Match, before: str, text: str) -> bool:
    """Whether the name an attribution pattern found before the quotation may be its speaker: a
    plausible name, not the organisation of someone named before it ("Alasdair Conn, chief of
    emergency services at Massachusetts General Hospital said ...; “")."""
    who = _trim_who(match.group("who"))
    if not _plausible(who, text) or (len(who.split()) > 1 and _OPENER.match(who.split()[0])):
        return False  # "When Booker noted that Sanders ..., Sanders joked, “": not "When Booker"
    if re.match(r"(?:an?|the)\s", match.group("who"), re.I) and \
            re.search(r"(?:^|[.!?]\s+|\n)\s*(?:In|On|During|Through|Via)\s+$",
                      before[max(0, match.start("who") - 12):match.start("who")]):
        return False  # "In a televised statement, U.S. Secretary of State John Kerry ... saying": not the statement
    return not (match.group("who")[:1].isupper() and _BELONGS_TO.search(before, max(0, match.start("who") - 60),
                                                                         match.start("who")))


# the head of an organisation's name that "of" or "for" continues: "the American Academy of Actuaries",
# "the National Association of Insurance Commissioners", "the Club for Growth", "Americans for Prosperity"
_ORG_HEAD = (r"(?:Academy|Association|Institute|University|Council|Society|Club|Department|Bureau|Office|Committee|"
             r"Cent(?:er|re)s?|Federation|League|Foundation|Coalition|Alliance|Union|Board|Commission|Ministry|"
             r"Organi[sz]ation|Agency|Chamber|College|School|Fund|Network|Project|Campaign|Corporation|Conference|"
             r"Caucus|Forum|Service|Americans|Citizens|Friends|Veterans|Physicians|Scientists|Women|Mothers)")
_CAPITALISED = r"[A-Z][\w&’'.-]*"
_ORG_GOES_ON = re.compile(rf"\s+(?:of|for)\s+(?:the\s+)?{_CAPITALISED}(?:\s+(?:and\s+)?{_CAPITALISED}){{0,4}}")
_NAMED_ORG = re.compile(rf"(?:{_CAPITALISED}\s+){{0,3}}{_ORG_HEAD}\s+(?:of|for)\s+(?:the\s+)?[A-Z]")
_ORG_BEGAN = re.compile(rf"(?:{_CAPITALISED}\s+){{0,3}}{_ORG_HEAD}\s+(?:of|for)\s+(?:the\s+)?$")


def _whole_organisation(who: str, searched: str, match: re.Match) -> str:
    """An organisation's name cut at "of" or "for" made whole from the words the attribution was
    read in: "American Academy" -> "American Academy of Actuaries", "Growth" -> "Club for Growth"."""
    start, end = match.span("who")
    written = " ".join(searched[start:end].split())
    if not who or (not written.endswith(who) and not written.startswith(who)):
        return who  # the speaker is a name in apposition, not the words matched
    if written.endswith(who) and re.search(rf"\b{_ORG_HEAD}$", who):
        more = _ORG_GOES_ON.match(searched, end)
        if more:
            return who + " " + " ".join(more.group().split())
    if written.startswith(who) and (began := _ORG_BEGAN.search(searched, 0, start)):
        return " ".join(began.group().split()) + " " + who
    return who


# after a quotation ending its sentence, "X said it believed ...": a new sentence reporting something else
# “... died.” Leila says “the official number is 10”: the words after a full stop introduce the next quotation
_QUOTE_AFTER_VERB = re.compile(r"[^\S\n]*[,:]?[^\S\n]*[“\"«]")
_CLAUSE_AFTER_VERB = re.compile(r"\s+(?:that|it|he|she|they|we|the|a|an|his|her|its|their)\b")
_SENTENCE_OPENER = re.compile(r"(?:Likewise|Similarly|Meanwhile|However|Still|Also|Instead|Later|Earlier|Indeed|"
                              r"Moreover|Further|Furthermore|Again|Finally|Then|Now|Yet|And|But|So),\s+")
# the verb of "Raimondo said Friday in Washington “" stands in the last 103 characters (12 of the longest verb,
# 90 after it, a final line break)
_SPEECH_AT_END = re.compile(rf"(?:{SPEECH})\b[^.“”\"«»]{{0,90}}$")
# what each BEFORE pattern needs to match: ":" or "," ending the words, a speech verb near their end, "in a ..."
_BEFORE_NEEDS = (
    lambda _before, ends_with: ends_with == ":",
    lambda before, _ends_with: _SPEECH_AT_END.search(before[-120:]) is not None,
    lambda _before, ends_with: ends_with == ":",
    lambda _before, ends_with: ends_with == ":",
    lambda _before, ends_with: ends_with == ",",
    lambda before, _ends_with: "n a" in before,
)
_NEW_SENTENCE = ("He", "She", "They", "It", "We")  # “... doubt.” He said ...: the next sentence, no attribution


def _named_in_apposition(match: re.Match, after: bool = False) -> str:
    """The speaker of an attribution match: "Turkey's ambassador to the United States, Serdar Kilic,
    tweeted" names Serdar Kilic, the role before him is no speaker."""
    written = " ".join(match.group("who").split())
    who = _trim_who(written, after)
    appositive = (match.groupdict().get("app") or "").strip(" ,")
    named = _APPOSED_NAME.fullmatch(appositive) if appositive and "," not in appositive else None
    if named and (_TITLE_WORD.search(named.group("name")) or _PARTY_DESCRIPTION.fullmatch(named.group("name"))):
        named = None  # "The top Democrat, Acting Director of National Intelligence, warned": a title, no name
    if named and (re.search(r"\b[a-z]", written) or re.match(r"(?:The|A|An)\s", written)
                  or re.fullmatch(r"(?:Republican|Democrat|Independent|Conservative|Liberal|Libertarian)s?", written)):
        # "The former director of the agency, retired Lt. Gen. Michael Flynn, warned"; "The number two
        # Republican, Sen. John Thune of South Dakota, announced"
        return named.group("name")
    possessed = _possessed_named(match)
    if possessed and not _plausible(who):
        return possessed  # "Meanwhile, Ukraine's acting interior minister, Arsen Avakhov, said"
    first = _APPOSED_NAME.fullmatch(appositive.split(",")[0].strip()) if "," in appositive else None
    if first and _PARTY_DESCRIPTION.fullmatch(first.group("name")):
        first = None  # "Committee Chairman Patty Murray, Washington Democrat, hailed": Murray
    if first and ORG_WORDS.search(who):
        return first.group("name")  # "before the Ways and Means Committee, Robert E. Lighthizer, the U.S. trade ..."
    if first and _SOURCE_BEFORE.search(match.string, max(0, _word_start(match.string, match.start("who")) - 40),
                                       _word_start(match.string, match.start("who"))):
        return first.group("name")  # "According to the newspaper Al Ahram, Hossam Moenes, a spokesperson, said"
    return who


# someone's role in words, then the name: "Ukraine's acting interior minister, Arsen Avakhov", "The European
# Union's top diplomat, Catherine Ashton", "Tsarnaev's wife, Katherine Russell"
_POSSESSED_ROLE = r"(?:(?:The|the)\s+)?(?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w.’'-]*['’]s\s+(?:[a-z][\w-]*\s+){0,3}[a-z][\w-]*"
_POSSESSED_THEN_NAME = re.compile(rf"(?:[A-Z][\w’']*,\s+)?{_POSSESSED_ROLE},\s+"
                                  rf"(?P<who>[A-Z][\w’'-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][\w’'-]+){{1,2}}),\s")


def _possessed_named(match: re.Match) -> str | None:
    """The name at the end of an apposition that gives someone's role first ("..., Ukraine's acting
    interior minister, Arsen Avakhov, said"), else None."""
    parts = [part.strip() for part in (match.groupdict().get("app") or "").strip(" ,").split(",")]
    if len(parts) < 2 or not re.fullmatch(_POSSESSED_ROLE, parts[-2]):
        return None
    named = _APPOSED_NAME.fullmatch(parts[-1])
    if named is None or _TITLE_WORD.search(named.group("name")) or _PARTY_DESCRIPTION.fullmatch(named.group("name")):
        return None
    return named.group("name")


def _word_start(text: str, at: int) -> int:
    """Where the word holding ``at`` starts (a match may start inside one: "t|he newspaper Al Ahram")."""
    while at > 0 and text[at - 1].isalpha():
        at -= 1
    return at


# the source a sentence opens with, not the one who speaks in it
_SOURCE_BEFORE = re.compile(r"(?:[Aa]ccording\s+to|[Aa]s\s+(?:first\s+)?reported\s+by|[Cc]iting|(?:[Tt]alking|[Ss]peaking)\s+"
                            r"(?:to|with|on)|[Ii]n\s+an\s+interview\s+with)\s+(?:the\s+)?(?:[a-z]+\s+)?$")
_TITLE_WORD = re.compile(r"\b(?:Director|Secretary|Minister|President|Chair\w*|General|Attorney|Commissioner|"
                         r"Administrator|Officer|Adviser|Advisor|Ambassador|Governor|Senator|Leader|Speaker)$")
# a name in apposition, after "retired", "former" and abbreviated titles ("retired Lt. Gen. Michael Flynn")
_APPOSED_NAME = re.compile(r"(?:(?:retired|former|then|acting)\s+)?(?:(?:[A-Z][a-z]{0,3}\.)\s+){0,3}"
                           r"(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][\w’'-]+){1,2})"
                           r"(?:\s+of\s+[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)?")  # "Sen. John Thune of South Dakota"


def _sentence_start(text: str, position: int) -> int:
    """Where the sentence holding ``position`` starts ("U.S." and "Mr." do not end one)."""
    floor = text.rfind("\n", 0, position) + 1
    for match in reversed(list(re.finditer(r"[.!?][\"”’]?\s+(?=[A-Z\"“]|$)", text[floor:position]))):
        before = text[floor:floor + match.start()].split()
        last = before[-1] if before else ""
        if re.fullmatch(r"(?:[A-Z]\.?)+|Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Sen|Rep|Gov|Lt|Col|No|Inc|Corp|Co|[A-Z]\.[A-Z]", last):
            continue
        return floor + match.end()
    return floor


def _trim_who(who: str, after: bool = False) -> str:
    """The speaker's name in the words an attribution pattern matched; ``after``: the words after
    the closing mark, where a sentence that ends inside them ends the name ("said John Smith. He
    left": John Smith), where before the opening mark it starts it ("Paris. Obama said": Obama)."""
    who = " ".join(who.split())
    role_named = ROLE_NAMED.match(who)
    if role_named:
        who = role_named.group("name")  # "Campaign spokeswoman Erin Perrine"
    titled = _TITLE_OF_NAME.match(who)
    if titled:
        who = titled.group("name")  # "Facebook Vice President of Product Development Adam Mosseri"
    who = re.split(r"(?<=[a-z]{3})[.!?]\s+", who)[0 if after else -1]  # a sentence ended inside the match
    return re.sub(r"(?:'s|’s)$", "", who)


# a title "of" a department or body, then the person: the name is the last two or three words
_TITLE_OF_NAME = re.compile(r"(?:(?:former|acting|then|deputy)\s+)?(?:[A-Z][\w.’'-]*\s+){0,3}(?:President|Director|Secretary|Minister|Chair\w*|Head|Chief|"
                            r"Officer|Commissioner|Governor)\s+of\s+(?:the\s+)?(?:[A-Z][\w’'-]*\s+){1,4}?"
                            r"(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z]\.)?\s+[A-Z][\w’'-]+)\.?$")


def _plausible(who: str, text: str = "") -> bool:
    words = who.split()
    if not words or len(words) > 8:
        return False
    if len(words) == 1 and words[0].endswith("ly"):  # "Initially" is no speaker; "Connolly", "Kelly" are
        return bool(text) and _named_with(words[0], text)
    return not (len(words) == 1 and NOT_SPEAKER.match(words[0]))  # "Meanwhile" is no speaker


def _named_with(word: str, text: str) -> bool:
    """Whether ``text`` writes ``word`` as the last part of a name ("Gerald Connolly", "Rep. Connolly",
    "Megyn Kelly"): an adverb opening a sentence ("Initially") never follows a capitalised word."""
    return re.search(rf"\b[A-Z][\w.’'-]*[^\S\n]+{re.escape(word)}\b", text) is not None


# "states" is a noun too: "in Southern states", "across Western states", "several states"
_BEFORE_A_PLACE = r"\b(?:[Ii]n|[Aa]cross|of|from|to|for|among|throughout|between|by|[Tt]he|other|many|several|all)"
_STATES_NOUN = re.compile(_BEFORE_A_PLACE + r"\s+(?:[\w-]+\s+)?states\b")


def _states_a_place(text: str, start: int, end: int) -> bool:
    """Whether the name ``text[start:end]`` and the "states" after it are a place ("in Southern states")."""
    found = _STATES_NOUN.search(text, max(0, start - 12), min(len(text), end + 8))
    return found is not None and found.start() < start and found.end() > end


def near_speech(text: str, start: int, end: int) -> bool:
    window = _STATES_NOUN.sub(" ", text[max(0, start - 60):start] + text[end:end + 40])
    return re.search(rf"\b(?:{SPEECH})\b", window) is not None


_LEAD_SAID = re.compile(rf"{WHO}\s+(?P<verb>{SPEECH})\b[^.]*:\s*$")
_LEAD_ACCORDING = re.compile(rf"^(?:[Aa]ccording to|[Aa]s)\s+{WHO}(?:\s+(?:reported|reports|put it|said|says))?:\s*$")
_LEAD_AGED = re.compile(rf"^(?P<who>{NAME}),\s+\d{{1,3}},[^“”\"]*$")
# "Rep. Mark Meadows (R-N.C.), a Trump loyalist ..., said in a text message to The Hill." ending the
# paragraph before: the verb closes the sentence, with at most where, when or to whom after it
_LEAD_SAID_LAST = re.compile(
    rf"(?:^|[.!?]\s+){WHO}(?:\s+\([^()]{{1,25}}\))?(?:,[^.“”\"«»]{{1,160}},)?\s+(?:also\s+|later\s+)?"
    rf"(?P<verb>said|says|wrote|writes|added|adds|tweeted|posted|explained|explains|told\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){{0,3}})"
    rf"(?:\s+(?:on|in|at|to|during|via|through|last|this|late|early|earlier|later|Monday|Tuesday|Wednesday|Thursday|"
    rf"Friday|Saturday|Sunday|Mon|Tues|Wed|Thurs|Fri|Sat|Sun)\b(?:(?!\b(?:that|he|she|they|it|the)\s)[^.“”\"«»]){{0,60}})?\.$")


# "Voters resent money in politics, says Garry South, a longtime Democratic consultant." before a quotation
_LEAD_SAYS_LAST = re.compile(rf",\s+(?:says|said|writes|wrote|adds|added|notes|noted|explains|explained|argues|argued)\s+"
                             rf"(?P<who>{ROLE_NAME}|{NAME})(?:,[^.“”\"«»]{{1,160}})?\.$")


# "Trump has turned the focus to the border, O'Rourke told the Times." / "..., she says." before a quotation:
# the reported clause's speaker goes on speaking (a pronoun is resolved as any other)
_LEAD_COMMA_SAID = re.compile(
    rf",\s+(?P<who>{ROLE_NAME}|{NAME}|[Hh]e|[Ss]he)\s+(?P<verb>said|says|wrote|writes|added|adds|"
    rf"told\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){{0,3}})"
    rf"(?:\s+(?:on|in|at|to|during|via|last|this|late|early|earlier|later|Monday|Tuesday|Wednesday|Thursday|"
    rf"Friday|Saturday|Sunday)\b[^.“”\"«»]{{0,60}})?\.$")


def _comma_said(sentence: str, text: str) -> str | None:
    match = _LEAD_COMMA_SAID.search(sentence[-300:])
    if not match:
        return None
    who = match.group("who")
    return " ".join(who.split()) if re.fullmatch(r"[Hh]e|[Ss]he", who) or _plausible(_trim_who(who), text) else None


# the most characters between two quotations of one paragraph for the second to go on from the first (the
# first's attribution, "..., Amy Kremer, chairman of Tea Party Express said."), and a sentence ending there
QUOTATION_GAP = 200
SENTENCE_BREAK = re.compile(r"(?<=[a-z]{3})[.!?]\s+[A-Z]")


def lead_speaker(text: str, start: int) -> str | None:
    """A quotation alone in its paragraph after "X said:" or "X said Friday." ending the paragraph
    before; or opening a sentence right after one that ends "..., says Garry South, a consultant."
    or "Meadows said in a text message." in its own paragraph."""
    line_start = text.rfind("\n", 0, start)
    own = text[line_start + 1:start - 1].strip()
    if own:
        parts = re.split(r"[“”\"«»]", own)
        last = parts[-1]  # the sentence before, with no quotation in it
        if len(parts) > 2 and len(last) < QUOTATION_GAP and not SENTENCE_BREAK.search(last):
            return None  # “...,” Amy Kremer, chairman of Tea Party Express said. “...”: the same speaker goes on
        match = own.endswith(".") and (_LEAD_SAYS_LAST.search(last[-300:]) or _LEAD_SAID_LAST.search(last[-300:]))
        if match and _plausible(match.group("who"), text) and not re.fullmatch(PRONOUN, match.group("who")):
            return " ".join(match.group("who").split())
        return _comma_said(last, text) if own.endswith(".") else None
    previous = text[:max(0, line_start)].rstrip().rsplit("\n", 1)[-1].strip()  # blank lines skipped
    colon = previous.endswith(":")  # the first two need it (``previous`` is stripped): not searched without
    match = (colon and (_LEAD_SAID.search(previous) or _LEAD_ACCORDING.search(previous))) or \
        _LEAD_AGED.search(previous) or (  # "Mike Kelly, 63, a retired teacher, came."
        not re.search(r"[“”\"«»]", previous[-300:]) and (_LEAD_SAID_LAST.search(previous[-300:])
                                                          or _LEAD_SAYS_LAST.search(previous[-300:])))
    if match and _plausible(match.group("who"), text) and not re.fullmatch(PRONOUN, match.group("who")):
        return " ".join(match.group("who").split())
    if not colon and not re.search(r"[“”\"«»]", previous[-300:]):
        return _comma_said(previous, text)
    return None


# when, between a name and its verb: "President Obama on Wednesday reiterated", "Sanders on Tuesday morning said"
_WHEN_WORD = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|month|year|night|morning|evening"
_SPEAKS = re.compile(rf"(?<![\w’'])(?:(?P<who1>{NAME}|(?:the|[Tt]he)\s+(?:president|senator|governor|mayor|"
                     rf"secretary|minister|prime\s+minister|speaker|chairman|chairwoman|judge|candidate|congressman|"
                     rf"congresswoman)){PARTY}(?:\s+(?:on|late|early|last|this)\s+(?:{_WHEN_WORD})"
                     rf"(?:\s+(?:morning|afternoon|evening|night))?)?"
                     rf"\s+(?:also\s+|later\s+|then\s+|has\s+|"
                     rf"had\s+)?(?:{SPEECH})\b"
                     rf"|(?:{SPEECH_BY})\s+(?P<who2>{ROLE_NAME}|{NAME}))")


# a name someone belongs to, after "at", "of", "for", "with", "from" (and more of its capitalised words)
# (after a word in lower case: "services at"; "of" and "for" only after a role: "chairman of Tea Party
# Express said"; never "Secretary of State Hillary Clinton says", "a spokesperson for Google says", "a tape of
# Romney saying")
_BELONGS_TO = re.compile(r"(?:\b[a-z][a-z-]*\s+(?:at|with|from)|\b(?:chairman|chairwoman|chair|head|chief|director|"
                         r"president|member|professor|fellow|editor|founder|leader|executive|officer|partner|dean|"
                         r"researcher|analyst|economist|strategist|manager)\s+(?:of|for))\s+(?:the\s+)?"
                         r"(?:[A-Z][\w.&’'-]*\s+)*$")


def sentence_speaker(text: str, start: int, end: int) -> str | None:
    """A named speaker further from the marks but in the quotation's own sentence ("Ginsburg, in
    a dissent joined by two justices, wrote that the ruling ... “...”"), or in a sentence ending
    with a colon right before it: the "Name said" / "said Name" nearest the quotation."""
    floor = text.rfind("\n", 0, start) + 1
    sentence = _sentence_start(text, start - 1)
    if sentence == floor and floor > 1 and text[:floor - 1].rstrip().endswith(":"):
        sentence = _sentence_start(text, text[:floor - 1].rstrip().rfind(":"))  # "X said:" closing the paragraph
    after = end + 1
    line_end = text.find("\n", after)
    line_end = len(text) if line_end < 0 else line_end
    stop = re.search(r"(?<![A-Z])(?<!\b[A-Z][a-z])(?<!\bMrs)[.!?](?:\s|$)|[“\"«]",  # "J.R. Ackley" goes on
                     text[after:min(line_end, after + 300)])  # not past the paragraph
    # nor into the next quotation
    candidates = []
    for lo, hi in ((sentence, start), (after, after + (stop.end() if stop else 0))):
        for match in _SPEAKS.finditer(text, lo, max(lo, hi)):
            who = match.group("who1") or match.group("who2")
            if match.group("who2") and _reported_clause(text, match):
                continue
            if match.group("who1") and _states_a_place(text, match.start(), match.end("who1")):
                continue  # "rallies in Southern states": a place, no one who states anything
            if match.group("who1") and _BELONGS_TO.search(text, max(0, match.start() - 60), match.start()):
                continue  # "Alasdair Conn, chief of emergency services at Massachusetts General Hospital said"
            if who and _plausible(who, text) and not re.fullmatch(PRONOUN, who):
                distance = min(abs(match.start() - start), abs(match.end() - end))
                candidates.append((distance, _trim_who(who)))
    if candidates:
        return min(candidates)[1]
    said = _TAIL_SAID.match(text, after, line_end)
    if said:  # “To some degree, it's a form of flattery” that the ad aired so early, he said.
        return said.group("who")
    tail = _SENTENCE_TAIL.match(text, after, line_end)
    if tail:  # “...” with two pilots “...,” he said. / “...” or anything else, according to one official.
        return " ".join((tail.group("who") or tail.group("who2")).split())
    according = _ACCORDING_OPENS.match(text, sentence, max(sentence, start - 1))
    if according and _plausible(_trim_who(according.group("who")), text):
        return _trim_who(according.group("who"))  # "According to The Post, the proposal would “"
    relative = _WHO_SAID.search(text, sentence, max(sentence, start - 1))
    if relative and _plausible(_trim_who(relative.group("who")), text):
        return _trim_who(relative.group("who"))  # "Rudy Giuliani, who told Fox News that Trump wanted a “"
    return _participle_subject(text, sentence, start, after, line_end) or _sentence_subject(text, sentence, start)


# a sentence opening with what its subject said or how they called something, the quotation inside
# that opening phrase: "Calling it “an important step” toward ..., President Obama on Saturday praised"
_PARTICIPLE_OPENS = re.compile(r"(?:[A-Z][A-Z .,]+\s+[—–-]+\s+)?(?:Calling|Declaring|Saying|Describing|Warning|"
                               r"Insisting|Noting|Arguing|Stressing|Vowing|Dismissing|Praising|Touting|Label(?:l)?ing|"
                               r"Branding|Lamenting|Acknowledging|Admitting|Claiming|Promising|Decrying|Denouncing|"
                               r"Condemning|Hailing|Urging|Pledging|Blasting|Slamming|Deriding|Mocking|Alleging|Accusing)\s[^.!?“”\"«»]*$")
_PARTICIPLE_SUBJECT = re.compile(rf"(?:[^.!?“”\"«»\n]{{0,160}}?,)?\s+(?P<who>{ROLE_NAME}|{NAME}){PARTY}(?:,[^,.“”\"«»]{{1,80}},)?\s+"
                                 rf"(?:(?:on|last|this|late|early)\s+\w+\s+|\w+ly\s+)?"
                                 rf"(?!(?:is|was|are|were|has|have|had)\b)(?P<verb>[a-z]{{3,}})\b")


def _participle_subject(text: str, sentence: int, start: int, after: int, line_end: int) -> str | None:
    """The subject of the main clause when the quotation is in the sentence's opening participle
    phrase ("Declaring that the world is entering a “new era of competition,” President Trump
    outlined a strategy"): who called it so."""
    if not _PARTICIPLE_OPENS.match(text, sentence, max(sentence, start - 1)):
        return None
    found = _PARTICIPLE_SUBJECT.match(text, after, line_end)
    if not found or not has_verb(found.group("verb")):
        return None  # a verb after the name: "President Obama on Saturday praised", "Warner left the room"
    who = _trim_who(found.group("who"))
    return who if _plausible(who, text) and not NOT_SPEAKER.match(who.split()[0]) else None


# a sentence opening with its source: "According to The Washington Post, the senators' proposal would “"
_ACCORDING_OPENS = re.compile(rf"(?:[Aa]ccording\s+to|[Aa]s\s+reported\s+by)\s+(?P<who>{ROLE_NAME}|{DESCRIPTOR}|{NAME})"
                              rf"(?:,\s+[^,“”\"«»]{{1,80}})?,\s+[^“”\"«»]{{1,200}}$")
_TAIL_SAID = re.compile(r"[^.!?“”\"\n]{0,160},\s+(?P<who>[Hh]e|[Ss]he)\s+(?:said|says|added|adds|wrote|writes)\b"
                        r"[^.!?“”\"\n]{0,40}[.!?]")
_SENTENCE_TAIL = re.compile(rf"[^.!?“”\"\n]{{0,80}}(?:[“\"][^”\"\n]{{1,300}}[”\"]\s*(?P<who>[Hh]e|[Ss]he)\s+(?:{SPEECH})\b|"
                            rf"according to (?P<who2>{DESCRIPTOR}))")


def _reported_clause(text: str, match: re.Match) -> bool:
    """Whether "said X" starts a reported clause rather than naming the speaker: "said Turkey is
    providing ...", "said Mr. Trump's mood was", "The president said Bredesen, whom ..., “..."; the
    speaker is named so only right after a quotation, a comma or at a sentence's start."""
    who = match.group("who2")
    if _CLAUSE_SUBJECT.match(text, match.end()) or re.search(r"['’]s$", who):
        return True
    return not re.search(r"(?:^|[,”\"’:;—]|[.!?]\s|\n)\s*$", text[max(0, match.start() - 4):match.start()])


_CLAUSE_SUBJECT = re.compile(r"(?:['’]s\b|\s+(?:is|was|are|were|has|have|had|would|will|could|should|did|does|"
                             r"do|can|may|might|must|[a-z]+ed)\b)")
_SUBJECT = re.compile(rf"(?:(?:And|But|So|Yet|Still|Also)\s+)?(?:[A-Z][\w’']*(?:\s+[\w’']+){{0,7}},\s+"
                      rf"(?:[a-z][\w’']*(?:\s+[\w’']+){{0,6}},\s+)?)?(?P<who>{ROLE_NAME}|{NAME}|[Hh]e|[Ss]he)"
                      rf"(?:\s+\([^()]{{1,25}}\)|,\s+[RDI]-[A-Z][\w.]{{0,5}}\.?(?=\s+[a-z]))?(?:,[^,]{{1,160}},)?\s+"
                      rf"(?!(?:the|a|an|his|her|their|its|to|of|in|on|for|with|at|by|from)\b)[a-z]")


_DESCRIBED_SUBJECT = re.compile(r"(?:(?:And|But|So|Yet|Still|Also)\s+)?(?P<who>(?:The|the)\s+(?:[\w’'-]+\s+){0,2}?"
                                r"(?:governor|president|senator|mayor|company|court|committee|agency|department|"
                                r"campaign|administration|ministry|prosecutor|judge|family|police|government))\s+"
                                r"(?:also\s+|again\s+|later\s+|then\s+)?(?!(?:is|was|has|had|of|in|on|for|to|and)\b)[a-z]")


# "Clinton's Iowa campaign director, Matt Paul, said in a statement: “"
_ROLE_THEN_NAME = re.compile(rf"(?:{NAME}\s+)?(?:[a-z][\w-]*\s+){{0,2}}{ROLE},\s+"
                             rf"(?P<who>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'.-]+){{1,2}}),\s")


# verbs that put words to someone without a speech verb: "Mr. Trump bashed the deal as “one of
# the worst”", "Romney issued a statement saying", "He appealed again for “peace, restraint”"
_STANCE = (r"bashed|mocked|blasted|slammed|attacked|criticized|criticised|defended|appealed|accused|dubbed|"
           r"labeled|labelled|branded|characterized|characterised|promised|pledged|expressed|issued|released|"
           r"rejected|dismissed|lambasted|derided|ridiculed|touted|lauded|decried|demanded|assured|reiterated|"
           r"repeated|signaled|signalled|took\s+aim|made\s+clear|brushed\s+off|panned|fumed|refused\s+to|refuses\s+to|faulted")


# a named person, then a relative clause whose verb leads to the quotation: "Kevin McCarthy, California
# Republican, who said Mr. Amash was “", "Clay Johnson, who blamed the problem on “"
_WHO_SAID = re.compile(rf"(?<![\w’'])(?P<who>{ROLE_NAME}|{NAME}){PARTY}(?:,\s+(?:[\w.’'-]+\s+){{0,4}}[\w.’'-]+)?"
                       rf"(?:,|\s+(?:—|–|--))\s+who\s+"
                       rf"(?:also\s+|later\s+|then\s+|has\s+|had\s+|\w+ly\s+)?(?:{SPEECH}|{_STANCE}|blamed)\b"
                       rf"[^“”\"«»!?]{{0,200}}$")


# a short quoted phrase inside a sentence ("Pelosi accused Republicans of trying to “cut and run” on ..."):
# the words of the sentence's subject, whatever the verb; not in a passive sentence ("he was accused of “...”")
_FRAGMENT_QUOTE = re.compile(r"[^“”\"«»\n]{1,80}?[”\"»]\s*[a-z,;]")
# "Soleimani was “a cowardly armed attack”": what the subject is, in someone else's words
_COPULA = re.compile(r"\b(?:is|was|are|were|be|been|being)\b")
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?\w+ed\b|\b(?:by|of|about|for)\s*$")


def _quoted_phrase_of_subject(text: str, sentence: int, start: int, before: str) -> bool:
    """Whether the quotation is a short phrase inside its sentence that its subject's words may be:
    no other quotation, passive, copula or gerund before it, and no sentence cut at an abbreviation."""
    return _FRAGMENT_QUOTE.match(text, start) is not None and not _PASSIVE.search(before) and \
        not re.search(r"[“”\"«»]", before) and not re.match(r"\s*(?:A|An|The|One|[A-Z][a-z]+ing)\s", before) and \
        not _COPULA.search(before) and not _after_abbreviation(text, len(text[:sentence].rstrip()) - 1)


def _sentence_subject(text: str, sentence: int, start: int) -> str | None:
    """The name opening the quotation's sentence, after a short opening phrase ("In Washington,
    President Obama condemned the ... and said ... “"), when a speech or stance verb leads to the
    quotation ("Mr. Trump bashed the deal as “..."), or when the sentence ends in a colon before it
    ("Romney released a statement that read in part:")."""
    before = text[sentence:max(sentence, start - 1)]
    speech = bool(re.search(rf"\b(?:{SPEECH}|{_STANCE})\b[^“”\"«»]*$", before) or before.rstrip().endswith(":"))
    fragment = not speech and _quoted_phrase_of_subject(text, sentence, start, before)
    if not (speech or fragment):
        return None
    described = _DESCRIBED_SUBJECT.match(before)  # "The president said the U.S. “will make the turn”"
    if described:
        return " ".join(described.group("who").split())
    match = _ROLE_THEN_NAME.match(before) or _POSSESSED_THEN_NAME.match(before) or _SUBJECT.match(before)
    if not match:
        return None
    who = _trim_who(match.group("who"))
    if re.match(r"The\s+[A-Z]", who) and len(who.split()) > 2:
        who = who[4:]  # "The Democratic National Committee blasted Trump for trying to “"
    words = who.split()
    if who.lower() in ("he", "she"):
        return who  # "But he also said both sides need to ... “": resolved as a pronoun
    if not _plausible(who, text) or NOT_SPEAKER.match(words[0]) or re.fullmatch(PRONOUN, who):
        return None
    if len(words) == 1 and len(re.findall(rf"\b{re.escape(who)}\b", text)) < 2:
        return None  # "Conventional wisdom suggested ...": a name comes back
    if (fragment and words[0] in ("One", "Two", "Three")) or (
            len(words) == 1 and re.search(rf"\b{re.escape(who.lower())}\b", text)):
        return None  # "Airstrikes are “very important”", "Countries like China ... calls for": a thing, no speaker
    return who


# verbs of holding a view, which reporters put before a quotation of the view in the speaker's words
_VIEWS = (r"believes|believed|thinks|thought|disagreed|disagrees|agreed|agrees|elaborated|went\s+on|hopes|hoped|"
          r"fears|feared|worries|worried|expects|expected|doubts|doubted|sees|saw")
# "Mair said she could not foresee ...", "While she did not believe ..., Mair said ...", "She
# nonetheless disagreed with ...": a sentence reporting a named (or "he"/"she") person's words or views
_REPORTS = re.compile(
    rf"(?:(?:And|But|So|Yet|Still|Also|Later|Earlier)\s+)?(?:[A-Z][^“”\"«»\n]{{0,200}}?,\s+)?"
    rf"(?P<who>{ROLE_NAME}|{NAME}|[Hh]e|[Ss]he){PARTY}(?:,[^,“”\"«»\n]{{1,120}},)?\s+"
    rf"(?:also\s+|later\s+|then\s+|again\s+|nonetheless\s+|still\s+|further\s+|\w+ly\s+)?"
    rf"(?:{SPEECH}|{_STANCE}|{_VIEWS})\b")


def reported_speaker(text: str, start: int, end: int) -> str | None:
    """A quotation making up a sentence of its own, with no attribution, right after a sentence that
    reports someone's words or views in the writer's words ("Mair said she could not foresee the
    party emerging unscathed. “Some of us are wondering ...”", the quotation often in a paragraph of
    its own): that sentence's subject, as written ("he" and "she" to be resolved)."""
    line_start = text.rfind("\n", 0, start - 1) + 1
    own = text[line_start:start - 1]
    if own.strip() and not re.search(r"[.!?][\"”’]?\s+$", own):
        return None  # the quotation does not open its sentence
    if not re.match(r"\s*(?:$|\n|[A-Z“\"«])", text[end + 1:end + 3]):
        return None  # the sentence goes on after the quotation
    if own.strip():
        stop = line_start + len(own.rstrip())
    else:
        stop = len(text[:line_start].rstrip())  # the paragraph before, blank lines skipped
        if stop <= 0:
            return None
    sentence = _sentence_start(text, stop - 1)
    match = _REPORTS.match(text, sentence, stop)
    if not match:
        return None
    who = match.group("who")
    if re.fullmatch(r"[Hh]e|[Ss]he", who):
        return who
    who = _trim_who(who)
    words = who.split()
    if not _plausible(who, text) or NOT_SPEAKER.match(words[0]) or re.fullmatch(PRONOUN, who):
        return None
    return who


def _descriptor_name(text: str, start: int, who: str) -> tuple[str, str] | None:
    """"Kaspersky spokesperson Sawyer VanHorn", "the company's statement": a name inside the descriptor."""
    names = re.findall(r"[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*", who)
    names = [n for n in names if not NOT_SPEAKER.match(n.split()[0])]
    if names:
        return clean_name(names[-1]), "person" if len(names[-1].split()) > 1 else "organisation"
    return None


def _clean_descriptor(who: str) -> str:
    words = who.split()
    while words and words[0].lower() in ("the", "a", "an", "one", "another", "its", "his", "her", "their"):
        words.pop(0)
    return " ".join(words) or who


def clean_name(who: str | None) -> str | None:
    if not who:
        return None
    name = " ".join(who.split()).strip(" ,.:;")
    name = re.sub(r"(?:'s|’s)$", "", name)
    stripped = TITLES.sub("", name + " ").strip() or name
    # "Democratic Party Chair William McCurdy": the name after the last title
    titled = re.search(r"\b(?:Chair|Chairman|Chairwoman|Director|Secretary|Minister|President|Leader|Spokes\w+|"
                       r"Commissioner|Governor|Senator|Mayor|Ambassador|Envoy|Rep\.|Sen\.|Gov\.)\s+"
                       r"(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'.-]+)*)$", stripped) or \
        re.search(r"\s(?:to|of)\s+(?:the\s+)?[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+)*\s+"
                  r"(?P<name>[A-Z][\w’'-]+\s+(?:(?:al|el)-)?[A-Z][\w’'.-]+)$", stripped)
    return titled.group("name") if titled else stripped


# One word that names nobody: an opening adverb, a determiner, a party or document word, a US
# state or a city that is no seat of government ("Rep. Jim Jordan (R-Ohio)" is no quote of Ohio's).
_NO_SPEAKER_WORD = frozenset(re.findall(r"\w+", """
likewise otherwise a an his her their its even also republican democratic democrat
independence statement statements letter report tweet email memo supporters critics
separately nonetheless nevertheless further furthermore moreover beyond again to i they we you besides
additionally regardless ultimately finally notably importantly specifically afterward afterwards elsewhere
previously recently currently thus hence therefore state indeed instead meanwhile oftentimes often sometimes more
late early enlarge view
new old initial earlier later latest first second previous original joint written brief read
alabama alaska arizona california colorado connecticut florida hawaii idaho illinois indiana iowa kansas
kentucky louisiana maine maryland massachusetts michigan minnesota mississippi missouri montana nebraska
nevada ohio oklahoma oregon pennsylvania texas utah vermont virginia wisconsin wyoming
chicago boston seattle atlanta miami toronto sydney mumbai dubai shanghai istanbul zurich geneva
"""))
# (and a speech verb before the name: "Said Obama: “...”")
_OPENING_WORD = re.compile(r"^(?:While|Even|Also|Likewise|Meanwhile|However|But|And|So|Yet|Still|Then|Said|Says|Added|"
                           r"Adds|Wrote|Writes|Asked|Asks)\s+(?=[A-Z]|(?:al|el)-[A-Z])")
# a sentence ended inside the name ("ET. In Exit Polls", "Barrett. The Times"), not after an
# initial or an abbreviation ("George W. Bush", "Martin Luther King Jr. Day")
_SENTENCE_INSIDE = re.compile(r"(?:(?<=[a-z]{3})|(?<=\b[A-Z]{2})|(?<=\b[A-Z]{3}))(?<!\b(?:Mrs|Sen|Rep|Gov|Gen))\.\s+(?=[A-Z])")


# a month or a number word read as a name ("Trump in December called Schiff ...", "Three weeks later,
# ... Ryan delivered"); not "May" (Theresa May)
_CALENDAR_OR_COUNT = re.compile(r"(?:January|February|March|April|June|July|August|September|October|November|"
                                r"December|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Dozens|Hundreds|"
                                r"Thousands|Millions)$")
# a weekday or "statement" after an organisation ("Judiciary Committee Friday", "committee statement")
_TRAILING_NOT_NAME = re.compile(r"\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|statement|"
                                r"spokesman|spokeswoman|spokesperson)$")
# a web page's widget word stuck before a name ("... MORE said", "CLOSE Republican ...")
_WIDGET_WORD = frozenset({"MORE", "CLOSE", "SHARE", "ADVERTISEMENT", "WATCH", "READ", "RELATED", "VIDEO", "PHOTOS",
                          "Story", "Continued", "Below"})  # "Story Continued Below": a page's link between paragraphs
# a gerund opening the subject ("Putting Mr. Robertson on hiatus “sent a message”"): no speaker
_GERUND = re.compile(r"^(?:Putting|Getting|Making|Taking|Giving|Having|Being|Letting|Keeping|Allowing|Calling|"
                     r"Adding|Asking|Saying|Telling|Turning|Leaving|Bringing|Holding|Sending|Using|Doing)\s")


def usable_speaker(name: str | None) -> str | None:
    """The speaker as shown, or None when the words found name nobody (see ``_NO_SPEAKER_WORD``):
    a wrong name misleads a reader more than "not named" does."""
    if not name:
        return None
    parts = _SENTENCE_INSIDE.split(name)
    name = _OPENING_WORD.sub("", parts[-1].strip())
    if _GERUND.match(name):
        return None
    words = [w for w in name.split() if w not in _WIDGET_WORD]
    if not words:
        return None
    name = _TRAILING_NOT_NAME.sub("", " ".join(words)) if len(words) > 1 else " ".join(words)
    words = name.split()
    if not words or (len(words) == 1 and (words[0].lower().strip(".,") in _NO_SPEAKER_WORD
                                          or NOT_SPEAKER.match(words[0]) or _CALENDAR_OR_COUNT.match(words[0]))):
        return None
    if words[0] in ("In", "On", "At", "As", "For", "By") and len(parts) > 1:
        return None  # "In Exit Polls": the words after a sentence break are no name
    if len(words) > 1 and _OPENER.match(words[0]):
        return None  # "In Davos", "When Booker", "Consider this": a sentence's first words, not a name
    if _PARTY_STATE.fullmatch(name):
        return None  # "R-Ky.": a lawmaker's party and state, never the lawmaker
    return _without_glued_widget(name)


_PARTY_STATE = re.compile(r"[RDI]-[A-Z][\w.]{0,5}\.?")


# a sentence's first word that opens no name: a conjunction, a preposition, an imperative
# (not "If": "If Biden says “we will raise taxes,”" is no one's words)
_CONJUNCTION = re.compile(r"(?:When|Whenever|After|Before|While|As|Since|Until|Although|Though|Because)$")
_OPENER = re.compile(r"(?:When|Whenever|If|After|Before|While|As|Since|Until|Unless|Although|Though|Because|In|On|At|"
                     r"During|Despite|Consider|Take|Let|Imagine|Remember|Note|About)$")


# a web page's inline widget run into a name: "Elise Stefanik Elise Marie StefanikMeadows", "Trump Donald John
# TrumpSessions" (the name, the full name again, then the next headline glued on)
_GLUED = re.compile(r"^(?P<name>[A-Z][\w’'-]*?[a-z]{3})[A-Z][a-z]{2}")


def _without_glued_widget(name: str) -> str:
    """``name`` up to the first writing of the surname a glued widget word repeats ("Elise Stefanik")."""
    words = name.split()
    glued = _GLUED.match(words[-1]) if len(words) > 1 else None
    if not glued or glued.group("name") not in words[:-1]:
        return name  # "MarketWatch", "NeverTrump", "AbdulMawgoud Dardery": one word of its own
    return " ".join(words[:words.index(glued.group("name")) + 1])


def _is_org(name: str | None, organisations: frozenset[str]) -> bool:
    if not name:
        return False
    lowered = name.lower()
    if lowered in organisations or re.search(r"\b(?:lab|labs|inc|corp|company|department|ministry|police|agency|"
                                             r"news|times|post|house|office|university|committee|council|party|"
                                             r"bureau|service|group|association|union|court|bank|fed)\b", lowered):
        return True
    return lowered in _first_words(organisations) and len(name.split()) == 1


@lru_cache(maxsize=64)  # one set of organisations per story: read once, not once per speaker
def _first_words(organisations: frozenset[str]) -> frozenset[str]:
    """The first word of each organisation named in several words ("kaspersky" of "kaspersky lab")."""
    return frozenset(org.split()[0] for org in organisations if " " in org)


def speaker_key(name: str | None) -> str:
    """One key for one speaker named two ways: surname and first initial ("e kaspersky"); an
    organisation's first word ("kaspersky" for "Kaspersky Lab" and "Kaspersky Labs")."""
    if not name:
        return ""
    words = re.findall(r"[^\W\d_]+", name.lower())
    if not words:
        return ""
    if len(words) == 1:
        return words[0]
    if words[-1] in ("lab", "labs", "inc", "corp", "group", "company", "ltd", "llc"):
        return words[0]
    return f"{words[0][0]} {words[-1]}"

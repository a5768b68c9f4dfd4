"""Who said a quotation: the attribution next to it and the speaker it names.

The attribution patterns (``,” she said``, ``said Gina Raimondo``, ``Raimondo said: “``,
``according to the company``), the speaker found further away in the quotation's sentence or in
the paragraph before, and the resolution of what is written to one canonical speaker: a pronoun
to the last named person, "the company" to the last organisation named as one, a surname to the
full name, titles and roles dropped ("U.S. Commerce Secretary Gina Raimondo" -> "Gina Raimondo").
:func:`speaker_key` makes one key of a speaker named two ways. Used by
:mod:`desktop.core.matching.quote_extraction`.
"""

from __future__ import annotations

import re

__all__ = ["clean_name", "find_attribution", "lead_speaker", "near_speech", "resolve_speaker", "sentence_speaker",
           "speaker_key"]

_SPEECH = (r"said|says|say|told|tells|added|adds|stated|states|wrote|writes|noted|notes|explained|explains|"
           r"asked|asks|declared|insisted|argued|continued|recalled|tweeted|posted|warned|concluded|replied|"
           r"responded|remarked|acknowledged|admitted|announced|shouted|yelled|cried|read|reads|"
           r"according to|described|called|calls|stressed|urged|urges|claimed|claims|confirmed|testified|"
           r"stating|saying|adding|noting|asserting|warning|telling|explaining|writing|arguing|claiming|calling|"
           r"reports|reported|tweets|posts|insists|argues|warns|quoted|quoting|suggested|emphasized|emphasised|"
           r"contended|countered|asserted|maintained|observed|vowed|pointed out|predicted|complained|boasted")
_NAME = r"(?:[A-Z][\w.'’-]*(?:[^\S\n]+(?:de|van|von|al|bin|da|di|le|la|[A-Z][\w.'’-]*)){0,4})"
_PRONOUN = r"(?:he|she|they|it|we|I)"
_DESCRIPTOR = (r"(?:the|a|an|one|another|its|his|her|their)\s+(?:[\w-]+\s+){0,3}?(?:company|firm|statement|"
               r"spokesperson|spokesman|spokeswoman|official|officials|representative|source|sources|agency|"
               r"department|ministry|government|police|group|organization|organisation|campaign|"
               r"administration|lab|witness|report|letter|memo|email|post|tweet|president|prosecutor|senator|"
               r"minister|secretary|governor|mayor|judge|justice|chairman|chairwoman|director|leader|lawmaker|"
               r"congressman|congresswoman|ambassador|commissioner|chief|attorney|economist|analyst)")
_WHO = rf"(?P<who>{_DESCRIPTOR}|(?:the\s+)?{_NAME}|{_PRONOUN})"
# after the closing mark: ,” she said / ,” said Gina Raimondo / ,” Raimondo told reporters
_AFTER = [
    re.compile(rf"^\s*,?\s*(?P<verb>{_SPEECH})\s+{_WHO}", re.S),
    re.compile(rf"^\s*,?\s*{_WHO}(?:(?:,\s[^,]{{1,80}}){{1,2}},)?\s+(?:also\s+|later\s+|then\s+|has\s+|had\s+|once\s+|\w+ly\s+)?"
               rf"(?P<verb>{_SPEECH})\b", re.S),
    re.compile(rf"^\s*,?\s*(?P<who>the\s+(?:statement|letter|report|post|tweet|email)\s+from\s+(?:the\s+)?{_NAME})",
               re.S),
    re.compile(r"^\s*,?\s*the\s+(?P<who>statement|company|letter|report|post|tweet|email)\s+(?P<verb>read|said|"
               r"stated|added|continued)\b", re.S | re.I),
]
# before the opening mark, in the same sentence: Raimondo said: “ / According to the company, “
_BEFORE = [
    re.compile(rf"{_WHO}(?:(?:,\s[^,]{{1,80}}){{1,2}},)?\s+(?:also\s+|later\s+|then\s+|has\s+|had\s+|once\s+|\w+ly\s+|is\s+quoted\s+[^.]{{0,40}}"
               rf"as\s+)?(?P<verb>{_SPEECH})\b[^.“”\"«»]{{0,90}}$", re.S),
    re.compile(rf"(?:^|[.;]\s+|\n){_WHO}(?:,\s[^,:]{{1,80}})?:\s*$", re.S),
    re.compile(rf"(?P<verb>[Aa]ccording to|reported by)\s+{_WHO}(?:,[^,“\"]{{0,60}})?\s*,\s*$", re.S),
    re.compile(rf"(?P<verb>[Ii]n a statement|[Ii]n an interview|[Ii]n a letter|[Ii]n a tweet|[Ii]n a post)"
               rf"(?:\s+\w+){{0,3}},\s+{_WHO}\s+\w+", re.S),
]
_STATEMENT_OF = re.compile(rf"{_WHO}(?:'s|’s)\s+statement", re.S)
_TITLES = re.compile(
    r"^(?:(?:U\.?S\.?|US|former|then|acting|deputy|chief|senior|independent|the|a|an|House|Senate|"
    r"President|Vice|Prime|Minister|Secretary|Commerce|State|Defense|Treasury|Attorney|General|Speaker|"
    r"Majority|Minority|Leader|Sen\.|Rep\.|Gov\.|Mr\.|Mrs\.|Ms\.|Dr\.|Gen\.|Lt\.|Col\.|Sgt\.|Officer|Chief|"
    r"Executive|CEO|Director|Spokesperson|Spokesman|Spokeswoman|Commissioner|Mayor|Judge|Justice|Rev\.|"
    r"journalist|reporter|spokesperson|spokesman|spokeswoman|analyst|economist|professor|Professor|Chair|"
    r"Chairman|Chairwoman|Trade|Foreign|Home|Interior|Press|Deputy|Senior|Former|As|Senator|Representative|"
    r"Governor|Ambassador|Chancellor|Cartoonist|Sheriff|Detective|Inspector|Prosecutor|"
    r"Kaspersky\s+spokesperson)\s+)+")
_NOT_SPEAKER = re.compile(r"^(?:The|This|What|Some|That|These|Those|It|In|On|At|But|And|As|When|If|After|Before|While|"
                          r"Meanwhile|However|Still|Yet|So|Then|Now|Here|There|Today|Monday|Tuesday|Wednesday|"
                          r"Thursday|Friday|Saturday|Sunday)$")
_ORG_WORDS = re.compile(r"\b(?:company|firm|statement|lab|labs|report|letter|group|agency|department|ministry|"
                        r"government|police|administration|campaign|house|office|committee|council|court|"
                        r"bureau|service|organization|organisation|union|party|spokes\w+|representative|post|"
                        r"tweet|email|memo)\b", re.I)


def resolve_speaker(who: str, start: int, text: str, people, orgs, organisations, last_person, last_org,
                    last_speaker) -> tuple[str | None, str]:
    """A speaker as written, resolved: (canonical name, "person" / "organisation" / "")."""
    lowered = who.lower()
    if lowered in ("he", "she"):
        named = pronoun_referent(text, start, lowered, people, organisations)
        if named and not re.fullmatch(_PRONOUN, named, re.I):
            return resolve_speaker(named, start, text, people, orgs, organisations, last_person, last_org,
                                   last_speaker)
    if lowered in ("he", "she", "i"):
        found = _subject_person(people, start, text) or last_person or _nearest(people, start, text)
        return found, ("person" if found else "")
    if lowered in ("they", "it", "we"):
        found = last_org or last_speaker
        return found, "organisation" if found and found == last_org else ("person" if found else "")
    descriptor = re.match(r"(?:the|a|an|one|another|its|his|her|their)\s", who, re.I)
    rest = who[descriptor.end():] if descriptor else ""
    if descriptor and rest[:1].isupper() and not _PERSON_ROLE.search(rest):
        return rest, "organisation"  # "the White House", "The Associated Press", "the BIS"
    if descriptor or re.match(_DESCRIPTOR, who, re.I):
        named = _descriptor_name(text, start, who)
        if named and not descriptor:
            return named
        if _ORG_WORDS.search(lowered):
            if re.search(r"spokes\w+|representative", lowered):
                person = _nearest(people, start, text, 300)
                if person:
                    return person, "person"
            found = _nearest(orgs, start, text) or last_org
            inner = re.search(r"(?:from|of)\s+(?:the\s+)?([A-Z][\w&.-]*(?:\s+(?:of|and|for|[A-Z][\w&.-]*))*)", who)
            if inner:
                return inner.group(1), "organisation"
            if named and named[1] == "organisation":
                return named
            return found or _clean_descriptor(who), "organisation"
        found = _nearest(people, start, text)
        return (found, "person") if found else (_clean_descriptor(who), "")
    name = clean_name(who)
    if name and "'s " in name.replace("’", "'"):
        name = re.split(r"['’]s\s+", name)[-1]  # "NPR's John Ydstie"
    if _is_org(name, organisations):
        return name, "organisation"
    if name and len(name.split()) > 2:  # "French Foreign Minister Laurent Fabius": the person named at its end
        tail = next((n for _offset, n in people if len(n.split()) > 1 and name.endswith(" " + n)), None)
        if tail:
            return tail, "person"
    if name and len(name.split()) > 1 and name.split()[0].rstrip(".") in ("Mr", "Mrs", "Ms", "Dr", "Prof"):
        name = name.split()[-1]  # "Mr. Bullus": the surname, resolved below
    if name and len(name.split()) == 1:
        full = _surname(people, name, start)
        if full:
            return full, "person"
        org = next((o for _s, o in orgs if o.lower().split()[0] == name.lower()), None)
        if org:
            return org, "organisation"
    return name, "person"


_PERSON_ROLE = re.compile(r"\b(?:Republican|Democrat|Democratic|[Ss]enator|[Cc]ongress\w+|[Ll]awmaker|[Ll]eader|"
                          r"[Oo]fficial|[Ss]pokes\w+|[Pp]resident|[Cc]hairman|[Mm]inister|[Ss]ecretary|[Oo]fficer|"
                          r"[Cc]hief|[Dd]irector|[Mm]ayor|[Gg]overnor|[Jj]ustice|[Jj]udge|[Cc]andidate|[Ff]ounder|"
                          r"CEO|[Ee]conomist|[Aa]nalyst|[Ww]itness|[Mm]an|[Ww]oman)\b")


_QUANTIFIER = re.compile(r"(?:Some|Many|Most|All|Other|Few|Several|Two|Three|Both|Fellow|House|Senate|What|Who|"
                         r"Why|How|Where|No|Any|Every|Each)$")
_APPOSED = re.compile(rf"(?P<who>{_NAME})(?:,\s[^,“”\"]{{1,80}}){{1,3}},\s+(?:\w+ly\s+)?(?:{_SPEECH})\b")
_OPENS_SENTENCE = re.compile(rf"(?:^|[.!?][\"”’]?\s+|\n)(?:(?:And|But|So|Yet|Still|Also|Then)\s+)?(?:[A-Z][\w’']*(?:\s+[\w’']+){{0,4}},\s+)?(?P<who>{_NAME})"
                             r"(?=,|\s+[a-z(])(?!\s+(?:the|a|an|his|her|their|its|to|of|in|on|for|with|at|by|from)\b)")


def pronoun_referent(text: str, start: int, pronoun: str, people=(), organisations=frozenset(),
                     reach: int = 1500) -> str | None:
    """The person "he" or "she" at ``start`` stands for, read from the text before it (pass the
    text with the quotations blanked out): the last person named as a speaker ("Pelosi said",
    "said Jerry Nadler", "Remi Jouti, head of the bureau, said") or opening a sentence ("Ken
    Hooper, 62, wiped away tears."); never an organisation, nor a man for "she" ("Mr. Trump")."""
    lo = max(0, start - reach)
    other = r"(?:Mr|Sir|Lord)" if pronoun == "she" else r"(?:Mrs|Ms|Miss|Lady|Dame)"
    wrong = {m.group(1) for m in re.finditer(rf"\b{other}\.?\s+([A-Z][\w’'-]+)", text)}
    found = []
    for pattern in (_SPEAKS, _APPOSED, _OPENS_SENTENCE):
        for match in pattern.finditer(text, lo, start):
            group = "who" if "who" in pattern.groupindex else ("who1" if match.group("who1") else "who2")
            if group == "who2" and (_CLAUSE_SUBJECT.match(text, match.end()) or
                                    re.search(r"['’]s$", match.group(group))):
                continue
            if pattern is _OPENS_SENTENCE and _after_abbreviation(text, match.start()):
                continue
            found.append((match.end(group), match.group(group)))
    for _end, who in sorted(found, reverse=True):
        name = clean_name(re.sub(r"^(?:(?:And|But|So|Yet|Still|Also|Then)\s+)+", "", _trim_who(who)))
        words = (name or "").split()
        if not words or not _plausible(name) or _NOT_SPEAKER.match(words[0]) or re.fullmatch(_PRONOUN, name, re.I):
            continue
        if words[-1] in wrong or not words[-1][:1].isupper():
            continue
        known = any(n == name or n.split()[-1] == words[-1] for _offset, n in people)
        if _is_org(name, organisations) and not known:
            continue
        if _QUANTIFIER.match(words[0]) or (len(words) == 1 and not known and not _surname_like(name, text)):
            continue  # "Witnesses", "Some Democrats", "No Republicans"
        return name
    return None


_ABBREVIATION = re.compile(r"(?:[A-Z]\.?)+|Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Sen|Sens|Rep|Reps|Gov|Lt|Col|No|Inc|Corp|Co|Prof|"
                           r"Rev|Sgt|Capt|Maj|Mt|Ft|Adm|Supt|vs")


def _surname_like(word: str, text: str) -> bool:
    """A capitalised word standing for a person: after a first name somewhere ("Nancy Pelosi"),
    or never written in lower case nor a plural ("Hoyer", not "Officials" nor "Democrats")."""
    if re.search(r"[^s]s$", word):
        return False  # a plural ("Officials", "Republicans") unless the article names a person so
    if any(not _NOT_SPEAKER.match(first) and not _QUANTIFIER.match(first) and re.search(r"\w\w$|^[A-Z]\.$", first)
           for first in re.findall(rf"\b([A-Z][\w’'.-]*)\s+{re.escape(word)}\b", text)):
        return True
    return re.search(rf"\b{re.escape(word.lower())}\b", text) is None


def _after_abbreviation(text: str, at: int) -> bool:
    """Whether the full stop at ``at`` ends an abbreviation ("Reps. Debbie Dingell"), not a sentence."""
    words = text[max(0, at - 12):at].split()
    return bool(words) and text[at:at + 1] == "." and _ABBREVIATION.fullmatch(words[-1]) is not None


def _subject_person(people, start: int, text: str, reach: int = 700) -> str | None:
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
        if sentence_start and not inside_quote:
            best = name
    return best


def _nearest(mentions, start: int, text: str, reach: int = 900) -> str | None:
    """The last mention before ``start`` within ``reach`` characters."""
    best = None
    for offset, name in mentions:
        if offset >= start:
            break
        if start - offset <= reach:
            best = name
    return best


def _surname(people, name: str, start: int) -> str | None:
    lowered = name.lower()
    found = [n for offset, n in people if n.lower().split()[-1] == lowered and len(n.split()) > 1]
    before = [n for offset, n in people if offset < start and n.lower().split()[-1] == lowered and len(n.split()) > 1]
    return (before or found or [None])[-1]


def find_attribution(text: str, start: int, end: int) -> tuple[str | None, str | None, str]:
    """(who, verb, kind) from the words right after the closing mark or before the opening one."""
    after = text[end + 1:min(len(text), end + 140)].split("\n")[0]
    for pattern in _AFTER:
        match = pattern.match(after)
        if match and _plausible(match.group("who")):
            return _trim_who(match.group("who")), match.groupdict().get("verb"), ""
    line_start = _sentence_start(text, start - 1)
    before = text[max(line_start, start - 200):max(line_start, start - 1)]
    for pattern in _BEFORE:
        match = pattern.search(before)
        if match and _plausible(match.group("who")):
            return _trim_who(match.group("who")), match.groupdict().get("verb"), ""
    return None, None, ""


def _sentence_start(text: str, position: int) -> int:
    """Where the sentence holding ``position`` starts ("U.S." and "Mr." do not end one)."""
    floor = text.rfind("\n", 0, position) + 1
    for match in reversed(list(re.finditer(r"[.!?][\"”’]?\s+(?=[A-Z\"“])", text[floor:position]))):
        before = text[floor:floor + match.start()].split()
        last = before[-1] if before else ""
        if re.fullmatch(r"(?:[A-Z]\.?)+|Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Sen|Rep|Gov|Lt|Col|No|Inc|Corp|Co|[A-Z]\.[A-Z]", last):
            continue
        return floor + match.end()
    return floor


def _trim_who(who: str) -> str:
    who = " ".join(who.split())
    who = re.split(r"(?<=[a-z]{3})[.!?]\s+", who)[-1]  # "Paris. Obama": a sentence ended inside the match
    return re.sub(r"(?:'s|’s)$", "", who)


def _plausible(who: str) -> bool:
    words = who.split()
    if not words or len(words) > 8:
        return False
    # "Initially", "Meanwhile" are no speakers
    return not (len(words) == 1 and (_NOT_SPEAKER.match(words[0]) or words[0].endswith("ly")))


def near_speech(text: str, start: int, end: int) -> bool:
    window = text[max(0, start - 60):start] + text[end:end + 40]
    return re.search(rf"\b(?:{_SPEECH})\b", window) is not None


def lead_speaker(text: str, start: int) -> tuple[str, str] | None:
    """A quotation alone in its paragraph after "X said:" or "X said Friday." ending the paragraph before."""
    line_start = text.rfind("\n", 0, start)
    if text[line_start + 1:start - 1].strip():
        return None
    previous = text[text.rfind("\n", 0, max(0, line_start)) + 1:max(0, line_start)].strip()
    match = re.search(rf"{_WHO}\s+(?P<verb>{_SPEECH})\b[^.]*:\s*$", previous)
    if match and _plausible(match.group("who")) and not re.fullmatch(_PRONOUN, match.group("who")):
        return clean_name(match.group("who")), match.group("who")
    return None


_SPEAKS = re.compile(rf"(?<![\w’'])(?:(?P<who1>{_NAME})\s+(?:also\s+|later\s+|then\s+|has\s+|had\s+)?(?:{_SPEECH})\b"
                     rf"|(?:{_SPEECH})\s+(?P<who2>{_NAME}))")


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
    stop = re.search(r"[.!?](?:\s|$)", text[after:min(line_end, after + 300)])  # never past the paragraph
    candidates = []
    for lo, hi in ((sentence, start), (after, after + (stop.end() if stop else 0))):
        for match in _SPEAKS.finditer(text, lo, max(lo, hi)):
            who = match.group("who1") or match.group("who2")
            if match.group("who2") and (_CLAUSE_SUBJECT.match(text, match.end()) or
                                        re.search(r"['’]s$", match.group("who2"))):
                continue  # "said Turkey is providing ...", "said Mr. Trump's mood was": a reported clause
            if who and _plausible(who) and not re.fullmatch(_PRONOUN, who):
                distance = min(abs(match.start() - start), abs(match.end() - end))
                candidates.append((distance, _trim_who(who)))
    if candidates:
        return min(candidates)[1]
    return _sentence_subject(text, sentence, start)


_CLAUSE_SUBJECT = re.compile(r"(?:['’]s\b|\s+(?:is|was|are|were|has|have|had|would|will|could|should|did|does|"
                             r"do|can|may|might|must|[a-z]+ed)\b)")
_SUBJECT = re.compile(rf"(?:[A-Z][\w’']*(?:\s+[\w’']+){{0,3}},\s+)?(?P<who>{_NAME})(?:,[^,]{{1,90}},)?\s+[a-z]")


def _sentence_subject(text: str, sentence: int, start: int) -> str | None:
    """The name opening the quotation's sentence, after a short opening phrase ("In Washington,
    President Obama condemned the ... and said ... “"), when a speech verb leads to the quotation."""
    before = text[sentence:max(sentence, start - 1)]
    if not re.search(rf"\b(?:{_SPEECH})\b[^“”\"«»]*$", before):
        return None
    match = _SUBJECT.match(before)
    if not match:
        return None
    who = _trim_who(match.group("who"))
    words = who.split()
    if not _plausible(who) or _NOT_SPEAKER.match(words[0]) or re.fullmatch(_PRONOUN, who):
        return None
    return who


def _descriptor_name(text: str, start: int, who: str) -> tuple[str, str] | None:
    """"Kaspersky spokesperson Sawyer VanHorn", "the company's statement": a name inside the descriptor."""
    names = re.findall(r"[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*", who)
    names = [n for n in names if not _NOT_SPEAKER.match(n.split()[0])]
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
    stripped = _TITLES.sub("", name + " ").strip()
    return stripped or name


def _is_org(name: str | None, organisations: frozenset[str]) -> bool:
    if not name:
        return False
    lowered = name.lower()
    if lowered in organisations or re.search(r"\b(?:lab|labs|inc|corp|company|department|ministry|police|agency|"
                                             r"news|times|post|house|office|university|committee|council|party|"
                                             r"bureau|service|group|association|union|court|bank|fed)\b", lowered):
        return True
    return any(org.split()[0] == lowered for org in organisations if " " in org) and len(name.split()) == 1


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

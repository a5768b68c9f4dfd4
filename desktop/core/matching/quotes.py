"""Direct quotations: who said what, and how each outlet quoted it.

:func:`extract_quotes` finds the quotations of one article:

* between straight (``"``) or curly (“ ”) double quotes, guillemets (« ») or low quotes („ “),
  in any mix ("«The Company has carefully studied … partners,” Kaspersky Lab said");
  single curly quotes (‘ ’) inside a quotation are a nested quotation of their own;
* a quotation broken by "she said" is two quotations with one speaker; an opening mark without
  a closing one ends at the paragraph break, and the next paragraph opening a mark continues it
  (``continued``); unbalanced marks never make a quotation swallow the rest of the article;
* scare quotes and titles (one or two words without a speech verb next to them) are left out.

Each quotation gets its **speaker**: the attribution next to it (``,” she said``, ``said Gina
Raimondo``, ``Raimondo said: “``, ``according to the company``), a pronoun resolved to the last
named speaker, an organisation as speaker ("the company" -> the last organisation named as one).
Titles and roles are dropped ("U.S. Commerce Secretary Gina Raimondo" -> "Gina Raimondo").

:func:`find_quotes` matches the quotations of several articles: the same words (one quotation
the sub-span of another, or most content words shared in order) are one :class:`QuoteGroup`,
whatever the outlets' marks; each quotation's **drift** from the group's reference wording is
classified word by word (:mod:`desktop.core.word_diff`): ``truncated``, ``words dropped``,
``words added``, ``words changed``, or ``paraphrase`` (few words in common, the same meaning).
Speakers named two ways ("Eugene Kaspersky" / "Evgeniy Kaspersky") are one speaker: the same
surname and first initial.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from desktop.core.matching.comparison import QuoteGroup, QuoteMention
from desktop.core.word_diff import word_diff

__all__ = ["RawQuote", "extract_quotes", "find_quotes", "group_quotes", "speaker_key"]

OPENERS = "“«„\""
CLOSERS = "”»\"“"
MIN_WORDS = 3  # a shorter quotation needs a speech verb next to it
_SPEECH = (r"said|says|say|told|tells|added|adds|stated|states|wrote|writes|noted|notes|explained|explains|"
           r"asked|asks|declared|insisted|argued|continued|recalled|tweeted|posted|warned|concluded|replied|"
           r"responded|remarked|acknowledged|admitted|announced|shouted|yelled|cried|read|reads|"
           r"according to|described|called|calls|stressed|urged|urges|claimed|claims|confirmed|testified|"
           r"stating|saying|adding|noting|asserting|warning|telling|explaining|writing|arguing|claiming|calling|"
           r"reports|reported|tweets|posts|insists|argues|warns|quoted|quoting|suggested|emphasized|emphasised|"
           r"contended|countered|asserted|maintained|observed|vowed|pointed out|predicted|complained|boasted")
_NAME = r"(?:[A-Z][\w.'’-]*(?:\s+(?:de|van|von|al|bin|da|di|le|la|[A-Z][\w.'’-]*)){0,4})"
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
    r"Chairman|Chairwoman|Trade|Foreign|Home|Interior|Press|Deputy|Senior|Former|As|"
    r"Kaspersky\s+spokesperson)\s+)+")
_NOT_SPEAKER = re.compile(r"^(?:The|This|That|These|Those|It|In|On|At|But|And|As|When|If|After|Before|While|"
                          r"Meanwhile|However|Still|Yet|So|Then|Now|Here|There|Today|Monday|Tuesday|Wednesday|"
                          r"Thursday|Friday|Saturday|Sunday)$")


@dataclass(frozen=True)
class RawQuote:
    """One quotation of one article, before matching across articles."""

    article: int
    start: int
    end: int
    text: str
    speaker: str | None
    speaker_as_written: str | None
    speaker_kind: str = ""  # "person", "organisation", "" (unknown)
    continued: bool = False
    nested: bool = False
    attributed: bool = False  # a speech verb stands next to it


def _spans(text: str, skip: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int, bool]]:
    """(start, end, continued) of the quoted words, marks excluded, paragraph by paragraph."""
    out = []
    carried = False
    position = 0
    for paragraph in re.finditer(r"[^\n]+", text):
        p_start, p_end = paragraph.span()
        if any(s <= p_start and p_end <= e for s, e in skip):
            carried = False
            continue
        i = p_start
        opened = None
        continued_here = False
        while i < p_end:
            ch = text[i]
            if opened is None:
                if ch in OPENERS and _opens(text, i, p_start):
                    opened = i + 1
                    continued_here = carried and not out_in_paragraph(out, p_start)
            elif ch in CLOSERS and _closes(text, i, p_end) and i > opened:
                out.append((opened, i, continued_here))
                opened = None
                continued_here = False
            i += 1
        carried = False
        if opened is not None and p_end - opened > 1:
            out.append((opened, p_end, continued_here))  # no closing mark: ends at the paragraph break
            carried = True
        position = p_end
    del position
    return out


def out_in_paragraph(out, p_start) -> bool:
    return bool(out) and out[-1][0] >= p_start


def _opens(text: str, i: int, line_start: int) -> bool:
    ch = text[i]
    if ch in "“«„":
        return True
    before = text[i - 1] if i > line_start else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([—–-:;,/") and not after.isspace()


def _closes(text: str, i: int, line_end: int) -> bool:
    ch = text[i]
    if ch in "”»":
        return True
    if ch == "“":  # a closing mark written as an opening one (seen in the wild), only before a space
        return i + 1 >= line_end or text[i + 1] in " ,.;:)"
    before = text[i - 1]
    after = text[i + 1] if i + 1 < line_end else " "
    return not before.isspace() and (after.isspace() or after in ",.;:!?)—–-'’")


def extract_quotes(article: int, text: str, skip: Sequence[tuple[int, int]] = (),
                   organisations: frozenset[str] = frozenset(), main_org: str | None = None,
                   people: Sequence[tuple[int, str]] = (), orgs: Sequence[tuple[int, str]] = ()) -> list[RawQuote]:
    """The quotations of one article with their speakers (see the module docstring).

    ``organisations``: lower-case names known to be organisations; ``main_org``: the article's
    most named organisation ("the company" before any other); ``people`` and ``orgs``: (offset,
    canonical name) of the people and organisations the article names (from the atomic facts),
    to resolve "he", "the Louisiana Republican" and a surname to a full name."""
    people = sorted(people)
    orgs = sorted(orgs)
    quotes: list[RawQuote] = []
    last_person: str | None = None
    last_org: str | None = main_org
    last_speaker: str | None = None
    for start, end, continued in _spans(text, skip):
        words = text[start:end].split()
        if not words:
            continue
        who, _verb, _kind = _attribution(text, start, end)
        attributed = who is not None
        if len(words) < MIN_WORDS and not attributed and not _near_speech(text, start, end):
            continue  # a scare quote, a title, a term
        if len(words) > 400:
            continue  # an unbalanced mark run wild
        speaker, kind, as_written = None, "", who
        if who is not None:
            speaker, kind = _resolve(who, start, text, people, orgs, organisations, last_person, last_org,
                                     last_speaker)
        else:
            lead = _lead_speaker(text, start)
            previous = quotes[-1] if quotes else None
            if lead:
                as_written = lead
                speaker, kind = _resolve(lead, start, text, people, orgs, organisations, last_person, last_org,
                                         last_speaker)
            elif (found := _sentence_speaker(text, start, end)) is not None:
                as_written = found
                speaker, kind = _resolve(found, start, text, people, orgs, organisations, last_person, last_org,
                                         last_speaker)
            elif previous is not None and not previous.nested and (
                    continued or _same_or_next_paragraph(text, previous.end, start)):
                # the same speaker goes on: later in the paragraph, or a paragraph that is only a quotation
                speaker, as_written, kind = previous.speaker, previous.speaker_as_written, previous.speaker_kind
        if speaker:
            if kind == "person":
                last_person = speaker
            elif kind == "organisation":
                last_org = speaker
            last_speaker = speaker
        quotes.append(RawQuote(article, start, end, text[start:end], speaker, as_written, kind, continued,
                               False, attributed))
        quotes.extend(_nested(article, text, start, end, speaker))
    return quotes


def _same_or_next_paragraph(text: str, previous_end: int, start: int) -> bool:
    between = text[previous_end + 1:start - 1]
    if "\n" not in between:
        return len(between) < 200 and not re.search(r"[.!?]\s+[A-Z][^“”\"]{60,}", between)
    paragraph_start = text.rfind("\n", 0, start) + 1
    own_line = not text[paragraph_start:start - 1].strip()  # the paragraph opens with the quotation
    return own_line and between.count("\n") <= 2 and \
        len(between.replace("\n", "").strip(" ,.")) < 80


_ORG_WORDS = re.compile(r"\b(?:company|firm|statement|lab|labs|report|letter|group|agency|department|ministry|"
                        r"government|police|administration|campaign|house|office|committee|council|court|"
                        r"bureau|service|organization|organisation|union|party|spokes\w+|representative|post|"
                        r"tweet|email|memo)\b", re.I)


def _resolve(who: str, start: int, text: str, people, orgs, organisations, last_person, last_org,
             last_speaker) -> tuple[str | None, str]:
    """A speaker as written, resolved: (canonical name, "person" / "organisation" / "")."""
    lowered = who.lower()
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
    name = _clean_name(who)
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


def _nested(article: int, text: str, start: int, end: int, outer: str | None) -> list[RawQuote]:
    """‘Single-quoted’ words inside a quotation: a nested quotation (its speaker, when not named
    inside, is unknown: the outer speaker is quoting someone)."""
    found = []
    for match in re.finditer(r"‘([^‘’]{3,}?)’(?!\w)", text[start:end]):
        s, e = start + match.start(1), start + match.end(1)
        if len(match.group(1).split()) < 2:
            continue
        who, _verb, kind = _attribution(text, s, e)
        found.append(RawQuote(article, s, e, text[s:e], _clean_name(who) if who else None, who, kind, False, True,
                              who is not None))
    return found


def _attribution(text: str, start: int, end: int) -> tuple[str | None, str | None, str]:
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
    return re.sub(r"(?:'s|’s)$", "", who)


def _plausible(who: str) -> bool:
    words = who.split()
    if not words or len(words) > 8:
        return False
    # "Initially", "Meanwhile" are no speakers
    return not (len(words) == 1 and (_NOT_SPEAKER.match(words[0]) or words[0].endswith("ly")))


def _near_speech(text: str, start: int, end: int) -> bool:
    window = text[max(0, start - 60):start] + text[end:end + 40]
    return re.search(rf"\b(?:{_SPEECH})\b", window) is not None


def _lead_speaker(text: str, start: int) -> tuple[str, str] | None:
    """A quotation alone in its paragraph after "X said:" or "X said Friday." ending the paragraph before."""
    line_start = text.rfind("\n", 0, start)
    if text[line_start + 1:start - 1].strip():
        return None
    previous = text[text.rfind("\n", 0, max(0, line_start)) + 1:max(0, line_start)].strip()
    match = re.search(rf"{_WHO}\s+(?P<verb>{_SPEECH})\b[^.]*:\s*$", previous)
    if match and _plausible(match.group("who")) and not re.fullmatch(_PRONOUN, match.group("who")):
        return _clean_name(match.group("who")), match.group("who")
    return None


_SPEAKS = re.compile(rf"(?<![\w’'])(?:(?P<who1>{_NAME})\s+(?:also\s+|later\s+|then\s+|has\s+|had\s+)?(?:{_SPEECH})\b"
                     rf"|(?:{_SPEECH})\s+(?P<who2>{_NAME}))")


def _sentence_speaker(text: str, start: int, end: int) -> str | None:
    """A named speaker further from the marks but in the quotation's own sentence ("Ginsburg, in
    a dissent joined by two justices, wrote that the ruling ... “...”"), or in a sentence ending
    with a colon right before it: the "Name said" / "said Name" nearest the quotation."""
    floor = text.rfind("\n", 0, start) + 1
    sentence = _sentence_start(text, start - 1)
    if sentence == floor and floor > 1 and text[:floor - 1].rstrip().endswith(":"):
        sentence = _sentence_start(text, text[:floor - 1].rstrip().rfind(":"))  # "X said:" closing the paragraph
    after = end + 1
    stop = re.search(r"[.!?](?:\s|$)", text[after:after + 300])
    candidates = []
    for lo, hi in ((sentence, start), (after, after + (stop.end() if stop else 0))):
        for match in _SPEAKS.finditer(text, lo, max(lo, hi)):
            who = match.group("who1") or match.group("who2")
            if who and _plausible(who) and not re.fullmatch(_PRONOUN, who):
                distance = min(abs(match.start() - start), abs(match.end() - end))
                candidates.append((distance, _trim_who(who)))
    return min(candidates)[1] if candidates else None


def _descriptor_name(text: str, start: int, who: str) -> tuple[str, str] | None:
    """"Kaspersky spokesperson Sawyer VanHorn", "the company's statement": a name inside the descriptor."""
    names = re.findall(r"[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*", who)
    names = [n for n in names if not _NOT_SPEAKER.match(n.split()[0])]
    if names:
        return _clean_name(names[-1]), "person" if len(names[-1].split()) > 1 else "organisation"
    return None


def _clean_descriptor(who: str) -> str:
    words = who.split()
    while words and words[0].lower() in ("the", "a", "an", "one", "another", "its", "his", "her", "their"):
        words.pop(0)
    return " ".join(words) or who


def _clean_name(who: str | None) -> str | None:
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


# ------------------------------------------------------------------------------- matching

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_STOP = frozenset(["a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "by", "for", "with", "is", "are", "was", "were", "be", "been", "it", "its", "this", "that", "as", "we", "our", "you", "i", "he", "she", "they", "their", "has", "have", "had", "will", "would", "not", "no", "but", "from"])


def _words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _TOKEN.findall(text)]


def _match(a: list[str], b: list[str]) -> tuple[float, float]:
    """(share of the shorter's words found in order in the longer, share of the longer covered)."""
    if not a or not b:
        return 0.0, 0.0
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    from difflib import SequenceMatcher

    matcher = SequenceMatcher(None, short, long_, autojunk=False)
    same = sum(block.size for block in matcher.get_matching_blocks())
    return same / len(short), same / len(long_)


def group_quotes(quotes: Sequence[RawQuote]) -> list[list[RawQuote]]:
    """Quotations of different articles that give the same words, grouped (longest first).

    Candidates come from an index of rare words (never all pairs); a cheap word-set overlap is
    checked before the in-order match, so hundreds of articles stay quick."""
    tokens = [_words(q.text) for q in quotes]
    joined = [" " + " ".join(t) + " " for t in tokens]
    sets = [set(t) - _STOP for t in tokens]
    index: dict[str, list[int]] = defaultdict(list)
    for n, words in enumerate(sets):
        for w in words:
            index[w].append(n)
    order = sorted(range(len(quotes)), key=lambda n: (-len(tokens[n]), quotes[n].article, quotes[n].start))
    group_of: dict[int, int] = {}
    groups: list[list[int]] = []
    for n in order:
        if n in group_of or not sets[n]:
            continue
        q = quotes[n]
        members = [n]
        rare = Counter(m for w in sets[n] if len(index[w]) <= 400 for m in index[w] if m != n)
        for m, shared in rare.most_common(60):
            if m in group_of:
                continue
            if quotes[m].article == q.article and joined[m] not in joined[n]:
                continue
            smaller = min(len(sets[m]), len(sets[n])) or 1
            if (shared < 2 and len(tokens[m]) > 2) or shared / smaller < 0.4:
                continue
            if _same_words(tokens[n], tokens[m], shared, q, quotes[m], joined[m] in joined[n]):
                members.append(m)
        if len({quotes[m].article for m in members}) < 2:
            continue
        for m in members:
            group_of[m] = len(groups)
        groups.append(members)
    # fragments of any member ("no longer viable" of one outlet's full statement) join its group
    for m, q in enumerate(quotes):
        if m in group_of or len(sets[m]) < 2:
            continue
        hits = Counter(group_of[k] for w in sets[m] if len(index[w]) <= 400 for k in index[w] if k in group_of)
        for g, _count in hits.most_common(5):
            if any(quotes[k].article != q.article and joined[m] in joined[k] for k in groups[g]):
                groups[g].append(m)
                group_of[m] = g
                break
    return [[quotes[m] for m in sorted(g, key=lambda m: (quotes[m].article, quotes[m].start))] for g in groups]


def _fragment_of(short: list[str], long_: list[str]) -> bool:
    return 0 < len(short) < len(long_) and f" {' '.join(short)} " in f" {' '.join(long_)} "


def _same_words(a: list[str], b: list[str], shared: int, qa: RawQuote, qb: RawQuote,
                contained: bool = False) -> bool:
    if len(b) <= 2:  # "sad", "difficult": one or two words, only from the same speaker
        return contained and bool(qa.speaker) and speaker_key(qa.speaker) == speaker_key(qb.speaker)
    if contained:
        return True
    if shared < 2 and len(b) > 3:
        return False
    content_a, content_b = set(a) - _STOP, set(b) - _STOP
    if len(content_a & content_b) < 0.6 * min(len(content_a), len(content_b)):
        return _paraphrase(a, b, qa, qb)
    in_order, _cover = _match(a, b)
    if in_order >= 0.6:
        return True
    return _paraphrase(a, b, qa, qb)


def _paraphrase(a: list[str], b: list[str], qa: RawQuote, qb: RawQuote) -> bool:
    # a paraphrase presented as a quote: the same speaker, many of the rare words
    content_a, content_b = set(a) - _STOP, set(b) - _STOP
    overlap = len(content_a & content_b) / max(1, min(len(content_a), len(content_b)))
    return overlap >= 0.5 and len(content_a & content_b) >= 4 and bool(qa.speaker) and \
        speaker_key(qa.speaker) == speaker_key(qb.speaker)


def drift_of(reference: str, quoted: str) -> tuple[str, tuple]:
    """How ``quoted`` differs from ``reference`` and the differing word_diff pieces."""
    pieces = word_diff(_norm(reference), _norm(quoted))
    changes = tuple((p.op, p.a.strip(), p.b.strip()) for p in pieces if p.op != "equal" and (p.a.strip() or
                                                                                              p.b.strip()))
    changes = tuple(c for c in changes if _words(c[1]) or _words(c[2]))  # punctuation alone is no drift
    if not changes:
        return "", ()
    ref_words, own = _words(reference), _words(quoted)
    in_order, _cover = _match(ref_words, own)
    ops = {c[0] for c in changes}
    if in_order < 0.7:
        return "paraphrase", changes
    if ops == {"delete"}:
        edge = pieces[0].op == "delete" or pieces[-1].op == "delete"
        inner = [p for p in pieces if p.op == "delete"]
        return ("truncated" if edge and len(inner) <= 2 else "words dropped"), changes
    if ops == {"insert"}:
        return "words added", changes
    return "words changed", changes


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("U.S.", "US").lower().split())


def find_quotes(articles: Sequence, skips: Mapping[int, Sequence[tuple[int, int]]],
                atomic: Mapping[int, Sequence] | None = None) -> tuple[QuoteGroup, ...]:
    """Every article's quotations, and the groups of the same words quoted by several outlets
    (with each quotation's drift). Quotations only one outlet gives are groups of one."""
    organisations = frozenset(
        m.value.lower() for mentions in (atomic or {}).values() for m in mentions
        if m.kind == "entity" and m.entity_type == "organization")
    raw: list[RawQuote] = []
    for article in articles:
        orgs = Counter(m.value for m in (atomic or {}).get(article.id, ())
                       if m.kind == "entity" and m.entity_type == "organization")
        main_org = orgs.most_common(1)[0][0] if orgs else None
        entities = [m for m in (atomic or {}).get(article.id, ()) if m.kind == "entity"]
        people = [(m.start, m.value) for m in entities if m.entity_type == "person"]
        named_orgs = [(m.start, m.value) for m in entities if m.entity_type == "organization"]
        raw += extract_quotes(article.id, article.text, skips.get(article.id, ()), organisations, main_org,
                              people, named_orgs)
    raw = _unify_speakers(raw)
    grouped = group_quotes(raw)
    taken = {(q.article, q.start) for g in grouped for q in g}
    groups = []
    for members in grouped:
        reference = _reference(members)
        speakers = Counter(q.speaker for q in members if q.speaker)
        speaker = speakers.most_common(1)[0][0] if speakers else None
        mentions = []
        for q in members:
            closest = _closest(q, members, reference)
            drift, changes = ("", ()) if q is reference else drift_of(closest.text, q.text)
            mentions.append(_mention(q, drift, changes))
        groups.append(_group(speaker, reference.text, mentions))
    for q in raw:
        if (q.article, q.start) not in taken:
            groups.append(_group(q.speaker, q.text, [_mention(q, "", ())]))
    groups.sort(key=lambda g: (-len(g.articles), g.mentions[0].article, g.mentions[0].start))
    return tuple(groups)


def _reference(members: Sequence[RawQuote]) -> RawQuote:
    """The wording most outlets agree with: the quotation whose words the others share most (a
    translation or a fragment never becomes the reference when two outlets give the same text)."""
    words = [_words(q.text) for q in members]

    def agreement(i: int) -> tuple:
        total = sum(_match(words[i], words[j])[0] * min(len(words[i]), len(words[j])) for j in range(len(members))
                    if j != i and members[j].article != members[i].article and len(words[j]) >= 4)
        return (round(total, 3), len(words[i]), -members[i].article)

    return members[max(range(len(members)), key=agreement)]


def _closest(q: RawQuote, members: Sequence[RawQuote], reference: RawQuote) -> RawQuote:
    """The wording ``q`` is best compared with: the reference, unless another outlet's
    quotation holds more of its words in order."""
    own = _words(q.text)

    def shared(other: RawQuote) -> float:
        words = _words(other.text)
        return _match(own, words)[0] * min(len(own), len(words))

    best, score = reference, shared(reference)
    for other in members:
        if other is q or other.article == q.article or other is reference:
            continue
        found = shared(other)
        if found > score * 1.2 + 1:
            best, score = other, found
    return best


def _mention(q: RawQuote, drift: str, changes: tuple) -> QuoteMention:
    return QuoteMention(q.article, q.start, q.end, q.text, q.speaker, q.speaker_as_written, drift, changes,
                        q.continued, q.nested)


def _group(speaker: str | None, text: str, mentions: list[QuoteMention]) -> QuoteGroup:
    key = "|".join(f"{m.article}:{m.start}:{m.end}" for m in mentions)
    return QuoteGroup(f"quote-{hashlib.sha1(key.encode()).hexdigest()[:10]}", speaker, text, tuple(mentions))


def _unify_speakers(quotes: list[RawQuote]) -> list[RawQuote]:
    """One display name per speaker key across the story: the fullest form ("Eugene Kaspersky"
    and "Evgeniy Kaspersky" keep the more common; "Raimondo" becomes "Gina Raimondo")."""
    names: dict[str, Counter] = defaultdict(Counter)
    organisation_keys = set()
    for q in quotes:
        if q.speaker:
            names[speaker_key(q.speaker)][q.speaker] += 1
            if q.speaker_kind == "organisation":
                organisation_keys.add(speaker_key(q.speaker))
    surnames: dict[str, str] = {}
    for key in names:
        if " " in key:
            surnames.setdefault(key.split()[-1], key)
    best = {}
    for key in names:
        target = surnames.get(key, key) if " " not in key and key not in organisation_keys else key
        best[key] = target
    display = {}
    for key, target in best.items():
        forms = names[target] + (names[key] if key != target else Counter())
        display[key] = max(forms, key=lambda f: (len(f.split()) > 1, forms[f], len(f)))
    return [replace(q, speaker=display.get(speaker_key(q.speaker), q.speaker)) if q.speaker else q for q in quotes]

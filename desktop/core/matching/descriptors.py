"""The words that describe a person rather than say something about them.

Outlets name the same people with the same titles ("House Majority Leader Steny Hoyer", "the US
special envoy to the anti-ISIS coalition Brett McGurk", "Ossoff, a former congressional aide and
documentary filmmaker,"). Two claims about such a person share those words whatever they say of
them, so what a claim says (``linking.predicate_terms``) is read without them: the run of words
before a name that holds a role ("special envoy to the anti-ISIS coalition") and an apposition
after a name (", a former congressional aide,", ", a town of about 700 residents.").
"""

from __future__ import annotations

import re

from desktop.core.matching.people import ROLES as PERSON_ROLES
from desktop.core.matching.text_units import word_set
from desktop.core.matching.verb_forms import has_verb

__all__ = ["without_descriptors"]

# who someone is, not what they did: the person roles names carry (``people.ROLES``) and more
ROLES = PERSON_ROLES | word_set("""
    envoy leaders aide aides adviser advisers advisor deputy staff candidate nominee commander counsel strategist
    activist author speaker whip diplomat cleric chairperson administrator superintendent sheriff lieutenant
    captain sergeant mogul billionaire businessman businesswoman entrepreneur host anchor columnist pollster
    consultant lobbyist coach president-elect nominee-designate contender challenger incumbent filmmaker
""")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*|\d[\w'’.,-]*|[,;:()\"“”—–]")
_PAUSE = frozenset(";:()\"“”—–")
_REACH = 8  # words before a name that may still be its title
_APPOSITION = re.compile(r",\s+(?:a|an|the)\s+(?P<words>[^,;:()\"“”—–]{3,100}?)(?:,|(?=[.!?]?[\"”’]?\s*$))")
_RELATIVE = re.compile(r"\b(?:who|which|that|where|when|whose)\b")
_DETERMINERS = word_set("the a an his her its their our")


def _verb(word: str) -> bool:
    return has_verb(word) or (word.endswith("ing") and len(word) > 5)


def _capitalised(word: str) -> bool:
    return word[0].isupper()


def without_descriptors(text: str) -> str:
    """``text`` without the titles and appositions of the people it names."""
    text = _APPOSITION.sub(lambda m: " " if _describes(m, text) else m.group(0), text)
    words = [m.group(0) for m in _WORD.finditer(text)]
    drop = set()
    for n, word in enumerate(words):
        if not _capitalised(word) or (n and _capitalised(words[n - 1])):
            continue  # only the first word of a run of capitalised words opens a name
        run, role = [], False
        k = n - 1
        if k >= 0 and words[k] == ",":
            k -= 1  # "the administration's special envoy, Brett McGurk"
        while k >= 0 and len(run) < _REACH:
            before = words[k]
            lowered = before.lower()
            if before in _PAUSE or before == "," or (not _capitalised(before) and _verb(lowered)) or \
                    (_capitalised(before) and not role):
                break  # a clause, or the name of someone else before words that are no title
            run.append(k)
            role = role or lowered in ROLES
            if role and lowered in _DETERMINERS:
                break  # "the US special envoy": the title opens on its determiner
            k -= 1
        if role:
            drop.update(i for i in run if not _capitalised(words[i]))
    return " ".join(w for n, w in enumerate(words) if n not in drop)


def _describes(match: re.Match, text: str) -> bool:
    """Whether an apposition after a name describes what it names: a noun phrase with no verb and
    no clause of its own (", a town of about 700 residents", ", the Russian president,"; not ", the
    leader who said the bill was dead,")."""
    before = text[:match.start()].rstrip()
    last = before.rsplit(None, 1)[-1] if before else ""
    return bool(last) and _capitalised(last) and not has_verb(match.group("words")) and \
        not _RELATIVE.search(match.group("words"))


"""Whether a piece of text has a verb, read from word forms alone (no tagger): an auxiliary or a
modal, a regular past form, a contraction, an irregular past form, or a present form of a verb
news often uses. Generous by design: a noun taken for a verb ("plans", "votes") only makes a
piece look like a clause, which is what the text was taken for before this check."""

from __future__ import annotations

import re

__all__ = ["finite_form", "has_verb"]

_IRREGULAR_PAST = (
    "arose", "ate", "awoke", "beat", "became", "began", "bent", "bet", "bit", "bled", "blew", "bore", "bought",
    "bound", "bred", "broke", "brought", "built", "burnt", "caught", "chose", "clung", "came", "cost", "crept",
    "cut", "dealt", "did", "drew", "drank", "drove", "dug", "dwelt", "fed", "fell", "felt", "fled", "flew",
    "forbade", "forgave", "forgot", "fought", "found", "froze", "gave", "got", "grew", "hung", "heard", "held",
    "hid", "hit", "hurt", "kept", "knelt", "knew", "laid", "lay", "led", "leapt", "left", "lent", "let", "lit",
    "lost", "made", "meant", "met", "overcame", "overtook", "paid", "put", "quit", "ran", "rang", "read", "rode",
    "rose", "said", "sang", "sank", "sat", "saw", "sent", "set", "shed", "shook", "shone", "shot", "showed",
    "shrank", "shut", "slept", "slid", "sold", "sought", "spent", "spat", "split", "spoke", "spread", "sprang",
    "spun", "stood", "stole", "struck", "stuck", "stung", "strove", "swam", "swept", "swore", "swung", "taught",
    "thought", "threw", "told", "took", "tore", "understood", "undertook", "upheld", "wept", "withdrew", "withheld",
    "woke", "won", "wore", "wound", "wrote",
)
_PRESENT = (
    "am", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does", "did", "will",
    "would", "shall", "should", "can", "could", "may", "might", "must", "accuses", "adds", "admits", "agrees",
    "aims", "allows", "announces", "appears", "argues", "asks", "backs", "bans", "becomes", "begins", "believes",
    "blames", "brings", "calls", "claims", "comes", "concedes", "considers", "continues", "controls", "costs",
    "covers", "cuts", "decides", "declines", "defends", "denies", "describes", "drives", "ends", "expects",
    "explains", "faces", "fails", "falls", "fears", "feels", "finds", "follows", "gets", "gives", "goes", "grows",
    "happens", "helps", "hits", "holds", "hopes", "includes", "insists", "intends", "keeps", "knows", "lacks",
    "leads", "leaves", "lets", "lies", "likes", "lists", "lives", "looks", "loses", "makes", "marks", "means",
    "meets", "moves", "needs", "notes", "offers", "opens", "opposes", "owns", "pays", "plans", "plays", "points",
    "promises", "proposes", "provides", "puts", "raises", "reaches", "reads", "refuses", "reflects", "rejects",
    "remains", "reports", "represents", "requires", "rests", "returns", "reveals", "rises", "runs", "says", "seeks",
    "seems", "sees", "sells", "sends", "serves", "sets", "shows", "signs", "sits", "speaks", "spends", "stands",
    "starts", "stays", "stops", "suggests", "supports", "takes", "talks", "tells", "tends", "thinks", "threatens",
    "tries", "turns", "urges", "uses", "wants", "warns", "wins", "works", "writes", "addresses", "spans", "votes",
    "maintains", "recognizes", "views",
)


def _base(form: str) -> str:
    """The plain form of a present form in -s: "tries" -> "try", "pushes" -> "push", "says" -> "say"."""
    if form.endswith("ies") and len(form) > 4:
        return form[:-3] + "y"
    if form.endswith(("sses", "shes", "ches", "xes", "zes", "oes")):
        return form[:-2]
    return form[:-1] if form.endswith("s") and not form.endswith("ss") else form


_FORMS = set(_IRREGULAR_PAST) | set(_PRESENT) | {_base(w) for w in _PRESENT if len(w) > 3}
_VERB = re.compile(
    r"\b(?:" + "|".join(sorted(_FORMS, key=len, reverse=True))
    # a regular past form, not the end of a compound adjective ("lightning-sparked", "so-called")
    + r"|(?<![-\w])[a-z]{2,}ed|\w+[’'](?:ll|d|re|ve|m)|\w+n[’']t)\b"
    # after a personal pronoun comes a verb ("I also recognize", "they often say")
    r"|\b(?:I|[Ww]e|[Tt]hey|[Yy]ou|[Hh]e|[Ss]he)\s+(?:[a-z]+ly\s+|also\s+|still\s+|just\s+|never\s+|now\s+)?[a-z]{2,}\b")


def has_verb(text: str) -> bool:
    """Whether ``text`` has a word that reads as a finite verb ("Eight-year-old Martin Richard" and
    "A cease-fire between Israel" and "The lightning-sparked fire" do not; "The U.S. unemployment rate fell to 7%" does)."""
    return _VERB.search(text) is not None


# a finite form only: an irregular past or a present form in -s of the lists above (not their plain forms,
# "ban", "cost", nor the past forms that are as often something else, "set", "left")
_AMBIGUOUS = frozenset({"beat", "bet", "bit", "bound", "cost", "cut", "fed", "felt", "found", "hit", "hurt", "lay", "led",
                        "left", "let", "lit", "lost", "put", "quit", "read", "set", "shed", "shut", "split", "spread",
                        "wound", "be", "been", "being"})  # as often a noun, an adjective or a participle
_FINITE_FORM = re.compile(r"\b(?:" + "|".join(sorted((set(_IRREGULAR_PAST) | set(_PRESENT)) - _AMBIGUOUS, key=len,
                                                     reverse=True)) + r")\b")


def finite_form(text: str) -> bool:
    """Whether ``text`` has an irregular past form or a present form of a verb news often uses ("grew",
    "costs", "continues"), the forms a clause's verb may take that no pattern of regular endings finds."""
    return _FINITE_FORM.search(text) is not None

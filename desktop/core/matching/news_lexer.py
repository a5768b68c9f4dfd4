"""A Pygments lexer for news text: the one tokenizer behind fact extraction and display.

Registered under the ``pygments.lexers`` entry point as ``parallax-news``, so
``pygmentize -l parallax-news article.txt`` highlights any article, and Pygments
formatters render highlighted reports.

Token types (defined here and nowhere else; each is a subtype of a standard Pygments type,
so every style colours it without configuration):

==========================  ============  =====================================================
token type                  kind          examples
==========================  ============  =====================================================
``Literal.Date``            ``date``      July 20, Sept. 29, September 29, 2024, 2024-07-16,
                                          June, Monday, (in) 2017, last year
``Literal.Date.Time``       ``time``      10:30 a.m., 9 pm ET, 14:05
``Literal.Number.Money``    ``money``     $721 million, €5bn, £3.2 million, 40 million euros
``Literal.Number.Percent``  ``percent``   10%, around 10%, 3.5 percent, 2 percentage points
``Literal.Number.Quantity`` ``quantity``  fewer than 50 employees, 15 years, 200 times,
                                          100,000, 30-day, dozens of employees, two decades
``Literal.String.Quote``    ``quote``     the text of a quotation between “ ” " " « » ‘ ’
  ``.Open`` / ``.Close``                  its opening and closing marks
``Name.Entity``             ``name``      Kim Zetter, U.S. Commerce Department, Gina Raimondo
anything else               ``text``      the rest (``Text``, ``Text.Whitespace``)
==========================  ============  =====================================================

Numeric tokens include a leading qualifier (``fewer than``, ``around``, ``at least``...),
because it changes the value (``fewer than 50`` is the interval [0, 50)). Quotations are
a lexer state: dates, numbers and names inside a quotation keep their own type and the
rest of the quotation is ``Literal.String.Quote``; a quotation ends at its closing mark or
at the end of the line, and an opening mark with no closing mark later on the line is not
a quotation. A name is a run of capitalised words (with ``of``/``de``/``van``... between
them); it never starts with a capitalised function word (``The``, ``In``, ``However``),
and a role (``Secretary``, ``CEO``) ends it, so ``U.S. Commerce Secretary Gina
Raimondo`` gives ``U.S. Commerce Secretary`` and ``Gina Raimondo``.

:func:`tokenize` is the plain-data view used by fact extraction: offsets into the text
exactly as given (Pygments' ``get_tokens`` would normalise newlines; this does not).

Speed: the lexer yields exactly the token stream of Pygments' ``RegexLexer`` loop, which
tries a state's rules one by one at each position; it skips the rules that cannot start
with the character found there (worked out once from each rule's regex, in
:mod:`desktop.core.matching.lexer_dispatch`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from pygments.lexer import RegexLexer, bygroups, include
from pygments.token import Error, Literal, Name, Text, Whitespace, _TokenType

from desktop.core.matching.lexer_dispatch import change_state, rules_for, state_tables
from desktop.core.matching.lexer_dispatch import first_chars as _first_chars  # noqa: F401  (its former name here)

__all__ = [
    "DATE",
    "KINDS",
    "MONEY",
    "NAME",
    "PERCENT",
    "QUANTITY",
    "QUOTE",
    "TIME",
    "NewsLexer",
    "NewsToken",
    "lex",
    "tokenize",
]

DATE = Literal.Date
TIME = Literal.Date.Time
MONEY = Literal.Number.Money
PERCENT = Literal.Number.Percent
QUANTITY = Literal.Number.Quantity
QUOTE = Literal.String.Quote
OPEN_QUOTE = QUOTE.Open
CLOSE_QUOTE = QUOTE.Close
NAME = Name.Entity

#: The ``kind`` of a :class:`NewsToken` for each token type (subtypes map to their parent's).
KINDS: dict[_TokenType, str] = {
    TIME: "time",  # before DATE: TIME is a subtype of DATE
    DATE: "date",
    MONEY: "money",
    PERCENT: "percent",
    QUANTITY: "quantity",
    QUOTE: "quote",
    NAME: "name",
}


def _alternation(phrases: str | list[str]) -> str:
    """A regex matching any of ``phrases`` (whitespace-separated words, or a list).

    Built as a trie (``Th(?:e(?:ir|re|y)?|is)``): Python's ``re`` tries alternatives one by
    one, and these lists are checked at almost every word. Follow it with ``\\b`` or another
    boundary: the regex prefers longer phrases but backtracks to shorter ones.
    """
    words = phrases.split() if isinstance(phrases, str) else phrases
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return "(?:" + body + ")?"
        return body

    return "(?:" + build(trie) + ")"


def _both_cases(phrases: str) -> list[str]:
    """Each phrase as written and with a capital first letter ("fewer than", "Fewer than")."""
    result = []
    for phrase in phrases.split(","):
        phrase = phrase.strip()
        result += [phrase, phrase[0].upper() + phrase[1:]]
    return result


_MONTH = (
    r"(?:January|February|March|April|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.)"
)
_MONTH_OR_MAY = rf"(?:{_MONTH}|May)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b"
_YEAR = r"(?:1[6-9]|20)\d\d\b"
_RELATIVE = (
    r"(?<!\w)"
    + _alternation(
        _both_cases("yesterday, today, tomorrow, tonight")
        + [
            f"{when} {period}"
            for when in _both_cases("last, this, next, earlier this, later this")
            for period in ["week", "weekend", "month", "year", "spring", "summer", "autumn", "fall", "winter"]
            + ["morning", "afternoon", "evening"]
        ]
    )
    + r"\b"
)
_TIMEZONE = r"(?:[ ](?:ET|EST|EDT|CT|CST|CDT|PT|PST|PDT|GMT|UTC|BST|CET|CEST|MSK))?"

# Words before a number that change its value; they become part of the numeric token.
_QUALIFIER = (
    _alternation(
        _both_cases(
            "fewer than, less than, more than, greater than, higher than, lower than, up to,"
            " at least, at most, as many as, as much as, as few as, as little as, close to,"
            " just over, just under, about, around, approximately, roughly, nearly, almost,"
            " over, under, some, an estimated"
        )
    )
    + "[ ]"
)
_NUMBER = r"(?<![\w.,/-])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\w])"
_MAGNITUDE = r"(?:[ ]?(?:hundred|thousand|million|billion|trillion)\b|(?:bn|mn|tn|m|b|k)\b)"
_CURRENCY_SIGN = r"(?:US|A|C|HK|NZ|S)?[$€£¥₹₽]"
_CURRENCY_WORD = (
    r"(?:dollars?|euros?|pounds?|yen|yuan|renminbi|rubles?|roubles?|rupees?|francs?"
    r"|USD|EUR|GBP|RUB|CNY|JPY)\b"
)
_SPELLED = (
    r"(?<!\w)"
    + _alternation(
        _both_cases(
            "dozens, hundreds, thousands, millions, billions, a dozen, a few, two, three, four,"
            " five, six, seven, eight, nine, ten, eleven, twelve, thirteen, fourteen, fifteen,"
            " sixteen, seventeen, eighteen, nineteen, twenty, thirty, forty, fifty, sixty,"
            " seventy, eighty, ninety, hundred"
        )
    )
    + r"\b"
)
# Words that cannot be the unit of a number ("50 of the", "3 in").
_NOT_UNIT = _alternation(
    """
    a an the of to in on at by for from and or but nor as than then that which who whom
    whose with without into onto per is are was were be been being will would shall should
    can could may might must has have had do does did not no so if when while after before
    since until till about over under between among against during via vs its it this
    these those there here such each every
    """
)
_UNIT = rf"(?:(?!{_NOT_UNIT}\b)[a-z]+(?:-[a-z]+)*)"

_CAPITAL = "A-ZÀ-ÖØ-ÞĀĆČĎĐĘĚŁŃŇŐŘŚŠŤŮŰŹŻŽ"
# Roles end a name: "U.S. Commerce Secretary" | "Gina Raimondo".
_ROLE = _alternation(
    """
    Secretary President Minister Chancellor Senator Governor Mayor Judge Justice Chairman
    Chairwoman Chair Director Spokesperson Spokesman Spokeswoman Ambassador Commissioner
    Prosecutor Premier CEO CFO CTO COO Chief Founder Officer Analyst Editor Correspondent
    """
)
_FUNCTION_CAP_WORDS = """
    The A An This That These Those It Its He She They We I You His Her Their Our My Your
    There Here But And Or So Yet However Meanwhile Still Also In On At As After Before When
    While If Although Though Because Since During For From With Without By To Of Then Now
    What Who Why How Where Which Whether Is Are Was Were
"""
# Capitalised function words: never part of a name.
_FUNCTION_CAPS = _alternation(_FUNCTION_CAP_WORDS)
# Words that usually open a sentence or label a page widget: never the first word of a
# name (they may follow one: "Theresa May", "Formula One").
_NOT_NAME_START = _alternation(
    _FUNCTION_CAP_WORDS
    + """
    According Despite Following Once Some Many Most Several All Both Each Other Others No Not
    Only Even Just More Less Such Unlike Like Beginning Starting Until Between Among Against
    Through Into About Instead Past Every Any Another One Two Three Four Five Six Seven Eight
    Nine Ten Do Does Did Be Has Have Had Will Would Can Could May Might Must Should Shall Let
    Please Read See Click Share Follow Sign Subscribe Stay Check View Get Find Learn Watch
    Listen Continue Related Advertisement Photo Image Video Source Sources Update Updated
    Published Posted Note Yes Amid Within Across Along Behind Beyond Near Upon Toward Towards
    Him Them Us Me Exactly Existing Individuals Impact Recent Free Promo Author Tags Over
    Under Last Next First Second Third Earlier Later Today Yesterday Tomorrow Twice
    """
)
_CONNECTOR = _alternation("of for de del della da di do dos du la le van von der den bin ibn al el")
_HONORIFIC = r"(?:Mr|Mrs|Ms|Mx|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Rev|St|Jr|Sr)\."
_CAP_WORD = (
    rf"(?:(?:[A-Z]\.){{2,}}(?:-[a-z]+)?"  # U.S., U.K., U.S.-based
    rf"|{_HONORIFIC}"
    rf"|[A-Z]\.(?=[ ][{_CAPITAL}])"  # an initial: J. R. R. Tolkien
    rf"|[{_CAPITAL}]\w*(?:[’'\-](?!s\b)\w+)*)"  # Kaspersky, O'Brien, Jae-yong (not "Russia's")
)
_PLAIN_WORD = rf"(?:(?![{_CAPITAL}])[^\W\d_]\w*(?:[’'\-](?=\w)\w+)*)"
_BEFORE_NUMBER = r"(?![ \t]+[$€£¥₹₽\d])"
# A lower-case word that cannot start a fact. It must not stand before a number either,
# where it may be a qualifier or a preposition the number rules look at ("in 2017").
_PLAIN_RUN_WORD = (
    rf"(?!{_QUALIFIER}[$€£¥₹₽\d]|{_SPELLED}|{_RELATIVE}){_PLAIN_WORD}(?!\w){_BEFORE_NUMBER}"
)
_PLAIN_RUN_CAP = rf"(?!{_RELATIVE}){_FUNCTION_CAPS}(?![\w.’'-]){_BEFORE_NUMBER}"
_PUNCTUATION = r"[,;:!?.()\[\]{}/\\&*+=<>|~^@#_–—-]+"
# Runs of ordinary text: lower-case words, capitalised function words, spaces, punctuation
# other than quotes and currency signs. Tried first: most of a text is such runs, and none
# of them can start a fact.
_PLAIN_RUN = rf"(?:{_PLAIN_RUN_WORD}|{_PLAIN_RUN_CAP}|\s+|{_PUNCTUATION}|[’'])+"
# The same inside a quotation: no line break, and an apostrophe only inside a word ("it’s").
_PLAIN_RUN_INLINE = rf"(?:{_PLAIN_RUN_WORD}|{_PLAIN_RUN_CAP}|[ \t]+|{_PUNCTUATION}|[’'](?=\w))+"
_QUOTE_REACH = 1000  # the longest quotation, in characters
_SINGLE_QUOTE_REACH = 200  # ‘single quotes’ hold headlines and scare quotes: short
_ANY_WORD = r"\w+(?:[’'\-]\w+)*"


@dataclass(frozen=True)
class NewsToken:
    """A typed stretch of text: ``text == source[start:end]``; ``kind`` is one of KINDS' values
    (or ``"text"`` from :func:`lex`)."""

    start: int
    end: int
    kind: str
    text: str


class NewsLexer(RegexLexer):
    """Dates, times, money, percentages, quantities, quotations and names in news text."""

    name = "Parallax news"
    aliases = ["parallax-news"]
    filenames: list[str] = []
    mimetypes = ["text/x-parallax-news"]
    version_added = "0.1"
    flags = re.MULTILINE

    def __init__(self, **options: object) -> None:
        # Keep the text as given: no stripped or added newlines.
        options.setdefault("stripnl", False)
        options.setdefault("ensurenl", False)
        super().__init__(**options)

    def get_tokens_unprocessed(
        self, text: str, stack: Sequence[str] = ("root",)
    ) -> Iterator[tuple[int, _TokenType, str]]:
        """The same ``(index, token type, value)`` triples as Pygments' rule-by-rule
        ``RegexLexer.get_tokens_unprocessed`` (the reference, still callable through the base
        class; the tests compare the two), in less time: at each position only the rules
        that can start with the character there are tried, in rule order (see
        :func:`~desktop.core.matching.lexer_dispatch.first_chars`). A rule left out cannot
        match there, so the first rule that matches is the one Pygments would pick."""
        tokendefs = self._tokens
        tables = state_tables(type(self))
        pos = 0
        end = len(text)
        statestack = list(stack)
        state = statestack[-1]
        firsts, by_char = tables[state]
        while True:
            if pos < end:
                char = text[pos]
                rules = by_char.get(char)
                if rules is None:
                    rules = by_char[char] = rules_for(firsts, char)
            else:
                rules = tokendefs[state]  # an empty match may still fire at the end
            for rexmatch, action, new_state in rules:
                found = rexmatch(text, pos)
                if found:
                    if action is not None:
                        if type(action) is _TokenType:
                            yield pos, action, found.group()
                        else:
                            yield from action(self, found)
                    pos = found.end()
                    if new_state is not None:
                        change_state(statestack, new_state)
                        state = statestack[-1]
                        firsts, by_char = tables[state]
                    break
            else:  # no rule matched: Pygments' fallback, kept as is
                if pos >= end:
                    break
                if text[pos] == "\n":
                    statestack = ["root"]
                    state = "root"
                    firsts, by_char = tables[state]
                    yield pos, Whitespace, "\n"
                else:
                    yield pos, Error, text[pos]
                pos += 1

    tokens = {
        "root": [
            (_PLAIN_RUN, Text),
            # An opening mark counts only with a closing mark later on the line, looked for
            # within a bounded reach so that stray marks cost linear time.
            (rf"[“«„](?=[^\n]{{0,{_QUOTE_REACH}}}?[”\"»])", OPEN_QUOTE, "double"),
            (rf"\"(?=[^\"\n]{{0,{_QUOTE_REACH}}}\")", OPEN_QUOTE, "double"),
            (rf"‘(?=(?:[^’\n]|’(?=\w)){{0,{_SINGLE_QUOTE_REACH}}}’(?!\w))", OPEN_QUOTE, "single"),
            include("entities"),
            (r"\s+", Whitespace),
            (_ANY_WORD, Text),
            (r".", Text),
        ],
        # Inside a quotation; a quotation never runs past the end of its line.
        "double": [
            (r"[”\"»]", CLOSE_QUOTE, "#pop"),
            (r"(?=[\r\n])", QUOTE, "#pop"),
            (_PLAIN_RUN_INLINE, QUOTE),
            include("entities"),
            (_ANY_WORD, QUOTE),
            (r".", QUOTE),
        ],
        "single": [
            (r"’(?!\w)", CLOSE_QUOTE, "#pop"),
            (r"(?=[\r\n])", QUOTE, "#pop"),
            (_PLAIN_RUN_INLINE, QUOTE),
            include("entities"),
            (_ANY_WORD, QUOTE),
            (r".", QUOTE),
        ],
        "entities": [
            # ISO and numeric dates, before any number rule.
            (r"(?<![\w-])\d{4}-[01]\d-[0-3]\d(?![\w-])", DATE),
            (r"(?<![\w/])(?:[01]?\d)/(?:[0-3]?\d)/(?:\d{4}|\d\d)(?![\w/])", DATE),
            # Times.
            (
                r"(?<![\w.:])(?:[01]?\d|2[0-3])(?::[0-5]\d)?[ ]?(?:[ap]\.m\.|[ap]m\b|[AP]M\b)"
                + _TIMEZONE,
                TIME,
            ),
            (r"(?<![\w.:])(?:[01]?\d|2[0-3]):[0-5]\d(?![\d:])" + _TIMEZONE, TIME),
            # Money.
            (
                rf"(?:{_QUALIFIER})?{_CURRENCY_SIGN}[ ]?(?:\d{{1,3}}(?:,\d{{3}})+|\d+)"
                rf"(?:\.\d+)?{_MAGNITUDE}?",
                MONEY,
            ),
            (rf"(?:{_QUALIFIER})?{_NUMBER}{_MAGNITUDE}?[ ]{_CURRENCY_WORD}", MONEY),
            # Percentages.
            (
                rf"(?:{_QUALIFIER})?{_NUMBER}[ ]?"
                r"(?:%|percent\b|per[ ]cent\b|percentage[ ]points?\b|pct\b)",
                PERCENT,
            ),
            # Calendar dates.
            (
                rf"\b(?:{_WEEKDAY},?[ ])?{_MONTH_OR_MAY}[ ]{_DAY}(?:,?[ ]{_YEAR})?(?!,?[ ]?\d)",
                DATE,
            ),
            (rf"\b(?:{_WEEKDAY},?[ ])?{_DAY}[ ](?:of[ ])?{_MONTH_OR_MAY}(?:,?[ ]{_YEAR})?", DATE),
            (rf"\b{_MONTH_OR_MAY}[ ]{_YEAR}", DATE),
            (rf"\b(?:{_MONTH}|{_WEEKDAY})(?![\w’'-])", DATE),
            (
                r"\b((?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Ff]rom|[Oo]f|[Dd]uring|[Bb]efore|[Aa]fter"
                rf"|[Ee]arly|[Ll]ate|[Mm]id)[ -])({_YEAR})(?![\d,.]\d|[ ]?%|[ ][a-z]+s\b)",
                bygroups(Text, DATE),
            ),
            (_RELATIVE, DATE),
            (rf"(?<![\w.,/-]){_YEAR}(?![\d,.]\d|[ ]?%|[ ][a-z]+s\b|[ ]?(?:{_MAGNITUDE}))", DATE),
            # Quantities.
            (
                rf"(?:{_QUALIFIER})?{_NUMBER}{_MAGNITUDE}?(?:-{_UNIT}|[ ]{_UNIT})?"
                rf"|(?:{_QUALIFIER})?\d+/\d+(?![\w/])",
                QUANTITY,
            ),
            (rf"(?:{_QUALIFIER})?{_SPELLED}(?:[ ]of)?(?:[ ]{_UNIT})?", QUANTITY),
            # Names.
            (
                rf"(?!{_NOT_NAME_START}\b|{_ROLE}\b|[{_CAPITAL}][a-z]+ly,){_CAP_WORD}"
                rf"(?:[ ](?:{_CONNECTOR}[ ](?:the[ ])?)?(?!{_FUNCTION_CAPS}\b|{_ROLE}\b)"
                rf"{_CAP_WORD})*"
                rf"(?:[ ]{_ROLE}\b)?",
                NAME,
            ),
        ],
    }


def lex(text: str) -> list[NewsToken]:
    """Every character of ``text`` in typed runs (adjacent text or quote runs merged)."""
    runs: list[NewsToken] = []
    for start, token_type, value in _tokens(text):
        kind = _kind(token_type)
        if runs and runs[-1].kind == kind and kind in ("text", "quote"):
            last = runs.pop()
            runs.append(NewsToken(last.start, start + len(value), kind, last.text + value))
        else:
            runs.append(NewsToken(start, start + len(value), kind, value))
    return runs


def tokenize(text: str) -> list[NewsToken]:
    """The facts in ``text``: dates, times, money, percentages, quantities, names, quotations.

    Plain text is left out. A ``quote`` token spans a whole quotation, marks included, and
    the facts inside it follow it: the result is sorted by ``start``, longer first.
    """
    facts: list[NewsToken] = []
    quote_start: int | None = None
    quote_end = 0
    for start, token_type, value in _LEXER.get_tokens_unprocessed(text):
        if not value:
            continue
        end = start + len(value)
        kind = _kind(token_type)
        if token_type is OPEN_QUOTE:
            quote_start = start
        elif kind == "text" and quote_start is not None:  # the line ended inside it
            facts.append(NewsToken(quote_start, quote_end, "quote", text[quote_start:quote_end]))
            quote_start = None
        elif kind != "text" and kind != "quote":
            facts.append(NewsToken(start, end, kind, value))
        quote_end = end
        if token_type is CLOSE_QUOTE and quote_start is not None:
            facts.append(NewsToken(quote_start, end, "quote", text[quote_start:end]))
            quote_start = None
    if quote_start is not None:
        facts.append(NewsToken(quote_start, quote_end, "quote", text[quote_start:quote_end]))
    facts.sort(key=lambda token: (token.start, -token.end))
    return facts


_LEXER = NewsLexer()


def _tokens(text: str) -> Iterator[tuple[int, _TokenType, str]]:
    """The lexer's non-empty tokens, with offsets into ``text`` exactly as given."""
    for start, token_type, value in _LEXER.get_tokens_unprocessed(text):
        if value:
            yield start, token_type, value


@cache
def _kind(token_type: _TokenType) -> str:
    for parent, kind in KINDS.items():
        if token_type in parent:
            return kind
    return "text"

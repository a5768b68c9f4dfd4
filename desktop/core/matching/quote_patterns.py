"""The words of an attribution: speech verbs, names, roles and descriptors, and the patterns of
``,” she said`` / ``said Gina Raimondo`` / ``Raimondo said: “`` around a quotation. Used by
:mod:`desktop.core.matching.quote_speakers`, which finds and resolves the speaker.
"""

from __future__ import annotations

import re

__all__ = ["AFTER", "BEFORE", "DESCRIPTOR", "GROUP", "NAME", "NOT_SPEAKER", "ORG_WORDS", "PARTY", "PRONOUN", "ROLE", "ROLE_NAME",
           "ROLE_NAMED", "SPEECH", "SPEECH_BY", "TITLES", "WHO"]

SPEECH = (r"said|says|say|told|tells|added|adds|stated|states|wrote|writes|noted|notes|explained|explains|"
           r"asked|asks|declared|insisted|argued|continued|recalled|tweeted|posted|warned|concluded|replied|"
           r"responded|remarked|acknowledged|admitted|announced|shouted|yelled|cried|read|reads|"
           r"according to|described|called|calls|stressed|urged|urges|claimed|claims|confirmed|testified|"
           r"stating|saying|adding|noting|asserting|warning|telling|explaining|writing|arguing|claiming|calling|"
           r"reports|reported|tweets|posts|insists|argues|warns|quoted|quoting|suggested|emphasized|emphasised|"
           r"contended|countered|asserted|maintained|observed|vowed|pointed out|predicted|complained|boasted|"
           r"interjected|underscored|chanted|chant|chants|shout|shouts|put it|condemned|denounced|praised|hailed|"
           r"pleaded|quipped|joked|lamented|conceded|cautioned|wondered|exclaimed|mused|scoffed|charged|"
           r"recounted|acknowledges|laments|pleads|quips|jokes|concedes|cautions|offered|commented|"
           r"questioned|echoed|admits|responds|observes|announce|announces|eulogized|reiterated|proclaimed|"
           r"retorted|fumed|bragged|assured|pledged|alleged|answered|clarified|concurred|revealed|promised|"
           # a verdict in the speaker's words ("blasted it as “the broadest order ever”")
           r"blasted|slammed|decried|dubbed|branded|labeled|labelled|pushed back|pushes back|chided|scolded|"
           # the sharper verbs of a reply ("Sanders snapped", "Clinton shot back", "Trump fired back")
           r"snapped|snaps|shot back|shoots back|fired back|fires back|hit back|hits back|chimed in|protested|"
           r"objected|cracked|thundered|gushed|groused|griped|opined|muttered|whispered|murmured|mumbled|"
           r"grumbled|blurted|blurted out|puts it|recalls|recounts|snarled|growled|barked|quipping|joking|snapping|"
           # the present tense of reporting ("Swetnick alleges she saw", "he maintains it was")
           r"alleges|maintains|contends|asserts|describes|suggests|predicts|complains|stresses|declares|"
           r"emphasizes|emphasises|concludes|tweeting|declaring|"
           r"insisting|describing|suggesting|stressing|urging|acknowledging|announcing|replying|responding")  # verbs only: "Obama's comments" names no speaker
# "said X" names the speaker; "told X", "asked X", "called X" name the one spoken to or about
SPEECH_BY = (r"said|says|added|adds|wrote|writes|tweeted|tweets|noted|notes|explained|continued|recalled|"
              r"declared|insisted|argued|warned|stated|remarked|replied|responded|concluded|acknowledged|"
              r"admitted|announced|observed|countered|commented|echoed|according to")
# (an Arabic article may open a name or a part of it: "the al Qassam Brigades", "Ahmed al-Muslimani")
NAME = (r"(?:\b(?:al|el)[-\s](?=[A-Z]))?(?:[A-Z][\w.'’-]*(?:[^\S\n]+(?:(?:al|el)-[A-Z][\w.'’-]*|(?:de|van|von|al|bin|da|di|"
        r"le|la)(?![\w’'-])|[A-Z][\w.'’-]*)){0,5})")  # (a particle is a whole word: not "la" of "lawyer")
PRONOUN = r"(?:he|she|they|it|we|I)"
DESCRIPTOR = (r"(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)\s+(?:[\w’'-]+\s+){0,3}?"
               r"(?:company|firm|statement|aide|adviser|advisor|reporter|newspaper|paper|magazine|broadcaster|"
               r"authorities|resolution|message|man|woman|rebels|demonstrators|protesters|gunmen|brother|sister|mother|"
               r"father|wife|husband|son|daughter|widow|uncle|aunt|cousin|"
               r"spokesperson|spokesman|spokeswoman|official|officials|representative|source|sources|agency|"
               r"department|ministry|government|police|group|organization|organisation|campaign|"
               r"administration|lab|witness|report|study|analysis|letter|memo|email|post|tweet|president|prosecutor|senator|"
               r"minister|secretary|governor|mayor|judge|justice|chairman|chairwoman|director|leader|lawmaker|"
               r"congressman|congresswoman|ambassador|commissioner|chief|attorney|economist|analyst)\b")
# "White House senior adviser Kellyanne Conway", "Mexican cartoonist Felipe Galindo": a role, then the name
ROLE = (r"(?:(?!(?:the|a|an|in|on|at|to|of|by|for|with|from|that|this|and|or|but|who|as)\b)[a-z][\w-]*\s+){0,2}(?:adviser|advisor|spokes\w+|aide|official|cartoonist|leader|"
         r"chair\w*|director|secretary(?:[- ]general)?|minister|president|senator|analyst|professor|lawyer|attorney|prosecutor|"
         r"economist|correspondent|reporter|editor|founder|executive|commissioner|ambassador|teacher|officer|"
         r"manager|strategist|pollster|historian|expert|journalist|technician|worker|student|candidate|nominee|"
         r"hopeful|pundit|host|anchor|consultant|lawmaker|congressman|congresswoman|operative|representative|"
         r"resident|respondent|participant|attendee|colleague|friend|member|parent|employee|"
         r"delegate|"
         # any "-ist", "-er", "-or", "-ian": "ethnomusicologist Matt Sakakeeny", "trumpet player James Andrews"
         r"(?!(?:after|under|over|never|ever|either|neither|other|another|whether|rather|however|later|earlier|"
         r"for|or|per|her|their|our|your|prior|major|minor|junior|senior|former|super|ever)\b)"
         r"[a-z]{2,}(?:ist|er|or|ian))")
_OF = rf"(?:[^\S\n]+of[^\S\n]+(?:the[^\S\n]+)?{NAME})?"
_ROLES = rf"{ROLE}(?:[^\S\n]+and[^\S\n]+{ROLE})?"  # "political science professor and pollster David Peterson"
# "conservative Iowa radio host Steve Deace": a word of description before a place or party
_DESCRIBED = r"(?:(?!(?:the|a|an|in|on|at|to|of|by|for|with|from|that|this|and|or|but|who|as)\b)[a-z][\w-]*[^\S\n]+)?"
ROLE_NAME = rf"(?:{_DESCRIBED}{NAME}[^\S\n]+)?{_ROLES}{_OF}[^\S\n]+{NAME}"
ROLE_NAMED = re.compile(rf"(?:{_DESCRIBED}{NAME}\s+)?{_ROLES}{_OF}\s+(?P<name>{NAME})$")
# people spoken of as a group: "lawmakers from all parties responded", "The rebels also shout"
GROUP = (r"(?:[Tt]he\s+)?(?:lawmakers|rebels|demonstrators|protesters|gunmen|attackers|crowds?|witnesses|residents|"
          r"officials|authorities|mourners|supporters)(?:\s+from\s+(?:all\s+)?[a-z]+)?")
# a title of a body before the name: "Secretary of State John Kerry", "Vice President of Product Development Adam Mosseri"
TITLE_OF_NAME = (r"(?:(?:former|acting|then|deputy)[^\S\n]+)?(?=(?:[A-Z][\w.’'-]*[^\S\n]+){0,3}(?:President|Director|Secretary|Minister|Chair\w*|Head|Chief|"
                 r"Officer|Commissioner|Governor|Superintendent|Administrator)[^\S\n]+of[^\S\n])"
                 rf"{NAME}[^\S\n]+of[^\S\n]+(?:the[^\S\n]+)?{NAME}")
WHO = rf"(?P<who>{ROLE_NAME}|{DESCRIPTOR}|{GROUP}|{TITLE_OF_NAME}|(?:(?:the|former|retired|outgoing|acting|interim|state|city|county)\s+)?{NAME}|{PRONOUN})"
# an aside after the name, not a relative clause naming someone else: "the Declaration, in which
# Thomas Jefferson, a lifelong slaveholder, wrote that “" is Jefferson's
_APPOSITIVE = r"(?P<app>(?:,\s(?!(?:(?:in|on|at|during|under|by)\s+)?(?:which|where)\b)[^,]{1,120}){1,3},)?"
# after the closing mark the last comma may be missing: “...” Ken Fisher, the foundation's chairman said
_APPOSITIVE_AFTER = r"(?P<app>(?:,\s[^,]{1,150}){1,3}?,?)?"  # the shortest: ", Mike Louis, said after ... was called"
# a party and state after a lawmaker's name: "Rep. Peter DeFazio (D-Ore.)", "Rep. Diane Black (R) of Tennessee"
PARTY = _PARTY = rf"(?:[^\S\n]+\([^()\n]{{1,25}}\)(?:[^\S\n]+of[^\S\n]+{NAME})?)?"
# where a named person is from: "Representative Gerald Connolly of Virginia"
_OF_PLACE = rf"(?:[^\S\n]+of[^\S\n]+(?:the[^\S\n]+)?{NAME})?"
# a committee named with "and" before its chair's title: "House Ways and Means Chairman Dave Camp", "House
# Energy and Commerce Committee Chairman Frank Pallone" (not "Pelosi and Rules Chairman Jim McGovern")
_COMMITTEE = (r"(?:(?:House|Senate)[^\S\n]+(?:[A-Z][\w’'-]*[^\S\n]+){1,2}and[^\S\n]+"
              r"(?=[A-Z][\w’'-]*[^\S\n]+(?:Committee[^\S\n]+)?(?:Chairman|Chairwoman|Chair|Ranking)\b))?")
# after the closing mark: ,” she said / ,” said Gina Raimondo / ,” Raimondo told reporters
AFTER = [
    # ,” said the House speaker, Paul Ryan of Wisconsin: the name after the role
    re.compile(rf"^\s*,?\s*(?P<verb>{SPEECH})\s+the\s+(?:[\w.’'-]+\s+){{0,3}}?{ROLE},\s+(?P<who>{NAME})", re.S),
    # ,” says the lawyer for the challengers, Michael Carvin.: a description, then the name (", said one of
    # Trump's lawyers, Alan Dershowitz,")
    re.compile(rf"^\s*,?\s*(?P<verb>{SPEECH})\s+(?:the|one\s+of|another|an?|[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){{0,2}}['’]s)"
               rf"\s+[a-zA-Z][^,“”\"«»]{{1,60}}?,\s+"
               rf"(?P<who>[A-Z][\w’'-]+(?:\s+[A-Z]\.)?"
               rf"\s+[A-Z][\w’'-]+)\s*(?:[.,;]|$)", re.S),
    # ,” emailed NBC's Tom Brokaw (before a quotation "emailed" takes a thing: "emailed the documents")
    re.compile(rf"^\s*,?\s*(?P<verb>emailed|texted)\s+{WHO}", re.S),
    # ,” says the 58-year-old Walker: the name after the age
    re.compile(rf"^\s*,?\s*(?P<verb>{SPEECH})\s+(?:the\s+)?\d{{1,3}}-year-old\s+(?P<who>{ROLE_NAME}|{NAME})", re.S),
    re.compile(rf"^\s*,?\s*(?P<verb>{SPEECH})\s+{WHO}", re.S),
    # “...” Representative Mark Pocan of Wisconsin, who leads the caucus, said / Chairman Elijah Cummings (D-Md.), said
    re.compile(rf"^\s*,?\s*(?:as\s+)?{_COMMITTEE}{WHO}{_PARTY}{_OF_PLACE}{_APPOSITIVE_AFTER}{_PARTY}(?:\s+(?:involved|familiar|close|briefed|working|for|with|from)"
               rf"(?:\s+[\w.’'-]+){{1,5}}?)?,?\s+(?:also\s+|later\s+|then\s+|has\s+|had\s+|once\s+|\w+ly\s+)?"
               rf"(?P<verb>{SPEECH})\b", re.S),
    # ,” Trump’s national security adviser, H.R. McMaster, said
    # (the role may say of what: ,” Israel's ambassador to the United States, Michael Oren, told CNN)
    re.compile(rf"^\s*,?\s*(?:[A-Z][\w.’'-]*[’']s\s+)?{ROLE}(?:\s+(?:to|of|for|at)\s+(?:the\s+)?{NAME})?,\s+(?P<who>{NAME}),?\s+"
               rf"(?:also\s+|later\s+)?"
               rf"(?P<verb>{SPEECH})\b", re.S),
    # ,” A&E executives said: the people of an organisation speak for it
    re.compile(rf"^\s*,?\s*(?P<who>[A-Z][\w.&'’-]*(?:[^\S\n]+[A-Z][\w.&'’-]*){{0,4}})\s+(?:executives|officials|lawyers|"
               rf"attorneys|aides|spokespeople|representatives|researchers|analysts|forecasters|economists)\s+"
               rf"(?:also\s+|later\s+)?"
               rf"(?P<verb>{SPEECH})\b", re.S),
    re.compile(rf"^\s*(?:—|--|-)?\s*(?P<who>{NAME})\.?\s*$"),  # a caption: “...” Canadian Prime Minister Stephen Harper.
    # ,” said a statement by Sen. Marco Rubio: the statement's author
    re.compile(rf"^\s*,?\s*(?P<verb>said|read|says|reads)\s+an?\s+(?:joint\s+|written\s+)?statement\s+(?:by|from)\s+"
               rf"(?:the\s+)?(?P<who>{ROLE_NAME}|{NAME})", re.S),
    re.compile(rf"^\s*,?\s*(?P<who>the\s+(?:statement|letter|report|post|tweet|email)\s+from\s+(?:the\s+)?{NAME})",
               re.S),
    re.compile(r"^\s*,?\s*the\s+(?P<who>statement|company|letter|report|post|tweet|email)\s+(?P<verb>read|said|"
               r"stated|added|continued)\b", re.S | re.I),
]
# before the opening mark, in the same sentence: Raimondo said: “ / According to the company, “
BEFORE = [
    re.compile(rf"(?:^|[\s,;—-])(?P<who>{ROLE_NAME}|{DESCRIPTOR}|{NAME})\s+(?:\w+ly\s+)?(?P<verb>{SPEECH}):\s*$",
               re.S),
    re.compile(rf"{WHO}{_APPOSITIVE}(?:\s+\([^()]{{1,25}}\)|,\s+[RDI]-[A-Z][\w.]{{0,5}}\.?(?=,?\s+[a-z]))?{_OF_PLACE}(?:,\s+(?:which|who))?(?:\s+(?:in|at|on|during)\s+(?:a|an|the|his|her|its|their)\s"
               rf"[^,“”\"«»]{{1,40}}?)?\s+(?:also\s+|later\s+|then\s+|has\s+|had\s+|once\s+|did\s+|\w+ly\s+|(?:is|are|was|were)\s+(?=(?:saying|telling|warning|insisting|arguing|claiming|predicting|stressing|urging|asking|"
               rf"noting|vowing|complaining|reporting|tweeting|writing\s+that)\b)|is\s+quoted\s+"
               rf"[^.]{{0,40}}as\s+)?(?P<verb>{SPEECH})\b[^.“”\"«»]{{0,90}}$", re.S),
    re.compile(rf"(?:^|[.;]\s+|\n){WHO}(?:,\s[^,:]{{1,80}})?:\s*$", re.S),
    re.compile(rf"(?:^|[.;]\s+|\n)(?P<verb>Said|Says|Added|Wrote|Tweeted)\s+{WHO}(?:\s+of\s+{NAME})?"
               rf"(?:,[^,:]{{1,80}}|\s+(?:on|about|of)\s[^,:“”\"]{{1,100}})?:\s*$", re.S),  # "Said Dershowitz on the charges:"
    re.compile(rf"(?P<verb>[Aa]ccording to|reported by)\s+{WHO}(?:,[^,“\"]{{0,60}})?\s*,\s*$", re.S),
    re.compile(rf"(?P<verb>[Ii]n a statement|[Ii]n an interview|[Ii]n a letter|[Ii]n a tweet|[Ii]n a post)"
               rf"(?:\s+\w+){{0,3}},\s+{WHO}\s+\w+", re.S),
]
_STATEMENT_OF = re.compile(rf"{WHO}(?:'s|’s)\s+statement", re.S)
TITLES = re.compile(
    r"^(?:(?:U\.?S\.?|US|former|then|acting|deputy|chief|senior|independent|the|a|an|House|Senate|"
    r"President|Vice|Prime|Minister|Secretary|Commerce|State|Defense|Treasury|Attorney|General|Speaker|"
    r"Majority|Minority|Leader|Sen\.|Rep\.|Gov\.|Mr\.|Mrs\.|Ms\.|Dr\.|Gen\.|Lt\.|Col\.|Sgt\.|Officer|Chief|"
    r"Executive|CEO|Director|Spokesperson|Spokesman|Spokeswoman|Commissioner|Mayor|Judge|Justice|Rev\.|"
    r"journalist|reporter|spokesperson|spokesman|spokeswoman|analyst|economist|professor|Professor|Chair|"
    r"Chairman|Chairwoman|Trade|Foreign|Home|Interior|Press|Deputy|Senior|Former|As|Senator|Representative|"
    r"Governor|Ambassador|Chancellor|Cartoonist|Sheriff|Detective|Inspector|Prosecutor|"
    r"Kaspersky\s+spokesperson)\s+)+")
NOT_SPEAKER = re.compile(r"^(?:The|This|What|Some|Another|According|We’re|We're|They’re|You’re|That|These|Those|It|In|On|At|But|And|As|When|If|After|Before|While|"
                          r"Meanwhile|However|Still|Yet|So|Then|Now|Here|There|Today|Monday|Tuesday|Wednesday|"
                          r"Thursday|Friday|Saturday|Sunday|January|February|March|April|June|July|August|September|"
                          r"October|November|December|"
                          # prepositions and conjunctions opening a sentence ("Among other steps, the ...")
                          r"Among|Amid|During|Despite|Since|Under|Without|With|For|From|By|Through|Following|"
                          r"Unlike|Although|Though|Because|Until|Over|Across|Against|Within|Upon|Whether|"
                          r"Instead|Earlier|Later|Overall|Both|Each|Every|Such|Other|Others)$")
ORG_WORDS = re.compile(r"\b(?:company|firm|statement|lab|labs|report|letter|group|agency|department|ministry|"
                        r"government|police|administration|campaign|house|office|committee|council|court|"
                        r"bureau|service|organization|organisation|union|party|spokes\w+|representative|post|"
                        r"tweet|email|memo)\b", re.I)

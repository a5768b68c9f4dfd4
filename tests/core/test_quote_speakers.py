"""Who said a quotation: rules found missing on tests/data/quotes_values, each on made-up sentences."""

from __future__ import annotations

import pytest

from desktop.core.matching.quote_extraction import extract_quotes as raw_quotes
from desktop.core.matching.quotes import extract_quotes


def _speakers(text: str, people=()) -> dict[str, str | None]:
    return {q.text: q.speaker for q in extract_quotes(1, text, people=people)}


def test_he_and_she_are_the_last_person_named_as_speaker_or_subject():
    text = ("Earlier Thursday, Pelosi said the chamber would send a clear message.\n\n"
            "“We are taking this path because it is the right one,” she said.\n\n"
            "Ken Hooper, 62, a retired police officer, wiped away tears after the ceremony.\n\n"
            "“The whole thing is absolutely despicable,” he said.")
    people = [(0, "Donald Trump"), (text.index("Pelosi"), "Nancy Pelosi")]
    speakers = _speakers("President Donald Trump spoke in the morning. " + text, people)
    assert speakers["We are taking this path because it is the right one,"] == "Nancy Pelosi"
    assert speakers["The whole thing is absolutely despicable,"] == "Ken Hooper"


def test_a_pronoun_never_stands_for_a_name_quoted_a_plural_or_the_wrong_sex():
    text = ("Mr. Grant met the board on Monday.\n\n"
            "Alice Morton, the chairwoman, said the board had talked with Mr. Grant “about Jim Baker’s plan.”\n\n"
            "Officials are still reviewing the figures from the meeting.\n\n"
            "“We will publish everything we have by Friday,” she said.")
    assert _speakers(text)["We will publish everything we have by Friday,"] == "Alice Morton"


def test_the_speaker_search_stops_at_the_paragraph_break():
    text = ("“We are not afraid of anything,” Laura Pratt said in her address. “Our resolve will never waver.”\n\n"
            "Hendricks reported from London.")
    assert _speakers(text)["Our resolve will never waver."] == "Laura Pratt"


def test_said_before_a_clause_is_no_attribution_and_the_subject_speaks():
    text = ("In Washington, Senator Ruth Cole condemned the vote and said Canada was ready to help "
            "“with everything that is needed to bring them to justice.”")
    assert _speakers(text)["with everything that is needed to bring them to justice."] == "Ruth Cole"


def test_a_role_before_the_name_and_a_name_in_apposition():
    text = ("“He was a great artist,” said Mexican cartoonist Pablo Reyes, a friend of the family.\n\n"
            "White House senior adviser Mary Lowe referred to a poll that said the party has gained donors, "
            "saying “They put their money where their frustration is.”\n\n"
            "Canada’s ambassador to the United States, Tom Byrne, tweeted: “Do not test our patience.”\n\n"
            "“We will never forget what happened here,” Ilan Brook, 30, vice president of a youth club, "
            "an interfaith group, said at the rally.")
    speakers = _speakers(text)
    assert speakers["He was a great artist,"] == "Pablo Reyes"
    assert speakers["They put their money where their frustration is."] == "Mary Lowe"
    assert speakers["Do not test our patience."] == "Tom Byrne"
    assert speakers["We will never forget what happened here,"] == "Ilan Brook"


def test_unnamed_speakers_stay_unnamed_and_the_official_is_the_one_just_introduced():
    text = ("Frank Dole spoke first.\n\n"
            "“You can hear him trying to smash the door down,” a senior military official involved in the "
            "investigation told the newspaper.\n\n"
            "“We do not know yet why he went out,” the official said.\n\n"
            "“The rule lets the speaker act at any point,” said one House Democratic aide.")
    speakers = _speakers(text, people=[(0, "Frank Dole")])
    assert speakers["You can hear him trying to smash the door down,"] == "senior military official"
    assert speakers["We do not know yet why he went out,"] == "senior military official"
    assert speakers["The rule lets the speaker act at any point,"] == "House Democratic aide"


@pytest.mark.parametrize("opening, again", [("Among other steps", "Among them"), ("By Tuesday", "By then"),
                                             ("Later that day", "Later"), ("During the hearing", "During it")])
def test_a_sentence_opening_with_a_preposition_or_time_word_does_not_make_it_the_speaker(opening, again):
    # the opening word comes back later in the article, as a name would
    text = (f"{opening}, the network said it would start flagging “the worst of the worst” posts. "
            f"{again}, hoaxes kept spreading.")
    assert _speakers(text)["the worst of the worst"] in (None, "network")
    named = "Harriet Vance runs the board. " + text.replace("the network said", "Vance said")
    assert _speakers(named, people=[(0, "Harriet Vance")])["the worst of the worst"] == "Harriet Vance"


def test_a_role_that_names_a_person_is_never_the_company_of_the_sentence_before():
    from desktop.core.matching.quotes import extract_quotes as quotes_of

    text = ("Facebook announced steps Thursday to stem the spread of false news on its website.\n\n"
            "During the hearing, the senator said “we will not back down” on the matter.")
    found = {q.text: q.speaker for q in quotes_of(1, text, organisations=frozenset({"facebook"}))}
    assert found["we will not back down"] == "senator"  # unnamed, not "Facebook"
    named = "Senator Ron Wyden criticised the plan on Tuesday. Facebook declined to comment.\n\n" + text.split("\n\n")[1]
    found = {q.text: q.speaker for q in quotes_of(1, named, organisations=frozenset({"facebook"}),
                                                  people=[(8, "Ron Wyden")])}
    assert found["we will not back down"] == "Ron Wyden"


@pytest.mark.parametrize("text, other, speaker", [
    # a surname the entity list missed is still the role's holder, not the person named nearest
    ("Chuck Schumer spoke first, then Joe Manchin. Schumer was angry.\n\n"
     "The senator said “this is a disgrace” on Tuesday.", "Joe Manchin", "Schumer"),
    ("Nancy Pelosi met Jerome Powell on Monday. Powell raised rates.\n\n"
     "The chairman said “inflation is too high” afterwards.", "Nancy Pelosi", "Powell"),
])
def test_a_role_after_a_person_is_still_that_person(text, other, speaker):
    from desktop.core.matching.quotes import extract_quotes as quotes_of

    [quote] = quotes_of(1, text, people=[(text.index(other), other)])
    assert quote.speaker is not None and quote.speaker.endswith(speaker)


def test_the_prime_minister_the_statement_and_a_sentence_opening_with_the_president():
    text = ("Prime Minister Jane Hollis spoke after the attack.\n\n"
            "The prime minister said the best response was “millions of acts of normality.”\n\n"
            "Westfield Police said in a statement that the man had no record.\n\n"
            "“He was not the subject of any current investigation,” the statement said.")
    speakers = _speakers(text)
    assert speakers["millions of acts of normality."] == "Jane Hollis"
    assert speakers["He was not the subject of any current investigation,"] == "Westfield Police"


def test_said_before_a_colon_and_an_attribution_that_opens_the_next_quotation():
    text = ("“So you may not send them?” one reporter interjected, to which Rosa Delmar responded: "
            "“That has not been part of our talks.”\n\n"
            "Said Rep. Chris Lane of Utah: “They want to throw my vote in the trash.”\n\n"
            "Karl Obst said Turkey may defend itself. But he also said both sides need to “discourage any "
            "escalation.” The mayor added: “We will talk again.”")
    speakers = _speakers(text)
    assert speakers["So you may not send them?"] == "reporter"
    assert speakers["That has not been part of our talks."] == "Rosa Delmar"
    assert speakers["They want to throw my vote in the trash."] == "Chris Lane"
    assert speakers["discourage any escalation."] == "Karl Obst"


def test_a_long_opening_phrase_and_an_unnamed_witness_before_he_said():
    text = ("Paul Renard ran the paper for years.\n\n"
            "A year later, in an interview with a French newspaper, Renard gave little sign of changing course.\n\n"
            "“It may sound pompous, but I would rather stand,” he said.\n\n"
            "A witness who works across the street told a radio station that he saw two men run inside.\n\n"
            "“We then heard them open fire inside, with many shots,” he said.")
    speakers = _speakers(text, people=[(0, "Paul Renard")])
    assert speakers["It may sound pompous, but I would rather stand,"] == "Paul Renard"
    assert speakers["We then heard them open fire inside, with many shots,"] == "witness"


def test_a_document_speaks_and_it_goes_on_speaking():
    text = ("Speaker Nancy Lowe opened the debate.\n\n"
            "The impeachment resolution said the president “betrayed the nation by abusing his office,” and more.\n\n"
            "“He will remain a threat to national security,” it said.")
    speakers = _speakers(text, people=[(8, "Nancy Lowe")])
    assert speakers["betrayed the nation by abusing his office,"] == "impeachment resolution"
    assert speakers["He will remain a threat to national security,"] == "impeachment resolution"


def test_according_to_a_source_ending_the_paragraph_before_and_relatives_named_once():
    text = ("According to the CBC:\n\n"
            "“He was in trouble with the law again in 2011, this time in the west.”\n\n"
            "Merabet was a police officer, his brother Malek told reporters. “He was killed by false friends,” "
            "the brother said.")
    speakers = _speakers(text)
    assert speakers["He was in trouble with the law again in 2011, this time in the west."] == "CBC"
    assert speakers["He was killed by false friends,"] == "Malek"


def test_a_quotation_after_an_attribution_with_a_title_goes_on_with_its_speaker():
    text = ("“They shot two of us,” she told the newspaper, according to France24. “I took cover under a desk.”\n\n"
            "“We face this because of this map,” said Rep. Clay Hobbs of Alabama before a poster of red and blue "
            "states. “They call this flyover country, and they fear our faith.”\n\n"
            "“He was a great artist,” said Mexican cartoonist Pablo Reyes, a friend of his. “Nothing was sacred "
            "for him.” Cartoonist Bernard Vey was a man “who enjoyed freedom to its fullest,” said Ecuadorian "
            "cartoonist Xavier Bon.")
    speakers = _speakers(text)
    assert speakers["I took cover under a desk."] == speakers["They shot two of us,"]
    assert speakers["They call this flyover country, and they fear our faith."] == "Clay Hobbs"
    assert speakers["Nothing was sacred for him."] == "Pablo Reyes"
    assert speakers["who enjoyed freedom to its fullest,"] == "Xavier Bon"


def test_groups_speak_as_groups_and_a_long_role_before_the_name():
    text = ("Heavy gunfire can be heard on the video. The rebels also shout, “God is great, God is great!”\n\n"
            "“Let decency prevail in our country,” Trade Secretary Liam Fax said.\n\n"
            "“Hear, hear, hear!” lawmakers from all parties responded in unison.\n\n"
            "“Some very searching questions are now being asked,” former leader of the UK Independence Party "
            "Nigel Farrow, now a contributor, said on a morning show.")
    speakers = _speakers(text)
    assert speakers["God is great, God is great!"] == "rebels"
    assert speakers["Hear, hear, hear!"] == "lawmakers from all parties"
    assert speakers["Some very searching questions are now being asked,"] in ("Farrow", "Nigel Farrow")


def test_a_place_opening_a_sentence_is_nobody_and_he_said_after_the_next_quotation():
    text = ("Theresa Mayhew addressed the Commons on Thursday.\n\n"
            "London terror attack: what we know so far\n\n"
            "She also sounded a note of defiance, telling MPs: “Today we meet as normal.”\n\n"
            "Carsten Spahr spoke to reporters. Officials struggle to see how a plane that “was in perfect condition” "
            "with two pilots “was involved in such an accident,” he said.\n\n"
            "Mike Kell, 63, a retired teacher, travelled from Kent for the vigil.\n\n"
            "“I came because I heard the prime minister say it.”")
    speakers = _speakers(text, people=[(0, "Theresa Mayhew")])
    assert speakers["Today we meet as normal."] == "Theresa Mayhew"
    assert speakers["was in perfect condition"] == "Carsten Spahr"
    assert speakers["I came because I heard the prime minister say it."] == "Mike Kell"


def test_attributions_read_on_unlabelled_articles():
    """Patterns seen on other AllSides articles (no labels): verbs, parentheses, roles and titles."""
    text = ("“Why are we not working on something that could pass?” pleaded Sen. Pat Toomy, a Republican.\n\n"
            "Nancy Pelosa (D-Calif.) told a network that there is nothing left to cut: “The cupboard is bare!”\n\n"
            "Iowa party chair Andy McGaw in her 2:30 a.m. statement said: “The results are final tonight.”\n\n"
            "Clinton's Iowa campaign director, Matt Pole, said in a statement at 2:35 a.m.: “We have won the caucus.”\n\n"
            "“After losing a loved one, no family should wait,” Ken Fisk, the foundation's chief executive said.\n\n"
            "“You can trace the crisis in the homes,” said Tulane University ethnomusicologist Matt Sakay.\n\n"
            "“That is going to be a significant piece,” state Democratic Party Chair William McCord said.\n\n"
            "“We are not taking that lightly,” a campaign aide for former Vice President Joe Bidden told me.")
    speakers = _speakers(text)
    assert speakers["Why are we not working on something that could pass?"] == "Pat Toomy"
    assert speakers["The cupboard is bare!"] == "Nancy Pelosa"
    assert speakers["The results are final tonight."] == "Andy McGaw"
    assert speakers["We have won the caucus."] == "Matt Pole"
    assert speakers["After losing a loved one, no family should wait,"] == "Ken Fisk"
    assert speakers["You can trace the crisis in the homes,"] == "Matt Sakay"
    assert speakers["That is going to be a significant piece,"] == "William McCord"
    assert speakers["We are not taking that lightly,"] == "campaign aide"


def test_said_after_a_subject_starts_a_reported_clause():
    text = ("“They are more interested in criminals,” Don Trimp said of his rivals. The president said Phil Bredes, "
            "whom he had never heard of, “donated a lot of money to them.”\n\n"
            "“Democrats have opposed every measure,” he continued.")
    assert _speakers(text)["Democrats have opposed every measure,"] == "Don Trimp"


def test_initials_titles_in_long_names_and_a_group_as_referent():
    text = ("“I am all in” on the senator, said J.R. Ackman, the former mayor of a small town.\n\n"
            "“The strike was a measured step,” Russian Deputy Ambassador Safronov said.\n\n"
            "“He used every word in the book,” Don Trimp, whom the campaign and others have criticized for using "
            "racially and otherwise insensitive language for years, said in Tampa.\n\n"
            "“I voted for him and every candidate I saw,” offered Paul Ryon.\n\n"
            "Hillary Clanton spoke to the crowd. Iowa Democrats cheered her at the fair.\n\n"
            "“I think it would be good to get her out more,” she said.")
    speakers = _speakers(text, people=[(text.index("Hillary"), "Hillary Clanton")])
    assert speakers["I am all in"] == "J.R. Ackman"
    assert speakers["The strike was a measured step,"] == "Safronov"
    assert speakers["He used every word in the book,"] == "Don Trimp"
    assert speakers["I voted for him and every candidate I saw,"] == "Paul Ryon"
    assert speakers["I think it would be good to get her out more,"] == "Hillary Clanton"


# From quote speakers judged on fresh AllSides stories (tests/data/fresh_judgements/quotes_part*.json).

@pytest.mark.parametrize("text", [
    "King said on NBC’s “Meet the Press.” He added nothing.",
    "Graham said on ABC’s “This Week.”",
    "McCain told “Fox News Sunday,” that he agreed.",
    "Tillerson told CBS’ “Face The Nation” on Sunday.",
    "He spoke in his “State of the Union” address.",
])
def test_a_programme_title_in_quotation_marks_is_no_quotation(text):
    assert raw_quotes(1, text) == []


@pytest.mark.parametrize("text", [
    # f151 (CNN's commentators' biographies), f133, f099 of the fresh stories
    "He is the author of “Citizen Hollywood: How the Collaboration Between L.A. and D.C. Revolutionized American "
    "Politics.”",
    "He is the co-author of “I Am Jackie Chan: My Life in Action” and editor of the graphic novel anthologies "
    "“Secret Identities” and “Shattered.”",
    "Eskridge wrote the book “Marriage Equality: From Outlaws to In-Laws.”",
    "Her new memoir, “The Crusader: The Life and Times of Pat Buchanan,” is out.",
    "The agency released a report titled “Comparisons of Revisions to GDP.”",
])
def test_the_title_of_a_book_or_a_report_is_no_quotation(text):
    assert raw_quotes(1, text) == []


@pytest.mark.parametrize("text, quoted", [
    ("The author of the bill said “We Will Win.”", "We Will Win."),  # someone's words after "author of ... said"
    ("The report said “the economy is in trouble,” economists warned.", "the economy is in trouble,"),
    ("He is the author of the measure. “We Will Not Back Down,” Smith said.", "We Will Not Back Down,"),
])
def test_words_quoted_after_a_work_is_named_stay_quotations(text, quoted):
    assert [q.text for q in raw_quotes(1, text)] == [quoted]


def test_a_title_cased_quotation_that_someone_said_stays_a_quotation():
    [quote] = raw_quotes(1, "“We Will Win,” Trump said.")
    assert quote.speaker == "Trump"


@pytest.mark.parametrize("text, speaker", [
    ("“We are better off going over the cliff,” Rep. Peter DeFazio (D-Ore.) said. “And we would have time.”",
     "Peter DeFazio"),
    ("“We have got to deal with our deficit spending,” Rep. Diane Black (R) of Tennessee said on CNN Sunday.",
     "Diane Black"),
    ("“Frankly, Jeff Sessions is a very fine person,” Sen. Orrin Hatch (R-Utah), who has been incensed for weeks "
     "over how Democrats have fought the nomination, said Wednesday.", "Orrin Hatch"),
])
def test_a_lawmakers_party_and_state_do_not_hide_the_speaker(text, speaker):
    assert {q.speaker for q in raw_quotes(1, text)} == {speaker}


@pytest.mark.parametrize("found, shown", [
    ("Likewise", None), ("Republican", None), ("statement", None), ("Ohio", None), ("A", None),
    ("ET. In Exit Polls", None), ("Barrett. The Times", "The Times"), ("While Trump", "Trump"),
    ("George W. Bush", "George W. Bush"), ("U.S. Treasury", "U.S. Treasury"), ("Washington", "Washington"),
    ("Democrats", "Democrats"), ("Post", "Post"),
])
def test_words_that_name_nobody_are_not_shown_as_a_speaker(found, shown):
    from desktop.core.matching.quote_speakers import usable_speaker

    assert usable_speaker(found) == shown


@pytest.mark.parametrize("text, speaker", [
    ("“Why would anyone vote for that?” questioned Biden.", "Biden"),
    ("“That was a mistake,” Hatch commented on Wednesday.", "Hatch"),
    ("“It is not over,” echoed Schumer.", "Schumer"),
])
def test_less_common_speech_verbs_name_the_speaker(text, speaker):
    assert {q.speaker for q in raw_quotes(1, text)} == {speaker}


def test_a_noun_like_comments_is_no_speech_verb():
    text = ("Robert Zimmerman responded to Obama's comments in an interview with Fox News, saying a lot of "
            "people wanted to hear from the president and “I'm glad he spoke out today.”")
    assert {q.speaker for q in raw_quotes(1, text)} != {"Obama"}


def test_a_quotation_paragraph_after_a_long_attribution_goes_on_with_its_speaker():
    text = ("“Iran has completely schooled the American and European diplomats,” said Michael Rubin, an Iran "
            "analyst and critic of the administration at the American Enterprise Institute.\n\n"
            "“They got everything they wanted and gave up nothing of substance.”")
    assert [q.speaker for q in raw_quotes(1, text)] == ["Michael Rubin", "Michael Rubin"]
    # another sentence between them: the second quotation is not assumed to be his
    text = text.replace("Institute.\n\n", "Institute. The talks resume in Vienna on Monday with new demands from "
                        "both sides after a week of meetings.\n\n")
    assert [q.speaker for q in raw_quotes(1, text)][1] is None


@pytest.mark.parametrize("lead, speaker", [
    ("Rep. Mark Meadows (R-N.C.), a Trump loyalist who watched the hearing, said in a text message to The Hill.",
     "Mark Meadows"),
    ("The senator said on Tuesday that the bill would fail.", None),  # a reported clause, not a lead-in
])
def test_a_quotation_paragraph_after_a_sentence_ending_with_said_in_is_that_speakers(lead, speaker):
    [quote] = raw_quotes(1, f"{lead}\n\n“I think it was a bad day for the Democrats and for the country.”")
    assert quote.speaker == speaker


@pytest.mark.parametrize("text, speaker", [
    # a sentence ending in a colon before the quotation: its subject is the speaker
    ("Republican presidential candidate Mitt Romney released a statement that read in part:\n\n"
     "“Tonight's results will echo beyond the borders of Wisconsin. Governor Walker has shown that taxpayers "
     "can fight back.”", "Mitt Romney"),
    ("Mr. Trump has brushed off talk of trade wars in a tweet earlier this month: “When a country is losing "
     "many billions of dollars on trade, trade wars are good, and easy to win.”", "Trump"),
    # a stance verb instead of a speech verb
    ("Mr. Trump bashed Iran and the nuclear deal as “one of the worst and most one-sided” transactions the "
     "nation has ever entered into.", "Trump"),
    # no one opens the lead-in: nobody is named
    ("The weather was fine. Here is the full text:\n\n“We are closing all schools on Monday and Tuesday.”", None),
])
def test_a_named_subject_before_a_colon_or_a_stance_verb_is_the_speaker(text, speaker):
    assert [q.speaker for q in raw_quotes(1, text)] == [speaker]


def test_he_after_a_second_clause_refers_to_that_clauses_subject():
    text = ("Cruz headed into Tuesday's contest with the backing of Ted Cruz's allies, but Trump made a spirited "
            "final push for Donald Trump in the state.\n\n“If we do well here, it's over,” he said.")
    assert [q.speaker for q in raw_quotes(1, text)] == ["Trump"]
    # a possessive after ", and" is no clause subject: "she" stays the sentence's subject
    text = ("Speaker Nancy Pelosi said the move was necessary after the drone attack that killed Qassem Soleimani, "
            "the top Iranian general, and Trump’s subsequent threats to escalate the conflict. “We have no "
            "illusions about Iran,” she said.")
    assert [q.speaker for q in raw_quotes(1, text)] == ["Nancy Pelosi"]


def test_a_party_and_state_after_the_name_do_not_hide_who_he_is():
    text = ("Rep. Jim Jordan (R) of Ohio, on Fox News Sunday, said two principles continue to propel his party.\n\n"
            "“We can't keep raising the limit on an already maxed out credit card,” he said.")
    assert [q.speaker for q in raw_quotes(1, text)] == ["Jim Jordan"]


@pytest.mark.parametrize("text", [
    "Voters resent the money in politics, says Garry South, a longtime Democratic consultant.\n\n"
    "“They hate it all the way down.”",
    "Voters resent the money in politics, says Garry South, a longtime Democratic consultant. "
    "“They hate it all the way down.”",
])
def test_a_quotation_after_a_sentence_ending_says_a_name_is_that_persons(text):
    assert _speakers(text)["They hate it all the way down."] == "Garry South"


def test_a_quotation_opening_a_sentence_after_x_said_in_a_message_is_xs():
    text = "The talks broke down late on Monday. Meadows wrote in a text message. “We are done here.”"
    assert _speakers(text)["We are done here."] == "Meadows"


def test_two_roles_joined_by_and_before_the_name_leave_the_name():
    text = "“The numbers will move,” said political science professor and pollster David Peterson."
    assert _speakers(text)["The numbers will move,"] == "David Peterson"


@pytest.mark.parametrize("text", [
    "“We want people to connect,” said Facebook Vice President of Product Development Adam Mosseri.",
    "“We want people to connect,” said former Secretary of State Adam Mosseri, speaking on Monday.",
    "“We want people to connect,” Director of the Census Bureau Adam Mosseri said.",
])
def test_a_title_of_a_body_before_the_name_leaves_the_name(text):
    assert _speakers(text)["We want people to connect,"] == "Adam Mosseri"


def test_the_president_as_subject_before_a_quotation_is_the_president_named():
    text = ("“I made a very tough decision,” Mr. Trump told reporters in the Oval Office.\n\n"
            "The president said the U.S. “will make the turn” in its battle against the virus.")
    assert _speakers(text)["will make the turn"] == "Trump"


@pytest.mark.parametrize("text, speaker", [
    ("A loss would help Bernie Sanders keep up his momentum.\n\nSpeaking at rallies in her home state of New York, "
     "Hillary Clinton touted her delegate lead.\n\n“This is something Americans deserve,” she told supporters.",
     "Hillary Clinton"),
    ("The crowd cheered Sanders for an hour.\n\nLater that night, at a big rally and concert in Cedar Rapids, "
     "Cornel West made a notable comment. “I have been waiting for this,” he said.", "Cornel West"),
])
def test_he_or_she_is_the_subject_after_a_long_opening_phrase(text, speaker):
    assert speaker in [s for s in _speakers(text).values()]


def test_a_surname_ending_in_ly_is_a_speaker_when_the_article_names_the_person():
    """Fresh story f036: “That’s why this is a perilous course,” Connolly said. (an adverb such as
    "Initially" stays no speaker)."""
    text = ("Representative Gerald Connolly of Virginia spoke on Monday.\n\n"
            "“That’s why this is a perilous course,” Connolly said.")
    assert _speakers(text)["That’s why this is a perilous course,"] == "Connolly"
    assert _speakers("The vote was close.\n\n“We will win,” Initially said the crowd.")["We will win,"] != "Initially"


@pytest.mark.parametrize("text, speaker", [
    ("“Most Democrats still do not want to go down that road,” Representative Gerald Connolly of Virginia, a top "
     "Democrat on the House Oversight Committee, said in an interview.", "Gerald Connolly"),
    ("“Stonewalling Congress is wrong,” Representative Mark Pocan of Wisconsin, who leads the Congressional "
     "Progressive Caucus, said Tuesday in a statement.", "Mark Pocan"),
    ("“I have not been running around declaring victory,” Oversight Chairman Elijah Cummings (D-Md.), said.",
     "Elijah Cummings"),
])
def test_a_speaker_with_a_place_or_party_and_an_aside_after_the_quotation(text, speaker):
    assert list(_speakers(text).values()) == [speaker]


@pytest.mark.parametrize("text, quote, speaker", [
    # fresh story f024: a party and a state between the name and the verb before the quotation
    ("Asked to comment on the flap, Sen. Susan Collins (R) of Maine described it as “unfortunate.”",
     "unfortunate.", "Susan Collins"),
    # f024: a party after the subject, the quotation after a participle
    ("Sen. Ted Cruz (R-Texas) took it one step further on Fox News, calling the criticism “demonstrably false.”",
     "demonstrably false.", "Ted Cruz"),
    # f032: a group panning a proposal
    ("Freedomworks has fought the bill for months.\n\nFreedomworks, a conservative advocacy group, panned the "
     "proposal as “an amendment to the law” on Monday.",
     "an amendment to the law", "Freedomworks"),
])
def test_a_speaker_named_before_the_quotation_with_a_party_or_a_stance_verb(text, quote, speaker):
    assert _speakers(text)[quote] == speaker


def test_his_statement_said_after_a_quotation_is_the_person_named_before():
    text = ("Sen. Sheldon Whitehouse criticised the plan on Friday.\n\n"
            "“Chairman Grassley has rejected many of her reasonable requests,” his statement said.")
    people = [(text.index("Sheldon"), "Sheldon Whitehouse")]
    assert _speakers(text, people)["Chairman Grassley has rejected many of her reasonable requests,"] == \
        "Sheldon Whitehouse"


def test_a_quotation_after_a_reported_clause_ending_x_told_the_times_is_xs():
    """Fresh story f030: the speaker of the reported clause goes on speaking."""
    text = ("Trump has been successful in turning the country's focus to the border, O'Rourke told the Times. "
            "“And now that the country's watching us, let's share with the country who we are.”")
    assert _speakers(text)["And now that the country's watching us, let's share with the country who we are."] \
        == "O'Rourke"


def test_a_sentence_ending_he_said_after_the_quotation_is_his():
    """Fresh story f030: “...” that the ad aired before he announced his candidacy, he said."""
    text = ("Beto O'Rourke spoke to reporters in El Paso on Tuesday.\n\n"
            "“To some degree, it's a form of flattery” that the attack ad aired even before he announced his "
            "candidacy, he said.")
    people = [(0, "Beto O'Rourke")]
    assert _speakers(text, people)["To some degree, it's a form of flattery"] == "Beto O'Rourke"


@pytest.mark.parametrize("text, quote, speaker", [
    ("That was quickly shot down by House Minority Leader Kevin McCarthy, California Republican, who said "
     "Mr. Amash was “out of step with America.”", "out of step with America.", "Kevin McCarthy"),
    ("First, CNN spoke to former tech adviser Clay Johnson, who blamed the problem on “sloppy work by the "
     "contractors” hired for the launch.", "sloppy work by the contractors", "Clay Johnson"),
])
def test_a_named_person_then_who_said_before_the_quotation(text, quote, speaker):
    """Fresh stories f036 and f029."""
    assert _speakers(text)[quote] == speaker


@pytest.mark.parametrize("text, quote, speaker", [
    # fresh stories f006, f008, f002, f017, f011
    ("“Good news for the old guard: as of today, he is no longer the worst,” tweeted conservative pundit Ann Coulter.",
     "Good news for the old guard: as of today, he is no longer the worst,", "Ann Coulter"),
    ("“This is not an issue between the United States and North Korea,” Trump’s national security adviser, "
     "H.R. McMaster, said on Friday.", "This is not an issue between the United States and North Korea,",
     "H.R. McMaster"),
    ("Likewise, Rep. Emanuel Cleaver, Missouri Democrat, tweeted Monday night that “African-Americans have long "
     "believed that police resort to force.”", "African-Americans have long believed that police resort to force.",
     "Emanuel Cleaver"),
    ("Alexios Mantzarlis, director and editor of the Poynter Institute's International Fact-Checking Network, said "
     "that while “Facebook has completely turbo-powered fake news sites, it is also providing a fix.”",
     "Facebook has completely turbo-powered fake news sites, it is also providing a fix.", "Alexios Mantzarlis"),
    ("Reid met McConnell twice.\n\nReid appeared on the chamber floor Monday night to announce, “We've made "
     "tremendous progress, but we are not there yet.”", "We've made tremendous progress, but we are not there yet.",
     "Reid"),
    # f019 and f005: a person named in apposition after a role or an opening committee speaks
    ("The former director of the Defense Intelligence Agency, retired Lt. Gen. Michael Flynn, warned on "
     "Sunday that Iran was “on the march across the whole of the Middle East.”",
     "on the march across the whole of the Middle East.", "Michael Flynn"),
    ("In testimony Wednesday before the House Ways and Means Committee, Robert E. Lighthizer, the U.S. trade "
     "representative, called the practices “an assault on American high-technology industries.”",
     "an assault on American high-technology industries.", "Robert E. Lighthizer"),
])
def test_speakers_named_with_a_role_an_opener_a_long_aside_or_to_announce(text, quote, speaker):
    assert _speakers(text)[quote] == speaker


def test_a_statement_issued_after_an_aside_and_an_adverb_is_the_issuers():
    """Fresh story f004: "Romney, meanwhile, swiftly issued a statement saying the report was “...”"."""
    text = ("Mitt Romney campaigned in Ohio. Romney, meanwhile, swiftly issued a statement saying the report was "
            "\"a sad reminder that the economy is at a virtual standstill.\" He noted the jobless rate is higher.")
    assert _speakers(text)["a sad reminder that the economy is at a virtual standstill."] == "Romney"


def test_a_relative_clause_naming_someone_is_not_an_aside_of_the_name_before_it():
    # rounds 1-3 of the fresh judgements, f010: the Declaration did not write it, Jefferson did
    text = ("The congress adopts the Declaration of Independence, in which Thomas Jefferson, a lifelong "
            "slaveholder, wrote that “all men are created equal.”")
    assert _speakers(text)["all men are created equal."] == "Thomas Jefferson"
    text = ("The board met at the Grand Hotel, where Anna Lindqvist, its chairwoman, said the merger was "
            "“a historic step for both firms.”")
    assert _speakers(text)["a historic step for both firms."] == "Anna Lindqvist"


def test_the_subject_after_an_opening_phrase_of_eight_words_speaks():
    # f007: "But even short of committing a crime, Comey has also made clear that ... was “extremely careless.”"
    text = ("James Comey testified for hours on Tuesday.\n\n"
            "But even short of committing a crime, Comey has also made clear that the private server "
            "was “extremely careless with classified material.”")
    assert _speakers(text, people=[(0, "James Comey")])["extremely careless with classified material."] == "James Comey"


def test_he_never_stands_for_a_woman_named_by_her_first_name():
    # f013: after Dr. Jennifer Mercieca's quotations, "“...,” he said" of Trump's interview is Trump's
    text = ("Donald Trump sat down with Bill O'Reilly on Wednesday night.\n\n"
            "“He implied that there was something he was going to say,” Dr. Jennifer Mercieca, an expert on "
            "political discourse, told CNN.\n\n"
            "“I've never seen anyone in public life use it the way he does,” Mercieca said.\n\n"
            "“So a lot of things are coming out about her,” he said.")
    people = [(0, "Donald Trump"), (text.index("Jennifer"), "Jennifer Mercieca")]
    assert _speakers(text, people)["So a lot of things are coming out about her,"] == "Donald Trump"


def test_he_of_a_surname_two_people_share_is_the_man():
    # f030: Beto and Amy O'Rourke; "he" is Beto
    text = ("Beto O'Rourke spoke in El Paso, where Amy O'Rourke joined him on stage.\n\n"
            "“My preference is to find people who can move to El Paso,” O'Rourke said.\n\n"
            "“The only antidote to that is to be there in person,” he said.")
    people = [(0, "Beto O'Rourke"), (text.index("Amy"), "Amy O'Rourke")]
    speakers = _speakers(text, people)
    assert speakers["The only antidote to that is to be there in person,"] == "Beto O'Rourke"


def test_first_names_news_writes_with_one_pronoun():
    from desktop.core.matching.quote_speakers import first_name_pronouns

    names = first_name_pronouns()
    assert names["Jennifer"] == names["Nancy"] == "she"
    assert names["Donald"] == names["Joe"] == "he"
    assert "Pat" not in names and "Leslie" not in names and "Dana" not in names  # either: no word about them
    # names the news corpus did not tell, from the 1990 US Census lists; the news corpus wins ("Lindsey")
    assert (names["Patty"], names["Tammy"], names["Bernie"], names["Lindsey"]) == ("she", "she", "he", "he")
    assert "Mac" not in names  # too rare among both to tell (Heather Mac Donald)


def test_the_first_name_table_reads_counts_against_how_rarely_news_says_she():
    import sys
    from collections import Counter
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parents[2] / "tools" / "names"))
    from first_name_pronouns import table

    male = Counter({"Donald": 950, "Nancy": 100, "Pat": 80, "Rare": 5, "Other": 4000})
    female = Counter({"Donald": 30, "Nancy": 300, "Pat": 20, "Rare": 5, "Other": 100})
    # corpus-wide "she" share 455 / 5,590 = 0.081: Donald 0.03 is under half of it, Pat 0.2 is neither
    assert table(male, female) == {"Donald": "he", "Nancy": "she", "Other": "he"}


# Rules written after reading the speaker errors of judging rounds 4 and 5 (tests/data/fresh_judgements)


def test_a_bare_surname_is_the_person_of_that_name_named_first():
    # f052: "Clinton" after "Hillary Clinton" and then "Bill Clinton" is Hillary, the story's subject
    text = ("Hillary Clinton spoke in Ohio on Friday.\n\n"
            "She thanked her husband, Bill Clinton, and the crowd.\n\n"
            "“We are going to win this state,” Clinton said.")
    people = [(0, "Hillary Clinton"), (text.index("Bill"), "Bill Clinton")]
    assert _speakers(text, people)["We are going to win this state,"] == "Hillary Clinton"


def test_ms_or_mr_before_a_surname_two_people_share_picks_the_woman_or_the_man():
    # f048: Alisha Delsignore and her husband Nick (here first names the name table knows)
    text = ("Jennifer Delsignore came with her husband, Joe Delsignore, to the caucus.\n\n"
            "“I like her position on those issues,” said Ms. Delsignore.\n\n"
            "“It went just as laid out,” said Mr. Delsignore.")
    people = [(0, "Jennifer Delsignore"), (text.index("Joe"), "Joe Delsignore")]
    speakers = _speakers(text, people)
    assert speakers["I like her position on those issues,"] == "Jennifer Delsignore"
    assert speakers["It went just as laid out,"] == "Joe Delsignore"


def test_a_described_role_before_the_name_still_names_the_speaker():
    # f046: "said Republican operative Jim Dornan", "said conservative Iowa radio host Steve Deace"
    text = ("“Trump is done,” said Republican operative Jim Dornan, who advised him last year.\n\n"
            "“The race is over,” said conservative Iowa radio host Steve Deace, who backed Ted Cruz.")
    speakers = _speakers(text)
    assert speakers["Trump is done,"] == "Jim Dornan"
    assert speakers["The race is over,"] == "Steve Deace"


@pytest.mark.parametrize("opening", ["Separately", "Nonetheless", "Further", "Beyond"])
def test_an_opening_adverb_is_no_speaker(opening):
    # f044, f047: "Separately, “...,” the official said" showed "Separately" as the speaker
    text = f"{opening}, the military commanders were loath. “We lost soldiers looking for him,” one said."
    speaker = _speakers(text)["We lost soldiers looking for him,"]
    assert speaker is None or opening not in speaker


def test_a_web_page_widget_word_or_a_gerund_subject_is_no_speaker():
    from desktop.core.matching.quote_speakers import usable_speaker

    assert usable_speaker("MORE") is None  # The Hill's hover card: "Trump MORE said"
    assert usable_speaker("CLOSE Republican Mike Pence") == "Republican Mike Pence"
    assert usable_speaker("Putting Mr. Robertson") is None  # "Putting Mr. Robertson on hiatus “sent a message”"
    assert usable_speaker("Judiciary Committee Friday") == "Judiciary Committee"
    assert usable_speaker("Irving Kristol") == "Irving Kristol"


def test_said_former_rep_and_eulogized_name_the_speaker():
    # f065, f066 (judging round 6, first half): "said former Rep. Mike Barnes (D-Md.)" and
    # "House Speaker Paul D. Ryan, Wisconsin Republican, eulogized" named nobody
    text = ("“It’s hard to be very optimistic,” said former Rep. Mike Barnes (D-Md.), who led the Brady Center.\n\n"
            "“Here lies a great man,” House Speaker Paul D. Ryan, Wisconsin Republican, eulogized. "
            "“He reached the heights of power with uncommon humility.”")
    speakers = _speakers(text)
    assert speakers["It’s hard to be very optimistic,"] == "Mike Barnes"
    assert speakers["Here lies a great man,"] == speakers["He reached the heights of power with uncommon humility."] \
        == "Paul D. Ryan"


def test_in_a_statement_x_names_who_the_statement_speaks_for():
    # the bundled story, A1: "In a statement, Kaspersky Labs described ... “...,” the statement read."
    text = ("In a statement, Kaspersky Labs described the decision to leave the US market as difficult.\n\n"
            "“The company has carefully examined the impact of the US legal requirements,” the statement read.")
    orgs = [(text.index("Kaspersky"), "Kaspersky Labs")]
    quotes = extract_quotes(1, text, people=(), orgs=orgs)
    assert [q.speaker for q in quotes] == ["Kaspersky Labs"]


def test_it_did_say_is_the_company_the_story_is_about():
    # the bundled story, A2: "it did say the decision affects “less than 50 employees in the U.S.”"
    text = ("Kaspersky says only around 10% of its sales come from business in the US.\n\n"
            "While it did not disclose how many US workers it is laying off, it did say the decision affects "
            "“less than 50 employees in the U.S.”")
    quotes = extract_quotes(1, text, organisations=frozenset({"kaspersky"}), main_org="Kaspersky",
                            people=(), orgs=[(0, "Kaspersky")])
    assert [q.speaker for q in quotes] == ["Kaspersky"]


def test_said_the_role_then_the_name_and_a_new_sentence_after_a_full_stop():
    # round 6, first half (f070, f062, f066)
    speakers = _speakers("“This is a critical first step,” said the House speaker, Paul Ryan of Wisconsin.\n\n"
                         "In St. Louis, the Post-Dispatch called journalists “the truest of patriots.” "
                         "The Chicago Sun-Times said it believed most Americans know better.\n\n"
                         "“Where are we going, Bake?” he asked. “We’re going to heaven,” Mr. Baker answered.")
    assert speakers["This is a critical first step,"] == "Paul Ryan"
    assert speakers["the truest of patriots."] != "Chicago Sun-Times"
    assert speakers["We’re going to heaven,"] == "Baker"
    assert _speakers("“We will win.” Trump said on Tuesday.")["We will win."] == "Trump"


def test_a_short_phrase_quoted_inside_a_sentence_is_its_named_subjects():
    # round 6 (f070): "Trump campaigned ... on replacing it with “something terrific”"
    speakers = _speakers("Donald Trump campaigned with zeal on replacing the law with “something terrific and much cheaper” on day "
                         "one.\n\n"
                         "Kavanaugh was accused of “sexual misconduct” by a woman who knew him.\n\n"
                         "A House Democratic aide crowed that Pelosi “kept Trump off balance all this week” again.\n\n"
                         "Airstrikes are “very important” because the fighters are well armed, and airstrikes help.")
    assert speakers["something terrific and much cheaper"] == "Donald Trump"
    assert speakers.get("sexual misconduct") is None  # passive: the accuser's words
    assert speakers.get("kept Trump off balance all this week") in (None, "House Democratic aide")
    assert speakers.get("very important") is None


@pytest.mark.parametrize("text, named, quote, speaker", [
    # round 8 (f089): "President Obama ... first lady Michelle Obama ... “...,” Obama said" is Barack Obama
    ("President Obama joked about his debate, which came on his and first lady Michelle Obama's "
     "anniversary.\n\n“Spoiler alert: We got bin Laden,” Obama said.", "Michelle Obama",
     "Spoiler alert: We got bin Laden,", "Obama"),
    # a surname used alone again and again is not the relative named later (round 10, f128)
    ("Trump announced the nominee on Tuesday night. Trump had promised a judge who loved the law. "
     "Trump said the choice was easy.\n\nMembers of Trump’s family, including Eric Trump, were also in the "
     "audience.\n\n“Was that a surprise? Was it?” Trump asked after the judge joined him on the podium.",
     "Eric Trump", "Was that a surprise? Was it?", "Trump"),
    # a headline's bare surname before the full name in the lede is that person
    ("Hartley wins the vote\n\nSenator Ann Hartley won the vote on Monday.\n\n“It was a long night,” Hartley said.",
     "Ann Hartley", "It was a long night,", "Ann Hartley"),
], ids=["first lady", "relative named later", "headline before the lede"])
def test_a_bare_surname_is_the_person_the_article_means_not_a_relative(text, named, quote, speaker):
    assert _speakers(text, [(text.index(named), named)])[quote] == speaker


def test_a_quotation_standing_alone_after_a_reported_view_is_that_persons():
    text = ("Liz Mair, a Republican strategist, has worked on three campaigns.\n\n"
            "While she did not believe the evidence was overwhelming, Mair said she could not foresee the party "
            "emerging unscathed.\n\n"
            "“Some of us are wondering if there isn’t an alternative at this point.”\n\n"
            "The hearing ended late on Friday.\n\n"
            "“Nobody here expected a vote this week.”")
    people = [(0, "Liz Mair"), (text.index("Mair said"), "Liz Mair")]
    speakers = _speakers(text, people)
    assert speakers["Some of us are wondering if there isn’t an alternative at this point."] == "Liz Mair"
    assert speakers["Nobody here expected a vote this week."] is None  # the sentence before reports nobody


def test_a_view_reported_with_she_then_a_quotation_in_the_same_paragraph():
    text = ("“He is a man of integrity,” Alice Stewart said of the nominee.\n\n"
            "She nonetheless disagreed with efforts to discredit the accusers. "
            "“The women deserve to be heard, and what they have gone through is heartbreaking.”")
    people = [(text.index("Alice"), "Alice Stewart")]
    assert _speakers(text, people)["The women deserve to be heard, and what they have gone through is heartbreaking."] \
        == "Alice Stewart"


def test_a_quotation_that_goes_on_after_its_closing_mark_is_not_given_to_the_sentence_before():
    text = ("Mair said she could not foresee the party emerging unscathed.\n\n"
            "“An alternative at this point” is what several delegates asked for on Monday.")
    assert _speakers(text, [(0, "Liz Mair")]).get("An alternative at this point") is None


def test_reporting_verbs_in_the_present_tense_name_the_subject():
    text = ("In the declaration, Swetnick alleges she saw the two men “drink excessively at many of these parties.”\n\n"
            "The senator apologized for the remarks but maintains it was just “locker room banter between old friends.”")
    people = [(text.index("Swetnick"), "Julie Swetnick")]
    speakers = _speakers(text, people)
    assert speakers["drink excessively at many of these parties."] == "Julie Swetnick"


def test_who_said_after_a_party_label_or_a_dash():
    text = ("The decision comes despite protests from Senate Minority Leader Chuck Schumer (D., N.Y.), who said "
            "that “Republicans may run but they can’t hide” from the question of witnesses.\n\n"
            "Pelosi did not secure any concessions from Mitch McConnell — who said Democrats were grasping onto "
            "“mythical leverage over the trial” — before the break.")
    people = [(text.index("Chuck"), "Chuck Schumer"), (text.index("Mitch"), "Mitch McConnell")]
    speakers = _speakers(text, people)
    assert speakers["Republicans may run but they can’t hide"] == "Chuck Schumer"
    assert speakers["mythical leverage over the trial"] == "Mitch McConnell"


def test_a_sentence_opening_with_according_to_names_its_quotations_source():
    text = ("According to The Washington Post, the senators' proposal would “allow undocumented immigrants to "
            "achieve probationary legal residency.”")
    assert _speakers(text)["allow undocumented immigrants to achieve probationary legal residency."] \
        == "Washington Post"



def test_a_month_or_a_number_word_is_never_the_speaker():
    text = ("Garner, 59, leads the inquiry and is a frequent target of the mayor. "
            "The mayor in December called Garner “a deranged human being.”\n\n"
            "Three weeks later, on the day after the vote, Ryan delivered what his office called a speech "
            "“on the state of American politics.”")
    speakers = _speakers(text)
    assert speakers.get("a deranged human being.") != "December"
    assert speakers.get("on the state of American politics.") != "Three"


def test_the_spokesperson_speaks_for_the_company_named_with_the_role():
    text = ("The report was first published by The Washington Post on Thursday.\n\n"
            "A spokesperson for Google says the company cares deeply about the security of users' data.\n\n"
            "“We disclose user data to government in accordance with the law,” the spokesperson said.\n\n"
            "A Microsoft spokesperson said that the company only provides data after a binding order.\n\n"
            "“We only ever comply with orders for requests about specific accounts,” the spokesperson said.")
    speakers = _speakers(text)
    assert speakers["We disclose user data to government in accordance with the law,"] == "Google"
    assert speakers["We only ever comply with orders for requests about specific accounts,"] == "Microsoft"


def test_states_after_a_place_is_a_noun_not_a_speech_verb():
    # f151 of the fresh stories: 'multiple "yuuuge" rallies in Southern states' was quoted by "Southern"
    text = ("Recall that he has held multiple “yuuuge” rallies in Southern states, so he is well-positioned to "
            "gain steam in the coming contests.")
    assert raw_quotes(1, text) == []
    [quote] = raw_quotes(1, "The report, which Smith states was “carefully examined and evaluated,” arrived late.")
    assert quote.speaker == "Smith"
    [quote] = raw_quotes(1, "Governors of several states were “deeply worried about the outbreak,” Smith said.")
    assert quote.speaker == "Smith"
    # a quotation long enough to stand without a speech verb: still no "Southern" for it
    assert [q.speaker for q in raw_quotes(1, "He held “huge and very loud rallies” in Southern states last week.")] \
        != ["Southern"]


@pytest.mark.parametrize("text, speaker", [
    ("In a letter to lawmakers, the American Academy of Actuaries warned that “costs to the federal government "
     "could increase as claims rise.”", "American Academy of Actuaries"),
    ('"For three years, state insurance regulators have been working to adapt to the law," the National '
     'Association of Insurance Commissioners said in a statement.', "National Association of Insurance Commissioners"),
    ('"Congress should end the federal unemployment insurance program," the Club for Growth said.', "Club for Growth"),
    ('The Club for Growth said: "Congress should end the federal unemployment insurance program."', "Club for Growth"),
    ("“We will fight this ruling all the way,” the Department of Justice said.", "Department of Justice"),
    # a person "of" a place stays the person
    ("“He knew full well what would happen,” said Sen. Ted Cruz of Texas.", "Ted Cruz"),
])
def test_an_organisation_named_with_of_or_for_is_named_whole(text, speaker):
    """Round 16 of the fresh judgements gave "American Academy", "National Association" and "Growth"."""
    assert list(_speakers(text).values()) == [speaker]


@pytest.mark.parametrize("text, speaker", [
    ('"Ridiculous," says the lawyer for the challengers, Michael Carvin. "The text says precisely the opposite '
     'of what these people purportedly intended."', "Michael Carvin"),
    ("“Our office has never been stronger, and this team will ensure that our work continues,” said acting "
     "Attorney General Barbara Underwood in a statement on Tuesday.", "Barbara Underwood"),
])
def test_a_speaker_after_a_description_or_an_acting_title_is_named(text, speaker):
    assert set(_speakers(text).values()) == {speaker}


def test_an_organisation_that_called_something_a_quoted_name_is_its_speaker():
    text = ('Two influential outside organizations opposed the bill, including Heritage Action, which called the '
            'program of extended unemployment benefits "ineffective and wasteful."')
    assert _speakers(text) == {"ineffective and wasteful.": "Heritage Action"}


def test_a_month_opening_the_sentence_is_no_speaker_and_the_name_after_it_is():
    text = ("On an earnings call in October, Amgen CEO Robert Bradway, speaking of the tax package, said, “we've "
            "been actively returning capital in the form of dividends, and I'd expect us to continue that.”")
    [speaker] = _speakers(text).values()
    assert speaker is not None and speaker.endswith("Robert Bradway")


@pytest.mark.parametrize("text, speaker", [
    ("Mueller's report was released Thursday. “The President’s efforts to influence the investigation were "
     "mostly unsuccessful,” the report stated.", "Mueller"),
    ("The memo detailing her accusations was released by Cummings on Monday. “According to Ms. Newbold, these "
     "individuals had serious issues,” the memo said.", "Cummings"),
    ("Utilities have shuttered coal plants, according to a study by M.J. Bradley & Associates. “Most are small "
     "and old and lack equipment,” the study said.", "M.J. Bradley"),
])
def test_words_quoted_from_a_report_memo_or_study_go_to_its_named_author(text, speaker):
    assert list(_speakers(text).values()) == [speaker]


def test_a_report_without_a_named_author_has_no_speaker():
    assert list(_speakers("“The economy is slowing down sharply this year,” the report said.").values()) == [None]


def test_the_president_saying_something_in_the_quotations_sentence_is_its_speaker():
    text = ('President Obama won re-election on Tuesday. Foreshadowing hard decisions ahead, the president said '
            'blind optimism and wishful idealism "can\'t substitute for the need to make difficult compromises."')
    assert list(_speakers(text, people=[(text.index("Obama"), "Barack Obama")]).values()) == ["Obama"]


@pytest.mark.parametrize("text", [
    '"That is simply not true," Sanders snapped.',
    '"That is simply not true," Sanders shot back.',
    'Sanders fired back: "That is simply not true."',
    '"That is simply not true," Sanders chimed in.',
])
def test_the_sharper_verbs_of_a_reply_name_the_speaker(text):
    assert list(_speakers(text).values()) == ["Sanders"]


def test_a_speech_verb_before_the_name_is_not_part_of_it():
    text = 'The president did not hedge.\n\nSaid Obama: "We will not back down from this fight."'
    assert list(_speakers(text).values()) == ["Obama"]


@pytest.mark.parametrize("text, speaker", [
    ('"We told you that our hands will reach your leaders," the al Qassam Brigades, the military wing of Hamas, '
     'said on Twitter.', "al Qassam Brigades"),
    ('ElBaradei met Mansour for two hours, and "discussions and consultations are ongoing," presidential adviser '
     'Ahmed al-Muslimani said on state-run TV.', "Ahmed al-Muslimani"),
    ('Saudi Ambassador to the United States Adel al-Jubeir told CNN that Riyadh was "concerned about the '
     'interference by Iran."', "Adel al-Jubeir"),
])
def test_a_name_may_open_with_an_arabic_article(text, speaker):
    assert list(_speakers(text).values()) == [speaker]


def test_he_after_a_surname_with_an_arabic_article_is_that_person():
    text = ('And al-Jaafari, the Syrian envoy, told CNN that all Syrians will be victims "of any escalation."\n\n'
            '"We don\'t need wars. We need peaceful settlement of conflicts," he said.')
    assert list(_speakers(text, people=[(text.index("Jaafari"), "al-Jaafari")]).values()) == ["al-Jaafari"] * 2


def test_a_role_of_a_country_then_the_name_in_apposition_names_the_speaker():
    text = ('"We assumed it would take a while for the cease-fire to take hold," Israel\'s ambassador to the United '
            'States, Michael Oren, told CNN.')
    assert list(_speakers(text).values()) == ["Michael Oren"]


@pytest.mark.parametrize("text, speaker", [
    ("Calling it “an important step” toward ridding the world of chemical weapons, President Obama on Saturday "
     "praised an agreement between the U.S. and Russia.", "Obama"),
    ('WASHINGTON — Declaring that the world is entering a "new era of competition," President Trump outlined a '
     "national security strategy Monday.", "Trump"),
    ('Saying it was "a sad day for the Senate," Senator Mark Warner left the room.', "Mark Warner"),
])
def test_a_quotation_in_the_opening_participle_phrase_is_the_main_subjects(text, speaker):
    assert list(_speakers(text).values()) == [speaker]


def test_an_opening_participle_without_a_subject_after_it_names_no_one():
    assert list(_speakers('Calling it "an important step" toward peace, the deal was signed.').values()) == [None]


def test_the_people_of_an_organisation_speak_for_it():
    text = ("“We have no comment on his views,” A&E executives said in a statement Wednesday. “His personal views in "
            "no way reflect those of A&E Networks.”")
    assert list(_speakers(text).values()) == ["A&E", "A&E"]


def test_a_muttered_remark_is_the_mutterers():
    text = '"Oh my God. That was brutal," Trump muttered to Christie on the debate stage. "Tremendous."'
    assert list(_speakers(text).values()) == ["Trump", "Trump"]


@pytest.mark.parametrize("text, speaker", [
    ('Ted Olson met the press. And yet, as he puts it, "The state of California is saying you can marry whoever '
     'you want."', "Ted Olson"),
    ('"He would look at the portrait in the office," Sullivan recalls.', "Sullivan"),
    ("At the White House, spokesman Jay Carney refused to “give post-game analysis before the game is over.”",
     "Jay Carney"),
])
def test_puts_it_recalls_and_refused_to_lead_to_the_speakers_words(text, speaker):
    assert list(_speakers(text).values()) == [speaker]


def test_a_refusal_in_a_clause_before_another_speaker_is_not_the_speakers():
    text = ('But asked what would happen if Congress refused to authorize military action, Kerry said, "We\'re not '
            'contemplating that, because it\'s too dire."')
    assert list(_speakers(text).values()) == ["Kerry"]


@pytest.mark.parametrize("text, speaker", [
    ('"We will win in November," Amy Kremer, chairman of Tea Party Express said in a statement. "Tonight we sent a '
     'message that should shake Chicago."', "Amy Kremer"),
    ('"This is something I have never seen in my 25 years here," Alasdair Conn, chief of emergency services at '
     'Massachusetts General Hospital said Monday night; "this amount of carnage in the civilian population."',
     "Alasdair Conn"),
])
def test_the_organisation_a_speaker_belongs_to_does_not_take_the_next_quotation(text, speaker):
    assert list(_speakers(text).values()) == [speaker, speaker]


def test_a_spokesperson_for_an_organisation_still_speaks_for_it():
    text = 'A spokesperson for Google says the company "cares deeply" about the security of users\' data.'
    assert list(_speakers(text).values()) == ["Google"]


@pytest.mark.parametrize("text, speaker", [
    ('Finally, it got to Ryan, who snarled, "I know you\'re under a lot of duress."', "Ryan"),
    ("The Democratic National Committee blasted Trump for trying to \"silence\" Yates and predicted a fight.",
     "Democratic National Committee"),
])
def test_a_snarl_and_an_organisation_opening_the_sentence_name_the_speaker(text, speaker):
    assert list(_speakers(text).values()) == [speaker]


@pytest.mark.parametrize("written, shown", [
    ("Elise Stefanik Elise Marie StefanikMeadows", "Elise Stefanik"),
    ("Brian Schatz Brian Emanuel SchatzCongress", "Brian Schatz"),
    ("MarketWatch", "MarketWatch"),
    ("AbdulMawgoud Dardery", "AbdulMawgoud Dardery"),
    ("Kevin McCarthy", "Kevin McCarthy"),
])
def test_a_widget_headline_glued_onto_a_name_is_cut_off(written, shown):
    from desktop.core.matching.quote_speakers import usable_speaker

    assert usable_speaker(written) == shown


@pytest.mark.parametrize("text, speaker", [
    # a sentence ending inside the words after the closing mark ends the name (was "He le")
    ("The council met on Monday. “The bill is dead,” said John Smith. He left the meeting early.", "John Smith"),
    # a plain person's role before the name: a resident, a poll respondent, a member
    ("“We will rebuild the town,” said longtime resident Mary Jones. The mayor agreed.", "Mary Jones"),
    ("“The stuff with the emails — that doesn’t bother me,” said poll respondent Craig Glassmeyer, 50, a screen "
     "printer from Cedar Rapids.", "Craig Glassmeyer"),
    # a lowercase level of government before a title
    ("“The bill is dead,” state Sen. John Smith said on Tuesday.", "John Smith"),
])
def test_a_plain_role_or_a_sentence_end_after_the_quotation(text, speaker):
    [found] = _speakers(text).values()
    assert found == speaker


@pytest.mark.parametrize("text, speaker", [
    # someone described, then named
    ("“No, never,” said a young man named Rusty Pearce, a delegate from the state.", "Rusty Pearce"),
    ("“Unfortunately, that is not true,” chimed in an older woman named Theresa Trujeque standing next to me.",
     "Theresa Trujeque"),
    ("“This district should have been a slam dunk,” said the congressman Ben Ray Luján, chairman of the committee.",
     "Ben Ray Luján"),
    # someone's relation, then the name: not the person the relation belongs to
    ("“I want to see him,” said Mr. Reid’s girlfriend, Kailyn Leckie, 23. The crowd grew.", "Kailyn Leckie"),
    ("“I want to see him,” said Mr. Reid’s girlfriend. The crowd grew.", None),
    # a role and the name in apposition: the name, not a verb further on ("called")
    ("“Today we sent a clear message,” the Missouri AFL-CIO president, Mike Louis, said after the vote was called.",
     "Mike Louis"),
    # a committee named with "and" before its chair, and a party-state tag
    ("“Job growth is still woefully behind,” House Ways and Means Chairman Dave Camp, R-Mich., said in a statement.",
     "Dave Camp"),
])
def test_a_name_after_a_description_a_relation_or_a_committee(text, speaker):
    [found] = _speakers(text).values()
    assert found == speaker


@pytest.mark.parametrize("text, speaker", [
    # a subordinate clause opening the sentence names no speaker when the main clause does
    ("When Booker noted that Sanders supported medical marijuana, Sanders joked, “But I am not on it tonight.”",
     "Sanders"),
    # ... and names its subject when nothing else does
    ("When Clinton said she had “called out” the big banks, the crowd cheered.", "Clinton"),
])
def test_a_sentence_opening_word_is_no_name(text, speaker):
    [found] = _speakers(text).values()
    assert found == speaker


@pytest.mark.parametrize("text, junk", [
    # a sentence's opening preposition or imperative is no part of a name
    ("In Davos, Trump repeated his attacks, saying that he would like to “sit right in the front row” soon.",
     "In Davos"),
    ("Consider this comment from Rep. Ben Ray Lujan, D-N.M., chairman of the committee (DCCC): “That this race is "
     "too close to call speaks volumes.”", "Consider"),
])
def test_an_opening_preposition_or_imperative_is_never_shown_as_a_speaker(text, junk):
    [found] = _speakers(text).values()
    assert found is None or junk.split()[0] not in found


def test_she_is_never_a_man_the_article_calls_mr_nor_a_name_the_census_gives_he():
    text = ("Mr. Boehner met the president on Monday. Cole said the talks went on.\n\n"
            "“Start with that and go from there,” she told reporters.")
    assert _speakers(text, people=[(0, "Boehner"), (text.index("Cole"), "Tom Cole")]) == \
        {"Start with that and go from there,": None}
    text = ("Patty Murray spoke first. Cole seemed nonplussed.\n\n"
            "“My job is to get the best deal I can get,” he said.")
    people = [(0, "Patty Murray"), (text.index("Cole"), "Tom Cole")]  # "Patty": no name the news corpus tells
    assert _speakers(text, people=people) == {"My job is to get the best deal I can get,": "Tom Cole"}


def test_a_korean_surname_first_is_no_first_name():
    text = ("South Korean Defense Minister Kim Kwan-jin spoke at a meeting of lawmakers.\n\n"
            "“If there is a serious situation, we are fully ready,” he said.")
    people = [(text.index("Kim"), "Kim Kwan-jin")]
    assert _speakers(text, people=people) == {"If there is a serious situation, we are fully ready,": "Kim Kwan-jin"}


def test_the_president_is_the_president_named_not_the_opening_phrase_before_the_role():
    text = ("The defeat is a blow to both Senate leadership and President Donald Trump. Taking to Twitter, the "
            "president said the party should let the law implode.\n\n"
            "“Three Republicans let the American people down,” the president tweeted.")
    assert list(_speakers(text).values()) == ["Donald Trump"]


def test_a_role_holder_named_after_an_abbreviated_title_keeps_the_name():
    text = ("The House intelligence committee chairman, Rep. Mike Rogers, spoke on Sunday. The chairman said the "
            "leakers do not “have a clue how this thing works.”")
    assert list(_speakers(text).values()) == ["Mike Rogers"]


@pytest.mark.parametrize("text, speaker", [
    # a page's headline list run into a lawmaker's name, up to its "MORE" link, after the quotation ...
    ("“It’s a terrible decision,” Sen. Marco Rubio Marco Antonio RubioGOP senators plan to tune out impeachment "
     "week Republicans warn election results are 'wake-up call' for Trump MORE (R-Fla.) said Wednesday.",
     "Marco Rubio"),
    # ... and before it
    ("Sen. Ron Johnson Ronald (Ron) Harold JohnsonOvernight Health Care: Trump officials making changes | House "
     "panel advances ban Why Republicans are afraid to call a key witness MORE (R-Wis.) told reporters, “I’m "
     "shocked at this.”", "Ron Johnson"),
])
def test_a_headline_widget_run_into_a_name_is_read_past(text, speaker):
    [found] = _speakers(text).values()
    assert found == speaker


# The Hill's pages as read (f290, f291): a lawmaker's name, the headline list, "MORE", the party and state
_COTTON = ("Iran hawks pointed fingers at Tehran.\n\n“When an Iran-backed militia killed an American in Iraq last week, "
           "it met with a firm response,” Sen. Tom Cotton Thomas (Tom) Bryant CottonHillicon Valley: Lawmakers say "
           "Facebook deepfake ban falls short | House passes bills to win 5G race Cotton introduces bill blocking intel "
           "sharing with countries relying on Huawei for 5G GOP senators introduce resolution to change rules, dismiss "
           "impeachment without articles MORE (R-Ark.) tweeted. “Now our embassy in Baghdad has been attacked in yet "
           "another reckless escalation.”\n\nThe embassy was calm on Wednesday.")
_BOLTON = ("Tuesday’s storming of the U.S. Embassy in Iraq also elicited historical comparisons.\n\nJohn Bolton John "
           "BoltonParnas says he doesn't think that Joe Biden did anything wrong regarding Ukraine Parnas: Environment "
           "around Trump 'like a cult' Collins says she's 'likely' to support calling witnesses for impeachment trial "
           "MORE, one of Trump’s former national security advisers, called Tuesday’s incident in Baghdad “straight "
           "from Iran's playbook in 1979” when Iranians stormed the U.S. Embassy in Tehran.")
_KAINE = ("Highlighting Iraq’s opposition to the U.S. strikes, Sen. Tim Kaine Timothy (Tim) Michael KaineHouse war "
          "powers sponsor expects to take up Senate version of resolution Sens. Kaine, Lee: 'We should not be at war "
          "with Iran unless Congress authorizes it' Overnight Defense: War powers fight runs into impeachment | Kaine "
          "has 51 votes for Iran resolution | Trump plans to divert .2B from Pentagon to border wall MORE (D-Va.) "
          "tweeted that “Trump’s malpractice in the region is making us less safe.”")


@pytest.mark.parametrize("text, quote, speaker", [
    # the quotation after the sentence that names the speaker goes on with the same speaker
    (_COTTON, "Now our embassy in Baghdad has been attacked in yet another reckless escalation.", "Tom Cotton"),
    # "MORE," and then an apposition
    (_BOLTON, "straight from Iran's playbook in 1979", "John Bolton"),
    # no sentence starts inside the headlines ("... Kaine, Lee: 'We should not be ...")
    (_KAINE, "Trump’s malpractice in the region is making us less safe.", "Tim Kaine"),
])
def test_every_reading_of_a_quotation_reads_past_a_headline_widget(text, quote, speaker):
    assert _speakers(text)[quote] == speaker


def test_a_quotation_after_a_headline_widget_keeps_its_place_and_words():
    found = {q.text: q for q in raw_quotes(1, _COTTON)}
    for words, quote in found.items():
        assert _COTTON[quote.start:quote.end] == words
    assert "Now our embassy in Baghdad has been attacked in yet another reckless escalation." in found


@pytest.mark.parametrize("text, speaker", [
    # a party word, then the lawmaker in apposition
    ("The number two Republican, Sen. John Thune of South Dakota, announced Friday that he opposes the deal because "
     "it breaches spending caps “and does not include meaningful spending reforms.”", "John Thune"),
    # more verbs of speech: concurring, clarifying, a verdict in the speaker's words
    ("The ranking Republican, Sen. Saxby Chambliss of Georgia, concurred in stating the program has let authorities "
     "gather “significant information on bad guys.”", "Saxby Chambliss"),
    ("Trump later clarified that he “has personally directed the fix to the unmasking process.”", "Trump"),
    ("The Center for Constitutional Rights blasted it as “the broadest surveillance order ever issued.”",
     "Center for Constitutional Rights"),
    # a day between the name and the verb
    ("President Obama on Wednesday reiterated the condemnation “in the strongest terms” of the attacks.", "Obama"),
    # words called something by someone
    ("Four people were killed in an act described as “sick and depraved” by British Prime Minister Theresa May.",
     "Theresa May"),
    ("It was a comment he made there that was labeled a “misstep” by the Washington Post.", "Washington Post"),
])
def test_a_speaker_named_in_apposition_after_a_day_or_after_the_words_with_by(text, speaker):
    [found] = _speakers(text).values()
    assert found == speaker


@pytest.mark.parametrize("text, speaker", [
    # the person a sentence ends with answers in the next paragraph
    ("Warren called for a public option. That drew a sharp response from Senator Amy Klobuchar.\n\n"
     "“There are three women up here who have fought pretty hard for that,” she said, looking at Warren.",
     "Amy Klobuchar"),
    # "Said Dershowitz on the charges:" and "said one of Trump's lawyers, Alan Dershowitz,"
    ("Said Dershowitz on the impeachment charges sent to the Senate: “This is a realistic threat to all presidents.”",
     "Dershowitz"),
    ("“You cannot turn conduct that is not impeachable into impeachable conduct,” said one of Trump’s lawyers, "
     "Alan Dershowitz, calling the charges vague.", "Alan Dershowitz"),
    ("“I didn’t say squash them,” Ryan pushed back.", "Ryan"),
    # a particle is a whole word: not "Trump’s la" of "lawyer"
    ("“It is fine,” said Trump’s lawyer, Rudy Giuliani.", "Rudy Giuliani"),
    # a committee named with "and" before its chair
    ("“The bill is good,” House Energy and Commerce Committee Chairman Frank Pallone said.", "Frank Pallone"),
    # men of other countries whose first names are women's in the US lists
    ("French Prime Minister Jean Castex spoke Tuesday. “We will act,” he said.", "Jean Castex"),
])
def test_an_answer_a_relation_in_apposition_and_a_name_with_a_particle(text, speaker):
    [found] = _speakers(text).values()
    assert found == speaker


@pytest.mark.parametrize("text, wrong", [
    # the words a subject calls something are the subject's, not the one the phrase names after "by"
    ("Trump denounced the “witch hunt” by Democrats in Congress.", "Democrats"),
    ("Trump lashed out at what he called the “witch hunt” by Special Counsel Robert Mueller.", "Robert Mueller"),
    # "Our Revolution" is a name; a clause before the main clause is nobody's speech
    ("Since Trump said the vote was rigged, his supporters have repeated the phrase “stop the steal” at rallies.",
     "Trump"),
    # a title in apposition is no name
    ("The top Democrat, Acting Director of National Intelligence, warned that “we are not safe.”", "Acting Director"),
])
def test_a_name_after_by_or_a_title_in_apposition_is_no_speaker(text, wrong):
    [found] = _speakers(text).values()
    assert found != wrong


def test_our_revolution_is_an_organisations_name_not_an_opening_word():
    assert list(_speakers("“This is a win,” Our Revolution said in a statement.").values()) == ["Our Revolution"]


def test_a_title_followed_by_its_author_is_no_quotation():
    text = ("Handel's backers surrounded a podium while upbeat songs played, including “Don’t Worry About a Thing” "
            "by Bob Marley and “Spirit in the Sky” by Norman Greenbaum. “We won tonight,” Handel said.")
    assert _speakers(text) == {"We won tonight,": "Handel"}


@pytest.mark.parametrize("text", [
    # a crowd's chant
    "Handel celebrated her win on Tuesday to a crowd chanting “Karen, Karen, Karen” as she heads to Congress.",
    "She thanked the president, and her supporters broke into chants of “Trump! Trump! Trump!”",
    "She was nearly drowned out by roughly 50 supporters as they chanted “flip the 6th! flip the 6th!” at the door.",
    # a term named as one
    "Authorities say the gunman attached what is called a “bump-stock” to two of his weapons.",
    "McCain said he wants to focus on closing so-called tax “loopholes” to raise revenue.",
    "Verizon hands records to the NSA under a top secret program called “Prism.” Obama defended it.",
    "The commander of an Islamist brigade known as “Abu Obaida ibn al-Jarrah” was named on Friday, Smith said.",
])
def test_a_crowds_chant_or_a_term_named_as_one_is_no_ones_words(text):
    [quote] = extract_quotes(1, text)
    assert (quote.speaker, quote.speaker_as_written) == (None, None)


def test_marks_around_punctuation_alone_are_no_quotation():
    text = "He said he doesn't think systemic racism exists in policing “,” many were stunned, Smith said."
    assert extract_quotes(1, text) == []


@pytest.mark.parametrize("text, speaker", [
    # a lawmaker's state and party in apposition is no name
    ("Senate Budget Committee Chairman Patty Murray, Washington Democrat, hailed the deal, saying it shows “we can "
     "do something without another crisis lurking.”", "Patty Murray"),
    # "the Speaker" is the House speaker the article names, not an organisation called "Speaker"
    ("House Speaker John Boehner lashed out at the groups. The Speaker said their actions were “ridiculous” and left.",
     "John Boehner"),
    # words someone said, as another person recounts them: the one who said them
    ("As he ended his comments, Pence said, “Pray for the president; pray for his family,” according to Rep. Dave "
     "Reichert of Washington.", "Pence"),
])
def test_a_party_in_apposition_the_speaker_and_words_recounted_by_someone_else(text, speaker):
    [found] = _speakers(text).values()
    assert found == speaker


@pytest.mark.parametrize("line", ["Advertisement Continue reading the main story", "ADVERTISEMENT", "Advertisement"])
def test_an_advertisement_line_is_never_the_one_he_stands_for(line):
    # as The New York Times's and The Hill's pages are read (f294: "He" was "Advertisement Continue")
    text = (f"Clint Eastwood took the stage on Thursday night.\n\n{line}\n\nHe engaged in a series of exchanges with "
            "an empty chair, saying at one point, “What do you want me to tell the governor?”")
    assert _speakers(text) == {"What do you want me to tell the governor?": "Clint Eastwood"}


@pytest.mark.parametrize("text, speaker", [
    # someone's role in words, then the name in apposition: the name speaks, not the one whose role it is
    ("Meanwhile, Ukraine's acting interior minister, Arsen Avakhov, said on his official Facebook page that a warrant "
     "has been issued for the “mass killing of civilians.”", "Arsen Avakhov"),
    ("The European Union's top diplomat, Catherine Ashton, urged “security forces to exercise utmost restraint and the "
     "government to end the emergency.”", "Catherine Ashton"),
    ("Tsarnaev's wife, Katherine Russell, issued a statement through her attorney's office saying she is “devastated "
     "by the news of her husband.”", "Katherine Russell"),
])
def test_a_role_given_as_someones_then_the_name_is_the_named_persons(text, speaker):
    assert list(_speakers(text).values()) == [speaker]


@pytest.mark.parametrize("text, quote, speaker", [
    # a title of a body before the name
    ("“Attracting talented educators is among the most important tasks,” California Superintendent of Public "
     "Instruction Tom Torlakson said yesterday in a statement.",
     "Attracting talented educators is among the most important tasks,", "Tom Torlakson"),
    # a statement named after "In" at the start of the sentence is where the words were said, not who said them
    ("In a televised statement, U.S. Secretary of State John Kerry called for a political resolution, saying that "
     "“violence is simply not a solution in Egypt or anywhere else.”",
     "violence is simply not a solution in Egypt or anywhere else.", "John Kerry"),
    # a party and state without the comma after them; a quotation broken by it goes on with the lawmaker
    ("“We have to act,” Senate Majority Leader Mitch McConnell, R-Ky. said on the Senate floor, “because Obamacare "
     "is a direct attack on the middle class.”", "because Obamacare is a direct attack on the middle class.",
     "Mitch McConnell"),
])
def test_titles_of_a_body_statements_and_party_tags_are_read_past(text, quote, speaker):
    assert _speakers(text)[quote] == speaker


def test_a_party_and_state_are_never_a_speaker():
    from desktop.core.matching.quote_speakers import usable_speaker

    assert usable_speaker("R-Ky.") is None and usable_speaker("D-Calif.") is None
    assert usable_speaker("Ron DeSantis") == "Ron DeSantis"


_REPORTS = ("As often happens when news such as this is breaking, there are conflicting details. NBC News is saying "
            "that “at least 15 people were killed.” Al-Jazeera reports that “at least 40 people died.” Leila says “the "
            "official number is 10,” but that the Brotherhood is saying that hundreds are dead.")


@pytest.mark.parametrize("text, quote, speaker", [
    # "is saying that": a reporting verb in the progressive
    (_REPORTS, "at least 15 people were killed.", "NBC News"),
    # after a quotation ending its sentence, "Leila says" introduces the next quotation, not this one
    (_REPORTS, "at least 40 people died.", "Al-Jazeera"),
    (_REPORTS, "the official number is 10,", "Leila"),
    # the source a sentence opens with is not the one who speaks in it
    ("According to Al Ahram, Hossam Moenes, spokesperson for the leftist Egyptian Popular Current, said on Twitter "
     "that the appointments don't “bode well.”", "bode well.", "Hossam Moenes"),
    # an email is someone's words
    ("Few could recall such an odd performance. “Bill Clinton introducing Michael Dukakis just went to a distant "
     "second place as a bizarre moment,” emailed NBC’s Tom Brokaw, who attended his first convention in 1968.",
     "Bill Clinton introducing Michael Dukakis just went to a distant second place as a bizarre moment,", "Tom Brokaw"),
])
def test_progressive_and_next_quotation_reports_are_read_as_written(text, quote, speaker):
    assert _speakers(text)[quote] == speaker


def test_what_someone_is_calling_a_thing_stays_a_term():
    # "They are calling this view “principled realism.”": a name for a view, no one's words (judged so)
    text = "Aides say the speech will set out the doctrine. They are calling this view “principled realism.”"
    assert list(_speakers(text).values()) in ([], [None])


@pytest.mark.parametrize("text, quote, speaker", [
    # a party and state in apposition, then "who said"
    ("U.S. lawmakers from both parties criticized Trump's comments, including Sen. John McCain, R-Ariz., who said he "
     "took “exception to the President's comments because you've got to be sure.”",
     "exception to the President's comments because you've got to be sure.", "John McCain"),
    # the programme someone talks to is not the one who speaks
    ("Talking to All Things Considered, Keith Glavish, who lives about five houses away, says he has occasionally "
     "heard “shots” that “sound like firecrackers.”", "sound like firecrackers.", "Keith Glavish"),
    # someone's role named as someone's, then the name, after the quotation
    ("Aides spoke on Tuesday. “I was as frustrated, concerned and disappointed as anyone with Director Comey's "
     "handling of the email investigation,” said Clinton's former campaign manager, Robby Mook.",
     "I was as frustrated, concerned and disappointed as anyone with Director Comey's handling of the email "
     "investigation,", "Robby Mook"),
])
def test_appositions_after_a_tag_a_programme_or_a_possessive_role_name_the_speaker(text, quote, speaker):
    assert _speakers(text)[quote] == speaker


@pytest.mark.parametrize("text, quote, speaker", [
    # the name after an age
    ("Voters in Indiana are split. “He’s got the middle class at heart,” says the 58-year-old Chrysta Walker.",
     "He’s got the middle class at heart,", "Chrysta Walker"),
    ("The delegation was restive. “Because I’m not selfish,” says 22-year-old Bernie activist Hailey Storsved, who "
     "led the student movement for Sanders at her university.", "Because I’m not selfish,", "Hailey Storsved"),
])
def test_the_name_after_an_age_is_the_speaker(text, quote, speaker):
    assert _speakers(text)[quote] == speaker


def test_a_sentence_adverb_is_never_a_speaker():
    from desktop.core.matching.quote_speakers import usable_speaker

    assert [usable_speaker(word) for word in ("Indeed", "Instead", "Meanwhile", "Oftentimes")] == [None] * 4


# --- found by a review of the rules above (2026-12-08): each once went wrong


@pytest.mark.parametrize("text, speaker", [
    # a named speaker keeps the quotation when a role given as someone's and a region follow in apposition
    ("Jane Smith, Google's head of policy, North America, said “we are committed to privacy.”", "Jane Smith"),
    ("“Sales are strong,” Tom Jones, Microsoft's general manager, Western Europe, said.", "Tom Jones"),
])
def test_a_named_speaker_is_not_replaced_by_the_last_part_of_an_apposition(text, speaker):
    assert list(_speakers(text).values()) == [speaker]


@pytest.mark.parametrize("text", [
    "Berkeley officials were adding “burdensome” conditions to her speech.",
    "Officers were responding to a report of a man “waving a gun around” when they confronted him.",
])
def test_a_progressive_of_a_verb_that_is_not_speech_here_names_no_speaker(text):
    assert list(_speakers(text).values()) in ([], [None])


def test_a_headline_widget_starts_on_a_whole_word_of_one_line():
    # was "NG" of "LEADING" ... "CONGRESS": the name inside the removed span, the speaker "LEADING"
    text = ("LEADING THE DAY\n\nCONGRESS: On Monday, Rep. John Ratcliffe John Lee RatcliffeHillicon Valley: Senate "
            "passes bill MORE (R-Texas) said “I will serve with honor and integrity.”")
    assert _speakers(text) == {"I will serve with honor and integrity.": "John Ratcliffe"}


@pytest.mark.parametrize("text", [
    "The memo read: " + "XXXXXXXXXXXXXXXXXXXX " * 1000 + "\n\nFor MORE on this, “we will release everything soon,” he said.",
    ("A" * 2000 + "\n") * 5 + " x MORE “and that is all,” she said.",
])
def test_long_runs_of_capitals_before_more_are_read_in_one_pass(text):
    # the widget pattern once backtracked for seconds to minutes on these (a cube of the run's length)
    assert len(_speakers(text)) == 1


def test_a_pronoun_after_a_quotation_speaks_for_it_though_a_quotation_follows():
    text = ("Mary Jones met voters in Ohio.\n\nTom Brown, her rival, stayed home.\n\n“We will win in November.” she "
            "said, “and nobody can stop us.”")
    speakers = _speakers(text, people=[(0, "Mary Jones"), (text.index("Tom"), "Tom Brown")])
    assert speakers == {"We will win in November.": "Mary Jones", "and nobody can stop us.": "Mary Jones"}


def test_widget_spans_across_lines_are_removed_without_overlap():
    text = ("“We must act now on this,” said Sen. Tom Cotton\nAdvertisement\nAdvertisement\nCottonHeadline one | "
            "Headline two MORE on Monday. “And we will,” he added.")
    found = raw_quotes(1, text)
    assert [text[q.start:q.end] for q in found] == [q.text for q in found] == ["We must act now on this,",
                                                                             "And we will,"]


@pytest.mark.parametrize("text, speaker", [
    ("According to the newspaper Al Ahram, Hossam Moenes, a spokesperson, said on Twitter that the appointments "
     "don't “bode well.”", "Hossam Moenes"),
    # before a quotation "emailed" takes a thing: the documents' readers wrote the words
    ("Smith emailed the documents to reporters, who wrote “this is a scandal of epic size.”", None),
])
def test_a_source_named_with_a_description_and_an_email_with_an_object(text, speaker):
    assert list(_speakers(text).values()) == [speaker]


def test_a_photo_caption_share_bar_is_no_name():
    # The Guardian's pages as read: "Facebook Twitter Pinterest <caption>" lines (f318: the president's words went
    # to "Facebook Twitter Pinterest The Washington")
    text = ("In a speech that lasted 47 minutes, Trump laboured over a heroic version of American military history. He "
            "summoned military leaders to the podium.\n\nFacebook Twitter Pinterest The Washington monument as the US "
            "navy Blue Angels fly over at the conclusion of Donald Trump’s Independence Day celebration. Photograph: "
            "Andrew Harnik/AP\n\nThe president sailed close to one of his campaign lines when he claimed, “our nation "
            "is stronger than it ever was before”, but swerved past party politics.")
    people = [(text.index("Trump"), "Donald Trump"), (text.index("Donald"), "Donald Trump")]
    assert _speakers(text, people) == {"our nation is stronger than it ever was before": "Donald Trump"}


@pytest.mark.parametrize("text", [
    # a capitalised word the article also writes in lower case is a thing, not a speaker
    "The deal asks countries to report their emissions. Countries like China and India had opposed overly intrusive "
    "inspections, which is why the deal calls for a “transparency framework” that is “facilitative, non-intrusive, "
    "non-punitive.” Countries must report every five years.",
    "More important, according to the paper, the expansion of the site “led to a 10% to 17% reduction in homicides.”",
])
def test_a_common_noun_opening_the_sentence_is_no_speaker(text):
    assert set(_speakers(text).values()) <= {None}


def test_an_enlarge_button_and_its_caption_are_no_name():
    # NPR's pages as read (f321: "he" was "Enlarge")
    text = ("The co-pilot appears to have deliberately crashed the plane, Marseille prosecutor Brice Robin said at a news "
            "conference Thursday.\n\nEnlarge this image toggle caption Franck Pennant/AFP/Getty Images Franck "
            "Pennant/AFP/Getty Images\n\nBut, he said: \"There's nothing showing that this is a terrorist act.\"")
    assert _speakers(text) == {"There's nothing showing that this is a terrorist act.": "Brice Robin"}

"""Claim units: sentences cut into claims, attribution kept apart, what never links."""

from __future__ import annotations

import re

import pytest

from desktop.core.matching.claims import claim_units


def units(text: str):
    return [u for u in claim_units(1, text)[1]]


def claims(text: str) -> list[str]:
    return [u.text for u in units(text) if u.kind == "claim"]


@pytest.mark.parametrize("sentence, claim, source, verb", [
    ("Kaspersky will close its US business and lay off staff, the company said in a statement.",
     "Kaspersky will close its US business and lay off staff", "the company", "said"),
    ("According to the New York Times, the FBI opened an inquiry in May.",
     "the FBI opened an inquiry in May.", "the New York Times", "according to"),
    ("The ban takes effect on July 20, according to a Commerce Department notice.",
     "The ban takes effect on July 20", "a Commerce Department notice", "according to"),
    ("The layoffs affect fewer than 50 employees, said Kaspersky spokesperson Sawyer VanHorn.",
     "The layoffs affect fewer than 50 employees", "Kaspersky spokesperson Sawyer VanHorn", "said"),
    ("Kaspersky said it would wind down its operations in the United States on July 20.",
     "it would wind down its operations in the United States on July 20.", "Kaspersky", "said"),
    ("The economy added 113,000 jobs in January, the Labor Department said Friday.",
     "The economy added 113,000 jobs in January", "the Labor Department", "said"),
    # a count in words after the verb, and "has said": the source without "has"
    ("The Centers for Disease Control and Prevention has said five people across the country have died.",
     "five people across the country have died.", "The Centers for Disease Control and Prevention", "said"),
    # after a quotation: the quotation is the claim, with its closing mark; who said it is data
    ("\u201cWe will be prepared to deal with any eventuality there,\u201d Defense Secretary Chuck Hagel said Thursday.",
     "\u201cWe will be prepared to deal with any eventuality there,\u201d", "Defense Secretary Chuck Hagel", "said"),
    ('"The company made a sad and difficult decision," said Kaspersky spokesperson Sawyer VanHorn.',
     '"The company made a sad and difficult decision,"', "Kaspersky spokesperson Sawyer VanHorn", "said"),
])
def test_attribution_is_cut_off_the_claim_and_kept_as_data(sentence, claim, source, verb):
    """Two outlets quoting one person's two different remarks share the attribution, not the claim
    ("..., we have to be prepared" / "..., we have to understand that reality," both "Defense Secretary
    Chuck Hagel said Thursday."): the attribution is cut off and kept as data."""
    [unit] = units(sentence)
    assert unit.text == claim and sentence[unit.start:unit.end] == claim
    assert (unit.attribution.source, unit.attribution.verb) == (source, verb)
    a = unit.attribution
    assert sentence[a.start:a.end] == a.text


# From the fresh AllSides stories (f093, f054, f019): a name and what the person is, then what they said
@pytest.mark.parametrize("sentence, claim, source, verb", [
    ("Rep. Peter Welch, a Vermont Democrat, says the debt ceiling has simply become an opportunity for Congress "
     "to make mischief.", "the debt ceiling has simply become an opportunity for Congress to make mischief.",
     "Rep. Peter Welch, a Vermont Democrat", "says"),
    ("The suspects' mother, Zubeidat Tsarnaev, said Tuesday that she believed her sons had been framed.",
     "she believed her sons had been framed.", "The suspects' mother, Zubeidat Tsarnaev", "said"),
    ("Ilhem Messaoudi, a virologist at the University of California, told the newspaper that the virus is spread "
     "through droplets.", "the virus is spread through droplets.",
     "Ilhem Messaoudi, a virologist at the University of California", "told"),
])
def test_a_speaker_described_between_commas_is_the_attribution_and_what_they_said_the_claim(sentence, claim,
                                                                                          source, verb):
    [unit] = units(sentence)
    assert (unit.text, unit.kind) == (claim, "claim") and sentence[unit.start:unit.end] == claim
    assert (unit.attribution.source, unit.attribution.verb) == (source, verb)


@pytest.mark.parametrize("sentence", [
    # before, ", says the debt ceiling has ..." was taken for an attribution with the source "the debt ceiling
    # has ...", and what was said was lost from matching
    "Kuko, the Islamic Center director, said Farook would come to the center for morning and night prayers.",
    "Ramos' cousin, Ronnie Gonzalez, and his aunt said the family has already forgiven the gunman.",
])
def test_a_clause_after_said_is_never_taken_for_its_source(sentence):
    found = units(sentence)
    assert all(u.attribution is None or not re.search(r"\b(?:would|has)\b", u.attribution.source) for u in found)
    assert any("forgiven the gunman" in u.text or "morning and night prayers" in u.text for u in found)


@pytest.mark.parametrize("sentence", [
    "Kaspersky spokesperson Sawyer VanHorn confirmed the company’s statement and the layoffs.",
    "The Trump administration on Tuesday announced the orderly wind down of the program.",
])
def test_a_speech_verb_with_an_object_and_no_clause_keeps_the_whole_sentence(sentence):
    # what is confirmed or announced is the claim: "the company's statement and the layoffs." alone
    # says nothing (it was linked to "with layoffs beginning on July 20." in the bundled story)
    [unit] = units(sentence)
    assert unit.text == sentence and unit.attribution is None


@pytest.mark.parametrize("sentence, claim", [
    # the verb of a later clause made "the ban in June following a thorough investigation" the claim and "The US
    # Department of Commerce announced" its attribution (bundled story, A0)
    ("The US Department of Commerce announced the ban in June following a thorough investigation, though "
     "specific details of the investigation were not disclosed.",
     "The US Department of Commerce announced the ban in June following a thorough investigation"),
    ("Justice Ruth Bader Ginsburg wrote a short dissent, which Justice Elena Kagan joined.",
     "Justice Ruth Bader Ginsburg wrote a short dissent"),
    ("The Vatican confirmed the meeting, but gave no further commentary, suggesting that it didn’t want to.",
     "The Vatican confirmed the meeting"),
])
def test_a_verb_in_a_later_clause_does_not_make_an_object_a_reported_clause(sentence, claim):
    found = units(sentence)
    assert found[0].text == claim and found[0].attribution is None


@pytest.mark.parametrize("sentence, claim", [
    # "said" and "says" are followed by a clause even when its verb is one the pattern does not know
    ("Mr Trump says the body too often rules against the US, although he concedes it has won some judgments.",
     "the body too often rules against the US"),
    ("Louisiana Gov. Bobby Jindal says he's still a few months away from an announcement, but the Republican "
     "told Newsmax TV Thursday that he is convinced.", "he's still a few months away from an announcement"),
])
def test_said_before_a_clause_is_cut_off_whatever_comes_after(sentence, claim):
    found = units(sentence)
    assert found[0].text == claim and found[0].attribution is not None


def test_an_and_after_said_and_a_name_joins_two_subjects_of_what_was_said():
    # was cut into "... Jay Carney said Mr. Boehner" (linked as if it stated something) and "and his fellow ..."
    found = units("White House press secretary Jay Carney said Mr. Boehner and his fellow House Republican leaders "
                  "haven’t accepted the president’s position that tax rates for wealthier Americans must be increased.")
    assert len(found) == 1 and found[0].text.endswith("must be increased.")


def test_an_and_before_a_second_clause_with_its_own_subject_still_cuts():
    found = units("The company said Kaspersky will close its office, and the ban takes effect on July 20.")
    assert [u.text for u in found] == ["The company said Kaspersky will close its office",
                                      "and the ban takes effect on July 20."]


def test_a_speech_verb_before_a_clause_without_that_is_still_cut_off():
    [unit] = units("Kaspersky spokesperson Sawyer VanHorn said the company will close its office in Boston.")
    assert unit.text == "the company will close its office in Boston."
    assert unit.attribution.source == "Kaspersky spokesperson Sawyer VanHorn"


def test_a_sentence_that_reports_who_said_something_first_stays_a_claim():
    [unit] = units("Independent journalist Kim Zetter first reported the news.")
    assert unit.kind == "claim" and unit.attribution is None


@pytest.mark.parametrize("sentence, expected", [
    ("The Senate passed the budget bill on Friday; the House will vote on it next week.",
     ["The Senate passed the budget bill on Friday", "the House will vote on it next week."]),
    ("The bill passed 68-31, while Democrats said it did not go far enough.",
     ["The bill passed 68-31", "while Democrats said it did not go far enough."]),
    ("Kaspersky will lay off dozens of employees and the ban takes effect on July 20.",
     ["Kaspersky will lay off dozens of employees", "and the ban takes effect on July 20."]),
    ("Officials closed the bridge — the river rose three metres overnight.",
     ["Officials closed the bridge", "the river rose three metres overnight."]),
    ("The Commerce Department banned the software in June, which means updates stop in September.",
     ["The Commerce Department banned the software in June", "which means updates stop in September."]),
])
def test_a_sentence_with_several_claims_is_split(sentence, expected):
    got = claims(sentence)
    assert got == expected


def test_a_short_piece_stays_with_its_neighbour():
    assert claims("He said: yes, and the deal was signed in Geneva on Monday by both ministers.") == [
        "He said: yes, and the deal was signed in Geneva on Monday by both ministers."]


def test_datelines_are_cut_from_the_first_claim():
    [unit] = units("WASHINGTON (Reuters) - The Senate passed the budget bill on Friday after a long debate.")
    assert unit.text == "The Senate passed the budget bill on Friday after a long debate."


@pytest.mark.parametrize("line, kind", [
    ("Impact on Users and Businesses", "heading"),
    ("Kaspersky Closes US Offices, Lays Off Staff Following Sales Ban", "heading"),
    ("‘Gradually wind down’", "heading"),
    ("“Complete, total surrender”", "heading"),
    ("Why does it matter?", "question"),
    ("By Jane Doe", "fragment"),
    ("should be part of it.", "fragment"),
    ("Officials said.", "fragment"),
])
def test_headings_questions_bylines_and_fragments_never_link(line, kind):
    [unit] = units(line)
    assert unit.kind == kind and not unit.linkable


@pytest.mark.parametrize("sentence", ["He called the ban “a disaster for consumers”",
                                      "“We will gradually wind down our operations,” the company said."])
def test_a_sentence_ending_in_a_quotation_is_not_a_heading(sentence):
    assert all(u.kind != "heading" for u in units(sentence))


@pytest.mark.parametrize("generic", ["It should be at the top of the post.", "This is what we know so far.",
                                     "Here is what happened next."])
def test_generic_sentences_have_too_little_content_to_link(generic):
    assert all(not u.linkable for u in units(generic))


def test_offsets_point_into_the_text_and_are_deterministic():
    text = ("Kaspersky will close its US business. The ban takes effect on Sept. 29, officials said.\n"
            "Impact on Users\nKaspersky said fewer than 50 employees are affected; updates stop in October.")
    first = units(text)
    claim_units.cache_clear()
    assert units(text) == first
    assert all(text[u.start:u.end] == u.text for u in first)


# ------------------------------------------------------------------ a subject cut off its verb


@pytest.mark.parametrize("sentence, stub", [
    ("Eight-year-old Martin Richard, who was with his family cheering on runners at the finish line, "
     "was among the three people killed.", "Eight-year-old Martin Richard"),
    ("Meanwhile, sixth-place finisher Chris Christie -- who, like Kasich, placed almost all of his eggs in the "
     "Granite State basket -- is expected to drop out.", "Meanwhile, sixth-place finisher Chris Christie"),
    ("The firefighters -- members of the Prescott Fire Department's Granite Mountain Hotshots -- died when "
     "the wind shifted.", "The firefighters -- members of the Prescott Fire Department's Granite Mountain Hotshots"),
    # a compound adjective in -ed is no verb (on round 14 the stub linked three times, wrongly each time)
    ("The lightning-sparked fire, which spread to at least 2,000 acres amid triple-digit temperatures, also "
     "destroyed 200 homes.", "The lightning-sparked fire"),
    ("The so-called nuclear option -- a change to the chamber's rules -- was approved on Thursday.",
     "The so-called nuclear option"),
])
def test_a_subject_split_from_its_verb_is_a_fragment_that_never_links(sentence, stub):
    """On the judged fresh stories, links from such a piece ("Eight-year-old Martin Richard" ~ "Martin
    Richard was 8 years old") were wrong 26 times in 32."""
    pieces = {u.text: u for u in units(sentence)}
    assert stub in pieces
    assert pieces[stub].kind == "fragment" and not pieces[stub].linkable
    assert any(u.linkable for u in pieces.values())  # the rest of the sentence still links


def test_a_piece_with_a_verb_before_the_next_clause_stays_a_claim():
    assert claims("The U.S. unemployment rate fell to 7% in November, while employers added 203,000 jobs.") == [
        "The U.S. unemployment rate fell to 7% in November", "while employers added 203,000 jobs."]
    assert claims("Republicans also plan to expand the child tax credit to $1,600, while the standard deduction "
                  "would double.")[0] == "Republicans also plan to expand the child tax credit to $1,600"


def test_and_joining_two_names_of_one_subject_does_not_split_the_sentence():
    sentence = "A cease-fire between Israel and Hamas that ended a month of war was holding for a second day on Friday."
    assert claims(sentence) == [sentence]
    sentence = "Job creation in August and September was revised up by a total of 84,000 jobs."
    assert claims(sentence) == [sentence]
    # a spaced dash still cuts, whatever follows it
    assert claims("The virus is blamed for 125,000 deaths, the highest toll in the world — and more than 2.3 "
                  "million confirmed infections nationwide.")[-1] == \
        "and more than 2.3 million confirmed infections nationwide."
    # two clauses, each with its subject and verb, are still two claims
    assert claims("The company closed its offices and the employees were laid off.") == [
        "The company closed its offices", "and the employees were laid off."]


@pytest.mark.parametrize("text, verb", [
    ("Eight-year-old Martin Richard", False),
    ("A cease-fire between Israel", False),
    ("some 130,000 Syrian Kurdish refugees", False),
    ("The U.S. unemployment rate fell to 7%", True),  # an irregular past
    ("Republicans also plan to expand", True),  # a plain present
    ("Romney maintains a small advantage", True),  # a present in -s
    ("However, I also recognize that", True),  # after a personal pronoun
    ("the plan was revised", True),
    ("I'm not there", True),  # a contraction
])
def test_has_verb_reads_a_verb_from_word_forms(text, verb):
    from desktop.core.matching.verb_forms import has_verb

    assert has_verb(text) is verb


@pytest.mark.parametrize("sentence, claim", [
    # an aside inside the reported clause is read past; an irregular past or a present form is its verb
    ("Police confirmed the man, who was 45, had died at the scene of the crash.",
     "the man, who was 45, had died at the scene of the crash."),
    ("The company announced its chief executive, who joined in 2019, will step down next month.",
     "its chief executive, who joined in 2019, will step down next month."),
    ("Police reported the driver, 45, and a passenger were killed in the crash on Friday.",
     "the driver, 45, and a passenger were killed in the crash on Friday."),
    ("The company reported its sales grew 10 percent last year, while rivals struggled.",
     "its sales grew 10 percent last year"),
    ("The report estimates the program costs $1 billion a year, but critics say the figure is too low.",
     "the program costs $1 billion a year"),
])
def test_an_object_verb_before_a_clause_with_an_aside_or_an_irregular_verb_still_reports_it(sentence, claim):
    found = units(sentence)
    assert found[0].text == claim and found[0].attribution is not None


@pytest.mark.parametrize("sentence", [
    # the verbs of a trailing phrase, a "with" phrase or a subordinate clause are not the object's
    "Interior Secretary Ryan Zinke announced his departure by the end of the year, after dealing with his own set "
    "of controversies.",
    "High school survivors from Parkland have announced a March for Our Lives to take place in Washington on March "
    "24, with concurrent marches along the lines of the Women’s March held the day after the inauguration.",
    "When Obama announced his DACA policy, a surge of illegal children came over the border.",
])
def test_an_object_or_a_subordinate_clause_is_no_attribution(sentence):
    assert all(u.attribution is None for u in units(sentence))

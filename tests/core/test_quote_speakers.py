"""Who said a quotation: rules found missing on tests/data/quotes_values, each on made-up sentences."""

from __future__ import annotations

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

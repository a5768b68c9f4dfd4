"""Word-level differences between two wordings."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desktop.core.word_diff import changed_words, word_diff


def test_changed_words_are_pieces_of_their_own():
    pieces = word_diff("The company has carefully examined and evaluated it", "The Company has carefully studied "
                       "and assessed it")
    assert [(p.op, p.a, p.b) for p in pieces if p.op != "equal"] == [
        ("replace", "company", "Company"), ("replace", "examined", "studied"), ("replace", "evaluated", "assessed")]
    assert changed_words("more than 170 people", "more than 260 people") == 2


def test_added_and_dropped_words_and_white_space():
    pieces = word_diff("a sad decision", "a sad and difficult decision")
    assert [(p.op, p.b.strip()) for p in pieces if p.op != "equal"] == [("insert", "and difficult")]
    assert all(p.op == "equal" for p in word_diff("two  spaces\nhere", "two spaces here"))


@given(st.text(max_size=60), st.text(max_size=60))
def test_each_side_joins_back_to_its_text(a, b):
    pieces = word_diff(a, b)
    assert "".join(p.a for p in pieces) == a and "".join(p.b for p in pieces) == b


def test_readable_takes_a_short_unchanged_run_into_the_change_around_it():
    from desktop.core.word_diff import readable

    a = "The company has carefully examined and evaluated the impact"
    b = "The company has carefully studied and assessed the impact"
    assert [(p.op, p.a.strip(), p.b.strip()) for p in readable(word_diff(a, b)) if p.op != "equal"] == [
        ("replace", "examined and evaluated", "studied and assessed")]
    # the pieces still join back to both texts
    pieces = readable(word_diff(a, b))
    assert "".join(p.a for p in pieces) == a and "".join(p.b for p in pieces) == b


def test_readable_keeps_a_longer_unchanged_run_between_two_changes():
    from desktop.core.word_diff import readable

    a = "officials said the plan would cut taxes for most families next year"
    b = "officials argued the plan would cut taxes for most households next year"
    changes = [(p.op, p.a, p.b) for p in readable(word_diff(a, b)) if p.op != "equal"]
    assert changes == [("replace", "said", "argued"), ("replace", "families", "households")]


def test_readable_leaves_drops_on_both_sides_of_a_kept_word_apart():
    from desktop.core.word_diff import readable

    a = "we will very gradually and carefully wind down"
    b = "we will gradually wind down"
    assert {p.op for p in readable(word_diff(a, b))} == {"equal", "delete"}


def test_readable_splits_a_change_that_runs_on_into_more_sentences():
    """The bundled story's company statement: one outlet quotes two more sentences after "in the country"; its
    end is words dropped and sentences added, not one changed phrase of forty words."""
    from desktop.core.word_diff import readable

    a = "as business opportunities in the country are no longer viable,"
    b = ("as there are no opportunities in the country. Kaspersky Lab's business remains resilient, and the priority "
         "remains the same.")
    pieces = readable(word_diff(a, b))
    changes = [(p.op, p.a.strip(), p.b.strip()) for p in pieces if p.op != "equal"]
    assert ("delete", "are no longer viable,", "") in changes
    assert changes[-1] == ("insert", "", ". Kaspersky Lab's business remains resilient, and the priority remains "
                                         "the same.")
    assert "".join(p.a for p in pieces) == a and "".join(p.b for p in pieces) == b
    # a short change across a sentence end stays one change
    short = readable(word_diff("it is over,", "it ended. Done."))
    assert [p.op for p in short if p.op != "equal"] == ["replace"]


@given(st.text(max_size=80), st.text(max_size=80))
def test_readable_pieces_join_back_to_both_texts(a, b):
    from desktop.core.word_diff import readable

    pieces = readable(word_diff(a, b))
    assert "".join(p.a for p in pieces) == a and "".join(p.b for p in pieces) == b

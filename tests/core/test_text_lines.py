"""One split of a text for both boilerplate signals: the same lines and line keys as apart."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.library.outlet_lines import line_keys, recurring_lines
from desktop.core.library.text_lines import split_lines, split_lines_keyed

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
SEEDS = sorted(p.name for p in CORPUS.glob("*.txt"))
PIECES = ["Share this story", "  Click here for reprint permission.  ", "ÉCOLE FERMÉE: Straße", "Ⅻ İstanbul ﬁnal",
          "\tRead more: the council's plan", "x" * 70, "Word " * 40, "A" * 400, "“Quoted,” she said.", "…", " ",
          "ǅ and ß and ſ", "\u00a0non-breaking\u00a0", "Tram Times staff report."]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.sampled_from(PIECES), st.text(max_size=30)),
                          st.sampled_from(["\n", "\r\n", "\n\n", " \n", "\u2028", "\x0b", "\r"]))))
def test_one_split_gives_the_lines_and_the_line_keys_of_two(pieces):
    text = "".join(line + brk for line, brk in pieces)
    lines, keys = split_lines_keyed(text)
    assert lines == split_lines(text)
    lone_cr = "\r" in text and text.count("\r") != text.count("\r\n")
    assert keys == (None if lone_cr else line_keys(text))


@pytest.mark.parametrize("name", SEEDS)
def test_the_seeds_split_once_give_the_same_lines_and_keys(name):
    text = (CORPUS / name).read_bytes().decode("utf-8")
    lines, keys = split_lines_keyed(text)
    assert lines == split_lines(text)
    assert keys is None or keys == line_keys(text)


def test_recurring_lines_from_known_keys_are_those_from_the_texts():
    footer = "Click here for reprint permission."
    texts = {n: f"Story {n}\nThe council met on day {n} and voted.\n{footer}\nShare this story" for n in range(1, 6)}
    known = {text: split_lines_keyed(text)[1] for n, text in texts.items() if n % 2}
    assert recurring_lines(texts, known) == recurring_lines(texts) != {}

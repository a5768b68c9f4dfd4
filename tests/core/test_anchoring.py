"""Anchors re-attach to the same words after edits, or become orphans; never wrong, never a crash."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.notes.anchoring import (
    CANDIDATE_MIN_SIMILARITY,
    CONTEXT_CHARS,
    MOVED_QUOTE_SIMILARITY,
    Anchor,
    Attachment,
    make_anchor,
    quote_similarity,
    reattach,
    reattach_all,
)

ARTICLE = (
    "The city council met on Monday evening to discuss the annual budget. "
    "After a long debate, the council approved a plan to repair the old bridge over the river, "
    "which has been closed since the spring floods. The mayor said the work would begin in June "
    "and cost about four million dollars. Residents who spoke at the meeting welcomed the decision "
    "but asked for a temporary ferry service until the bridge reopens."
)
QUOTE = "approved a plan to repair the old bridge over the river"


def anchor_for(text: str, quote: str, occurrence: int = 0) -> Anchor:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    return make_anchor(text, start, start + len(quote))


def assert_on_quote(att: Attachment, text: str, quote: str) -> None:
    assert att.status in ("exact", "moved"), att
    assert text[att.start:att.end] == quote


# ----------------------------------------------------------------------------- make_anchor


def test_make_anchor_fields():
    a = anchor_for(ARTICLE, QUOTE)
    assert a.exact == QUOTE
    assert ARTICLE[a.start:a.end] == QUOTE
    assert len(a.prefix) == CONTEXT_CHARS == 32
    assert ARTICLE[:a.start].endswith(a.prefix)
    assert ARTICLE[a.end:].startswith(a.suffix) and len(a.suffix) == 32
    assert a.content_hash == hashlib.sha256(ARTICLE.encode("utf-8")).hexdigest()
    with pytest.raises(AttributeError):
        a.start = 3  # frozen


@pytest.mark.parametrize("start,end", [(5, 5), (6, 5), (-1, 3), (0, len(ARTICLE) + 1)])
def test_make_anchor_rejects_empty_or_out_of_range(start, end):
    with pytest.raises(ValueError):
        make_anchor(ARTICLE, start, end)


def test_span_at_very_start_and_end():
    first = make_anchor(ARTICLE, 0, 8)
    last = make_anchor(ARTICLE, len(ARTICLE) - 15, len(ARTICLE))
    assert first.prefix == "" and last.suffix == ""
    assert reattach(first, ARTICLE).status == "exact"
    assert reattach(last, ARTICLE).status == "exact"
    edited = "BREAKING: " + ARTICLE + " (Updated.)"
    assert_on_quote(reattach(first, edited), edited, first.exact)
    assert_on_quote(reattach(last, edited), edited, last.exact)


# ----------------------------------------------------------------------------- reattach


def test_unchanged_text_is_exact():
    a = anchor_for(ARTICLE, QUOTE)
    att = reattach(a, ARTICLE)
    assert att == Attachment("exact", a.start, a.end, 1.0)


def test_edit_after_the_span_keeps_offsets():
    a = anchor_for(ARTICLE, QUOTE)
    edited = ARTICLE.replace("four million", "five million")
    att = reattach(a, edited)
    assert att.status == "moved" and (att.start, att.end) == (a.start, a.end)


@pytest.mark.parametrize(
    "edited",
    [
        "Updated at 10:42. " + ARTICLE,
        ARTICLE.replace("Monday evening", "Monday"),
        ARTICLE.replace("to discuss the annual budget. After a long debate, ", ""),
    ],
)
def test_insertion_or_deletion_before_moves_to_the_same_words(edited):
    att = reattach(anchor_for(ARTICLE, QUOTE), edited)
    assert att.status == "moved"
    assert_on_quote(att, edited, QUOTE)


def test_duplicate_quote_is_resolved_by_context():
    text = (
        "In Paris, the minister said the deal was a good start for everyone involved. "
        "Later in Berlin, the chancellor said the deal was a good start for the region."
    )
    q = "the deal was a good start"
    second = anchor_for(text, q, occurrence=1)
    # Shift everything so the old position no longer holds the quote.
    edited = "Summary of reactions. " + text
    att = reattach(second, edited)
    assert att.status == "moved"
    assert att.start == edited.index(q, edited.index("Berlin"))
    first = anchor_for(text, q, occurrence=0)
    att = reattach(first, edited)
    assert att.status == "moved" and att.start == edited.index(q)


def test_duplicate_quote_with_no_context_left_is_an_orphan():
    text = "alpha beta gamma the vote passed easily delta epsilon and zeta eta theta the vote passed easily iota"
    a = anchor_for(text, "the vote passed easily", occurrence=0)
    edited = "the vote passed easily | the vote passed easily"
    att = reattach(a, edited)
    assert att.status == "orphan" and att.candidate is not None


def test_one_word_changed_in_a_long_quote_moves():
    # 55-character quote, "old" -> "new": similarity ~0.94 >= MOVED_QUOTE_SIMILARITY.
    edited = "Updated. " + ARTICLE.replace("the old bridge", "the new bridge")
    att = reattach(anchor_for(ARTICLE, QUOTE), edited)
    assert att.status == "moved"
    new = edited[att.start:att.end]
    assert new == QUOTE.replace("old", "new")
    assert quote_similarity(new, QUOTE) >= MOVED_QUOTE_SIMILARITY


def test_one_word_changed_in_a_short_quote_is_an_orphan_with_candidate():
    q = "begin in June"  # "June" -> "July": similarity ~0.77 < 0.9
    edited = "Updated. " + ARTICLE.replace("begin in June", "begin in July")
    att = reattach(anchor_for(ARTICLE, q), edited)
    assert att.status == "orphan" and att.start is None
    assert att.candidate is not None
    s, e = att.candidate
    assert "begin in Ju" in edited[s:e]
    assert quote_similarity(edited[s:e], q) >= CANDIDATE_MIN_SIMILARITY


def test_quote_deleted_is_an_orphan():
    edited = ARTICLE.replace(QUOTE, "")
    att = reattach(anchor_for(ARTICLE, QUOTE), edited)
    assert att.status == "orphan" and att.start is None and att.end is None
    if att.candidate is not None:
        s, e = att.candidate
        assert quote_similarity(edited[s:e], QUOTE) < MOVED_QUOTE_SIMILARITY


def test_quote_rewritten_is_not_attached():
    edited = ARTICLE.replace(QUOTE, "voted to fix the bridge")
    att = reattach(anchor_for(ARTICLE, QUOTE), edited)
    assert att.status == "orphan"


def test_crlf_to_lf():
    crlf = ARTICLE.replace(". ", ".\r\n")
    inside = "since the spring floods.\r\nThe mayor said"  # spans a line break
    on_line = "the council approved a plan"
    lf = crlf.replace("\r\n", "\n")
    att = reattach(anchor_for(crlf, on_line), lf)
    assert_on_quote(att, lf, on_line)
    att = reattach(anchor_for(crlf, inside), lf)
    assert att.status == "moved"
    assert lf[att.start:att.end] == inside.replace("\r\n", "\n")
    # and back
    att = reattach(anchor_for(lf, on_line), crlf)
    assert_on_quote(att, crlf, on_line)


def test_emoji_and_combining_marks_before_the_span():
    a = anchor_for(ARTICLE, QUOTE)
    edited = "Cafe\u0301 news 👩‍👩‍👧 🇫🇷 Ångström\u0308: " + ARTICLE
    assert_on_quote(reattach(a, edited), edited, QUOTE)
    rtl = "שלום עולם، مرحبا " + ARTICLE.replace("spring floods", "spring 🌊 floods")
    assert_on_quote(reattach(a, rtl), rtl, QUOTE)


def test_empty_text_and_degenerate_anchor_never_raise():
    a = anchor_for(ARTICLE, QUOTE)
    assert reattach(a, "") == Attachment("orphan", None, None, 0.0, None)
    assert reattach(a, "x").status == "orphan"
    weird = Anchor(10**9, -5, "", "", "", "")
    assert reattach(weird, ARTICLE).status == "orphan"
    out_of_range = Anchor(10**6, 10**6 + 3, "the", "", "", "")
    assert reattach(out_of_range, ARTICLE).status in ("moved", "orphan")


def test_reattach_all():
    anchors = [anchor_for(ARTICLE, QUOTE), anchor_for(ARTICLE, "temporary ferry service")]
    edited = "Intro. " + ARTICLE
    out = reattach_all(anchors, edited)
    assert [o.status for o in out] == ["moved", "moved"]
    assert [edited[o.start:o.end] for o in out] == [QUOTE, "temporary ferry service"]
    assert reattach_all([], edited) == []


# ----------------------------------------------------------------------------- properties

_alphabet = st.characters(
    codec="utf-8", exclude_characters="¤", categories=("L", "N", "P", "Zs", "So", "Mn")
)
_chunk = st.text(alphabet=_alphabet, max_size=40)
_edit = st.tuples(st.sampled_from(["insert", "delete", "replace"]), st.floats(0, 1), st.integers(0, 40), _chunk)

_PROPS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _apply(text: str, edits, lo: int, hi: int) -> tuple[str, int, int]:
    """Apply edits at positions outside [lo, hi); return the text and the span's new offsets."""
    for kind, where, size, chunk in edits:
        # choose a side and a position on it
        before_span = where < 0.5
        if before_span:
            pos = int(where * 2 * lo)
            cut = min(size, lo - pos)
        else:
            pos = hi + int((where - 0.5) * 2 * (len(text) - hi))
            cut = min(size, len(text) - pos)
        if kind == "delete":
            chunk = ""
        elif kind == "insert":
            cut = 0
        text = text[:pos] + chunk + text[pos + cut:]
        if before_span:
            delta = len(chunk) - cut
            lo, hi = lo + delta, hi + delta
    return text, lo, hi


@_PROPS
@given(
    before=st.text(alphabet=_alphabet, max_size=200),
    # >= SHORT_QUOTE_CHARS in all, so it re-attaches even when the edits wipe out its context
    quote_words=st.text(alphabet=_alphabet, min_size=14, max_size=60),
    after=st.text(alphabet=_alphabet, max_size=200),
    edits=st.lists(_edit, max_size=6),
)
def test_edits_outside_the_span_reattach_to_the_same_words(before, quote_words, after, edits):
    quote = "¤" + quote_words + "¤"  # "¤" occurs nowhere else: the quote is unique
    text = before + quote + after
    anchor = make_anchor(text, len(before), len(before) + len(quote))
    edited, lo, hi = _apply(text, edits, anchor.start, anchor.end)
    assert edited[lo:hi] == quote
    att = reattach(anchor, edited)
    assert att.status in ("exact", "moved"), att
    assert edited[att.start:att.end] == quote
    assert (att.start, att.end) == (lo, hi)


@_PROPS
@given(
    before=st.text(alphabet=_alphabet, max_size=200),
    quote=st.text(alphabet=_alphabet, min_size=1, max_size=80),
    after=st.text(alphabet=_alphabet, max_size=200),
    kind=st.sampled_from(["insert", "delete", "replace"]),
    where=st.floats(0, 1),
    size=st.integers(0, 20),
    chunk=_chunk,
)
def test_edits_inside_the_span_orphan_or_attach_to_similar_words(before, quote, after, kind, where, size, chunk):
    text = before + quote + after
    anchor = make_anchor(text, len(before), len(before) + len(quote))
    pos = len(before) + int(where * len(quote))
    cut = 0 if kind == "insert" else min(size, anchor.end - pos)
    edited = text[:pos] + ("" if kind == "delete" else chunk) + text[pos + cut:]
    att = reattach(anchor, edited)
    assert att.status in ("exact", "moved", "orphan")
    if att.status == "orphan":
        assert att.start is None and att.end is None
        if att.candidate is not None:
            s, e = att.candidate
            assert 0 <= s < e <= len(edited)
    else:
        assert 0 <= att.start < att.end <= len(edited)
        assert quote_similarity(edited[att.start:att.end], quote) >= MOVED_QUOTE_SIMILARITY


@_PROPS
@given(text=st.text(max_size=300), start=st.integers(0, 50), length=st.integers(1, 30), other=st.text(max_size=300))
def test_never_raises_for_any_text(text, start, length, other):
    if start + length > len(text):
        return
    anchor = make_anchor(text, start, start + length)
    att = reattach(anchor, other)
    assert att.status in ("exact", "moved", "orphan")
    if att.status != "orphan":
        assert quote_similarity(other[att.start:att.end], anchor.exact) >= MOVED_QUOTE_SIMILARITY


def test_a_huge_quote_that_is_gone_becomes_an_orphan_at_once():
    from desktop.core.notes.anchoring import MAX_FUZZY_CHARS, make_anchor, reattach

    text = "The council met on Monday. " * 40_000
    anchor = make_anchor(text, 0, MAX_FUZZY_CHARS + 5000)
    edited = text.replace("council", "committee")
    found = reattach(anchor, edited)
    # a fuzzy search (seconds to minutes at this length) would offer the edited passage as a candidate
    assert found.status == "orphan" and found.candidate is None

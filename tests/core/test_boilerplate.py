"""detect_boilerplate: exact results on the five seed captures, synthetic edges, invariants."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.library.boilerplate import KINDS, active_spans, detect_boilerplate, detect_boilerplate_counted
from desktop.core.models import BoilerplateSpan, body_word_count

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
SEEDS = sorted(p.name for p in CORPUS.glob("*.txt"))


def _seed(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


def _seed_named(prefix: str) -> str:
    (name,) = [n for n in SEEDS if n.startswith(prefix)]
    return _seed(name)


def _marked_lines(text: str, spans: list[BoilerplateSpan]) -> list[tuple[str, str]]:
    """(kind, stripped line) for every non-blank line inside a span, in order."""
    return [
        (span.kind, line.strip())
        for span in spans
        for line in text[span.start : span.end].splitlines()
        if line.strip()
    ]


def _in_any_span(text: str, needle: str, spans: list[BoilerplateSpan]) -> bool:
    start = text.index(needle)
    end = start + len(needle)
    return any(span.start < end and start < span.end for span in spans)


def _check_invariants(text: str, spans: list[BoilerplateSpan]) -> None:
    previous_end = 0
    for span in spans:
        assert isinstance(span, BoilerplateSpan)
        assert 0 <= span.start < span.end <= len(text)
        assert span.start >= previous_end, "sorted and non-overlapping"
        assert span.kind in KINDS
        assert span.active
        # whole lines: starts at a line start, ends at a line end, never inside a line break
        assert span.start == 0 or text[span.start - 1] in "\r\n"
        assert span.end == len(text) or text[span.end] in "\r\n"
        assert text[span.start : span.end].strip(), "a span is never blank"
        assert text[span.start] not in "\r\n" and text[span.end - 1] not in "\r\n"
        previous_end = span.end


# --- the seed captures -----------------------------------------------------------------------

TOP_001 = "Kaspersky Closes US Offices, Lays Off Staff Following Sales Ban"
BITDEFENDER_PITCH = (
    "Bitdefender has been at the forefront of technology and innovation for two decades, consistently "
    "achieving top marks and awards from independent testers. If you’re making the switch, our solutions "
    "cover all attack scenarios and threats in today’s digital landscape."
)
GUIDE = (
    "Check out our comprehensive guide: A Seamless Transition: How to Migrate from Another Security "
    "Provider to Bitdefender in 3 Easy Steps."
)
BIO_001 = (
    "Filip has 15 years of experience in technology journalism. In recent years, he has turned his focus "
    "to cybersecurity in his role as Information Security Analyst at Bitdefender."
)
TEASERS_004 = [
    "XMEMS introduced coilless MEMS speakers for open headphones, laptops and wearable electronics",
    "California-based xMEMS Labs has developed the idea of solid-state speakers based on MEMS technology into…",
    "8 hours ago",
    "Huawei offers 200 times fewer apps for HarmonyOS than Google Play – the gap is planned to close within a year",
    "Huawei expects the number of applications for its HarmonyOS software platform to reach 100,000 in…",
    "13 hours ago",
    "The head of Samsung is going to cleanse the company of clumsy top management in the chip industry",
    "A decade after third-generation Samsung heir Lee Jae-yong took the helm of the South Korean…",
    "13 hours ago",
    "World of Warcraft turns 20 and is still the most popular role-playing game in the world.",
    "Exactly 20 years ago, on November 23, 2004, World of Warcraft was released, quickly becoming…",
    "15 hours ago",
]

EXPECTED_LINES = {
    "000": [],
    "001": [
        ("reading-time", "2 min read"),
        ("byline", "Filip TRUȚĂ"),
        ("byline", "July 16, 2024"),
        ("promo", "Promo Protect all your devices, without slowing them down."),
        ("promo", "Free 30-day trial"),
        ("duplicate-title", TOP_001),
        ("promo", BITDEFENDER_PITCH),
        ("promo", GUIDE),
        ("widget", "tags"),
        ("author-bio", "Author"),
        ("author-bio", "Filip TRUȚĂ"),
        ("author-bio", BIO_001),
        ("author-bio", "View all posts"),
        ("teaser", "You might also like"),
        ("widget", "Bookmarks"),
        ("widget", "loader"),
    ],
    "002": [],
    "003": [],
    "004": [
        ("widget", "admin"),
        ("widget", "Share"),
        ("widget", "Published by"),
        ("widget", "admin"),
        ("teaser", "Recent Posts"),
        *[("teaser", line) for line in TEASERS_004],
    ],
}

# the spans themselves: (kind, span text stripped), so the merging is pinned too
EXPECTED_SPANS = {
    "000": [],
    "001": [
        ("reading-time", "2 min read"),
        ("byline", "Filip TRUȚĂ\n\nJuly 16, 2024"),
        ("promo", "Promo Protect all your devices, without slowing them down.\nFree 30-day trial"),
        ("duplicate-title", TOP_001),
        ("promo", BITDEFENDER_PITCH + "\n\n" + GUIDE),
        ("widget", "tags"),
        ("author-bio", "Author\n\n\nFilip TRUȚĂ\n\n" + BIO_001 + "\n\nView all posts"),
        ("teaser", "You might also like"),
        ("widget", "Bookmarks\n\n\nloader"),
    ],
    "002": [],
    "003": [],
    "004": [
        ("widget", "admin\n\nShare\nPublished by\nadmin"),
        ("teaser", "Recent Posts\n\n" + "\n\n".join(TEASERS_004)),
    ],
}


@pytest.mark.parametrize("prefix", sorted(EXPECTED_LINES))
def test_seed_marked_lines_are_exactly_the_boilerplate(prefix):
    text = _seed_named(prefix)
    assert _marked_lines(text, detect_boilerplate(text)) == EXPECTED_LINES[prefix]


@pytest.mark.parametrize("prefix", sorted(EXPECTED_SPANS))
def test_seed_spans_are_merged_per_kind(prefix):
    text = _seed_named(prefix)
    spans = detect_boilerplate(text)
    assert [(s.kind, text[s.start : s.end].strip()) for s in spans] == EXPECTED_SPANS[prefix]


def test_seed_004_marks_everything_from_the_widgets_to_the_end():
    text = _seed_named("004")
    spans = detect_boilerplate(text)
    assert spans[-1].end == len(text)
    assert text[: spans[0].start].rstrip().endswith("Kaspersky Lab said.")


@pytest.mark.parametrize("name", SEEDS)
def test_seed_results_are_the_same_with_the_known_title(name):
    story = json.loads((CORPUS / "story.json").read_text(encoding="utf-8"))
    (meta,) = [a for a in story["articles"] if a["file"] == name]
    text = _seed(name)
    assert detect_boilerplate(text, meta["title"]) == detect_boilerplate(text)


CONTENT = [
    ("000", "Kaspersky Labs Shuts Down US Division, Lays Off All Employees. Know Why"),
    ("000", "Government Concerns Prompt Exit"),
    ("000", "Impact on Users"),
    ("000", "Kaspersky's Response"),
    ("000", "Employee Layoffs"),
    ("000", "Meanwhile, US-based Salesforce has reportedly laid off around 300 employees this month"),
    ("000", "In some cases, that leads to roles being eliminated,\" a spokesperson stated, according to the report."),
    ("001", TOP_001),  # its first occurrence, the headline, stays; only the later copy is marked
    ("001", "Russian cybersecurity vendor Kaspersky has made the “sad and difficult decision”"),
    ("001", "‘Gradually wind down’"),
    ("001", "As originally reported by Kim Zetter, citing unnamed sources"),
    ("001", "Stay protected"),
    ("001", "The Department of Commerce's Bureau of Industry and Security (BIS) urges US citizens"),
    ("001", "“Individuals and businesses that utilize Kaspersky software are strongly encouraged"),
    ("002", "Impact on Employees and Market Presence"),
    ("002", "Legal and Security Dynamics"),
    ("002", "continues to assert its commitment to its customers and partners globally."),
    ("003", "Kaspersky spokesperson Sawyer VanHorn confirmed the company’s statement and the layoffs."),
    ("003", "Antivirus products, by their nature, typically have broad"),
    ("004", "Kaspersky Lab will completely cease operations in the United States and fire all local employees"),
    ("004", "«The Company has carefully studied and assessed the impact of US legal requirements"),
    ("004", "to protect our customers in any country from cyber threats."),
]


@pytest.mark.parametrize(("prefix", "sentence"), CONTENT)
def test_seed_content_is_never_marked(prefix, sentence):
    text = _seed_named(prefix)
    assert not _in_any_span(text, sentence, detect_boilerplate(text))


@pytest.mark.parametrize("name", SEEDS)
def test_seed_invariants(name):
    text = _seed(name)
    _check_invariants(text, detect_boilerplate(text))


@pytest.mark.parametrize("name", SEEDS)
def test_seed_crlf_copies_give_the_same_lines(name):
    text = _seed(name)
    crlf = text.replace("\n", "\r\n")
    spans = detect_boilerplate(crlf)
    _check_invariants(crlf, spans)
    assert _marked_lines(crlf, spans) == _marked_lines(text, detect_boilerplate(text))


# --- synthetic texts --------------------------------------------------------------------------

PROSE = (
    "Kaspersky said the ban was the result of geopolitical tensions rather than any evidence that its "
    "products do harm, and it promised to keep serving customers elsewhere in the world."
)
LONG_PROSE = PROSE + " " + PROSE  # more than 30 words: never a headline, never teaser-like


@pytest.mark.parametrize("text", ["", " ", "\n", "\r\n", "\n\n\n", " \t \n \r\n ", "\u2028", "\x0c"])
def test_empty_and_blank_texts_have_no_spans(text):
    assert detect_boilerplate(text) == []


def test_crlf_offsets_are_exact_and_exclude_the_line_break():
    text = "Headline of the story here\r\n\r\n3 min read\r\n\r\n" + PROSE + "\r\nShare\r\n"
    spans = detect_boilerplate(text)
    assert [(s.kind, text[s.start : s.end]) for s in spans] == [
        ("reading-time", "3 min read"),
        ("widget", "Share"),
    ]
    assert text[spans[0].end : spans[0].end + 2] == "\r\n"


def test_lone_carriage_returns_are_line_breaks():
    text = "Headline of the story here\r2 min read\r" + PROSE + "\rtags"
    spans = detect_boilerplate(text)
    assert [(s.kind, text[s.start : s.end]) for s in spans] == [("reading-time", "2 min read"), ("widget", "tags")]


def test_span_includes_the_lines_own_indentation():
    text = LONG_PROSE + "\n   Share  \n" + LONG_PROSE
    (span,) = detect_boilerplate(text)
    assert text[span.start : span.end] == "   Share  "


@pytest.mark.parametrize("text", [PROSE, PROSE * 50, "Share", "2 min read", "Kaspersky Closes US Offices"])
def test_text_without_newlines(text):
    spans = detect_boilerplate(text)
    _check_invariants(text, spans)
    expected = {"Share": [("widget", "Share")], "2 min read": [("reading-time", "2 min read")]}
    assert [(s.kind, text[s.start : s.end]) for s in spans] == expected.get(text, [])


def test_long_plain_prose_has_no_spans():
    paragraph = " ".join([PROSE] * 6)
    text = "\n\n".join([paragraph] * (200_000 // len(paragraph) + 1))
    assert len(text) >= 200_000
    assert detect_boilerplate(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "word " * 40_000,  # one 200,000-character line
        "Related\n" * 25_000,  # a teaser heading on every line: must stay linear
        "Author\nJane Doe\nView all posts\n" * 5_000,
        "Headline goes right here\n" + "Headline goes right here\n" * 10_000,
    ],
    ids=["one-long-line", "many-headings", "many-author-boxes", "many-duplicates"],
)
def test_pathological_inputs_finish_and_keep_invariants(text):
    _check_invariants(text, detect_boilerplate(text))


SUBHEADINGS = [
    "Impact on Users",
    "Stay protected",
    "‘Gradually wind down’",
    "Government Concerns Prompt Exit",
    "Kaspersky's Response",
    "Employee Layoffs",
    "Legal and Security Dynamics",
    "What happens next",
    "Background",
    "Sharing data with Moscow",
    "Ads and trackers",
    "Free software alternatives",
    "Stay updated on the ban",
]


@pytest.mark.parametrize("heading", SUBHEADINGS)
def test_article_subheadings_are_not_boilerplate(heading):
    text = f"Kaspersky leaves the United States\n\n{PROSE}\n\n{heading}\n\n{PROSE}"
    assert detect_boilerplate(text) == []


PROSE_NOT_PITCH = [
    # a quoted statement says "our" and "you" too
    '"If you are one of our customers, our products will keep working until September," the company said.',
    "«We will continue to protect our customers», Kaspersky Lab said.",
    # reported speech without quotation marks
    "If you use our products, you are safe, the chief executive said in an interview.",
    # marketing words inside a long reporting sentence
    "The company had offered a free 30-day trial to American customers for years, which regulators now "
    "say helped it build a large installed base in government offices.",
    "Promo codes were sent to US customers before the ban took effect, according to a company memo.",
    "Get ready for the change: regulators say users should move to another vendor before September.",
    "The report covers cookies that track users, and the company said it would comply with the rules.",
]


@pytest.mark.parametrize("line", PROSE_NOT_PITCH)
def test_prose_that_looks_like_marketing_is_not_marked(line):
    text = f"Kaspersky leaves the United States\n\n{PROSE}\n\n{line}\n\n{PROSE}"
    assert detect_boilerplate(text) == []


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("5 min read", "reading-time"),
        ("Reading time: 4 minutes", "reading-time"),
        ("Promo: Get the VPN that keeps you safe", "promo"),
        ("Start your free 30-day trial", "promo"),
        ("Advertisement", "promo"),
        ("Subscribe to our newsletter", "promo"),
        ("Sign up for our daily newsletter and get the news in your inbox", "promo"),
        ("Try our award-winning security suite and protect your family today.", "promo"),
        ("We use cookies to improve your experience on our website.", "notice"),
        ("Please enable JavaScript to view the comments.", "notice"),
        ("Share this article", "widget"),
        ("Tags: Kaspersky, Russia, sanctions", "widget"),
        ("Published by admin", "widget"),
        ("Leave a comment", "widget"),
        ("Skip to content", "navigation"),
        ("Next article", "navigation"),
        ("Read more: Kaspersky banned from US federal networks", "teaser"),
        ("View all posts by Filip", "author-bio"),
    ],
)
def test_single_line_rules(line, kind):
    text = f"Kaspersky leaves the United States\n\n{PROSE}\n\n{line}\n\n{PROSE}"
    spans = detect_boilerplate(text)
    assert [(s.kind, text[s.start : s.end]) for s in spans] == [(kind, line)]


# --- teaser sections ---------------------------------------------------------------------------

def test_teaser_section_at_the_end_is_marked_to_the_end():
    tail = "Recent Posts\n\nA headline elsewhere\n\nA teaser that stops in the…\n\n2 days ago\n\nAnother headline"
    text = f"Headline of the story\n\n{LONG_PROSE}\n\n{tail}"
    (span,) = detect_boilerplate(text)
    assert (span.kind, text[span.start : span.end], span.end) == ("teaser", tail, len(text))


def test_teaser_section_in_the_middle_stops_after_its_last_teaser_signal():
    section = "You might also like\n\nA headline elsewhere\nA teaser that stops in the…\n3 hours ago"
    text = f"Headline of the story\n\n{LONG_PROSE}\n\n{section}\n\nStay protected\n\n{LONG_PROSE}"
    (span,) = detect_boilerplate(text)
    assert text[span.start : span.end] == section
    assert not _in_any_span(text, "Stay protected", [span])


def test_teaser_heading_with_headlines_but_no_signal_marks_the_headlines_only():
    text = f"Headline of the story\n\n{LONG_PROSE}\n\nRelated\nKaspersky banned from federal networks\n\n{LONG_PROSE}"
    (span,) = detect_boilerplate(text)
    assert text[span.start : span.end] == "Related\nKaspersky banned from federal networks"


def test_teaser_heading_followed_by_short_prose_marks_the_heading_only():
    text = f"Headline of the story\n\n{LONG_PROSE}\n\nRead more\n\nThe ban starts in July.\n\n{LONG_PROSE}"
    (span,) = detect_boilerplate(text)
    assert text[span.start : span.end] == "Read more"


def test_teaser_heading_then_short_sentences_to_the_end_marks_the_heading_only():
    text = f"Headline of the story\n\n{LONG_PROSE}\n\nRelated\n\nThe ban starts in July.\nUsers should switch."
    (span,) = detect_boilerplate(text)
    assert text[span.start : span.end] == "Related"


# --- header: byline and repeated headline ------------------------------------------------------


def test_name_and_date_under_the_headline_are_byline():
    text = f"Kaspersky leaves the United States\nJane Doe\nJuly 16, 2024\n\n{PROSE}"
    (span,) = detect_boilerplate(text)
    assert (span.kind, text[span.start : span.end]) == ("byline", "Jane Doe\nJuly 16, 2024")


@pytest.mark.parametrize(
    "byline",
    ["By Jane Doe", "By Jane Doe, Reuters", "Jane Doe | July 16, 2024 | 3 min read", "Published: 16 July 2024"],
)
def test_byline_variants(byline):
    text = f"Kaspersky leaves the United States\n{byline}\n\n{PROSE}"
    assert [(s.kind, text[s.start : s.end]) for s in detect_boilerplate(text)] == [("byline", byline)]


@pytest.mark.parametrize(
    "text",
    [
        f"Kaspersky leaves the United States\nJane Doe\n\n{PROSE}",  # a lone name could be a sub-heading
        f"Kaspersky leaves the United States\nBy July 20, all staff will be gone.\n\n{PROSE}",
        f"Kaspersky leaves the United States\n\n{PROSE}\n\nJuly 16, 2024\n\n{PROSE}",  # not under the headline
        f"{LONG_PROSE}\nJane Doe\nJuly 16, 2024",  # the first line is prose, not a headline
    ],
)
def test_no_byline_without_strong_evidence(text):
    assert detect_boilerplate(text) == []


def test_later_copies_of_the_headline_are_duplicates_and_the_first_stays():
    title = "Kaspersky leaves the United States"
    text = f"{title}\n\n{PROSE}\n\n{title}\n\n{PROSE}\n\n{title.upper()}!"
    spans = detect_boilerplate(text)
    assert [(s.kind, text[s.start : s.end]) for s in spans] == [
        ("duplicate-title", title),
        ("duplicate-title", title.upper() + "!"),
    ]


def test_title_argument_finds_a_copy_when_the_capture_has_no_headline():
    title = "Kaspersky leaves the United States"
    text = f"{LONG_PROSE}\n\n{title}\n\n{LONG_PROSE}\n\n{title}"
    assert detect_boilerplate(text) == detect_boilerplate(text, None)  # nothing without a title...
    spans = detect_boilerplate(text, title)
    assert [(s.kind, text[s.start : s.end]) for s in spans] == [("duplicate-title", title)]
    assert spans[0].start == text.rindex(title)  # ...and only the second copy with it


def test_short_titles_are_not_used_to_find_copies():
    text = f"Kaspersky\n\n{PROSE}\n\nKaspersky\n\n{PROSE}"
    assert detect_boilerplate(text, "Kaspersky") == []


# --- author boxes -------------------------------------------------------------------------------


def test_author_box_from_its_heading():
    box = "About the author\nJane Doe\nJane is a senior reporter who covers security."
    text = f"Headline of the story\n\n{PROSE}\n\n{box}\n\n{PROSE}"
    (span,) = detect_boilerplate(text)
    assert (span.kind, text[span.start : span.end]) == ("author-bio", box)


def test_author_box_found_from_view_all_posts():
    box = "Jane Doe\nJane has 12 years of experience in technology journalism.\nView all posts"
    text = f"Headline of the story\n\n{PROSE}\n\n{box}"
    (span,) = detect_boilerplate(text)
    assert (span.kind, text[span.start : span.end]) == ("author-bio", box)


def test_author_heading_followed_by_prose_is_not_marked():
    text = f"Headline of the story\n\n{PROSE}\n\nAuthor\n\n{PROSE}"
    assert detect_boilerplate(text) == []


# --- merging ----------------------------------------------------------------------------------


def test_same_kind_merges_across_blank_lines_only():
    text = f"Headline of the story\n\n{PROSE}\n\nShare\n\n \n\nPrint\n{PROSE}\nTweet\n2 min read\nEmail"
    spans = detect_boilerplate(text)
    assert [(s.kind, text[s.start : s.end]) for s in spans] == [
        ("widget", "Share\n\n \n\nPrint"),
        ("widget", "Tweet"),
        ("reading-time", "2 min read"),
        ("widget", "Email"),
    ]


def test_active_spans_keeps_only_active_ones():
    on = BoilerplateSpan(0, 5, "widget")
    off = BoilerplateSpan(10, 15, "promo", active=False)
    assert active_spans([on, off]) == [on]
    assert active_spans([]) == []


def test_detection_is_deterministic():
    text = _seed_named("001")
    assert detect_boilerplate(text) == detect_boilerplate(text)


# --- properties -------------------------------------------------------------------------------

SNIPPETS = [
    "Share", "admin", "Published by", "Recent Posts", "You might also like", "Related", "Author",
    "View all posts", "Jane Doe", "July 16, 2024", "8 hours ago", "2 min read", "Promo Buy Now",
    "Free 30-day trial", "A teaser…", "Check out our guide", "By Jane Doe", "tags", PROSE, "",
]
LINE_BREAKS = ["\n", "\r\n", "\r", "\n\n", " \n"]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_gives_valid_spans(text):
    _check_invariants(text, detect_boilerplate(text))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.one_of(st.sampled_from(SNIPPETS), st.text(max_size=40)), st.sampled_from(LINE_BREAKS))),
    st.one_of(st.none(), st.sampled_from(SNIPPETS), st.text(max_size=30)),
)
def test_any_mix_of_widget_lines_gives_valid_spans(pieces, title):
    text = "".join(line + brk for line, brk in pieces)
    _check_invariants(text, detect_boilerplate(text, title))


INLINE = ["Sen. Angus King Angus KingOvernight Energy: Trump moves to open more land MORE said on Friday.",
          "The bill passed (RELATED: Senate votes again)on Friday.", 'Read <a href="x">the report</a>here.']


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.one_of(st.sampled_from(SNIPPETS + INLINE), st.text(max_size=40)),
                       st.sampled_from([*LINE_BREAKS, "\u2028", "\x0b", "\t"]))),
    st.one_of(st.none(), st.sampled_from(SNIPPETS)),
)
def test_the_words_counted_with_the_spans_are_the_body_word_count(pieces, title):
    """An import counts the words outside the spans from the lines already split: the same count."""
    text = "".join(line + brk for line, brk in pieces)
    spans, words = detect_boilerplate_counted(text, title)
    assert spans == detect_boilerplate(text, title)
    assert words == body_word_count(text, spans)


@pytest.mark.parametrize("name", SEEDS)
def test_the_seeds_words_counted_with_the_spans_are_the_body_word_count(name):
    text = _seed(name)
    spans, words = detect_boilerplate_counted(text)
    assert words == body_word_count(text, spans) and spans == detect_boilerplate(text)


def test_prose_above_view_all_posts_without_a_name_is_not_an_author_box():
    last = "Zetter is a veteran journalist who covers security and has written about Kaspersky for years."
    text = f"Headline of the story\n\n{PROSE}\n\n{last}\n\nView all posts"
    (span,) = detect_boilerplate(text)
    assert (span.kind, text[span.start : span.end]) == ("author-bio", "View all posts")

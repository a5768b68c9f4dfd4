"""Publisher widgets in plain-text captures, and lines an outlet repeats across its articles."""

from __future__ import annotations

import pytest

from desktop.core.library import import_paths
from desktop.core.library.boilerplate import KINDS, detect_boilerplate
from desktop.core.library.outlet_lines import KIND, recurring_lines

PROSE = ("The council voted on Tuesday to expand the tram network by twelve kilometres, a project the mayor "
         "said would cost 480 million euros and take five years to build.")


def _kinds(text: str) -> list[tuple[str, str]]:
    return [(s.kind, text[s.start:s.end]) for s in detect_boilerplate(text)]


@pytest.mark.parametrize(("line", "kind"), [
    ("JUST WATCHED VA official resigns following scandal Replay More Videos ... MUST WATCH VA official resigns 01:37",
     "video"),
    ("Media playback is unsupported on your device Media caption Harvey hero now faces Daca deportation", "video"),
    ("Law Holder: It's Time To Examine 'Stand Your Ground' Laws Holder: It's Time Listen · 3:06 3:06", "video"),
    ("Enlarge this image toggle caption Mark Humphrey/AP Mark Humphrey/AP", "caption"),
    ("Image copyright Getty Images Image caption Protesters gathered outside the embassy", "caption"),
    ("People wait to attend a campaign rally in Los Angeles. (AP Photo/Marcio Jose Sanchez)", "caption"),
    ("FILE PHOTO: The budget director testifies on Capitol Hill in Washington. REUTERS/Joshua Roberts", "caption"),
    ("Rep. Nick Rahall is one of the Democrats opposing citizenship provisions. Roll Call/Getty Images", "caption"),
    ("More:Court-ordered review in Cohen raid yields 1.3M items for government", "teaser"),
    ("ANALYSIS:A 'dangerous' moment as dust settles in Ukraine", "teaser"),
    ("Read or Share this story: http://usat.ly/1xyz", "teaser"),
    ("CLOSE", "widget"),
    ("Click here for reprint permission.", "notice"),
    ("Copyright © 2019 The Washington Times, LLC. Click here for reprint permission.", "notice"),
    ("Write to Ken Thomas at ken.thomas@wsj.com", "author-bio"),
    ("John Binder is a reporter for Breitbart News. Follow him on Twitter at @JxhnBinder.", "author-bio"),
    ("Follow Dave Lee on Twitter @DaveLeeBBC", "widget"),
    ("Share This Story Tweet Share Share Pin Email", "widget"),
    ("Story Continued Below", "promo"),
    ("Sign up for Daily Newsletters Manage Newsletters", "promo"),
    ("Updated at 7:45 p.m. ET", "note"),
    ("(Note: An earlier version of this article said the campaign aired the ad; a group did.)", "note"),
    ("___", "widget"),
])
def test_widget_lines_are_dimmed_with_their_kind(line, kind):
    text = f"Headline of the story\n\n{PROSE}\n\n{line}\n\n{PROSE}"
    assert _kinds(text) == [(kind, line)]
    assert kind in KINDS


def test_a_caption_above_a_lone_photo_credit_is_dimmed_too():
    caption = "Demonstrators stream over an Alabama River bridge at Selma, Ala., on March 10, 1965."
    text = f"Headline\n\n{PROSE}\n\n{caption}\n(Photo: AP file photo)\n\n{PROSE}"
    assert _kinds(text) == [("caption", f"{caption}\n(Photo: AP file photo)")]


def test_story_highlights_and_their_bullets():
    text = ("Story highlights The President supports the decision\nA group says it is a way to find a scapegoat\n"
            f"Petzel was scheduled to retire this year\n(CNN) — {PROSE}\n{PROSE}")
    marked = _kinds(text)
    assert [k for k, _ in marked] == ["summary"] and marked[0][1].endswith("retire this year")


def test_inline_widgets_dim_only_their_words():
    sentence = f"{PROSE} (RELATED: Philadelphia Inquirer Apologizes For Headline)"
    hill = ("Asked about Iran, Sen. Angus King Angus KingOvernight Energy: EPA watchdog slams agency chief | "
            "Justices weigh case MORE (I-Maine) said the deal was dead.")
    text = f"Headline\n\n{sentence}\n\n{hill}"
    marked = _kinds(text)
    assert marked == [("teaser", "(RELATED: Philadelphia Inquirer Apologizes For Headline)"),
                      ("teaser", "Angus KingOvernight Energy: EPA watchdog slams agency chief | Justices weigh case MORE")]


@pytest.mark.parametrize("line", [
    "The photographer, who works for Getty Images, said the light was poor that morning.",
    "Senators said they would vote on the bill next week, according to aides.",
    "WASHINGTON (Reuters) - The Senate voted on Tuesday to confirm the nominee.",
    "“We will not back down,” she said.",
    "More than 200 people attended the rally, organisers said.",
])
def test_article_sentences_are_never_dimmed(line):
    text = f"Headline of the story\n\n{PROSE}\n\n{line}\n\n{PROSE}"
    assert _kinds(text) == []


def test_an_all_caps_headline_stays_and_an_all_caps_link_is_dimmed():
    text = f"TRAMS ARE COMING TO TOWN\n\n{PROSE}\n\nCLICK HERE TO GET THE FOX NEWS APP\n\n{PROSE}"
    assert _kinds(text) == [("promo", "CLICK HERE TO GET THE FOX NEWS APP")]


# --- lines an outlet repeats --------------------------------------------------------------------


def test_a_line_in_two_different_articles_of_an_outlet_is_found():
    footer = "Sign-up for our Daily Digest of the news that matters."
    texts = {1: f"A first story\n{PROSE}\n{footer}", 2: f"Another story\nSomething else happened today.\n{footer}",
             3: "A third story\nNothing in common here at all."}
    found = recurring_lines(texts)
    assert set(found) == {1, 2}
    start, end = found[1][0]
    assert texts[1][start:end] == footer


def test_two_captures_of_one_story_do_not_dim_each_other():
    story = "\n".join(f"Paragraph {n} of the same story, word for word." for n in range(10))
    found = recurring_lines({1: story, 2: story + "\nAn update at the end."})
    assert found == {}


def test_long_repeated_paragraphs_are_prose():
    paragraph = " ".join(["background"] * 40)
    assert recurring_lines({1: f"One\n{paragraph}", 2: f"Two\n{paragraph}"}) == {}


def test_import_marks_lines_an_outlet_repeats_and_keeps_counts_right(library, tmp_path):
    footer = "Get the Tram Times app for breaking news alerts on your phone"
    for n, topic in enumerate(("budget", "weather", "football")):
        (tmp_path / f"{n}.md").write_text(
            f"---\ntitle: Story about {topic}\nsource: Tram Times\n---\n{PROSE} The {topic} came first.\n\n{footer}\n",
            encoding="utf-8")
    report = import_paths(library, [tmp_path / "0.md"])
    article = library.article(report.added[0])
    assert all(s.kind != KIND for s in article.boilerplate)  # one article: nothing repeats yet
    assert len(import_paths(library, [tmp_path / "1.md", tmp_path / "2.md"]).added) == 2
    for summary in library.articles():
        if summary.source != "Tram Times":
            continue
        article = library.article(summary.id)
        repeated = [article.text[s.start:s.end] for s in article.boilerplate if s.kind == KIND]
        assert repeated == [footer]
        assert footer not in article.body_text and article.word_count == len(article.body_text.split())


def test_an_import_compares_new_articles_with_the_outlets_latest_only(library, tmp_path):
    """Adding articles to a big outlet stays cheap: they are compared with its latest articles
    (``RECENT_ARTICLES``), and older articles keep the spans they have."""
    from desktop.core.library import web_import

    old_footer = "Subscribe to the Tram Times print edition today"
    new_footer = "Get the Tram Times app for breaking news alerts on your phone"
    total = web_import.RECENT_ARTICLES + 3
    for n in range(total):
        footer = old_footer if n < 2 else ""
        (tmp_path / f"{n}.md").write_text(
            f"---\ntitle: Story {n}\nsource: Tram Times\n---\n{PROSE} Number {n} came first.\n\n{footer}\n",
            encoding="utf-8")
    first = import_paths(library, [tmp_path / f"{n}.md" for n in range(total)]).added
    oldest = library.article(first[0])
    assert [oldest.text[s.start:s.end] for s in oldest.boilerplate if s.kind == KIND] == [old_footer]
    (tmp_path / "new.md").write_text(
        f"---\ntitle: New story\nsource: Tram Times\n---\n{PROSE} Something new.\n\n{new_footer}\n", encoding="utf-8")
    (tmp_path / "latest.md").write_text(
        f"---\ntitle: Latest story\nsource: Tram Times\n---\n{PROSE} Something else.\n\n{new_footer}\n",
        encoding="utf-8")
    added = import_paths(library, [tmp_path / "new.md"]).added + import_paths(library, [tmp_path / "latest.md"]).added
    for article_id in added:
        article = library.article(article_id)
        assert [article.text[s.start:s.end] for s in article.boilerplate if s.kind == KIND] == [new_footer]
    oldest = library.article(first[0])  # outside the window: left as it was
    assert [oldest.text[s.start:s.end] for s in oldest.boilerplate if s.kind == KIND] == [old_footer]


def test_an_outlets_texts_for_many_ids_are_those_read_500_at_a_time(library):
    """Over 500 ids the outlet's own ids are found first (by its index): the same texts as the
    500-id lookups give, with the same ``latest`` others (past the first 500 ids only)."""
    from desktop.core.models import ParsedArticle

    with library.batch():
        for n in range(760):
            library.save_article(ParsedArticle(text=f"Story {n}\n{PROSE} Number {n}.", origin=f"story-{n}.txt",
                                               source=("Bus Post", "Tram Times", "Ferry Daily")[n % 3]))
    ids = sorted(summary.id for summary in library.articles() if summary.source)
    asked = [i for i in ids if i % 4]  # some of each outlet left out, so ``latest`` finds others
    for source_id in library.source_ids_of(ids):
        expected = {}
        for n in range(0, len(asked), 500):
            expected.update(library.outlet_texts(source_id, ids=asked[n:n + 500]))
        others = [(i, text) for i, text in library.outlet_texts(source_id) if i not in asked[:500]]
        expected.update(others[-10:])
        assert library.outlet_texts(source_id, ids=asked, latest=10) == sorted(expected.items())


def _first_chars(items) -> tuple[set[str] | None, bool]:
    """The characters a parsed pattern (``re._parser``) can start with (None: any), and whether it
    can match the empty string: enough of the parser for the widget patterns."""
    from re import _constants as c

    found: set[str] = set()
    for op, arg in items:
        nullable = False
        if op is c.LITERAL:
            chars = {chr(arg)}
        elif op is c.IN:
            chars = set()
            for kind, value in arg:
                if kind is c.LITERAL:
                    chars.add(chr(value))
                elif kind is c.RANGE:
                    chars.update(chr(x) for x in range(value[0], value[1] + 1))
                elif kind is c.CATEGORY and value is c.CATEGORY_DIGIT:
                    chars.update("0123456789")  # ASCII ones: other digits take the whole pattern
                else:
                    return None, False
        elif op is c.SUBPATTERN:
            chars, nullable = _first_chars(arg[3])
        elif op is c.BRANCH:
            chars, nullable = set(), False
            for branch in arg[1]:
                sub, sub_nullable = _first_chars(branch)
                if sub is None:
                    return None, False
                chars |= sub
                nullable = nullable or sub_nullable
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            chars, nullable = _first_chars(arg[2])
            nullable = nullable or arg[0] == 0
        elif op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            chars, nullable = set(), True
        else:
            return None, False
        if chars is None:
            return None, False
        found |= chars
        if not nullable:
            return found, False
    return found, True


def test_each_family_is_tried_for_every_ascii_character_it_can_start_with():
    import re
    from re import _parser

    from desktop.core.library import widgets

    for pattern, starts in widgets._FAMILY_STARTS:
        chars, _ = _first_chars(_parser.parse(pattern, re.IGNORECASE))
        assert chars is not None, pattern
        ascii_starts = {ch.lower() for ch in chars if ch.isascii()}
        assert ascii_starts <= set(starts), (pattern, ascii_starts - set(starts))
    caps, _ = _first_chars(_parser.parse(widgets._CAPS_COLON, re.IGNORECASE))
    assert {ch for ch in caps if ch.isascii()} <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


@pytest.mark.parametrize("line", [
    "JUST WATCHED Replay", "toggle caption", "In this file photo", "More: the plan", "WATCH IT:Headline",
    "Write to Jane at jane@wsj.com", "Tune in to ABC at 9 ET", "(Click here to see)", "Do you have information about this",
    "5 hours ago", "Updated at 7:45 p.m. ET", "Story highlights", "-----", "^^^", "[pullquote]", "Key Findings",
    "Sources: AP", "Follow us on Twitter", "\u212aey Findings", "ſources: AP", "İn this photo", "١ hours ago",
    "The council met on Tuesday.", "“Quoted,” she said.", "A corrected version of the story is below",
    "as an interest to stay up to date", "Correction: the date", "x", "Ab:", "ABCDEFGHIJKLMNOPQRSTUVW: Xyz",
])
def test_a_line_starts_a_family_as_the_one_pattern_says(line):
    from desktop.core.library import widgets

    assert widgets._starts_a_family(line) == (widgets._ANY_START.match(line) is not None)

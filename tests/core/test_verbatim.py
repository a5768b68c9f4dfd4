"""find_verbatim: word sequences shared word for word across articles, spans into the originals."""

from __future__ import annotations

import random
from importlib import resources
from unittest.mock import patch

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.matching import verbatim
from desktop.core.matching.comparison import Mention
from desktop.core.matching.verbatim import SharedPassage, find_verbatim, normalize_text, tokenize

STATEMENT_000 = (
    "The company has carefully examined and evaluated the impact of the US legal requirements "
    "and made this sad and difficult decision as business opportunities in the country are no "
    "longer viable")
STATEMENT_001 = STATEMENT_000.replace("the US legal", "the U.S. legal")


def seed(prefix: str) -> str:
    corpus = resources.files("desktop.corpus")
    (name,) = [entry.name for entry in corpus.iterdir() if entry.name.startswith(prefix)]
    return corpus.joinpath(name).read_bytes().decode("utf-8")  # byte for byte: offsets


@pytest.fixture(scope="module")
def seeds() -> list[tuple[int, str, list]]:
    return [(n, seed(f"{n:03d}_"), []) for n in range(5)]


def words(n: int, prefix: str = "w") -> str:
    """n words that nothing else shares."""
    return " ".join(f"{prefix}{i}" for i in range(n))


def spans(passage: SharedPassage) -> dict[int, str]:
    return {m.article: m.text for m in passage.mentions}


def check_mentions(passage: SharedPassage, texts: dict[int, str]) -> None:
    for m in passage.mentions:
        assert texts[m.article][m.start:m.end] == m.text
        assert normalize_text(m.text) == passage.normalized
    assert len(passage.normalized.split()) == passage.words


# --------------------------------------------------------------------------- the bundled story


def test_the_company_statement_in_000_and_001_is_one_passage_with_exact_spans(seeds):
    passages = find_verbatim(seeds)
    [statement] = [p for p in passages if "carefully examined" in p.normalized]
    assert statement.words >= 25
    assert statement.articles == (0, 1)
    texts = {n: t for n, t, _ in seeds}
    by_article = {m.article: m for m in statement.mentions}
    assert by_article[0].text == STATEMENT_000
    assert by_article[1].text == STATEMENT_001
    for n in (0, 1):
        m = by_article[n]
        assert texts[n][m.start:m.end] == m.text
        assert texts[n][m.start - 1] == '"'  # the quote marks are outside the span
        assert texts[n][m.end] == ","
    assert statement.words == 31
    assert statement.normalized == normalize_text(STATEMENT_000)


def test_the_seed_passages(seeds):
    """Everything shared by six words or more in the bundled story, pinned."""
    found = [(p.words, p.normalized, p.articles) for p in find_verbatim(seeds)]
    assert found == [
        (31, normalize_text(STATEMENT_000), (0, 1)),
        (7, "down its operations in the united states", (0, 4)),
        # 004's translated statement shares this piece with the original English one
        (7, "made this sad and difficult decision as", (0, 1, 4)),
        (6, "a threat to us national security", (2, 4)),
    ]
    texts = {n: t for n, t, _ in seeds}
    for p in find_verbatim(seeds):
        check_mentions(p, texts)


def test_short_phrases_are_not_passages(seeds):
    passages = find_verbatim(seeds)
    assert not any("gradually wind down" in p.normalized for p in passages)
    assert not any(p.normalized == "sad and difficult decision" for p in passages)
    # but they are found when the threshold allows them
    low = find_verbatim(seeds, min_words=3)
    [wind_down] = [p for p in low if "gradually wind down" in p.normalized]
    assert (wind_down.normalized, wind_down.articles) == ("will gradually wind down", (1, 3, 4))


def test_boilerplate_of_the_seeds_changes_nothing_shared(seeds):
    from desktop.core.library.boilerplate import active_spans, detect_boilerplate

    skipped = [(n, t, [(s.start, s.end) for s in active_spans(detect_boilerplate(t))])
               for n, t, _ in seeds]
    assert find_verbatim(skipped) == find_verbatim(seeds)


# --------------------------------------------------------------------------- tolerance


def test_case_quotes_whitespace_line_breaks_and_dotted_acronyms_are_tolerated():
    a = ('He said: “The Quick brown fox jumps over the lazy dog of the U.S. Army,” '
         "and left.")
    b = ("Earlier, «the quick BROWN fox\njumps  over the\r\nlazy dog of the US army» was "
         "reported.")
    c = "'the quick brown fox jumps over the lazy dog of the u.s army' someone wrote"
    [passage] = find_verbatim([(1, a, []), (2, b, []), (3, c, [])])
    assert passage.words == 13
    assert passage.normalized == "the quick brown fox jumps over the lazy dog of the us army"
    assert spans(passage) == {
        1: "The Quick brown fox jumps over the lazy dog of the U.S. Army",
        2: "the quick BROWN fox\njumps  over the\r\nlazy dog of the US army",
        3: "the quick brown fox jumps over the lazy dog of the u.s army",
    }
    check_mentions(passage, {1: a, 2: b, 3: c})


def test_apostrophes_and_trivial_punctuation_are_tolerated():
    a = "Officials said Russia’s cyber agency, which is large, will not comment today."
    b = "Reportedly russia's cyber agency — which is large — will not comment today!"
    [passage] = find_verbatim([(0, a, []), (1, b, [])])
    assert passage.normalized == "russia's cyber agency which is large will not comment today"
    assert spans(passage)[0] == "Russia’s cyber agency, which is large, will not comment today"
    assert spans(passage)[1] == "russia's cyber agency — which is large — will not comment today"


def test_different_words_do_not_match():
    a = "the company has carefully examined and evaluated the impact of the requirements"
    b = "the company has carefully studied and assessed the impact of the requirements"
    assert find_verbatim([(0, a, []), (1, b, [])]) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the U.S. legal", "the us legal"),
        ("U.S.-based firms", "us based firms"),
        ("in the U.S.", "in the us"),
        ("“Quoted”  «text»\n'here'", "quoted text here"),
        ("Russia’s and Russia's", "russia's and russia's"),
        ("1,000 or 1000 or 3.5", "1000 or 1000 or 3.5"),
        ("U.S.The end", "us the end"),
        ("", ""),
    ],
)
def test_normalize_text(text, expected):
    assert normalize_text(text) == expected


def test_tokenize_gives_original_spans():
    text = "“The U.S. market,” he said."
    assert [(text[w.start:w.end], w.norm) for w in tokenize(text)] == [
        ("The", "the"), ("U.S.", "us"), ("market", "market"), ("he", "he"), ("said", "said")]


# --------------------------------------------------------------------------- several articles


SHARED = words(30, "s")


def test_three_articles_sharing_a_passage_give_one_passage():
    texts = {n: f"{words(5, f'a{n}x')} {SHARED} {words(5, f'a{n}y')}" for n in (3, 1, 2)}
    [passage] = find_verbatim([(n, t, []) for n, t in texts.items()])
    assert passage.articles == (1, 2, 3)  # mentions sorted by article
    assert passage.words == 30
    assert all(m.text == SHARED for m in passage.mentions)


def test_a_slightly_longer_pair_is_absorbed_by_the_wider_passage():
    """B and C share 3 more words than A-B-C: one passage, the one all three share."""
    a = f"{words(5, 'a')} {SHARED} {words(5, 'aa')}"
    b = f"{words(5, 'b')} p1 p2 p3 {SHARED} {words(5, 'bb')}"
    c = f"{words(5, 'c')} p1 p2 p3 {SHARED} {words(5, 'cc')}"
    [passage] = find_verbatim([(0, a, []), (1, b, []), (2, c, [])])
    assert passage.articles == (0, 1, 2) and passage.words == 30


def test_a_long_pair_and_a_shorter_triple_inside_it_are_both_reported():
    long = words(40, "l")
    part = " ".join(long.split()[10:21])  # 11 words
    a = f"x1 {long} x2"
    b = f"y1 {long} y2"
    c = f"z1 {part} z2"
    passages = find_verbatim([(0, a, []), (1, b, []), (2, c, [])])
    assert [(p.words, p.articles) for p in passages] == [(40, (0, 1)), (11, (0, 1, 2))]
    assert spans(passages[1]) == {0: part, 1: part, 2: part}


def test_runs_overlapping_by_less_than_min_words_stay_separate():
    seq = words(30, "q").split()
    a = " ".join(seq)
    b = "b0 " + " ".join(seq[:20]) + " b1"
    c = "c0 " + " ".join(seq[16:]) + " c1"  # overlaps b's run in a by 4 words
    passages = find_verbatim([(0, a, []), (1, b, []), (2, c, [])])
    assert [(p.words, p.articles) for p in passages] == [(20, (0, 1)), (14, (0, 2))]


def test_runs_overlapping_by_min_words_or_more_add_their_intersection():
    seq = words(30, "q").split()
    a = " ".join(seq)
    b = "b0 " + " ".join(seq[:20]) + " b1"
    c = "c0 " + " ".join(seq[10:]) + " c1"
    passages = find_verbatim([(0, a, []), (1, b, []), (2, c, [])])
    assert [(p.words, p.articles) for p in passages] == [(20, (0, 1)), (20, (0, 2)), (10, (0, 1, 2))]


def test_an_article_sharing_nothing_gives_nothing():
    passages = find_verbatim([(0, f"x {SHARED} y", []), (1, f"z {SHARED}", []),
                              (2, words(60, "lonely"), [])])
    assert [p.articles for p in passages] == [(0, 1)]
    assert find_verbatim([(0, words(50, "a"), []), (1, words(50, "b"), [])]) == []


# --------------------------------------------------------------------------- skip spans


PROMO = "Free 30-day trial Protect all your devices, without slowing them down."


def test_a_shared_promo_marked_as_boilerplate_is_not_reported():
    a = f"Kaspersky leaves the market.\n{PROMO}\nThe ban took effect in July."
    b = f"Sales are banned from July.\n{PROMO}\nUsers should switch vendors."
    start_a, start_b = a.index(PROMO), b.index(PROMO)
    unmarked = find_verbatim([(0, a, []), (1, b, [])])
    assert [p.normalized for p in unmarked] == [normalize_text(PROMO)]
    marked = [(0, a, [(start_a, start_a + len(PROMO))]), (1, b, [(start_b, start_b + len(PROMO))])]
    assert find_verbatim(marked) == []


def test_a_run_never_crosses_a_skip_span():
    left, right = words(5, "l"), words(5, "r")
    a = f"{left} AD {right}"
    b = f"{left} AD {right}"
    ad_a, ad_b = a.index("AD"), b.index("AD")
    assert [p.words for p in find_verbatim([(0, a, []), (1, b, [])])] == [11]
    assert find_verbatim([(0, a, [(ad_a, ad_a + 2)]), (1, b, [(ad_b, ad_b + 2)])]) == []
    # a span with no word in it still separates the words around it
    c = f"{left} | {right}"
    bar = c.index("|")
    assert [p.words for p in find_verbatim([(0, c, []), (1, c.replace("|", "/"), [])])] == [10]
    assert find_verbatim([(0, c, [(bar, bar + 1)]), (1, c.replace("|", "/"), [])]) == []


def test_a_word_partly_inside_a_skip_span_takes_no_part():
    a = f"{words(8, 'k')} tail"
    b = f"{words(8, 'k')} tail"
    cut = a.index("k7") + 1  # the span covers only the "7" of "k7"
    [passage] = find_verbatim([(0, a, [(cut, cut + 1)]), (1, b, [])])
    assert passage.words == 7 and spans(passage)[0] == words(7, "k")


def test_skip_spans_may_overlap_and_come_unsorted():
    text = f"{words(10, 'a')} {words(10, 'b')} {words(10, 'c')}"
    b_start = text.index("b0")
    c_start = text.index("c0")
    skips = [(c_start, len(text)), (b_start, b_start + 5), (b_start + 3, c_start)]
    [passage] = find_verbatim([(0, text, skips), (1, text, [])])
    assert passage.normalized == words(10, "a")


# --------------------------------------------------------------------------- parameters, edges


def test_min_words():
    a = "alpha beta gamma delta one two three"
    b = "alpha beta gamma delta four five six"
    assert find_verbatim([(0, a, []), (1, b, [])]) == []
    [passage] = find_verbatim([(0, a, []), (1, b, [])], min_words=4)
    assert passage.normalized == "alpha beta gamma delta"
    assert find_verbatim([(0, a, []), (1, b, [])], min_words=5) == []
    with pytest.raises(ValueError):
        find_verbatim([(0, a, []), (1, b, [])], min_words=0)


def test_repeated_occurrences_in_one_article_give_one_mention_the_first():
    a = f"x0 {SHARED} x1 x2 {SHARED} x3"
    b = f"y0 {SHARED} y1"
    [passage] = find_verbatim([(0, a, []), (1, b, [])])
    [mention_a, mention_b] = passage.mentions
    assert mention_a == Mention(0, 3, 3 + len(SHARED), SHARED)
    assert mention_b.text == SHARED


def test_the_longest_occurrence_is_the_one_reported():
    fragment = " ".join(SHARED.split()[:8])
    a = f"x0 {fragment} x1 x2 {SHARED} x3"  # the fragment first, the whole passage later
    b = f"y0 {SHARED} y1"
    [passage] = find_verbatim([(0, a, []), (1, b, [])])
    assert passage.words == 30
    assert passage.mentions[0].start == a.index(SHARED)


def test_repeats_inside_one_article_only_are_not_shared():
    assert find_verbatim([(0, f"{SHARED} and {SHARED}", []), (1, words(40, "z"), [])]) == []


@pytest.mark.parametrize(
    "articles",
    [
        [],
        [(0, SHARED, [])],
        [(0, "", []), (1, "", [])],
        [(0, "", []), (1, SHARED, [])],
        [(0, "   \n\n  ", []), (1, "“ ” « » — ,", [])],
        [(0, "short", []), (1, "short", [])],
    ],
)
def test_empty_and_tiny_input_gives_nothing(articles):
    assert find_verbatim(articles) == []


def test_duplicate_article_ids_are_refused():
    with pytest.raises(ValueError):
        find_verbatim([(1, SHARED, []), (1, SHARED, [])])


def test_text_repeated_over_and_over_does_not_explode():
    # a shingle repeated more than MAX_REPEAT times inside an article starts no passage
    assert find_verbatim([(0, "word " * 3000, []), (1, "word " * 3000, [])]) == []
    # but a real passage next to such text is still found
    a = f"{SHARED} " + "la " * 500
    b = f"{SHARED} " + "na " * 500
    [passage] = find_verbatim([(0, a, []), (1, b, [])])
    assert passage.words == 30


def test_output_is_deterministic_and_independent_of_input_order(seeds):
    first = find_verbatim(seeds)
    shuffled = list(seeds)
    random.Random(3).shuffle(shuffled)
    assert find_verbatim(shuffled) == first == find_verbatim(seeds)
    keys = [(-p.words, p.mentions[0].article, p.mentions[0].start) for p in first]
    assert keys == sorted(keys)


def test_passages_are_frozen():
    [passage] = find_verbatim([(0, f"a {SHARED}", []), (1, f"b {SHARED}", [])])
    with pytest.raises(AttributeError):
        passage.words = 3  # type: ignore[misc]


# --------------------------------------------------------------------------- properties

VOCAB = ["the", "The", "US", "U.S.", "firm", "said", "Russia’s", "russia's", "ban", "ban"]
SEPARATORS = [" ", " ", " ", "  ", "\n", ", ", " “", "” ", " «", "» ", ". ", " — ", "\r\n"]


@st.composite
def article_sets(draw):
    n = draw(st.integers(2, 4))
    piece = st.tuples(st.sampled_from(VOCAB), st.sampled_from(SEPARATORS))
    base = draw(st.lists(piece, min_size=8, max_size=16))  # copied from, to share more
    articles = []
    for article_id in draw(st.lists(st.integers(0, 50), min_size=n, max_size=n, unique=True)):
        pieces = []
        for _ in range(draw(st.integers(0, 3))):
            if draw(st.booleans()):
                i = draw(st.integers(0, len(base) - 1))
                pieces += base[i:draw(st.integers(i, len(base)))]
            else:
                pieces += draw(st.lists(piece, max_size=8))
        text = "".join(w + s for w, s in pieces)
        skips = []
        if text and draw(st.booleans()):
            for _ in range(draw(st.integers(1, 2))):
                start = draw(st.integers(0, len(text)))
                end = draw(st.integers(start, min(len(text), start + 20)))
                skips.append((start, end))
        articles.append((article_id, text, skips))
    return articles


def _overlaps(m: Mention, skips) -> bool:
    return any(s < e and s < m.end and m.start < e for s, e in skips)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article_sets(), st.integers(2, 5))
def test_every_mention_is_the_passage_in_its_article(articles, min_words):
    texts = {a: t for a, t, _ in articles}
    skips = {a: s for a, _, s in articles}
    for passage in find_verbatim(articles, min_words):
        assert passage.words >= min_words
        assert len(passage.mentions) >= 2
        assert [m.article for m in passage.mentions] == sorted({m.article for m in passage.mentions})
        for m in passage.mentions:
            assert texts[m.article][m.start:m.end] == m.text
            assert normalize_text(m.text) == passage.normalized
            assert not _overlaps(m, skips[m.article])
            # the span starts and ends on a word
            assert m.text[:1].isalnum() or m.text[:1] == "_"
            assert m.text[-1:].isalnum() or m.text[-1:] in "._"


def reference(articles, k):
    """The documented semantics, by brute force: every sequence, every occurrence, both rules."""
    docs = []
    for _, text, skips in articles:
        live = [(s, e) for s, e in skips if e > s]
        segments, current, last_end = [], [], None
        for w in tokenize(text):
            inside = any(s < w.end and w.start < e for s, e in live)
            crossed = last_end is not None and any(last_end <= s < w.start for s, _ in live)
            if (inside or crossed) and current:
                segments.append(current)
                current = []
            if not inside:
                current.append(w)
                last_end = w.end
        if current:
            segments.append(current)
        docs.append(segments)
    occurrences: dict[tuple, list] = {}
    for d, segments in enumerate(docs):
        for g, seg in enumerate(segments):
            norms = tuple(w.norm for w in seg)
            for i in range(len(seg)):
                for j in range(i + k, len(seg) + 1):
                    occurrences.setdefault(norms[i:j], []).append((d, g, i))
    nodes = {}
    for key, occ in occurrences.items():
        if len({d for d, _, _ in occ}) < 2:
            continue
        before = {docs[d][g][i - 1].norm if i else ("start", d, g, i) for d, g, i in occ}
        after = {docs[d][g][i + len(key)].norm if i + len(key) < len(docs[d][g]) else ("end", d, g, i)
                 for d, g, i in occ}
        if len(before) > 1 and len(after) > 1:
            nodes[key] = occ

    def inside(small, big):
        return any(big[o:o + len(small)] == small for o in range(len(big) - len(small) + 1))

    kept = []
    for key, occ in nodes.items():
        arts = {d for d, _, _ in occ}
        dropped = False
        for other, other_occ in nodes.items():
            other_arts = {d for d, _, _ in other_occ}
            if len(other) > len(key) and arts <= other_arts and inside(key, other):
                dropped = True  # rule 1
            if arts < other_arts and any(
                    key[left:left + len(other)] == other and left < k and len(key) - len(other) - left < k
                    for left in range(len(key) - len(other) + 1)):
                dropped = True  # rule 2
        if not dropped:
            kept.append((key, occ))
    out = []
    for key, occ in kept:
        mentions = []
        for d in sorted({d for d, _, _ in occ}):
            _, g, i = min(o for o in occ if o[0] == d)
            seg = docs[d][g]
            start, end = seg[i].start, seg[i + len(key) - 1].end
            mentions.append((articles[d][0], start, end))
        mentions.sort()
        out.append((-len(key), mentions[0][0], mentions[0][1], " ".join(key), mentions))
    return sorted(out)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article_sets(), st.integers(2, 4))
def test_matches_a_brute_force_reference(articles, min_words):
    with patch.object(verbatim, "MAX_REPEAT", 10**9):
        got = find_verbatim(articles, min_words)
    ours = [(-p.words, p.mentions[0].article, p.mentions[0].start, p.normalized,
             [(m.article, m.start, m.end) for m in p.mentions]) for p in got]
    assert ours == reference(articles, min_words)


def test_a_passage_stops_at_a_paragraph_break_rather_than_take_a_stray_word_of_the_next():
    from desktop.core.matching.verbatim import within_paragraphs

    shared = "the union suspended the country from all its activities until order is restored"
    a = f"Officials said {shared}.\n\nThe council met again on Friday to weigh further steps."
    b = f"On Monday {shared}. The decision was announced in Addis Ababa by the chairman."
    found = find_verbatim([(1, a, []), (2, b, [])])
    assert spans(found[0])[1].endswith("restored.\n\nThe")  # the word run as it is
    [passage] = within_paragraphs(found, {1: a, 2: b})
    assert spans(passage) == {1: shared, 2: shared} and passage.words == len(shared.split())
    assert passage.normalized == shared
    check_mentions(passage, {1: a, 2: b})


def test_two_whole_paragraphs_copied_stay_one_passage_and_a_short_one_goes():
    from desktop.core.matching.verbatim import within_paragraphs

    first = "the union suspended the country from all its activities until order is restored"
    second = "the chairman said the decision would be reviewed at the next summit in July"
    a = f"{first}.\n\n{second}, officials added."
    b = f"Reports say {first}.\n{second}."
    [passage] = within_paragraphs(find_verbatim([(1, a, []), (2, b, [])]), {1: a, 2: b})
    assert passage.words == len(first.split()) + len(second.split())
    c, d = "It ended.\nThe talks in Geneva resumed", "Nobody knew it ended. The talks in Geneva resumed"
    assert within_paragraphs(find_verbatim([(1, c, []), (2, d, [])], min_words=4), {1: c, 2: d},
                             min_words=4) != []  # 'The talks in Geneva resumed': the stray head goes
    [short] = within_paragraphs(find_verbatim([(1, c, []), (2, d, [])], min_words=4), {1: c, 2: d}, min_words=4)
    assert short.mentions[0].text == "The talks in Geneva resumed"


def test_passages_trimmed_at_a_paragraph_break_are_still_listed_longest_first():
    from desktop.core.matching.verbatim import within_paragraphs

    long_run = "the union suspended the country from all its activities until order is restored"
    other = "the chairman said the decision would be reviewed at the summit"
    # the first passage runs 4 words into the next paragraph in article 1: trimmed, it is shorter than the second
    a = (f"Officials said {long_run}.\n\nThe council met again on Friday. "
         f"Later {other} in Addis Ababa next July.")
    b = (f"On Monday {long_run} the council met again. Elsewhere "
         f"{other} in Addis Ababa next July.")
    found = find_verbatim([(1, a, []), (2, b, [])])
    trimmed = within_paragraphs(found, {1: a, 2: b})
    assert [p.words for p in trimmed] == sorted((p.words for p in trimmed), reverse=True)

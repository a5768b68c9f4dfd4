"""atomic: the dates, numbers, money, percentages and names of articles, grouped across them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.core.matching.atomic import AtomicGroup, AtomicMention, extract_atomic, group_atomic

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def _seed_articles() -> dict[int, tuple[str, str | None]]:
    """Article number (000 -> 0) -> (text, published) of the bundled story."""
    story = json.loads((CORPUS / "story.json").read_text(encoding="utf-8"))
    articles = {}
    for entry in story["articles"]:
        text = (CORPUS / entry["file"]).read_bytes().decode("utf-8")
        articles[int(entry["file"][:3])] = (text, entry["published"])
    return articles


@pytest.fixture(scope="module")
def seeds() -> dict[int, tuple[str, str | None]]:
    return _seed_articles()


@pytest.fixture(scope="module")
def mentions(seeds) -> dict[int, list[AtomicMention]]:
    return {number: extract_atomic(text, published) for number, (text, published) in seeds.items()}


@pytest.fixture(scope="module")
def groups(mentions) -> list[AtomicGroup]:
    return group_atomic(mentions)


def _group_of(groups: list[AtomicGroup], article: int, text: str) -> AtomicGroup:
    """The group holding the mention of ``text`` in ``article``."""
    found = [
        group
        for group in groups
        if any(number == article and mention.text == text for number, mention in group.mentions)
    ]
    assert len(found) == 1, f"{text!r} of article {article} is in {len(found)} groups"
    return found[0]


def _surfaces(group: AtomicGroup) -> set[tuple[int, str]]:
    return {(article, mention.text) for article, mention in group.mentions}


# --- the bundled story ---------------------------------------------------------------------


def test_offsets_index_the_text(seeds, mentions) -> None:
    for number, found in mentions.items():
        text = seeds[number][0]
        assert found, f"nothing found in article {number}"
        for mention in found:
            assert text[mention.start : mention.end] == mention.text
        assert [m.start for m in found] == sorted(m.start for m in found)


def test_july_20_is_one_date_in_all_five(groups, mentions) -> None:
    yearless = [m for m in mentions[0] if m.text == "July 20"]
    assert [m.key for m in yearless] == ["date:--07-20"]  # no publication date: no year
    dated = [m for m in mentions[1] if m.text == "July 20"]
    assert [m.key for m in dated] == ["date:2024-07-20"]  # 001 is of 2024-07-16
    group = _group_of(groups, 0, "July 20")
    assert group.key == "date:2024-07-20"  # the yearless mentions join the full date
    assert group.articles == (0, 1, 2, 3, 4)
    assert group.label == "July 20"


def test_sept_29_and_september_29_are_one_date(groups) -> None:
    group = _group_of(groups, 1, "Sept. 29")
    assert group.key == "date:2024-09-29"
    assert {(3, "September 29"), (4, "September 29")} <= _surfaces(group)
    assert group.articles == (1, 3, 4)


def test_the_layoff_counts_are_one_number_fact(groups) -> None:
    group = _group_of(groups, 2, "fewer than 50 employees")
    assert group.kind == "number"
    assert group.key == "number:employee:[0,50)"
    assert {
        (0, "fewer than 50 workers"),
        (1, "less than 50 employees"),
        (2, "fewer than 50 employees"),
        (3, "fewer than 50 employees"),
        (4, "less than 50 of the company’s employees"),  # reaches past the lexer's "less than 50"
    } <= _surfaces(group)
    assert all(mention.value == "[0, 50) employee" for _a, mention in group.mentions)


def test_other_layoff_counts_stay_apart(groups) -> None:
    assert _group_of(groups, 3, "dozens of employees").key == "number:employee:[24,100)"
    everyone = _group_of(groups, 0, "all employees")
    assert everyone.key == "number:employee:all"
    assert (4, "all local employees") in _surfaces(everyone)
    assert all(m.low == m.high == float("inf") for _a, m in everyone.mentions)
    assert _group_of(groups, 0, "around 300 employees").key == "number:employee:[270,331)"


def test_money_and_percent(mentions) -> None:
    [money] = [m for m in mentions[1] if m.kind == "money"]
    assert (money.text, money.key, money.value, money.unit) == (
        "$721 million", "money:USD:721000000", "USD 721,000,000", "USD")
    [percent] = [m for m in mentions[1] if m.kind == "percent"]
    assert (percent.text, percent.key, percent.value) == ("around 10%", "percent:10", "10%")


def test_gina_raimondo_is_one_person(groups) -> None:
    group = _group_of(groups, 3, "Gina Raimondo")
    assert group.key == "entity:person:gina raimondo"
    assert group.articles == (3, 4)


def test_zetter_alone_joins_kim_zetter(groups) -> None:
    group = _group_of(groups, 1, "Zetter")
    assert group.key == "entity:person:kim zetter"
    assert _surfaces(group) == {(1, "Kim Zetter"), (1, "Zetter"), (3, "Kim Zetter")}
    assert len(group.mentions) == 4  # 001 says "Zetter" twice
    assert group.label == "Kim Zetter"


def test_vanhorn_alone_joins_sawyer_vanhorn(groups) -> None:
    group = _group_of(groups, 3, "VanHorn")
    assert _surfaces(group) == {(3, "Sawyer VanHorn"), (3, "VanHorn")}


def test_eugene_and_evgeniy_kaspersky_are_one_person(groups) -> None:
    group = _group_of(groups, 3, "Eugene Kaspersky")
    assert group.key == "entity:person:eugene kaspersky"
    assert _surfaces(group) == {(3, "Eugene Kaspersky"), (4, "Evgeniy Kaspersky")}


def test_kaspersky_alone_is_the_company_not_the_person(groups) -> None:
    company = _group_of(groups, 4, "Kaspersky Lab")
    assert company.key == "entity:organization:kaspersky"
    assert {(0, "Kaspersky Labs"), (1, "Kaspersky Lab"), (1, "Kaspersky"), (2, "Kaspersky"),
            (3, "Kaspersky")} <= _surfaces(company)
    assert company.articles == (0, 1, 2, 3, 4)
    assert company.label == "Kaspersky"
    person = _group_of(groups, 3, "Eugene Kaspersky")
    assert all(mention.text != "Kaspersky" for _a, mention in person.mentions)


def test_kaspersky_trap_in_one_article_alone(mentions) -> None:
    """003 alone has no "Kaspersky Lab": the bare name, used before "Eugene Kaspersky" is
    introduced, still does not become the person."""
    groups = group_atomic({3: mentions[3]})
    person = next(g for g in groups if g.key == "entity:person:eugene kaspersky")
    assert _surfaces(person) == {(3, "Eugene Kaspersky")}
    bare = _group_of(groups, 3, "Kaspersky")
    assert bare.key == "entity:name:kaspersky"
    assert len(bare.mentions) > 10


def test_the_united_states_is_one_place(groups) -> None:
    group = _group_of(groups, 4, "United States")
    assert group.key == "entity:place:united states"
    assert group.label == "United States"
    assert {(0, "US"), (1, "U.S."), (2, "U.S."), (3, "United States")} <= _surfaces(group)
    assert group.articles == (0, 1, 2, 3, 4)


def test_commerce_department_variants_are_one_organization(groups) -> None:
    group = _group_of(groups, 3, "U.S. Commerce Department")
    assert group.key == "entity:organization:department of commerce"
    assert {(0, "US Department of Commerce"), (1, "Department of Commerce"),
            (3, "Commerce Department"), (4, "US Department of Commerce")} <= _surfaces(group)


def test_bureau_and_its_acronym(groups) -> None:
    group = _group_of(groups, 1, "BIS")
    assert group.key == "entity:organization:bureau of industry and security"
    assert (1, "Bureau of Industry and Security") in _surfaces(group)


def test_title_case_headings_keep_only_names_the_body_confirms(mentions) -> None:
    headline_names = {m.text for m in mentions[0] if m.kind == "entity" and m.start < 72}
    assert headline_names == {"Kaspersky Labs", "US"}  # not "Shuts Down", "Lays Off ..."
    texts = {m.text for m in mentions[0]}
    assert not texts & {"Government Concerns Prompt Exit", "Employee Layoffs", "Users",
                        "Response", "Know"}


@pytest.mark.parametrize(
    ("article", "text"),
    [(1, "Russian"), (3, "Russian"), (3, "Independent"), (3, "Antivirus"), (1, "Gradually"),
     (1, "Security"), (0, "Kaspersky Labs Layoffs"), (3, "U.S. Commerce Secretary"),
     (4, "American"), (1, "3")],
)
def test_noise_is_left_out(mentions, article: int, text: str) -> None:
    assert text not in {mention.text for mention in mentions[article]}


def test_place_before_based_is_a_place(mentions) -> None:
    [russia] = [m for m in mentions[0] if m.start == 221]
    assert (russia.text, russia.key) == ("Russia", "entity:place:russia")  # "Russia-based"
    salesforce = [m for m in mentions[0] if m.text == "Salesforce"]
    assert len(salesforce) == 1  # "US-based Salesforce" is two entities


# --- options, determinism, edge cases --------------------------------------------------------


def test_nothing_inside_skip_spans(seeds) -> None:
    text, published = seeds[1]
    skip = [(0, 800), (1600, 1700), (2200, len(text))]
    found = extract_atomic(text, published, skip=skip)
    assert found
    for mention in found:
        for start, end in skip:
            assert mention.end <= start or mention.start >= end
    assert "$721 million" not in {m.text for m in found}  # at 1667
    assert "Kim Zetter" in {m.text for m in found}  # at 1024


def test_skip_all_returns_nothing(seeds) -> None:
    text, published = seeds[3]
    assert extract_atomic(text, published, skip=[(0, len(text))]) == []


def test_outlet_names_are_left_out(seeds) -> None:
    text, published = seeds[1]
    assert "Bitdefender" in {m.text for m in extract_atomic(text, published)}
    without_outlet = extract_atomic(text, published, outlet="Bitdefender")
    assert "Bitdefender" not in {m.text for m in without_outlet}


def test_same_input_same_output(seeds, mentions, groups) -> None:
    again = {number: extract_atomic(text, pub) for number, (text, pub) in seeds.items()}
    assert again == mentions
    assert group_atomic(again) == groups
    reordered = {number: again[number] for number in sorted(again, reverse=True)}
    assert group_atomic(reordered) == groups


def test_groups_are_sorted_by_kind_then_key(groups) -> None:
    order = ("date", "number", "money", "percent", "entity")
    keys = [(order.index(group.kind), group.key) for group in groups]
    assert keys == sorted(keys)
    for group in groups:
        positions = [(article, mention.start) for article, mention in group.mentions]
        assert positions == sorted(positions)


def test_yearless_date_stays_apart_when_two_years_compete() -> None:
    per_article = {
        1: extract_atomic("It starts July 20.", "2024-07-16"),
        2: extract_atomic("It starts July 20.", "2023-07-16"),
        3: extract_atomic("It starts July 20."),
    }
    keys = {group.key: group.articles for group in group_atomic(per_article)}
    assert keys == {"date:2023-07-20": (2,), "date:2024-07-20": (1,), "date:--07-20": (3,)}


def test_surname_joins_across_articles_only_when_unique() -> None:
    per_article = {
        1: extract_atomic("Journalist Kim Zetter reported it."),
        2: extract_atomic("The report came from Zetter, who said so."),
        3: extract_atomic("Anna Zetter and Kim Zetter disagree."),
    }
    groups = group_atomic(per_article)
    bare = _group_of(groups, 2, "Zetter")
    assert bare.key == "entity:name:zetter"  # two Zetters in the set: ambiguous


def test_people_titles_and_places_inside_one_name_token() -> None:
    text = "Former Florida Gov. Jeb Bush met Deputy Attorney General Rod Rosenstein."
    keys = [m.key for m in extract_atomic(text)]
    assert keys == [
        "entity:place:florida", "entity:person:jeb bush", "entity:person:rod rosenstein"]


def test_empty_and_foreign_text() -> None:
    assert extract_atomic("") == []
    assert extract_atomic("Лаборатория Касперского закроет офис в США.") == []
    assert group_atomic({}) == []
    assert group_atomic({1: []}) == []


def test_all_capitals_text_does_not_crash(seeds) -> None:
    text = seeds[3][0].upper()
    found = extract_atomic(text)
    for mention in found:
        assert text[mention.start : mention.end] == mention.text


# --- numbers that are no facts ---------------------------------------------------------------


def _numbers(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.key) for m in extract_atomic(text) if m.kind == "number"]


@pytest.mark.parametrize(
    "text",
    [
        '"No, no to America!" thousands shouted in the Shiite stronghold.',  # "shouted"
        "Hundreds converged Thursday on the U.S. Embassy.",  # a verb: nothing counted
        "We hired an extra hundred or so.",  # a bare "hundred"
        "Hundreds perhaps thousands spent years there.",
        "One of the two most seriously wounded is expected to leave.",
        "The two sides pelted each other with rocks.",  # a small count of a generic noun
        "Officials said al Qaeda's No. 2 leader in Yemen was killed.",  # a rank
        "He was named its 2 leader last year.",  # a role after a small digit: a list marker
        "Final votes are expected from about 7 p.m. on Friday.",  # a time
        "In 1970, only one in ten Americans worked in such a job.",  # a ratio
        "Eight in 10 said they were following the news.",
        "They back a two-state solution.",
    ],
)
def test_numbers_without_a_counted_noun_are_left_out(text: str) -> None:
    assert _numbers(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In Iraq, several hundred Shiite hardliners protested.",
         ("several hundred Shiite hardliners", "number:hardliner:[300,1000)")),
        ("Nearby, hundreds of Shiite followers of the cleric rallied.",
         ("hundreds of Shiite followers", "number:follower:[200,1000)")),
        ("There were 33 uninjured consulate personnel at the base.",
         ("33 uninjured consulate personnel", "number:employee:[33,34)")),
        ("He spoke at a memorial for 5 officers who were killed.",
         ("5 officers", "number:officer:[5,6)")),
        ("Breonna Taylor was shot eight times by police.", ("eight times", "number:time:[8,9)")),
        ("It allows a two-year delay.", ("two-year", "number:year:[2,3)")),
        ("The attack killed four Americans.", ("four Americans", "number:american:[4,5)")),
        ("Twenty-six percent of voters agreed.",
         ("Twenty-six percent", "number:percent:[26,27)")),  # the lexer splits it in two
    ],
)
def test_counts_reach_their_noun(text: str, expected: tuple[str, str]) -> None:
    assert _numbers(text) == [expected]


def test_bundled_story_keeps_its_numbers(groups) -> None:
    keys = {group.key for group in groups if group.kind in ("date", "number", "money", "percent")}
    assert {
        "number:employee:[0,50)", "number:employee:[24,100)", "number:employee:[270,331)",
        "number:employee:all", "number:year:[15,16)", "number:year:[20,21)",
        "number:time:[200,201)", "number:day:[30,31)", "number::[100000,100001)",
        "money:USD:721000000", "percent:10", "date:2017", "date:2024-07-20",
        "date:2024-09-29",
    } <= keys


# --- nationality words, people and organisations across types --------------------------------


def test_demonyms_alone_are_no_entities() -> None:
    text = ("Egyptian protesters and Swiss diplomats met Yemeni police, Libyans and Shiite "
            "leaders after the Israeli-Palestinian talks. Egyptian President Mohammed Morsi "
            "spoke, and Brian Williams and Brian agreed. God, Allah and Islam were invoked.")
    entities = {m.text: m.key for m in extract_atomic(text) if m.kind == "entity"}
    assert not {"Egyptian", "Swiss", "Yemeni", "Libyans", "Shiite", "Israeli-Palestinian"} & set(
        entities)
    assert entities["Mohammed Morsi"] == "entity:person:mohammed morsi"
    assert entities["Brian"] == "entity:person:brian williams"  # "Brian" is a first name
    assert {"God", "Allah", "Islam"} <= set(entities)  # religion words stay (borderline)


def _entity_groups(texts: dict[int, str]) -> dict[str, list[tuple[int, str]]]:
    groups = group_atomic({number: extract_atomic(text) for number, text in texts.items()})
    return {g.key: [(a, m.text) for a, m in g.mentions] for g in groups if g.kind == "entity"}


def test_surname_of_unknown_and_person_type_joins_the_only_full_name() -> None:
    groups = _entity_groups({
        1: "Democrats sued the Trump administration on Friday. Now, President Trump has his "
           "way, and Trump told reporters so.",
        2: "Trump announced the cut late Thursday. Trump said it was over.\n\nDems should call "
           "me to fix! — Donald J. Trump (@realDonaldTrump) October 13, 2017",
    })
    assert not {"entity:name:trump", "entity:person:trump"} & set(groups)
    trump = groups["entity:person:donald j. trump"]
    assert {article for article, _text in trump} == {1, 2}
    assert len(trump) == 6


def test_a_surname_before_another_full_name_stays_apart() -> None:
    groups = _entity_groups({1: "Trump visited the school on Monday. President Trump spoke "
                                "first. First lady Melania Trump followed him."})
    assert groups["entity:person:melania trump"] == [(1, "Melania Trump")]
    assert groups["entity:person:trump"] == [(1, "Trump"), (1, "Trump")]  # one group


def test_middle_initials_do_not_split_a_person() -> None:
    groups = _entity_groups({1: "Donald Trump spoke on Monday.",
                             2: "President Donald J. Trump spoke on Monday."})
    assert groups["entity:person:donald j. trump"] == [(1, "Donald Trump"), (2, "Donald J. Trump")]
    groups = _entity_groups({1: "George Bush spoke.",
                             2: "George W. Bush spoke. George H. W. Bush listened."})
    assert {"entity:person:george bush", "entity:person:george w. bush",
            "entity:person:george h. w. bush"} <= set(groups)  # which Bush: unknown


def test_untyped_name_joins_the_same_name_typed_as_person() -> None:
    groups = _entity_groups({1: "Obama said so, and Obama left.",
                             2: "Later, President Obama agreed."})
    assert groups == {"entity:person:obama": [(1, "Obama"), (1, "Obama"), (2, "Obama")]}


def test_lone_person_typing_does_not_spread() -> None:
    text = ("Senior officials, including chief Brexit negotiator Michel Barnier, met. "
            + " ".join(f"Brexit was discussed {n}." for n in range(12)))
    groups = _entity_groups({1: text})
    assert len(groups.get("entity:name:brexit", [])) >= 12


def test_untyped_name_joins_its_outlet() -> None:
    groups = _entity_groups({1: "Bloomberg News reported on Monday that the talks failed.",
                             2: "The talks failed, Bloomberg reported."})
    assert groups["entity:organization:bloomberg news"] == [(1, "Bloomberg News"),
                                                            (2, "Bloomberg")]
    groups = _entity_groups({1: "Bloomberg News reported that Michael Bloomberg would run. "
                                "Bloomberg said so."})
    assert (1, "Bloomberg") in groups["entity:person:michael bloomberg"]


# --- real story clusters (skipped without the shared sample) ------------------------------------

SAMPLE = Path("/work/shared/data/allsides-sample/articles.jsonl")


def _cluster_groups(tmp_path: Path, keep) -> list[AtomicGroup]:
    from desktop.core.library import articles_from_files
    from tests.conftest import require_shared

    require_shared(SAMPLE)
    rows = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line]
    path = tmp_path / "cluster.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows if keep(row)), encoding="utf-8")
    articles = articles_from_files([path])
    assert len(articles) >= 2
    return group_atomic({
        a.id: extract_atomic(
            a.text, a.published, [(b.start, b.end) for b in a.boilerplate if b.active]
        )
        for a in articles
    })


def test_yemen_cluster(tmp_path: Path) -> None:
    groups = _cluster_groups(tmp_path, lambda row: "Embassy in Ye" in row["title"])
    keys = {group.key for group in groups}
    noise = [key for key in keys if key.split(":")[1] in
             {"shouted", "converged", "most", "side", "leader", "uninjured"}]
    assert noise == []
    assert "number::[100,101)" not in keys and "number::[200,1000)" not in keys
    assert not {"entity:name:egyptian", "entity:name:swiss", "entity:name:yemeni",
                "entity:name:shiite", "entity:name:libyans"} & keys
    hardliners = next(g for g in groups if g.key == "number:hardliner:[300,1000)")
    assert hardliners.sources == 2
    assert "entity:person:mohammed morsi" in keys
    assert {"entity:name:god", "entity:name:allah", "entity:name:islam"} <= keys


def test_obamacare_cluster(tmp_path: Path) -> None:
    groups = _cluster_groups(
        tmp_path, lambda row: row["topic"] == "healthcare" and row["date"] == "2017-10-13")
    trump = [group for group in groups if group.kind == "entity" and "trump" in group.key]
    assert [group.key for group in trump] == ["entity:person:donald j. trump"]
    assert trump[0].sources == 2
    obama = [group.key for group in groups if group.kind == "entity" and "obama" in group.key
             and "obamacare" not in group.key]
    assert obama == ["entity:person:obama"]


# --- cached per article --------------------------------------------------------------------


def test_cached_extraction_is_the_extraction_and_a_fresh_list(seeds, mentions) -> None:
    from desktop.core.matching.atomic import _extract_atomic

    text, published = seeds[1]
    first = extract_atomic(text, published)
    first.clear()  # a caller may change its list: the cache keeps its own
    assert extract_atomic(text, published) == mentions[1]
    _extract_atomic.cache_clear()
    assert extract_atomic(text, published) == mentions[1]
    # skip spans in any form (lists from JSON, tuples) are the same key and the same result
    spans = [[0, 200], [500, 900]]
    as_lists = extract_atomic(text, published, spans)
    assert as_lists == extract_atomic(text, published, tuple(map(tuple, spans)))
    assert all(m.end <= 200 or m.start >= 200 for m in as_lists) and as_lists != mentions[1]

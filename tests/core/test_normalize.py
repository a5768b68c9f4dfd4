"""normalize: dates, quantities, money, percentages and names as comparable values."""

from __future__ import annotations

import math

import pytest

from desktop.core.matching.counted_nouns import canonical_unit
from desktop.core.matching.dates import normalize_date
from desktop.core.matching.money import Money, money_value
from desktop.core.matching.names import canonical_organization, entity_type
from desktop.core.matching.people import canonical_person, is_role, names_match, person_key
from desktop.core.matching.places import canonical_place, is_demonym
from desktop.core.matching.quantities import Quantity, compatible, percent_value, quantity_interval
from desktop.core.matching.text_units import fold

INF = math.inf

# --- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        # the same day, however written
        ("Sept. 29", "2024-07-16", "2024-09-29"),
        ("September 29", "2024-07-16", "2024-09-29"),
        ("Sep 29", "2024-07-16", "2024-09-29"),
        ("Sept 29", "2024-07-16", "2024-09-29"),
        ("29 September", "2024-07-16", "2024-09-29"),
        ("29th of September", "2024-07-16", "2024-09-29"),
        ("September 29th", "2024-07-16", "2024-09-29"),
        ("Sunday, Sept. 29", "2024-07-16", "2024-09-29"),
        ("from July 20", "2024-07-16", "2024-07-20"),
        ("Beginning July 20", "2024-07-16", "2024-07-20"),
        # year inference: the occurrence nearest to the publication date
        ("Dec. 30", "2025-01-03", "2024-12-30"),
        ("Jan. 2", "2024-12-30", "2025-01-02"),
        ("July 4", "2024-07-16", "2024-07-04"),
        ("March 1", "2024-07-16", "2024-03-01"),
        ("Feb. 29", "2023-03-01", "2024-02-29"),  # only a leap year has it
        ("July 20", "2024-07-16T23:00:00Z", "2024-07-20"),  # a datetime reference
        # a year written wins over the reference
        ("July 16, 2024", None, "2024-07-16"),
        ("Sept. 29, 2023", "2024-07-16", "2023-09-29"),
        ("November 23, 2004", "2024-11-23", "2004-11-23"),
        ("2024-07-16", None, "2024-07-16"),
        ("7/16/2024", None, "2024-07-16"),
        # months and years
        ("June", "2024-07-16", "2024-06"),
        ("December", "2025-01-03", "2024-12"),
        ("January", "2024-12-30", "2025-01"),
        ("in June", "2024-07-16", "2024-06"),
        ("June 2023", None, "2023-06"),
        ("2017", None, "2017"),
        ("in 2017", None, "2017"),
        # relative words resolved against the reference
        ("last year", "2024-07-16", "2023"),
        ("this year", "2024-07-16", "2024"),
        ("next year", "2024-07-16", "2025"),
        ("last month", "2024-01-10", "2023-12"),
        ("this month", "2024-07-16", "2024-07"),
        ("today", "2024-07-16", "2024-07-16"),
        ("yesterday", "2024-03-01", "2024-02-29"),
        ("tomorrow", "2024-12-31", "2025-01-01"),
    ],
)
def test_normalize_date(text: str, reference: str | None, expected: str) -> None:
    assert normalize_date(text, reference) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sept. 29", "--09-29"),
        ("September 29", "--09-29"),
        ("29 September", "--09-29"),
        ("July 20", "--07-20"),
        ("Feb. 29", "--02-29"),
        ("June", "--06"),
        ("last year", None),  # relative words need the reference
        ("today", None),
    ],
)
def test_without_reference_dates_stay_yearless(text: str, expected: str | None) -> None:
    assert normalize_date(text, None) == expected


@pytest.mark.parametrize(
    "text",
    ["Monday", "on Monday", "this week", "last weekend", "this spring", "Feb. 30", "Septober 3",
     "", "hello", "Kaspersky"],
)
def test_not_a_resolvable_date(text: str) -> None:
    assert normalize_date(text, "2024-07-16") is None


# --- quantities ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "low", "high", "unit", "exact"),
    [
        ("fewer than 50 employees", 0, 50, "employee", False),
        ("less than 50 employees", 0, 50, "employee", False),
        ("less than 50 of the company’s employees", 0, 50, "employee", False),
        ("fewer than 50 workers", 0, 50, "employee", False),
        ("Fewer than 50 staff", 0, 50, "employee", False),
        ("less than 50", 0, 50, None, False),
        ("under 50 jobs", 0, 50, "employee", False),
        ("50 employees", 50, 51, "employee", True),
        ("50 US workers", 50, 51, "employee", True),
        ("200 positions", 200, 201, "employee", True),
        ("around 300 employees", 270, 331, "employee", False),
        ("about 300", 270, 331, None, False),
        ("roughly 300 people", 270, 331, "person", False),
        ("nearly 50", 45, 50, None, False),
        ("dozens of employees", 24, 100, "employee", False),
        ("a dozen", 12, 13, None, False),
        ("nearly a dozen governors", 10, 12, "governor", False),  # under 12, not 12 (a vague count hedged)
        ("Nearly a dozen", 10, 12, None, False),
        ("more than a dozen", 13, INF, None, False),
        ("fewer than a dozen", 0, 12, None, False),
        ("about a dozen", 10, 15, None, False),
        ("hundreds", 200, 1000, None, False),
        ("thousands of workers", 2000, 1e6, "employee", False),
        ("more than 50", 51, INF, None, False),
        ("over 50", 51, INF, None, False),
        ("at least 50", 50, INF, None, False),
        ("up to 50", 0, 51, None, False),
        ("as many as 50 employees", 0, 51, "employee", False),
        ("two decades", 20, 21, "year", True),
        ("15 years", 15, 16, "year", True),
        ("twenty-five people", 25, 26, "person", True),
        ("ten thousand people", 10000, 10001, "person", True),
        ("30-day", 30, 31, "day", True),
        ("200 times", 200, 201, "time", True),
        ("100,000", 100000, 100001, None, True),
        ("2.5 million", 2.5e6, 2.6e6, None, True),  # read at its written precision
        ("3.5 years", 3.5, 3.6, "year", True),
        ("2 min", 2, 3, "minute", True),
    ],
)
def test_quantity_interval(
    text: str, low: float, high: float, unit: str | None, exact: bool
) -> None:
    quantity = quantity_interval(text)
    assert quantity is not None
    assert quantity.low == pytest.approx(low)
    assert quantity.high == pytest.approx(high)
    assert (quantity.unit, quantity.exact, quantity.whole) == (unit, exact, False)


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        # the counted noun past adjectives, participles, capitalised and hyphenated words
        ("92,000 confirmed cases", 92000, 92001, "case"),
        ("1,390 likely voters", 1390, 1391, "voter"),
        ("more than 5,000 mostly Honduran migrants", 5001, INF, "migrant"),
        ("800,000 federal employees returned", 800000, 800001, "employee"),
        ("two terrorism-related charges", 2, 3, "charge"),
        ("33 uninjured consulate personnel are safe", 33, 34, "employee"),  # a compound
        ("hundreds of Shiite followers of the cleric", 200, 1000, "follower"),
        ("hundreds of armored military vehicles", 200, 1000, "vehicle"),
        ("several hundred Shiite hard-liners protested", 300, 1000, "hardliner"),
        ("several hundred Shiite hardliners protested", 300, 1000, "hardliner"),
        ("thousands of U.S. troops", 2000, 1e6, "troop"),
        ("2,264 Americans have died", 2264, 2265, "american"),
        ("67 dead.", 67, 68, "dead"),
        ("13 policemen were hurt", 13, 14, "policeman"),
        # scale words after vague and spelled numbers
        ("a few hundred people", 200, 1000, "person"),
        ("a couple of hundred years", 200, 300, "year"),
        ("two dozen people", 24, 25, "person"),
        ("three dozen Republicans who", 36, 37, "republican"),
        # a number hyphenated to a word measures in it
        ("20-foot-high barrier", 20, 21, "foot"),
    ],
)
def test_quantity_counts_the_noun(text: str, low: float, high: float, unit: str) -> None:
    quantity = quantity_interval(text)
    assert quantity is not None
    assert (quantity.low, quantity.high, quantity.unit) == (pytest.approx(low), high, unit)


@pytest.mark.parametrize(
    "text",
    [
        "thousands shouted in the Shiite stronghold",  # a verb, not a noun
        "Hundreds converged Thursday on the embassy",
        "two most seriously wounded",
        "hundreds of billions of dollars",  # a scale word is no noun
        "eight in 10 said they were",
        "about 7 p.m.",
        "2014 his firm",  # a determiner without "of"
        "Nearly two-thirds",
    ],
)
def test_no_noun_is_counted(text: str) -> None:
    quantity = quantity_interval(text)
    assert quantity is not None and quantity.unit is None


def test_a_bare_scale_word_is_no_number() -> None:
    assert quantity_interval("hundred") is None
    assert quantity_interval("a hundred donors").low == 100


@pytest.mark.parametrize(
    "text", ["all employees", "All Employees", "all local employees", "all of our staff",
             "all the company's workers"],
)
def test_all_is_the_whole_set(text: str) -> None:
    quantity = quantity_interval(text)
    assert quantity == Quantity(INF, INF, "employee", exact=False, whole=True)
    assert quantity.key == "employee:all"


@pytest.mark.parametrize(
    "text", ["all these years", "all options", "employees", "", "the", "hundred"]
)
def test_not_a_quantity(text: str) -> None:
    assert quantity_interval(text) is None


def test_quantity_label_and_key() -> None:
    fewer = quantity_interval("fewer than 50 employees")
    assert fewer.label == "[0, 50) employee"
    assert fewer.key == "employee:[0,50)"
    assert quantity_interval("more than 50").key == ":[51,inf)"


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("fewer than 50 employees", "less than 50 workers", True),
        ("fewer than 50 employees", "dozens of employees", True),  # [0,50) and [24,100) overlap
        ("fewer than 50 employees", "around 300 employees", False),
        ("fewer than 50 employees", "50 employees", False),  # half-open: 50 is not below 50
        ("up to 50 employees", "50 employees", True),
        ("more than 50 employees", "50 employees", False),
        ("at least 50 employees", "50 employees", True),
        ("all employees", "fewer than 50 employees", False),
        ("all employees", "dozens of employees", False),
        ("all employees", "all local employees", True),
        ("all employees", "15 years", True),  # different units: not the same slot
        ("50 employees", "50 years", True),
        ("about 300", "310", True),
    ],
)
def test_compatible(a: str, b: str, expected: bool) -> None:
    first, second = quantity_interval(a), quantity_interval(b)
    assert compatible(first, second) is expected
    assert compatible(second, first) is expected


@pytest.mark.parametrize(
    ("word", "unit"),
    [("employees", "employee"), ("workers", "employee"), ("staff", "employee"),
     ("jobs", "employee"), ("positions", "employee"), ("years", "year"), ("times", "time"),
     ("apps", "app"), ("applications", "app"), ("people", "person"), ("companies", "company"),
     ("bananas", None)],
)
def test_canonical_unit(word: str, unit: str | None) -> None:
    assert canonical_unit(word) == unit


# --- money and percentages -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$721 million", Money("USD", 721e6)),
        ("€5bn", Money("EUR", 5e9)),
        ("40 million euros", Money("EUR", 40e6)),
        ("£3.2 million", Money("GBP", 3.2e6)),
        ("US$1.5 billion", Money("USD", 1.5e9)),
        ("₽100", Money("RUB", 100)),
        ("₹2,000", Money("INR", 2000)),
        ("¥300", Money("JPY", 300)),
        ("500 rubles", Money("RUB", 500)),
        ("$5m", Money("USD", 5e6)),
        ("around $5 million", Money("USD", 5e6, approximate=True)),
        ("more than €2bn", Money("EUR", 2e9, approximate=True)),
    ],
)
def test_money_value(text: str, expected: Money) -> None:
    assert money_value(text) == expected


@pytest.mark.parametrize("text", ["721 million", "5 m", "dozens of dollars", ""])
def test_not_money(text: str) -> None:
    assert money_value(text) is None


def test_money_label_and_key() -> None:
    money = money_value("$721 million")
    assert money.label == "USD 721,000,000"
    assert money.key == "USD:721000000"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("10%", 10.0), ("10 percent", 10.0), ("10 per cent", 10.0), ("around 10%", 10.0),
     ("3.5%", 3.5), ("2 percentage points", 2.0), ("no number", None)],
)
def test_percent_value(text: str, expected: float | None) -> None:
    assert percent_value(text) == expected


# --- names ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("U.S.", "United States"),
        ("US", "United States"),
        ("USA", "United States"),
        ("United States", "United States"),
        ("the United States", "United States"),
        ("America", "United States"),
        ("U.S.-based", "United States"),
        ("U.K.", "United Kingdom"),
        ("UK", "United Kingdom"),
        ("Britain", "United Kingdom"),
        ("Russia", "Russia"),
        ("Russian Federation", "Russia"),
        ("Russia’s", "Russia"),
        ("Kiev", "Kyiv"),
        ("Washington", "Washington"),
        ("Latin America", "Latin America"),  # "America" only when standing alone
        ("Atlantis", "Atlantis"),  # unknown: returned as given
    ],
)
def test_canonical_place(name: str, expected: str) -> None:
    assert canonical_place(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Gina Raimondo", "Gina Raimondo"),
        ("U.S. Commerce Secretary Gina Raimondo", "Gina Raimondo"),
        ("Mr. Zetter", "Zetter"),
        ("Dr. Kim Zetter", "Kim Zetter"),
        ("Kaspersky’s", "Kaspersky"),
        ("Kaspersky spokesperson Sawyer VanHorn", "Sawyer VanHorn"),
        ("Chief executive Eugene Kaspersky", "Eugene Kaspersky"),
        ("Filip TRUȚĂ", "Filip Truță"),
        ("Martin Luther King Jr.", "Martin Luther King"),
        ("Stephen King", "Stephen King"),  # a role word as surname stays
    ],
)
def test_canonical_person(name: str, expected: str) -> None:
    assert canonical_person(name) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Filip TRUȚĂ", "Filip Truta"),
        ("Eugene Kaspersky", "Evgeniy Kaspersky"),
        ("Eugene Kaspersky", "Yevgeny Kaspersky"),
        ("Alexander Navalny", "Aleksandr Navalny"),
        ("Sergey Brin", "Sergei Brin"),
        ("Dmitry Medvedev", "Dmitri Medvedev"),
        ("Mr. Kim Zetter’s", "KIM ZETTER"),
    ],
)
def test_name_variants_share_a_key(a: str, b: str) -> None:
    assert person_key(a) == person_key(b)
    assert names_match(a, b)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Zetter", "Kim Zetter", True),
        ("Kim Zetter", "Zetter", True),
        ("Raimondo", "Gina Raimondo", True),
        ("Mikhail Gorbachev", "Michael Gorbachev", False),  # a translation, not a transliteration
        ("Kim Zetter", "Kim Jong-un", False),
        ("Zetter", "Raimondo", False),
    ],
)
def test_names_match(a: str, b: str, expected: bool) -> None:
    assert names_match(a, b) is expected


def test_fold_removes_diacritics_and_case() -> None:
    assert fold("Filip TRUȚĂ") == fold("Filip Truta") == "filip truta"
    assert fold("Łódź’s") == "lodz's"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Kaspersky Lab", "kaspersky"),
        ("Kaspersky Labs", "kaspersky"),
        ("Kaspersky Lab’s", "kaspersky"),
        ("Kaspersky", "kaspersky"),
        ("U.S. Commerce Department", "department of commerce"),
        ("US Department of Commerce", "department of commerce"),
        ("Commerce Department", "department of commerce"),
        ("Department of Commerce", "department of commerce"),
        ("US Department of the Treasury", "department of treasury"),
        ("U.S. Treasury", "department of treasury"),
        ("American Airlines", "american airlines"),  # a company keeps its country word
        ("The Register", "register"),
    ],
)
def test_canonical_organization(name: str, expected: str) -> None:
    assert canonical_organization(name) == expected


@pytest.mark.parametrize(
    ("name", "before", "after", "expected"),
    [
        ("United States", "", "", "place"),
        ("U.S.", "", "", "place"),
        ("Russia-based", "", "", "place"),
        ("Kaspersky Lab", "", "", "organization"),
        ("US Department of Commerce", "", "", "organization"),
        ("Bureau of Industry", "", "", "organization"),
        ("U.S. Treasury", "", "", "organization"),
        ("The New York Times", "", "", "organization"),
        ("BIS", "the ", "", "organization"),
        ("Register", "This was reported by The ", "", "organization"),
        ("Kim Zetter", "Independent journalist ", " first reported", "person"),
        ("Kim Zetter", "", "", "person"),  # a known first name
        ("Gina Raimondo", "U.S. Commerce Secretary ", " said", "person"),
        ("Sawyer VanHorn", "Kaspersky spokesperson ", " confirmed", "person"),
        ("Evgeniy Kaspersky", "its founder and head, ", ".", "person"),
        ("Mr. Zetter", "", "", "person"),
        ("Jane Doerr", "", " said on Monday", "person"),
        ("Kaspersky", "", " said.", None),  # one word and "said": the company says things too
        ("Kaspersky", "Russian cybersecurity firm ", " will lay off", None),
        ("Zero Day", "confirmed by the company to ", ".", None),
    ],
)
def test_entity_type(name: str, before: str, after: str, expected: str | None) -> None:
    assert entity_type(name, before, after) == expected


@pytest.mark.parametrize(
    "word",
    ["Egyptian", "Swiss", "Yemeni", "Shiite", "Russian", "Americans", "Libyans", "Israeli",
     "Iranian", "Chinese", "Ukrainian", "Jordanian", "Vietnamese", "Kuwaiti", "Somali",
     "Palestinians", "Minnesotans", "Lebanese", "Turkish", "Swedish", "African-American",
     "Israeli-Palestinian", "South Korean", "Muslims"],
)
def test_demonyms(word: str) -> None:
    assert is_demonym(word)


@pytest.mark.parametrize(
    "word",
    ["Brian", "Roman", "Adrian", "Julian", "Francis", "Polis", "Jordan", "Texas", "Kaspersky",
     "Trump", "Orwellian", "Benghazi", "Islam", "God", "Egyptian President Mohammed Morsi"],
)
def test_not_demonyms(word: str) -> None:
    assert not is_demonym(word)


def test_is_role() -> None:
    assert is_role("leader") and is_role("ministers") and is_role("CEO")
    assert not is_role("protesters") and not is_role("Trump")


def test_a_name_in_a_line_of_capitals_is_no_acronym():
    # "WATCH THE FULL INTERVIEW WITH TRUMP ON FOX NEWS": TRUMP is shouted, not an organisation's initials,
    # and so does not make every "Trump said" of that article an organisation
    assert entity_type("TRUMP", "WATCH THE FULL INTERVIEW WITH ", " ON FOX NEWS’ ‘HANNITY’") is None
    assert entity_type("NATO", "leaders of ", " said on Monday") == "organization"
    assert entity_type("NATO", "", " SUMMIT") == "organization"  # one capital word beside it is not a line of them

"""Small hand-written coverage of a few events, shared by the story tests (core, CLI and UI)."""

from __future__ import annotations

from desktop.core.models import ParsedArticle

# (event, outlet, date, title, text)
COVERAGE = [
    ("storm", "Daily Planet", "2021-03-02", "Hurricane Delia makes landfall near Galveston",
     "Hurricane Delia made landfall near Galveston, Texas, early on Tuesday with winds of 130 mph, "
     "flooding coastal roads and cutting power to 400,000 homes. Governor Ruth Alvarez declared a state of "
     "emergency in 22 counties and ordered evacuations of the barrier islands."),
    ("storm", "The Courier", "2021-03-02", "Delia slams Texas coast, 400,000 without power",
     "Delia slammed into the Texas coast near Galveston with 130 mph winds. About 400,000 homes lost power and "
     "Governor Ruth Alvarez declared an emergency in 22 counties as the storm surge flooded Galveston streets."),
    ("storm", "Evening Star", "2021-03-03", "Galveston counts the damage after Hurricane Delia",
     "A day after Hurricane Delia hit Galveston, residents returned to flooded homes. Power is still out for "
     "300,000 customers, and Governor Ruth Alvarez asked for federal disaster aid for the 22 counties."),
    ("budget", "Daily Planet", "2021-03-03", "Senate passes $1.2 trillion budget in 51-49 vote",
     "The Senate passed a $1.2 trillion budget resolution on Wednesday by 51 votes to 49, after Majority "
     "Leader Tom Okafor kept his caucus together. The bill now goes to the House, where Speaker Dana Pruitt "
     "said a vote could come next week."),
    ("budget", "The Courier", "2021-03-03", "Okafor's budget squeaks through the Senate 51-49",
     "Majority Leader Tom Okafor's $1.2 trillion budget cleared the Senate 51-49 on Wednesday. Speaker Dana "
     "Pruitt said the House would take up the budget resolution next week."),
    ("budget", "Evening Star", "2021-03-04", "What is in the $1.2 trillion Senate budget",
     "The budget resolution the Senate passed 51-49 sets $1.2 trillion in spending. Tom Okafor says it funds "
     "roads and schools; Dana Pruitt expects a House vote next week on the Okafor budget."),
]


def parsed_coverage(rows=COVERAGE, prefix="https://news.example/") -> list[ParsedArticle]:
    return [
        ParsedArticle(text=text, origin=f"/c/{n}.txt", title=title, source=outlet, published=day,
                      url=f"{prefix}{n}")
        for n, (_, outlet, day, title, text) in enumerate(rows)
    ]


def save_coverage(store, rows=COVERAGE, prefix="https://news.example/") -> dict[str, list[int]]:
    """Save the rows; event name -> library article ids."""
    ids: dict[str, list[int]] = {}
    for (event, *_), article in zip(rows, parsed_coverage(rows, prefix), strict=True):
        _, article_id, _ = store.save_article(article)
        ids.setdefault(event, []).append(article_id)
    return ids

"""Find Stories over a library, and place new imports among the stories found.

``suggest_stories`` clusters the library (or a date range of it) and replaces the suggested
stories; ``place_new_articles`` joins newly imported articles to a suggested story or starts one,
reading only the articles published near them (no full recompute). Neither ever changes a
story of the reader's (made or accepted by them): articles already in one are left out of
suggestions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import timedelta

from desktop.core.models import Changes
from desktop.core.stories.clustering import (
    Settings,
    StoryArticle,
    StorySuggestion,
    article_date,
    find_stories,
    pair_scores,
)

__all__ = ["articles_for_clustering", "place_new_articles", "suggest_stories"]


def articles_for_clustering(store, since: str | None = None, until: str | None = None, *,
                            article_ids: Iterable[int] | None = None, undated: bool = True) -> list[StoryArticle]:
    return [
        StoryArticle(id=r[0], title=r[1], text=r[2] or "", published=r[3], source=r[4])
        for r in store.clustering_rows(since, until, undated=undated, article_ids=article_ids)
    ]


def suggest_stories(
    store,
    since: str | None = None,
    until: str | None = None,
    *,
    settings: Settings = Settings(),
    save: bool = True,
    progress: Callable[[int, int, str], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> tuple[list[StorySuggestion], Changes]:
    """Cluster the library's articles (published in since..until, undated ones included) into
    suggested stories; with ``save`` they replace the previous suggestions. Articles in one of
    the reader's stories are left out. Once ``is_cancelled()`` is true it stops early, finds
    nothing and saves nothing."""
    taken = store.reader_story_articles()
    articles = [a for a in articles_for_clustering(store, since, until) if a.id not in taken]
    if is_cancelled is not None and is_cancelled():
        return [], Changes()
    found = find_stories(articles, settings, progress, is_cancelled)
    if not save or (is_cancelled is not None and is_cancelled()):
        return found, Changes()
    _, changes = store.save_suggestions((s.label, s.article_ids) for s in found)
    return found, changes


def place_new_articles(store, article_ids: Iterable[int], settings: Settings = Settings()) -> Changes:
    """Join each new article to the suggested story it scores best with (mean over the story's
    articles ≥ the clustering threshold), or group the new articles that match none with the
    unstoried articles near them into new suggestions. Reads only articles within
    ``settings.window_days`` of the new ones (and the members of the suggestions they touch)."""
    new = articles_for_clustering(store, article_ids=article_ids)
    if not new:
        return Changes()
    homes = store.stories_of_articles(a.id for a in new)
    new = [a for a in new if not homes.get(a.id)]  # already in a story: leave it where it is
    if not new:
        return Changes()
    days = [d for d in (article_date(a.published) for a in new) if d is not None]
    window = timedelta(days=settings.window_days)
    if days:
        near = articles_for_clustering(store, (min(days) - window).isoformat(), (max(days) + window).isoformat(),
                                       undated=False)
    else:
        near = []
    new_ids = {a.id for a in new}
    near = [a for a in near if a.id not in new_ids]
    story_of: dict[int, tuple[int, str]] = {}
    for article_id, stories in store.stories_of_articles(a.id for a in near).items():
        for story_id, kind in stories:
            story_of[article_id] = (story_id, kind)
    suggested = {sid for sid, kind in story_of.values() if kind == "suggested"}
    members = {sid: store.story(sid).article_ids for sid in suggested}
    pool = {a.id: a for a in near}
    missing = {m for ids in members.values() for m in ids if m not in pool}
    for article in articles_for_clustering(store, article_ids=missing):
        pool[article.id] = article
    # only the new articles against the suggestions' members (and each other: a placed one joins)
    others = [*new, *(pool[m] for m in dict.fromkeys(m for ids in members.values() for m in ids) if m in pool)]
    at = {a.id: n for n, a in enumerate(others)}
    block = pair_scores(new, others, settings)
    row_of = {a.id: n for n, a in enumerate(new)}

    def score(a: int, b: int) -> float:
        return float(block[row_of[a], at[b]]) if b in at else 0.0

    changes = Changes()
    placed: set[int] = set()
    for article in new:
        best, best_mean = None, settings.threshold
        for sid, ids in members.items():
            mean = sum(score(article.id, m) for m in ids) / len(ids) if ids else 0.0
            if mean >= best_mean:
                best, best_mean = sid, mean
        if best is not None:
            changes |= store.add_to_story(best, [article.id])
            members[best] = (*members[best], article.id)
            placed.add(article.id)
    # the rest: cluster with the nearby articles that are in no story yet
    free = [a for a in new if a.id not in placed] + [a for a in near if a.id not in story_of]
    for group in find_stories(free, settings):
        if new_ids & set(group.article_ids):
            _, created = store.create_suggested_story(group.label, group.article_ids)
            changes |= created
    return changes


"""More coverage in your library: articles about a story's event that are not in the story.

A candidate is any dated article published within ``Settings.window_days`` of the story's first
and last dates; a story with no dated article is compared with the library's latest
``UNDATED_CANDIDATES`` undated articles instead (on text alone: there are no days to narrow the
library by, and reading all of it takes a minute). Each candidate is scored against each of the
story's articles like clustering scores a pair (``pair_scores``: the story × candidates block
only), averaged over the story's articles (the story's average linkage to it), and listed best
first when that mean clears ``RELATED_SHARE`` of the clustering threshold (a looser bar than
joining a story: this is a list the reader picks from).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from desktop.core.stories.clustering import Cancelled, Settings, article_date, pair_scores
from desktop.core.stories.finding import articles_for_clustering

__all__ = ["RELATED_SHARE", "UNDATED_CANDIDATES", "RelatedArticle", "related_articles"]

RELATED_SHARE = 0.6
UNDATED_CANDIDATES = 2000


@dataclass(frozen=True)
class RelatedArticle:
    id: int
    title: str
    outlet: str | None
    published: str | None
    leaning: str | None  # None: unknown
    score: float  # mean pair score with the story's articles

    def as_json(self) -> dict:
        # "source" as in every other listing; "outlet" kept for scripts written against it
        return {"id": self.id, "title": self.title, "source": self.outlet, "outlet": self.outlet,
                "published": self.published, "leaning": self.leaning or "unknown", "score": round(self.score, 3)}


def related_articles(store, story_id: int, limit: int = 20, settings: Settings = Settings(),
                     is_cancelled: Callable[[], bool] | None = None) -> list[RelatedArticle]:
    """The articles most like the story's, best first (none once ``is_cancelled()`` is true)."""
    story = store.story(story_id)
    members = articles_for_clustering(store, article_ids=story.article_ids)
    if not members:
        return []
    days = [d for d in (article_date(a.published) for a in members) if d is not None]
    if days:
        window = timedelta(days=settings.window_days)
        candidates = articles_for_clustering(store, (min(days) - window).isoformat(),
                                             (max(days) + window).isoformat(), undated=False)
    else:
        candidates = articles_for_clustering(store, article_ids=store.latest_undated_article_ids(UNDATED_CANDIDATES))
    inside = set(story.article_ids)
    candidates = [a for a in candidates if a.id not in inside]
    if not candidates:
        return []
    try:
        means = pair_scores(members, candidates, settings, is_cancelled).mean(axis=0)
    except Cancelled:
        return []
    scored = [(float(mean), c) for mean, c in zip(means, candidates, strict=True)
              if mean >= settings.threshold * RELATED_SHARE]
    scored.sort(key=lambda x: (-x[0], x[1].id))
    scored = scored[:limit]
    leanings = store.leanings_of_articles(c.id for _, c in scored)
    return [
        RelatedArticle(id=c.id, title=(c.title or " ".join(c.text.split()[:12]) or "(untitled)"), outlet=c.source,
                       published=c.published, leaning=leanings.get(c.id), score=mean)
        for mean, c in scored
    ]


"""More coverage in your library: articles about a story's event that are not in the story.

A candidate is any article published within ``Settings.window_days`` of the story's first and
last dates (all articles when the story has no dated article; undated candidates are scored on
text alone). It is scored like clustering scores a pair, averaged over the story's articles
(the story's average linkage to it), and listed best first when that mean clears
``RELATED_SHARE`` of the clustering threshold (a looser bar than joining a story: this is a
list the reader picks from).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from desktop.core.stories.clustering import Settings, article_date, score_pairs
from desktop.core.stories.finding import articles_for_clustering

__all__ = ["RELATED_SHARE", "RelatedArticle", "related_articles"]

RELATED_SHARE = 0.6


@dataclass(frozen=True)
class RelatedArticle:
    id: int
    title: str
    outlet: str | None
    published: str | None
    leaning: str | None  # None: unknown
    score: float  # mean pair score with the story's articles

    def as_json(self) -> dict:
        return {"id": self.id, "title": self.title, "outlet": self.outlet, "published": self.published,
                "leaning": self.leaning or "unknown", "score": round(self.score, 3)}


def related_articles(store, story_id: int, limit: int = 20, settings: Settings = Settings()) -> list[RelatedArticle]:
    story = store.story(story_id)
    members = articles_for_clustering(store, article_ids=story.article_ids)
    if not members:
        return []
    days = [d for d in (article_date(a.published) for a in members) if d is not None]
    if days:
        window = timedelta(days=settings.window_days)
        candidates = articles_for_clustering(store, (min(days) - window).isoformat(),
                                             (max(days) + window).isoformat())
    else:
        candidates = articles_for_clustering(store)
    inside = set(story.article_ids)
    candidates = [a for a in candidates if a.id not in inside]
    if not candidates:
        return []
    everyone = [*members, *candidates]
    pairs = score_pairs(everyone, settings)
    count = len(members)
    scored = []
    for n, candidate in enumerate(candidates, start=count):
        mean = sum(pairs.get((m, n), 0.0) for m in range(count)) / count
        if mean >= settings.threshold * RELATED_SHARE:
            scored.append((mean, candidate))
    scored.sort(key=lambda x: (-x[0], x[1].id))
    scored = scored[:limit]
    leanings = store.leanings_of_articles(c.id for _, c in scored)
    return [
        RelatedArticle(id=c.id, title=(c.title or " ".join(c.text.split()[:12]) or "(untitled)"), outlet=c.source,
                       published=c.published, leaning=leanings.get(c.id), score=mean)
        for mean, c in scored
    ]

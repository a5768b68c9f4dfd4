"""The library: one SQLite file, reached only through ``Store``.

No SQL lives outside this package and ``schema.py``. Every mutating call commits before it
returns and returns a ``Changes`` naming the tables and ids it touched, so views refresh
only what cares. Writes use ``BEGIN IMMEDIATE`` so two Parallax windows on one library
queue up behind SQLite's lock instead of failing half-way.

``Store`` is one class made of one mixin per entity: ``base`` (opening, transactions, meta),
``articles`` (with versions and boilerplate), ``article_edits`` (the reader's metadata edits,
deleting and restoring an article), ``stories``, ``annotations`` (with
re-anchoring), ``tags``, ``links``, ``overrides`` (the reader's "Not the Same Fact" and "Not a Conflict"), ``search`` and ``article_list`` (the library list, sorted and
filtered in SQL). Imports nothing from matching,
interchange or the UI.
"""

from __future__ import annotations

from desktop.core.library.store.annotations import AnnotationsMixin
from desktop.core.library.store.article_edits import ArticleEditsMixin, ArticleInfo
from desktop.core.library.store.article_list import ArticleListMixin
from desktop.core.library.store.articles import ArticlesMixin, content_hash
from desktop.core.library.store.base import BUSY_TIMEOUT_S, StoreBase
from desktop.core.library.store.links import LinksMixin
from desktop.core.library.store.outlets import OutletsMixin
from desktop.core.library.store.overrides import FactSeparation, OverridesMixin, SpanPair
from desktop.core.library.store.search import SearchMixin
from desktop.core.library.store.stories import StoriesMixin
from desktop.core.library.store.tags import TagsMixin
from desktop.core.models import count_words

__all__ = ["BUSY_TIMEOUT_S", "ArticleInfo", "FactSeparation", "SpanPair", "Store", "content_hash", "count_words"]


class Store(ArticlesMixin, ArticleListMixin, ArticleEditsMixin, StoriesMixin, OutletsMixin, AnnotationsMixin, TagsMixin, LinksMixin, OverridesMixin, SearchMixin, StoreBase):
    """The one gateway to the library database."""

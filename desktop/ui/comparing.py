"""The open story in the comparison area: its panes, the reader's highlights, its comparison.

``StoryComparison`` lays out one pane per article of the story, draws the reader's highlights on
them, compares the articles in the background (progress in the status bar) and shows the result
in steps: in the panes, then in each of ``consumers`` (the facts panel, the coverage matrix).

It follows the change bus and re-reads only what a change touches: the story's membership and
order, its articles' text and boilerplate (``ARTICLE_TABLES``) re-lay or update the panes and
compare again, but only when what the store holds differs from what the panes show; the
reader's annotations, links and tags (``ANNOTATION_TABLES``) only redraw the highlights, and
compare again only when the reader's "same fact" links or "Not the Same Fact" separations
(``READER_LINK_TABLES``) of these articles changed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel, QProgressBar, QStatusBar

from desktop.core.errors import NotFound
from desktop.core.labels import counted
from desktop.ui.changes import ANNOTATION_TABLES, READER_LINK_TABLES, ChangeBus
from desktop.ui.compare.comparison_area import BIG_STORY, ComparisonArea
from desktop.ui.compare.facts_panel import fact_rows
from desktop.ui.library.library_models import ALL_ARTICLES
from desktop.ui.tasks import IN_THREAD_CHARS, ComparisonTask

ARTICLE_TABLES = frozenset({"articles", "boilerplate_spans", "story_articles"})
LIBRARY_HINT = ("Choose a story on the left to read its articles side by side.\n\n"
                "Select articles here and press Ctrl+Return to add them to a story.")


def _prepare_views(result) -> None:
    """In the worker thread, before the result is handed to the GUI thread: the facts table's
    rows (seconds for a story of hundreds of articles), which the facts panel and the coverage
    matrix then find ready instead of building them on the GUI thread. Pure Python, no widget,
    and nothing the GUI thread reads meanwhile is changed: the new rows bring their own tooltip
    cache, and the old rows (still shown, still hovered) keep theirs."""
    _generation, comparison = result
    fact_rows(comparison)


class StoryComparison(QObject):
    story_shown = Signal(int)  # story id, once its panes are laid out (again)
    comparison_finished = Signal(object)  # Comparison, once the panes show it
    big_story_opened = Signal(int)  # article count: a story too big to read side by side opened on its overview

    def __init__(self, store, area: ComparisonArea, status_bar: QStatusBar, show_error: Callable[[str, str], None],
                 consumers: list[Callable[[object], None]], parent: QObject | None = None):
        super().__init__(parent)
        self.store, self.area, self.status_bar, self.show_error = store, area, status_bar, show_error
        self.consumers = list(consumers)  # also given each comparison, after the panes
        self.story_id = ALL_ARTICLES
        self.task: ComparisonTask | None = None
        self.visible_facts: set[str] | None = None  # the facts filter; None: everything
        self._generation = 0
        self._applying: int | None = None  # the generation being shown in steps
        self._laid_out_story: int | None = None  # the story whose open panes the area shows
        self._same_facts: list = []  # the reader's same-fact links the last comparison was given
        self._different_facts: list = []  # and their "Not the Same Fact" separations
        self._dismissed: list = []  # and their "Not a Conflict" pairs
        # what the reader just did, said again before the figures of the comparison it started:
        # (generation current when said, message); never carried to another story or a later comparison
        self._announced: tuple[int, str] | None = None
        self.compare_label = QLabel()
        self.compare_label.hide()
        self.compare_bar = QProgressBar()
        self.compare_bar.setMaximumWidth(120)
        self.compare_bar.setTextVisible(False)
        self.compare_bar.hide()
        # the reader's open panes are kept while the same story is laid out again
        area.panes_changed.connect(self.refresh_annotations)

    @property
    def busy(self) -> bool:
        """A comparison is being computed or shown."""
        return self.task is not None or self._applying is not None

    def follow(self, bus: ChangeBus) -> None:
        bus.changed.connect(self._on_change_bus_changed)

    def show_story(self, story_id: int) -> None:
        """Lay out the story's panes (none for the Library row) and compare them."""
        if story_id != self.story_id:
            self._announced = None  # what the reader did there is not said here
        self.story_id = story_id
        if story_id == ALL_ARTICLES:
            self.area.set_articles([])  # the library view keeps no panes of its own: show the hint
            self._laid_out_story = None
            self.area.hint.setText(LIBRARY_HINT)
        else:
            story = self.store.story(story_id)
            articles = [self.store.article(a) for a in story.article_ids]
            big = self._lay_out(story_id, articles)
            self.refresh_annotations()
            self.start_comparison(articles)
            if big:
                self.status_bar.showMessage(
                    f"{len(articles)} articles: too many to read side by side. The coverage matrix and facts "
                    f"show the whole story; click an article in the strip above the panes to read it.", 15000)
                self.big_story_opened.emit(len(articles))
        self.story_shown.emit(story_id)

    def _lay_out(self, story_id: int, articles: list) -> bool:
        """Panes for the story: every article, or for a big story only those that fit. The same
        story laid out again (an article added, removed or moved) keeps the reader's choice, and
        opens what is new. True for a big story opened afresh."""
        area, ids = self.area, [a.id for a in articles]
        if story_id == self._laid_out_story and area.articles:
            before = {a.id for a in area.articles}
            keep = set(area.open_ids) | (set(ids) - before)
            opened = [i for i in ids if i in keep] or ids[:1]
            if opened == ids:
                area.set_articles(articles)
            else:
                area.set_articles(articles, opened)
            return False
        self._laid_out_story = story_id
        if len(articles) <= BIG_STORY:
            area.set_articles(articles)
            return False
        area.set_articles(articles, fit=True)
        return True

    def refresh_annotations(self) -> None:
        """Re-read the reader's highlights and links on the panes' articles."""
        store = self.store
        by_article = {p.article_id: store.annotations(article_id=p.article_id) for p in self.area.panes}
        self.area.set_annotations(by_article)
        shown = {a.id: a for found in by_article.values() for a in found}
        self.area.set_annotation_links([
            (link, shown[link.from_id], shown[link.to_id])
            for link in store.links_of(shown) if link.from_id in shown and link.to_id in shown])

    def set_visible_facts(self, ids) -> None:
        """The facts filter changed: highlight only these (all of them means no filter)."""
        ids = set(ids)
        shown = self.area.comparison
        if shown is not None and len(ids) == len(shown.facts) + len(shown.conflicts):
            ids = None  # no filter: the highlights already show everything
        if ids != self.visible_facts:
            self.visible_facts = ids
            self.area.set_visible_facts(ids)

    def step_fact(self, step: int) -> None:
        """Align the panes on the next (+1) or previous (-1) fact of the focused pane."""
        if self.area.comparison is None:
            self.status_bar.showMessage("The comparison is not ready yet.", 3000)
            return
        widget = QApplication.focusWidget()
        lead = next((i for i, pane in enumerate(self.area.panes)
                     if widget is not None and (widget is pane or pane.isAncestorOf(widget))), 0)
        if self.area.step_fact(step, lead, self.visible_facts) is None:
            self.status_bar.showMessage("No more facts " + ("below." if step > 0 else "above."), 3000)

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    # -------------------------------------------------------------- comparing

    def start_comparison(self, articles: list) -> None:
        """Compare the panes' articles in the background; a newer request supersedes it."""
        self._generation += 1
        self.cancel()
        if len(articles) < 2:
            self.compare_label.hide()
            self.compare_bar.hide()
            return
        self._same_facts = self.store.same_fact_pairs([a.id for a in articles])
        self._different_facts = self.store.different_fact_pairs([a.id for a in articles])
        self._dismissed = self.store.dismissed_conflict_pairs([a.id for a in articles])
        task = ComparisonTask(list(articles), self._generation, self._same_facts, self._different_facts,
                              self._dismissed)
        # a superseded task's last words must not overwrite the new one's
        task.signals.progressed.connect(
            lambda done, total, message, t=task: self._on_task_progressed(done, total, message) if self.task is t else None)
        # connected first and direct: runs in the worker, before the GUI thread is told
        task.signals.succeeded.connect(_prepare_views, Qt.ConnectionType.DirectConnection)
        task.signals.succeeded.connect(self._on_task_succeeded)
        task.signals.failed.connect(self._on_task_failed)
        task.signals.finished.connect(lambda t=task: self._on_task_finished(t))
        self.task = task
        self.compare_label.setText(f"Comparing {len(articles)} articles…")
        self.compare_label.show()
        self.compare_bar.setRange(0, 0)
        self.compare_bar.show()
        QThreadPool.globalInstance().start(task)

    def _apply_step(self, generation: int, steps: list) -> None:
        if generation != self._generation:
            self._applying = None
            return  # superseded by a newer comparison
        steps.pop(0)()
        if steps:
            # a short pause, not 0: zero-timers can run back to back before input and paint
            # events; self as context cancels the step if the window is gone
            QTimer.singleShot(2, self, lambda: self._apply_step(generation, steps))

    def _applied(self, comparison, generation: int | None = None) -> None:
        self._applying = None
        shared = sum(1 for f in comparison.facts if f.kind == "claim" and f.sources > 1)
        weak = sum(1 for f in comparison.facts if f.weak)
        more = (f" {len(comparison.articles)} articles: pick the ones to read side by side in the strip above "
                "the panes." if len(comparison.articles) > BIG_STORY else "")
        hidden = not self.area.fact_palette.show_less_sure
        less_sure = (f"{weak} less sure, not coloured: View > Show Less Sure Links" if hidden
                     else f"{weak} less sure: Story > Review Links")
        yours = "; ".join(([less_sure] if weak else [])
                          + ([f"{len(self._same_facts)} marked the same by you"] if self._same_facts else [])
                          + ([f"{len(self._different_facts)} pair{'s' if len(self._different_facts) > 1 else ''} "
                              "set apart by you"] if self._different_facts else []))
        gone = len(comparison.dismissed)
        unsure = sum(1 for c in comparison.conflicts if c.weak)
        dismissed = "; ".join(([f"{unsure} less sure"] if unsure else [])
                              + ([f"{gone} dismissed by you"] if gone else []))
        dismissed = f" ({dismissed})" if dismissed else ""
        yours = f" ({yours})" if yours else ""
        announced, self._announced = self._announced, None
        done = announced[1] if announced and generation in (announced[0], announced[0] + 1) else ""
        self.status_bar.showMessage(
            f"{done}{counted(shared, 'shared claim')}{yours}, {counted(len(comparison.conflicts), 'conflict')}"
            f"{dismissed}. "
            f"F7 goes to the next fact.{more}", 15000 if more or done else 8000)
        self.comparison_finished.emit(comparison)

    # ------------------------------------------------------------ following

    def _follow_articles(self, changes) -> bool:
        """Bring the panes in line with the story; True if they were laid out again."""
        try:
            story = self.store.story(self.story_id)
        except NotFound:  # deleted: the library sidebar falls back to the Library row
            return False
        if list(story.article_ids) != [a.id for a in self.area.articles]:
            self.show_story(self.story_id)
            return True
        wanted = changes.ids or None  # no ids (another window): look at every article, open or not
        shown = {a.id: a for a in self.area.articles}
        stale = [article for article in (self.store.article(a) for a in shown if wanted is None or a in wanted)
                 if article != shown[article.id]]
        for article in stale:  # new text or boilerplate: the comparison must be redone
            self.area.update_article(article)
        if stale:
            self.start_comparison(list(self.area.articles))
        return False

    # ------------------------------------------------------------ slots

    def _on_change_bus_changed(self, changes, _source) -> None:
        if self.story_id == ALL_ARTICLES:
            return  # the Library row shows no panes
        relaid = bool(changes.tables & ARTICLE_TABLES) and self._follow_articles(changes)
        if not relaid and changes.tables & ANNOTATION_TABLES:
            self.refresh_annotations()
        if not relaid and changes.tables & READER_LINK_TABLES:
            self._follow_same_facts()

    def announce(self, message: str) -> None:
        """Say what the reader just did now and again in front of the figures of the comparison it
        brings (which would otherwise replace it at once)."""
        self.status_bar.showMessage(message, 6000)
        self._announced = (self._generation, message.rstrip() + "  ")

    def _follow_same_facts(self) -> None:
        """The reader linked (or unlinked) two highlights as the same fact, set two claims apart or
        dismissed a conflict (or took that back): compare again with it."""
        articles = list(self.area.articles)
        ids = [a.id for a in articles]
        if len(articles) >= 2 and (self.store.same_fact_pairs(ids) != self._same_facts
                                   or self.store.different_fact_pairs(ids) != self._different_facts
                                   or self.store.dismissed_conflict_pairs(ids) != self._dismissed):
            self.start_comparison(articles)

    def _on_task_progressed(self, done: int, total: int, message: str) -> None:
        self.compare_bar.setRange(0, max(total, 1))
        self.compare_bar.setValue(done)
        self.compare_label.setText(message + "…")

    def _on_task_succeeded(self, result) -> None:
        generation, comparison = result
        if generation != self._generation:
            return  # the story changed meanwhile
        # applied in steps, one per turn of the event loop, so a long story never freezes the window
        steps = self.area.comparison_steps(comparison)
        if not steps:
            return  # the panes show other articles now: a newer comparison is on its way
        steps += [lambda consume=consume: consume(comparison) for consume in self.consumers]
        steps.append(lambda: self._applied(comparison, generation))
        if sum(len(a.text) for a in comparison.articles) <= IN_THREAD_CHARS:
            for step in steps:  # a short story is shown in one go: quicker than in steps
                step()
            return
        self._applying = generation
        self._apply_step(generation, steps)

    def _on_task_failed(self, message: str) -> None:
        self._announced = None
        self.show_error("The comparison failed", message)

    def _on_task_finished(self, task) -> None:
        if self.task is task:
            self.task = None
            self.compare_label.hide()
            self.compare_bar.hide()

"""The main window's actions (with their shortcuts) and its menu bar.

Like a Designer ``setupUi``: ``build_actions(window)`` makes every ``QAction`` as an attribute of
the window (``window.import_action``...), connected to the component that does the work;
``build_menus(window)`` lays them out in the menus. Every action is also added to the window, so
its shortcut works when the menu bar is hidden.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from desktop.ui.compare import exclusive_marks, less_sure_links

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

LINE_SPACINGS = {"Compact": 120, "Comfortable": 150, "Airy": 180}


def make_action(window: MainWindow, text: str, slot, shortcut=None, tip: str | None = None,
                checkable: bool = False) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        if isinstance(shortcut, list):
            action.setShortcuts([QKeySequence(s) for s in shortcut])
        else:
            action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
    action.setCheckable(checkable)
    action.triggered.connect(slot)
    window.addAction(action)  # shortcuts work even when the menu bar is hidden
    return action


def build_actions(w: MainWindow) -> None:
    act = make_action
    stories, imports = w.stories, w.imports
    w.import_action = act(w, "&Import…", imports.choose_files, "Ctrl+O", "Import article files into the current story")
    w.paste_action = act(w, "New Article from &Clipboard", imports.from_clipboard, "Ctrl+Shift+V",
                         "Store the clipboard's text as a new article")
    w.new_story_action = act(w, "&New Story…", lambda: stories.new_story(), "Ctrl+N")
    w.rename_story_action = act(w, "&Rename Story…", stories.rename_story)
    w.delete_story_action = act(w, "&Delete Story…", stories.delete_story)
    w.quit_action = act(w, "&Quit", w.close, "Ctrl+Q")
    w.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
    w.undo_action = w.undo_stack.createUndoAction(w, "&Undo")
    w.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
    w.redo_action = w.undo_stack.createRedoAction(w, "&Redo")
    w.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence.StandardKey.Redo])
    w.find_action = act(w, "&Find in Library…", w.library.focus_search, "Ctrl+F")
    w.zoom_in_action = act(w, "Zoom &In", lambda: w.zoom(+1), ["Ctrl+=", "Ctrl++"])
    w.zoom_out_action = act(w, "Zoom &Out", lambda: w.zoom(-1), "Ctrl+-")
    w.zoom_reset_action = act(w, "&Actual Size", lambda: w.zoom(0), "Ctrl+0")
    w.sidebar_action = act(w, "Show &Sidebar", w.set_sidebar_visible, "F9",
                           "Show or hide the library, facts and notes beside the panes", checkable=True)
    w.link_action = act(w, "&Link Scrolling", w.set_link_scrolling, "Ctrl+L", "Scroll all panes together",
                        checkable=True)
    w.mark_exclusives_action = act(w, exclusive_marks.ACTION_TEXT,
                                   lambda checked: exclusive_marks.set_exclusive_marks(w, checked),
                                   tip=exclusive_marks.ACTION_TIP, checkable=True)
    exclusive_marks.set_exclusive_marks(w, w.settings.get(exclusive_marks.SETTING), remember=False)
    w.less_sure_action = act(w, less_sure_links.ACTION_TEXT,
                             lambda checked: less_sure_links.set_less_sure_links(w, checked),
                             tip=less_sure_links.ACTION_TIP, checkable=True)
    less_sure_links.set_less_sure_links(w, w.settings.get(less_sure_links.SETTING), remember=False)
    w.font_group = QActionGroup(w)
    w.serif_action = act(w, "&Serif Text", lambda: w.set_font_kind("serif"), checkable=True)
    w.sans_action = act(w, "S&ans-serif Text", lambda: w.set_font_kind("sans"), checkable=True)
    w.font_group.addAction(w.serif_action)
    w.font_group.addAction(w.sans_action)
    w.spacing_group = QActionGroup(w)
    w.spacing_actions = {}
    for name, percent in LINE_SPACINGS.items():
        action = act(w, f"{name} ({percent}%)", lambda _c=False, p=percent: w.set_line_spacing(p), checkable=True)
        w.spacing_group.addAction(action)
        w.spacing_actions[percent] = action
    w.add_to_story_action = act(w, "&Add Selected Articles to Story", stories.add_selected, "Ctrl+Return")
    w.move_left_action = act(w, "Move Pane &Left", lambda: stories.move_focused_pane(-1), "Alt+Shift+Left")
    w.move_right_action = act(w, "Move Pane &Right", lambda: stories.move_focused_pane(+1), "Alt+Shift+Right")
    w.remove_pane_action = act(w, "&Remove Pane", stories.remove_focused_pane, "Ctrl+W")
    w.next_fact_action = act(w, "&Next Fact", lambda: w.step_fact(+1), ["F7", "Alt+Down"],
                             "Align the panes on the next shared fact or conflict")
    w.previous_fact_action = act(w, "&Previous Fact", lambda: w.step_fact(-1), ["Shift+F7", "Alt+Up"])
    w.review_matches_action = act(
        w, "Review Possible &Matches…", w.review_possible_matches, "Ctrl+Shift+R",
        "Settle the claims Parallax was not sure of, one pair at a time: Y the same fact, N not the same")
    w.review_links_action = act(
        w, "Review Lin&ks…", lambda: w.review_possible_matches(links=True), "Ctrl+Shift+J",
        "Check the links Parallax made, least sure first: Y keep, N take the wording out of the fact")
    w.export_notes_action = act(
        w, "Export &Notes…", w.export_notes, "Ctrl+Shift+E",
        "Save this story's highlights and notes: Markdown, CSV, JSON-LD, REFI-QDA, HTML or PDF")
    w.manage_tags_action = act(w, "&Tags…", w.tags.show_manager, "Ctrl+Shift+T", "Rename, merge, colour and delete tags")
    w.story_tags_action = act(w, "Story &Tags…", stories.edit_current_story_tags, tip="Tag the whole story")
    w.article_tags_action = act(w, "Article &Tags…", stories.edit_selected_article_tags,
                                tip="Tag the selected article as a whole")
    w.export_comparison_action = act(
        w, "Export &Comparison…", w.export_comparison, "Ctrl+Alt+E",
        "Save the comparison as HTML, Markdown, JSON or text, or the coverage matrix as an image")
    w.import_notes_action = act(w, "Import N&otes…", w.files.import_notes,
                                tip="Bring back notes exported as Web Annotation JSON-LD or a REFI-QDA project")
    w.about_action = act(w, "&About Parallax", w.show_about)


def _fill(menu, actions) -> None:
    for action in actions:
        menu.addSeparator() if action is None else menu.addAction(action)


def build_menus(w: MainWindow) -> None:
    bar = w.menuBar()
    _fill(bar.addMenu("&File"), (
        w.import_action, w.paste_action, None, w.new_story_action, w.rename_story_action, w.delete_story_action,
        None, w.export_notes_action, w.export_comparison_action, w.import_notes_action, None, w.quit_action))
    _fill(bar.addMenu("&Edit"), (w.undo_action, w.redo_action, None, w.find_action, None, w.manage_tags_action))
    view_menu = bar.addMenu("&View")
    _fill(view_menu, (w.zoom_in_action, w.zoom_out_action, w.zoom_reset_action, None, w.serif_action,
                      w.sans_action))
    _fill(view_menu.addMenu("Line &Spacing"), w.spacing_actions.values())
    facts_toggle = make_action(w, "&Facts", lambda: w.show_sidebar_tab(1), "Ctrl+Shift+F",
                               "Show the facts of the comparison in the sidebar")
    library_toggle = make_action(w, "&Library", lambda: w.show_sidebar_tab(0), "Ctrl+Shift+L")
    coverage_toggle = w.coverage_dock.toggleViewAction()
    coverage_toggle.setText("Coverage Matrix")
    coverage_toggle.setShortcut(QKeySequence("Ctrl+Shift+M"))
    _fill(view_menu, (None, w.link_action, w.mark_exclusives_action, w.less_sure_action, None, w.sidebar_action, library_toggle,
                      facts_toggle, coverage_toggle))
    _fill(bar.addMenu("&Story"), (
        w.next_fact_action, w.previous_fact_action, None, w.review_matches_action,
        w.review_links_action, None, w.add_to_story_action, w.story_tags_action, None,
        w.move_left_action, w.move_right_action, w.remove_pane_action))
    _fill(bar.addMenu("&Help"), (w.about_action,))

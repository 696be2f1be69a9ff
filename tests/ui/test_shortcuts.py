"""Every shortcut of the main window works, once; every command has a keyboard path.

The shortcuts are collected from the widget tree (every ``QAction`` with a key and
every ``QShortcut`` under the window, on every page and tab), so a new one is
covered without touching this file. Each key is pressed on the widget that has the
focus, as a person presses it, with the window shown and active.
"""

from __future__ import annotations

import contextlib
import warnings
from collections import Counter
from dataclasses import dataclass
from typing import Any

import pytest
from PySide6.QtCore import QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QStackedWidget,
    QTabWidget,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from roundtable.storage.db import Database
from roundtable.storage.models import Person, Roundtable, Statement
from roundtable_ui import i18n, messages
from roundtable_ui import main_window as main_window_module
from roundtable_ui.main_window import PAGE_KEYS, MainWindow
from roundtable_ui.messages import ScriptedResponder

Shortcut = Qt.ShortcutContext


def _shown(qtbot: QtBot, database: Database) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.set_database(database)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    for key in PAGE_KEYS:  # every page built, so every page's keys are in the tree
        window.page(key)
    return window


@pytest.fixture
def window(qtbot: QtBot, demo_database: Database) -> MainWindow:
    return _shown(qtbot, demo_database)


# --- the shortcuts in the widget tree -----------------------------------------------


@dataclass
class Holder:
    """One QAction or QShortcut with keys, and where the focus must be for it to fire."""

    obj: QAction | QShortcut
    keys: list[QKeySequence]
    #: "window", "widget" (exactly that widget) or "children" (it or inside it).
    scope: str
    widget: QWidget

    @property
    def name(self) -> str:
        text = self.obj.text() if isinstance(self.obj, QAction) else self.obj.objectName()
        keys = ", ".join(k.toString() for k in self.keys)
        return f"{type(self.obj).__name__} {text!r} [{keys}] on {type(self.widget).__name__}"

    def fired(self) -> Any:
        return self.obj.triggered if isinstance(self.obj, QAction) else self.obj.activated


def holders(window: MainWindow) -> list[Holder]:
    found: list[Holder] = []
    for action in window.findChildren(QAction):
        keys = [k for k in action.shortcuts() if not k.isEmpty()]
        if not keys:
            continue
        widgets = [w for w in action.associatedObjects() if isinstance(w, QWidget)]
        # A tool button showing the action (setDefaultAction) does not widen where it fires.
        own = [w for w in widgets if not isinstance(w, QMenu | QAbstractButton)]
        assert own or widgets, f"{action.text()!r} has keys but is on no widget: they do nothing"
        context = action.shortcutContext()
        if context in (Shortcut.WindowShortcut, Shortcut.ApplicationShortcut):
            found.append(Holder(action, keys, "window", window))
        else:
            scope = "widget" if context == Shortcut.WidgetShortcut else "children"
            found.extend(Holder(action, keys, scope, w) for w in own)
    for shortcut in window.findChildren(QShortcut):
        key = shortcut.key()
        if key.isEmpty():
            continue
        parent = shortcut.parent()
        assert isinstance(parent, QWidget)
        context = shortcut.context()
        scope = {
            Shortcut.WidgetShortcut: "widget",
            Shortcut.WidgetWithChildrenShortcut: "children",
        }.get(context, "window")
        found.append(Holder(shortcut, [key], scope, window if scope == "window" else parent))
    return found


def _overlap(a: Holder, b: Holder) -> bool:
    """Whether some focus widget would let both fire."""
    if "window" in (a.scope, b.scope):
        return True
    if a.scope == "widget" and b.scope == "widget":
        return a.widget is b.widget

    def inside(widget: QWidget, holder: Holder) -> bool:
        return widget is holder.widget or holder.widget.isAncestorOf(widget)

    if a.scope == "children" and b.scope == "children":
        return inside(a.widget, b) or inside(b.widget, a)
    widget, children = (a, b) if a.scope == "widget" else (b, a)
    return inside(widget.widget, children)


def _reveal(window: MainWindow, widget: QWidget) -> None:
    """Show the page and the tabs that hold ``widget``."""
    chain = []
    parent: QWidget | None = widget
    while parent is not None and parent is not window:
        chain.append(parent)
        parent = parent.parentWidget()
    for page_key, page in window.pages.items():
        if page in chain or page is widget:
            window.show_page(page_key)
    for outer in reversed(chain):
        holder = outer.parentWidget()
        # A QTabWidget's pages sit in its inner stack; a stacked widget shows one child.
        if isinstance(holder, QStackedWidget):
            tabs = holder.parentWidget()
            if isinstance(tabs, QTabWidget):
                tabs.setCurrentWidget(outer)
            elif holder is not window.stack:
                holder.setCurrentWidget(outer)
    QApplication.processEvents()


def _focus_target(holder: Holder, window: MainWindow) -> QWidget:
    if holder.scope == "widget":
        return holder.widget
    if holder.scope == "children":
        if holder.widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
            return holder.widget
        inner = [
            w
            for w in holder.widget.findChildren(QAbstractItemView)
            if w.isVisibleTo(window) and w.focusPolicy() != Qt.FocusPolicy.NoFocus
        ]
        assert inner, f"nothing to focus inside {holder.name}"
        return inner[0]
    return window.sidebar


def _quiet(signal: Any) -> None:
    """Disconnect every slot of ``signal``: the test counts the key, not what it does."""
    with warnings.catch_warnings(), contextlib.suppress(RuntimeError, TypeError):
        warnings.simplefilter("ignore")
        signal.disconnect()


class Tally(QObject):
    """Counts, per holder, how often its key fired and how often Qt found it ambiguous."""

    def __init__(self, found: list[Holder]) -> None:
        super().__init__()
        self.fired: Counter[int] = Counter()
        self.ambiguous: Counter[int] = Counter()
        for number, holder in enumerate(found):
            _quiet(holder.fired())
            holder.fired().connect(lambda *_a, n=number: self.fired.update([n]))
            ambiguous = (
                holder.obj.activatedAmbiguously if isinstance(holder.obj, QShortcut) else None
            )
            if ambiguous is not None:
                ambiguous.connect(lambda *_a, n=number: self.ambiguous.update([n]))

    def clear(self) -> None:
        self.fired.clear()
        self.ambiguous.clear()


def _press(widget: QWidget, keys: QKeySequence) -> None:
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    assert QApplication.focusWidget() is widget, f"cannot focus {widget}"
    QTest.keySequence(widget, keys)


def test_the_window_has_the_shortcuts_the_menus_promise(window: MainWindow) -> None:
    found = {k.toString() for h in holders(window) for k in h.keys}
    expected = {"Ctrl+Z", "Ctrl+Shift+Z", "Ctrl+Y", "Ctrl+N", "Ctrl+F", "Ctrl+,", "Del"}
    expected |= {f"Ctrl+{n}" for n in range(1, len(PAGE_KEYS) + 1)}
    expected |= {"Return", "Enter", "F2", "Shift+F10", "Menu"}
    assert expected <= found


def test_no_two_shortcuts_that_can_fire_together_share_a_key(window: MainWindow) -> None:
    found = holders(window)
    clashes = []
    for i, a in enumerate(found):
        for key in a.keys:
            if a.keys.count(key) > 1:
                clashes.append(f"{a.name} has {key.toString()} twice")
            for b in found[i + 1 :]:
                if a.obj is not b.obj and key in b.keys and _overlap(a, b):
                    clashes.append(f"{key.toString()}: {a.name} and {b.name}")
    assert clashes == []


def test_every_shortcut_fires_its_own_action_exactly_once(
    qtbot: QtBot, window: MainWindow, qtlog: Any
) -> None:
    found = holders(window)
    tally = Tally(found)
    targets: list[tuple[int, QKeySequence, QWidget]] = []
    for number, holder in enumerate(found):
        for key in holder.keys:
            if holder.scope == "window":
                # Menu and toolbar keys work on every page, from its list.
                for page_key in PAGE_KEYS:
                    window.show_page(page_key)
                    page = window.pages[page_key]
                    lists = [
                        v
                        for v in page.findChildren(QAbstractItemView)
                        if v.isVisibleTo(window) and v.focusPolicy() != Qt.FocusPolicy.NoFocus
                    ]
                    targets.append((number, key, lists[0] if lists else window.sidebar))
                targets.append((number, key, window.sidebar))
            else:
                targets.append((number, key, holder.widget))
    failures = []
    for number, key, where in targets:
        holder = found[number]
        if holder.scope == "window":
            _reveal(window, where)
        else:
            _reveal(window, holder.widget)
            where = _focus_target(holder, window)
        holder.obj.setEnabled(True)
        tally.clear()
        _press(where, key)
        wanted = Counter({number: 1})
        if tally.fired != wanted or tally.ambiguous:
            fired = [f"{found[n].name} ×{c}" for n, c in tally.fired.items()]
            failures.append(
                f"{key.toString()} on {type(where).__name__} for {holder.name}: fired {fired}"
            )
    assert not failures, "\n".join(failures)
    ambiguous = [r.message for r in qtlog.records if "mbiguous" in r.message]
    assert ambiguous == []
    assert len(targets) > 40


# --- Undo and Redo, in a list and in a text field -------------------------------------


class _GnomeKeys(QKeySequence):
    """QKeySequence as GNOME and KDE have it: Redo is Ctrl+Shift+Z alone."""

    def __init__(self, *args: Any) -> None:
        if args and args[0] == QKeySequence.StandardKey.Redo:
            super().__init__("Ctrl+Shift+Z")
        else:
            super().__init__(*args)

    @staticmethod
    def keyBindings(key: QKeySequence.StandardKey) -> list[QKeySequence]:
        if key == QKeySequence.StandardKey.Redo:
            return [QKeySequence("Ctrl+Shift+Z")]
        return QKeySequence.keyBindings(key)


@pytest.fixture
def gnome_window(
    qtbot: QtBot, demo_database: Database, monkeypatch: pytest.MonkeyPatch
) -> MainWindow:
    monkeypatch.setattr(main_window_module, "QKeySequence", _GnomeKeys)
    return _shown(qtbot, demo_database)


def _statement_titles(database: Database) -> set[str]:
    with database.transaction() as session:
        return set(session.scalars(select(Statement.title)))


def _delete_current_statement(qtbot: QtBot, window: MainWindow) -> tuple[str, Any]:
    window.show_page("statements")
    page: Any = window.page("statements")
    page.table.view.setFocus()
    title = page.table.current_row().title
    with messages.use_responder(ScriptedResponder(confirms=[True])):
        QTest.keyClick(page.table.view, Qt.Key.Key_Delete)
    return title, page


def test_undo_and_redo_keys_in_a_list_act_on_the_database(
    qtbot: QtBot, gnome_window: MainWindow, demo_database: Database, qtlog: Any
) -> None:
    window = gnome_window
    assert [k.toString() for k in window.redo_action.shortcuts()][:2] == ["Ctrl+Shift+Z", "Ctrl+Y"]
    title, page = _delete_current_statement(qtbot, window)
    view = page.table.view
    assert title not in _statement_titles(demo_database)
    assert view.hasFocus()
    QTest.keySequence(view, QKeySequence("Ctrl+Z"))
    assert title in _statement_titles(demo_database)
    QTest.keySequence(view, QKeySequence("Ctrl+Shift+Z"))
    assert title not in _statement_titles(demo_database)
    QTest.keySequence(view, QKeySequence("Ctrl+Z"))
    assert title in _statement_titles(demo_database)
    QTest.keySequence(view, QKeySequence("Ctrl+Y"))
    assert title not in _statement_titles(demo_database)
    assert [r.message for r in qtlog.records if "mbiguous" in r.message] == []


def test_undo_and_redo_keys_in_a_text_field_act_on_its_text(
    qtbot: QtBot, gnome_window: MainWindow, demo_database: Database
) -> None:
    window = gnome_window
    title, page = _delete_current_statement(qtbot, window)
    QTest.keySequence(page.table.view, QKeySequence("Ctrl+Z"))  # the statement is back
    assert title in _statement_titles(demo_database) and window.redo_action.isEnabled()
    search: QLineEdit = page.table.search
    search.setFocus()
    QTest.keyClicks(search, "tiktok")
    undo_text = window.undo_action.text()
    QTest.keySequence(search, QKeySequence("Ctrl+Z"))
    assert search.text() == ""
    QTest.keySequence(search, QKeySequence("Ctrl+Shift+Z"))
    assert search.text() == "tiktok"
    QTest.keySequence(search, QKeySequence("Ctrl+Z"))
    QTest.keySequence(search, QKeySequence("Ctrl+Y"))
    assert search.text() == "tiktok"
    # The database was never touched: the undone deletion is still there to redo.
    assert title in _statement_titles(demo_database)
    assert window.redo_action.isEnabled() and window.undo_action.text() == undo_text


# --- lists: Enter/F2 opens, Delete deletes (undoably), the Menu key opens the menu ----


def test_enter_and_f2_open_the_selected_person_and_delete_deletes_undoably(
    qtbot: QtBot, window: MainWindow, demo_database: Database
) -> None:
    window.show_page("people")
    page: Any = window.page("people")
    view = page.people.view
    page.show_person(page.people.rows()[0].id)
    view.setFocus()
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
        page.dialog = None
        QTest.keyClick(view, key)
        assert page.dialog is not None and page.dialog.isVisible(), key
        page.dialog.reject()
    never_invited = next(r for r in page.people.rows() if r.invitation_count == 0)
    page.show_person(never_invited.id)
    view.setFocus()
    with messages.use_responder(ScriptedResponder(confirms=[True])):
        QTest.keyClick(view, Qt.Key.Key_Delete)
    with demo_database.transaction() as session:
        assert session.get(Person, never_invited.id) is None
    QTest.keySequence(view, QKeySequence("Ctrl+Z"))
    with demo_database.transaction() as session:
        assert session.get(Person, never_invited.id) is not None


def test_enter_on_a_roundtable_or_statement_puts_the_cursor_in_its_title(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.show_page("roundtables")
    roundtables: Any = window.page("roundtables")
    roundtables.tabs.setCurrentWidget(roundtables.questions)
    roundtables.table.view.setFocus()
    QTest.keyClick(roundtables.table.view, Qt.Key.Key_Return)
    assert roundtables.tabs.currentWidget() is roundtables.overview
    assert roundtables.overview.title_edit.hasFocus()
    window.show_page("statements")
    statements: Any = window.page("statements")
    statements.table.view.setFocus()
    QTest.keyClick(statements.table.view, Qt.Key.Key_F2)
    assert statements.editor.title_edit.hasFocus()


def test_delete_key_deletes_a_draft_roundtable_and_ctrl_z_brings_it_back(
    qtbot: QtBot, window: MainWindow, demo_database: Database
) -> None:
    from roundtable.meetings import lifecycle

    with demo_database.transaction() as session:
        draft_id = lifecycle.create_roundtable(session, title="A spring idea", uid="sp@test").id
    assert window.store is not None
    window.store.notify_outside_change()
    window.show_page("roundtables")
    page: Any = window.page("roundtables")
    page.show_roundtable(draft_id)
    page.table.view.setFocus()
    with messages.use_responder(ScriptedResponder(confirms=[True])):
        QTest.keyClick(page.table.view, Qt.Key.Key_Delete)
    with demo_database.transaction() as session:
        assert session.get(Roundtable, draft_id) is None
    QTest.keySequence(page.table.view, QKeySequence("Ctrl+Z"))
    with demo_database.transaction() as session:
        assert session.scalars(select(Roundtable.id).where(Roundtable.uid == "sp@test")).one()


def _open_popup() -> QMenu | None:
    popup = QApplication.activePopupWidget()
    return popup if isinstance(popup, QMenu) else None


@pytest.mark.parametrize("key", ["Shift+F10", "Menu"])
def test_the_context_menu_key_opens_each_lists_menu_at_its_current_row(
    qtbot: QtBot, window: MainWindow, key: str
) -> None:
    menus: list[list[str]] = []
    for view in window.findChildren(QAbstractItemView):
        if view.contextMenuPolicy() != Qt.ContextMenuPolicy.CustomContextMenu:
            continue
        _reveal(window, view)
        if not view.isVisible():
            continue
        if view.model().rowCount() and not view.currentIndex().isValid():
            view.setCurrentIndex(view.model().index(0, 0))
        window.activateWindow()  # back from the last menu
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        view.setFocus()
        row = view.visualRect(view.currentIndex())
        wanted = view.viewport().mapToGlobal(row.center()) if row.isValid() else None
        opened: list[QMenu] = []

        def close_it(opened: list[QMenu] = opened, wanted: Any = wanted) -> None:
            popup = _open_popup()
            if popup is None:
                return
            opened.append(popup)
            menus.append([a.text() for a in popup.actions() if not a.isSeparator()])
            screen = popup.screen().availableGeometry()
            fits = wanted is not None and screen.contains(
                wanted + QPoint(popup.width(), popup.height())
            )
            if fits:  # Qt moves a menu that would not fit on the screen
                assert popup.pos() == wanted
            QTest.keyClick(popup, Qt.Key.Key_Escape)

        # A menu opened with exec() returns only when closed: close it from the event loop.
        QTimer.singleShot(0, close_it)
        QTest.keySequence(view, QKeySequence(key))
        qtbot.wait(50)
        assert opened, f"{key} opened no menu on {type(view.parentWidget()).__name__}"
        qtbot.waitUntil(lambda: _open_popup() is None, timeout=2000)
    assert len(menus) >= 3, menus  # people, invitations, questions
    assert any("E&xport contacts…" in m for m in menus)


# --- commands in context menus also have another keyboard path ------------------------


def test_context_menu_commands_are_also_on_a_button_menu_or_key(window: MainWindow) -> None:
    page: Any = window.page("people")
    elsewhere = {
        a.text()
        for b in page.findChildren(QAbstractButton)
        for a in ([*b.menu().actions()] if getattr(b, "menu", None) and b.menu() else [])
    }
    elsewhere |= {b.text() for b in page.findChildren(QAbstractButton)}
    for action in page.context_menu().actions():
        if action.isSeparator():
            continue
        text = action.text()
        plain = text.replace("&", "")
        assert text in elsewhere or plain in {t.replace("&", "") for t in elsewhere}, text


# --- Tab reaches every button ---------------------------------------------------------


#: Tab presses a widget may keep the focus for (a date edit's sections) before it is a trap.
_SECTIONS = 8


def _next_key(widget: QWidget) -> Qt.KeyboardModifier:
    """Tab, or Ctrl+Tab out of a text box where Tab types a tab (as Qt documents)."""
    text = isinstance(widget, QPlainTextEdit | QTextEdit) and not widget.isReadOnly()
    if text and not widget.tabChangesFocus():  # type: ignore[attr-defined]
        return Qt.KeyboardModifier.ControlModifier
    return Qt.KeyboardModifier.NoModifier


def _tab_cycle(start: QWidget, traps: list[str], limit: int = 400) -> list[QWidget]:
    """The widgets Tab visits from ``start`` round to a widget seen before."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    seen: list[QWidget] = []
    stayed = 0
    for _ in range(limit):
        focus = QApplication.focusWidget()
        assert focus is not None
        if seen and focus is seen[-1]:
            stayed += 1
            if stayed > _SECTIONS:
                traps.append(f"Tab stays in {type(focus).__name__} {focus.objectName()!r}")
                break
        elif focus in seen:
            break
        else:
            seen.append(focus)
            stayed = 0
        QTest.keyClick(focus, Qt.Key.Key_Tab, _next_key(focus))
    return seen


def test_tab_reaches_every_button_on_every_page(qtbot: QtBot, window: MainWindow) -> None:
    missing = []
    for key in PAGE_KEYS:
        window.show_page(key)
        page = window.pages[key]
        tabs = [page] + [
            t.widget(i) for t in page.findChildren(QTabWidget) for i in range(t.count())
        ]
        for tab in tabs:
            _reveal(window, tab)
            reached = set(_tab_cycle(window.sidebar, missing))
            for button in tab.findChildren(QAbstractButton):
                if not (button.isVisible() and button.isEnabled()):
                    continue
                if button.parentWidget() is not None and isinstance(
                    button.parentWidget(), QTabWidget
                ):
                    continue
                if button not in reached and not _inside_focusable(button, reached):
                    missing.append(f"{key}: {button.text() or button.toolTip()!r}")
    assert not missing, "\n".join(sorted(set(missing)))


def _inside_focusable(button: QWidget, reached: set[QWidget]) -> bool:
    """A button inside a widget that takes the focus itself (a tab bar's scroll arrows)."""
    parent = button.parentWidget()
    while parent is not None:
        if parent in reached and not isinstance(parent, QStackedWidget | QTabWidget):
            return parent.focusPolicy() != Qt.FocusPolicy.NoFocus and not parent.findChildren(
                QAbstractItemView
            )
        parent = parent.parentWidget()
    return False


# --- menu mnemonics ---------------------------------------------------------------------


def _mnemonic(text: str) -> str:
    plain = text.replace("&&", "")
    at = plain.find("&")
    return plain[at + 1].lower() if 0 <= at < len(plain) - 1 else ""


def _menus_of(window: MainWindow) -> list[tuple[str, list[str]]]:
    menus: list[tuple[str, list[str]]] = [
        ("menu bar", [a.text() for a in window.menuBar().actions()])
    ]
    people: Any = window.page("people")
    shown = [*window.findChildren(QMenu), people.context_menu()]
    for menu in shown:
        texts = [a.text() for a in menu.actions() if not a.isSeparator() and a.isVisible()]
        menus.append((menu.title() or type(menu.parentWidget()).__name__, texts))
    return menus


@pytest.mark.parametrize("language", ["en", "nl"])
def test_no_two_entries_of_a_menu_share_a_mnemonic(
    qtbot: QtBot, qapp: QApplication, demo_database: Database, language: str
) -> None:
    i18n.install_translators(qapp, language, pseudo=False)
    window = _shown(qtbot, demo_database)
    clashes = []
    for title, texts in _menus_of(window):
        letters = [_mnemonic(t) for t in texts if _mnemonic(t)]
        doubled = {letter for letter in letters if letters.count(letter) > 1}
        if doubled:
            clashes.append(f"{title}: {sorted(doubled)} in {texts}")
    assert clashes == []

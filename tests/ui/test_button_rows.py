"""Button rows of the roundtable tabs: whole texts in English and Dutch, wide and at minimum size.

Also the flow layout that wraps them, the narrow ▲/▼ buttons of the minutes, the
grouped actions of the invitations and the remembered division of the page.
"""

from __future__ import annotations

from itertools import combinations

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings, QSize
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from roundtable.storage.db import Database
from roundtable_ui import i18n
from roundtable_ui.main_window import MainWindow
from roundtable_ui.pages.roundtables_page import SPLITTER_KEY, RoundtablesPage
from roundtable_ui.widgets.flow_layout import FlowLayout

TABS = ("overview", "invitations", "questions", "minutes", "follow_up")


def _window(qtbot: QtBot, database: Database, size: QSize | None = None) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.set_database(database)
    window.resize(size if size is not None else QSize(1400, 880))
    window.show()
    qtbot.waitExposed(window)
    return window


def _settle() -> None:
    # Layout requests are posted events; a wrapped row asks its parent again.
    for _ in range(3):
        QApplication.processEvents()


def _page(window: MainWindow) -> RoundtablesPage:
    window.show_page("roundtables")
    page = window.page("roundtables")
    assert isinstance(page, RoundtablesPage)
    return page


def _inside_scroll_area(widget: QWidget, top: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _name(button: QAbstractButton) -> str:
    return button.text().replace("&&", "&") or button.accessibleName() or type(button).__name__


def _button_problems(tab: QWidget) -> list[str]:
    """Buttons of ``tab`` (outside tables and scrolled forms) that are cut off or overlap."""
    buttons = [
        b
        for b in tab.findChildren(QAbstractButton)
        if b.isVisibleTo(tab)
        and not _inside_scroll_area(b, tab)
        # A line edit's own icon buttons (a date field's calendar) are sized by the edit.
        and not isinstance(b.parentWidget(), QLineEdit)
    ]
    assert buttons, f"{type(tab).__name__} shows no buttons"
    problems = []
    placed: list[tuple[str, QRect]] = []
    for button in buttons:
        name = _name(button)
        if button.objectName() == "qt_toolbar_ext_button":
            problems.append("a toolbar hides actions behind its » button")
        needed = button.sizeHint().width()
        if button.width() < needed:
            problems.append(f"{name!r} is {button.width()} px wide but needs {needed}")
        # What parents and siblings leave of the button: all of it, or it is clipped.
        visible = button.visibleRegion().boundingRect()
        if visible != button.rect():
            problems.append(f"{name!r} is cut off: {visible} of {button.rect()}")
        placed.append((name, QRect(button.mapTo(tab, QPoint(0, 0)), button.size())))
    for (first, one), (second, other) in combinations(placed, 2):
        if one.intersects(other):
            problems.append(f"{first!r} overlaps {second!r}")
    return problems


@pytest.mark.parametrize("language", ["en", "nl"])
@pytest.mark.parametrize("wide", [True, False], ids=["1400x880", "minimum-size"])
def test_every_button_of_the_roundtable_tabs_shows_its_whole_text(
    qtbot: QtBot, qapp: QApplication, demo_database: Database, language: str, wide: bool
) -> None:
    assert i18n.install_translators(qapp, language, pseudo=False) == language
    window = MainWindow()
    minimum = window.minimumSize()
    window.deleteLater()
    window = _window(qtbot, demo_database, QSize(1400, 880) if wide else minimum)
    assert window.size() == (QSize(1400, 880) if wide else minimum)
    page = _page(window)
    problems: list[str] = []
    for words in ("November", "Project Clover"):
        window.open_roundtable(next(r.id for r in page.table.rows() if words in r.title))
        for name in TABS:
            tab = getattr(page, name)
            page.tabs.setCurrentWidget(tab)
            _settle()
            # The details get the room they need beside the list, never less.
            assert page.splitter.rect().contains(page.right.geometry()), name
            problems += [f"{words}, {name}: {problem}" for problem in _button_problems(tab)]
    assert problems == []


def test_the_list_takes_a_quarter_at_first_and_then_what_the_user_gave_it(
    qtbot: QtBot, demo_database: Database
) -> None:
    page = _page(_window(qtbot, demo_database))
    list_width, detail_width = page.splitter.sizes()
    assert 0.2 < list_width / (list_width + detail_width) < 0.3
    assert QSettings().value(SPLITTER_KEY) is None  # nothing stored until the user drags

    page.splitter.moveSplitter(520, 1)  # as a drag of the handle does
    assert page.splitter.sizes()[0] == 520

    again = _page(_window(qtbot, demo_database))
    assert again.splitter.sizes()[0] == 520


def test_a_broken_remembered_division_falls_back_to_the_default(
    qtbot: QtBot, demo_database: Database
) -> None:
    QSettings().setValue(SPLITTER_KEY, "not a splitter state")
    page = _page(_window(qtbot, demo_database))
    list_width, detail_width = page.splitter.sizes()
    assert 0.2 < list_width / (list_width + detail_width) < 0.3


# --- the flow layout ------------------------------------------------------------------


@pytest.fixture
def row(qtbot: QtBot) -> tuple[QWidget, FlowLayout, list[QPushButton]]:
    """Two groups of buttons: "One", "Two", "Three" and "Four", "Five"."""
    host = QWidget()
    qtbot.addWidget(host)
    flow = FlowLayout(host)
    buttons = [QPushButton(text, host) for text in ("One", "Two", "Three", "Four", "Five")]
    flow.add_group(buttons[:3])
    flow.add_group(buttons[3:])
    host.show()
    qtbot.waitExposed(host)
    return host, flow, buttons


def _lines(buttons: list[QPushButton]) -> list[list[str]]:
    tops: dict[int, list[str]] = {}
    for button in sorted(buttons, key=lambda b: (b.y(), b.x())):
        tops.setdefault(button.y(), []).append(button.text())
    return list(tops.values())


def _lay_out(host: QWidget, flow: FlowLayout, width: int) -> None:
    host.resize(width, flow.heightForWidth(width))
    _settle()


def test_flow_keeps_one_line_when_there_is_room(
    row: tuple[QWidget, FlowLayout, list[QPushButton]],
) -> None:
    host, flow, buttons = row
    _lay_out(host, flow, flow.sizeHint().width())
    assert _lines(buttons) == [["One", "Two", "Three", "Four", "Five"]]
    assert all(b.width() == b.sizeHint().width() for b in buttons)
    # The gap between the groups is wider than between the buttons of one group.
    assert buttons[3].x() - buttons[2].geometry().right() > buttons[1].x() - buttons[0].x() - (
        buttons[0].width()
    )


def test_flow_breaks_between_groups_before_it_breaks_inside_one(
    row: tuple[QWidget, FlowLayout, list[QPushButton]],
) -> None:
    host, flow, buttons = row
    one_line = flow.heightForWidth(flow.sizeHint().width())
    _lay_out(host, flow, flow.sizeHint().width() - 10)
    assert _lines(buttons) == [["One", "Two", "Three"], ["Four", "Five"]]
    assert flow.heightForWidth(host.width()) > one_line

    narrowest = flow.minimumSize().width()
    assert narrowest == max(b.sizeHint().width() for b in buttons)
    _lay_out(host, flow, narrowest)
    assert _lines(buttons) == [["One"], ["Two"], ["Three"], ["Four"], ["Five"]]
    assert all(b.width() == b.sizeHint().width() for b in buttons)


def test_flow_leaves_no_room_for_hidden_widgets(
    row: tuple[QWidget, FlowLayout, list[QPushButton]],
) -> None:
    host, flow, buttons = row
    wide = flow.sizeHint().width()
    buttons[1].hide()
    assert flow.sizeHint().width() < wide - buttons[1].width()
    _lay_out(host, flow, flow.sizeHint().width())
    assert _lines([b for b in buttons if b.isVisible()]) == [["One", "Three", "Four", "Five"]]


def test_flow_centres_a_lower_widget_on_its_line(qtbot: QtBot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    flow = FlowLayout(host)
    label, button = QLabel("Scheduled", host), QPushButton("Schedule", host)
    flow.add_group([label, button])
    host.show()
    _lay_out(host, flow, 400)
    assert label.height() < button.height()
    assert abs(label.geometry().center().y() - button.geometry().center().y()) <= 1


# --- the tabs' own rows ---------------------------------------------------------------


def test_minutes_reorder_buttons_are_narrow_arrows_with_names(
    qtbot: QtBot, demo_database: Database
) -> None:
    page = _page(_window(qtbot, demo_database))
    minutes = page.minutes
    arrows = {
        minutes.item_up_button: ("Move up", "Ctrl+Up"),
        minutes.item_down_button: ("Move down", "Ctrl+Down"),
        minutes.note_up_button: ("Move up", "Ctrl+Up"),
        minutes.note_down_button: ("Move down", "Ctrl+Down"),
    }
    for button, (name, keys) in arrows.items():
        assert isinstance(button, QToolButton)
        assert button.text() == "" and not button.icon().isNull()
        assert button.accessibleName() == name
        assert keys in button.toolTip()
        assert button.sizeHint().width() < minutes.delete_item_button.sizeHint().width()


def test_invitations_actions_are_all_on_the_row_some_in_menus(
    qtbot: QtBot, demo_database: Database
) -> None:
    page = _page(_window(qtbot, demo_database))
    tab = page.invitations
    reachable = set()
    for button in tab.toolbar.findChildren(QToolButton):
        if button.defaultAction() is not None:
            reachable.add(button.defaultAction())
        if button.menu() is not None:
            reachable.update(button.menu().actions())
    own = {
        tab.add_action,
        tab.sent_action,
        tab.accept_action,
        tab.tentative_action,
        tab.decline_action,
        tab.no_response_action,
        tab.withdraw_action,
        tab.attended_action,
        tab.no_show_action,
        tab.consent_action,
        tab.history_action,
        tab.copy_action,
        tab.remove_action,
        tab.export_action,
        tab.export_withdrawal_action,
    }
    assert own <= reachable
    assert set(tab.letters_menu.actions()) <= reachable
    assert tab.history_action.iconText() == "History…"  # the "…" says a dialog follows

    # A menu button is greyed out exactly when its menu has nothing to offer.
    page.show_roundtable(next(r.id for r in page.table.rows() if "November" in r.title))
    _settle()
    tab.table.view.clearSelection()
    assert not tab.response_button.isEnabled() and not tab.attendance_button.isEnabled()
    assert tab.calendar_button.isEnabled()  # the invitations of everyone can be exported
    tab.table.select_where(lambda r: r.name == "Amira El Idrissi")  # attended
    assert not tab.response_button.isEnabled() and tab.attendance_button.isEnabled()
    tab.table.select_where(lambda r: r.name == "Annelies Vos")  # never answered
    assert tab.response_button.isEnabled() and tab.response_menu.isEnabled()
    assert tab.attendance_button.isEnabled()

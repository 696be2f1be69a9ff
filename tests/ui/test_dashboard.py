"""The dashboard: upcoming roundtables with a response bar, unanswered invitations, actions."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from roundtable import context
from roundtable.actions import Action
from roundtable.demo import load_demo
from roundtable.enums import InvitationStatus
from roundtable.meetings import invitation_actions
from roundtable.people import persons
from roundtable.privacy import retention
from roundtable.storage.db import Database
from roundtable_ui.pages.dashboard import DashboardPage
from roundtable_ui.store import Store
from roundtable_ui.widgets.response_bar import COUNTS_ROLE, describe

LOADED = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)


@pytest.fixture
def page(qtbot: QtBot, sqlite_db: Database) -> Any:
    with context.frozen_clock(LOADED):
        with sqlite_db.transaction() as session:
            load_demo(session)
        store = Store(sqlite_db)
        page = DashboardPage(store)
        qtbot.addWidget(page)
        yield page


def test_what_needs_attention_this_week(page: Any) -> None:
    (upcoming,) = page.upcoming.rows()
    assert upcoming.title == "Project Clover one year on: civil-society roundtable"
    assert page.upcoming.model.index(0, 3).data(COUNTS_ROLE) == upcoming.counts
    assert describe(upcoming.counts) == ("5 accepted · 2 tentative · 1 declined · 5 no response")
    waiting = page.unanswered.visible_rows()
    assert len(waiting) == 5 and {r.status for r in waiting} == {InvitationStatus.INVITED}
    assert page.summary.text() == (
        "1 upcoming roundtable · 5 invitations waiting for an answer · "
        "4 open action items · 3 overdue"
    )
    dues = [page.action_items.proxy.index(i, 0) for i in range(page.action_items.proxy.rowCount())]
    overdue = [i.data() for i in dues if i.data(9) == QColor("#c0392b")]  # ForegroundRole
    assert len(overdue) == 3


def test_an_answer_elsewhere_updates_the_lists(page: Any) -> None:
    store = page._store
    first = page.unanswered.visible_rows()[0]

    store.run(invitation_actions.record_response([first.id], InvitationStatus.ACCEPTED))
    assert first.id not in {r.id for r in page.unanswered.rows()}
    assert page.upcoming.rows()[0].counts["accepted"] == 6
    store.undo_stack.undo()
    assert first.id in {r.id for r in page.unanswered.rows()}


def test_double_click_opens_the_roundtable(qtbot: QtBot, page: Any) -> None:
    row = page.upcoming.rows()[0]
    with qtbot.waitSignal(page.open_roundtable) as opened:
        page.upcoming.activated.emit(row)
    assert opened.args == [row.id]


def test_the_privacy_review_link_counts_and_opens_the_privacy_page(qtbot: QtBot, page: Any) -> None:
    store = page._store
    due = store.read(retention.count_due_for_review)
    assert due > 1 and page.privacy_due == due
    assert not page.privacy_link.isHidden()
    assert f"{due} people are due for a privacy review" in page.privacy_link.text()
    with qtbot.waitSignal(page.open_privacy):
        page.privacy_link.linkActivated.emit("privacy")

    # Keeping one person's details is a "people" change: the figure follows.
    first = store.read(lambda s: retention.due_for_review(s)[0].person_id)

    def keep(session: Any) -> None:
        retention.keep_person(session, persons.get_person(session, first))

    store.run(Action("Keep", keep))
    assert page.privacy_due == due - 1

    # With the longest period nobody is due yet, and the line goes away: a "settings" change.
    def longest(session: Any) -> None:
        retention.set_retention_months(session, 240)

    store.run(Action("Retention period", longest))
    assert page.privacy_due == 0 and page.privacy_link.isHidden()
    store.undo_stack.undo()
    assert page.privacy_due == due - 1 and not page.privacy_link.isHidden()


def test_headings_say_what_is_shown_not_this_week(page: Any) -> None:
    # The demo's action items are from 2023: no heading may call them "this week".
    texts = [page.heading.text(), page.upcoming_box.title(), page.actions_box.title()]
    assert all("week" not in t.casefold() or "more than a week" in t for t in texts)
    assert page.heading.text() == "Today, 29 Nov 2026"
    assert page.actions_box.title() == "Open action items (3 overdue, in red)"
    assert page.unanswered_box.title() == "No answer for more than a week"
    assert page.upcoming_box.title() == "Upcoming roundtables"
    for table, empty in (
        (page.upcoming, page.upcoming_empty),
        (page.unanswered, page.unanswered_empty),
        (page.action_items, page.actions_empty),
    ):
        assert not table.isHidden() and empty.isHidden()


def test_the_response_bar_shows_its_numbers(qtbot: QtBot, page: Any) -> None:
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QFontMetrics

    from roundtable_ui.widgets.response_bar import bar_layout

    page.resize(1200, 700)
    page.show()
    qtbot.waitExposed(page)
    (upcoming,) = page.upcoming.rows()
    view = page.upcoming.view
    index = page.upcoming.proxy.index(0, 3)
    rect = view.visualRect(index)
    laid = bar_layout(upcoming.counts, rect.adjusted(4, 3, -4, -3), QFontMetrics(view.font()))
    assert rect.width() >= 200  # wide enough to read
    # Every number is written in its own segment, in the order of the legend.
    assert [(name, number) for name, _box, number in laid] == [
        ("accepted", "5"),
        ("tentative", "2"),
        ("declined", "1"),
        ("awaiting", "5"),
    ]
    assert all(rect.contains(box) for _name, box, _number in laid)
    # The tooltip and what a screen reader reads still spell them out.
    expected = "5 accepted · 2 tentative · 1 declined · 5 no response"
    assert index.data(Qt.ItemDataRole.ToolTipRole) == expected
    assert index.data(Qt.ItemDataRole.AccessibleTextRole) == expected
    # And they are painted: the white numbers on the green "accepted" segment.
    image = view.viewport().grab().toImage()
    accepted = laid[0][1]
    whites = sum(
        1
        for x in range(accepted.left(), accepted.right())
        for y in range(accepted.top(), accepted.bottom())
        if image.pixelColor(x, y).lightness() > 200
    )
    assert whites > 3
    assert QRect(accepted).width() > 0


def test_empty_lists_say_what_to_do_next(qtbot: QtBot, sqlite_db: Database) -> None:
    with context.frozen_clock(LOADED):
        page = DashboardPage(Store(sqlite_db))
        qtbot.addWidget(page)
    for table, empty, words in (
        (page.upcoming, page.upcoming_empty, "New roundtable…"),
        (page.unanswered, page.unanswered_empty, "will be listed here"),
        (page.action_items, page.actions_empty, "Minutes tab"),
    ):
        assert table.isHidden() and not empty.isHidden()
        assert words in empty.text()
    assert page.legend.isHidden()
    assert page.actions_box.title() == "Open action items"

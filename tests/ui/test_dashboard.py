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

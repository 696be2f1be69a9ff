"""The Roundtables page: deleting a draft with the Delete key, undone and refused."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from roundtable.meetings import lifecycle
from roundtable.statements import records
from roundtable.storage.db import Database
from roundtable.storage.models import Roundtable, Statement
from roundtable_ui import messages
from roundtable_ui.messages import ScriptedResponder
from roundtable_ui.pages.roundtables_page import RoundtablesPage
from roundtable_ui.store import Store


@pytest.fixture
def ids(sqlite_db: Database) -> dict[str, int]:
    with sqlite_db.transaction() as session:
        draft = lifecycle.create_roundtable(session, title="An idea for spring", uid="idea@test")
        scheduled = lifecycle.create_roundtable(session, title="Project Clover roundtable")
        lifecycle.schedule(
            session, scheduled, datetime(2999, 9, 7, 14, 0), datetime(2999, 9, 7, 16, 0)
        )
        statement = records.create_statement(session, "spring", "On the spring idea")
        records.link_roundtable(session, statement, draft)
        return {"draft": draft.id, "scheduled": scheduled.id, "statement": statement.id}


@pytest.fixture
def page(qtbot: QtBot, sqlite_db: Database, ids: dict[str, int]) -> RoundtablesPage:
    page = RoundtablesPage(Store(sqlite_db))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    return page


def _titles(page: RoundtablesPage) -> set[str]:
    return {row.title for row in page.table.rows()}


def _linked(store: Store, statement_id: int) -> list[str]:
    def read(session: Any) -> list[str]:
        return [rt.uid for rt in session.get(Statement, statement_id).roundtables]

    return store.read(read)


def _press_delete(qtbot: QtBot, page: RoundtablesPage, roundtable_id: int) -> ScriptedResponder:
    page.show_roundtable(roundtable_id)
    page.table.view.setFocus()
    with messages.use_responder(ScriptedResponder(confirms=[True])) as answers:
        qtbot.keyClick(page.table.view, Qt.Key.Key_Delete)
    return answers


def test_the_delete_key_deletes_a_draft_and_undo_brings_it_back_with_its_link(
    qtbot: QtBot, page: RoundtablesPage, ids: dict[str, int]
) -> None:
    store = page._store
    page.show_roundtable(ids["draft"])
    assert page.delete_button.isEnabled()
    answers = _press_delete(qtbot, page, ids["draft"])
    assert answers.asked[0] == (
        "confirm",
        "Delete the draft “An idea for spring”? This can be undone with Edit > Undo.",
    )
    assert answers.errors == []
    assert "An idea for spring" not in _titles(page)
    assert _linked(store, ids["statement"]) == []
    assert store.undo_stack.undoText() == "Delete roundtable"

    store.undo_stack.undo()
    assert "An idea for spring" in _titles(page)
    # The same calendar event, and the statement is about it again.
    assert _linked(store, ids["statement"]) == ["idea@test"]
    store.undo_stack.redo()
    assert "An idea for spring" not in _titles(page)


def test_a_scheduled_roundtable_is_not_deleted(
    qtbot: QtBot, page: RoundtablesPage, ids: dict[str, int]
) -> None:
    store = page._store
    page.show_roundtable(ids["scheduled"])
    assert not page.delete_button.isEnabled()
    answers = _press_delete(qtbot, page, ids["scheduled"])
    [error] = answers.errors
    assert "only a draft can be deleted" in error
    assert "Project Clover roundtable" in _titles(page)
    assert store.undo_stack.count() == 0
    assert store.read(lambda s: s.get(Roundtable, ids["scheduled"]) is not None)

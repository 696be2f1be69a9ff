"""The Privacy page: the review list (keep, erase, retention period) and the audit log."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from sqlalchemy import select

from roundtable import context, demo
from roundtable.people import persons
from roundtable.privacy import audit_log, erasure, retention
from roundtable.storage.db import Database
from roundtable.storage.models import Person
from roundtable_ui import messages
from roundtable_ui.dialogs.privacy_access import AccessExportSummary
from roundtable_ui.messages import ScriptedResponder
from roundtable_ui.pages.privacy_page import PrivacyPage, action_label
from roundtable_ui.store import Store

#: The demo's autumn-2023 roundtables are more than 24 months old by then.
REVIEW_DAY = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)
INGRID = "ingrid.bos@parliament.example"  # the September 2023 hearing only
MARLOES = "marloes.vandijk@privacyfirst.example"  # invited to the upcoming roundtable


@pytest.fixture
def store(sqlite_db: Database) -> Iterator[Store]:
    with context.frozen_clock(REVIEW_DAY):
        with sqlite_db.transaction() as session:
            demo.load_demo(session)
        yield Store(sqlite_db)


@pytest.fixture
def page(qtbot: Any, store: Store) -> PrivacyPage:
    widget = PrivacyPage(store)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    return widget


@pytest.fixture
def responder() -> Iterator[ScriptedResponder]:
    with messages.use_responder(ScriptedResponder()) as scripted:
        yield scripted


def _due_ids(page: PrivacyPage) -> set[int]:
    return {row.person_id for row in page.review.table.rows()}


def _select(page: PrivacyPage, ids: set[int]) -> None:
    assert page.review.table.select_where(lambda r: r.person_id in ids) == len(ids)


def _id(store: Store, email: str) -> int:
    return store.read(lambda s: persons.get_person(s, email).id)


def test_the_review_list_shows_who_is_due(page: PrivacyPage, store: Store) -> None:
    review = page.review
    assert review.period_label.text() == (
        "Personal details are reviewed 24 months after a person's last roundtable."
    )
    assert review.retention_spin.value() == 24
    expected = store.read(lambda s: [item.person_id for item in retention.due_for_review(s)])
    assert expected and _due_ids(page) == set(expected)
    assert _id(store, INGRID) in _due_ids(page)
    assert _id(store, MARLOES) not in _due_ids(page)  # she is in a later roundtable
    # Longest due first; the row reads as the coordinator needs it.
    visible = review.table.visible_rows()
    assert [r.due_on for r in visible] == sorted(r.due_on for r in visible)
    ingrid = review.table.model.find_row(lambda r: r.person_id == _id(store, INGRID))
    cells = [review.table.model.index(ingrid, c).data() for c in range(7)]
    assert cells[0] == "Ingrid Bos"
    assert cells[3] == "Public task"
    assert cells[4].startswith("6 Sep 2023 — Committee hearing")
    assert cells[5] == "6 Sep 2025"
    assert cells[6] == "never"
    assert review.empty_label.isHidden() and not review.table.isHidden()
    # Sorting by the last roundtable goes by its date.
    review.table.view.sortByColumn(4, Qt.SortOrder.AscendingOrder)
    days = [r.last_roundtable_on for r in review.table.visible_rows()]
    assert days == sorted(days) and days[0] == date(2023, 9, 6)
    # The search box filters.
    review.table.search.setText("parliament.example")
    assert {r.person_id for r in review.table.visible_rows()} == {_id(store, INGRID)}


def test_keep_removes_the_rows_and_undo_brings_them_back(page: PrivacyPage, store: Store) -> None:
    before = _due_ids(page)
    chosen = set(sorted(before)[:3])
    _select(page, chosen)
    assert page.review.keep_button.text() == "&Keep 3"
    page.review.keep_button.click()
    assert _due_ids(page) == before - chosen
    assert store.undo_stack.undoText() == "Keep 3 people"
    assert (
        store.read(lambda s: [a.action for a in audit_log.list_audit_entries(s)]).count(
            "privacy.keep"
        )
        == 3
    )

    store.undo_stack.undo()
    assert _due_ids(page) == before
    reviewed = store.read(
        lambda s: list(s.scalars(select(Person.retention_reviewed_at).where(Person.id.in_(chosen))))
    )
    assert reviewed == [None, None, None]
    store.undo_stack.redo()
    assert _due_ids(page) == before - chosen


def test_keep_one_is_named_in_the_undo_text(page: PrivacyPage, store: Store) -> None:
    ingrid = _id(store, INGRID)
    _select(page, {ingrid})
    page.review.keep_button.click()
    assert store.undo_stack.undoText() == "Keep “Ingrid Bos”"
    assert ingrid not in _due_ids(page)


def test_the_retention_period_changes_the_list_and_undoes(
    qtbot: Any, page: PrivacyPage, store: Store
) -> None:
    review = page.review
    due_at_24 = _due_ids(page)
    # Clicking up from 24 to 40 makes one step, saved when editing ends.
    for _ in range(16):
        review.retention_spin.stepUp()
    assert store.undo_stack.count() == 0
    review.retention_spin.editingFinished.emit()
    assert store.undo_stack.count() == 1
    assert store.undo_stack.undoText() == "Retention period 40 months"
    assert store.read(retention.retention_months) == 40
    assert review.period_label.text().startswith("Personal details are reviewed 40 months")
    # Three years and more after autumn 2023: only the September hearing's people remain due.
    due_at_40 = _due_ids(page)
    assert due_at_40 < due_at_24 and _id(store, INGRID) not in due_at_40

    review.retention_spin.setValue(240)
    review.apply_retention()
    assert _due_ids(page) == set()
    assert review.table.isHidden() and not review.empty_label.isHidden()
    assert review.empty_label.text().startswith("Nobody is due for review.")
    assert "The next one is due on 6 Sep 2043." in review.empty_label.text()

    store.undo_stack.undo()
    store.undo_stack.undo()
    assert store.read(retention.retention_months) == 24
    assert review.retention_spin.value() == 24
    assert _due_ids(page) == due_at_24
    assert review.empty_label.isHidden()


def test_the_spin_box_saves_after_a_pause(qtbot: Any, page: PrivacyPage, store: Store) -> None:
    page.review.retention_spin.setValue(36)
    qtbot.waitUntil(lambda: store.read(retention.retention_months) == 36, timeout=3000)
    assert store.undo_stack.count() == 1


def test_erase_one_from_the_review_list(
    qtbot: Any, page: PrivacyPage, store: Store, responder: ScriptedResponder
) -> None:
    ingrid = _id(store, INGRID)
    _select(page, {ingrid})
    page.review.erase_button.click()
    dialog = page.review.dialog
    assert dialog is not None and dialog.name == "Ingrid Bos"
    assert not dialog.erase_button.isEnabled()
    qtbot.keyClicks(dialog.confirm_edit, "ingrid bos")
    qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
    assert ingrid not in _due_ids(page)  # erased people are never due
    assert store.read(lambda s: s.get(Person, ingrid).name) == f"Erased person #{ingrid}"
    done = [box for box in page.findChildren(QMessageBox) if box.isVisible()]
    assert len(done) == 1 and "Ingrid Bos" in done[0].text()
    done[0].close()


def test_erase_several_asks_once_and_erases_all(
    page: PrivacyPage, store: Store, responder: ScriptedResponder
) -> None:
    chosen = set(sorted(_due_ids(page))[:2])
    _select(page, chosen)
    assert page.review.erase_button.text() == "&Erase 2…"
    responder.confirms.append(True)
    page.review.erase_button.click()
    assert len([kind for kind, _text in responder.asked if kind == "confirm"]) == 1
    assert not chosen & _due_ids(page)
    erased = store.read(
        lambda s: list(s.scalars(select(Person.erased_at).where(Person.id.in_(chosen))))
    )
    assert all(moment is not None for moment in erased)
    for box in page.findChildren(QMessageBox):
        box.close()


def test_the_audit_log_lists_an_erasure_and_filters(
    qtbot: Any, page: PrivacyPage, store: Store, responder: ScriptedResponder
) -> None:
    ingrid, lucas = _id(store, INGRID), _id(store, "lucas.brandt@tiktok.example")
    _select(page, {lucas})
    page.review.keep_selected()
    with store.database.transaction() as session:
        erasure.erase_person(session, persons.get_person(session, ingrid))
    store.notify_outside_change()
    page.show_audit_log()
    audit = page.audit.table
    actions = [row.action for row in audit.visible_rows()]
    assert actions[:2] == ["privacy.erase", "privacy.keep"]  # newest first
    first = audit.proxy.index(0, 0)
    assert first.data() == context_time(REVIEW_DAY)
    assert audit.proxy.index(0, 1).data() == "tester"
    assert audit.proxy.index(0, 2).data() == "Person erased"
    assert f"person id: {ingrid}" in audit.proxy.index(0, 3).data()
    # The name is in no row of the log.
    assert not any("Ingrid" in row.detail for row in audit.rows())

    labels = [audit.choice.itemText(i) for i in range(audit.choice.count())]
    audit.choice.setCurrentIndex(labels.index("Erasures"))
    assert [row.action for row in audit.visible_rows()] == ["privacy.erase"]
    audit.choice.setCurrentIndex(labels.index("Privacy reviews"))
    assert [row.action for row in audit.visible_rows()] == ["privacy.keep"]
    audit.choice.setCurrentIndex(0)
    audit.search.setText("erased")
    assert [row.action for row in audit.visible_rows()] == ["privacy.erase"]

    # A later change while the log is shown appears at once.
    audit.search.clear()
    page.review.retention_spin.setValue(30)
    page.review.apply_retention()
    assert audit.visible_rows()[0].action == "privacy.retention"
    assert audit.proxy.index(0, 2).data() == "Retention period changed"


def test_an_export_from_the_review_list_shows_in_the_audit_log(
    qtbot: Any,
    page: PrivacyPage,
    store: Store,
    responder: ScriptedResponder,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page.show_audit_log()
    assert "privacy.access_export" not in [row.action for row in page.audit.table.rows()]
    page.show_review()
    folder = tmp_path / "requests"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: str(folder))
    ingrid = _id(store, INGRID)
    _select(page, {ingrid})
    assert page.review.access_button.isEnabled()
    page.review.access_button.click()
    assert responder.errors == []
    assert sorted(path.suffix for path in folder.iterdir()) == [".html", ".json"]
    page.show_audit_log()
    first = page.audit.table.visible_rows()[0]
    assert (first.action, first.entity_id) == ("privacy.access_export", ingrid)
    assert page.audit.table.proxy.index(0, 2).data() == "Personal data exported"
    assert store.undo_stack.count() == 0  # nothing to undo
    for summary in page.findChildren(AccessExportSummary):
        summary.close()


def test_a_keep_refused_by_the_core_is_shown_and_the_list_reloaded(
    page: PrivacyPage, store: Store, responder: ScriptedResponder
) -> None:
    """Someone at another desk erased the person after the list was read."""
    ingrid = _id(store, INGRID)
    _select(page, {ingrid})
    with store.database.transaction() as session:
        erasure.erase_person(session, persons.get_person(session, ingrid))
    page.review.keep_button.click()
    (error,) = responder.errors
    assert "already erased" in error
    assert store.undo_stack.count() == 0
    assert ingrid not in _due_ids(page)


def context_time(moment: datetime) -> str:
    from roundtable_ui.pages.privacy_page import local_time

    return local_time(moment)


def test_action_labels() -> None:
    assert action_label("contacts.import") == "Contacts imported"
    assert action_label("contacts.merge") == "People merged"
    assert action_label("privacy.access_export") == "Personal data exported"
    assert action_label("delete", "roundtable") == "Roundtable deleted"
    assert action_label("delete") == "Deleted"
    assert action_label("calendar.host_message") == "Calendar message from the host"
    assert action_label("something.new") == "something.new"


def test_focus_search_follows_the_tab(qtbot: Any, page: PrivacyPage) -> None:
    page.focus_search()
    qtbot.waitUntil(lambda: page.review.table.search.hasFocus())
    page.show_audit_log()
    page.focus_search()
    qtbot.waitUntil(lambda: page.audit.table.search.hasFocus())


def test_double_click_asks_to_open_the_person(qtbot: Any, page: PrivacyPage) -> None:
    row = page.review.table.rows()[0]
    with qtbot.waitSignal(page.open_person) as opened:
        page.review.table.activated.emit(row)
    assert opened.args == [row.person_id]


def test_nobody_due_on_an_empty_database(qtbot: Any, sqlite_db: Database) -> None:
    page = PrivacyPage(Store(sqlite_db))
    qtbot.addWidget(page)
    assert page.review.table.rows() == []
    assert page.review.empty_label.text() == "Nobody is due for review."
    assert not page.review.keep_button.isEnabled() and not page.review.erase_button.isEnabled()
